"""Odd inputs to the Quiz widget (the reliability review's W094-W141 and more): empty, wrong type, unknown,
huge and rapid. None may raise, block or leave the quiz inconsistent; each gives a message or is accepted."""

from __future__ import annotations

import random
import time  # CPU time of this process: other work on a shared machine does not count

import pytest

from lessons import quiz as qz
from quiz_fixtures import make_tables

MB = "x" * 1_000_000
ODD_RESPONSES = {
    "qz-single": ["", "abc", None, 123, ["UN General Assembly", "OSCE"], MB, "UN General Assembly ", 1.5, {"a": 1},
                  object()],
    "qz-multiple": [[], ["abc"], "abc", None, ["White House"] * 5, ["White House", "Kremlin", "Neither", "Ukrainian MFA"],
                    [MB] * 3, ("White House",), 42, {"White House": True}],
    "qz-order": [[], ["Referendum"], ["Law", "Treaty", "UN vote", "Referendum"], ["Law"] * 4, None, "Referendum",
                 ["Referendum", "UN vote", "Treaty", "Law", "Extra"], [MB], 7],
    "qz-match": [{}, {"unknown": "x"}, {"UNGA": "no validity"}, "a = b", [("UNGA", "no validity")], None,
                 {"UNGA": MB}, [1, 2, 3], "Russian government = reunification = x", {None: None}],
    "qz-numeric": ["nan", True, MB, "9" * 1_000_000, "<script>alert(1)</script>", "1" * 50_000 + "x", "", None,
                   float("nan"), float("inf"), 10**400, "1e309", "٣٠", "thirty", "3 0", "1,2,3", "--5", "5%%", [5]],
}
CASES = [(qid, i) for qid, responses in ODD_RESPONSES.items() for i in range(len(responses))]


@pytest.fixture(scope="module")
def tables():
    return make_tables()


@pytest.mark.parametrize("qid, i", CASES, ids=[f"{qid}-{i}" for qid, i in CASES])
def test_odd_answers_never_raise_or_block(tables, qid, i):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    response = ODD_RESPONSES[qid][i]
    t0 = time.process_time()
    accepted = quiz.answer(qid, response)
    refused_because = quiz.message.value
    result = quiz.check(qid)
    assert time.process_time() - t0 < 1.0
    assert isinstance(result, qz.Result)
    if not accepted:
        assert refused_because, "a refused answer says why"
    if not result.answered:
        assert result.feedback and qid not in quiz.results
    assert len(quiz.results) <= 1 and quiz.score <= 1


@pytest.mark.parametrize("which", [999, -5, "qz-unknown", 1.7, None, "", [1], float("nan"), 10**30])
def test_show_with_odd_positions(tables, which):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    quiz.show(which)
    assert 0 <= quiz.position < quiz.total and quiz.stage.children


@pytest.mark.parametrize("call", ["check", "reset", "answer"])
def test_unknown_ids_for_every_call(tables, call):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    getattr(quiz, call)(*(["qz-unknown", "A"] if call == "answer" else ["qz-unknown"]))
    assert "Unknown question id: qz-unknown" in quiz.message.value


@pytest.mark.parametrize("kwargs, total, words", [
    (dict(lesson="99"), 0, "no quiz questions for lesson 99"), (dict(lesson=1), 0, "no quiz questions for lesson 1"),
    (dict(ids=[]), 0, "no quiz questions"), (dict(ids=["qz-unknown"]), 0, "Unknown question id: qz-unknown"),
    (dict(ids="qz-single"), 1, ""), (dict(ids=["qz-single", "qz-single"]), 1, ""),
    (dict(ids=["x" * 100_000]), 0, "Unknown question id"), (dict(ids=[None, "qz-single"]), 1, "Unknown"),
])
def test_odd_quiz_selections(tables, kwargs, total, words):
    quiz = qz.Quiz(quiz=tables["quiz"], tables=tables, **kwargs)
    assert quiz.total == total and words in quiz.message.value


def test_answer_after_the_last_try_and_double_checks(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    quiz.answer("qz-single", "UN General Assembly")
    first = quiz.check()
    assert quiz.check() is first and quiz.check() is first, "a double click does not count twice"
    assert not quiz.answer("qz-single", "OSCE") and "finished" in quiz.message.value
    assert quiz.score == 1


def test_three_hundred_rapid_random_actions_keep_the_state_consistent(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    rng = random.Random(20261201)
    responses = {qid: qz.parse_question(r).correct_response() for qid, r in
                 zip(tables["quiz"]["id"], (row for _, row in tables["quiz"].iterrows())) if qid in quiz.ids}
    for _ in range(300):
        action = rng.choice(["next", "previous", "check", "reset", "confirm", "cancel", "answer", "move"])
        if action == "next":
            quiz.next_button.click()
        elif action == "previous":
            quiz.previous_button.click()
        elif action == "check":
            quiz.check_button.click()
        elif action == "reset":
            quiz.reset_button.click()
        elif action == "confirm":
            quiz.confirm_button.click()
        elif action == "cancel":
            quiz.cancel_button.click()
        elif action == "answer":
            quiz.answer(quiz.current, responses[quiz.current] if rng.random() < 0.5 else "zzz")
        elif quiz.current == "qz-order":
            quiz.view("qz-order").move(rng.randrange(4), rng.choice([-1, 1]))
        assert quiz.check_button.disabled == (quiz.current in quiz.results)
        assert quiz.score == sum(r.score for r in quiz.results.values()) <= quiz.total
        assert f"Score: {quiz.correct_count} of {quiz.total}" in quiz.score_label.value
        assert all(quiz.tries.get(q, 0) <= qz.TRIES for q in quiz.ids)
        assert bool(quiz.end_summary.value) == quiz.finished
