"""Tests of the map view: the offline promise, the dated control layer, views, labels, hover names,
escaping, empty states and the explorer driven as a student would (on small tables and on the curated data)."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import plotly.graph_objects as go
import pytest

from lessons import geo, mapview
from lessons.mapview import MapExplorer, map_animation_figure, map_figure

# --------------------------------------------------------------------------- fixtures


def _ccw(points):
    ring = [list(p) for p in points] + [list(points[0])]
    return ring if geo.signed_area(ring) > 0 else ring[::-1]


def _box(x0, y0, x1, y1):
    return [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]


def _feature(props, *rings):
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": "Polygon", "coordinates": [_ccw(r) for r in rings]},
    }


CRIMEA = [(32.5, 45.4), (33.6, 44.4), (35.0, 44.8), (36.6, 45.3), (35.5, 45.5), (34.5, 46.1), (33.5, 46.2)]


def _borders():
    def props(fid, en, uk, ru, unit, country, lon, lat):
        return {
            "id": fid,
            "name_en": en,
            "name_uk": uk,
            "name_ru": ru,
            "unit_type": unit,
            "country": country,
            "label_lon": lon,
            "label_lat": lat,
            "source_ids": "naturalearth-admin1",
        }

    return {
        "type": "FeatureCollection",
        "features": [
            _feature(
                props("ua", "Ukraine (mainland)", "Україна", "Украина", "country-part", "Ukraine", 31.0, 49.0),
                _box(22.1, 46.2, 40.2, 52.4),
            ),
            _feature(
                props(
                    "ua-43",
                    "Autonomous Republic of Crimea",
                    "Автономна Республіка Крим",
                    "Автономная Республика Крым",
                    "autonomous-republic",
                    "Ukraine",
                    34.1,
                    45.3,
                ),
                CRIMEA,
            ),
            _feature(
                props(
                    "ua-40",
                    "Sevastopol",
                    "Севастополь",
                    "Севастополь",
                    "city-with-special-status",
                    "Ukraine",
                    33.6,
                    44.6,
                ),
                _box(33.4, 44.45, 33.9, 44.75),
            ),
            _feature(
                props("ru-near", "Russia (neighbouring area)", "Росія", "Россия", "country-part", "Russia", 42.5, 48.0),
                _box(40.2, 44.0, 45.0, 52.0),
            ),
        ],
    }


def _control():
    return {
        "type": "FeatureCollection",
        "features": [
            _feature(
                {
                    "id": "ctl-crimea-2014",
                    "name_en": "Crimea and Sevastopol",
                    "controlled_by": "ru",
                    "valid_from": "2014-02-27",
                    "valid_to": None,
                    "note": "Russian control since February 2014",
                    "source_ids": "un-20140327-ga-res-68-262",
                },
                CRIMEA,
            ),
            _feature(
                {
                    "id": "ctl-kherson-2022",
                    "name_en": "Kherson (city)",
                    "controlled_by": "ru",
                    "valid_from": "2022-03-02",
                    "valid_to": "2022-11-11",
                    "note": "",
                    "source_ids": "reuters-kherson",
                },
                _box(32.3, 46.4, 33.0, 46.9),
            ),
        ],
    }


PLACE_COLUMNS = [
    "id",
    "name_en",
    "name_uk",
    "name_ru",
    "name_crh",
    "lat",
    "lon",
    "kind",
    "in_crimea",
    "country",
    "controlled_by",
    "control_since",
    "control_note",
    "region_id",
    "source_ids",
]


def _places():
    rows = [
        (
            "pl-simferopol",
            "Simferopol",
            "Сімферополь",
            "Симферополь",
            "Aqmescit",
            44.95,
            34.10,
            "city",
            True,
            "Ukraine",
            "ru",
            "2014-02-27",
            "Under Russian control since February 2014.",
            "ua-43",
            ("gazetteer-a",),
        ),
        (
            "pl-sevastopol",
            "Sevastopol",
            "Севастополь",
            "Севастополь",
            "Aqyar",
            44.60,
            33.52,
            "naval-base",
            True,
            "Ukraine",
            "ru",
            "2014-02-27",
            "",
            "ua-40",
            ("gazetteer-a",),
        ),
        (
            "pl-kyiv",
            "Kyiv",
            "Київ",
            "Киев",
            None,
            50.45,
            30.52,
            "capital",
            False,
            "Ukraine",
            "ua",
            None,
            "",
            "ua",
            ("gazetteer-a",),
        ),
        (
            "pl-kherson",
            "Kherson",
            "Херсон",
            "Херсон",
            None,
            46.64,
            32.61,
            "city",
            False,
            "Ukraine",
            "ua",
            "2022-11-11",
            "Retaken by Ukraine in November 2022.",
            "ua",
            ("gazetteer-a", "reuters-kherson"),
        ),
        (
            "pl-odesa",
            "Odesa",
            "Одеса",
            "Одесса",
            None,
            46.48,
            30.73,
            "port",
            False,
            "Ukraine",
            "ua",
            None,
            "",
            "ua",
            ("gazetteer-a",),
        ),
        (
            "pl-zaporizhzhia-npp",
            "Zaporizhzhia nuclear power plant",
            "Запорізька АЕС",
            "Запорожская АЭС",
            None,
            47.51,
            34.59,
            "energy-facility",
            False,
            "Ukraine",
            "ru",
            "2022-03-04",
            "",
            "ua",
            ("gazetteer-a",),
        ),
        (
            "pl-washington",
            "Washington, D.C.",
            "Вашингтон",
            "Вашингтон",
            None,
            38.90,
            -77.04,
            "venue",
            False,
            "United States",
            "us",
            None,
            "",
            None,
            ("gazetteer-a",),
        ),
        (
            "pl-script",
            "<script>alert(1)</script>",
            "Скрипт",
            "Скрипт",
            None,
            49.0,
            28.0,
            "city",
            False,
            "Ukraine",
            "ua",
            None,
            "<b>note</b>",
            "ua",
            ("gazetteer-a",),
        ),
    ]
    frame = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    frame["control_since"] = pd.to_datetime(frame["control_since"])
    frame.index = pd.Index(frame["id"], name="row")
    return frame


def _events():
    rows = [
        ("ev-1991-12-01-referendum", "1991-12-01", "1 December 1991", "Independence referendum", "pl-kyiv"),
        (
            "ev-2014-02-27-parliament",
            "2014-02-27",
            "27 February 2014",
            "Armed men seize the Crimean parliament",
            "pl-simferopol",
        ),
        ("ev-2014-03-18-treaty", "2014-03-18", "18 March 2014", "Treaty <script>x</script> signed in Moscow", None),
        ("ev-2022-11-11-kherson", "2022-11-11", "11 November 2022", "Ukrainian forces enter Kherson", "pl-kherson"),
        ("ev-2025-03-18-call", "2025-03-18", "18 March 2025", "Trump-Putin call", "pl-washington"),
        ("ev-2025-03-25-black-sea", "2025-03-25", "25 March 2025", "Black Sea statements", "pl-odesa"),
    ]
    frame = pd.DataFrame(rows, columns=["id", "start_date", "display_date", "headline", "place_id"])
    frame["start_date"] = pd.to_datetime(frame["start_date"])
    frame["source_ids"] = [("gazetteer-a",)] * len(frame)
    return frame


def _votes():
    rows = [
        ("vo-1991-crimea-yes", "1991-12-01-independence", "1991-12-01", "Crimean ASSR", "ua-43", "yes", 54.19),
        ("vo-1991-sevastopol-yes", "1991-12-01-independence", "1991-12-01", "Sevastopol", "ua-40", "yes", 57.07),
        ("vo-1991-ukraine-yes", "1991-12-01-independence", "1991-12-01", "all Ukraine", None, "yes", 90.32),
        ("vo-1991-crimea-no", "1991-12-01-independence", "1991-12-01", "Crimean ASSR", "ua-43", "no", 42.16),
        ("vo-2014-crimea-yes", "2014-03-16-crimea", "2014-03-16", "Crimea", "ua-43", "yes", 96.77),
    ]
    frame = pd.DataFrame(rows, columns=["id", "vote", "date", "area", "region_id", "option", "share_pct"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame["share_base"] = "ballots-cast"
    frame["figure_status"] = ["official", "official", "official", "official", "claimed"]
    frame["source_ids"] = [("cec-1991",)] * len(frame)
    return frame


def _sources():
    rows = [
        (
            "un-20140327-ga-res-68-262",
            "United Nations",
            "Resolution 68/262",
            "2014-03-27",
            "day",
            "https://example.org/un",
            "primary",
            "UN",
        ),
        (
            "gazetteer-a",
            "Gazetteer <script>",
            "Place names",
            "2025-01-01",
            "year",
            "https://example.org/g",
            "secondary",
            "reference work",
        ),
        (
            "reuters-kherson",
            "Reuters",
            "Kherson",
            "2022-11-11",
            "day",
            "https://example.org/r",
            "secondary",
            "independent media",
        ),
        (
            "cec-1991",
            "Central Election Commission",
            "Results",
            "1991-12-05",
            "day",
            "https://example.org/c",
            "primary",
            "Ukrainian government",
        ),
    ]
    frame = pd.DataFrame(rows, columns=["id", "publisher", "title", "date", "date_precision", "url", "kind", "voice"])
    frame["date"] = pd.to_datetime(frame["date"])
    frame.index = pd.Index(frame["id"], name="row")
    return frame


@pytest.fixture()
def tables():
    return {
        "borders": _borders(),
        "control": _control(),
        "places": _places(),
        "events": _events(),
        "votes": _votes(),
        "sources": _sources(),
    }


def _fig(tables, **kw):
    return map_figure(
        tables["borders"],
        tables["control"],
        tables["places"],
        tables["events"],
        votes=tables["votes"],
        sources=tables["sources"],
        **kw,
    )


def _explorer(tables):
    return MapExplorer(
        borders=tables["borders"],
        control=tables["control"],
        places=tables["places"],
        events=tables["events"],
        votes=tables["votes"],
        sources=tables["sources"],
    )


def _visible(fig):
    return [t for t in fig.data if t.visible is not False]


def _names(fig):
    return [t.name for t in _visible(fig)]


def _control_traces(fig):
    return [t for t in _visible(fig) if t.fill == "toself" and "control" in (t.legendgroup or "")]


def _hover(fig):
    return "\n".join(h for t in _visible(fig) for h in (t.hovertext or ()) if h)


# --------------------------------------------------------------------------- offline promise


def _walk(node, path=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield f"{path}.{k}", k, v
            yield from _walk(v, f"{path}.{k}")
    elif isinstance(node, (list, tuple)):
        for i, v in enumerate(node):
            yield from _walk(v, f"{path}[{i}]")


FORBIDDEN_TYPES = {
    "choropleth",
    "choroplethmap",
    "choroplethmapbox",
    "scattermapbox",
    "scattermap",
    "densitymap",
    "densitymapbox",
}


def _network_problems(fig: go.Figure) -> list[str]:
    """Everything in a figure's JSON that would make plotly.js fetch from the network."""
    spec = json.loads(fig.to_json())
    layout = dict(spec.get("layout", {}))
    template = layout.pop("template", {}) or {}
    problems = []
    for path, _key, value in _walk(spec):  # URLs anywhere, the template included
        if isinstance(value, str) and ("http://" in value or "https://" in value or "//cdn" in value):
            problems.append(f"{path}: URL {value[:60]}")
    drawn = {"data": spec.get("data", []), "frames": spec.get("frames", []), "layout": layout}
    for path, key, value in _walk(drawn):
        if key == "type" and isinstance(value, str) and value.lower() in FORBIDDEN_TYPES:
            problems.append(f"{path}: trace type {value}")
        if key in ("locations", "locationmode", "geojson"):
            problems.append(f"{path}: {key}")
        if key in ("mapbox", "map") and isinstance(value, dict):
            problems.append(f"{path}: a tile map")
        if key == "style" and (".mapbox" in path or ".map." in path):
            problems.append(f"{path}: map style")
    for trace in spec["data"] + [d for f in spec.get("frames", []) for d in f.get("data", [])]:
        if trace.get("type", "scatter") != "scattergeo":
            problems.append(f"trace of type {trace.get('type')}: only scattergeo is allowed")
    # plotly.js takes a template's value for any attribute the figure leaves unset
    geo_keys = sorted(k for k in layout if k.startswith("geo"))
    if not geo_keys:
        problems.append("no geo subplot settings")
    for key in geo_keys:
        effective = {**template.get("layout", {}).get("geo", {}), **layout[key]}
        for name, value in effective.items():
            if name.startswith("show") and value:
                problems.append(f"{key}.{name} is on (plotly.js fetches a topojson base map)")
        if effective.get("visible", True) is not False:
            problems.append(f"{key}.visible is not False (plotly.js would draw and fetch its base map)")
    return problems


