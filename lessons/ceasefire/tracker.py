"""The ceasefire tracker widget: status and account filters, a list of the terms and events, the status
figure and the calendar in two tabs, and a details panel.

:class:`CeasefireTracker` only wires controls to :mod:`.status`, :mod:`.calendar`, :mod:`.details` and
:mod:`.tables`; every figure, option list and table a filter shows is built once per filter and kept.
"""

from __future__ import annotations

import textwrap

import ipywidgets as w
import pandas as pd

from .. import data
from ..explorer import Explorer
from ..figsync import PlotView
from ..hover import plain
from ..html import empty_state, esc
from .calendar import calendar_spec, event_rows
from .details import event_html, term_html
from .status import terms_spec
from .tables import (
    STATUS_LABELS,
    STATUS_ORDER,
    _names,
    follow_up_events,
    records,
    terms_by_status,
    terms_table,
    windows,
)

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
        self._build_controls()
        self._build_views()
        self._lay_out()
        # every single filter ready before a student picks one (combinations are built on first use)
        for status in [v for _, v in self.status.options]:
            self._view(status, ALL)
        for account in [v for _, v in self.account.options]:
            self._view(ALL, account)
        self.refresh()

    def _build_controls(self) -> None:
        """The status, account and item menus (the status and item options follow the filters)."""
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

    def _build_views(self) -> None:
        """The two figures in tabs, the details panel and the description and table."""
        # each figure in a box under a screen's height, the details right below it: a click anywhere in a
        # 40-row figure shows its details on the same screen of a laptop (the box scrolls, not the page)
        box = dict(max_height="540px", overflow="hidden auto")
        self.figure = PlotView(height=400, layout=w.Layout(**box))
        self.calendar = PlotView(height=400, layout=w.Layout(**box))
        for view in (self.figure, self.calendar):
            view.on_click(self._on_click)
        self.details = w.HTML(layout=w.Layout(min_height="80px"))
        self.table_view = self.alt_table_box()
        # why a chosen term is missing from the calendar: above the figure, so it is seen without scrolling
        # the box and never runs into the figure's legend, however the legend wraps at a narrow width
        self.calendar_note = w.HTML(layout=w.Layout(display="none"))
        # one figure at a time: no legend or title of one can run into the other, and the page stays short
        self.tabs = w.Tab(children=[self.figure, w.VBox([self.calendar_note, self.calendar])], selected_index=0)
        self.tabs.set_title(0, "Terms by status")
        self.tabs.set_title(1, "Calendar")

    def _lay_out(self) -> None:
        """The three menus watched (they are the state); the filters, the item menu, the tabs, details, table."""
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

    def _calendar_note(self, view: dict, chosen) -> str:
        """Why a term is not in the calendar: no term of the filter has dates, or the chosen one has none
        ("" when there is nothing to say)."""
        marks = [c for t in view["calendar"]["data"] for c in (t.get("customdata") or []) if isinstance(c, list)]
        drawn = {c[1] for c in marks}
        if not view["empty"] and not any(c[0] == "term" for c in marks):
            return str(
                empty_state(
                    "No term in this selection has dates of its own: the calendar shows the follow-up events only.",
                    "The Terms by status tab lists the terms; choose another status or account to see dated ones.",
                )
            )
        if chosen not in self._terms or chosen in drawn:
            return ""
        element = textwrap.shorten(str(self._terms[chosen]["element"]), 90, placeholder="…")
        return str(
            empty_state(
                f"“{plain(element)}” has no dates of its own, so the calendar does not draw it.",
                "Its status and sources are in the details below; the Terms by status tab shows it.",
            )
        )

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
        self.calendar.show(view["calendar"])
        note = self._calendar_note(view, chosen)
        self.calendar_note.value = note
        self.calendar_note.layout.display = None if note else "none"
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
