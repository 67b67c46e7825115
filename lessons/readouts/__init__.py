"""The readout comparator: the White House and Kremlin readouts of 18 March 2025, topic by topic.

:func:`readout_figure` shows which readout mentions which topic (rows = topics, columns = the two
readouts); :class:`ReadoutComparator` adds a filter, a topic list and a side-by-side panel with each
readout's wording, what differs, what happened next (linked events) and sources. Like plotly
express, the figure and table functions take the one tidy frame of topics, loaded from
:func:`lessons.data.load` when it is not given.

The package is split by job; every name is importable from ``lessons.readouts`` as before:

- :mod:`.topics`: the two accounts, the filters, :func:`filter_topics`, :func:`readout_frame` /
  :func:`readout_table` and the side-by-side :func:`topic_html`.
- :mod:`.figure`: :func:`readout_spec` and :func:`readout_figure`, the mention figure and its filter buttons.
- :mod:`.explorer`: :class:`ReadoutComparator`, which only wires controls to the two above.
"""

from __future__ import annotations

from .explorer import ReadoutComparator
from .figure import KEY, readout_figure, readout_spec, trace_arrays
from .topics import (
    EMPTY_FILTER,
    FILTERS,
    READOUTS,
    event_sources,
    filter_topics,
    readout_frame,
    readout_table,
    topic_html,
)

__all__ = [
    "EMPTY_FILTER",
    "FILTERS",
    "KEY",
    "READOUTS",
    "ReadoutComparator",
    "event_sources",
    "filter_topics",
    "readout_figure",
    "readout_frame",
    "readout_spec",
    "readout_table",
    "topic_html",
    "trace_arrays",
]
