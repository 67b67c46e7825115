"""The benchmark's machinery (not its numbers: `make bench` measures, tests don't time)."""

from __future__ import annotations

import pandas as pd

from lessons import data
from lessons.dev import bench, synthetic


def test_scaled_tables_keep_ids_unique_and_references_valid():
    tables = synthetic.tables(10)
    events = tables["events"]
    assert len(events) == 10 * len(data.load("events"))
    assert events.index.is_unique
    assert isinstance(events.category.dtype, pd.CategoricalDtype)
    assert set(events.place_id.dropna()) <= set(tables["places"].index)
    known_sources = set(tables["sources"].index)
    assert all(set(ids) <= known_sources for ids in events.source_ids)
    assert tables["borders"]["features"], "GeoJSON layers travel with the tables"


def test_percentile_is_the_95th():
    assert bench.p95(list(range(1, 101))) == 95
    assert bench.p95([7.0]) == 7.0


def test_every_explorer_offers_benchmark_cases():
    rows = bench.interactions(scales=(1,), repeat=1)
    assert {r["explorer"] for r in rows} == set(bench.EXPLORERS)
    for r in rows:
        assert 0 <= r["median_ms"] <= r["p95_ms"] and r["interaction"]
