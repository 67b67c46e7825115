"""Rows of the map's data as small typed records: regions, drawn control areas, dated control rows.

Also the few value helpers every map module uses (a missing value, a date from any input, id lists).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from .. import data, geo, html

PARTY_FALLBACK = {"ru": "Russia", "ua": "Ukraine"}
#: Coarser drawing for the regions around Crimea: they are context, and every stored figure carries
#: its outlines (a notebook must stay under 100 KB). Crimea and the oblast that shares its border at
#: Perekop keep the fine tolerance so their common border matches.
CONTEXT_TOLERANCE = 0.04
FAR_TOLERANCE = 0.1
FINE_IDS = (*geo.CRIMEA_IDS, "ua-65")
FAR_IDS = ("ua-rest", "ru-near")
#: The hover template of every map trace with hover texts: the text alone, without plotly's trace-name box.
HOVER = "%{hovertext}<extra></extra>"


def missing(value) -> bool:
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
    if missing(value) or value == "":
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@lru_cache(maxsize=4096)
def _fmt_day(day: dt.date, precision: str) -> str:
    return html.fmt_day(day, precision)


def coordinates(lat, lon) -> str:
    """``44.952° N, 34.102° E`` as an atlas writes it: the hemisphere's letter, never a minus sign
    (New York is 73.968° W, not -73.968° E); "" when either is missing."""
    if missing(lat) or missing(lon):
        return ""
    lat, lon = float(lat), float(lon)
    return f"{abs(lat):.3f}\u00b0 {'S' if lat < 0 else 'N'}, {abs(lon):.3f}\u00b0 {'W' if lon < 0 else 'E'}"


def fmt_day(value, precision: str = "day") -> str:
    """:func:`lessons.html.fmt_day`, memoised for dates (the map formats the same few dates many times)."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return _fmt_day(value, precision or "day")
    return html.fmt_day(value, precision)


def pesc(value) -> str:
    """Escape text for plotly's pseudo-HTML (titles, hovers, annotations): &, < and > only, since plotly.js
    shows entities such as ``&quot;`` or ``&#x27;`` literally."""
    return text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def text(value) -> str:
    return "" if missing(value) else str(value)


def ids(value) -> tuple[str, ...]:
    if isinstance(value, (list, tuple, np.ndarray)):
        return tuple(str(v) for v in value)
    return data.split_ids(None if missing(value) else value)


def records(frame: pd.DataFrame | None) -> list[dict]:
    """Rows of a frame as dicts, missing values as None (the index is kept as ``id`` when it is the id)."""
    if frame is None or len(frame) == 0:
        return []
    if "id" not in frame.columns and frame.index.name == "id":
        frame = frame.reset_index()
    cols = list(frame.columns)
    return [
        {c: (None if missing(v) else v) for c, v in zip(cols, row)} for row in frame.itertuples(index=False, name=None)
    ]


def draw_tolerance(feature_id: str) -> float:
    if feature_id in FINE_IDS:
        return geo.DRAW_TOLERANCE
    return FAR_TOLERANCE if feature_id in FAR_IDS else CONTEXT_TOLERANCE


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
    """A drawn area that dated control rows are about (its geometry from control.geojson)."""

    id: str
    area_id: str
    name: str
    controlled_by: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    note: str
    source_ids: tuple[str, ...]
    geometry: dict
    lon: list
    lat: list
    region_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ControlRecord:
    """One dated row of control_history.csv: who controlled a place or an area from when until when."""

    id: str
    place_id: str
    area_id: str
    controlled_by: str
    status: str
    label: str
    valid_from: dt.date | None
    precision: str
    valid_to: dt.date | None
    note: str
    source_ids: tuple[str, ...]

    def active(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)

    @classmethod
    def from_row(cls, r: dict) -> ControlRecord:
        return cls(
            text(r.get("id")),
            text(r.get("place_id")),
            text(r.get("area_id")),
            text(r.get("controlled_by")),
            text(r.get("status")) or "held",
            text(r.get("label")),
            as_date(r.get("valid_from")),
            text(r.get("valid_from_precision")) or "day",
            as_date(r.get("valid_to")),
            text(r.get("note")),
            ids(r.get("source_ids")),
        )


def gazetteer_records(p: dict) -> list[ControlRecord]:
    """The gazetteer's own as-of record of a place, as a dated row (used only where no dated row exists)."""
    who = text(p.get("controlled_by"))
    if not who:
        return []
    return [
        ControlRecord(
            f"gazetteer-{p['id']}",
            p["id"],
            "",
            who,
            "held",
            "",
            p.get("control_since"),
            "day",
            None,
            text(p.get("control_note")),
            p["source_ids"],
        )
    ]


def region_group(fid: str, props: dict) -> str:
    if fid in geo.CRIMEA_IDS:
        return "crimea"
    if fid == "ua" or fid.startswith("ua-"):
        return "ua"
    if fid == "ru" or fid.startswith("ru-"):
        return "ru"
    country = str(props.get("country") or "").lower()
    return "ua" if country == "ukraine" else "ru" if country == "russia" else "other"


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


def _regions(borders: dict) -> list[Region]:
    out = []
    for feat in borders.get("features", []):
        props = dict(feat.get("properties") or {})
        fid = str(props.get("id") or "")
        lon, lat = geo.drawn_rings(feat["geometry"], draw_tolerance(fid))
        if missing(props.get("label_lon")) or missing(props.get("label_lat")):
            xs, ys = [v for v in lon if v is not None], [v for v in lat if v is not None]
            label = ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
        else:
            label = (float(props["label_lon"]), float(props["label_lat"]))
        out.append(Region(fid, props, region_group(fid, props), lon, lat, label))
    return out


def _controls(control: dict) -> list[ControlArea]:
    out = []
    for feat in control.get("features", []):
        p = feat.get("properties") or {}
        fid = text(p.get("id"))
        area = text(p.get("area_id")) or ("crimea" if fid.startswith("ctl-crimea") else fid)
        lon, lat = geo.drawn_rings(feat["geometry"])
        out.append(
            ControlArea(
                fid,
                area,
                text(p.get("name_en")),
                text(p.get("controlled_by")),
                as_date(p.get("valid_from")),
                as_date(p.get("valid_to")),
                text(p.get("note")),
                ids(p.get("source_ids")),
                feat["geometry"],
                lon,
                lat,
                geo.CRIMEA_IDS if area == "crimea" else (),
            )
        )
    out.sort(key=lambda c: (c.valid_from or dt.date.min, c.id))
    return out


def build_regions(borders: dict | None) -> list[Region]:
    return _cached(borders, _regions) if borders and borders.get("features") else []


def build_controls(control: dict | None) -> list[ControlArea]:
    return _cached(control, _controls) if control and control.get("features") else []
