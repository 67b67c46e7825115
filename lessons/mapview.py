"""The map view: internationally recognised borders, the dated area of Russian control, places and events.

Everything is drawn offline with plotly ``Scattergeo`` traces (lon/lat only): no tiles, no
topojson base map, no Choropleth, no ``locations`` (see shared PITFALLS, "plotly maps and the
network"). Borders follow UN General Assembly resolution 68/262; who controls what since when is a
separate, dated layer drawn on top.

- :func:`map_figure` -- one date and one view, a pure function (tables in, figure out);
- :func:`map_animation_figure` -- the same with plotly's own date slider and play button, so a
  static HTML export still has a working slider;
- :func:`map_table` -- the regions and places shown, as a DataFrame (for screen readers and print);
- :class:`MapExplorer` -- the widget: date slider with play, view buttons, place-kind filter,
  click a place for its names, control and sources.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import data, geo, widgets
from .style import (BACKGROUND, CATEGORY_COLOURS, FONT, INK, MAP_COLOURS, MUTED, QUALITATIVE, SEQUENTIAL,
                    empty_figure, empty_state, esc)

VIEWS = ("overview", "2014", "vote-1991", "2025")
VIEW_LABELS = {"overview": "Overview", "2014": "2014: Crimea", "vote-1991": "1991 vote", "2025": "2025: energy and ports"}
#: The date each view opens on (the explorer adds them to its slider). Overview opens on the latest date.
VIEW_DATES = {"vote-1991": dt.date(1991, 12, 1), "2014": dt.date(2014, 3, 27), "2025": dt.date(2025, 3, 18)}
POINT_OF_VIEW = ("Borders: internationally recognised (UN General Assembly resolution 68/262). "
                 "Shading: areas under Russian control, a separate dated layer.")
#: Vote key of the 1 December 1991 independence referendum in votes.csv (matched as a prefix).
VOTE_1991 = "1991-12-01-independence"
#: Which share to colour by when a region has several "yes" rows (the others are listed in the hover).
SHARE_BASE_ORDER = ("ballots-cast", "valid-votes", "registered-voters")
#: Simplification of drawn outlines, in degrees (about 1 km; a pixel or so at the 2014 view's zoom).
DRAW_TOLERANCE = 0.01
#: Coarser drawing for the regions around Crimea: they are context, and every stored figure
#: carries its outlines (a notebook must stay under 100 KB). Crimea and the oblast that shares
#: its border at Perekop keep the fine tolerance so their common border matches.
CONTEXT_TOLERANCE = 0.04
FAR_TOLERANCE = 0.1
FINE_IDS = (*geo.CRIMEA_IDS, "ua-65")
FAR_IDS = ("ua-rest", "ru-near")


def draw_tolerance(feature_id: str) -> float:
    if feature_id in FINE_IDS:
        return DRAW_TOLERANCE
    return FAR_TOLERANCE if feature_id in FAR_IDS else CONTEXT_TOLERANCE
EMPHASISED_2025 = ("energy-facility", "port", "naval-base")
#: A place further than this (degrees) from every drawn region is off the map (e.g. Minsk).
PLACE_MARGIN = 0.5
#: Bins of the 1991 "yes" share (percent), coloured light to dark.
VOTE_BINS = (0, 50, 60, 70, 80, 90, 100)

#: Place kind -> (legend label, colour, marker symbol). Colours come from lessons.style.
KIND_STYLE = {
    "capital": ("Capital", QUALITATIVE[7], "hexagram"),
    "city": ("City", QUALITATIVE[0], "circle"),
    "port": ("Port", QUALITATIVE[4], "square"),
    "naval-base": ("Naval base", CATEGORY_COLOURS["fleet"], "diamond"),
    "energy-facility": ("Energy facility", CATEGORY_COLOURS["energy"], "triangle-up"),
    "strait": ("Strait", QUALITATIVE[2], "hourglass"),
    "isthmus": ("Isthmus", QUALITATIVE[1], "bowtie"),
    "bridge": ("Bridge", QUALITATIVE[3], "cross"),
    "lagoon": ("Lagoon", QUALITATIVE[4], "pentagon"),
    "region": ("Region", MUTED, "hexagon"),
    "venue": ("Venue of talks", CATEGORY_COLOURS["diplomacy"], "star-square"),
}
#: Every plotly.js base-map layer, switched off explicitly: ``visible=False`` only sets their default, and
#: the plotly_white template under ours turns ``showland`` and ``showlakes`` on, which would make plotly.js
#: fetch a topojson base map from its CDN (and draw nothing offline).
GEO_LAYERS_OFF = {f"show{layer}": False for layer in
                  ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits", "frame")}
PARTY_FALLBACK = {"ru": "Russia", "ua": "Ukraine"}
CONTROLLER_ADJECTIVE = {"ru": "Russian", "ua": "Ukrainian"}
CONTROL_OPACITY = 0.35
HOVER = "%{hovertext}<extra></extra>"
MAX_EVENTS_IN_HOVER = 6


# --------------------------------------------------------------------------- small helpers


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, (list, tuple, dict, np.ndarray)):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def as_date(value) -> dt.date | None:
    """A date from a date, datetime, Timestamp or ISO string; None for empty. Raises ValueError."""
    if _missing(value) or value == "":
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def fmt_date(day: dt.date | None) -> str:
    """'27 February 2014' (no leading zero)."""
    return "" if day is None else f"{day.day} {day:%B %Y}"


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def _ids(value) -> tuple[str, ...]:
    if isinstance(value, (list, np.ndarray)):
        return tuple(str(v) for v in value)
    return data.split_ids(None if _missing(value) else value)


def _text(value) -> str:
    return "" if _missing(value) else str(value)


def _records(frame: pd.DataFrame | None) -> list[dict]:
    if frame is None or len(frame) == 0:
        return []
    cols = list(frame.columns)
    return [{c: (None if _missing(v) else v) for c, v in zip(cols, row)} for row in frame.itertuples(index=False, name=None)]


# --------------------------------------------------------------------------- geometry, precomputed once

_CACHE: dict[tuple, tuple[object, object]] = {}


def _cached(layer, build):
    """``build(layer)`` memoised on the layer object itself (GeoJSON dicts are treated as read-only)."""
    key = (id(layer), build.__name__)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is layer:
        return hit[1]
    value = build(layer)
    if len(_CACHE) >= 16:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = (layer, value)
    return value


def _simplify_line(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Douglas-Peucker: the points of a polyline that keep it within ``tolerance`` degrees."""
    keep = np.zeros(len(points), dtype=bool)
    keep[[0, -1]] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        if b <= a + 1:
            continue
        seg, rel = points[b] - points[a], points[a + 1:b] - points[a]
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
    out = np.vstack([_simplify_line(pts[: half + 1], tolerance)[:-1], _simplify_line(pts[half:], tolerance)])
    return out.tolist() if len(out) >= 4 else pts.tolist()


def drawn_rings(geometry: dict, tolerance: float = DRAW_TOLERANCE) -> tuple[list, list]:
    """Exterior rings, simplified for drawing and rewound clockwise for plotly (geo.plotly_rings), joined by None.

    plotly.js turns each gap-separated piece of a ``fill="toself"`` trace into its own polygon, so a
    hole cannot be drawn as a hole; holes are left out of the fill (a feature drawn later covers them).
    Rings are simplified to within ``tolerance`` degrees (about a pixel at the zoom of the 2014 view)
    and rounded to 3 decimals (about 100 m) to keep every stored figure small. Done once per layer.
    """
    lon, lat = [], []
    for poly in geo.polygons(geometry):
        exterior = simplify_ring(poly[0], tolerance)
        for xs, ys in geo.plotly_rings({"type": "Polygon", "coordinates": [exterior]}):
            if lon:
                lon.append(None)
                lat.append(None)
            lon.extend(round(float(x), 3) for x in xs)
            lat.extend(round(float(y), 3) for y in ys)
    return lon, lat


