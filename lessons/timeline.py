"""The timeline view: events in lanes on a date axis, periods as bars, zoom presets, a details panel and an explorer.

Pure functions do the work and have their own tests:

* :func:`timeline_figure` draws events (``type == "event"``) as markers in horizontal lanes
  (by category, by actor or by story thread) and periods (``type == "era"``) as translucent
  bars at the top; plotly buttons zoom to the lesson's date ranges, so the figure stays
  useful in a static HTML export.
* :func:`filter_events` filters by date range, category, actor and a literal text search.
* :func:`event_details_html` is the details panel of one event, with each party's own term
  for the concepts it involves and its sources.
* :func:`timeline_table` is the same data as a table.

:class:`TimelineExplorer` wires them to ipywidgets controls; ``benchmark_cases`` feeds
lessons.bench.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import data, widgets
from .style import CATEGORY_COLOURS, CATEGORY_LABELS, INK, MUTED, empty_figure, empty_state, esc

#: Zoom presets: button label -> (first day, last day), both inclusive; None = everything.
PRESETS: dict[str, tuple[str, str] | None] = {
    "1991–2014": ("1991-01-01", "2014-12-31"),
    "20 Feb–27 Mar 2014": ("2014-02-20", "2014-03-27"),
    "1 Mar–30 Apr 2025": ("2025-03-01", "2025-04-30"),
    "All": None,
}
LANE_BY = {"category": "category", "actor": "actor", "lane": "story thread"}
#: Story threads (the ``lane`` enum of events in datapackage.json), top to bottom.
STORY_LANES = ("Crimea", "Ukraine", "Russia", "Black Sea Fleet", "International", "War", "Ceasefire talks")
PERIOD_ROW = "Periods"
MAX_PERIOD_ROWS = 6
NO_ACTOR = "No actor recorded"
PRECISION_NOTE = {"month": "date known to the month", "year": "date known to the year"}
#: At most this many events are listed in the keyboard-accessible list.
MAX_LISTED = 1000
AXIS_ANCHOR = "axis anchor"
#: Marker opacity of events whose date is known only to the month or year.
IMPRECISE_OPACITY = 0.45
#: Trace properties that change with the selection (the rest stay as built).
_DYNAMIC = ("x", "y", "base", "customdata", "hovertext", "text", "marker.opacity")
_PAD = pd.Timedelta(hours=12)


# --------------------------------------------------------------------------- preparing the data


def _ts(value) -> pd.Timestamp | None:
    """A date-like value (date, datetime, Timestamp, ISO string) as a midnight Timestamp; empty -> None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    stamp = pd.Timestamp(value)
    return None if pd.isna(stamp) else stamp.normalize()


def _day(stamp: pd.Timestamp) -> str:
    """'18 March 2025' on every platform (``%-d`` does not exist on Windows)."""
    return f"{stamp.day} {stamp:%B %Y}"


def _lookup(frame: pd.DataFrame | None) -> dict[str, dict]:
    """Rows of a table keyed by id (first occurrence wins), as plain dicts."""
    if frame is None or len(frame) == 0:
        return {}
    ids = frame["id"] if "id" in frame.columns else frame.index.to_series()
    records = frame.to_dict("records")
    out: dict[str, dict] = {}
    for key, record in zip(ids.astype(str), records):
        out.setdefault(key, record)
    return out


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, (tuple, list)) and pd.isna(value)) else str(value)


def _place_fallback(place_id: str) -> str:
    return place_id.removeprefix("pl-").replace("-", " ").title() if place_id else ""


def _party_labels(parties: pd.DataFrame | None) -> dict[str, str]:
    return {pid: _text(row.get("short_name")) or _text(row.get("name")) or pid for pid, row in _lookup(parties).items()}


def _prepare(events: pd.DataFrame, sources=None, places=None, parties=None) -> pd.DataFrame:
    """The events with everything the views need computed once: timestamps, hover text,
    place and actor names, a case-folded search haystack. Index = event id."""
    if "_hover" in events.columns:
        return events
    n = len(events)
    get = lambda col, default="": events[col] if col in events.columns else pd.Series([default] * n, index=events.index)
    ids = get("id").astype(str).to_numpy() if "id" in events.columns else events.index.astype(str).to_numpy()
    start = pd.to_datetime(get("start_date", None)).dt.normalize()
    end = pd.to_datetime(get("end_date", None)).dt.normalize()
    place_rows, party_names = _lookup(places), _party_labels(parties)
    source_rows = _lookup(sources)
    out = pd.DataFrame(index=pd.Index(ids, name="row"))
    out["id"] = ids
    out["start"] = start.to_numpy()
    out["end"] = end.to_numpy()
    out["_stop"] = end.fillna(start).to_numpy()
    out["kind"] = [_text(v) or "event" for v in get("type", "event")]
    out["category"] = [_text(v) for v in get("category")]
    out["lane"] = [_text(v) for v in get("lane")]
    out["precision"] = [_text(v) or "day" for v in get("date_precision", "day")]
    for col in ("display_date", "headline", "text", "note", "place_id"):
        out[col] = [_text(v) for v in get(col)]
    for col in ("actors", "concept_ids", "source_ids"):
        out[col] = [data.split_ids(v) for v in get(col, None)]
    out["_x"] = out["start"].dt.strftime("%Y-%m-%d")

    place_en, place_all, hover, search, label, actor_names, source_names = [], [], [], [], [], [], []
    for row in out.itertuples(index=False):
        place = place_rows.get(row.place_id)
        if place:
            names = [_text(place.get(k)) for k in ("name_en", "name_uk", "name_ru", "name_crh")]
            place_en.append(names[0] or _place_fallback(row.place_id))
            place_all.append(" ".join(x for x in names if x))
        else:
            place_en.append(_place_fallback(row.place_id))
            place_all.append(place_en[-1])
        publishers = [_text(source_rows[s].get("publisher")) if s in source_rows else s for s in row.source_ids]
        source_names.append("; ".join(dict.fromkeys(publishers)))
        actor_names.append(", ".join(party_names.get(a, a) for a in row.actors))
        headline = "<br>".join(esc(line) for line in textwrap.wrap(row.headline, 60)) or "(no headline)"
        when = esc(row.display_date) or _day(row.start)
        extra = PRECISION_NOTE.get(row.precision)
        parts = [f"<b>{when}</b>" + (f" <i>({extra})</i>" if extra else ""), headline]
        if place_en[-1]:
            parts.append(f"Place: {esc(place_en[-1])}")
        if source_names[-1]:
            parts.append(f"<span style='font-size:12px'>Sources: {esc(textwrap.shorten(source_names[-1], 80))}</span>")
        hover.append("<br>".join(parts))
        search.append("\n".join((row.headline, row.text, row.display_date, place_all[-1])).casefold())
        mark = "▬ " if row.kind == "era" else ""
        label.append(f"{row.display_date or _day(row.start)} · {mark}{row.headline}")
    out["_place"], out["_hover"], out["_search"], out["_label"] = place_en, hover, search, label
    out["_short"] = [esc(textwrap.shorten(h, 40, placeholder=" …")) for h in out["headline"]]
    out["_actor_names"], out["_source_names"] = actor_names, source_names
    return out.sort_values(["start", "id"], kind="stable")


