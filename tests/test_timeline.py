"""Tests of the timeline view, driven as a student would: figure data, details, empty states, escaping."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from factories import fake_glossary, fake_party

from lessons import data, style
from lessons import timeline as tl
from lessons.figsync import _decode_typed

typed = data.typed_frame  # frames typed exactly as lessons.data.load types them


def source(id, publisher, kind="primary", voice="Russian government"):
    return dict(
        id=id,
        title=f"Title of {id}",
        publisher=publisher,
        author=publisher,
        date="2025-03-18",
        date_precision="day",
        url=f"https://example.org/{id}",
        kind=kind,
        voice=voice,
        language="en",
        accessed="2026-11-27",
    )


def event(
    id,
    start,
    headline,
    category="politics",
    lane="Crimea",
    actors="ru",
    place_id="pl-simferopol",
    kind="event",
    end=None,
    concept_ids=None,
    source_ids="kremlin-1",
    note=None,
    precision="day",
    display=None,
    text="Editors' own words.",
):
    return dict(
        id=id,
        start_date=start,
        end_date=end,
        date_precision=precision,
        display_date=display or start,
        headline=headline,
        text=text,
        category=category,
        lane=lane,
        actors=actors,
        place_id=place_id,
        type=kind,
        concept_ids=concept_ids,
        source_ids=source_ids,
        note=note,
    )


@pytest.fixture
def tables():
    sources = typed(
        "sources",
        [
            source("kremlin-1", "Kremlin"),
            source("whitehouse-1", "The White House", voice="US government"),
            source("un-1", "United Nations", voice="UN"),
            source("reuters-1", "Reuters", kind="secondary", voice="independent media"),
        ],
    )
    places = typed(
        "places",
        [
            dict(
                id="pl-simferopol",
                name_en="Simferopol",
                name_uk="Сімферополь",
                name_ru="Симферополь",
                name_crh="Aqmescit",
                lat=44.95,
                lon=34.1,
                kind="city",
                in_crimea=True,
                country="Ukraine",
                controlled_by="ru",
                source_ids="un-1",
            ),
            dict(
                id="pl-new-york",
                name_en="New York",
                name_uk="Нью-Йорк",
                name_ru="Нью-Йорк",
                lat=40.7,
                lon=-74.0,
                kind="city",
                in_crimea=False,
                country="United States",
                controlled_by="us",
                source_ids="un-1",
            ),
            dict(
                id="pl-jeddah",
                name_en="Jeddah",
                name_uk="Джидда",
                name_ru="Джидда",
                lat=21.5,
                lon=39.2,
                kind="city",
                in_crimea=False,
                country="Saudi Arabia",
                controlled_by="saudi-arabia",
                source_ids="un-1",
            ),
        ],
    )
    parties = typed(
        "parties",
        [
            fake_party("ru", "Russian Federation", "Russia", source_ids="un-1"),
            fake_party("ua", "Ukraine", source_ids="un-1"),
            fake_party("us", "United States", "US", source_ids="un-1"),
            fake_party("unga", "UN General Assembly", "UNGA", kind="body", source_ids="un-1"),
        ],
    )
    glossary = typed(
        "glossary",
        [fake_glossary("gl-annexation", "annexation", source_ids="un-1")],
    )
    party_terms = typed(
        "party_terms",
        [
            dict(
                id="pt-annexation-ru",
                concept_id="gl-annexation",
                party_id="ru",
                term="reunification",
                original="воссоединение",
                source_ids="kremlin-1",
            ),
            dict(
                id="pt-annexation-ua",
                concept_id="gl-annexation",
                party_id="ua",
                term="temporary occupation",
                source_ids="reuters-1",
            ),
            dict(
                id="pt-annexation-unga",
                concept_id="gl-annexation",
                party_id="unga",
                term="annexation",
                source_ids="un-1",
            ),
        ],
    )
    events = typed(
        "events",
        [
            event(
                "ev-1991-12-01-referendum",
                "1991-12-01",
                "Ukraine votes for independence",
                category="vote",
                lane="Ukraine",
                actors="ua",
                place_id=None,
                source_ids="reuters-1",
            ),
            event(
                "ev-1997-05-28-partition",
                "1997-05-28",
                "Fleet partition treaties",
                category="fleet",
                lane="Black Sea Fleet",
                actors="ru;ua",
                source_ids="reuters-1",
            ),
            event(
                "ev-2014-02-27-seizure",
                "2014-02-27",
                "Armed men seize the Crimean parliament",
                category="military",
                actors="ru",
                source_ids="reuters-1;kremlin-1",
            ),
            event(
                "ev-2014-03-18-treaty",
                "2014-03-18",
                "Treaty on accession signed in Moscow",
                category="treaty",
                lane="Russia",
                actors="ru;crimea-authorities-ru",
                concept_ids="gl-annexation",
                source_ids="kremlin-1;un-1",
                note="Russia calls it reunification; the UNGA calls it annexation.",
            ),
            event(
                "ev-2014-03-27-unga",
                "2014-03-27",
                "UNGA adopts resolution 68/262",
                category="international-response",
                lane="International",
                actors="unga",
                place_id="pl-new-york",
                source_ids="un-1",
            ),
            event(
                "ev-2025-03-18-call",
                "2025-03-18",
                "Trump and Putin speak <script>alert(1)</script>",
                category="diplomacy",
                lane="Ceasefire talks",
                actors="us;ru",
                place_id=None,
                source_ids="whitehouse-1;kremlin-1",
            ),
            event(
                "ev-2025-03-01-month",
                "2025-03-01",
                "Talks prepared in March",
                category="diplomacy",
                lane="Ceasefire talks",
                actors="us;ua",
                place_id="pl-jeddah",
                precision="month",
                display="March 2025",
                source_ids="whitehouse-1",
            ),
            event(
                "ev-1991-08-24-era",
                "1991-08-24",
                "Crimea within independent Ukraine",
                category="politics",
                kind="era",
                end="2014-02-26",
                actors="ua",
                source_ids="reuters-1",
            ),
            event(
                "ev-2014-02-27-era",
                "2014-02-27",
                "Russian control of Crimea",
                category="military",
                kind="era",
                end="2025-06-30",
                actors="ru",
                source_ids="un-1",
            ),
            event(
                "ev-2010-04-21-era",
                "2010-04-21",
                "Kharkiv agreements in force",
                category="fleet",
                kind="era",
                end="2014-03-31",
                lane="Black Sea Fleet",
                actors="ru;ua",
                source_ids="reuters-1",
            ),
        ],
    )
    return dict(
        events=events, sources=sources, places=places, parties=parties, glossary=glossary, party_terms=party_terms
    )


@pytest.fixture
def explorer(tables):
    return tl.TimelineExplorer(**tables)


# --------------------------------------------------------------------------- reading a figure as the browser gets it


def spec(fig) -> dict:
    """A go.Figure or an explorer's PlotView as the JSON the browser draws (typed arrays decoded)."""
    raw = json.loads(fig.to_json()) if isinstance(fig, go.Figure) else fig.figure

    def plain(value):
        if isinstance(value, dict):
            return _decode_typed(value) if "bdata" in value else {k: plain(v) for k, v in value.items()}
        return [plain(v) for v in value] if isinstance(value, list) else value

    return plain(raw)


