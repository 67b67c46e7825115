"""Write the generated parts of TEACHER_GUIDE.md, so that its tables and answer keys never drift.

The guide's prose (plans, prompts, misconceptions, care points) is written by hand. Between markers
``<!-- guide:NAME:start -->`` and ``<!-- guide:NAME:end -->`` this script writes:

- ``lesson-table``: the lessons with their minutes, exercises and quiz size, from the catalog and notebooks;
- ``answers-NN``: lesson NN's answer key: each exercise's hidden solution, taken from the notebook, the
  quiz's answers from ``data/quiz.csv`` (with the row that proves each), and for lesson 05 the verdicts of
  ``data/claims.csv``.

    python -m lessons.dev.teacher_guide --write   # rewrite what is stale
    python -m lessons.dev.teacher_guide --check   # exit 1 when the guide is stale (a test runs it)
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import nbformat

from lessons.catalog import LESSONS, NOTEBOOKS, ROOT, Lesson
from lessons.dev import notebook_file

GUIDE = ROOT / "TEACHER_GUIDE.md"
DATA = ROOT / "data"
_BLOCK = re.compile(r"(<!-- guide:(?P<name>[a-z0-9-]+):start -->\n)(?P<body>.*?)(<!-- guide:(?P=name):end -->)", re.S)
_EXERCISE = re.compile(r"^#{2,3}\s+((?:Exercise|Part \d+:)[^\n]*)$", re.M)
_SOLUTION = re.compile(r"<details>\s*<summary>\s*Solution\s*</summary>(?P<body>.*?)</details>", re.S)


# --------------------------------------------------------------------------- reading the lessons


def exercises(notebook: Path) -> list[tuple[str, str]]:
    """(title, hidden solution) for every exercise of a notebook, in order. An exercise is a markdown
    heading ``### Exercise …`` (or, in the review, ``## Part N: …``); its solution is the next ``<details><summary>Solution</summary>`` block
    before the following exercise (in the same cell or a later one). Exercises without one get ''."""
    nb = nbformat.read(notebook, as_version=4)
    found: list[list[str]] = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        text = cell.source
        pieces = [(m.start(), "title", m.group(1).strip()) for m in _EXERCISE.finditer(text)]
        pieces += [(m.start(), "solution", m.group("body").strip()) for m in _SOLUTION.finditer(text)]
        for _, kind, value in sorted(pieces):
            if kind == "title":
                found.append([value, ""])
            elif found and not found[-1][1]:
                found[-1][1] = value
    return [(t, s) for t, s in found]


def rubrics(notebook: Path) -> list[str]:
    """Every markdown section of a notebook headed ``### The rubric`` (with the heading dropped)."""
    nb = nbformat.read(notebook, as_version=4)
    out = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and "### The rubric" in cell.source:
            out.append(cell.source.split("### The rubric", 1)[1].strip())
    return out


def _read_csv(name: str) -> list[dict]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def quiz_rows(lesson_id: str) -> list[dict]:
    return [r for r in _read_csv("quiz") if r["lesson"].strip() == lesson_id]


def correct_answer(row: dict) -> str:
    """The right answer as a teacher reads it (from the csv format alone)."""
    parts = [p.strip() for p in row["answer"].split(" | ") if p.strip()]
    kind = row["kind"]
    if kind == "numeric":
        tol = row.get("tolerance", "").strip()
        return parts[0] + (f" (± {tol})" if tol and float(tol) else "")
    if kind == "order":
        return " → ".join(parts)
    if kind == "match":
        return "; ".join(p.replace(" = ", " → ", 1) for p in parts)
    return "; ".join(parts)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


# --------------------------------------------------------------------------- generated text


def lesson_table() -> str:
    rows = [
        "| # | Lesson | Teaching | Exercises | Total | Exercises in the notebook | Quiz questions |",
        "|---|---|---|---|---|---|---|",
    ]
    for lesson in LESSONS:
        titles = [t for t, _ in exercises(NOTEBOOKS / lesson.notebook)]
        names = "<br>".join(_cell(t) for t in titles) or "none"
        rows.append(
            f"| {lesson.id} | [{lesson.title}](notebooks/{lesson.notebook}) | {lesson.teaching} min | "
            f"{lesson.exercises} min | {lesson.minutes} min | {names} | {len(quiz_rows(lesson.id))} |"
        )
    return "\n".join(rows)


def quiz_key(lesson_id: str) -> str:
    rows = quiz_rows(lesson_id)
    if not rows:
        return "This lesson has no quiz."
    out = ["| # | Question | Answer | Why | Proof |", "|---|---|---|---|---|"]
    for i, r in enumerate(rows, 1):
        out.append(
            f"| {i} | {_cell(r['prompt'])} | {_cell(correct_answer(r))} | {_cell(r['explanation'])} | "
            f"`{_cell(r['proof'])}` |"
        )
    return "\n".join(out)


def claims_key() -> str:
    rows = sorted(_read_csv("claims"), key=lambda r: int(r["order"]))
    out = ["| # | Claim (in our words) | Verdict | Why |", "|---|---|---|---|"]
    out += [f"| {r['order']} | {_cell(r['claim'])} | **{_cell(r['verdict'])}** | {_cell(r['why'])} |" for r in rows]
    return "\n".join(out)


def answers(lesson: Lesson) -> str:
    parts = []
    for title, solution in exercises(NOTEBOOKS / lesson.notebook):
        parts += [
            f"**{title}**",
            "",
            solution or "(no written solution: the quiz below, or the rubric, is the key)",
            "",
        ]
    for rubric in rubrics(NOTEBOOKS / lesson.notebook):
        parts += ["**The rubric for the writing task** (as the students see it)", "", rubric, ""]
    if lesson.id == "05":
        parts += ["**The claim checker: the package's verdicts**", "", claims_key(), ""]
    parts += ["**Quiz**", "", quiz_key(lesson.id)]
    return "\n".join(parts)


def blocks() -> dict[str, str]:
    out = {"lesson-table": lesson_table()}
    for lesson in LESSONS:
        out[f"answers-{lesson.id}"] = answers(lesson)
    return out


def render(text: str) -> str:
    """The guide with every generated block rewritten. Raises ValueError naming missing or unknown blocks."""
    wanted = blocks()
    present = [m.group("name") for m in _BLOCK.finditer(text)]
    missing = [n for n in wanted if n not in present]
    unknown = [n for n in present if n not in wanted]
    if missing or unknown:
        raise ValueError(f"TEACHER_GUIDE.md: missing blocks {missing or 'none'}; unknown blocks {unknown or 'none'}")
    return _BLOCK.sub(lambda m: f"{m.group(1)}{wanted[m.group('name')]}\n{m.group(4)}", text)


def stale(path: Path = GUIDE) -> bool:
    text = path.read_text(encoding="utf-8")
    return render(text) != text


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.dev.teacher_guide", description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", action="store_true", help="rewrite the generated parts of TEACHER_GUIDE.md")
    group.add_argument("--check", action="store_true", help="exit 1 if TEACHER_GUIDE.md is stale")
    args = parser.parse_args(argv)
    text = GUIDE.read_text(encoding="utf-8")
    try:
        new = render(text)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 1
    if args.write:
        if new != text:
            notebook_file.replace_text(GUIDE, new)
            print("updated: TEACHER_GUIDE.md")
        else:
            print("TEACHER_GUIDE.md is current")
        return 0
    if new != text:
        print("TEACHER_GUIDE.md is stale: run python -m lessons.dev.teacher_guide --write", file=sys.stderr)
        return 1
    print("TEACHER_GUIDE.md is current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
