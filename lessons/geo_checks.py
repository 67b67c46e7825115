"""The rules for the package's geography: places against the borders, and GeoJSON features themselves.

* :func:`check_places`: a Crimean Tatar name for every Crimean place; each point inside its region, inside
  Crimea exactly when ``in_crimea`` says so, and inside its ``country``'s rough box when it has no region.
* :func:`check_collection`: a FeatureCollection's structure, feature ids, cited sources, ``valid_from`` /
  ``valid_to`` dates, and valid RFC 7946 geometry (closed, non-self-intersecting, correctly wound rings).

Every finding is a :class:`lessons.checks.Problem`, like the tabular rules in :mod:`lessons.checks`. The
geometry itself (point in polygon, winding, self-intersection) is :mod:`lessons.geo`'s; these rules live
beside it rather than in it because they speak the data package's language (sources, dates, ``as_of``,
the places table's columns) and report problems, and ``geo`` stays geometry only, importing neither the
loader nor the checks (a test in ``tests/test_data_descriptor.py`` holds it to that).
"""

from __future__ import annotations

import datetime as dt

from . import geo
from .checks import Problem, split_ids

#: Rough boxes (lon_min, lat_min, lon_max, lat_max) for places that have no region_id to be checked against.
#: A place whose country is not listed here is not box-checked.
COUNTRY_BOXES = {
    "Ukraine": (22.0, 44.3, 40.3, 52.4),
    "Russia": (19.0, 41.1, 180.0, 82.0),
    "Belarus": (23.1, 51.2, 32.8, 56.2),
    "Belgium": (2.5, 49.4, 6.5, 51.6),
    "Netherlands": (3.3, 50.7, 7.3, 53.6),
    "Hungary": (16.1, 45.7, 22.9, 48.6),
    "Turkey": (25.6, 35.8, 44.9, 42.2),
    "Saudi Arabia": (34.4, 16.3, 55.7, 32.2),
    "United States": (-180.0, 18.0, -66.9, 71.5),
    "Switzerland": (5.9, 45.8, 10.5, 47.9),
    "United Kingdom": (-8.7, 49.8, 1.8, 60.9),
    "France": (-5.2, 41.3, 9.6, 51.1),
    "Germany": (5.8, 47.2, 15.1, 55.1),
    "Poland": (14.1, 49.0, 24.2, 54.9),
}


# --------------------------------------------------------------------------- places


def check_places(tables: dict, lines: dict, layers: dict, path: str, problems: list[Problem]) -> None:
    """A Crimean Tatar name in Crimea; points in their region, in Crimea exactly when in_crimea says so."""
    rows = tables.get("places")
    if rows is None:
        return
    borders = layers.get("borders") or {}
    shapes = {
        (f.get("properties") or {}).get("id"): f.get("geometry")
        for f in borders.get("features", [])
        if isinstance(f, dict) and isinstance(f.get("geometry"), dict)
    }
    crimea = [shapes[k] for k in geo.CRIMEA_IDS if k in shapes]
    for i, row in enumerate(rows):
        line = lines["places"][i]
        if row.get("in_crimea") and not row.get("name_crh"):
            problems.append(Problem(path, line, "name_crh", "", "places in Crimea need their Crimean Tatar name"))
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None:
            continue
        shown = f"{lat}, {lon}"
        inside = crimea and _inside_any(crimea, lon, lat)
        if row.get("in_crimea") and crimea and not inside:
            hint = " (latitude and longitude swapped?)" if _inside_any(crimea, lat, lon) else ""
            problems.append(
                Problem(path, line, "lat", shown, f"in_crimea is true but the point is not in Crimea{hint}")
            )
        elif row.get("in_crimea") is False and inside:
            problems.append(
                Problem(
                    path,
                    line,
                    "in_crimea",
                    shown,
                    "in_crimea is false but the point lies in Crimea: set it to true or fix the coordinates",
                )
            )
        region = row.get("region_id")
        if region in shapes and region not in geo.CRIMEA_IDS and not _inside_any([shapes[region]], lon, lat):
            problems.append(Problem(path, line, "lat", shown, f"the point is not inside its region {region}"))
        box = COUNTRY_BOXES.get(row.get("country") or "")
        if not region and box and not (box[0] <= lon <= box[2] and box[1] <= lat <= box[3]):
            hint = " (latitude and longitude swapped?)" if box[0] <= lat <= box[2] and box[1] <= lon <= box[3] else ""
            problems.append(Problem(path, line, "lat", shown, f"the point is not in {row['country']}{hint}"))


def _inside_any(geometries, lon, lat) -> bool:
    try:
        return any(geo.contains(g, lon, lat) for g in geometries)
    except (KeyError, TypeError, ValueError, IndexError):
        return False


# --------------------------------------------------------------------------- GeoJSON


