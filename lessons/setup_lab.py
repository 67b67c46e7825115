"""Configure the JupyterLab in this environment for a classroom that may be offline.

Writes ``share/jupyter/lab/settings/overrides.json`` inside the active environment so
JupyterLab neither fetches news nor checks for updates (both need the internet and
show a toast). ``make lab`` and ``make test`` run it once after installing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def overrides_path(prefix: str | Path = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def main() -> int:
    path = overrides_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    current.update(OVERRIDES)
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    print(f"JupyterLab settings for offline use written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
