"""Tests for lessons.readouts: the mention figure, filters, the side-by-side panel, empty states, escaping."""

from __future__ import annotations

import re

import pytest
from conftest import SCRIPT, fake_source

from lessons import data
from lessons import readouts as ro
from lessons.html import Html

typed = data.typed_frame  # frames typed exactly as lessons.data.load types them


@pytest.fixture
def tables():
    readouts = typed(
        "readouts",
        [
            dict(
                id="ro-energy",
                order=2,
                topic="Energy infrastructure pause",
                in_white_house=True,
                in_kremlin=True,
                white_house_wording='"energy and infrastructure ceasefire"',
                kremlin_wording='"attacks against energy infrastructure"',
                difference="The White House says energy and infrastructure; the Kremlin says energy infrastructure.",
                afterwards="Both sides accused each other of strikes.",
                event_ids="ev-2025-03-19-strikes",
                source_ids="s-wh;s-kr",
            ),
            dict(
                id="ro-aid",
                order=1,
                topic="Foreign military aid and intelligence",
                in_white_house=False,
                in_kremlin=True,
                kremlin_wording=f'"complete cessation" {SCRIPT}',
                difference=f"Only Moscow. {SCRIPT}",
                source_ids="s-kr",
            ),
            dict(
                id="ro-middle-east",
                order=3,
                topic="Middle East",
                in_white_house=True,
                in_kremlin=False,
                white_house_wording=f"Middle East {SCRIPT}",
                difference="Only the US readout.",
                source_ids="s-wh",
            ),
            dict(
                id="ro-hockey",
                order=4,
                topic="Ice hockey",
                in_white_house=False,
                in_kremlin=True,
                kremlin_wording="hockey games",
                difference="Only Moscow.",
                afterwards=f"Nothing yet {SCRIPT}",
                event_ids="ev-unknown",
                source_ids="s-kr",
            ),
        ],
    )
    events = typed(
        "events",
        [
            dict(
                id="ev-2025-03-19-strikes",
                start_date="2025-03-19",
                date_precision="day",
                display_date="19 March 2025",
                headline=f"Strikes reported {SCRIPT}",
                text="Text.",
                category="energy",
                lane="War",
                type="event",
                source_ids="s-ev",
            ),
        ],
    )
    sources = typed(
        "sources", [fake_source("s-wh"), fake_source("s-kr"), fake_source("s-ev", f"Event source {SCRIPT}")]
    )
    return {"readouts": readouts, "events": events, "sources": sources}


@pytest.fixture
def comparator(tables):
    return ro.ReadoutComparator(**tables)


def trace(fig, name) -> dict:
    spec = fig if isinstance(fig, dict) else (fig.figure if hasattr(fig, "click") else fig.to_plotly_json())
    return next(t for t in spec["data"] if t["name"] == name)


def index_of(view, name) -> int:
    return [t["name"] for t in view.figure["data"]].index(name)


# --------------------------------------------------------------------------- pure functions


def test_filter_topics(tables):
    r = tables["readouts"]
    assert list(ro.filter_topics(r, "all")["id"]) == ["ro-aid", "ro-energy", "ro-middle-east", "ro-hockey"]
    assert list(ro.filter_topics(r, "both")["id"]) == ["ro-energy"]
    assert list(ro.filter_topics(r, "white-house")["id"]) == ["ro-middle-east"]
    assert list(ro.filter_topics(r, "kremlin")["id"]) == ["ro-aid", "ro-hockey"]
    with pytest.raises(ValueError):
        ro.filter_topics(r, "nope")


def test_figure_marks_who_mentions_what(tables):
    fig = ro.readout_figure(tables["readouts"])
    assert trace(fig, "White House: mentioned")["customdata"] == ["ro-energy", "ro-middle-east"]
    assert trace(fig, "White House: not mentioned")["customdata"] == ["ro-aid", "ro-hockey"]
    assert trace(fig, "Kremlin: mentioned")["customdata"] == ["ro-aid", "ro-energy", "ro-hockey"]
    assert trace(fig, "Kremlin: not mentioned")["customdata"] == ["ro-middle-east"]
    assert fig.layout.xaxis.type == "category" and fig.layout.yaxis.type == "category"
    assert list(fig.layout.yaxis.categoryarray)[0] == "Foreign military aid and<br>intelligence"  # wrapped, not cut
    assert fig.layout.meta["alt"].startswith("4 topics") and "1 in both readouts" in fig.layout.meta["alt"]


def test_figure_hover_shows_each_wording_escaped_without_entities_for_quotes(tables):
    fig = ro.readout_figure(tables["readouts"])
    hover = dict(zip(*(trace(fig, "Kremlin: mentioned")[k] for k in ("customdata", "hovertext"))))
    assert '"attacks against energy infrastructure"' in hover["ro-energy"]  # real quotation marks
    assert "&quot;" not in " ".join(hover.values())
    assert "&lt;script&gt;" in hover["ro-aid"] and "<script>" not in hover["ro-aid"]
    wh = dict(zip(*(trace(fig, "White House: not mentioned")[k] for k in ("customdata", "hovertext"))))
    assert "does not mention it" in wh["ro-aid"]


