"""The map explorer: a date slider with Play/Stop, view buttons, a place-kind filter, click a place for
its names, who controlled it on the date (per its dated rows) and the sources.

Built on the shared engine: the figure is a :class:`lessons.figsync.PlotView`, the state is the controls
(read in :meth:`MapExplorer.refresh`), and :class:`lessons.explorer.Explorer` gives quiet(), reset() and the
"Describe this figure" / "Data as a table" accordion.
"""

from __future__ import annotations

import ipywidgets as w

from .. import html
from ..explorer import Explorer
from ..figsync import PlotView
from ..html import empty_state, esc
from .figure import animation, model_for, spec, table
from .layout import shading
from .model import VIEW_DATES, VIEW_LABELS, VIEWS, MapState, record_line
from .places import kind_label
from .records import as_date, coordinates, fmt_day, text
from .traces import skeleton

PROMPT = (
    "Click a place on the map, or choose it from the Place menu, to see its names, who controlled it on this "
    "date and since when, and the sources."
)


class MapExplorer(Explorer):
    """Date slider with Play/Stop, views, a place-kind filter; click (or :meth:`select`) a place for details."""

    def __init__(
        self,
        *,
        borders: dict | None = None,
        control: dict | None = None,
        places=None,
        events=None,
        votes=None,
        sources=None,
        parties=None,
        history=None,
        height: int = 640,
        view: str | None = None,
    ):
        self.model = m = model_for(borders, control, places, events, votes, sources, parties, history)
        self.sources = m.sources if m.sources is not None else None
        self.height = height
        self.dates = m.key_dates()
        self._build_player()
        self._build_filters(m)
        self.parts = skeleton(m)
        self.figure = PlotView(height=height)
        self.figure.on_click(self._on_click)
        self.details = self.html_panel(empty_state(PROMPT))
        self.accordion = self.alt_table_box()
        super().__init__(summary="Map explorer: borders, control and places by date")
        self._lay_out()
        self.refresh()
        if view is not None:  # open on a lesson's own view and date; Reset comes back here
            self.set_view(view)
            self.start_here()

    def static_figure(self) -> dict:
        """On an exported page, plotly's own date slider and play button stand in for the explorer's, from
        the same first state (view, date, place kinds); hovers still give each place's dated record."""
        state = self.state
        fig = animation(self.model, as_of=state.as_of, view=state.view, kinds=state.kinds, height=self.height)
        return fig.to_plotly_json()

    def _build_player(self) -> None:
        """The date slider over the key dates, at the latest; Play, Stop and Loop drive a hidden Play widget."""
        start = self.dates[-1] if self.dates else VIEW_DATES["2025"]
        options = [(fmt_day(d), d) for d in self.dates] or [(fmt_day(start), start)]
        self.date_slider = w.SelectionSlider(
            options=options,
            value=start,
            description="Date",
            continuous_update=False,
            layout=w.Layout(width="560px"),
            style={"description_width": "initial"},
        )
        self.play = w.Play(
            min=0,
            max=len(options) - 1,
            value=len(options) - 1,
            interval=1500,
            show_repeat=False,
            layout=w.Layout(display="none"),
            description="Play through the dates",
        )
        w.link((self.play, "value"), (self.date_slider, "index"))
        self.play_button = w.Button(
            description="Play", icon="play", tooltip="Play through the dates", layout=w.Layout(width="auto")
        )
        self.stop_button = w.Button(
            description="Stop", icon="stop", tooltip="Stop playing", layout=w.Layout(width="auto")
        )
        self.loop = w.ToggleButton(
            description="Loop",
            icon="repeat",
            value=False,
            tooltip="Start again at the end",
            layout=w.Layout(width="auto"),
        )
        w.link((self.loop, "value"), (self.play, "repeat"))
        self.play_button.on_click(lambda _b: self._play(True))
        self.stop_button.on_click(lambda _b: self._play(False))

    def _build_filters(self, m) -> None:
        """The view buttons, the place-kind filter and the Place menu."""
        self.view_buttons = w.ToggleButtons(
            options=[(VIEW_LABELS[v], v) for v in VIEWS],
            value="overview",
            description="View",
            style={"button_width": "auto"},
        )
        self.kind_filter = w.SelectMultiple(
            options=[(kind_label(k), k) for k in m.kinds],
            value=tuple(m.kinds),
            description="Kinds shown",
            style={"description_width": "initial"},
            tooltip="Ctrl- or Shift-click to select several",
            rows=min(max(len(m.kinds), 1), 5),
        )
        # the selected place: chosen here or by a click on the map (the keyboard's way to a place's details)
        self.place_menu = w.Dropdown(
            options=[("Choose a place…", None)] + place_options(m),
            value=None,
            description="Place",
            style={"description_width": "initial"},
            layout=w.Layout(width="460px", max_width="100%"),
        )

    def _lay_out(self) -> None:
        """Watch the controls (they are the state), then lay out the controls, figure, menu, details and table."""
        self.watch(self.date_slider)
        self.watch(self.kind_filter)
        self.watch(self.place_menu)
        self._watched.append((self.loop, "value", False))  # put back by reset(); it changes no figure
        self.view_buttons.observe(self._on_view, names="value")
        self._watched.append((self.view_buttons, "value", "overview"))
        controls = w.VBox(
            [
                w.HBox(
                    [self.play_button, self.stop_button, self.loop, self.date_slider, self.play],
                    layout=w.Layout(flex_flow="row wrap", align_items="center"),
                ),
                w.HBox(
                    [self.view_buttons, self.kind_filter, self.reset_button],
                    layout=w.Layout(flex_flow="row wrap", align_items="flex-start"),
                ),
            ]
        )
        self.accordion.observe(self._refresh_table, names="selected_index")
        self.set_children(controls, self.figure, self.place_menu, self.details, self.accordion)

    # ---- state, read from the controls
    @property
    def state(self) -> MapState:
        day = self.date_slider.value or (self.dates[-1] if self.dates else VIEW_DATES["2025"])  # a cleared slider
        view = self.view_buttons.value if self.view_buttons.value in VIEWS else "overview"
        return MapState(day, view, tuple(self.kind_filter.value or ()), self.place_menu.value)

    @property
    def selected(self) -> str | None:
        """The selected place's id (the Place menu's value)."""
        return self.place_menu.value

    def refresh(self) -> None:
        state, m = self.state, self.model
        fig = spec(m, state, self.height)
        self.figure.show(fig)
        describe, _ = self.accordion.children
        describe.value = str(html.Html(f"<p>{esc(fig['layout']['meta']['alt'])}</p>"))
        self._refresh_table()
        if self.selected:
            self.details.value = str(self.details_html(self.selected))
        else:
            message = fig["layout"]["meta"]["empty"] and next(
                (a["text"] for a in fig["layout"]["annotations"] if a.get("name") == "notice"), ""
            )
            self.details.value = str(empty_state(html.text_of(message) if message else PROMPT))

    def _refresh_table(self, _change=None) -> None:
        """The table is built when its section is open (a long table per slider step would cost every student)."""
        data_table = self.accordion.children[1]
        if self.accordion.selected_index != 1:
            data_table.value = str(empty_state("Open this section to see the regions and places as a table."))
            return
        state, m = self.state, self.model
        caption = f"Regions and places shown on {fmt_day(state.as_of)}"
        data_table.value = m.memo(
            ("table-html", state.as_of, state.view, state.kinds),
            lambda: str(html.table(table(m, state).reset_index(drop=True), caption=caption)),
        )

    def reset(self) -> None:
        self._play(False)
        super().reset()

    # ---- student actions
    def set_date(self, date) -> None:
        """Move the slider to the latest key date not after ``date``."""
        try:
            day = as_date(date)
        except (TypeError, ValueError):
            day = None
        if day is None:
            self.details.value = str(empty_state(f"{date!s} is not a date.", "Use YYYY-MM-DD, e.g. 2014-03-27."))
            return
        earlier = [d for d in self.dates if d <= day] or self.dates[:1]
        self.date_slider.value = earlier[-1]

    def set_view(self, view: str) -> None:
        """Switch view: overview, 2014, vote-1991 or 2025 (the last three jump to their own date, even when
        the view is already selected)."""
        if view not in VIEWS:
            self.details.value = str(
                empty_state(f"There is no view called {view!r}.", f"Choose one of: {', '.join(VIEWS)}.")
            )
            return
        if self.view_buttons.value == view:
            self._on_view({"new": view})
        else:
            self.view_buttons.value = view

    def set_kinds(self, kinds) -> None:
        """Show only these place kinds (an empty selection shows none)."""
        self.kind_filter.value = tuple(k for k in kinds if k in self.model.kinds)

    def select(self, place_id: str) -> None:
        """Show one place's names, control on the date and sources, and ring it on the map."""
        if place_id not in self.model.all_places:
            with self.quiet():
                self.place_menu.value = None
                self._stale = True
            self.details.value = str(
                empty_state(
                    f"No place with id {place_id!r} in the gazetteer.", "Click a marker on the map, or check the table."
                )
            )
            return
        if self.place_menu.value == place_id:
            self.refresh()
        else:
            self.place_menu.value = place_id

    select_place = select

    # ---- callbacks
    def _play(self, on: bool) -> None:
        if on and self.play.value >= self.play.max:
            self.play.value = 0
        self.play.playing = on

    def _on_view(self, change) -> None:
        view = change["new"]
        with self.quiet():
            day = self.model.view_date(view) if view != "overview" else None
            if day is not None and day in self.dates:
                self.date_slider.value = day
            self._stale = True

    def _on_click(self, point: dict) -> None:
        pid = point.get("customdata")
        if point.get("trace") in self.parts["places"] + self.parts["events"] + self.parts["claims"] and isinstance(
            pid, str
        ):
            self.select(pid)

    def details_html(self, place_id: str) -> html.Html:
        """All names, control on the selected date and its dated history, events here, and citations."""
        m, day = self.model, self.state.as_of
        p = m.all_places[place_id]
        own = [m.records[i] for i in m.by_place.get(place_id, ())]
        area = [m.records[i] for a in p.get("_areas", ()) for i in m.by_area.get(a, ())]
        history = "<br>".join(
            esc(record_line(r, m.party)) + (f" <span class='lessons-muted'>({esc(r.note)})</span>" if r.note else "")
            for r in (own or area)
        )
        evs = [e for e in m.events_at(day) if e["place_id"] == place_id][::-1]
        rows = [
            ("Ukrainian", p.get("name_uk")),
            ("Russian", p.get("name_ru")),
            ("Crimean Tatar", p.get("name_crh")),
            ("Kind", kind_label(p["kind"])),
            ("Internationally recognised as part of", p.get("country")),
            (f"Control on {fmt_day(day)}", m.place_status(p, day) if place_id in m.shown_ids else ""),
            ("Dated control record", html.Html(history)),
            ("Coordinates", coordinates(p.get("lat"), p.get("lon"))),
            (
                f"Events here up to {fmt_day(day)}",
                html.Html("<br>".join(f"{esc(e['display_date'])}: {esc(e['headline'])}" for e in evs[:10])),
            ),
        ]
        if place_id not in m.shown_ids:
            rows.append(("On the map", "Outside the area this map draws."))
        return html.details(text(p.get("name_en")) or place_id, rows, m.sources_of(p, day), self.sources)

    def shading(self) -> str:
        return shading(self.model, self.state.as_of)


def place_options(m) -> list[tuple[str, str]]:
    """The Place menu: every place in the gazetteer by its English name, with its kind."""
    named = [(text(p.get("name_en")) or pid, kind_label(p["kind"]), pid) for pid, p in m.all_places.items()]
    return [(f"{name} \u2014 {kind.lower()}", pid) for name, kind, pid in sorted(named, key=lambda t: t[0].casefold())]
