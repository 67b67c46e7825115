"""Lesson 05's claim checker in real JupyterLab: a student picks a verdict, reveals the evidence, and can read it
in the light and the dark theme."""

from __future__ import annotations

import pytest

from browser_support import low_contrast, set_theme
from conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def test_claim_checker_reveals_evidence_in_both_themes(lab):
    page = lab().open("05_reading_the_news.ipynb").run_all()
    assert page.error_outputs() == []
    checker = page.page.locator(".lessons-explorer").first
    checker.scroll_into_view_if_needed()
    first = checker.locator(".widget-dropdown select").first
    first.select_option("imprecise")
    checker.get_by_role("button", name="Show the evidence").first.click()
    panel = checker.locator(".lessons-panel").first
    panel.wait_for(timeout=15_000)
    text = panel.inner_text()
    assert "Same verdict" in text and "The evidence" in text and "Sources" in text
    assert first.is_disabled()  # the verdict is fixed once the evidence is shown
    panel.scroll_into_view_if_needed()
    checker.screenshot(path=str(ARTIFACTS / "05-claim-checker-light.png"))
    assert low_contrast(page.page, ".lessons-explorer .lessons-panel") == []
    set_theme(page.page, "JupyterLab Dark")
    panel.scroll_into_view_if_needed()
    checker.screenshot(path=str(ARTIFACTS / "05-claim-checker-dark.png"))
    assert low_contrast(page.page, ".lessons-explorer .lessons-panel") == []
    set_theme(page.page, "JupyterLab Light")
    assert page.blocked == []
