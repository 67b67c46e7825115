"""The student interactions each explorer is timed on: one function per explorer, ``name(tables)`` returning
``{interaction: callable}``. The explorer is built once; each call does one interaction."""

from __future__ import annotations


def map(tables: dict) -> dict:  # noqa: A001 - the explorer's name, as the plan asks
    """Move the date slider, change view, select a place, filter place kinds (the map explorer)."""
    from lessons.mapview import VIEWS, MapExplorer

    ex = MapExplorer(borders=tables["borders"], control=tables.get("control"), places=tables["places"],
                     events=tables["events"], votes=tables["votes"], sources=tables.get("sources"),
                     parties=tables.get("parties"), history=tables.get("control_history"))
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
