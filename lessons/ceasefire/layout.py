"""What both ceasefire figures share: the title on its own line, the legend above the plot and clear of
the second date axis along the top (both figures are taller than the box that shows them, so their
dates are repeated there), and the note an empty figure shows instead of blank axes."""

from __future__ import annotations

import pandas as pd

from ..hover import plain
from ..style import MUTED

_TOP = 125  # the title on its own line, then the legend (up to three rows), then the plot


def _top_axis_trace(day: str) -> dict:
    """An invisible point on the second x axis (``xaxis2``, matching the first, along the top): plotly draws
    an axis only where a trace uses it."""
    return dict(
        type="scatter",
        name="Dates along the top",
        showlegend=False,
        xaxis="x2",
        mode="markers",
        x=[day],
        y=[0],
        customdata=[],
        marker=dict(opacity=0),
        hoverinfo="skip",
    )


def _title(text: str) -> dict:
    return dict(text=text, yref="container", y=1, yanchor="top", pad=dict(t=12))


#: Room between the legend and the plot for the dates along the top (px).
_TOP_AXIS = 40


def _top_legend(height: int, bottom: int, **extra) -> dict:
    """The legend above the plot, clear of the dates along its top: ``y`` is in the plot's own units."""
    plot = max(height - _TOP - _TOP_AXIS - bottom, 1)
    return dict(orientation="h", yanchor="bottom", y=1.0 + _TOP_AXIS / plot, x=0, **extra)


def _empty_note(message: str) -> dict:
    return dict(
        text=plain(message), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper", font=dict(size=16, color=MUTED)
    )


def _top_date_axis(visible: bool, **ticks) -> dict:
    """``xaxis2``: the date axis again along the top, matching the first, its labels level; ``ticks`` set
    its spacing. Give both axes explicit ticks (:func:`_same_dates`): the top one left to itself drifts."""
    return dict(
        type="date",
        matches="x",
        overlaying="x",
        side="top",
        tickformat="%-d %b",
        **ticks,
        tickangle=0,
        showgrid=False,
        visible=visible,
    )


def _row_axis(tickvals: list, ticktext: list, rows: int, visible: bool) -> dict:
    """The y axis of rows labelled from the top (row 0 first), no grid."""
    return dict(
        type="linear",
        tickmode="array",
        tickvals=tickvals,
        ticktext=ticktext,
        range=[rows - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        visible=visible,
    )


def _same_dates(first: pd.Timestamp, last: pd.Timestamp) -> dict:
    """One padded range and one set of explicit ticks (daily, every other day, or Mondays, by span), for
    both date axes of a figure: left to pick ticks for itself (or with ``tickmode="sync"``), the top axis
    labelled 20, 22, 24 March over the bottom's 21, 23, 25."""
    pad = max((last - first) * 0.05, pd.Timedelta(days=1))
    days = (last - first).days + 2
    step = 1 if days <= 8 else 2 if days <= 16 else 7 if days <= 70 else 14
    tick0 = first - pd.Timedelta(days=first.weekday()) if step >= 7 else first
    return {
        "range": [(first - pad).strftime("%Y-%m-%d %H:%M"), (last + pad).strftime("%Y-%m-%d %H:%M")],
        "autorange": False,
        "tickmode": "linear",
        "tick0": tick0.strftime("%Y-%m-%d"),
        "dtick": step * 86_400_000,
    }
