"""The ceasefire terms and follow-up events as frames and tables a student reads (no ids, no NaN, every
cell in full): terms sorted by status, each account's dated window, the follow-up events of March-May
2025 with whose claim each is.

The figures (:mod:`.status`, :mod:`.calendar`), the details panels and the tracker are built on these;
:mod:`lessons.ceasefire` re-exports everything here, so ``ceasefire.terms_table(...)`` is how a notebook
calls them.
"""

from __future__ import annotations

import pandas as pd

from .. import data
from ..hover import plain, wrap_label
from ..html import Html, fmt_day, publishers, table
from ..style import CATEGORY_LABELS, MUTED, STATUS_COLOURS

__all__ = [
    "STATUS_ORDER",
    "STATUS_LABELS",
    "SCOPE_LABELS",
    "FOLLOW_UP_CATEGORIES",
    "FOLLOW_UP_WINDOW",
    "CLAIMANTS",
    "claimant",
    "terms_by_status",
    "status_counts",
    "status_table",
    "terms_frame",
    "terms_table",
    "windows",
    "follow_up_events",
    "follow_up_frame",
    "follow_up_table",
]


STATUS_ORDER = list(STATUS_COLOURS)
STATUS_LABELS = {
    "agreed": "Agreed",
    "agreed-to-negotiate": "Agreed to negotiate",
    "proposed": "Proposed",
    "condition": "Raised as a condition",
    "rejected": "Rejected",
    "expired": "Expired",
}
SCOPE_LABELS = {
    "energy-infrastructure": "energy infrastructure",
    "energy-and-infrastructure": "energy and infrastructure",
    "black-sea": "the Black Sea",
    "full-ceasefire": "a full ceasefire",
    "prisoners": "prisoners",
    "aid-and-intelligence": "aid and intelligence",
}
#: Events shown on the calendar and in the follow-up table: these categories, in this window.
FOLLOW_UP_CATEGORIES = ("ceasefire", "energy", "humanitarian")
FOLLOW_UP_WINDOW = (pd.Timestamp("2025-03-01"), pd.Timestamp("2025-05-31"))
#: Who speaks first in a headline is whose claim it is ("Russia says ...", "Kyiv: ...").
CLAIMANTS = {
    "russia": "ru",
    "russia's": "ru",
    "kremlin": "ru",
    "kremlin:": "ru",
    "moscow": "ru",
    "putin": "ru",
    "putin's": "ru",
    "ukraine": "ua",
    "ukraine's": "ua",
    "kyiv": "ua",
    "kyiv:": "ua",
    "zelensky": "ua",
    "zelensky:": "ua",
    "white": "us",
    "trump": "us",
    "trump's": "us",
}


def records(frame: pd.DataFrame) -> list[dict]:
    """``frame.to_dict("records")`` built column by column: the same dicts (Timestamps, NA), three times
    faster on these small typed frames, which a filter the tracker meets for the first time turns into
    hover texts many times over."""
    cols = list(frame.columns)
    return [dict(zip(cols, row)) for row in zip(*(frame[c].tolist() for c in cols))]


_names = data.party_names  # party id -> short name, the one join every explorer uses


def _short(value) -> str:
    """18 March (the year is always 2025 on these figures' labels)."""
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%B}"


def _row_label(element, account, names) -> str:
    return f"{wrap_label(element, 42)} <span style='color:{MUTED}'>({plain(names.get(str(account), account))})</span>"


def claimant(headline) -> str | None:
    """The party whose claim an event's headline reports ("Russia says ..." -> "ru"), or None."""
    words = str(headline or "").split()
    if not words:
        return None
    return CLAIMANTS.get(words[0].lower()) or CLAIMANTS.get(words[0].lower().rstrip(":,"))


# --------------------------------------------------------------------------- tables


def terms_by_status(terms: pd.DataFrame) -> pd.DataFrame:
    """The terms sorted into status groups (in STATUS_ORDER), then by element, account and date;
    with a readable ``status_label``. One row per element and account, as in the data."""
    if terms is not None and "_sorted" in terms.attrs:  # already sorted here; filtering keeps the order
        return terms
    if terms is None or terms.empty:
        cols = [] if terms is None else list(terms.columns)
        return pd.DataFrame(columns=cols + ["status_label"] * ("status_label" not in cols))
    frame = terms.reset_index(drop=True).copy()
    frame["status"] = frame["status"].astype(str)
    frame["_rank"] = frame["status"].map({s: i for i, s in enumerate(STATUS_ORDER)}).fillna(len(STATUS_ORDER))
    frame = frame.sort_values(["_rank", "element", "according_to", "announced_date", "id"], kind="stable")
    frame["status_label"] = frame["status"].map(lambda s: STATUS_LABELS.get(s, s))
    out = frame.drop(columns="_rank").reset_index(drop=True)
    out.attrs["_sorted"] = True
    return out


