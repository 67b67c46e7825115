"""Tests for lessons.positions: the matrix, the statements panel, compare mode, empty states, escaping."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from plotly.callbacks import Points

from conftest import SCRIPT, fake_source
from lessons import data, positions as pos
from lessons.style import STANCE_COLOURS, esc

DESCRIPTOR = json.loads((data.DATA_DIR / "datapackage.json").read_text())


typed = data.typed_frame  # frames typed exactly as lessons.data.load types them


@pytest.fixture
def tables():
    parties = typed("parties", [
        dict(id="us", name="United States", short_name="United States", kind="state", source_ids="s-us"),
        dict(id="ru", name="Russian Federation", short_name="Russia", kind="state", source_ids="s-ru"),
        dict(id="ua", name="Ukraine", short_name="Ukraine", kind="state", source_ids="s-ua"),
        dict(id="eu", name="European Union", short_name="EU", kind="organisation", source_ids="s-us"),
    ])
    positions = typed("positions", [
        dict(id="po-us-ceasefire-scope-20250311", party_id="us", issue="ceasefire-scope", date="2025-03-11",
             stance="supports", summary="The US backed a 30-day ceasefire.", quote="an immediate 30-day ceasefire",
             speaker="Marco Rubio, Secretary of State", source_ids="s-us"),
        dict(id="po-ru-ceasefire-scope-20250313", party_id="ru", issue="ceasefire-scope", date="2025-03-13",
             stance="conditional", summary="Russia set conditions.", quote="there are nuances",
             speaker="Vladimir Putin, President", source_ids="s-ru"),
        dict(id="po-ru-ceasefire-scope-20250318", party_id="ru", issue="ceasefire-scope", date="2025-03-18",
             stance="opposes", summary=f"Russia proposed only an energy pause. {SCRIPT}", quote=f"quote {SCRIPT}",
             speaker=f"Kremlin {SCRIPT}", source_ids="s-ru;s-evil"),
        dict(id="po-ua-ceasefire-scope-20250311", party_id="ua", issue="ceasefire-scope", date="2025-03-11",
             stance="supports", summary="Ukraine accepted the US proposal.", source_ids="s-ua"),
        dict(id="po-ua-crimea-status-20250425", party_id="ua", issue="crimea-status", date="2025-04-25",
             stance="opposes", summary="Ukraine rejects recognition.", source_ids="s-ua"),
        dict(id="po-ru-crimea-status-20250301", party_id="ru", issue="crimea-status", date="2025-03-01",
             stance="supports", summary="Russia demands recognition.", source_ids="s-ru"),
    ])
    sources = typed("sources", [fake_source("s-us"), fake_source("s-ru"), fake_source("s-ua"), fake_source("s-evil", SCRIPT)])
    return {"positions": positions, "parties": parties, "sources": sources}


@pytest.fixture
def explorer(tables):
    return pos.PositionsExplorer(**tables)


def figure_json(fig) -> str:
    return fig.to_json() if hasattr(fig, "to_json") else json.dumps(fig)


# --------------------------------------------------------------------------- pure functions


def test_propositions_match_the_datapackage_issue_description():
    field = next(f for f in data._resource(DESCRIPTOR, "positions")["schema"]["fields"] if f["name"] == "issue")
    assert list(pos.ISSUE_LABELS) == field["constraints"]["enum"]
    for issue, proposition in pos.ISSUE_PROPOSITIONS.items():
        assert f"{issue} = {proposition}" in field["description"]


def test_matrix_keeps_the_latest_stance_and_counts_statements(tables):
    m = pos.positions_matrix(tables["positions"]).set_index(["party_id", "issue"])
    assert m.loc[("ru", "ceasefire-scope"), "stance"] == "opposes"
    assert m.loc[("ru", "ceasefire-scope"), "statements"] == 2
    assert m.loc[("ru", "ceasefire-scope"), "date"] == pd.Timestamp("2025-03-18")
    assert m.loc[("us", "ceasefire-scope"), "statements"] == 1
    assert len(m) == 5


def test_matrix_breaks_date_ties_by_id(tables):
    p = tables["positions"]
    tie = typed("positions", [dict(id="po-ru-ceasefire-scope-20250318b", party_id="ru", issue="ceasefire-scope",
                                   date="2025-03-18", stance="mixed", summary="Later id", source_ids="s-ru")])
    m = pos.positions_matrix(pd.concat([tie, p])).set_index(["party_id", "issue"])
    assert m.loc[("ru", "ceasefire-scope"), "stance"] == "mixed"


def test_statements_are_in_date_order(tables):
    s = pos.statements(tables["positions"], "ru", "ceasefire-scope")
    assert list(s["stance"].astype(str)) == ["conditional", "opposes"]
    assert pos.statements(tables["positions"], "eu", "sanctions").empty
    assert pos.statements(tables["positions"], None, "sanctions").empty


def test_figure_colours_cells_by_stance_with_party_issue_customdata(tables):
    fig = pos.positions_figure(tables["positions"], tables["parties"])
    by_name = {t.name: t for t in fig.data}
    supports = by_name["Supports"]
    assert supports.marker.color == STANCE_COLOURS["supports"]
    assert sorted(map(tuple, supports.customdata)) == [("ru", "crimea-status"), ("ua", "ceasefire-scope"),
                                                       ("us", "ceasefire-scope")]
    assert [tuple(c) for c in by_name["Opposes"].customdata] == [("ru", "ceasefire-scope"), ("ua", "crimea-status")]
    # a cell without statements is drawn, labelled as such, and clickable
    gaps = {tuple(c) for c in by_name["No statement recorded"].customdata}
    assert ("us", "crimea-status") in gaps
    # issue labels are human-readable, parties use their short names in parties.csv order
    assert "Scope of the<br>ceasefire" in fig.layout.xaxis.categoryarray
    assert list(fig.layout.yaxis.categoryarray) == ["United States", "Russia", "Ukraine"]
    assert "Russia" in fig.layout.meta["alt"] and "3 parties (United States, Russia, Ukraine) by 2 issues" in fig.layout.meta["alt"]


def test_figure_hover_names_party_issue_stance_date_and_proposition(tables):
    fig = pos.positions_figure(tables["positions"], tables["parties"])
    opposes = next(t for t in fig.data if t.name == "Opposes")
    hover = opposes.hovertext[0]
    for part in ("Russia", "Scope of the ceasefire", "Opposes", "18 March 2025", "2 statements",
                 "an immediate, full 30-day ceasefire"):
        assert part in hover
    assert "<script>" not in hover and "&lt;script&gt;" in hover


def test_figure_filters_parties_and_issues(tables):
    fig = pos.positions_figure(tables["positions"], tables["parties"], parties_shown=["ua", "ru"],
                               issues_shown=["crimea-status"])
    cells = {tuple(c) for t in fig.data if t.customdata is not None for c in t.customdata}
    assert cells == {("ua", "crimea-status"), ("ru", "crimea-status")}
    assert list(fig.layout.yaxis.categoryarray) == ["Ukraine", "Russia"]


def test_figure_empty_states(tables):
    assert pos.positions_figure(tables["positions"].iloc[:0], tables["parties"]).layout.meta["empty"]
    fig = pos.positions_figure(tables["positions"], tables["parties"], parties_shown=[])
    assert fig.layout.meta["empty"] and "No positions" in fig.layout.annotations[0].text


def test_figure_has_no_network_urls_and_is_deterministic(tables):
    a = pos.positions_figure(tables["positions"], tables["parties"]).to_json()
    b = pos.positions_figure(tables["positions"], tables["parties"]).to_json()
    assert a == b
    assert not re.search(r"https?://", a)
    assert '"uid"' not in a


def test_issue_labels_are_wrapped_horizontally_and_escaped():
    assert pos._wrap("Weapons and intelligence for Ukraine") == "Weapons and<br>intelligence<br>for Ukraine"
    assert pos._wrap("Sanctions on Russia") == "Sanctions<br>on Russia"  # as few, then as even, lines
    assert pos._wrap("Territory") == "Territory"
    assert pos._wrap("Extraordinarily-long-hyphenated-word and <b>") == "Extraordinarily-long-hyphenated-word<br>and &lt;b&gt;"
    xlabels, _ = pos._axis_labels([], pos.ISSUE_ORDER, {})
    assert all(max(len(line) for line in label.split("<br>")) <= 15 for label in xlabels.values())


def test_figure_layout_keeps_labels_and_legend_clear_of_the_matrix(tables):
    layout = pos.positions_figure(tables["positions"], tables["parties"]).layout
    # issue labels read horizontally above the matrix; both axes push the margins to fit their labels
    assert layout.xaxis.side == "top" and layout.xaxis.tickangle == 0
    assert layout.xaxis.automargin is not False and layout.yaxis.automargin is not False
    # the legend sits below the matrix
    assert layout.legend.yanchor == "top" and layout.legend.y < 0


def test_duplicate_short_names_get_distinct_rows(tables):
    parties = tables["parties"].copy()
    parties["short_name"] = "Same"
    fig = pos.positions_figure(tables["positions"], parties)
    assert len(set(fig.layout.yaxis.categoryarray)) == 3


# --------------------------------------------------------------------------- the explorer, driven as a student


def test_select_shows_statements_newest_first_with_quotes_and_citations(explorer):
    explorer.select("ru", "ceasefire-scope")
    html = explorer.details.value
    assert explorer.party.value == "ru" and explorer.issue.value == "ceasefire-scope"
    assert html.index("18 March 2025") < html.index("13 March 2025")
    assert "<blockquote" in html and "there are nuances" in html and "Vladimir Putin, President" in html
    assert "Supports with conditions" in html and "Opposes" in html
    assert "https://example.org/s-ru" in html  # citations via widgets.citation_html
    assert "an immediate, full 30-day ceasefire" in html
    outline = next(t for t in explorer.figure_widget.data if t.name == "Selected")
    assert list(outline.y) == ["Russia"] and list(outline.x) == ["Scope of the<br>ceasefire"]


def test_data_strings_are_escaped_in_the_details(explorer):
    explorer.select("ru", "ceasefire-scope")
    html = explorer.details.value
    assert "<script>" not in html
    assert html.count("&lt;script&gt;") >= 4  # summary, quote, speaker, source title


def test_clicking_a_cell_selects_it(explorer):
    trace = next(t for t in explorer.figure_widget.data if t.name == "Opposes")
    index = [tuple(c) for c in trace.customdata].index(("ua", "crimea-status"))
    explorer.on_cell_click(trace, Points(point_inds=[index], trace_index=0))
    assert explorer.party.value == "ua" and explorer.issue.value == "crimea-status"
    assert "Ukraine rejects recognition." in explorer.details.value


def test_clicking_an_empty_cell_says_there_is_no_statement(explorer):
    trace = next(t for t in explorer.figure_widget.data if t.name == "No statement recorded")
    index = [tuple(c) for c in trace.customdata].index(("us", "crimea-status"))
    explorer.on_cell_click(trace, Points(point_inds=[index], trace_index=0))
    assert "No statement by United States on this issue" in explorer.details.value
    explorer.on_cell_click(trace, Points(point_inds=[], trace_index=0))  # a click on nothing changes nothing
    assert explorer.party.value == "us"


def test_dropdowns_drive_the_panel(explorer):
    explorer.party.value = "ua"
    explorer.issue.value = "crimea-status"
    assert "Ukraine rejects recognition." in explorer.details.value
    explorer.issue.value = "sanctions"
    assert "No statement by Ukraine" in explorer.details.value


def test_compare_shows_two_parties_side_by_side(explorer):
    explorer.compare("ua", "ru", "crimea-status")
    html = explorer.details.value
    assert explorer.compare_mode.value and not explorer.party_b.disabled and explorer.party_b.value == "ru"
    assert "grid-template-columns:1fr 1fr" in html
    assert html.index("Ukraine rejects recognition.") < html.index("Russia demands recognition.")
    outline = next(t for t in explorer.figure_widget.data if t.name == "Selected")
    assert sorted(outline.y) == ["Russia", "Ukraine"]
    # changing the second party from its dropdown updates the right column
    explorer.party_b.value = "us"
    assert "No statement by United States" in explorer.details.value
    # a click in compare mode replaces the first party and keeps the second
    trace = next(t for t in explorer.figure_widget.data if t.name == "Supports")
    index = [tuple(c) for c in trace.customdata].index(("ru", "crimea-status"))
    explorer.on_cell_click(trace, Points(point_inds=[index], trace_index=0))
    assert explorer.party.value == "ru" and explorer.party_b.value == "us" and explorer.compare_mode.value


def test_compare_mode_checkbox(explorer):
    # the second-party menu is hidden and disabled until compare is ticked
    assert explorer.party_b.disabled and explorer.party_b.layout.visibility == "hidden"
    explorer.select("ru", "ceasefire-scope")
    assert explorer.party_b.disabled and explorer.party_b.layout.visibility == "hidden"
    explorer.compare_mode.value = True
    assert not explorer.party_b.disabled and explorer.party_b.layout.visibility == "visible"
    # ticking it proposes the first other party with a statement on the issue
    assert explorer.party_b.value == "us" and "The US backed a 30-day ceasefire." in explorer.details.value
    explorer.party_b.value = "ua"
    assert "Ukraine accepted the US proposal." in explorer.details.value
    explorer.party_b.value = None
    assert explorer.party_b.label == "— choose a party —"
    assert "Choose two parties to compare" in explorer.details.value
    explorer.compare_mode.value = False
    assert explorer.party_b.disabled and explorer.party_b.layout.visibility == "hidden"
    assert "Choose two parties" not in explorer.details.value and "Russia proposed only" in explorer.details.value


def test_controls_are_labelled_and_start_on_the_first_cell(explorer):
    # the first party (parties.csv order) and its first issue with a statement are selected at the start
    assert (explorer.party.value, explorer.issue.value) == ("us", "ceasefire-scope")
    assert explorer.party.label == "United States" and explorer.issue.label == "Scope of the ceasefire"
    assert "The US backed a 30-day ceasefire." in explorer.details.value
    outline = next(t for t in explorer.figure_widget.data if t.name == "Selected")
    assert list(outline.y) == ["United States"]
    assert [c.description for c in (explorer.party, explorer.issue, explorer.compare_mode, explorer.party_b)] == [
        "Party", "Issue", "Compare with another party", "Second party"]
    for dropdown in (explorer.party, explorer.issue, explorer.party_b):
        assert dropdown.style.description_width == "initial"  # the label is never cut to "Compare ..."
        assert dropdown.label  # never an empty box
    # a figure wide enough for the notebook, set explicitly (a FigureWidget cannot measure its cell)
    assert explorer.figure_widget.layout.width == pos.WIDGET_WIDTH <= 950


def test_empty_states_in_the_explorer(explorer, tables):
    explorer.select(None, "ceasefire-scope")
    assert "Choose a party" in explorer.details.value and explorer.party.label == "— choose a party —"
    explorer.select("atlantis", "ceasefire-scope")
    assert "no party with the id" in explorer.details.value and explorer.party.value is None
    assert explorer.party.label == "— choose a party —"
    explorer.select("ru", "ceasefire-scope")
    explorer.party.value = None  # set directly: the placeholder shows, not an empty box
    assert explorer.party.index == 0 and "Choose a party" in explorer.details.value
    explorer.select("ru", "no-such-issue")
    assert "no issue called" in explorer.details.value
    empty = pos.PositionsExplorer(positions=tables["positions"].iloc[:0], parties=tables["parties"],
                                  sources=tables["sources"])
    assert "No positions are recorded" in empty.details.value
    assert empty.figure_widget.layout.meta["empty"]
    empty.select("ru", "ceasefire-scope")
    assert "No positions are recorded" in empty.details.value


def test_table_view_and_alt_text(explorer):
    assert "Latest stance by party and issue" in explorer.table.value
    assert "Supports with conditions" not in explorer.table.value  # only the latest stance is tabled
    assert "<td>Opposes</td>" in explorer.table.value
    assert "by 2 issues" in explorer.alt.value
    assert esc(explorer.figure_widget.layout.meta["alt"]) in explorer.alt.value
    assert "What does “supports” mean?" in explorer.key.value


def test_widget_figure_json_has_no_url(explorer):
    explorer.select("ru", "ceasefire-scope")
    assert not re.search(r"https?://", explorer.figure_widget.to_json())


# --------------------------------------------------------------------------- benchmark hook and latency


def scaled(tables, factor):
    """``factor`` copies of every statement with new ids and dates spread over days."""
    p = tables["positions"]
    copies = []
    for k in range(factor):
        c = p.copy()
        c["id"] = c["id"] + f"-{k}"
        c["date"] = c["date"] + pd.to_timedelta(k, unit="D")
        c.index = pd.Index(c["id"], name="id")  # an index named like a column must not confuse sorting
        copies.append(c)
    return {**tables, "positions": pd.concat(copies)}


@pytest.mark.parametrize("factor", [1, 100])
def test_benchmark_cases_run_on_curated_and_scaled_data(tables, factor):
    cases = pos.benchmark_cases(scaled(tables, factor))
    assert {name for name, _ in cases} >= {"positions: select cell", "positions: compare two parties"}
    for name, case in cases:
        for _ in range(3):  # each call is a real student interaction; `make bench` times them
            case()
