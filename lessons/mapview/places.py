"""Place traces (plain dicts) for a :class:`~lessons.mapview.model.MapState`: the places by kind, rings on
places whose own dated rows show them held or contested, the events up to the date, each side's claims of
strikes on energy, and the selected place.
"""

from __future__ import annotations

import datetime as dt

from ..style import BACKGROUND, CATEGORY_COLOURS, INK, MAP_COLOURS, MUTED, PARTY_COLOURS, QUALITATIVE
from .model import MapModel, record_line
from .records import HOVER, fmt_day
from .records import pesc as esc

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
EMPHASISED_2025 = ("energy-facility", "port", "naval-base")
#: Views that mark each side's accusations of strikes on energy (the 2025 view: the energy moratorium).
CLAIM_VIEWS = ("2025",)
#: Whose accusation -> (legend label, marker symbol): the same words and shapes as lesson 02's calendar.
CLAIM_STYLE = {
    "ru": ("Strikes on energy, as Russia claims", "triangle-down-open"),
    "ua": ("Strikes on energy, as Ukraine claims", "triangle-up-open"),
}
MAX_EVENTS_IN_HOVER = 6


def kind_label(kind: str) -> str:
    return KIND_STYLE.get(kind, (kind,))[0]


def place_hover(m: MapModel, p: dict, day: dt.date, record: bool) -> str:
    if "_head" not in p:
        p["_head"] = m.head(p, kind_label(p["kind"]))
    head = p["_head"]
    if not record:
        rec, _ = m.place_record(p, day)
        key = (p["id"], rec.id if rec else "", m.exists(p, day))
        hit = m.hovers.get(key)
        if hit is None:
            hit = m.hovers[key] = f"{head}<br>{esc(m.place_status(p, day))}"
        return hit
    rows = [m.records[i] for i in m.by_place.get(p["id"], ())]
    rows = rows or [m.records[i] for a in p.get("_areas", ()) for i in m.by_area.get(a, ())]
    lines = [record_line(r, m.party) for r in rows if r.status != "claimed"] or ["No dated control record"]
    if p.get("exists_from"):
        lines.insert(0, f"Exists from {fmt_day(p['exists_from'])}")
    return "<br>".join([head] + [esc(x) for x in lines])


def place_trace(m: MapModel, kind: str, day: dt.date, view: str, shown: bool, record: bool = False) -> dict:
    label, colour, symbol = KIND_STYLE.get(kind, (kind, MUTED, "circle"))
    rows = [p for p in m.places_by_kind[kind] if m.exists(p, day)]
    big = view == "2025" and kind in EMPHASISED_2025
    faded = (view == "2025" and not big) or view == "vote-1991"
    return {
        "type": "scattergeo",
        "lon": [p["lon"] for p in rows],
        "lat": [p["lat"] for p in rows],
        "mode": "markers",
        "name": esc(label),
        "legendgroup": f"kind-{kind}",
        "showlegend": True,
        "legendrank": 20,
        "marker": {
            "size": 15 if big else 11,
            "color": colour,
            "symbol": symbol,
            "opacity": 0.4 if faded else 1.0,
            "line": {"width": 1, "color": BACKGROUND},
        },
        "customdata": [p["id"] for p in rows],
        "hovertext": [place_hover(m, p, day, record) for p in rows],
        "hovertemplate": HOVER,
        "visible": shown and bool(rows),
    }


def status_traces(m: MapModel, day: dt.date, kinds) -> list[dict]:
    """Rings on places that their own dated rows show as Russian-held outside a shaded area, or contested."""
    held, contested = [], []
    for k in kinds:
        for p in m.places_by_kind[k]:
            if not m.exists(p, day):
                continue
            r, where = m.place_record(p, day)
            if r is None or where not in ("place",):
                continue
            if r.status == "contested":
                contested.append(p)
            elif (
                r.status == "held" and r.controlled_by == "ru" and not p.get("_areas") and p.get("country") != "Russia"
            ):
                held.append(p)
    colour = MAP_COLOURS["control"]

    def ring(rows, name, symbol, width):
        return {
            "type": "scattergeo",
            "lon": [p["lon"] for p in rows],
            "lat": [p["lat"] for p in rows],
            "mode": "markers",
            "name": name,
            "showlegend": True,
            "legendrank": 2,
            "hoverinfo": "skip",
            "marker": {"size": 22, "color": colour, "symbol": symbol, "line": {"width": width, "color": colour}},
            "visible": bool(rows),
        }

    return [
        ring(
            held, "Place under Russian control on this date<br>(its own dated record; area not drawn)", "circle-open", 3
        ),
        ring(contested, "Place contested on this date", "diamond-open", 2),
    ]


