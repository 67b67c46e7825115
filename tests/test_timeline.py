"""Tests of the timeline view, driven as a student would: figure data, details, empty states, escaping."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import pytest

from lessons import data, style, widgets
from lessons import timeline as tl



typed = data.typed_frame  # frames typed exactly as lessons.data.load types them


def source(id, publisher, kind="primary", voice="Russian government"):
    return dict(id=id, title=f"Title of {id}", publisher=publisher, author=publisher, date="2025-03-18",
                date_precision="day", url=f"https://example.org/{id}", kind=kind, voice=voice, language="en",
                accessed="2026-11-27")


def event(id, start, headline, category="politics", lane="Crimea", actors="ru", place_id="pl-simferopol",
          kind="event", end=None, concept_ids=None, source_ids="kremlin-1", note=None, precision="day",
          display=None, text="Editors' own words."):
    return dict(id=id, start_date=start, end_date=end, date_precision=precision,
                display_date=display or start, headline=headline, text=text, category=category, lane=lane,
                actors=actors, place_id=place_id, type=kind, concept_ids=concept_ids, source_ids=source_ids,
                note=note)


@pytest.fixture
def tables():
    sources = typed("sources", [
        source("kremlin-1", "Kremlin"),
        source("whitehouse-1", "The White House", voice="US government"),
        source("un-1", "United Nations", voice="UN"),
        source("reuters-1", "Reuters", kind="secondary", voice="independent media"),
    ])
    places = typed("places", [
        dict(id="pl-simferopol", name_en="Simferopol", name_uk="Сімферополь", name_ru="Симферополь",
             name_crh="Aqmescit", lat=44.95, lon=34.1, kind="city", in_crimea=True, country="Ukraine",
             controlled_by="ru", source_ids="un-1"),
        dict(id="pl-new-york", name_en="New York", name_uk="Нью-Йорк", name_ru="Нью-Йорк", lat=40.7, lon=-74.0,
             kind="city", in_crimea=False, country="United States", controlled_by="us", source_ids="un-1"),
        dict(id="pl-jeddah", name_en="Jeddah", name_uk="Джидда", name_ru="Джидда", lat=21.5, lon=39.2,
             kind="city", in_crimea=False, country="Saudi Arabia", controlled_by="saudi-arabia", source_ids="un-1"),
    ])
    parties = typed("parties", [
        dict(id="ru", name="Russian Federation", short_name="Russia", kind="state", source_ids="un-1"),
        dict(id="ua", name="Ukraine", short_name="Ukraine", kind="state", source_ids="un-1"),
        dict(id="us", name="United States", short_name="US", kind="state", source_ids="un-1"),
        dict(id="unga", name="UN General Assembly", short_name="UNGA", kind="body", source_ids="un-1"),
    ])
    glossary = typed("glossary", [dict(id="gl-annexation", term="annexation", definition="Our words.",
                                       category="law", source_ids="un-1")])
    party_terms = typed("party_terms", [
        dict(id="pt-annexation-ru", concept_id="gl-annexation", party_id="ru", term="reunification",
             original="воссоединение", source_ids="kremlin-1"),
        dict(id="pt-annexation-ua", concept_id="gl-annexation", party_id="ua", term="temporary occupation",
             source_ids="reuters-1"),
        dict(id="pt-annexation-unga", concept_id="gl-annexation", party_id="unga", term="annexation",
             source_ids="un-1"),
    ])
    events = typed("events", [
        event("ev-1991-12-01-referendum", "1991-12-01", "Ukraine votes for independence", category="vote",
              lane="Ukraine", actors="ua", place_id=None, source_ids="reuters-1"),
        event("ev-1997-05-28-partition", "1997-05-28", "Fleet partition treaties", category="fleet",
              lane="Black Sea Fleet", actors="ru;ua", source_ids="reuters-1"),
        event("ev-2014-02-27-seizure", "2014-02-27", "Armed men seize the Crimean parliament", category="military",
              actors="ru", source_ids="reuters-1;kremlin-1"),
        event("ev-2014-03-18-treaty", "2014-03-18", "Treaty on accession signed in Moscow", category="treaty",
              lane="Russia", actors="ru;crimea-authorities-ru", concept_ids="gl-annexation",
              source_ids="kremlin-1;un-1", note="Russia calls it reunification; the UNGA calls it annexation."),
        event("ev-2014-03-27-unga", "2014-03-27", "UNGA adopts resolution 68/262", category="international-response",
              lane="International", actors="unga", place_id="pl-new-york", source_ids="un-1"),
        event("ev-2025-03-18-call", "2025-03-18", "Trump and Putin speak <script>alert(1)</script>",
              category="diplomacy", lane="Ceasefire talks", actors="us;ru", place_id=None,
              source_ids="whitehouse-1;kremlin-1"),
        event("ev-2025-03-01-month", "2025-03-01", "Talks prepared in March", category="diplomacy",
              lane="Ceasefire talks", actors="us;ua", place_id="pl-jeddah", precision="month",
              display="March 2025", source_ids="whitehouse-1"),
        event("ev-1991-08-24-era", "1991-08-24", "Crimea within independent Ukraine", category="politics",
              kind="era", end="2014-02-26", actors="ua", source_ids="reuters-1"),
        event("ev-2014-02-27-era", "2014-02-27", "Russian control of Crimea", category="military", kind="era",
              end="2025-06-30", actors="ru", source_ids="un-1"),
        event("ev-2010-04-21-era", "2010-04-21", "Kharkiv agreements in force", category="fleet", kind="era",
              end="2014-03-31", lane="Black Sea Fleet", actors="ru;ua", source_ids="reuters-1"),
    ])
    return dict(events=events, sources=sources, places=places, parties=parties, glossary=glossary,
                party_terms=party_terms)


@pytest.fixture
def explorer(tables):
    return tl.TimelineExplorer(**tables)


def marker_traces(fig):
    return [t for t in fig.data if t.type == "scatter" and t.name != "Selected event" and t.customdata is not None]


def shown_ids(fig) -> set[str]:
    return {i for t in marker_traces(fig) for i in t.customdata}


def points(fig) -> dict[str, list[tuple[str, str]]]:
    """event id -> [(x, lane), ...] over the event markers."""
    out: dict[str, list] = {}
    for t in marker_traces(fig):
        for i, x, y in zip(t.customdata, t.x, t.y):
            out.setdefault(i, []).append((x, y))
    return out


# --------------------------------------------------------------------------- figure


def test_events_are_markers_on_their_dates_in_category_lanes(tables):
    fig = tl.timeline_figure(tables["events"], tables["sources"], places=tables["places"])
    got = points(fig)
    assert got["ev-2014-03-18-treaty"] == [("2014-03-18", style.CATEGORY_LABELS["treaty"])]
    assert got["ev-1991-12-01-referendum"] == [("1991-12-01", "Votes and elections")]
    assert "ev-1991-08-24-era" not in got  # periods are bars, not markers
    for t in marker_traces(fig):
        category = next(k for k, v in style.CATEGORY_LABELS.items() if v == t.name)
        assert t.marker.color == style.CATEGORY_COLOURS[category]
    assert fig.layout.xaxis.type == "date"
    assert fig.layout.meta["lanes"][0] == style.CATEGORY_LABELS["vote"]  # enum order, top first
    assert fig.layout.yaxis.autorange == "reversed"


def test_periods_are_hoverable_bars_on_their_own_rows_without_hiding_each_other(tables):
    fig = tl.timeline_figure(tables["events"])
    bars = [t for t in fig.data if t.type == "bar"]
    rows = {i: (b, y, x) for t in bars for i, b, y, x in zip(t.customdata, t.base, t.y, t.x)}
    assert set(rows) == {"ev-1991-08-24-era", "ev-2014-02-27-era", "ev-2010-04-21-era"}
    assert rows["ev-1991-08-24-era"][0] == "1991-08-24"
    # 1991-2014 and 2010-2014 overlap: they must be on different rows
    assert rows["ev-1991-08-24-era"][1] != rows["ev-2010-04-21-era"][1]
    # 2014-02-27..2025-06-30 does not overlap 1991-08-24..2014-02-26: same row reused
    assert rows["ev-2014-02-27-era"][1] == rows["ev-1991-08-24-era"][1]
    days = rows["ev-1991-08-24-era"][2] / 86_400_000
    assert days == (pd.Timestamp("2014-02-26") - pd.Timestamp("1991-08-24")).days + 1
    assert all(t.hovertemplate == "%{hovertext}<extra></extra>" and 0 < t.marker.opacity < 1 for t in bars)
    cats = list(fig.layout.yaxis.categoryarray)
    assert cats[:2] == ["Periods 1", "Periods 2"]  # periods at the top


def test_lane_by_actor_puts_an_event_in_each_actors_lane(tables):
    fig = tl.timeline_figure(tables["events"], lane_by="actor", parties=tables["parties"])
    got = points(fig)
    assert sorted(got["ev-2025-03-18-call"]) == [("2025-03-18", "Russia"), ("2025-03-18", "US")]
    # an actor missing from parties keeps its id as label
    assert ("2014-03-18", "crimea-authorities-ru") in got["ev-2014-03-18-treaty"]
    assert fig.layout.meta["lanes"][0] == "Russia"  # most events first


def test_lane_by_story_thread_and_lane_order(tables):
    fig = tl.timeline_figure(tables["events"], lane_by="lane", lane_order=["International", "Crimea"])
    lanes = fig.layout.meta["lanes"]
    assert lanes[:2] == ["International", "Crimea"]
    assert set(lanes) == {"Crimea", "Ukraine", "Russia", "Black Sea Fleet", "International", "Ceasefire talks"}
    assert points(fig)["ev-2014-03-27-unga"] == [("2014-03-27", "International")]


def test_hover_shows_date_headline_place_and_escapes(tables):
    fig = tl.timeline_figure(tables["events"], tables["sources"], places=tables["places"])
    hover = {i: h for t in marker_traces(fig) for i, h in zip(t.customdata, t.hovertext)}
    assert "<b>2014-03-27</b>" in hover["ev-2014-03-27-unga"]
    assert "UNGA adopts resolution 68/262" in hover["ev-2014-03-27-unga"]
    assert "Place: New York" in hover["ev-2014-03-27-unga"]
    assert "Sources: United Nations" in hover["ev-2014-03-27-unga"]
    assert "date known to the month" in hover["ev-2025-03-01-month"]
    call = hover["ev-2025-03-18-call"]
    assert "<script>" not in call and "&lt;script&gt;" in call
    assert "<script>" not in fig.to_json()


def test_presets_set_the_range_and_buttons_relayout(tables):
    fig = tl.timeline_figure(tables["events"], preset="20 Feb–27 Mar 2014")
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert lo <= pd.Timestamp("2014-02-20") < lo + pd.Timedelta(days=1)
    assert hi - pd.Timedelta(days=1) < pd.Timestamp("2014-03-27") <= hi
    menu = fig.layout.updatemenus[0]
    labels = [b.label for b in menu.buttons]
    assert labels == ["1991–2014", "20 Feb–27 Mar 2014", "1 Mar–30 Apr 2025", "All"]
    assert menu.active == 1
    spans = {b.label: b.args[0] for b in menu.buttons}
    assert all(b.method == "relayout" for b in menu.buttons)
    assert spans["1991–2014"]["xaxis.range"] == tl.preset_range("1991–2014")
    assert pd.Timestamp(spans["1 Mar–30 Apr 2025"]["xaxis.range"][0]) < pd.Timestamp("2025-03-01")
    assert spans["All"] == {"xaxis.autorange": True}
    assert "20 February 2014 to 27 March 2014" in fig.layout.meta["alt"]
    assert tl.timeline_figure(tables["events"]).layout.xaxis.range is None


def test_alt_text_counts_events_lanes_and_range(tables):
    alt = widgets.alt_text(tl.timeline_figure(tables["events"]))
    assert alt.startswith("Timeline of 7 events in 6 lanes by category, with 3 periods")
    assert "from 24 August 1991 to 30 June 2025" in alt


def test_empty_input_gives_an_empty_figure(tables):
    fig = tl.timeline_figure(tables["events"].iloc[:0])
    assert fig.layout.meta["empty"] is True and "No events" in fig.layout.meta["alt"]


def test_figure_json_has_no_url_and_no_random_uid(tables):
    fig = tl.timeline_figure(tables["events"], tables["sources"], places=tables["places"], highlight="ev-2014-03-18-treaty")
    text = fig.to_json()
    assert not re.search(r"https?://", text)
    assert '"uid"' not in text
    assert text == tl.timeline_figure(tables["events"], tables["sources"], places=tables["places"],
                                      highlight="ev-2014-03-18-treaty").to_json()


def test_highlight_rings_the_event_in_each_lane(tables):
    fig = tl.timeline_figure(tables["events"], lane_by="actor", parties=tables["parties"], highlight="ev-2025-03-18-call")
    ring = fig.data[-1]
    assert ring.name == "Selected event"
    assert sorted(zip(ring.x, ring.y)) == [("2025-03-18", "Russia"), ("2025-03-18", "US")]


# --------------------------------------------------------------------------- filtering


def test_filter_by_dates_overlaps_periods(tables):
    got = tl.filter_events(tables["events"], start="2014-02-20", end=dt.date(2014, 3, 27))
    assert set(got["id"]) == {"ev-2014-02-27-seizure", "ev-2014-03-18-treaty", "ev-2014-03-27-unga",
                              "ev-1991-08-24-era", "ev-2014-02-27-era", "ev-2010-04-21-era"}
    assert list(got.columns) == list(tables["events"].columns)  # same shape as the input


def test_filter_reversed_range_matches_nothing_and_explains(tables):
    assert tl.filter_events(tables["events"], start="2015-01-01", end="2014-01-01").empty
    assert "after the end date" in tl.range_problem("2015-01-01", "2014-01-01")
    assert tl.range_problem("2014-01-01", "2015-01-01") == ""


def test_filter_by_category_and_actor(tables):
    ev = tables["events"]
    assert set(tl.filter_events(ev, categories=["vote", "treaty"])["id"]) == {"ev-1991-12-01-referendum",
                                                                              "ev-2014-03-18-treaty"}
    assert tl.filter_events(ev, categories=[]).empty
    assert set(tl.filter_events(ev, actors=["us"])["id"]) == {"ev-2025-03-18-call", "ev-2025-03-01-month"}


def test_search_is_literal_case_insensitive_and_includes_place_names(tables):
    ev = tables["events"]
    assert set(tl.filter_events(ev, text="TREATY")["id"]) == {"ev-2014-03-18-treaty"}
    assert set(tl.filter_events(ev, text="68/262")["id"]) == {"ev-2014-03-27-unga"}
    assert tl.filter_events(ev, text="res.*262").empty  # not a regex
    assert set(tl.filter_events(ev, text="march 2025")["id"]) == {"ev-2025-03-01-month"}
    assert set(tl.filter_events(ev, text="aqmescit", places=tables["places"])["id"]) >= {"ev-2014-03-18-treaty"}
    assert set(tl.filter_events(ev, text="джидда", places=tables["places"])["id"]) == {"ev-2025-03-01-month"}


# --------------------------------------------------------------------------- details and table


def details(tables, event_id):
    return tl.event_details_html(event_id, tables["events"], tables["places"], tables["sources"],
                                 tables["party_terms"], tables["parties"], glossary=tables["glossary"])


def test_details_show_party_terms_note_place_names_and_sources(tables):
    html = details(tables, "ev-2014-03-18-treaty")
    assert "Treaty on accession signed in Moscow" in html
    assert "Russia: “reunification”" in html and "воссоединение" in html
    assert "Ukraine: “temporary occupation”" in html
    assert "UNGA: “annexation”" in html
    assert "Where accounts differ" in html and "the UNGA calls it annexation" in html
    assert "Aqmescit" in html and "Сімферополь" in html
    event_sources, term_sources = html.split("Sources for the parties' terms")
    assert "<b>Kremlin</b>" in event_sources and "<b>United Nations</b>" in event_sources
    assert "primary source" in event_sources and "voice: Russian government" in event_sources
    assert "https://example.org/kremlin-1" in event_sources
    assert "<b>Reuters</b>" in term_sources  # the source of Ukraine's term


def test_details_escape_a_script_headline(tables):
    html = details(tables, "ev-2025-03-18-call")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_details_of_unknown_or_no_event_are_empty_states(tables):
    assert "lessons-empty" in details(tables, "ev-nope") and "ev-nope" in details(tables, "ev-nope")
    assert "No event selected" in details(tables, None)
    assert "lessons-empty" in details(tables, "<b>x</b>") and "<b>x</b>" not in details(tables, "<b>x</b>")


def test_period_details_give_start_and_end(tables):
    assert "period: 24 August 1991 to 26 February 2014" in details(tables, "ev-1991-08-24-era")


def test_table_has_the_same_events_in_date_order(tables):
    table = tl.timeline_table(tables["events"], sources=tables["sources"], places=tables["places"],
                              parties=tables["parties"])
    assert list(table.columns) == ["date", "headline", "category", "actors", "place", "sources"]
    assert len(table) == len(tables["events"])
    assert table.index[0] == "ev-1991-08-24-era"
    row = table.loc["ev-2025-03-18-call"]
    assert row["actors"] == "US, Russia" and row["sources"] == "The White House; Kremlin"
    assert table.loc["ev-2014-03-27-unga", "place"] == "New York"
    assert tl.timeline_table(tables["events"].iloc[:0]).empty


# --------------------------------------------------------------------------- explorer


def test_explorer_starts_with_everything_shown(explorer, tables):
    assert explorer.count.value == "<b>10 events shown</b> (including 3 periods)"
    assert shown_ids(explorer.figure) == set(tables["events"].query("type == 'event'")["id"])
    assert len(explorer.event_list.options) == 10
    assert explorer.figure.layout.updatemenus == ()  # the Python controls replace plotly's buttons
    assert "Timeline of 7 events" in explorer.alt.value
    assert "lessons-table" in explorer.table.value


def test_unticking_categories_filters_and_none_shows_empty_state(explorer):
    explorer.categories.value = ("treaty", "vote")
    assert shown_ids(explorer.figure) == {"ev-2014-03-18-treaty", "ev-1991-12-01-referendum"}
    assert "2 events shown" in explorer.count.value
    explorer.categories.value = ()
    assert "No category is selected" in explorer.status.value
    assert explorer.figure.layout.meta["empty"] is True
    assert "0 events shown" in explorer.count.value and explorer.event_list.options == ()


def test_search_with_no_match_shows_empty_state_escaped(explorer):
    explorer.search.value = "<img src=x>"
    assert "lessons-empty" in explorer.status.value
    assert "&lt;img src=x&gt;" in explorer.status.value and "<img" not in explorer.status.value
    explorer.search.value = "resolution"
    assert shown_ids(explorer.figure) == {"ev-2014-03-27-unga"} and explorer.status.value == ""


def test_reversed_dates_show_empty_state(explorer):
    explorer.start.value = dt.date(2020, 1, 1)
    explorer.end.value = dt.date(2014, 1, 1)
    assert "after the end date" in explorer.status.value
    assert explorer.figure.layout.meta["empty"] is True


def test_preset_sets_dates_filters_and_zooms(explorer):
    explorer.preset.value = "1 Mar–30 Apr 2025"
    assert (explorer.start.value, explorer.end.value) == (dt.date(2025, 3, 1), dt.date(2025, 4, 30))
    assert list(explorer.figure.layout.xaxis.range) == tl.preset_range("1 Mar–30 Apr 2025")
    assert shown_ids(explorer.figure) == {"ev-2025-03-18-call", "ev-2025-03-01-month"}
    explorer.end.value = dt.date(2025, 3, 10)  # a hand-picked date leaves the preset
    assert explorer.preset.value is None
    assert shown_ids(explorer.figure) == {"ev-2025-03-01-month"}
    explorer.preset.value = "All"
    assert explorer.start.value is None and explorer.figure.layout.xaxis.autorange is not False
    assert "10 events shown" in explorer.count.value


def test_clicking_a_marker_selects_the_event(explorer):
    index = next(i for i, t in enumerate(explorer.figure.data) if t.name == style.CATEGORY_LABELS["treaty"])
    explorer.click(index, 0)
    assert explorer.selected == "ev-2014-03-18-treaty"
    assert "reunification" in explorer.details.value
    assert explorer.event_list.value == "ev-2014-03-18-treaty"
    ring = explorer.figure.data[-1]
    assert list(ring.x) == ["2014-03-18"] and list(ring.y) == [style.CATEGORY_LABELS["treaty"]]


def test_clicking_a_period_bar_selects_it(explorer):
    index = next(i for i, t in enumerate(explorer.figure.data) if t.type == "bar")
    explorer.click(index, 0)
    assert explorer.selected == explorer.figure.data[index].customdata[0]
    assert "period:" in explorer.details.value
    assert explorer.figure.data[-1].y[0].startswith("Periods")


def test_keyboard_list_selects_the_event(explorer):
    labels = dict((v, k) for k, v in explorer.event_list.options)
    assert labels["ev-2025-03-18-call"] == "2025-03-18 · Trump and Putin speak <script>alert(1)</script>"
    explorer.event_list.value = "ev-2025-03-18-call"
    assert explorer.selected == "ev-2025-03-18-call"
    assert "&lt;script&gt;" in explorer.details.value and "<script>" not in explorer.details.value
    assert "<b>The White House</b>" in explorer.details.value


def test_selection_survives_filters_and_lane_switch(explorer):
    explorer.select("ev-2025-03-18-call")
    explorer.lane_by.value = "actor"
    assert sorted(explorer.figure.data[-1].y) == ["Russia", "US"]
    assert "Russia" in explorer.lane_order.value
    assert sorted(points(explorer.figure)["ev-2025-03-18-call"]) == [("2025-03-18", "Russia"), ("2025-03-18", "US")]
    explorer.actors.value = ("unga",)
    assert shown_ids(explorer.figure) == {"ev-2014-03-27-unga"}
    assert explorer.event_list.value is None  # the selected event is no longer listed
    assert "Trump and Putin" in explorer.details.value  # but its details stay open
    assert list(explorer.figure.data[-1].x) == []  # and no ring marks a hidden event
    explorer.actors.value = ()
    assert sorted(explorer.figure.data[-1].y) == ["Russia", "US"]  # shown again: ringed again


def test_lane_order_control_reorders_lanes(explorer):
    explorer.lane_by.value = "lane"
    explorer.lane_order.value = ["International", "Russia"] + [v for v in explorer.lane_order.value
                                                              if v not in ("International", "Russia")]
    lanes = [c for c in explorer.figure.layout.yaxis.categoryarray if not c.startswith("Periods")]
    assert lanes[:3] == ["International", "Russia", "Crimea"]
    explorer.lane_order.value = ["Ceasefire talks"]  # lanes left out follow in their usual order
    lanes = [c for c in explorer.figure.layout.yaxis.categoryarray if not c.startswith("Periods")]
    assert lanes[:3] == ["Ceasefire talks", "Crimea", "Ukraine"]


def test_explorer_html_is_escaped_everywhere(explorer):
    explorer.search.value = "trump"
    for box in (explorer.table, explorer.alt, explorer.count):
        assert "<script>" not in box.value
    assert "&lt;script&gt;" in explorer.table.value


def test_explorer_with_no_events_shows_empty_state(tables):
    tables["events"] = tables["events"].iloc[:0]
    explorer = tl.TimelineExplorer(**tables)
    assert "no events in the data" in explorer.status.value
    assert explorer.figure.layout.meta["empty"] is True


# --------------------------------------------------------------------------- benchmark


def synthetic(tables, n: int) -> dict:
    """``n`` events made by repeating the fixture's rows with new ids and shifted dates."""
    base = tables["events"]
    reps = -(-n // len(base))
    frames = []
    for k in range(reps):
        part = base.copy()
        part["id"] = part["id"] + f"-{k}"
        part["start_date"] = part["start_date"] + pd.Timedelta(days=k % 300)
        part["end_date"] = part["end_date"] + pd.Timedelta(days=k % 300)
        frames.append(part)
    events = pd.concat(frames).iloc[:n]
    events.index = pd.Index(events["id"], name="row")
    return {**tables, "events": events}


def test_benchmark_cases_each_interact(tables):
    cases = tl.benchmark_cases(tables)
    names = [name for name, _ in cases]
    assert names == ["change category filter", "type a search", "change zoom preset", "select an event",
                     "switch lanes"]
    for _, case in cases:
        case()
        case()


def test_interactions_work_on_a_few_thousand_events(tables):
    """Large data must not break an interaction (its speed is measured by `make bench`, not here)."""
    explorer_cases = tl.benchmark_cases(synthetic(tables, 3000))
    for name, case in explorer_cases:
        case()
        case()


def test_explorer_keeps_a_date_axis_after_updates(explorer):
    """Plotly.update re-guesses axis types from the first trace with data; ours must be dates."""
    explorer.preset.value = "20 Feb–27 Mar 2014"
    anchor = explorer.figure.data[0]
    assert anchor.name == tl.AXIS_ANCHOR and anchor.hoverinfo == "skip" and anchor.marker.opacity == 0
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", x) for x in anchor.x)
    assert anchor.y[0] == explorer.figure.layout.yaxis.categoryarray[0]


def test_previous_and_next_buttons_step_through_the_list(explorer):
    ids = [value for _, value in explorer.event_list.options]
    explorer.next_button.click()
    assert explorer.selected == ids[0] and explorer.event_list.value == ids[0]
    explorer.next_button.click()
    assert explorer.selected == ids[1]
    explorer.previous_button.click()
    explorer.previous_button.click()
    assert explorer.selected == ids[-1]  # wraps around
    explorer.categories.value = ()
    explorer.next_button.click()  # nothing listed: nothing happens
    assert explorer.selected == ids[-1]


# --------------------------------------------------------------------------- layout polish (screenshots in JupyterLab)


def _y_values_on_the_axis(fig):
    axis = list(fig.layout.yaxis.categoryarray)
    for trace in fig.data:
        ys = list(trace.y) if trace.y is not None else []
        assert set(map(str, ys)) <= set(axis), (trace.name, ys)
        assert len(ys) == len(trace.x if trace.x is not None else []), trace.name
    return axis


def test_axis_anchor_is_never_in_a_legend_nor_a_row_of_its_own(tables):
    for preset in (None, "1991–2014", "1 Mar–30 Apr 2025"):
        ex = tl.TimelineExplorer(**tables, preset=preset)
        for lane_by in tl.LANE_BY:
            ex.lane_by.value = lane_by
            anchor = ex.figure.data[0]
            assert anchor.name == tl.AXIS_ANCHOR and anchor.showlegend is False and anchor.hoverinfo == "skip"
            assert ex.figure.layout.showlegend is False
            axis = _y_values_on_the_axis(ex.figure)
            assert "0" not in axis and tl.AXIS_ANCHOR not in axis
            assert list(anchor.y) == [axis[0]] * 2  # a row that is drawn anyway


def test_explorer_sends_nothing_to_the_figure_before_it_is_shown(tables, monkeypatch):
    # plotly's anywidget model resets, on a FigureWidget not yet shown, every property a batched change
    # leaves out: the explorer must start from its first view instead of updating to it
    import plotly.graph_objects as go

    sent = []
    for name in ("_send_update_msg", "_send_restyle_msg", "_send_relayout_msg"):
        monkeypatch.setattr(go.FigureWidget, name, lambda self, *a, _n=name, **k: sent.append(_n))
    ex = tl.TimelineExplorer(**tables, preset="1991–2014")
    assert sent == []
    assert ex.figure.layout.xaxis.range is not None and len(ex.shown) < len(ex.events)
    ex.search.value = "crimea"
    assert sent  # later interactions are sent as changes


def test_static_legend_is_compact_and_dropped_when_lanes_name_the_categories(tables):
    by_category = tl.timeline_figure(tables["events"], tables["sources"])
    assert by_category.layout.showlegend is False
    by_actor = tl.timeline_figure(tables["events"], tables["sources"], lane_by="actor", parties=tables["parties"])
    assert by_actor.layout.showlegend is not False
    legend = by_actor.layout.legend
    assert legend.orientation == "h" and legend.traceorder == "normal"  # not one row per legend group
    names = [t.name for t in by_actor.data if t.showlegend]
    assert tl.AXIS_ANCHOR not in names and not any(n.startswith("Periods") for n in names)
    assert by_actor.layout.width is None and by_category.layout.width is None


def test_colour_key_replaces_the_legend_in_the_explorer(explorer):
    assert "Colour = category" in explorer.key.value and "faded" in explorer.key.value
    explorer.lane_by.value = "actor"
    for cat in set(explorer.shown.loc[explorer.shown["kind"] != "era", "category"]):
        assert style.CATEGORY_LABELS.get(cat, cat) in explorer.key.value
        assert style.CATEGORY_COLOURS[cat] in explorer.key.value
    explorer.categories.value = ()
    assert explorer.key.value == ""  # the empty state speaks instead


def test_explorer_fits_the_notebook_and_labels_the_lane_order(explorer):
    import ipywidgets as w

    assert explorer.figure.layout.width is None and explorer.figure.layout.autosize is None
    explorer.figure._js2py_traceDeltas = {"trace_deltas": [], "trace_edit_id": -1}  # the browser's first draw
    assert explorer.figure.layout.autosize is True
    more = [c for c in explorer.children if isinstance(c, w.Accordion) and c.titles[0].startswith("More options")]
    assert len(more) == 1 and "lane order" in more[0].titles[0].lower()
    box = more[0].children[0]
    assert explorer.lane_order in box.children and "Lane order" in box.children[0].value
    assert explorer.lane_order not in explorer.children
    assert explorer.categories.rows <= 5 and explorer.actors.rows <= 5
