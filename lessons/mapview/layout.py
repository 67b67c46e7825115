"""Layout of the map for a state: the frame of each view, the title that follows the date, the statement
of what is drawn and what is not, the empty states and the text description (alt)."""

from __future__ import annotations

import datetime as dt

from ..style import BACKGROUND, FONT, INK, MUTED
from .model import COUNTRY_AREAS, POINT_OF_VIEW, MapModel, MapState
from .records import fmt_day
from .records import pesc as esc
from .regions import rgba

#: Every plotly.js base-map layer, switched off explicitly: ``visible=False`` only sets their default, and
#: a template may turn ``showland``/``showlakes`` on, which would make plotly.js fetch a topojson base map
#: from its CDN (and draw nothing offline).
GEO_LAYERS_OFF = {
    f"show{layer}": False
    for layer in ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits", "frame")
}
INDEPENDENCE = dt.date(1991, 8, 24)
#: The USSR Presidium's decree moving Crimea from the Russian SFSR to the Ukrainian SSR (events.csv,
#: ev-1954-02-19-ussr-presidium-decree): before it, the borders drawn are not that day's.
TRANSFER = dt.date(1954, 2, 19)
INVASION = dt.date(2022, 2, 24)


def _bounds(m: MapModel, groups: tuple[str, ...]):
    xs = [v for r in m.regions if r.group in groups for v in r.lon if v is not None]
    ys = [v for r in m.regions if r.group in groups for v in r.lat if v is not None]
    return (min(xs), max(xs), min(ys), max(ys)) if xs else None


def geo_layout(m: MapModel, view: str) -> dict:
    """Geo settings of a view: the overview and 2025 frame Ukraine with a strip of its neighbours; 2014 zooms
    on Crimea; the 1991 vote on the south, where the data has figures."""
    base = {"visible": False, **GEO_LAYERS_OFF, "projection": {"type": "mercator"}, "bgcolor": BACKGROUND}
    crimea, ukraine = _bounds(m, ("crimea",)), _bounds(m, ("ua", "crimea"))
    pad = {"2014": (1.2, 1.2, 0.6, 0.8), "vote-1991": (2.5, 2.5, 0.5, 1.6)}
    if view in pad and crimea:
        (x0, x1, y0, y1), (left, right, bottom, top) = crimea, pad[view]
        return {
            **base,
            "fitbounds": False,
            "lonaxis": {"range": [x0 - left, x1 + right]},
            "lataxis": {"range": [y0 - bottom, y1 + top]},
        }
    if ukraine:
        x0, x1, y0, y1 = ukraine
        return {
            **base,
            "fitbounds": False,
            "lonaxis": {"range": [x0 - 0.4, x1 + 1.2]},
            "lataxis": {"range": [y0 - 0.9, y1 + 0.3]},
        }
    return {**base, "fitbounds": "locations", "lonaxis": {"range": None}, "lataxis": {"range": None}}


def shading(m: MapModel, day: dt.date) -> str:
    """What the control layer shades on the date, in words."""
    parts = []
    for c in m.controls:
        r = m.area_record((c.area_id,), day)
        name = "Crimea" if c.area_id == "crimea" else c.name
        if r is not None and r.controlled_by != "ua" and r.status == "contested":
            parts.append(f"{name} contested (Russian forces taking control)")
        elif r is not None and r.controlled_by == "ru" and r.status == "held":
            parts.append(f"{name} under Russian control")
        elif r is not None and r.controlled_by != "ua" and r.status == "held" and r.label:
            parts.append(f"{name} part of {r.label}")
    if parts:
        return "; ".join(parts)
    areas = [c.area_id for c in m.controls] + list(COUNTRY_AREAS.values())
    if not any(m.area_record((a,), day) for a in areas):
        return "nothing (no dated control record for this date)"
    return "no area shaded as under Russian control"


def title(m: MapModel, state: MapState) -> str:
    day = fmt_day(state.as_of)
    if state.view == "vote-1991":
        extra = "; ".join(f"{esc(v['area'])}: {v['share']:g}% of {esc(v['base'])}" for v in m.vote_elsewhere)
        extra = f"; {extra} (not drawn as an area)" if extra else ""
        return (
            "The independence referendum of 1 December 1991: \u201cyes\u201d share by area"
            f"<br><sup>{extra.lstrip('; ')}{'. ' if extra else ''}Map on {day}</sup>"
        )
    what = {"2025": "Energy facilities and Black Sea ports", "2014": "Crimea and Sevastopol"}.get(
        state.view,
        "Ukraine's internationally recognised borders"
        if state.as_of >= TRANSFER
        else "Crimea before its transfer to the Ukrainian SSR (today's borders drawn)",
    )
    return f"{what}, {day}<br><sup>Shaded: {esc(shading(m, state.as_of))}</sup>"