def _all_map_figures(tables):
    figs = {f"view {v}": _fig(tables, view=v) for v in mapview.VIEWS}
    figs["overview before any data"] = _fig(tables, as_of="1980-01-01")
    figs["no kinds"] = _fig(tables, kinds=())
    figs["animation"] = map_animation_figure(
        tables["borders"],
        tables["control"],
        tables["places"],
        tables["events"],
        votes=tables["votes"],
        sources=tables["sources"],
    )
    ex = _explorer(tables)
    ex.set_view("2014")
    ex.select("pl-simferopol")
    figs["explorer widget"] = go.Figure(ex.figure.figure)
    return figs


def test_map_figures_fetch_nothing(tables):
    figures = _all_map_figures(tables)
    assert len(figures["animation"].frames) >= 5
    for name, fig in figures.items():
        assert _network_problems(fig) == [], name


def test_maps_stay_offline_under_a_template_that_turns_layers_on(tables):
    # visible=False only sets the layers' default: plotly_white's geo.showland would still fetch a base map
    naive = go.Figure(go.Scattergeo(lon=[30], lat=[50]), layout={"template": "plotly_white"})
    naive.update_geos(visible=False)
    assert any("showland" in p for p in _network_problems(naive))
    ours = _fig(tables, as_of="2025-03-18")
    ours.update_layout(template="plotly_white")
    assert _network_problems(ours) == []


