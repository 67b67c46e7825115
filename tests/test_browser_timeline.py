"""The timeline as a student sees it in real JupyterLab in Chromium (1400x900, light and dark theme).

A small notebook with the explorer of lesson 00 and the static figure of lesson 01 is run in the test
server's copy of notebooks/. The tests assert what a student should see after each action and save
element screenshots to tests/artifacts/ (look at them).
"""

from __future__ import annotations

import re

import nbformat
import pytest
from browser_support import (
    DARK,
    LIGHT,
    low_contrast,
    quoted_html,
    set_theme,
    tick_labels,
)
from conftest import ARTIFACTS, LabPage

pytestmark = pytest.mark.browser

NOTEBOOK = "timeline_check.ipynb"
MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"


@pytest.fixture(scope="module")
def page(browser, lab_server):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell(
                "from lessons import data, timeline\n"
                'explorer = timeline.TimelineExplorer(preset="1 Mar–30 Apr 2025")\nexplorer'
            ),
            nbformat.v4.new_code_cell(
                'spring = timeline.filter_events(data.load("events"), start="2025-03-01", '
                'end="2025-04-30")\ntimeline.timeline_figure(spring)'
            ),
            # an event with twelve sources: are the list numbers from 10 up readable?
            nbformat.v4.new_code_cell(
                'vote = data.load("events").loc[["ev-2014-03-16-crimea-vote"]].copy()\n'
                'vote["source_ids"] = [tuple(data.load("sources").index[:12])]\n'
                'timeline.event_details("ev-2014-03-16-crimea-vote", vote)'
            ),
        ],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}},
    )
    nbformat.write(nb, lab_server["root"] / NOTEBOOK)
    lab = LabPage(browser, lab_server)
    lab.context.close()  # a laptop's viewport, not the tall one of the lesson walk
    lab.context = browser.new_context(viewport={"width": 1400, "height": 900})
    lab.page = lab.context.new_page()
    lab.page.route("**/*", lab._route)
    lab.open(NOTEBOOK).run_all()
    yield lab
    lab.close()


def explorer(page):
    return page.page.locator(".jp-OutputArea-output > .widget-vbox.lessons-explorer").first


def shot(locator, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    locator.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def reset(box):
    box.locator("button.widget-button", has_text="Reset").click()


def wait_plot(page, box):
    box.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=30_000)
    page.page.wait_for_timeout(600)


def test_time_axis_shows_dates_and_marks_have_labels(page):
    box = explorer(page)
    box.scroll_into_view_if_needed()
    wait_plot(page, box)
    plot = box.locator(".js-plotly-plot").first
    ticks = tick_labels(plot, "x")
    assert ticks and all(re.search(MONTHS, t) or re.fullmatch(r"\d{4}", t) for t in ticks), ticks
    assert not any(re.fullmatch(r"[\d.,]+[kMG]?", t) and len(t) > 4 for t in ticks), ticks
    lanes = tick_labels(plot, "y")
    assert "Diplomacy" in lanes and not any(re.fullmatch(r"Periods \d", t) for t in lanes), lanes
    labels = [t for t in plot.locator(".scatterlayer .textpoint text").all_text_contents() if t.strip()]
    assert len(labels) >= 5, labels
    assert any("call" in t.lower() for t in plot.locator(".annotation-text").all_text_contents())
    assert quoted_html(page.page) == []
    shot(box, "timeline-explorer-light")
    figure = page.page.locator(".jp-RenderedPlotly").first
    figure.scroll_into_view_if_needed()
    assert tick_labels(figure, "x") and all(
        re.search(MONTHS, t) or re.fullmatch(r"\d{4}", t) for t in tick_labels(figure, "x")
    )
    shot(figure, "timeline-static-light")


def test_empty_state_shows_for_no_match_and_goes_when_results_return(page):
    box = explorer(page)
    search = box.locator("input[placeholder='a word, a date or a place']")
    search.fill("zzqx")
    status = box.locator(".lessons-empty", has_text="zzqx")
    status.first.wait_for(timeout=15_000)
    page.page.wait_for_timeout(500)
    plot = box.locator(".js-plotly-plot").first
    assert "No event matches" in plot.inner_text()
    assert tick_labels(plot, "x") == []  # no numeric axes on an empty chart
    # the figure's box is the empty figure's height: no blank space kept from the first draw under it
    area = box.locator(".lessons-plot-area").first
    heights = area.evaluate(
        "el => [el.getBoundingClientRect().height, el.querySelector('.main-svg').getBoundingClientRect().height]"
    )
    assert heights[0] <= heights[1] + 8, heights
    shot(box, "timeline-empty-light")
    search.fill("ceasefire")
    page.page.wait_for_function(
        "() => !document.querySelector('.lessons-explorer').innerText.includes('zzqx')", timeout=15_000
    )
    page.page.wait_for_timeout(800)
    assert "No event matches" not in box.inner_text()
    assert "No event matches" not in plot.inner_text()
    assert tick_labels(plot, "x")
    reset(box)
    page.page.wait_for_function(
        "() => document.querySelector('.lessons-explorer input[placeholder=\"a word, a date or a place\"]').value === ''"
    )