def test_static_buttons_filter_and_say_when_a_filter_is_empty(tables):
    only_wh_kr = tables["readouts"][tables["readouts"]["id"] != "ro-middle-east"]  # nothing only in the White House's
    fig = ro.readout_figure(only_wh_kr)
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == list(ro.FILTERS.values())
    restyle, relayout = buttons[list(ro.FILTERS).index("kremlin")].args
    assert restyle["customdata"][2] == ["ro-aid", "ro-hockey"] and restyle["customdata"][0] == []
    assert relayout["xaxis.visible"] and relayout["annotations"] == []
    restyle, relayout = buttons[list(ro.FILTERS).index("white-house")].args
    # an empty selection: a message that it is a finding, and no numeric axes
    assert relayout["xaxis.visible"] is False and relayout["yaxis.visible"] is False
    assert "Nothing is mentioned only in the White House readout" in relayout["annotations"][0]["text"]
    assert "finding" in relayout["annotations"][0]["text"]
    restyle, relayout = buttons[0].args
    assert relayout["xaxis.visible"] is True and relayout["annotations"] == []


def test_static_figure_layout_keeps_title_buttons_and_headings_apart(tables):
    layout = ro.readout_figure(tables["readouts"]).layout
    assert layout.showlegend is False and ro.KEY in layout.title.subtitle.text
    assert layout.title.yref == "container" and layout.title.yanchor == "top"
    menu = layout.updatemenus[0]
    assert menu.yanchor == "bottom" and menu.y > 1 and layout.xaxis.side == "top"
    assert layout.margin.t >= 140


def test_long_topics_wrap_rather_than_cut(tables):
    long = tables["readouts"].copy()
    long.loc[long.index[0], "topic"] = "Black Sea: maritime ceasefire or navigation safety, as each side words it"
    labels = list(ro.readout_figure(long).layout.yaxis.categoryarray)
    assert "Black Sea: maritime ceasefire or<br>navigation safety, as each side…" in labels or any(
        "<br>" in label and "navigation" in label for label in labels
    )


def test_figure_json_has_no_url_and_is_deterministic(tables):
    a, b = ro.readout_figure(tables["readouts"]).to_json(), ro.readout_figure(tables["readouts"]).to_json()
    assert a == b and not re.search(r"https?://", a) and '"uid"' not in a


def test_empty_readouts_figure(tables):
    fig = ro.readout_figure(tables["readouts"].iloc[:0])
    assert fig.layout.meta["empty"] and len(fig.data) == 4 and fig.layout.xaxis.visible is False
    assert "No readout topics" in fig.layout.annotations[0].text


def test_readout_table_is_html_with_the_exercise_columns(tables):
    html = ro.readout_table(tables["readouts"], "kremlin", tables["sources"])
    assert isinstance(html, Html) and "<table" in str(html)
    frame = ro.readout_frame(tables["readouts"], "kremlin", tables["sources"])
    assert list(frame.columns) == ["Topic", "Kremlin readout", "What differs", "What happened next", "Sources"]
    assert frame["Topic"].tolist() == ["Foreign military aid and intelligence", "Ice hockey"]
    text = str(html)
    assert "<script>" not in text and "NaN" not in text and "ro-aid" not in text and "…" not in text
    full = ro.readout_frame(tables["readouts"], "all", tables["sources"])
    assert full.iloc[0].tolist()[:3] == [
        "Foreign military aid and intelligence",
        "Not mentioned",
        "\"complete cessation\" <script>alert('x')</script>",
    ]
    empty = ro.readout_table(tables["readouts"][tables["readouts"]["id"] != "ro-middle-east"], "white-house")
    assert "Nothing is mentioned only in the White House readout" in str(empty)


def test_figure_functions_default_their_lookups():
    fig = ro.readout_figure()  # the readouts from data.load, like plotly express
    assert fig.layout.meta["alt"] and fig.layout.updatemenus
    assert "<table" in str(ro.readout_table(value="kremlin"))


# --------------------------------------------------------------------------- the comparator, driven as a student


def test_starts_with_all_topics_and_a_prompt(comparator):
    assert comparator.filter.value == "all" and len(comparator.topics.options) == 4
    assert "Choose a topic" in comparator.details.value
    assert repr(comparator).startswith("[Readout comparator")


def test_choosing_a_topic_shows_both_wordings_side_by_side(comparator):
    comparator.topics.value = "ro-energy"
    html = comparator.details.value
    assert "grid-template-columns:1fr 1fr" in html
    wh, kr = html.index("White House readout"), html.index("Kremlin readout")
    assert wh < kr and html.count("<blockquote") == 2
    assert "White House readout, 18 March 2025" in html and "Kremlin readout, 18 March 2025" in html
    assert "What differs" in html and "What happened next" in html
    assert "19 March 2025" in html and "Strikes reported" in html
    assert "https://example.org/s-wh" in html and "https://example.org/s-ev" in html
    band = comparator.figure.figure["layout"]["shapes"][0]
    assert band["y0"] == "Energy infrastructure pause"


