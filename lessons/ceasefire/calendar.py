"""The calendar: each account's window for the dated terms (the 30-day energy moratorium) on a date axis,
with the follow-up events as markers in rows of their own and each side's strike accusations apart.

:func:`calendar_spec` gives the plain ``{"data", "layout"}`` dict (a fixed number of traces);
:func:`event_rows` builds the event rows once, since no filter changes them; :func:`calendar_figure`
wraps the spec for a notebook.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import data
from ..hover import hover_text, plain, template
from ..html import fmt_day
from ..style import CATEGORY_COLOURS, INK, MUTED, PARTY_COLOURS, QUALITATIVE, STATUS_COLOURS, STATUS_SYMBOLS
from .layout import _TOP, _TOP_AXIS, _empty_note, _row_axis, _title, _top_axis_trace, _top_date_axis, _top_legend
from .tables import _names, _row_label, _short, follow_up_events, records, windows

_NO_EVENTS = pd.DataFrame(
    columns=["id", "start_date", "display_date", "headline", "text", "category", "note", "source_ids"]
)
_DAY_MS = 86_400_000


def _window_hover(row, names) -> str:
    who = plain(names.get(str(row["according_to"]), row["according_to"]))
    lines = [f"<b>{hover_text(row['element'], 60, 160)}</b>", f"According to {who}"]
    last = f"last day {fmt_day(row['end'])}" if pd.notna(row["end"]) else "no end date"
    if row.get("counted") and pd.notna(row["end"]):
        last += " (counted from the length, start as day one)"
    if row.get("declared"):
        lines.append(f"Said on {fmt_day(row['said_on'])}: a statement on one day, drawn as a mark, not a window")
        lines.append(f"This account's window: from {fmt_day(row['start'])}, {last}")
    else:
        lines.append(f"Start {fmt_day(row['start'])}, {last}")
    if row.get("derived"):
        lines.append(
            f"{who}'s account gives the start only: the bar counts the<br>"
            f"{int((row['end'] - row['start']).days) + 1} days that the other accounts give from it."
        )
    elif not row.get("declared"):
        lines.append(plain(row["label"]))
    if plain(row.get("quote")):
        lines.append(hover_text(row["quote"], 60, 200))
    return "<br>".join(lines)


def _event_hover(row, names) -> str:
    who = names.get(row.get("claimed_by") or "", "")
    return (
        f"<b>{plain(row['display_date'])}</b><br>{hover_text(row['headline'], 60, 160)}<br>"
        + (f"<i>Claimed by {plain(who)}</i><br>" if who else "")
        + f"{hover_text(row['text'], 60, 200)}"
    )


def _event_rows(evs: pd.DataFrame, names) -> list[tuple[str, pd.DataFrame, str, str]]:
    """The event rows of the calendar: (label, events, colour, symbol); energy strikes split by whose claim."""
    cat = evs["category"].astype(str) if len(evs) else pd.Series(dtype=str)
    claim = evs["claimed_by"].astype(str) if len(evs) else pd.Series(dtype=str)
    out = [
        ("Events: ceasefire and talks", evs[(cat == "ceasefire").to_numpy()], CATEGORY_COLOURS["ceasefire"], "diamond")
    ]
    energy = (cat == "energy").to_numpy()
    for party, symbol in (("ru", "triangle-down"), ("ua", "triangle-up")):
        who = names.get(party, party)
        out.append(
            (
                f"Strikes on energy, as {who} claims",
                evs[energy & (claim == party).to_numpy()],
                PARTY_COLOURS.get(party, MUTED),
                symbol,
            )
        )
    other = energy & ~claim.isin(["ru", "ua"]).to_numpy()
    out.append(("Strikes on energy: other reports", evs[other], CATEGORY_COLOURS["energy"], "square"))
    out.append(
        (
            "Events: prisoners and humanitarian",
            evs[(cat == "humanitarian").to_numpy()],
            CATEGORY_COLOURS["humanitarian"],
            "circle",
        )
    )
    return out


def event_rows(evs: pd.DataFrame, parties: pd.DataFrame | None = None) -> list[tuple[str, dict]]:
    """The calendar's event rows, (label, trace without ``y``), for events from :func:`follow_up_events`."""
    names = _names(parties)
    return [
        (
            label,
            dict(
                type="scatter",
                name=label,
                mode="markers",
                showlegend=False,  # the row label names them
                x=[pd.Timestamp(d).strftime("%Y-%m-%d") for d in sub["start_date"]],
                marker=dict(symbol=symbol, size=13, color=col, line=dict(color=INK, width=1)),
                customdata=[["event", str(i)] for i in sub["id"]],
                hovertext=[_event_hover(r, names) for r in records(sub)],
                hoverinfo="text",
            ),
        )
        for label, sub, col, symbol in _event_rows(evs, names)
    ]


