"""Re-execute the lesson notebooks in place so their stored outputs are current.

Outputs are what a student sees on GitHub without running anything, and what nbval
compares in CI, so they must be deterministic: cells run top to bottom in a fresh
kernel of this environment, no widget state is stored (it would add megabytes of
JavaScript, see shared PITFALLS), and no timing metadata is recorded.

    python -m lessons.execute                 # every notebook in the catalog
    python -m lessons.execute 01_the_call     # only those whose name starts so
"""

from __future__ import annotations

import sys
import time

import nbformat
from nbclient import NotebookClient

from .catalog import LESSONS, NOTEBOOKS


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
    text = nbformat.writes(nb) + "\n"
    if path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return elapsed


def main(argv=None) -> int:
    prefixes = (argv if argv is not None else sys.argv[1:]) or [""]
    for lesson in LESSONS:
        if any(lesson.notebook.startswith(p) for p in prefixes):
            path = NOTEBOOKS / lesson.notebook
            print(f"{lesson.notebook}: {execute(path):.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
