"""What the timeline shows beside its figure: an event's details, the table of events, the colour key.

Every function returns :class:`lessons.html.Html` (or a plain frame for :func:`timeline_table`), with
no inline colours: the look comes from the one stylesheet.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import data
from ..html import Html, citations, details, empty_state, esc, fmt_day, key
from ..style import CATEGORY_COLOURS, CATEGORY_LABELS, CATEGORY_SYMBOLS, MUTED
from .layout import categories_of
from .prepare import PRECISION_NOTE, lookups, party_names, prepare, rows_by_id, text

TABLE_COLUMNS = ["Date", "Event", "Category", "Who", "Place", "Sources"]


def timeline_table(events: pd.DataFrame, *, sources=None, places=None, parties=None) -> pd.DataFrame:
    """The events as a table a student reads, in date order: date, event, category, who, place and
    sources, with readable names only (no ids, no index worth showing, empty cells for what is unknown)."""
    if events is None or len(events) == 0:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    ev = prepare(events, sources, places, parties)
    period = ev["kind"] == "era"
    return pd.DataFrame(
        {
            "Date": ev["_when"].to_numpy(),
            "Event": (period.map({True: "Period: ", False: ""}) + ev["headline"]).to_numpy(),
            "Category": ev["category"].map(lambda c: CATEGORY_LABELS.get(c, c)).to_numpy(),
            "Who": ev["_actor_names"].to_numpy(),
            "Place": ev["_place"].to_numpy(),
            "Sources": ev["_source_names"].to_numpy(),
        }
    )[TABLE_COLUMNS]


def _concept_name(concept_id: str, glossary: dict) -> str:
    term = text(glossary.get(concept_id, {}).get("term"))
    return term or concept_id.removeprefix("gl-").replace("-", " ")


def _load(name: str):
    try:
        return data.load(name)
    except KeyError:
        return None


class Lookups:
    """The tables an event's details read, indexed once (an explorer keeps one; see :func:`event_details`)."""

    def __init__(self, sources=None, places=None, parties=None, party_terms=None, glossary=None):
        self.sources, places, parties = lookups(sources, places, parties)
        self.places = rows_by_id(places)
        self.names = party_names(parties)
        party_terms = _load("party_terms") if party_terms is None else party_terms
        self.terms: dict[str, list] = {}
        if party_terms is not None and len(party_terms):
            for t in party_terms.itertuples(index=False):
                self.terms.setdefault(str(t.concept_id), []).append(t)
        self.glossary = rows_by_id(_load("glossary") if glossary is None else glossary)


def event_details(
    event_id,
    events=None,
    places=None,
    sources=None,
    party_terms=None,
    parties=None,
    glossary=None,
    *,
    tables: Lookups | None = None,
) -> Html:
    """The details panel of one event: date, what happened, place in every language, actors, each
    party's own term for its concepts, where accounts differ, and its sources. Lookups default to the
    package's tables (or come indexed in ``tables``); an empty state for no id or an unknown one."""
    if event_id is None or event_id == "":
        return empty_state("No event selected.", "Click a mark on the timeline or pick an event from the list.")
    tables = tables or Lookups(sources, places, parties, party_terms, glossary)
    events = data.load("events") if events is None else events
    ev = prepare(events, tables.sources, places, parties) if len(events) else None
    if ev is None or event_id not in ev.index:
        return empty_state(f"There is no event with the id {event_id!s}.", "Pick an event from the list.")
    row = ev.loc[event_id]
    row = row.iloc[0] if isinstance(row, pd.DataFrame) else row
    names = tables.names
    rows: list[tuple[str, object]] = [("Date", _when(row)), ("What happened", row["text"])]
    place = tables.places.get(row["place_id"])
    if place:
        others = [
            f"{lang}: {text(place.get(k))}"
            for lang, k in (("Ukrainian", "name_uk"), ("Russian", "name_ru"), ("Crimean Tatar", "name_crh"))
            if text(place.get(k))
        ]
        rows.append(
            (
                "Place",
                Html(
                    esc(place.get("name_en"))
                    + (f" <span class='lessons-muted'>({esc('; '.join(others))})</span>" if others else "")
                ),
            )
        )
    elif row["place_id"]:
        rows.append(("Place", row["_place"]))
    if row["actors"]:
        rows.append(("Who", ", ".join(names.get(a, a) for a in row["actors"])))
    rows.append(
        (
            "Category",
            CATEGORY_LABELS.get(row["category"], row["category"])
            + (f" · story thread: {row['lane']}" if row["lane"] else ""),
        )
    )
    term_sources: list[str] = []
    terms = _terms(row["concept_ids"], tables, term_sources)
    if terms:
        rows.append(("Each party's own term", terms))
    if row["note"]:
        rows.append(("Where accounts differ", row["note"]))
    panel = details(row["headline"] or "(no headline)", rows, row["source_ids"], tables.sources)
    if term_sources:
        panel += Html(
            "<div class='lessons-term-sources'><b>Sources for the parties' terms</b>"
            f"{citations(tuple(dict.fromkeys(term_sources)), tables.sources).markup}</div>"
        )
    return Html(f"<div class='lessons-event' data-event-id='{esc(event_id)}'>{panel.markup}</div>")


