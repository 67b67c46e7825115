"""The usual spreadsheet mistakes in a CSV file, each named with what to do about it.

:mod:`lessons.data` reads a table's header and rows; when they do not fit its schema it asks here why:
a header separated by ``;`` or tabs, a header row that is not first, a column name with stray spaces or
capitals (:func:`header_problems`); a row with too many or too few cells, or a quote left open
(:func:`ragged_row_problem`); a cell longer than :data:`MAX_CELL` (:func:`long_cell_problem`). Every
finding is a :class:`lessons.checks.Problem`.
"""

from __future__ import annotations

from .checks import Problem

#: Longest cell accepted (characters); longer cells are almost always a quote that was never closed.
MAX_CELL = 20_000


def header_problems(name: str, header: list[str], expected: list[str], records: list) -> list[Problem]:
    """Why the header does not match, naming the spreadsheet mistake when it is a common one."""
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    if missing:
        joined = ",".join(header)
        for delim, label in ((";", "semicolons (;)"), ("\t", "tabs"), ("|", "bars (|)")):
            if delim in joined and set(expected) <= {c.strip() for c in joined.split(delim)}:
                return [
                    Problem(
                        name,
                        1,
                        None,
                        None,
                        f"the columns are separated by {label}, not commas: save the "
                        "file as 'CSV UTF-8 (comma delimited)'",
                    )
                ]
        for line, cells in records:
            if set(expected) <= set(cells):
                return [
                    Problem(
                        name,
                        1,
                        None,
                        ",".join(header)[:80],
                        f"the header row is on line {line}, not line 1: delete "
                        "the lines above it (or, if the sheet was sorted, move the header back to the top)",
                    )
                ]
    problems = []
    for column in missing:
        near = [h for h in header if h.strip().lower() == column and h != column]
        hint = f" (the header has {near[0]!r}: use exactly {column!r})" if near else ""
        problems.append(Problem(name, 1, column, None, f"required column is missing from the header{hint}"))
    for column in extra:
        if column.strip().lower() in expected:
            continue
        problems.append(Problem(name, 1, column, None, "unexpected column (not in datapackage.json)"))
    if len(set(header)) != len(header):
        problems.append(Problem(name, 1, None, ",".join(header), "header repeats a column name"))
    return problems


def ragged_row_problem(name: str, line: int, cells: list[str], header: list[str], at_end: bool) -> Problem:
    """A row whose cell count differs from the header's, with the likely cause."""
    for k, cell in enumerate(cells):
        if "\n" in cell:
            column = header[k] if k < len(header) else None
            return Problem(
                name,
                line,
                column,
                cell[:40],
                'a quote (") opened in this cell is never closed, so the lines after it were read into it: '
                "close the quote" + (" (it runs to the end of the file)" if at_end else ""),
            )
    if len(cells) > len(header):
        return Problem(
            name,
            line,
            None,
            ",".join(cells)[:80],
            f"row has {len(cells)} cells but the header has {len(header)}: "
            "put a cell that contains a comma in double quotes",
        )
    return Problem(
        name,
        line,
        None,
        ",".join(cells)[:80],
        f"row has {len(cells)} cells but the header has {len(header)}: a cell is missing or merged",
    )


def long_cell_problem(name: str, line: int, column: str, value: str) -> Problem | None:
    if len(value) <= MAX_CELL:
        return None
    return Problem(
        name,
        line,
        column,
        value[:40],
        f"cell is {len(value):,} characters long (at most {MAX_CELL:,}): shorten it, or close a quote left open",
    )
