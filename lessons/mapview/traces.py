"""Trace specs (plain dicts) for a :class:`~lessons.mapview.model.MapState`.

Everything is drawn offline with plotly ``Scattergeo`` traces (lon/lat only): no tiles, no topojson base
map, no Choropleth, no ``locations`` (see shared PITFALLS, "plotly maps and the network"). Specs are
memoised on what they depend on, so an unchanged trace is the same object and the figure engine skips it.
"""

from __future__ import annotations

import datetime as dt

from ..style import BACKGROUND, CATEGORY_COLOURS, INK, MAP_COLOURS, MUTED, PARTY_COLOURS, QUALITATIVE, SEQUENTIAL
from .model import CLAIMANTS, VOTE_BINS, MapModel, MapState, record_line
from .records import Region, fmt_day, text
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
CONTROL_OPACITY = {"held": 0.45, "contested": 0.2}
HOVER = "%{hovertext}<extra></extra>"
MAX_EVENTS_IN_HOVER = 6
LABEL_FONT = 14
#: Which places get a text label in each view (the ones a class needs to find without hovering).
LABELLED = {
    "overview": (
        "pl-kyiv",
        "pl-kharkiv",
        "pl-odesa",
        "pl-mykolaiv",
        "pl-kherson",
        "pl-simferopol",
        "pl-sevastopol",
        "pl-kerch",
    ),
    "2025": (
        "pl-kyiv",
        "pl-odesa",
        "pl-kherson",
        "pl-sevastopol",
        "pl-zaporizhzhia-npp",
        "pl-novorossiysk",
        "pl-kerch",
    ),
    "2014": (
        "pl-simferopol",
        "pl-sevastopol",
        "pl-kerch",
        "pl-yalta",
        "pl-feodosia",
        "pl-yevpatoria",
        "pl-dzhankoi",
        "pl-armiansk",
        "pl-belbek",
        "pl-novoozerne",
        "pl-chonhar",
        "pl-kherson",
    ),
    "vote-1991": ("pl-simferopol", "pl-kerch", "pl-kherson", "pl-odesa", "pl-mykolaiv"),  # shares name Sevastopol
}
#: Label position of a place, so labels do not sit on each other (default: to the right).
LABEL_TEXT = {
    "pl-zaporizhzhia-npp": "Zaporizhzhia NPP",
    "pl-belbek": "Belbek",
    "pl-novoozerne": "Novoozerne",
    "pl-chonhar": "Chonhar",
}
LABEL_POSITION = {
    "pl-sevastopol": "middle left",
    "pl-yalta": "bottom center",
    "pl-belbek": "top left",
    "pl-novoozerne": "middle left",
    "pl-yevpatoria": "middle left",
    "pl-kerch": "top right",
    "pl-kherson": "bottom right",
    "pl-odesa": "middle left",
    "pl-chonhar": "middle right",
    "pl-zaporizhzhia-npp": "top center",
    "pl-armiansk": "middle left",
    "pl-simferopol": "top right",
}
#: Seas and neighbours named on the map: (text, lon, lat, kind). Cartographic positions, not data.
GEO_NAMES = (
    ("Black Sea", 32.2, 43.9, "sea"),
    ("Sea of Azov", 36.55, 46.25, "sea"),
    ("UKRAINE", 31.6, 49.6, "country"),
    ("RUSSIA", 39.6, 50.2, "country"),
    ("MOLDOVA", 28.6, 47.45, "country"),
    ("ROMANIA", 27.2, 45.6, "country"),
    ("BELARUS", 27.6, 52.1, "country"),
)
GEO_NAMES_2014 = (
    ("Black Sea", 33.3, 44.05, "sea"),
    ("Sea of Azov", 35.9, 45.85, "sea"),
    ("Syvash", 35.2, 45.5, "sea"),
    ("Kerch Strait", 36.75, 45.05, "sea"),
    ("RUSSIA", 37.35, 45.42, "country"),
    ("UKRAINE (mainland)", 34.75, 46.6, "country"),
)
NAME_STYLE = {
    "sea": {"size": 15, "color": "#1f5f8b", "family": "Georgia, serif"},
    "country": {"size": 15, "color": "#555555"},
}


def rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


def kind_label(kind: str) -> str:
    return KIND_STYLE.get(kind, (kind,))[0]


