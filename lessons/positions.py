"""The positions explorer: what each party said on each issue, as a party × issue matrix.

Each cell shows a party's latest recorded stance toward an issue's *proposition*
(:data:`ISSUE_PROPOSITIONS`: "supports" always means "supports the proposition").
Clicking a cell (or choosing a party and an issue) lists that party's statements over
time with quotations, speakers and sources; compare mode shows two parties side by side.

Pure functions (:func:`positions_matrix`, :func:`positions_figure`, :func:`statements`,
:func:`matrix_table`) hold the logic; :class:`PositionsExplorer` only wires controls to them.
"""

from __future__ import annotations

import itertools
import textwrap

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import data
from .style import FONT, INK, MUTED, STANCE_COLOURS, STANCE_LABELS, STANCE_ORDER, empty_figure, empty_state, esc
from .widgets import citation_html, explorer_repr, figure_widget, hover_text, keep_placeholder, quote_html, table_html

#: The issues in the order of datapackage.json, with labels for figures and controls.
ISSUE_LABELS = {
    "ceasefire-scope": "Scope of the ceasefire",
    "weapons-and-intelligence": "Weapons and intelligence for Ukraine",
    "crimea-status": "Status of Crimea",
    "europe-at-the-table": "Europe at the table",
    "sanctions": "Sanctions on Russia",
    "territory": "Territory",
    "security-guarantees-nato": "Security guarantees and NATO",
    "prisoners-humanitarian": "Prisoners and humanitarian steps",
}
ISSUE_ORDER = list(ISSUE_LABELS)

#: What a stance is measured against, per issue (the ``issue`` field of datapackage.json).
ISSUE_PROPOSITIONS = {
    "ceasefire-scope": "an immediate, full 30-day ceasefire",
    "weapons-and-intelligence": "halting weapons deliveries and intelligence to Ukraine",
    "crimea-status": "recognising Crimea as Russian",
    "europe-at-the-table": "Europe taking part in the negotiations",
    "sanctions": "easing sanctions on Russia",
    "territory": "Ukraine giving up territory",
    "security-guarantees-nato": "security guarantees for Ukraine / NATO membership",
    "prisoners-humanitarian": "prisoner exchanges and humanitarian steps",
}

#: How many statements a details panel lists before saying "and N more".
MAX_STATEMENTS = 12
_EXCERPT = 160
_NO_STATEMENT = "No statement recorded"
#: The explorer's figure width in pixels: a FigureWidget is drawn before it is attached to the page,
#: so it cannot measure the notebook and would fall back to plotly's 700 px; this fits a ~950 px notebook.
WIDGET_WIDTH = 920
_PLACEHOLDER = "— choose a party —"


def issue_label(issue) -> str:
    return ISSUE_LABELS.get(issue, str(issue))


def proposition_html(issues=None) -> str:
    """A short key: what "supports" means for each issue."""
    issues = ISSUE_ORDER if issues is None else [i for i in issues if i in ISSUE_LABELS]
    items = "".join(f"<li><b>{esc(ISSUE_LABELS[i])}</b>: {esc(ISSUE_PROPOSITIONS[i])}</li>" for i in issues)
    return (f"<details style='font-family:{FONT}'><summary>What does “supports” mean? Each stance is measured "
            f"against one proposition per issue</summary><ul style='margin:4px 0'>{items}</ul></details>")


def _party_names(parties: pd.DataFrame | None) -> dict[str, str]:
    if parties is None or parties.empty:
        return {}
    return dict(zip(parties["id"].astype(str), parties["short_name"].astype(str)))


def _party_order(positions: pd.DataFrame, parties: pd.DataFrame | None) -> list[str]:
    """Parties that hold positions, in the order of the parties table (then by id)."""
    present = set(positions["party_id"].astype(str))
    listed = [] if parties is None else [p for p in dict.fromkeys(parties["id"].astype(str)) if p in present]
    return listed + sorted(present - set(listed))


def _wrap(text: str, width: int = 15) -> str:
    """Escape ``text`` and break it into as few, then as even, lines of at most ``width``
    characters as it can (a longer single word gets its own line)."""
    longest = max((len(word) for word in text.split()), default=1)
    best = min((len(lines), max(map(len, lines)), lines) for w_ in range(longest, max(width, longest) + 1)
               if (lines := textwrap.wrap(text, w_)))
    return "<br>".join(esc(line) for line in best[2])