def marker_traces(d: dict) -> list[dict]:
    return [t for t in d["data"] if t.get("type") == "scatter" and t.get("mode") == "markers+text"]


def lane_of(d: dict, y: float) -> str:
    return d["layout"]["yaxis"]["ticktext"][int(round(y))].replace("<br>", " ")  # long names wrap


def points(d: dict) -> dict[str, list[tuple[str, str]]]:
    """event id -> [(x, lane name), ...] over the event markers."""
    out: dict[str, list] = {}
    for t in marker_traces(d):
        for i, x, y in zip(t["customdata"], t["x"], t["y"]):
            out.setdefault(i, []).append((x, lane_of(d, y)))
    return out


def shown_ids(d: dict) -> set[str]:
    return {i for t in marker_traces(d) for i in t["customdata"]}


def labels(d: dict) -> dict[str, str]:
    return {i: text for t in marker_traces(d) for i, text in zip(t["customdata"], t["text"]) if text}


def ring(d: dict) -> list[tuple]:
    t = next(t for t in d["data"] if t.get("name") == "Selected event")
    return list(zip(t["x"], t["y"]))


def trace_index(d: dict, name: str) -> int:
    return next(i for i, t in enumerate(d["data"]) if t.get("name") == name)


# --------------------------------------------------------------------------- figure


def test_events_are_markers_on_their_dates_in_category_lanes(tables):
    d = spec(tl.timeline_figure(tables["events"], tables["sources"], places=tables["places"]))
    got = points(d)
    assert got["ev-2014-03-18-treaty"] == [("2014-03-18", style.CATEGORY_LABELS["treaty"])]
    assert got["ev-1991-12-01-referendum"] == [("1991-12-01", "Votes and elections")]
    assert "ev-1991-08-24-era" not in got  # periods are bars, not markers
    for t in marker_traces(d):
        category = next(k for k, v in style.CATEGORY_LABELS.items() if v == t["name"])
        assert t["marker"]["color"] == style.CATEGORY_COLOURS[category]
    assert d["layout"]["xaxis"]["type"] == "date"  # set, never guessed from the data
    assert d["layout"]["meta"]["lanes"][0] == style.CATEGORY_LABELS["vote"]  # enum order, top first


def test_figure_takes_one_frame_and_defaults_its_lookups():
    events = data.load("events")
    d = spec(tl.timeline_figure(tl.filter_events(events, start="2025-03-01", end="2025-04-30")))
    hover = " ".join(h for t in marker_traces(d) for h in t["hovertext"])
    assert "Place: Jeddah" in hover  # place names joined from the package's own gazetteer
    assert "Sources: " in hover and "src-" not in hover  # publishers, not source ids


def test_periods_are_labelled_bars_packed_above_the_lanes(tables):
    d = spec(tl.timeline_figure(tables["events"]))
    bars = [t for t in d["data"] if t["type"] == "bar"]
    rows = {i: (b, y, x) for t in bars for i, b, y, x in zip(t["customdata"], t["base"], t["y"], t["x"])}
    assert set(rows) == {"ev-1991-08-24-era", "ev-2014-02-27-era", "ev-2010-04-21-era"}
    assert rows["ev-1991-08-24-era"][0] == "1991-08-24"
    assert rows["ev-1991-08-24-era"][1] != rows["ev-2010-04-21-era"][1]  # overlapping: two rows
    assert rows["ev-2014-02-27-era"][1] == rows["ev-1991-08-24-era"][1]  # one starts as the other ends
    days = rows["ev-1991-08-24-era"][2] / 86_400_000
    assert days == (pd.Timestamp("2014-02-26") - pd.Timestamp("1991-08-24")).days + 1
    ticks = d["layout"]["yaxis"]["ticktext"]
    assert ticks[0] == "Periods (bars)" and not any(re.fullmatch(r"Periods \d+", t) for t in ticks)
    period_labels = d["data"][trace_index(d, "Period labels")]["text"]
    assert "Crimea within independent Ukraine" in period_labels
    assert all(t["hovertemplate"] == "%{hovertext}<extra></extra>" for t in bars)


