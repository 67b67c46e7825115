"""The events as the timeline views need them: one tidy frame, joined to names once, and the filters.

:func:`prepare` turns the ``events`` table (and the lookups: sources, places, parties, by default
``data.load``'s) into one frame indexed by event id, with timestamps, readable dates, place, actor and
publisher names, the hover text and a case-folded search text. Everything else in the timeline reads
that frame; :func:`mask` filters it (a pure function over arrays).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import data
from ..hover import clip, hover_text, plain
from ..html import fmt_day

#: Zoom presets: label -> (first day, last day), both inclusive; None = everything. A preset is
#: offered only where an event of the data starts in its span (:func:`available_presets`): the background
#: preset "Before 1991" (from the 1783 annexation) appears once the data have such events.
PRESETS: dict[str, tuple[str, str] | None] = {
    "Before 1991": ("1783-01-01", "1990-12-31"),
    "1991–2014": ("1991-01-01", "2014-12-31"),
    "20 Feb–27 Mar 2014": ("2014-02-20", "2014-03-27"),
    "1 Mar–30 Apr 2025": ("2025-03-01", "2025-04-30"),
    "All": None,
}
LANE_BY = {"category": "category", "actor": "actor", "lane": "story thread"}
#: Story threads (the ``lane`` enum of events in datapackage.json), top to bottom.
STORY_LANES = ("Crimea", "Ukraine", "Russia", "Black Sea Fleet", "International", "War", "Ceasefire talks")
NO_ACTOR = "No actor recorded"
#: Longest headline a hover shows (five lines of 60) and longest entry in the event list, in characters.
HOVER_LIMIT = 300
LABEL_LIMIT = 140
PRECISION_NOTE = {"month": "date known to the month", "year": "date known to the year"}
#: Days drawn with a vertical line and a label whenever they are in view: the lessons' focus.
MARKED_DAYS = {"2025-03-18": "Trump–Putin call, 18 March 2025"}
#: Events labelled first when there is room for only a few labels (ids that are absent are ignored).
KEY_EVENTS = ("ev-2025-03-18-trump-putin-call",)
#: Categories labelled before the others.
KEY_CATEGORIES = ("vote", "treaty", "international-response", "military", "law")


def ts(value) -> pd.Timestamp | None:
    """A date-like value (date, datetime, Timestamp, ISO string) as a midnight Timestamp; empty -> None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    stamp = pd.Timestamp(value)
    return None if pd.isna(stamp) else stamp.normalize()


def text(value) -> str:
    """A cell as text: None, NaN and <NA> become ''."""
    if value is None or isinstance(value, (tuple, list)):
        return "" if value is None else str(value)
    return "" if pd.isna(value) else str(value)


hover_esc = plain  # plotly's hover labels decode &amp; &lt; &gt; but print &quot; as it is