def check_collection(name: str, data, source_ids: set, as_of: dt.date | None) -> list[Problem]:
    """Every problem in a FeatureCollection: structure, ids, sources, dates, geometry."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return [Problem(name, None, "type", None, 'expected a GeoJSON FeatureCollection ("type": "FeatureCollection")')]
    features = data.get("features")
    if not isinstance(features, list):
        return [Problem(name, None, "features", type(features).__name__, '"features" must be a list of features')]
    if not features:
        return [Problem(name, None, "features", None, "FeatureCollection has no features")]
    problems, seen = [], set()
    for i, feat in enumerate(features):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            problems.append(Problem(name, None, f"feature {i}", None, 'expected a GeoJSON Feature ("type": "Feature")'))
            continue
        props = feat.get("properties") if isinstance(feat.get("properties"), dict) else {}
        fid = props.get("id")
        where = f"feature {i} ({fid or 'no id'})"
        if not fid:
            problems.append(Problem(name, None, f"{where} properties.id", None, "feature has no id"))
        elif fid in seen:
            problems.append(Problem(name, None, f"{where} properties.id", fid, "duplicate feature id"))
        seen.add(fid)
        problems.extend(_feature_properties(name, where, props, source_ids, as_of))
        problems.extend(_feature_geometry(name, where, feat.get("geometry")))
    return problems


def _feature_properties(name, where, props, source_ids, as_of) -> list[Problem]:
    out = []
    cited = split_ids(str(props.get("source_ids") or ""))
    if not cited:
        out.append(Problem(name, None, f"{where} properties.source_ids", None, "feature cites no source"))
    for s in cited:
        if s not in source_ids:
            out.append(Problem(name, None, f"{where} properties.source_ids", s, "unknown id: not in sources"))
    dates = {}
    for key in ("valid_from", "valid_to"):
        value = props.get(key)
        if not value:
            continue
        try:
            dates[key] = dt.date.fromisoformat(str(value))
        except ValueError:
            out.append(
                Problem(name, None, f"{where} properties.{key}", value, "wrong type: expected a date YYYY-MM-DD")
            )
            continue
        if as_of and dates[key] > as_of:
            out.append(
                Problem(name, None, f"{where} properties.{key}", value, f"is after the data's as_of date {as_of}")
            )
    if len(dates) == 2 and dates["valid_to"] < dates["valid_from"]:
        out.append(Problem(name, None, f"{where} properties.valid_to", props["valid_to"], "ends before it starts"))
    return out


def _feature_geometry(name, where, geom) -> list[Problem]:
    if geom is None:
        return [
            Problem(
                name,
                None,
                f"{where} geometry",
                None,
                'feature has no geometry ("geometry": null): give it a Polygon or MultiPolygon',
            )
        ]
    try:
        polys = geo.polygons(geom)
        polys = [list(p) for p in polys]
    except (KeyError, ValueError, TypeError, AttributeError):
        kind = geom.get("type") if isinstance(geom, dict) else type(geom).__name__
        return [Problem(name, None, f"{where} geometry", kind, "expected a Polygon or MultiPolygon")]
    out = []
    for j, poly in enumerate(polys):
        if not poly:
            out.append(Problem(name, None, f"{where} polygon {j}", None, "polygon has no rings"))
        for k, ring in enumerate(poly):
            out.extend(_ring_problems(name, f"{where} polygon {j} ring {k}", ring, exterior=k == 0))
    return out


def _ring_problems(name: str, where: str, ring, exterior: bool) -> list[Problem]:
    try:
        if not all(isinstance(p, (list, tuple)) and all(isinstance(c, (int, float)) for c in p) for p in ring):
            raise TypeError("a position is not a list of numbers")
        pts = [(float(x), float(y)) for x, y, *_ in ring]
    except (TypeError, ValueError):
        return [Problem(name, None, where, None, "ring has a position that is not [lon, lat]")]
    if len(pts) < 4:
        return [Problem(name, None, where, len(pts), "ring needs at least 4 positions")]
    out = []
    bad = [p for p in pts if not (-180 <= p[0] <= 180 and -90 <= p[1] <= 90)]
    if bad:
        out.append(Problem(name, None, where, bad[0], "coordinate out of range (lon -180..180, lat -90..90)"))
    if pts[0] != pts[-1]:
        out.append(
            Problem(
                name, None, where, f"{pts[0]} ... {pts[-1]}", "ring is not closed (first and last positions differ)"
            )
        )
        return out
    crossings = geo.self_intersections(pts)
    if crossings:
        out.append(
            Problem(name, None, where, f"segment {crossings[0]} at {pts[crossings[0]]}", "ring intersects itself")
        )
    ccw = geo.signed_area(pts) > 0
    if exterior and not ccw:
        out.append(Problem(name, None, where, None, "exterior ring is clockwise; RFC 7946 wants counter-clockwise"))
    if not exterior and ccw:
        out.append(Problem(name, None, where, None, "hole is counter-clockwise; RFC 7946 wants clockwise"))
    return out
