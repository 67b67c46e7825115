"""The student interactions each explorer is timed on (``python -m lessons.dev.bench``).

One function per explorer, named after it: ``def <explorer>(tables) -> dict[str, callable]``. Each builds
its explorer once from ``tables`` (curated or synthetic data) and returns named callables, one student
interaction each; every call changes something, so nothing is answered from a cache.
"""

from __future__ import annotations


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

    return {"change category filter": change_category, "type a search": type_search,
            "change zoom preset": change_preset, "click an event": click_event, "switch lanes": switch_lane_by}
