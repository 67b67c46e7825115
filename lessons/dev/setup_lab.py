"""Configure the JupyterLab in this environment for a classroom that may be offline.

Writes three files inside the active environment (``make lab`` and ``make test`` run this
once after installing; Binder's ``postBuild`` runs it too):

- ``share/jupyter/lab/settings/overrides.json``: the page neither fetches news nor checks
  for updates (both need the internet and show a toast);
- ``etc/jupyter/jupyter_server_config.json`` (merged into what is there): the server serves plotly.js from
  the installed plotly package at ``/static/plotly.min.js`` (the figure engine loads it
  from there once, cached), the extension manager is read-only (the default one asks the
  package index about every installed extension when its panel opens), and the server
  itself neither fetches news nor checks for updates. (Not a file in
  ``jupyter_server_config.d/``: jupyter_server reads only ``jpserver_extensions`` from there.)
- ``etc/jupyter/labconfig/page_config.json``: the Extension Manager's panel is switched off.
  Even read-only, once its warning is accepted it shows each extension's author avatar from
  github.com; a class installs nothing from the browser (``pip`` still works).

    python -m lessons.dev.setup_lab             # into sys.prefix
    python -m lessons.dev.setup_lab --prefix P  # into another environment
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


PAGE_CONFIG = {"disabledExtensions": {"@jupyterlab/extensionmanager-extension": True}}


def plotly_static_dir() -> Path:
    """plotly's package_data folder, which holds the plotly.min.js that plotly.py itself uses."""
    import plotly

    path = Path(plotly.__file__).resolve().parent / "package_data"
    if not (path / "plotly.min.js").is_file():
        raise FileNotFoundError(f"plotly.min.js not found in {path}; reinstall plotly")
    return path


def server_config() -> dict:
    return {
        "ServerApp": {"extra_static_paths": [str(plotly_static_dir())]},
        "LabApp": {
            "extension_manager": "readonly",
            "news_url": None,
            "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        },
    }


def overrides_path(prefix: str | Path = sys.prefix) -> Path:
    return Path(prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"


def server_config_path(prefix: str | Path = sys.prefix) -> Path:
    return Path(prefix) / "etc" / "jupyter" / "jupyter_server_config.json"


def page_config_path(prefix: str | Path = sys.prefix) -> Path:
    return Path(prefix) / "etc" / "jupyter" / "labconfig" / "page_config.json"


def _merge_json(path: Path, values: dict) -> None:
    """Set ``values`` (two levels: section -> key) in the JSON file at ``path``, keeping the rest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for section, settings in values.items():
        current.setdefault(section, {}).update(settings)
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")


def write(prefix: str | Path = sys.prefix) -> list[Path]:
    written = []
    path = overrides_path(prefix)
    _merge_json(path, OVERRIDES)
    written.append(path)
    path = server_config_path(prefix)
    _merge_json(path, server_config())
    written.append(path)
    path = page_config_path(prefix)
    _merge_json(path, PAGE_CONFIG)
    written.append(path)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.dev.setup_lab", description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", default=sys.prefix, help="environment to configure (default: this one)")
    args = parser.parse_args(argv)
    for path in write(args.prefix):
        print(f"JupyterLab configuration for offline use written to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
