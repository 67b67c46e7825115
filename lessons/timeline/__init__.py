"""The timeline: events in lanes on a date axis, periods as labelled bars, and an explorer.

``from lessons import timeline`` gives the public names of its parts:

* figures (:mod:`.figure`): :func:`timeline_figure`, :func:`filter_events`, :func:`preset_range`;
* panels (:mod:`.details`): :func:`event_details`, :func:`timeline_table`, :func:`colour_key`;
* the data as the views need it (:mod:`.prepare`): :func:`prepare`, :func:`range_problem`, :data:`PRESETS`;
* the widget (:mod:`.explorer`): :class:`TimelineExplorer`.
"""

from __future__ import annotations

from .details import colour_key, event_details, event_details_html, timeline_table
from .explorer import TimelineExplorer
from .figure import figure_spec, filter_events, preset_range, timeline_figure
from .layout import lane_label
from .prepare import (
                      KEY_EVENTS,
                      LANE_BY,
                      MARKED_DAYS,
                      NO_ACTOR,
                      PRESETS,
                      STORY_LANES,
                      available_presets,
                      prepare,
                      range_problem,
)

__all__ = [
    "KEY_EVENTS", "LANE_BY", "MARKED_DAYS", "NO_ACTOR", "PRESETS", "STORY_LANES", "TimelineExplorer",
    "available_presets", "colour_key", "event_details", "event_details_html", "figure_spec", "filter_events",
    "lane_label", "prepare", "preset_range", "range_problem", "timeline_figure", "timeline_table",
]