def _axis_labels(party_ids, issues, names) -> tuple[dict, dict]:
    """Escaped, unique axis labels: issue -> x label (wrapped, read without turning the head),
    party id -> y label."""
    xlabels = {i: _wrap(issue_label(i)) for i in issues}
    ylabels, seen = {}, set()
    for p in party_ids:
        label = esc(names.get(p, p))
        ylabels[p] = label if label not in seen else f"{label} ({esc(p)})"
        seen.add(ylabels[p])
    return xlabels, ylabels


# --------------------------------------------------------------------------- pure functions


def positions_matrix(positions: pd.DataFrame) -> pd.DataFrame:
    """One row per party and issue: the latest statement's stance, date, summary, quote,
    speaker, id and sources, plus ``statements`` (how many statements the cell holds).

    Ties on the date are broken by position id, so the result is deterministic.
    """
    columns = ["party_id", "issue", "stance", "date", "summary", "quote", "speaker", "id", "source_ids", "statements"]
    if positions is None or positions.empty:
        return pd.DataFrame(columns=columns)
    frame = positions.reset_index(drop=True).assign(issue=lambda f: f["issue"].astype(str),
                                                   party_id=lambda f: f["party_id"].astype(str))
    frame = frame.sort_values(["party_id", "issue", "date", "id"], kind="stable")
    latest = frame.groupby(["party_id", "issue"], sort=False).tail(1)
    counts = frame.groupby(["party_id", "issue"], sort=False).size().rename("statements")
    out = latest.join(counts, on=["party_id", "issue"])
    out["stance"] = out["stance"].astype(str)
    out["_issue"] = out["issue"].map({k: i for i, k in enumerate(ISSUE_ORDER)}).fillna(len(ISSUE_ORDER))
    out = out.sort_values(["party_id", "_issue", "issue"], kind="stable")
    return out[columns].reset_index(drop=True)


def statements(positions: pd.DataFrame, party, issue) -> pd.DataFrame:
    """All statements of ``party`` on ``issue``, oldest first (empty if there are none)."""
    if positions is None or positions.empty or party is None or issue is None:
        return pd.DataFrame(columns=[] if positions is None else positions.columns)
    mask = (positions["party_id"].astype(str) == str(party)) & (positions["issue"].astype(str) == str(issue))
    return positions[mask].reset_index(drop=True).sort_values(["date", "id"], kind="stable")


def matrix_table(matrix: pd.DataFrame, parties: pd.DataFrame | None = None) -> pd.DataFrame:
    """The matrix as a readable table (party, issue, stance, latest date, statements)."""
    names = _party_names(parties)
    if matrix.empty:
        return pd.DataFrame(columns=["Party", "Issue", "Latest stance", "Latest statement", "Statements"])
    return pd.DataFrame({
        "Party": [names.get(p, p) for p in matrix["party_id"]],
        "Issue": [issue_label(i) for i in matrix["issue"]],
        "Latest stance": [STANCE_LABELS.get(s, s) for s in matrix["stance"]],
        "Latest statement": pd.to_datetime(matrix["date"]).dt.strftime("%Y-%m-%d").to_list(),
        "Statements": matrix["statements"].astype(int).to_list(),
    })


def _cell_hover(party_name, issue, stance, date, summary, count) -> str:
    when = pd.Timestamp(date).strftime("%-d %B %Y")
    more = f" ({count} statements)" if count > 1 else ""
    return (f"<b>{esc(party_name)}</b> on {esc(issue_label(issue))}<br>"
            f"Proposition: {esc(ISSUE_PROPOSITIONS.get(issue, ''))}<br>"
            f"Latest stance: <b>{esc(STANCE_LABELS.get(stance, stance))}</b>, {esc(when)}{esc(more)}<br>"
            f"{hover_text(summary, 60, _EXCERPT)}")


def _matrix_alt(matrix: pd.DataFrame, party_names: list[str], n_issues: int) -> str:
    counts = matrix["stance"].value_counts()
    parts = [f"{int(counts[s])} {STANCE_LABELS[s].lower()}" for s in STANCE_ORDER if counts.get(s, 0)]
    listed = f" ({', '.join(party_names)})" if len(party_names) <= 10 else ""
    return (f"A matrix of {len(party_names)} parties{listed} by {n_issues} issues coloured by each party's "
            f"latest stance; "
            f"{len(matrix)} cells hold statements ({', '.join(parts)}).")