def skeleton(m: MapModel) -> dict[str, list[int]]:
    """Indices of each kind of trace in the figure (the order never changes)."""
    sizes = [
        ("regions", len(m.regions)),
        ("control", len(control_pairs(m))),
        ("region_hover", 1),
        ("places", len(m.kinds)),
        ("status", 2),
        ("events", 1),
        ("claims", len(CLAIMANTS)),
        ("selection", 1),
        ("labels", 1),
        ("names", 1),
        ("bins", len(VOTE_BINS) - 1),
        ("shares", 1),
    ]
    out, i = {}, 0
    for name, n in sizes:
        out[name] = list(range(i, i + n))
        i += n
    return out


def control_pairs(m: MapModel) -> list[tuple[int, int]]:
    """(control area index, record index) for every dated row that shades a drawn area: Russian-held or contested."""
    return m.memo(
        ("pairs",),
        lambda: [
            (ci, ri)
            for ci, c in enumerate(m.controls)
            for ri in m.by_area.get(c.area_id, ())
            if m.records[ri].controlled_by != "ua" and m.records[ri].status in ("held", "contested")
        ],
    )


def traces(m: MapModel, state: MapState, record: bool = False) -> list[dict]:
    """Every trace spec in skeleton order. ``record``: hovers give each place's whole dated record instead of
    control on the date (for the animation, whose frames then only swap what changes)."""
    day, view = state.as_of, state.view
    sig = ("record",) if record else m.signature(day)
    kinds = m.kinds if state.kinds is None else [k for k in m.kinds if k in state.kinds]
    born = m.signature(day)[1]
    specs = list(
        m.memo(
            ("regions", view),
            lambda: [region_trace(m, r, view, first) for r, first in zip(m.regions, _first_of_group(m, view))],
        )
    )
    specs += [
        m.memo(("control", ci, ri, m.records[ri].active(day)), lambda ci=ci, ri=ri: control_trace(m, ci, ri, day))
        for ci, ri in control_pairs(m)
    ]
    specs.append(m.memo(("region_hover", view, sig), lambda: region_hover_trace(m, None if record else day, view)))
    specs += [
        m.memo(
            ("places", k, view, k in kinds, _rows_key(m, k, day, record)),
            lambda k=k: place_trace(m, k, day, view, k in kinds, record),
        )
        for k in m.kinds
    ]
    specs += m.memo(("status", m.signature(day), tuple(kinds)), lambda: status_traces(m, day, kinds))
    specs.append(m.memo(("events", len(m.events_at(day))), lambda: events_trace(m, day)))
    specs += [
        m.memo(
            ("claims", party, view in CLAIM_VIEWS, len(m.claims_at(party, day))),
            lambda party=party: claims_trace(m, party, day, view in CLAIM_VIEWS),
        )
        for party in CLAIMANTS
    ]
    specs.append(m.memo(("selection", state.selected, born), lambda: selection_trace(m, state.selected, day)))
    specs.append(m.memo(("labels", view, born), lambda: label_trace(m, view, day)))
    specs.append(m.memo(("names", view), lambda: names_trace(view)))
    specs += m.memo(("bins", view), lambda: bin_traces(view))
    specs.append(m.memo(("shares", view), lambda: share_trace(m, view)))
    return specs


def _rows_key(m: MapModel, kind: str, day: dt.date, record: bool) -> tuple:
    """What a kind's trace depends on for a date: which of its places exist and, per place, the row in force
    (so a kind whose places did not change keeps the same trace object, and the engine sends nothing)."""
    if record:
        return ("record", m.signature(day)[1])

    def build():
        rows = [m.place_record(p, day)[0] for p in m.places_by_kind[kind]]
        return (
            "rows",
            hash(tuple((r.id if r else "", m.exists(p, day)) for r, p in zip(rows, m.places_by_kind[kind]))),
        )

    return m.memo(("rows-key", kind, m.signature(day)), build)


def _legend_key(m: MapModel, r: Region, view: str) -> str:
    if view == "vote-1991":
        return "bin" if r.id in m.yes_share else ("ru" if r.group == "ru" else "no-figure")
    return "ua" if r.group == "crimea" else r.group


def _first_of_group(m: MapModel, view: str):
    seen = set()
    for r in m.regions:
        key = _legend_key(m, r, view)
        yield key not in seen
        seen.add(key)


