"""The performance budget: every figure measured in the same run as its floor, written to BENCHMARKS.md.

    python -m lessons.dev.budget              # everything (make bench); about 6-9 minutes on 2 cores
    python -m lessons.dev.budget --quick      # one repetition of each, for a quick look
    python -m lessons.dev.budget --no-browser # kernel-side figures only

The floor is a notebook that imports pandas, plotly and ipywidgets and shows one plotly figure and one
widget: what any notebook like ours costs before it teaches anything. It is measured here, never assumed,
interleaved with the lessons so that a busy machine slows both alike. Each figure is a median of several
runs. This is a measurement, not a test: it prints the table, writes BENCHMARKS.md and never fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

import nbformat

from lessons.dev import notebook_file

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
OUT = ROOT / "BENCHMARKS.md"
TIMES = ROOT / ".venv" / "test-times.json"  # written by tests/conftest.py at the end of each make test

FLOOR_SOURCE = """import pandas as pd
import plotly.graph_objects as go
import ipywidgets as w

frame = pd.DataFrame({"x": [1, 2, 3], "y": [3, 1, 2]})
go.Figure(go.Scatter(x=frame.x, y=frame.y)).show()
w.IntSlider(description="x")"""

RSS_CELL = "print(int(open('/proc/self/statm').read().split()[1]) * __import__('os').sysconf('SC_PAGE_SIZE'))"

TARGETS = {
    "run": 1.25,
    "nbval": 1.25,
    "import": 0.15,
    "memory_mb": 30,
    "bytes": 1_000_000,
    "visible": 1.5,
    "kernel_p95": 30.0,
    "kernel_p95_100x": 150.0,
    "browser_p95": 100.0,
    "size": 100_000,
    "total": 1_000_000,
    "make_test_warm": 120.0,
}


def lessons_notebooks() -> list[Path]:
    from lessons.catalog import LESSONS

    return [NOTEBOOKS / lesson.notebook for lesson in LESSONS if (NOTEBOOKS / lesson.notebook).exists()]


def floor_notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(FLOOR_SOURCE)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


# -- kernel: run time and memory ------------------------------------------------------------------------
def run_notebook(nb: nbformat.NotebookNode, cwd: Path) -> tuple[float, int]:
    """Restart-and-run-all in a fresh kernel: (seconds from kernel start to last cell, kernel RSS bytes after)."""
    from nbclient import NotebookClient

    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    nb.cells.append(nbformat.v4.new_code_cell(RSS_CELL))
    client = NotebookClient(
        nb,
        kernel_name="python3",
        resources={"metadata": {"path": str(cwd)}},
        timeout=600,
        store_widget_state=False,
        record_timing=False,
    )
    t0 = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - t0
    rss = int(nb.cells[-1].outputs[0]["text"].strip())
    return seconds, rss


def kernel_runs(paths: list[Path], repeat: int) -> dict:
    floor = floor_notebook()
    rows = {"floor": {"s": [], "rss": []}, **{p.name: {"s": [], "rss": []} for p in paths}}
    for _ in range(repeat):
        for name, nb in [("floor", floor)] + [(p.name, nbformat.read(p, as_version=4)) for p in paths]:
            seconds, rss = run_notebook(nb, NOTEBOOKS)
            rows[name]["s"].append(seconds)
            rows[name]["rss"].append(rss)
    return {k: {"seconds": _median(v["s"]), "rss_mb": _median(v["rss"]) / 2**20} for k, v in rows.items()}


def nbval_runs(paths: list[Path], repeat: int) -> dict:
    """nbval strict on the lessons against nbval on as many floor notebooks, interleaved."""
    tmp = Path(tempfile.mkdtemp(prefix="floor-"))
    floor = floor_notebook()
    from nbclient import NotebookClient

    NotebookClient(floor, kernel_name="python3", store_widget_state=False, record_timing=False).execute()
    for i in range(len(paths)):
        nbformat.write(floor, tmp / f"floor_{i}.ipynb")
    args = [
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "--nbval",
        "--nbval-current-env",
        "--nbval-sanitize-with",
        str(ROOT / "tests" / "nbval_sanitize.cfg"),
    ]
    lessons_s, floor_s = [], []
    for _ in range(repeat):
        for target, out in ((tmp, floor_s), (None, lessons_s)):
            files = (
                [str(p) for p in paths]
                if target is None
                else [str(tmp / f"floor_{i}.ipynb") for i in range(len(paths))]
            )
            t0 = time.perf_counter()
            subprocess.run(args + files, cwd=ROOT, capture_output=True, check=False)
            out.append(time.perf_counter() - t0)
    shutil.rmtree(tmp, ignore_errors=True)
    return {"lessons": _median(lessons_s), "floor": _median(floor_s)}


def import_times(repeat: int) -> dict:
    """``import lessons`` beyond the stack: the floor imports pandas, plotly and ipywidgets and builds one figure."""
    stack = "import pandas, ipywidgets, plotly.graph_objects as go; go.Figure()"
    code = (
        "import time; t=time.perf_counter(); {stack}; a=time.perf_counter(); {extra}; b=time.perf_counter(); "
        "print(a-t, b-a)"
    )

    def once(extra: str) -> tuple[float, float]:
        out = subprocess.run(
            [sys.executable, "-c", code.format(stack=stack, extra=extra)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout.split()
        return float(out[0]), float(out[1])

    for cache in (ROOT / "lessons").rglob("__pycache__"):  # cold: no bytecode of ours yet
        shutil.rmtree(cache, ignore_errors=True)
    cold = once("import lessons")[1]
    warm = [once("import lessons")[1] for _ in range(repeat)]
    stack_s = [once("pass")[0] for _ in range(repeat)]
    return {"cold": cold, "warm": _median(warm), "stack": _median(stack_s)}


def latency(scales=(1, 10, 100), repeat: int = 30) -> list[dict]:
    from lessons.dev import bench

    return bench.interactions(scales, repeat)


# -- browser: bytes, time to last figure, interaction latency ----------------------------------------------
def browser_runs(paths: list[Path], repeat: int) -> dict:
    from lessons.dev import labserver

    with labserver.running(paths, {"floor.ipynb": floor_notebook()}) as server:
        return labserver.measure(server, [p.name for p in paths], repeat)


# -- the report -----------------------------------------------------------------------------------------
def _ok(value, target, lower_is_better: bool = True) -> str:
    if value is None:
        return "not measured"
    return "✓" if (value <= target if lower_is_better else value >= target) else "✗"


def report(results: dict) -> str:
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`python -m lessons.dev.budget`) on {results['date']}.",
        "",
        f"Machine: {results['machine']}. Python {results['python']}. "
        + ", ".join(f"{k} {v}" for k, v in results["versions"].items())
        + ".",
        "",
        "Every figure is a median of several runs, measured in the same run as its floor: a notebook that "
        "imports pandas, plotly and ipywidgets and shows one plotly figure and one widget.",
        "",
    ]
    k = results.get("kernel")
    if k:
        floor = k["floor"]
        lines += [
            "## Notebooks in a kernel (restart and run all)",
            "",
            "| notebook | seconds | ÷ floor (≤ 1.25) | kernel MB | over floor (≤ 30 MB) |",
            "|---|---:|---:|---:|---:|",
            f"| floor | {floor['seconds']:.2f} | 1.00 | {floor['rss_mb']:.0f} | 0 |",
        ]
        suite, suite_floor = 0.0, 0.0
        for name, row in k.items():
            if name == "floor":
                continue
            ratio = row["seconds"] / floor["seconds"]
            over = row["rss_mb"] - floor["rss_mb"]
            suite += row["seconds"]
            suite_floor += floor["seconds"]
            lines.append(
                f"| {name} | {row['seconds']:.2f} | {ratio:.2f} {_ok(ratio, TARGETS['run'])} | "
                f"{row['rss_mb']:.0f} | {over:+.0f} {_ok(over, TARGETS['memory_mb'])} |"
            )
        ratio = suite / suite_floor
        lines += [f"| **suite** | {suite:.2f} | {ratio:.2f} {_ok(ratio, TARGETS['run'])} | | |", ""]
    n = results.get("nbval")
    if n:
        ratio = n["lessons"] / n["floor"]
        lines += [
            "## nbval (strict, the lessons against as many floor notebooks)",
            "",
            f"Lessons {n['lessons']:.1f} s, floor notebooks {n['floor']:.1f} s: "
            f"**{ratio:.2f}** ÷ floor (target ≤ 1.25) {_ok(ratio, TARGETS['nbval'])}.",
            "",
        ]
    i = results.get("import")
    if i:
        lines += [
            "## Import",
            "",
            f"`import lessons` beyond the stack's own imports (pandas, ipywidgets, plotly and one figure, "
            f"{i['stack']:.2f} s): cold {i['cold']:.3f} s {_ok(i['cold'], TARGETS['import'])}, "
            f"warm {i['warm']:.3f} s {_ok(i['warm'], TARGETS['import'])} (target ≤ 0.15 s).",
            "",
        ]
    b = results.get("browser")
    if b:
        floor = b["floor"]
        lines += [
            "## In JupyterLab in Chromium (after the first page load)",
            "",
            "| notebook | bytes to the browser for Run All (≤ 1 MB) | Run All → last figure visible, s | ÷ floor (≤ 1.5) |",
            "|---|---:|---:|---:|",
            f"| floor | {floor['bytes']:,} | {floor['visible']:.2f} | 1.00 |",
        ]
        for name, row in b.items():
            if name in ("floor", "latency"):
                continue
            ratio = row["visible"] / floor["visible"] if row["visible"] and floor["visible"] else None
            lines.append(
                f"| {name} | {row['bytes']:,} {_ok(row['bytes'], TARGETS['bytes'])} | "
                f"{row['visible'] or float('nan'):.2f} | "
                f"{'' if ratio is None else f'{ratio:.2f}'} {_ok(ratio, TARGETS['visible'])} |"
            )
        lines.append("")
        if b.get("latency"):
            lines += [
                "Control change → figure redrawn, in the browser (target p95 ≤ 100 ms):",
                "",
                "| notebook | control | median ms | p95 ms |",
                "|---|---|---:|---:|",
            ]
            for row in b["latency"]:
                lines.append(
                    f"| {row['notebook']} | {row['control']} | {row['median_ms']:.0f} | "
                    f"{row['p95_ms']:.0f} {_ok(row['p95_ms'], TARGETS['browser_p95'])} |"
                )
            lines.append("")
    lat = results.get("latency")
    if lat:
        lines += [
            "## Widget latency in the kernel",
            "",
            "| explorer | interaction | data | median ms | p95 ms | target p95 |",
            "|---|---|---|---:|---:|---|",
        ]
        for r in lat:
            target = {1: TARGETS["kernel_p95"], 100: TARGETS["kernel_p95_100x"]}.get(r["scale"])
            label = "curated" if r["scale"] == 1 else f"{r['scale']}×"
            verdict = "" if target is None else f"≤ {target:.0f} {_ok(r['p95_ms'], target)}"
            lines.append(
                f"| {r['explorer']} | {r['interaction']} | {label} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | {verdict} |"
            )
        lines.append("")
    sizes = results["sizes"]
    total = sum(sizes.values())
    lines += ["## Notebook sizes", "", "| notebook | KB (≤ 100) |", "|---|---:|"]
    lines += [f"| {name} | {size / 1000:.0f} {_ok(size, TARGETS['size'])} |" for name, size in sizes.items()]
    lines += [f"| **total** (≤ 1 MB) | {total / 1000:.0f} {_ok(total, TARGETS['total'])} |", ""]
    t = results.get("make_test")
    lines += ["## `make test`", ""]
    if t:
        lines += [
            f"The last `make test` on this machine ({t.get('date', '?')}): {t['seconds']:.0f} s, "
            f"{t.get('tests', '?')} tests ({'cold: fresh install' if t.get('cold') else 'warm'}). "
            f"Target warm ≤ 120 s {_ok(t['seconds'], TARGETS['make_test_warm'])}.",
            "",
        ]
    else:
        lines += ["No `make test` has run on this machine yet (its duration is recorded at the end of each run).", ""]
    lines += [f"The whole benchmark took {results['seconds']:.0f} s.", ""]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.dev.budget", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repetition of each measurement")
    parser.add_argument("--no-browser", action="store_true", help="skip the JupyterLab measurements")
    parser.add_argument("--output", default=str(OUT))
    args = parser.parse_args(argv)
    os.environ.setdefault("PLOTLY_RENDERER", "plotly_mimetype")  # the floor and the lessons render alike
    repeat = 1 if args.quick else 3
    start = time.perf_counter()
    paths = lessons_notebooks()
    results = {
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
        "versions": {
            name: metadata.version(name) for name in ("jupyterlab", "ipywidgets", "plotly", "pandas", "nbval")
        },
        "sizes": {p.name: p.stat().st_size for p in paths},
    }
    steps = [
        ("import", lambda: import_times(5 if not args.quick else 2)),
        ("kernel", lambda: kernel_runs(paths, repeat)),
        ("nbval", lambda: nbval_runs(paths, 1 if args.quick else 2)),
        ("latency", lambda: latency(repeat=15 if args.quick else 30)),
    ]
    if not args.no_browser:
        steps.append(("browser", lambda: browser_runs(paths, 1 if args.quick else 2)))
    for name, step in steps:
        t0 = time.perf_counter()
        try:
            results[name] = step()
        except Exception as error:  # noqa: BLE001 - a measurement that cannot run is reported, not fatal
            print(f"{name}: not measured ({type(error).__name__}: {error})", file=sys.stderr)
        print(f"{name}: {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    if TIMES.exists():
        results["make_test"] = json.loads(TIMES.read_text(encoding="utf-8"))
    results["seconds"] = time.perf_counter() - start
    text = report(results)
    print(text)
    notebook_file.replace_text(args.output, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
