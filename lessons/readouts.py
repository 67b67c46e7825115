"""The readout comparator: the White House and Kremlin readouts of 18 March 2025, topic by topic.

:func:`readout_figure` shows which readout mentions which topic (rows = topics, columns =
the two readouts); :class:`ReadoutComparator` adds a filter, a topic list and a side-by-side
panel with each readout's wording, what differs, what happened next (linked events) and sources.
"""

from __future__ import annotations

import itertools

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import data
from .style import FONT, GRID, MUTED, PARTY_COLOURS, empty_state, esc
from .widgets import citation_html, explorer_repr, figure_widget, hover_text, quote_html, table_html

#: The two accounts: column label, the readouts column that says whether it mentions a topic, its wording.
READOUTS = {
    "White House": ("in_white_house", "white_house_wording", PARTY_COLOURS["us"]),
    "Kremlin": ("in_kremlin", "kremlin_wording", PARTY_COLOURS["ru"]),
}
#: Filter values and their labels (the same in the widget and the static figure's buttons).
FILTERS = {
    "all": "all topics",
    "both": "both mention",
    "white-house": "only White House",
    "kremlin": "only Kremlin",
}
_EMPTY_FILTER = "No topic matches this filter."
#: What the two marker shapes mean (the figure's subtitle, in place of a legend).
KEY = "● filled dot: the readout mentions the topic   ○ open circle: it does not"
#: The explorer's figure width in pixels: a FigureWidget is drawn before it is attached to the page,
#: so it cannot measure the notebook and would fall back to plotly's 700 px; this fits a ~950 px notebook.
WIDGET_WIDTH = 920
_ROW = 32  # pixels per topic
_TOP = 150  # title and subtitle, the filter buttons, the column headings
_BOTTOM = 20


def _ordered(readouts: pd.DataFrame) -> pd.DataFrame:
    if readouts is None or readouts.empty:
        return pd.DataFrame(columns=[] if readouts is None else readouts.columns)
    return readouts.reset_index(drop=True).sort_values(["order", "id"], kind="stable")


def filter_topics(readouts: pd.DataFrame, value: str = "all") -> pd.DataFrame:
    """Topics mentioned by both readouts, only one of them, or all (``value`` is a key of FILTERS)."""
    frame = _ordered(readouts)
    if frame.empty or value == "all":
        return frame
    wh = frame["in_white_house"].fillna(False).astype(bool)
    kr = frame["in_kremlin"].fillna(False).astype(bool)
    mask = {"both": wh & kr, "white-house": wh & ~kr, "kremlin": kr & ~wh}.get(value)
    if mask is None:
        raise ValueError(f"unknown filter {value!r}; choose one of {', '.join(FILTERS)}")
    return frame[mask.to_numpy()]


def readout_table(readouts: pd.DataFrame) -> pd.DataFrame:
    """The figure's data as a table: topic, whether each readout mentions it, and what differs."""
    frame = _ordered(readouts)
    yes = {True: "mentioned", False: "not mentioned"}
    return pd.DataFrame({
        "Topic": frame.get("topic", pd.Series(dtype=str)).astype(str).to_list(),
        "White House readout": [yes[bool(v)] for v in frame.get("in_white_house", [])],
        "Kremlin readout": [yes[bool(v)] for v in frame.get("in_kremlin", [])],
        "What differs": frame.get("difference", pd.Series(dtype=str)).astype(str).to_list(),
    })


def _option(order, topic) -> str:
    """A topic as a list option: its number and its name, cut to fit the list (plain text, not HTML)."""
    text = f"{order}. {topic}"
    return text if len(text) <= 46 else text[:45].rstrip() + "…"


def _label(topic) -> str:
    return esc(topic) if len(str(topic)) <= 48 else esc(str(topic)[:47].rstrip()) + "…"


