"""The data package: the real validator, provenance, coverage floors, geography,
and corruption cases that must each be rejected with file, line and column."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from lessons import data, geo

DATA = Path(data.DATA_DIR)
PKG = data.package()
TABLES = PKG.tables


# --------------------------------------------------------------------------- the real validator


def test_frictionless_validates_the_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "message"])[:20]


def test_every_csv_resource_is_described_and_every_file_is_a_resource():
    described = {r["path"] for r in PKG.descriptor["resources"]}
    on_disk = {p.name for p in DATA.iterdir() if p.suffix in {".csv", ".geojson"}}
    assert described == on_disk
    assert PKG.descriptor["as_of"] and "68/262" in PKG.point_of_view


def test_no_row_is_dropped_on_load():
    for res in PKG.descriptor["resources"]:
        if res.get("type") == "json":
            continue
        with open(DATA / res["path"], newline="", encoding="utf-8") as fh:
            records = sum(1 for _ in csv.DictReader(fh))
        assert len(TABLES[res["name"]]) == records, res["name"]


# --------------------------------------------------------------------------- provenance and coverage


@pytest.mark.parametrize("name", [n for n in TABLES if n != "sources"])
def test_every_row_cites_sources_that_exist(name):
    frame = TABLES[name]
    known = set(TABLES["sources"].index)
    assert len(frame) > 0, f"{name} is empty"
    for row_id, ids in frame["source_ids"].items():
        assert ids, f"{name} {row_id} cites no source"
        assert set(ids) <= known, f"{name} {row_id} cites unknown {set(ids) - known}"


def test_every_geojson_feature_cites_sources_that_exist():
    known = set(TABLES["sources"].index)
    for name, layer in PKG.layers.items():
        for feat in layer["features"]:
            ids = data.split_ids(feat["properties"]["source_ids"])
            assert ids and set(ids) <= known, (name, feat["properties"]["id"])


def test_every_source_is_cited():
    cited = set()
    for name, frame in TABLES.items():
        if "source_ids" in frame and name != "sources":
            cited.update(i for ids in frame["source_ids"] for i in ids)
    for layer in PKG.layers.values():
        for feat in layer["features"]:
            cited.update(data.split_ids(feat["properties"]["source_ids"]))
    unused = set(TABLES["sources"].index) - cited
    assert not unused, f"sources nobody cites: {sorted(unused)}"


def test_coverage_floors():
    ev = TABLES["events"]
    assert len(TABLES["sources"]) >= 40
    assert len(ev) >= 120
    crimea = ev[(ev.start_date >= "1991-01-01") & (ev.start_date <= "2014-12-31")]
    bridge = ev[(ev.start_date > "2014-12-31") & (ev.start_date < "2025-02-01")]
    spring = ev[(ev.start_date >= "2025-02-01") & (ev.start_date <= "2025-05-31")]
    assert len(crimea) >= 60 and len(bridge) >= 10 and len(spring) >= 25, (len(crimea), len(bridge), len(spring))
    march_2014 = ev[(ev.start_date >= "2014-02-20") & (ev.start_date <= "2014-03-27")]
    assert len(march_2014) >= 15
    assert (ev.type == "era").sum() >= 4
    assert len(TABLES["places"]) >= 40
    assert len(TABLES["positions"]) >= 40
    assert len(TABLES["glossary"]) >= 30
    assert {"us", "ru", "ua", "eu"} <= set(TABLES["positions"].party_id)
    assert len(set(TABLES["positions"].issue)) == len(PKG.schema("positions")["fields"][2]["constraints"]["enum"])


def test_both_source_kinds_and_many_voices():
    src = TABLES["sources"]
    assert {"primary", "secondary"} <= set(src.kind)
    assert src.voice.nunique() >= 5
    for voice in ("US government", "Russian government", "Ukrainian government", "UN"):
        assert voice in set(src.voice), voice


def test_white_house_wording_cites_the_white_house_readout_itself():
    src = TABLES["sources"]
    ro = TABLES["readouts"]
    for row_id, row in ro[ro.in_white_house.astype(bool)].iterrows():
        cited = src.loc[list(row.source_ids)]
        assert ((cited.kind == "primary") & (cited.voice == "US government")).any(), row_id


def test_claimed_vote_figures_are_marked_as_such():
    votes = TABLES["votes"]
    vote_2014 = votes[votes.date == "2014-03-16"]
    assert len(vote_2014) > 0
    assert (vote_2014.figure_status != "official").all(), "the 16 March 2014 figures are organisers' claims"
    assert vote_2014.note.fillna("").str.contains("68/262").any()
    shares = votes.dropna(subset=["share_pct"])
    assert shares.share_base.notna().all(), "every share states its base"


def test_places_in_crimea_have_all_four_names():
    places = TABLES["places"]
    crimea = places[places.in_crimea.astype(bool)]
    assert len(crimea) >= 10
    assert crimea[["name_en", "name_uk", "name_ru", "name_crh"]].notna().all().all()
    assert (crimea.country == "Ukraine").all(), "recognised country per UNGA 68/262"


# --------------------------------------------------------------------------- geography


def _feature(layer: str, fid: str) -> dict:
    return next(f["geometry"] for f in PKG.layers[layer]["features"] if f["properties"]["id"] == fid)


def _crimea_contains(lon: float, lat: float) -> bool:
    return any(geo.contains(_feature("borders", fid), lon, lat) for fid in geo.CRIMEA_IDS)


def test_crimea_area_is_within_five_percent_of_27000_km2():
    area = sum(geo.area_km2(_feature("borders", fid)) for fid in geo.CRIMEA_IDS)
    assert abs(area - 27_000) / 27_000 <= 0.05, f"{area:.0f} km²"


@pytest.mark.parametrize(
    "place", ["pl-simferopol", "pl-sevastopol", "pl-kerch", "pl-yalta", "pl-feodosia", "pl-yevpatoria", "pl-dzhankoi"]
)
def test_crimean_cities_are_inside_crimea(place):
    row = TABLES["places"].loc[place]
    assert _crimea_contains(row.lon, row.lat)


@pytest.mark.parametrize("place", ["pl-kherson", "pl-henichesk", "pl-odesa", "pl-novorossiysk"])
def test_cities_beyond_crimea_are_outside_it(place):
    row = TABLES["places"].loc[place]
    assert not _crimea_contains(row.lon, row.lat)


def test_sevastopol_is_its_own_feature_and_contains_the_city():
    row = TABLES["places"].loc["pl-sevastopol"]
    assert geo.contains(_feature("borders", "ua-40"), row.lon, row.lat)
    assert not geo.contains(_feature("borders", "ua-43"), row.lon, row.lat)


def test_perekop_isthmus_is_the_northern_neck_near_46_15_north():
    lats = [pt[1] for poly in geo.polygons(_feature("borders", "ua-43")) for pt in poly[0]]
    assert 45.9 <= max(lats) <= 46.4


def test_geojson_is_small():
    total = sum((DATA / r["path"]).stat().st_size for r in PKG.descriptor["resources"] if r.get("type") == "json")
    assert total <= 300 * 1024, f"{total / 1024:.0f} KB"


def test_control_layer_is_dated_and_separate_from_borders():
    feats = PKG.layers["control"]["features"]
    assert feats and all(f["properties"]["valid_from"] for f in feats)
    assert {f["properties"]["id"] for f in feats}.isdisjoint(
        {f["properties"]["id"] for f in PKG.layers["borders"]["features"]}
    )
    crimea = [
        f
        for f in feats
        if f["properties"]["controlled_by"] == "ru" and f["properties"]["valid_from"].startswith("2014")
    ]
    assert crimea, "Russian control of Crimea since 2014 is in the control layer"


# --------------------------------------------------------------------------- corruption cases


@pytest.fixture()
def copy(tmp_path):
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns("staging"))
    return tmp_path / "data"


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write(path: Path, rows) -> None:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _set(directory: Path, file: str, column: str, value: str, row_id: str | None = None) -> int:
    """Set one cell (first data row, or the row with id row_id); return its line number."""
    rows = _rows(directory / file)
    col = rows[0].index(column)
    i = 1 if row_id is None else next(k for k, r in enumerate(rows) if r and r[0] == row_id)
    rows[i][col] = value
    _write(directory / file, rows)
    return i + 1


def _problems(directory: Path) -> list[data.Problem]:
    with pytest.raises(data.DataError) as err:
        data.read_package(directory)
    assert str(err.value).count("\n") >= 1
    return err.value.problems


def _assert_problem(problems, file, line, column, words, value=None):
    hits = [
        p
        for p in problems
        if p.file == file
        and (line is None or p.line == line)
        and (column is None or (p.column or "").find(column) >= 0)
        and words in p.message
    ]
    assert hits, "expected a problem in {} line {} column {} saying {!r}; got:\n{}".format(
        file, line, column, words, "\n".join(map(str, problems))
    )
    if value is not None:
        assert any(str(value) in str(p.value) for p in hits)
    assert all(str(p).startswith(file) for p in hits)


CELL_CASES = [
    # (file, column, bad value, words in the message)
    ("events.csv", "start_date", "18 March 2025", "wrong type"),
    ("events.csv", "category", "gossip", "not one of the allowed values"),
    ("events.csv", "source_ids", "no-such-source", "unknown id: not in sources"),
    ("events.csv", "place_id", "pl-atlantis", "unknown id: not in places"),
    ("events.csv", "actors", "us;martians", "unknown id: not in parties"),
    ("events.csv", "headline", "", "required value is empty"),
    ("events.csv", "start_date", "2031-01-01", "after the data's as_of"),
    ("events.csv", "id", "Event One", "does not match the pattern"),
    ("events.csv", "text", " padded ", "leading or trailing spaces"),
    ("places.csv", "lat", "123.5", "above the maximum"),
    ("places.csv", "in_crimea", "maybe", "wrong type"),
    ("places.csv", "controlled_by", "atlantis", "unknown id: not in parties"),
    ("sources.csv", "url", "not a link", "does not match the pattern"),
    ("sources.csv", "kind", "tertiary", "not one of the allowed values"),
    ("votes.csv", "share_pct", "140", "above the maximum"),
    ("votes.csv", "count", "12.5", "wrong type"),
    ("positions.csv", "party_id", "atlantis", "unknown id: not in parties"),
    ("positions.csv", "stance", "loves it", "not one of the allowed values"),
    ("party_terms.csv", "concept_id", "gl-nothing", "unknown id: not in glossary"),
    ("quiz.csv", "proof", "events:ev-0000-01-01-nothing", "points to no existing data row"),
    ("readouts.csv", "event_ids", "ev-0000-01-01-nothing", "unknown id: not in events"),
    ("ceasefire_terms.csv", "duration_days", "-3", "below the minimum"),
    ("census.csv", "year", "1990", "not one of the allowed values"),
]


@pytest.mark.parametrize("file,column,value,words", CELL_CASES, ids=[f"{c[0]}:{c[1]}:{c[3]}" for c in CELL_CASES])
def test_bad_cell_is_rejected_with_file_line_and_column(copy, file, column, value, words):
    line = _set(copy, file, column, value)
    _assert_problem(_problems(copy), file, line, column, words)


def test_duplicate_id_is_rejected(copy):
    rows = _rows(copy / "events.csv")
    rows.append(rows[1])
    _write(copy / "events.csv", rows)
    _assert_problem(_problems(copy), "events.csv", len(rows), "id", "duplicate id (first on line 2)")


def test_missing_column_is_rejected(copy):
    rows = [r[:3] + r[4:] for r in _rows(copy / "events.csv")]
    _write(copy / "events.csv", rows)
    _assert_problem(_problems(copy), "events.csv", 1, "date_precision", "required column is missing")


def test_unexpected_column_is_rejected(copy):
    rows = _rows(copy / "glossary.csv")
    rows = [r + (["colour"] if i == 0 else ["red"]) for i, r in enumerate(rows)]
    _write(copy / "glossary.csv", rows)
    _assert_problem(_problems(copy), "glossary.csv", 1, "colour", "unexpected column")


def test_ragged_row_is_rejected(copy):
    rows = _rows(copy / "parties.csv")
    rows[2] = rows[2][:-2]
    _write(copy / "parties.csv", rows)
    _assert_problem(_problems(copy), "parties.csv", 3, None, "cells but the header has")


def test_end_before_start_is_rejected(copy):
    rows = _rows(copy / "events.csv")
    era = next(i for i, r in enumerate(rows) if i and r[rows[0].index("end_date")])
    start = rows[era][rows[0].index("start_date")]
    line = _set(copy, "events.csv", "end_date", "1990-01-01" if start > "1990-01-01" else "1900-01-01", rows[era][0])
    _assert_problem(_problems(copy), "events.csv", line, "end_date", "ends before it starts")


def test_era_without_end_is_rejected(copy):
    rows = _rows(copy / "events.csv")
    era = next(r[0] for i, r in enumerate(rows) if i and r[rows[0].index("type")] == "era")
    line = _set(copy, "events.csv", "end_date", "", era)
    _assert_problem(_problems(copy), "events.csv", line, "end_date", "an era needs an end_date")


def test_swapped_latitude_and_longitude_is_rejected(copy):
    rows = _rows(copy / "places.csv")
    i = next(k for k, r in enumerate(rows) if r[0] == "pl-simferopol")
    lat, lon = rows[0].index("lat"), rows[0].index("lon")
    rows[i][lat], rows[i][lon] = rows[i][lon], rows[i][lat]
    _write(copy / "places.csv", rows)
    _assert_problem(_problems(copy), "places.csv", i + 1, "lat", "not in Crimea")


def test_place_in_crimea_without_crimean_tatar_name_is_rejected(copy):
    line = _set(copy, "places.csv", "name_crh", "", "pl-yalta")
    _assert_problem(_problems(copy), "places.csv", line, "name_crh", "Crimean Tatar name")


def test_empty_file_is_rejected(copy):
    (copy / "events.csv").write_text("", encoding="utf-8")
    _assert_problem(_problems(copy), "events.csv", 1, None, "file is empty")


def test_missing_file_is_rejected(copy):
    (copy / "census.csv").unlink()
    _assert_problem(_problems(copy), "census.csv", None, None, "file is missing")


def test_wrong_encoding_is_rejected_with_line_and_column(copy):
    rows = _rows(copy / "glossary.csv")
    col = rows[0].index("definition")
    rows[3][col] = "Annexion \u00e9tat"
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerows(rows)
    (copy / "glossary.csv").write_bytes(buf.getvalue().encode("latin-1", "replace"))
    _assert_problem(_problems(copy), "glossary.csv", 4, "definition", "not valid UTF-8")


def _edit_layer(directory: Path, name: str, edit) -> None:
    path = directory / name
    layer = json.loads(path.read_text(encoding="utf-8"))
    edit(layer)
    path.write_text(json.dumps(layer), encoding="utf-8")


def _crimea_ring(layer) -> list:
    feat = next(f for f in layer["features"] if f["properties"]["id"] == "ua-43")
    return geo.polygons(feat["geometry"])[0][0]


def test_unclosed_ring_is_rejected(copy):
    _edit_layer(copy, "borders.geojson", lambda layer: _crimea_ring(layer).pop())
    _assert_problem(_problems(copy), "borders.geojson", None, "ua-43", "not closed")


def test_self_intersecting_ring_is_rejected(copy):
    def bow_tie(layer):
        ring = _crimea_ring(layer)
        ring[1], ring[len(ring) // 2] = ring[len(ring) // 2], ring[1]

    _edit_layer(copy, "borders.geojson", bow_tie)
    _assert_problem(_problems(copy), "borders.geojson", None, "ua-43", "intersects itself")


def test_clockwise_exterior_ring_is_rejected(copy):
    def reverse(layer):
        ring = _crimea_ring(layer)
        ring.reverse()

    _edit_layer(copy, "borders.geojson", reverse)
    _assert_problem(_problems(copy), "borders.geojson", None, "ua-43", "clockwise")


def test_feature_with_unknown_source_is_rejected(copy):
    def edit(layer):
        layer["features"][0]["properties"]["source_ids"] = "no-such-source"

    _edit_layer(copy, "control.geojson", edit)
    _assert_problem(_problems(copy), "control.geojson", None, "source_ids", "unknown id", "no-such-source")


def test_control_period_ending_before_it_starts_is_rejected(copy):
    def edit(layer):
        layer["features"][0]["properties"]["valid_to"] = "2001-01-01"

    _edit_layer(copy, "control.geojson", edit)
    _assert_problem(_problems(copy), "control.geojson", None, "valid_to", "ends before it starts")


def test_invalid_geojson_is_rejected_with_its_line(copy):
    (copy / "borders.geojson").write_text('{"type": "FeatureCollection",\n "features": [,]}', encoding="utf-8")
    _assert_problem(_problems(copy), "borders.geojson", 2, None, "not valid JSON")


def test_unknown_region_id_is_rejected(copy):
    line = _set(copy, "places.csv", "region_id", "ua-99", "pl-simferopol")
    _assert_problem(_problems(copy), "places.csv", line, "region_id", "not a feature of borders.geojson")


def test_every_problem_is_reported_at_once(copy):
    first = _set(copy, "events.csv", "category", "gossip")
    second = _set(copy, "sources.csv", "kind", "tertiary")
    problems = _problems(copy)
    _assert_problem(problems, "events.csv", first, "category", "allowed values")
    _assert_problem(problems, "sources.csv", second, "kind", "allowed values")


def test_command_line_check_names_the_problem(copy, capsys):
    line = _set(copy, "events.csv", "place_id", "pl-atlantis")
    assert data.main(["--check", "--dir", str(copy)]) == 1
    err = capsys.readouterr().err
    assert f"events.csv, line {line}, column 'place_id'" in err and "pl-atlantis" in err
    assert data.main(["--check"]) == 0


# --------------------------------------------------------------------------- typed frames and caching


def test_frames_are_typed():
    ev = data.load("events")
    assert pd.api.types.is_datetime64_any_dtype(ev.start_date)
    assert isinstance(ev.category.dtype, pd.CategoricalDtype)
    assert all(isinstance(v, tuple) for v in ev.source_ids)
    assert pd.api.types.is_float_dtype(data.load("places").lat)


def test_package_is_cached_for_the_life_of_the_kernel():
    assert data.package() is data.package()
    a = data.load("events")
    a.loc[a.index[0], "headline"] = "changed"
    assert data.load("events").iloc[0].headline != "changed", "load returns a copy"


def test_loading_needs_no_network(monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the loader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    data.read_package()


def test_party_names_is_the_one_join_every_explorer_uses():
    """The id -> name join was written three times (ceasefire, positions, timeline); the ceasefire and
    positions copies printed 'nan' for a party with no short name."""
    import importlib

    tables, matrix, prepare = (
        importlib.import_module(f"lessons.{m}") for m in ("ceasefire.tables", "positions.matrix", "timeline.prepare")
    )
    assert tables._names is matrix._party_names is prepare.party_names is data.party_names
    parties = data.typed_frame(
        "parties",
        [
            {"id": "ru", "name": "Russian Federation", "short_name": "Russia", "kind": "state"},
            {"id": "xx", "name": "A body with no short name", "short_name": None, "kind": "body"},
            {"id": "yy", "name": None, "short_name": None, "kind": "body"},
        ],
    )
    assert data.party_names(parties) == {"ru": "Russia", "xx": "A body with no short name", "yy": "yy"}
    assert data.party_names(None) == {} and data.party_names(parties.iloc[:0]) == {}
    assert data.party_names(data.load("parties"))["unga"] == "UN General Assembly"
