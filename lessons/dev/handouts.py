"""Print every lesson page of the static site to a PDF handout with headless Chromium.

    python -m lessons.dev.handouts                 # _site/handouts/<id>.pdf, A4
    python -m lessons.dev.handouts --paper Letter
    python -m lessons.dev.handouts --site DIR

Run ``python -m lessons.dev.site`` first (``make handouts`` does). The print stylesheet
(``assets/site.css``) hides code and controls, fits figures to the paper and puts the
solutions on pages of their own. Chromium runs with every request off ``file://`` aborted.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from lessons.catalog import LESSONS

from .site import DEFAULT_OUT, index_html, page_name

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: the paper's printable width in CSS pixels (96 per inch) with the stylesheet's 14 mm side margins
PRINT_WIDTH = {"A4": round((210 - 28) / 25.4 * 96), "Letter": round((215.9 - 28) / 25.4 * 96)}


def offline_page(browser, viewport=None):
    """A page that may load only file:// URLs; the list it returns collects what was aborted."""
    page = browser.new_page(viewport=viewport or {"width": 1400, "height": 900})
    aborted: list[str] = []

    def route(r):
        if r.request.url.startswith(("file://", "data:", "blob:")):
            r.continue_()
        else:
            aborted.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return page, aborted


def print_page(
    page,
    url: str,
    pdf: Path,
    paper: str = "A4",
    hide_solutions: bool = False,
    only_solutions: bool = False,
    timeout_ms: int = 120_000,
) -> None:
    page.set_viewport_size({"width": PRINT_WIDTH[paper], "height": 1000})
    page.emulate_media(media="print")  # before loading, so every figure is first drawn in the print layout
    page.goto(url)
    page.wait_for_selector("body[data-figures-drawn]", timeout=timeout_ms)
    page.evaluate("() => { window.dispatchEvent(new Event('beforeprint')); }")
    page.evaluate("() => document.fonts.ready")
    if hide_solutions:  # (tests: the same page without its solutions)
        page.add_style_tag(content=".lessons-solutions{display:none!important}")
    if only_solutions:
        page.add_style_tag(
            content="main > :not(.lessons-solutions){display:none!important}"
            ".lessons-solutions{break-before:auto!important}"
        )
    # fit the figures to the paper, let plotly's own (debounced) resize handler pass, and fit once more
    page.evaluate("() => window.lessonsFit()")
    page.wait_for_timeout(500)
    page.evaluate("() => window.lessonsFit()")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    page.pdf(path=str(pdf), format=paper, print_background=True, prefer_css_page_size=False)


def write_handouts(
    site: Path = DEFAULT_OUT, paper: str = "A4", lessons=LESSONS, browser=None
) -> tuple[list[Path], list[str]]:
    """One PDF per lesson in ``site/handouts/``, and the index with their links. ``browser``: a Playwright
    browser to print with (the tests pass theirs; otherwise headless Chromium is started here)."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            own = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                return write_handouts(site, paper, lessons, own)
            finally:
                own.close()
    written = []
    page, aborted = offline_page(browser)
    try:
        for lesson in lessons:
            pdf = site / "handouts" / f"{lesson.id}.pdf"
            print_page(page, (site / page_name(lesson.notebook)).resolve().as_uri(), pdf, paper)
            written.append(pdf)
    finally:
        page.close()
    (site / "index.html").write_text(index_html(handouts=True), encoding="utf-8")
    return written, aborted


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.dev.handouts", description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--paper", choices=sorted(PRINT_WIDTH), default="A4")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        parser.error(f"no site in {args.site}: run python -m lessons.dev.site first (make html)")
    written, aborted = write_handouts(args.site, args.paper)
    for pdf in written:
        print(f"{pdf}: {pdf.stat().st_size // 1024} KB")
    if aborted:
        print(f"{len(aborted)} requests off file:// were aborted: {aborted[:5]}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