def positions_figure(positions: pd.DataFrame, parties: pd.DataFrame | None = None, *,
                     parties_shown=None, issues_shown=None) -> go.Figure:
    """The party × issue matrix: one square per cell coloured by the latest stance (one
    trace per stance, so the legend names the colours), grey outlines where no statement
    is recorded. ``customdata`` is ``(party_id, issue)``. Hover shows the party, issue,
    proposition, stance, date and an excerpt of the summary."""
    if positions is None or positions.empty:
        return empty_figure("No positions recorded yet.")
    if parties_shown is not None:
        positions = positions[positions["party_id"].astype(str).isin([str(p) for p in parties_shown])]
    if issues_shown is not None:
        positions = positions[positions["issue"].astype(str).isin([str(i) for i in issues_shown])]
    if positions.empty:
        return empty_figure("No positions for this choice of parties and issues.",)
    matrix = positions_matrix(positions)
    names = _party_names(parties)
    party_ids = _party_order(positions, parties)
    if parties_shown is not None:
        wanted = [str(p) for p in parties_shown]
        party_ids = [p for p in wanted if p in set(party_ids)]
    present = set(matrix["issue"])
    issues = [i for i in ISSUE_ORDER if i in present] + sorted(present - set(ISSUE_ORDER))
    if issues_shown is not None:
        issues = [i for i in issues_shown if i in present] + [i for i in issues if i not in set(issues_shown)]
    xlabels, ylabels = _axis_labels(party_ids, issues, names)
    size = int(np.clip(560 / max(len(party_ids), 1), 6, 30))

    fig = go.Figure()
    for stance in STANCE_ORDER:
        cells = matrix[matrix["stance"] == stance]
        fig.add_trace(go.Scatter(
            name=STANCE_LABELS[stance],
            x=[xlabels[i] for i in cells["issue"]], y=[ylabels[p] for p in cells["party_id"]],
            mode="markers", marker=dict(symbol="square", size=size, color=STANCE_COLOURS[stance],
                                        line=dict(color=MUTED, width=1)),
            customdata=np.array(list(zip(cells["party_id"], cells["issue"])), dtype=object).reshape(-1, 2),
            hovertext=[_cell_hover(names.get(p, p), i, s, d, sm, n) for p, i, s, d, sm, n in
                       zip(cells["party_id"], cells["issue"], cells["stance"], cells["date"], cells["summary"],
                           cells["statements"])],
            hoverinfo="text",  # the hover text alone, no trace-name box
        ))
    filled = set(zip(matrix["party_id"], matrix["issue"]))
    gaps = [(p, i) for p in party_ids for i in issues if (p, i) not in filled]
    fig.add_trace(go.Scatter(
        name=_NO_STATEMENT, showlegend=bool(gaps), x=[xlabels[i] for _, i in gaps], y=[ylabels[p] for p, _ in gaps],
        mode="markers", marker=dict(symbol="circle-open", size=max(size // 3, 5), color=MUTED),  # unlike "mixed"
        customdata=np.array(gaps, dtype=object).reshape(-1, 2),
        hovertext=[f"<b>{ylabels[p]}</b> on {esc(issue_label(i))}<br>{_NO_STATEMENT} in the data." for p, i in gaps],
        hoverinfo="text",
    ))
    # the selection outline, moved by the explorer (empty in a plain figure)
    fig.add_trace(go.Scatter(name="Selected", showlegend=False, x=[], y=[], mode="markers", hoverinfo="skip",
                             marker=dict(symbol="square-open", size=size + 8, color=INK, line=dict(width=3))))
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=[xlabels[i] for i in issues],
                     side="top", showgrid=False, title=None, tickangle=0, tickfont=dict(size=13))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=[ylabels[p] for p in party_ids],
                     autorange="reversed", showgrid=False, title=None)
    fig.update_layout(
        # the title at the very top, the issue labels (up to three lines) between it and the matrix
        title=dict(text="Latest stance of each party, issue by issue", yref="container", y=1, yanchor="top",
                   pad=dict(t=12)),
        height=int(min(250 + 34 * len(party_ids), 1800)),
        # below the matrix (the issues are on top), where it pushes the bottom margin instead of covering a label
        legend=dict(orientation="h", x=0, yanchor="top", y=-0.02,
                    title=dict(text="Stance toward the proposition", side="top")),
        margin=dict(t=115, l=10, r=10, b=20),
        clickmode="event",
        meta={"alt": _matrix_alt(matrix, [names.get(p, p) for p in party_ids], len(issues))},
    )
    return fig


