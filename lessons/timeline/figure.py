"""The timeline figure, shaped like a plotly express function: one tidy events frame in, a figure out.

* :func:`timeline_figure` draws events (``type == "event"``) as labelled markers in horizontal lanes
  (by category, by actor or by story thread) and periods (``type == "era"``) as labelled translucent
  bars at the top; events on the same or nearby days are spread apart; the Trump–Putin call of
  18 March 2025 is marked with a vertical line whenever it is in view.
* :func:`figure_spec` is the same figure as a plain ``{"data", "layout"}`` dict (what the explorer sends).
* :func:`filter_events` filters by date range, category, actor and a literal text search.

Lookups (sources, places, parties) default to the package's own (``data.load``).
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..hover import clip, plain
from ..html import fmt_day
from ..style import CATEGORY_COLOURS, CATEGORY_LABELS, CATEGORY_SYMBOLS, INK, MUTED
from . import layout as lay
from .prepare import (
    LANE_BY,
    MARKED_DAYS,
    PRESETS,
    available_presets,
    columns,
    lookups,
    mask,
    party_names,
    prepare,
    subset,
    ts,
)

#: Marker opacity of events whose date is known only to the month or year.
IMPRECISE_OPACITY = 0.45
ROW_PX = 38
MARK_COLOUR = "#B2182B"
#: The plotting area's width assumed when placing labels (the figure itself always fills its container).
STATIC_PLOT_PX = 760


def filter_events(
    events: pd.DataFrame,
    *,
    start=None,
    end=None,
    categories=None,
    actors=None,
    text: str = "",
    places: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The rows of ``events`` that match every given filter (same columns as ``events``).

    * ``start``/``end``: inclusive days; an event or period matches if it overlaps them.
      A reversed range (start after end) matches nothing: show :func:`range_problem`'s message.
    * ``categories``/``actors``: ``None`` = no filter; an empty collection matches nothing.
      An event matches ``actors`` if any of its actors is listed.
    * ``text``: case-insensitive literal search (no regex) in headline, text, date and the place's
      names in every language (``places`` defaults to the package's gazetteer).
    """
    prepared = prepare(events, places=places)
    keep = mask(prepared, start, end, categories, actors, text)
    if prepared is events:
        return events[keep]
    wanted = set(prepared.index[keep])
    ids = events["id"].astype(str) if "id" in events.columns else events.index.astype(str).to_series(index=events.index)
    return events[ids.isin(wanted).to_numpy()]


def timeline_figure(
    events: pd.DataFrame,
    sources: pd.DataFrame | None = None,
    *,
    lane_by: str = "category",
    lane_order=None,
    start=None,
    end=None,
    preset: str | None = None,
    highlight: str | None = None,
    places: pd.DataFrame | None = None,
    parties: pd.DataFrame | None = None,
) -> go.Figure:
    """Events as labelled markers in lanes on a date axis, periods as labelled bars on top.

    ``lane_by``: "category", "actor" (an event with several actors appears in each actor's lane)
    or "lane" (story thread). ``lane_order``: lane keys (or labels) to put first, top to bottom.
    ``preset`` (a key of :data:`PRESETS`) or ``start``/``end`` set the initial view; they do not
    filter (use :func:`filter_events`). ``highlight``: an event id to ring. Buttons above the figure
    zoom to the presets the data have events in. Every marker's and bar's ``customdata`` is its id.
    """
    check(lane_by, preset)
    if events is None or len(events) == 0:
        return go.Figure(empty_spec("No events to show for this selection."))
    sources, places, parties = lookups(sources, places, parties)
    ev = prepare(events, sources, places, parties)
    return go.Figure(
        figure_spec(
            ev,
            lane_by=lane_by,
            lane_order=lane_order,
            start=start,
            end=end,
            preset=preset,
            highlight=highlight,
            names=party_names(parties),
            buttons=True,
        )
    )


