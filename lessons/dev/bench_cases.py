"""The student interactions each explorer is timed on (``python -m lessons.dev.bench``).

One function per explorer: it builds the explorer once from ``tables`` (curated or synthetic, as
:mod:`lessons.synthetic` makes them) and returns named callables, one interaction each. Each
function is self-contained: it imports only its own explorer.
"""

from __future__ import annotations

import itertools


def positions(tables) -> dict:
    """Choose cells, click one, use the menus, compare two parties, reset."""
    from lessons.positions import ISSUE_ORDER, PositionsExplorer

    ex = PositionsExplorer(positions=tables["positions"], parties=tables["parties"], sources=tables["sources"])
    cells = itertools.cycle(list(zip(ex.matrix["party_id"], ex.matrix["issue"])) or [(None, ISSUE_ORDER[0])])
    party_ids = [v for _, v in ex.party.options if v is not None] or [None]
    pairs = itertools.cycle(list(zip(party_ids, party_ids[1:] + party_ids[:1])))
    issues = itertools.cycle(ISSUE_ORDER)
    menu = itertools.cycle(party_ids)
    first_trace = next((i for i, t in enumerate(ex.figure.figure["data"]) if t.get("customdata")), 0)

    def compare_two():
        party_a, party_b = next(pairs)
        ex.compare(party_a, party_b, next(issues))

    return {
        "positions: select cell": lambda: ex.select(*next(cells)),
        "positions: click cell": lambda: ex.figure.click(first_trace, 0),
        "positions: party dropdown": lambda: setattr(ex.party, "value", next(menu)),
        "positions: issue dropdown": lambda: setattr(ex.issue, "value", next(issues)),
        "positions: compare two parties": compare_two,
        "positions: reset": ex.reset,
    }


def readouts(tables) -> dict:
    """Choose topics, use the list and the filter, click a dot, reset."""
    from lessons.readouts import FILTERS, ReadoutComparator

    ex = ReadoutComparator(readouts=tables["readouts"], events=tables["events"], sources=tables["sources"])
    topics = itertools.cycle(list(ex.readouts["id"]) or [None])
    filters = itertools.cycle(FILTERS)

    def choose_in_list():
        values = [v for _, v in ex.topics.options if v is not None]
        if values:
            now = values.index(ex.topics.value) if ex.topics.value in values else -1
            ex.topics.value = values[(now + 1) % len(values)]

    def click_dot():
        data_ = ex.figure.figure["data"]
        trace = next((i for i, t in enumerate(data_) if t.get("customdata")), None)
        if trace is not None:
            ex.figure.click(trace, 0)

    return {
        "readouts: select topic": lambda: ex.select(next(topics)),
        "readouts: topic list": choose_in_list,
        "readouts: filter": lambda: ex.set_filter(next(filters)),
        "readouts: click dot": click_dot,
        "readouts: reset": ex.reset,
    }


def ceasefire(tables) -> dict:
    """Filter by status and account, choose and click terms and events, reset."""
    from lessons.ceasefire import CeasefireTracker

    ex = CeasefireTracker(terms=tables["ceasefire_terms"], events=tables["events"], parties=tables["parties"],
                          sources=tables["sources"])
    terms = itertools.cycle(list(ex._terms) or [None])
    events = itertools.cycle(list(ex._events) or [None])
    statuses = itertools.cycle([v for _, v in ex.status.options])
    accounts = itertools.cycle([v for _, v in ex.account.options])

    def click(view):
        def go():
            data_ = view.figure["data"]
            trace = next((i for i, t in enumerate(data_) if t.get("customdata")), None)
            if trace is not None:
                view.click(trace, 0)
        return go

    return {
        "ceasefire: status filter": lambda: ex.set_filters(next(statuses), ex.account.value),
        "ceasefire: account filter": lambda: setattr(ex.account, "value", next(accounts)),
        "ceasefire: select term": lambda: ex.select(next(terms)),
        "ceasefire: select event": lambda: ex.select(next(events)),
        "ceasefire: click term": click(ex.figure),
        "ceasefire: click calendar": click(ex.calendar),
        "ceasefire: reset": ex.reset,
    }