def test_same_day_events_in_one_lane_are_kept_apart(tables):
    extra = typed(
        "events",
        [event("ev-2014-03-18-second", "2014-03-18", "A second treaty the same day", category="treaty", lane="Russia")],
    )
    d = spec(tl.timeline_figure(pd.concat([tables["events"], extra])))
    ys = {i: y for t in marker_traces(d) for i, y in zip(t["customdata"], t["y"])}
    a, b = ys["ev-2014-03-18-treaty"], ys["ev-2014-03-18-second"]
    assert a != b and round(a) == round(b)  # two marks, one lane


def test_the_call_of_18_march_is_marked_when_in_view():
    events = data.load("events")
    spring = tl.filter_events(events, start="2025-03-01", end="2025-04-30")
    d = spec(tl.timeline_figure(spring))
    lines = [s for s in d["layout"]["shapes"] if s.get("xref") == "x"]
    assert [s["x0"] for s in lines] == ["2025-03-18"]
    assert any("18 March 2025" in a["text"] for a in d["layout"]["annotations"])
    assert "marks the Trump–Putin call of 18 March 2025" in d["layout"]["meta"]["alt"]
    assert labels(d).get("ev-2025-03-18-trump-putin-call", "").startswith("Trump-Putin call")  # a key event
    early = spec(tl.timeline_figure(tl.filter_events(events, end="2014-12-31")))
    assert not [s for s in early["layout"]["shapes"] if s.get("xref") == "x"]


def test_labels_never_overlap_in_a_lane():
    d = spec(tl.timeline_figure(data.load("events"), preset="20 Feb–27 Mar 2014"))
    lo, hi = (pd.Timestamp(v).value for v in d["layout"]["xaxis"]["range"])
    scale = tl.figure.STATIC_PLOT_PX / (hi - lo)
    spans: dict[int, list] = {}
    for t in marker_traces(d):
        for x, y, text, side in zip(t["x"], t["y"], t["text"], t["textposition"]):
            if text:
                px = (pd.Timestamp(x).value - lo) * scale
                w = 6.0 * len(text)
                spans.setdefault(round(y), []).append((px, px + w) if side == "middle right" else (px - w, px))
    assert sum(map(len, spans.values())) >= 8
    for lane in spans.values():
        lane.sort()
        assert all(a[1] <= b[0] for a, b in zip(lane, lane[1:])), lane


def test_lane_by_actor_puts_an_event_in_each_actors_lane(tables):
    d = spec(tl.timeline_figure(tables["events"], lane_by="actor", parties=tables["parties"]))
    got = points(d)
    assert sorted(got["ev-2025-03-18-call"]) == [("2025-03-18", "Russia"), ("2025-03-18", "US")]
    assert ("2014-03-18", "crimea-authorities-ru") in got["ev-2014-03-18-treaty"]  # unknown: its id
    assert d["layout"]["meta"]["lanes"][0] == "Russia"  # most events first
    assert d["layout"]["showlegend"] is True  # colours are categories here: the legend names them


def test_lane_by_story_thread_and_lane_order(tables):
    d = spec(tl.timeline_figure(tables["events"], lane_by="lane", lane_order=["International", "Crimea"]))
    lanes = d["layout"]["meta"]["lanes"]
    assert lanes[:2] == ["International", "Crimea"]
    assert set(lanes) == {"Crimea", "Ukraine", "Russia", "Black Sea Fleet", "International", "Ceasefire talks"}
    assert points(d)["ev-2014-03-27-unga"] == [("2014-03-27", "International")]


def test_hover_shows_date_headline_place_and_escapes_without_entities_plotly_prints(tables):
    quoted = typed(
        "events", [event("ev-2025-03-19-quote", "2025-03-19", 'Putin: "no reciprocity" & more', category="diplomacy")]
    )
    d = spec(tl.timeline_figure(pd.concat([tables["events"], quoted]), tables["sources"], places=tables["places"]))
    hover = {i: h for t in marker_traces(d) for i, h in zip(t["customdata"], t["hovertext"])}
    assert "<b>27 March 2014</b>" in hover["ev-2014-03-27-unga"] or "<b>2014-03-27</b>" in hover["ev-2014-03-27-unga"]
    assert "Place: New York" in hover["ev-2014-03-27-unga"] and "Sources: United Nations" in hover["ev-2014-03-27-unga"]
    assert "date known to the month" in hover["ev-2025-03-01-month"]
    assert "&lt;script&gt;" in hover["ev-2025-03-18-call"] and "<script>" not in json.dumps(d)
    assert '"no reciprocity" &amp; more' in hover["ev-2025-03-19-quote"] and "&quot;" not in json.dumps(d)