# --------------------------------------------------------------------------- filtering


def range_problem(start=None, end=None) -> str:
    """A message if the date range is reversed (start after end), else ''."""
    a, b = _ts(start), _ts(end)
    if a is not None and b is not None and a > b:
        return (f"The start date ({_day(a)}) is after the end date ({_day(b)}), so no event can fall "
                "between them. Swap the two dates.")
    return ""


def filter_events(events: pd.DataFrame, *, start=None, end=None, categories=None, actors=None, text: str = "",
                  places: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of ``events`` that match every given filter (a pure function).

    * ``start``/``end``: inclusive days; an event or period matches if it overlaps them.
      A reversed range (start after end) matches nothing: show :func:`range_problem`'s message.
    * ``categories``/``actors``: ``None`` = no filter; an empty collection matches nothing.
      An event matches ``actors`` if any of its actors is listed.
    * ``text``: case-insensitive literal search (no regex) in headline, text, display date and
      the place's names in every language (pass ``places`` for the names; without it only the
      English form derived from the place id is searched).
    """
    prepared = _prepare(events, places=places)
    mask = _mask(prepared, start, end, categories, actors, text)
    if prepared is events:
        return events[mask]
    # Same rows, in the caller's own columns and order.
    keep = set(prepared.index[mask])
    ids = events["id"].astype(str) if "id" in events.columns else events.index.astype(str).to_series(index=events.index)
    return events[ids.isin(keep).to_numpy()]


def _mask(prepared: pd.DataFrame, start, end, categories, actors, text) -> np.ndarray:
    """Boolean array over the rows of a prepared frame: see :func:`filter_events`."""
    mask = np.ones(len(prepared), dtype=bool)
    a, b = _ts(start), _ts(end)
    if a is not None and b is not None and a > b:
        mask[:] = False
    if a is not None:
        mask &= (prepared["_stop"] >= a).to_numpy()
    if b is not None:
        mask &= (prepared["start"] <= b).to_numpy()
    if categories is not None:
        mask &= prepared["category"].isin(list(categories)).to_numpy()
    if actors is not None:
        wanted = set(actors)
        mask &= np.fromiter((not wanted.isdisjoint(t) for t in prepared["actors"]), bool, len(prepared))
    query = (text or "").strip().casefold()
    if query:
        mask &= prepared["_search"].str.contains(query, regex=False).to_numpy()
    return mask


# --------------------------------------------------------------------------- lanes


def _lane_rows(actors: np.ndarray, own: np.ndarray, lane_by: str) -> tuple[np.ndarray, np.ndarray]:
    """Row positions to draw and their lane keys: an event with several actors is repeated in
    each actor's lane (lane_by="actor"); otherwise ``own`` (category or story thread) is the key."""
    if lane_by != "actor":
        return np.arange(len(own)), own
    sizes = [len(a) or 1 for a in actors]
    keys = np.array([k for a in actors for k in (a or (NO_ACTOR,))], dtype=object)
    return np.repeat(np.arange(len(actors)), sizes), keys


def _order(keys, lane_by: str) -> list[str]:
    present = list(dict.fromkeys(keys))
    if lane_by == "actor":
        counts = Counter(keys)
        return sorted(present, key=lambda k: (k == NO_ACTOR, -counts[k], k))
    fixed = list(CATEGORY_COLOURS) if lane_by == "category" else list(STORY_LANES)
    return [k for k in fixed if k in present] + sorted(k for k in present if k not in fixed)


def default_lane_order(events: pd.DataFrame, lane_by: str = "category") -> list[str]:
    """Lane keys top to bottom: enum order for categories and story threads, most events first for actors."""
    ev = _prepare(events)
    ev = ev[ev["kind"] != "era"]
    own = ev["lane" if lane_by == "lane" else "category"].to_numpy()
    return _order(_lane_rows(ev["actors"].to_numpy(), own, lane_by)[1].tolist(), lane_by)


def lane_label(key: str, lane_by: str, parties: pd.DataFrame | dict | None = None) -> str:
    if lane_by == "category":
        return CATEGORY_LABELS.get(key, key)
    if lane_by == "actor":
        names = parties if isinstance(parties, dict) else _party_labels(parties)
        return names.get(key, key)
    return key