def _bar(name, rows: list[dict], ys, colour, names, *, pattern=None, legend=True, textposition="auto") -> dict:
    """One trace of windows: ``rows`` are their records (see :func:`records`), ``ys`` their rows."""
    return dict(
        type="bar",
        name=name,
        orientation="h",
        showlegend=legend and bool(rows),
        y=list(ys),
        base=[r["start"].strftime("%Y-%m-%d") for r in rows],
        # the end is the last day of the window: the bar runs to the end of that day
        x=[max(int((r["end"] - r["start"]).total_seconds() * 1000) + _DAY_MS, _DAY_MS) for r in rows],
        text=[plain(r["label"]) for r in rows],
        textposition=textposition,
        insidetextanchor="middle",
        marker=dict(color=colour, line=dict(color=INK, width=1), **({"pattern": pattern} if pattern else {})),
        opacity=0.9,
        customdata=[["term", str(r["id"])] for r in rows],
        hovertext=[_window_hover(r, names) for r in rows],
        hoverinfo="text",
    )


def _start_marks(win: pd.DataFrame, open_end, names) -> tuple[list, list]:
    """A dotted line down each window's start, named under the date axis: whose clock starts when."""
    declared = win["declared"].to_numpy(dtype=bool) if len(win) else np.zeros(0, bool)
    starts = win[~open_end & ~declared & win["label"].str.contains("days").to_numpy()] if len(win) else win
    marks = {}
    for s, a in zip(starts["start"], starts["according_to"].astype(str)):
        marks.setdefault(s.strftime("%Y-%m-%d"), []).append(names.get(a, a))
    shapes = [
        dict(
            type="line",
            xref="x",
            yref="paper",
            x0=d,
            x1=d,
            y0=0,
            y1=1,
            layer="below",
            line=dict(color=MUTED, width=1, dash="dot"),
        )
        for d in marks
    ]
    # named under the date axis, alternately left and right of their line so that close starts never overlap
    notes = [
        dict(
            x=d,
            y=0,
            xref="x",
            yref="paper",
            yanchor="top",
            yshift=-34,
            showarrow=False,
            xanchor="right" if k % 2 == 0 else "left",
            font=dict(size=12, color=INK),
            text=f"<b>{plain(_short(d))}</b>: start according to {plain(', '.join(dict.fromkeys(who)))}",
        )
        for k, (d, who) in enumerate(sorted(marks.items()))
    ]
    return shapes, notes


class _Lanes(NamedTuple):
    """How each window of :func:`windows` is drawn, by row: whose account, a start with no end (a
    triangle), a length taken from the other accounts (hatched), a statement that it ran out (a mark)."""

    account: np.ndarray
    open_end: np.ndarray
    derived: np.ndarray
    declared: np.ndarray


def _lanes(win: pd.DataFrame) -> _Lanes:
    if not len(win):
        return _Lanes(np.array([], dtype=object), np.zeros(0, bool), np.zeros(0, bool), np.zeros(0, bool))
    declared = win["declared"].to_numpy(dtype=bool)
    return _Lanes(
        win["according_to"].astype(str).to_numpy(),
        win["end"].isna().to_numpy() & ~declared,
        win["derived"].to_numpy(dtype=bool),
        declared,
    )


