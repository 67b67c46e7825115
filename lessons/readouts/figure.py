"""The readouts' mention figure: topics as rows, the two readouts as columns, a filled dot where a readout
mentions a topic and an open circle where it does not, with its text description and, where no kernel
runs, plotly buttons standing in for the filter.

:func:`readout_spec` gives the plain ``{"data", "layout"}`` dict (always four traces, so an explorer's
view updates them in place); :func:`readout_figure` wraps it for a notebook.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..hover import hover_text, plain, template, wrap_label
from ..style import GRID, MUTED
from .topics import EMPTY_FILTER, FILTERS, READOUTS, _ordered, filter_topics

KEY = "● filled dot: the readout mentions the topic   ○ open circle: it does not"
_ROW = 40  # pixels per topic (labels on up to two lines)
_TOP = 150  # title and subtitle, the filter buttons, the column headings
_BOTTOM = 20


def trace_arrays(readouts: pd.DataFrame) -> list[dict]:
    """x, y, customdata and hover text of the four traces (readout × mentioned / not mentioned), then
    ``{"categoryarray": labels}``. The y labels are made unique (a repeated topic gets its order number)."""
    frame = _ordered(readouts)
    labels, seen = [], set()
    for topic, order in zip(frame.get("topic", []), frame.get("order", [])):
        label = wrap_label(topic, 34)
        label = label if label not in seen else f"{label} ({order})"
        seen.add(label)
        labels.append(label)
    out = []
    for account, (flag, wording, _) in READOUTS.items():
        said = frame[flag].fillna(False).astype(bool).to_numpy() if len(frame) else np.zeros(0, bool)
        for mentioned in (True, False):
            rows = np.flatnonzero(said == mentioned)
            sub = frame.iloc[rows]
            hover = [
                f"<b>{hover_text(t, 60, 120)}</b><br>{account} readout: "
                f"<b>{'mentions it' if mentioned else 'does not mention it'}</b>"
                + (f"<br>{hover_text(wd, 60, 240)}" if mentioned and plain(wd) else "")
                for t, wd in zip(sub.get("topic", []), sub.get(wording, []))
            ]
            out.append(
                dict(
                    x=[account] * len(rows),
                    y=[labels[i] for i in rows],
                    customdata=[str(i) for i in sub.get("id", [])],
                    hovertext=hover,
                )
            )
    return out + [dict(categoryarray=labels)]


def _alt(frame: pd.DataFrame, value: str = "all") -> str:
    if frame.empty:
        return " ".join(p for p in EMPTY_FILTER[value] if p)
    wh, kr = frame["in_white_house"].astype(bool), frame["in_kremlin"].astype(bool)
    return (
        f"{len(frame)} topics of the 18 March 2025 call: {int((wh & kr).sum())} in both readouts, "
        f"{int((wh & ~kr).sum())} only in the White House readout, {int((kr & ~wh).sum())} only in the Kremlin "
        f"readout, {int((~wh & ~kr).sum())} in neither."
    )


def _empty_note(value: str) -> dict:
    message, hint = EMPTY_FILTER[value]
    text = plain(message) + (f"<br><span style='font-size:13px'>{hover_text(hint, 70, None)}</span>" if hint else "")
    return dict(text=text, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=16, color=MUTED))


def _height(rows: int, top: int = _TOP) -> int:
    return int(min(top + _BOTTOM + _ROW * max(rows, 3), 1800))


def readout_spec(
    readouts: pd.DataFrame, value: str = "all", *, selected=None, buttons: bool = False, static: bool = False
) -> dict:
    """The plain ``{"data", "layout"}`` dict of the figure for one filter: always the four traces, so an
    explorer's view updates them in place; an empty filter says so (and hides the axes); ``selected``
    (a topic id) gets a grey band across its row. ``buttons`` adds the static filter buttons (``static``:
    leaves room for them)."""
    everything = _ordered(readouts)
    frame = filter_topics(everything, value)
    arrays = trace_arrays(frame)
    labels = arrays[-1]["categoryarray"]
    row = next((labels[i] for i, tid in enumerate(frame.get("id", [])) if tid == selected), None)
    shown = not frame.empty
    top = _TOP if buttons or static else _TOP - 50
    layout = dict(
        template=template(),
        title=dict(
            text="What each readout of the 18 March 2025 call mentions",
            yref="container",
            y=0.99,
            yanchor="top",
            subtitle=dict(text=KEY, font=dict(color=MUTED, size=13)),
        ),
        height=_height(len(frame), top),
        margin=dict(t=top, l=10, r=10, b=_BOTTOM),
        clickmode="event",
        showlegend=False,
        meta={"alt": _alt(frame, value), **({} if shown else {"empty": True})},
        **_axes(labels, shown),
        annotations=[] if shown else [_empty_note(value)],
        shapes=[row_band(row)] if row is not None else [],
    )
    if buttons and not everything.empty:
        layout["updatemenus"] = [_filter_buttons(everything)]
    return {"data": _traces(arrays), "layout": layout}


def _traces(arrays: list[dict]) -> list[dict]:
    """The four traces (readout × mentioned / not mentioned) from :func:`trace_arrays`."""
    traces = []
    for a, (account, mentioned) in zip(arrays, [(acc, m) for acc in READOUTS for m in (True, False)]):
        colour = READOUTS[account][2]
        traces.append(
            dict(
                type="scatter",
                name=f"{account}: {'mentioned' if mentioned else 'not mentioned'}",
                mode="markers",
                x=a["x"],
                y=a["y"],
                customdata=a["customdata"],
                hovertext=a["hovertext"],
                hoverinfo="text",
                marker=dict(
                    symbol="circle" if mentioned else "circle-open",
                    size=18,
                    color=colour,
                    line=dict(width=2, color=colour),
                ),
            )
        )
    return traces


def _axes(labels: list[str], shown: bool) -> dict:
    """The readouts across the top, the topics down the side (both hidden when the filter is empty)."""
    return dict(
        xaxis=dict(
            type="category",
            categoryorder="array",
            categoryarray=list(READOUTS),
            side="top",
            showgrid=False,
            range=[-0.5, 1.5],
            fixedrange=True,
            title=None,
            tickfont=dict(size=15),
            visible=shown,
        ),
        yaxis=dict(
            type="category",
            categoryorder="array",
            categoryarray=labels,
            autorange="reversed",
            showgrid=True,
            gridcolor=GRID,
            title=None,
            visible=shown,
        ),
    )


def row_band(row: str) -> dict:
    """A grey band across the topic ``row``: a thick line works on a category axis."""
    return dict(
        type="line",
        xref="paper",
        x0=0,
        x1=1,
        yref="y",
        y0=row,
        y1=row,
        layer="below",
        line=dict(width=34, color="rgba(0,0,0,0.08)"),
    )


def readout_figure(readouts: pd.DataFrame | None = None) -> go.Figure:
    """Topics as rows, the two readouts as columns: a filled dot where a readout mentions the topic, an
    open circle where it does not; hover shows each readout's wording. Buttons above the figure filter
    the topics where there is no kernel (an exported page); an empty filter says what that means."""
    return go.Figure(readout_spec(_ordered(readouts), "all", buttons=True))


def _filter_buttons(frame: pd.DataFrame) -> dict:
    """Plotly buttons standing in for the filter where Python widgets do not run."""
    buttons = []
    for value, label in FILTERS.items():
        spec = readout_spec(frame, value, static=True)
        restyle = {k: [t[k] for t in spec["data"]] for k in ("x", "y", "customdata", "hovertext")}
        lay = spec["layout"]
        relayout = {
            "yaxis.categoryarray": lay["yaxis"]["categoryarray"],
            "annotations": lay["annotations"],
            "xaxis.visible": lay["xaxis"]["visible"],
            "yaxis.visible": lay["yaxis"]["visible"],
        }
        buttons.append(dict(label=label, method="update", args=[restyle, relayout]))
    # above the column headings, right-aligned so a narrow page moves them over the empty corner
    plot_height = _ROW * max(len(frame), 3)
    return dict(
        type="buttons",
        direction="right",
        buttons=buttons,
        x=1,
        xanchor="right",
        y=1 + 36 / plot_height,
        yanchor="bottom",
        pad=dict(t=0, b=0),
        showactive=True,
        active=0,
    )