def check(lane_by: str, preset: str | None) -> None:
    if lane_by not in LANE_BY:
        raise ValueError(f"lane_by must be one of {list(LANE_BY)}, not {lane_by!r}")
    if preset is not None and preset not in PRESETS:
        raise ValueError(f"preset must be one of {list(PRESETS)}, not {preset!r}")


def empty_spec(message: str, height: int = 300) -> dict:
    """A figure with no axes that says why it is empty (never a blank chart with numeric axes)."""
    return {
        "data": [],
        "layout": dict(
            height=height,
            title=dict(text=""),
            margin=dict(l=10, r=10, t=20, b=20),
            xaxis=dict(visible=False, type="date"),
            yaxis=dict(visible=False, type="linear"),
            annotations=[
                dict(
                    text=message,
                    showarrow=False,
                    x=0.5,
                    y=0.5,
                    xref="paper",
                    yref="paper",
                    font=dict(size=16, color=INK),
                )
            ],
            meta={"empty": True, "alt": message, "lanes": []},
        ),
    }


def view_range(cols: dict, start=None, end=None, preset=None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day in view: the dates given, else the preset's span, else the data's."""
    first = pd.Timestamp(int(cols["start_ms"].min()), unit="ms")
    last = pd.Timestamp(int(cols["stop_ms"].max()), unit="ms")
    span = PRESETS.get(preset) if preset else None
    if start is not None or end is not None:
        a, b = ts(start), ts(end)
        first, last = (first if a is None else a), (last if b is None else b)
    elif span:
        first, last = pd.Timestamp(span[0]), pd.Timestamp(span[1])
    return first, max(last, first)


def padded(first: pd.Timestamp, last: pd.Timestamp) -> list[str]:
    """An axis range with a margin each side, so marks at the ends are neither cut nor on the lane names."""
    pad = max((last - first) * 0.03, pd.Timedelta(days=1))
    return [(first - pad).strftime("%Y-%m-%d %H:%M"), (last + pad + pd.Timedelta(days=1)).strftime("%Y-%m-%d %H:%M")]


def preset_range(label: str) -> list[str] | None:
    """The x-axis range a preset sets (with its margin), None for "All"."""
    span = PRESETS[label]
    return None if span is None else padded(pd.Timestamp(span[0]), pd.Timestamp(span[1]))


def figure_spec(
    ev,
    *,
    lane_by="category",
    lane_order=None,
    start=None,
    end=None,
    preset=None,
    highlight=None,
    names=None,
    plot_px: float = STATIC_PLOT_PX,
    buttons: bool = False,
) -> dict:
    """The figure of prepared, non-empty events (a frame from :func:`prepare` or its :func:`columns`)
    as a plain ``{"data": [...], "layout": {...}}`` dict."""
    cols = ev if isinstance(ev, dict) else columns(ev)
    first, last = view_range(cols, start, end, preset)
    x_range = padded(first, last)
    lo, hi = lay.to_ms(x_range)
    scale = plot_px / max(hi - lo, 1)  # px per ms
    is_era = cols["kind"] == "era"
    bars, period_names = _periods(subset(cols, is_era), lo, hi, scale)
    points, lane_names = _points(
        subset(cols, ~is_era), lane_by, lane_order, names or {}, len(period_names), lo, scale, plot_px
    )
    traces = bars + points
    traces.append(ring_trace(traces, highlight))
    rows = period_names + lane_names
    marks = {d: t for d, t in MARKED_DAYS.items() if first <= pd.Timestamp(d) <= last}
    alt = _alt(cols, is_era, lane_by, len(lane_names), first, last, start, end, preset, marks)
    top, bottom = (90 if buttons else 64), (40 if lane_by == "category" else 110)
    height = 110 + ROW_PX * max(len(rows), 2) + (0 if lane_by == "category" else 70)
    layout = dict(
        title=dict(text=f"Timeline: events by {LANE_BY[lane_by]}"),
        height=height,
        margin=dict(l=10, r=20, t=top, b=bottom),
        hovermode="closest",
        barmode="overlay",
        bargap=0.3,
        hoverlabel=dict(align="left"),
        showlegend=lane_by != "category",  # lanes by category are named on the axis
        # below the date ticks (two lines: day and year), whatever the plot's height
        legend=dict(
            title=dict(text="Category "),
            orientation="h",
            yanchor="top",
            y=-58 / (height - top - bottom),
            x=0,
            xanchor="left",
            traceorder="normal",
            font=dict(size=12),
        ),
        xaxis=dict(type="date", range=x_range, autorange=False, showgrid=True, visible=True),
        yaxis=dict(
            type="linear",
            tickmode="array",
            tickvals=list(range(len(rows))),
            ticktext=[_wrap(r) for r in rows],
            range=[len(rows) - 0.5, -0.5],
            autorange=False,
            fixedrange=True,
            showgrid=True,
            zeroline=False,
            visible=True,
            automargin=True,
        ),
        shapes=_shapes(len(period_names), len(rows), marks),
        annotations=[_mark_label(d, t, lo, hi) for d, t in marks.items()],
        meta={"alt": alt, "lanes": lane_names, "periods": period_names, "empty": False},
    )
    if buttons:
        layout["updatemenus"] = _buttons(cols, start, end, preset)
        if layout["updatemenus"]:  # the title on the left, so that the buttons on the right never cover it
            layout["title"] = {**layout["title"], "x": 0, "xref": "paper", "xanchor": "left"}
    else:  # plotly's zoom buttons would leave the note behind: only where the view is redrawn per range
        crowd = lay.crowd_note(subset(cols, ~is_era), lo, hi, plot_px)
        if crowd:  # under the title, where nothing else is drawn
            layout["title"]["subtitle"] = dict(text=crowd, font=dict(size=12, color=MUTED))
            layout["margin"]["t"] += 18
    return {"data": traces, "layout": layout}


def _periods(era: dict, lo: int, hi: int, scale: float) -> tuple[list[dict], list[str]]:
    """Bars (one trace per category) and their labels; the row names."""
    if not len(era["id"]):
        return [], []
    begins = era["start_ms"]
    # a period runs to the end of its last day; one with no end date recorded runs to the view's end
    stops = np.where(era["open_end"], hi, era["end_ms"])
    rows = lay.period_rows(begins, stops)
    label_at = np.maximum(begins, lo)  # a bar that starts before the view has its label at the left edge
    fitted = lay.fit_labels(
        rows, (label_at - lo) * scale + lay.GAP_PX / 2, (begins - lo) * scale, era["_short"], (hi - lo) * scale
    )
    cats, ids, hover, start_x = era["category"], era["id"], era["_hover"], era["_x"]
    label_x = np.where(begins >= lo, start_x, pd.Timestamp(int(lo), unit="ms").strftime("%Y-%m-%d %H:%M"))
    traces = []
    for cat in lay.categories_of(cats):
        sel = cats == cat
        colour = CATEGORY_COLOURS.get(cat, MUTED)
        traces.append(
            dict(
                type="bar",
                name=f"Periods: {CATEGORY_LABELS.get(cat, cat)}",
                legendgroup=cat,
                showlegend=False,
                orientation="h",
                width=0.7,
                base=start_x[sel],
                x=(stops - begins)[sel].astype("float64"),
                y=rows[sel],
                customdata=ids[sel],
                hovertext=hover[sel],
                hovertemplate="%{hovertext}<extra></extra>",
                marker=dict(color=colour, opacity=0.3, line=dict(color=colour, width=1.5)),
            )
        )
    traces.append(
        dict(
            type="scatter",
            name="Period labels",
            mode="text",
            x=label_x,
            y=rows,
            customdata=ids,
            text=np.array(fitted, dtype=object),
            textposition="middle right",
            textfont=dict(size=11, color=INK),
            hoverinfo="skip",
            showlegend=False,
        )
    )
    return traces, ["Periods (bars)"] + [""] * int(rows.max())


def _lanes(pts: dict, lane_by: str, lane_order, names: dict):
    idx, keys = lay.lane_rows(pts["actors"], pts["lane" if lane_by == "lane" else "category"], lane_by)
    ordered = lay.order(keys.tolist(), lane_by)
    if lane_order:
        by_label = {lay.lane_label(k, lane_by, names): k for k in ordered}
        first = [by_label.get(k, k) for k in lane_order]
        ordered = [k for k in dict.fromkeys(first) if k in ordered] + [k for k in ordered if k not in first]
    return idx, keys, ordered


def _points(pts: dict, lane_by, lane_order, names, top: int, lo: int, scale: float, plot_px: float):
    """Marker traces (one per category) and the lane names."""
    if not len(pts["id"]):
        return [], []
    idx, keys, ordered = _lanes(pts, lane_by, lane_order, names)
    row_of = {k: top + i for i, k in enumerate(ordered)}
    rows = np.fromiter((row_of[k] for k in keys.tolist()), dtype=int, count=len(keys))
    px = (pts["start_ms"][idx] - lo) * scale
    y = rows + lay.spread(rows, px)
    ids, cats, precision, labels = pts["id"][idx], pts["category"][idx], pts["precision"][idx], pts["_short"][idx]
    widths = lay.CHAR_PX * np.char.str_len(labels.astype(str))
    line = np.unique(np.round(y, 3), return_inverse=True)[1]
    side = lay.place_labels(rows, line, px, widths, lay.priority(ids, cats, precision), plot_px)
    text = np.where(side != 0, labels, "")
    position = np.where(side < 0, "middle left", "middle right")
    x, hover = pts["_x"][idx], pts["_hover"][idx]
    traces = []
    for cat in lay.categories_of(cats):
        sel = cats == cat
        opacity = np.where(precision[sel] == "day", 1.0, IMPRECISE_OPACITY)
        traces.append(
            dict(
                type="scatter",
                name=CATEGORY_LABELS.get(cat, cat),
                legendgroup=cat,
                mode="markers+text",
                x=x[sel],
                y=y[sel],
                customdata=ids[sel],
                hovertext=hover[sel],
                text=text[sel],
                textposition=position[sel],
                textfont=dict(size=11, color=INK),
                showlegend=True,
                hovertemplate="%{hovertext}<extra></extra>",
                marker=dict(
                    color=CATEGORY_COLOURS.get(cat, MUTED),
                    size=11,
                    line=dict(color="white", width=1),
                    opacity=opacity,
                    # lanes by category name it on the axis; other lanes give it a shape as well as a colour
                    symbol="circle" if lane_by == "category" else CATEGORY_SYMBOLS.get(cat, ("circle",))[0],
                ),
            )
        )
    return traces, [lay.lane_label(k, lane_by, names) for k in ordered]


def ring_trace(traces: list[dict], highlight) -> dict:
    """A ring around the selected event wherever it is drawn (each of its lanes), or at a selected
    period's label; read from the traces themselves, so a new selection needs no new figure."""
    x, y = [], []
    for t in traces:
        if highlight is None or t.get("mode") not in ("markers+text", "text") or t.get("customdata") is None:
            continue
        hits = np.flatnonzero(np.asarray(t["customdata"], dtype=object) == highlight).tolist()
        x += [t["x"][i] for i in hits]
        y += [float(t["y"][i]) for i in hits]
    return dict(
        type="scatter",
        name="Selected event",
        mode="markers",
        x=x,
        y=y,
        showlegend=False,
        hoverinfo="skip",
        marker=dict(symbol="circle-open", size=22, color=INK, line=dict(width=3, color=INK)),
    )


def with_selection(spec: dict, highlight) -> dict:
    """The same figure with the ring moved to ``highlight`` (every other trace is the same object)."""
    if spec["layout"].get("meta", {}).get("empty"):
        return spec
    return {"data": [*spec["data"][:-1], ring_trace(spec["data"][:-1], highlight)], "layout": spec["layout"]}


def _wrap(name: str, width: int = 22) -> str:
    """A lane name as a tick label: on two lines, so that it does not take the plot's width (the second
    cut with "…" beyond twice the first), and escaped: an actor's name is data, and plotly reads tags
    in tick labels."""
    if len(name) <= width:
        return plain(name)
    first, *rest = textwrap.wrap(name, width, break_on_hyphens=False) or [""]
    return "<br>".join(plain(line) for line in [first, clip(" ".join(rest), 2 * width)] if line)


def _shapes(n_periods: int, n_rows: int, marks: dict) -> list[dict]:
    shapes = []
    if 0 < n_periods < n_rows:  # a rule between the periods and the event lanes
        shapes.append(
            dict(
                type="line",
                xref="paper",
                x0=0,
                x1=1,
                yref="y",
                y0=n_periods - 0.5,
                y1=n_periods - 0.5,
                line=dict(color=MUTED, width=1),
            )
        )
    for day in marks:
        shapes.append(
            dict(
                type="line",
                xref="x",
                x0=day,
                x1=day,
                yref="paper",
                y0=0,
                y1=1,
                line=dict(color=MARK_COLOUR, width=2, dash="dash"),
            )
        )
    return shapes


def _mark_label(day: str, text: str, lo: int, hi: int) -> dict:
    right_half = (lay.to_ms([day])[0] - lo) / max(hi - lo, 1) > 0.6
    return dict(
        x=day,
        xref="x",
        y=1,
        yref="paper",
        yanchor="bottom",
        text=f"<b>{text}</b>",
        showarrow=False,
        xanchor="right" if right_half else "left",
        font=dict(size=12, color=MARK_COLOUR),
    )


def _buttons(cols: dict, start, end, preset) -> list[dict]:
    """Zoom buttons for the presets the data have events in (none when they would all show the same)."""
    labels = available_presets(cols)
    if len(labels) < 3:
        return []
    full = padded(*view_range(cols))
    buttons = [dict(label=lab, method="relayout", args=[{"xaxis.range": preset_range(lab) or full}]) for lab in labels]
    active = (
        labels.index(preset)
        if preset in labels and start is None and end is None
        else (labels.index("All") if preset is None and start is None and end is None else -1)
    )
    # on the right, level with the title (on the left), above the label of the 18 March line
    return [
        dict(
            type="buttons",
            direction="right",
            showactive=True,
            active=active,
            x=1,
            xanchor="right",
            y=1.0,
            yanchor="bottom",
            pad=dict(t=0, b=30),
            buttons=buttons,
        )
    ]


def _alt(cols, is_era, lane_by, n_lanes, first, last, start, end, preset, marks) -> str:
    n, m = int((~is_era).sum()), int(is_era.sum())
    data_first, data_last = view_range(cols)
    text = (
        f"Timeline of {n} event{'s' * (n != 1)} in {n_lanes} lane{'s' * (n_lanes != 1)} by {LANE_BY[lane_by]}"
        + (f", with {m} period{'s' * (m != 1)} drawn as labelled bars at the top" if m else "")
        + f", from {fmt_day(data_first)} to {fmt_day(data_last)}."
    )
    if start is not None or end is not None or preset not in (None, "All"):
        starts = cols["start_ms"][~is_era]
        a, b = lay.to_ms([first, last])
        inside = int(((starts >= a) & (starts <= b)).sum())
        text += f" The view shows {fmt_day(first)} to {fmt_day(last)}, where {inside} of the events fall."
    for day, label in marks.items():
        text += f" A dashed vertical line marks the {label.split(',')[0]} of {fmt_day(day)}."
    return text
