"""HTML as objects: every builder here returns an :class:`Html`, which a notebook displays as HTML
(never as a quoted string) and an ipywidgets ``HTML`` takes as its value (``str(obj)``).

Markup carries classes only (``lessons-*``); the look comes from the one stylesheet,
:data:`lessons.style.CSS`, written on JupyterLab's theme variables so it reads in the light and
the dark theme. Every value that comes from the data goes through :func:`esc`.
"""

from __future__ import annotations

import datetime as dt
import html as _html
import re
from collections.abc import Iterable

import pandas as pd

from .style import CSS

_SHEET = " ".join(re.sub(r"/\*.*?\*/", "", CSS, flags=re.S).split())  # comments are for the source only
STYLE_TAG = f"<style>{_SHEET}</style>"

#: the stylesheet as (selector, rule) pairs, so an output carries only the rules its markup uses
_RULES = [(sel.strip(), "{" + body) for sel, body in (part.split("{", 1) for part in _SHEET.split("}") if "{" in part)]
_CLASS = re.compile(r"\.([a-zA-Z][\w-]*)")


def style_for(markup: str) -> str:
    """A ``<style>`` with the rules of :data:`lessons.style.CSS` whose classes ``markup`` uses (the rules of
    ``.lessons`` itself always). Every output carries its own: JupyterLab drops cells far from the screen
    from the page, and a sheet shown once in another cell would go with them."""
    used = set(re.findall(r"class=['\"]([^'\"]+)['\"]", markup))
    names = {"lessons"} | {n for group in used for n in group.split()}

    def applies(selector: str) -> bool:  # some comma-part of it names only classes the markup has
        return any(set(_CLASS.findall(part)) <= names for part in selector.split(","))

    keep = [f"{sel}{body}}}" for sel, body in _RULES if applies(sel)]
    return f"<style>{''.join(keep)}</style>"


KIND_LABEL = {"primary": "primary source", "secondary": "secondary source"}


class Html:
    """A piece of markup that displays as HTML. ``str()`` gives the markup; ``+`` joins pieces."""

    __slots__ = ("markup",)

    def __init__(self, markup: str = ""):
        self.markup = str(markup)

    def _repr_html_(self) -> str:
        return f"{style_for(self.markup)}<div class='lessons'>{self.markup}</div>"

    def __str__(self) -> str:
        return self.markup

    def __repr__(self) -> str:  # what a reader without HTML sees: the start of the text, not the tags
        text = text_of(self.markup)
        return text if len(text) <= 240 else text[:239].rstrip() + "…"

    def __add__(self, other) -> Html:
        return Html(self.markup + (other.markup if isinstance(other, Html) else esc(other)))

    def __radd__(self, other) -> Html:
        return Html((other.markup if isinstance(other, Html) else esc(other)) + self.markup)

    def __eq__(self, other) -> bool:
        return isinstance(other, Html) and other.markup == self.markup

    def __hash__(self) -> int:
        return hash(self.markup)

    def __bool__(self) -> bool:
        return bool(self.markup)

    def __contains__(self, text: str) -> bool:
        return text in self.markup


def raw(markup) -> Html:
    """Markup that is already safe (built here, or escaped by the caller)."""
    return markup if isinstance(markup, Html) else Html(str(markup))


def esc(value) -> str:
    """HTML-escape any value from the data; None, NaN and <NA> become an empty string."""
    if isinstance(value, Html):
        return value.markup
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return _html.escape(str(value), quote=True)


def text_of(markup: str) -> str:
    """The visible text of a piece of markup (for text reprs and tests)."""
    import re

    return " ".join(_html.unescape(re.sub(r"<[^>]+>", " ", str(markup))).split())


def fmt_day(value, precision: str = "day") -> str:
    """A date as a reader writes it: "18 March 2025", "March 2025" or "2025" (no ``%-d``, which fails on Windows)."""
    if value is None or (not isinstance(value, (str, dt.date)) and pd.isna(value)):
        return ""
    stamp = pd.Timestamp(value)
    if pd.isna(stamp):
        return ""
    if precision == "year":
        return f"{stamp.year}"
    if precision == "month":
        return f"{stamp:%B} {stamp.year}"
    return f"{stamp.day} {stamp:%B} {stamp.year}"


def empty_state(message: str, hint: str = "") -> Html:
    """What happened and what to try, announced politely to screen readers."""
    extra = f"<div class='lessons-muted'>{esc(hint)}</div>" if hint else ""
    return Html(f"<div class='lessons-empty' role='status'>{esc(message)}{extra}</div>")


def _cell(value) -> str:
    if isinstance(value, Html):
        return value.markup
    if isinstance(value, (list, tuple)):
        return esc("; ".join(str(v) for v in value if v is not None))
    if isinstance(value, (pd.Timestamp, dt.date)):
        return esc(fmt_day(value))
    return esc(value)