def _in_ring_many(ring, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    xy = np.asarray(ring, dtype=float)[:, :2]
    x1, y1, x2, y2 = xy[:-1, 0], xy[:-1, 1], xy[1:, 0], xy[1:, 1]
    X, Y = x[:, None], y[:, None]
    crosses = (y1 > Y) != (y2 > Y)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = x1 + (Y - y1) * (x2 - x1) / (y2 - y1)
    return (np.count_nonzero(crosses & (X < at), axis=1) % 2) == 1


def _ring_distance(ring: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Distance in degrees from each point to the nearest edge of a ring (vectorised over edges)."""
    a, b = ring[:-1], ring[1:]
    d = b - a
    length2 = np.maximum((d ** 2).sum(axis=1), 1e-12)
    px, py = x[:, None] - a[:, 0], y[:, None] - a[:, 1]
    t = np.clip((px * d[:, 0] + py * d[:, 1]) / length2, 0, 1)
    return np.hypot(px - t * d[:, 0], py - t * d[:, 1]).min(axis=1)


def inside(geometry: dict, lons, lats) -> np.ndarray:
    """Vectorised point-in-(Multi)Polygon for many points at once (holes respected)."""
    x, y = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
    result = np.zeros(len(x), dtype=bool)
    if not len(x):
        return result
    for poly in geo.polygons(geometry):
        hit = _in_ring_many(poly[0], x, y)
        for hole in poly[1:]:
            hit &= ~_in_ring_many(hole, x, y)
        result |= hit
    return result


@dataclass
class Region:
    id: str
    props: dict
    group: str  # "crimea", "ua", "ru" or "other"
    lon: list
    lat: list
    label: tuple[float, float]


@dataclass
class ControlArea:
    id: str
    name: str
    controlled_by: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    note: str
    source_ids: tuple[str, ...]
    geometry: dict
    lon: list
    lat: list

    def active(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)


def _group(fid: str, props: dict) -> str:
    if fid in geo.CRIMEA_IDS:
        return "crimea"
    if fid == "ua" or fid.startswith("ua-"):
        return "ua"
    if fid == "ru" or fid.startswith("ru-"):
        return "ru"
    country = str(props.get("country") or "").lower()
    return "ua" if country == "ukraine" else "ru" if country == "russia" else "other"


def _build_regions(borders: dict) -> list[Region]:
    out = []
    for feat in borders.get("features", []):
        props = dict(feat.get("properties") or {})
        fid = str(props.get("id") or "")
        lon, lat = drawn_rings(feat["geometry"], draw_tolerance(fid))
        if _missing(props.get("label_lon")) or _missing(props.get("label_lat")):
            xs, ys = [v for v in lon if v is not None], [v for v in lat if v is not None]
            label = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
        else:
            label = (float(props["label_lon"]), float(props["label_lat"]))
        out.append(Region(fid, props, _group(fid, props), lon, lat, label))
    return out


def _build_controls(control: dict) -> list[ControlArea]:
    out = []
    for feat in control.get("features", []):
        p = feat.get("properties") or {}
        lon, lat = drawn_rings(feat["geometry"])
        out.append(ControlArea(str(p.get("id") or ""), _text(p.get("name_en")), _text(p.get("controlled_by")),
                               as_date(p.get("valid_from")), as_date(p.get("valid_to")), _text(p.get("note")),
                               _ids(p.get("source_ids")), feat["geometry"], lon, lat))
    out.sort(key=lambda c: (c.valid_from or dt.date.min, c.id))
    return out


# --------------------------------------------------------------------------- the model behind every view


@dataclass(frozen=True)
class MapState:
    """What a student has chosen: a date, a view and the place kinds shown (None = all)."""

    as_of: dt.date
    view: str = "overview"
    kinds: tuple[str, ...] | None = None
    selected: str | None = None


@dataclass
class MapModel:
    """Tables and geometry prepared once; builds trace specs for any :class:`MapState` cheaply.

    After preparation: ``all_places`` (id -> row dict), ``shown_places`` (those inside the drawn area),
    ``outside`` (the rest, e.g. Washington), ``map_events`` (events at shown places, by date),
    ``yes_share`` (region id -> the 1991 "yes" row coloured), ``kinds`` (place kinds present, in order).
    """

    borders: dict | None
    control: dict | None = None
    places: pd.DataFrame | None = None
    events: pd.DataFrame | None = None
    votes: pd.DataFrame | None = None
    sources: pd.DataFrame | None = None
    parties: pd.DataFrame | None = None
    regions: list = field(init=False)
    controls: list = field(init=False)

    def __post_init__(self):
        self._prepare_lookups()
        self.regions = _cached(self.borders, _build_regions) if self.borders and self.borders.get("features") else []
        self.controls = _cached(self.control, _build_controls) if self.control and self.control.get("features") else []
        self.extent = self._extent()
        self._prepare_places()
        self._prepare_events()
        self._prepare_votes()
        self._region_controls = self._memberships([r.label[0] for r in self.regions], [r.label[1] for r in self.regions])
        dates = [c.valid_from for c in self.controls if c.valid_from] + [c.valid_to for c in self.controls if c.valid_to]
        dates += [p["control_since"] for p in self.shown_places if p["control_since"]]
        dates += [e["date"] for e in self.map_events] + [v["date"] for v in self.vote_rows if v["date"]]
        self.first_date = min(dates) if dates else None
        self.last_date = max(dates) if dates else None

    # ---- preparation
    def _extent(self):
        xs = [v for r in self.regions for v in r.lon if v is not None]
        ys = [v for r in self.regions for v in r.lat if v is not None]
        if not xs:
            return None
        return (min(xs) - 0.5, max(xs) + 0.5, min(ys) - 0.5, max(ys) + 0.5)

    def _near_regions(self, lons, lats) -> np.ndarray:
        """Which points lie in a drawn region or within PLACE_MARGIN degrees of one (coastal ports, straits).

        Places in the regions' bounding box but away from every drawn region (Minsk, north of the
        drawn part of Russia) would float in empty space, so they count as off the map."""
        x, y = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
        ok = np.zeros(len(x), dtype=bool)
        for r in self.regions if len(x) else ():
            lon = np.array([np.nan if v is None else v for v in r.lon], dtype=float)
            lat = np.array([np.nan if v is None else v for v in r.lat], dtype=float)
            breaks = np.flatnonzero(np.isnan(lon))
            for ring_x, ring_y in zip(np.split(lon, breaks), np.split(lat, breaks)):
                keep = ~np.isnan(ring_x)
                ring = np.column_stack([ring_x[keep], ring_y[keep]])
                if len(ring) < 3:
                    continue
                todo = ~ok
                if not todo.any():
                    return ok
                ok[todo] = _in_ring_many(ring, x[todo], y[todo]) | (_ring_distance(ring, x[todo], y[todo]) <= PLACE_MARGIN)
        return ok

    def _memberships(self, lons, lats) -> list[tuple[int, ...]]:
        masks = [inside(c.geometry, lons, lats) for c in self.controls]
        return [tuple(ci for ci, m in enumerate(masks) if m[i]) for i in range(len(lons))]

    def _prepare_places(self):
        self.all_places = {}
        for r in _records(self.places):
            if not r.get("id"):
                continue
            r["kind"] = _text(r.get("kind"))
            r["control_since"] = as_date(r.get("control_since"))
            r["source_ids"] = _ids(r.get("source_ids"))
            self.all_places[str(r["id"])] = r
        located = [p for p in self.all_places.values() if p.get("lon") is not None and p.get("lat") is not None]
        near = self._near_regions([p["lon"] for p in located], [p["lat"] for p in located])
        self.shown_places = [p for p, ok in zip(located, near) if ok]
        inside_ids = {p["id"] for p in self.shown_places}
        self.outside = [p for p in self.all_places.values() if p["id"] not in inside_ids]
        members = self._memberships([p["lon"] for p in self.shown_places], [p["lat"] for p in self.shown_places])
        for p, member in zip(self.shown_places, members):
            p["_controls"] = member
            p["_head"] = self._place_head(p)
        present = {p["kind"] for p in self.shown_places}
        self.kinds = [k for k in KIND_STYLE if k in present] + sorted(present - set(KIND_STYLE))
        self.places_by_kind = {k: [p for p in self.shown_places if p["kind"] == k] for k in self.kinds}
        self.shown_ids = {p["id"] for p in self.shown_places}
        self._since_dates = sorted({p["control_since"] for p in self.shown_places if p["control_since"]})

    def _prepare_events(self):
        rows = []
        for r in _records(self.events):
            place = _text(r.get("place_id"))
            day = as_date(r.get("start_date") if "start_date" in r else r.get("date"))
            if place in self.shown_ids and day:
                rows.append({"id": _text(r.get("id")), "date": day, "place_id": place, "headline": _text(r.get("headline")),
                             "display_date": _text(r.get("display_date")) or fmt_date(day)})
        rows.sort(key=lambda e: (e["date"], e["id"]))
        self.map_events = rows
        self._event_dates = np.array([e["date"].toordinal() for e in rows], dtype=int)

    def _prepare_votes(self):
        self.vote_rows = []
        for r in _records(self.votes):
            if (_text(r.get("vote")).startswith(VOTE_1991) and _text(r.get("option")) == "yes"
                    and not _missing(r.get("share_pct"))):
                self.vote_rows.append({"region_id": _text(r.get("region_id")), "area": _text(r.get("area")),
                                       "share": float(r["share_pct"]), "base_id": _text(r.get("share_base")),
                                       "base": _text(r.get("share_base")).replace("-", " "),
                                       "status": _text(r.get("figure_status")), "date": as_date(r.get("date")),
                                       "source_ids": _ids(r.get("source_ids"))})
        order = {"official": 0, "reported": 1, "claimed": 2}
        bases = {b: i for i, b in enumerate(SHARE_BASE_ORDER)}
        self.vote_rows.sort(key=lambda v: (order.get(v["status"], 3), bases.get(v["base_id"], 9), v["region_id"], v["area"]))
        self.yes_share, self.other_shares = {}, {}
        for v in self.vote_rows:
            if v["region_id"] in self.yes_share:
                self.other_shares.setdefault(v["region_id"], []).append(v)
            else:
                self.yes_share[v["region_id"]] = v
        region_ids = {r.id for r in self.regions}
        elsewhere = {}
        for v in self.vote_rows:
            if v["region_id"] not in region_ids:
                elsewhere.setdefault(v["area"], v)
        self.vote_elsewhere = list(elsewhere.values())

    # ---- lookups
    def _prepare_lookups(self):
        self._party_names = dict(PARTY_FALLBACK)
        for r in _records(self.parties):
            name = r.get("short_name") or r.get("name")
            if r.get("id") and name:
                self._party_names[str(r["id"])] = str(name)
        self._publishers = {str(r["id"]): str(r["publisher"]) for r in _records(self.sources)
                            if r.get("id") and r.get("publisher")}
        self._cache: dict[tuple, object] = {}

    def _memo(self, key: tuple, build):
        """Trace specs and tables memoised on what they depend on (identical objects skip the widget diff)."""
        if key not in self._cache:
            if len(self._cache) > 512:
                self._cache.clear()
            self._cache[key] = build()
        return self._cache[key]

    def signature(self, day: dt.date) -> tuple:
        """Everything about a date that changes control and hover texts: active areas, control changes passed."""
        return (tuple(c.active(day) for c in self.controls), bisect.bisect_right(self._since_dates, day))

    def party(self, pid: str) -> str:
        return self._party_names.get(pid, pid) if pid else ""

    def source_label(self, ids: tuple[str, ...]) -> str:
        """The first source's publisher (or its id), and how many more sources there are."""
        if not ids:
            return "no source recorded"
        label = self._publishers.get(ids[0], ids[0])
        return label if len(ids) == 1 else f"{label} and {len(ids) - 1} more"

    def control_label(self, c: ControlArea) -> str:
        who = CONTROLLER_ADJECTIVE.get(c.controlled_by)
        who = f"{who} control" if who else f"control of {self.party(c.controlled_by)}"
        since = f" since {fmt_date(c.valid_from)}" if c.valid_from else ""
        until = f" until {fmt_date(c.valid_to)}" if c.valid_to else ""
        return f"Under {who}{since}{until} (per {self.source_label(c.source_ids)})"

    def control_legend(self, c: ControlArea) -> str:
        """The control label for the legend, on two lines so the legend stays narrow."""
        label = esc(self.control_label(c))
        return label.replace(" (per ", "<br>(per ", 1)

    def vote_line(self, v: dict) -> str:
        base = f" of {v['base']}" if v["base"] and v["base"] != "not applicable" else ""
        status = f"; {v['status']}" if v["status"] else ""
        return f"1 December 1991 referendum: {v['share']:g}% yes{base}{status} (per {self.source_label(v['source_ids'])})"

    def control_at(self, member: tuple[int, ...], day: dt.date) -> ControlArea | None:
        for ci in member:
            if self.controls[ci].active(day):
                return self.controls[ci]
        return None

    def place_control(self, p: dict, day: dt.date) -> tuple[str, str, dt.date | None, tuple]:
        """(status line, controller name, since, source ids) for a place on a date."""
        area = self.control_at(p.get("_controls", ()), day)
        if area is not None:
            who = self.party(area.controlled_by)
            return f"Controlled by {who} since {fmt_date(area.valid_from)}", who, area.valid_from, area.source_ids
        since = p.get("control_since")
        who = self.party(_text(p.get("controlled_by")))
        if since is None:
            return f"Controlled by {who} throughout the period covered", who, None, p["source_ids"]
        if since <= day:
            return f"Controlled by {who} since {fmt_date(since)}", who, since, p["source_ids"]
        return (f"Control on this date: not recorded here (the gazetteer records {who} from {fmt_date(since)})",
                "", None, ())

    def _place_head(self, p: dict) -> str:
        label = KIND_STYLE.get(p["kind"], (p["kind"],))[0]
        lines = [f"<b>{esc(p.get('name_en'))}</b> ({esc(label.lower())})",
                 f"Ukrainian: {esc(p.get('name_uk'))}", f"Russian: {esc(p.get('name_ru'))}"]
        if p.get("name_crh"):
            lines.append(f"Crimean Tatar: {esc(p.get('name_crh'))}")
        lines.append(f"Internationally recognised as part of: {esc(p.get('country'))}")
        return "<br>".join(lines)

    def place_hover(self, p: dict, day: dt.date | None) -> str:
        """Hover text of a place: names, country, and control on ``day`` (None: the full record, any date)."""
        if day is not None:
            return f"{p['_head']}<br>{esc(self.place_control(p, day)[0])}"
        since, who = p.get("control_since"), self.party(_text(p.get("controlled_by")))
        lines = [f"Gazetteer: controlled by {who} " + (f"since {fmt_date(since)}" if since else "throughout the period covered")]
        lines += [self.control_label(self.controls[ci]) for ci in p.get("_controls", ())]
        return "<br>".join([p["_head"]] + [esc(x) for x in lines])

    def region_hover(self, i: int, day: dt.date | None, view: str) -> str:
        r = self.regions[i]
        p = r.props
        lines = [f"<b>{esc(p.get('name_en'))}</b>"]
        if p.get("name_uk"):
            lines.append(f"Ukrainian: {esc(p.get('name_uk'))}")
        if p.get("name_ru"):
            lines.append(f"Russian: {esc(p.get('name_ru'))}")
        if p.get("unit_type"):
            lines.append(esc(str(p["unit_type"]).replace("-", " ").capitalize()))
        if p.get("country"):
            lines.append(f"Internationally recognised as part of: {esc(p.get('country'))}")
        if day is None:
            lines += [esc(self.control_label(self.controls[ci])) for ci in self._region_controls[i]]
        else:
            area = self.control_at(self._region_controls[i], day)
            if area is not None:
                lines.append(esc(self.control_label(area)))
        if view == "vote-1991":
            v = self.yes_share.get(r.id)
            lines.append(esc(self.vote_line(v)) if v else "1991 referendum: no figure for this area in the data")
            for other in self.other_shares.get(r.id, []):
                lines.append(esc(f"Also given: {other['share']:g}% of {other['base']} ({other['status']}; per "
                                 f"{self.source_label(other['source_ids'])})"))
        return "<br>".join(lines)

    def events_at(self, day: dt.date) -> list[dict]:
        n = int(np.searchsorted(self._event_dates, day.toordinal(), side="right"))
        return self.map_events[:n]

    def view_date(self, view: str) -> dt.date:
        if view == "vote-1991" and self.yes_share:
            dates = [v["date"] for v in self.yes_share.values() if v["date"]]
            if dates:
                return min(dates)
        if view in VIEW_DATES:
            return VIEW_DATES[view]
        return self.last_date or VIEW_DATES["2025"]

    def key_dates(self, limit: int = 24) -> list[dt.date]:
        """Meaningful dates for a slider: control changes, votes, the views' dates, then events (thinned)."""
        must = {c.valid_from for c in self.controls if c.valid_from} | {c.valid_to for c in self.controls if c.valid_to}
        must |= {v["date"] for v in self.yes_share.values() if v["date"]}
        must |= {self.view_date(v) for v in VIEWS}
        if self.last_date:
            must.add(self.last_date)
        lo, hi = self.first_date, self.last_date
        if lo and hi:
            must = {d for d in must if lo <= d <= hi} or must
        rest = sorted({e["date"] for e in self.map_events} - must)
        room = max(limit - len(must), 0)
        if len(rest) > room:
            rest = [rest[round(i * (len(rest) - 1) / max(room - 1, 1))] for i in range(room)] if room else []
        return sorted(must | set(rest))

    # ---- traces
    def skeleton(self) -> dict[str, list[int]]:
        """Indices of each kind of trace in the figure (the order never changes)."""
        n_r, n_c, n_k = len(self.regions), len(self.controls), len(self.kinds)
        i = 0
        out = {"regions": list(range(i, i + n_r))}
        i += n_r
        out["control"] = list(range(i, i + n_c))
        i += n_c
        out["labels"] = [i]
        out["places"] = list(range(i + 1, i + 1 + n_k))
        i += 1 + n_k
        out["events"] = [i]
        out["selection"] = [i + 1]
        out["bins"] = list(range(i + 2, i + 2 + len(VOTE_BINS) - 1))
        out["shares"] = [i + 1 + len(VOTE_BINS)]
        return out

    def traces(self, state: MapState, record: bool = False) -> list[dict]:
        """Trace specs (plain dicts) in skeleton order. ``record``: hover states the full control record
        instead of control on the date (for the animation, whose frames then only swap events)."""
        day, view, memo = state.as_of, state.view, self._memo
        hover_day = None if record else day
        sig = None if record else self.signature(day)
        kinds = self.kinds if state.kinds is None else [k for k in self.kinds if k in state.kinds]
        specs = list(memo(("regions", view), lambda: [self._region_trace(r, view, first) for r, first in
                                                       zip(self.regions, self._first_of_group(view))]))
        specs += [memo(("control", i, c.active(day)), lambda c=c: self._control_trace(c, day))
                  for i, c in enumerate(self.controls)]
        specs.append(memo(("labels", view, sig), lambda: self._label_trace(hover_day, view)))
        specs += [memo(("places", k, view, k in kinds, sig), lambda k=k: self._place_trace(k, hover_day, view, k in kinds))
                  for k in self.kinds]
        specs.append(self.events_spec(day))
        specs.append(memo(("selection", state.selected), lambda: self._selection_trace(state.selected)))
        specs += memo(("bins", view), lambda: self._bin_traces(view))
        specs.append(memo(("shares", view), lambda: self._share_trace(view)))
        return specs

    def _first_of_group(self, view: str):
        seen = set()
        for r in self.regions:
            key = self._legend_key(r, view)
            yield key not in seen
            seen.add(key)

    def _legend_key(self, r: Region, view: str) -> str:
        if view == "vote-1991":
            return "bin" if r.id in self.yes_share else ("ru" if r.group == "ru" else "no-figure")
        if r.group == "crimea" and view != "2014":
            return "ua"
        return r.group

    def _region_trace(self, r: Region, view: str, first: bool) -> dict:
        key = self._legend_key(r, view)
        names = {"ua": "Ukraine (incl. Crimea and Sevastopol)", "crimea": "Crimea and Sevastopol (Ukraine)",
                 "ru": "Russia (neighbouring area)", "other": "Other countries", "no-figure": "No 1991 figure in the data",
                 "bin": "1991 yes share"}
        fill = {"ua": MAP_COLOURS["ua"], "crimea": MAP_COLOURS["crimea"], "ru": MAP_COLOURS["ru"],
                "other": MAP_COLOURS["ru"], "no-figure": BACKGROUND}.get(key)
        if key == "bin":
            fill = SEQUENTIAL[_bin(self.yes_share[r.id]["share"])]
        return {"type": "scattergeo", "lon": r.lon, "lat": r.lat, "mode": "lines", "fill": "toself",
                "fillcolor": fill, "line": {"color": MAP_COLOURS["border"], "width": 0.8},
                "name": names[key], "legendgroup": f"base-{key}", "showlegend": bool(first and key != "bin"),
                "hoverinfo": "skip", "visible": True}

    def _control_trace(self, c: ControlArea, day: dt.date) -> dict:
        colour = MAP_COLOURS["control"]
        return {"type": "scattergeo", "lon": c.lon, "lat": c.lat, "mode": "lines", "fill": "toself",
                "fillcolor": _rgba(colour, CONTROL_OPACITY), "line": {"color": colour, "width": 2, "dash": "dash"},
                "name": self.control_legend(c), "legendgroup": f"control-{c.id}", "showlegend": True,
                "hoverinfo": "skip", "visible": c.active(day)}

    def _label_trace(self, day: dt.date | None, view: str) -> dict:
        return {"type": "scattergeo", "lon": [r.label[0] for r in self.regions], "lat": [r.label[1] for r in self.regions],
                "mode": "markers", "name": "Regions (hover for names)", "showlegend": False,
                "marker": {"size": 7, "color": MUTED, "symbol": "circle-open"},
                "customdata": [r.id for r in self.regions],
                "hovertext": [self.region_hover(i, day, view) for i in range(len(self.regions))],
                "hovertemplate": HOVER, "visible": bool(self.regions)}

    def _place_trace(self, kind: str, day: dt.date | None, view: str, shown: bool) -> dict:
        label, colour, symbol = KIND_STYLE.get(kind, (kind, MUTED, "circle"))
        rows = self.places_by_kind[kind]
        big = view == "2025" and kind in EMPHASISED_2025
        faded = (view == "2025" and not big) or view == "vote-1991"  # let the shares or the 2025 kinds stand out
        return {"type": "scattergeo", "lon": [p["lon"] for p in rows], "lat": [p["lat"] for p in rows],
                "mode": "markers", "name": esc(label), "legendgroup": f"kind-{kind}", "showlegend": True,
                "marker": {"size": 15 if big else 10, "color": colour, "symbol": symbol, "opacity": 0.35 if faded else 1.0,
                           "line": {"width": 1, "color": BACKGROUND}},
                "customdata": [p["id"] for p in rows], "hovertext": [self.place_hover(p, day) for p in rows],
                "hovertemplate": HOVER, "visible": shown}

    def events_spec(self, day: dt.date) -> dict:
        """The events trace for a date (memoised on how many events have happened by then)."""
        return self._memo(("events", len(self.events_at(day))), lambda: self._events_trace(day))

    def _events_trace(self, day: dt.date) -> dict:
        by_place: dict[str, list[dict]] = {}
        for e in self.events_at(day):
            by_place.setdefault(e["place_id"], []).append(e)
        ids = sorted(by_place)
        texts = []
        for pid in ids:
            evs = by_place[pid][::-1]
            lines = [f"<b>{esc(self.all_places[pid].get('name_en'))}</b>: {len(evs)} event(s) up to this date"]
            lines += [f"{esc(e['display_date'])}: {esc(e['headline'])}" for e in evs[:MAX_EVENTS_IN_HOVER]]
            if len(evs) > MAX_EVENTS_IN_HOVER:
                lines.append(f"... and {len(evs) - MAX_EVENTS_IN_HOVER} earlier")
            texts.append("<br>".join(lines))
        return {"type": "scattergeo", "lon": [self.all_places[p]["lon"] for p in ids],
                "lat": [self.all_places[p]["lat"] for p in ids], "mode": "markers",
                "name": "Events up to this date", "showlegend": True,
                "marker": {"size": 20, "color": INK, "symbol": "circle-open", "line": {"width": 2, "color": INK}},
                "customdata": ids, "hovertext": texts, "hovertemplate": HOVER, "visible": bool(ids)}

    def _selection_trace(self, selected: str | None) -> dict:
        p = self.all_places.get(selected or "")
        shown = p is not None and p["id"] in self.shown_ids
        return {"type": "scattergeo", "lon": [p["lon"]] if shown else [], "lat": [p["lat"]] if shown else [],
                "mode": "markers", "name": "Selected place", "showlegend": False,
                "marker": {"size": 28, "color": CATEGORY_COLOURS["diplomacy"], "symbol": "circle-open",
                           "line": {"width": 3, "color": CATEGORY_COLOURS["diplomacy"]}},
                "hoverinfo": "skip", "visible": shown}

    def _bin_traces(self, view: str) -> list[dict]:
        out = []
        for i, (lo, hi) in enumerate(zip(VOTE_BINS[:-1], VOTE_BINS[1:])):
            name = f"Below {hi}% yes" if lo == 0 else f"{lo}-{hi}% yes" if hi < 100 else f"{lo}% yes or more"
            out.append({"type": "scattergeo", "lon": [None], "lat": [None], "mode": "markers", "name": name,
                        "legendgroup": "bins", "legendrank": 1, "showlegend": True, "hoverinfo": "skip",
                        "marker": {"size": 14, "color": SEQUENTIAL[i], "symbol": "square",
                                   "line": {"width": 1, "color": MAP_COLOURS["border"]}},
                        "visible": view == "vote-1991"})
        return out

    def _share_trace(self, view: str) -> dict:
        """The 1991 "yes" share written on each area that has one (the vote-1991 view only)."""
        rows = [r for r in self.regions if r.id in self.yes_share] if view == "vote-1991" else []
        small = {r.id: _span(r) < 1.0 for r in rows}  # Sevastopol: label beside the area, not on it
        return {"type": "scattergeo", "lon": [r.label[0] for r in rows], "lat": [r.label[1] for r in rows],
                "mode": "text", "showlegend": False, "hoverinfo": "skip",
                "text": [f"{esc(_short_name(r))}: {self.yes_share[r.id]['share']:g}%" for r in rows],
                "textposition": ["middle left" if small[r.id] else "top center" for r in rows],
                "textfont": {"size": 13}, "visible": bool(rows)}

    # ---- layout
    def _bounds(self, groups: tuple[str, ...]) -> tuple[float, float, float, float] | None:
        xs = [v for r in self.regions if r.group in groups for v in r.lon if v is not None]
        ys = [v for r in self.regions if r.group in groups for v in r.lat if v is not None]
        return (min(xs), max(xs), min(ys), max(ys)) if xs else None

    def geo_layout(self, view: str) -> dict:
        """Geo settings of a view. The overview and 2025 frame Ukraine (Crimea included) with a strip of the
        neighbouring area; 2014 zooms on Crimea; the 1991 vote on the south, where the data has figures."""
        base = {"visible": False, **GEO_LAYERS_OFF, "projection": {"type": "mercator"}, "bgcolor": BACKGROUND}
        crimea = self._bounds(("crimea",))
        ukraine = self._bounds(("ua", "crimea"))
        if view == "2014" and crimea:
            x0, x1, y0, y1 = crimea
            return {**base, "fitbounds": False, "lonaxis": {"range": [x0 - 1.2, x1 + 1.2]},
                    "lataxis": {"range": [y0 - 0.6, y1 + 0.6]}}
        if view == "vote-1991" and crimea:
            x0, x1, y0, y1 = crimea
            return {**base, "fitbounds": False, "lonaxis": {"range": [x0 - 2.5, x1 + 2.5]},
                    "lataxis": {"range": [y0 - 0.5, y1 + 1.6]}}
        if ukraine:
            x0, x1, y0, y1 = ukraine
            return {**base, "fitbounds": False, "lonaxis": {"range": [x0 - 0.4, x1 + 1.2]},
                    "lataxis": {"range": [y0 - 0.7, y1 + 0.3]}}
        return {**base, "fitbounds": "locations", "lonaxis": {"range": None}, "lataxis": {"range": None}}

    def title(self, state: MapState) -> str:
        day = fmt_date(state.as_of)
        if state.view == "vote-1991":
            extra = "; ".join(f"{esc(v['area'])}: {v['share']:g}% of {esc(v['base'])}" for v in self.vote_elsewhere)
            extra = f"; {extra} (not drawn as an area)" if extra else ""
            return ("The independence referendum of 1 December 1991"
                    f"<br><sup>\u201cYes\u201d share by area{extra}. As of {day}</sup>")
        if state.view == "2025":
            return f"The energy moratorium of March\u2013April 2025<br><sup>Energy facilities and Black Sea ports, as of {day}</sup>"
        if state.view == "2014":
            return f"Crimea and Sevastopol in 2014<br><sup>As of {day}</sup>"
        return f"Ukraine's borders and Russian control<br><sup>As of {day}</sup>"

    def notice(self, state: MapState) -> str:
        """An empty-state message for the figure, or ''."""
        if self.first_date and state.as_of < self.first_date:
            return f"No dated data before {fmt_date(self.first_date)}: the map shows borders only."
        if state.kinds is not None and not any(k in state.kinds for k in self.kinds) and self.kinds:
            return "No place kind selected: choose one or more kinds to show places."
        return ""

    def alt(self, state: MapState) -> str:
        day = fmt_date(state.as_of)
        active = [c for c in self.controls if c.active(state.as_of)]
        kinds = self.kinds if state.kinds is None else [k for k in self.kinds if k in state.kinds]
        n_places = sum(len(self.places_by_kind[k]) for k in kinds)
        n_event_places = len(self.events_spec(state.as_of)["customdata"])
        if state.view == "vote-1991":
            parts = [f"{r.props.get('name_en') or r.id} {self.yes_share[r.id]['share']:g}% yes" for r in self.regions
                     if r.id in self.yes_share]
            first = ("Map colouring areas by the \u201cyes\u201d share in Ukraine's independence referendum of 1 December 1991"
                     + (f": {', '.join(parts)}." if parts else "; the data has no figure for a drawn area."))
        else:
            what = {"2014": "Map of Crimea and Sevastopol", "2025": "Map of energy facilities and Black Sea ports"}.get(
                state.view, "Map of Ukraine's internationally recognised borders, including Crimea and Sevastopol")
            first = f"{what}, on {day}."
        shade = ("; ".join(self.control_label(c) for c in active) + "." if active
                 else "No area is shaded as under Russian control on this date.")
        return f"{first} {shade} {n_places} places and {n_event_places} event locations are marked."

    def layout(self, state: MapState, height: int) -> dict:
        pov = esc(POINT_OF_VIEW).replace(". Shading", ".<br>Shading", 1)  # two lines: fits a narrow widget
        notes = [{"text": pov, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0, "y": 1, "xanchor": "left",
                  "yanchor": "bottom", "yshift": 6, "align": "left", "font": {"size": 12, "color": MUTED}}]
        notice = self.notice(state)
        if notice:
            notes.append({"text": esc(notice), "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": 1,
                          "xanchor": "center", "yanchor": "top", "font": {"size": 15, "color": INK},
                          "bgcolor": _rgba(BACKGROUND, 0.9), "bordercolor": MUTED, "borderwidth": 1})
        # No width: the figure takes its container's width, and a narrow legend on the right leaves
        # the map about three quarters of it (the map is wider than tall: a legend below would cost more).
        return {"title": {"text": self.title(state)}, "height": height, "geo": self.geo_layout(state.view),
                "margin": {"l": 0, "r": 0, "t": 122, "b": 0}, "annotations": notes,
                "legend": {"x": 1, "xanchor": "left", "y": 1, "yanchor": "top", "font": {"size": 11},
                           "tracegroupgap": 0},
                "hoverlabel": {"font": {"family": FONT}},
                "meta": {"alt": self.alt(state), "view": state.view, "as_of": state.as_of.isoformat(), "empty": bool(notice)}}

    def figure(self, state: MapState, height: int = 600, keep_hidden: bool = False, record: bool = False) -> go.Figure:
        specs = self.traces(state, record)
        if not keep_hidden:
            specs = [s for s in specs if s["visible"] is not False]
        return go.Figure(data=specs, layout=self.layout(state, height))

    # ---- table
    def table(self, state: MapState) -> pd.DataFrame:
        key = ("table", state.view, state.kinds, self.signature(state.as_of))
        return self._memo(key, lambda: self._table(state)).copy()

    def _table(self, state: MapState) -> pd.DataFrame:
        rows = []
        for i, r in enumerate(self.regions):
            area = self.control_at(self._region_controls[i], state.as_of)
            row = {"id": r.id, "name": _text(r.props.get("name_en")), "kind": _text(r.props.get("unit_type")) or "region",
                   "country": _text(r.props.get("country")),
                   "controlled_by": self.party(area.controlled_by) if area else "no change recorded in the control layer",
                   "since": area.valid_from.isoformat() if area and area.valid_from else "",
                   "sources": "; ".join(area.source_ids if area else _ids(r.props.get("source_ids")))}
            if state.view == "vote-1991":
                v = self.yes_share.get(r.id)
                row["yes_1991_pct"] = v["share"] if v else None
            rows.append(row)
        kinds = self.kinds if state.kinds is None else [k for k in self.kinds if k in state.kinds]
        for k in kinds:
            for p in self.places_by_kind[k]:
                _, who, since, ids = self.place_control(p, state.as_of)
                row = {"id": p["id"], "name": _text(p.get("name_en")), "kind": k, "country": _text(p.get("country")),
                       "controlled_by": who or "not recorded for this date", "since": since.isoformat() if since else "",
                       "sources": "; ".join(dict.fromkeys(p["source_ids"] + tuple(ids)))}
                if state.view == "vote-1991":
                    row["yes_1991_pct"] = None
                rows.append(row)
        cols = ["id", "name", "kind", "country", "controlled_by", "since", "sources"] + (
            ["yes_1991_pct"] if state.view == "vote-1991" else [])
        return pd.DataFrame(rows, columns=cols)


def _span(r: Region) -> float:
    xs = [v for v in r.lon if v is not None]
    return max(xs) - min(xs) if xs else 0.0


def _short_name(r: Region) -> str:
    """'Crimea' for the Autonomous Republic of Crimea; other areas keep their English name."""
    name = _text(r.props.get("name_en")) or r.id
    return "Crimea" if r.id == "ua-43" or name.startswith("Autonomous Republic of Crimea") else name


def _bin(share: float) -> int:
    for i, hi in enumerate(VOTE_BINS[1:]):
        if share < hi or hi == 100:
            return i
    return len(VOTE_BINS) - 2


def _state(model: MapModel, as_of, view: str, kinds) -> MapState:
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    day = as_date(as_of) or model.view_date(view)
    return MapState(day, view, None if kinds is None else tuple(kinds))


# --------------------------------------------------------------------------- public figure functions


def map_figure(borders: dict | None, control: dict | None = None, places: pd.DataFrame | None = None,
               events: pd.DataFrame | None = None, *, as_of=None, votes: pd.DataFrame | None = None,
               view: str = "overview", kinds=None, sources: pd.DataFrame | None = None,
               parties: pd.DataFrame | None = None, height: int = 600) -> go.Figure:
    """The map on one date in one view: borders, the dated control layer, places by kind, events.

    ``as_of`` defaults to the view's own date (the latest date in the data for the overview);
    ``kinds`` limits the place kinds shown (None = all). Offline: Scattergeo with lon/lat only.
    """
    if not borders or not borders.get("features"):
        return empty_figure("No map geometry: the borders layer is empty.", height=height)
    model = MapModel(borders, control, places, events, votes, sources, parties)
    return compact_outlines(model.figure(_state(model, as_of, view, kinds), height))


def compact_outlines(fig: go.Figure) -> go.Figure:
    """Store polygon outlines as float32 arrays (plotly writes them as one base64 string).

    Outline coordinates are most of a map's JSON; as lists they take ~20 bytes per number in a
    stored notebook, as typed arrays ~2.7. Gaps between rings become NaN, which plotly.js treats
    like None. Only for static figures: the explorer keeps lists for its in-place updates.
    """
    for trace in fig.data:
        if trace.type == "scattergeo" and trace.fill == "toself" and trace.lon is not None:
            trace.lon = np.array([np.nan if v is None else v for v in trace.lon], dtype="float32")
            trace.lat = np.array([np.nan if v is None else v for v in trace.lat], dtype="float32")
    return fig


def map_table(borders: dict | None, control: dict | None = None, places: pd.DataFrame | None = None,
              events: pd.DataFrame | None = None, *, as_of=None, votes: pd.DataFrame | None = None,
              view: str = "overview", kinds=None, sources: pd.DataFrame | None = None,
              parties: pd.DataFrame | None = None) -> pd.DataFrame:
    """The regions and places the map shows, with who controls them since when and their sources."""
    if not borders or not borders.get("features"):
        return pd.DataFrame(columns=["id", "name", "kind", "country", "controlled_by", "since", "sources"])
    model = MapModel(borders, control, places, events, votes, sources, parties)
    return model.table(_state(model, as_of, view, kinds))


#: Trace properties that change with the date (what an animation frame carries).
_FRAME_KEYS = {"control": ("visible",), "events": ("lon", "lat", "customdata", "hovertext", "visible")}


def map_animation_figure(borders: dict | None, control: dict | None = None, places: pd.DataFrame | None = None,
                         events: pd.DataFrame | None = None, *, dates=None, as_of=None,
                         votes: pd.DataFrame | None = None, view: str = "overview", kinds=None,
                         sources: pd.DataFrame | None = None, parties: pd.DataFrame | None = None,
                         height: int = 640) -> go.Figure:
    """The map with plotly's own date slider and play button (works in a static HTML export).

    One frame per date (default: the explorer's key dates); a frame only toggles the control layer and
    swaps the event markers, so the geometry and the hover texts are stored once (hover states the full
    control record, true at any date). Place kinds can be switched with the legend.
    """
    if not borders or not borders.get("features"):
        return empty_figure("No map geometry: the borders layer is empty.", height=height)
    model = MapModel(borders, control, places, events, votes, sources, parties)
    days = sorted({as_date(d) for d in dates}) if dates is not None else model.key_dates()
    if not days:
        return empty_figure("No dates to animate.", height=height)
    start = model.view_date(view) if as_of is None else as_date(as_of)
    start_index = max([i for i, d in enumerate(days) if d <= start] or [0])
    state = _state(model, days[start_index], view, kinds)
    fig = model.figure(state, height, keep_hidden=True, record=True)
    parts = model.skeleton()
    frames = []
    for day in days:
        specs = model.traces(MapState(day, view, state.kinds), record=True)
        idx = [i for part, keys in _FRAME_KEYS.items() for i in parts[part]]
        frame_data = [{"type": "scattergeo", **{k: specs[i][k] for k in _FRAME_KEYS[part]}}
                      for part in _FRAME_KEYS for i in parts[part]]
        frames.append(go.Frame(name=day.isoformat(), data=frame_data, traces=idx,
                               layout={"title": {"text": model.title(MapState(day, view, state.kinds))},
                                       "meta": {"alt": model.alt(MapState(day, view, state.kinds)), "view": view,
                                                "as_of": day.isoformat()}}))
    fig.frames = frames
    step_args = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}
    fig.update_layout(
        sliders=[{"active": start_index, "x": 0.2, "len": 0.8, "y": 0, "yanchor": "top", "pad": {"t": 10},
                  "currentvalue": {"prefix": "Date: ", "font": {"size": 14}},
                  "steps": [{"label": short_date(d), "method": "animate", "args": [[d.isoformat()], step_args]}
                            for d in days]}],
        updatemenus=[{"type": "buttons", "direction": "down", "x": 0, "y": 0, "xanchor": "left", "yanchor": "top",
                      "pad": {"t": 10}, "showactive": False,
                      "buttons": [{"label": "\u25b6 Play", "method": "animate",
                                   "args": [None, {"frame": {"duration": 1200, "redraw": True}, "fromcurrent": True,
                                                   "transition": {"duration": 0}}]},
                                  {"label": "\u275a\u275a Pause", "method": "animate",
                                   "args": [[None], {"mode": "immediate", "frame": {"duration": 0, "redraw": False},
                                                     "transition": {"duration": 0}}]}]}],
        margin={"b": 110},
    )
    return fig


