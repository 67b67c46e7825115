"""Teaching helpers for the Crimea and 2025 ceasefire lessons.

Importing ``lessons`` sets plotly up for notebooks that must stay small and work
offline: figures are stored as plotly JSON only (the ``plotly_mimetype`` renderer,
no plotly.js bundle and no CDN script in the outputs) and drawn with the package's
one look (:mod:`lessons.style`). Set ``PLOTLY_RENDERER`` to override the renderer,
e.g. ``plotly_mimetype+notebook`` for a self-contained HTML export. In IPython, a
:class:`lessons.data.DataError` is shown as one readable panel (see :mod:`lessons.notebook_errors`).
"""

from __future__ import annotations

import os

import plotly.io as _pio

from . import notebook_errors as _notebook_errors
from . import style as _style
from .environment import check_environment

__all__ = ["check_environment", "__version__"]
__version__ = "0.1.0"

_pio.renderers.default = os.environ.get("PLOTLY_RENDERER", "plotly_mimetype")
_style.register()
_notebook_errors.register()  # broken data shows one panel, not a traceback per cell
