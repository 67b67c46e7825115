"""HTML as objects: what a notebook shows is rendered HTML, readable in both themes."""

from __future__ import annotations

import re

import pandas as pd
from conftest import SCRIPT, fake_source

from lessons import html, style


def test_builders_return_objects_that_display_as_html():
    for piece in (
        html.empty_state("Nothing"),
        html.table(pd.DataFrame({"a": [1]})),
        html.quote("q", "who"),
        html.key([("#000", "label")]),
        html.panel("x", title="t"),
        html.feedback("ok", "Right"),
    ):
        assert isinstance(piece, html.Html)
        shown = piece._repr_html_()
        assert shown.startswith("<style>") and "class='lessons'" in shown
        assert not repr(piece).startswith(("'", '"')), "a reader never sees a quoted string"


def test_data_is_escaped_everywhere():
    frame = pd.DataFrame({"name": [SCRIPT]})
    for piece in (
        html.empty_state(SCRIPT, SCRIPT),
        html.table(frame, caption=SCRIPT),
        html.quote(SCRIPT, SCRIPT),
        html.key([("#000", SCRIPT)]),
        html.details(SCRIPT, [(SCRIPT, SCRIPT)]),
        html.feedback("ok", SCRIPT),
    ):
        assert "<script>" not in str(piece)


def test_tables_have_no_index_no_nan_and_full_cells():
    frame = pd.DataFrame({"Who": ["Kremlin", None], "Said": ["x" * 300, pd.NA]}, index=[7, 8])
    markup = str(html.table(frame, caption="Readouts"))
    assert "<th scope='col'>Who</th>" in markup and ">7<" not in markup
    assert "NaN" not in markup and "&lt;NA&gt;" not in markup and "None" not in markup
    assert "x" * 300 in markup and "…" not in markup
    assert "<caption>Readouts</caption>" in markup


def test_an_empty_table_says_so():
    assert "lessons-empty" in str(html.table(pd.DataFrame(), empty="No rows"))


def test_dates_read_as_people_write_them():
    assert html.fmt_day("2025-03-08") == "8 March 2025"
    assert html.fmt_day(pd.Timestamp("2014-03-16"), "month") == "March 2014"
    assert html.fmt_day("1991-01-20", "year") == "1991"
    assert html.fmt_day(None) == "" and html.fmt_day(pd.NaT) == ""


def test_citations_are_numbered_and_linked():
    sources = pd.DataFrame([fake_source("s1", title=SCRIPT), fake_source("s2")]).set_index("id")
    markup = str(html.citations("s1;s2;missing", sources))
    assert markup.startswith("<ol class='lessons-sources'>") and markup.count("<li>") == 3
    assert "href='https://example.org/s2'" in markup and "<script>" not in markup
    assert "Unknown source id" in markup


def test_the_stylesheet_uses_jupyterlab_theme_variables_and_markup_has_no_inline_colour():
    assert "var(--jp-ui-font-color1" in style.CSS and "var(--jp-layout-color1" in style.CSS
    for piece in (html.empty_state("x"), html.feedback("wrong", "No"), html.details("t", [("a", "b")])):
        assert not re.search(r"style='[^']*color", str(piece))
