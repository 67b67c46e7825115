"""Benchmark: how fast each explorer answers a student, and how long a notebook takes.

    python -m lessons.dev.bench               # per-interaction latency, curated data and 10x, 100x
    python -m lessons.dev.bench --notebooks   # notebook run time against a bare kernel's start-up

Each explorer has one function in :mod:`lessons.dev.bench_cases`, named after it: it builds the
explorer once and returns named callables, one student interaction each. This module times them
(median and 95th percentile over repeated runs) on the curated data and on synthetic
data 10x and 100x larger (:mod:`lessons.dev.synthetic`). It is a measurement, not a test:
it prints a table and never fails; the targets are printed beside the numbers.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time

from . import synthetic

EXPLORERS = ("timeline", "mapview", "positions", "readouts", "ceasefire", "quiz", "claims")
TARGET_MS = {1: 30.0, 10: None, 100: 150.0}


def _time(fn, repeat: int) -> list[float]:
    for _ in range(2):
        fn()
    # start each case from a clean heap, so a full collection of garbage left by an earlier case
    # (100-250 ms with large data in memory) is not charged to this one; collections that the
    # case itself causes still count, as they would for a student
    gc.collect()
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def _cases(name: str, tables) -> list[tuple[str, callable]]:
    """An explorer's cases: ``bench_cases.<name>(tables)``, a dict of named interactions."""
    from . import bench_cases

    return list(getattr(bench_cases, name)(tables).items())


def interactions(scales=(1, 10, 100), repeat: int = 40, modules=EXPLORERS) -> list[dict]:
    rows = []
    for scale in scales:
        tables = synthetic.tables(scale)
        for name in modules:
            t0 = time.perf_counter()
            cases = _cases(name, tables)
            build_ms = (time.perf_counter() - t0) * 1000
            for case, fn in cases:
                samples = _time(fn, repeat if scale < 100 else max(20, repeat // 2))
                rows.append(
                    {
                        "explorer": name,
                        "interaction": case,
                        "scale": scale,
                        "median_ms": statistics.median(samples),
                        "p95_ms": p95(samples),
                        "build_ms": build_ms,
                    }
                )
    return rows


def notebooks(repeat: int = 3) -> list[dict]:
    """Wall time of each lesson notebook against a bare kernel start-up with the same imports."""
    import nbformat
    from nbclient import NotebookClient

    from lessons.catalog import LESSONS, NOTEBOOKS

    def run(nb, path):
        client = NotebookClient(
            nb,
            kernel_name="python3",
            resources={"metadata": {"path": str(path)}},
            store_widget_state=False,
            record_timing=False,
        )
        t0 = time.perf_counter()
        client.execute()
        return time.perf_counter() - t0

    bare = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import pandas, plotly, ipywidgets")])
    base = statistics.median(run(bare, NOTEBOOKS) for _ in range(repeat))
    rows = [{"notebook": "bare kernel + imports", "seconds": base, "over_bare": 0.0}]
    for lesson in LESSONS:
        path = NOTEBOOKS / lesson.notebook
        secs = statistics.median(run(nbformat.read(path, as_version=4), NOTEBOOKS) for _ in range(repeat))
        rows.append({"notebook": lesson.notebook, "seconds": secs, "over_bare": secs - base})
    return rows


def _print_interactions(rows: list[dict]) -> None:
    print("| explorer | interaction | data | median ms | p95 ms | target p95 |")
    print("|---|---|---|---:|---:|---|")
    for r in rows:
        target = TARGET_MS.get(r["scale"])
        verdict = "" if target is None else (f"≤ {target:.0f} ✓" if r["p95_ms"] <= target else f"≤ {target:.0f} ✗")
        label = "curated" if r["scale"] == 1 else f"{r['scale']}×"
        print(
            f"| {r['explorer']} | {r['interaction']} | {label} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | {verdict} |"
        )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.dev.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", action="store_true", help="time the notebooks against a bare kernel")
    parser.add_argument("--scales", default="1,10,100", help="data scales, e.g. 1,10,100")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--only", default=",".join(EXPLORERS), help="explorers to time")
    args = parser.parse_args(argv)
    if args.notebooks:
        print("| notebook | seconds | over a bare kernel |\n|---|---:|---:|")
        for r in notebooks():
            print(f"| {r['notebook']} | {r['seconds']:.2f} | +{r['over_bare']:.2f} |")
        return 0
    scales = tuple(int(s) for s in args.scales.split(","))
    _print_interactions(interactions(scales, args.repeat, tuple(args.only.split(","))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
