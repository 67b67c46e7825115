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

import os
import shutil
import subprocess
from pathlib import Path

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