def test_the_network_check_itself_catches_a_choropleth(tables):
    bad = go.Figure(go.Choropleth(locations=["UKR"], z=[1]))
    bad.update_geos(showcountries=True)
    problems = " ".join(_network_problems(bad))
    assert "choropleth" in problems and "locations" in problems and "showcountries" in problems
    tiles = go.Figure(go.Scattermap(lon=[30], lat=[50]), layout={"map": {"style": "open-street-map"}})
    tiles.add_annotation(text="see https://example.org")
    problems = " ".join(_network_problems(tiles))
    assert "scattermap" in problems and "tile map" in problems and "URL" in problems


def test_filled_rings_are_clockwise_as_drawn(tables):
    fig = _fig(tables, as_of="2025-03-18")
    for trace in fig.data:
        if trace.fill != "toself":
            continue
        lon = [v for v in trace.lon]
        lat = [v for v in trace.lat]
        ring = [(x, y) for x, y in zip(lon, lat) if x == x][:]
        assert geo.signed_area(ring) < 0 or len(ring) < 4, trace.name


# --------------------------------------------------------------------------- the dated control layer (small tables)


def test_without_a_history_table_each_control_feature_is_one_dated_row(tables):
    assert _control_traces(_fig(tables, as_of="2014-02-26")) == []
    names = [t.name for t in _control_traces(_fig(tables, as_of="2014-03-27"))]
    assert names == ["Crimea: under Russian control since 27 February 2014"]
    kherson = [t.name for t in _control_traces(_fig(tables, as_of="2022-06-01"))]
    assert any(n.startswith("Kherson") for n in kherson)
    assert not any(n.startswith("Kherson") for n in [t.name for t in _control_traces(_fig(tables, as_of="2022-11-11"))])