def _period_rows(starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """Greedy packing of periods (sorted by start) into rows so overlapping ones do not hide each
    other; beyond MAX_PERIOD_ROWS rows the last row takes the rest (the bars are translucent)."""
    ends: list[int] = []
    rows = np.empty(len(starts), dtype=int)
    for k, (start, stop) in enumerate(zip(starts.tolist(), stops.tolist())):
        for i, row_end in enumerate(ends):
            if row_end < start:
                ends[i], rows[k] = stop, i
                break
        else:
            if len(ends) < MAX_PERIOD_ROWS:
                ends.append(stop)
            else:
                ends[-1] = max(ends[-1], stop)
            rows[k] = len(ends) - 1
    return rows


def _range(a: pd.Timestamp, b: pd.Timestamp) -> list[str]:
    return [(a - _PAD).strftime("%Y-%m-%d %H:%M"), (b + _PAD).strftime("%Y-%m-%d %H:%M")]


def preset_range(label: str) -> list[str] | None:
    """The x-axis range a preset button sets (half a day of margin each side), None for "All"."""
    span = PRESETS[label]
    return None if span is None else _range(pd.Timestamp(span[0]), pd.Timestamp(span[1]))


def _categories_of(ev: pd.DataFrame) -> list[str]:
    present = set(ev["category"])
    return [c for c in CATEGORY_COLOURS if c in present] + sorted(present - set(CATEGORY_COLOURS))


def timeline_figure(events: pd.DataFrame, sources: pd.DataFrame | None = None, *, lane_by: str = "category",
                    lane_order=None, start=None, end=None, preset: str | None = None, highlight: str | None = None,
                    places: pd.DataFrame | None = None, parties: pd.DataFrame | None = None) -> go.Figure:
    """Events as markers in horizontal lanes on a date axis, periods as translucent bars on top.

    ``lane_by``: "category", "actor" (an event with several actors appears in each actor's lane)
    or "lane" (story thread). ``lane_order``: lane keys (or labels) to put first, top to bottom.
    ``preset`` (a key of :data:`PRESETS`) or ``start``/``end`` set the initial view; they do not
    filter (use :func:`filter_events`). ``highlight``: an event id to ring. ``sources``,
    ``places`` and ``parties`` supply publisher, place and party names for hover and lanes.
    Every marker's and bar's ``customdata`` is its event id.
    """
    if lane_by not in LANE_BY:
        raise ValueError(f"lane_by must be one of {list(LANE_BY)}, not {lane_by!r}")
    if preset is not None and preset not in PRESETS:
        raise ValueError(f"preset must be one of {list(PRESETS)}, not {preset!r}")
    if events is None or len(events) == 0:
        return empty_figure("No events to show for this selection.")
    ev = _prepare(events, sources, places, parties)
    traces, layout = _spec(ev, lane_by=lane_by, lane_order=lane_order, start=start, end=end, preset=preset,
                           highlight=highlight, names=_party_labels(parties))
    return go.Figure(data=traces, layout=layout)


_POINT_COLUMNS = ("id", "_x", "_hover", "precision", "category", "lane", "actors", "start")
_ERA_COLUMNS = ("id", "_x", "_hover", "_short", "category", "start", "end")


def _spec(ev: pd.DataFrame, *, lane_by="category", lane_order=None, start=None, end=None, preset=None,
          highlight=None, names=None, categories=None, period_categories=None) -> tuple[list[dict], dict]:
    """Traces and layout of the figure as plain dicts (the explorer updates its FigureWidget from them).

    ``categories``/``period_categories`` fix which per-category traces exist (empty ones included),
    so that the explorer's figure keeps one trace structure whatever the filter. Works on numpy
    arrays: this runs on every interaction."""
    names = names or {}
    is_era = ev["kind"].to_numpy() == "era"
    pts = {c: ev[c].to_numpy()[~is_era] for c in _POINT_COLUMNS}
    era = {c: ev[c].to_numpy()[is_era] for c in _ERA_COLUMNS}
    idx, keys = _lane_rows(pts["actors"], pts["lane" if lane_by == "lane" else "category"], lane_by)
    order = _order(keys.tolist(), lane_by)
    if lane_order:
        by_label = {lane_label(k, lane_by, names): k for k in order}
        first = [by_label.get(k, k) for k in lane_order]
        order = [k for k in dict.fromkeys(first) if k in order] + [k for k in order if k not in first]
    lane_of = {k: lane_label(k, lane_by, names) for k in order}
    lane_names = list(lane_of.values())

    starts = ev["start"].to_numpy()
    first_day = pd.Timestamp(starts.min())
    last_day = max(pd.Timestamp(ev["_stop"].to_numpy().max()), first_day)
    traces: list[dict] = []
    period_names: list[str] = []
    era_row: dict[str, str] = {}
    if is_era.any():
        stops = pd.to_datetime(era["end"]).fillna(last_day).to_numpy()
        begins = pd.to_datetime(era["start"]).to_numpy()
        packed = _period_rows(begins.astype("int64"), stops.astype("int64"))
        n_rows = int(packed.max()) + 1
        period_names = [PERIOD_ROW] if n_rows == 1 else [f"{PERIOD_ROW} {i + 1}" for i in range(n_rows)]
        era["_row"] = np.array(period_names, dtype=object)[packed]
        era["_ms"] = (stops + np.timedelta64(1, "D") - begins).astype("timedelta64[ms]").astype("float64")
        era_row = dict(zip(era["id"].tolist(), era["_row"].tolist()))
    era_cats = era["category"]
    for cat in (period_categories if period_categories is not None else _categories_of_array(era_cats)):
        colour = CATEGORY_COLOURS.get(cat, MUTED)
        traces.append(dict(
            type="bar", name=f"Periods: {CATEGORY_LABELS.get(cat, cat)}", legendgroup=cat, showlegend=False,
            orientation="h", width=0.7, hovertemplate="%{hovertext}<extra></extra>",
            marker=dict(color=colour, opacity=0.35, line=dict(color=colour, width=1.5)),
            textposition="inside", insidetextanchor="start", textfont=dict(color=INK, size=12),
            **_bar_arrays(era, era_cats == cat),
        ))

    codes, uniques = pd.factorize(keys)
    y_all = np.array([lane_of[k] for k in uniques], dtype=object)[codes] if len(keys) else keys
    drawn = {c: pts[c][idx] for c in ("id", "_x", "_hover", "precision", "category")}
    drawn["y"] = y_all
    for cat in (categories if categories is not None else _categories_of_array(drawn["category"])):
        traces.append(dict(
            type="scatter", name=CATEGORY_LABELS.get(cat, cat), legendgroup=cat, mode="markers",
            hovertemplate="%{hovertext}<extra></extra>",
            **_marker_arrays(drawn, drawn["category"] == cat, CATEGORY_COLOURS.get(cat, MUTED)),
        ))
    traces.append(_highlight_trace(ev, highlight, lane_by, lane_of, era_row))

    view = None
    if start is not None or end is not None:
        a, b = _ts(start), _ts(end)
        view = _range(first_day if a is None else a, last_day if b is None else b)
    elif preset is not None:
        view = preset_range(preset)
    labels = list(PRESETS)
    buttons = [dict(label=lab, method="relayout",
                    args=[{"xaxis.range": preset_range(lab)} if PRESETS[lab] else {"xaxis.autorange": True}])
               for lab in labels]
    if start is None and end is None:
        active = labels.index(preset if preset is not None else "All")
    else:
        active = -1
    categories_axis = period_names + lane_names
    alt = _alt(len(pts["id"]), len(era["id"]), lane_by, len(lane_names), first_day, last_day, view, pts["start"])
    layout = dict(
        title=dict(text=f"Timeline: events by {LANE_BY[lane_by]}"),
        height=max(360, (200 if lane_by == "category" else 240) + 30 * len(categories_axis)),
        margin=dict(l=10, r=10, t=110, b=40),
        hovermode="closest", barmode="overlay", bargap=0.3,
        uniformtext=dict(minsize=10, mode="hide"),
        # lanes by category are labelled with the category: a legend would repeat them
        showlegend=lane_by != "category",
        legend=dict(title=dict(text="Category "), orientation="h", yanchor="top", y=-0.06, x=0, xanchor="left",
                    traceorder="normal", font=dict(size=12)),
        updatemenus=[dict(type="buttons", direction="right", showactive=True, active=active,
                          x=0, xanchor="left", y=1.02, yanchor="bottom", pad=dict(t=0, b=4), buttons=buttons)],
        meta={"alt": alt, "lanes": lane_names},
        xaxis=dict(type="date", showgrid=True, visible=True,
                   **(dict(range=view, autorange=False) if view else dict(range=None, autorange=True))),
        yaxis=dict(type="category", categoryorder="array", categoryarray=categories_axis, autorange="reversed",
                   automargin=True,
                   showgrid=True, fixedrange=True, visible=True),
        annotations=[],
    )
    return traces, layout


def _categories_of_array(values: np.ndarray) -> list[str]:
    present = set(values.tolist())
    return [c for c in CATEGORY_COLOURS if c in present] + sorted(present - set(CATEGORY_COLOURS))


def _bar_arrays(era: dict, sel: np.ndarray) -> dict:
    if not sel.any():
        return dict(base=[], x=[], y=[], customdata=[], hovertext=[], text=[])
    return dict(base=era["_x"][sel], x=era["_ms"][sel], y=era["_row"][sel], customdata=era["id"][sel],
                hovertext=era["_hover"][sel], text=era["_short"][sel])


def _marker_arrays(drawn: dict, sel: np.ndarray, colour: str) -> dict:
    marker = dict(color=colour, size=11, line=dict(color="white", width=1), opacity=1.0)
    if not sel.any():
        return dict(x=[], y=[], customdata=[], hovertext=[], showlegend=False, marker=marker)
    # faded markers: dates known only to the month or year (a numeric array: fast to update)
    marker["opacity"] = np.where(drawn["precision"][sel] == "day", 1.0, IMPRECISE_OPACITY)
    return dict(x=drawn["_x"][sel], y=drawn["y"][sel], customdata=drawn["id"][sel],
                hovertext=drawn["_hover"][sel], showlegend=True, marker=marker)


def _highlight_trace(ev, highlight, lane_by, lane_of, era_row: dict) -> dict:
    """A ring around the selected event in each of its lanes (an empty trace when nothing is selected)."""
    x, y = [], []
    if highlight is not None and highlight in ev.index:
        row = ev.loc[highlight]
        row = row.iloc[0] if isinstance(row, pd.DataFrame) else row
        if row["kind"] == "era":
            if highlight in era_row:
                x, y = [row["_x"]], [era_row[highlight]]
        else:
            if lane_by == "actor":
                keys = list(row["actors"]) or [NO_ACTOR]
            else:
                keys = [row["lane" if lane_by == "lane" else "category"]]
            x, y = [row["_x"]] * len(keys), [lane_of.get(k, k) for k in keys]
    return dict(type="scatter", name="Selected event", mode="markers", x=x, y=y, showlegend=False,
                hoverinfo="skip", marker=dict(symbol="circle-open", size=22, color=INK, line=dict(width=3, color=INK)))


def _alt(n, m, lane_by, n_lanes, first, last, view, starts) -> str:
    text = (f"Timeline of {n} event{'s' * (n != 1)} in {n_lanes} lane{'s' * (n_lanes != 1)} by {LANE_BY[lane_by]}"
            + (f", with {m} period{'s' * (m != 1)} drawn as bars at the top" if m else "")
            + f", from {_day(first)} to {_day(last)}.")
    if view:
        a, b = pd.Timestamp(view[0]) + _PAD, pd.Timestamp(view[1]) - _PAD
        starts = pd.to_datetime(starts)
        inside = int(((starts >= a) & (starts <= b)).sum())
        text += f" The view shows {_day(a)} to {_day(b)}, where {inside} of the events fall."
    return text


# --------------------------------------------------------------------------- table and details


def timeline_table(events: pd.DataFrame, *, sources=None, places=None, parties=None) -> pd.DataFrame:
    """The events as a table in date order: date, headline, category, actors, place, sources (index: id)."""
    columns = ["date", "headline", "category", "actors", "place", "sources"]
    if events is None or len(events) == 0:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="id"))
    ev = _prepare(events, sources, places, parties)
    return pd.DataFrame({
        "date": ev["display_date"].where(ev["display_date"] != "", ev["_x"]),
        "headline": ev["headline"],
        "category": ev["category"].map(lambda c: CATEGORY_LABELS.get(c, c)),
        "actors": ev["_actor_names"],
        "place": ev["_place"],
        "sources": ev["_source_names"],
    }, index=pd.Index(ev.index, name="id"))[columns]