def test_a_very_long_headline_is_capped_in_the_hover_and_the_event_list(tables):
    """Review C44: a 5,000-character headline with no spaces made an 87-line hover and a 5,018-character
    list entry. Both are capped like every other hover; the search still finds the whole headline."""
    long = "Z" * 4000 + "-tail " + "word " * 200
    row = typed("events", [event("ev-2025-03-20-long", "2025-03-20", long, category="diplomacy")])
    ev = pd.concat([tables["events"], row])
    d = spec(tl.timeline_figure(ev, tables["sources"], places=tables["places"]))
    hover = {i: h for t in marker_traces(d) for i, h in zip(t["customdata"], t["hovertext"])}["ev-2025-03-20-long"]
    assert hover.count("<br>") <= 8 and len(hover) < 500 and "…" in hover
    explorer = tl.TimelineExplorer(**{**tables, "events": ev})
    label = next(lab for lab, v in explorer.event_list.options if v == "ev-2025-03-20-long")
    assert len(label) <= tl.prepare(ev)["_label"].str.len().max() <= 140 and label.endswith("…")
    assert label.startswith("2025-03-20 · ZZZ")  # a long word is cut, not replaced by a lone "…"
    explorer.search.value = "tail word"
    assert "ev-2025-03-20-long" in shown_ids(spec(explorer.figure))


def test_actor_lane_names_are_escaped_and_capped_in_the_tick_labels(tables):
    """Review C79: an actor's name was drawn raw in the actor lanes' tick labels (plotly reads tags there)."""
    parties = tables["parties"].copy()
    parties.loc[parties["id"] == "ru", "short_name"] = "<u>INJ</u> " + "Federation " * 20
    d = spec(tl.timeline_figure(tables["events"], lane_by="actor", parties=parties))
    ticks = d["layout"]["yaxis"]["ticktext"]
    injected = next(t for t in ticks if "INJ" in t)
    drawn = [d["layout"]["yaxis"]] + [{k: t.get(k) for k in ("text", "hovertext", "name")} for t in d["data"]]
    assert "&lt;u&gt;INJ&lt;/u&gt;" in injected and "<u>" not in json.dumps(drawn)  # meta is data, not drawn
    assert injected.count("<br>") == 1 and len(injected) < 90 and injected.endswith("…")
    assert "Organization for<br>Security and Co-operation in Europe" == tl.figure._wrap(
        "Organization for Security and Co-operation in Europe"
    )  # a hyphenated word stays whole


def test_presets_set_a_padded_range_and_buttons_only_for_presets_with_events(tables):
    d = spec(tl.timeline_figure(tables["events"], preset="20 Feb–27 Mar 2014"))
    lo, hi = (pd.Timestamp(v) for v in d["layout"]["xaxis"]["range"])
    assert lo < pd.Timestamp("2014-02-20") and hi > pd.Timestamp("2014-03-27")  # marks at the ends are not cut
    menu = d["layout"]["updatemenus"][0]
    names = [b["label"] for b in menu["buttons"]]
    assert names == ["1991–2014", "20 Feb–27 Mar 2014", "1 Mar–30 Apr 2025", "All"]  # no events before 1991
    assert menu["buttons"][menu["active"]]["label"] == "20 Feb–27 Mar 2014"
    assert "20 February 2014 to 27 March 2014" in d["layout"]["meta"]["alt"]
    curated = tl.filter_events(data.load("events"), start="2025-03-01", end="2025-04-30")
    assert not spec(tl.timeline_figure(curated))["layout"].get("updatemenus")  # no "1991–2014" on a 2025 chart


def test_background_preset_appears_once_there_are_events_before_1991(tables):
    assert "Before 1991" not in tl.available_presets(tl.prepare(tables["events"]))
    older = typed(
        "events",
        [
            event(
                "ev-1783-04-19-manifesto",
                "1783-04-19",
                "Manifesto on the annexation of Crimea",
                category="law",
                lane="Crimea",
                actors="ru",
            )
        ],
    )
    ev = pd.concat([older, tables["events"]])
    assert tl.available_presets(tl.prepare(ev))[0] == "Before 1991"
    explorer = tl.TimelineExplorer(**{**tables, "events": ev}, preset="Before 1991")
    assert "ev-1783-04-19-manifesto" in shown_ids(spec(explorer.figure))
    assert tl.TimelineExplorer(**tables, preset="Before 1991").start.value is None  # absent: everything


def test_alt_text_counts_events_lanes_and_range(tables):
    alt = tl.timeline_figure(tables["events"]).layout.meta["alt"]
    assert alt.startswith("Timeline of 7 events in 6 lanes by category, with 3 periods")
    assert "from 24 August 1991 to 30 June 2025" in alt


def test_empty_input_says_so_without_numeric_axes(tables):
    d = spec(tl.timeline_figure(tables["events"].iloc[:0]))
    assert d["layout"]["meta"]["empty"] is True and "No events" in d["layout"]["annotations"][0]["text"]
    assert d["layout"]["xaxis"]["visible"] is False and d["layout"]["yaxis"]["visible"] is False


def test_figure_json_has_no_url_and_no_random_uid(tables):
    def make():
        return tl.timeline_figure(
            tables["events"], tables["sources"], places=tables["places"], highlight="ev-2014-03-18-treaty"
        ).to_json()

    text = make()
    assert not re.search(r"https?://", text) and '"uid"' not in text
    assert text == make()


def test_highlight_rings_the_event_in_each_lane(tables):
    d = spec(
        tl.timeline_figure(tables["events"], lane_by="actor", parties=tables["parties"], highlight="ev-2025-03-18-call")
    )
    assert sorted((x, lane_of(d, y)) for x, y in ring(d)) == [("2025-03-18", "Russia"), ("2025-03-18", "US")]


