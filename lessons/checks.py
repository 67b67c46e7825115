"""The rules the data must keep, apart from reading it: problems, references, rules across rows.

:mod:`lessons.data` reads and types the files; this module says what is wrong with them, always as a
:class:`Problem` with file, line, column and value, gathered into one :class:`DataError`.

* **References** are read from ``datapackage.json``: standard ``foreignKeys`` for single ids, and the
  package's own ``x-references`` for what Table Schema cannot say (``;``-separated lists of ids, and ids
  of GeoJSON features). Nothing here names a table or a column that references another.
* **Domain rules** frictionless cannot express: dates in order and not after ``as_of``, eras with an end,
  quiz proofs and claim evidence that point at a row, and text in the script its column declares
  (``x-script``).

The rules for places and GeoJSON features (inside their region, inside Crimea exactly when ``in_crimea``
says so, sourced and valid geometry) are in :mod:`lessons.geo_checks`; the spreadsheet mistakes a CSV
file's shape shows (a ``;`` delimiter, a header not on line 1, a quote left open, a huge cell) are in
:mod:`lessons.csv_checks`. Both build on :class:`Problem` from here.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

#: Date fields that describe the world (not publication dates): none may lie after as_of.
WORLD_DATES = {"start_date", "end_date", "date", "announced_date", "control_since", "valid_from", "valid_to"}
#: Resources whose ``date`` field is a publication or access date, exempt from the as_of check.
PUBLICATION_RESOURCES = {"sources"}
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_QUESTION_RUN = re.compile(r"\?{3,}")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as possible."""

    file: str
    line: int | None
    column: str | None
    value: object
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column!r}"
        shown = "" if self.value in (None, "") else f" (value {str(self.value)[:80]!r})"
        return f"{where}: {self.message}{shown}"


class DataError(ValueError):
    """The data package is broken. ``problems`` lists every :class:`Problem` found.

    In a notebook, ``import lessons`` shows it as one panel (:mod:`lessons.notebook_errors`), not a traceback."""

    #: What a teacher does about it (the default: fix the cells named).
    FIX = (
        "correct each cell named above (the line numbers are those a spreadsheet shows), save as CSV UTF-8, "
        "then run `make check-data` and restart the kernel."
    )

    def __init__(self, problems: list[Problem], directory: str | Path | None = None, fix: str | None = None):
        self.problems = list(problems)
        self.directory = None if directory is None else str(directory)
        self.fix = fix or self.FIX
        lines = "\n".join(f"  - {p}" for p in self.problems[:200])
        more = "" if len(self.problems) <= 200 else f"\n  ... and {len(self.problems) - 200} more"
        super().__init__(f"{len(self.problems)} problem(s) in the data package:\n{lines}{more}")

    def _render_traceback_(self) -> list[str]:
        """What IPython prints instead of a traceback when no panel can be shown."""
        return [self.text()]

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(self.text())

    def text(self) -> str:
        where = f" in {self.directory}" if self.directory else ""
        return f"The lessons' data could not be loaded{where}.\n{self.args[0]}\n\nHow to fix: {self.fix}"


def split_ids(value, delimiter: str = ";") -> tuple[str, ...]:
    """``'a;b'`` -> ``('a', 'b')``; empty or missing -> ``()``."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return ()
    if isinstance(value, tuple):
        return value
    return tuple(part for part in str(value).split(delimiter) if part)


# --------------------------------------------------------------------------- the descriptor


@dataclass(frozen=True)
class Reference:
    """A field whose values are ids of another resource, as ``datapackage.json`` declares it."""

    resource: str
    field: str
    target: str
    target_field: str = "id"
    delimiter: str | None = None


def references(descriptor: dict) -> list[Reference]:
    """Every reference the descriptor declares: ``foreignKeys`` and the package's ``x-references``."""
    out = []
    for res in resources(descriptor):
        schema = res.get("schema") or {}
        for key, custom in (("foreignKeys", False), ("x-references", True)):
            for fk in schema.get(key) or []:
                fields = fk.get("fields")
                ref = fk.get("reference") or {}
                target_fields = ref.get("fields", "id")
                for i, name in enumerate([fields] if isinstance(fields, str) else fields or []):
                    target = target_fields if isinstance(target_fields, str) else target_fields[i]
                    out.append(
                        Reference(
                            res.get("name", ""),
                            name,
                            ref.get("resource", ""),
                            target,
                            fk.get("delimiter") if custom else None,
                        )
                    )
    return out