def _concept_name(concept_id: str, glossary: dict) -> str:
    term = _text(glossary.get(concept_id, {}).get("term"))
    return term or concept_id.removeprefix("gl-").replace("-", " ")


def event_details_html(event_id, events, places=None, sources=None, party_terms=None, parties=None,
                       glossary=None) -> str:
    """The details panel of one event (escaped HTML); an empty state for no or an unknown id."""
    if event_id is None or event_id == "":
        return empty_state("No event selected.", "Click a marker or pick an event from the list.")
    ev = _prepare(events, sources, places, parties) if events is not None and len(events) else None
    if ev is None or event_id not in ev.index:
        return empty_state(f"There is no event with the id {event_id!s}.", "Pick an event from the list.")
    row = ev.loc[event_id]
    row = row.iloc[0] if isinstance(row, pd.DataFrame) else row
    names, place_rows = _party_labels(parties), _lookup(places)
    rows: list[tuple[str, str]] = []
    when = esc(row["display_date"]) or esc(_day(row["start"]))
    if row["kind"] == "era":
        stop = "" if pd.isna(row["end"]) else _day(row["end"])
        when += f" <span style='color:{MUTED}'>(period: {esc(_day(row['start']))} to {esc(stop) or 'no end date recorded'})</span>"
    elif row["precision"] in PRECISION_NOTE:
        when += f" <span style='color:{MUTED}'>({esc(PRECISION_NOTE[row['precision']])})</span>"
    rows.append(("Date", when))
    rows.append(("What happened", esc(row["text"])))
    place = place_rows.get(row["place_id"])
    if place:
        others = [f"{lang}: {esc(place.get(k))}" for lang, k in (("Ukrainian", "name_uk"), ("Russian", "name_ru"),
                                                                   ("Crimean Tatar", "name_crh")) if _text(place.get(k))]
        rows.append(("Place", f"{esc(place.get('name_en'))}" + (f" <span style='color:{MUTED}'>({'; '.join(others)})</span>" if others else "")))
    elif row["place_id"]:
        rows.append(("Place", esc(row["_place"])))
    if row["actors"]:
        rows.append(("Actors", esc(", ".join(names.get(a, a) for a in row["actors"]))))
    rows.append(("Category", esc(CATEGORY_LABELS.get(row["category"], row["category"]))
                 + (f" · story thread: {esc(row['lane'])}" if row["lane"] else "")))
    term_sources: list[str] = []
    terms_html = _terms_html(row["concept_ids"], party_terms, names, _lookup(glossary), term_sources)
    if terms_html:
        rows.append(("Each party's own term", terms_html))
    if row["note"]:
        rows.append(("Where accounts differ", esc(row["note"])))
    panel = widgets.details_html(row["headline"] or "(no headline)", rows, row["source_ids"], sources)
    if term_sources:
        panel += ("<div class='lessons-term-sources'><b>Sources for the parties' terms</b>"
                  f"{widgets.citation_html(tuple(dict.fromkeys(term_sources)), sources)}</div>")
    return f"<div class='lessons-event' data-event-id='{esc(event_id)}'>{panel}</div>"


