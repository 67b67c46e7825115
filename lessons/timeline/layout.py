"""Where each mark goes on the timeline: lanes, period rows, same-day stacking and text labels.

Pure functions over numpy arrays (they run on every interaction). Positions on the y axis are numbers:
row ``i`` is drawn at ``y = i`` (periods first, at the top), and events that would sit on one another
in a lane are spread a little above and below its line. Labels are placed greedily, most important
first, only where they fit without covering another label or mark (estimated from the width of the
plotting area in pixels).
"""

from __future__ import annotations

import textwrap
from collections import Counter

import numpy as np
import pandas as pd

from ..style import CATEGORY_COLOURS, CATEGORY_LABELS
from .prepare import KEY_CATEGORIES, KEY_EVENTS, NO_ACTOR, STORY_LANES

#: Estimated width of one character of a figure label (font size 11) and the gap beside its mark, in px.
CHAR_PX = 6.0
GAP_PX = 8.0
#: Period rows at most (more would push the events off the screen).
MAX_PERIOD_ROWS = 5
#: Marks closer than this on one lane line are spread vertically.
CLOSE_PX = 13.0
#: At most this many labels, and at most this many candidates tried (large data stay fast).
MAX_LABELS = 60
MAX_TRIED = 400


def lane_rows(actors: np.ndarray, own: np.ndarray, lane_by: str) -> tuple[np.ndarray, np.ndarray]:
    """Row positions to draw and their lane keys: an event with several actors is repeated in
    each actor's lane (lane_by="actor"); otherwise ``own`` (category or story thread) is the key."""
    if lane_by != "actor":
        return np.arange(len(own)), own
    sizes = [len(a) or 1 for a in actors]
    keys = np.array([k for a in actors for k in (a or (NO_ACTOR,))], dtype=object)
    return np.repeat(np.arange(len(actors)), sizes), keys


def order(keys, lane_by: str) -> list[str]:
    """Lane keys top to bottom: enum order for categories and threads, most events first for actors."""
    present = list(dict.fromkeys(keys))
    if lane_by == "actor":
        counts = Counter(keys)
        return sorted(present, key=lambda k: (k == NO_ACTOR, -counts[k], k))
    fixed = list(CATEGORY_COLOURS) if lane_by == "category" else list(STORY_LANES)
    return [k for k in fixed if k in present] + sorted(k for k in present if k not in fixed)


def lane_label(key: str, lane_by: str, names: dict | None = None) -> str:
    if lane_by == "category":
        return CATEGORY_LABELS.get(key, key)
    if lane_by == "actor":
        return (names or {}).get(key, key)
    return key


def categories_of(values) -> list[str]:
    present = set(values.tolist() if isinstance(values, np.ndarray) else values)
    return [c for c in CATEGORY_COLOURS if c in present] + sorted(present - set(CATEGORY_COLOURS))


def period_rows(begins: np.ndarray, stops: np.ndarray) -> np.ndarray:
    """Greedy packing of periods (sorted by start; int64 ms, ``stops`` exclusive) into as few rows as
    possible, so that overlapping ones do not hide each other (a period may start the day another ends).
    Beyond MAX_PERIOD_ROWS rows the last row takes the rest (the bars are translucent)."""
    ends: list[int] = []
    rows = np.empty(len(begins), dtype=int)
    for k, (start, stop) in enumerate(zip(begins.tolist(), stops.tolist())):
        for i, row_end in enumerate(ends):
            if row_end <= start:
                ends[i], rows[k] = stop, i
                break
        else:
            if len(ends) < MAX_PERIOD_ROWS:
                ends.append(stop)
            else:
                ends[-1] = max(ends[-1], stop)
            rows[k] = len(ends) - 1
    return rows


