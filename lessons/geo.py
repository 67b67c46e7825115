"""Plain-Python geometry for our own GeoJSON: area, point-in-polygon, self-intersection, winding.

No GIS library is needed for the few thousand vertices the package draws. Rings are
stored per RFC 7946 (exterior counter-clockwise); plotly.js wants the opposite, so
:func:`plotly_rings` rewinds them for drawing (see shared PITFALLS). Geometry only: the rules a
GeoJSON resource must keep (ids, sources, dates, valid rings) are in :mod:`lessons.geo_checks`.
"""

from __future__ import annotations

import numpy as np

#: The features that make up the Crimean peninsula in borders.geojson.
CRIMEA_IDS = ("ua-43", "ua-40")
EARTH_RADIUS_KM = 6371.0088


def polygons(geometry: dict) -> list[list[list[list[float]]]]:
    """A Polygon or MultiPolygon as a list of polygons (each a list of rings)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["coordinates"])
    raise ValueError(f"unsupported geometry type {geometry['type']}")


def signed_area(ring) -> float:
    """Shoelace area in squared degrees: positive when counter-clockwise."""
    xy = np.asarray(ring, dtype=float)
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def ring_area_km2(ring) -> float:
    """Area of a ring on a sphere of the Earth's mean radius (unsigned, km²)."""
    xy = np.radians(np.asarray(ring, dtype=float))
    lon, lat = xy[:, 0], xy[:, 1]
    total = np.sum((lon[1:] - lon[:-1]) * (2 + np.sin(lat[:-1]) + np.sin(lat[1:])))
    return abs(float(total)) * EARTH_RADIUS_KM**2 / 2


def area_km2(geometry: dict) -> float:
    """Area of a Polygon or MultiPolygon, holes subtracted."""
    return sum(ring_area_km2(p[0]) - sum(ring_area_km2(h) for h in p[1:]) for p in polygons(geometry))


