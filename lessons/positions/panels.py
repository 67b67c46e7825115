"""The positions explorer's HTML and its reading table: the proposition key, the grid as a table, and
the statements panels (one party's statements on an issue, or two parties side by side).

Each function is pure: tables in, an :class:`~lessons.html.Html` (or, for :func:`matrix_frame`, a
DataFrame) out; lookups default to :func:`lessons.data.load`.
"""

from __future__ import annotations

import pandas as pd

from .. import data
from ..html import Html, citations, empty_state, esc, fmt_day, publishers, quote, table
from ..style import INK, MUTED, STANCE_COLOURS, STANCE_LABELS, STANCE_ORDER
from .matrix import (
    _MARK_INK,
    _NO_STATEMENT,
    ISSUE_LABELS,
    ISSUE_ORDER,
    ISSUE_PROPOSITIONS,
    STANCE_MARKS,
    _party_names,
    _party_order,
    issue_label,
    positions_matrix,
    statements,
)

#: How many statements a details panel lists before saying "and N more".
MAX_STATEMENTS = 12


def proposition_key(issues=None) -> Html:
    """What each column of the grid measures ("supports" = supports this proposition), and the stance key."""
    issues = ISSUE_ORDER if issues is None else [i for i in issues if i in ISSUE_LABELS]
    items = "".join(f"<li><b>{esc(ISSUE_LABELS[i])}</b>: {esc(ISSUE_PROPOSITIONS[i])}</li>" for i in issues)
    # the key's swatches carry the figure's own marks, in the figure's ink (white on the dark "supports" blue)
    swatches = [(STANCE_COLOURS[s], STANCE_LABELS[s], STANCE_MARKS[s], _MARK_INK.get(s, INK)) for s in STANCE_ORDER]
    swatches.append(("#ffffff", _NO_STATEMENT, "○", MUTED))
    entries = "".join(
        f"<li><span class='lessons-swatch' style='background:{bg};color:{ink}' aria-hidden='true'>"
        f"{esc(mark)}</span>{esc(label)}</li>"
        for bg, label, mark, ink in swatches
    )
    stances = Html(
        f"<div class='lessons-keybox'><b>Stance toward the proposition</b><ul class='lessons-key'>{entries}</ul></div>"
    )
    return Html(
        f"<div class='lessons-panel' role='group' aria-label='What each stance is measured against'>"
        f"<h3>What does “supports” mean? Each stance is measured against one proposition per issue</h3>"
        f"<ul>{items}</ul>{stances.markup}</div>"
    )


#: The older name, kept for notebooks that call it.
proposition_html = proposition_key


