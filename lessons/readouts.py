"""The readout comparator: the White House and Kremlin readouts of 18 March 2025, topic by topic.

:func:`readout_figure` shows which readout mentions which topic (rows = topics, columns = the two
readouts); :class:`ReadoutComparator` adds a filter, a topic list and a side-by-side panel with each
readout's wording, what differs, what happened next (linked events) and sources. Like plotly
express, the figure and table functions take the one tidy frame of topics, loaded from
:func:`lessons.data.load` when it is not given.
"""

from __future__ import annotations

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import data
from .explorer import Explorer
from .figsync import PlotView
from .hover import hover_text, plain, template, wrap_label
from .html import Html, citations, empty_state, esc, quote, table
from .style import GRID, MUTED, PARTY_COLOURS

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
#: What an empty filter means: itself a finding.
EMPTY_FILTER = {
    "all": ("No readout topics are recorded.", ""),
    "both": ("No topic is mentioned in both readouts.", ""),
    "white-house": (
        "Nothing is mentioned only in the White House readout.",
        "That is a finding: every topic the White House readout covers, the Kremlin readout covers too.",
    ),
    "kremlin": (
        "Nothing is mentioned only in the Kremlin readout.",
        "That is a finding: every topic the Kremlin readout covers, the White House readout covers too.",
    ),
}
#: What the two marker shapes mean (the figure's subtitle, in place of a legend).
KEY = "● filled dot: the readout mentions the topic   ○ open circle: it does not"
_ROW = 40  # pixels per topic (labels on up to two lines)
_TOP = 150  # title and subtitle, the filter buttons, the column headings
_BOTTOM = 20


def _ordered(readouts: pd.DataFrame | None) -> pd.DataFrame:
    readouts = data.load("readouts") if readouts is None else readouts
    if readouts.empty:
        return readouts.iloc[:0].reset_index(drop=True)
    return readouts.reset_index(drop=True).sort_values(["order", "id"], kind="stable")


def filter_topics(readouts: pd.DataFrame | None = None, value: str = "all") -> pd.DataFrame:
    """Topics mentioned by both readouts, only one of them, or all (``value`` is a key of FILTERS)."""
    if value not in FILTERS:
        raise ValueError(f"unknown filter {value!r}; choose one of {', '.join(FILTERS)}")
    frame = _ordered(readouts)
    if frame.empty or value == "all":
        return frame
    wh = frame["in_white_house"].fillna(False).astype(bool)
    kr = frame["in_kremlin"].fillna(False).astype(bool)
    mask = {"both": wh & kr, "white-house": wh & ~kr, "kremlin": kr & ~wh}[value]
    return frame[mask.to_numpy()]


def _wording(row, account) -> str:
    flag, wording, _ = READOUTS[account]
    if not bool(row.get(flag)):
        return "Not mentioned"
    return str(row[wording]) if esc(row.get(wording)) else "Mentioned (no wording recorded)"