def lookups(sources=None, places=None, parties=None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The lookup tables, each defaulting to the package's own (``data.load``)."""
    return (
        data.load("sources") if sources is None else sources,
        data.load("places") if places is None else places,
        data.load("parties") if parties is None else parties,
    )


def rows_by_id(frame: pd.DataFrame | None) -> dict[str, dict]:
    """Rows of a table keyed by id (first occurrence wins), as plain dicts."""
    if frame is None or len(frame) == 0:
        return {}
    ids = frame["id"] if "id" in frame.columns else frame.index.to_series()
    out: dict[str, dict] = {}
    for key, record in zip(ids.astype(str), frame.to_dict("records")):
        out.setdefault(key, record)
    return out


party_names = data.party_names  # party id -> its short name (or name), the one join every explorer uses


def place_fallback(place_id: str) -> str:
    return place_id.removeprefix("pl-").replace("-", " ").title() if place_id else ""


def short(headline: str, width: int = 34) -> str:
    """A headline cut at a word to ``width`` characters, for a label on the figure."""
    return clip(headline, width)


def prepare(events: pd.DataFrame, sources=None, places=None, parties=None) -> pd.DataFrame:
    """One row per event or period, indexed by id, sorted by date, with everything the views show.

    Lookups default to the package's own tables. A frame that is already prepared is returned as it is."""
    if "_hover" in events.columns:
        return events
    sources, places, parties = lookups(sources, places, parties)
    n = len(events)

    def get(col, default=""):
        return events[col] if col in events.columns else pd.Series([default] * n, index=events.index, dtype=object)

    ids = get("id").astype(str).to_numpy() if "id" in events.columns else events.index.astype(str).to_numpy()
    start = pd.to_datetime(get("start_date", None)).dt.normalize()
    end = pd.to_datetime(get("end_date", None)).dt.normalize()
    out = pd.DataFrame(index=pd.Index(ids, name="event"))
    out["id"] = ids
    out["start"] = start.to_numpy()
    out["end"] = end.to_numpy()
    out["_stop"] = end.fillna(start).to_numpy()
    out["kind"] = [text(v) or "event" for v in get("type", "event")]
    out["category"] = [text(v) for v in get("category")]
    out["lane"] = [text(v) for v in get("lane")]
    out["precision"] = [text(v) or "day" for v in get("date_precision", "day")]
    for col in ("display_date", "headline", "text", "note", "place_id"):
        out[col] = [text(v) for v in get(col)]
    for col in ("actors", "concept_ids", "source_ids"):
        out[col] = [data.split_ids(v) for v in get(col, None)]
    out["_x"] = out["start"].dt.strftime("%Y-%m-%d")
    _join_names(out, rows_by_id(places), party_names(parties), rows_by_id(sources))
    return out.sort_values(["start", "id"], kind="stable")


def _join_names(out: pd.DataFrame, place_rows: dict, names: dict, source_rows: dict) -> None:
    """Add the readable columns: date, place, actors, publishers, hover text, list label, search text."""
    cols = {k: [] for k in ("_when", "_place", "_actor_names", "_source_names", "_hover", "_search", "_label")}
    for row in out.itertuples(index=False):
        place = place_rows.get(row.place_id)
        names_of_place = [text(place.get(k)) for k in ("name_en", "name_uk", "name_ru", "name_crh")] if place else []
        place_en = (names_of_place[0] if place else "") or place_fallback(row.place_id)
        publishers = [text(source_rows[s].get("publisher")) if s in source_rows else s for s in row.source_ids]
        source_names = "; ".join(dict.fromkeys(p for p in publishers if p))
        when = row.display_date or fmt_day(row.start, row.precision)
        cols["_when"].append(when)
        cols["_place"].append(place_en)
        cols["_actor_names"].append(", ".join(names.get(a, a) for a in row.actors))
        cols["_source_names"].append(source_names)
        cols["_hover"].append(_hover(row, when, place_en, source_names))
        cols["_search"].append(
            "\n".join(
                (
                    row.headline,
                    row.text,
                    row.display_date,
                    fmt_day(row.start),
                    " ".join(x for x in names_of_place if x) or place_en,
                )
            ).casefold()
        )
        cols["_label"].append(clip(f"{when} · {'▬ ' if row.kind == 'era' else ''}{row.headline}", LABEL_LIMIT))
    for key, values in cols.items():
        out[key] = values
    out["_short"] = [short(h or "(no headline)") for h in out["headline"]]


def _hover(row, when: str, place: str, source_names: str) -> str:
    # at most five lines of 60, like every other hover (a 5,000-character headline made 87 lines)
    headline = hover_text(row.headline, 60, HOVER_LIMIT) or "(no headline)"
    extra = PRECISION_NOTE.get(row.precision)
    if row.kind == "era":
        stop = fmt_day(row.end) if not pd.isna(row.end) else "no end date recorded"
        extra = f"period: {fmt_day(row.start)} to {stop}"
    parts = [f"<b>{hover_esc(when)}</b>" + (f" <i>({extra})</i>" if extra else ""), headline]
    if place:
        parts.append(f"Place: {hover_esc(place)}")
    if source_names:
        parts.append(f"Sources: {hover_esc(clip(source_names, 60))}")
    parts.append("<i>Click for details</i>")
    return "<br>".join(parts)


# --------------------------------------------------------------------------- filtering


def range_problem(start=None, end=None) -> str:
    """A message if the date range is reversed (start after end), else ''."""
    a, b = ts(start), ts(end)
    if a is not None and b is not None and a > b:
        return (
            f"The start date ({fmt_day(a)}) is after the end date ({fmt_day(b)}), so no event can fall "
            "between them. Swap the two dates."
        )
    return ""


#: The columns the figure and the filters read, as numpy arrays (see :func:`columns`).
COLUMNS = ("id", "kind", "category", "lane", "precision", "actors", "_x", "_hover", "_short", "_search", "_label")


def _ms(values) -> np.ndarray:
    if isinstance(values, list):  # a day or two (filters): no array conversion
        return np.array([pd.Timestamp(v).value // 1_000_000 for v in values], dtype="int64")
    return pd.to_datetime(values).to_numpy().astype("datetime64[ms]").astype("int64")


def columns(prepared: pd.DataFrame) -> dict[str, np.ndarray]:
    """The prepared frame as plain arrays (what every interaction reads: subsetting arrays is much cheaper
    than subsetting a frame), with the dates as int64 milliseconds: ``start_ms``, ``stop_ms`` (the last
    day), ``end_ms`` (the end of the last day) and ``open_end`` (no end date recorded)."""
    cols = {c: prepared[c].to_numpy() for c in COLUMNS}
    cols["start_ms"] = _ms(prepared["start"])
    cols["stop_ms"] = _ms(prepared["_stop"])
    cols["end_ms"] = _ms(prepared["end"].fillna(prepared["start"]) + pd.Timedelta(days=1))
    cols["open_end"] = prepared["end"].isna().to_numpy()
    return cols


def subset(cols: dict[str, np.ndarray], keep: np.ndarray) -> dict[str, np.ndarray]:
    return {k: v[keep] for k, v in cols.items()}


def mask(prepared, start=None, end=None, categories=None, actors=None, query: str = "") -> np.ndarray:
    """Boolean array over the rows of a prepared frame, or of its :func:`columns` (see
    :func:`lessons.timeline.filter_events`)."""
    cols = prepared if isinstance(prepared, dict) else columns(prepared)
    n = len(cols["id"])
    keep = np.ones(n, dtype=bool)
    a, b = ts(start), ts(end)
    if a is not None and b is not None and a > b:
        keep[:] = False
    if a is not None:
        keep &= cols["stop_ms"] >= _ms([a])[0]
    if b is not None:
        keep &= cols["start_ms"] <= _ms([b])[0]
    if categories is not None:
        keep &= np.isin(cols["category"], np.array(list(categories), dtype=object))
    if actors is not None:
        wanted = set(actors)
        keep &= np.fromiter((not wanted.isdisjoint(t) for t in cols["actors"]), bool, n)
    query = (query or "").strip().casefold()
    if query:
        keep &= np.fromiter((query in s for s in cols["_search"]), bool, n)
    return keep


def available_presets(prepared) -> list[str]:
    """The presets in whose span at least one event or period of ``prepared`` starts (a prepared frame
    or its :func:`columns`; a long period that merely runs through a span does not count); "All" always."""
    cols = prepared if isinstance(prepared, dict) else columns(prepared)
    out = []
    for label, span in PRESETS.items():
        if span is None or ((cols["start_ms"] >= _ms([span[0]])[0]) & (cols["start_ms"] <= _ms([span[1]])[0])).any():
            out.append(label)
    return out
