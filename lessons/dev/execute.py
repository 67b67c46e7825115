"""Re-execute the lesson notebooks in place so their stored outputs are current.

Outputs are what a student sees on GitHub without running anything, and what nbval
compares in CI, so they must be deterministic: cells run top to bottom in a fresh
kernel of this environment, no widget state is stored (it would add megabytes of
JavaScript, see shared PITFALLS), and no timing metadata is recorded.

    python -m lessons.dev.execute                 # every notebook in the catalog
    python -m lessons.dev.execute 01_the_call     # only those whose name starts so
"""

from __future__ import annotations

import sys
import time
import uuid

import nbformat
from nbclient import NotebookClient

from lessons.catalog import LESSONS, NOTEBOOKS

from . import notebook_file


def execute(path, timeout: int = 300) -> float:
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    _stable_widget_ids(nb, path.name)
    text = notebook_file.dumps(nb)
    if path.read_text(encoding="utf-8") != text:
        notebook_file.replace_text(path, text)
    return elapsed


def _stable_widget_ids(nb, name: str) -> None:
    """Replace each widget output's random model id by one derived from its place in the notebook.

    No widget state is stored, so the id points at nothing either way; a stable one keeps
    re-executions from changing the committed file when nothing else changed."""
    for cell in nb.cells:
        for k, out in enumerate(cell.get("outputs", [])):
            view = out.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                view["model_id"] = uuid.uuid5(uuid.NAMESPACE_URL, f"{name}#{cell.get('id')}/{k}").hex


def main(argv=None) -> int:
    prefixes = (argv if argv is not None else sys.argv[1:]) or [""]
    for lesson in LESSONS:
        if any(lesson.notebook.startswith(p) for p in prefixes):
            path = NOTEBOOKS / lesson.notebook
            print(f"{lesson.notebook}: {execute(path):.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