# --------------------------------------------------------------------------- HTML panels


def _statement_html(row, names, sources) -> str:
    when = pd.Timestamp(row["date"]).strftime("%-d %B %Y")
    stance = str(row["stance"])
    swatch = (f"<span style='display:inline-block;width:0.9em;height:0.9em;border:1px solid {MUTED};"
              f"background:{STANCE_COLOURS.get(stance, MUTED)};vertical-align:middle'></span>")
    speaker = row.get("speaker")
    who = esc(speaker) if esc(speaker) else esc(names.get(str(row["party_id"]), row["party_id"]))
    attribution = f"{speaker if esc(speaker) else names.get(str(row['party_id']), row['party_id'])}, {when}"
    return (f"<li style='margin-bottom:8px'><div><b>{esc(when)}</b> · {swatch} {esc(STANCE_LABELS.get(stance, stance))}"
            f" · <span style='color:{MUTED}'>{who}</span></div><div>{esc(row['summary'])}</div>"
            f"{quote_html(row.get('quote'), attribution)}"
            f"<div style='font-size:90%'>{citation_html(row['source_ids'], sources)}</div></li>")


def statements_html(positions: pd.DataFrame, party, issue, parties=None, sources=None,
                    limit: int = MAX_STATEMENTS) -> str:
    """A party's statements on an issue, newest first, with quotations and sources."""
    names = _party_names(parties)
    if party is None:
        return empty_state("Choose a party to see its statements.", "Click a cell of the matrix or use the Party menu.")
    if issue is None:
        return empty_state("Choose an issue to see the statements.")
    if names and str(party) not in names:
        return empty_state(f"There is no party with the id {party!r} in the data.")
    if issue not in ISSUE_LABELS:
        return empty_state(f"There is no issue called {issue!r}.", "Pick one from the Issue menu.")
    rows = statements(positions, party, issue)
    name = names.get(str(party), str(party))
    head = (f"<h4 style='margin:0 0 4px'>{esc(name)}: {esc(issue_label(issue))}</h4>"
            f"<div style='color:{MUTED};margin-bottom:6px'>Stance toward: {esc(ISSUE_PROPOSITIONS[issue])}</div>")
    if rows.empty:
        return head + empty_state(f"No statement by {name} on this issue is recorded in the data.",
                                  "Try another issue, or compare with another party.")
    shown = rows.iloc[::-1].head(limit)
    more = (f"<p style='color:{MUTED}'>Showing the {limit} most recent of {len(rows)} statements.</p>"
            if len(rows) > limit else "")
    items = "".join(_statement_html(r, names, sources) for _, r in shown.iterrows())
    return f"<div style='font-family:{FONT}'>{head}<ol reversed style='padding-left:1.2em'>{items}</ol>{more}</div>"


def compare_html(positions, party_a, party_b, issue, parties=None, sources=None, limit: int = MAX_STATEMENTS) -> str:
    """Two parties' statements on one issue, side by side."""
    if party_a is None or party_b is None:
        return empty_state("Choose two parties to compare.", "Use the Party and Compare with menus.")
    left = statements_html(positions, party_a, issue, parties, sources, limit)
    right = statements_html(positions, party_b, issue, parties, sources, limit)
    return (f"<div style='display:grid;grid-template-columns:1fr 1fr;gap:16px;font-family:{FONT}'>"
            f"<section aria-label='first party'>{left}</section><section aria-label='second party'>{right}</section></div>")


# --------------------------------------------------------------------------- the explorer


