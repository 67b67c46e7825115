"""The ceasefire tracker: every element discussed in March-April 2025, by status and by account.

:func:`terms_figure` groups the elements by status (agreed, proposed, raised as a
condition, ...), one row per element and account, because the US, Russian and Ukrainian
accounts differ. :func:`calendar_figure` draws each account's window for the dated terms
(the 30-day energy moratorium) on a date axis, with the follow-up events as markers.
:class:`CeasefireTracker` adds status and account filters and a details panel.
"""

from __future__ import annotations

import itertools

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import data
from .style import (CATEGORY_COLOURS, CATEGORY_LABELS, INK, MUTED, PARTY_COLOURS, QUALITATIVE, STATUS_COLOURS,
                    empty_state, esc)
from .widgets import details_html, explorer_repr, figure_widget, hover_text, keep_placeholder, quote_html, sync_figure, table_html

STATUS_ORDER = list(STATUS_COLOURS)
STATUS_LABELS = {
    "agreed": "Agreed",
    "agreed-to-negotiate": "Agreed to negotiate",
    "proposed": "Proposed",
    "condition": "Raised as a condition",
    "rejected": "Rejected",
    "expired": "Expired",
}
#: Events shown on the calendar: these categories, in this window.
FOLLOW_UP_CATEGORIES = ("ceasefire", "energy", "humanitarian")
FOLLOW_UP_WINDOW = (pd.Timestamp("2025-03-01"), pd.Timestamp("2025-05-31"))
_DAY_MS = 86_400_000
#: The explorer's figure width in pixels: a FigureWidget is drawn before it is attached to the page,
#: so it cannot measure the notebook and would fall back to plotly's 700 px; this fits a ~950 px notebook.
WIDGET_WIDTH = 920
#: Top margin: the title on its own line, then the legend (up to three rows), then the plot.
_TOP = 125


def _title(text: str) -> dict:
    """A title pinned to the top of the figure, above the legend (which sits on top of the plot)."""
    return dict(text=text, yref="container", y=1, yanchor="top", pad=dict(t=12))


def _top_legend(**extra) -> dict:
    """A horizontal legend between the title and the plot: it pushes the top margin rather than
    covering the plot or, below a figure, the next output."""
    return dict(orientation="h", yanchor="bottom", y=1.0, x=0, **extra)


def _names(parties: pd.DataFrame | None) -> dict[str, str]:
    if parties is None or parties.empty:
        return {}
    return dict(zip(parties["id"].astype(str), parties["short_name"].astype(str)))


def _day(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).strftime("%-d %B %Y")


def _ids(value) -> tuple[str, ...]:
    return data.split_ids(value) if not isinstance(value, (list, np.ndarray)) else tuple(value)


def _row_label(element, account, names) -> str:
    text = str(element)
    text = text if len(text) <= 44 else text[:43].rstrip() + "…"
    return f"{esc(text)} <span style='color:{MUTED}'>({esc(names.get(str(account), account))})</span>"


# --------------------------------------------------------------------------- tables


def terms_by_status(terms: pd.DataFrame) -> pd.DataFrame:
    """The terms sorted into status groups (in STATUS_ORDER), then by element, account and date;
    with a readable ``status_label``. One row per element and account, as in the data."""
    if terms is None or terms.empty:
        cols = [] if terms is None else list(terms.columns)
        return pd.DataFrame(columns=cols + ["status_label"] * ("status_label" not in cols))
    frame = terms.reset_index(drop=True).copy()
    frame["status"] = frame["status"].astype(str)
    frame["_rank"] = frame["status"].map({s: i for i, s in enumerate(STATUS_ORDER)}).fillna(len(STATUS_ORDER))
    frame = frame.sort_values(["_rank", "element", "according_to", "announced_date", "id"], kind="stable")
    frame["status_label"] = frame["status"].map(lambda s: STATUS_LABELS.get(s, s))
    return frame.drop(columns="_rank").reset_index(drop=True)