def status_counts(terms: pd.DataFrame | None = None, parties: pd.DataFrame | None = None) -> pd.DataFrame:
    """How many elements each account gives each status: one row per status (its label), accounts across."""
    terms = data.load("ceasefire_terms") if terms is None else terms
    names = _names(data.load("parties") if parties is None else parties)
    frame = terms_by_status(terms)
    if frame.empty:
        return pd.DataFrame(columns=["Status"])
    table_ = pd.crosstab(frame["status"], frame["according_to"].astype(str).map(lambda p: names.get(p, p)))
    table_ = table_.reindex(
        [s for s in STATUS_ORDER if s in table_.index] + [s for s in table_.index if s not in STATUS_ORDER]
    )
    out = table_.reset_index(drop=True)
    out.columns = [f"According to {c}" for c in out.columns]
    out.insert(0, "Status", [STATUS_LABELS.get(s, s) for s in table_.index])
    return out


def status_table(terms: pd.DataFrame | None = None, parties: pd.DataFrame | None = None) -> Html:
    """:func:`status_counts` as a table for reading."""
    return table(status_counts(terms, parties), "Ceasefire elements by status, in each party's account")


def _window_text(row) -> str:
    start, end, days = row.get("start_date"), row.get("end_date"), row.get("duration_days")
    if pd.isna(start):
        return ""
    if pd.notna(end) and pd.Timestamp(end) == pd.Timestamp(start):
        return fmt_day(start)
    text = f"from {fmt_day(start)}"
    if pd.notna(end):
        text += f" to {fmt_day(end)}"
    if pd.notna(days):
        text += f", {int(days)} days"
    if pd.isna(end) and pd.isna(days):
        text += " (no end given)"
    return text


