"""The lessons in real JupyterLab in headless Chromium, with the network cut off.

Each notebook is opened, run from the top with a live kernel, and read back as a
student would see it: no error output, every plotly figure drawn, widgets shown,
and not one request leaving the machine. Screenshots land in tests/artifacts/.
"""

from __future__ import annotations

import os
import subprocess
import urllib.request
from pathlib import Path

import nbformat
import pytest

from lessons import catalog

from conftest import ARTIFACTS, ROOT, free_port, stop, wait_for_http

pytestmark = pytest.mark.browser

@pytest.mark.parametrize("lesson", catalog.LESSONS, ids=lambda l: l.notebook)
def test_notebook_runs_in_jupyterlab_offline(lab, lesson):
    page = lab().open(lesson.notebook).run_all()
    page.screenshot(lesson.notebook.removesuffix(".ipynb"))
    assert page.error_outputs() == []
    assert page.blocked == [], f"requests left the machine: {page.blocked}"
    body = page.page.inner_text(".jp-Notebook")
    assert "Traceback" not in body
    if lesson.id == "00":
        assert "Everything the lessons need is here." in body
        assert page.count(".jp-OutputArea-output table") >= 2  # the lesson map and the environment check
    nb = nbformat.read(ROOT / "notebooks" / lesson.notebook, as_version=4)
    static = sum("application/vnd.plotly.v1+json" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    widgets = sum("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert page.count(".jp-RenderedPlotly .main-svg") >= static, "every static figure is drawn"
    # every explorer is drawn as a widget, and explorers with a figure draw it as a live plotly plot
    assert page.count(".jp-OutputArea-output .widget-vbox") >= widgets
    for i, box in enumerate(page.page.locator(".jp-OutputArea-output > .widget-vbox").all()):
        box.scroll_into_view_if_needed()
        box.screenshot(path=str(ARTIFACTS / f"{lesson.notebook.removesuffix('.ipynb')}-widget{i}.png"))


def test_make_lab_serves_jupyterlab_on_the_start_notebook(tmp_path):
    """The README's first command, as a newcomer runs it (set-up is already done)."""
    port = free_port()
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path), JUPYTERLAB_WORKSPACES_DIR=str(tmp_path))
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --IdentityProvider.token= --LabApp.news_url=None"
    process = subprocess.Popen(["make", "lab", f"LAB_ARGS={args}"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True, text=True)
    try:
        assert wait_for_http(f"http://127.0.0.1:{port}/lab", timeout=120) == 200
        # jupyter serves the folder of the notebook it was asked to open, and opens that notebook
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents/00_start_here.ipynb?content=0") as r:
            assert r.status == 200 and b'"type": "notebook"' in r.read().replace(b'"type":"notebook"', b'"type": "notebook"')
    finally:
        stop(process)
    assert "00_start_here.ipynb" in Path(ROOT / "Makefile").read_text()


def test_clicking_an_event_shows_its_sources(lab):
    """A student clicks a mark on the timeline in lesson 03 and reads the event and its sources."""
    page = lab().open("03_crimea_1991_2014.ipynb").run_all()
    explorer = page.page.locator(".jp-OutputArea-output > .widget-vbox").first
    explorer.scroll_into_view_if_needed()
    details = explorer.locator(".lessons-empty, .lessons-details").first
    assert "No event selected" in details.inner_text()
    point = explorer.locator(".js-plotly-plot .scatterlayer .points path.point").nth(5)
    point.click(force=True)
    explorer.locator(".lessons-details").first.wait_for(timeout=15_000)
    text = explorer.locator(".lessons-details").first.inner_text()
    assert "Sources" in text and ("primary source" in text or "secondary source" in text)
    explorer.screenshot(path=str(ARTIFACTS / "03-timeline-clicked.png"))
    # the same without a mouse: the next-event button moves the selection and the panel follows
    explorer.get_by_role("button", name="Next event").click()
    page.page.wait_for_timeout(500)
    assert explorer.locator(".lessons-details").first.inner_text() != text
    assert page.blocked == []


def test_quiz_scores_an_answer_in_the_browser(lab):
    page = lab().open("01_the_call.ipynb").run_all()
    quiz = page.page.locator(".lessons-quiz").first
    quiz.scroll_into_view_if_needed()
    assert "Score: 0 / 8" in quiz.inner_text()
    quiz.locator("input[type=radio]").first.check()
    quiz.get_by_role("button", name="Check").click()
    page.page.wait_for_function("() => !document.querySelector('.lessons-quiz').innerText.includes('0 of 8 checked')")
    assert "1 of 8 checked" in quiz.inner_text()
