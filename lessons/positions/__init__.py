"""The positions explorer: what each party said on each issue, as a party × issue matrix.

Each cell shows a party's latest recorded stance toward an issue's *proposition*
(:data:`ISSUE_PROPOSITIONS`: "supports" always means "supports the proposition").
Clicking a cell (or choosing a party and an issue) lists that party's statements over
time with quotations, speakers and sources; compare mode shows two parties side by side.

The package is split by job; every name is importable from ``lessons.positions`` as before:

- :mod:`.matrix`: the issues, propositions and stance marks; :func:`positions_matrix`, :func:`statements`.
- :mod:`.grid`: :func:`positions_figure`, the party × proposition grid as a plotly figure.
- :mod:`.panels`: the proposition key, :func:`matrix_frame` / :func:`matrix_table`, the statements panels.
- :mod:`.explorer`: :class:`PositionsExplorer`, which only wires controls to the pure functions above.
"""

from __future__ import annotations

from .explorer import PositionsExplorer
from .grid import _axis_labels, _wrap, positions_figure
from .matrix import (
    ISSUE_HEADINGS,
    ISSUE_LABELS,
    ISSUE_ORDER,
    ISSUE_PROPOSITIONS,
    STANCE_MARKS,
    issue_label,
    positions_matrix,
    statements,
)
from .panels import (
    MAX_STATEMENTS,
    compare_html,
    matrix_frame,
    matrix_table,
    proposition_html,
    proposition_key,
    statements_html,
)

__all__ = [
    "ISSUE_HEADINGS",
    "ISSUE_LABELS",
    "ISSUE_ORDER",
    "ISSUE_PROPOSITIONS",
    "MAX_STATEMENTS",
    "STANCE_MARKS",
    "PositionsExplorer",
    "compare_html",
    "issue_label",
    "matrix_frame",
    "matrix_table",
    "positions_figure",
    "positions_matrix",
    "proposition_html",
    "proposition_key",
    "statements",
    "statements_html",
    # private, used by the tests
    "_axis_labels",
    "_wrap",
]