# --------------------------------------------------------------------------- the explorer

PROMPT = empty_state("Click a place on the map to see its names, who controls it since when, and the sources.")


def _changes(new: dict, old: dict, prefix: str = ""):
    """(dotted path, value) of every leaf that differs; lists and annotations are compared whole."""
    for key, value in new.items():
        before = old.get(key)
        if value == before:
            continue
        path = f"{prefix}{key}"
        if isinstance(value, dict) and isinstance(before, dict) and key != "meta":
            yield from _changes(value, before, path + ".")
        else:
            yield path, value


def _default(value, name: str):
    return data.load(name) if value is None else value


class MapExplorer(w.VBox):
    """The map explorer: date slider with play, views, place-kind filter, click a place for details."""

    summary = "Map explorer: borders, control and places by date"
    __repr__ = widgets.explorer_repr

    def __init__(self, *, borders: dict | None = None, control: dict | None = None, places: pd.DataFrame | None = None,
                 events: pd.DataFrame | None = None, votes: pd.DataFrame | None = None,
                 sources: pd.DataFrame | None = None, parties: pd.DataFrame | None = None, height: int = 600):
        borders = data.geojson("borders") if borders is None else borders
        control = data.geojson("control") if control is None else control
        self.sources = _default(sources, "sources")
        self.model = MapModel(borders, control, _default(places, "places"), _default(events, "events"),
                              _default(votes, "votes"), self.sources, parties)
        self.height = height
        self.dates = self.model.key_dates()
        start = self.dates[-1] if self.dates else VIEW_DATES["2025"]
        self.state = MapState(start, "overview", None)
        options = [(short_date(d), d) for d in self.dates] or [(short_date(start), start)]
        self.date_slider = w.SelectionSlider(options=options, value=start, description="Date",
                                             continuous_update=False, layout=w.Layout(width="520px"),
                                             style={"description_width": "initial"})
        self.play = w.Play(min=0, max=len(options) - 1, value=len(options) - 1, interval=1500,
                           description="Play through the dates")
        w.link((self.play, "value"), (self.date_slider, "index"))
        self.view_buttons = w.ToggleButtons(options=[(VIEW_LABELS[v], v) for v in VIEWS], value="overview",
                                            description="View", style={"button_width": "auto"})
        self.kind_filter = w.SelectMultiple(options=[(KIND_STYLE.get(k, (k,))[0], k) for k in self.model.kinds],
                                            value=tuple(self.model.kinds), description="Places",
                                            tooltip="Ctrl- or Shift-click to select several",
                                            rows=min(max(len(self.model.kinds), 1), 4))
        self.parts = self.model.skeleton()
        self._specs = self.model.traces(self.state)
        self._layout = self.model.layout(self.state, height)
        self.figure = widgets.figure_widget(go.Figure(data=self._specs, layout=self._layout))
        for i in self.parts["places"] + self.parts["events"]:
            self.figure.data[i].on_click(self._on_click)
        self.details = widgets.html_box(PROMPT)
        self.alt = widgets.html_box()
        self.table = widgets.html_box()
        self._syncing = False
        self.date_slider.observe(self._on_date, names="value")
        self.view_buttons.observe(self._on_view, names="value")
        self.kind_filter.observe(self._on_kinds, names="value")
        table_box = w.Accordion(children=[self.table], titles=("Table of the regions and places shown",))
        controls = w.VBox([w.HBox([self.play, self.date_slider], layout=w.Layout(flex_flow="row wrap")),
                           w.HBox([self.view_buttons, self.kind_filter], layout=w.Layout(flex_flow="row wrap",
                                                                                          align_items="flex-start"))])
        super().__init__(children=[controls, self.figure, self.details, self.alt, table_box])
        self._refresh_text()

    # ---- public interactions
    def set_date(self, date) -> None:
        """Show the map on ``date`` (any date; the slider moves to the latest key date not after it)."""
        try:
            day = as_date(date)
        except (TypeError, ValueError):
            day = None
        if day is None:
            self.details.value = empty_state(f"{date!s} is not a date.", "Use YYYY-MM-DD, e.g. 2014-03-27.")
            return
        earlier = [d for d in self.dates if d <= day]
        if earlier and earlier[-1] != self.date_slider.value:
            self._syncing = True
            try:
                self.date_slider.value = earlier[-1]
            finally:
                self._syncing = False
        self._update(as_of=day)

    def set_view(self, view: str) -> None:
        """Switch view: overview, 2014, vote-1991 or 2025 (the last three jump to their own date)."""
        if view not in VIEWS:
            self.details.value = empty_state(f"There is no view called {view!r}.", f"Choose one of: {', '.join(VIEWS)}.")
            return
        self.view_buttons.value = view
        if self.state.view != view:  # the buttons already had this value
            self._set_view(view)

    def set_kinds(self, kinds) -> None:
        """Show only these place kinds (an empty selection shows none)."""
        self.kind_filter.value = tuple(k for k in kinds if k in self.model.kinds)

    def select_place(self, place_id: str) -> None:
        """Show one place's names, control and sources in the details panel, and ring it on the map."""
        p = self.model.all_places.get(place_id)
        if p is None:
            self._update(selected=None)
            self.details.value = empty_state(f"No place with id {place_id!r} in the gazetteer.",
                                             "Click a marker on the map, or check the id in the table.")
            return
        self._update(selected=place_id)

    # ---- callbacks
    def _on_date(self, change) -> None:
        if not self._syncing:
            self._update(as_of=change["new"])

    def _on_view(self, change) -> None:
        self._set_view(change["new"])

    def _set_view(self, view: str) -> None:
        day = self.model.view_date(view) if view != "overview" else self.state.as_of
        if day != self.state.as_of and day in self.dates:
            self._syncing = True
            try:
                self.date_slider.value = day
            finally:
                self._syncing = False
        self._update(view=view, as_of=day)

    def _on_kinds(self, change) -> None:
        self._update(kinds=tuple(change["new"]))

    def _on_click(self, trace, points, selector=None) -> None:
        if points.point_inds:
            self.select_place(trace.customdata[points.point_inds[0]])

    # ---- rendering
    def _update(self, **changes) -> None:
        state = self.state
        self.state = MapState(changes.get("as_of", state.as_of), changes.get("view", state.view),
                              changes.get("kinds", state.kinds), changes.get("selected", state.selected))
        specs = self.model.traces(self.state)
        layout = self.model.layout(self.state, self.height)
        with self.figure.batch_update():
            for i, (new, old) in enumerate(zip(specs, self._specs)):
                if new is not old and new != old:
                    trace = self.figure.data[i]
                    for path, value in _changes(new, old):
                        trace[path] = value
            for path, value in _changes(layout, self._layout):
                self.figure.layout[path] = value
        self._specs, self._layout = specs, layout
        self._refresh_text()

    def _refresh_text(self) -> None:
        self.alt.value = f"<p class='lessons-alt' style='color:{MUTED}'>{esc(self._layout['meta']['alt'])}</p>"
        notice = self.model.notice(self.state)
        frame = self.model.table(self.state)
        self.table.value = widgets.table_html(frame, caption=f"Regions and places shown on {fmt_date(self.state.as_of)}")
        if self.state.selected:
            self.details.value = self.details_html(self.state.selected)
        else:
            self.details.value = empty_state(notice) if notice else PROMPT

    def details_html(self, place_id: str) -> str:
        """All names, control on the selected date and as recorded, events here, and citations."""
        m, day = self.model, self.state.as_of
        p = m.all_places.get(place_id)
        if p is None:
            return empty_state(f"No place with id {place_id!r} in the gazetteer.")
        status = m.place_control(p, day)[0] if place_id in m.shown_ids else ""
        since = p.get("control_since")
        recorded = f"{m.party(_text(p.get('controlled_by')))}" + (f" since {fmt_date(since)}" if since else " throughout")
        evs = [e for e in m.events_at(day) if e["place_id"] == place_id][::-1]
        ev_html = "<br>".join(f"{esc(e['display_date'])}: {esc(e['headline'])}" for e in evs[:10])
        rows = [("Ukrainian", esc(p.get("name_uk"))), ("Russian", esc(p.get("name_ru"))),
                ("Crimean Tatar", esc(p.get("name_crh"))),
                ("Kind", esc(KIND_STYLE.get(p["kind"], (p["kind"],))[0])),
                ("Internationally recognised country", esc(p.get("country"))),
                (f"Control on {fmt_date(day)}", esc(status)),
                ("Control as recorded in the gazetteer", esc(recorded)),
                ("How control changed", esc(p.get("control_note"))),
                ("Coordinates", esc(f"{p['lat']:.3f}\u00b0 N, {p['lon']:.3f}\u00b0 E") if p.get("lat") is not None else ""),
                (f"Events here up to {fmt_date(day)}", ev_html)]
        if place_id not in m.shown_ids:
            rows.append(("On the map", "Outside the area this map draws."))
        html = widgets.details_html(_text(p.get("name_en")) or place_id, rows, p["source_ids"], self.sources)
        area = m.control_at(p.get("_controls", ()), day)
        if area is not None:
            html += (f"<div style='font-family:{FONT}'><b>Control layer</b>: {esc(m.control_label(area))}"
                     f"{widgets.citation_html(area.source_ids, self.sources)}</div>")
        return html