def test_borders_draw_crimea_as_ukraine_and_the_legend_names_what_is_drawn(tables):
    fig = _fig(tables, as_of="2025-03-18")
    crimea = next(t for t in fig.data if t.fill == "toself" and t.legendgroup == "base-ua" and t.lon is not None)
    assert crimea.fillcolor == mapview_colour("ua")
    legend = [t.name for t in fig.data if t.showlegend]
    assert "Ukraine, internationally recognised (incl. Crimea)" in legend
    assert not any("per " in (n or "") for n in legend), "the legend names what is drawn, not its sources"


def mapview_colour(key):
    from lessons.style import MAP_COLOURS

    return MAP_COLOURS[key]


def test_point_of_view_is_stated_and_escaping_is_plotly_safe(tables):
    fig = _fig(tables, as_of="2025-03-18")
    texts = [a.text for a in fig.layout.annotations]
    assert any("68/262" in t for t in texts)
    hover = _hover(fig)
    assert "<script>" not in hover and "&lt;script&gt;" in hover
    assert "&quot;" not in fig.to_json() and "&#x27;" not in fig.to_json()


def test_place_and_sea_labels_are_text_on_the_map(tables):
    fig = _fig(tables, as_of="2025-03-18")
    texts = [x.strip("\u2002") for t in fig.data if t.mode == "text" and t.text is not None for x in t.text]
    for name in (
        "Kyiv",
        "Simferopol",
        "Sevastopol",
        "Odesa",
        "Kherson",
        "<i>Black Sea</i>",
        "<i>Sea of Azov</i>",
        "RUSSIA",
        "UKRAINE",
    ):
        assert name in texts, name
    sizes = [t.textfont.size for t in fig.data if t.mode == "text"]
    flat = [s for v in sizes for s in (v if isinstance(v, (list, tuple)) else [v])]
    assert min(flat) >= 13


def test_empty_borders_and_unknown_view(tables):
    empty = map_figure({"type": "FeatureCollection", "features": []})
    assert "empty" in empty.layout.annotations[0].text
    with pytest.raises(ValueError):
        _fig(tables, view="nope")