def status_counts(terms: pd.DataFrame, parties: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many elements each account gives each status: statuses down, accounts across."""
    names = _names(parties)
    table = pd.crosstab(terms["status"], terms["according_to"].map(lambda p: names.get(p, p)))
    table.columns.name = "according to"
    return table


def terms_table(terms: pd.DataFrame, parties: pd.DataFrame | None = None) -> pd.DataFrame:
    """A readable table of the terms (for screen readers and print)."""
    names = _names(parties)
    frame = terms_by_status(terms)
    if frame.empty:
        return pd.DataFrame(columns=["Status", "Element", "According to", "Announced", "Start", "End", "Days"])
    return pd.DataFrame({
        "Status": frame["status_label"].to_list(),
        "Element": frame["element"].astype(str).to_list(),
        "According to": [names.get(str(a), str(a)) for a in frame["according_to"]],
        "Announced": [_day(d) for d in frame["announced_date"]],
        "Start": [_day(d) for d in frame["start_date"]],
        "End": [_day(d) for d in frame["end_date"]],
        "Days": ["" if pd.isna(d) else int(d) for d in frame["duration_days"]],
    })


def windows(terms: pd.DataFrame) -> pd.DataFrame:
    """Terms with a start date, with ``end`` (end_date, else start + duration_days) and a duration label."""
    frame = terms_by_status(terms)
    if frame.empty:
        return frame.assign(start=pd.Series(dtype="datetime64[ns]"), end=pd.Series(dtype="datetime64[ns]"),
                            label=pd.Series(dtype=str))
    frame = frame[frame["start_date"].notna()].copy()
    start = pd.to_datetime(frame["start_date"])
    days = pd.to_numeric(frame["duration_days"], errors="coerce")
    end = pd.to_datetime(frame["end_date"])
    end = end.where(end.notna(), start + pd.to_timedelta(days, unit="D"))
    frame["start"], frame["end"] = start, end
    labels = []
    for s, e, d in zip(start, end, days):
        if pd.notna(d):
            labels.append("1 day" if int(d) == 1 else f"{int(d)} days")
        elif pd.notna(e) and e == s:
            labels.append("one day")
        elif pd.notna(e):
            labels.append(f"{(e - s).days} days (from the dates)")
        else:
            labels.append("no end recorded")
    frame["label"] = labels
    return frame.reset_index(drop=True)


def follow_up_events(events: pd.DataFrame | None) -> pd.DataFrame:
    """Ceasefire, energy and humanitarian events of March-May 2025, oldest first."""
    if events is None or events.empty:
        return pd.DataFrame(columns=[] if events is None else events.columns)
    start = pd.to_datetime(events["start_date"])
    mask = (events["category"].astype(str).isin(FOLLOW_UP_CATEGORIES)
            & (start >= FOLLOW_UP_WINDOW[0]) & (start <= FOLLOW_UP_WINDOW[1]))
    return events[mask.to_numpy()].reset_index(drop=True).sort_values(["start_date", "id"], kind="stable")


# --------------------------------------------------------------------------- figures


def _term_hover(row, names) -> str:
    parts = [f"<b>{hover_text(row['element'], 60, 160)}</b>",
             f"Status: <b>{esc(STATUS_LABELS.get(row['status'], row['status']))}</b>, "
             f"according to {esc(names.get(str(row['according_to']), row['according_to']))}",
             f"Announced {esc(_day(row['announced_date']))}"]
    if _day(row.get("start_date")) or _day(row.get("end_date")):
        parts.append(f"From {esc(_day(row.get('start_date')) or '?')} to {esc(_day(row.get('end_date')) or '?')}")
    if pd.notna(row.get("duration_days")):
        parts.append(f"{int(row['duration_days'])} days")
    if esc(row.get("quote")):
        parts.append("“" + hover_text(row["quote"], 60, 200) + "”")
    return "<br>".join(parts)


def _empty_note(message: str) -> dict:
    return dict(text=esc(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                font=dict(size=16, color=MUTED))


def terms_spec(terms: pd.DataFrame, parties: pd.DataFrame | None = None) -> dict:
    """The plain ``{"data", "layout"}`` dict behind :func:`terms_figure`: always one trace per
    status plus the "Selected" outline, so an explorer can update it in place."""
    names = _names(parties)
    frame = terms_by_status(terms)
    rows = np.arange(len(frame))
    status = frame["status"].to_numpy() if len(frame) else np.array([], dtype=object)
    data_ = []
    for st in STATUS_ORDER:
        mask = status == st
        sub = frame[mask]
        data_.append(dict(
            type="scatter", name=STATUS_LABELS[st], showlegend=bool(mask.any()), mode="markers",
            x=[pd.Timestamp(d).strftime("%Y-%m-%d") for d in sub["announced_date"]], y=rows[mask].tolist(),
            customdata=sub["id"].astype(str).to_list(),
            hovertext=[_term_hover(r, names) for r in sub.to_dict("records")],
            hoverinfo="text",
            marker=dict(size=13, color=STATUS_COLOURS[st], line=dict(width=1, color=INK), symbol="circle"),
        ))
    data_.append(dict(type="scatter", name="Selected", showlegend=False, mode="markers", x=[], y=[],
                      hoverinfo="skip", marker=dict(size=22, symbol="circle-open", color=INK, line=dict(width=3))))
    bounds = np.flatnonzero(status[1:] != status[:-1]) if len(frame) else []
    shapes = [dict(type="line", xref="paper", x0=0, x1=1, yref="y", y0=float(b) + 0.5, y1=float(b) + 0.5,
                   line=dict(color=MUTED, width=1, dash="dot")) for b in bounds]
    if frame.empty:
        alt = "No ceasefire terms match this selection."
        meta, notes = {"alt": alt, "empty": True}, [_empty_note(alt)]
    else:
        counts = frame["status"].value_counts()
        alt = (f"{len(frame)} ceasefire elements and accounts by status: "
               + ", ".join(f"{int(counts[s])} {STATUS_LABELS[s].lower()}" for s in STATUS_ORDER if counts.get(s, 0))
               + ". Each row is one element as one party's account tells it, placed at the date it was announced.")
        meta, notes = {"alt": alt}, []
    layout = dict(
        title=_title("Ceasefire elements by status and account"), shapes=shapes, annotations=notes,
        clickmode="event", hovermode="closest", height=int(min(_TOP + 70 + 22 * max(len(frame), 4), 1800)),
        legend=_top_legend(title=dict(text="Status")), margin=dict(t=_TOP, b=50), meta=meta,
        xaxis=dict(type="date", title=dict(text="Announced (2025)"), tickformat="%-d %b", visible=not frame.empty),
        # first row on top, half a row of room at each end (no autorange padding under the legend)
        yaxis=dict(tickmode="array", tickvals=rows.tolist(), range=[len(frame) - 0.5, -0.5], showgrid=False,
                   zeroline=False,
                   visible=not frame.empty,
                   ticktext=[_row_label(e, a, names) for e, a in zip(frame["element"], frame["according_to"])]),
    )
    return {"data": data_, "layout": layout}


def terms_figure(terms: pd.DataFrame, parties: pd.DataFrame | None = None) -> go.Figure:
    """One row per element and account, grouped by status (one trace per status, coloured with
    STATUS_COLOURS), placed at the date the account was announced; ``customdata`` = term id.
    The last trace ("Selected") is an empty outline an explorer moves to the chosen term.
    Click the legend to hide or show a status (works without a widget manager too)."""
    return go.Figure(terms_spec(terms, parties))


def _window_hover(row, names) -> str:
    return "<br>".join(p for p in [
        f"<b>{hover_text(row['element'], 60, 160)}</b>",
        f"According to {esc(names.get(str(row['according_to']), row['according_to']))}",
        f"Start {esc(_day(row['start']))}" + (f", end {esc(_day(row['end']))}" if _day(row['end']) else ", no end date"),
        esc(row["label"]),
        ("“" + hover_text(row["quote"], 60, 200) + "”") if esc(row.get("quote")) else "",
    ] if p)


def _event_hover(row) -> str:
    return (f"<b>{esc(row['display_date'])}</b><br>{hover_text(row['headline'], 60, 160)}<br>"
            f"<span style='color:{MUTED}'>{esc(CATEGORY_LABELS.get(str(row['category']), row['category']))}</span><br>"
            f"{hover_text(row['text'], 60, 200)}")


def calendar_spec(terms: pd.DataFrame, events: pd.DataFrame | None = None, parties: pd.DataFrame | None = None,
                  *, accounts=None) -> dict:
    """The plain ``{"data", "layout"}`` dict behind :func:`calendar_figure`."""
    names = _names(parties)
    win = windows(terms)
    evs = follow_up_events(events)
    accounts = list(dict.fromkeys(win["according_to"].astype(str))) if accounts is None else list(accounts)
    account_of = win["according_to"].astype(str).to_numpy() if len(win) else np.array([], dtype=object)
    open_end = win["end"].isna().to_numpy() if len(win) else np.zeros(0, bool)
    data_ = []
    for k, account in enumerate(accounts):
        mask = (account_of == account) & ~open_end
        sub = win[mask]
        data_.append(dict(
            type="bar", name=f"{esc(names.get(account, account))}'s account", orientation="h",
            showlegend=bool(mask.any()), y=np.flatnonzero(mask).tolist(),
            base=[s.strftime("%Y-%m-%d") for s in sub["start"]],
            x=[max(int((e - s).total_seconds() * 1000), _DAY_MS) for s, e in zip(sub["start"], sub["end"])],
            text=[esc(t) for t in sub["label"]], textposition="auto", insidetextanchor="middle",
            marker=dict(color=PARTY_COLOURS.get(account, QUALITATIVE[k % len(QUALITATIVE)]),
                        line=dict(color=INK, width=1)), opacity=0.85,
            customdata=sub["id"].astype(str).to_list(),
            hovertext=[_window_hover(r, names) for r in sub.to_dict("records")],
            hoverinfo="text",
        ))
    data_.append(dict(
        type="scatter", name="Start only (no end recorded)", mode="markers", showlegend=bool(open_end.any()),
        x=[s.strftime("%Y-%m-%d") for s in win["start"][open_end]], y=np.flatnonzero(open_end).tolist(),
        marker=dict(symbol="triangle-right", size=14, color=MUTED),
        customdata=win["id"][open_end].astype(str).to_list(),
        hovertext=[_window_hover(r, names) for r in win[open_end].to_dict("records")],
        hoverinfo="text"))
    labels = [_row_label(e, a, names) for e, a in zip(win["element"], win["according_to"])]
    categories = evs["category"].astype(str).to_numpy() if len(evs) else np.array([], dtype=object)
    for c, category in enumerate(FOLLOW_UP_CATEGORIES):
        sub = evs[categories == category] if len(evs) else evs
        labels.append(f"<i>Events: {esc(CATEGORY_LABELS[category].lower())}</i>")
        data_.append(dict(
            type="scatter", name=f"Event: {CATEGORY_LABELS[category]}", mode="markers", showlegend=False,  # row label
            x=[pd.Timestamp(d).strftime("%Y-%m-%d") for d in sub.get("start_date", [])],
            y=[len(win) + c] * len(sub),
            marker=dict(symbol="diamond", size=13, color=CATEGORY_COLOURS[category], line=dict(color=INK, width=1)),
            customdata=[str(i) for i in sub.get("id", [])],
            hovertext=[_event_hover(r) for r in sub.to_dict("records")],
            hoverinfo="text"))
    parts = [f"{names.get(str(a), a)} from {_day(s)} to {_day(e) or 'no end recorded'} ({lbl})"
             for a, s, e, lbl in zip(win["according_to"], win["start"], win["end"], win["label"])]
    more = f"; and {len(parts) - 8} more" if len(parts) > 8 else ""
    alt = ((f"Dated ceasefire terms by account: {'; '.join(parts[:8])}{more}. "
            if parts else "No dated ceasefire terms in this selection. ")
           + f"{len(evs)} follow-up events (ceasefire, energy, humanitarian; March–May 2025) are marked as diamonds.")
    empty = win.empty and evs.empty
    meta = {"alt": "No dated ceasefire terms or follow-up events to show.", "empty": True} if empty else {"alt": alt}
    layout = dict(
        title=_title("When the dated terms ran, account by account"), barmode="overlay", bargap=0.35,
        height=int(min(_TOP + 50 + 30 * max(len(labels), 4), 1800)), clickmode="event", hovermode="closest",
        legend=_top_legend(), margin=dict(t=_TOP, b=30), meta=meta,
        annotations=[_empty_note(meta["alt"])] if empty else [],
        # a grid line every week (from Monday 3 March), a label every second week
        xaxis=dict(type="date", range=["2025-03-01", "2025-06-01"], tickformat="%-d %b", dtick=7 * _DAY_MS,
                   tick0="2025-03-03", ticklabelstep=2),
        yaxis=dict(tickmode="array", tickvals=list(range(len(labels))), ticktext=labels, range=[len(labels) - 0.5, -0.5],
                   showgrid=False, zeroline=False),
    )
    return {"data": data_, "layout": layout}


def calendar_figure(terms: pd.DataFrame, events: pd.DataFrame | None = None, parties: pd.DataFrame | None = None,
                    *, accounts=None) -> go.Figure:
    """Each account's window for the dated terms (one bar per term and account, from its start
    date to its end date, labelled with its duration), terms with only a start date as a
    triangle, and the follow-up events (ceasefire, energy, humanitarian; March-May 2025) as
    diamonds. ``accounts`` fixes the order and number of the per-account bar traces (default:
    the accounts present). ``customdata`` is the term id on bars and the event id on diamonds."""
    return go.Figure(calendar_spec(terms, events, parties, accounts=accounts))


# --------------------------------------------------------------------------- details


def term_html(row, parties=None, sources=None) -> str:
    names = _names(parties)
    who = lambda ids: ", ".join(names.get(i, i) for i in _ids(ids))  # noqa: E731
    account = names.get(str(row["according_to"]), str(row["according_to"]))
    days = row.get("duration_days")
    rows = [
        ("Status", esc(STATUS_LABELS.get(str(row["status"]), row["status"]))),
        ("According to", esc(account)),
        ("Scope", esc(row.get("scope"))),
        ("Proposed by", esc(who(row.get("proposed_by")))),
        ("Accepted by", esc(who(row.get("accepted_by")))),
        ("Announced", esc(_day(row.get("announced_date")))),
        ("Start", esc(_day(row.get("start_date")))),
        ("End", esc(_day(row.get("end_date")))),
        ("Duration", "" if days is None or pd.isna(days) else esc(f"{int(days)} days")),
        ("Quotation", quote_html(row.get("quote"), f"{account}'s account, {_day(row.get('announced_date'))}")),
        ("How accounts differ", esc(row.get("note"))),
    ]
    return details_html(str(row["element"]), rows, row.get("source_ids") or (), sources)


def event_html(row, sources=None) -> str:
    rows = [("Date", esc(row.get("display_date"))),
            ("Category", esc(CATEGORY_LABELS.get(str(row.get("category")), row.get("category")))),
            ("What happened", esc(row.get("text"))),
            ("Where accounts differ", esc(row.get("note")))]
    return details_html(str(row["headline"]), rows, row.get("source_ids") or (), sources)


# --------------------------------------------------------------------------- the explorer


class CeasefireTracker(w.VBox):
    """Status and account filters, the status figure, the calendar and a details panel."""

    summary = "Ceasefire tracker: terms by status, the 30-day window"
    __repr__ = explorer_repr

    def __init__(self, *, terms: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                 parties: pd.DataFrame | None = None, sources: pd.DataFrame | None = None, **kwargs):
        self.terms = terms_by_status(data.load("ceasefire_terms") if terms is None else terms)
        events = data.load("events") if events is None else events
        self.parties = data.load("parties") if parties is None else parties
        sources = data.load("sources") if sources is None else sources
        self.sources = sources[~sources.index.duplicated()]
        self.events = follow_up_events(events[~events.index.duplicated()])
        self.names = _names(self.parties)
        self._terms = {r["id"]: r for r in self.terms.to_dict("records")} if len(self.terms) else {}
        self._events = {r["id"]: r for r in self.events.to_dict("records")} if len(self.events) else {}
        self._accounts = list(dict.fromkeys(windows(self.terms)["according_to"].astype(str)))
        self._cache: dict[tuple, tuple[go.Figure, go.Figure]] = {}
        counts = self.terms["status"].value_counts() if len(self.terms) else {}
        label = {"description_width": "initial"}
        self.status = w.Dropdown(description="Status", index=0, style=label, layout=w.Layout(width="300px"),
                                 options=[("All statuses", None)] + [(f"{STATUS_LABELS[s]} ({int(counts[s])})", s)
                                                                     for s in STATUS_ORDER if counts.get(s, 0)])
        accounts = list(dict.fromkeys(self.terms["according_to"].astype(str))) if len(self.terms) else []
        self.account = w.Dropdown(description="According to", index=0, style=label, layout=w.Layout(width="320px"),
                                  options=[("All accounts", None)] + [(f"{self.names.get(a, a)}'s account", a)
                                                                      for a in accounts])
        for dropdown in (self.status, self.account):
            keep_placeholder(dropdown)
        terms_spec_, calendar_spec_ = self._figures(None, None)
        self.terms_widget = figure_widget(go.Figure(terms_spec_))
        self.calendar_widget = figure_widget(go.Figure(calendar_spec_))
        self._wire_clicks()
        self.details = w.HTML(empty_state("Click a term or an event to see its details and sources."),
                              layout=w.Layout(min_height="80px"))
        self.alt = w.HTML()
        self.table = w.HTML()
        self.table_view = w.Accordion(children=[w.VBox([self.alt, self.table])], titles=("Text description and table",),
                                      selected_index=None)
        # precompute every single filter (combinations are built on first use, then cached)
        for st in [v for _, v in self.status.options]:
            self._precompute(st, None)
        for acc in [v for _, v in self.account.options]:
            self._precompute(None, acc)
        self.status.observe(self._on_filter, names="value")
        self.account.observe(self._on_filter, names="value")
        # one figure at a time: no legend or title of one can run into the other, and the page stays short
        self.tabs = w.Tab(children=[self.terms_widget, self.calendar_widget],
                          titles=("Terms by status", "Calendar"), selected_index=0)
        controls = w.HBox([self.status, self.account], layout=w.Layout(flex_flow="row wrap", grid_gap="4px 16px"))
        super().__init__([controls, self.tabs, self.details, self.table_view], **kwargs)
        self._selected = None
        self._update_text()

    # ---- interactions ----------------------------------------------------------------------
    def set_filters(self, status=None, account=None) -> None:
        """Show one status and/or one account (None = all)."""
        self.status.value = status if status in {v for _, v in self.status.options} else None
        self.account.value = account if account in {v for _, v in self.account.options} else None

    def select_term(self, term_id) -> None:
        """Show a term's details with its sources (what a click on a row or bar does)."""
        row = self._terms.get(term_id)
        self.details.value = (term_html(row, self.parties, self.sources) if row is not None else
                              empty_state(f"There is no ceasefire term with the id {term_id!r}."))
        self._selected = term_id if row is not None else None
        self._outline()

    def select_event(self, event_id) -> None:
        """Show a follow-up event's details with its sources (a click on a diamond)."""
        row = self._events.get(event_id)
        self.details.value = (event_html(row, self.sources) if row is not None else
                              empty_state(f"There is no follow-up event with the id {event_id!r}.",
                                          "Only ceasefire, energy and humanitarian events of March–May 2025 are shown."))

    def on_click(self, trace, points, selector=None) -> None:
        """Click handler for both figures: event markers carry event ids, the rest term ids."""
        if not points.point_inds:
            return
        item = trace.customdata[points.point_inds[0]]
        (self.select_event if str(trace.name).startswith("Event:") else self.select_term)(item)

    def filtered(self) -> pd.DataFrame:
        """The terms the current filters let through."""
        return self._frame(self.status.value, self.account.value)

    # ---- wiring -----------------------------------------------------------------------------
    def _frame(self, status, account) -> pd.DataFrame:
        frame = self.terms
        if len(frame) and status is not None:
            frame = frame[frame["status"] == status]
        if len(frame) and account is not None:
            frame = frame[frame["according_to"].astype(str) == account]
        return frame

    def _precompute(self, status, account) -> None:
        self._figures(status, account)
        self._texts(status, account)

    def _figures(self, status, account) -> tuple[dict, dict]:
        """The two figure specs for a filter (built once per filter, then reused)."""
        key = (status, account)
        if key not in self._cache:
            frame = self._frame(status, account)
            specs = (terms_spec(frame, self.parties),
                     calendar_spec(frame, self.events, self.parties, accounts=self._accounts))
            for spec in specs:  # in every spec, so that syncing a filter never drops the width
                spec["layout"]["width"] = WIDGET_WIDTH
            self._cache[key] = specs
        return self._cache[key]

    def _texts(self, status, account) -> tuple[str, str]:
        """Alt text and table HTML for a filter (cached like the figures)."""
        key = ("text", status, account)
        if key not in self._cache:
            terms_fig, calendar_fig = self._figures(status, account)
            self._cache[key] = (
                f"<p><b>Text description.</b> {esc(terms_fig['layout']['meta']['alt'])}</p>"
                f"<p>{esc(calendar_fig['layout']['meta']['alt'])}</p>",
                table_html(terms_table(self._frame(status, account), self.parties),
                           "Ceasefire elements by status and account"))
        return self._cache[key]

    def _wire_clicks(self) -> None:
        for trace in list(self.terms_widget.data) + list(self.calendar_widget.data):
            if trace.name != "Selected":
                trace.on_click(self.on_click, append=False)

    def _on_filter(self, change) -> None:
        terms_fig, calendar_fig = self._figures(self.status.value, self.account.value)
        before = (len(self.terms_widget.data), len(self.calendar_widget.data))
        sync_figure(self.terms_widget, terms_fig)
        sync_figure(self.calendar_widget, calendar_fig)
        if before != (len(self.terms_widget.data), len(self.calendar_widget.data)):
            self._wire_clicks()  # traces were replaced
        self._update_text()
        self._outline()

    def _outline(self) -> None:
        traces = {t.name: t for t in self.terms_widget.data}
        outline = traces.get("Selected")
        if outline is None:
            return
        for t in self.terms_widget.data:
            if t.name != "Selected" and t.customdata is not None and self._selected in list(t.customdata):
                i = list(t.customdata).index(self._selected)
                with self.terms_widget.batch_update():
                    outline.x, outline.y = [t.x[i]], [t.y[i]]
                return
        outline.x, outline.y = [], []

    def _update_text(self) -> None:
        self.alt.value, self.table.value = self._texts(self.status.value, self.account.value)