def trace_arrays(readouts: pd.DataFrame) -> list[dict]:
    """x, y, customdata and hover text of the four traces (readout × mentioned / not mentioned).

    The y labels are made unique (a repeated topic gets its order number) so rows never merge.
    """
    frame = _ordered(readouts)
    labels, seen = [], set()
    for topic, order in zip(frame.get("topic", []), frame.get("order", [])):
        label = _label(topic)
        label = label if label not in seen else f"{label} ({order})"
        seen.add(label)
        labels.append(label)
    out = []
    for account, (flag, wording, _) in READOUTS.items():
        said = frame[flag].fillna(False).astype(bool).to_numpy() if len(frame) else np.zeros(0, bool)
        for mentioned in (True, False):
            rows = np.flatnonzero(said == mentioned)
            sub = frame.iloc[rows]
            hover = [f"<b>{esc(t)}</b><br>{account} readout: <b>{'mentions it' if mentioned else 'does not mention it'}</b>"
                     + (f"<br>{hover_text(wd, 60, 240)}" if mentioned and esc(wd) else "")
                     for t, wd in zip(sub.get("topic", []), sub.get(wording, []))]
            out.append(dict(x=[account] * len(rows), y=[labels[i] for i in rows],
                            customdata=list(sub.get("id", [])), hovertext=hover))
    return out + [dict(categoryarray=labels)]


def _alt(frame: pd.DataFrame) -> str:
    if frame.empty:
        return _EMPTY_FILTER
    wh, kr = frame["in_white_house"].astype(bool), frame["in_kremlin"].astype(bool)
    return (f"{len(frame)} topics of the 18 March 2025 call: {int((wh & kr).sum())} in both readouts, "
            f"{int((wh & ~kr).sum())} only in the White House readout, {int((kr & ~wh).sum())} only in the Kremlin "
            f"readout, {int((~wh & ~kr).sum())} in neither.")


def readout_figure(readouts: pd.DataFrame) -> go.Figure:
    """Topics as rows, the two readouts as columns: a filled dot where a readout mentions the
    topic, an open circle where it does not; hover shows each readout's wording.

    Always four traces (White House mentioned / not, Kremlin mentioned / not) with
    ``customdata`` = topic id, so an explorer can update them in place. Buttons above the
    figure filter the topics where there is no widget manager (HTML export)."""
    frame = _ordered(readouts)
    arrays = trace_arrays(frame)
    fig = go.Figure()
    i = 0
    for account, (_, _, colour) in READOUTS.items():
        for mentioned in (True, False):
            a = arrays[i]
            i += 1
            fig.add_trace(go.Scatter(
                name=f"{account}: {'mentioned' if mentioned else 'not mentioned'}",
                x=a["x"], y=a["y"], customdata=a["customdata"], hovertext=a["hovertext"],
                hoverinfo="text", mode="markers",
                marker=dict(symbol="circle" if mentioned else "circle-open", size=18, color=colour,
                            line=dict(width=2, color=colour)),
            ))
    height = int(min(_TOP + _BOTTOM + _ROW * max(len(frame), 3), 1600))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=list(READOUTS), side="top",
                     showgrid=False, range=[-0.5, 1.5], fixedrange=True, title=None, tickfont=dict(size=15))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=arrays[-1]["categoryarray"],
                     autorange="reversed", showgrid=True, gridcolor=GRID, title=None)
    fig.update_layout(
        title=dict(text="What each readout of the 18 March 2025 call mentions", yref="container", y=0.99,
                   yanchor="top", subtitle=dict(text=KEY, font=dict(color=MUTED, size=13))),
        height=height, margin=dict(t=_TOP, l=10, r=10, b=_BOTTOM), clickmode="event", showlegend=False,
        meta={"alt": _alt(frame)},
    )
    if frame.empty:
        fig.add_annotation(text="No readout topics recorded.", showarrow=False, x=0.5, y=0.5,
                           xref="paper", yref="paper", font=dict(size=16, color=MUTED))
        fig.update_layout(meta={"alt": "No readout topics recorded.", "empty": True})
        return fig
    fig.update_layout(updatemenus=[_filter_buttons(frame)])
    return fig


