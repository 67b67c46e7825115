"""The positions explorer: what each party said on each issue, as a party × issue matrix.

Each cell shows a party's latest recorded stance toward an issue's *proposition*
(:data:`ISSUE_PROPOSITIONS`: "supports" always means "supports the proposition").
Clicking a cell (or choosing a party and an issue) lists that party's statements over
time with quotations, speakers and sources; compare mode shows two parties side by side.

Pure functions (:func:`positions_matrix`, :func:`positions_figure`, :func:`statements`,
:func:`matrix_table`) hold the logic; :class:`PositionsExplorer` only wires controls to them.
"""

from __future__ import annotations

import textwrap

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import data
from .explorer import Explorer
from .figsync import PlotView
from .hover import hover_text, plain
from .html import Html, citations, empty_state, esc, fmt_day, quote, table
from .style import INK, MUTED, STANCE_COLOURS, STANCE_LABELS, STANCE_ORDER, empty_figure

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
#: The column headings of the grid: the proposition itself, short, since a cell is a stance toward it.
ISSUE_HEADINGS = {
    "ceasefire-scope": "A full 30-day ceasefire now",
    "weapons-and-intelligence": "Halting weapons and intelligence for Ukraine",
    "crimea-status": "Recognising Crimea as Russian",
    "europe-at-the-table": "Europe in the talks",
    "sanctions": "Easing sanctions on Russia",
    "territory": "Ukraine giving up territory",
    "security-guarantees-nato": "Security guarantees / NATO for Ukraine",
    "prisoners-humanitarian": "Prisoner exchanges, humanitarian steps",
}
#: A text cue in every cell, so a stance never rests on colour alone (the same mark as in the key).
STANCE_MARKS = {"supports": "+", "conditional": "+?", "mixed": "±", "opposes": "−", "no-position": "0"}
_MARK_INK = {"supports": "#ffffff", "opposes": "#000000"}  # 4.5:1 or more on each swatch; dark ink on the rest

#: How many statements a details panel lists before saying "and N more".
MAX_STATEMENTS = 12
_EXCERPT = 160
_NO_STATEMENT = "No statement recorded"
_PLACEHOLDER = "— choose a party —"


def issue_label(issue) -> str:
    return ISSUE_LABELS.get(issue, str(issue))


def proposition_key(issues=None) -> Html:
    """What each column of the grid measures ("supports" = supports this proposition), and the stance key."""
    issues = ISSUE_ORDER if issues is None else [i for i in issues if i in ISSUE_LABELS]
    items = "".join(f"<li><b>{esc(ISSUE_LABELS[i])}</b>: {esc(ISSUE_PROPOSITIONS[i])}</li>" for i in issues)
    # the key's swatches carry the figure's own marks, in the figure's ink (white on the dark "supports" blue)
    swatches = [(STANCE_COLOURS[s], STANCE_LABELS[s], STANCE_MARKS[s], _MARK_INK.get(s, INK)) for s in STANCE_ORDER]
    swatches.append(("#ffffff", _NO_STATEMENT, "○", MUTED))
    entries = "".join(f"<li><span class='lessons-swatch' style='background:{bg};color:{ink}' aria-hidden='true'>"
                      f"{esc(mark)}</span>{esc(label)}</li>" for bg, label, mark, ink in swatches)
    stances = Html(f"<div class='lessons-keybox'><b>Stance toward the proposition</b>"
                   f"<ul class='lessons-key'>{entries}</ul></div>")
    return Html(f"<div class='lessons-panel' role='group' aria-label='What each stance is measured against'>"
                f"<h3>What does “supports” mean? Each stance is measured against one proposition per issue</h3>"
                f"<ul>{items}</ul>{stances.markup}</div>")


#: The older name, kept for notebooks that call it.
proposition_html = proposition_key


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
    """Break ``text`` into as few, then as even, lines of at most ``width`` characters as it can (a
    longer single word gets its own line); markup characters escaped for a plotly label."""
    longest = max((len(word) for word in text.split()), default=1)
    best = min((len(lines), max(map(len, lines)), lines) for w_ in range(longest, max(width, longest) + 1)
               if (lines := textwrap.wrap(text, w_)))
    return "<br>".join(plain(line) for line in best[2])


