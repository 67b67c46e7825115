"""The student interactions each explorer is timed on (``python -m lessons.dev.bench``).

One function per explorer, named after it: ``def <explorer>(tables) -> dict[str, callable]``. Each builds
its explorer once from ``tables`` (curated or synthetic data, as :mod:`lessons.dev.synthetic` makes them)
and returns named callables, one student interaction each; every call changes something, so nothing is
answered from a cache. Each function imports only its own explorer.
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

    ex = CeasefireTracker(
        terms=tables["ceasefire_terms"], events=tables["events"], parties=tables["parties"], sources=tables["sources"]
    )
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


def timeline(tables: dict) -> dict[str, callable]:
    """The timeline explorer: filter, search, zoom preset, click a mark, switch lanes."""
    from lessons.timeline import TimelineExplorer

    keys = ("events", "sources", "places", "parties", "party_terms", "glossary")
    explorer = TimelineExplorer(**{k: tables[k] for k in keys if k in tables})
    all_values = tuple(v for _, v in explorer.categories.options)
    fewer = all_values[1:] if len(all_values) > 1 else all_values
    words = ["crimea", "", "march", ""]
    presets = list(explorer.presets)
    lanes = [v for _, v in explorer.lane_by.options]
    state = {"cat": 0, "word": 0, "preset": 0, "click": 0, "lane": 0}

    def change_category():
        state["cat"] += 1
        explorer.categories.value = fewer if state["cat"] % 2 else all_values

    def type_search():
        state["word"] += 1
        explorer.search.value = words[state["word"] % len(words)]

    def change_preset():
        state["preset"] += 1
        explorer.presets[presets[state["preset"] % len(presets)]].click()

    def click_event():
        # a click on a mark of the figure as the browser sends it (the first marker trace with points)
        state["click"] += 1
        data = explorer.figure.figure["data"]
        traces = [i for i, t in enumerate(data) if t.get("mode") == "markers+text" and t.get("customdata")]
        if not traces:
            explorer.select(None)
            return
        trace = traces[state["click"] % len(traces)]
        explorer.figure.click(trace, state["click"] % len(data[trace]["customdata"]))

    def switch_lane_by():
        state["lane"] += 1
        explorer.lane_by.value = lanes[state["lane"] % len(lanes)]

    return {
        "change category filter": change_category,
        "type a search": type_search,
        "change zoom preset": change_preset,
        "click an event": click_event,
        "switch lanes": switch_lane_by,
    }


def quiz(tables) -> dict:
    """Answer and check one question of each kind, a wrong first try, move an order item, go to the next
    question, and a long typed number (which must be refused at once)."""
    from lessons.quiz import Quiz

    table = tables.get("quiz")
    if table is None or table.empty:
        return {}
    ex = Quiz(quiz=table, tables=tables)
    cases, seen = {}, set()
    for qid in ex.ids:
        question = ex.questions[qid]
        if question is None or question.kind in seen:
            continue
        seen.add(question.kind)

        def answer_and_check(qid=qid, response=question.correct_response(), kind=question.kind):
            ex.reset(qid)
            ex.answer(qid, response)
            if kind == "order":
                ex.view(qid).touched = True
            return ex.check(qid)

        cases[f"quiz: answer and check ({question.kind})"] = answer_and_check
        if question.kind == "order":
            cases["quiz: move an order item"] = lambda qid=qid: (ex.reset(qid), ex.view(qid).move(0, +1))
        if question.kind == "numeric":
            cases["quiz: wrong first try (numeric)"] = lambda qid=qid: (
                ex.reset(qid),
                ex.answer(qid, "-1"),
                ex.check(qid),
            )
            cases["quiz: 100,000-character number"] = lambda qid=qid: (
                ex.reset(qid),
                ex.answer(qid, "1" * 100_000),
                ex.check(qid),
            )
    cases["quiz: next question"] = lambda: ex.show((ex.position + 1) % ex.total)
    return cases


def mapview(tables: dict) -> dict:
    """Move the date slider, change view, select a place, filter place kinds (the map explorer)."""
    from lessons.mapview import VIEWS, MapExplorer

    ex = MapExplorer(
        borders=tables["borders"],
        control=tables.get("control"),
        places=tables["places"],
        events=tables["events"],
        votes=tables["votes"],
        sources=tables.get("sources"),
        parties=tables.get("parties"),
        history=tables.get("control_history"),
    )
    options = [value for _, value in ex.date_slider.options]
    place_ids = [p["id"] for p in ex.model.shown_places] or ["pl-unknown"]
    kinds = list(ex.model.kinds)
    subsets = [tuple(kinds[: max(1, len(kinds) // 2)]), tuple(kinds), ()]
    counter = {"date": 0, "view": 0, "place": 0, "kinds": 0}

    def step(name, n):
        counter[name] += 1
        return counter[name] % max(n, 1)

    return {
        "move the date slider": lambda: setattr(ex.date_slider, "value", options[step("date", len(options))]),
        "change view": lambda: ex.set_view(VIEWS[step("view", len(VIEWS))]),
        "select a place": lambda: ex.select(place_ids[step("place", len(place_ids))]),
        "filter place kinds": lambda: setattr(ex.kind_filter, "value", subsets[step("kinds", len(subsets))]),
    }


def claims(tables) -> dict:
    """Classify a claim, reveal its evidence, reveal them all, reset (lesson 05's claim checker)."""
    from lessons.claims import VERDICTS, ClaimChecker

    ex = ClaimChecker(claims=tables["claims"].sort_values("order"), tables=tables, sources=tables["sources"])
    ids = list(ex.choices)
    verdicts = itertools.cycle(VERDICTS)
    order = itertools.cycle(ids)

    def classify():
        hidden = [c for c in ids if not ex.toggles[c].value]
        if not hidden:
            ex.reset()
            hidden = ids
        ex.classify(hidden[0], next(verdicts))

    def reveal_one():
        claim = next(order)
        if ex.toggles[claim].value:
            ex.reset()
        ex.select(claim)

    def reveal_all_then_reset():
        ex.reveal_all()
        ex.reset()

    return {
        "claims: classify a claim": classify,
        "claims: show one claim's evidence": reveal_one,
        "claims: show all, then reset": reveal_all_then_reset,
    }
