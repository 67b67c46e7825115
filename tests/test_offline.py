"""Offline, proven: every lesson runs with the kernel's network cut, and `make lab`'s server reaches nothing.

The network is cut twice (see tests/offline_guard.py): a guard in every Python process
that fails loudly on any non-loopback connection and logs it, and, where the machine
allows, a network namespace with only loopback. A positive control proves the guard is
live in the kernel. The count of attempts that left (or tried to leave) the machine must be 0.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lessons.catalog import LESSONS, NOTEBOOKS
from offline_guard import attempts, guard_env, netns_prefix

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
    paths = [str(probe)] + [str(NOTEBOOKS / l.notebook) for l in LESSONS]
    cmd = [*prefix, sys.executable, "-c", RUNNER, str(NOTEBOOKS), *paths]
    done = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    line = next((l for l in done.stdout.splitlines() if l.startswith("RESULTS ")), None)
    assert line, f"runner failed ({done.returncode}): {done.stderr[-2000:]}"
    results = json.loads(line[len("RESULTS "):])
    return results, attempts(log), bool(prefix), str(probe)


def test_the_guard_is_live_in_the_kernel(offline_run):
    results, seen, _, probe = offline_run
    assert "refused: [Errno 101] network cut by the offline test" in results[probe]["stdout"], results[probe]
    assert any("example.org" in a for a in seen), "the probe's attempt was not logged"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda l: l.notebook)
def test_lesson_runs_with_the_network_cut(offline_run, lesson):
    results, seen, _, probe = offline_run
    result = results[str(NOTEBOOKS / lesson.notebook)]
    assert result["ok"], result
    mine = [a for a in seen if "example.org" not in a]
    assert mine == [], f"{len(mine)} connection attempts off the machine: {mine[:5]}"


# --------------------------------------------------------------------------- make lab's server


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


FETCH = r'''
import json, sys, urllib.request, urllib.error
base, token = sys.argv[1], sys.argv[2]
out = {}
for path in sys.argv[3:]:
    url = f"{base}{path}{'&' if '?' in path else '?'}token={token}"
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            out[path] = [r.status, len(r.read())]
    except urllib.error.HTTPError as exc:
        out[path] = [exc.code, 0]
    except Exception as exc:
        out[path] = [str(exc), 0]
print("FETCHED " + json.dumps(out))
'''


def start_make_lab(tmp: Path, port: int, token: str, extra: str = ""):
    """`make lab` exactly as a teacher runs it (no reinstall), with the network cut; returns (process, env, netns)."""
    log = tmp / "server-net.log"
    env = guard_env(tmp / "guard", log, [str(ROOT)])
    env["HOME"] = str(tmp / "home")
    (tmp / "home").mkdir(exist_ok=True)
    venv = Path(sys.prefix)
    lab_args = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
                f"--ServerApp.port_retries=0 --IdentityProvider.token={token} {extra}")
    prefix = netns_prefix()
    cmd = [*prefix, "make", "-s", "-o", str(venv / ".installed"), "lab", f"VENV={venv}", f"LAB_ARGS={lab_args}"]
    stderr = open(tmp / "server.log", "w", encoding="utf-8")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=stderr, stderr=subprocess.STDOUT, start_new_session=True)
    return proc, env, prefix, log


def in_namespace(proc, prefix) -> list[str]:
    """A prefix that runs a command in the server's network namespace (or nothing)."""
    return ["nsenter", f"--net=/proc/{proc.pid}/ns/net"] if prefix else []


def fetch(proc, prefix, env, port, token, paths, timeout=120) -> dict:
    cmd = [*in_namespace(proc, prefix), sys.executable, "-c", FETCH, f"http://127.0.0.1:{port}", token, *paths]
    deadline = time.time() + timeout
    while True:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        line = next((l for l in done.stdout.splitlines() if l.startswith("FETCHED ")), None)
        if line:
            result = json.loads(line[len("FETCHED "):])
            if all(isinstance(v[0], int) for v in result.values()) or time.time() > deadline:
                return result
        elif time.time() > deadline:
            raise AssertionError(done.stderr[-2000:])
        if proc.poll() is not None:
            raise AssertionError(f"make lab exited with {proc.returncode}")
        time.sleep(1)


def stop_group(proc) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def test_make_lab_server_reaches_nothing_off_the_machine(tmp_path):
    port, token = _free_port(), secrets.token_hex(16)
    proc, env, prefix, log = start_make_lab(tmp_path, port, token)
    try:
        fetch(proc, prefix, env, port, token, ["/api/status"])  # wait until it answers
        paths = ["/lab", "/lab/tree/notebooks/00_start_here.ipynb", "/lab/api/settings",
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
    for path in ("/lab", "/lab/tree/notebooks/00_start_here.ipynb", "/lab/api/extensions?refresh=1",
                 "/lab/api/news", "/lab/api/update", "/static/plotly.min.js?v=test"):
        assert result[path][0] == 200, (path, result[path], server_log[-2000:])
    assert result["/static/plotly.min.js?v=test"][1] > 1_000_000, "plotly.js is served from the package"
    assert "Traceback" not in server_log, server_log[-3000:]