def test_no_glibc_only_date_format_in_the_timeline():
    for path in Path(tl.__file__).parent.glob("*.py"):
        assert "%-d" not in path.read_text(encoding="utf-8"), path


def test_modules_and_functions_stay_small():
    import ast

    for path in Path(tl.__file__).parent.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert len(source.splitlines()) <= 500, path
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                assert node.end_lineno - node.lineno < 80, (path.name, node.name)


# --------------------------------------------------------------------------- filtering


def test_filter_by_dates_overlaps_periods(tables):
    got = tl.filter_events(tables["events"], start="2014-02-20", end=dt.date(2014, 3, 27))
    assert set(got["id"]) == {
        "ev-2014-02-27-seizure",
        "ev-2014-03-18-treaty",
        "ev-2014-03-27-unga",
        "ev-1991-08-24-era",
        "ev-2014-02-27-era",
        "ev-2010-04-21-era",
    }
    assert list(got.columns) == list(tables["events"].columns)  # same shape as the input


def test_filter_reversed_range_matches_nothing_and_explains(tables):
    assert tl.filter_events(tables["events"], start="2015-01-01", end="2014-01-01").empty
    assert "after the end date" in tl.range_problem("2015-01-01", "2014-01-01")
    assert tl.range_problem("2014-01-01", "2015-01-01") == ""


def test_filter_by_category_and_actor(tables):
    ev = tables["events"]
    assert set(tl.filter_events(ev, categories=["vote", "treaty"])["id"]) == {
        "ev-1991-12-01-referendum",
        "ev-2014-03-18-treaty",
    }
    assert tl.filter_events(ev, categories=[]).empty
    assert set(tl.filter_events(ev, actors=["us"])["id"]) == {"ev-2025-03-18-call", "ev-2025-03-01-month"}


def test_search_is_literal_case_insensitive_and_includes_place_names(tables):
    ev = tables["events"]
    assert set(tl.filter_events(ev, text="TREATY")["id"]) == {"ev-2014-03-18-treaty"}
    assert set(tl.filter_events(ev, text="68/262")["id"]) == {"ev-2014-03-27-unga"}
    assert tl.filter_events(ev, text="res.*262").empty  # not a regex
    assert set(tl.filter_events(ev, text="march 2025")["id"]) == {"ev-2025-03-01-month", "ev-2025-03-18-call"}
    assert set(tl.filter_events(ev, text="18 march 2025")["id"]) == {"ev-2025-03-18-call"}  # a date as written
    assert set(tl.filter_events(ev, text="aqmescit", places=tables["places"])["id"]) >= {"ev-2014-03-18-treaty"}
    assert set(tl.filter_events(ev, text="джидда", places=tables["places"])["id"]) == {"ev-2025-03-01-month"}


# --------------------------------------------------------------------------- details and table


def details(tables, event_id):
    return tl.event_details(
        event_id,
        tables["events"],
        tables["places"],
        tables["sources"],
        tables["party_terms"],
        tables["parties"],
        glossary=tables["glossary"],
    )


def test_details_show_party_terms_note_place_names_and_sources(tables):
    html = str(details(tables, "ev-2014-03-18-treaty"))
    assert "Treaty on accession signed in Moscow" in html
    assert "Russia: “reunification”" in html and "воссоединение" in html
    assert "Ukraine: “temporary occupation”" in html and "UNGA: “annexation”" in html
    assert "Where accounts differ" in html and "the UNGA calls it annexation" in html
    assert "Aqmescit" in html and "Сімферополь" in html
    event_sources, term_sources = html.split("Sources for the parties' terms")
    assert "<b>Kremlin</b>" in event_sources and "<b>United Nations</b>" in event_sources
    assert "primary source" in event_sources and "Russian government" in event_sources
    assert "https://example.org/kremlin-1" in event_sources
    assert "<b>Reuters</b>" in term_sources  # the source of Ukraine's term
    assert "style=" not in html.replace("lessons-swatch' style", "")  # classes only: the stylesheet colours it


def test_details_are_html_objects_and_escape_a_script_headline(tables):
    panel = details(tables, "ev-2025-03-18-call")
    assert hasattr(panel, "_repr_html_")  # a notebook shows it as HTML, never as a quoted string
    assert "<script>" not in str(panel) and "&lt;script&gt;alert(1)&lt;/script&gt;" in str(panel)


def test_details_of_unknown_or_no_event_are_empty_states(tables):
    assert "lessons-empty" in details(tables, "ev-nope") and "ev-nope" in details(tables, "ev-nope")
    assert "No event selected" in details(tables, None)
    assert "<b>x</b>" not in str(details(tables, "<b>x</b>"))


def test_period_details_give_start_and_end(tables):
    assert "period: 24 August 1991 to 26 February 2014" in details(tables, "ev-1991-08-24-era")


def test_table_is_readable_names_in_date_order(tables):
    table = tl.timeline_table(
        tables["events"], sources=tables["sources"], places=tables["places"], parties=tables["parties"]
    )
    assert list(table.columns) == ["Date", "Event", "Category", "Who", "Place", "Sources"]
    assert len(table) == len(tables["events"])
    assert table.iloc[0]["Event"] == "Period: Crimea within independent Ukraine"
    row = table[table["Event"].str.startswith("Trump and Putin")].iloc[0]
    assert row["Who"] == "US, Russia" and row["Sources"] == "The White House; Kremlin"
    text = table.to_string()
    assert "ev-" not in text and "pl-" not in text and "NaN" not in text and "<NA>" not in text
    assert tl.timeline_table(tables["events"].iloc[:0]).empty


