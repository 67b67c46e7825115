"""The map explorer and the static map in real JupyterLab in Chromium: labels are visible text in the SVG,
the 2025 title and the 'not drawn' note say what the map shows, and element screenshots light and dark."""

from __future__ import annotations

import nbformat
import pytest

from browser_support import set_theme
from conftest import ARTIFACTS

pytestmark = pytest.mark.browser

CELLS = [
    "from lessons import mapview\nex = mapview.MapExplorer()\nex.set_view('2025')\nex",
    "mapview.map_figure(as_of='2014-03-18', view='2014')",
    "mapview.map_figure(as_of='1991-01-20')",
    "mapview.map_figure(view='vote-1991')",
]


def _svg_text(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(f"{selector} text", "els => els.map(e => e.textContent)")


def test_map_labels_title_and_note_in_the_browser(lab, lab_server):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, lab_server["root"] / "map_check.ipynb")
    page = lab().open("map_check.ipynb").run_all()
    p = page.page
    p.set_viewport_size({"width": 1400, "height": 900})
    assert page.error_outputs() == [] and page.blocked == []
    widget = ".jp-OutputArea-output .lessons-explorer .js-plotly-plot"
    p.wait_for_selector(widget, timeout=60_000)
    p.wait_for_timeout(1500)
    texts = _svg_text(p, widget)
    joined = " ".join(texts)
    for name in ("Kyiv", "Odesa", "Sevastopol", "Kerch", "Black Sea", "Sea of Azov", "RUSSIA", "UKRAINE"):
        assert name in texts or name in joined, name
    assert "Energy facilities and Black Sea ports, 18 March 2025" in joined
    assert "Only Crimea's control is shaded" in joined and "front line" in joined
    static = ".jp-RenderedPlotly .main-svg"
    static_texts = " ".join(_svg_text(p, ".jp-RenderedPlotly"))
    for name in ("Simferopol", "Yalta", "Belbek", "Sea of Azov", "Crimea contested"):
        assert name in static_texts, name
    overview_1991 = " ".join(p.locator(".jp-RenderedPlotly").nth(1).locator("text").all_text_contents())
    assert "20 January 1991" in overview_1991 and "Ukrainian SSR" in overview_1991 and "Black Sea" in overview_1991
    assert p.locator("button:has-text('Play')").count() >= 1 and p.locator("button:has-text('Stop')").count() >= 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for theme in ("JupyterLab Light", "JupyterLab Dark"):
        set_theme(p, theme)
        tag = "dark" if "Dark" in theme else "light"
        box = p.locator(".jp-OutputArea-output .lessons-explorer").first
        box.scroll_into_view_if_needed()
        box.screenshot(path=str(ARTIFACTS / f"map-explorer-2025-{tag}.png"))
        p.locator(static).first.scroll_into_view_if_needed()
        for i, name in enumerate(("2014", "1991-overview", "1991-vote")):
            out = p.locator(".jp-RenderedPlotly").nth(i)
            out.scroll_into_view_if_needed()
            out.screenshot(path=str(ARTIFACTS / f"map-static-{name}-{tag}.png"))
