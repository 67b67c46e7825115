"""The one figure engine (lessons.figsync.PlotView) and the Explorer base, driven from Python.

What reaches the browser is the list of custom messages the widget sends; these tests read it.
The browser side (plotly.js loaded once, clicks, width) is checked in tests/test_browser.py.
"""

from __future__ import annotations

import json

import ipywidgets as w
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

import lessons  # noqa: F401  (registers the template)
from lessons import html
from lessons.explorer import Explorer
from lessons.figsync import PLOTLY_JS, PlotView


@pytest.fixture()
def sent(monkeypatch):
    messages = []
    monkeypatch.setattr(PlotView, "send", lambda self, msg, buffers=None: messages.append(msg))
    return messages


def bars(y=(1, 2), title="Bars"):
    fig = go.Figure(
        [
            go.Bar(x=pd.to_datetime(["2025-03-18", "2025-03-25"]), y=list(y), name="bars"),
            go.Scatter(x=[1, 2, 3], y=[3, 1, 2], name="line", customdata=["a", "b", "c"]),
        ]
    )
    fig.update_layout(title=title, height=360, xaxis=dict(type="date"), meta={"alt": "Two bars and a line"})
    return fig


def test_the_first_figure_goes_whole_and_no_plotly_js_goes_with_it(sent):
    view = PlotView(bars())
    assert len(sent) == 1 and sent[0]["type"] == "patch" and sent[0]["ntraces"] == 2
    assert len(json.dumps(sent[0])) < 20_000, "the figure, not the 4.8 MB plotly.js bundle"
    assert "_esm" not in view.keys or len(view._esm) < 20_000
    assert view.height == 360


def test_only_the_trace_that_changed_is_sent(sent):
    view = PlotView(bars())
    fig = bars(y=(5, 1))
    assert view.show(fig) is True
    patch = sent[-1]
    assert list(json.loads(patch["traces"])) == ["0"] and json.loads(patch["layout"]) == {}
    assert view.figure["data"][0]["y"] == [5, 1]


def test_a_changed_layout_key_is_sent_alone(sent):
    view = PlotView(bars())
    view.show(bars(title="Another title"))
    assert json.loads(sent[-1]["traces"]) == {}
    assert list(json.loads(sent[-1]["layout"])) == ["title"]


def test_an_unchanged_figure_sends_nothing(sent):
    view = PlotView(bars())
    count = len(sent)
    assert view.show(bars()) is False
    assert len(sent) == count


def test_a_figure_mutated_in_place_is_still_compared(sent):
    fig = bars()
    view = PlotView(fig)
    fig.data[0].y = [7, 7]
    assert view.show(fig) is True
    assert view.figure["data"][0]["y"] == [7, 7]


def test_fewer_traces_and_removed_layout_keys_reach_the_browser(sent):
    view = PlotView(
        {"data": [{"type": "bar", "y": [1]}, {"type": "bar", "y": [2]}], "layout": {"title": {"text": "x"}}}
    )
    view.show({"data": [{"type": "bar", "y": [1]}], "layout": {}})
    patch = sent[-1]
    assert patch["ntraces"] == 1 and json.loads(patch["layout"]) == {"title": None}
    assert view.figure == {"data": [{"type": "bar", "y": [1]}], "layout": {}}


def test_revisions_chain_so_a_view_that_missed_one_asks_again(sent):
    view = PlotView(bars())
    view.show(bars(y=(2, 2)))
    view.show(bars(y=(3, 3)))
    assert [m["base"] for m in sent] == [0, 1, 2] and [m["rev"] for m in sent] == [1, 2, 3]


def test_a_new_view_gets_the_whole_current_figure(sent):
    view = PlotView(bars())
    view.show(bars(y=(9, 9)))
    view._on_message(view, {"type": "ready"}, [])
    full = sent[-1]
    assert full["type"] == "full" and full["rev"] == 2
    assert json.loads(full["figure"])["data"][0]["y"] == [9, 9]


def test_the_kernel_sends_plotly_js_only_when_a_page_cannot_load_it(sent):
    view = PlotView(bars())
    assert not any(m["type"] == "plotly-js" for m in sent)
    view._on_message(view, {"type": "need-plotly"}, [])
    assert sent[-1]["type"] == "plotly-js" and sent[-1]["source"] == PLOTLY_JS.read_text(encoding="utf-8")


def test_identical_objects_of_a_plain_spec_are_not_serialised_again(sent, monkeypatch):
    outline = {"type": "scattergeo", "lon": list(range(1000)), "lat": list(range(1000))}
    view = PlotView({"data": [outline, {"type": "scattergeo", "lon": [1], "lat": [1]}], "layout": {}})
    calls = []
    import lessons.figsync as figsync

    real = figsync._dumps
    monkeypatch.setattr(figsync, "_dumps", lambda v: calls.append(v) or real(v))
    view.show({"data": [outline, {"type": "scattergeo", "lon": [2], "lat": [2]}], "layout": {}})
    assert outline not in calls and json.loads(sent[-1]["traces"]).keys() == {"1"}


def test_clicks_reach_every_callback_with_one_point(sent):
    view = PlotView(bars())
    got = []
    view.on_click(got.append)
    view._on_message(
        view, {"type": "click", "points": [{"trace": 1, "index": 2, "customdata": "c", "x": 3, "y": 2}]}, []
    )
    assert got == [{"trace": 1, "index": 2, "customdata": "c", "x": 3, "y": 2}]
    assert view.click(1, 0) == {"trace": 1, "index": 0, "customdata": "a", "x": 1, "y": 3}
    assert len(got) == 2


def test_clicks_on_typed_arrays_decode_the_values(sent):
    view = PlotView(go.Figure(go.Scatter(x=np.array([0.5, 1.5]), y=np.array([2.0, 4.0]))))
    assert view.click(0, 1)["y"] == 4.0


def test_show_refuses_what_is_not_a_figure():
    with pytest.raises(TypeError, match="plotly Figure"):
        PlotView("not a figure")


class Counter(Explorer):
    def __init__(self):
        self.refreshes = 0
        self.slider = w.IntSlider(value=3, min=0, max=10, description="Number")
        self.text = w.Text(value="", description="Search")
        super().__init__(summary="A counter")
        self.watch(self.slider)
        self.watch(self.text)
        self.set_children(self.slider, self.text, self.reset_button)

    def refresh(self):
        self.refreshes += 1


def test_an_explorer_refreshes_once_per_change_and_once_for_a_quiet_batch():
    c = Counter()
    c.slider.value = 4
    assert c.refreshes == 1
    with c.quiet():
        c.slider.value = 5
        c.text.value = "x"
        with c.quiet():
            c.slider.value = 6
    assert c.refreshes == 2


def test_reset_restores_every_watched_control_with_one_refresh():
    c = Counter()
    c.slider.value, c.text.value = 9, "abc"
    before = c.refreshes
    c.reset_button.click()
    assert (c.slider.value, c.text.value) == (3, "") and c.refreshes == before + 1


def test_an_explorer_reads_as_its_summary_where_no_widget_is_drawn():
    c = Counter()
    assert repr(c) == "[A counter (interactive: run the notebook to use it)]"
    assert c.children[0].layout.display == "none" and "<style>" in c.children[0].value


def test_the_alt_and_table_accordion_holds_html():
    box = Explorer.alt_table_box(html.Html("<p>A description</p>"), html.table(pd.DataFrame({"a": [1]})))
    assert box.selected_index is None and box.get_title(0).startswith("Describe")
    assert "<table" in box.children[1].value
