"""Every trace spec (plain dicts) of the map for a :class:`~lessons.mapview.model.MapState`, in a fixed order.

Everything is drawn offline with plotly ``Scattergeo`` traces (lon/lat only): no tiles, no topojson base
map, no Choropleth, no ``locations`` (see shared PITFALLS, "plotly maps and the network"). Specs are
memoised on what they depend on, so an unchanged trace is the same object and the figure engine skips it.

:func:`skeleton` says where each kind of trace sits; :func:`traces` builds them all from the three
modules that draw them: :mod:`.regions` (areas, control, the 1991 vote), :mod:`.places` (places, events,
claims, the selection) and :mod:`.labels` (names written on the map).
"""

from __future__ import annotations

import datetime as dt

from .labels import label_trace, names_trace
from .model import CLAIMANTS, VOTE_BINS, MapModel, MapState
from .places import CLAIM_VIEWS, claims_trace, events_trace, place_trace, selection_trace, status_traces
from .regions import _first_of_group, bin_traces, control_trace, region_hover_trace, region_trace, share_trace


def skeleton(m: MapModel) -> dict[str, list[int]]:
    """Indices of each kind of trace in the figure (the order never changes)."""
    sizes = [
        ("regions", len(m.regions)),
        ("control", len(control_pairs(m))),
        ("region_hover", 1),
        ("places", len(m.kinds)),
        ("status", 2),
        ("events", 1),
        ("claims", len(CLAIMANTS)),
        ("selection", 1),
        ("labels", 1),
        ("names", 1),
        ("bins", len(VOTE_BINS) - 1),
        ("shares", 1),
    ]
    out, i = {}, 0
    for name, n in sizes:
        out[name] = list(range(i, i + n))
        i += n
    return out


def control_pairs(m: MapModel) -> list[tuple[int, int]]:
    """(control area index, record index) for every dated row that shades a drawn area: Russian-held or contested."""
    return m.memo(
        ("pairs",),
        lambda: [
            (ci, ri)
            for ci, c in enumerate(m.controls)
            for ri in m.by_area.get(c.area_id, ())
            if m.records[ri].controlled_by != "ua" and m.records[ri].status in ("held", "contested")
        ],
    )


def traces(m: MapModel, state: MapState, record: bool = False) -> list[dict]:
    """Every trace spec in skeleton order. ``record``: hovers give each place's whole dated record instead of
    control on the date (for the animation, whose frames then only swap what changes)."""
    day, view = state.as_of, state.view
    sig = ("record",) if record else m.signature(day)
    kinds = m.kinds if state.kinds is None else [k for k in m.kinds if k in state.kinds]
    born = m.signature(day)[1]
    specs = list(
        m.memo(
            ("regions", view),
            lambda: [region_trace(m, r, view, first) for r, first in zip(m.regions, _first_of_group(m, view))],
        )
    )
    specs += [
        m.memo(("control", ci, ri, m.records[ri].active(day)), lambda ci=ci, ri=ri: control_trace(m, ci, ri, day))
        for ci, ri in control_pairs(m)
    ]
    specs.append(m.memo(("region_hover", view, sig), lambda: region_hover_trace(m, None if record else day, view)))
    specs += [
        m.memo(
            ("places", k, view, k in kinds, _rows_key(m, k, day, record)),
            lambda k=k: place_trace(m, k, day, view, k in kinds, record),
        )
        for k in m.kinds
    ]
    specs += m.memo(("status", m.signature(day), tuple(kinds)), lambda: status_traces(m, day, kinds))
    specs.append(m.memo(("events", len(m.events_at(day))), lambda: events_trace(m, day)))
    specs += [
        m.memo(
            ("claims", party, view in CLAIM_VIEWS, len(m.claims_at(party, day))),
            lambda party=party: claims_trace(m, party, day, view in CLAIM_VIEWS),
        )
        for party in CLAIMANTS
    ]
    specs.append(m.memo(("selection", state.selected, born), lambda: selection_trace(m, state.selected, day)))
    specs.append(m.memo(("labels", view, born), lambda: label_trace(m, view, day)))
    specs.append(m.memo(("names", view), lambda: names_trace(view)))
    specs += m.memo(("bins", view), lambda: bin_traces(view))
    specs.append(m.memo(("shares", view), lambda: share_trace(m, view)))
    return specs


def _rows_key(m: MapModel, kind: str, day: dt.date, record: bool) -> tuple:
    """What a kind's trace depends on for a date: which of its places exist and, per place, the row in force
    (so a kind whose places did not change keeps the same trace object, and the engine sends nothing)."""
    if record:
        return ("record", m.signature(day)[1])

    def build():
        rows = [m.place_record(p, day)[0] for p in m.places_by_kind[kind]]
        return (
            "rows",
            hash(tuple((r.id if r else "", m.exists(p, day)) for r, p in zip(rows, m.places_by_kind[kind]))),
        )

    return m.memo(("rows-key", kind, m.signature(day)), build)