#: The old name (it returns an Html object, which displays as HTML and converts with str()).
event_details_html = event_details


def _when(row) -> Html:
    when = esc(row["_when"])
    if row["kind"] == "era":
        stop = fmt_day(row["end"]) if not pd.isna(row["end"]) else "no end date recorded"
        when += f" <span class='lessons-muted'>(period: {esc(fmt_day(row['start']))} to {esc(stop)})</span>"
    elif row["precision"] in PRECISION_NOTE:
        when += f" <span class='lessons-muted'>({esc(PRECISION_NOTE[row['precision']])})</span>"
    return Html(when)


def _terms(concept_ids, tables: Lookups, term_sources: list) -> Html | None:
    """For each concept of the event, the term each party uses (only where the parties' terms differ)."""
    blocks = []
    for concept in concept_ids or ():
        terms = tables.terms.get(concept, [])
        if not terms or (len({str(t.term).casefold() for t in terms}) < 2 and len(terms) > 1):
            continue  # no terms, or every party uses the same word: nothing to compare
        items = []
        for t in terms:
            original, note = text(getattr(t, "original", None)), text(getattr(t, "note", None))
            items.append(
                f"<li>{esc(tables.names.get(t.party_id, t.party_id))}: “{esc(t.term)}”"
                + (f" <i>({esc(original)})</i>" if original else "")
                + (f" <span class='lessons-muted'>— {esc(note)}</span>" if note else "")
                + "</li>"
            )
            term_sources.extend(data.split_ids(t.source_ids))
        blocks.append(
            f"<div><i>{esc(_concept_name(concept, tables.glossary))}</i><ul class='lessons-terms'>"
            f"{''.join(items)}</ul></div>"
        )
    return Html("".join(blocks)) if blocks else None


def colour_key(shown, lane_by: str, marked: bool = False) -> Html:
    """The key above the explorer's figure (in place of plotly's legend): what the marks mean, and the
    colour of each category where lanes are not categories. Never colour alone: each entry has a word.
    ``shown``: the events shown (a prepared frame or its columns)."""
    items: list[tuple] = []
    if lane_by != "category" and len(shown["id"]):
        kind, cats = np.asarray(shown["kind"]), np.asarray(shown["category"])
        items += [
            (CATEGORY_COLOURS.get(c, MUTED), CATEGORY_LABELS.get(c, c), CATEGORY_SYMBOLS.get(c, ("", "●"))[1])
            for c in categories_of(cats[kind != "era"])
        ]
    items += [
        ("#ffffff", "event: click for details", "●"),
        ("#dddddd", "faded: month or year known only", "○"),
        ("#cfd8e3", "period", "▬"),
    ]
    if marked:
        items.append(("#ffffff", "dashed line: the call of 18 March 2025", "┆"))
    title = "Colour = category (named on the left)" if lane_by == "category" else "Colour and shape = category"
    return key(items, title=title)
