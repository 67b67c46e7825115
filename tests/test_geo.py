"""Plain geometry helpers: intersections, area, containment, winding for plotly."""

from __future__ import annotations

import math

from lessons import geo


def _circle(n: int, r: float = 1.0) -> list[list[float]]:
    pts = [[r * math.cos(2 * math.pi * k / n), r * math.sin(2 * math.pi * k / n)] for k in range(n)]
    return pts + [pts[0]]


def test_a_simple_ring_of_thousands_of_vertices_does_not_intersect_itself():
    assert geo.self_intersections(_circle(3000)) == []


def test_a_pentagram_intersects_itself_and_so_does_a_bow_tie():
    star = [_circle(5)[k % 5] for k in (0, 2, 4, 1, 3, 0)]
    assert len(geo.self_intersections(star)) == 5
    assert geo.self_intersections([[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]) == [0, 2]


def test_a_crossing_between_far_apart_segments_is_found():
    ring = _circle(400)
    ring[100], ring[300] = ring[300], ring[100]  # two spikes across the middle
    assert geo.self_intersections(ring)


def test_area_winding_and_containment():
    square = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]  # counter-clockwise, 1° x 1° at the equator
    assert geo.signed_area(square) > 0
    assert 12_000 < geo.area_km2({"type": "Polygon", "coordinates": [square]}) < 12_500
    assert geo.contains({"type": "Polygon", "coordinates": [square]}, 0.5, 0.5)
    assert not geo.contains({"type": "Polygon", "coordinates": [square]}, 1.5, 0.5)
    (lons, lats), = geo.plotly_rings({"type": "Polygon", "coordinates": [square]})
    assert geo.signed_area(list(zip(lons, lats))) < 0, "plotly.js wants exterior rings clockwise"


def test_many_points_at_once_agree_with_one_at_a_time():
    import numpy as np
    square = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]], [[0.5, 0.5], [0.5, 1.5], [1.5, 1.5], [1.5, 0.5], [0.5, 0.5]]]}
    xs, ys = np.array([0.2, 1.0, 1.8, 3.0]), np.array([0.2, 1.0, 1.8, 1.0])
    assert geo.inside(square, xs, ys).tolist() == [geo.contains(square, x, y) for x, y in zip(xs, ys)] == [True, False, True, False]
    ring = np.array(square["coordinates"][0], dtype=float)
    assert geo.ring_distance(ring, np.array([3.0]), np.array([1.0]))[0] == 1.0
    assert geo.near_rings([ring], [3.0, 2.4], [1.0, 1.0], 0.5).tolist() == [False, True]


def test_simplified_rings_stay_closed_and_drawn_rings_are_clockwise():
    ring = _circle(400)
    simple = geo.simplify_ring(ring, 0.01)
    assert simple[0] == simple[-1] and 8 < len(simple) < 400
    lon, lat = geo.drawn_rings({"type": "Polygon", "coordinates": [ring]}, 0.01)
    assert geo.signed_area(list(zip(lon, lat))) < 0