def test_layout_filter_reset_figure_then_list_beside_panel(comparator):
    import ipywidgets as w

    filter_row, figure, below, table_view = comparator.children[1:]
    assert comparator.filter in filter_row.children and comparator.reset_button in filter_row.children
    assert figure is comparator.figure and table_view is comparator.table_view
    assert isinstance(below, w.HBox) and list(below.children) == [comparator.topics, comparator.details]
    layout = comparator.figure.figure["layout"]
    assert "updatemenus" not in layout and "width" not in layout  # the widget's own filter; the engine sets width


def test_figure_height_follows_the_filter(comparator):
    full = comparator.figure.figure["layout"]["height"]
    comparator.filter.value = "both"
    assert comparator.figure.figure["layout"]["height"] < full
    comparator.filter.value = "all"
    assert comparator.figure.figure["layout"]["height"] == full


def test_topic_only_in_one_readout_says_not_mentioned(comparator):
    comparator.select("ro-aid")
    html = comparator.details.value
    assert "Not mentioned in the White House readout." in html and html.count("<blockquote") == 1


def test_escaping_in_panel_and_no_unknown_ids_shown(comparator):
    for topic in ("ro-aid", "ro-middle-east", "ro-hockey"):
        comparator.select(topic)
        assert "<script>" not in comparator.details.value
    assert "Nothing yet &lt;script&gt;" in comparator.details.value
    assert "ev-unknown" not in comparator.details.value


def test_filters_update_list_figure_and_table(comparator):
    comparator.set_filter("kremlin")
    assert [v for _, v in comparator.topics.options] == ["ro-aid", "ro-hockey"]
    assert trace(comparator.figure, "Kremlin: mentioned")["customdata"] == ["ro-aid", "ro-hockey"]
    assert trace(comparator.figure, "White House: mentioned")["customdata"] == []
    assert comparator.figure.figure["layout"]["yaxis"]["categoryarray"] == [
        "Foreign military aid and<br>intelligence",
        "Ice hockey",
    ]
    assert "2 topics" in comparator.table_view.children[0].value
    assert "Ice hockey" in comparator.table_view.children[1].value
    comparator.filter.value = "both"
    assert [v for _, v in comparator.topics.options] == ["ro-energy"]


def test_a_filter_that_hides_the_chosen_topic_clears_the_panel(comparator):
    comparator.select("ro-aid")
    comparator.filter.value = "kremlin"
    assert comparator.topics.value == "ro-aid" and "complete cessation" in comparator.details.value
    comparator.filter.value = "both"
    assert comparator.topics.value is None and "Choose a topic" in comparator.details.value
    assert "complete cessation" not in comparator.details.value
    assert comparator.figure.figure["layout"]["shapes"] == []


def test_an_empty_filter_says_so_instead_of_drawing_numeric_axes(tables):
    c = ro.ReadoutComparator(
        readouts=tables["readouts"][tables["readouts"]["id"] != "ro-middle-east"],
        events=tables["events"],
        sources=tables["sources"],
    )
    c.filter.value = "white-house"
    layout = c.figure.figure["layout"]
    assert layout["meta"]["empty"] and layout["xaxis"]["visible"] is False and layout["yaxis"]["visible"] is False
    assert "Nothing is mentioned only in the White House readout" in layout["annotations"][0]["text"]
    assert "Nothing is mentioned only in the White House readout" in c.details.value and "finding" in c.details.value
    c.filter.value = "kremlin"  # results again: the message goes
    layout = c.figure.figure["layout"]
    assert layout["annotations"] == [] and layout["xaxis"]["visible"] is True
    assert "Nothing is mentioned" not in c.details.value


def test_selecting_a_hidden_topic_resets_the_filter(comparator):
    comparator.filter.value = "both"
    comparator.select("ro-hockey")
    assert comparator.filter.value == "all" and comparator.topics.value == "ro-hockey"


def test_clicking_a_dot_selects_its_topic(comparator):
    point = comparator.figure.click(index_of(comparator.figure, "White House: mentioned"), 1)
    assert point["customdata"] == "ro-middle-east" and comparator.topics.value == "ro-middle-east"
    assert "Not mentioned in the Kremlin readout." in comparator.details.value


def test_reset_puts_every_control_back(comparator):
    comparator.filter.value = "kremlin"
    comparator.topics.value = "ro-hockey"
    comparator.reset()
    assert comparator.filter.value == "all" and comparator.topics.value is None
    assert "Choose a topic" in comparator.details.value and len(comparator.topics.options) == 4


def test_empty_states(tables):
    c = ro.ReadoutComparator(readouts=tables["readouts"].iloc[:0], events=tables["events"], sources=tables["sources"])
    assert "No readout topics" in c.details.value
    c.select("ro-energy")
    assert "There is no readout topic with the id" in c.details.value
    c.set_filter("nope")
    assert "Unknown filter" in c.details.value


def test_benchmark_cases_run(tables):
    from lessons.dev import bench_cases

    cases = bench_cases.readouts(tables)
    for case in cases.values():
        for _ in range(3):
            case()
