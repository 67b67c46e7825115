"""A keyboard path through every explorer, in real JupyterLab in Chromium, without the mouse.

Each test opens a lesson, runs it, puts the focus at the start of one explorer's output (where a student's
cell navigation leaves it: a setup step, not a click) and from there uses only ``page.keyboard``: Tab and
Shift+Tab to reach a control, the arrow keys, Enter and Space to operate it. It then asserts that the details
of a selected item (a position, a readout topic, a ceasefire term, an event, a place, the quiz's feedback)
are shown without a click on the plot, and that every control the focus lands on carries a visible focus
indicator (a computed outline that is not ``none``). Screenshots of the focused explorer go to
tests/artifacts/keyboard-*.png.

The axe-core audit per lesson, in both themes, is in tests/test_browser.py (not repeated here).
"""

from __future__ import annotations

import pytest
from browser_support import axe_audit
from conftest import ARTIFACTS, ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = pytest.mark.browser

#: The focused element: does it show a focus ring (outline, or a box-shadow), and is it on screen?
FOCUSED = """() => {
  const el = document.activeElement; const s = getComputedStyle(el); const r = el.getBoundingClientRect();
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const shadow = !!s.boxShadow && s.boxShadow !== 'none';
  return {tag: el.tagName, text: (el.innerText || el.value || '').trim().slice(0, 40), ring: outline || shadow,
          outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`, shadow: s.boxShadow,
          onscreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight};
}"""

#: The text of the label of a form control (ipywidgets' description), or the control's own text.
NAME = """(el) => ((el.labels && el.labels[0] && el.labels[0].textContent)
  || (el.closest('.widget-inline-hbox') && el.closest('.widget-inline-hbox').querySelector('.widget-label')
      && el.closest('.widget-inline-hbox').querySelector('.widget-label').textContent)
  || el.getAttribute('aria-label') || el.innerText || '').replace(/\\u00a0/g, ' ').trim()"""


def assert_axe_clean(page, root) -> None:
    """axe-core over what the keyboard opened (details, tables, feedback): nothing above minor."""
    if not AXE.exists():
        return  # tests/test_browser.py says why (npm); the keyboard path is still walked
    root.evaluate("el => el.setAttribute('data-axe-scope', '1')")
    found = axe_audit(page.page, AXE.read_text(encoding="utf-8"), "[data-axe-scope]")
    assert [v for v in found if v["impact"] != "minor"] == [], found


def box(page, selector: str, text: str):
    """The explorer whose text contains ``text``, with the focus placed just before its first control."""
    loc = page.page.locator(selector, has_text=text).first
    loc.wait_for(timeout=30_000)
    loc.scroll_into_view_if_needed()
    # where keyboard navigation to the cell leaves the student: on the output, before its controls
    loc.evaluate("el => { el.setAttribute('tabindex', '-1'); el.focus(); }")
    return loc


def focused_in(root, test_js: str) -> bool:
    return root.evaluate(
        f"(root) => {{ const el = document.activeElement;"
        f" return root.contains(el) && el !== root && ({test_js})(el); }}"
    )


def tab_to(page, root, test_js: str, what: str, back: bool = False, limit: int = 60) -> dict:
    """Press Tab (or Shift+Tab) until the focused element inside ``root`` passes ``test_js``; check its ring."""
    seen = []
    for _ in range(limit):
        page.page.keyboard.press("Shift+Tab" if back else "Tab")
        state = page.page.evaluate(FOCUSED)
        seen.append(f"{state['tag']}:{state['text'][:20]}")
        if focused_in(root, test_js):
            assert_focus_visible(page, what)
            return state
    raise AssertionError(f"{what} not reached with {'Shift+Tab' if back else 'Tab'} in {limit} presses: {seen}")


def assert_focus_visible(page, what: str) -> None:
    state = page.page.evaluate(FOCUSED)
    assert state["ring"], f"{what} has focus but no visible focus indicator: {state}"
    assert state["onscreen"], f"{what} has focus but is off screen: {state}"


def labelled(name: str, tag: str = "") -> str:
    """A test for ``tab_to``: the focused control is named ``name`` (and is a ``tag``)."""
    tag_test = f"el.tagName === '{tag.upper()}' && " if tag else ""
    return f"(el) => {tag_test}({NAME})(el) === {name!r}"


