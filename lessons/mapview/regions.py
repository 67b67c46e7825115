"""Area traces (plain dicts) for a :class:`~lessons.mapview.model.MapState`: the regions inside their
internationally recognised borders, the dated control shading, the points that give each region's hover
text, and the 1991 referendum's "yes" shares (the colour key's bins and the figures written on the map).

Offline like every trace of the map: ``Scattergeo`` outlines filled ``toself``, never a Choropleth.
"""

from __future__ import annotations

import datetime as dt

from ..style import BACKGROUND, INK, MAP_COLOURS, MUTED, SEQUENTIAL
from .model import VOTE_BINS, MapModel, record_line
from .records import HOVER, Region, fmt_day, text
from .records import pesc as esc

CONTROL_OPACITY = {"held": 0.45, "contested": 0.2}


def rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"


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
    if held and r.controlled_by != "ru" and r.label:  # e.g. part of the Russian SFSR until 1954
        # the day it changed, as the note under the map says it ("Until 19 February 1954 ...")
        until = [f"until {fmt_day(r.valid_to)}"] if r.valid_to else []
        # on lines of their own (a bracket starts one): a long entry would widen the legend, shrinking the map
        head, bracket, rest = r.label.partition(" (")
        legend = "<br>".join([f"{name}: part of {head}", *([f"({rest}"] if bracket else []), *until])
    else:
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