def _filter_buttons(frame: pd.DataFrame) -> dict:
    """Plotly buttons standing in for the filter where Python widgets do not run."""
    buttons = []
    for value, label in FILTERS.items():
        a = trace_arrays(filter_topics(frame, value))
        restyle = {k: [t[k] for t in a[:4]] for k in ("x", "y", "customdata", "hovertext")}
        buttons.append(dict(label=label, method="update",
                            args=[restyle, {"yaxis.categoryarray": a[-1]["categoryarray"]}]))
    # above the column headings (36 px over the plot; paper y is a fraction of the plot height), right-aligned
    # so that a narrow page moves them over the empty corner above the topic labels instead of cutting them off
    plot_height = _ROW * max(len(frame), 3)
    return dict(type="buttons", direction="right", buttons=buttons, x=1, xanchor="right", y=1 + 36 / plot_height,
                yanchor="bottom", pad=dict(t=0, b=0), showactive=True, active=0)


# --------------------------------------------------------------------------- HTML panel


def topic_html(row, events: pd.DataFrame | None, sources: pd.DataFrame | None) -> str:
    """The side-by-side panel for one topic: both wordings, what differs, what happened next."""
    columns = []
    for account, (flag, wording, colour) in READOUTS.items():
        text = row.get(wording)
        if bool(row.get(flag)) and esc(text):
            body = quote_html(text, f"{account} readout, 18 March 2025")
        elif bool(row.get(flag)):
            body = f"<p>The {account} readout mentions this topic; no wording is recorded.</p>"
        else:
            body = f"<p style='color:{MUTED}'><i>Not mentioned in the {account} readout.</i></p>"
        columns.append(f"<section aria-label='{esc(account)} readout'><h5 style='margin:0;border-bottom:3px solid "
                       f"{colour}'>{esc(account)}</h5>{body}</section>")
    linked = _events_html(row.get("event_ids") or (), events)
    source_ids = tuple(row.get("source_ids") or ())
    return (f"<div class='lessons-details' style='font-family:{FONT}'>"
            f"<h4 style='margin:0 0 6px'>{esc(row.get('topic'))}</h4>"
            f"<div style='display:grid;grid-template-columns:1fr 1fr;gap:16px'>{''.join(columns)}</div>"
            f"<h5 style='margin:8px 0 2px'>What differs</h5><p style='margin:0'>{esc(row.get('difference'))}</p>"
            f"<h5 style='margin:8px 0 2px'>What happened next</h5>"
            f"{('<p style=margin:0>' + esc(row.get('afterwards')) + '</p>') if esc(row.get('afterwards')) else ''}"
            f"{linked}<h5 style='margin:8px 0 2px'>Sources</h5>{citation_html(source_ids, sources)}</div>")


def _events_html(event_ids, events: pd.DataFrame | None) -> str:
    ids = data.split_ids(event_ids)
    if not ids:
        return ""
    if events is None or events.empty:
        return f"<p style='color:{MUTED}'>Linked events: {esc(', '.join(ids))}</p>"
    items = []
    for eid in ids:
        if eid not in events.index:
            items.append(f"<li>Unknown event <code>{esc(eid)}</code></li>")
            continue
        ev = events.loc[eid]
        items.append(f"<li><b>{esc(ev['display_date'])}</b>: {esc(ev['headline'])}</li>")
    return f"<ul style='margin:4px 0 0 1.2em;padding:0'>{''.join(items)}</ul>"


def event_sources(event_ids, events: pd.DataFrame | None) -> tuple[str, ...]:
    """The source ids of the linked events, in order, without repeats."""
    if events is None or events.empty:
        return ()
    out = []
    for eid in data.split_ids(event_ids):
        if eid in events.index:
            out.extend(data.split_ids(events.loc[eid, "source_ids"]))
    return tuple(dict.fromkeys(out))


# --------------------------------------------------------------------------- the explorer