def events_trace(m: MapModel, day: dt.date) -> dict:
    by_place: dict[str, list[dict]] = {}
    for e in m.events_at(day):
        by_place.setdefault(e["place_id"], []).append(e)
    keep = sorted(p for p in by_place if m.exists(m.all_places[p], day))
    texts = []
    for pid in keep:
        evs = by_place[pid][::-1]
        lines = [f"<b>{esc(m.all_places[pid].get('name_en'))}</b>: {len(evs)} event(s) up to this date"]
        lines += [f"{esc(e['display_date'])}: {esc(e['headline'])}" for e in evs[:MAX_EVENTS_IN_HOVER]]
        if len(evs) > MAX_EVENTS_IN_HOVER:
            lines.append(f"... and {len(evs) - MAX_EVENTS_IN_HOVER} earlier")
        texts.append("<br>".join(lines))
    return {
        "type": "scattergeo",
        "lon": [m.all_places[p]["lon"] for p in keep],
        "lat": [m.all_places[p]["lat"] for p in keep],
        "mode": "markers",
        "name": "Events here up to this date",
        "showlegend": True,
        "legendrank": 30,
        "marker": {"size": 18, "color": INK, "symbol": "circle-open", "line": {"width": 1.5, "color": INK}},
        "customdata": keep,
        "hovertext": texts,
        "hovertemplate": HOVER,
        "visible": bool(keep),
    }


def claims_trace(m: MapModel, party: str, day: dt.date, shown: bool) -> dict:
    """One side's accusations of strikes on energy up to ``day``, marked at the place each names (a claim,
    not a finding: the hover says whose claim it is and links back to the place)."""
    label, symbol = CLAIM_STYLE.get(party, (f"Strikes on energy, as {m.party(party)} claims", "x-open"))
    by_place: dict[str, list[dict]] = {}
    for e in m.claims_at(party, day):
        by_place.setdefault(e["place_id"], []).append(e)
    keep = sorted(p for p in by_place if m.exists(m.all_places[p], day))
    who = m.party(party)
    texts = []
    for pid in keep:
        evs = by_place[pid][::-1]
        lines = [
            f"<b>{esc(m.all_places[pid].get('name_en'))}</b>: {esc(who)}'s accusation (a claim, not verified here)"
        ]
        lines += [f"{esc(e['display_date'])}: {esc(e['headline'])}" for e in evs[:MAX_EVENTS_IN_HOVER]]
        texts.append("<br>".join(lines))
    colour = PARTY_COLOURS.get(party, MUTED)
    return {
        "type": "scattergeo",
        "lon": [m.all_places[p]["lon"] for p in keep],
        "lat": [m.all_places[p]["lat"] for p in keep],
        "mode": "markers",
        "name": esc(label),
        "showlegend": shown and bool(keep),
        "legendrank": 25,
        "marker": {"size": 26, "color": colour, "symbol": symbol, "line": {"width": 3, "color": colour}},
        "customdata": keep,
        "hovertext": texts,
        "hovertemplate": HOVER,
        "visible": shown and bool(keep),
        "meta": {"role": "strike-claims", "party": party},
    }


def selection_trace(m: MapModel, selected: str | None, day: dt.date) -> dict:
    p = m.all_places.get(selected or "")
    shown = p is not None and p["id"] in m.shown_ids and m.exists(p, day)
    return {
        "type": "scattergeo",
        "lon": [p["lon"]] if shown else [],
        "lat": [p["lat"]] if shown else [],
        "mode": "markers",
        "name": "Selected place",
        "showlegend": False,
        "marker": {
            "size": 28,
            "color": CATEGORY_COLOURS["diplomacy"],
            "symbol": "circle-open",
            "line": {"width": 3, "color": CATEGORY_COLOURS["diplomacy"]},
        },
        "hoverinfo": "skip",
        "visible": shown,
    }