def _terms_html(concept_ids, party_terms, names, glossary, term_sources: list) -> str:
    """For each concept of the event, the term each party uses (only where the parties' terms differ)."""
    if not concept_ids or party_terms is None or len(party_terms) == 0:
        return ""
    blocks = []
    for concept in concept_ids:
        terms = party_terms[party_terms["concept_id"].astype(str) == concept]
        if terms.empty:
            continue
        if terms["term"].astype(str).str.casefold().nunique() < 2 and len(terms) > 1:
            continue  # every party uses the same word: nothing to compare
        items = []
        for t in terms.itertuples(index=False):
            original = _text(getattr(t, "original", None))
            note = _text(getattr(t, "note", None))
            items.append(f"<li>{esc(names.get(t.party_id, t.party_id))}: “{esc(t.term)}”"
                         + (f" <i>({esc(original)})</i>" if original else "")
                         + (f" <span style='color:{MUTED}'>— {esc(note)}</span>" if note else "") + "</li>")
            term_sources.extend(data.split_ids(t.source_ids))
        blocks.append(f"<div><i>{esc(_concept_name(concept, glossary))}</i><ul style='margin:2px 0 4px 1.2em;padding:0'>"
                      f"{''.join(items)}</ul></div>")
    return "".join(blocks)


def colour_key_html(shown: pd.DataFrame, lane_by: str) -> str:
    """A one-line key above the explorer's figure, in place of plotly's legend (which took a row per category).

    Lanes by category are named on the axis, so the key only explains the marks; otherwise it lists the
    colour of each category shown."""
    dot = "<span style='color:{};font-size:16px'>\u25cf</span>&nbsp;{}"
    if lane_by == "category":
        items = ["Colour = category (named on the left)"]
    else:
        cats = _categories_of(shown[shown["kind"] != "era"]) if len(shown) else []
        items = [dot.format(CATEGORY_COLOURS.get(c, MUTED), esc(CATEGORY_LABELS.get(c, c))) for c in cats]
    items += [f"<span style='opacity:{IMPRECISE_OPACITY}'>\u25cf</span>&nbsp;faded: date known only to the month or year",
              "\u25ac&nbsp;bars at the top: periods"]
    return (f"<div class='lessons-key' style='font-size:13px;line-height:1.6;color:{INK}'>"
            + " &nbsp;·&nbsp; ".join(f"<span style='white-space:nowrap'>{i}</span>" for i in items) + "</div>")


# --------------------------------------------------------------------------- explorer


def _load(name: str):
    try:
        return data.load(name)
    except KeyError:
        return None


