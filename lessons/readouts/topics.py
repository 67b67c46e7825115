"""The topics of the two readouts of 18 March 2025: which readout mentions what, the filters, the
reading table and the side-by-side panel of one topic.

Pure functions: the one tidy frame of topics in (loaded from :func:`lessons.data.load` when it is not
given), a frame or :class:`~lessons.html.Html` out. The figure (:mod:`.figure`) and the comparator
(:mod:`.explorer`) are built on them.
"""

from __future__ import annotations

import pandas as pd

from .. import data
from ..html import Html, citations, empty_state, esc, publishers, quote, table
from ..style import PARTY_COLOURS

#: The two accounts: column label, the readouts column that says whether it mentions a topic, its wording.
READOUTS = {
    "White House": ("in_white_house", "white_house_wording", PARTY_COLOURS["us"]),
    "Kremlin": ("in_kremlin", "kremlin_wording", PARTY_COLOURS["ru"]),
}
#: Filter values and their labels (the same in the widget and the static figure's buttons).
FILTERS = {
    "all": "all topics",
    "both": "both mention",
    "white-house": "only White House",
    "kremlin": "only Kremlin",
}
#: What an empty filter means: itself a finding.
EMPTY_FILTER = {
    "all": ("No readout topics are recorded.", ""),
    "both": ("No topic is mentioned in both readouts.", ""),
    "white-house": (
        "Nothing is mentioned only in the White House readout.",
        "That is a finding: every topic the White House readout covers, the Kremlin readout covers too.",
    ),
    "kremlin": (
        "Nothing is mentioned only in the Kremlin readout.",
        "That is a finding: every topic the Kremlin readout covers, the White House readout covers too.",
    ),
}
#: What the two marker shapes mean (the figure's subtitle, in place of a legend).


def _ordered(readouts: pd.DataFrame | None) -> pd.DataFrame:
    readouts = data.load("readouts") if readouts is None else readouts
    if readouts.empty:
        return readouts.iloc[:0].reset_index(drop=True)
    return readouts.reset_index(drop=True).sort_values(["order", "id"], kind="stable")


def filter_topics(readouts: pd.DataFrame | None = None, value: str = "all") -> pd.DataFrame:
    """Topics mentioned by both readouts, only one of them, or all (``value`` is a key of FILTERS)."""
    if value not in FILTERS:
        raise ValueError(f"unknown filter {value!r}; choose one of {', '.join(FILTERS)}")
    frame = _ordered(readouts)
    if frame.empty or value == "all":
        return frame
    wh = frame["in_white_house"].fillna(False).astype(bool)
    kr = frame["in_kremlin"].fillna(False).astype(bool)
    mask = {"both": wh & kr, "white-house": wh & ~kr, "kremlin": kr & ~wh}[value]
    return frame[mask.to_numpy()]


def _wording(row, account) -> str:
    flag, wording, _ = READOUTS[account]
    if not bool(row.get(flag)):
        return "Not mentioned"
    return str(row[wording]) if esc(row.get(wording)) else "Mentioned (no wording recorded)"


def readout_frame(
    readouts: pd.DataFrame | None = None, value: str = "all", sources: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The topics of a filter, for reading: each readout's wording, what differs, what happened next and
    who published the sources. A readout column is left out where the filter says it mentions nothing."""
    frame = filter_topics(readouts, value)
    sources = data.load("sources") if sources is None else sources
    rows = frame.to_dict("records")
    out = {"Topic": [str(r["topic"]) for r in rows]}
    for account in READOUTS:
        if not (value == "white-house" and account == "Kremlin") and not (
            value == "kremlin" and account == "White House"
        ):
            out[f"{account} readout"] = [_wording(r, account) for r in rows]
    out["What differs"] = ["" if pd.isna(r.get("difference")) else str(r["difference"]) for r in rows]
    out["What happened next"] = ["" if pd.isna(r.get("afterwards")) else str(r["afterwards"]) for r in rows]
    out["Sources"] = [publishers(r.get("source_ids"), sources) for r in rows]
    return pd.DataFrame(out, columns=list(out))


def readout_table(
    readouts: pd.DataFrame | None = None, value: str = "all", sources: pd.DataFrame | None = None
) -> Html:
    """:func:`readout_frame` as a table for reading (every cell in full, no index)."""
    message, hint = EMPTY_FILTER[value]
    if filter_topics(readouts, value).empty:
        return empty_state(message, hint)
    return table(readout_frame(readouts, value, sources), f"The readouts of 18 March 2025: {FILTERS[value]}")


def topic_html(row, events: pd.DataFrame | None, sources: pd.DataFrame | None) -> Html:
    """The side-by-side panel for one topic: both wordings, what differs, what happened next, sources."""
    columns = []
    for account, (flag, wording, _colour) in READOUTS.items():
        text = row.get(wording)
        if bool(row.get(flag)) and esc(text):
            body = str(quote(text, f"{account} readout, 18 March 2025"))
        elif bool(row.get(flag)):
            body = f"<p>The {account} readout mentions this topic; no wording is recorded.</p>"
        else:
            body = f"<p class='lessons-muted'><i>Not mentioned in the {account} readout.</i></p>"
        columns.append(f"<section aria-label='{esc(account)} readout'><h5>{esc(account)} readout</h5>{body}</section>")
    after = f"<p>{esc(row.get('afterwards'))}</p>" if esc(row.get("afterwards")) else ""
    return Html(
        f"<div class='lessons-details'><h3>{esc(row.get('topic'))}</h3>"
        f"<div style='display:grid;grid-template-columns:1fr 1fr;gap:16px'>{''.join(columns)}</div>"
        f"<h5>What differs</h5><p>{esc(row.get('difference'))}</p>"
        f"<h5>What happened next</h5>{after}{_events_html(row.get('event_ids') or (), events)}"
        f"<h5>Sources</h5>{citations(tuple(row.get('source_ids') or ()), sources)}</div>"
    )


def _events_html(event_ids, events: pd.DataFrame | None) -> str:
    ids = data.split_ids(event_ids)
    if not ids or events is None or events.empty:
        return ""
    items = []
    for eid in ids:
        if eid not in events.index:
            continue  # an event outside the data is not shown as an id
        ev = events.loc[eid]
        items.append(f"<li><b>{esc(ev['display_date'])}</b>: {esc(ev['headline'])}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else ""


def event_sources(event_ids, events: pd.DataFrame | None) -> tuple[str, ...]:
    """The source ids of the linked events, in order, without repeats."""
    if events is None or events.empty:
        return ()
    out = []
    for eid in data.split_ids(event_ids):
        if eid in events.index:
            out.extend(data.split_ids(events.loc[eid, "source_ids"]))
    return tuple(dict.fromkeys(out))
