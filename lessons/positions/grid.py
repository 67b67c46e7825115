"""The positions grid as a plotly figure: one square per party and proposition, coloured by the latest
stance and marked with its sign, open circles where nothing is recorded, and the text description.

:func:`positions_figure` is pure: tables in, a figure out (``customdata`` is ``[party_id, issue]``, the
last trace is the selection outline an explorer moves). :func:`_axis_labels` gives the unique labels the
explorer uses to place that outline.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import data
from ..hover import hover_text, plain
from ..html import fmt_day
from ..style import INK, MUTED, STANCE_COLOURS, STANCE_LABELS, STANCE_ORDER, empty_figure
from .matrix import (
    _MARK_INK,
    _NO_STATEMENT,
    ISSUE_HEADINGS,
    ISSUE_ORDER,
    ISSUE_PROPOSITIONS,
    STANCE_MARKS,
    _party_names,
    _party_order,
    issue_label,
    positions_matrix,
)

_EXCERPT = 160


def _wrap(text: str, width: int = 15) -> str:
    """Break ``text`` into as few, then as even, lines of at most ``width`` characters as it can (a
    longer single word gets its own line); markup characters escaped for a plotly label."""
    longest = max((len(word) for word in text.split()), default=1)
    best = min(
        (len(lines), max(map(len, lines)), lines)
        for w_ in range(longest, max(width, longest) + 1)
        if (lines := textwrap.wrap(text, w_))
    )
    return "<br>".join(plain(line) for line in best[2])


def _axis_labels(party_ids, issues, names) -> tuple[dict, dict]:
    """Unique axis labels: issue -> x label (its proposition, wrapped), party id -> y label."""
    xlabels = {i: _wrap(ISSUE_HEADINGS.get(i, issue_label(i))) for i in issues}
    ylabels, seen = {}, set()
    for p in party_ids:
        label = plain(names.get(p, p))
        ylabels[p] = label if label not in seen else f"{label} ({plain(p)})"
        seen.add(ylabels[p])
    return xlabels, ylabels


def _cell_hover(party_name, issue, stance, date, summary, count, speaker) -> str:
    more = f" ({count} statements)" if count > 1 else ""
    who = f", {plain(speaker)}" if plain(speaker) else ""
    return (
        f"<b>{plain(party_name)}</b> on {plain(issue_label(issue))}<br>"
        f"Proposition: {plain(ISSUE_PROPOSITIONS.get(issue, ''))}<br>"
        f"Latest stance: <b>{plain(STANCE_LABELS.get(stance, stance))}</b>, {fmt_day(date)}{who}{plain(more)}<br>"
        f"{hover_text(summary, 60, _EXCERPT)}"
    )


def _matrix_alt(matrix: pd.DataFrame, party_names: list[str], n_issues: int) -> str:
    counts = matrix["stance"].value_counts()
    parts = [f"{int(counts[s])} {STANCE_LABELS[s].lower()}" for s in STANCE_ORDER if counts.get(s, 0)]
    listed = f" ({', '.join(party_names)})" if len(party_names) <= 10 else ""
    return (
        f"A grid of {len(party_names)} parties{listed} by {n_issues} propositions; each cell is the party's "
        f"latest stance toward the proposition, by colour and by a mark (+ supports, − opposes); "
        f"{len(matrix)} cells hold statements ({', '.join(parts)})."
    )


def _grid_layout(fig: go.Figure, columns: list, rows: list, alt: str) -> None:
    """Axes, title, legend and size of the grid: propositions on top, parties down the side."""
    fig.update_xaxes(
        type="category",
        categoryorder="array",
        categoryarray=columns,
        side="top",
        showgrid=False,
        title=None,
        tickangle=0,
        tickfont=dict(size=12),
    )
    fig.update_yaxes(
        type="category", categoryorder="array", categoryarray=rows, autorange="reversed", showgrid=False, title=None
    )
    fig.update_layout(
        # the title at the very top, the propositions (up to four lines) between it and the grid
        title=dict(
            text="Latest stance of each party toward each proposition",
            yref="container",
            y=1,
            yanchor="top",
            pad=dict(t=12),
            subtitle=dict(
                text="Each column is a proposition; + supports it, − opposes it (see the key above the grid)",
                font=dict(color=MUTED, size=13),
            ),
        ),
        height=int(min(280 + 34 * len(rows), 1800)),
        # below the grid (the propositions are on top), where it pushes the bottom margin instead of covering a label
        legend=dict(
            orientation="h", x=0, yanchor="top", y=-0.02, title=dict(text="Stance toward the proposition", side="top")
        ),
        margin=dict(t=150, l=10, r=10, b=20),
        clickmode="event",
        meta={"alt": alt},
    )


def positions_figure(
    positions: pd.DataFrame | None = None, parties: pd.DataFrame | None = None, *, parties_shown=None, issues_shown=None
) -> go.Figure:
    """The party × proposition grid: one square per cell coloured by the latest stance and marked with
    its sign (one trace per stance, so the legend names both), open circles where no statement is
    recorded. The column headings are the propositions. ``customdata`` is ``[party_id, issue]``."""
    positions = data.load("positions") if positions is None else positions
    parties = data.load("parties") if parties is None else parties
    if positions.empty:
        return empty_figure("No positions recorded yet.")
    if parties_shown is not None:
        positions = positions[positions["party_id"].astype(str).isin([str(p) for p in parties_shown])]
    if issues_shown is not None:
        positions = positions[positions["issue"].astype(str).isin([str(i) for i in issues_shown])]
    if positions.empty:
        return empty_figure("No positions for this choice of parties and issues.")
    matrix = positions_matrix(positions)
    names = _party_names(parties)
    party_ids, issues = _rows_and_columns(matrix, positions, parties, parties_shown, issues_shown)
    xlabels, ylabels = _axis_labels(party_ids, issues, names)
    size = int(np.clip(560 / max(len(party_ids), 1), 6, 30))

    fig = go.Figure()
    for stance in STANCE_ORDER:
        fig.add_trace(_stance_trace(matrix[matrix["stance"] == stance], stance, names, xlabels, ylabels, size))
    fig.add_trace(_gaps_trace(matrix, party_ids, issues, xlabels, ylabels, size))
    fig.add_trace(_outline_trace(size))
    _grid_layout(
        fig,
        [xlabels[i] for i in issues],
        [ylabels[p] for p in party_ids],
        _matrix_alt(matrix, [names.get(p, p) for p in party_ids], len(issues)),
    )
    return fig


def _rows_and_columns(matrix, positions, parties, parties_shown, issues_shown) -> tuple[list, list]:
    """The grid's party ids (rows) and issues (columns), in the order they are drawn."""
    party_ids = _party_order(positions, parties)
    if parties_shown is not None:
        wanted = [str(p) for p in parties_shown]
        party_ids = [p for p in wanted if p in set(party_ids)]
    present = set(matrix["issue"])
    issues = [i for i in ISSUE_ORDER if i in present] + sorted(present - set(ISSUE_ORDER))
    if issues_shown is not None:
        issues = [i for i in issues_shown if i in present] + [i for i in issues if i not in set(issues_shown)]
    return party_ids, issues


