"""The ceasefire tracker: every element discussed in March-April 2025, by status and by account.

:func:`terms_figure` groups the elements by status (agreed, proposed, raised as a condition, ...),
one row per element and account, because the US, Russian and Ukrainian accounts differ.
:func:`calendar_figure` draws each account's window for the dated terms (the 30-day energy
moratorium) on a date axis, with the follow-up events as markers and each side's strike
accusations in a row of their own. :class:`CeasefireTracker` adds status and account filters, a
list of the terms and events, and a details panel.

Like plotly express, each figure function takes one tidy frame (the terms) and loads the lookup
tables it needs (events, parties) from :func:`lessons.data.load` unless they are given.
"""

from __future__ import annotations

import textwrap

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import data
from .ceasefire_tables import *  # noqa: F403 - the tables are part of this module's API
from .ceasefire_tables import (
    SCOPE_LABELS,
    STATUS_LABELS,
    STATUS_ORDER,
    _names,
    _row_label,
    _short,
    _window_text,
    follow_up_events,
    records,
    terms_by_status,
    terms_table,
    windows,
)
from .explorer import Explorer
from .figsync import PlotView
from .hover import hover_text, plain, template
from .html import Html, details, empty_state, esc, fmt_day, quote
from .style import (
    CATEGORY_COLOURS,
    CATEGORY_LABELS,
    INK,
    MUTED,
    PARTY_COLOURS,
    QUALITATIVE,
    STATUS_COLOURS,
    STATUS_SYMBOLS,
)

_NO_EVENTS = pd.DataFrame(
    columns=["id", "start_date", "display_date", "headline", "text", "category", "note", "source_ids"]
)
_DAY_MS = 86_400_000
_TOP = 125  # the title on its own line, then the legend (up to three rows), then the plot


def _top_axis_trace(day: str) -> dict:
    """An invisible point on the second x axis (``xaxis2``, matching the first, along the top): plotly draws
    an axis only where a trace uses it."""
    return dict(
        type="scatter",
        name="Dates along the top",
        showlegend=False,
        xaxis="x2",
        mode="markers",
        x=[day],
        y=[0],
        customdata=[],
        marker=dict(opacity=0),
        hoverinfo="skip",
    )


def _title(text: str) -> dict:
    return dict(text=text, yref="container", y=1, yanchor="top", pad=dict(t=12))


#: Room between the legend and the plot for the dates along the top (px).
_TOP_AXIS = 40


def _top_legend(height: int, bottom: int, **extra) -> dict:
    """The legend above the plot, clear of the dates along its top: ``y`` is in the plot's own units."""
    plot = max(height - _TOP - _TOP_AXIS - bottom, 1)
    return dict(orientation="h", yanchor="bottom", y=1.0 + _TOP_AXIS / plot, x=0, **extra)


# --------------------------------------------------------------------------- figures


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


def _empty_note(message: str) -> dict:
    return dict(
        text=plain(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=16, color=MUTED)
    )


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