def fit_labels(
    rows: np.ndarray, at_px: np.ndarray, begin_px: np.ndarray, labels: np.ndarray, plot_px: float
) -> list[str]:
    """Each period's label, cut to the room it has before the next bar on its row starts: the full label
    where it fits, one cut at a word where at least 12 characters fit, else '' (the hover still tells)."""
    n = len(rows)
    order = np.lexsort((begin_px, rows))
    r, b = rows[order], begin_px[order]
    nxt = np.full(n, float(plot_px))
    same = r[1:] == r[:-1]
    nxt[:-1] = np.where(same, np.minimum(b[1:], plot_px), plot_px)
    room = np.empty(n)
    room[order] = nxt
    chars = ((room - at_px - GAP_PX) // CHAR_PX).astype(int)
    out = []
    for text, fits in zip(labels.tolist(), chars.tolist()):
        text = str(text)
        out.append(text if fits >= len(text) else textwrap.shorten(text, fits, placeholder="…") if fits >= 12 else "")
    return out


def spread(rows: np.ndarray, px: np.ndarray) -> np.ndarray:
    """Vertical offsets (in rows) that keep marks on one row apart when they are closer than CLOSE_PX."""
    offsets = np.zeros(len(rows))
    if len(rows) < 2:
        return offsets
    by = np.lexsort((px, rows))
    r, x = rows[by], px[by]
    new_group = np.ones(len(by), dtype=bool)
    new_group[1:] = (r[1:] != r[:-1]) | (x[1:] - x[:-1] >= CLOSE_PX)
    group = np.cumsum(new_group) - 1
    sizes = np.bincount(group)
    if sizes.max() == 1:
        return offsets
    starts = np.flatnonzero(new_group)
    rank = np.arange(len(by)) - starts[group]
    n = sizes[group]
    step = np.minimum(0.3, 0.72 / np.maximum(n - 1, 1))
    offsets[by] = (rank - (n - 1) / 2) * step
    return offsets


def priority(ids: np.ndarray, cats: np.ndarray, precision: np.ndarray) -> np.ndarray:
    """Lower is labelled first: the lessons' key events, then key categories, then exact dates."""
    key = np.isin(ids, KEY_EVENTS)
    cat = np.isin(cats, KEY_CATEGORIES)
    return np.where(key, 0, np.where(cat, 1, 2)) * 2 + (precision != "day")


def place_labels(
    slot: np.ndarray, line: np.ndarray, px: np.ndarray, widths: np.ndarray, rank: np.ndarray, plot_px: float
) -> np.ndarray:
    """For each mark, where its label goes: 1 = right of it, -1 = left of it, 0 = no label.

    ``slot`` numbers the lanes marks sit in (labels in one lane must not overlap: marks spread around one
    lane line are too close for two labels), ``line`` the exact lines they sit on (a label must not cover a
    mark on its own line), ``px`` their positions, ``widths`` the labels' widths (px), ``rank`` their
    priority (see :func:`priority`)."""
    side = np.zeros(len(px), dtype=int)
    inside = (px >= 0) & (px <= plot_px)
    candidates = np.flatnonzero(inside)
    candidates = candidates[np.lexsort((px[candidates], rank[candidates]))][:MAX_TRIED]
    marks: dict[int, np.ndarray] = {}
    placed: dict[int, list[tuple[float, float]]] = {}
    n_placed = 0
    for k in candidates.tolist():
        s, m = int(slot[k]), int(line[k])
        if m not in marks:
            marks[m] = np.sort(px[line == m])
        for direction in (1, -1):
            a = px[k] + GAP_PX if direction == 1 else px[k] - GAP_PX - widths[k]
            b = a + widths[k]
            if a < GAP_PX or b > plot_px:  # never on the lane names at the left edge
                continue
            if any(a < q and p < b for p, q in placed.get(s, ())):
                continue
            xs = marks[m]
            if np.searchsorted(xs, b + 4) - np.searchsorted(xs, a - 4) > 0:
                continue  # would cover another mark on its line
            placed.setdefault(s, []).append((a, b))
            side[k] = direction
            n_placed += 1
            break
        if n_placed >= MAX_LABELS:
            break
    return side


def to_ms(values) -> np.ndarray:
    """Dates (strings, Timestamps, datetime64) as int64 milliseconds."""
    if isinstance(values, (list, tuple)):
        return np.array([pd.Timestamp(v).value // 1_000_000 for v in values], dtype="int64")
    return pd.to_datetime(values).to_numpy().astype("datetime64[ms]").astype("int64")


#: A column of the plot this wide (px) holding this many events or more is a crowd worth a word.
CROWD_PX, CROWD_MIN = 16, 12


def crowd_note(pts: dict, lo: int, hi: int, plot_px: float) -> str:
    """Where many events fall in one narrow column (30 days of 2014 on a 24-year axis), say how many and
    that zooming in sets them apart: their marks stack and most of their labels cannot be drawn."""
    starts = pts["start_ms"]
    inside = (starts >= lo) & (starts <= hi)
    if inside.sum() < CROWD_MIN:
        return ""
    column = ((starts[inside] - lo) * plot_px / max(hi - lo, 1) // CROWD_PX).astype(int)
    values, counts = np.unique(column, return_counts=True)
    if counts.max() < CROWD_MIN:
        return ""
    crowd = np.sort(starts[inside][column == values[counts.argmax()]])
    first, last = (pd.Timestamp(int(v), unit="ms") for v in (crowd[0], crowd[-1]))
    if first.year != last.year:
        span = f"{first:%b} {first.year}–{last:%b} {last.year}"
    elif first.month != last.month:
        span = f"{first:%b}–{last:%b} {first.year}"
    else:
        span = f"{first:%B} {first.year}"
    return f"{len(crowd)} events of {span} share one spot at this scale: zoom in to see them apart"
