"""The positions explorer widget: the grid, a statements panel, compare mode, the key and the table.

:class:`PositionsExplorer` only wires controls to the pure functions of :mod:`.matrix`, :mod:`.grid` and
:mod:`.panels`; every list item and panel it shows is made once and kept.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from .. import data
from ..explorer import Explorer
from ..figsync import PlotView
from ..html import Html, empty_state, esc
from .grid import _axis_labels, positions_figure
from .matrix import ISSUE_LABELS, ISSUE_ORDER, _party_names, _party_order, positions_matrix
from .panels import _statement_html, compare_html, matrix_table, proposition_key, statements_html

_PLACEHOLDER = "— choose a party —"


class PositionsExplorer(Explorer):
    """The party × proposition grid with a statements panel, a compare mode, a table and alt text."""

    def __init__(
        self,
        *,
        positions: pd.DataFrame | None = None,
        parties: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
        **kwargs,
    ):
        super().__init__(summary="Positions explorer: each party's stance, issue by issue", **kwargs)
        self.positions = data.load("positions") if positions is None else positions
        self.parties = data.load("parties") if parties is None else parties
        self.sources = data.load("sources") if sources is None else sources
        self.names = _party_names(self.parties)
        self.matrix = positions_matrix(self.positions)
        party_ids = self._index()
        self._make_controls(party_ids)
        self.figure = PlotView(height=int(self._base["layout"].get("height", 500)))
        self.figure.on_click(self._on_click)
        self.key = w.HTML(str(proposition_key()))
        self.details = w.HTML(layout=w.Layout(min_height="80px"))
        self.table_view = self.alt_table_box(
            Html(f"<p><b>Text description.</b> {esc(self._base['layout'].get('meta', {}).get('alt', ''))}</p>"),
            matrix_table(self.positions, self.parties, self.sources),
        )
        row = w.Layout(flex_flow="row wrap", align_items="center", grid_gap="4px 16px")
        self.set_children(
            self.key,
            w.HBox([self.party, self.issue, self.reset_button], layout=row),
            w.HBox([self.compare_mode, self.party_b], layout=row),
            self.figure,
            self.details,
            self.table_view,
        )
        self.refresh()

    def _index(self) -> list[str]:
        """What the explorer shows, made once: the statements' list items, each cell's position ids,
        the grid and its axis labels. Returns the party ids in the grid's order."""
        # each statement's list item made once; each panel built once, on first use
        self._items = {r["id"]: _statement_html(r, self.names, self.sources) for r in self.positions.to_dict("records")}
        self._panels: dict = {}
        ordered = self.positions.sort_values(["date", "id"], kind="stable")
        self._ids: dict = {}  # (party, issue) -> position ids, oldest first
        for p_, i_, id_ in zip(ordered["party_id"].astype(str), ordered["issue"].astype(str), ordered["id"]):
            self._ids.setdefault((p_, i_), []).append(id_)
        fig = positions_figure(self.positions, self.parties).to_plotly_json()
        self._base = {"data": fig["data"], "layout": fig["layout"]}
        party_ids = _party_order(self.positions, self.parties) if not self.positions.empty else []
        self._xlabels, self._ylabels = _axis_labels(party_ids, ISSUE_ORDER, self.names)
        return party_ids

    def _make_controls(self, party_ids: list[str]) -> None:
        """The Party and Issue menus, compare mode and the second party's menu, all watched."""
        party_options = [(_PLACEHOLDER, "")] + [(self.names.get(p, p), p) for p in party_ids]
        # start on the first cell that holds a statement, so the panel shows an example straight away
        first = next(((p, i) for p in party_ids for i in ISSUE_ORDER if (p, i) in self._ids), (None, ISSUE_ORDER[0]))
        label = {"description_width": "initial"}
        self.party = w.Dropdown(
            options=party_options,
            value=first[0] or "",
            description="Party",
            style=label,
            layout=w.Layout(width="300px"),
        )
        self.issue = w.Dropdown(
            options=[(ISSUE_LABELS[i], i) for i in ISSUE_ORDER],
            value=first[1],
            description="Issue",
            style=label,
            layout=w.Layout(width="380px"),
        )
        self.compare_mode = w.Checkbox(
            value=False, description="Compare with another party", indent=False, layout=w.Layout(width="auto")
        )
        # shown (and enabled) only while compare mode is on
        self.party_b = w.Dropdown(
            options=party_options,
            value="",
            description="Second party",
            style=label,
            disabled=True,
            layout=w.Layout(width="340px", visibility="hidden"),
        )
        for control in (self.party, self.issue, self.compare_mode, self.party_b):
            self.watch(control)
        self.compare_mode.observe(self._propose_second, names="value")

    # ---- what a student can do -------------------------------------------------------------------
    def select(self, party, issue=None) -> None:
        """Show ``party``'s statements on ``issue`` (what a click on a grid cell does); keeps compare mode."""
        with self.quiet():
            _set_value(self.party, party)
            if issue in ISSUE_LABELS:
                self.issue.value = issue

    def compare(self, party_a, party_b, issue) -> None:
        """Show two parties' statements on ``issue`` side by side."""
        with self.quiet():
            _set_value(self.party, party_a)
            if issue in ISSUE_LABELS:
                self.issue.value = issue
            _set_value(self.party_b, party_b)
            self.compare_mode.value = True

    # ---- wiring ------------------------------------------------------------------------------------
    def _on_click(self, point: dict) -> None:
        cell = point.get("customdata")
        if isinstance(cell, (list, tuple)) and len(cell) == 2:
            self.select(*cell)

    def _propose_second(self, change) -> None:
        """Ticking compare mode with no second party chosen proposes the first other party with a
        statement on the issue (an ordinary change of a watched control, so it refreshes once)."""
        if change["new"] and not self.party_b.value and self.party.value:
            others = [v for _, v in self.party_b.options if v not in ("", self.party.value)]
            with_statement = [p for p in others if (str(p), str(self.issue.value)) in self._ids]
            if with_statement or others:
                _set_value(self.party_b, (with_statement or others)[0])

    def refresh(self) -> None:
        party, issue, on = self.party.value or None, self.issue.value, self.compare_mode.value
        second = (self.party_b.value or None) if on else None
        self.party_b.disabled = not on
        self.party_b.layout.visibility = "visible" if on else "hidden"
        if self.positions.empty:
            self.details.value = str(
                empty_state("No positions are recorded yet.", "The data has no statements to show.")
            )
        else:
            key = (party, second, issue, on)
            if key not in self._panels:
                self._panels[key] = str(
                    compare_html(self._ids, party, second, issue, self.parties, self.sources, rendered=self._items)
                    if on
                    else statements_html(
                        self._ids.get((str(party), str(issue)), []),
                        party,
                        issue,
                        self.parties,
                        self.sources,
                        rendered=self._items,
                    )
                )
            self.details.value = self._panels[key]
        self.figure.show(self._spec([p for p in (party, second) if p is not None], issue))

    def _spec(self, parties, issue) -> dict:
        """The grid with the outline round the chosen cells (only the outline trace is new)."""
        if not self._base["data"] or self._base["data"][-1].get("name") != "Selected":
            return self._base
        cells = [
            (self._xlabels[issue], self._ylabels[p]) for p in parties if issue in self._xlabels and p in self._ylabels
        ]
        outline = {**self._base["data"][-1], "x": [c[0] for c in cells], "y": [c[1] for c in cells]}
        return {"data": self._base["data"][:-1] + [outline], "layout": self._base["layout"]}


def _set_value(dropdown: w.Dropdown, value) -> None:
    """Choose ``value`` (the placeholder for None or an unknown value)."""
    values = [v for _, v in dropdown.options]
    dropdown.index = values.index(value) if value in values else 0
