"""``check_environment()``: what the start notebook runs to tell a student whether
everything the lessons need is installed, and how to fix what is not."""

from __future__ import annotations

import html
import platform
import re
import sys
from dataclasses import dataclass
from importlib import metadata

DISTRIBUTION = "crimea-ceasefire-lessons"
LESSON_PACKAGES = ("jupyterlab", "ipywidgets", "plotly", "anywidget", "pandas")


def required_versions() -> dict[str, str]:
    """Lowest tested version of each runtime package, read from the project's own metadata
    (pyproject.toml is the single place where the bounds are written)."""
    try:
        requirements = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        from pathlib import Path

        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10: tomli is a test dependency there
            try:
                import tomli as tomllib
            except ModuleNotFoundError:
                return {name: "0" for name in LESSON_PACKAGES}

        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        requirements = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    bounds = {}
    for req in requirements:
        if "extra ==" in req:
            continue
        # the installed metadata may order specifiers either way ("plotly<8,>=6.0" or "plotly>=6.0,<8")
        name = re.match(r"^\s*([A-Za-z0-9_.-]+)", req)
        lowest = re.search(r">=\s*([0-9][0-9.]*)", req.split(";")[0])
        if name and lowest:
            bounds[name.group(1).lower()] = lowest.group(1)
    return {name: bounds.get(name, "0") for name in LESSON_PACKAGES}


FIX = "In a terminal, in the project folder, run `make lab` (it installs everything and opens JupyterLab)."


@dataclass
class Check:
    name: str
    found: str | None
    ok: bool
    advice: str = ""


def _version_tuple(text: str) -> tuple:
    parts = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def _installed(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _widget_frontend() -> Check:
    """The widget front end ships as a JupyterLab extension inside jupyterlab_widgets."""
    version = _installed("jupyterlab_widgets")
    if version is None:
        return Check("widget front end", None, False, "jupyterlab_widgets is missing: " + FIX)
    try:
        import jupyterlab_widgets

        paths = jupyterlab_widgets._jupyter_labextension_paths()
        from pathlib import Path

        base = Path(jupyterlab_widgets.__file__).parent
        ok = all((base / p["src"]).exists() for p in paths)
    except Exception:  # noqa: BLE001 - any failure here means "not available"
        ok = False
    advice = "" if ok else "The JupyterLab widget extension is not where JupyterLab looks for it: " + FIX
    return Check("widget front end", f"jupyterlab_widgets {version}", ok, advice)


class EnvironmentReport:
    """The result of :func:`check_environment`; shows as a table in a notebook."""

    def __init__(self, checks: list[Check]):
        self.checks = checks

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)

    def __repr__(self) -> str:
        lines = [
            f"{'OK ' if c.ok else 'FIX'}  {c.name:18} {c.found or 'not installed'}"
            + (f"\n     {c.advice}" if c.advice else "")
            for c in self.checks
        ]
        verdict = (
            "Everything the lessons need is here." if self.ok else "Something needs fixing: see the lines marked FIX."
        )
        return "\n".join(lines + [verdict])

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{'OK' if c.ok else '<b>Needs fixing</b>'}</td><td>{html.escape(c.name)}</td>"
            f"<td>{html.escape(c.found or 'not installed')}</td><td>{html.escape(c.advice)}</td></tr>"
            for c in self.checks
        )
        verdict = (
            "Everything the lessons need is here."
            if self.ok
            else "Something needs fixing: see the rows marked Needs fixing."
        )
        return (
            # plain words, not emoji: a school computer may have no emoji font
            f"<table><thead><tr><th>status</th><th>component</th><th>version</th><th>what to do</th></tr></thead>"
            f"<tbody>{rows}</tbody></table><p><b>{verdict}</b></p>"
        )


def check_environment() -> EnvironmentReport:
    """Report Python, JupyterLab, ipywidgets, plotly, pandas versions and the widget front end."""
    checks = [
        Check(
            "Python",
            platform.python_version(),
            sys.version_info >= (3, 10),
            "" if sys.version_info >= (3, 10) else "Python 3.10 or newer is needed.",
        )
    ]
    for name, lowest in required_versions().items():
        found = _installed(name)
        ok = found is not None and _version_tuple(found) >= _version_tuple(lowest)
        advice = "" if ok else (f"{name} {lowest} or newer is needed. " + FIX)
        checks.append(Check(name, found, ok, advice))
    checks.append(_widget_frontend())
    return EnvironmentReport(checks)