# --------------------------------------------------------------------------- benchmark hook


def benchmark_cases(tables: dict[str, pd.DataFrame]) -> list[tuple[str, callable]]:
    """Student interactions on one tracker built from ``tables`` (for lessons.bench)."""
    ex = CeasefireTracker(terms=tables["ceasefire_terms"], events=tables["events"], parties=tables["parties"],
                          sources=tables["sources"])
    terms = itertools.cycle(list(ex._terms) or [None])
    events = itertools.cycle(list(ex._events) or [None])
    statuses = itertools.cycle([v for _, v in ex.status.options])
    accounts = itertools.cycle([v for _, v in ex.account.options])
    from plotly.callbacks import Points

    def status_filter():
        ex.status.value = next(statuses)

    def account_filter():
        ex.account.value = next(accounts)

    def select_term():
        ex.select_term(next(terms))

    def select_event():
        ex.select_event(next(events))

    def click_term():
        trace = next((t for t in ex.terms_widget.data if t.customdata is not None and len(t.customdata)), None)
        if trace is not None:
            ex.on_click(trace, Points(point_inds=[0], trace_index=0))

    return [("ceasefire: status filter", status_filter), ("ceasefire: account filter", account_filter),
            ("ceasefire: select term", select_term), ("ceasefire: select event", select_event),
            ("ceasefire: click term", click_term)]