def terms_spec(terms: pd.DataFrame, parties: pd.DataFrame | None = None, *, selected=None) -> dict:
    """The plain ``{"data", "layout"}`` dict behind :func:`terms_figure`: always one trace per status plus
    the "Selected" outline (round the term ``selected``), so the traces keep their places between updates."""
    names = _names(parties)
    frame = terms_by_status(terms)
    ys, head_vals, head_text = _term_rows(frame) if len(frame) else (np.zeros(0, int), [], [])
    status = frame["status"].to_numpy() if len(frame) else np.array([], dtype=object)
    x = [pd.Timestamp(d).strftime("%Y-%m-%d") for d in frame["announced_date"]] if len(frame) else []
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
    pick = [i for i, tid in enumerate(frame["id"].astype(str)) if tid == selected] if len(frame) else []
    traces.append(
        dict(
            type="scatter",
            name="Selected",
            showlegend=False,
            mode="markers",
            hoverinfo="skip",
            x=[x[i] for i in pick],
            y=[int(ys[i]) for i in pick],
            marker=dict(size=22, symbol="circle-open", color=INK, line=dict(width=3)),
        )
    )
    # the date axis again along the top (a second axis matching the first): the figure is taller than a screen
    traces.insert(len(STATUS_ORDER), _top_axis_trace((x[:1] or ["2025-03-18"])[0]))  # "Selected" stays last
    if frame.empty:
        alt = "No ceasefire terms match this selection."
        meta, notes = {"alt": alt, "empty": True}, [_empty_note(alt)]
    else:
        counts = frame["status"].value_counts()
        alt = (
            f"{len(frame)} ceasefire elements and accounts by status: "
            + ", ".join(f"{int(counts[s])} {STATUS_LABELS[s].lower()}" for s in STATUS_ORDER if counts.get(s, 0))
            + ". Each row is one element as one party's account tells it, placed at the date it was announced."
        )
        meta, notes = {"alt": alt}, []
    rows = int(ys[-1]) + 1 if len(ys) else 4
    tickvals = sorted(head_vals + ys.tolist())
    labels = dict(zip(head_vals, head_text)) | {
        int(y): _row_label(e, a, names) for y, e, a in zip(ys, frame["element"], frame["according_to"])
    }
    layout = dict(
        template=template(),
        title=_title("Ceasefire elements by status and account"),
        annotations=notes,
        clickmode="event",
        hovermode="closest",
        height=(height := int(min(_TOP + _TOP_AXIS + 70 + 34 * rows, 2400))),
        legend=_top_legend(height, 50, title=dict(text="Status")),
        margin=dict(t=_TOP + _TOP_AXIS, b=50),
        meta=meta,
        xaxis=dict(type="date", title=dict(text="Announced (2025)"), tickformat="%-d %b", visible=not frame.empty),
        xaxis2=dict(
            type="date",
            matches="x",
            overlaying="x",
            side="top",
            tickformat="%-d %b",
            tickangle=0,
            showgrid=False,
            visible=not frame.empty,
        ),
        yaxis=dict(
            type="linear",
            tickmode="array",
            tickvals=tickvals,
            ticktext=[labels[v] for v in tickvals],
            range=[rows - 0.5, -0.5],
            showgrid=False,
            zeroline=False,
            visible=not frame.empty,
        ),
    )
    return {"data": traces, "layout": layout}