def matrix_frame(
    positions: pd.DataFrame | None = None, parties: pd.DataFrame | None = None, sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The grid as a table for reading: party by party (in the parties table's order), issue by issue,
    with the proposition, the latest stance, its date, who said it, how many statements and the sources."""
    positions = data.load("positions") if positions is None else positions
    parties = data.load("parties") if parties is None else parties
    sources = data.load("sources") if sources is None else sources
    names = _party_names(parties)
    matrix = positions_matrix(positions)
    columns = [
        "Party",
        "Issue",
        "Proposition",
        "Latest stance",
        "Latest statement",
        "Who said it",
        "Statements",
        "Sources",
    ]
    if matrix.empty:
        return pd.DataFrame(columns=columns)
    order = {p: i for i, p in enumerate(_party_order(positions, parties))}
    matrix = matrix.assign(_p=matrix["party_id"].map(order)).sort_values("_p", kind="stable")
    rows = matrix.to_dict("records")
    return pd.DataFrame(
        {
            "Party": [names.get(r["party_id"], r["party_id"]) for r in rows],
            "Issue": [issue_label(r["issue"]) for r in rows],
            "Proposition": [ISSUE_PROPOSITIONS.get(r["issue"], "") for r in rows],
            "Latest stance": [
                f"{STANCE_MARKS.get(r['stance'], '')} {STANCE_LABELS.get(r['stance'], r['stance'])}".strip()
                for r in rows
            ],
            "Latest statement": [fmt_day(r["date"]) for r in rows],
            "Who said it": ["" if pd.isna(r.get("speaker")) else str(r["speaker"]) for r in rows],
            "Statements": [int(r["statements"]) for r in rows],
            "Sources": [publishers(r.get("source_ids"), sources) for r in rows],
        },
        columns=columns,
    )


def matrix_table(
    positions: pd.DataFrame | None = None, parties: pd.DataFrame | None = None, sources: pd.DataFrame | None = None
) -> Html:
    """:func:`matrix_frame` as a table (for reading aloud or printing)."""
    return table(
        matrix_frame(positions, parties, sources),
        "Latest stance of each party toward each proposition",
        empty="No positions are recorded.",
    )


def _statement_html(row, names, sources) -> str:
    when = fmt_day(row["date"])
    stance = str(row["stance"])
    swatch = (
        f"<span class='lessons-swatch' style='background:{STANCE_COLOURS.get(stance, MUTED)};"
        f"color:{_MARK_INK.get(stance, INK)}' aria-hidden='true'>{esc(STANCE_MARKS.get(stance, ''))}</span>"
    )
    speaker = row.get("speaker")
    party = names.get(str(row["party_id"]), row["party_id"])
    who = str(speaker) if esc(speaker) else str(party)
    return (
        f"<li><div><b>{esc(when)}</b> · {swatch} {esc(STANCE_LABELS.get(stance, stance))}"
        f" · <span class='lessons-muted'>{esc(who)}</span></div><div>{esc(row['summary'])}</div>"
        f"{quote(row.get('quote'), f'{who}, {when}').markup}"
        f"<div>{citations(row['source_ids'], sources).markup}</div></li>"
    )


def statements_html(
    positions: pd.DataFrame,
    party,
    issue,
    parties=None,
    sources=None,
    limit: int = MAX_STATEMENTS,
    *,
    rendered: dict | None = None,
) -> Html:
    """A party's statements on an issue, oldest first and numbered so, with quotations, speakers and sources.
    ``rendered`` maps position ids to their list items (an explorer makes them once, with its cells' ids)."""
    names = _party_names(data.load("parties") if parties is None else parties)
    if party is None:
        return empty_state("Choose a party to see its statements.", "Click a cell of the grid or use the Party menu.")
    if issue is None:
        return empty_state("Choose an issue to see the statements.")
    if names and str(party) not in names:
        return empty_state(f"There is no party with the id {party!r} in the data.")
    if issue not in ISSUE_LABELS:
        return empty_state(f"There is no issue called {issue!r}.", "Pick one from the Issue menu.")
    if rendered is None:
        sources = data.load("sources") if sources is None else sources
        rows = statements(positions, party, issue).to_dict("records")
        rendered = {r["id"]: _statement_html(r, names, sources) for r in rows}
        ids = [r["id"] for r in rows]
    else:
        ids = list(positions)  # the cell's ids, oldest first
    return _panel(names.get(str(party), str(party)), issue, [rendered[i] for i in ids], limit)


def _panel(name: str, issue: str, items: list[str], limit: int) -> Html:
    head = (
        f"<h3>{esc(name)}: {esc(issue_label(issue))}</h3>"
        f"<div class='lessons-muted'>Stance toward the proposition: <b>{esc(ISSUE_PROPOSITIONS[issue])}</b></div>"
    )
    if not items:
        return Html(head) + empty_state(
            f"No statement by {name} on this issue is recorded in the data.",
            "Try another issue, or compare with another party.",
        )
    shown = items[-limit:]
    first = len(items) - len(shown) + 1
    more = (
        f"<p class='lessons-muted'>Showing the {limit} most recent of {len(items)} statements.</p>"
        if len(items) > limit
        else ""
    )
    return Html(
        f"<div class='lessons-details'>{head}{more}<ol class='lessons-sources' start='{first}'>"
        f"{''.join(shown)}</ol></div>"
    )


def compare_html(
    positions=None,
    party_a=None,
    party_b=None,
    issue=None,
    parties=None,
    sources=None,
    limit: int = MAX_STATEMENTS,
    *,
    rendered: dict | None = None,
) -> Html:
    """Two parties' statements on one issue, side by side."""
    positions = data.load("positions") if positions is None else positions
    if party_a is None or party_b is None:
        return empty_state("Choose two parties to compare.", "Use the Party and Second party menus.")
    if str(party_a) == str(party_b):
        label = _party_names(data.load("parties") if parties is None else parties).get(str(party_a), party_a)
        return empty_state(
            f"Both menus name the same party ({label}): there is nothing to compare it with.",
            "Choose a different party in the Second party menu.",
        )
    cell = (lambda p: positions.get((str(p), str(issue)), [])) if rendered is not None else (lambda p: positions)
    left = statements_html(cell(party_a), party_a, issue, parties, sources, limit, rendered=rendered)
    right = statements_html(cell(party_b), party_b, issue, parties, sources, limit, rendered=rendered)
    return Html(
        f"<div style='display:grid;grid-template-columns:1fr 1fr;gap:16px'>"
        f"<section aria-label='first party'>{left.markup}</section>"
        f"<section aria-label='second party'>{right.markup}</section></div>"
    )