# --------------------------------------------------------------------------- explorer, as a student drives it


def test_explorer_starts_with_everything_shown(explorer, tables):
    assert explorer.count.value == "<b>10 events shown</b> (including 3 periods)"
    assert shown_ids(spec(explorer.figure)) == set(tables["events"].query("type == 'event'")["id"])
    assert len(explorer.event_list.options) == 10
    assert "updatemenus" not in spec(explorer.figure)["layout"]  # the explorer's buttons replace plotly's
    assert "Timeline of 7 events" in explorer.alt.value
    assert "No event selected" in explorer.details.value
    assert repr(explorer).startswith("[Timeline explorer")


def test_table_is_built_when_opened_and_shows_no_index_or_ids(explorer):
    accordion = explorer._accordion
    accordion.selected_index = 1
    html = explorer.table.value
    assert "lessons-table" in html and "<th scope='col'>Date</th>" in html
    assert "ev-" not in html and "nan" not in html.lower().replace("ukrainian", "") and "&lt;NA&gt;" not in html
    explorer.search.value = "treaty"
    assert "Treaty on accession" in explorer.table.value and "Kharkiv" not in explorer.table.value


def test_a_crowd_of_events_in_one_spot_is_named_and_goes_when_zoomed_in():
    """On 1991–2014, the 30-odd events of spring 2014 stack in one column: a note says how many and that
    zooming in sets them apart; on 20 Feb–27 Mar 2014 they stand apart and the note is gone."""
    ex = tl.TimelineExplorer()
    ex.start.value, ex.end.value = dt.date(1991, 1, 1), dt.date(2014, 12, 31)
    note = spec(ex.figure)["layout"]["title"].get("subtitle", {}).get("text", "")
    assert "2014 share one spot at this scale: zoom in" in note, note
    assert int(note.split()[0]) >= tl.layout.CROWD_MIN
    ex.start.value, ex.end.value = dt.date(2014, 2, 20), dt.date(2014, 3, 27)
    assert "subtitle" not in spec(ex.figure)["layout"]["title"]
    static = tl.timeline_figure(ex.events, preset="1991–2014").to_plotly_json()["layout"]
    assert "subtitle" not in static["title"]  # plotly's zoom buttons would strand it


def test_the_count_line_says_the_date_range_in_words(explorer):
    """The date pickers follow the browser's locale (month first in en-US): the count line says the range
    as a reader writes it, so 01/02 cannot be misread."""
    assert "from " not in explorer.count.value and "up to" not in explorer.count.value
    explorer.start.value = dt.date(2014, 2, 1)
    explorer.end.value = dt.date(2014, 3, 27)
    assert explorer.count.value.endswith(", from 1 February 2014 to 27 March 2014")
    explorer.start.value = None
    assert explorer.count.value.endswith(", up to 27 March 2014")


def test_unticking_categories_filters_and_none_shows_an_empty_state(explorer):
    explorer.categories.value = ("treaty", "vote")
    assert shown_ids(spec(explorer.figure)) == {"ev-2014-03-18-treaty", "ev-1991-12-01-referendum"}
    assert "2 events shown" in explorer.count.value
    explorer.categories.value = ()
    assert "No category is selected" in explorer.status.value
    d = spec(explorer.figure)
    assert d["layout"]["meta"]["empty"] is True and d["layout"]["xaxis"]["visible"] is False
    assert "No category is selected" in d["layout"]["annotations"][0]["text"]
    assert "0 events shown" in explorer.count.value and explorer.event_list.options == ()
    assert explorer.key.value == ""  # the empty state speaks instead


def test_empty_state_clears_when_results_return(explorer):
    explorer.search.value = "<img src=x>"
    assert "lessons-empty" in explorer.status.value and "&lt;img src=x&gt;" in explorer.status.value
    assert "<img" not in explorer.status.value
    explorer.search.value = "resolution"
    d = spec(explorer.figure)
    assert shown_ids(d) == {"ev-2014-03-27-unga"} and explorer.status.value == ""
    assert not any("No event" in a["text"] for a in d["layout"].get("annotations", []))
    assert d["layout"]["xaxis"]["visible"] is True and d["layout"]["meta"]["empty"] is False


def test_reversed_dates_show_an_empty_state_that_a_preset_clears(explorer):
    explorer.start.value = dt.date(2020, 1, 1)
    explorer.end.value = dt.date(2014, 1, 1)
    assert "after the end date" in explorer.status.value
    assert spec(explorer.figure)["layout"]["meta"]["empty"] is True
    explorer.presets["20 Feb–27 Mar 2014"].click()
    assert explorer.status.value == "" and spec(explorer.figure)["layout"]["meta"]["empty"] is False


