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
        def text(name: str) -> str:
            value = s.get(name)
            return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)

        stamp = pd.Timestamp(s["date"]) if text("date") not in ("", "NaT") else None
        if stamp is None or pd.isna(stamp):  # undated page: say so, never print the date read as a date
            date = "no publication date"
        else:
            date = {"day": f"{stamp.day} {stamp:%B %Y}", "month": f"{stamp:%B %Y}"}.get(s["date_precision"], f"{stamp:%Y}")
        title_en, read_at = text("title_en"), text("read_at_url")
        items.append(
            f"<li><b>{esc(s['publisher'])}</b>, <a href='{esc(s['url'])}' target='_blank' rel='noopener'>{esc(s['title'])}</a>"
            + (f" [{esc(title_en)}]" if title_en else "")
            + f" ({esc(date)})."
            + (f" Read in a <a href='{esc(read_at)}' target='_blank' rel='noopener'>verbatim reproduction</a>." if read_at else "")
            + f" <span style='color:{MUTED}'>{esc(KIND_LABEL.get(s['kind'], s['kind']))}; "
            f"voice: {esc(s['voice'])}; country: {esc(text('country'))}</span></li>"
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
    """A FigureWidget for live updates (needs anywidget and a widget manager) that takes its
    container's width once shown. Build it with its first state: plotly's widget model resets
    properties left out of a batched update sent before the browser has drawn it."""
    widget = go.FigureWidget(fig)
    fit_width_when_shown(widget)
    return widget


def fit_width_when_shown(figure: go.FigureWidget) -> None:
    """Make a FigureWidget take its container's width once a browser has drawn it.

    plotly's anywidget view draws before it is attached to the page, so without a width it falls back
    to 700 px; ``layout.autosize`` set *after* the first draw makes plotly.js measure the container.
    The first trace deltas the browser sends back mark that moment.
    """
    def first_draw(change):
        if change["new"] is not None:
            figure.unobserve(first_draw, "_js2py_traceDeltas")
            figure.layout.autosize = True

    figure.observe(first_draw, "_js2py_traceDeltas")


def explorer_repr(self) -> str:
    """The text a reader sees where the widget cannot be drawn (GitHub, a viewer without a kernel)."""
    summary = getattr(self, "summary", type(self).__name__)
    return f"[{summary} (interactive: run the notebook to use it)]"  # ipywidgets cuts reprs at ~120 characters


def keep_placeholder(dropdown: w.Dropdown) -> None:
    """Show a dropdown's first option (a placeholder such as "All statuses", valued None) instead of
    an empty box whenever its value is set to None (ipywidgets then drops the selection)."""
    def restore(change):
        first = dropdown.options[0] if dropdown.options else ()
        if change["new"] is None and isinstance(first, tuple) and first[1] is None:
            dropdown.index = 0

    dropdown.observe(restore, names="index")


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


def _same(a, b) -> bool:
    try:
        return bool(a == b)
    except (ValueError, TypeError):  # arrays inside: compare element by element
        try:
            return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
        except TypeError:
            return False


def _changes(old: dict, new: dict) -> dict:
    """The top-level properties of ``new`` that differ from ``old`` (None for removed ones)."""
    out = {k: v for k, v in new.items() if k not in old or not _same(old[k], v)}
    out.update({k: None for k in old if k not in new})
    return out


def _spec(fig) -> tuple[list[dict], dict]:
    """Trace dicts and layout dict of a figure (read without plotly's deep copy) or of a plain
    ``{"data": [...], "layout": {...}}`` spec."""
    if isinstance(fig, dict):
        return list(fig.get("data", [])), dict(fig.get("layout", {}))
    try:
        return fig._data, fig._layout
    except AttributeError:
        return [t.to_plotly_json() for t in fig.data], fig.layout.to_plotly_json()


def sync_figure(target: go.FigureWidget, fig) -> None:
    """Bring ``target`` in line with ``fig`` (a Figure or a plain ``{"data", "layout"}`` dict).

    When the trace types match, only the trace and layout properties that changed are set, so
    only they are validated and sent (the template is left alone: it is the same everywhere and
    costly to re-validate). Otherwise the figure is replaced (:func:`replace_figure`).
    Building a plain dict and syncing it avoids ``go.Figure()``, which costs ~35 ms while the
    default template is a ``"plotly_white+lessons"`` string (plotly merges it on every figure).
    """
    new_data, new_layout = _spec(fig)
    old_data, old_layout = _spec(target)
    if len(old_data) != len(new_data) or any(a.get("type", "scatter") != b.get("type", "scatter")
                                             for a, b in zip(old_data, new_data)):
        replace_figure(target, fig if isinstance(fig, go.Figure) else go.Figure(fig))
        return
    with target.batch_update():
        for trace, old, new in zip(target.data, old_data, new_data):
            changed = _changes(old, new)
            changed.pop("type", None)
            changed.pop("uid", None)
            if changed:
                trace.update(changed, overwrite=True)
        changed = _changes({k: v for k, v in old_layout.items() if k != "template"},
                           {k: v for k, v in new_layout.items() if k != "template"})
        if changed:
            target.layout.update(changed, overwrite=True)
