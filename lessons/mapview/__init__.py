"""The map view: internationally recognised borders, the dated history of control, places and events.

Split by job: :mod:`.records` (typed rows), :mod:`.model` (MapState, MapModel: prepared once, lookups, key
dates), :mod:`.traces` and :mod:`.layout` (plotly specs; :mod:`.traces` puts in order the traces that
:mod:`.regions`, :mod:`.places` and :mod:`.labels` draw), :mod:`.figure` (the pure figure and table
functions), :mod:`.explorer` (the widget). ``from lessons import mapview; mapview.map_figure(...)`` works as before.
"""

from .explorer import MapExplorer
from .figure import compact_outlines, map_animation_figure, map_figure, map_table, model_for, spec, state_for
from .layout import GEO_LAYERS_OFF
from .model import KEY_DAYS, POINT_OF_VIEW, VIEW_DATES, VIEW_LABELS, VIEWS, MapModel, MapState
from .places import KIND_STYLE

__all__ = [
    "GEO_LAYERS_OFF",
    "KEY_DAYS",
    "KIND_STYLE",
    "POINT_OF_VIEW",
    "VIEWS",
    "VIEW_DATES",
    "VIEW_LABELS",
    "MapExplorer",
    "MapModel",
    "MapState",
    "compact_outlines",
    "map_animation_figure",
    "map_figure",
    "map_table",
    "model_for",
    "spec",
    "state_for",
]