def _axis_labels(party_ids, issues, names) -> tuple[dict, dict]:
    """Unique axis labels: issue -> x label (its proposition, wrapped), party id -> y label."""
    xlabels = {i: _wrap(ISSUE_HEADINGS.get(i, issue_label(i))) for i in issues}
    ylabels, seen = {}, set()
    for p in party_ids:
        label = plain(names.get(p, p))
        ylabels[p] = label if label not in seen else f"{label} ({plain(p)})"
        seen.add(ylabels[p])
    return xlabels, ylabels


# --------------------------------------------------------------------------- pure functions


def positions_matrix(positions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per party and issue: the latest statement's stance, date, summary, quote,
    speaker, id and sources, plus ``statements`` (how many statements the cell holds).

    Ties on the date are broken by position id, so the result is deterministic.
    """
    positions = data.load("positions") if positions is None else positions
    columns = ["party_id", "issue", "stance", "date", "summary", "quote", "speaker", "id", "source_ids", "statements"]
    if positions.empty:
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


def matrix_frame(positions: pd.DataFrame | None = None, parties: pd.DataFrame | None = None,
                 sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """The grid as a table for reading: party by party (in the parties table's order), issue by issue,
    with the proposition, the latest stance, its date, who said it, how many statements and the sources."""
    positions = data.load("positions") if positions is None else positions
    parties = data.load("parties") if parties is None else parties
    sources = data.load("sources") if sources is None else sources
    names = _party_names(parties)
    matrix = positions_matrix(positions)
    columns = ["Party", "Issue", "Proposition", "Latest stance", "Latest statement", "Who said it", "Statements",
               "Sources"]
    if matrix.empty:
        return pd.DataFrame(columns=columns)
    order = {p: i for i, p in enumerate(_party_order(positions, parties))}
    matrix = matrix.assign(_p=matrix["party_id"].map(order)).sort_values("_p", kind="stable")
    rows = matrix.to_dict("records")
    return pd.DataFrame({
        "Party": [names.get(r["party_id"], r["party_id"]) for r in rows],
        "Issue": [issue_label(r["issue"]) for r in rows],
        "Proposition": [ISSUE_PROPOSITIONS.get(r["issue"], "") for r in rows],
        "Latest stance": [f"{STANCE_MARKS.get(r['stance'], '')} {STANCE_LABELS.get(r['stance'], r['stance'])}".strip()
                          for r in rows],
        "Latest statement": [fmt_day(r["date"]) for r in rows],
        "Who said it": ["" if pd.isna(r.get("speaker")) else str(r["speaker"]) for r in rows],
        "Statements": [int(r["statements"]) for r in rows],
        "Sources": ["; ".join(dict.fromkeys(str(sources.loc[i, "publisher"]) if i in sources.index else i
                                            for i in data.split_ids(r.get("source_ids")))) for r in rows],
    }, columns=columns)


def matrix_table(positions: pd.DataFrame | None = None, parties: pd.DataFrame | None = None,
                 sources: pd.DataFrame | None = None) -> Html:
    """:func:`matrix_frame` as a table (for reading aloud or printing)."""
    return table(matrix_frame(positions, parties, sources), "Latest stance of each party toward each proposition",
                 empty="No positions are recorded.")


def _cell_hover(party_name, issue, stance, date, summary, count, speaker) -> str:
    more = f" ({count} statements)" if count > 1 else ""
    who = f", {plain(speaker)}" if plain(speaker) else ""
    return (f"<b>{plain(party_name)}</b> on {plain(issue_label(issue))}<br>"
            f"Proposition: {plain(ISSUE_PROPOSITIONS.get(issue, ''))}<br>"
            f"Latest stance: <b>{plain(STANCE_LABELS.get(stance, stance))}</b>, {fmt_day(date)}{who}{plain(more)}<br>"
            f"{hover_text(summary, 60, _EXCERPT)}")


def _matrix_alt(matrix: pd.DataFrame, party_names: list[str], n_issues: int) -> str:
    counts = matrix["stance"].value_counts()
    parts = [f"{int(counts[s])} {STANCE_LABELS[s].lower()}" for s in STANCE_ORDER if counts.get(s, 0)]
    listed = f" ({', '.join(party_names)})" if len(party_names) <= 10 else ""
    return (f"A grid of {len(party_names)} parties{listed} by {n_issues} propositions; each cell is the party's "
            f"latest stance toward the proposition, by colour and by a mark (+ supports, − opposes); "
            f"{len(matrix)} cells hold statements ({', '.join(parts)}).")


def _grid_layout(fig: go.Figure, columns: list, rows: list, alt: str) -> None:
    """Axes, title, legend and size of the grid: propositions on top, parties down the side."""
    fig.update_xaxes(type="category", categoryorder="array", categoryarray=columns,
                     side="top", showgrid=False, title=None, tickangle=0, tickfont=dict(size=12))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=rows,
                     autorange="reversed", showgrid=False, title=None)
    fig.update_layout(
        # the title at the very top, the propositions (up to four lines) between it and the grid
        title=dict(text="Latest stance of each party toward each proposition", yref="container", y=1,
                   yanchor="top", pad=dict(t=12),
                   subtitle=dict(text="Each column is a proposition; + supports it, − opposes it "
                                      "(see the key above the grid)", font=dict(color=MUTED, size=13))),
        height=int(min(280 + 34 * len(rows), 1800)),
        # below the grid (the propositions are on top), where it pushes the bottom margin instead of covering a label
        legend=dict(orientation="h", x=0, yanchor="top", y=-0.02,
                    title=dict(text="Stance toward the proposition", side="top")),
        margin=dict(t=150, l=10, r=10, b=20),
        clickmode="event",
        meta={"alt": alt},
    )


def positions_figure(positions: pd.DataFrame | None = None, parties: pd.DataFrame | None = None, *,
                     parties_shown=None, issues_shown=None) -> go.Figure:
    """The party × proposition grid: one square per cell coloured by the latest stance and marked with
    its sign (one trace per stance, so the legend names both), open circles where no statement is
    recorded. The column headings are the propositions. ``customdata`` is ``[party_id, issue]``."""
    positions = data.load("positions") if positions is None else positions
    parties = data.load("parties") if parties is None else parties
    if positions.empty:
        return empty_figure("No positions recorded yet.")
    if parties_shown is not None:
        positions = positions[positions["party_id"].astype(str).isin([str(p) for p in parties_shown])]
    if issues_shown is not None:
        positions = positions[positions["issue"].astype(str).isin([str(i) for i in issues_shown])]
    if positions.empty:
        return empty_figure("No positions for this choice of parties and issues.")
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
            name=f"{STANCE_MARKS[stance]}  {STANCE_LABELS[stance]}", legendgroup=stance,
            x=[xlabels[i] for i in cells["issue"]], y=[ylabels[p] for p in cells["party_id"]],
            mode="markers+text", text=[STANCE_MARKS[stance]] * len(cells), textposition="middle center",
            textfont=dict(size=max(size // 2, 8), color=_MARK_INK.get(stance, INK)),
            marker=dict(symbol="square", size=size, color=STANCE_COLOURS[stance], line=dict(color=MUTED, width=1)),
            customdata=[[p, i] for p, i in zip(cells["party_id"], cells["issue"])],
            hovertext=[_cell_hover(names.get(p, p), i, s, d, sm, n, sp) for p, i, s, d, sm, n, sp in
                       zip(cells["party_id"], cells["issue"], cells["stance"], cells["date"], cells["summary"],
                           cells["statements"], cells["speaker"])],
            hoverinfo="text",  # the hover text alone, no trace-name box
        ))
    filled = set(zip(matrix["party_id"], matrix["issue"]))
    gaps = [(p, i) for p in party_ids for i in issues if (p, i) not in filled]
    fig.add_trace(go.Scatter(
        name=_NO_STATEMENT, showlegend=bool(gaps), x=[xlabels[i] for _, i in gaps],  # legend: the open circle
        y=[ylabels[p] for p, _ in gaps],
        mode="markers", marker=dict(symbol="circle-open", size=max(size // 3, 5), color=MUTED),
        customdata=[[p, i] for p, i in gaps],
        hovertext=[f"<b>{ylabels[p]}</b> on {plain(issue_label(i))}<br>{_NO_STATEMENT} in the data." for p, i in gaps],
        hoverinfo="text",
    ))
    # the selection outline, moved by the explorer (empty in a plain figure)
    fig.add_trace(go.Scatter(name="Selected", showlegend=False, x=[], y=[], mode="markers", hoverinfo="skip",
                             marker=dict(symbol="square-open", size=size + 8, color=INK, line=dict(width=3))))
    _grid_layout(fig, [xlabels[i] for i in issues], [ylabels[p] for p in party_ids],
                 _matrix_alt(matrix, [names.get(p, p) for p in party_ids], len(issues)))
    return fig


# --------------------------------------------------------------------------- HTML panels


def _statement_html(row, names, sources) -> str:
    when = fmt_day(row["date"])
    stance = str(row["stance"])
    swatch = (f"<span class='lessons-swatch' style='background:{STANCE_COLOURS.get(stance, MUTED)};"
              f"color:{_MARK_INK.get(stance, INK)}' aria-hidden='true'>{esc(STANCE_MARKS.get(stance, ''))}</span>")
    speaker = row.get("speaker")
    party = names.get(str(row["party_id"]), row["party_id"])
    who = str(speaker) if esc(speaker) else str(party)
    return (f"<li><div><b>{esc(when)}</b> · {swatch} {esc(STANCE_LABELS.get(stance, stance))}"
            f" · <span class='lessons-muted'>{esc(who)}</span></div><div>{esc(row['summary'])}</div>"
            f"{quote(row.get('quote'), f'{who}, {when}').markup}"
            f"<div>{citations(row['source_ids'], sources).markup}</div></li>")


def statements_html(positions: pd.DataFrame, party, issue, parties=None, sources=None,
                    limit: int = MAX_STATEMENTS, *, rendered: dict | None = None) -> Html:
    """A party's statements on an issue, oldest first and numbered so, with quotations, speakers and sources.
    ``rendered`` maps position ids to their list items (an explorer makes them once, with its cells' ids)."""
    names = _party_names(data.load("parties") if parties is None else parties)
    if party is None:
        return empty_state("Choose a party to see its statements.", "Click a cell of the grid or use the Party menu.")
    if issue is None:
        return empty_state("Choose an issue to see the statements.")
    if names and str(party) not in names:
        return empty_state(f"There is no party with the id {party!r} in the data.")
    if issue not in ISSUE_LABELS:
        return empty_state(f"There is no issue called {issue!r}.", "Pick one from the Issue menu.")
    if rendered is None:
        sources = data.load("sources") if sources is None else sources
        rows = statements(positions, party, issue).to_dict("records")
        rendered = {r["id"]: _statement_html(r, names, sources) for r in rows}
        ids = [r["id"] for r in rows]
    else:
        ids = list(positions)  # the cell's ids, oldest first
    return _panel(names.get(str(party), str(party)), issue, [rendered[i] for i in ids], limit)


def _panel(name: str, issue: str, items: list[str], limit: int) -> Html:
    head = (f"<h3>{esc(name)}: {esc(issue_label(issue))}</h3>"
            f"<div class='lessons-muted'>Stance toward the proposition: <b>{esc(ISSUE_PROPOSITIONS[issue])}</b></div>")
    if not items:
        return Html(head) + empty_state(f"No statement by {name} on this issue is recorded in the data.",
                                        "Try another issue, or compare with another party.")
    shown = items[-limit:]
    first = len(items) - len(shown) + 1
    more = (f"<p class='lessons-muted'>Showing the {limit} most recent of {len(items)} statements.</p>"
            if len(items) > limit else "")
    return Html(f"<div class='lessons-details'>{head}{more}<ol class='lessons-sources' start='{first}'>"
                f"{''.join(shown)}</ol></div>")


def compare_html(positions=None, party_a=None, party_b=None, issue=None, parties=None, sources=None,
                 limit: int = MAX_STATEMENTS, *, rendered: dict | None = None) -> Html:
    """Two parties' statements on one issue, side by side."""
    positions = data.load("positions") if positions is None else positions
    if party_a is None or party_b is None:
        return empty_state("Choose two parties to compare.", "Use the Party and Second party menus.")
    cell = (lambda p: positions.get((str(p), str(issue)), [])) if rendered is not None else (lambda p: positions)
    left = statements_html(cell(party_a), party_a, issue, parties, sources, limit, rendered=rendered)
    right = statements_html(cell(party_b), party_b, issue, parties, sources, limit, rendered=rendered)
    return Html(f"<div style='display:grid;grid-template-columns:1fr 1fr;gap:16px'>"
                f"<section aria-label='first party'>{left.markup}</section>"
                f"<section aria-label='second party'>{right.markup}</section></div>")


# --------------------------------------------------------------------------- the explorer


class PositionsExplorer(Explorer):
    """The party × proposition grid with a statements panel, a compare mode, a table and alt text."""

    def __init__(self, *, positions: pd.DataFrame | None = None, parties: pd.DataFrame | None = None,
                 sources: pd.DataFrame | None = None, **kwargs):
        super().__init__(summary="Positions explorer: each party's stance, issue by issue", **kwargs)
        self.positions = data.load("positions") if positions is None else positions
        self.parties = data.load("parties") if parties is None else parties
        self.sources = data.load("sources") if sources is None else sources
        self.names = _party_names(self.parties)
        self.matrix = positions_matrix(self.positions)
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
        party_options = [(_PLACEHOLDER, "")] + [(self.names.get(p, p), p) for p in party_ids]
        # start on the first cell that holds a statement, so the panel shows an example straight away
        first = next(((p, i) for p in party_ids for i in ISSUE_ORDER if (p, i) in self._ids), (None, ISSUE_ORDER[0]))
        label = {"description_width": "initial"}
        self.party = w.Dropdown(options=party_options, value=first[0] or "", description="Party", style=label,
                                layout=w.Layout(width="300px"))
        self.issue = w.Dropdown(options=[(ISSUE_LABELS[i], i) for i in ISSUE_ORDER], value=first[1],
                                description="Issue", style=label, layout=w.Layout(width="380px"))
        self.compare_mode = w.Checkbox(value=False, description="Compare with another party", indent=False,
                                       layout=w.Layout(width="auto"))
        # shown (and enabled) only while compare mode is on
        self.party_b = w.Dropdown(options=party_options, value="", description="Second party", style=label,
                                  disabled=True, layout=w.Layout(width="340px", visibility="hidden"))
        for control in (self.party, self.issue, self.compare_mode, self.party_b):
            self.watch(control)
        self.compare_mode.observe(self._propose_second, names="value")
        self.figure = PlotView(height=int(self._base["layout"].get("height", 500)))
        self.figure.on_click(self._on_click)
        self.key = w.HTML(str(proposition_key()))
        self.details = w.HTML(layout=w.Layout(min_height="80px"))
        self.table_view = self.alt_table_box(
            Html(f"<p><b>Text description.</b> {esc(self._base['layout'].get('meta', {}).get('alt', ''))}</p>"),
            matrix_table(self.positions, self.parties, self.sources))
        row = w.Layout(flex_flow="row wrap", align_items="center", grid_gap="4px 16px")
        self.set_children(self.key, w.HBox([self.party, self.issue, self.reset_button], layout=row),
                          w.HBox([self.compare_mode, self.party_b], layout=row), self.figure, self.details,
                          self.table_view)
        self.refresh()

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
            self.details.value = str(empty_state("No positions are recorded yet.", "The data has no statements to show."))
        else:
            key = (party, second, issue, on)
            if key not in self._panels:
                self._panels[key] = str(
                    compare_html(self._ids, party, second, issue, self.parties, self.sources, rendered=self._items)
                    if on else statements_html(self._ids.get((str(party), str(issue)), []), party, issue,
                                               self.parties, self.sources, rendered=self._items))
            self.details.value = self._panels[key]
        self.figure.show(self._spec([p for p in (party, second) if p is not None], issue))

    def _spec(self, parties, issue) -> dict:
        """The grid with the outline round the chosen cells (only the outline trace is new)."""
        if not self._base["data"] or self._base["data"][-1].get("name") != "Selected":
            return self._base
        cells = [(self._xlabels[issue], self._ylabels[p]) for p in parties
                 if issue in self._xlabels and p in self._ylabels]
        outline = {**self._base["data"][-1], "x": [c[0] for c in cells], "y": [c[1] for c in cells]}
        return {"data": self._base["data"][:-1] + [outline], "layout": self._base["layout"]}


def _set_value(dropdown: w.Dropdown, value) -> None:
    """Choose ``value`` (the placeholder for None or an unknown value)."""
    values = [v for _, v in dropdown.options]
    dropdown.index = values.index(value) if value in values else 0
