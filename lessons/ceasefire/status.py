"""The status figure: every ceasefire element, one row per element and account, grouped under a
heading per status (agreed, agreed to negotiate, proposed, raised as a condition, rejected, expired),
placed at the date the account was announced.

:func:`terms_spec` gives the plain ``{"data", "layout"}`` dict (a fixed set of traces, so the tracker
updates them in place); :func:`terms_figure` wraps it for a notebook.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import data
from ..hover import hover_text, plain, template
from ..html import fmt_day
from ..style import INK, STATUS_COLOURS, STATUS_SYMBOLS
from .layout import (
    _TOP,
    _TOP_AXIS,
    _empty_note,
    _row_axis,
    _same_dates,
    _title,
    _top_axis_trace,
    _top_date_axis,
    _top_legend,
)
from .tables import STATUS_LABELS, STATUS_ORDER, _names, _row_label, _window_text, records, terms_by_status


def _term_hover(row, names) -> str:
    parts = [
        f"<b>{hover_text(row['element'], 60, 160)}</b>",
        f"Status: <b>{plain(STATUS_LABELS.get(row['status'], row['status']))}</b>, "
        f"according to {plain(names.get(str(row['according_to']), row['according_to']))}",
        f"Announced {fmt_day(row['announced_date'])}",
    ]
    if _window_text(row):
        parts.append(plain(_window_text(row)))
    if plain(row.get("quote")):
        parts.append(hover_text(row["quote"], 60, 200))
    return "<br>".join(parts)


def _term_rows(frame: pd.DataFrame) -> tuple[np.ndarray, list, list]:
    """Row positions of the terms with a bold header row before each status group; tick values and texts."""
    ys, tickvals, ticktext, row, previous = [], [], [], 0, None
    for status in frame["status"]:
        if status != previous:
            tickvals.append(row)
            ticktext.append(f"<b>{plain(STATUS_LABELS.get(status, status))}</b>")
            row, previous = row + 1, status
        ys.append(row)
        row += 1
    return np.array(ys, dtype=int), tickvals, ticktext


def _status_traces(frame: pd.DataFrame, ys: np.ndarray, x: list, names) -> list[dict]:
    """One trace per status in STATUS_ORDER, an empty one out of the legend where no term has it."""
    status = frame["status"].to_numpy() if len(frame) else np.array([], dtype=object)
    rows_of = records(frame)  # once: each status picks its rows by position
    traces = []
    for st in STATUS_ORDER:
        idx = np.flatnonzero(status == st)
        traces.append(
            dict(
                type="scatter",
                name=STATUS_LABELS[st],
                showlegend=bool(len(idx)),
                mode="markers",
                x=[x[i] for i in idx],
                y=ys[idx].tolist(),
                customdata=[["term", str(rows_of[i]["id"])] for i in idx],
                hovertext=[_term_hover(rows_of[i], names) for i in idx],
                hoverinfo="text",
                marker=dict(
                    size=13, color=STATUS_COLOURS[st], line=dict(width=1, color=INK), symbol=STATUS_SYMBOLS[st]
                ),
            )
        )
    return traces


def _selected_trace(frame: pd.DataFrame, ys: np.ndarray, x: list, selected) -> dict:
    """The outline round the term ``selected`` (none when it is not in ``frame``)."""
    pick = [i for i, tid in enumerate(frame["id"].astype(str)) if tid == selected] if len(frame) else []
    return dict(
        type="scatter",
        name="Selected",
        showlegend=False,
        mode="markers",
        hoverinfo="skip",
        x=[x[i] for i in pick],
        y=[int(ys[i]) for i in pick],
        marker=dict(size=22, symbol="circle-open", color=INK, line=dict(width=3)),
    )


def _terms_meta(frame: pd.DataFrame) -> tuple[dict, list]:
    """The figure's ``meta`` (its text description) and its annotations (the empty note, if empty)."""
    if frame.empty:
        alt = "No ceasefire terms match this selection."
        return {"alt": alt, "empty": True}, [_empty_note(alt)]
    counts = frame["status"].value_counts()
    alt = (
        f"{len(frame)} ceasefire elements and accounts by status: "
        + ", ".join(f"{int(counts[s])} {STATUS_LABELS[s].lower()}" for s in STATUS_ORDER if counts.get(s, 0))
        + ". Each row is one element as one party's account tells it, placed at the date it was announced."
    )
    return {"alt": alt}, []


def _terms_layout(frame: pd.DataFrame, ys: np.ndarray, heads: tuple[list, list], names) -> dict:
    """Rows labelled with the element and whose account, under a bold heading per status (``heads``:
    the headings' rows and texts); the announcement dates along the bottom and the top."""
    head_vals, head_text = heads
    meta, notes = _terms_meta(frame)
    rows = int(ys[-1]) + 1 if len(ys) else 4
    tickvals = sorted(head_vals + ys.tolist())
    labels = dict(zip(head_vals, head_text)) | {
        int(y): _row_label(e, a, names) for y, e, a in zip(ys, frame["element"], frame["according_to"])
    }
    height = int(min(_TOP + _TOP_AXIS + 70 + 34 * rows, 2400))
    return dict(
        template=template(),
        title=_title("Ceasefire elements by status and account"),
        annotations=notes,
        clickmode="event",
        hovermode="closest",
        height=height,
        legend=_top_legend(height, 50, title=dict(text="Status")),
        margin=dict(t=_TOP + _TOP_AXIS, b=50),
        meta=meta,
        xaxis=dict(type="date", title=dict(text="Announced (2025)"), tickformat="%-d %b", visible=not frame.empty),
        xaxis2=_top_date_axis(not frame.empty),
        yaxis=_row_axis(tickvals, [labels[v] for v in tickvals], rows, not frame.empty),
    )


def terms_spec(terms: pd.DataFrame, parties: pd.DataFrame | None = None, *, selected=None) -> dict:
    """The plain ``{"data", "layout"}`` dict behind :func:`terms_figure`: always one trace per status plus
    the "Selected" outline (round the term ``selected``), so the traces keep their places between updates."""
    names = _names(parties)
    frame = terms_by_status(terms)
    ys, head_vals, head_text = _term_rows(frame) if len(frame) else (np.zeros(0, int), [], [])
    x = [pd.Timestamp(d).strftime("%Y-%m-%d") for d in frame["announced_date"]] if len(frame) else []
    traces = _status_traces(frame, ys, x, names)
    # the date axis again along the top (a second axis matching the first): the figure is taller than a screen
    traces.append(_top_axis_trace((x[:1] or ["2025-03-18"])[0]))
    traces.append(_selected_trace(frame, ys, x, selected))  # last: the tracker moves it without a rebuild
    layout = _terms_layout(frame, ys, (head_vals, head_text), names)
    if x:  # one range and the same explicit ticks for both date axes (see layout._same_dates)
        dates = _same_dates(pd.Timestamp(min(x)), pd.Timestamp(max(x)))
        layout["xaxis"] |= dates
        layout["xaxis2"] |= dates
    return {"data": traces, "layout": layout}


def terms_figure(terms: pd.DataFrame | None = None, parties: pd.DataFrame | None = None) -> go.Figure:
    """One row per element and account, grouped under a heading per status (one trace per status,
    coloured with STATUS_COLOURS), placed at the date the account was announced; ``customdata`` is
    ``["term", id]``. Click the legend to hide or show a status (works without a kernel too)."""
    terms = data.load("ceasefire_terms") if terms is None else terms
    return go.Figure(terms_spec(terms, data.load("parties") if parties is None else parties))
