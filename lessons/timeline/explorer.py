"""The timeline explorer: the figure with its controls, a details panel beside it, a keyboard-usable list.

Its only state is its controls (lanes, dates, categories, actors, search, lane order, and the event list,
whose value is the selected event). :meth:`TimelineExplorer.refresh` reads them, filters the prepared
events, and shows the figure through the shared engine (:class:`lessons.figsync.PlotView`), which sends
the browser only what changed. A preset is a button that sets every control it implies at once.
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import numpy as np
import pandas as pd

from .. import data
from ..explorer import Explorer
from ..figsync import PlotView
from ..html import Html, empty_state, esc, fmt_day, table
from ..style import CATEGORY_LABELS
from . import layout as lay
from .details import Lookups, colour_key, event_details, timeline_table
from .figure import empty_spec, figure_spec, with_selection
from .prepare import (
    LANE_BY,
    PRESETS,
    available_presets,
    columns,
    lookups,
    mask,
    party_names,
    prepare,
    range_problem,
    subset,
)

#: At most this many events are listed in the keyboard-accessible list.
MAX_LISTED = 1000
#: The plotting area's width assumed for placing labels (the details panel sits beside the figure).
PLOT_PX = 400


def _load(name: str):
    try:
        return data.load(name)
    except KeyError:
        return None


def _iso(value) -> str | None:
    return None if value is None else value.isoformat()


#: Characters of the search box that are searched (the longest headline is shorter).
MAX_QUERY = 120


class TimelineExplorer(Explorer):
    """The timeline with its controls: lanes, zoom presets, dates, categories, actors, search, a Reset
    button, a clickable figure with the details panel beside it, and a list of the events shown.

    Controls: ``lane_by``, ``presets`` (label -> Button), ``start``, ``end``, ``categories``, ``actors``,
    ``search``, ``lane_order``, ``event_list`` (its value is the selected event), ``previous_button``,
    ``next_button``, ``reset_button``. Panels: ``figure`` (a PlotView), ``status``, ``key``, ``count``,
    ``details``, ``table``, ``alt``; ``shown`` is the frame of the events shown.
    Methods: :meth:`select`, :meth:`step`, :meth:`apply_preset`, :meth:`reset`, :meth:`refresh`.
    """

    def __init__(
        self,
        *,
        events=None,
        sources=None,
        places=None,
        parties=None,
        party_terms=None,
        glossary=None,
        lane_by: str = "category",
        preset: str | None = None,
    ):
        self.sources, self.places, self.parties = lookups(sources, places, parties)
        self.party_terms = _load("party_terms") if party_terms is None else party_terms
        self.glossary = _load("glossary") if glossary is None else glossary
        raw = data.load("events") if events is None else events
        self.events = prepare(raw, self.sources, self.places, self.parties)
        self._names = party_names(self.parties)
        self._cols = columns(self.events)
        self._tables = Lookups(self.sources, self.places, self.parties, self.party_terms, self.glossary)
        # derived from the controls by the last refresh (never read as state):
        self._drawn = None  # the state last drawn: a refresh with the same state does nothing
        self._keep = np.zeros(len(self.events), dtype=bool)
        self._shown_ids: set = set()
        self._details_of = ("", None)  # (event id, its panel): the panel is built once per selection
        self._spec: dict | None = None  # the figure last shown
        self._build_controls(lane_by)
        super().__init__(summary="Timeline explorer: events and eras with their sources")
        self.lane_by.observe(self._lane_tags, "value")  # before watch(): the tags follow the lanes
        self._lane_tags()
        if preset is not None:
            self.apply_preset(preset if preset in self.presets else "All")
        for control in (
            self.lane_by,
            self.lane_order,
            self.start,
            self.end,
            self.categories,
            self.actors,
            self.search,
            self.event_list,
        ):
            self.watch(control)
        self._lay_out()
        self.refresh()

    # ----------------------------------------------------------------- building

    def _build_controls(self, lane_by: str) -> None:
        ev = self.events
        cats = lay.categories_of(ev["category"].to_numpy())
        actor_ids = sorted({a for t in ev["actors"] for a in t}, key=lambda a: self._names.get(a, a).casefold())
        wide = {"description_width": "72px"}
        self.lane_by = w.ToggleButtons(
            options=[(f"By {v}", k) for k, v in LANE_BY.items()],
            value=lane_by,
            style={"button_width": "auto"},
            tooltips=["One lane per category", "One lane per actor", "One lane per story thread"],
        )
        self.presets = {
            label: w.Button(
                description=label,
                layout=w.Layout(width="auto"),
                tooltip="Show these dates with every category and actor",
            )
            for label in available_presets(ev)
        }
        for label, button in self.presets.items():
            button.on_click(lambda _b, label=label: self.apply_preset(label))
        self.start = w.DatePicker(description="From", style=wide)
        self.end = w.DatePicker(description="To", style={"description_width": "30px"})
        self.search = w.Text(
            placeholder="a word, a date or a place", description="Search", style=wide, layout=w.Layout(width="340px")
        )
        self._all_categories = tuple(cats)
        self.categories = w.SelectMultiple(
            options=[(CATEGORY_LABELS.get(c, c), c) for c in cats],
            value=tuple(cats),
            rows=min(len(cats), 5) or 1,
            description="Categories",
            tooltip="Ctrl- or Shift-click to select several",
            style=wide,
            layout=w.Layout(width="48%", min_width="300px"),
        )
        self.actors = w.SelectMultiple(
            options=[(self._names.get(a, a), a) for a in actor_ids],
            value=(),
            rows=min(len(actor_ids), 5) or 1,
            description="Actors",
            tooltip="None selected = any actor",
            style=wide,
            layout=w.Layout(width="48%", min_width="300px"),
        )
        self.lane_order = w.TagsInput(allow_duplicates=False, layout=w.Layout(width="100%"))
        self.event_list = w.Select(
            options=[], value=None, rows=8, description="Events", style=wide, layout=w.Layout(width="100%")
        )
        # In JupyterLab's command mode the arrow keys move between cells even inside a list, so
        # keyboard users also get buttons (Tab to them, Space or Enter to press).
        self.previous_button = w.Button(description="◀ Previous event", tooltip="Select the previous event in the list")
        self.next_button = w.Button(description="Next event ▶", tooltip="Select the next event in the list")
        self.previous_button.on_click(lambda _b: self.step(-1))
        self.next_button.on_click(lambda _b: self.step(1))
        self.figure = PlotView(height=420, layout=w.Layout(flex="1 1 0", min_width="440px"))
        self.figure.on_click(self._on_click)
        self.status, self.key, self.count = w.HTML(), w.HTML(), w.HTML()
        self.details = w.HTML(layout=w.Layout(width="100%"))
        self._accordion = self.alt_table_box()
        self.alt, self.table = self._accordion.children
        self._accordion.observe(self._fill_table, "selected_index")

    def _lay_out(self) -> None:
        row = dict(flex_flow="row wrap", align_items="center", width="100%")
        zoom = w.HBox(
            [w.Label("Zoom", layout=w.Layout(margin="0 4px 0 16px")), *self.presets.values()],
            layout=w.Layout(flex_flow="row wrap", align_items="center"),
        )
        more = w.Accordion(
            children=[
                w.VBox(
                    [
                        w.HTML(
                            "<b>Lane order</b> <span class='lessons-muted'>(top to bottom: remove a lane's tag and type "
                            "its name again, or drag the tags, to move it)</span>"
                        ),
                        self.lane_order,
                    ]
                )
            ],
            titles=("More options: lane order",),
            selected_index=None,
        )
        side = w.VBox(
            [self.details], layout=w.Layout(flex="0 0 34%", min_width="280px", max_height="680px", overflow="auto")
        )
        side.add_class("lessons-timeline-details")
        self.set_children(
            w.HBox([w.Label("Lanes"), self.lane_by, zoom, self.reset_button], layout=w.Layout(**row)),
            w.HBox([self.start, self.end, self.search], layout=w.Layout(**row)),
            w.HBox([self.categories, self.actors], layout=w.Layout(**row)),
            more,
            self.status,
            self.key,
            w.HBox([self.figure, side], layout=w.Layout(flex_flow="row wrap", align_items="flex-start", width="100%")),
            self.count,
            self.event_list,
            w.HBox([self.previous_button, self.next_button]),
            self._accordion,
        )

    # ----------------------------------------------------------------- interactions

    def apply_preset(self, label: str) -> None:
        """Show a preset's dates with every category, any actor and no search (one refresh)."""
        span = PRESETS[label]
        with self.quiet():
            self.start.value = None if span is None else dt.date.fromisoformat(span[0])
            self.end.value = None if span is None else dt.date.fromisoformat(span[1])
            self.categories.value = self._all_categories
            self.actors.value = ()
            self.search.value = ""

    def select(self, event_id: str | None) -> bool:
        """Select an event that is shown (its details, a ring on the figure, the list); None clears.
        Returns whether the event is selected."""
        if event_id is None:
            self.event_list.value = None
            return True
        if event_id not in self._shown_ids:
            return False
        with self.quiet():
            if event_id not in {v for _, v in self.event_list.options}:
                self.event_list.options = (*self.event_list.options, (self.events.at[event_id, "_label"], event_id))
            self.event_list.value = event_id
        return True

    def step(self, offset: int) -> None:
        """Select the event ``offset`` places after the selected one in the list (wrapping around)."""
        ids = [value for _, value in self.event_list.options]
        if not ids:
            return
        here = ids.index(self.event_list.value) if self.event_list.value in ids else (-1 if offset > 0 else 0)
        self.select(ids[(here + offset) % len(ids)])

    def _on_click(self, point: dict) -> None:
        event_id = point.get("customdata")
        if isinstance(event_id, str):
            self.select(event_id)

    @property
    def shown(self) -> pd.DataFrame:
        """The events shown (prepared rows, in date order)."""
        return self.events[self._keep]

    @property
    def selected(self) -> str | None:
        """The selected event's id (the list's value)."""
        return self.event_list.value

    # ----------------------------------------------------------------- drawing

    def _state(self) -> tuple:
        return (
            self.lane_by.value,
            tuple(self.lane_order.value),
            _iso(self.start.value),
            _iso(self.end.value),
            tuple(self.categories.value),
            tuple(self.actors.value),
            self.search.value.strip()[:MAX_QUERY],  # no headline is longer: a pasted page searches its start
            self.event_list.value,
        )

    def static_figure(self) -> dict | None:
        """On an exported page, plotly's own zoom buttons (one per preset with events) stand in for the
        explorer's presets and date pickers: the figure opens on the range first drawn, with the events of
        every date the other filters keep (None when the first view is empty)."""
        if self._drawn is None or not self._keep.any():
            return None
        lane_by, order, start, end, cats, actors, query = self._drawn[:7]
        # every date the other filters keep, opened on the explorer's range: the buttons can then widen it
        keep = mask(self._cols, None, None, cats, actors or None, query)
        spec = self._figure(subset(self._cols, keep), lane_by, order, start, end, None, buttons=True)
        spec["layout"]["showlegend"] = False  # the key above the figure is exported with it
        return spec

    def _figure(self, shown, lane_by, order, start, end, selected, buttons: bool = False) -> dict:
        """The timeline of ``shown`` as the explorer draws it (live, or exported with plotly's buttons)."""
        return figure_spec(
            shown,
            lane_by=lane_by or "category",
            lane_order=list(order),
            start=start,
            end=end,
            highlight=selected,
            names=self._names,
            plot_px=PLOT_PX,
            buttons=buttons,
        )

    def refresh(self) -> None:
        """Filter by the controls, then update the figure, the list, the details and the other panels."""
        state = self._state()
        if state == self._drawn:
            return
        selected = state[-1] if state[-1] in self._shown_ids else None
        if self._drawn is not None and state[:-1] == self._drawn[:-1]:
            # only the selection changed: move the ring, show the details (the figure's other traces are
            # the same objects, so the engine sends just the ring)
            self._drawn = (*state[:-1], selected)
            self._spec = with_selection(self._spec, selected)
            self.figure.show(self._spec)
            self._show_details(selected)
            return
        self._redraw(state)

    def _redraw(self, state: tuple) -> None:
        lane_by, order, start, end, cats, actors, query, selected = state
        lane_by = lane_by or "category"
        self._keep = mask(self._cols, start, end, cats, actors or None, query)
        shown = subset(self._cols, self._keep)
        self._shown_ids = set(shown["id"].tolist())
        if selected not in self._shown_ids:
            selected = None  # a filter removed it: its details go too
        self._drawn = (*state[:-1], selected)
        with self.quiet():  # the list follows the filter; that is no new state
            self._fill_list(shown, selected)
        message, hint = self._empty_reason(start, end, cats, query, len(shown["id"]))
        self.status.value = str(empty_state(message, hint)) if message else ""
        marked = False
        if message:
            spec = empty_spec(message, height=200)
        else:
            spec = self._figure(shown, lane_by, order, start, end, selected)
            layout = spec["layout"]
            layout["showlegend"] = False  # the key above the figure replaces the legend
            layout["margin"] = dict(l=10, r=20, t=64, b=36)
            marked = any(s.get("xref") == "x" for s in layout["shapes"])
        self._spec = spec
        self.figure.height = spec["layout"]["height"]
        self.figure.show(spec)
        self.key.value = "" if message else str(colour_key(shown, lane_by, marked))
        self._show_details(selected)
        self._text_panels(shown, message, hint, spec)
        self._mark_preset(start, end)

    def _show_details(self, selected) -> None:
        if self._details_of[0] != selected:
            self._details_of = (selected, str(event_details(selected, self.events, tables=self._tables)))
        self.details.value = self._details_of[1]

    def _fill_list(self, shown: dict, selected) -> None:
        ids = shown["id"]
        options = tuple(zip(shown["_label"][:MAX_LISTED].tolist(), ids[:MAX_LISTED].tolist()))
        if selected is not None and selected not in set(ids[:MAX_LISTED].tolist()):
            options += ((self.events.at[selected, "_label"], selected),)
        if options != tuple(self.event_list.options):
            self.event_list.options = options
        if self.event_list.value != selected:
            self.event_list.value = selected

    def _range_words(self) -> str:
        """The From and To dates in words: the browser writes the date pickers in its own locale's order
        (01/02/2014 is 2 January in New York, 1 February in Kyiv), so the count line says which it is."""
        start, end = self.start.value, self.end.value
        if start is None and end is None:
            return ""
        if start is None:
            return f", up to {esc(fmt_day(end))}"
        if end is None:
            return f", from {esc(fmt_day(start))}"
        return f", from {esc(fmt_day(start))} to {esc(fmt_day(end))}"

    def _text_panels(self, shown: dict, message: str, hint: str, spec: dict) -> None:
        n, total = len(shown["id"]), len(self.events)
        periods = int((shown["kind"] == "era").sum())
        count = (
            f"<b>{n} event{'s' * (n != 1)} shown</b>"
            + (f" (including {periods} period{'s' * (periods != 1)})" if periods else "")
            + (f" <span class='lessons-muted'>of {total}</span>" if n != total else "")
            + self._range_words()
        )
        if n > MAX_LISTED:
            count += f" <span class='lessons-muted'>(the list shows the first {MAX_LISTED})</span>"
        self.count.value = count
        self.alt.value = str(Html(f"<p>{esc(spec['layout']['meta'].get('alt', ''))}</p>"))
        self._table_for = (message, hint)
        if self._accordion.selected_index == 1:
            self._fill_table()

    def _fill_table(self, _change=None) -> None:
        """The table of the events shown: built when its accordion is open (it is the costly panel)."""
        if self._accordion.selected_index != 1:
            return
        message, hint = getattr(self, "_table_for", ("", ""))
        if message:
            self.table.value = str(empty_state(message, hint))
            return
        shown = self.shown
        n = len(shown)
        caption = f"{n} events shown" + (", the first 200 in this table" if n > 200 else "")
        self.table.value = str(table(timeline_table(shown.iloc[:200]), caption=caption))

    def _mark_preset(self, start, end) -> None:
        """Highlight the preset whose dates are the ones shown (a cue only, not state)."""
        for label, button in self.presets.items():
            span = PRESETS[label] or (None, None)
            button.button_style = "info" if (start, end) == tuple(span) else ""

    def _empty_reason(self, start, end, categories, query, n_shown: int) -> tuple[str, str]:
        if len(self.events) == 0:
            return "There are no events in the data yet.", ""
        problem = range_problem(start, end)
        if problem:
            return problem, "Change the From or To date, or press Reset."
        if not categories:
            return (
                "No category is selected.",
                "Select at least one category (Ctrl- or Shift-click to select several), or press Reset.",
            )
        if n_shown == 0:
            if query:
                return (
                    f"No event matches the search “{query if len(query) <= 60 else query[:60] + '…'}” "
                    "with these filters.",
                    "Try a shorter word, another spelling, or clear a filter (Reset clears them all).",
                )
            return (
                "No event matches these filters.",
                "Widen the dates, select more categories or actors, or press Reset.",
            )
        return "", ""

    def _lane_tags(self, _change=None) -> None:
        lane_by = self.lane_by.value or "category"
        ev = self.events[self.events["kind"] != "era"]
        keys = lay.lane_rows(
            ev["actors"].to_numpy(), ev["lane" if lane_by == "lane" else "category"].to_numpy(), lane_by
        )[1]
        labels = [lay.lane_label(k, lane_by, self._names) for k in lay.order(keys.tolist(), lane_by)]
        with self.quiet():
            self.lane_order.allowed_tags = labels
            self.lane_order.value = labels
