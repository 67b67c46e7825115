"""Shared fixtures: a JupyterLab server and headless Chromium for the browser tests.

The browser tests need Chromium (Debian's ``chromium`` package, or ``$CHROMIUM``).
Without it they are skipped on a developer's machine, but under ``CI=true`` a missing
browser is a failure: CI must prove the notebooks work in a real browser.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from factories import SCRIPT, fake_event, fake_source  # noqa: F401  (re-exported: tests import them from here)

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def _need_browser():
    path = chromium_path()
    if path is None:
        message = "Chromium not found (apt-get install chromium, or set CHROMIUM)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + ": under CI=true the browser tests must run")
        pytest.skip(message)
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.fail("playwright is not installed: pip install -e '.[test]'")
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, timeout: float = 90) -> int:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except Exception as err:  # noqa: BLE001 - still starting
            last = err
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer in {timeout} s: {last}")


def stop(process: subprocess.Popen) -> None:
    """Stop a server started by the tests, by its own process group."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    """JupyterLab serving a copy of notebooks/ (so autosave never touches the committed files), started the
    way the benchmark starts it (lessons.dev.labserver: every cell rendered, no news, plotly.js served once)."""
    _need_browser()
    from lessons.dev import labserver

    files = [p for p in (ROOT / "notebooks").iterdir() if p.is_file()]
    with labserver.running(files, root=tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.fixture(scope="session")
def playwright_session():
    """The one Playwright of the test run: its sync API refuses to start a second time while one runs, so a
    test that needs a browser of its own (launched in a network namespace, say) launches it from here."""
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright_session):
    b = playwright_session.chromium.launch(executable_path=_need_browser(), args=CHROMIUM_ARGS, headless=True)
    try:
        yield b
    finally:
        b.close()


# --- JupyterLab pages for the browser tests (every tests/test_browser*.py uses the `lab` fixture) ---

KERNEL_IDLE = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle';
}"""
ALL_RUN = """() => {
  const prompts = Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'));
  return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
}"""


class LabPage:
    """One notebook in JupyterLab, opened fresh, with every non-local request aborted and recorded."""

    def __init__(self, browser, server):
        self.base = server["base"]
        self.context = browser.new_context(viewport={"width": 1400, "height": 2200})
        self.page = self.context.new_page()
        self.blocked: list[str] = []
        self.console_errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.base) or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def open(self, notebook: str):
        self.page.goto(f"{self.base}/lab/tree/{notebook}?reset", wait_until="domcontentloaded")
        self.page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        self.page.wait_for_function(KERNEL_IDLE, timeout=60_000)
        return self

    def run_all(self, timeout_ms: int = 120_000):
        self.page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
        self.page.wait_for_function(ALL_RUN, timeout=timeout_ms)
        self.page.wait_for_function(KERNEL_IDLE, timeout=timeout_ms)
        self.page.wait_for_timeout(1500)  # let plotly and the widget manager draw
        return self

    def error_outputs(self) -> list[str]:
        return self.page.eval_on_selector_all(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']", "els => els.map(e => e.innerText)"
        )

    def count(self, selector: str) -> int:
        return self.page.locator(selector).count()

    def screenshot(self, name: str):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)

    def close(self):
        # shut the kernel down so the next notebook starts on a quiet machine
        self.page.evaluate("window.jupyterapp.commands.execute('kernelmenu:shutdown')")
        self.context.close()


@pytest.fixture()
def lab(browser, lab_server):
    pages = []

    def make():
        page = LabPage(browser, lab_server)
        pages.append(page)
        return page

    yield make
    for page in pages:
        try:
            page.close()
        except Exception:  # noqa: BLE001 - closing a crashed page must not hide the real failure
            pass


# --- make test records how long it took, for the benchmark (lessons.dev.budget reads it) ---

_SESSION_START = [0.0]


def pytest_sessionstart(session):
    _SESSION_START[0] = time.time()


def pytest_sessionfinish(session, exitstatus):
    venv = ROOT / ".venv"
    if not venv.is_dir() or session.config.getoption("collectonly", False) or not session.testscollected:
        return
    if session.testscollected < 200:  # a partial run says nothing about make test
        return
    if session.config.getoption("markexpr", "") or session.config.getoption("keyword", ""):
        return  # nor does a selection (make test-fast, -m "not browser", -k ...)
    cold = (venv / ".cold").exists()
    start = float(os.environ.get("LESSONS_MAKE_START") or _SESSION_START[0])
    record = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "seconds": round(time.time() - start, 1),
        "tests": session.testscollected,
        "failed": session.testsfailed,
        "cold": cold,
    }
    (venv / "test-times.json").write_text(json.dumps(record), encoding="utf-8")
    (venv / ".cold").unlink(missing_ok=True)