class PositionsExplorer(w.VBox):
    """Party × issue matrix with a statements panel, a compare mode, a table and alt text."""

    summary = "Positions explorer: each party's stance, issue by issue"
    __repr__ = explorer_repr

    def __init__(self, *, positions: pd.DataFrame | None = None, parties: pd.DataFrame | None = None,
                 sources: pd.DataFrame | None = None, **kwargs):
        self.positions = data.load("positions") if positions is None else positions
        self.parties = data.load("parties") if parties is None else parties
        sources = data.load("sources") if sources is None else sources
        self.sources = sources[~sources.index.duplicated()]
        self.names = _party_names(self.parties)
        self.matrix = positions_matrix(self.positions)
        # statements per cell, precomputed so a click only looks up a dict
        self._cells = {key: frame for key, frame in
                       self.positions.assign(_p=self.positions["party_id"].astype(str),
                                             _i=self.positions["issue"].astype(str)).groupby(["_p", "_i"], sort=False)} \
            if not self.positions.empty else {}
        self.figure = positions_figure(self.positions, self.parties)
        party_ids = _party_order(self.positions, self.parties) if not self.positions.empty else []
        self._xlabels, self._ylabels = _axis_labels(party_ids, ISSUE_ORDER, self.names)
        party_options = [(_PLACEHOLDER, None)] + [(self.names.get(p, p), p) for p in party_ids]
        issue_options = [(ISSUE_LABELS[i], i) for i in ISSUE_ORDER]
        # start on the first cell that holds a statement, so the panel shows an example straight away
        first = next(((p, i) for p in party_ids for i in ISSUE_ORDER if (p, i) in self._cells), (None, None))
        label = {"description_width": "initial"}
        self.party = w.Dropdown(options=party_options, index=0, description="Party", style=label,
                                layout=w.Layout(width="300px"))
        self.issue = w.Dropdown(options=issue_options, value=ISSUE_ORDER[0], description="Issue", style=label,
                                layout=w.Layout(width="380px"))
        self.compare_mode = w.Checkbox(value=False, description="Compare with another party", indent=False,
                                       layout=w.Layout(width="auto"))
        # shown (and enabled) only while compare mode is on
        self.party_b = w.Dropdown(options=party_options, index=0, description="Second party", style=label,
                                  disabled=True, layout=w.Layout(width="340px", visibility="hidden"))
        for dropdown in (self.party, self.party_b):
            keep_placeholder(dropdown)
        self.figure_widget = figure_widget(self.figure)
        self.figure_widget.layout.width = WIDGET_WIDTH
        self._traces = {t.name: t for t in self.figure_widget.data}
        for trace in self.figure_widget.data:
            if trace.name != "Selected":
                trace.on_click(self.on_cell_click)
        self.key = w.HTML(proposition_html())
        self.details = w.HTML(layout=w.Layout(min_height="80px"))
        self.alt = w.HTML(f"<p><b>Text description.</b> {esc(self.figure.layout.meta.get('alt', ''))}</p>")
        self.table = w.HTML(table_html(matrix_table(self.matrix, self.parties), "Latest stance by party and issue"))
        self.table_view = w.Accordion(children=[w.VBox([self.alt, self.table])], titles=("Text description and table",),
                                      selected_index=None)
        self._busy = False
        for control in (self.party, self.issue, self.party_b, self.compare_mode):
            control.observe(self._on_control, names="value")
        row = w.Layout(flex_flow="row wrap", align_items="center", grid_gap="4px 16px")
        controls = w.VBox([w.HBox([self.party, self.issue], layout=row),
                           w.HBox([self.compare_mode, self.party_b], layout=row)])
        super().__init__([self.key, controls, self.figure_widget, self.details, self.table_view], **kwargs)
        if first[0] is not None:
            self.select(*first)
        else:
            self._refresh(None, self.issue.value)

    # ---- interactions a student can make -------------------------------------------------
    def select(self, party, issue) -> None:
        """Show ``party``'s statements on ``issue`` (what a click on a matrix cell does)."""
        self._set(party=party, issue=issue, compare=False)

    def compare(self, party_a, party_b, issue) -> None:
        """Show two parties' statements on ``issue`` side by side."""
        self._set(party=party_a, issue=issue, party_b=party_b, compare=True)

    def on_cell_click(self, trace, points, selector=None) -> None:
        """FigureWidget click handler: select the clicked cell (keeps compare mode and its second party)."""
        if not points.point_inds:
            return
        party, issue = trace.customdata[points.point_inds[0]]
        self._set(party=party, issue=issue, compare=self.compare_mode.value)

    # ---- wiring --------------------------------------------------------------------------
    def _set(self, party, issue, party_b=Ellipsis, compare=False) -> None:
        self._busy = True
        try:
            self._selected = (party, issue)
            self._set_value(self.party, party)
            if issue in ISSUE_LABELS:
                self.issue.value = issue
            self.compare_mode.value = compare
            if party_b is not Ellipsis:
                self._set_value(self.party_b, party_b)
            self._show_second()
        finally:
            self._busy = False
        self._refresh(party, issue)

    @staticmethod
    def _set_value(dropdown, value) -> None:
        """Choose ``value`` (the placeholder for None or an unknown value), by index so the
        placeholder is shown rather than an empty box."""
        values = [v for _, v in dropdown.options]
        dropdown.index = values.index(value) if value in values else 0

    def _show_second(self, propose: bool = False) -> None:
        """The second-party menu is hidden and disabled unless compare mode is on; with ``propose``
        (compare mode just ticked) an empty menu gets the first other party with a statement on the issue."""
        on = self.compare_mode.value
        self.party_b.disabled = not on
        self.party_b.layout.visibility = "visible" if on else "hidden"
        if propose and on and self.party_b.value is None and self.party.value is not None:
            others = [v for _, v in self.party_b.options if v not in (None, self.party.value)]
            with_statement = [p for p in others if (str(p), str(self.issue.value)) in self._cells]
            if with_statement or others:
                self._set_value(self.party_b, (with_statement or others)[0])

    def _on_control(self, change) -> None:
        if self._busy:
            return
        self._busy = True
        try:
            self._show_second(propose=change["owner"] is self.compare_mode)
        finally:
            self._busy = False
        self._refresh(self.party.value, self.issue.value)

    def _cell(self, party, issue) -> pd.DataFrame:
        return self._cells.get((str(party), str(issue)), self.positions.iloc[:0])

    def _refresh(self, party, issue) -> None:
        if self.positions.empty:
            self.details.value = empty_state("No positions are recorded yet.", "The data has no statements to show.")
            return
        second = self.party_b.value if self.compare_mode.value else None
        frame = pd.concat([self._cell(party, issue), self._cell(second, issue)])
        if self.compare_mode.value:
            self.details.value = compare_html(frame, party, second, issue, self.parties, self.sources)
        else:
            self.details.value = statements_html(frame, party, issue, self.parties, self.sources)
        self._highlight([p for p in (party, second) if p is not None], issue)

    def _highlight(self, parties, issue) -> None:
        outline = self._traces.get("Selected")
        if outline is None:
            return
        cells = [(self._xlabels[issue], self._ylabels[p]) for p in parties
                 if issue in self._xlabels and p in self._ylabels]
        with self.figure_widget.batch_update():
            outline.x = [c[0] for c in cells]
            outline.y = [c[1] for c in cells]


