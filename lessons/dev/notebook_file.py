"""How the lesson notebooks are written to disk: nbformat's layout, with each output's payload compact.

nbformat writes JSON indented one space per level, which puts every number of a plotly figure on a line of
its own: a quarter of a lesson's file was indentation. Here the notebook keeps nbformat's layout (cells,
sources and metadata stay readable in a diff) while each output's ``data`` is written on one line.
The result is ordinary notebook JSON; JupyterLab and nbval read it as they read any other.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import nbformat


def dumps(nb: nbformat.NotebookNode) -> str:
    """The notebook as text: nbformat's own layout, output payloads compact, a final newline."""
    nbformat.validate(nb)
    payloads: list[str] = []
    plain = json.loads(json.dumps(nb))
    for cell in plain.get("cells", []):
        for output in cell.get("outputs", []):
            if "data" in output:
                payloads.append(json.dumps(output["data"], ensure_ascii=False, separators=(",", ":"), sort_keys=True))
                output["data"] = f"\0payload{len(payloads) - 1}\0"
    text = json.dumps(plain, indent=1, sort_keys=True, ensure_ascii=False, separators=(",", ": "))
    for i, payload in enumerate(payloads):
        text = text.replace(json.dumps(f"\0payload{i}\0"), payload, 1)
    return text + "\n"


def write(nb: nbformat.NotebookNode, path) -> None:
    replace_text(path, dumps(nb))


def replace_text(path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all: into a temporary file beside it, then renamed over
    it (``os.replace`` is atomic), so a crash or a full disk mid-write never leaves a lesson, the README or
    the guide cut short. Used by every maintainer command that rewrites a committed file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