def test_date_before_any_data_says_so(tables):
    fig = _fig(tables, as_of="1980-01-01")
    assert any("No dated data before" in a.text for a in fig.layout.annotations)


def test_no_kinds_selected_says_so(tables):
    ex = _explorer(tables)
    ex.set_kinds(())
    assert "No place kind selected" in ex.details.value


def test_animation_has_a_native_date_slider_and_play_button(tables):
    fig = map_animation_figure(
        tables["borders"],
        tables["control"],
        tables["places"],
        tables["events"],
        votes=tables["votes"],
        sources=tables["sources"],
    )
    assert fig.layout.sliders and fig.layout.updatemenus and len(fig.frames) >= 5
    assert _network_problems(fig) == []


def test_explorer_on_the_engine_reads_its_state_from_the_controls(tables):
    ex = _explorer(tables)
    assert type(ex.figure).__name__ == "PlotView"
    ex.set_view("2014")
    assert ex.date_slider.value == dt.date(2014, 3, 27) and ex.state.view == "2014"
    ex.set_date("2014-02-26")
    assert ex.figure.figure["layout"]["meta"]["as_of"] == ex.date_slider.value.isoformat()
    ex.reset()
    assert ex.view_buttons.value == "overview" and ex.selected is None
    assert not hasattr(ex, "_syncing") and not hasattr(ex, "_changes")


def test_explorer_click_on_a_marker_selects_the_place(tables):
    ex = _explorer(tables)
    data = ex.figure.figure["data"]
    ti = next(i for i in ex.parts["places"] if "pl-simferopol" in (data[i].get("customdata") or []))
    ex.figure.click(ti, data[ti]["customdata"].index("pl-simferopol"))
    assert ex.selected == "pl-simferopol" and "Simferopol" in ex.details.value
    ex.select("pl-nowhere")
    assert "No place with id" in ex.details.value


def test_place_menu_reaches_every_place_without_the_map(tables):
    """The keyboard's way to a place's details: the Place menu holds every place, by name and kind; choosing
    one shows its details and rings it on the map; a click on the map shows in the menu; Reset clears it."""
    ex = _explorer(tables)
    ids = [pid for _label, pid in ex.place_menu.options if pid]
    assert sorted(ids) == sorted(ex.model.all_places) and ex.place_menu.value is None
    labels = [label for label, pid in ex.place_menu.options if pid]
    assert labels == sorted(labels, key=str.casefold) and all(" \u2014 " in label for label in labels)
    ex.place_menu.value = "pl-simferopol"
    assert "Simferopol" in ex.details.value and ex.state.selected == "pl-simferopol"
    ring = next(t for t in ex.figure.figure["data"] if t.get("name") == "Selected place")
    place = ex.model.all_places["pl-simferopol"]
    assert ring["visible"] and (ring["lon"], ring["lat"]) == ([place["lon"]], [place["lat"]])
    data = ex.figure.figure["data"]
    ti = next(i for i in ex.parts["places"] if "pl-sevastopol" in (data[i].get("customdata") or []))
    ex.figure.click(ti, data[ti]["customdata"].index("pl-sevastopol"))
    assert ex.place_menu.value == "pl-sevastopol"
    ex.reset()
    assert ex.place_menu.value is None and "Place menu" in ex.details.value


def test_play_stop_and_loop_have_accessible_names(tables):
    ex = _explorer(tables)
    assert ex.play_button.description == "Play" and ex.stop_button.description == "Stop"
    assert ex.loop.description == "Loop" and ex.play.layout.display == "none"
    ex.play_button.click()
    assert ex.play.playing
    ex.stop_button.click()
    assert not ex.play.playing


# --------------------------------------------------------------------------- the curated data: what a student sees


@pytest.fixture(scope="module")
def model():
    from lessons.mapview import model_for

    return model_for()


def _status(model, pid, day):
    return model.place_status(model.all_places[pid], dt.date.fromisoformat(day))


