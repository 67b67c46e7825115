"""The course as a whole: seven lessons that each fit a class period, with exercises, quizzes, sources and a
teacher guide that is never stale."""

from __future__ import annotations

import csv
import json
import re

import nbformat
import pytest

from lessons.catalog import LESSONS, NOTEBOOKS, ROOT
from lessons.dev import teacher_guide

IDS = [lesson.id for lesson in LESSONS]
GENERATED = "lessons_generated"


def _nb(lesson):
    return nbformat.read(NOTEBOOKS / lesson.notebook, as_version=4)


def test_seven_lessons_from_00_to_06():
    assert IDS == ["00", "01", "02", "03", "04", "05", "06"]
    for lesson in LESSONS:
        assert (NOTEBOOKS / lesson.notebook).exists(), lesson.notebook


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_each_lesson_fits_a_class_period(lesson):
    assert lesson.teaching > 0 and lesson.exercises > 0
    assert lesson.minutes <= 45, f"lesson {lesson.id} takes {lesson.minutes} minutes"


@pytest.mark.parametrize("lesson", [les for les in LESSONS if les.id not in ("00", "06")], ids=lambda les: les.id)
def test_lessons_have_three_exercises_with_hidden_solutions(lesson):
    found = teacher_guide.exercises(NOTEBOOKS / lesson.notebook)
    assert len(found) >= 3, [t for t, _ in found]
    for title, solution in found:
        assert solution, f"lesson {lesson.id}: {title} has no hidden solution"


def test_exercise_minutes_are_true_to_the_exercises():
    """About five minutes an exercise at least: the catalog's exercise time is not a guess (the quiz is not counted)."""
    for lesson in LESSONS:
        n = len(teacher_guide.exercises(NOTEBOOKS / lesson.notebook))
        if lesson.id != "06":
            assert lesson.exercises >= 5 * n, (lesson.id, n, lesson.exercises)


@pytest.mark.parametrize("lesson", [les for les in LESSONS if les.id != "00"], ids=lambda les: les.id)
def test_lessons_01_to_06_have_a_quiz(lesson):
    code = "\n".join(c.source for c in _nb(lesson).cells if c.cell_type == "code")
    assert re.search(rf"Quiz\(lesson=\"{lesson.id}\"\)", code), f'no Quiz(lesson="{lesson.id}") cell'
    assert teacher_guide.quiz_rows(lesson.id), f"no questions for lesson {lesson.id} in quiz.csv"


def test_review_quiz_mixes_every_kind_and_all_lessons():
    rows = teacher_guide.quiz_rows("06")
    assert len(rows) >= 20
    assert {r["kind"] for r in rows} == {"single", "multiple", "order", "match", "numeric"}
    proofs = {r["proof"].split(":")[0] for r in rows}
    assert {"readouts", "ceasefire_terms", "votes", "positions", "claims", "places"} <= proofs


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_sources_section_at_the_end_of_every_lesson(lesson):
    cells = _nb(lesson).cells
    kinds = [c.metadata.get(GENERATED) for c in cells]
    assert kinds[-1] == "nav-bottom" and kinds[-2] == "sources"
    text = cells[-2].source
    assert text.startswith("## Sources and further reading")
    links = re.findall(r"\]\((https?://[^)]+)\)", text)
    assert len(links) >= len(lesson.sources) >= 1
    with open(ROOT / "data" / "sources.csv", encoding="utf-8", newline="") as f:
        rows = {r["id"]: r for r in csv.DictReader(f)}
    assert all(rows[s]["kind"] == "primary" for s in lesson.sources), "the first list is for primary texts"


@pytest.mark.parametrize("lesson", LESSONS, ids=IDS)
def test_notebooks_are_small_and_carry_no_widget_state(lesson):
    path = NOTEBOOKS / lesson.notebook
    assert path.stat().st_size < 100_000, f"{path.name}: {path.stat().st_size} bytes"
    assert "widgets" not in json.loads(path.read_text(encoding="utf-8")).get("metadata", {})


def test_teacher_guide_is_current():
    assert teacher_guide.GUIDE.exists()
    assert not teacher_guide.stale(), "run python -m lessons.dev.teacher_guide --write"


def test_teacher_guide_notices_a_changed_solution(tmp_path, monkeypatch):
    text = teacher_guide.GUIDE.read_text(encoding="utf-8")
    guide = tmp_path / "guide.md"
    guide.write_text(
        text.replace("Exercise 2: one number, two texts", "Exercise 2: edited by hand", 1), encoding="utf-8"
    )
    assert teacher_guide.stale(guide)


def test_teacher_guide_has_plans_prompts_care_and_running_instructions():
    text = teacher_guide.GUIDE.read_text(encoding="utf-8")
    for lesson in LESSONS:
        section = text.split(f"## Lesson {lesson.id}:", 1)[1].split("\n## ", 1)[0]
        for part in ("45-minute plan", "90-minute plan", "Discussion prompts", "Likely misconceptions", "Answer key"):
            assert part in section, (lesson.id, part)
    for part in (
        "Where a class may need care",
        "Keeping the discussion on evidence",
        "offline",
        "nbgitpuller",
        "mybinder.org",
        "family in the region",
        "Prisoners",
        "Deportation",
        "Casualties",
    ):
        assert part.lower() in text.lower(), part


def test_every_quiz_question_is_in_the_guide():
    text = teacher_guide.GUIDE.read_text(encoding="utf-8")
    for lesson in LESSONS:
        for row in teacher_guide.quiz_rows(lesson.id):
            assert f"`{row['proof']}`" in text, row["id"]


_AS_OF = re.compile(
    r"\bas of (\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4})"
)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_a_figure_shows_the_date_its_introduction_gives(lesson):
    """Where prose introduces the next figure "as of" a date, the figure's title carries that date (a sharp
    student who finds them differ trusts nothing else)."""
    cells = nbformat.read(ROOT / "notebooks" / lesson.notebook, as_version=4).cells
    for before, cell in zip(cells, cells[1:]):
        said = _AS_OF.findall(before.source) if before.cell_type == "markdown" else []
        figures = [
            o["data"]["application/vnd.plotly.v1+json"]
            for o in cell.get("outputs", [])
            if "application/vnd.plotly.v1+json" in o.get("data", {})
        ]
        if not said or not figures:
            continue
        title = str(figures[0]["layout"].get("title", {}).get("text", ""))
        assert said[0] in title, f"{lesson.notebook}: the text says as of {said[0]}, the figure: {title[:80]!r}"


def test_lesson_05_solutions_answer_the_claims_their_exercise_names():
    """A solution that answers "Claim 16" to an exercise on claims 9 and 11 sends a teacher to the wrong row."""
    lesson = next(les for les in LESSONS if les.id == "05")
    checked = 0
    for cell in _nb(lesson).cells:
        if cell.cell_type != "markdown" or "<details>" not in cell.source:
            continue
        task, _, solution = cell.source.partition("<details>")
        asked = set(re.findall(r"[Cc]laims? (\d+)", task)) | set(re.findall(r"[Cc]laims? \d+ and (\d+)", task))
        answered = set(re.findall(r"\bClaim (\d+):", solution))
        if asked and answered:
            checked += 1
            assert answered <= asked, f"{task.splitlines()[0]}: the solution answers claims {sorted(answered)}"
    assert checked >= 1