def terms_frame(
    terms: pd.DataFrame | None = None, parties: pd.DataFrame | None = None, sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """A readable table of the terms: what, whose account, status, when, the quotation, how accounts
    differ and who published the sources (no ids, no empty cells shown as NaN)."""
    terms = data.load("ceasefire_terms") if terms is None else terms
    names = _names(data.load("parties") if parties is None else parties)
    sources = data.load("sources") if sources is None else sources
    frame = terms_by_status(terms)
    columns = ["Element", "According to", "Status", "Announced", "Dates", "Quotation", "How accounts differ", "Sources"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    rows = records(frame)
    return pd.DataFrame(
        {
            "Element": [str(r["element"]) for r in rows],
            "According to": [names.get(str(r["according_to"]), str(r["according_to"])) for r in rows],
            "Status": [r["status_label"] for r in rows],
            "Announced": [fmt_day(r["announced_date"]) for r in rows],
            "Dates": [_window_text(r) for r in rows],
            "Quotation": ["" if pd.isna(r.get("quote")) else str(r["quote"]) for r in rows],
            "How accounts differ": ["" if pd.isna(r.get("note")) else str(r["note"]) for r in rows],
            "Sources": [publishers(r.get("source_ids"), sources) for r in rows],
        },
        columns=columns,
    )


def terms_table(
    terms: pd.DataFrame | None = None,
    parties: pd.DataFrame | None = None,
    sources: pd.DataFrame | None = None,
    caption: str = "Ceasefire elements by status and account",
) -> Html:
    """:func:`terms_frame` as a table for reading (every cell in full)."""
    return table(terms_frame(terms, parties, sources), caption, empty="No ceasefire terms match this selection.")


def windows(terms: pd.DataFrame) -> pd.DataFrame:
    """Terms with a start date, with ``end`` (the last day: end_date, else the start plus duration_days
    counting the start as day one), ``counted`` (the end comes from the length, not from a recorded date),
    a ``label``, and ``declared`` with ``said_on`` for a statement that a term had run out (status
    ``expired``): that is a dated statement on one day, drawn as a mark on that day, not as a window.

    A term that gives a start but neither an end nor a length, in a scope where another row gives
    one length (the 30-day energy moratorium), is counted with that length from its own start and
    marked ``derived``: Ukraine's account starts the moratorium on 25 March without restating its 30 days."""
    frame = terms_by_status(terms)
    if frame.empty:
        return frame.assign(
            start=pd.Series(dtype="datetime64[ns]"),
            end=pd.Series(dtype="datetime64[ns]"),
            label=pd.Series(dtype=str),
            derived=pd.Series(dtype=bool),
            counted=pd.Series(dtype=bool),
            declared=pd.Series(dtype=bool),
            said_on=pd.Series(dtype="datetime64[ns]"),
        )
    frame = frame[frame["start_date"].notna()].copy()
    start = pd.to_datetime(frame["start_date"])
    days = pd.to_numeric(frame["duration_days"], errors="coerce")
    end = pd.to_datetime(frame["end_date"])
    lengths = days.groupby(frame["scope"].astype(str)).agg(lambda d: d.dropna().unique().tolist())
    scope_days = (
        frame["scope"].astype(str).map(lambda s: lengths.get(s, [None])[0] if len(lengths.get(s, [])) == 1 else None)
    )
    derived = end.isna() & days.isna() & scope_days.notna()
    days = days.where(~derived, pd.to_numeric(scope_days, errors="coerce"))
    counted = end.isna() & days.notna()
    # 30 days from 18 March: 18 March is day one, 16 April day thirty (as TASS counted the moratorium)
    end = end.where(end.notna(), start + pd.to_timedelta(days - 1, unit="D"))
    said_on = pd.to_datetime(frame["announced_date"])
    declared = (frame["status"].astype(str) == "expired") & said_on.notna()
    labels = []
    for s, e, d, guess, over, said in zip(start, end, days, derived, declared, said_on):
        if over:
            labels.append(f"said on {_short(said)} to have run out")
        elif guess:
            labels.append(f"{int(d)} days if counted from {_short(s)}")
        elif pd.notna(d):
            labels.append("1 day" if int(d) == 1 else f"{int(d)} days from {_short(s)}")
        elif pd.notna(e) and e == s:
            labels.append("one day")
        elif pd.notna(e):
            labels.append(f"{(e - s).days + 1} days (from the dates)")
        else:
            labels.append("no end recorded")
    frame["start"], frame["end"], frame["label"] = start, end, labels
    frame["derived"], frame["counted"], frame["declared"] = derived.to_numpy(), counted.to_numpy(), declared.to_numpy()
    frame["said_on"] = said_on.where(declared)
    return frame.reset_index(drop=True)


def follow_up_events(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Ceasefire, energy and humanitarian events of March-May 2025, oldest first, with ``claimed_by``
    (the party whose claim the headline reports, or "")."""
    events = data.load("events") if events is None else events
    if events.empty:
        return pd.DataFrame(columns=list(events.columns) + ["claimed_by"])
    start = pd.to_datetime(events["start_date"])
    mask = (
        events["category"].astype(str).isin(FOLLOW_UP_CATEGORIES)
        & (start >= FOLLOW_UP_WINDOW[0])
        & (start <= FOLLOW_UP_WINDOW[1])
    )
    out = events[mask.to_numpy()].reset_index(drop=True).sort_values(["start_date", "id"], kind="stable")
    out["claimed_by"] = [claimant(h) or "" for h in out["headline"]]
    return out.reset_index(drop=True)


def follow_up_frame(
    events: pd.DataFrame | None = None, parties: pd.DataFrame | None = None, sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """What happened next, for reading: date, what happened, whose claim it is, where accounts differ, sources."""
    names = _names(data.load("parties") if parties is None else parties)
    sources = data.load("sources") if sources is None else sources
    evs = follow_up_events(events)
    columns = ["Date", "What happened", "Who says so", "Category", "Where accounts differ", "Sources"]
    rows = records(evs)
    return pd.DataFrame(
        {
            "Date": [str(r["display_date"]) for r in rows],
            "What happened": [
                f"{r['headline']}. {r['text']}" if pd.notna(r.get("text")) else str(r["headline"]) for r in rows
            ],
            "Who says so": [names.get(r["claimed_by"], r["claimed_by"]) for r in rows],
            "Category": [CATEGORY_LABELS.get(str(r["category"]), str(r["category"])) for r in rows],
            "Where accounts differ": ["" if pd.isna(r.get("note")) else str(r["note"]) for r in rows],
            "Sources": [publishers(r.get("source_ids"), sources) for r in rows],
        },
        columns=columns,
    )


def follow_up_table(
    events: pd.DataFrame | None = None, parties: pd.DataFrame | None = None, sources: pd.DataFrame | None = None
) -> Html:
    """:func:`follow_up_frame` as a table: each side's claims attributed, with their sources."""
    return table(
        follow_up_frame(events, parties, sources),
        "What happened next, March to May 2025",
        empty="No follow-up events are recorded.",
    )