@pytest.mark.parametrize(
    "day,pid,expected",
    [
        ("1991-01-20", "pl-chonhar", "Ukrainian SSR"),
        ("1991-01-20", "pl-syvash", "Ukrainian SSR"),
        ("2010-04-27", "pl-chonhar", "Controlled by Ukraine"),
        ("2014-02-28", "pl-belbek", "Contested"),
        ("2014-03-16", "pl-belbek", "Contested"),
        ("2014-03-21", "pl-belbek", "Contested"),
        ("2014-03-22", "pl-belbek", "Controlled by Russia since 22 March 2014"),
        ("2014-03-18", "pl-yalta", "Contested"),
        ("2014-03-27", "pl-yalta", "Controlled by Russia"),
        ("2014-03-01", "pl-simferopol", "Controlled by Russia"),
        ("2014-03-18", "pl-chonhar", "Partly held"),
        ("2016-01-01", "pl-chonhar", "Controlled by Ukraine"),
        ("2025-03-18", "pl-chonhar", "Controlled by Russia since 2022"),
        ("2021-08-23", "pl-zaporizhzhia-npp", "Controlled by Ukraine"),
        ("2025-03-18", "pl-zaporizhzhia-npp", "Controlled by Russia since 4 March 2022"),
        ("2022-06-01", "pl-kherson", "Controlled by Russia"),
        ("2025-03-18", "pl-kherson", "Controlled by Ukraine since 11 November 2022"),
        ("2025-03-10", "pl-sudzha", "Ukraine"),
        ("2025-03-18", "pl-sudzha", "Controlled by Russia since 13 March 2025"),
        ("1921-10-18", "pl-simferopol", "Russian SFSR (a republic of the USSR from 1922) since 18 October 1921"),
        ("1944-05-18", "pl-sevastopol", "Russian SFSR"),
        ("1954-02-19", "pl-simferopol", "Ukrainian SSR"),
        ("1921-10-18", "pl-kherson", "Ukrainian SSR"),  # the mainland: the Ukrainian SSR throughout
    ],
)
def test_control_on_each_key_date_says_only_what_the_rows_show(model, day, pid, expected):
    assert expected in _status(model, pid, day)


def test_before_1954_the_map_says_crimea_was_part_of_the_russian_sfsr(model):
    """A browser walk through the exported map found the 1921 date titled "Ukraine's internationally
    recognised borders" with Crimea in Ukraine's colour and its places "Controlled by the Ukrainian SSR".
    Until the decree of 19 February 1954 Crimea was in the Russian SFSR: the title, the shading (its own
    dated row, ch-crimea-rsfsr), the legend and the note say so, and from that date they no longer do."""
    from lessons.mapview.layout import drawn_note, shading, title
    from lessons.mapview.model import MapState
    from lessons.mapview.traces import traces

    for day, before in ((dt.date(1921, 10, 18), True), (dt.date(1944, 5, 18), True), (dt.date(1954, 2, 19), False)):
        state = MapState(day, "overview", None)
        head, shade, note = title(model, state), shading(model, day), drawn_note(model, day)
        legends = [t["name"] for t in traces(model, state) if t.get("fill") and t.get("visible")]
        if before:
            assert "Ukraine's internationally recognised borders" not in head and "transfer" in head
            assert shade == "Crimea part of the Russian SFSR (a republic of the USSR from 1922)"
            assert "Until 19 February 1954 Crimea belonged to the Russian SFSR" in note
            assert (
                "Crimea: part of the Russian SFSR<br>(a republic of the USSR from 1922)<br>until 19 February 1954"
                in legends
            )
        else:
            assert head.startswith("Ukraine's internationally recognised borders, 19 February 1954")
            assert shade == "no area shaded as under Russian control" and "Russian SFSR" not in note
            assert not any("Russian SFSR" in name or "Russian control" in name for name in legends)
    assert dt.date(1954, 2, 19) in model.key_dates()  # the transfer is a date on the slider


def test_chonhar_and_syvash_are_never_russian_in_1991(model):
    for pid in ("pl-chonhar", "pl-syvash"):
        status = _status(model, pid, "1991-01-20")
        assert "Russia" not in status and "throughout" not in status


def test_the_crimean_bridge_is_absent_before_2018(model):
    from lessons.mapview import map_figure as curated_map

    for day in ("1991-12-01", "2010-04-27", "2018-05-14"):
        fig = curated_map(as_of=day)
        drawn = [c for t in fig.data if t.customdata is not None for c in t.customdata]
        assert "pl-crimean-bridge" not in drawn, day
        assert "did not exist" in _status(model, "pl-crimean-bridge", day).lower()
    fig = curated_map(as_of="2018-05-15")
    assert "pl-crimean-bridge" in [c for t in fig.data if t.customdata is not None for c in t.customdata]


def test_every_history_row_is_sourced_and_points_somewhere(model):
    from lessons import data

    sources = set(data.load("sources").index)
    for r in model.records:
        assert r.source_ids and set(r.source_ids) <= sources, r.id
        assert (r.place_id in model.all_places) or r.area_id, r.id


