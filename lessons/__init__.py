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
import sys

from . import notebook_errors as _notebook_errors
from . import style as _style
from .environment import check_environment

__all__ = ["check_environment", "__version__"]
__version__ = "0.1.0"

# plotly reads PLOTLY_RENDERER when it first sets up its renderers. Importing them here would cost
# about 2 s (plotly.io._renderers imports nbformat, jsonschema and a grammar compiled at import), a
# cost a notebook pays anyway at its first figure, but no reason for ``import lessons`` to pay it.
os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")
if "plotly.io._renderers" in sys.modules:  # plotly already set up: change its default directly
    sys.modules["plotly.io._renderers"].renderers.default = os.environ["PLOTLY_RENDERER"]
_style.register()
_notebook_errors.register()  # broken data shows one panel, not a traceback per cell
