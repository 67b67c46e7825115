"""JupyterLab as `make lab` starts it, used in a browser, with the network cut: nothing leaves the machine.

The server runs `make lab` in a network namespace with only loopback (and the guard of
tests/offline_guard.py in every Python process it starts); Chromium joins the same namespace
and aborts every request that is not to the local server. The page opens the start notebook
(the URL `make lab` opens: its root is notebooks/), opens the Extension Manager panel (which, with the default
package-index manager, asks PyPI about every installed extension) and runs every cell.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest
from offline_guard import attempts, fetch, free_port, in_namespace, start_make_lab, stop_group

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"


def _chromium_in(proc, prefix, folder: Path) -> str:
    from conftest import chromium_path

    chromium = chromium_path()
    if chromium is None:
        pytest.skip("Chromium not found")
    ns = in_namespace(proc, prefix)
    if not ns:
        return chromium
    wrapper = folder / "chromium-in-namespace"
    wrapper.write_text(f'#!/bin/sh\nexec {" ".join(ns)} {chromium} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return str(wrapper)


def test_make_lab_in_the_browser_reaches_nothing_off_the_machine(tmp_path, playwright_session):
    from conftest import CHROMIUM_ARGS

    port, token = free_port(), secrets.token_hex(16)
    proc, env, prefix, log = start_make_lab(tmp_path, port, token)
    base = f"http://127.0.0.1:{port}"
    aborted: list[str] = []
    try:
        fetch(proc, prefix, env, port, token, ["/api/status"])
        # the run's one Playwright: a second sync_playwright() would refuse to start
        browser = playwright_session.chromium.launch(
            executable_path=_chromium_in(proc, prefix, tmp_path), args=CHROMIUM_ARGS
        )
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})

            def route(r):
                if r.request.url.startswith(base + "/") or r.request.url.startswith(("data:", "blob:")):
                    r.continue_()
                else:
                    aborted.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page_errors: list[str] = []
            page.on("pageerror", lambda e: page_errors.append(str(e)))
            page.goto(f"{base}/lab/tree/00_start_here.ipynb?reset&token={token}")
            try:
                page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
            except Exception as exc:
                ARTIFACTS.mkdir(exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / "offline-make-lab-failed.png"))
                server_log = (tmp_path / "server.log").read_text(encoding="utf-8")
                raise AssertionError(
                    f"the notebook did not open; page errors {page_errors[:3]}; "
                    f"aborted {aborted[:5]}; server log:\n{server_log[-3000:]}"
                ) from exc
            page.wait_for_selector(".jp-StatusBar-TextItem:has-text('| Idle')", timeout=120_000)
            # the Extension Manager panel (its tab in the left sidebar)
            # the Extension Manager's panel is off (setup_lab's page_config); were it on, use it
            tab = page.locator("li.lm-TabBar-tab[data-id='extensionmanager.main-view']")
            extension_manager_shown = tab.count() > 0
            if tab.count():
                tab.first.click()
                page.wait_for_timeout(2000)
                yes = page.locator(".jp-extensionmanager-view button", has_text="Yes")
                if yes.count():  # accept its warning, and search, as a curious student would
                    yes.first.click()
                    page.wait_for_timeout(1000)
                search = page.locator(".jp-extensionmanager-view input")
                if search.count():
                    search.first.fill("plotly")
                    page.wait_for_timeout(3000)
                page.screenshot(path=str(tmp_path / "extension-manager.png"))
            # Run all from the Run menu, then let the outputs arrive
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator("li.lm-Menu-item[data-command='runmenu:run-all']").click()
            page.wait_for_selector(".jp-OutputArea-output", timeout=120_000)
            page.wait_for_selector(".jp-StatusBar-TextItem:has-text('| Idle')", timeout=120_000)
            page.wait_for_timeout(5000)
            errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count()
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "offline-make-lab.png"))
        finally:
            browser.close()
    finally:
        stop_group(proc)
    server_log = (tmp_path / "server.log").read_text(encoding="utf-8")
    seen = attempts(log)
    assert aborted == [], f"the page asked for {len(aborted)} URLs off the machine: {aborted[:10]}"
    assert seen == [], f"the server or a kernel tried {len(seen)} connections off the machine: {seen[:5]}"
    assert errors == 0, "a cell wrote to stderr"
    assert "Extension Manager is 'readonly'" in server_log
    assert not extension_manager_shown, "the Extension Manager panel is switched off for the classroom"
    if os.environ.get("LESSONS_OFFLINE_REPORT"):
        Path(os.environ["LESSONS_OFFLINE_REPORT"]).write_text(
            f"aborted={len(aborted)} attempts={len(seen)} netns={bool(prefix)}\n"
        )