def test_a_preset_sets_every_control_it_implies(explorer):
    explorer.categories.value = ()
    explorer.actors.value = ("unga",)
    explorer.search.value = "zzz"
    explorer.presets["1 Mar–30 Apr 2025"].click()
    assert (explorer.start.value, explorer.end.value) == (dt.date(2025, 3, 1), dt.date(2025, 4, 30))
    assert set(explorer.categories.value) == {v for _, v in explorer.categories.options}
    assert explorer.actors.value == () and explorer.search.value == ""
    d = spec(explorer.figure)
    assert shown_ids(d) == {"ev-2025-03-18-call", "ev-2025-03-01-month"}
    assert pd.Timestamp(d["layout"]["xaxis"]["range"][0]) < pd.Timestamp("2025-03-01")
    assert explorer.presets["1 Mar–30 Apr 2025"].button_style == "info"
    explorer.end.value = dt.date(2025, 3, 10)  # a hand-picked date: no preset is lit
    assert explorer.presets["1 Mar–30 Apr 2025"].button_style == ""
    assert shown_ids(spec(explorer.figure)) == {"ev-2025-03-01-month"}
    explorer.presets["All"].click()
    assert explorer.start.value is None and "10 events shown" in explorer.count.value


def test_reset_puts_every_control_back(tables):
    explorer = tl.TimelineExplorer(**tables, preset="1991–2014")
    first = spec(explorer.figure)
    explorer.lane_by.value = "actor"
    explorer.categories.value = ("vote",)
    explorer.search.value = "ukraine"
    explorer.select("ev-1991-12-01-referendum")
    explorer.reset_button.click()
    assert explorer.lane_by.value == "category" and explorer.search.value == ""
    assert explorer.start.value == dt.date(1991, 1, 1) and explorer.selected is None
    assert spec(explorer.figure) == first


def test_clicking_a_marker_shows_its_details_and_rings_it(explorer):
    d = spec(explorer.figure)
    index = trace_index(d, style.CATEGORY_LABELS["treaty"])
    explorer.figure.click(index, 0)
    assert explorer.selected == "ev-2014-03-18-treaty" and explorer.event_list.value == "ev-2014-03-18-treaty"
    assert "reunification" in explorer.details.value and "Sources" in explorer.details.value
    d = spec(explorer.figure)
    assert [(x, lane_of(d, y)) for x, y in ring(d)] == [("2014-03-18", style.CATEGORY_LABELS["treaty"])]


def test_clicking_a_period_bar_selects_it(explorer):
    d = spec(explorer.figure)
    index = next(i for i, t in enumerate(d["data"]) if t["type"] == "bar")
    explorer.figure.click(index, 0)
    assert explorer.selected == d["data"][index]["customdata"][0]
    assert "period:" in explorer.details.value
    assert lane_of(spec(explorer.figure), ring(spec(explorer.figure))[0][1]) in ("Periods (bars)", "")


def test_keyboard_list_selects_the_event(explorer):
    labels_ = dict((v, k) for k, v in explorer.event_list.options)
    assert labels_["ev-2025-03-18-call"] == "2025-03-18 · Trump and Putin speak <script>alert(1)</script>"
    explorer.event_list.value = "ev-2025-03-18-call"
    assert "&lt;script&gt;" in explorer.details.value and "<script>" not in explorer.details.value
    assert "<b>The White House</b>" in explorer.details.value


def test_a_filter_that_removes_the_selected_event_clears_its_details(explorer):
    explorer.select("ev-2025-03-18-call")
    explorer.lane_by.value = "actor"
    d = spec(explorer.figure)
    assert sorted(lane_of(d, y) for _, y in ring(d)) == ["Russia", "US"]  # kept across a lane switch
    assert "Russia" in explorer.lane_order.value
    explorer.actors.value = ("unga",)
    assert shown_ids(spec(explorer.figure)) == {"ev-2014-03-27-unga"}
    assert explorer.selected is None and "No event selected" in explorer.details.value
    assert ring(spec(explorer.figure)) == []
    explorer.actors.value = ()
    assert explorer.selected is None  # no stale selection comes back


def test_lane_order_control_reorders_lanes(explorer):
    explorer.lane_by.value = "lane"
    explorer.lane_order.value = ["International", "Russia"] + [
        v for v in explorer.lane_order.value if v not in ("International", "Russia")
    ]
    assert spec(explorer.figure)["layout"]["meta"]["lanes"][:3] == ["International", "Russia", "Crimea"]
    explorer.lane_order.value = ["Ceasefire talks"]  # lanes left out follow in their usual order
    assert spec(explorer.figure)["layout"]["meta"]["lanes"][:3] == ["Ceasefire talks", "Crimea", "Ukraine"]


def test_explorer_html_is_escaped_everywhere(explorer):
    explorer.search.value = "trump"
    explorer._accordion.selected_index = 1
    for box in (explorer.table, explorer.alt, explorer.count, explorer.key, explorer.details):
        assert "<script>" not in box.value
    assert "&lt;script&gt;" in explorer.table.value


def test_explorer_with_no_events_shows_an_empty_state(tables):
    explorer = tl.TimelineExplorer(**{**tables, "events": tables["events"].iloc[:0]})
    assert "no events in the data" in explorer.status.value
    assert spec(explorer.figure)["layout"]["meta"]["empty"] is True


def test_explorer_marks_the_call_and_keeps_a_date_axis(tables):
    explorer = tl.TimelineExplorer(**tables, preset="1 Mar–30 Apr 2025")
    d = spec(explorer.figure)
    assert [s["x0"] for s in d["layout"]["shapes"] if s.get("xref") == "x"] == ["2025-03-18"]
    assert "18 March 2025" in explorer.key.value
    for label in explorer.presets:
        explorer.presets[label].click()
        assert spec(explorer.figure)["layout"]["xaxis"]["type"] == "date"