def region_trace(m: MapModel, r: Region, view: str, first: bool) -> dict:
    key = _legend_key(m, r, view)
    names = {
        "ua": "Ukraine, internationally recognised (incl. Crimea)",
        "ru": "Russia (neighbouring regions)",
        "other": "Other countries",
        "no-figure": "No 1991 figure in the data",
        "bin": "1991 yes share",
    }
    fill = {"ua": MAP_COLOURS["ua"], "ru": MAP_COLOURS["ru"], "other": MAP_COLOURS["ru"], "no-figure": BACKGROUND}.get(
        key
    )
    if key == "bin":
        fill = SEQUENTIAL[vote_bin(m.yes_share[r.id]["share"])]
    return {
        "type": "scattergeo",
        "lon": r.lon,
        "lat": r.lat,
        "mode": "lines",
        "fill": "toself",
        "fillcolor": fill,
        "line": {"color": MAP_COLOURS["border"], "width": 0.8},
        "name": names[key],
        "legendgroup": f"base-{key}",
        "showlegend": bool(first and key != "bin"),
        "legendrank": 100,
        "hoverinfo": "skip",
        "visible": True,
    }


def control_trace(m: MapModel, ci: int, ri: int, day: dt.date) -> dict:
    c, r = m.controls[ci], m.records[ri]
    colour = MAP_COLOURS["control"]
    name = "Crimea" if c.area_id == "crimea" else (c.name or c.area_id)
    held = r.status == "held"
    who = "Russian" if r.controlled_by == "ru" else m.party(r.controlled_by)
    when = fmt_day(r.valid_from, r.precision) if r.valid_from else "before the period covered"
    legend = (
        f"{name}: under {who} control since {when}"
        if held
        else f"{name}: contested from {when}<br>(Russian forces taking control)"
    )
    return {
        "type": "scattergeo",
        "lon": c.lon,
        "lat": c.lat,
        "mode": "lines",
        "fill": "toself",
        "fillcolor": rgba(colour, CONTROL_OPACITY.get(r.status, 0.3)),
        "line": {"color": colour, "width": 2.5 if held else 2, "dash": "solid" if held else "dot"},
        "name": legend,
        "legendgroup": f"control-{r.id}",
        "showlegend": True,
        "legendrank": 1,
        "hoverinfo": "skip",
        "visible": r.active(day),
    }


def region_hover(m: MapModel, i: int, day: dt.date | None, view: str) -> str:
    r = m.regions[i]
    p = r.props
    lines = [f"<b>{esc(p.get('name_en'))}</b>"]
    lines += [
        f"{lang}: {esc(p.get(key))}" for lang, key in (("Ukrainian", "name_uk"), ("Russian", "name_ru")) if p.get(key)
    ]
    if p.get("unit_type"):
        lines.append(esc(str(p["unit_type"]).replace("-", " ").capitalize()))
    if p.get("country"):
        lines.append(f"Internationally recognised as part of: {esc(p.get('country'))}")
    if day is None:
        rows = [m.records[ri] for a in m._region_areas[i] for ri in m.by_area.get(a, ())]
        lines += [esc(record_line(x, m.party)) for x in rows]
    else:
        rec = m.region_record(i, day)
        lines.append(esc(record_line(rec, m.party)) if rec else "Control on this date: no dated record in the data")
    if view == "vote-1991":
        v = m.yes_share.get(r.id)
        lines.append(esc(vote_line(m, v)) if v else "1991 referendum: no figure for this area in the data")
        for other in m.other_shares.get(r.id, []):
            lines.append(esc(f"Also given: {other['share']:g}% of {other['base']} ({other['status']})"))
    return "<br>".join(lines)


def vote_line(m: MapModel, v: dict) -> str:
    base = f" of {v['base']}" if v["base"] and v["base"] != "not applicable" else ""
    status = f"; {v['status']}" if v["status"] else ""
    return f"1 December 1991 referendum: {v['share']:g}% yes{base}{status}"


def region_hover_trace(m: MapModel, day: dt.date | None, view: str) -> dict:
    return {
        "type": "scattergeo",
        "lon": [r.label[0] for r in m.regions],
        "lat": [r.label[1] for r in m.regions],
        "mode": "markers",
        "name": "Regions (hover for names)",
        "showlegend": False,
        "marker": {"size": 7, "color": MUTED, "symbol": "circle-open"},
        "customdata": [r.id for r in m.regions],
        "hovertext": [region_hover(m, i, day, view) for i in range(len(m.regions))],
        "hovertemplate": HOVER,
        "visible": bool(m.regions),
    }


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