def test_the_2025_map_is_honest_about_what_it_draws():
    from lessons.mapview import map_figure as curated_map

    fig = curated_map(as_of="2025-03-18", view="2025")
    title = fig.layout.title.text
    assert "Shaded: Crimea under Russian control" in title and 'Russian control"' not in title
    note = " ".join(a.text for a in fig.layout.annotations)
    assert "Only Crimea's control is shaded" in note and "front line" in note and "not drawn" in note
    assert "30 September 2022" in note and "ES-11/4" in note
    rings = next(t for t in fig.data if (t.name or "").startswith("Place under Russian control"))
    assert "pl-zaporizhzhia-npp" in rings.lon.__class__.__name__ or len(rings.lon) >= 2
    hover = _hover(fig)
    assert "Controlled by Russia since 4 March 2022" in hover


def test_2014_key_days_are_on_the_slider(model):
    days = set(model.key_dates())
    for d in ("2014-02-27", "2014-03-01", "2014-03-16", "2014-03-18", "2014-03-21", "2014-03-22", "2014-03-27"):
        assert dt.date.fromisoformat(d) in days, d


@pytest.mark.parametrize(
    "day,words",
    [
        ("1991-12-01", "no area shaded"),
        ("2014-03-01", "Crimea contested"),
        ("2014-03-18", "Crimea contested"),
        ("2014-03-27", "Crimea under Russian control"),
    ],
)
def test_title_follows_the_date(day, words):
    from lessons.mapview import map_figure as curated_map

    fig = curated_map(as_of=day, view="2014")
    assert words in fig.layout.title.text
    from lessons.html import fmt_day

    assert fmt_day(dt.date.fromisoformat(day)) in fig.layout.title.text


def test_curated_maps_are_offline_and_small():
    from lessons.mapview import map_animation_figure as anim
    from lessons.mapview import map_figure as curated_map

    for view in ("overview", "2014", "vote-1991", "2025"):
        fig = curated_map(view=view)
        assert _network_problems(fig) == [], view
        assert len(fig.to_json()) < 150_000, view
    animation = anim()
    assert _network_problems(animation) == [] and len(animation.to_json()) < 400_000


def test_curated_table_has_no_ids_and_sources_by_publisher():
    from lessons.mapview import map_table as curated_table

    frame = curated_table(as_of="2014-03-18", view="2014")
    assert list(frame.columns)[:5] == [
        "Place or region",
        "Kind",
        "Internationally recognised as part of",
        "Control on this date",
        "Sources",
    ]
    assert not frame["Sources"].str.contains("wikipedia-").any()
    assert "pl-crimean-bridge" not in frame.index


def test_bench_cases_run_on_curated_data():
    from lessons import data
    from lessons.dev import bench_cases

    tables = {n: data.load(n) for n in ("places", "events", "votes", "sources", "parties", "control_history")}
    tables["borders"], tables["control"] = data.geojson("borders"), data.geojson("control")
    cases = bench_cases.mapview(tables)
    assert list(cases) == ["move the date slider", "change view", "select a place", "filter place kinds"]
    for run in cases.values():
        run()


# --------------------------------------------------------------------------- review U4: each side's strike claims


def _claims(fig):
    return {t.meta["party"]: t for t in fig.data if (t.meta or {}).get("role") == "strike-claims"}


def test_the_2025_view_marks_strike_claims_from_each_side(tables):
    """Each side's accusations of strikes on energy are marked, as claims, at the places they name, in the 2025
    view only, from the day each was made."""
    events = tables["events"].copy()
    extra = pd.DataFrame(
        [
            ("ev-2025-03-21-ru", "2025-03-21", "21 March 2025", "Russia says Ukraine hit a gas station", "pl-kherson"),
            ("ev-2025-03-27-ua", "2025-03-27", "27 March 2025", "Ukraine says Russian shelling hit power", "pl-odesa"),
            ("ev-2025-03-28-x", "2025-03-28", "28 March 2025", "Talks on energy", "pl-kyiv"),  # nobody's claim
        ],
        columns=["id", "start_date", "display_date", "headline", "place_id"],
    )
    extra["start_date"] = pd.to_datetime(extra["start_date"])
    extra["source_ids"] = [("gazetteer-a",)] * len(extra)
    events["category"] = "diplomacy"
    extra["category"] = "energy"
    tables = {**tables, "events": pd.concat([events, extra], ignore_index=True)}
    claims = _claims(_fig(tables, as_of="2025-04-18", view="2025"))
    assert set(claims) == {"ru", "ua"}
    assert list(claims["ru"].customdata) == ["pl-kherson"] and list(claims["ua"].customdata) == ["pl-odesa"]
    assert claims["ru"].name == "Strikes on energy, as Russia claims" and claims["ru"].visible
    assert claims["ua"].name == "Strikes on energy, as Ukraine claims" and claims["ua"].visible
    assert claims["ru"].marker.symbol != claims["ua"].marker.symbol  # told apart by shape, not colour only
    assert "accusation (a claim, not verified here)" in claims["ua"].hovertext[0]
    assert "27 March 2025: Ukraine says" in claims["ua"].hovertext[0]
    early = _claims(_fig(tables, as_of="2025-03-24", view="2025"))
    assert list(early["ru"].customdata) == ["pl-kherson"] and not ("ua" in early and early["ua"].visible)
    for view in ("overview", "2014"):
        assert not any(t.visible for t in _claims(_fig(tables, as_of="2025-04-18", view=view)).values()), view
    alt = _fig(tables, as_of="2025-04-18", view="2025").layout.meta["alt"]
    assert "Russia's at 1 place" in alt and "Ukraine's at 1 place" in alt


