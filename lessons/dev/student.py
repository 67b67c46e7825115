"""Write the student copies: the lessons without their solutions, generated from the masters.

    python -m lessons.dev.student                 # into _student/ (ignored by git)
    python -m lessons.dev.student --out DIR

Never edit a student copy by hand: change the master notebook and run this again. The copy
is a folder a teacher can hand out as it is (through nbgitpuller, a learning platform or a
USB stick): the notebooks, the ``lessons`` package (without the maintainer commands except
``setup_lab``), the data, and the files that install them. What is removed:

- every solution: a ``<details>`` block whose summary is "Solution" (how the masters fold
  their answers), in a markdown cell; an exercise cell keeps its question and gets a line
  to answer on;
- every cell tagged ``solution``, ``answer-key`` or ``teacher`` (code or markdown), and every
  code cell that prints a quiz's answer key (``answer_key(``);
- the teacher guide.

The quizzes stay: they are self-checks that answer a student at once, so their answers
travel inside the package as data (``data/quiz.csv``) as they must for the quiz to work.
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import nbformat

from lessons.catalog import LESSONS, NOTEBOOKS, ROOT

DEFAULT_OUT = ROOT / "_student"
SOLUTION_RE = re.compile(r"\n*<details>\s*<summary>\s*Solution\s*</summary>.*?</details>\n*", re.S | re.I)
SOLUTION_TAGS = {"solution", "answer-key", "teacher"}
ANSWER_LINE = "\n\n*Your answer:*\n"
KEEP_FILES = ("pyproject.toml", "environment.yml", "LICENSE", "CITATION.cff", "postBuild")
DEV_KEEP = ("__init__.py", "setup_lab.py")
README = """# Lessons: the call of 18 March 2025 and Crimea 1991–2014 (student copy)

Open `notebooks/00_start_here.ipynb` in JupyterLab and run the cells from the top.

To install on your own computer: `python -m venv .venv && .venv/bin/pip install -e .`,
then `.venv/bin/python -m lessons.dev.setup_lab` (offline settings) and `.venv/bin/jupyter lab`.

This copy was generated from the teacher's version; it has no solutions.
"""


def strip_solutions(nb):
    """The notebook without solutions (in place); returns how many were removed."""
    removed = 0
    kept = []
    for cell in nb.cells:
        tagged = SOLUTION_TAGS & set(cell.get("metadata", {}).get("tags", []))
        if tagged or (cell.cell_type == "code" and "answer_key(" in cell.source):
            removed += 1
            continue
        if cell.cell_type == "markdown":
            text, n = SOLUTION_RE.subn("\n", cell.source)
            if n:
                cell.source = text.rstrip() + ANSWER_LINE
                removed += n
        kept.append(cell)
    nb.cells = kept
    return removed


def _copy_package(out: Path) -> None:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "lessons", out / "lessons", ignore=ignore)
    dev = out / "lessons" / "dev"
    for path in list(dev.iterdir()):
        if path.name not in DEV_KEEP:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copytree(ROOT / "data", out / "data", ignore=shutil.ignore_patterns("staging"))
    for name in KEEP_FILES:
        if (ROOT / name).is_file():
            shutil.copy2(ROOT / name, out / name)
    (out / "README.md").write_text(README, encoding="utf-8")


def build(out: Path = DEFAULT_OUT) -> dict[str, int]:
    """Write the student copy into ``out`` (emptied first); returns solutions removed per notebook."""
    if out.exists():
        shutil.rmtree(out)
    (out / "notebooks").mkdir(parents=True)
    _copy_package(out)
    report = {}
    for lesson in LESSONS:
        nb = nbformat.read(NOTEBOOKS / lesson.notebook, as_version=4)
        report[lesson.notebook] = strip_solutions(nb)
        nbformat.write(nb, out / "notebooks" / lesson.notebook)
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.dev.student", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    report = build(args.out)
    print(f"student copy written to {args.out}: solutions removed " + ", ".join(f"{k}: {v}" for k, v in report.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
