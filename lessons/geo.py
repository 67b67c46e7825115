"""Plain-Python geometry for our own GeoJSON: area, point-in-polygon, self-intersection, winding.

No GIS library is needed for the few thousand vertices the package draws. Rings are
stored per RFC 7946 (exterior counter-clockwise); plotly.js wants the opposite, so
:func:`plotly_rings` rewinds them for drawing (see shared PITFALLS). Geometry only: the rules a
GeoJSON resource must keep (ids, sources, dates, valid rings) are in :mod:`lessons.checks`.
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
        overlap = ((lo[i, None, 0] <= hi[None, :, 0]) & (lo[None, :, 0] <= hi[i, None, 0])
                   & (lo[i, None, 1] <= hi[None, :, 1]) & (lo[None, :, 1] <= hi[i, None, 1]))
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
