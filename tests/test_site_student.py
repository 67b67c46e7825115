"""Student copies: generated from the masters, and no solution survives in them."""

from __future__ import annotations

import re

import nbformat
import pytest

from lessons.catalog import LESSONS, NOTEBOOKS
from lessons.dev import student

SOLUTION_BODY = re.compile(r"<details>\s*<summary>\s*Solution\s*</summary>(.*?)</details>", re.S | re.I)


def _solutions(nb) -> list[str]:
    """Each solution's text in a master, as distinctive lines (long enough not to occur elsewhere by chance)."""
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for body in SOLUTION_BODY.findall(cell.source):
                found += [line.strip() for line in body.splitlines() if len(line.strip()) > 25]
        if {"solution", "answer-key", "teacher"} & set(cell.metadata.get("tags", [])):
            found += [line.strip() for line in cell.source.splitlines() if len(line.strip()) > 25]
    return found


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    out = tmp_path_factory.mktemp("student")
    return out, student.build(out)


def test_every_master_with_exercises_has_solutions_to_remove(copy):
    _, report = copy
    for lesson in LESSONS:
        text = (NOTEBOOKS / lesson.notebook).read_text(encoding="utf-8")
        if re.search(r"(?i)\bsolutions?\b", text):  # a lesson that mentions solutions must have some the copier finds
            assert report[lesson.notebook] > 0, f"{lesson.notebook}: no solution found to remove; are they still marked so?"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.notebook)
def test_no_solution_survives_in_a_student_copy(copy, lesson):
    out, _ = copy
    master = nbformat.read(NOTEBOOKS / lesson.notebook, as_version=4)
    text = (out / "notebooks" / lesson.notebook).read_text(encoding="utf-8")
    copy_nb = nbformat.read(out / "notebooks" / lesson.notebook, as_version=4)
    nbformat.validate(copy_nb)
    assert not re.search(r"<summary>\s*Solution", text, re.I), "a solution block survived"
    plain = "\n".join(c.source for c in copy_nb.cells) + "\n" + text
    for line in _solutions(master):
        assert line not in plain, f"solution text survived in {lesson.notebook}: {line[:80]}"
    assert len(copy_nb.cells) == len(master.cells) - sum(
        1 for c in master.cells if {"solution", "answer-key", "teacher"} & set(c.metadata.get("tags", []))
        or (c.cell_type == "code" and "answer_key(" in c.source))
    assert not any("answer_key(" in c.source for c in copy_nb.cells if c.cell_type == "code")
    # the questions are still there, with room to answer
    assert text.count("*Your answer:*") == len(SOLUTION_BODY.findall("\n".join(c.source for c in master.cells)))


def test_the_check_catches_a_survivor(tmp_path):
    """The detector itself works: a notebook with a tagged or folded solution is caught."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("Q?\n\n<details><summary>Solution</summary>\n\nThe answer is forty-two, as everybody knows.\n</details>"),
        nbformat.v4.new_code_cell("answer = 42  # the complete worked answer to exercise one"),
    ])
    nb.cells[1].metadata["tags"] = ["solution"]
    assert len(_solutions(nb)) == 2
    assert student.strip_solutions(nb) == 2
    assert len(nb.cells) == 1 and "forty-two" not in nb.cells[0].source and nb.cells[0].source.startswith("Q?")


def test_student_copy_has_what_it_needs_and_no_teacher_material(copy):
    out, _ = copy
    assert (out / "lessons" / "__init__.py").is_file() and (out / "data" / "datapackage.json").is_file()
    assert (out / "pyproject.toml").is_file() and (out / "README.md").is_file()
    assert sorted(p.name for p in (out / "lessons" / "dev").iterdir() if p.suffix == ".py") == ["__init__.py", "setup_lab.py"]
    assert not list(out.rglob("TEACHER_GUIDE.md")) and not (out / "docs").exists()
    assert sorted(p.name for p in (out / "notebooks").glob("*.ipynb")) == sorted(lesson.notebook for lesson in LESSONS)