def readout_frame(
    readouts: pd.DataFrame | None = None, value: str = "all", sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The topics of a filter, for reading: each readout's wording, what differs, what happened next and
    who published the sources. A readout column is left out where the filter says it mentions nothing."""
    frame = filter_topics(readouts, value)
    sources = data.load("sources") if sources is None else sources
    rows = frame.to_dict("records")
    out = {"Topic": [str(r["topic"]) for r in rows]}
    for account in READOUTS:
        if not (value == "white-house" and account == "Kremlin") and not (
            value == "kremlin" and account == "White House"
        ):
            out[f"{account} readout"] = [_wording(r, account) for r in rows]
    out["What differs"] = ["" if pd.isna(r.get("difference")) else str(r["difference"]) for r in rows]
    out["What happened next"] = ["" if pd.isna(r.get("afterwards")) else str(r["afterwards"]) for r in rows]
    out["Sources"] = [
        "; ".join(
            dict.fromkeys(
                str(sources.loc[i, "publisher"]) if i in sources.index else i
                for i in data.split_ids(r.get("source_ids"))
            )
        )
        for r in rows
    ]
    return pd.DataFrame(out, columns=list(out))


def readout_table(
    readouts: pd.DataFrame | None = None, value: str = "all", sources: pd.DataFrame | None = None
) -> Html:
    """:func:`readout_frame` as a table for reading (every cell in full, no index)."""
    message, hint = EMPTY_FILTER[value]
    if filter_topics(readouts, value).empty:
        return empty_state(message, hint)
    return table(readout_frame(readouts, value, sources), f"The readouts of 18 March 2025: {FILTERS[value]}")


def _option(order, topic) -> str:
    """A topic as a list option: its number and its name, cut to fit the list (plain text, not HTML)."""
    text = f"{order}. {topic}"
    return text if len(text) <= 60 else text[:59].rstrip() + "…"


def trace_arrays(readouts: pd.DataFrame) -> list[dict]:
    """x, y, customdata and hover text of the four traces (readout × mentioned / not mentioned), then
    ``{"categoryarray": labels}``. The y labels are made unique (a repeated topic gets its order number)."""
    frame = _ordered(readouts)
    labels, seen = [], set()
    for topic, order in zip(frame.get("topic", []), frame.get("order", [])):
        label = wrap_label(topic, 34)
        label = label if label not in seen else f"{label} ({order})"
        seen.add(label)
        labels.append(label)
    out = []
    for account, (flag, wording, _) in READOUTS.items():
        said = frame[flag].fillna(False).astype(bool).to_numpy() if len(frame) else np.zeros(0, bool)
        for mentioned in (True, False):
            rows = np.flatnonzero(said == mentioned)
            sub = frame.iloc[rows]
            hover = [
                f"<b>{hover_text(t, 60, 120)}</b><br>{account} readout: "
                f"<b>{'mentions it' if mentioned else 'does not mention it'}</b>"
                + (f"<br>{hover_text(wd, 60, 240)}" if mentioned and plain(wd) else "")
                for t, wd in zip(sub.get("topic", []), sub.get(wording, []))
            ]
            out.append(
                dict(
                    x=[account] * len(rows),
                    y=[labels[i] for i in rows],
                    customdata=[str(i) for i in sub.get("id", [])],
                    hovertext=hover,
                )
            )
    return out + [dict(categoryarray=labels)]


def _alt(frame: pd.DataFrame, value: str = "all") -> str:
    if frame.empty:
        return " ".join(p for p in EMPTY_FILTER[value] if p)
    wh, kr = frame["in_white_house"].astype(bool), frame["in_kremlin"].astype(bool)
    return (
        f"{len(frame)} topics of the 18 March 2025 call: {int((wh & kr).sum())} in both readouts, "
        f"{int((wh & ~kr).sum())} only in the White House readout, {int((kr & ~wh).sum())} only in the Kremlin "
        f"readout, {int((~wh & ~kr).sum())} in neither."
    )


def _empty_note(value: str) -> dict:
    message, hint = EMPTY_FILTER[value]
    text = plain(message) + (f"<br><span style='font-size:13px'>{hover_text(hint, 70, None)}</span>" if hint else "")
    return dict(text=text, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=16, color=MUTED))


def _height(rows: int, top: int = _TOP) -> int:
    return int(min(top + _BOTTOM + _ROW * max(rows, 3), 1800))


def readout_spec(
    readouts: pd.DataFrame, value: str = "all", *, selected=None, buttons: bool = False, static: bool = False
) -> dict:
    """The plain ``{"data", "layout"}`` dict of the figure for one filter: always the four traces, so an
    explorer's view updates them in place; an empty filter says so (and hides the axes); ``selected``
    (a topic id) gets a grey band across its row. ``buttons`` adds the static filter buttons (``static``:
    leaves room for them)."""
    everything = _ordered(readouts)
    frame = filter_topics(everything, value)
    arrays = trace_arrays(frame)
    traces = []
    for a, (account, mentioned) in zip(arrays, [(acc, m) for acc in READOUTS for m in (True, False)]):
        colour = READOUTS[account][2]
        traces.append(
            dict(
                type="scatter",
                name=f"{account}: {'mentioned' if mentioned else 'not mentioned'}",
                mode="markers",
                x=a["x"],
                y=a["y"],
                customdata=a["customdata"],
                hovertext=a["hovertext"],
                hoverinfo="text",
                marker=dict(
                    symbol="circle" if mentioned else "circle-open",
                    size=18,
                    color=colour,
                    line=dict(width=2, color=colour),
                ),
            )
        )
    labels = arrays[-1]["categoryarray"]
    row = next((labels[i] for i, tid in enumerate(frame.get("id", [])) if tid == selected), None)
    shown = not frame.empty
    top = _TOP if buttons or static else _TOP - 50
    layout = dict(
        template=template(),
        title=dict(
            text="What each readout of the 18 March 2025 call mentions",
            yref="container",
            y=0.99,
            yanchor="top",
            subtitle=dict(text=KEY, font=dict(color=MUTED, size=13)),
        ),
        height=_height(len(frame), top),
        margin=dict(t=top, l=10, r=10, b=_BOTTOM),
        clickmode="event",
        showlegend=False,
        meta={"alt": _alt(frame, value), **({} if shown else {"empty": True})},
        xaxis=dict(
            type="category",
            categoryorder="array",
            categoryarray=list(READOUTS),
            side="top",
            showgrid=False,
            range=[-0.5, 1.5],
            fixedrange=True,
            title=None,
            tickfont=dict(size=15),
            visible=shown,
        ),
        yaxis=dict(
            type="category",
            categoryorder="array",
            categoryarray=labels,
            autorange="reversed",
            showgrid=True,
            gridcolor=GRID,
            title=None,
            visible=shown,
        ),
        annotations=[] if shown else [_empty_note(value)],
        # a band across the selected row: a thick line works on a category axis
        shapes=[
            dict(
                type="line",
                xref="paper",
                x0=0,
                x1=1,
                yref="y",
                y0=row,
                y1=row,
                layer="below",
                line=dict(width=34, color="rgba(0,0,0,0.08)"),
            )
        ]
        if row is not None
        else [],
    )
    if buttons and not everything.empty:
        layout["updatemenus"] = [_filter_buttons(everything)]
    return {"data": traces, "layout": layout}


def readout_figure(readouts: pd.DataFrame | None = None) -> go.Figure:
    """Topics as rows, the two readouts as columns: a filled dot where a readout mentions the topic, an
    open circle where it does not; hover shows each readout's wording. Buttons above the figure filter
    the topics where there is no kernel (an exported page); an empty filter says what that means."""
    return go.Figure(readout_spec(_ordered(readouts), "all", buttons=True))


def _filter_buttons(frame: pd.DataFrame) -> dict:
    """Plotly buttons standing in for the filter where Python widgets do not run."""
    buttons = []
    for value, label in FILTERS.items():
        spec = readout_spec(frame, value, static=True)
        restyle = {k: [t[k] for t in spec["data"]] for k in ("x", "y", "customdata", "hovertext")}
        lay = spec["layout"]
        relayout = {
            "yaxis.categoryarray": lay["yaxis"]["categoryarray"],
            "annotations": lay["annotations"],
            "xaxis.visible": lay["xaxis"]["visible"],
            "yaxis.visible": lay["yaxis"]["visible"],
        }
        buttons.append(dict(label=label, method="update", args=[restyle, relayout]))
    # above the column headings, right-aligned so a narrow page moves them over the empty corner
    plot_height = _ROW * max(len(frame), 3)
    return dict(
        type="buttons",
        direction="right",
        buttons=buttons,
        x=1,
        xanchor="right",
        y=1 + 36 / plot_height,
        yanchor="bottom",
        pad=dict(t=0, b=0),
        showactive=True,
        active=0,
    )


# --------------------------------------------------------------------------- HTML panel


def topic_html(row, events: pd.DataFrame | None, sources: pd.DataFrame | None) -> Html:
    """The side-by-side panel for one topic: both wordings, what differs, what happened next, sources."""
    columns = []
    for account, (flag, wording, _colour) in READOUTS.items():
        text = row.get(wording)
        if bool(row.get(flag)) and esc(text):
            body = str(quote(text, f"{account} readout, 18 March 2025"))
        elif bool(row.get(flag)):
            body = f"<p>The {account} readout mentions this topic; no wording is recorded.</p>"
        else:
            body = f"<p class='lessons-muted'><i>Not mentioned in the {account} readout.</i></p>"
        columns.append(f"<section aria-label='{esc(account)} readout'><h5>{esc(account)} readout</h5>{body}</section>")
    after = f"<p>{esc(row.get('afterwards'))}</p>" if esc(row.get("afterwards")) else ""
    return Html(
        f"<div class='lessons-details'><h3>{esc(row.get('topic'))}</h3>"
        f"<div style='display:grid;grid-template-columns:1fr 1fr;gap:16px'>{''.join(columns)}</div>"
        f"<h5>What differs</h5><p>{esc(row.get('difference'))}</p>"
        f"<h5>What happened next</h5>{after}{_events_html(row.get('event_ids') or (), events)}"
        f"<h5>Sources</h5>{citations(tuple(row.get('source_ids') or ()), sources)}</div>"
    )


def _events_html(event_ids, events: pd.DataFrame | None) -> str:
    ids = data.split_ids(event_ids)
    if not ids or events is None or events.empty:
        return ""
    items = []
    for eid in ids:
        if eid not in events.index:
            continue  # an event outside the data is not shown as an id
        ev = events.loc[eid]
        items.append(f"<li><b>{esc(ev['display_date'])}</b>: {esc(ev['headline'])}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


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


class ReadoutComparator(Explorer):
    """Filter, topic list, the mention figure and a side-by-side panel of the two readouts."""

    def __init__(
        self,
        *,
        readouts: pd.DataFrame | None = None,
        events: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
        **kwargs,
    ):
        super().__init__(summary="Readout comparator: the two readouts side by side", **kwargs)
        self.readouts = _ordered(readouts)
        self.events = data.load("events") if events is None else events
        self.sources = data.load("sources") if sources is None else sources
        self._rows = {rid: row for rid, row in zip(self.readouts.get("id", []), self.readouts.to_dict("records"))}
        self._html: dict[str, str] = {}
        self._options = {
            value: [
                (_option(o, t), i) for o, t, i in zip(sub.get("order", []), sub.get("topic", []), sub.get("id", []))
            ]
            for value, sub in ((v, filter_topics(self.readouts, v)) for v in FILTERS)
        }
        self._specs: dict = {}
        self.filter = w.ToggleButtons(
            options=[(label, value) for value, label in FILTERS.items()],
            value="all",
            tooltips=[f"Show {label}" for label in FILTERS.values()],
            style={"button_width": "auto"},
        )
        self.topics = w.Select(
            options=self._options["all"],
            value=None,
            description="Topic",
            rows=min(max(len(self.readouts), 3), 16),
            style={"description_width": "initial"},
            # as wide as its longest topic (up to half the row): a cut name reads as another topic
            layout=w.Layout(width="auto", min_width="260px", max_width="52%", flex="0 0 auto"),
        )
        self.figure = PlotView(height=300)  # a placeholder height until the first draw (the figure sets its own)
        self.figure.on_click(lambda point: self.select(point.get("customdata")))
        self.details = w.HTML(layout=w.Layout(min_height="80px", flex="1 1 0", min_width="0"))
        self.table_view = self.alt_table_box()
        self.watch(self.filter)
        self.watch(self.topics)
        below = w.HBox([self.topics, self.details], layout=w.Layout(align_items="flex-start", grid_gap="16px"))
        filter_row = w.HBox(
            [w.Label("Show:"), self.filter, self.reset_button],
            layout=w.Layout(align_items="center", grid_gap="8px", flex_flow="row wrap"),
        )
        self.set_children(filter_row, self.figure, below, self.table_view)
        for topic_id in self._rows:  # every panel ready before a student asks for it
            self._panel("all", topic_id)
        self.refresh()

    def static_figure(self) -> dict:
        """On an exported page, plotly's buttons stand in for the filter."""
        return readout_spec(self.readouts, "all", buttons=True)

    # ---- what a student can do ---------------------------------------------------------------------
    def set_filter(self, value: str) -> None:
        """Show all topics, those both readouts mention, or those only one mentions."""
        if value not in FILTERS:
            self.details.value = str(
                empty_state(f"Unknown filter {value!r}.", f"Choose one of: {', '.join(FILTERS.values())}.")
            )
            return
        self.filter.value = value

    def select(self, topic_id) -> None:
        """Show one topic side by side (what choosing it in the list or clicking a dot does); a topic
        hidden by the filter brings all topics back."""
        if topic_id not in self._rows:
            self.details.value = str(empty_state(f"There is no readout topic with the id {topic_id!r}."))
            return
        with self.quiet():
            if topic_id not in {v for _, v in self._options.get(self.filter.value, [])}:
                self.filter.value = "all"
                self._sync_topics()
            self.topics.value = topic_id

    # ---- wiring --------------------------------------------------------------------------------------
    def _sync_topics(self) -> None:
        options = self._options.get(self.filter.value, self._options["all"])
        keep = self.topics.value if self.topics.value in {v for _, v in options} else None
        if list(self.topics.options) != options:
            self.topics.options = options
        self.topics.value = keep

    def refresh(self) -> None:
        value = self.filter.value if self.filter.value in FILTERS else "all"  # no button pressed: all topics
        if list(self.topics.options) != self._options[value]:
            with self.quiet():  # a topic the filter hides is no longer chosen
                self._sync_topics()
        topic = self.topics.value
        if value not in self._specs:
            self._specs[value] = readout_spec(self.readouts, value)
        base = self._specs[value]
        # only the band across the chosen row is new: the rest of the figure is the same objects, not re-sent
        spec = {"data": base["data"], "layout": {**base["layout"], "shapes": self._band(value, topic)}}
        self.figure.show(spec)
        self.details.value = self._panel(value, topic)
        self.table_view.children[0].value = f"<p><b>Text description.</b> {esc(spec['layout']['meta']['alt'])}</p>"
        self.table_view.children[1].value = self._table(value)

    def _band(self, value, topic_id) -> list:
        labels = self._specs[value]["layout"]["yaxis"]["categoryarray"]
        ids = [i for _, i in self._options[value]]
        if topic_id not in ids:
            return []
        row = labels[ids.index(topic_id)]
        return [
            dict(
                type="line",
                xref="paper",
                x0=0,
                x1=1,
                yref="y",
                y0=row,
                y1=row,
                layer="below",
                line=dict(width=34, color="rgba(0,0,0,0.08)"),
            )
        ]

    def _table(self, value) -> str:
        if ("table", value) not in self._html:
            self._html[("table", value)] = str(readout_table(self.readouts, value, self.sources))
        return self._html[("table", value)]

    def _panel(self, value, topic_id) -> str:
        if self.readouts.empty:
            return str(empty_state("No readout topics are recorded yet."))
        if topic_id is None:
            if not self._options[value]:
                return str(empty_state(*EMPTY_FILTER[value]))
            return str(
                empty_state(
                    "Choose a topic to compare the two readouts.",
                    "Pick one from the list or click a dot in the figure.",
                )
            )
        if topic_id not in self._html:
            row = self._rows[topic_id]
            ids = tuple(
                dict.fromkeys(
                    tuple(data.split_ids(row.get("source_ids"))) + event_sources(row.get("event_ids"), self.events)
                )
            )
            self._html[topic_id] = str(topic_html({**row, "source_ids": ids}, self.events, self.sources))
        return self._html[topic_id]