class TimelineExplorer(w.VBox):
    """The timeline with its controls: lanes, zoom presets, dates, categories, actors, search,
    a clickable figure, a keyboard-accessible list of the events shown, details, table and alt text.

    Public controls: ``lane_by``, ``lane_order``, ``preset``, ``start``, ``end``, ``categories``,
    ``actors``, ``search``, ``event_list``, ``previous_button``, ``next_button``; outputs:
    ``figure``, ``count``, ``status``, ``details``, ``table``, ``alt``; ``selected`` and ``shown``
    (the filtered events). Public methods: :meth:`select`, :meth:`step`, :meth:`click`, :meth:`refresh`.
    """

    summary = "Timeline explorer: events and eras with their sources"
    __repr__ = widgets.explorer_repr

    def __init__(self, *, events=None, sources=None, places=None, parties=None, party_terms=None,
                 glossary=None, lane_by: str = "category", preset: str | None = None):
        self.sources = data.load("sources") if sources is None else sources
        self.places = data.load("places") if places is None else places
        self.parties = data.load("parties") if parties is None else parties
        self.party_terms = _load("party_terms") if party_terms is None else party_terms
        self.glossary = _load("glossary") if glossary is None else glossary
        raw = data.load("events") if events is None else events
        self.events = _prepare(raw, self.sources, self.places, self.parties)
        self._names = _party_labels(self.parties)
        self._table = timeline_table(self.events)
        self._orders = {by: default_lane_order(self.events, by) for by in LANE_BY}
        self.selected: str | None = None
        self._busy = False
        self._listed: set = set()
        self._sent: list[dict] | None = None  # what the FigureWidget holds, to send only changes
        self._sent_layout: dict | None = None
        self.shown = self.events.iloc[:0]

        cats = [c for c in CATEGORY_COLOURS if c in set(self.events["category"])]
        cats += sorted(set(self.events["category"]) - set(cats))
        actor_ids = sorted({a for t in self.events["actors"] for a in t}, key=lambda a: self._names.get(a, a).casefold())
        self.lane_by = w.ToggleButtons(options=[(f"By {v}", k) for k, v in LANE_BY.items()], value=lane_by,
                                       description="Lanes", tooltips=["One lane per category", "One lane per actor",
                                                                      "One lane per story thread"],
                                       style={"button_width": "auto"})
        self.lane_order = w.TagsInput(allow_duplicates=False, layout=w.Layout(width="100%"))
        self.preset = w.ToggleButtons(options=list(PRESETS), value=preset, description="Zoom",
                                      style={"button_width": "auto"})
        self.start = w.DatePicker(description="From")
        self.end = w.DatePicker(description="To")
        self.categories = w.SelectMultiple(options=[(CATEGORY_LABELS.get(c, c), c) for c in cats], value=tuple(cats),
                                           rows=min(len(cats), 5) or 1, description="Categories",
                                           tooltip="Ctrl- or Shift-click to select several")
        self.actors = w.SelectMultiple(options=[(self._names.get(a, a), a) for a in actor_ids], value=(),
                                       rows=min(len(actor_ids), 5) or 1, description="Actors",
                                       tooltip="None selected = any actor")
        self.key = w.HTML()
        self.search = w.Text(placeholder="Search headline, text, date, place", description="Search")
        self.count = w.HTML()
        self.status = w.HTML()
        self.event_list = w.Select(options=[], rows=12, description="Events", layout=w.Layout(width="95%"))
        # In JupyterLab's command mode the arrow keys move between cells even inside a list, so
        # keyboard users also get buttons (Tab to them, Space or Enter to press).
        self.previous_button = w.Button(description="◀ Previous event", tooltip="Select the previous event in the list")
        self.next_button = w.Button(description="Next event ▶", tooltip="Select the next event in the list")
        self.previous_button.on_click(lambda _: self.step(-1))
        self.next_button.on_click(lambda _: self.step(1))
        self.details = widgets.html_box(event_details_html(None, self.events))
        self.table = widgets.html_box()
        self.alt = widgets.html_box()
        self._point_cats = _categories_of(self.events[self.events["kind"] != "era"])
        self._period_cats = _categories_of(self.events[self.events["kind"] == "era"])
        self._set_lane_tags()
        if preset is not None:
            self._apply_preset(preset)
        # The figure starts as the first view: changes sent before a browser shows a FigureWidget inside a
        # box reach it with every property left out of the change reset (plotly's anywidget model), which
        # put "axis anchor" in the legend and a "0" row on the y axis.
        if len(self.events):
            first = self.events[self._current_mask()]
            traces, layout = self._figure_spec(first if len(first) else self.events)
            self.figure = widgets.figure_widget(go.Figure(data=traces, layout=layout))
            if len(first):
                self._sent = [{p: _get_path(spec, p) for p in _DYNAMIC} for spec in traces]
                self._sent_layout = layout
        else:
            self.figure = widgets.figure_widget(empty_figure("There are no events in the data yet."))
        for trace in self.figure.data:
            if trace.name not in ("Selected event", AXIS_ANCHOR):
                trace.on_click(self._on_click)  # the traces live as long as the explorer
        self.lane_by.observe(self._on_lane_by, "value")
        self.lane_order.observe(self._on_change, "value")
        self.preset.observe(self._on_preset, "value")
        for control in (self.start, self.end):
            control.observe(self._on_dates, "value")
        for control in (self.categories, self.actors, self.search):
            control.observe(self._on_change, "value")
        self.event_list.observe(self._on_list, "value")

        accordion = w.Accordion(children=[self.table, self.alt])
        accordion.set_title(0, "Table of the events shown")
        accordion.set_title(1, "Text description of the figure")
        more = w.Accordion(children=[w.VBox([
            w.HTML(f"<b>Lane order</b> <span style='color:{MUTED}'>(top to bottom: remove a lane's tag and type "
                   "its name again, or drag the tags, to move it)</span>"), self.lane_order])],
            titles=("More options: lane order",))
        row = dict(flex_flow="row wrap", align_items="flex-start")
        super().__init__(children=[
            w.HBox([self.lane_by, self.preset], layout=w.Layout(**row)),
            w.HBox([self.start, self.end, self.search], layout=w.Layout(**row)),
            w.HBox([self.categories, self.actors], layout=w.Layout(**row)),
            more, self.status, self.key, self.figure,
            w.HBox([w.VBox([self.count, self.event_list, w.HBox([self.previous_button, self.next_button])],
                           layout=w.Layout(width="45%")),
                    w.VBox([self.details], layout=w.Layout(width="55%"))]),
            accordion,
        ])
        self.refresh()

    # ----------------------------------------------------------------- interactions

    def select(self, event_id: str | None) -> None:
        """Show an event's details, ring it in the figure and select it in the list."""
        self.selected = event_id or None
        self.details.value = event_details_html(self.selected, self.events, self.places, self.sources,
                                                self.party_terms, self.parties, self.glossary)
        self._draw_highlight()
        if self.event_list.value != self.selected and (self.selected is None or self.selected in self._listed):
            self._busy, was = True, self._busy
            try:
                self.event_list.value = self.selected
            finally:
                self._busy = was

    def step(self, offset: int) -> None:
        """Select the event ``offset`` places after the selected one in the list (wrapping around)."""
        ids = [value for _, value in self.event_list.options]
        if not ids:
            return
        here = ids.index(self.selected) if self.selected in ids else (-1 if offset > 0 else 0)
        self.select(ids[(here + offset) % len(ids)])

    def click(self, trace_index: int, point_index: int) -> None:
        """What a mouse click on a marker does (used by tests and the benchmark)."""
        from plotly.callbacks import InputDeviceState, Points

        trace = self.figure.data[trace_index]
        trace._dispatch_on_click(Points([point_index], [trace.x[point_index]], [trace.y[point_index]], trace.name,
                                        trace_index), InputDeviceState())

    def refresh(self) -> None:
        """Filter, redraw the figure and update the list, count, table and alt text."""
        start, end = self.start.value, self.end.value
        problem = range_problem(start, end)
        categories = self.categories.value
        mask = self._current_mask()
        self.shown = self.events[mask]
        n = len(self.shown)
        periods = int((self.shown["kind"] == "era").sum())
        self.count.value = f"<b>{n} event{'s' * (n != 1)} shown</b>" + (
            f" (including {periods} period{'s' * (periods != 1)})" if periods else "") + (
            f" <span style='color:{MUTED}'>of {len(self.events)}</span>" if n != len(self.events) else "")
        message, hint = self._empty_reason(problem, categories)
        self.status.value = empty_state(message, hint) if message else ""
        if message:
            self._draw_empty(message)
        else:
            self._draw(self.shown)
        self._fill_list()
        caption = f"{n} events shown" + (f" (first {min(n, 200)})" if n > 200 else "")
        self.table.value = (empty_state(message, hint) if message
                            else widgets.table_html(self._table[mask], caption=caption))
        self.alt.value = f"<p>{esc(widgets.alt_text(self.figure))}</p>"
        self.key.value = "" if message else colour_key_html(self.shown, self.lane_by.value)

    # ----------------------------------------------------------------- helpers

    def _current_mask(self) -> np.ndarray:
        return _mask(self.events, self.start.value, self.end.value, self.categories.value,
                     self.actors.value or None, self.search.value)

    def _empty_reason(self, problem: str, categories) -> tuple[str, str]:
        if len(self.events) == 0:
            return "There are no events in the data yet.", ""
        if problem:
            return problem, "Change the From or To date."
        if not categories:
            return "No category is selected.", "Select at least one category (Ctrl- or Shift-click to select several)."
        if len(self.shown) == 0:
            if self.search.value.strip():
                return (f"No event matches the search “{self.search.value.strip()}” with these filters.",
                        "Try a shorter word, another spelling, or clear a filter.")
            return "No event matches these filters.", "Widen the dates or select more categories or actors."
        return "", ""

    def _fill_list(self) -> None:
        listed = self.shown.iloc[:MAX_LISTED]
        self._listed = set(listed.index)
        self._busy, was = True, self._busy
        try:
            self.event_list.options = list(zip(listed["_label"].tolist(), listed.index.tolist()))
            self.event_list.value = self.selected if self.selected in self._listed else None
        finally:
            self._busy = was
        if len(self.shown) > MAX_LISTED:
            self.count.value += f" <span style='color:{MUTED}'>(the list shows the first {MAX_LISTED})</span>"

    def _figure_spec(self, shown: pd.DataFrame) -> tuple[list[dict], dict]:
        """The figure for the events shown, with one trace per category of the whole table."""
        start, end = self.start.value, self.end.value
        traces, layout = _spec(shown, lane_by=self.lane_by.value, lane_order=list(self.lane_order.value),
                               start=start, end=end, highlight=self.selected, names=self._names,
                               categories=self._point_cats, period_categories=self._period_cats)
        layout["updatemenus"] = []  # the explorer's own controls replace plotly's buttons
        layout["showlegend"] = False  # the colour key above the figure (self.key) replaces the legend
        layout["margin"] = dict(l=10, r=10, t=40, b=30)
        layout["height"] = max(300, 90 + 30 * len(layout["yaxis"]["categoryarray"]))
        # plotly.js re-guesses axis types whenever trace data change (Plotly.update clears them),
        # from the first trace with data: the bars' x are durations in ms, which would turn the
        # date axis linear. An invisible first trace with dates keeps the guess right.
        lanes = layout["yaxis"]["categoryarray"]
        anchor = dict(x=[], y=[]) if shown.empty or not lanes else dict(
            x=[shown["_x"].min(), pd.Timestamp(shown["_stop"].max()).strftime("%Y-%m-%d")], y=[lanes[0]] * 2)
        # on the first lane (a y value already on the axis: no extra category row), never in a legend
        traces.insert(0, dict(type="scatter", name=AXIS_ANCHOR, mode="markers", showlegend=False, hoverinfo="skip",
                              marker=dict(opacity=0, size=1), **anchor))
        return traces, layout

    def _draw(self, shown: pd.DataFrame) -> None:
        """Update the FigureWidget in place, sending only what changed (plotly validates every
        assignment, which is what costs time)."""
        traces, layout = self._figure_spec(shown)
        sent = self._sent
        with self.figure.batch_update():
            for i, (target, spec) in enumerate(zip(self.figure.data, traces)):
                for path in _DYNAMIC:
                    value = _get_path(spec, path)
                    if value is _MISSING:
                        continue
                    if sent is None or not _same(sent[i].get(path, _MISSING), value):
                        target[path] = value
            changed = {k: v for k, v in layout.items() if self._sent_layout is None or not _same(self._sent_layout.get(k), v)}
            if changed:
                self.figure.update_layout(changed)
        self._sent = [{p: _get_path(spec, p) for p in _DYNAMIC} for spec in traces]
        self._sent_layout = layout

    def _draw_empty(self, message: str) -> None:
        """Empty every trace and say why, keeping the traces (and their click handlers)."""
        if not self.figure.data:
            return  # already the empty figure of an empty table
        blank = empty_figure(message).layout
        with self.figure.batch_update():
            for target in self.figure.data:
                target.update({k: [] for k in ("x", "y", "customdata", "hovertext", "base", "text")
                               if k in target}, showlegend=False)
            self.figure.update_layout(annotations=blank.annotations, height=blank.height, meta=blank.meta,
                                      title_text="", xaxis_visible=False, yaxis_visible=False)
        self._sent = self._sent_layout = None  # the next draw sends everything

    def _draw_highlight(self) -> None:
        if not self.figure.data or self.figure.data[-1].name != "Selected event":
            return
        ring = _highlight_trace(self.shown, self.selected, self.lane_by.value, self._lane_of(), self._era_rows())
        with self.figure.batch_update():
            self.figure.data[-1].x = ring["x"]
            self.figure.data[-1].y = ring["y"]
        if self._sent is not None:
            self._sent[-1].update(x=ring["x"], y=ring["y"])

    def _lane_of(self) -> dict[str, str]:
        return {k: lane_label(k, self.lane_by.value, self._names) for k in self._orders[self.lane_by.value]}

    def _era_rows(self) -> dict[str, str]:
        """Period id -> the row it is drawn on, read back from the figure's bar traces."""
        out: dict[str, str] = {}
        for trace in self.figure.data:
            if trace.type == "bar" and trace.customdata is not None:
                out.update(zip(trace.customdata, trace.y))
        return out

    def _set_lane_tags(self) -> None:
        labels = [lane_label(k, self.lane_by.value, self._names) for k in self._orders[self.lane_by.value]]
        self._busy, was = True, self._busy
        try:
            self.lane_order.allowed_tags = labels
            self.lane_order.value = labels
        finally:
            self._busy = was

    def _apply_preset(self, label: str | None) -> None:
        span = PRESETS.get(label) if label else None
        self._busy, was = True, self._busy
        try:
            self.start.value = None if span is None else dt.date.fromisoformat(span[0])
            self.end.value = None if span is None else dt.date.fromisoformat(span[1])
        finally:
            self._busy = was

    # ----------------------------------------------------------------- callbacks

    def _on_change(self, change=None) -> None:
        if not self._busy:
            self.refresh()

    def _on_lane_by(self, change) -> None:
        self._set_lane_tags()
        self._on_change()

    def _on_preset(self, change) -> None:
        if self._busy or change["new"] is None:
            return
        self._apply_preset(change["new"])
        self.refresh()

    def _on_dates(self, change) -> None:
        if self._busy:
            return
        span = PRESETS.get(self.preset.value) if self.preset.value else None
        current = (None if self.start.value is None else self.start.value.isoformat(),
                   None if self.end.value is None else self.end.value.isoformat())
        if self.preset.value is not None and (span or (None, None)) != current:
            self._busy = True
            try:
                self.preset.value = None
            finally:
                self._busy = False
        self.refresh()

    def _on_list(self, change) -> None:
        if not self._busy and change["new"] != self.selected and change["new"] is not None:
            self.select(change["new"])

    def _on_click(self, trace, points, state) -> None:
        if points.point_inds and trace.customdata is not None and len(trace.customdata):
            self.select(str(trace.customdata[points.point_inds[0]]))