def list_fields(descriptor: dict, name: str) -> dict[str, str]:
    """The fields of resource ``name`` that hold delimited lists of ids, with their delimiter."""
    return {r.field: r.delimiter for r in references(descriptor) if r.resource == name and r.delimiter}


def resources(descriptor: dict) -> list[dict]:
    value = descriptor.get("resources") if isinstance(descriptor, dict) else None
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def check_descriptor(descriptor, directory: Path) -> tuple[dt.date | None, list[Problem]]:
    """``as_of``, the resource list and resource paths. Returns the as_of date (None if unusable)."""
    name = "datapackage.json"
    if not isinstance(descriptor, dict):
        return None, [Problem(name, None, None, None, 'expected a JSON object with "as_of" and "resources"')]
    problems, as_of = [], None
    raw = descriptor.get("as_of")
    if not raw:
        problems.append(
            Problem(
                name,
                None,
                "as_of",
                None,
                'as_of is missing: add "as_of": "YYYY-MM-DD", the date up to which the data is checked',
            )
        )
    else:
        try:
            as_of = dt.date.fromisoformat(str(raw))
        except ValueError:
            problems.append(Problem(name, None, "as_of", raw, "wrong type: expected a date YYYY-MM-DD"))
    if not isinstance(descriptor.get("resources"), list) or not descriptor["resources"]:
        problems.append(Problem(name, None, "resources", None, "expected a list of resources"))
        return as_of, problems
    root, seen = directory.resolve(), set()
    for i, res in enumerate(descriptor["resources"]):
        if not isinstance(res, dict) or not res.get("name") or not isinstance(res.get("path"), str):
            problems.append(Problem(name, None, f"resources[{i}]", None, "a resource needs a name and a path"))
            continue
        if res["name"] in seen:
            problems.append(Problem(name, None, f"resources[{i}].name", res["name"], "duplicate resource name"))
        seen.add(res["name"])
        path = res["path"]
        target = (directory / path).resolve()
        if Path(path).is_absolute() or ".." in Path(path).parts or root not in target.parents:
            problems.append(
                Problem(
                    name,
                    None,
                    f"resources[{i}].path",
                    path,
                    "path leaves the data folder: give a file name inside data/",
                )
            )
        if res.get("type") != "json" and not isinstance((res.get("schema") or {}).get("fields"), list):
            problems.append(Problem(name, None, f"resources[{i}].schema", None, "a table needs schema.fields"))
    return as_of, problems


def safe_resources(descriptor: dict, problems: list[Problem]) -> list[dict]:
    """The resources that passed :func:`check_descriptor` (a bad path is never opened)."""
    bad = {p.value for p in problems if p.column and p.column.endswith(".path")}
    out, names = [], set()
    for r in resources(descriptor):
        if r.get("name") and isinstance(r.get("path"), str) and r["path"] not in bad and r["name"] not in names:
            out.append(r)
            names.add(r["name"])
    return out


# --------------------------------------------------------------------------- checks across rows


def check_references(
    tables: dict, lines: dict, descriptor: dict, layers: dict, problems: list[Problem], incomplete: set = frozenset()
) -> None:
    """Every declared reference resolves (into a table's ids or a GeoJSON layer's feature ids).

    References into a table in ``incomplete`` (rows that could not be read) are not checked: the ids
    of its lost rows would only repeat the one problem already reported, once per row that cites them."""
    paths = {r["name"]: r["path"] for r in resources(descriptor) if "name" in r and "path" in r}
    for ref in references(descriptor):
        if ref.resource not in tables or ref.target in incomplete:
            continue
        if ref.target in tables:
            known = {row.get(ref.target_field) for row in tables[ref.target]}
            where = f"not in {ref.target}"
        elif ref.target in layers:
            key = ref.target_field.removeprefix("properties.")
            known = {
                (f.get("properties") or {}).get(key)
                for f in layers[ref.target].get("features", [])
                if isinstance(f, dict)
            }
            where = f"not a feature of {paths.get(ref.target, ref.target)}"
        else:
            continue  # the target itself failed to load; its own problems say why
        for i, row in enumerate(tables[ref.resource]):
            value = row.get(ref.field)
            if not value:
                continue
            for one in split_ids(value, ref.delimiter) if ref.delimiter else (value,):
                if one not in known:
                    problems.append(
                        Problem(paths[ref.resource], lines[ref.resource][i], ref.field, one, f"unknown id: {where}")
                    )


