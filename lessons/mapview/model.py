"""What the map shows on a date, prepared once: regions, the dated control history, places, events, votes.

:class:`MapState` is what a student chose (a date, a view, the place kinds shown, a selected place).
:class:`MapModel` prepares the tables and the geometry once and answers every question a view asks
about a state: who controlled a place or an area on that day (per the dated rows of
``control_history.csv`` and their sources), which places existed, the labels, hover texts and key dates.
Trace and layout specs are built from it in :mod:`lessons.mapview.traces` (drawn by its regions, places
and labels modules) and :mod:`lessons.mapview.layout`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import data, geo
from ..ceasefire.tables import claimant
from .records import (
    PARTY_FALLBACK,
    ControlRecord,
    as_date,
    build_controls,
    build_regions,
    fmt_day,
    gazetteer_records,
    ids,
    missing,
    records,
    text,
)
from .records import pesc as esc

VIEWS = ("overview", "2014", "vote-1991", "2025")
VIEW_LABELS = {
    "overview": "Overview",
    "2014": "2014: Crimea",
    "vote-1991": "1991 vote",
    "2025": "2025: energy and ports",
}
#: The date each view opens on. Overview opens on the latest date.
VIEW_DATES = {"vote-1991": dt.date(1991, 12, 1), "2014": dt.date(2014, 3, 27), "2025": dt.date(2025, 3, 18)}
#: Days a teacher will want on the slider whatever the data holds: the key days of February-March 2014, and
#: 18 April 2025, when the Kremlin said the energy moratorium had run out (the 2025 view then shows each
#: side's accusations of strikes during the pause).
KEY_DAYS = (
    dt.date(2014, 2, 27),
    dt.date(2014, 3, 1),
    dt.date(2014, 3, 16),
    dt.date(2014, 3, 18),
    dt.date(2014, 3, 21),
    dt.date(2014, 3, 27),
    dt.date(2025, 4, 18),
)
POINT_OF_VIEW = (
    "Borders: internationally recognised (UN General Assembly resolution 68/262). "
    "Shading: who controlled an area on the date shown, a separate dated layer."
)
VOTE_1991 = "1991-12-01-independence"
SHARE_BASE_ORDER = ("ballots-cast", "valid-votes", "registered-voters")
VOTE_BINS = (0, 50, 60, 70, 80, 90, 100)
#: A place further than this (degrees) from every drawn region is off the map (e.g. Minsk).
PLACE_MARGIN = 0.5
COUNTRY_AREAS = {"Ukraine": "ukraine", "Russia": "russia"}
STATUS_WORDS = {"held": "Controlled by", "contested": "Contested", "divided": "Divided", "claimed": "Claimed by"}
#: Events of this category are accusations of strikes on energy; the party whose headline reports one
#: (lessons.ceasefire.claimant) is whose claim the map marks, for these parties.
STRIKE_CATEGORY = "energy"
CLAIMANTS = ("ru", "ua")


@dataclass(frozen=True)
class MapState:
    """What a student has chosen: a date, a view, the place kinds shown (None = all) and a selected place."""

    as_of: dt.date
    view: str = "overview"
    kinds: tuple[str, ...] | None = None
    selected: str | None = None


def since_text(r: ControlRecord) -> str:
    """'since 22 March 2014', 'since 2022', or '' when the row starts before the period covered."""
    return f"since {fmt_day(r.valid_from, r.precision)}" if r.valid_from else ""


def record_line(r: ControlRecord, party) -> str:
    """One control row in words: 'Controlled by Russia since 22 March 2014', 'Contested: ... since ...'."""
    if r.status == "held":
        head = f"Controlled by {r.label or party(r.controlled_by)}"
    else:
        head = (
            r.label[:1].upper() + r.label[1:]
            if r.label
            else f"{STATUS_WORDS.get(r.status, r.status)} {party(r.controlled_by)}"
        )
    when = since_text(r)
    until = f" (until {fmt_day(r.valid_to - dt.timedelta(days=1))})" if r.valid_to else ""
    return f"{head} {when}{until}".replace("  ", " ").strip()


class MapModel:
    """Tables and geometry prepared once; answers lookups for any :class:`MapState` cheaply.

    After preparation: ``regions`` and ``controls`` (drawn areas), ``records`` (dated control rows),
    ``all_places`` (id -> row dict), ``shown_places`` (near the drawn area), ``map_events``,
    ``yes_share`` (region id -> the 1991 "yes" row coloured) and ``kinds`` (place kinds present, in order).
    """

    def __init__(
        self,
        borders: dict | None,
        control: dict | None = None,
        places: pd.DataFrame | None = None,
        events: pd.DataFrame | None = None,
        votes: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
        parties: pd.DataFrame | None = None,
        history: pd.DataFrame | None = None,
        kind_order=(),
    ):
        self.borders, self.control, self.sources = borders, control, sources
        self._publishers: dict[str, str] | None = None
        self._party_names = dict(PARTY_FALLBACK)
        for r in records(parties):
            name = r.get("short_name") or r.get("name")
            if r.get("id") and name:
                self._party_names[str(r["id"])] = str(name)
        self.regions = build_regions(borders)
        self.controls = build_controls(control)
        self.extent = self._extent()
        self._prepare_records(history)
        self._prepare_places(places, kind_order)
        self._prepare_events(events)
        self._prepare_votes(votes)
        self._region_areas = self._areas_of(
            [r.label[0] for r in self.regions], [r.label[1] for r in self.regions], [r.id for r in self.regions]
        )
        self._prepare_dates()
        self._cache: dict[tuple, object] = {}
        self._sigs: dict[dt.date, tuple] = {}
        self.hovers: dict[tuple, str] = {}  # a place's hover text per row in force (see places.place_hover)
        self._actives: dict[int, tuple[dict, dict]] = {}
        self._sig_ids: dict[tuple, int] = {}
        self._active_rows: list[tuple] = []

    # ---- preparation
    def _extent(self):
        xs = [v for r in self.regions for v in r.lon if v is not None]
        ys = [v for r in self.regions for v in r.lat if v is not None]
        return (min(xs) - 0.5, max(xs) + 0.5, min(ys) - 0.5, max(ys) + 0.5) if xs else None

    def _prepare_records(self, history) -> None:
        rows = [ControlRecord.from_row(r) for r in records(history)]
        if history is None:  # no history table: each control feature's own dates, as one row per area
            rows = [
                ControlRecord(
                    f"ch-{c.id}",
                    "",
                    c.area_id,
                    c.controlled_by,
                    "held",
                    "",
                    c.valid_from,
                    "day",
                    c.valid_to,
                    c.note,
                    c.source_ids,
                )
                for c in self.controls
                if c.controlled_by
            ]
        rows.sort(key=lambda r: (r.valid_from or dt.date.min, r.id))
        self.records = rows
        self.by_place: dict[str, list[int]] = {}
        self.by_area: dict[str, list[int]] = {}
        for i, r in enumerate(rows):
            (self.by_place.setdefault(r.place_id, []) if r.place_id else self.by_area.setdefault(r.area_id, [])).append(
                i
            )
        self.claims = [i for i, r in enumerate(rows) if r.status == "claimed"]
        self._starts = np.array([(r.valid_from or dt.date.min).toordinal() for r in rows], dtype=np.int64)
        self._ends = np.array([(r.valid_to or dt.date.max).toordinal() for r in rows], dtype=np.int64)

    def _near_regions(self, lons, lats) -> np.ndarray:
        rings = []
        for r in self.regions:
            lon = np.array([np.nan if v is None else v for v in r.lon], dtype=float)
            lat = np.array([np.nan if v is None else v for v in r.lat], dtype=float)
            breaks = np.flatnonzero(np.isnan(lon))
            for xs, ys in zip(np.split(lon, breaks), np.split(lat, breaks)):
                keep = ~np.isnan(xs)
                if keep.sum() >= 3:
                    rings.append(np.column_stack([xs[keep], ys[keep]]))
        return geo.near_rings(rings, lons, lats, PLACE_MARGIN) if len(lons) else np.zeros(0, dtype=bool)

    def _areas_of(self, lons, lats, region_ids) -> list[tuple[str, ...]]:
        """The drawn control areas each point lies in (or whose regions its region_id names)."""
        masks = [(c, geo.inside(c.geometry, lons, lats)) for c in self.controls]
        return [
            tuple(
                dict.fromkeys(c.area_id for c, m in masks if m[i] or (region_ids[i] and region_ids[i] in c.region_ids))
            )
            for i in range(len(lons))
        ]

    def _prepare_places(self, places, kind_order) -> None:
        self.all_places = {}
        for r in records(places):
            if not r.get("id"):
                continue
            r["kind"] = text(r.get("kind"))
            r["control_since"] = as_date(r.get("control_since"))
            r["exists_from"] = as_date(r.get("exists_from"))
            r["source_ids"] = ids(r.get("source_ids"))
            self.all_places[str(r["id"])] = r
        located = [p for p in self.all_places.values() if p.get("lon") is not None and p.get("lat") is not None]
        near = self._near_regions([p["lon"] for p in located], [p["lat"] for p in located])
        self.shown_places = [p for p, ok in zip(located, near) if ok]
        self.shown_ids = {p["id"] for p in self.shown_places}
        self.outside = [p for p in self.all_places.values() if p["id"] not in self.shown_ids]
        areas = self._areas_of(
            [p["lon"] for p in self.shown_places],
            [p["lat"] for p in self.shown_places],
            [text(p.get("region_id")) for p in self.shown_places],
        )
        for p in self.all_places.values():
            p["_areas"] = ()
            p["_fallback"] = gazetteer_records(p)
        for p, member in zip(self.shown_places, areas):
            p["_areas"] = member
        present = {p["kind"] for p in self.shown_places}
        self.kinds = [k for k in kind_order if k in present] + sorted(present - set(kind_order))
        self.places_by_kind = {k: [p for p in self.shown_places if p["kind"] == k] for k in self.kinds}
        self._births = sorted({p["exists_from"] for p in self.shown_places if p["exists_from"]})
        self._since_dates = sorted({p["control_since"] for p in self.shown_places if p["control_since"]})

    def _prepare_events(self, events) -> None:
        rows = []
        for r in records(events):
            place = text(r.get("place_id"))
            day = as_date(r.get("start_date") if "start_date" in r else r.get("date"))
            if place in self.shown_ids and day:
                category = text(r.get("category"))
                rows.append(
                    {
                        "id": text(r.get("id")),
                        "date": day,
                        "place_id": place,
                        "headline": text(r.get("headline")),
                        "display_date": text(r.get("display_date")) or fmt_day(day),
                        "category": category,
                        "claimed_by": (claimant(r.get("headline")) or "") if category == STRIKE_CATEGORY else "",
                    }
                )
        rows.sort(key=lambda e: (e["date"], e["id"]))
        self.map_events = rows
        self._event_dates = np.array([e["date"].toordinal() for e in rows], dtype=int)
        self.strike_claims = {party: [i for i, e in enumerate(rows) if e["claimed_by"] == party] for party in CLAIMANTS}

    def _prepare_votes(self, votes) -> None:
        self.vote_rows = []
        for r in records(votes):
            if (
                text(r.get("vote")).startswith(VOTE_1991)
                and text(r.get("option")) == "yes"
                and not missing(r.get("share_pct"))
            ):
                self.vote_rows.append(
                    {
                        "region_id": text(r.get("region_id")),
                        "area": text(r.get("area")),
                        "share": float(r["share_pct"]),
                        "base_id": text(r.get("share_base")),
                        "base": text(r.get("share_base")).replace("-", " "),
                        "status": text(r.get("figure_status")),
                        "date": as_date(r.get("date")),
                        "source_ids": ids(r.get("source_ids")),
                    }
                )
        order = {"official": 0, "reported": 1, "claimed": 2}
        bases = {b: i for i, b in enumerate(SHARE_BASE_ORDER)}
        self.vote_rows.sort(
            key=lambda v: (order.get(v["status"], 3), bases.get(v["base_id"], 9), v["region_id"], v["area"])
        )
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

    def _prepare_dates(self) -> None:
        dates = [d for r in self.records for d in (r.valid_from, r.valid_to) if d]
        dates += [p["control_since"] for p in self.shown_places if p["control_since"]] + self._births
        dates += [e["date"] for e in self.map_events] + [v["date"] for v in self.vote_rows if v["date"]]
        self.first_date = min(dates) if dates else None
        self.last_date = max(dates) if dates else None

    # ---- lookups
    def memo(self, key: tuple, build):
        """Specs and tables memoised on what they depend on (an identical object is not sent again)."""
        if key not in self._cache:
            if len(self._cache) > 8192:
                self._cache.clear()
            self._cache[key] = build()
        return self._cache[key]

    def signature(self, day: dt.date) -> tuple:
        """Everything about a date that changes control or which places exist: the active rows, places born."""
        hit = self._sigs.get(day)
        if hit is None:
            o = day.toordinal()
            active = np.flatnonzero((self._starts <= o) & (o < self._ends))
            rows = tuple(active.tolist())
            if rows not in self._sig_ids:
                self._sig_ids[rows] = len(self._sig_ids)
                self._active_rows.append(rows)
            # a small id for the set of active rows (hashing a long tuple on every lookup would cost more)
            hit = (
                self._sig_ids[rows],
                bisect.bisect_right(self._births, day),
                bisect.bisect_right(self._since_dates, day),
            )
            if len(self._sigs) > 4096:
                self._sigs.clear()
            self._sigs[day] = hit
        return hit

    def party(self, pid: str) -> str:
        return self._party_names.get(pid, pid) if pid else ""

    def publisher(self, sid: str) -> str:
        if self._publishers is None:
            frame = self.sources
            if frame is not None and "id" not in frame.columns and frame.index.name == "id":
                frame = frame.reset_index()
            self._publishers = {str(r["id"]): text(r.get("publisher")) for r in records(frame) if r.get("id")}
        return self._publishers.get(sid) or sid

    def exists(self, p: dict, day: dt.date) -> bool:
        return p.get("exists_from") is None or p["exists_from"] <= day

    def _active(self, day: dt.date) -> tuple[dict, dict]:
        """(place id -> row, area id -> row): the first active row of each on ``day`` (rows are sorted by start),
        claims left out. One pass over the active rows, memoised on the day's signature."""
        sig = self.signature(day)

        def build():
            places, areas = {}, {}
            for i in self._active_rows[sig[0]]:
                r = self.records[i]
                if r.status != "claimed":
                    (places.setdefault(r.place_id, r) if r.place_id else areas.setdefault(r.area_id, r))
            return places, areas

        hit = self._actives.get(sig[0])
        if hit is None:
            hit = self._actives[sig[0]] = build()
        return hit

    def area_record(self, area_ids, day: dt.date) -> ControlRecord | None:
        areas = self._active(day)[1]
        for a in area_ids:
            if a in areas:
                return areas[a]
        return None

    def place_record(self, p: dict, day: dt.date) -> tuple[ControlRecord | None, str]:
        """The row that says who controlled a place on ``day`` and where it came from: 'place', 'area',
        'country' or 'gazetteer' (the gazetteer's as-of record, only where no dated row exists)."""
        own = self._active(day)[0].get(p["id"])
        if own is not None:
            return own, "place"
        area = self.area_record(p.get("_areas", ()), day)
        if area is not None:
            return area, "area"
        country = self.area_record((COUNTRY_AREAS.get(text(p.get("country")), ""),), day)
        if country is not None:
            return country, "country"
        fallback = [r for r in p["_fallback"] if r.active(day)]
        return (fallback[0], "gazetteer") if fallback else (None, "")

    def place_status(self, p: dict, day: dt.date) -> str:
        """Control of a place on a date, in words, saying only what the data shows."""
        if not self.exists(p, day):
            return f"Did not exist yet on this date (opened {fmt_day(p['exists_from'])})"
        r, where = self.place_record(p, day)
        if r is None:
            return "Control on this date: no dated record in the data"
        line = record_line(r, self.party)
        if where == "gazetteer" and not r.valid_from:
            return f"No dated record; the gazetteer gives {self.party(r.controlled_by)} as of the data's date"
        return line

    def region_record(self, i: int, day: dt.date) -> ControlRecord | None:
        r = self.regions[i]
        return self.area_record(self._region_areas[i], day) or self.area_record(
            (COUNTRY_AREAS.get(text(r.props.get("country")), ""),), day
        )

    def active_claims(self, day: dt.date) -> list[ControlRecord]:
        return [self.records[i] for i in self.claims if self.records[i].active(day)]

    def events_at(self, day: dt.date) -> list[dict]:
        n = int(np.searchsorted(self._event_dates, day.toordinal(), side="right"))
        return self.map_events[:n]

    def claims_at(self, party: str, day: dt.date) -> list[dict]:
        """The strike accusations ``party`` made up to ``day`` at a place on the map (oldest first)."""
        o = day.toordinal()
        return [self.map_events[i] for i in self.strike_claims.get(party, ()) if self._event_dates[i] <= o]

    def view_date(self, view: str) -> dt.date:
        if view == "vote-1991" and self.yes_share:
            dates = [v["date"] for v in self.yes_share.values() if v["date"]]
            if dates:
                return min(dates)
        if view in VIEW_DATES:
            return VIEW_DATES[view]
        return self.last_date or VIEW_DATES["2025"]

    def key_dates(self, limit: int = 32) -> list[dt.date]:
        """Dates for a slider: control changes, places born, votes, the views' dates, the key days of 2014,
        then events (thinned to ``limit``)."""
        must = {d for r in self.records for d in (r.valid_from, r.valid_to) if d} | set(self._births)
        must |= {v["date"] for v in self.yes_share.values() if v["date"]} | {self.view_date(v) for v in VIEWS}
        if self.last_date:
            must.add(self.last_date)
        lo, hi = self.first_date, self.last_date
        if lo and hi:
            must = {d for d in must if lo <= d <= hi} or must
            must |= {d for d in KEY_DAYS if lo <= d <= hi}
        rest = sorted({e["date"] for e in self.map_events} - must)
        room = max(limit - len(must), 0)
        if len(rest) > room:
            rest = [rest[round(i * (len(rest) - 1) / max(room - 1, 1))] for i in range(room)] if room else []
        return sorted(must | set(rest))

    def sources_of(self, p: dict, day: dt.date) -> tuple[str, ...]:
        r, _ = self.place_record(p, day)
        return tuple(dict.fromkeys(p["source_ids"] + (r.source_ids if r else ())))

    def head(self, p: dict, kind_label: str) -> str:
        lines = [
            f"<b>{esc(p.get('name_en'))}</b> ({esc(kind_label.lower())})",
            f"Ukrainian: {esc(p.get('name_uk'))}",
            f"Russian: {esc(p.get('name_ru'))}",
        ]
        if p.get("name_crh"):
            lines.append(f"Crimean Tatar: {esc(p.get('name_crh'))}")
        lines.append(f"Internationally recognised as part of: {esc(p.get('country'))}")
        return "<br>".join(lines)

    @staticmethod
    def load(tables: dict | None = None, kind_order=()) -> MapModel:
        """A model of the curated data (or of ``tables``, a dict of the same names)."""
        t = dict(tables or {})
        get = lambda name: t[name] if name in t else data.load(name)  # noqa: E731
        borders = t["borders"] if "borders" in t else data.geojson("borders")
        control = t["control"] if "control" in t else data.geojson("control")
        history = t.get("control_history") if "borders" in t else get("control_history")
        return MapModel(
            borders,
            control,
            get("places"),
            get("events"),
            get("votes"),
            get("sources"),
            t.get("parties") if "borders" in t else get("parties"),
            history,
            kind_order,
        )
