"""Text for plotly hover labels and tick labels.

plotly.js renders a small subset of HTML in these labels (``<b>``, ``<i>``, ``<br>``, ``<span>``) and
decodes only a few named entities (``&amp;``, ``&lt;``, ``&gt;``, ...), not ``&quot;``: text escaped for
a web page (``html.escape(quote=True)``) shows literal ``&quot;`` in a hover. Escape only what would be
read as markup (``&``, ``<``, ``>``), so quotation marks stay quotation marks.
"""

from __future__ import annotations

import textwrap

import pandas as pd


def plain(value) -> str:
    """A data value as label text: markup characters escaped, quotes kept; None/NaN/<NA> become ""."""
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(value: str, width: int) -> str:
    """``value`` cut to ``width`` characters with "…", at a word where there is one in its second half
    (``textwrap.shorten`` gives a lone "…" for a long word with no spaces)."""
    if len(value) <= width:
        return value
    space = value[:width].rfind(" ")  # the words before it take at most width - 1 characters
    return (value[:space] if space >= width // 2 else value[: width - 1]).rstrip() + "…"


def hover_text(value, width: int = 60, limit: int | None = 300) -> str:
    """A data string for a hover label: cut to ``limit`` characters (with "…"), wrapped with ``<br>``."""
    text = "" if not plain(value) else str(value)
    if not text:
        return ""
    if limit is not None:
        text = clip(text, limit)
    return "<br>".join(plain(line) for line in textwrap.wrap(text, width) or [""])


def wrap_label(value, width: int = 40, lines: int = 2) -> str:
    """A tick label on at most ``lines`` lines of ``width`` characters (the last one ends in "…" if cut)."""
    text = str(value) if plain(value) else ""
    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1].rstrip() + "…"
    return "<br>".join(plain(p) for p in parts)


def template() -> dict:
    """The package's plotly template as plain JSON, for figures built as ``{"data", "layout"}`` dicts
    (a ``go.Figure`` adds it by itself). One object per process, so a view sends it once."""
    global _TEMPLATE
    if _TEMPLATE is None:
        import plotly.io as pio

        _TEMPLATE = pio.templates[pio.templates.default].to_plotly_json()
    return _TEMPLATE


_TEMPLATE = None
