"""Requirements for the CI jobs, read from pyproject.toml (the one place the bounds are written).

    python .github/lowest.py            every runtime and test dependency pinned to EXACTLY its lower bound
    python .github/lowest.py --verify   fail unless the installed versions are exactly those bounds
    python .github/lowest.py --newest   the same names with no bounds at all (for the weekly newest job)

Playwright is left out (the browser tests do not run in these jobs)."""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

SKIP = {"playwright"}


def requirements() -> list[tuple[str, str | None, str]]:
    """(name, lower bound or None, environment marker) for every dependency."""
    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    deps = project["project"]["dependencies"] + project["project"]["optional-dependencies"]["test"]
    out = []
    for dep in deps:
        spec, _, marker = dep.partition(";")
        match = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*(.*)$", spec)
        name, rest = match.group(1), match.group(2)
        if name.lower() in SKIP:
            continue
        low = re.search(r">=\s*([0-9][0-9.]*)", rest)
        out.append((name, low.group(1) if low else None, marker.strip()))
    return out


def main(argv: list[str]) -> int:
    reqs = requirements()
    if "--verify" in argv:
        wrong = []
        for name, low, marker in reqs:
            if marker and not _applies(marker):
                continue
            try:
                have = metadata.version(name)
            except metadata.PackageNotFoundError:
                wrong.append(f"{name}: not installed")
                continue
            if low and _norm(have) != _norm(low):
                wrong.append(f"{name}: installed {have}, lower bound {low}")
        print("\n".join(wrong) or "every dependency is installed at exactly its lower bound")
        return 1 if wrong else 0
    for name, low, marker in reqs:
        pin = "" if "--newest" in argv or not low else f"=={low}"
        print(f"{name}{pin}" + (f"; {marker}" if marker else ""))
    return 0


def _norm(version: str) -> tuple[int, ...]:
    parts = [int(p) for p in re.findall(r"\d+", version)[:3]]
    return tuple(parts + [0] * (3 - len(parts)))


def _applies(marker: str) -> bool:
    match = re.fullmatch(r"python_version\s*<\s*'([0-9.]+)'", marker)
    return not match or sys.version_info[:2] < tuple(int(p) for p in match.group(1).split("."))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