def test_clicking_a_mark_shows_its_details_beside_the_figure(page):
    box = explorer(page)
    reset(box)
    page.page.wait_for_timeout(800)
    plot = box.locator(".js-plotly-plot").first
    plot.scroll_into_view_if_needed()
    point = plot.locator(".scatterlayer .trace .points path.point").nth(3)
    point.click(force=True)
    panel = box.locator(".lessons-timeline-details .lessons-details")
    panel.wait_for(timeout=15_000)
    text = panel.inner_text()
    assert "Sources" in text and ("primary source" in text or "secondary source" in text)
    # a laptop user sees the panel without scrolling after the click
    viewport = page.page.viewport_size
    top = panel.bounding_box()
    assert top is not None and 0 <= top["y"] < viewport["height"] - 150, top
    page.page.screenshot(path=str(ARTIFACTS / "timeline-laptop-after-click.png"))
    shot(box, "timeline-clicked-light")
    assert low_contrast(page.page, ".lessons-explorer .lessons-details") == []


def test_other_lanes_and_the_1991_2014_view_keep_dates_and_labels(page):
    box = explorer(page)
    box.scroll_into_view_if_needed()
    box.locator("button.widget-button", has_text="1991–2014").click()
    # spring 2014 stacks in one column at this scale: the title's second line says so, above the plot
    note = box.locator(".gtitle-subtitle, .gtitle", has_text="share one spot at this scale").first
    note.wait_for(timeout=15_000)
    where, plot_area = note.bounding_box(), box.locator(".nsewdrag").first.bounding_box()
    assert where["y"] + where["height"] <= plot_area["y"] + 2, (where, plot_area)
    assert "from 1 January 1991 to 31 December 2014" in box.inner_text()
    shot(box, "timeline-1991-2014-light")
    box.locator("button", has_text="By actor").click()
    page.page.wait_for_timeout(1500)
    shot(box, "timeline-by-actor-light")
    plot = box.locator(".js-plotly-plot").first
    ticks = tick_labels(plot, "x")
    assert ticks and all(re.fullmatch(r"\d{4}", t) or re.search(MONTHS, t) for t in ticks), ticks
    assert "Ukraine" in tick_labels(plot, "y")
    assert len([t for t in plot.locator(".scatterlayer .textpoint text").all_text_contents() if t.strip()]) >= 5
    shot(box, "timeline-1991-2014-by-actor-light")
    reset(box)
    page.page.wait_for_timeout(800)


def test_dark_theme_is_readable(page):
    box = explorer(page)
    set_theme(page.page, DARK)
    try:
        box.scroll_into_view_if_needed()
        page.page.wait_for_timeout(500)
        assert (
            low_contrast(
                page.page,
                ".lessons-explorer .lessons-keybox, .lessons-explorer .lessons-details, "
                ".lessons-explorer .lessons-empty",
            )
            == []
        )
        shot(box, "timeline-explorer-dark")
        figure = page.page.locator(".jp-RenderedPlotly").first
        figure.scroll_into_view_if_needed()
        shot(figure, "timeline-static-dark")
    finally:
        set_theme(page.page, LIGHT)


MARKER_FITS = """ol => {
  const st = getComputedStyle(ol);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = st.fontSize + ' ' + st.fontFamily;
  return parseFloat(st.paddingLeft) - ctx.measureText(ol.children.length + '. ').width;
}"""


def test_source_numbers_from_10_up_are_not_clipped(page):
    panel = page.page.locator(".jp-OutputArea-output .lessons-event").last
    panel.scroll_into_view_if_needed()
    sources = panel.locator("ol.lessons-sources").first
    assert sources.locator("li").count() == 12
    assert sources.evaluate(MARKER_FITS) >= 0  # the padding holds "12. "
    assert quoted_html(page.page) == []
    shot(panel, "timeline-details-12-sources-light")