def text_starts(prefix: str, tag: str = "BUTTON") -> str:
    return f"(el) => el.tagName === '{tag}' && ({NAME})(el).startsWith({prefix!r})"


def details_text(root, timeout: int = 15_000) -> str:
    panel = root.locator(".lessons-details").first
    panel.wait_for(timeout=timeout)
    return panel.inner_text()


def shoot(root, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    root.screenshot(path=str(ARTIFACTS / f"keyboard-{name}.png"))


def selected_text(page) -> str:
    return page.page.evaluate(
        "() => { const s = document.activeElement;"
        " return s.selectedOptions && s.selectedOptions[0] ?"
        " s.selectedOptions[0].text.replace(/\\u00a0/g, ' ') : ''; }"
    )


def test_keyboard_positions_issue_menu_with_arrow_keys(lab):
    """Lesson 04: Tab to the Issue menu, ArrowDown to the next issue; the statements panel follows."""
    page = lab().open("04_positions.ipynb").run_all()
    root = box(page, ".lessons-explorer", "Compare with another party")
    before = details_text(root)
    tab_to(page, root, labelled("Issue", "select"), "the Issue menu")
    page.page.keyboard.press("ArrowDown")
    issue = selected_text(page)
    root.locator(".lessons-details", has_text=issue).first.wait_for(timeout=15_000)
    after = details_text(root)
    assert after != before and issue in after and "Stance toward the proposition" in after
    # and back: Shift+Tab reaches the Party menu, Tab the Reset button; Enter puts the issue back
    tab_to(page, root, labelled("Party", "select"), "the Party menu", back=True)
    tab_to(page, root, text_starts("Reset"), "the Reset button")
    shoot(root, "positions")
    page.page.keyboard.press("Enter")
    root.locator(".lessons-details", has_text=before.splitlines()[0]).first.wait_for(timeout=15_000)
    assert page.blocked == []


def test_keyboard_readouts_topic_list_and_filter(lab):
    """Lesson 01: Space on a filter button, Tab to the topic list, ArrowDown selects a topic: its details show."""
    page = lab().open("01_the_call.ipynb").run_all()
    root = box(page, ".lessons-explorer", "only White House")
    tab_to(page, root, text_starts("both mention"), "the 'both mention' filter")
    page.page.keyboard.press("Space")
    page.page.wait_for_function(
        "() => [...document.querySelectorAll('.lessons-explorer button.mod-active')]"
        ".some(b => b.innerText.includes('both mention'))",
        timeout=15_000,
    )
    tab_to(page, root, labelled("Topic", "select"), "the Topic list")
    page.page.keyboard.press("ArrowDown")
    topic = selected_text(page)
    assert topic, "ArrowDown chose a topic"
    text = details_text(root)
    assert topic.split(". ", 1)[-1][:30] in text.replace("\xa0", " ")
    assert_focus_visible(page, "the Topic list")
    shoot(root, "readouts")
    assert page.blocked == []


def test_keyboard_ceasefire_term_menu(lab):
    """Lesson 02: Tab to the "Term or event" menu, ArrowDown chooses the first term: its details and sources show."""
    page = lab().open("02_ceasefire_terms.ipynb").run_all()
    root = box(page, ".lessons-explorer", "Terms by status")
    tab_to(page, root, labelled("Term or event", "select"), "the Term or event menu")
    page.page.keyboard.press("ArrowDown")
    term = selected_text(page)
    text = details_text(root)
    assert term and "Sources" in text, (term, text[:200])
    assert_focus_visible(page, "the Term or event menu")
    shoot(root, "ceasefire")
    assert page.blocked == []


def test_keyboard_timeline_next_event(lab):
    """Lesson 03: Tab to "Next event", Enter selects an event (details and sources), Space the next one."""
    page = lab().open("03_crimea_1991_2014.ipynb").run_all()
    root = box(page, ".lessons-explorer, .jp-OutputArea-output > .widget-vbox", "Next event")
    tab_to(page, root, text_starts("Next event"), "the Next event button")
    page.page.keyboard.press("Enter")
    first = details_text(root)
    assert "Sources" in first
    page.page.keyboard.press("Space")
    page.page.wait_for_function(
        "(t) => { const d = document.querySelector('.lessons-details'); return d && d.innerText !== t; }",
        arg=first,
        timeout=15_000,
    )
    assert_focus_visible(page, "the Next event button")
    shoot(root, "timeline")
    assert page.blocked == []


def test_keyboard_map_date_slider_place_menu_and_table(lab):
    """Lesson 03: the date slider moves with the arrow keys; the Place menu reaches a place's details (the map
    itself cannot be walked point by point); the "Data as a table" section opens with Enter."""
    page = lab().open("03_crimea_1991_2014.ipynb").run_all()
    root = box(page, ".lessons-explorer", "Loop")
    tab_to(
        page,
        root,
        "(el) => el.getAttribute('role') === 'slider' || el.classList.contains('noUi-handle')",
        "the Date slider",
    )
    readout = root.locator(".widget-readout").first
    before = readout.inner_text()
    page.page.keyboard.press("ArrowLeft")
    page.page.wait_for_function(
        "([el, t]) => el.innerText !== t", arg=[readout.element_handle(), before], timeout=15_000
    )
    tab_to(page, root, f"(el) => el.tagName === 'SELECT' && ({NAME})(el) === 'Place'", "the Place menu")
    for _ in range(3):
        page.page.keyboard.press("ArrowDown")
    chosen = page.page.evaluate("() => document.activeElement.selectedOptions[0].textContent")
    name = chosen.replace("\u00a0", " ").split(" \u2014 ")[0]  # ipywidgets writes option spaces as nbsp
    details = root.locator(".lessons-details", has_text=name).first
    details.wait_for(timeout=15_000)
    assert "Crimean Tatar" in details.inner_text() and "Sources" in details.inner_text()
    tab_to(
        page,
        root,
        "(el) => (el.innerText || el.textContent || '').includes('Data as a table')",
        "the Data as a table section",
    )
    assert page.page.evaluate("() => document.activeElement.getAttribute('role')") == "button"
    page.page.keyboard.press("Enter")
    table = root.locator(".lessons-table").first
    table.wait_for(timeout=20_000)
    assert "Sevastopol" in table.inner_text()
    assert page.page.evaluate("() => document.activeElement.getAttribute('aria-expanded')") == "true"
    assert_axe_clean(page, root)  # the place's details and the open table, as the keyboard left them
    shoot(root, "map")
    assert page.blocked == []


def test_keyboard_quiz_answer_and_check(lab):
    """Lesson 01: Tab to the first answer, Space chooses it, Tab to Check, Enter: the feedback shows, focus stays."""
    page = lab().open("01_the_call.ipynb").run_all()
    root = box(page, ".lessons-quiz", "Score")
    tab_to(page, root, "(el) => el.tagName === 'INPUT' && el.type === 'radio'", "the first answer")
    page.page.keyboard.press("Space")
    assert page.page.evaluate("() => document.activeElement.checked"), "Space chose the answer"
    tab_to(page, root, text_starts("Check"), "the Check button")
    page.page.keyboard.press("Enter")
    feedback = root.locator(
        ".lessons-quiz-feedback:not([data-mark=unanswered]), .lessons-ok, .lessons-wrong, .lessons-partial"
    ).first
    feedback.wait_for(timeout=15_000)
    assert feedback.inner_text().strip(), "the answer's feedback is shown"
    assert_focus_visible(page, "the Check button")
    assert_axe_clean(page, root)  # the feedback as shown
    shoot(root, "quiz")
    assert page.blocked == []


def test_keyboard_claim_checker_verdict_and_evidence(lab):
    """Lesson 05: Tab to the first claim's verdict menu, ArrowDown chooses one, Tab to "Show the evidence",
    Enter: the evidence and the package's verdict show, and the menu is locked."""
    page = lab().open("05_reading_the_news.ipynb").run_all()
    root = box(page, ".lessons-explorer", "Show the evidence")
    tab_to(page, root, "(el) => el.tagName === 'SELECT'", "the first verdict menu")
    page.page.keyboard.press("ArrowDown")
    chosen = page.page.evaluate("() => document.activeElement.value")
    assert chosen, "ArrowDown chose a verdict"
    tab_to(page, root, text_starts("Show the evidence"), "the Show the evidence button")
    page.page.keyboard.press("Enter")
    panel = root.locator(".lessons-panel").first
    panel.wait_for(timeout=15_000)
    assert "The evidence" in panel.inner_text() and "Sources" in panel.inner_text()
    assert root.locator(".widget-dropdown select").first.is_disabled()
    assert_axe_clean(page, root)
    shoot(root, "claims")
    assert page.blocked == []