def check_rows(
    tables: dict,
    lines: dict,
    descriptor: dict,
    as_of: dt.date | None,
    problems: list[Problem],
    incomplete: set = frozenset(),
) -> None:
    """Dates in order and not after as_of, eras with an end, quiz proofs that point at a row."""
    ids = {name: {r["id"] for r in rows if r.get("id")} for name, rows in tables.items()}
    unread = {r.get("name") for r in resources(descriptor)} - set(tables) | set(incomplete)
    for res in resources(descriptor):
        name = res.get("name")
        if name not in tables:
            continue
        path = res["path"]
        for i, row in enumerate(tables[name]):
            line = lines[name][i]
            start, end = row.get("start_date"), row.get("end_date")
            if start and end and end < start:
                problems.append(
                    Problem(path, line, "end_date", end.isoformat(), f"ends before it starts ({start.isoformat()})")
                )
            if as_of and name not in PUBLICATION_RESOURCES:
                for col in sorted(WORLD_DATES & row.keys()):
                    if isinstance(row[col], dt.date) and row[col] > as_of:
                        problems.append(
                            Problem(
                                path,
                                line,
                                col,
                                row[col].isoformat(),
                                f"is after the data's as_of date {as_of.isoformat()}",
                            )
                        )
            if name == "events" and row.get("type") == "era" and start and not end:
                problems.append(Problem(path, line, "end_date", "", "an era needs an end_date (it is drawn as a span)"))
            if name == "quiz" and row.get("proof"):
                target, _, ref = row["proof"].partition(":")
                if target not in unread and (target not in ids or ref not in ids[target]):
                    problems.append(Problem(path, line, "proof", row["proof"], "points to no existing data row"))
            if name == "claims" and row.get("evidence"):
                problems += _evidence_problems(path, line, row["evidence"], ids, unread)


def _evidence_problems(path: str, line: int, evidence, ids: dict, unread: set) -> list[Problem]:
    """A claim's evidence, ``table:row-id`` joined by ``;``: each must name a row that exists (the claim
    checker would otherwise show '(missing from the data)' in class)."""
    refs = evidence if isinstance(evidence, (list, tuple)) else split_ids(evidence)
    out = []
    for ref in refs:
        target, _, row_id = str(ref).partition(":")
        if target in unread:
            continue
        if not row_id or target not in ids:
            out.append(Problem(path, line, "evidence", str(ref), "should be table:row-id, e.g. events:ev-…"))
        elif row_id not in ids[target]:
            out.append(Problem(path, line, "evidence", str(ref), f"points to no row of {target}"))
    return out


def check_scripts(tables: dict, lines: dict, descriptor: dict, problems: list[Problem]) -> None:
    """Text survives a spreadsheet's re-save: declared scripts present, no runs of '?'."""
    for res in resources(descriptor):
        name = res.get("name")
        if name not in tables:
            continue
        fields = [f for f in (res.get("schema") or {}).get("fields", []) if f.get("type") == "string"]
        for i, row in enumerate(tables[name]):
            for fdef in fields:
                value, col = row.get(fdef["name"]), fdef["name"]
                if not isinstance(value, str) or not value:
                    continue
                script = fdef.get("x-script")
                lost = "?" in value if script else bool(_QUESTION_RUN.search(value))
                if lost:
                    problems.append(
                        Problem(
                            res["path"],
                            lines[name][i],
                            col,
                            value,
                            "has '?' where letters should be: the file was probably saved in a "
                            "non-UTF-8 encoding ('ANSI'); restore it and save as CSV UTF-8",
                        )
                    )
                elif script == "Cyrillic" and not _CYRILLIC.search(value):
                    problems.append(
                        Problem(
                            res["path"],
                            lines[name][i],
                            col,
                            value,
                            "has no Cyrillic letter: this column holds the name in Cyrillic script",
                        )
                    )
