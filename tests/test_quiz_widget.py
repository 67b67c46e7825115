"""The Quiz widget driven as a student would: every kind, two tries, scores as "4 of 8", an untouched ordering
not checked, the summary at the end, Reset that asks first; and the feedback and proof HTML."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from quiz_fixtures import QUESTIONS, make_tables, row

from lessons import html as h
from lessons import quiz as qz


@pytest.fixture()
def tables():
    return make_tables()


def q(qid: str) -> qz.Question:
    return qz.parse_question(next(r for r in QUESTIONS if r["id"] == qid))


def sort_by_clicks(view, right):
    for _ in range(len(right) ** 2):
        for i in range(len(right) - 1):
            if right.index(view.order[i]) > right.index(view.order[i + 1]):
                view.down_buttons[i].click()


def test_student_answers_every_kind_and_the_score_reads_n_of_total(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    assert quiz.ids == ["qz-single", "qz-multiple", "qz-order", "qz-match", "qz-numeric"]
    assert "Score: 0 of 5" in quiz.score_label.value

    quiz.view("qz-single").radio.value = "UN General Assembly"
    quiz.check_button.click()
    assert "✔ Correct" in quiz.view("qz-single").feedback.value
    assert "UN General Assembly adopts &lt;i&gt;" in quiz.view("qz-single").feedback.value
    assert "Score: 1 of 5" in quiz.score_label.value

    quiz.next_button.click()
    for box in quiz.view("qz-multiple").boxes:
        box.value = box.description == "White House"
    quiz.check_button.click()
    quiz.check_button.click()  # second try with the same half answer: final, partly right
    assert quiz.score == pytest.approx(1.5) and quiz.correct_count == 1
    assert "◐ Partly right" in quiz.view("qz-multiple").feedback.value
    assert "Score: 1 of 5" in quiz.score_label.value and "1 partly right" in quiz.score_label.value
    assert "score 0." not in quiz.view("qz-multiple").feedback.value and "/ 5" not in quiz.score_label.value

    quiz.next_button.click()
    order = quiz.view("qz-order")
    sort_by_clicks(order, list(q("qz-order").answer))
    assert "1. Referendum" in order.item_labels[0].value
    assert order.up_buttons[0].disabled and order.down_buttons[-1].disabled
    assert quiz.check("qz-order").correct

    assert quiz.answer(
        "qz-match",
        {"Russian government": "reunification", "Ukrainian law": "temporary occupation", "UNGA": "no validity"},
    )
    assert quiz.check("qz-match").correct
    quiz.next_button.click()
    quiz.view("qz-numeric").text.value = "96.77 %"
    quiz.check_button.click()
    assert quiz.correct_count == 4 and "Score: 4 of 5" in quiz.score_label.value
    assert "5 of 5 checked" in quiz.score_label.value and quiz.next_button.disabled and quiz.check_button.disabled


def test_a_wrong_first_try_hides_the_answer_and_a_right_second_try_counts(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    quiz.answer("qz-single", "OSCE")
    first = quiz.check()
    feedback = quiz.view("qz-single").feedback.value
    assert first.mark == "wrong" and "Try once more" in feedback
    assert "UN General Assembly adopts" not in feedback and "The answer" not in feedback.replace(
        "The answer is shown", ""
    )
    assert not quiz.view("qz-single").radio.disabled and not quiz.check_button.disabled
    assert quiz.tries_left("qz-single") == 1 and "Score: 0 of 5" in quiz.score_label.value
    assert quiz.answer("qz-single", "UN General Assembly")
    assert quiz.check().correct
    assert "Score: 1 of 5" in quiz.score_label.value and quiz.view("qz-single").radio.disabled
    # the rule the student is told under the heading is the rule just applied
    told = quiz.how_it_scores.value
    assert f"{qz.widget.TRIES} tries" in told.replace("Two tries", "2 tries") and "second try scores one point" in told
    assert quiz.children.index(quiz.how_it_scores) == quiz.children.index(quiz.stage) - 2


def test_two_wrong_tries_reveal_the_answer_and_lock(tables):
    quiz = qz.Quiz(ids=["qz-numeric"], quiz=tables["quiz"], tables=tables)
    quiz.answer("qz-numeric", "50")
    quiz.check()
    assert "96.77" not in quiz.view("qz-numeric").feedback.value
    quiz.answer("qz-numeric", "60")
    last = quiz.check()
    feedback = quiz.view("qz-numeric").feedback.value
    assert not last.correct and "The answer:" in feedback and "96.77" in feedback and "1,233,002" in feedback
    assert quiz.view("qz-numeric").text.disabled and quiz.check_button.disabled
    assert not quiz.answer("qz-numeric", "96.77") and "finished" in quiz.message.value
    assert quiz.check("qz-numeric") is last and quiz.score == 0


def test_an_untouched_ordering_is_not_checked(tables):
    quiz = qz.Quiz(ids=["qz-order"], quiz=tables["quiz"], tables=tables)
    result = quiz.check()
    assert not result.answered and "Move the items first" in quiz.view("qz-order").feedback.value
    assert not quiz.results and quiz.tries_left() == 2
    quiz.view("qz-order").down_buttons[0].click()
    assert quiz.check().answered


def test_the_summary_at_the_end_lists_the_wrong_questions_and_the_section_to_read(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    for qid, response in [
        ("qz-single", "UN General Assembly"),
        ("qz-match", qz.correct_response(q("qz-match"))),
        ("qz-numeric", "96.77"),
    ]:
        quiz.answer(qid, response)
        quiz.check(qid)
    assert quiz.end_summary.value == "", "no summary before the quiz is finished"
    for _ in range(2):
        quiz.answer("qz-multiple", ["Neither"])
        quiz.check("qz-multiple")
        quiz.answer("qz-order", ["Law", "Treaty", "UN vote", "Referendum"])
        quiz.check("qz-order")
    summary = h.text_of(quiz.end_summary.value)
    assert quiz.finished and "Your result: 3 of 5 right" in summary
    assert "Question 2" in summary and "Question 3" in summary and "Question 1 " not in summary
    assert "Look again at “Read the two readouts side by side”" in summary, "the readouts question points back"
    assert "href='#Read-the-two-readouts-side-by-side'" in quiz.end_summary.value


def test_reset_asks_first_and_cancel_keeps_the_answers(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    quiz.answer("qz-numeric", "96.77")
    quiz.check("qz-numeric")
    quiz.reset_button.click()
    assert (
        quiz.confirm_box.layout.display == "flex"
        and "Clear every answer and the score?" in quiz.confirm_text.value
        and "checked 1 of 5" in quiz.confirm_text.value
    )
    assert quiz.score == 1, "nothing is cleared before the student confirms"
    quiz.cancel_button.click()
    assert quiz.confirm_box.layout.display == "none" and quiz.score == 1
    quiz.reset_button.click()
    quiz.confirm_button.click()
    assert quiz.score == 0 and quiz.position == 0 and "Score: 0 of 5" in quiz.score_label.value
    view = quiz.view("qz-numeric")
    assert view.text.value == "" and view.feedback.value == "" and not view.text.disabled
    assert quiz.confirm_box.layout.display == "none"
    assert quiz.answer("qz-numeric", "96.77") and quiz.check("qz-numeric").correct


def test_reset_with_nothing_checked_needs_no_confirmation_and_one_question_resets_alone(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    quiz.show(3)
    quiz.reset_button.click()
    assert quiz.confirm_box.layout.display == "none" and quiz.position == 0
    quiz.answer("qz-single", "OSCE")
    quiz.check("qz-single")
    quiz.reset("qz-single")
    assert quiz.tries_left("qz-single") == 2 and quiz.view("qz-single").radio.value is None


def test_empty_check_asks_for_an_answer(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    quiz.check_button.click()
    assert "Choose an answer first" in quiz.view("qz-single").feedback.value and not quiz.results
    assert quiz.tries_left() == 2


def test_bad_numeric_text_shows_a_hint_and_uses_no_try(tables):
    quiz = qz.Quiz(ids=["qz-numeric"], quiz=tables["quiz"], tables=tables)
    quiz.answer("qz-numeric", "ninety-seven")
    assert not quiz.check().answered and "is not a number" in quiz.view("qz-numeric").feedback.value
    quiz.answer("qz-numeric", "9" * 100_000)
    assert "too long" in quiz.check().feedback and quiz.tries_left() == 2
    quiz.answer("qz-numeric", "96.77")
    assert quiz.check().correct


def test_prompt_options_and_explanations_are_escaped(tables):
    quiz = qz.Quiz(ids=["qz-single"], quiz=tables["quiz"], tables=tables)
    prompt = quiz.view("qz-single").prompt.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in prompt and "<script>" not in prompt
    table = pd.DataFrame(
        [
            row(id="qz-xss", choices="<b>A</b> | B", answer="<b>A</b>", explanation="<img src=x>"),
            row(id="qz-o", kind="order", choices="<script>x</script> | B", answer="<script>x</script> | B"),
            row(id="qz-m", kind="match", choices="<b>L</b> = R | M = S", answer="<b>L</b> = R | M = S"),
        ]
    )
    quiz = qz.Quiz(quiz=table, tables=tables)
    quiz.answer("qz-xss", "<b>A</b>")
    quiz.check()
    assert (
        "&lt;img src=x&gt;" in quiz.view("qz-xss").feedback.value and "<img" not in quiz.view("qz-xss").feedback.value
    )
    labels = " ".join(label.value for label in quiz.view("qz-o").item_labels)
    assert "&lt;script&gt;x&lt;/script&gt;" in labels and "<script>" not in labels
    quiz.show("qz-m")
    assert "&lt;b&gt;L&lt;/b&gt;" in quiz.view("qz-m").controls.children[0].children[0].value


def test_the_widget_uses_the_shared_stylesheet_and_no_hard_coded_colours(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    quiz.answer("qz-single", "OSCE")
    quiz.check()
    quiz.answer("qz-single", "UN Security Council")
    quiz.check()
    markup = " ".join(child.value for child in (quiz.score_label, quiz.view("qz-single").feedback, quiz.title))
    assert "lessons-wrong" in quiz.view("qz-single").feedback.value
    assert (
        "color:" not in markup.replace("--jp-", "")
        and "#" not in quiz.view("qz-single").feedback.value.split("<div class='lessons-quiz-proof'")[0]
    )
    assert "lessons" in quiz._dom_classes and "lessons-quiz" in quiz._dom_classes
    assert repr(quiz) == "[Quiz with feedback and sources (interactive: run the notebook to use it)]"


def test_empty_and_unknown_selections_are_clear_messages(tables):
    quiz = qz.Quiz(lesson="07", quiz=tables["quiz"], tables=tables)
    assert (
        "no quiz questions for lesson 07" in quiz.message.value
        and "Lessons with questions: 01, 02" in quiz.message.value
    )
    assert quiz.total == 0 and quiz.navigation.layout.display == "none" and "Score: 0 of 0" in quiz.score_label.value
    assert not quiz.check().answered
    quiz = qz.Quiz(ids=["qz-single", "qz-nope"], quiz=tables["quiz"], tables=tables)
    assert quiz.ids == ["qz-single"] and "Unknown question id: qz-nope" in quiz.message.value
    assert not quiz.answer("qz-missing", "A") and "qz-missing" in quiz.message.value
    assert not quiz.check("qz-missing").answered
    quiz.show(None)
    assert "Choose a question by its number" in quiz.message.value
    quiz.show(999)
    assert quiz.position == 0


def test_a_response_that_does_not_fit_is_refused_with_a_message(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    assert not quiz.answer("qz-single", "Nobody") and "not one of the options" in quiz.message.value
    assert not quiz.answer("qz-order", ["Referendum"])
    assert not quiz.answer("qz-match", {"UNGA": "annexation"})
    assert not quiz.answer("qz-match", "a = b = c")


def test_unreadable_row_shows_its_problem_instead_of_breaking_the_quiz(tables):
    quiz = qz.Quiz(quiz=pd.DataFrame([row(id="qz-broken", answer="Z"), row(id="qz-fine")]), tables=tables)
    assert quiz.total == 2 and "qz-broken" in quiz.stage.children[0].children[0].value and quiz.check_button.disabled
    quiz.next()
    assert quiz.answer("qz-fine", "B") and quiz.check().correct
    assert quiz.finished and "1 of 1 right" in h.text_of(quiz.end_summary.value)


def test_navigation_buttons(tables):
    quiz = qz.Quiz(lesson="01", quiz=tables["quiz"], tables=tables)
    assert quiz.previous_button.disabled and not quiz.next_button.disabled
    quiz.next_button.click()
    quiz.next_button.click()
    assert quiz.current == "qz-order" and "Question 3 of 5" in quiz.position_label.value
    quiz.previous_button.click()
    assert quiz.current == "qz-multiple"
    quiz.show("qz-numeric")
    assert quiz.next_button.disabled and quiz.stage.children[0] is quiz.view("qz-numeric")


# --------------------------------------------------------------------------- proof, key, benchmark


def test_proof_html_shows_the_row_in_words_its_sources_and_escapes_data(tables):
    html = qz.proof_html(q("qz-single"), tables)
    assert isinstance(html, h.Html)
    assert "UN General Assembly adopts &lt;i&gt;68/262&lt;/i&gt;" in html and "<i>68/262" not in html
    assert "Title of ev-source &lt;b&gt;bold&lt;/b&gt;" in html and "Title of un-20140327-res" in html
    assert "from the timeline of events" in html and "Because the row says so." in html
    numeric = str(qz.proof_html(q("qz-numeric"), tables))
    assert "1,233,002" in numeric and "16 March 2014" in numeric and "2014-03-16" not in h.text_of(numeric)
    assert "Ballots cast" in numeric and "ballots-cast" not in h.text_of(numeric)
    assert "In the White House readout</th><td>yes" in qz.proof_html(q("qz-multiple"), tables)


def test_missing_proof_row_is_a_clear_message(tables):
    html = qz.proof_html(qz.parse_question(row(proof="events:ev-does-not-exist")), tables)
    assert "events:ev-does-not-exist" in html and "was not found" in html and "Title of un-20140327-res" in html


def test_answer_key_lists_every_answer_for_a_lesson(tables):
    key = qz.answer_key(tables["quiz"], lesson="01")
    assert list(key["id"]) == [r["id"] for r in QUESTIONS if r["lesson"] == "01"]
    answers = dict(zip(key["id"], key["correct answer"]))
    assert answers["qz-order"] == "Referendum → UN vote → Treaty → Law"
    assert answers["qz-numeric"] == "96.77 (accepted within ± 0.01)"
    assert "UNGA → no validity" in answers["qz-match"]
    html = qz.answer_key_html(tables["quiz"], lesson="01")
    assert isinstance(html, h.Html) and "&lt;script&gt;" in html and "<script>" not in str(html)
    assert "no quiz questions for lesson 09" in qz.answer_key_html(tables["quiz"], lesson="09")
    assert qz.answer_key(pd.DataFrame([row(answer="Z")])).loc[0, "correct answer"].startswith("(cannot be read")


def test_benchmark_cases_answer_every_kind_correctly(tables):
    from lessons.dev import bench_cases

    cases = bench_cases.quiz(tables)
    for kind in qz.KINDS:
        assert f"quiz: answer and check ({kind})" in cases
    for name, case in cases.items():
        for _ in range(2):
            result = case()
        if name.startswith("quiz: answer and check"):
            assert result.correct, name
    assert bench_cases.quiz({}) == {}


# --------------------------------------------------------------------------- the real quiz.csv

DATA = Path(__file__).resolve().parent.parent / "data"


def test_every_curated_question_parses_is_proved_and_points_to_a_section():
    from lessons import data
    from lessons.quiz import feedback

    table = data.load("quiz")
    tables = {name: data.load(name) for name in ("sources", "parties")}
    headings = {}
    for path in (DATA.parent / "notebooks").glob("0*.ipynb"):
        import json

        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        headings[path.name[:2]] = {
            line.lstrip("#").strip()
            for c in cells
            if c["cell_type"] == "markdown"
            for line in "".join(c["source"]).splitlines()
            if line.startswith("#")
        }
    for _, question_row in table.iterrows():
        question = qz.parse_question(question_row)
        resource, _, proving = feedback.resolve_proof(question.proof)
        assert proving is not None, question.id
        assert set(data.split_ids(proving["source_ids"])) <= set(question.source_ids), question.id
        assert "was not found" not in qz.proof_html(question, dict(tables, **{resource: data.load(resource)}))
        assert question.mark(question.correct_response()).correct, question.id
        if question.lesson in ("01", "02", "03", "04"):
            assert feedback.section_of(question) in headings[question.lesson], question.id
    counts = table.groupby("lesson", observed=True).size()
    for lesson in ("01", "02", "03", "04"):
        assert counts.get(lesson, 0) >= 6, f"lesson {lesson} needs at least 6 questions"
    assert set(table["kind"].astype(str)) == set(qz.KINDS)
