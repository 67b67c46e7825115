"""Text written on the map (plain trace dicts): the names of the places a class needs to find without
hovering, placed so that they do not sit on each other, and the seas and neighbouring countries.
"""

from __future__ import annotations

import datetime as dt

from ..style import INK
from .model import MapModel
from .records import pesc as esc
from .records import text

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
#: A place's label where its English name is too long for the map.
LABEL_TEXT = {
    "pl-zaporizhzhia-npp": "Zaporizhzhia NPP",
    "pl-belbek": "Belbek",
    "pl-novoozerne": "Novoozerne",
    "pl-chonhar": "Chonhar",
}
#: Label position of a place, so labels do not sit on each other (default: to the right).
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