def table(
    frame: pd.DataFrame, caption: str = "", max_rows: int = 200, empty: str = "Nothing to show for this selection."
) -> Html:
    """An accessible table of ``frame``: its columns as header cells, no index, empty cells for missing values,
    every cell in full. Html values are inserted as they are; lists are joined with "; "."""
    if frame is None or frame.empty:
        return empty_state(empty)
    shown = frame.head(max_rows)
    head = "".join(f"<th scope='col'>{esc(c)}</th>" for c in shown.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>"
        for row in shown.itertuples(index=False, name=None)
    )
    more = (
        f"<p class='lessons-muted'>Showing the first {max_rows} of {len(frame)} rows.</p>"
        if len(frame) > max_rows
        else ""
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return Html(f"<table class='lessons-table'>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}")


def _source_date(s) -> str:
    precision = s.get("date_precision", "day") if hasattr(s, "get") else "day"
    try:
        return fmt_day(s["date"], precision if isinstance(precision, str) else "day")
    except (KeyError, ValueError, TypeError):
        return ""


def publishers(source_ids, sources: pd.DataFrame | None = None) -> str:
    """The publishers of these sources, in order, each once ("Kremlin; The Kyiv Independent"): the short
    form a table column gives; :func:`citations` gives the full list."""
    from . import data

    sources = data.load("sources") if sources is None else sources
    names = (str(sources.loc[i, "publisher"]) if i in sources.index else i for i in data.split_ids(source_ids))
    return "; ".join(dict.fromkeys(names))


def citations(source_ids, sources: pd.DataFrame | None = None) -> Html:
    """A numbered list of citations: publisher, linked title, date, kind and voice."""
    from . import data

    sources = data.load("sources") if sources is None else sources
    ids = list(data.split_ids(source_ids))
    if not ids:
        return empty_state("No source is recorded for this item.")
    items = []
    for sid in ids:
        if sid not in sources.index:
            items.append(f"<li>Unknown source id <code>{esc(sid)}</code></li>")
            continue
        s = sources.loc[sid]
        kind = KIND_LABEL.get(s.get("kind"), s.get("kind"))
        country = f"country: {esc(s.get('country'))}" if esc(s.get("country")) else ""
        extra = "; ".join(v for v in (esc(kind), esc(s.get("voice")), country) if v)
        # accuracy (issue 8): undated pages say so, non-English titles carry their English title,
        # and a text read in a reproduction links to where it was read
        when = _source_date(s) or "no publication date"
        english = f" [{esc(s.get('title_en'))}]" if esc(s.get("title_en")) else ""
        read_at = (
            f" Read in a <a href='{esc(s.get('read_at_url'))}' target='_blank' rel='noopener'>verbatim "
            "reproduction</a>."
            if esc(s.get("read_at_url"))
            else ""
        )
        items.append(
            f"<li><b>{esc(s.get('publisher'))}</b>, <a href='{esc(s.get('url'))}' target='_blank' "
            f"rel='noopener'>{esc(s.get('title'))}</a>{english} ({esc(when)}).{read_at}"
            f" <span class='lessons-muted'>{extra}</span></li>"
        )
    return Html(f"<ol class='lessons-sources'>{''.join(items)}</ol>")


def details(title: str, rows: Iterable[tuple[str, object]], source_ids=None, sources=None) -> Html:
    """A details panel: a heading, label/value rows (plain values are escaped, Html kept) and the sources."""
    body = "".join(f"<tr><th scope='row'>{esc(k)}</th><td>{_cell(v)}</td></tr>" for k, v in rows if _cell(v))
    cites = "" if source_ids is None else f"<div><b>Sources</b>{citations(source_ids, sources).markup}</div>"
    return Html(
        f"<div class='lessons-details' role='group' aria-label='{esc(title)}'><h3>{esc(title)}</h3>"
        f"<table>{body}</table>{cites}</div>"
    )


def quote(text, attribution: str = "") -> Html:
    """A quotation with its attribution (both plain text)."""
    if not esc(text):
        return Html("")
    cite = f"<div class='lessons-quote-by'>— {esc(attribution)}</div>" if attribution else ""
    return Html(f"<blockquote class='lessons-quote'>{esc(text)}{cite}</blockquote>")


def key(items: Iterable[tuple[str, str] | tuple[str, str, str]], title: str = "") -> Html:
    """A colour key that never relies on colour alone: each entry is (colour, label) or (colour, label, mark),
    where mark is a short text or symbol drawn inside the swatch (the same cue as on the figure)."""
    lis = []
    for item in items:
        colour, label, mark = (*item, "")[:3]
        lis.append(
            f"<li><span class='lessons-swatch' style='background:{esc(colour)}' aria-hidden='true'>"
            f"{esc(mark)}</span>{esc(label)}</li>"
        )
    head = f"<b>{esc(title)}</b>" if title else ""
    return Html(f"<div class='lessons-keybox'>{head}<ul class='lessons-key'>{''.join(lis)}</ul></div>")


def panel(*parts, title: str = "") -> Html:
    """A bordered panel holding other pieces."""
    head = f"<h3>{esc(title)}</h3>" if title else ""
    return Html(f"<div class='lessons-panel'>{head}{''.join(raw(p).markup for p in parts)}</div>")


def feedback(verdict: str, message, detail=None) -> Html:
    """Quiz-style feedback: verdict is "ok", "partial" or "wrong" (a text cue is always in the message too)."""
    body = raw(message).markup if isinstance(message, Html) else esc(message)
    more = raw(detail).markup if isinstance(detail, Html) else (f"<div>{esc(detail)}</div>" if detail else "")
    return Html(f"<div class='lessons-{esc(verdict)}' role='status'>{body}{more}</div>")