def _in_ring(ring, x: float, y: float) -> bool:
    xy = np.asarray(ring, dtype=float)
    x1, y1, x2, y2 = xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1]
    crosses = (y1 > y) != (y2 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
    return bool(np.count_nonzero(crosses & (x < at)) % 2)


def contains(geometry: dict, lon: float, lat: float) -> bool:
    """Whether the point (lon, lat) lies inside the Polygon or MultiPolygon."""
    for poly in polygons(geometry):
        if _in_ring(poly[0], lon, lat) and not any(_in_ring(h, lon, lat) for h in poly[1:]):
            return True
    return False


def self_intersections(ring) -> list[int]:
    """Indices of segments that properly cross a non-adjacent segment of the same ring.

    Only pairs whose bounding boxes overlap are tested exactly, in blocks, so a ring of a few
    thousand vertices is checked in milliseconds rather than comparing every pair."""
    p = np.asarray(ring, dtype=float)[:, :2]
    a, b = p[:-1], p[1:]
    n = len(a)
    if n < 4:
        return []
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    pairs_i, pairs_j = [], []
    for start in range(0, n, 512):
        i = np.arange(start, min(start + 512, n))
        overlap = (
            (lo[i, None, 0] <= hi[None, :, 0])
            & (lo[None, :, 0] <= hi[i, None, 0])
            & (lo[i, None, 1] <= hi[None, :, 1])
            & (lo[None, :, 1] <= hi[i, None, 1])
        )
        ii, jj = np.nonzero(overlap)
        ii = i[ii]
        keep = (jj > ii + 1) & ~((ii == 0) & (jj == n - 1))  # each pair once, neighbours excluded
        pairs_i.append(ii[keep])
        pairs_j.append(jj[keep])
    ii, jj = np.concatenate(pairs_i), np.concatenate(pairs_j)
    if ii.size == 0:
        return []

    def orient(p, q, r):
        return np.sign((q[:, 0] - p[:, 0]) * (r[:, 1] - p[:, 1]) - (q[:, 1] - p[:, 1]) * (r[:, 0] - p[:, 0]))

    A, B, C, D = a[ii], b[ii], a[jj], b[jj]
    cross = (orient(A, B, C) * orient(A, B, D) < 0) & (orient(C, D, A) * orient(C, D, B) < 0)
    return sorted(set(ii[cross].tolist()) | set(jj[cross].tolist()))


def plotly_rings(geometry: dict):
    """Yield (lons, lats) for every ring, rewound clockwise for plotly.js's fill."""
    for poly in polygons(geometry):
        for k, ring in enumerate(poly):
            ccw = signed_area(ring) > 0
            # plotly (d3-geo) wants exteriors clockwise and holes counter-clockwise
            if (k == 0 and ccw) or (k > 0 and not ccw):
                ring = ring[::-1]
            yield [pt[0] for pt in ring], [pt[1] for pt in ring]


# --------------------------------------------------------------------------- many points at once, drawing

#: Simplification of drawn outlines, in degrees (about 1 km; a pixel or so at a zoom on Crimea).
DRAW_TOLERANCE = 0.01


def in_ring_many(ring, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Which of the points (x[i], y[i]) lie inside one ring (even-odd rule), for many points at once."""
    xy = np.asarray(ring, dtype=float)[:, :2]
    x1, y1, x2, y2 = xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1]
    X, Y = np.asarray(x, dtype=float)[:, None], np.asarray(y, dtype=float)[:, None]
    crosses = (y1 > Y) != (y2 > Y)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = x1 + (Y - y1) * (x2 - x1) / (y2 - y1)
    return (np.count_nonzero(crosses & (X < at), axis=1) % 2) == 1


def inside(geometry: dict, lons, lats) -> np.ndarray:
    """Vectorised point-in-(Multi)Polygon for many points at once (holes respected)."""
    x, y = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    result = np.zeros(len(x), dtype=bool)
    if not len(x):
        return result
    for poly in polygons(geometry):
        hit = in_ring_many(poly[0], x, y)
        for hole in poly[1:]:
            hit &= ~in_ring_many(hole, x, y)
        result |= hit
    return result


def ring_distance(ring, x, y) -> np.ndarray:
    """Distance in degrees from each point to the nearest edge of a ring (vectorised over edges)."""
    ring = np.asarray(ring, dtype=float)[:, :2]
    a, b = ring[:-1], ring[1:]
    d = b - a
    length2 = np.maximum((d**2).sum(axis=1), 1e-12)
    px, py = np.asarray(x, dtype=float)[:, None] - a[:, 0], np.asarray(y, dtype=float)[:, None] - a[:, 1]
    t = np.clip((px * d[:, 0] + py * d[:, 1]) / length2, 0, 1)
    return np.hypot(px - t * d[:, 0], py - t * d[:, 1]).min(axis=1)


def simplify_line(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker: the points of a polyline that keep it within ``tolerance`` degrees."""
    keep = np.zeros(len(points), dtype=bool)
    keep[[0, -1]] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        if b <= a + 1:
            continue
        seg, rel = points[b] - points[a], points[a + 1 : b] - points[a]
        norm = float(np.hypot(*seg))
        dist = np.abs(seg[0] * rel[:, 1] - seg[1] * rel[:, 0]) / norm if norm else np.hypot(rel[:, 0], rel[:, 1])
        i = int(np.argmax(dist))
        if dist[i] > tolerance:
            keep[a + 1 + i] = True
            stack += [(a, a + 1 + i), (a + 1 + i, b)]
    return points[keep]


def simplify_ring(ring, tolerance: float = DRAW_TOLERANCE) -> list[list[float]]:
    """A closed ring simplified for drawing (each half separately, so it stays closed); tiny rings unchanged."""
    pts = np.asarray(ring, dtype=float)[:, :2]
    if tolerance <= 0 or len(pts) < 8:
        return pts.tolist()
    half = len(pts) // 2
    out = np.vstack([simplify_line(pts[: half + 1], tolerance)[:-1], simplify_line(pts[half:], tolerance)])
    return out.tolist() if len(out) >= 4 else pts.tolist()


def drawn_rings(geometry: dict, tolerance: float = DRAW_TOLERANCE) -> tuple[list, list]:
    """Exterior rings simplified for drawing and rewound clockwise for plotly (:func:`plotly_rings`), joined by None.

    plotly.js turns each gap-separated piece of a ``fill="toself"`` trace into its own polygon, so a hole
    cannot be drawn as a hole; holes are left out of the fill (a feature drawn later covers them). Rings are
    simplified to within ``tolerance`` degrees and rounded to 3 decimals (about 100 m) to keep stored figures small.
    """
    lon, lat = [], []
    for poly in polygons(geometry):
        exterior = simplify_ring(poly[0], tolerance)
        for xs, ys in plotly_rings({"type": "Polygon", "coordinates": [exterior]}):
            if lon:
                lon.append(None)
                lat.append(None)
            lon.extend(round(float(v), 3) for v in xs)
            lat.extend(round(float(v), 3) for v in ys)
    return lon, lat


def near_rings(rings: list, lons, lats, margin: float) -> np.ndarray:
    """Which points lie inside one of ``rings`` (each an (n, 2) array) or within ``margin`` degrees of one."""
    x, y = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    ok = np.zeros(len(x), dtype=bool)
    for ring in rings:
        todo = ~ok
        if not todo.any():
            break
        ok[todo] = in_ring_many(ring, x[todo], y[todo]) | (ring_distance(ring, x[todo], y[todo]) <= margin)
    return ok