def drawn_note(m: MapModel, day: dt.date) -> str:
    """What the map does not draw on this date, said plainly (empty when nothing needs saying)."""
    lines = []
    if day < TRANSFER:
        lines.append("Until 19 February 1954 Crimea belonged to the Russian SFSR (the Crimean ASSR from October")
        lines.append("1921, an oblast from June 1945), not to the Ukrainian SSR: the borders drawn are today's.")
    elif day < INDEPENDENCE:
        lines.append("Before 24 August 1991 Ukraine was the Ukrainian SSR, a republic of the USSR.")
    if day >= INVASION:
        lines.append(
            "Only Crimea's control is shaded. The front line since Russia's full-scale invasion of "
            "24 February 2022 is not drawn (no sourced line in the data);"
        )
        lines.append("places held since then are ringed from their own dated records.")
    for r in m.active_claims(day):
        lines.append(f"Not drawn: {esc(r.label)},")
        lines.append(f"announced on {fmt_day(r.valid_from)}; UN General Assembly resolution ES-11/4 rejected it.")
    return "<br>".join(lines)


def notice(m: MapModel, state: MapState) -> str:
    """An empty-state message for the figure, or ''."""
    if m.first_date and state.as_of < m.first_date:
        return f"No dated data before {fmt_day(m.first_date)}: the map shows borders only."
    if state.kinds is not None and m.kinds and not any(k in state.kinds for k in m.kinds):
        return "No place kind selected: choose one or more kinds to show places."
    return ""


def alt(m: MapModel, state: MapState, n_places: int, n_event_places: int, claims=()) -> str:
    """The figure in words; ``claims``: (party, places marked) for each side's strike accusations shown."""
    day = fmt_day(state.as_of)
    if state.view == "vote-1991":
        parts = [
            f"{r.props.get('name_en') or r.id} {m.yes_share[r.id]['share']:g}% yes"
            for r in m.regions
            if r.id in m.yes_share
        ]
        first = (
            "Map colouring areas by the \u201cyes\u201d share in Ukraine's independence referendum of 1 December 1991"
            + (f": {', '.join(parts)}." if parts else "; the data has no figure for a drawn area.")
        )
    else:
        what = {"2014": "Map of Crimea and Sevastopol", "2025": "Map of energy facilities and Black Sea ports"}.get(
            state.view, "Map of Ukraine's internationally recognised borders, including Crimea and Sevastopol"
        )
        first = f"{what}, on {day}."
    shade = shading(m, state.as_of)
    note = drawn_note(m, state.as_of).replace("<br>", " ")
    said = "; ".join(f"{m.party(party)}'s at {n} place{'s' if n != 1 else ''}" for party, n in claims if n)
    said = f" Accusations of strikes on energy up to this date, each marked as a claim: {said}." if said else ""
    return (
        f"{first} Shaded: {shade}. {note} {n_places} places and {n_event_places} event locations are marked."
        f"{said}".replace("  ", " ")
    )


def _paper_note(text: str, x: float, y: float, xanchor: str, yanchor: str, **rest) -> dict:
    """An annotation placed on the paper round the map, with no arrow."""
    return {
        "text": text,
        "showarrow": False,
        "xref": "paper",
        "yref": "paper",
        "x": x,
        "y": y,
        "xanchor": xanchor,
        "yanchor": yanchor,
        **rest,
    }


def _annotations(m: MapModel, state: MapState) -> tuple[list[dict], str, str]:
    """The point of view above the map, what is not drawn below it, and a notice when the map shows nothing
    to find; with the last two texts ("" when there is none)."""
    pov = esc(POINT_OF_VIEW).replace(". Shading", ".<br>Shading", 1)
    notes = [_paper_note(pov, 0, 1, "left", "bottom", yshift=4, align="left", font={"size": 13, "color": MUTED})]
    below = drawn_note(m, state.as_of)
    if below:
        notes.append(
            _paper_note(
                below,
                0,
                0,
                "left",
                "top",
                yshift=-4,
                align="left",
                font={"size": 13, "color": INK},
                name="not-drawn",
            )
        )
    empty = notice(m, state)
    if empty:
        notes.append(
            _paper_note(
                esc(empty),
                0.5,
                1,
                "center",
                "top",
                font={"size": 15, "color": INK},
                bgcolor=rgba(BACKGROUND, 0.9),
                bordercolor=MUTED,
                borderwidth=1,
                name="notice",
            )
        )
    return notes, below, empty


def layout(m: MapModel, state: MapState, height: int, alt_text: str) -> dict:
    notes, below, empty = _annotations(m, state)
    return {
        "title": {"text": title(m, state), "font": {"size": 19}, "x": 0, "xanchor": "left"},
        "height": height,
        "geo": geo_layout(m, state.view),
        "margin": {"l": 0, "r": 0, "t": 118, "b": 22 + 18 * below.count("<br>") + 18 if below else 10},
        "annotations": notes,
        "font": {"family": FONT, "size": 14, "color": INK},
        "legend": {
            "x": 1,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "font": {"size": 13},
            "tracegroupgap": 2,
            "title": {"text": "<b>On the map</b>"},
        },
        "hoverlabel": {"font": {"family": FONT, "size": 14}},
        "paper_bgcolor": BACKGROUND,
        "meta": {"alt": alt_text, "view": state.view, "as_of": state.as_of.isoformat(), "empty": bool(empty)},
    }