# --------------------------------------------------------------------------- benchmark hook


def benchmark_cases(tables: dict) -> list[tuple[str, callable]]:
    """Student interactions on one explorer: move the date slider, change view, select a place, filter kinds."""
    ex = MapExplorer(borders=tables["borders"], control=tables.get("control"), places=tables["places"],
                     events=tables["events"], votes=tables["votes"], sources=tables.get("sources"),
                     parties=tables.get("parties"))
    options = [value for _, value in ex.date_slider.options]
    place_ids = [p["id"] for p in ex.model.shown_places] or ["pl-unknown"]
    kinds = list(ex.model.kinds)
    subsets = [tuple(kinds[: max(1, len(kinds) // 2)]), tuple(kinds), ()]
    counter = {"date": 0, "view": 0, "place": 0, "kinds": 0}

    def step(name, n):
        counter[name] += 1
        return counter[name] % max(n, 1)

    return [
        ("move the date slider", lambda: setattr(ex.date_slider, "value", options[step("date", len(options))])),
        ("change view", lambda: ex.set_view(VIEWS[step("view", len(VIEWS))])),
        ("select a place", lambda: ex.select_place(place_ids[step("place", len(place_ids))])),
        ("filter place kinds", lambda: setattr(ex.kind_filter, "value", subsets[step("kinds", len(subsets))])),
    ]