def test_the_curated_2025_map_marks_russian_and_ukrainian_claims_during_the_pause():
    from lessons.mapview import map_figure as curated_map

    fig = curated_map(as_of="2025-04-18", view="2025")
    claims = _claims(fig)
    assert claims["ru"].visible and claims["ua"].visible
    assert {"pl-sudzha", "pl-kropotkinskaya"} <= set(claims["ru"].customdata)
    assert "pl-kherson" in set(claims["ua"].customdata)
    legend = [t.name for t in fig.data if t.showlegend and t.visible]
    assert "Strikes on energy, as Russia claims" in legend and "Strikes on energy, as Ukraine claims" in legend
    # the day the Kremlin said the moratorium had run out is on the slider, so a class can reach this state
    from lessons.mapview import model_for

    assert dt.date(2025, 4, 18) in set(model_for().key_dates())


def test_clicking_a_claim_marker_selects_its_place():
    ex = MapExplorer()
    ex.date_slider.value = dt.date(2025, 4, 18)
    ex.set_view("2025")
    ex.date_slider.value = dt.date(2025, 4, 18)
    data = ex.figure.figure["data"]
    ti = next(i for i in ex.parts["claims"] if "pl-kherson" in (data[i].get("customdata") or []))
    ex._on_click({"trace": ti, "customdata": "pl-kherson"})
    assert ex.place_menu.value == "pl-kherson"


def test_coordinates_name_the_hemisphere_and_never_a_minus_sign():
    """Review W051: New York read "-73.968° E". An atlas writes 73.968° W."""
    from lessons.mapview.records import coordinates

    assert coordinates(40.7489, -73.968) == "40.749° N, 73.968° W"
    assert coordinates(-33.9, 18.4) == "33.900° S, 18.400° E"
    assert coordinates(44.952, 34.102) == "44.952° N, 34.102° E"
    assert coordinates(None, 34.1) == coordinates(float("nan"), 34.1) == ""


def test_a_place_west_of_greenwich_reads_west_in_its_details():
    from lessons.mapview import MapExplorer

    ex = MapExplorer()
    ex.select("pl-new-york")
    assert "73.968° W" in ex.details.value and "° E" not in ex.details.value.split("Coordinates")[1][:40]


def test_a_date_before_the_first_key_date_shows_the_first_and_the_slider_agrees():
    """Review W038: set_date('1800-01-01') left the slider on 19 May 2025 while the map drew 1 January
    1800. Any date moves the slider to the latest key date not after it (the first, when none is), and
    the map, the slider and the title say the same day."""
    from lessons.mapview import MapExplorer

    ex = MapExplorer()
    ex.set_date("1800-01-01")
    assert ex.state.as_of == ex.date_slider.value == ex.dates[0]
    ex.set_date("2014-03-20")
    assert ex.state.as_of == ex.date_slider.value == max(d for d in ex.dates if d <= dt.date(2014, 3, 20))
    ex.set_date("2099-01-01")
    assert ex.state.as_of == ex.date_slider.value == ex.dates[-1]
    ex.set_date("not a date")
    assert "is not a date" in ex.details.value and ex.state.as_of == ex.dates[-1]


def test_no_legend_line_is_long_enough_to_squeeze_the_map(model):
    """A student walk found the 1921 legend entry on one line of 88 characters: the legend took half the
    figure and the map shrank beside it. Every entry, on every key date and view, keeps to lines of 50."""
    from lessons.mapview.model import VIEWS, MapState
    from lessons.mapview.traces import traces

    for day in model.key_dates():
        for view in VIEWS:
            for t in traces(model, MapState(day, view, None)):
                if t.get("visible") and t.get("showlegend"):
                    longest = max(len(line) for line in t["name"].split("<br>"))
                    assert longest <= 50, (str(day), view, t["name"])
