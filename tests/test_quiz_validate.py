"""Quiz rows are checked by the loader (and so by ``make check-data``) before class: each corruption a teacher
could make in a spreadsheet gives one problem with file, line, column, value and what to do."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from lessons import data
from lessons.quiz import quiz_problems

DATA = Path(__file__).resolve().parent.parent / "data"


def rows_of(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def corrupt(tmp_path: Path, qid: str, **changes) -> Path:
    """A copy of data/ where the quiz row ``qid`` has ``changes``; returns the copy's folder."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    path = copy / "quiz.csv"
    rows = rows_of(path)
    hit = [r for r in rows if r["id"] == qid]
    assert hit, qid
    hit[0].update(changes)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return copy


def line_of(qid: str) -> int:
    return next(i for i, r in enumerate(rows_of(DATA / "quiz.csv"), start=2) if r["id"] == qid)


def problems_for(tmp_path, qid, **changes) -> list[str]:
    with pytest.raises(data.DataError) as err:
        data.read_package(corrupt(tmp_path, qid, **changes))
    return [str(p) for p in err.value.problems if p.file == "quiz.csv"]  # only the quiz is corrupted here


CASES = [
    # (question, changes, column, words of the message, value shown)
    ("qz-01-immediate-order", dict(answer="Only the Kremlin readot"), "answer", "is not one of the choices: copy the "
     "answer exactly from the choices", "Only the Kremlin readot"),
    ("qz-01-thirty-days", dict(answer="about 30"), "answer", "the answer is not a number", "about 30"),
    ("qz-01-middle-east", dict(choices="Iran; Syria; Yemen; Saudi Arabia"), "choices",
     "needs at least 2 choices, found 1: separate the choices with ' | ' (space, bar, space), not ';'", "Iran; Syria"),
    ("qz-01-aid-intelligence", dict(answer="The demand appears only in the Kremlin readout; Trump said in a Fox News "
     "interview that aid was never discussed"), "answer", "the answer uses ';' between options", "The demand appears"),
    ("qz-01-energy-wording", dict(answer="White House readout = 'energy infrastructure facilities' only | Kremlin "
     "readout = 'energy and infrastructure' ceasefire | Trump's own post after the call = 'all energy and "
     "infrastructure'"), "answer", "the same 'left = right' pairs as the choices", "White House readout"),
    ("qz-01-energy-wording", dict(choices="White House readout - 'energy and infrastructure' ceasefire | Kremlin "
     "readout = 'energy infrastructure facilities' only | Trump's own post after the call = 'all energy and "
     "infrastructure'"), "choices", "must be written 'left = right'", "White House readout -"),
    ("qz-01-prisoner-numbers", dict(answer="Severely wounded Ukrainians Russia actually handed over | Seriously wounded "
     "servicemen promised in the Kremlin readout"), "answer", "not an ordering of the choices (each item exactly once)",
     "Severely wounded"),
    ("qz-02-start-dates", dict(kind="single"), "answer", "exactly one answer", "The Kremlin's start date"),
    ("qz-01-thirty-days", dict(tolerance="-1"), "tolerance", "is below the minimum 0", "-1"),
    ("qz-03-2014-ballot", dict(kind="essay"), "kind", "not one of the allowed values", "essay"),
    # the answer against the row that proves it
    ("qz-01-immediate-order", dict(answer="Both readouts"), "answer", "disagrees with the proof row, which gives "
     "'Only the Kremlin readout'", "Both readouts"),
    ("qz-01-thirty-days", dict(answer="31"), "answer", "is not a number the proof row readouts:ro-thirty-day-duration "
     "states", "31"),
    ("qz-03-1991-crimea-yes", dict(answer="45.81"), "answer", "is not a number the proof row", "45.81"),
    ("qz-02-facility-kinds", dict(answer="6"), "answer", "is not a number the proof row", "6"),
    ("qz-02-sanctions-status", dict(answer="agreed to negotiate"), "answer", "disagrees with the proof row's status "
     "'condition'", "agreed to negotiate"),
    ("qz-04-unsc-stance", dict(answer="Opposes recognition, because 13 members backed the draft"), "answer",
     "disagrees with the proof row's stance 'no-position'", "Opposes recognition"),
    ("qz-04-kremlin-stance", dict(answer="Supports"), "answer", "disagrees with the proof row's stance 'conditional'",
     "Supports"),
]


@pytest.mark.parametrize("qid, changes, column, words, value", CASES,
                         ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_each_quiz_corruption_is_one_clear_problem(tmp_path, qid, changes, column, words, value):
    found = problems_for(tmp_path, qid, **changes)
    assert len(found) == 1, found
    message = found[0]
    assert message.startswith(f"quiz.csv, line {line_of(qid)}, column '{column}': "), message
    assert words in message and value in message, message


def test_the_curated_quiz_has_no_problem():
    try:
        package = data.read_package(DATA)
    except data.DataError as err:  # a problem elsewhere in the package is another test's business
        assert [str(p) for p in err.problems if p.file == "quiz.csv"] == []
    else:
        assert len(package.tables["quiz"]) >= 33


def test_quiz_problems_works_on_plain_rows_without_the_loader():
    rows = [dict(id="qz-a", lesson="01", kind="numeric", prompt="How many?", choices="", answer="3", tolerance=None,
                 explanation="x", proof="votes:vo-a", source_ids=""),
            dict(id="qz-b", lesson="01", kind="single", prompt="Which?", choices="A | B", answer="C", tolerance=None,
                 explanation="x", proof="", source_ids="")]
    tables = {"votes": [dict(id="vo-a", count=4, note="four of them")]}
    found = quiz_problems(rows, [10, 11], tables)
    assert [(p.line, p.column) for p in found] == [(10, "answer"), (11, "answer")]
    assert "not a number the proof row votes:vo-a states" in found[0].message
    assert "copy the answer exactly" in found[1].message and found[1].value == "C"
    tables = {"votes": [dict(id="vo-a", count=3)]}
    assert quiz_problems(rows[:1], [10], tables) == []
