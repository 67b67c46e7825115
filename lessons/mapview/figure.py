"""The map as pure functions, shaped like plotly express: tables in (defaulted from ``data.load``), figure out.

- :func:`map_figure` -- one date and one view;
- :func:`map_animation_figure` -- the same with plotly's own date slider and play button, so a static
  HTML export still has a working slider;
- :func:`map_table` -- the regions and places shown, as a DataFrame (for screen readers and print).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import data
from ..style import empty_figure
from .layout import alt, layout, title
from .model import VIEWS, MapModel, MapState, record_line
from .places import KIND_STYLE, kind_label
from .records import as_date, fmt_day, text
from .traces import skeleton, traces

_CURATED: dict[int, MapModel] = {}


def model_for(
    borders=None, control=None, places=None, events=None, votes=None, sources=None, parties=None, history=None
) -> MapModel:
    """A :class:`MapModel` of the given tables; with no borders, of the curated data (built once per package)."""
    if borders is None:
        pkg = data.package()
        key = id(pkg)
        if key not in _CURATED:
            _CURATED.clear()
            _CURATED[key] = MapModel.load(kind_order=tuple(KIND_STYLE))
        return _CURATED[key]
    return MapModel(borders, control, places, events, votes, sources, parties, history, tuple(KIND_STYLE))


def state_for(m: MapModel, as_of, view: str, kinds, selected=None) -> MapState:
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}")
    day = as_date(as_of) or m.view_date(view)
    return MapState(day, view, None if kinds is None else tuple(kinds), selected)


def spec(m: MapModel, state: MapState, height: int = 640, keep_hidden: bool = True, record: bool = False) -> dict:
    """The figure as a plain ``{"data": [...], "layout": {...}}`` dict (what the explorer sends)."""
    specs = traces(m, state, record)
    parts = skeleton(m)
    n_places = sum(len(specs[i]["lon"]) for i in parts["places"] if specs[i]["visible"])
    n_events = len(specs[parts["events"][0]]["customdata"])
    claims = tuple(
        (specs[i]["meta"]["party"], len(specs[i]["customdata"])) for i in parts["claims"] if specs[i]["visible"]
    )
    lay = m.memo(
        ("layout", state.as_of, state.view, state.kinds, height, n_places, n_events, claims),
        lambda: layout(m, state, height, alt(m, state, n_places, n_events, claims)),
    )
    if not keep_hidden:
        specs = [s for s in specs if s["visible"] is not False]
    return {"data": specs, "layout": lay}


def compact_outlines(fig: go.Figure) -> go.Figure:
    """Store polygon outlines as float32 arrays (plotly writes them as one base64 string): ~2.7 bytes per
    number in a stored notebook instead of ~20. Gaps between rings become NaN (plotly.js treats it like None)."""
    for trace in fig.data:
        if trace.type == "scattergeo" and trace.fill == "toself" and trace.lon is not None:
            trace.lon = np.array([np.nan if v is None else v for v in trace.lon], dtype="float32")
            trace.lat = np.array([np.nan if v is None else v for v in trace.lat], dtype="float32")
    return fig


def map_figure(
    borders: dict | None = None,
    control: dict | None = None,
    places: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    *,
    as_of=None,
    votes: pd.DataFrame | None = None,
    view: str = "overview",
    kinds=None,
    sources: pd.DataFrame | None = None,
    parties: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
    height: int = 640,
) -> go.Figure:
    """The map on one date in one view: borders, the dated control layer, places by kind, labels, events.

    With no tables, the curated data (``map_figure(as_of="2014-03-27", view="2014")``). ``as_of`` defaults to
    the view's own date; ``kinds`` limits the place kinds shown (None = all). Offline: Scattergeo, lon/lat only.
    """
    if borders is not None and not borders.get("features"):
        return empty_figure("No map geometry: the borders layer is empty.", height=height)
    m = model_for(borders, control, places, events, votes, sources, parties, history)
    if not m.regions:
        return empty_figure("No map geometry: the borders layer is empty.", height=height)
    s = spec(m, state_for(m, as_of, view, kinds), height, keep_hidden=False)
    return compact_outlines(go.Figure(data=s["data"], layout=s["layout"]))


TABLE_COLUMNS = ["Place or region", "Kind", "Internationally recognised as part of", "Control on this date", "Sources"]


def table(m: MapModel, state: MapState) -> pd.DataFrame:
    """The regions and places shown on a state's date: names, not ids; control in words; sources by publisher."""
    day = state.as_of

    def pubs(ids) -> str:
        return "; ".join(dict.fromkeys(m.publisher(s) for s in ids))

    rows = []
    for i, r in enumerate(m.regions):
        rec = m.region_record(i, day)
        rows.append(
            {
                "id": r.id,
                "Place or region": text(r.props.get("name_en")),
                "Kind": text(r.props.get("unit_type")).replace("-", " ") or "region",
                "Internationally recognised as part of": text(r.props.get("country")),
                "Control on this date": record_line(rec, m.party) if rec else "no dated record in the data",
                "Sources": pubs(rec.source_ids if rec else ()),
            }
        )
    kinds = m.kinds if state.kinds is None else [k for k in m.kinds if k in state.kinds]
    for k in kinds:
        for p in m.places_by_kind[k]:
            if not m.exists(p, day):
                continue
            rows.append(
                {
                    "id": p["id"],
                    "Place or region": text(p.get("name_en")),
                    "Kind": kind_label(k),
                    "Internationally recognised as part of": text(p.get("country")),
                    "Control on this date": m.place_status(p, day),
                    "Sources": pubs(m.sources_of(p, day)),
                }
            )
    frame = pd.DataFrame(rows, columns=["id", *TABLE_COLUMNS])
    if state.view == "vote-1991":
        frame["1991 yes share (%)"] = [m.yes_share[i]["share"] if i in m.yes_share else None for i in frame["id"]]
    return frame.set_index("id")


