"""Cut the network of the Python processes a test starts (kernels, JupyterLab), and see every attempt.

Two layers, both used by tests/test_offline*.py:

- a guard: a ``sitecustomize.py`` written into a temporary folder put first on ``PYTHONPATH``,
  so it runs in every Python process started from there (the executor, each kernel, the
  server) before any of their code. It makes ``socket.connect``/``connect_ex``/``sendto`` and
  ``getaddrinfo`` fail loudly (``OSError: network cut ...``) for anything but loopback, and
  appends each attempt to the file named by ``LESSONS_NET_LOG``; the tests read that file;
- where the machine allows it (root, or user namespaces), a network namespace with only
  loopback up (``unshare -n``): even code the guard cannot see (C libraries) finds no network.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SITECUSTOMIZE = r'''
# written by tests/offline_guard.py: the network is cut for this process (loopback only)
import os as _os, socket as _socket, sys as _sys

_LOG = _os.environ.get("LESSONS_NET_LOG")
_LOCAL_NAMES = {None, "", "localhost", "0.0.0.0", "::", "::1", "ip6-localhost"}


def _is_local(host):
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    return host in _LOCAL_NAMES or str(host).startswith(("127.", "::ffff:127."))


def _refuse(what, target):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as f:
            f.write(f"{_os.getpid()}\t{' '.join(_sys.argv[:3])}\t{what}\t{target!r}\n")
    raise OSError(101, f"network cut by the offline test: {what} {target!r}")


def _inet(sock):
    return sock.family in (_socket.AF_INET, _socket.AF_INET6)


_connect, _connect_ex, _sendto = _socket.socket.connect, _socket.socket.connect_ex, _socket.socket.sendto
_getaddrinfo = _socket.getaddrinfo


def connect(self, address):
    if _inet(self) and not _is_local(address[0]):
        _refuse("connect", address)
    return _connect(self, address)


def connect_ex(self, address):
    if _inet(self) and not _is_local(address[0]):
        _refuse("connect", address)
    return _connect_ex(self, address)


def sendto(self, data, *args):
    address = args[-1]
    if _inet(self) and isinstance(address, tuple) and not _is_local(address[0]):
        _refuse("sendto", address)
    return _sendto(self, data, *args)


def getaddrinfo(host, *args, **kwargs):
    if not _is_local(host):
        _refuse("getaddrinfo", host)
    return _getaddrinfo(host, *args, **kwargs)


_socket.socket.connect, _socket.socket.connect_ex, _socket.socket.sendto = connect, connect_ex, sendto
_socket.getaddrinfo = getaddrinfo
'''


def guard_env(folder: Path, log: Path, extra_path: list[str] | None = None) -> dict:
    """Environment for a child process with the guard installed; attempts go to ``log``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log.write_text("", encoding="utf-8")
    env = dict(os.environ)
    parts = [str(folder), *(extra_path or []), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in parts if p)
    env["LESSONS_NET_LOG"] = str(log)
    return env


def attempts(log: Path) -> list[str]:
    return [line for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]


def netns_prefix() -> list[str]:
    """A command prefix running its command in a new network namespace with only loopback up, or []."""
    unshare, ip = shutil.which("unshare"), shutil.which("ip")
    if not unshare or not ip:
        return []
    for flags in (["-n"], ["-rn"]):
        probe = [unshare, *flags, "sh", "-c", f"{ip} link set lo up && exec true"]
        try:
            if subprocess.run(probe, capture_output=True, timeout=20).returncode == 0:
                return [unshare, *flags, "sh", "-c", f'{ip} link set lo up && exec "$@"', "netns"]
        except (OSError, subprocess.TimeoutExpired):
            continue
    return []


# --------------------------------------------------------------------------- make lab, with its network cut


def free_port() -> int:
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


def clone_tree(dest: Path) -> Path:
    """A copy of what git tracks (as a fresh clone has it), so nothing a test does touches the repository."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.splitlines()
    for name in files:
        src = ROOT / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    return dest


def start_make_lab(tmp: Path, port: int, token: str, extra: str = ""):
    """`make lab` exactly as a teacher runs it (no reinstall) in a fresh copy of the repository, with the
    network cut; returns (process, env, netns prefix, attempts log). The server log is tmp/server.log."""
    log = tmp / "server-net.log"
    root = clone_tree(tmp / "clone")
    env = guard_env(tmp / "guard", log, [str(root)])
    env["HOME"] = str(tmp / "home")
    (tmp / "home").mkdir(exist_ok=True)
    venv = Path(sys.prefix)
    lab_args = (f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} "
                f"--ServerApp.port_retries=0 --IdentityProvider.token={token} {extra}")
    prefix = netns_prefix()
    cmd = [*prefix, "make", "-s", "-o", str(venv / ".installed"), "lab", f"VENV={venv}", f"LAB_ARGS={lab_args}"]
    stderr = open(tmp / "server.log", "w", encoding="utf-8")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=stderr, stderr=subprocess.STDOUT, start_new_session=True)
    return proc, env, prefix, log


def in_namespace(proc, prefix) -> list[str]:
    """A prefix that runs a command in the server's network namespace (or nothing)."""
    return ["nsenter", f"--net=/proc/{proc.pid}/ns/net"] if prefix else []


def fetch(proc, prefix, env, port, token, paths, timeout=120) -> dict:
    cmd = [*in_namespace(proc, prefix), sys.executable, "-c", FETCH, f"http://127.0.0.1:{port}", token, *paths]
    deadline = time.time() + timeout
    while True:
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
        line = next((ln for ln in done.stdout.splitlines() if ln.startswith("FETCHED ")), None)
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