_MISSING = object()


def _get_path(spec: dict, path: str):
    for part in path.split("."):
        if not isinstance(spec, dict) or part not in spec:
            return _MISSING
        spec = spec[part]
    return spec


def _same(a, b) -> bool:
    """Equality for plain values, dicts and arrays (what the explorer compares before sending)."""
    if a is _MISSING or b is _MISSING:
        return a is b
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        if np.ndim(a) != 1 or np.ndim(b) != 1:
            return False
        return len(a) == len(b) and bool(np.array_equal(np.asarray(a, dtype=object), np.asarray(b, dtype=object)))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


# --------------------------------------------------------------------------- benchmark


def benchmark_cases(tables: dict[str, pd.DataFrame]) -> list[tuple[str, callable]]:
    """Student interactions on one explorer built from ``tables`` (each call changes something)."""
    keys = ("events", "sources", "places", "parties", "party_terms", "glossary")
    explorer = TimelineExplorer(**{k: tables[k] for k in keys if k in tables})
    cats = list(explorer.categories.options)
    all_values = tuple(v for _, v in cats)
    fewer = all_values[1:] if len(all_values) > 1 else all_values
    ids = list(explorer.events.index[:50]) or [None]
    words = ["crimea", "", "march", ""]
    state = {"cat": 0, "word": 0, "preset": 0, "select": 0, "lane": 0}
    lanes = list(LANE_BY)

    def change_category():
        state["cat"] += 1
        explorer.categories.value = fewer if state["cat"] % 2 else all_values

    def type_search():
        state["word"] += 1
        explorer.search.value = words[state["word"] % len(words)]

    def change_preset():
        state["preset"] += 1
        explorer.preset.value = list(PRESETS)[state["preset"] % len(PRESETS)]

    def select_event():
        state["select"] += 1
        explorer.select(ids[state["select"] % len(ids)])

    def switch_lane_by():
        state["lane"] += 1
        explorer.lane_by.value = lanes[state["lane"] % len(lanes)]

    return [("change category filter", change_category), ("type a search", type_search),
            ("change zoom preset", change_preset), ("select an event", select_event),
            ("switch lanes", switch_lane_by)]
