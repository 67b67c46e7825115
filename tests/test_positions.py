"""Tests for lessons.positions: the matrix, the statements panel, compare mode, empty states, escaping."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from conftest import SCRIPT, fake_source
from factories import fake_party

from lessons import data
from lessons import positions as pos
from lessons.html import Html
from lessons.style import STANCE_COLOURS

DESCRIPTOR = json.loads((data.DATA_DIR / "datapackage.json").read_text())


typed = data.typed_frame  # frames typed exactly as lessons.data.load types them


@pytest.fixture
def tables():
    parties = typed(
        "parties",
        [
            fake_party("us", "United States", source_ids="s-us"),
            fake_party("ru", "Russian Federation", "Russia", source_ids="s-ru"),
            fake_party("ua", "Ukraine", source_ids="s-ua"),
            fake_party("eu", "European Union", "EU", kind="organisation", source_ids="s-us"),
        ],
    )
    positions = typed(
        "positions",
        [
            dict(
                id="po-us-ceasefire-scope-20250311",
                party_id="us",
                issue="ceasefire-scope",
                date="2025-03-11",
                stance="supports",
                summary="The US backed a 30-day ceasefire.",
                quote="an immediate 30-day ceasefire",
                speaker="Marco Rubio, Secretary of State",
                source_ids="s-us",
            ),
            dict(
                id="po-ru-ceasefire-scope-20250313",
                party_id="ru",
                issue="ceasefire-scope",
                date="2025-03-13",
                stance="conditional",
                summary="Russia set conditions.",
                quote="there are nuances",
                speaker="Vladimir Putin, President",
                source_ids="s-ru",
            ),
            dict(
                id="po-ru-ceasefire-scope-20250318",
                party_id="ru",
                issue="ceasefire-scope",
                date="2025-03-18",
                stance="opposes",
                summary=f"Russia proposed only an energy pause. {SCRIPT}",
                quote=f"quote {SCRIPT}",
                speaker=f"Kremlin {SCRIPT}",
                source_ids="s-ru;s-evil",
            ),
            dict(
                id="po-ua-ceasefire-scope-20250311",
                party_id="ua",
                issue="ceasefire-scope",
                date="2025-03-11",
                stance="supports",
                summary="Ukraine accepted the US proposal.",
                source_ids="s-ua",
            ),
            dict(
                id="po-ua-crimea-status-20250425",
                party_id="ua",
                issue="crimea-status",
                date="2025-04-25",
                stance="opposes",
                summary="Ukraine rejects recognition.",
                source_ids="s-ua",
            ),
            dict(
                id="po-ru-crimea-status-20250301",
                party_id="ru",
                issue="crimea-status",
                date="2025-03-01",
                stance="supports",
                summary="Russia demands recognition.",
                source_ids="s-ru",
            ),
        ],
    )
    sources = typed(
        "sources", [fake_source("s-us"), fake_source("s-ru"), fake_source("s-ua"), fake_source("s-evil", SCRIPT)]
    )
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
    tie = typed(
        "positions",
        [
            dict(
                id="po-ru-ceasefire-scope-20250318b",
                party_id="ru",
                issue="ceasefire-scope",
                date="2025-03-18",
                stance="mixed",
                summary="Later id",
                source_ids="s-ru",
            )
        ],
    )
    m = pos.positions_matrix(pd.concat([tie, p])).set_index(["party_id", "issue"])
    assert m.loc[("ru", "ceasefire-scope"), "stance"] == "mixed"


def test_statements_are_in_date_order(tables):
    s = pos.statements(tables["positions"], "ru", "ceasefire-scope")
    assert list(s["stance"].astype(str)) == ["conditional", "opposes"]
    assert pos.statements(tables["positions"], "eu", "sanctions").empty
    assert pos.statements(tables["positions"], None, "sanctions").empty


def trace(fig, name) -> dict:
    spec = fig.figure if hasattr(fig, "click") else fig.to_plotly_json()
    return next(t for t in spec["data"] if t["name"].endswith(name))


def cells(t) -> list:
    return [tuple(c) for c in t.get("customdata") or []]


def test_figure_colours_and_marks_cells_by_stance_with_party_issue_customdata(tables):
    fig = pos.positions_figure(tables["positions"], tables["parties"])
    supports = trace(fig, "Supports")
    assert supports["name"] == "+  Supports" and supports["marker"]["color"] == STANCE_COLOURS["supports"]
    assert sorted(cells(supports)) == [("ru", "crimea-status"), ("ua", "ceasefire-scope"), ("us", "ceasefire-scope")]
    # a text cue in every cell, so the stance never rests on colour alone
    assert supports["mode"] == "markers+text" and set(supports["text"]) == {"+"}
    assert set(trace(fig, "Opposes")["text"]) == {"−"}
    assert cells(trace(fig, "Opposes")) == [("ru", "ceasefire-scope"), ("ua", "crimea-status")]
    gaps = trace(fig, "No statement recorded")
    assert ("us", "crimea-status") in set(cells(gaps)) and len(gaps["x"]) == len(gaps["y"]) == len(cells(gaps))
    assert gaps["name"] == "No statement recorded"  # the legend's own symbol is the open circle
    # the column headings are the propositions the stances are measured against
    assert "Recognising<br>Crimea as<br>Russian" in fig.layout.xaxis.categoryarray
    assert list(fig.layout.yaxis.categoryarray) == ["United States", "Russia", "Ukraine"]
    assert "proposition" in fig.layout.title.subtitle.text
    assert "3 parties (United States, Russia, Ukraine) by 2 propositions" in fig.layout.meta["alt"]


def test_figure_hover_names_party_issue_stance_date_speaker_and_proposition(tables):
    hover = trace(pos.positions_figure(tables["positions"], tables["parties"]), "Opposes")["hovertext"][0]
    for part in (
        "Russia",
        "Scope of the ceasefire",
        "Opposes",
        "18 March 2025",
        "2 statements",
        "an immediate, full 30-day ceasefire",
        "Kremlin",
    ):
        assert part in hover
    assert "<script>" not in hover and "&lt;script&gt;" in hover and "&quot;" not in hover


def test_figure_filters_parties_and_issues(tables):
    fig = pos.positions_figure(
        tables["positions"], tables["parties"], parties_shown=["ua", "ru"], issues_shown=["crimea-status"]
    )
    shown = {c for t in fig.to_plotly_json()["data"] for c in cells(t)}
    assert shown == {("ua", "crimea-status"), ("ru", "crimea-status")}
    assert list(fig.layout.yaxis.categoryarray) == ["Ukraine", "Russia"]


def test_figure_empty_states_have_no_axes(tables):
    assert pos.positions_figure(tables["positions"].iloc[:0], tables["parties"]).layout.meta["empty"]
    fig = pos.positions_figure(tables["positions"], tables["parties"], parties_shown=[])
    assert fig.layout.meta["empty"] and "No positions" in fig.layout.annotations[0].text
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False


def test_figure_has_no_network_urls_and_is_deterministic(tables):
    a = pos.positions_figure(tables["positions"], tables["parties"]).to_json()
    assert a == pos.positions_figure(tables["positions"], tables["parties"]).to_json()
    assert not re.search(r"https?://", a) and '"uid"' not in a


def test_column_labels_are_wrapped_horizontally_and_escaped():
    assert pos._wrap("Sanctions on Russia") == "Sanctions<br>on Russia"  # as few, then as even, lines
    assert pos._wrap("Territory") == "Territory"
    assert (
        pos._wrap("Extraordinarily-long-hyphenated-word and <b>")
        == "Extraordinarily-long-hyphenated-word<br>and &lt;b&gt;"
    )
    xlabels, _ = pos._axis_labels([], pos.ISSUE_ORDER, {})
    assert all(max(len(line) for line in label.split("<br>")) <= 15 for label in xlabels.values())


def test_figure_layout_keeps_labels_and_legend_clear_of_the_grid(tables):
    layout = pos.positions_figure(tables["positions"], tables["parties"]).layout
    assert layout.xaxis.side == "top" and layout.xaxis.tickangle == 0
    assert layout.xaxis.type == "category" and layout.yaxis.type == "category"
    assert layout.legend.yanchor == "top" and layout.legend.y < 0


def test_duplicate_short_names_get_distinct_rows(tables):
    parties = tables["parties"].copy()
    parties["short_name"] = "Same"
    assert len(set(pos.positions_figure(tables["positions"], parties).layout.yaxis.categoryarray)) == 3


def test_proposition_key_is_html_with_text_marks():
    key = pos.proposition_key()
    assert isinstance(key, Html) and hasattr(key, "_repr_html_")
    assert "<" in key._repr_html_() and not repr(key).startswith(("'", '"'))
    text = str(key)
    for proposition in pos.ISSUE_PROPOSITIONS.values():
        assert proposition in text
    for mark in pos.STANCE_MARKS.values():
        assert f">{mark}</span>" in text.replace("&#x27;", "'")
    assert "Conditional: sets conditions" in text and "No statement recorded" in text
    assert "Supports with conditions" not in text  # review U10: the Kremlin's framing, not a neutral label
    assert pos.proposition_html is pos.proposition_key  # the notebooks' older name


def test_matrix_table_reads_party_by_party_with_proposition_speaker_and_sources(tables):
    frame = pos.matrix_frame(tables["positions"], tables["parties"], tables["sources"])
    assert list(frame.columns) == [
        "Party",
        "Issue",
        "Proposition",
        "Latest stance",
        "Latest statement",
        "Who said it",
        "Statements",
        "Sources",
    ]
    assert list(frame["Party"]) == ["United States", "Russia", "Russia", "Ukraine", "Ukraine"]
    ru = frame[(frame["Party"] == "Russia") & (frame["Issue"] == "Scope of the ceasefire")].iloc[0]
    assert ru["Latest stance"] == "− Opposes" and ru["Latest statement"] == "18 March 2025" and ru["Statements"] == 2
    html = str(pos.matrix_table(tables["positions"], tables["parties"], tables["sources"]))
    assert "<table" in html and "NaN" not in html and "po-ru" not in html and "2025-03-18" not in html


def test_figure_functions_default_their_lookups():
    fig = pos.positions_figure()  # positions and parties from data.load, like plotly express
    assert fig.layout.meta["alt"].startswith("A grid of")
    assert "<table" in str(pos.matrix_table())


# --------------------------------------------------------------------------- the explorer, driven as a student


def test_starts_on_the_first_cell_with_its_statements_oldest_first(explorer):
    assert (explorer.party.value, explorer.issue.value) == ("us", "ceasefire-scope")
    explorer.select("ru", "ceasefire-scope")
    html = explorer.details.value
    assert html.index("13 March 2025") < html.index("18 March 2025")  # numbered 1, 2 in the order they were said
    assert "<ol class='lessons-sources' start='1'>" in html
    assert "Stance toward the proposition: <b>an immediate, full 30-day ceasefire</b>" in html
    assert "there are nuances" in html and "Vladimir Putin, President" in html and "<blockquote" in html
    assert "https://example.org/s-ru" in html
    assert trace(explorer.figure, "Selected")["x"] and trace(explorer.figure, "Selected")["y"] == ["Russia"]


def test_data_strings_are_escaped_in_the_details(explorer):
    explorer.select("ru", "ceasefire-scope")
    assert "<script>" not in explorer.details.value and "&lt;script&gt;" in explorer.details.value


def test_clicking_a_cell_selects_it(explorer):
    opposes = [t["name"] for t in explorer.figure.figure["data"]].index("−  Opposes")
    point = explorer.figure.click(opposes, 1)
    assert point["customdata"] == ["ua", "crimea-status"]
    assert (explorer.party.value, explorer.issue.value) == ("ua", "crimea-status")
    assert "Ukraine rejects recognition." in explorer.details.value


def test_clicking_an_empty_cell_says_there_is_no_statement(explorer):
    gaps = [t["name"] for t in explorer.figure.figure["data"]].index("No statement recorded")
    point = explorer.figure.click(gaps, 0)
    party, issue = point["customdata"]
    assert (explorer.party.value, explorer.issue.value) == (party, issue)
    assert "No statement by" in explorer.details.value


def test_dropdowns_drive_the_panel(explorer):
    explorer.party.value = "ua"
    explorer.issue.value = "crimea-status"
    assert "Ukraine rejects recognition." in explorer.details.value
    explorer.party.value = "us"
    assert "No statement by United States on this issue" in explorer.details.value


def test_compare_shows_two_parties_side_by_side(explorer):
    explorer.compare("ru", "ua", "crimea-status")
    html = explorer.details.value
    assert html.index("Russia demands recognition.") < html.index("Ukraine rejects recognition.")
    assert "grid-template-columns:1fr 1fr" in html
    assert explorer.party_b.layout.visibility == "visible" and not explorer.party_b.disabled
    assert len(trace(explorer.figure, "Selected")["x"]) == 2


def test_comparing_a_party_with_itself_says_so(explorer):
    """Review W057: the same party in both menus showed its statements twice, with no word of why."""
    explorer.compare("ru", "ru", "crimea-status")
    html = explorer.details.value
    assert "lessons-empty" in html and "same party (Russia)" in html and "Second party" in html
    assert "Russia demands recognition." not in html
    explorer.party_b.value = "ua"  # choosing another party brings the comparison back
    assert "Russia demands recognition." in explorer.details.value
    assert "Ukraine rejects recognition." in explorer.details.value


def test_compare_mode_checkbox_proposes_a_second_party(explorer):
    explorer.select("ru", "crimea-status")
    explorer.compare_mode.value = True
    assert explorer.party_b.value == "ua"  # the first other party with a statement on this issue
    assert "Ukraine rejects recognition." in explorer.details.value
    explorer.compare_mode.value = False
    assert explorer.party_b.layout.visibility == "hidden" and explorer.party_b.disabled
    assert "Ukraine rejects recognition." not in explorer.details.value


def test_reset_puts_every_control_back(explorer):
    explorer.compare("ru", "ua", "crimea-status")
    explorer.reset()
    assert (explorer.party.value, explorer.issue.value, explorer.compare_mode.value) == ("us", "ceasefire-scope", False)
    assert explorer.party_b.label == "— choose a party —" and explorer.party_b.layout.visibility == "hidden"
    assert "The US backed a 30-day ceasefire." in explorer.details.value
    assert explorer.reset_button in explorer.children[2].children


def test_the_key_and_controls_are_labelled(explorer):
    assert isinstance(explorer.key.value, str) and "What does “supports” mean?" in explorer.key.value
    assert [c.description for c in (explorer.party, explorer.issue, explorer.party_b)] == [
        "Party",
        "Issue",
        "Second party",
    ]
    assert repr(explorer).startswith("[Positions explorer")
    assert "width" not in explorer.figure.figure["layout"]


def test_empty_states_in_the_explorer(explorer, tables):
    explorer.party.value = ""
    assert "Choose a party" in explorer.details.value
    explorer.select("atlantis", "crimea-status")
    assert explorer.party.label == "— choose a party —"
    empty = pos.PositionsExplorer(
        positions=tables["positions"].iloc[:0], parties=tables["parties"], sources=tables["sources"]
    )
    assert "No positions are recorded" in empty.details.value
    assert empty.figure.figure["layout"]["meta"]["empty"]


def test_table_view_and_alt_text(explorer):
    alt, table = (c.value for c in explorer.table_view.children)
    assert "A grid of 3 parties" in alt
    assert "<table" in table and "Who said it" in table and "Proposition" in table


def test_widget_figure_has_no_url(explorer):
    explorer.select("ru", "ceasefire-scope")
    assert not re.search(r"https?://", json.dumps(explorer.figure.figure))


def test_benchmark_cases_run(tables):
    from lessons.dev import bench_cases

    for case in bench_cases.positions(tables).values():
        for _ in range(3):
            case()