def terms_figure(terms: pd.DataFrame | None = None, parties: pd.DataFrame | None = None) -> go.Figure:
    """One row per element and account, grouped under a heading per status (one trace per status,
    coloured with STATUS_COLOURS), placed at the date the account was announced; ``customdata`` is
    ``["term", id]``. Click the legend to hide or show a status (works without a kernel too)."""
    terms = data.load("ceasefire_terms") if terms is None else terms
    return go.Figure(terms_spec(terms, data.load("parties") if parties is None else parties))


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
    account_of = win["according_to"].astype(str).to_numpy() if len(win) else np.array([], dtype=object)
    open_end = win["end"].isna().to_numpy() if len(win) else np.zeros(0, bool)
    derived = win["derived"].to_numpy(dtype=bool) if len(win) else np.zeros(0, bool)
    declared = win["declared"].to_numpy(dtype=bool) if len(win) else np.zeros(0, bool)
    open_end = open_end & ~declared
    colour = {a: PARTY_COLOURS.get(a, QUALITATIVE[k % len(QUALITATIVE)]) for k, a in enumerate(accounts)}
    rows_of = records(win)  # once: each trace picks its rows by position
    traces = []
    for account in accounts:
        mask = (account_of == account) & ~open_end & ~derived & ~declared
        traces.append(
            _bar(
                f"According to {plain(names.get(account, account))}",
                [rows_of[i] for i in np.flatnonzero(mask)],
                np.flatnonzero(mask),
                colour[account],
                names,
            )
        )
    dmask = derived & ~open_end & ~declared
    traces.append(
        _bar(
            "Start from this account, length from the others (hatched)",
            [rows_of[i] for i in np.flatnonzero(dmask)],
            np.flatnonzero(dmask),
            [colour.get(a, MUTED) for a in account_of[dmask]],
            names,
            pattern=dict(shape="/", fgcolor=INK, solidity=0.25),
            textposition="inside",
        )
    )
    traces.append(
        dict(
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
    )
    # "the moratorium has run out" is a statement made on one day: a mark on that day, never a 30-day bar
    traces.append(
        dict(
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
    )
    traces.append(_top_axis_trace("2025-03-18"))  # the dates along the top too: the figure is taller than its box
    labels = [_row_label(e, a, names) for e, a in zip(win["element"], win["according_to"])]
    for label, trace in rows:  # a lane with no event gets no row (its trace stays, empty, in its place)
        traces.append({**trace, "y": [len(labels)] * len(trace["x"])})
        if len(trace["x"]):
            labels.append(f"<i>{plain(label)}</i>")
    shapes, notes = _start_marks(win, open_end, names)
    parts = [
        f"{names.get(str(a), a)} said on {fmt_day(said)} that it had run out"
        if over
        else f"{names.get(str(a), a)} from {fmt_day(s)}: {lbl}"
        for a, s, lbl, over, said in zip(win["according_to"], win["start"], win["label"], declared, win["said_on"])
    ]
    more = f"; and {len(parts) - 8} more" if len(parts) > 8 else ""
    claims = evs["claimed_by"].value_counts() if len(evs) else {}
    alt = (
        (
            f"Dated ceasefire terms by account: {'; '.join(parts[:8])}{more}. "
            if parts
            else "No dated ceasefire terms in this selection. "
        )
        + f"{len(evs)} follow-up events (March to May 2025) are marked in rows of their own, with strikes on energy "
        f"split by whose claim: {int(claims.get('ru', 0))} Russian, {int(claims.get('ua', 0))} Ukrainian."
    )
    empty = win.empty and evs.empty
    meta = {"alt": "No dated ceasefire terms or follow-up events to show.", "empty": True} if empty else {"alt": alt}
    layout = dict(
        template=template(),
        title=_title("When the dated terms ran, account by account"),
        barmode="overlay",
        bargap=0.3,
        height=(height := int(min(_TOP + _TOP_AXIS + 110 + 40 * max(len(labels), 4), 2400))),
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
        xaxis2=dict(
            type="date",
            matches="x",
            overlaying="x",
            side="top",
            tickformat="%-d %b",
            dtick=14 * _DAY_MS,  # every other week, level: the weekly labels would slant into the legend
            tick0="2025-03-03",
            tickangle=0,
            showgrid=False,
            visible=not empty,
        ),
        yaxis=dict(
            type="linear",
            tickmode="array",
            tickvals=list(range(len(labels))),
            ticktext=labels,
            range=[len(labels) - 0.5, -0.5],
            showgrid=False,
            zeroline=False,
            visible=not empty,
        ),
    )
    return {"data": traces, "layout": layout}


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


# --------------------------------------------------------------------------- details


def term_html(row, parties=None, sources=None) -> Html:
    names = _names(parties)
    who = lambda ids: ", ".join(names.get(i, i) for i in data.split_ids(ids))  # noqa: E731
    account = names.get(str(row["according_to"]), str(row["according_to"]))
    scope = row.get("scope")
    rows = [
        ("Status", STATUS_LABELS.get(str(row["status"]), row["status"])),
        ("According to", account),
        ("About", SCOPE_LABELS.get(str(scope), str(scope).replace("-", " ")) if pd.notna(scope) else ""),
        ("Proposed by", who(row.get("proposed_by"))),
        ("Accepted by", who(row.get("accepted_by"))),
        ("Announced", fmt_day(row.get("announced_date"))),
        ("Dates", _window_text(row)),
        ("Quotation", quote(row.get("quote"), f"According to {account}, {fmt_day(row.get('announced_date'))}")),
        ("How accounts differ", row.get("note")),
    ]
    return details(str(row["element"]), rows, row.get("source_ids") or (), sources)


def event_html(row, parties=None, sources=None) -> Html:
    names = _names(parties)
    claim = row.get("claimed_by") or ""
    rows = [
        ("Date", row.get("display_date")),
        ("Who says so", names.get(claim, claim)),
        ("Category", CATEGORY_LABELS.get(str(row.get("category")), row.get("category"))),
        ("What happened", row.get("text")),
        ("Where accounts differ", row.get("note")),
    ]
    return details(str(row["headline"]), rows, row.get("source_ids") or (), sources)


# --------------------------------------------------------------------------- the explorer


#: The value of every "all" or "none chosen" option (ipywidgets shows an empty box for a value of None).
ALL = ""


def _choose(dropdown: w.Dropdown, options: list, value) -> None:
    """Give a dropdown new options and keep ``value`` if it is still one of them (else the first option)."""
    if list(dropdown.options) != options:
        dropdown.options = options
    values = [v for _, v in options]
    dropdown.index = values.index(value) if value in values else 0


class CeasefireTracker(Explorer):
    """Status and account filters, a list of terms and events, the status figure, the calendar, details."""

    def __init__(
        self,
        *,
        terms: pd.DataFrame | None = None,
        events: pd.DataFrame | None = None,
        parties: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
        **kwargs,
    ):
        super().__init__(summary="Ceasefire tracker: terms by status, the 30-day window", **kwargs)
        self.terms = terms_by_status(data.load("ceasefire_terms") if terms is None else terms)
        self.parties = data.load("parties") if parties is None else parties
        self.sources = data.load("sources") if sources is None else sources
        self.events = follow_up_events(data.load("events") if events is None else events)
        self.names = _names(self.parties)
        self._terms = {r["id"]: r for r in records(self.terms)}
        self._events = {r["id"]: r for r in records(self.events)}
        self._accounts = list(dict.fromkeys(windows(self.terms)["according_to"].astype(str)))
        self._event_rows = event_rows(self.events, self.parties)
        self._cache: dict = {}  # per filter: figures, options, table (derived from the data, never state)
        self._html: dict = {}
        label = {"description_width": "initial"}
        accounts = list(dict.fromkeys(self.terms["according_to"].astype(str))) if len(self.terms) else []
        self.status = w.Dropdown(
            description="Status",
            options=self._status_options(ALL),
            value=ALL,
            style=label,
            layout=w.Layout(width="300px"),
        )
        self.account = w.Dropdown(
            description="According to",
            value=ALL,
            style=label,
            layout=w.Layout(width="320px"),
            options=[("All accounts", ALL)] + [(self.names.get(a, a), a) for a in accounts],
        )
        self.item = w.Dropdown(
            description="Term or event",
            options=self._item_options(ALL, ALL),
            value=ALL,
            style=label,
            layout=w.Layout(width="640px"),
        )
        # each figure in a box under a screen's height, the details right below it: a click anywhere in a
        # 40-row figure shows its details on the same screen of a laptop (the box scrolls, not the page)
        box = dict(max_height="540px", overflow="hidden auto")
        self.figure = PlotView(height=400, layout=w.Layout(**box))
        self.calendar = PlotView(height=400, layout=w.Layout(**box))
        for view in (self.figure, self.calendar):
            view.on_click(self._on_click)
        self.details = w.HTML(layout=w.Layout(min_height="80px"))
        self.table_view = self.alt_table_box()
        # one figure at a time: no legend or title of one can run into the other, and the page stays short
        self.tabs = w.Tab(children=[self.figure, self.calendar], selected_index=0)
        self.tabs.set_title(0, "Terms by status")
        self.tabs.set_title(1, "Calendar")
        for control in (self.status, self.account, self.item):
            self.watch(control)
        row = w.Layout(flex_flow="row wrap", align_items="center", grid_gap="4px 16px")
        self.set_children(
            w.HBox([self.status, self.account, self.reset_button], layout=row),
            w.HBox([self.item]),
            self.tabs,
            self.details,
            self.table_view,
        )
        # every single filter ready before a student picks one (combinations are built on first use)
        for status in [v for _, v in self.status.options]:
            self._view(status, ALL)
        for account in [v for _, v in self.account.options]:
            self._view(ALL, account)
        self.refresh()

    # ---- what a student can do ------------------------------------------------------------------
    def set_filters(self, status=None, account=None) -> None:
        """Show one status and/or one account (None or "" = all)."""
        with self.quiet():
            self.account.value = account if account in {v for _, v in self.account.options} else ALL
            _choose(self.status, self._status_options(self.account.value), status or ALL)

    def select(self, item_id) -> None:
        """Show a term's or a follow-up event's details (what a click on a row, bar or marker does); an item
        hidden by the filters brings every term back into view."""
        if item_id and item_id not in {v for _, v in self.item.options} and item_id in self._terms:
            with self.quiet():
                self.account.value = ALL
                _choose(self.status, self._status_options(ALL), ALL)
                _choose(self.item, self._item_options(ALL, ALL), item_id)
            return
        if item_id in {v for _, v in self.item.options}:
            self.item.value = item_id
        else:
            self.details.value = str(
                empty_state(
                    f"There is no ceasefire term or follow-up event with the id {item_id!r}.",
                    "Only ceasefire, energy and humanitarian events of March–May 2025 are listed.",
                )
            )

    def filtered(self) -> pd.DataFrame:
        """The terms the current filters let through."""
        return self._frame(self.status.value, self.account.value)

    # ---- wiring -----------------------------------------------------------------------------------
    def _status_options(self, account) -> list:
        key = ("status", account)
        if key not in self._cache:
            counts = self._frame(ALL, account)["status"].value_counts() if len(self.terms) else {}
            self._cache[key] = [("All statuses", ALL)] + [
                (f"{STATUS_LABELS[s]} ({int(counts.get(s, 0))})", s)
                for s in STATUS_ORDER
                if s in set(self.terms.get("status", []))
            ]
        return self._cache[key]

    def _item_options(self, status, account) -> list:
        return self._view(status, account)["items"]

    def _view(self, status, account) -> dict:
        """Everything a filter shows that does not depend on the selection, built once per filter."""
        key = ("view", status, account)
        if key not in self._cache:
            frame = self._frame(status, account)
            terms = terms_spec(frame, self.parties)
            calendar = calendar_spec(
                frame, self.events, self.parties, accounts=self._accounts, event_traces=self._event_rows
            )
            where = {c[1]: (x, y) for t in terms["data"][:-1] for c, x, y in zip(t["customdata"], t["x"], t["y"])}
            items = [
                (textwrap.shorten(f"{e} ({self.names.get(str(a), a)})", 90, placeholder="…"), i)
                for e, a, i in zip(frame.get("element", []), frame.get("according_to", []), frame.get("id", []))
            ]
            items += [
                (textwrap.shorten(f"Event, {d}: {h}", 90, placeholder="…"), i)
                for d, h, i in zip(
                    self.events.get("display_date", []), self.events.get("headline", []), self.events.get("id", [])
                )
            ]
            self._cache[key] = dict(
                empty=frame.empty,
                terms=terms,
                calendar=calendar,
                where=where,
                items=[("— choose a term or an event —", ALL)] + items,
                table=str(terms_table(frame, self.parties, self.sources)),
                alt=(
                    f"<p><b>Terms by status.</b> {esc(terms['layout']['meta']['alt'])}</p>"
                    f"<p><b>Calendar.</b> {esc(calendar['layout']['meta']['alt'])}</p>"
                ),
            )
        return self._cache[key]

    def _calendar_for(self, calendar: dict, chosen) -> dict:
        """The calendar, saying so when the chosen term has no dates of its own (it is not drawn there)."""
        drawn = {c[1] for t in calendar["data"] for c in (t.get("customdata") or []) if isinstance(c, list)}
        if chosen not in self._terms or chosen in drawn:
            return calendar
        element = textwrap.shorten(str(self._terms[chosen]["element"]), 60, placeholder="…")
        note = f"“{plain(element)}” has no dates of its own, so the calendar does not draw it."
        # in lines narrow enough to stay left of the legend
        title = dict(calendar["layout"]["title"], subtitle=dict(text="<br>".join(textwrap.wrap(note, 48))))
        return {"data": calendar["data"], "layout": {**calendar["layout"], "title": title}}

    def _frame(self, status, account) -> pd.DataFrame:
        return _filtered(self.terms, status, account)

    def _on_click(self, point: dict) -> None:
        kind, item_id = (point.get("customdata") or [None, None])[:2]
        if item_id is not None:
            self.select(item_id)

    def refresh(self) -> None:
        status, account = self.status.value, self.account.value
        status_options, item_options = self._status_options(account), self._item_options(status, account)
        if list(self.status.options) != status_options or list(self.item.options) != item_options:
            self._refreshes = getattr(self, "_refreshes", 0) + 1
            seen = self._refreshes
            with self.quiet():  # options follow the filters; a selection the filters removed is cleared
                _choose(self.status, status_options, status)
                _choose(self.item, item_options, self.item.value)
            if self._refreshes != seen:
                return  # quiet() refreshed with the new values already
        self._refreshes = getattr(self, "_refreshes", 0) + 1
        view, chosen = self._view(status, account), self.item.value
        terms = view["terms"]
        x, y = view["where"].get(chosen, (None, None))
        outline = {**terms["data"][-1], "x": [] if x is None else [x], "y": [] if y is None else [y]}
        self.figure.show({"data": terms["data"][:-1] + [outline], "layout": terms["layout"]})
        self.calendar.show(self._calendar_for(view["calendar"], chosen))
        if chosen not in self._html:
            if chosen in self._terms:
                self._html[chosen] = str(term_html(self._terms[chosen], self.parties, self.sources))
            elif chosen in self._events:
                self._html[chosen] = str(event_html(self._events[chosen], self.parties, self.sources))
        if chosen in self._html:
            self.details.value = self._html[chosen]
        elif view["empty"]:
            self.details.value = str(
                empty_state(
                    "No ceasefire terms match this selection.", "Choose another status or account, or press Reset."
                )
            )
        else:
            self.details.value = str(
                empty_state("Click a term or an event (or choose it from the list) to see its details and sources.")
            )
        self.table_view.children[0].value = view["alt"]
        self.table_view.children[1].value = view["table"]


def _filtered(terms: pd.DataFrame, status, account) -> pd.DataFrame:
    frame = terms
    if len(frame) and status:
        frame = frame[frame["status"] == status]
    if len(frame) and account:
        frame = frame[frame["according_to"].astype(str) == account]
    return frame