def _stance_trace(cells: pd.DataFrame, stance: str, names: dict, xlabels: dict, ylabels: dict, size: int):
    """The cells of one stance: coloured squares carrying the stance's mark."""
    return go.Scatter(
        name=f"{STANCE_MARKS[stance]}  {STANCE_LABELS[stance]}",
        legendgroup=stance,
        x=[xlabels[i] for i in cells["issue"]],
        y=[ylabels[p] for p in cells["party_id"]],
        mode="markers+text",
        text=[STANCE_MARKS[stance]] * len(cells),
        textposition="middle center",
        textfont=dict(size=max(size // 2, 8), color=_MARK_INK.get(stance, INK)),
        marker=dict(symbol="square", size=size, color=STANCE_COLOURS[stance], line=dict(color=MUTED, width=1)),
        customdata=[[p, i] for p, i in zip(cells["party_id"], cells["issue"])],
        hovertext=[
            _cell_hover(names.get(p, p), i, s, d, sm, n, sp)
            for p, i, s, d, sm, n, sp in zip(
                cells["party_id"],
                cells["issue"],
                cells["stance"],
                cells["date"],
                cells["summary"],
                cells["statements"],
                cells["speaker"],
            )
        ],
        hoverinfo="text",  # the hover text alone, no trace-name box
    )


def _gaps_trace(matrix: pd.DataFrame, party_ids: list, issues: list, xlabels: dict, ylabels: dict, size: int):
    """Open circles where a party has no statement on an issue."""
    filled = set(zip(matrix["party_id"], matrix["issue"]))
    gaps = [(p, i) for p in party_ids for i in issues if (p, i) not in filled]
    return go.Scatter(
        name=_NO_STATEMENT,
        showlegend=bool(gaps),
        x=[xlabels[i] for _, i in gaps],  # legend: the open circle
        y=[ylabels[p] for p, _ in gaps],
        mode="markers",
        marker=dict(symbol="circle-open", size=max(size // 3, 5), color=MUTED),
        customdata=[[p, i] for p, i in gaps],
        hovertext=[f"<b>{ylabels[p]}</b> on {plain(issue_label(i))}<br>{_NO_STATEMENT} in the data." for p, i in gaps],
        hoverinfo="text",
    )


def _outline_trace(size: int):
    """The selection outline, moved by the explorer (empty in a plain figure)."""
    return go.Scatter(
        name="Selected",
        showlegend=False,
        x=[],
        y=[],
        mode="markers",
        hoverinfo="skip",
        marker=dict(symbol="square-open", size=size + 8, color=INK, line=dict(width=3)),
    )
