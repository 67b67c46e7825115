"""The readout comparator widget: a filter, a topic list, the mention figure and a side-by-side panel.

:class:`ReadoutComparator` only wires controls to :mod:`.topics` and :mod:`.figure`; every figure, panel
and table it shows is made once per filter or topic and kept.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from .. import data
from ..explorer import Explorer
from ..figsync import PlotView
from ..html import empty_state, esc
from .figure import readout_spec, row_band
from .topics import EMPTY_FILTER, FILTERS, _ordered, event_sources, filter_topics, readout_table, topic_html


def _option(order, topic) -> str:
    """A topic as a list option: its number and its name, cut to fit the list (plain text, not HTML)."""
    text = f"{order}. {topic}"
    return text if len(text) <= 60 else text[:59].rstrip() + "…"


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
        return [row_band(labels[ids.index(topic_id)])]

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
