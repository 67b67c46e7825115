"""Pieces every explorer shares: citations, details panels, empty states, the
figure-plus-table layout and the static fallback when there is no widget manager.

Every string that comes from the data goes through :func:`lessons.style.esc`
before it reaches an HTML widget.
"""

from __future__ import annotations

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go

from . import data
from .style import FONT, MUTED, empty_state, esc

KIND_LABEL = {"primary": "primary source", "secondary": "secondary source"}


def citation_html(source_ids, sources: pd.DataFrame | None = None) -> str:
    """An ordered list of citations: publisher, title, date, kind, voice and a link."""
    sources = data.load("sources") if sources is None else sources
    ids = [i for i in data.split_ids(source_ids)]
    if not ids:
        return empty_state("No source is recorded for this item.")
    items = []
    for sid in ids:
        if sid not in sources.index:
            items.append(f"<li>Unknown source id <code>{esc(sid)}</code></li>")
            continue
        s = sources.loc[sid]
        date = pd.Timestamp(s["date"]).strftime("%-d %B %Y" if s["date_precision"] == "day" else "%B %Y" if s["date_precision"] == "month" else "%Y")
        items.append(
            f"<li><b>{esc(s['publisher'])}</b>, <a href='{esc(s['url'])}' target='_blank' rel='noopener'>{esc(s['title'])}</a>"
            f" ({esc(date)}). <span style='color:{MUTED}'>{esc(KIND_LABEL.get(s['kind'], s['kind']))}; "
            f"voice: {esc(s['voice'])}</span></li>"
        )
    return f"<ol class='lessons-sources' style='margin:4px 0 0 1.2em;padding:0'>{''.join(items)}</ol>"


def details_html(title: str, rows: list[tuple[str, str]], source_ids=None, sources=None) -> str:
    """A details panel: a heading, label/value rows (values already escaped) and sources."""
    body = "".join(f"<tr><th style='text-align:left;vertical-align:top;padding-right:8px'>{esc(k)}</th><td>{v}</td></tr>"
                   for k, v in rows if v)
    cites = "" if source_ids is None else f"<div><b>Sources</b>{citation_html(source_ids, sources)}</div>"
    return (f"<div class='lessons-details' style='font-family:{FONT}'><h4 style='margin:0 0 6px'>{esc(title)}</h4>"
            f"<table style='border-collapse:collapse'>{body}</table>{cites}</div>")


def html_box(value: str = "", **layout) -> w.HTML:
    return w.HTML(value=value, layout=w.Layout(**layout))


def figure_widget(fig: go.Figure) -> go.FigureWidget:
    """A FigureWidget for live updates (needs anywidget and a widget manager)."""
    return go.FigureWidget(fig)


def replace_figure(target: go.FigureWidget, fig: go.Figure) -> None:
    """Swap a FigureWidget's traces and layout for those of ``fig`` in one message batch."""
    with target.batch_update():
        target.data = []
        target.add_traces(list(fig.data))
        target.layout = fig.layout


def table_html(frame: pd.DataFrame, caption: str = "", max_rows: int = 200) -> str:
    """An accessible HTML table of the same data as a figure (escaped)."""
    if frame.empty:
        return empty_state("Nothing to show in the table for this selection.")
    shown = frame.head(max_rows)
    head = "".join(f"<th scope='col'>{esc(c)}</th>" for c in shown.columns)
    body = "".join("<tr>" + "".join(f"<td>{esc(v)}</td>" for v in row) + "</tr>" for row in shown.itertuples(index=False))
    more = f"<p style='color:{MUTED}'>Showing {max_rows} of {len(frame)} rows.</p>" if len(frame) > max_rows else ""
    cap = f"<caption style='text-align:left;font-weight:bold'>{esc(caption)}</caption>" if caption else ""
    return f"<table class='lessons-table'>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def alt_text(fig: go.Figure) -> str:
    """The short text description stored on a figure by its figure function."""
    meta = fig.layout.meta
    return meta.get("alt", "") if isinstance(meta, dict) else ""


def hover_text(value, width: int = 60, limit: int | None = 300) -> str:
    """Escape a data string for a plotly hover label: cut to ``limit`` characters and wrap with ``<br>``."""
    import textwrap

    text = esc(value) and str(value)
    if not text:
        return ""
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return "<br>".join(esc(line) for line in textwrap.wrap(text, width) or [""])


def quote_html(text, attribution: str = "") -> str:
    """A quotation as ``<blockquote>`` with an escaped attribution line (``attribution`` is plain text)."""
    if not esc(text):
        return ""
    cite = f"<footer style='color:{MUTED};font-size:90%'>— {esc(attribution)}</footer>" if attribution else ""
    return (f"<blockquote style='margin:4px 0 6px;padding:2px 10px;border-left:3px solid {MUTED}'>"
            f"{esc(text)}{cite}</blockquote>")


def sync_figure(target: go.FigureWidget, fig: go.Figure) -> None:
    """Bring ``target`` in line with ``fig``: update traces in place when the trace types match
    (cheap: only changed properties are sent), else fall back to :func:`replace_figure`."""
    if len(target.data) != len(fig.data) or any(a.type != b.type for a, b in zip(target.data, fig.data)):
        replace_figure(target, fig)
        return
    with target.batch_update():
        for old, new in zip(target.data, fig.data):
            old.update(new.to_plotly_json(), overwrite=True)
        target.layout.update(fig.layout.to_plotly_json(), overwrite=True)
