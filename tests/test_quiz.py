"""Tests for lessons.quiz: parsing, marking every kind, proofs, the answer key and the Quiz widget
driven as a student would (questions are built here, not read from data/)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lessons import quiz as qz

# --------------------------------------------------------------------------- fixtures


def row(**kw):
    base = dict(id="qz-x", lesson="01", kind="single", prompt="Which?", choices="A | B | C", answer="B",
                tolerance=None, explanation="Because the row says so.", proof="events:ev-2014-03-27-unga",
                source_ids="un-20140327-res")
    base.update(kw)
    return base


QUESTIONS = [
    row(id="qz-single", prompt="Who adopted resolution <script>alert(1)</script> 68/262?",
        choices="UN General Assembly | UN Security Council | OSCE", answer="UN General Assembly"),
    row(id="qz-multiple", kind="multiple", prompt="Which readouts mention energy?",
        choices="White House | Kremlin | Neither | Ukrainian MFA", answer="White House | Kremlin",
        proof="readouts:ro-energy", source_ids="wh-readout;kremlin-readout"),
    row(id="qz-order", kind="order", prompt="Put these in date order, earliest first.",
        choices="Referendum | UN vote | Treaty | Law", answer="Referendum | UN vote | Treaty | Law"),
    row(id="qz-match", kind="match", prompt="Match the party with its term.",
        choices="Russian government = reunification | Ukrainian law = temporary occupation | UNGA = no validity",
        answer="Russian government = reunification | Ukrainian law = temporary occupation | UNGA = no validity"),
    row(id="qz-numeric", kind="numeric", prompt="What share (%) of ballots was reported as yes?", choices="",
        answer="96.77", tolerance=0.01, proof="votes:vo-2014-ref-yes"),
    row(id="qz-other-lesson", lesson="02", prompt="Another lesson", choices="A | B", answer="A"),
]


@pytest.fixture()
def tables():
    sources = pd.DataFrame([
        dict(id=i, title=f"Title of {i} <b>bold</b>", publisher="Publisher", author="A", date=pd.Timestamp("2014-03-27"),
             date_precision="day", url=f"https://example.org/{i}", kind="primary", voice="UN", language="en",
             accessed=pd.Timestamp("2026-11-27"), note=None)
        for i in ("un-20140327-res", "wh-readout", "kremlin-readout", "ev-source")
    ]).set_index("id", drop=False)
    events = pd.DataFrame([dict(id="ev-2014-03-27-unga", display_date="27 March 2014",
                                headline="UN General Assembly adopts <i>68/262</i>", text="The resolution ...",
                                note=None, source_ids=("ev-source",))]).set_index("id", drop=False)
    readouts = pd.DataFrame([dict(id="ro-energy", order=1, topic="Energy", in_white_house=True, in_kremlin=True,
                                  white_house_wording="energy and infrastructure", kremlin_wording="energy infrastructure",
                                  difference="Scope differs", afterwards=None, event_ids=(),
                                  source_ids=("wh-readout", "kremlin-readout"))])
    votes = pd.DataFrame([dict(id="vo-2014-ref-yes", vote="2014-03-16-referendum", date=pd.Timestamp("2014-03-16"),
                               title="Status referendum", area="Crimea", option="yes", count=1233002,
                               share_pct=96.77, share_base="ballots-cast", figure_status="claimed",
                               note="Not recognised", source_ids="un-20140327-res")])
    return {"quiz": pd.DataFrame(QUESTIONS), "sources": sources, "events": events, "readouts": readouts,
            "votes": votes}


def q(qid: str) -> qz.Question:
    return qz.parse_question(next(r for r in QUESTIONS if r["id"] == qid))


# --------------------------------------------------------------------------- parsing


def test_parse_question_reads_every_kind():
    assert q("qz-single").answer == ("UN General Assembly",)
    assert q("qz-multiple").answer == ("White House", "Kremlin")
    assert q("qz-order").answer == ("Referendum", "UN vote", "Treaty", "Law")
    match = q("qz-match")
    assert match.choices == ("Russian government", "Ukrainian law", "UNGA")
    assert dict(match.pairs)["UNGA"] == "no validity"
    numeric = q("qz-numeric")
    assert numeric.value == pytest.approx(96.77) and numeric.tolerance == pytest.approx(0.01)


def test_parse_question_accepts_a_typed_series_with_tuple_source_ids():
    series = pd.Series(row(source_ids=("a", "b"), tolerance=float("nan")))
    parsed = qz.parse_question(series)
    assert parsed.source_ids == ("a", "b") and parsed.tolerance == 0


@pytest.mark.parametrize("bad, message", [
    (dict(kind="essay"), "kind"),
    (dict(answer="Z"), "not one of the choices"),
    (dict(answer="A | B"), "exactly one answer"),
    (dict(kind="order", choices="A | B | C", answer="B | A | C"), "same (correct) order"),
    (dict(kind="match", choices="a = b | c", answer="a = b | c"), "exactly one ' = '"),
    (dict(kind="match", choices="a = 1 | b = 2", answer="a = 2 | b = 1"), "same 'left = right' pairs"),
    (dict(kind="numeric", choices="", answer="lots"), "not a number"),
    (dict(choices="A | A | B", answer="A"), "repeated"),
    (dict(prompt=""), "prompt is empty"),
])
def test_inconsistent_rows_are_rejected_with_a_clear_message(bad, message):
    with pytest.raises(qz.QuizError, match="qz-x") as err:
        qz.parse_question(row(**bad))
    assert message in str(err.value)


def test_options_are_shuffled_deterministically_by_id():
    first = q("qz-multiple").options()
    assert first == q("qz-multiple").options()
    assert sorted(first) == sorted(q("qz-multiple").choices)
    orders = {tuple(qz.parse_question(row(id=f"qz-s{i}", choices="A | B | C | D | E", answer="A")).options())
              for i in range(12)}
    assert len(orders) > 1, "different ids should give different orders"


def test_order_options_never_start_in_the_correct_order():
    for i in range(40):
        question = qz.parse_question(row(id=f"qz-o{i}", kind="order", choices="A | B", answer="A | B"))
        assert question.options() == ["B", "A"]


# --------------------------------------------------------------------------- marking


def test_single_right_wrong_and_empty():
    question = q("qz-single")
    assert qz.check_answer(question, "UN General Assembly").correct
    wrong = qz.check_answer(question, "OSCE")
    assert not wrong.correct and wrong.score == 0 and "UN General Assembly" in wrong.feedback
    assert not qz.check_answer(question, None).answered
    assert "not one of the options" in qz.check_answer(question, "Nobody").feedback


def test_multiple_gives_partial_credit_for_right_minus_wrong():
    question = q("qz-multiple")
    assert qz.check_answer(question, ["Kremlin", "White House"]).score == 1
    half = qz.check_answer(question, ["White House"])
    assert not half.correct and half.score == pytest.approx(0.5) and half.mark == "partly"
    assert qz.check_answer(question, ["White House", "Kremlin", "Neither"]).score == pytest.approx(0.5)
    zero = qz.check_answer(question, ["Neither", "Ukrainian MFA"])
    assert zero.score == 0 and zero.mark == "wrong", "never below 0"
    assert not qz.check_answer(question, []).answered


def test_order_partial_credit_is_the_share_of_pairs_in_the_right_relative_order():
    question = q("qz-order")
    assert qz.check_answer(question, ["Referendum", "UN vote", "Treaty", "Law"]).correct
    one_swap = qz.check_answer(question, ["UN vote", "Referendum", "Treaty", "Law"])
    assert one_swap.score == pytest.approx(5 / 6) and "2 of 4 items are in the right place" in one_swap.feedback
    assert qz.check_answer(question, ["Law", "Treaty", "UN vote", "Referendum"]).score == 0
    assert "exactly once" in qz.check_answer(question, ["Law", "Law", "Treaty", "Referendum"]).feedback


def test_match_partial_credit_is_the_share_of_pairs_matched():
    question = q("qz-match")
    right = dict(question.pairs)
    assert qz.check_answer(question, right).correct
    swapped = dict(right, **{"Russian government": "temporary occupation", "Ukrainian law": "reunification"})
    result = qz.check_answer(question, swapped)
    assert result.score == pytest.approx(1 / 3) and "1 of 3 pairs" in result.feedback
    assert "still empty" in qz.check_answer(question, {"UNGA": "no validity"}).feedback
    assert not qz.check_answer(question, {"Nobody": "x"}).answered
    assert qz.check_answer(question, "Russian government = reunification | Ukrainian law = temporary occupation "
                                     "| UNGA = no validity").correct


@pytest.mark.parametrize("typed", ["96.77", "96.77%", " 96.77 % ", "96.78", 96.76, "+96.77"])
def test_numeric_accepts_values_within_tolerance_in_any_usual_form(typed):
    assert qz.check_answer(q("qz-numeric"), typed).correct


def test_numeric_outside_tolerance_is_wrong_and_says_the_answer():
    result = qz.check_answer(q("qz-numeric"), "96.8")
    assert not result.correct and result.answered and "96.77" in result.feedback


@pytest.mark.parametrize("typed, value", [("1,234", 1234), ("1 234 567", 1234567), ("1,234.5", 1234.5),
                                          ("\u22122", -2), ("54.19%", 54.19), ("0.5", 0.5), (".5", 0.5)])
def test_parse_number_reads_what_students_type(typed, value):
    assert qz.parse_number(typed) == pytest.approx(value)


@pytest.mark.parametrize("typed, hint", [("abc", "is not a number"), ("", "Type a number first"),
                                         ("54,19", "point"), ("1,23,4", "is not a number"), (True, "not true"),
                                         (float("inf"), "finite"), ("nan", "is not a number")])
def test_bad_numeric_input_gives_a_message_not_a_traceback(typed, hint):
    result = qz.check_answer(q("qz-numeric"), typed)
    assert not result.answered and not result.correct and hint in result.feedback


# --------------------------------------------------------------------------- proof and key


def test_proof_html_shows_the_row_its_sources_and_escapes_data(tables):
    html = qz.proof_html(q("qz-single"), tables)
    assert "UN General Assembly adopts &lt;i&gt;68/262&lt;/i&gt;" in html
    assert "<i>68/262" not in html
    assert "Title of ev-source &lt;b&gt;bold&lt;/b&gt;" in html, "the proving row's source is cited"
    assert "Title of un-20140327-res" in html, "the question's own source is cited too"
    assert "Because the row says so." in html


def test_proof_html_formats_numbers_and_booleans(tables):
    html = qz.proof_html(q("qz-numeric"), tables)
    assert "1,233,002" in html and "96.77" in html and "2014-03-16" in html
    assert "In the White House readout</th><td>yes" in qz.proof_html(q("qz-multiple"), tables)


def test_missing_proof_row_is_a_clear_message(tables):
    question = qz.parse_question(row(proof="events:ev-does-not-exist"))
    html = qz.proof_html(question, tables)
    assert "events:ev-does-not-exist" in html and "was not found" in html
    assert "Title of un-20140327-res" in html


def test_answer_key_lists_every_answer_for_a_lesson(tables):
    key = qz.answer_key(tables["quiz"], lesson="01")
    assert list(key["id"]) == [r["id"] for r in QUESTIONS if r["lesson"] == "01"]
    answers = dict(zip(key["id"], key["correct answer"]))
    assert answers["qz-order"] == "Referendum → UN vote → Treaty → Law"
    assert answers["qz-numeric"] == "96.77 (accepted within ± 0.01)"
    assert "UNGA → no validity" in answers["qz-match"]
    html = qz.answer_key_html(tables["quiz"], lesson="01")
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "no quiz questions for lesson 09" in qz.answer_key_html(tables["quiz"], lesson="09")


def test_answer_key_reports_an_unreadable_row():
    key = qz.answer_key(pd.DataFrame([row(answer="Z")]))
    assert key.loc[0, "correct answer"].startswith("(cannot be read")


# --------------------------------------------------------------------------- the widget


def test_student_answers_every_kind_and_the_score_runs(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    assert quiz.ids == ["qz-single", "qz-multiple", "qz-order", "qz-match", "qz-numeric"]
    assert "Score: 0 / 5" in quiz.score_label.value

    quiz.view("qz-single").radio.value = "UN General Assembly"  # a click on the radio button
    quiz.check_button.click()
    assert "✔ Correct" in quiz.view("qz-single").feedback.value
    assert "UN General Assembly adopts &lt;i&gt;" in quiz.view("qz-single").feedback.value
    assert "Score: 1 / 5" in quiz.score_label.value

    quiz.next_button.click()
    assert quiz.current == "qz-multiple"
    for box in quiz.view("qz-multiple").boxes:
        box.value = box.description == "White House"
    quiz.check_button.click()
    assert quiz.score == pytest.approx(1.5)
    assert "◐ Partly right" in quiz.view("qz-multiple").feedback.value
    assert "Score: 1.5 / 5" in quiz.score_label.value

    quiz.next_button.click()
    order = quiz.view("qz-order")
    assert order.order == q("qz-order").options()
    # move items with the arrow buttons until they are in the right order (a bubble sort by clicks)
    right = list(q("qz-order").answer)
    for _ in range(len(right) ** 2):
        for i in range(len(right) - 1):
            if right.index(order.order[i]) > right.index(order.order[i + 1]):
                order.down_buttons[i].click()
    assert order.order == right
    assert "1. Referendum" in order.item_labels[0].value
    assert order.up_buttons[0].disabled and order.down_buttons[-1].disabled
    assert quiz.check("qz-order").correct

    assert quiz.answer("qz-match", {"Russian government": "reunification", "Ukrainian law": "temporary occupation",
                                    "UNGA": "no validity"})
    assert quiz.current == "qz-match"
    assert quiz.check("qz-match").correct

    quiz.next_button.click()
    quiz.view("qz-numeric").text.value = "96.77 %"
    quiz.check_button.click()
    assert quiz.score == pytest.approx(4.5) and quiz.correct_count == 4
    assert "Score: 4.5 / 5" in quiz.score_label.value and "5 of 5 checked" in quiz.score_label.value
    assert quiz.next_button.disabled and quiz.check_button.disabled


def test_first_check_counts_and_locks_the_question(tables):
    quiz = qz.Quiz(ids=["qz-single"], quiz=tables["quiz"], tables=tables)
    quiz.answer("qz-single", "OSCE")
    assert quiz.check("qz-single").score == 0
    assert quiz.view("qz-single").radio.disabled and quiz.check_button.disabled
    assert not quiz.answer("qz-single", "UN General Assembly")
    assert "already been checked" in quiz.message.value
    assert quiz.check("qz-single").score == 0 and quiz.score == 0


def test_reset_clears_answers_score_and_feedback(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    quiz.answer("qz-numeric", "96.77")
    quiz.check("qz-numeric")
    assert quiz.score == 1 and quiz.position == 4
    quiz.reset_button.click()
    assert quiz.score == 0 and quiz.position == 0 and "Score: 0 / 5" in quiz.score_label.value
    view = quiz.view("qz-numeric")
    assert view.text.value == "" and view.feedback.value == "" and not view.text.disabled
    assert quiz.answer("qz-numeric", "96.77") and quiz.check("qz-numeric").correct


def test_bad_numeric_text_shows_a_hint_and_does_not_lock(tables):
    quiz = qz.Quiz(ids=["qz-numeric"], quiz=tables["quiz"], tables=tables)
    quiz.answer("qz-numeric", "ninety-seven")
    result = quiz.check()
    assert not result.answered and "is not a number" in quiz.view("qz-numeric").feedback.value
    assert quiz.score == 0 and not quiz.check_button.disabled and "0 of 1 checked" in quiz.score_label.value
    quiz.answer("qz-numeric", "96,77")
    assert "point" in quiz.check().feedback
    quiz.answer("qz-numeric", "96.77")
    assert quiz.check().correct


def test_empty_check_asks_for_an_answer(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    quiz.check_button.click()
    assert "Choose an answer first" in quiz.view("qz-single").feedback.value
    assert not quiz.results


def test_prompt_with_script_is_shown_escaped(tables):
    quiz = qz.Quiz(ids=["qz-single"], quiz=tables["quiz"], tables=tables)
    prompt = quiz.view("qz-single").prompt.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in prompt and "<script>" not in prompt


def test_script_in_choices_stays_plain_text(tables):
    table = pd.DataFrame([row(id="qz-xss", choices="<b>A</b> | B", answer="<b>A</b>", explanation="<img src=x>")])
    quiz = qz.Quiz(quiz=table, tables=tables)
    assert "<b>A</b>" in quiz.view("qz-xss").radio.options  # RadioButtons render labels as text
    quiz.answer("qz-xss", "<b>A</b>")
    quiz.check()
    feedback = quiz.view("qz-xss").feedback.value
    assert "&lt;img src=x&gt;" in feedback and "<img" not in feedback


def test_order_items_and_match_items_are_escaped(tables):
    table = pd.DataFrame([
        row(id="qz-o", kind="order", choices="<script>x</script> | B", answer="<script>x</script> | B"),
        row(id="qz-m", kind="match", choices="<b>L</b> = R | M = S", answer="<b>L</b> = R | M = S"),
    ])
    quiz = qz.Quiz(quiz=table, tables=tables)
    labels = " ".join(label.value for label in quiz.view("qz-o").item_labels)
    assert "&lt;script&gt;x&lt;/script&gt;" in labels and "<script>" not in labels
    quiz.show("qz-m")
    left = quiz.view("qz-m").controls.children[0].children[0].value
    assert "&lt;b&gt;L&lt;/b&gt;" in left


def test_empty_lesson_shows_an_empty_state(tables):
    quiz = qz.Quiz(lesson="07", quiz=tables["quiz"], tables=tables)
    assert "no quiz questions for lesson 07" in quiz.message.value
    assert "Lessons with questions: 01, 02" in quiz.message.value
    assert quiz.total == 0 and quiz.navigation.layout.display == "none"
    assert "Score: 0 / 0" in quiz.score_label.value
    assert not quiz.check().answered


def test_unknown_question_ids_are_clear_messages(tables):
    quiz = qz.Quiz(ids=["qz-single", "qz-nope"], quiz=tables["quiz"], tables=tables)
    assert quiz.ids == ["qz-single"] and "Unknown question id: qz-nope" in quiz.message.value
    assert not quiz.answer("qz-missing", "A")
    assert "Unknown question id: qz-missing" in quiz.message.value
    result = quiz.check("qz-missing")
    assert not result.answered and "qz-missing" in result.feedback
    only_unknown = qz.Quiz(ids=["qz-nope"], quiz=tables["quiz"], tables=tables)
    assert "Unknown question id: qz-nope" in only_unknown.message.value and only_unknown.total == 0


def test_a_response_that_does_not_fit_is_refused_with_a_message(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    assert not quiz.answer("qz-single", "Nobody")
    assert "not one of the options" in quiz.message.value
    assert not quiz.answer("qz-order", ["Referendum"])
    assert not quiz.answer("qz-match", {"UNGA": "annexation"})


def test_unreadable_row_shows_its_problem_instead_of_breaking_the_quiz(tables):
    table = pd.DataFrame([row(id="qz-broken", answer="Z"), row(id="qz-fine")])
    quiz = qz.Quiz(quiz=table, tables=tables)
    assert quiz.total == 2
    assert "qz-broken" in quiz.stage.children[0].children[0].value
    assert quiz.check_button.disabled
    quiz.next()
    assert quiz.answer("qz-fine", "B") and quiz.check().correct


def test_navigation_buttons(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    assert quiz.previous_button.disabled and not quiz.next_button.disabled
    assert "Question 1 of 5" in quiz.position_label.value
    quiz.next_button.click()
    quiz.next_button.click()
    assert quiz.current == "qz-order" and "Question 3 of 5" in quiz.position_label.value
    quiz.previous_button.click()
    assert quiz.current == "qz-multiple"
    quiz.show("qz-numeric")
    assert quiz.next_button.disabled and quiz.stage.children[0] is quiz.view("qz-numeric")


def test_benchmark_cases_answer_every_kind_correctly(tables):
    """Each case is a real interaction; `make bench` measures how fast, tests do not time."""
    cases = qz.benchmark_cases(tables)
    names = [name for name, _ in cases]
    for kind in qz.KINDS:
        assert f"quiz: answer and check ({kind})" in names
    assert "quiz: next question" in names
    for name, case in cases:
        for _ in range(2):
            result = case()
        if name.startswith("quiz: answer and check"):
            assert result.correct, name
    assert qz.benchmark_cases({}) == []


# --------------------------------------------------------------------------- the real quiz.csv, once it exists

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.mark.skipif(not (DATA / "quiz.csv").exists(), reason="data/quiz.csv not written yet")
def test_every_curated_question_parses_and_is_proved_by_a_row_it_cites():
    from lessons import data

    table = data.load("quiz")
    tables = {name: data.load(name) for name in ("sources", "parties")}
    for question_row in (r for _, r in table.iterrows()):
        question = qz.parse_question(question_row)
        resource, row_id, proving = qz.resolve_proof(question.proof)
        assert proving is not None, question.id
        assert set(data.split_ids(proving["source_ids"])) <= set(question.source_ids), (
            f"{question.id} must cite the sources of its proof row {question.proof}")
        assert "was not found" not in qz.proof_html(question, dict(tables, **{resource: data.load(resource)}))
        assert qz.check_answer(question, qz.correct_response(question)).correct, question.id
    counts = table.groupby("lesson", observed=True).size()
    for lesson in ("01", "02", "03", "04"):
        assert counts.get(lesson, 0) >= 6, f"lesson {lesson} needs at least 6 questions"
    assert set(table["kind"].astype(str)) == set(qz.KINDS)
