"""A throwaway JupyterLab on loopback, and what a browser sees of the lessons in it (for the benchmark).

The server serves copies of the notebooks and a floor notebook from a temporary folder, with every
off-machine request of the page aborted. Chromium is Debian's (``/usr/bin/chromium`` or ``$CHROMIUM``).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
import plotly

ROOT = Path(__file__).resolve().parents[2]
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
KERNEL_IDLE = """() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return !!k && k.status === 'idle'; }"""
DRAWN = """([statics]) => {
  const prompts = Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'));
  if (!prompts.length || !prompts.every(p => /\\[\\d+\\]/.test(p.textContent))) return false;
  const w = window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext.session && w.sessionContext.session.kernel;
  if (!k || k.status !== 'idle') return false;
  if (document.querySelectorAll('.jp-RenderedPlotly .main-svg').length < statics) return false;
  // a figure in a tab that is not shown (the ceasefire calendar) is drawn only when its tab is opened
  return Array.from(document.querySelectorAll('.lessons-plot'))
    .filter(p => p.offsetParent !== null).every(p => p.dataset.rev !== undefined);
}"""
CHANGE_AND_WAIT = """async (index) => {
  const selects = Array.from(document.querySelectorAll('.lessons-explorer select'))
    .filter(s => s.closest('.lessons-explorer').querySelector('.lessons-plot'));
  const s = selects[index];
  if (!s || s.options.length < 2) return null;
  const plots = Array.from(s.closest('.lessons-explorer').querySelectorAll('.lessons-plot'));
  const before = plots.map(p => p.dataset.rev);
  const t0 = performance.now();
  s.selectedIndex = (s.selectedIndex + 1) % s.options.length;
  s.dispatchEvent(new Event('change', {bubbles: true}));
  return await new Promise(resolve => {
    const poll = () => {
      if (plots.some((p, i) => p.dataset.rev !== before[i])) resolve(performance.now() - t0);
      else if (performance.now() - t0 > 3000) resolve(-1);
      else requestAnimationFrame(poll);
    };
    poll();
  });
}"""


def chromium() -> str:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/google-chrome"):
        if candidate and Path(candidate).exists():
            return candidate
    raise RuntimeError("Chromium not found (apt-get install chromium, or set CHROMIUM)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(paths: list[Path], extra: dict[str, nbformat.NotebookNode] | None = None, root: Path | None = None):
    """A JupyterLab on loopback serving copies of ``paths`` (and the notebooks in ``extra``, by file name) from
    a temporary folder, with the classroom settings: every cell rendered (no windowing), no news or update
    checks, a read-only extension manager, plotly.js as one static file. Yields ``base``, ``root``, ``log``.
    The browser tests and the benchmark both start their servers here."""
    owned = root is None
    root = Path(tempfile.mkdtemp(prefix="lessons-lab-")) if owned else Path(root)
    books = root / "notebooks"
    books.mkdir(parents=True, exist_ok=True)
    for path in paths:
        shutil.copy(path, books / path.name)
    for name, nb in (extra or {}).items():
        nbformat.write(nb, books / name)
    settings = root / "settings" / "@jupyterlab"
    (settings / "notebook-extension").mkdir(parents=True, exist_ok=True)
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    (settings / "apputils-extension").mkdir(parents=True, exist_ok=True)
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    (root / "runtime").mkdir(exist_ok=True)
    port = _free_port()
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(root / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(root),
        JUPYTER_RUNTIME_DIR=str(root / "runtime"),
        PLOTLY_RENDERER=os.environ.get("PLOTLY_RENDERER", "plotly_mimetype"),
    )
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        "--LabApp.news_url=None",
        f"--ServerApp.root_dir={books}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.extension_manager=readonly",
        f"--ServerApp.extra_static_paths={[str(Path(plotly.__file__).parent / 'package_data')]}",
    ]
    log = open(root / "server.log", "w")
    process = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(base + "/api/status", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError(f"JupyterLab did not answer on {base}; see {root / 'server.log'}")
        yield {"base": base, "root": books, "log": root / "server.log"}
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
        if owned:
            shutil.rmtree(root, ignore_errors=True)


def _statics(path: Path) -> int:
    nb = nbformat.read(path, as_version=4)
    return sum(
        "application/vnd.plotly.v1+json" in o.get("data", {})
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.get("outputs", [])
    )


def _command(page, call: str) -> None:
    """Start a JupyterLab command without waiting for it: commands.execute returns a promise that settles only
    when the command is done, and a command that opens a dialog (restart, shut down, close) is done only once
    the dialog is answered, which this page does next; awaiting it here would wait for ever."""
    page.evaluate(f"() => {{ window.jupyterapp.commands.execute({call}); }}")


def _answer_dialogs(page, labels: tuple[str, ...], tries: int = 10) -> None:
    """Answer each JupyterLab dialog that opens (one per unsaved notebook) with the first button named in
    ``labels``, until none is left."""
    for _ in range(tries):
        page.wait_for_timeout(300)
        dialog = page.locator(".jp-Dialog")
        if not dialog.count():
            return
        for label in labels:
            button = dialog.first.locator("button", has_text=label)
            if button.count():
                button.first.click()
                break
        else:
            return


def measure(server: dict, names: list[str], repeat: int) -> dict:
    from playwright.sync_api import sync_playwright

    base = server["base"]
    out: dict = {"latency": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith((base, "data:", "blob:")) else r.abort())
        counts = {"ws": 0, "http": 0, "on": False}

        def frame(payload):
            if counts["on"]:
                counts["ws"] += len(payload.encode() if isinstance(payload, str) else payload)

        page.on("websocket", lambda ws: ws.on("framereceived", frame))

        def response(r):
            if counts["on"]:
                with contextlib.suppress(Exception):
                    counts["http"] += int(r.headers.get("content-length") or len(r.body()))

        page.on("response", response)
        # the first page load (JupyterLab itself, plotly.js) is not counted: it happens once per browser
        page.goto(f"{base}/lab/tree/floor.ipynb?reset")
        page.wait_for_function(KERNEL_IDLE, timeout=120_000)
        _command(page, "'notebook:run-all-cells'")
        page.wait_for_function(DRAWN, arg=[0], timeout=120_000)
        for name in ["floor.ipynb", *names]:
            try:
                _one(page, counts, server, name, repeat, out)
            except Exception as error:  # noqa: BLE001 - one notebook that cannot be measured is reported
                print(f"browser: {name} not measured ({type(error).__name__}: {str(error)[:200]})", file=sys.stderr)
                with contextlib.suppress(Exception):
                    page.screenshot(path=str(Path(tempfile.gettempdir()) / f"bench-{name}.png"))
        browser.close()
    return out


def _one(page, counts, server, name, repeat, out):
    """Open ``name``, restart its kernel, Run All and record bytes, time to the last figure and latency."""
    statics = _statics(server["root"] / name)
    runs = []
    for _ in range(repeat):
        _command(page, f"'docmanager:open', {{path: '{name}'}}")
        page.wait_for_timeout(500)
        _command(page, "'kernelmenu:restart-and-clear', {}")
        with contextlib.suppress(Exception):
            page.locator(".jp-Dialog button.jp-mod-accept").click(timeout=5_000)
        page.wait_for_function(KERNEL_IDLE, timeout=120_000)
        page.wait_for_timeout(500)
        counts.update(ws=0, http=0, on=True)
        t0 = time.perf_counter()
        _command(page, "'notebook:run-all-cells'")
        page.wait_for_function(DRAWN, arg=[statics], timeout=90_000, polling=50)
        visible = time.perf_counter() - t0
        page.wait_for_timeout(1000)
        counts["on"] = False
        runs.append((counts["ws"] + counts["http"], visible))
    out[name.removesuffix(".ipynb") if name == "floor.ipynb" else name] = {
        "bytes": int(statistics.median(r[0] for r in runs)),
        "visible": statistics.median(r[1] for r in runs),
    }
    if name != "floor.ipynb":
        for index in range(3):
            samples = [page.evaluate(CHANGE_AND_WAIT, index) for _ in range(10)]
            samples = [s for s in samples if s is not None and s >= 0]
            if samples:
                ordered = sorted(samples)
                out["latency"].append(
                    {
                        "notebook": name,
                        "control": f"dropdown {index + 1}",
                        "median_ms": statistics.median(samples),
                        "p95_ms": ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))],
                    }
                )
    _command(page, "'kernelmenu:shutdown', {}")
    with contextlib.suppress(Exception):
        page.locator(".jp-Dialog button.jp-mod-accept").click(timeout=3_000)
    _command(page, "'application:close-all', {}")
    _answer_dialogs(page, ("Discard", "Don't Save", "No"))  # "Save your work?": the run's outputs are not kept
    page.wait_for_timeout(500)