def _bars(rows_of: list[dict], lanes: _Lanes, accounts: list, names) -> list[dict]:
    """One bar trace per account in ``accounts`` (its windows with both ends), then the hatched windows
    whose length comes from the other accounts, each in its account's colour."""
    colour = {a: PARTY_COLOURS.get(a, QUALITATIVE[k % len(QUALITATIVE)]) for k, a in enumerate(accounts)}
    traces = []
    for account in accounts:
        mask = (lanes.account == account) & ~lanes.open_end & ~lanes.derived & ~lanes.declared
        traces.append(
            _bar(
                f"According to {plain(names.get(account, account))}",
                [rows_of[i] for i in np.flatnonzero(mask)],
                np.flatnonzero(mask),
                colour[account],
                names,
            )
        )
    dmask = lanes.derived & ~lanes.open_end & ~lanes.declared
    traces.append(
        _bar(
            "Start from this account, length from the others (hatched)",
            [rows_of[i] for i in np.flatnonzero(dmask)],
            np.flatnonzero(dmask),
            [colour.get(a, MUTED) for a in lanes.account[dmask]],
            names,
            pattern=dict(shape="/", fgcolor=INK, solidity=0.25),
            textposition="inside",
        )
    )
    return traces


def _start_only_trace(win: pd.DataFrame, rows_of: list[dict], open_end: np.ndarray, names) -> dict:
    return dict(
        type="scatter",
        name="Start only (no end recorded)",
        mode="markers",
        showlegend=bool(open_end.any()),
        x=[s.strftime("%Y-%m-%d") for s in win["start"][open_end]],
        y=np.flatnonzero(open_end).tolist(),
        marker=dict(symbol="triangle-right", size=14, color=MUTED),
        customdata=[["term", i] for i in win["id"][open_end]],
        hovertext=[_window_hover(rows_of[i], names) for i in np.flatnonzero(open_end)],
        hoverinfo="text",
    )


def _declared_trace(win: pd.DataFrame, declared: np.ndarray, names) -> dict:
    """A statement that the moratorium has run out is made on one day: a mark on that day, never a 30-day bar."""
    return dict(
        type="scatter",
        name="Said to have run out (a statement on one day)",
        mode="markers",
        showlegend=bool(declared.any()),
        x=[s.strftime("%Y-%m-%d") for s in win["said_on"][declared]] if len(win) else [],
        y=np.flatnonzero(declared).tolist(),
        marker=dict(
            symbol=STATUS_SYMBOLS["expired"],
            size=15,
            color=STATUS_COLOURS["expired"],
            line=dict(color=STATUS_COLOURS["expired"], width=3),
        ),
        customdata=[["term", i] for i in win["id"][declared]] if len(win) else [],
        hovertext=[_window_hover(r, names) for r in win[declared].to_dict("records")] if len(win) else [],
        hoverinfo="text",
    )


def _event_lanes(rows: list[tuple[str, dict]], first: int) -> tuple[list[dict], list[str]]:
    """The event rows' traces placed from row ``first`` down, and the labels of their rows: a lane with no
    event gets no row (its trace stays, empty, in its place)."""
    traces, labels = [], []
    for label, trace in rows:
        traces.append({**trace, "y": [first + len(labels)] * len(trace["x"])})
        if len(trace["x"]):
            labels.append(f"<i>{plain(label)}</i>")
    return traces, labels


def _calendar_alt(win: pd.DataFrame, evs: pd.DataFrame, declared: np.ndarray, names) -> str:
    parts = [
        f"{names.get(str(a), a)} said on {fmt_day(said)} that it had run out"
        if over
        else f"{names.get(str(a), a)} from {fmt_day(s)}: {lbl}"
        for a, s, lbl, over, said in zip(win["according_to"], win["start"], win["label"], declared, win["said_on"])
    ]
    more = f"; and {len(parts) - 8} more" if len(parts) > 8 else ""
    claims = evs["claimed_by"].value_counts() if len(evs) else {}
    return (
        (
            f"Dated ceasefire terms by account: {'; '.join(parts[:8])}{more}. "
            if parts
            else "No dated ceasefire terms in this selection. "
        )
        + f"{len(evs)} follow-up events (March to May 2025) are marked in rows of their own, with strikes on energy "
        f"split by whose claim: {int(claims.get('ru', 0))} Russian, {int(claims.get('ua', 0))} Ukrainian."
    )


