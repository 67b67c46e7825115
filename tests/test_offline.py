"""Offline, proven: every lesson runs with the kernel's network cut, and `make lab`'s server reaches nothing.

The network is cut twice (see tests/offline_guard.py): a guard in every Python process
that fails loudly on any non-loopback connection and logs it, and, where the machine
allows, a network namespace with only loopback. A positive control proves the guard is
live in the kernel. The count of attempts that left (or tried to leave) the machine must be 0.
"""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from offline_guard import attempts, fetch, free_port, guard_env, netns_prefix, start_make_lab, stop_group

from lessons.catalog import LESSONS, NOTEBOOKS

ROOT = Path(__file__).resolve().parent.parent

RUNNER = r'''
import json, sys
import nbformat
from nbclient import NotebookClient
results = {}
for path in sys.argv[2:]:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", store_widget_state=False,
                            resources={"metadata": {"path": sys.argv[1]}}, allow_errors=path.endswith("probe.ipynb"))
    try:
        client.execute()
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []) if o.get("name") == "stdout")
        results[path] = {"ok": not errors or path.endswith("probe.ipynb"), "stdout": text[-500:]}
    except Exception as exc:  # one notebook failing must not hide the others
        results[path] = {"ok": False, "error": f"{type(exc).__name__}: {str(exc)[-800:]}"}
print("RESULTS " + json.dumps(results))
'''

PROBE = '''import socket
try:
    socket.create_connection(("example.org", 80), timeout=5)
    print("connected")
except OSError as exc:
    print("refused:", exc)
'''


def _probe_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)])
    path = folder / "probe.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def offline_run(tmp_path_factory):
    """Run the probe, then every lesson, in kernels with the network cut; returns (results, attempts, netns)."""
    tmp = tmp_path_factory.mktemp("offline")
    log = tmp / "net.log"
    env = guard_env(tmp / "guard", log, [str(ROOT)])
    env["HOME"] = str(tmp)  # no user settings or caches of the machine
    probe = _probe_notebook(tmp)
    prefix = netns_prefix()
    paths = [str(probe)] + [str(NOTEBOOKS / x.notebook) for x in LESSONS]
    cmd = [*prefix, sys.executable, "-c", RUNNER, str(NOTEBOOKS), *paths]
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith("RESULTS ")), None)
    assert line, f"runner failed ({done.returncode}): {done.stderr[-2000:]}"
    results = json.loads(line[len("RESULTS "):])
    return results, attempts(log), bool(prefix), str(probe)


def test_the_guard_is_live_in_the_kernel(offline_run):
    results, seen, _, probe = offline_run
    assert "refused: [Errno 101] network cut by the offline test" in results[probe]["stdout"], results[probe]
    assert any("example.org" in a for a in seen), "the probe's attempt was not logged"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.notebook)
def test_lesson_runs_with_the_network_cut(offline_run, lesson):
    results, seen, _, probe = offline_run
    result = results[str(NOTEBOOKS / lesson.notebook)]
    assert result["ok"], result
    mine = [a for a in seen if "example.org" not in a]
    assert mine == [], f"{len(mine)} connection attempts off the machine: {mine[:5]}"


def test_make_lab_server_reaches_nothing_off_the_machine(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    proc, env, prefix, log = start_make_lab(tmp_path, port, token)
    try:
        fetch(proc, prefix, env, port, token, ["/api/status"])  # wait until it answers
        paths = ["/lab", "/lab/tree/00_start_here.ipynb", "/lab/api/settings",
                 "/lab/api/extensions?refresh=0", "/lab/api/extensions?refresh=1",  # what the Extension Manager asks
                 "/lab/api/extensions?query=plotly&page=1&per_page=30",  # a search in its panel
                 "/lab/api/news", "/lab/api/update", "/static/plotly.min.js?v=test"]
        result = fetch(proc, prefix, env, port, token, paths)
        time.sleep(3)  # anything the server does in the background after those
    finally:
        stop_group(proc)
    server_log = (tmp_path / "server.log").read_text(encoding="utf-8")
    seen = attempts(log)
    assert seen == [], f"{len(seen)} attempts off the machine: {seen[:5]}\n{server_log[-3000:]}"
    assert "Extension Manager is 'readonly'" in server_log, server_log[-3000:]
    for path in ("/lab", "/lab/tree/00_start_here.ipynb", "/lab/api/extensions?refresh=1",
                 "/lab/api/news", "/lab/api/update", "/static/plotly.min.js?v=test"):
        assert result[path][0] == 200, (path, result[path], server_log[-2000:])
    assert result["/static/plotly.min.js?v=test"][1] > 1_000_000, "plotly.js is served from the package"
    assert "Traceback" not in server_log, server_log[-3000:]
