"""Tests for lessons.readouts: the mention figure, filters, the side-by-side panel, empty states, escaping."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from plotly.callbacks import Points

from conftest import SCRIPT, fake_source
from lessons import data, readouts as ro
from lessons.style import esc


typed = data.typed_frame  # frames typed exactly as lessons.data.load types them


@pytest.fixture
def tables():
    readouts = typed("readouts", [
        dict(id="ro-energy", order=2, topic="Energy infrastructure pause", in_white_house=True, in_kremlin=True,
             white_house_wording='"energy and infrastructure ceasefire"',
             kremlin_wording='"attacks against energy infrastructure"',
             difference="The White House says energy and infrastructure; the Kremlin says energy infrastructure.",
             afterwards="Both sides accused each other of strikes.", event_ids="ev-2025-03-19-strikes",
             source_ids="s-wh;s-kr"),
        dict(id="ro-aid", order=1, topic="Foreign military aid and intelligence", in_white_house=False,
             in_kremlin=True, kremlin_wording=f'"complete cessation" {SCRIPT}', difference=f"Only Moscow. {SCRIPT}",
             source_ids="s-kr"),
        dict(id="ro-middle-east", order=3, topic="Middle East", in_white_house=True, in_kremlin=False,
             white_house_wording=f"Middle East {SCRIPT}", difference="Only the US readout.", source_ids="s-wh"),
        dict(id="ro-hockey", order=4, topic="Ice hockey", in_white_house=False, in_kremlin=True,
             kremlin_wording="hockey games", difference="Only Moscow.", afterwards=f"Nothing yet {SCRIPT}",
             event_ids="ev-unknown", source_ids="s-kr"),
    ])
    events = typed("events", [
        dict(id="ev-2025-03-19-strikes", start_date="2025-03-19", date_precision="day", display_date="19 March 2025",
             headline=f"Strikes reported {SCRIPT}", text="Text.", category="energy", lane="War", type="event",
             source_ids="s-ev"),
    ])
    sources = typed("sources", [fake_source("s-wh"), fake_source("s-kr"), fake_source("s-ev", f"Event source {SCRIPT}")])
    return {"readouts": readouts, "events": events, "sources": sources}


@pytest.fixture
def comparator(tables):
    return ro.ReadoutComparator(**tables)


def traces(fig):
    return {t.name: t for t in fig.data}


# --------------------------------------------------------------------------- pure functions


def test_filter_topics(tables):
    r = tables["readouts"]
    assert list(ro.filter_topics(r, "all")["id"]) == ["ro-aid", "ro-energy", "ro-middle-east", "ro-hockey"]
    assert list(ro.filter_topics(r, "both")["id"]) == ["ro-energy"]
    assert list(ro.filter_topics(r, "white-house")["id"]) == ["ro-middle-east"]
    assert list(ro.filter_topics(r, "kremlin")["id"]) == ["ro-aid", "ro-hockey"]
    with pytest.raises(ValueError):
        ro.filter_topics(r, "nonsense")


def test_figure_marks_who_mentions_what(tables):
    fig = ro.readout_figure(tables["readouts"])
    t = traces(fig)
    assert list(t["White House: mentioned"].customdata) == ["ro-energy", "ro-middle-east"]
    assert list(t["White House: not mentioned"].customdata) == ["ro-aid", "ro-hockey"]
    assert list(t["Kremlin: mentioned"].customdata) == ["ro-aid", "ro-energy", "ro-hockey"]
    assert list(t["Kremlin: not mentioned"].customdata) == ["ro-middle-east"]
    assert set(t["Kremlin: mentioned"].x) == {"Kremlin"}
    assert list(fig.layout.yaxis.categoryarray)[0] == "Foreign military aid and intelligence"
    assert fig.layout.meta["alt"].startswith("4 topics") and "1 in both readouts" in fig.layout.meta["alt"]


def test_figure_hover_shows_each_wording_escaped(tables):
    t = traces(ro.readout_figure(tables["readouts"]))
    hover = dict(zip(t["Kremlin: mentioned"].customdata, t["Kremlin: mentioned"].hovertext))
    assert "attacks against energy infrastructure" in hover["ro-energy"]
    assert "&lt;script&gt;" in hover["ro-aid"] and "<script>" not in hover["ro-aid"]
    wh = dict(zip(t["White House: not mentioned"].customdata, t["White House: not mentioned"].hovertext))
    assert "does not mention it" in wh["ro-aid"]


def test_static_figure_has_filter_buttons(tables):
    fig = ro.readout_figure(tables["readouts"])
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == list(ro.FILTERS.values())
    only_kremlin = buttons[3].args[0]
    assert only_kremlin["customdata"][2] == ["ro-aid", "ro-hockey"]  # Kremlin: mentioned
    assert only_kremlin["customdata"][0] == []  # White House: mentioned


def test_static_figure_layout_keeps_title_buttons_and_headings_apart(tables):
    fig = ro.readout_figure(tables["readouts"])
    layout = fig.layout
    # a subtitle explains the markers, so there is no legend to crowd the figure
    assert layout.showlegend is False and ro.KEY in layout.title.subtitle.text
    assert layout.title.yref == "container" and layout.title.yanchor == "top"
    # the buttons sit above the column headings (paper y > 1), which sit on top of the plot
    menu = layout.updatemenus[0]
    assert menu.yanchor == "bottom" and menu.y > 1 and layout.xaxis.side == "top"
    assert layout.margin.t >= 140  # title, subtitle, buttons and headings all fit above the plot
    assert layout.yaxis.automargin is not False  # topic labels push the margin, never cut


def test_figure_json_has_no_url_and_is_deterministic(tables):
    a, b = (ro.readout_figure(tables["readouts"]).to_json() for _ in range(2))
    assert a == b and not re.search(r"https?://", a) and '"uid"' not in a


def test_empty_readouts_figure(tables):
    fig = ro.readout_figure(tables["readouts"].iloc[:0])
    assert fig.layout.meta["empty"] and len(fig.data) == 4
    assert "No readout topics" in fig.layout.annotations[0].text


def test_readout_table(tables):
    table = ro.readout_table(tables["readouts"])
    assert list(table.columns) == ["Topic", "White House readout", "Kremlin readout", "What differs"]
    assert table.iloc[0].tolist()[:3] == ["Foreign military aid and intelligence", "not mentioned", "mentioned"]


# --------------------------------------------------------------------------- the comparator, driven as a student


def test_starts_with_all_topics_and_a_prompt(comparator):
    assert comparator.filter.value == "all" and len(comparator.topics.options) == 4
    assert "Choose a topic" in comparator.details.value


def test_select_shows_both_wordings_side_by_side(comparator):
    comparator.select("ro-energy")
    html = comparator.details.value
    assert comparator.topics.value == "ro-energy"
    assert "grid-template-columns:1fr 1fr" in html
    wh, kr = html.index("energy and infrastructure ceasefire"), html.index("attacks against energy infrastructure")
    assert wh < kr and html.count("<blockquote") == 2
    assert "White House readout, 18 March 2025" in html and "Kremlin readout, 18 March 2025" in html
    assert "What differs" in html and "What happened next" in html
    assert "19 March 2025" in html and "Strikes reported" in html
    # citations: the readout's own sources and the linked event's
    assert "https://example.org/s-wh" in html and "https://example.org/s-ev" in html
    band = comparator.figure_widget.layout.shapes[0]
    assert band.y0 == "Energy infrastructure pause"


def test_layout_figure_full_width_then_list_beside_panel(comparator):
    import ipywidgets as w

    # filter buttons, the figure on its own row, then the topic list beside the side-by-side panel
    filter_row, figure, below, table_view = comparator.children
    assert comparator.filter in filter_row.children and filter_row.children[0].value == "Show:"
    assert figure is comparator.figure_widget and table_view is comparator.table_view
    assert isinstance(below, w.HBox) and list(below.children) == [comparator.topics, comparator.details]
    # no plotly buttons in the widget (the ToggleButtons filter), a width that fits a ~950 px notebook
    assert not comparator.figure_widget.layout.updatemenus
    assert comparator.figure_widget.layout.width == ro.WIDGET_WIDTH <= 950
    # list options are short enough for the list: numbered, cut with an ellipsis
    assert all(len(label) <= 46 for label, _ in comparator.topics.options)
    assert ro._option(3, "x" * 80).endswith("…") and ro._option(3, "Energy") == "3. Energy"


def test_figure_height_follows_the_filter(comparator):
    full = comparator.figure_widget.layout.height
    comparator.set_filter("both")  # one topic
    assert comparator.figure_widget.layout.height < full
    comparator.set_filter("all")
    assert comparator.figure_widget.layout.height == full


def test_topic_only_in_one_readout_says_not_mentioned(comparator):
    comparator.topics.value = "ro-aid"
    html = comparator.details.value
    assert "Not mentioned in the White House readout." in html and html.count("<blockquote") == 1


def test_escaping_in_panel(comparator):
    for topic in ("ro-aid", "ro-middle-east", "ro-energy", "ro-hockey"):
        comparator.select(topic)
        assert "<script>" not in comparator.details.value
    comparator.select("ro-hockey")
    assert "Nothing yet &lt;script&gt;" in comparator.details.value
    assert "Unknown event <code>ev-unknown</code>" in comparator.details.value


def test_filters_update_list_and_figure(comparator):
    comparator.set_filter("kremlin")
    assert comparator.filter.value == "kremlin"
    assert [v for _, v in comparator.topics.options] == ["ro-aid", "ro-hockey"]
    t = traces(comparator.figure_widget)
    assert list(t["Kremlin: mentioned"].customdata) == ["ro-aid", "ro-hockey"]
    assert list(t["White House: mentioned"].customdata) == []
    assert list(comparator.figure_widget.layout.yaxis.categoryarray) == [
        "Foreign military aid and intelligence", "Ice hockey"]
    assert "2 topics" in comparator.alt.value
    # the ToggleButtons themselves drive the same
    comparator.filter.value = "both"
    assert [v for _, v in comparator.topics.options] == ["ro-energy"]


def test_filter_keeps_a_selected_topic_that_still_matches(comparator):
    comparator.select("ro-aid")
    comparator.set_filter("kremlin")
    assert comparator.topics.value == "ro-aid" and "complete cessation" in comparator.details.value
    comparator.set_filter("both")
    assert comparator.topics.value is None and "Choose a topic" in comparator.details.value


def test_selecting_a_hidden_topic_resets_the_filter(comparator):
    comparator.set_filter("both")
    comparator.select("ro-hockey")
    assert comparator.filter.value == "all" and comparator.topics.value == "ro-hockey"


def test_clicking_a_dot_selects_its_topic(comparator):
    trace = traces(comparator.figure_widget)["Kremlin: not mentioned"]
    comparator.on_point_click(trace, Points(point_inds=[0], trace_index=3))
    assert comparator.topics.value == "ro-middle-east"
    assert "Not mentioned in the Kremlin readout." in comparator.details.value


def test_empty_states(comparator, tables):
    only_two = tables["readouts"][tables["readouts"]["id"].isin(["ro-energy", "ro-aid"])]
    c = ro.ReadoutComparator(readouts=only_two, events=tables["events"], sources=tables["sources"])
    c.set_filter("white-house")
    assert c.topics.options == () and "No topic matches this filter." in c.details.value
    assert c.figure_widget.layout.annotations[0].text == "No topic matches this filter."
    c.set_filter("all")
    assert not c.figure_widget.layout.annotations
    comparator.select("ro-nothing")
    assert "no readout topic with the id" in comparator.details.value
    comparator.set_filter("sideways")
    assert "Unknown filter" in comparator.details.value
    empty = ro.ReadoutComparator(readouts=tables["readouts"].iloc[:0], events=tables["events"].iloc[:0],
                                 sources=tables["sources"])
    assert "No readout topics are recorded" in empty.details.value
    empty.set_filter("both")
    empty.select("ro-energy")
    assert "No readout topics are recorded" in empty.details.value


def test_table_view_and_alt_text(comparator):
    assert "The two readouts, topic by topic" in comparator.table.value
    assert "<td>not mentioned</td>" in comparator.table.value and "&lt;script&gt;" in comparator.table.value
    assert esc(comparator.figure.layout.meta["alt"]) in comparator.alt.value


def test_widget_json_has_no_url(comparator):
    comparator.select("ro-energy")
    assert not re.search(r"https?://", comparator.figure_widget.to_json())


# --------------------------------------------------------------------------- benchmark hook and latency


def scaled(tables, factor):
    r = tables["readouts"]
    copies = []
    for k in range(factor):
        c = r.copy()
        c["id"] = c["id"] + f"-{k}"
        c["order"] = c["order"] + 10 * k
        c.index = pd.Index(c["id"], name="row")
        copies.append(c)
    return {**tables, "readouts": pd.concat(copies)}


@pytest.mark.parametrize("factor", [1, 100])
def test_benchmark_cases_run_on_curated_and_scaled_data(tables, factor):
    cases = ro.benchmark_cases(scaled(tables, factor))
    assert {n for n, _ in cases} == {"readouts: select topic", "readouts: topic list", "readouts: filter",
                                      "readouts: click dot"}
    for name, case in cases:
        for _ in range(3):  # each call is a real student interaction; `make bench` times them
            case()