class ReadoutComparator(w.VBox):
    """Filter, topic list, the mention figure and a side-by-side panel of the two readouts."""

    summary = "Readout comparator: the two readouts side by side"
    __repr__ = explorer_repr

    def __init__(self, *, readouts: pd.DataFrame | None = None, events: pd.DataFrame | None = None,
                 sources: pd.DataFrame | None = None, **kwargs):
        self.readouts = _ordered(data.load("readouts") if readouts is None else readouts)
        events = data.load("events") if events is None else events
        sources = data.load("sources") if sources is None else sources
        self.events = events[~events.index.duplicated()]
        self.sources = sources[~sources.index.duplicated()]
        self._rows = {rid: row for rid, row in zip(self.readouts.get("id", []),
                                                   self.readouts.to_dict("records"))}
        self._html: dict[str, str] = {}
        self._busy = False
        # the four trace arrays and the topic options of each filter, computed once
        self._views = {value: (trace_arrays(sub), [(_option(o, t), i) for o, t, i in
                                                   zip(sub.get("order", []), sub.get("topic", []), sub.get("id", []))],
                               _alt(sub))
                       for value, sub in ((v, filter_topics(self.readouts, v)) for v in FILTERS)}
        self.figure = readout_figure(self.readouts)
        # the widget's own filter stands in for the buttons, so the figure needs less room on top
        self.figure.layout.updatemenus = ()  # (update_layout would merge an empty tuple away)
        self.figure.update_layout(margin_t=_TOP - 50, height=self._height(len(self.readouts)), width=WIDGET_WIDTH)
        self.figure_widget = figure_widget(self.figure)
        for trace in self.figure_widget.data:
            trace.on_click(self.on_point_click)
        self.filter = w.ToggleButtons(options=[(label, value) for value, label in FILTERS.items()], value="all",
                                      tooltips=[f"Show {label}" for label in FILTERS.values()],
                                      style={"button_width": "auto"})
        self.topics = w.Select(options=self._views["all"][1], value=None, description="Topic",
                               rows=min(max(len(self.readouts), 3), 16), style={"description_width": "initial"},
                               layout=w.Layout(width="38%", min_width="260px"))
        self.details = w.HTML(layout=w.Layout(min_height="80px", flex="1 1 0", min_width="0"))
        self.alt = w.HTML()
        self.table = w.HTML(table_html(readout_table(self.readouts), "The two readouts, topic by topic"))
        self.table_view = w.Accordion(children=[w.VBox([self.alt, self.table])], titles=("Text description and table",),
                                      selected_index=None)
        self.filter.observe(lambda change: self.set_filter(change["new"]), names="value")
        self.topics.observe(self._on_topic, names="value")
        # filter, the figure at full width, then the topic list beside the side-by-side panel
        below = w.HBox([self.topics, self.details], layout=w.Layout(align_items="flex-start", grid_gap="16px"))
        filter_row = w.HBox([w.Label("Show:"), self.filter], layout=w.Layout(align_items="center", grid_gap="8px"))
        super().__init__([filter_row, self.figure_widget, below, self.table_view], **kwargs)
        self.set_filter("all")

    # ---- interactions ----------------------------------------------------------------------
    def set_filter(self, value: str) -> None:
        """Show all topics, those both readouts mention, or those only one mentions."""
        if value not in FILTERS:
            self.details.value = empty_state(f"Unknown filter {value!r}.", f"Choose one of: {', '.join(FILTERS.values())}.")
            return
        if self.filter.value != value:
            self.filter.value = value  # comes back here through observe
            return
        arrays, options, alt = self._views[value]
        current = self.topics.value
        keep = current if current in {v for _, v in options} else None
        self._busy = True
        try:
            self.topics.options = options
            self.topics.value = keep
        finally:
            self._busy = False
        with self.figure_widget.batch_update():
            for trace, a in zip(self.figure_widget.data, arrays):
                trace.update(x=a["x"], y=a["y"], customdata=a["customdata"], hovertext=a["hovertext"])
            self.figure_widget.layout.yaxis.categoryarray = arrays[-1]["categoryarray"]
            self.figure_widget.layout.height = self._height(len(options))
            self.figure_widget.layout.annotations = () if options else (dict(
                text=_EMPTY_FILTER if not self.readouts.empty else "No readout topics recorded.", showarrow=False,
                x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=16, color=MUTED)),)
        self.alt.value = f"<p><b>Text description.</b> {esc(alt)}</p>"
        self._show(keep)

    @staticmethod
    def _height(rows: int) -> int:
        """The widget figure's height for ``rows`` topics (no filter buttons on top)."""
        return int(min(_TOP - 50 + _BOTTOM + _ROW * max(rows, 3), 1600))

    def select(self, topic_id) -> None:
        """Show one topic side by side (what choosing it in the list or clicking a dot does)."""
        if topic_id in self._rows and topic_id not in {v for _, v in self.topics.options}:
            self.set_filter("all")  # a topic hidden by the filter: show everything again
        if topic_id in self._rows and self.topics.value != topic_id:
            self.topics.value = topic_id  # observe -> _show
        else:
            self._show(topic_id)

    def on_point_click(self, trace, points, selector=None) -> None:
        """FigureWidget click handler."""
        if points.point_inds:
            self.select(trace.customdata[points.point_inds[0]])

    # ---- wiring -----------------------------------------------------------------------------
    def _on_topic(self, change) -> None:
        if not self._busy:
            self._show(change["new"])

    def _show(self, topic_id) -> None:
        if self.readouts.empty:
            html = empty_state("No readout topics are recorded yet.")
        elif topic_id is None:
            html = (empty_state(_EMPTY_FILTER, "Choose another filter above.") if not self.topics.options
                    else empty_state("Choose a topic to compare the two readouts.",
                                     "Pick one from the list or click a dot in the figure."))
        elif topic_id not in self._rows:
            html = empty_state(f"There is no readout topic with the id {topic_id!r}.")
        else:
            if topic_id not in self._html:
                row = self._rows[topic_id]
                ids = tuple(dict.fromkeys(tuple(row.get("source_ids") or ()) +
                                          event_sources(row.get("event_ids"), self.events)))
                self._html[topic_id] = topic_html({**row, "source_ids": ids}, self.events, self.sources)
            html = self._html[topic_id]
        self.details.value = html
        self._highlight(topic_id)

    def _highlight(self, topic_id) -> None:
        arrays = self._views[self.filter.value][0]
        rows = [y for a in arrays[:4] for y, c in zip(a["y"], a["customdata"]) if c == topic_id]
        # a band across the selected row: a thick line works on a category axis
        shapes = [dict(type="line", xref="paper", x0=0, x1=1, yref="y", y0=rows[0], y1=rows[0],
                       line=dict(width=30, color="rgba(0,0,0,0.08)"), layer="below")] if rows else []
        self.figure_widget.layout.shapes = shapes