def test_previous_and_next_buttons_step_through_the_list(explorer):
    ids = [value for _, value in explorer.event_list.options]
    explorer.next_button.click()
    assert explorer.selected == ids[0]
    explorer.next_button.click()
    assert explorer.selected == ids[1]
    explorer.previous_button.click()
    explorer.previous_button.click()
    assert explorer.selected == ids[-1]  # wraps around
    explorer.categories.value = ()
    explorer.next_button.click()  # nothing listed: nothing happens
    assert explorer.selected is None


def test_state_lives_in_the_controls_only(explorer):
    import lessons.timeline.explorer as module

    for name in ("_busy", "_sent", "_sent_layout", "_same", "_get_path", "_DYNAMIC"):
        assert not hasattr(explorer, name) and not hasattr(module, name)
    before = explorer.figure._rev
    explorer.refresh()  # nothing changed: nothing is sent
    assert explorer.figure._rev == before


# --------------------------------------------------------------------------- benchmark cases


def synthetic(tables, n: int) -> dict:
    """``n`` events made by repeating the fixture's rows with new ids and shifted dates."""
    base = tables["events"]
    frames = []
    for k in range(-(-n // len(base))):
        part = base.copy()
        part["id"] = part["id"] + f"-{k}"
        part["start_date"] = part["start_date"] + pd.Timedelta(days=k % 300)
        part["end_date"] = part["end_date"] + pd.Timedelta(days=k % 300)
        frames.append(part)
    events = pd.concat(frames).iloc[:n]
    events.index = pd.Index(events["id"], name="row")
    return {**tables, "events": events}


def test_benchmark_cases_each_interact(tables):
    from lessons.dev import bench_cases

    cases = bench_cases.timeline(tables)
    assert list(cases) == [
        "change category filter",
        "type a search",
        "change zoom preset",
        "click an event",
        "switch lanes",
    ]
    for case in cases.values():
        case()
        case()


def test_interactions_work_on_a_few_thousand_events(tables):
    """Large data must not break an interaction (its speed is measured by the benchmark, not here)."""
    from lessons.dev import bench_cases

    for case in bench_cases.timeline(synthetic(tables, 3000)).values():
        case()
        case()


def test_a_pasted_page_in_the_search_box_is_cut_to_its_start(explorer):
    """A 100,000-character paste searches its first characters only (no headline is longer), and the
    empty state quotes a short piece of it rather than the whole paste."""
    assert data.load("events")["headline"].str.len().max() < tl.explorer.MAX_QUERY
    explorer.search.value = "treaty " + "x" * 100_000
    assert explorer._state()[6] == ("treaty " + "x" * 100_000)[: tl.explorer.MAX_QUERY]
    assert "No event matches the search" in explorer.status.value and len(explorer.status.value) < 500
    explorer.search.value = "treaty"
    assert "No event matches" not in explorer.status.value and "1 event shown" in explorer.count.value


def test_outside_category_lanes_a_mark_shows_its_category_by_shape_and_key(tables):
    """By actor or story thread, a mark's category is not named on the axis: each category has its own shape
    as well as its colour, and the key above the explorer uses the same shapes, each with its name."""
    by_actor = spec(tl.timeline_figure(tables["events"], lane_by="actor", parties=tables["parties"]))
    marks = [t for t in by_actor["data"] if t.get("mode") == "markers+text"]
    symbols = {t["name"]: t["marker"]["symbol"] for t in marks}
    assert len(set(symbols.values())) == len(symbols) > 1, symbols
    by_category = spec(tl.timeline_figure(tables["events"]))
    assert {t["marker"]["symbol"] for t in by_category["data"] if t.get("mode") == "markers+text"} == {"circle"}
    explorer = tl.TimelineExplorer(**tables)
    explorer.lane_by.value = "actor"
    for cat, (_symbol, glyph) in style.CATEGORY_SYMBOLS.items():
        if style.CATEGORY_LABELS[cat] in symbols:
            assert glyph in explorer.key.value and style.CATEGORY_LABELS[cat] in explorer.key.value


def test_the_exported_explorer_keeps_plotly_zoom_buttons(explorer):
    """On the static site the explorer's presets have no kernel behind them; plotly's own zoom buttons,
    one per preset with events, stand in for them on the figure as first drawn (none when it is empty)."""
    spec_ = explorer.static_figure()
    labels = [b["label"] for b in spec_["layout"]["updatemenus"][0]["buttons"]]
    assert labels[-1] == "All" and "1991–2014" in labels
    assert shown_ids(spec_) == shown_ids(spec(explorer.figure))  # the same marks as the live first state
    assert not spec(explorer.figure)["layout"].get("updatemenus")  # the live figure has real controls
    explorer.search.value = "no event has this text"
    assert explorer.static_figure() is None


def test_an_exported_explorer_opened_on_a_preset_can_zoom_out(tables):
    """An explorer opened on a preset (lesson 00 opens on spring 2025) is exported on that range, with the
    other dates' events there for plotly's buttons to show."""
    ex = tl.TimelineExplorer(**tables, preset="1 Mar–30 Apr 2025")
    live, static = spec(ex.figure), ex.static_figure()
    assert static["layout"]["xaxis"]["range"] == live["layout"]["xaxis"]["range"]
    assert shown_ids(live) < shown_ids(static) and "ev-2014-03-27-unga" in shown_ids(static)
    assert "1991–2014" in [b["label"] for b in static["layout"]["updatemenus"][0]["buttons"]]
