"""One place for the fake rows tests build their own small tables from.

Each factory returns a row with every column its resource has (the descriptor's field list), filled with
harmless defaults, so a test names only what it is about: ``fake_source("s1", kind="secondary")``.
"""

from __future__ import annotations

#: Data text that must always reach the page escaped.
SCRIPT = "<script>alert('x')</script>"


def fake_source(
    id_: str,
    title: str = "A title",
    publisher: str = "Publisher",
    kind: str = "primary",
    voice: str = "US government",
    **fields,
) -> dict:
    """A sources.csv row."""
    row = dict(
        id=id_,
        title=title,
        publisher=publisher,
        author=publisher,
        date="2025-03-18",
        date_precision="day",
        url=f"https://example.org/{id_}",
        kind=kind,
        voice=voice,
        language="en",
        accessed="2026-11-27",
        note="",
        country="US",
        read_at_url="",
        title_en="",
        after_as_of="",
    )
    row.update(fields)
    return row


def fake_party(id_: str, name: str, short_name: str | None = None, kind: str = "state", **fields) -> dict:
    """A parties.csv row."""
    row = dict(id=id_, name=name, short_name=short_name or name, kind=kind, source_ids="s1")
    row.update(fields)
    return row


def fake_glossary(id_: str, term: str, definition: str = "Our words.", **fields) -> dict:
    """A glossary.csv row."""
    row = dict(id=id_, term=term, definition=definition, category="law", source_ids="s1")
    row.update(fields)
    return row


def fake_event(id_: str, start: str = "2025-03-18", category: str = "diplomacy", **fields) -> dict:
    """An events.csv row (an event of one day unless ``end`` is given)."""
    row = dict(
        id=id_,
        start_date=start,
        end_date="",
        date_precision="day",
        display_date="",
        headline=f"Event {id_}",
        text="What happened.",
        category=category,
        lane="",
        actors="us;ru",
        place_id="",
        type="event",
        concept_ids="",
        source_ids="s1",
        note="",
    )
    row.update(fields)
    return row


def fake_quiz_row(**fields) -> dict:
    """A quiz.csv row (a single-choice question proved by an events row unless told otherwise)."""
    row = dict(
        id="qz-x",
        lesson="01",
        kind="single",
        prompt="Which?",
        choices="A | B | C",
        answer="B",
        tolerance=None,
        explanation="Because the row says so.",
        proof="events:ev-2014-03-27-unga",
        source_ids="un-20140327-res",
    )
    row.update(fields)
    return row
