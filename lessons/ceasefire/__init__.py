"""The ceasefire tracker: every element discussed in March-April 2025, by status and by account.

:func:`terms_figure` groups the elements by status (agreed, proposed, raised as a condition, ...),
one row per element and account, because the US, Russian and Ukrainian accounts differ.
:func:`calendar_figure` draws each account's window for the dated terms (the 30-day energy
moratorium) on a date axis, with the follow-up events as markers and each side's strike
accusations in a row of their own. :class:`CeasefireTracker` adds status and account filters, a
list of the terms and events, and a details panel.

Like plotly express, each figure function takes one tidy frame (the terms) and loads the lookup
tables it needs (events, parties) from :func:`lessons.data.load` unless they are given.

The package is split by job; every name is importable from ``lessons.ceasefire`` as before:

- :mod:`.tables`: statuses and scopes, terms by status, each account's dated :func:`windows`, the
  follow-up events and whose claim each is, and the tables for reading (:func:`terms_table`, ...).
- :mod:`.status`: :func:`terms_spec` and :func:`terms_figure`, the terms by status.
- :mod:`.calendar`: :func:`calendar_spec`, :func:`calendar_figure` and :func:`event_rows`, the windows
  on a date axis with the follow-up events.
- :mod:`.layout`: what the two figures share (title, legend, the dates along the top, the empty note).
- :mod:`.details`: :func:`term_html` and :func:`event_html`, the details panels.
- :mod:`.tracker`: :class:`CeasefireTracker`, which only wires controls to the above.
"""

from __future__ import annotations

from .calendar import calendar_figure, calendar_spec, event_rows
from .details import event_html, term_html
from .status import terms_figure, terms_spec
from .tables import (
    CLAIMANTS,
    FOLLOW_UP_CATEGORIES,
    FOLLOW_UP_WINDOW,
    SCOPE_LABELS,
    STATUS_LABELS,
    STATUS_ORDER,
    claimant,
    follow_up_events,
    follow_up_frame,
    follow_up_table,
    records,
    status_counts,
    status_table,
    terms_by_status,
    terms_frame,
    terms_table,
    windows,
)
from .tracker import ALL, CeasefireTracker

__all__ = [
    "ALL",
    "CLAIMANTS",
    "FOLLOW_UP_CATEGORIES",
    "FOLLOW_UP_WINDOW",
    "SCOPE_LABELS",
    "STATUS_LABELS",
    "STATUS_ORDER",
    "CeasefireTracker",
    "calendar_figure",
    "calendar_spec",
    "claimant",
    "event_html",
    "event_rows",
    "follow_up_events",
    "follow_up_frame",
    "follow_up_table",
    "records",
    "status_counts",
    "status_table",
    "terms_by_status",
    "terms_figure",
    "terms_frame",
    "terms_spec",
    "term_html",
    "terms_table",
    "windows",
]
