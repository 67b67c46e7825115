"""The quiz as a student meets it in JupyterLab in Chromium: a wrong answer gets a second try, a right one
scores "1 of 8"; the feedback is readable (contrast >= 4.5:1 from the page's own styles) in the light and the
dark theme. Element screenshots go to tests/artifacts/ (look at them)."""

from __future__ import annotations

import pytest
from browser_support import DARK, LIGHT, low_contrast, set_theme
from conftest import ARTIFACTS

pytestmark = pytest.mark.browser

RIGHT = "Only the Kremlin readout"
WRONG = "Only the White House readout"


def choose(quiz, label: str) -> None:
    quiz.locator("label", has_text=label).locator("input[type=radio]").check()


def test_wrong_then_right_scores_one_of_eight_and_feedback_reads_in_both_themes(lab):
    page = lab().open("01_the_call.ipynb").run_all()
    assert page.error_outputs() == []
    p = page.page
    quiz = p.locator(".lessons-quiz").first
    quiz.scroll_into_view_if_needed()
    assert "Score: 0 of 8" in quiz.inner_text()

    choose(quiz, WRONG)
    quiz.get_by_role("button", name="Check").click()
    feedback = quiz.locator(".lessons-quiz-feedback")
    feedback.wait_for(timeout=30_000)
    text = feedback.inner_text()
    assert "Not quite" in text and "Try once more" in text
    assert "The data row that proves it" not in text, "the answer is not revealed before the second try"
    assert "Score: 0 of 8" in quiz.inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    quiz.screenshot(path=str(ARTIFACTS / "quiz-01-first-try-light.png"))

    choose(quiz, RIGHT)
    quiz.get_by_role("button", name="Check").click()
    p.wait_for_function(
        "() => document.querySelector('.lessons-quiz').innerText.includes('Score: 1 of 8')", timeout=30_000
    )
    text = quiz.inner_text()
    assert "Correct" in text and "The data row that proves it" in text and "1 of 8 checked" in text
    assert low_contrast(p, ".lessons-quiz-feedback") == []
    quiz.screenshot(path=str(ARTIFACTS / "quiz-01-right-light.png"))

    set_theme(p, DARK)
    quiz.scroll_into_view_if_needed()
    background = p.evaluate("() => getComputedStyle(document.querySelector('.lessons-quiz-feedback')).backgroundColor")
    assert background not in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), "the feedback takes the dark theme's colours"
    bad = low_contrast(p, ".lessons-quiz")
    assert bad == [], bad
    quiz.screenshot(path=str(ARTIFACTS / "quiz-01-right-dark.png"))

    quiz.get_by_role("button", name="Reset").click()
    confirm = quiz.get_by_role("button", name="Yes, clear all")
    confirm.wait_for(timeout=10_000)
    assert "Clear every answer and the score?" in quiz.inner_text() and "Score: 1 of 8" in quiz.inner_text()
    assert low_contrast(p, ".lessons-quiz") == []
    quiz.screenshot(path=str(ARTIFACTS / "quiz-01-reset-confirm-dark.png"))
    confirm.click()
    p.wait_for_function(
        "() => document.querySelector('.lessons-quiz').innerText.includes('Score: 0 of 8')", timeout=30_000
    )
    set_theme(p, LIGHT)

    # question 6 orders items: checking it untouched only asks the student to move them
    for _ in range(5):
        quiz.get_by_role("button", name="Next").click()
    p.wait_for_function("() => document.querySelector('.lessons-quiz').innerText.includes('Question 6 of 8')")
    quiz.get_by_role("button", name="Check").click()
    p.wait_for_function("() => document.querySelector('.lessons-quiz').innerText.includes('Move the items first')")
    assert "0 of 8 checked" in quiz.inner_text()

    # question 7 matches accounts with wordings: the dropdowns show the whole chosen option
    quiz.get_by_role("button", name="Next").click()
    p.wait_for_function("() => document.querySelector('.lessons-quiz').innerText.includes('Question 7 of 8')")
    selects = quiz.locator("select")
    assert selects.count() == 3
    for i in range(3):
        selects.nth(i).select_option(index=i)
    widths = selects.evaluate_all("els => els.map(e => [e.scrollWidth, e.clientWidth])")
    assert all(scroll <= client + 2 for scroll, client in widths), widths
    # each menu is named for a screen reader by the item it matches; the name takes no room on screen
    names = selects.evaluate_all("els => els.map(e => e.labels.length ? e.labels[0].textContent : '')")
    assert all(name.startswith("Match: ") and len(name) > 10 for name in names), names
    label_boxes = selects.evaluate_all("els => els.map(e => e.labels[0].getBoundingClientRect().width)")
    assert all(width <= 1 for width in label_boxes), label_boxes
    rows = [name.removeprefix("Match: ").replace("\u00a0", " ") for name in names]
    assert all(row[:20] in quiz.inner_text().replace("\u00a0", " ") for row in rows), rows
    quiz.get_by_role("button", name="Check").click()
    quiz.locator(".lessons-quiz-feedback").wait_for(timeout=30_000)
    quiz.screenshot(path=str(ARTIFACTS / "quiz-01-match-light.png"))