# --------------------------------------------------------------------------- benchmark hook


def benchmark_cases(tables: dict[str, pd.DataFrame]) -> list[tuple[str, callable]]:
    """Student interactions on one explorer built from ``tables`` (for lessons.bench)."""
    ex = PositionsExplorer(positions=tables["positions"], parties=tables["parties"], sources=tables["sources"])
    cells = itertools.cycle(list(zip(ex.matrix["party_id"], ex.matrix["issue"])) or [(None, ISSUE_ORDER[0])])
    party_ids = [v for _, v in ex.party.options if v is not None] or [None]
    pairs = itertools.cycle(list(zip(party_ids, party_ids[1:] + party_ids[:1])))
    issues = itertools.cycle(ISSUE_ORDER)
    dropdown = itertools.cycle(party_ids)

    def select_cell():
        ex.select(*next(cells))

    def click_cell():
        trace = next(t for t in ex.figure_widget.data if t.customdata is not None and len(t.customdata))
        from plotly.callbacks import Points
        ex.on_cell_click(trace, Points(point_inds=[0], trace_index=0))

    def choose_party():
        ex.party.value = next(dropdown)

    def choose_issue():
        ex.issue.value = next(issues)

    def compare_two():
        ex.compare(*next(pairs), next(issues))

    return [("positions: select cell", select_cell), ("positions: click cell", click_cell),
            ("positions: party dropdown", choose_party), ("positions: issue dropdown", choose_issue),
            ("positions: compare two parties", compare_two)]