# --------------------------------------------------------------------------- benchmark hook


def benchmark_cases(tables: dict[str, pd.DataFrame]) -> list[tuple[str, callable]]:
    """Student interactions on one comparator built from ``tables`` (for lessons.bench)."""
    ex = ReadoutComparator(readouts=tables["readouts"], events=tables["events"], sources=tables["sources"])
    ids = list(ex.readouts["id"]) if not ex.readouts.empty else [None]
    topics = itertools.cycle(ids)
    filters = itertools.cycle(FILTERS)
    from plotly.callbacks import Points

    def select_topic():
        ex.select(next(topics))

    def choose_in_list():
        options = ex.topics.options
        if options:
            ex.topics.value = options[(ex.topics.index or 0) + 1 if (ex.topics.index or 0) + 1 < len(options) else 0][1]

    def set_filter():
        ex.set_filter(next(filters))

    def click_dot():
        trace = next((t for t in ex.figure_widget.data if len(t.customdata or ())), ex.figure_widget.data[0])
        ex.on_point_click(trace, Points(point_inds=[0] if len(trace.customdata or ()) else [], trace_index=0))

    return [("readouts: select topic", select_topic), ("readouts: topic list", choose_in_list),
            ("readouts: filter", set_filter), ("readouts: click dot", click_dot)]