def _calendar_layout(labels: list[str], meta: dict, shapes: list, notes: list, empty: bool) -> dict:
    """March to May 2025 with a labelled grid line every week, the rows ``labels`` from the top."""
    height = int(min(_TOP + _TOP_AXIS + 110 + 40 * max(len(labels), 4), 2400))
    return dict(
        template=template(),
        title=_title("When the dated terms ran, account by account"),
        barmode="overlay",
        bargap=0.3,
        height=height,
        clickmode="event",
        hovermode="closest",
        legend=_top_legend(height, 90),
        margin=dict(t=_TOP + _TOP_AXIS, b=90),
        meta=meta,
        shapes=shapes,
        annotations=[_empty_note(meta["alt"])] if empty else notes,
        # a labelled grid line every week (Mondays, from 3 March)
        xaxis=dict(
            type="date",
            range=["2025-03-01", "2025-05-31"],
            tickformat="%-d %b",
            dtick=7 * _DAY_MS,
            tick0="2025-03-03",
            showgrid=True,
            visible=not empty,
        ),
        # every other week, level: the weekly labels would slant into the legend
        xaxis2=_top_date_axis(not empty, dtick=14 * _DAY_MS, tick0="2025-03-03"),
        yaxis=_row_axis(list(range(len(labels))), labels, len(labels), not empty),
    )


def calendar_spec(
    terms: pd.DataFrame,
    events: pd.DataFrame | None = None,
    parties: pd.DataFrame | None = None,
    *,
    accounts=None,
    event_traces=None,
) -> dict:
    """The plain ``{"data", "layout"}`` dict behind :func:`calendar_figure` (a fixed number of traces:
    one per account in ``accounts``, the derived windows, the start-only triangles, the marks of statements
    that a term had run out, the event rows).
    ``event_traces`` (from :func:`event_rows`) saves rebuilding the event traces, which no filter changes."""
    names = _names(parties)
    win = windows(terms)
    evs = follow_up_events(_NO_EVENTS if events is None else events)
    rows = event_rows(evs, parties) if event_traces is None else event_traces
    accounts = list(dict.fromkeys(win["according_to"].astype(str))) if accounts is None else list(accounts)
    lanes = _lanes(win)
    rows_of = records(win)  # once: each trace picks its rows by position
    traces = _bars(rows_of, lanes, accounts, names)
    traces.append(_start_only_trace(win, rows_of, lanes.open_end, names))
    traces.append(_declared_trace(win, lanes.declared, names))
    traces.append(_top_axis_trace("2025-03-18"))  # the dates along the top too: the figure is taller than its box
    labels = [_row_label(e, a, names) for e, a in zip(win["element"], win["according_to"])]
    lane_traces, lane_labels = _event_lanes(rows, len(labels))
    traces += lane_traces
    labels += lane_labels
    shapes, notes = _start_marks(win, lanes.open_end, names)
    alt = _calendar_alt(win, evs, lanes.declared, names)
    empty = win.empty and evs.empty
    meta = {"alt": "No dated ceasefire terms or follow-up events to show.", "empty": True} if empty else {"alt": alt}
    return {"data": traces, "layout": _calendar_layout(labels, meta, shapes, notes, empty)}


def calendar_figure(
    terms: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    parties: pd.DataFrame | None = None,
    *,
    accounts=None,
) -> go.Figure:
    """Each account's window for the dated terms (a bar from its start to its end, labelled with its
    length); a hatched bar where an account gives only the start of a term whose length the others
    give (Ukraine's 25 March start of the 30-day moratorium); a triangle where there is no end at all;
    and the follow-up events in rows of their own, each side's strike accusations apart.
    ``customdata`` is ``["term", id]`` or ``["event", id]``."""
    terms = data.load("ceasefire_terms") if terms is None else terms
    events = data.load("events") if events is None else events
    parties = data.load("parties") if parties is None else parties
    return go.Figure(calendar_spec(terms, events, parties, accounts=accounts))