def label_trace(m: MapModel, view: str, day: dt.date) -> dict:
    """Names of the main places, written on the map (only places that exist on the date)."""
    rows = [
        m.all_places[i]
        for i in LABELLED.get(view, LABELLED["overview"])
        if i in m.shown_ids and m.exists(m.all_places[i], day)
    ]
    positions = [LABEL_POSITION.get(p["id"], "middle right") for p in rows]
    # a little space between a label and its marker (plotly puts the text right against the point)
    names = [
        ("\u2002" if pos.endswith("right") else "")
        + (LABEL_TEXT.get(p["id"]) or short_name_of_place(p))
        + ("\u2002" if pos.endswith("left") else "")
        for p, pos in zip(rows, positions)
    ]
    return {
        "type": "scattergeo",
        "lon": [p["lon"] for p in rows],
        "lat": [p["lat"] for p in rows],
        "mode": "text",
        "text": [esc(n) for n in names],
        "textposition": positions,
        "textfont": {"size": LABEL_FONT, "color": INK},
        "name": "Place names",
        "showlegend": False,
        "hoverinfo": "skip",
        "visible": bool(rows),
        "meta": {"role": "place-labels"},
    }


def short_name_of_place(p: dict) -> str:
    name = text(p.get("name_en"))
    return name.split(" (")[0] if name else p["id"]


def names_trace(view: str) -> dict:
    """Seas and neighbouring countries, named (positions are cartographic, not data)."""
    rows = GEO_NAMES_2014 if view == "2014" else GEO_NAMES
    return {
        "type": "scattergeo",
        "lon": [r[1] for r in rows],
        "lat": [r[2] for r in rows],
        "mode": "text",
        "text": [f"<i>{esc(r[0])}</i>" if r[3] == "sea" else esc(r[0]) for r in rows],
        "textfont": {
            "size": [NAME_STYLE[r[3]]["size"] for r in rows],
            "color": [NAME_STYLE[r[3]]["color"] for r in rows],
        },
        "textposition": "middle center",
        "name": "Seas and countries",
        "showlegend": False,
        "hoverinfo": "skip",
        "visible": True,
        "meta": {"role": "geo-names"},
    }


def bin_traces(view: str) -> list[dict]:
    out = []
    for i, (lo, hi) in enumerate(zip(VOTE_BINS[:-1], VOTE_BINS[1:])):
        name = f"Below {hi}% yes" if lo == 0 else f"{lo}-{hi}% yes" if hi < 100 else f"{lo}% yes or more"
        out.append(
            {
                "type": "scattergeo",
                "lon": [None],
                "lat": [None],
                "mode": "markers",
                "name": name,
                "legendgroup": "bins",
                "legendrank": 1,
                "showlegend": True,
                "hoverinfo": "skip",
                "marker": {
                    "size": 14,
                    "color": SEQUENTIAL[i],
                    "symbol": "square",
                    "line": {"width": 1, "color": MAP_COLOURS["border"]},
                },
                "visible": view == "vote-1991",
            }
        )
    return out


def share_trace(m: MapModel, view: str) -> dict:
    """The 1991 "yes" share written on each area that has one (the vote-1991 view only)."""
    rows = [r for r in m.regions if r.id in m.yes_share] if view == "vote-1991" else []
    small = {r.id: _span(r) < 1.0 for r in rows}
    return {
        "type": "scattergeo",
        "lon": [r.label[0] for r in rows],
        "lat": [r.label[1] for r in rows],
        "mode": "text",
        "showlegend": False,
        "hoverinfo": "skip",
        "text": [f"<b>{esc(short_name(r))}: {m.yes_share[r.id]['share']:g}%</b>" for r in rows],
        "textposition": ["middle left" if small[r.id] else "bottom center" for r in rows],
        "textfont": {"size": 15, "color": INK},
        "visible": bool(rows),
    }


def _span(r: Region) -> float:
    xs = [v for v in r.lon if v is not None]
    return max(xs) - min(xs) if xs else 0.0


def short_name(r: Region) -> str:
    """'Crimea' for the Autonomous Republic of Crimea; other areas keep their English name."""
    name = text(r.props.get("name_en")) or r.id
    return "Crimea" if r.id == "ua-43" or name.startswith("Autonomous Republic of Crimea") else name


def vote_bin(share: float) -> int:
    for i, hi in enumerate(VOTE_BINS[1:]):
        if share < hi or hi == 100:
            return i
    return len(VOTE_BINS) - 2