def map_table(
    borders: dict | None = None,
    control: dict | None = None,
    places: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    *,
    as_of=None,
    votes: pd.DataFrame | None = None,
    view: str = "overview",
    kinds=None,
    sources: pd.DataFrame | None = None,
    parties: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The regions and places the map shows on a date, who controls them (in words) and their sources.
    The index holds the ids (a screen reader's table shows only the columns)."""
    m = model_for(borders, control, places, events, votes, sources, parties, history)
    if not m.regions:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    return table(m, state_for(m, as_of, view, kinds))


#: Trace parts that change with the date (what an animation frame carries).
_FRAME_PARTS = ("control", "status", "events", "claims", "labels")
_FRAME_KEYS = ("visible", "lon", "lat", "customdata", "hovertext", "text", "textposition")


def _frames(m: MapModel, days: list, view: str, kinds, height: int) -> list[go.Frame]:
    """One frame per date with only the traces that change with the date (:data:`_FRAME_PARTS`, and the
    place kinds with a place that begins to exist), its title, annotations and text description."""
    parts = skeleton(m)
    born = [i for i, k in zip(parts["places"], m.kinds) if any(p.get("exists_from") for p in m.places_by_kind[k])]
    idx = [i for part in _FRAME_PARTS for i in parts[part]] + born
    # a control area's outline is the same on every date: its frames say only whether it is shown
    # (plotly merges a frame into the trace it names, so the outline drawn first stays)
    only_visible = set(parts["control"])
    frames = []
    for day in days:
        st = MapState(day, view, kinds)
        s = spec(m, st, height, record=True)
        frame_data = [
            {
                "type": "scattergeo",
                **{
                    k: s["data"][i][k]
                    for k in (("visible",) if i in only_visible else _FRAME_KEYS)
                    if k in s["data"][i]
                },
            }
            for i in idx
        ]
        frames.append(
            go.Frame(
                name=day.isoformat(),
                data=frame_data,
                traces=idx,
                layout={
                    "title": {"text": title(m, st)},
                    "annotations": s["layout"]["annotations"],
                    "meta": s["layout"]["meta"],
                },
            )
        )
    return frames


def _date_slider(days: list, start_index: int) -> dict:
    """plotly's own slider over the frames, one step per date, at ``start_index``."""
    step_args = {"mode": "immediate", "frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}}
    return {
        "active": start_index,
        "x": 0.2,
        "len": 0.8,
        "y": 0,
        "yanchor": "top",
        "pad": {"t": 60},
        "currentvalue": {"prefix": "Date: ", "font": {"size": 15}},
        "steps": [{"label": fmt_day(d), "method": "animate", "args": [[d.isoformat()], step_args]} for d in days],
    }


def _play_pause() -> dict:
    """plotly's own Play and Pause buttons, left of the slider."""
    return {
        "type": "buttons",
        "direction": "down",
        "x": 0,
        "y": 0,
        "xanchor": "left",
        "yanchor": "top",
        "pad": {"t": 60},
        "showactive": False,
        "buttons": [
            {
                "label": "\u25b6 Play",
                "method": "animate",
                "args": [
                    None,
                    {
                        "frame": {"duration": 1200, "redraw": True},
                        "fromcurrent": True,
                        "transition": {"duration": 0},
                    },
                ],
            },
            {
                "label": "\u275a\u275a Pause",
                "method": "animate",
                "args": [
                    [None],
                    {
                        "mode": "immediate",
                        "frame": {"duration": 0, "redraw": False},
                        "transition": {"duration": 0},
                    },
                ],
            },
        ],
    }


def map_animation_figure(
    borders: dict | None = None,
    control: dict | None = None,
    places: pd.DataFrame | None = None,
    events: pd.DataFrame | None = None,
    *,
    dates=None,
    as_of=None,
    votes: pd.DataFrame | None = None,
    view: str = "overview",
    kinds=None,
    sources: pd.DataFrame | None = None,
    parties: pd.DataFrame | None = None,
    history: pd.DataFrame | None = None,
    height: int = 680,
) -> go.Figure:
    """The map with plotly's own date slider and play button (works in a static HTML export).

    One frame per date (default: the explorer's key dates); a frame carries only what changes with the date
    (control shading, the places that exist, rings, events, labels, title); hovers give each place's whole
    dated record, which is true on any date.
    """
    m = model_for(borders, control, places, events, votes, sources, parties, history)
    return animation(m, dates=dates, as_of=as_of, view=view, kinds=kinds, height=height)


def animation(m: MapModel, *, dates=None, as_of=None, view: str = "overview", kinds=None, height: int = 680):
    """:func:`map_animation_figure` for a model already built (the explorer's own, for an exported page)."""
    if not m.regions:
        return empty_figure("No map geometry: the borders layer is empty.", height=height)
    days = sorted({as_date(d) for d in dates}) if dates is not None else m.key_dates()
    if not days:
        return empty_figure("No dates to animate.", height=height)
    start = m.view_date(view) if as_of is None else as_date(as_of)
    start_index = max([i for i, d in enumerate(days) if d <= start] or [0])
    state = state_for(m, days[start_index], view, kinds)
    first = spec(m, state, height, record=True)
    fig = go.Figure(data=first["data"], layout=first["layout"])
    fig.frames = _frames(m, days, view, state.kinds, height)
    fig.update_layout(sliders=[_date_slider(days, start_index)], updatemenus=[_play_pause()], margin={"b": 160})
    return compact_outlines(fig)
