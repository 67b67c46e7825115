"""The quiz widget: one question at a time, two tries, feedback with its proof, a summary at the end.

:class:`Quiz` is an :class:`lessons.explorer.Explorer`: a text ``summary`` where no widget can be drawn, the
shared stylesheet, and a **Reset** button (which asks before it clears anything). Each kind of question has
its own small view (:class:`SingleView`, :class:`MultipleView`, :class:`OrderView`, :class:`MatchView`,
:class:`NumericView`) that builds its controls, reads the response from them and locks them.

How a question is marked: *Check* with an empty or untouched answer only shows a hint. A wrong or partly
right answer shows what was right or wrong and allows one more try; the answer, the explanation and the
data row that proves it are shown when the answer is right or the last try is used, and that last mark
counts. The score reads "4 of 8" (questions right); partial credit is in :attr:`Quiz.score`.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as w
import pandas as pd

from .. import data
from .. import html as h
from ..explorer import Explorer
from .feedback import feedback_html, score_text, select, summary_html
from .questions import Question, QuizError, Result, parse_question, text, unanswered
from .views import VIEW_CLASSES, ErrorView

#: Marked tries per question; the answer is revealed after the last one.
TRIES = 2
#: Said under the quiz's heading, so the score never surprises a student.
HOW_IT_SCORES = (
    "Two tries per question: a right answer on the first or the second try scores one point (a partly right "
    "one is counted apart); after a second wrong try the answer is shown, with its source."
)

#: Layout only (colours come from the shared stylesheet and JupyterLab's theme): long options wrap
#: instead of being clipped on one line, and a matching dropdown shows the whole chosen option.
QUIZ_CSS = (
    "<style>"
    ".lessons-quiz{border:1px solid var(--jp-border-color2,#d0d0d0);border-radius:6px;padding:8px 12px}"
    ".lessons-quiz .widget-radio-box label,.lessons-quiz .jupyter-widget-radio-box label{height:auto;"
    "line-height:1.35;display:flex;align-items:flex-start;padding:3px 0;white-space:normal}"
    ".lessons-quiz .widget-radio-box input,.lessons-quiz .jupyter-widget-radio-box input{height:auto;"
    "margin:2px 8px 0 1px;flex:none;order:-1}"
    ".lessons-quiz .widget-checkbox,.lessons-quiz .jupyter-widget-checkbox{height:auto;line-height:1.35;margin:3px 0}"
    ".lessons-quiz .widget-checkbox .widget-label-basic,.lessons-quiz .jupyter-widget-checkbox "
    ".jupyter-widget-label-basic{white-space:normal;overflow:visible;line-height:1.35;display:flex;"
    "align-items:flex-start}"
    ".lessons-quiz .widget-dropdown select,.lessons-quiz .jupyter-widget-dropdown select{white-space:normal;"
    "text-overflow:clip}"
    ".lessons-quiz-prompt{font-size:1.1em;margin:4px 0}"
    ".lessons-quiz-prompt,.lessons-quiz-feedback,.lessons-quiz-summary,.lessons-quiz-confirm{line-height:1.45}"
    ".lessons-quiz-row th{text-align:left;vertical-align:top;padding-right:8px}"
    # a matching menu's label names it for a screen reader; the item's text beside it is what sighted students read
    ".lessons-quiz .lessons-named-menu .widget-label{position:absolute!important;width:1px!important;height:1px;"
    "overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;margin:0;padding:0}"
    "</style>"
)


# --------------------------------------------------------------------------- the quiz


def _rows_for(table: pd.DataFrame, lesson, ids) -> tuple[list, list[str]]:
    """The quiz rows wanted (by lesson, or by ids in the order given) and messages for unknown ids."""
    if ids is None:
        return [row for _, row in select(table, lesson).iterrows()], []
    wanted = [text(i, 200) for i in ([ids] if isinstance(ids, str) else list(ids)[:500])]
    known = {text(i): row for i, (_, row) in zip(table["id"], table.iterrows())} if len(table) else {}
    unknown = [i for i in wanted if i not in known]
    problems = [f"Unknown question id{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}."] if unknown else []
    rows = [known[i] for i in dict.fromkeys(wanted) if i in known]
    if lesson is not None:
        rows = [r for r in rows if text(r.get("lesson")) == str(lesson)]
    return rows, problems


class Quiz(Explorer):
    """A quiz for one lesson (``Quiz(lesson="01")``) or for chosen questions (``Quiz(ids=[...])``).

    Drive it from Python as a student would with :meth:`answer`, :meth:`check`, :meth:`show`,
    :meth:`next`, :meth:`previous`; :meth:`reset` is what the Reset button does (it asks first when
    there is anything to lose), :meth:`clear_all` clears without asking; read :attr:`score`,
    :attr:`correct_count` and :attr:`results`.
    """

    def __init__(
        self,
        lesson=None,
        ids=None,
        *,
        quiz: pd.DataFrame | None = None,
        tables: Mapping[str, pd.DataFrame] | None = None,
        title: str | None = None,
    ):
        super().__init__(summary="Quiz with feedback and sources")
        self.tables, self.lesson = tables, lesson
        table = quiz if quiz is not None else (tables.get("quiz") if tables is not None else data.load("quiz"))
        if table is None or "id" not in getattr(table, "columns", ()):
            table = pd.DataFrame(columns=["id", "lesson", "kind"])
        rows, self._problems = _rows_for(table, lesson, ids)
        self.ids: list[str] = []
        self.questions: dict[str, Question | None] = {}
        self.errors: dict[str, str] = {}
        for row in rows:
            qid = text(row.get("id"))
            self.ids.append(qid)
            try:
                self.questions[qid] = parse_question(row)
            except QuizError as err:
                self.questions[qid], self.errors[qid] = None, str(err)
        self.views: dict[str, w.Widget] = {}
        self.results: dict[str, Result] = {}
        self.tries: dict[str, int] = {}
        self.position = 0
        self._build(title or (f"Quiz: lesson {lesson}" if lesson is not None else "Quiz"))
        if not self.ids:
            self._show_empty(table)
        else:
            self._set_message(" ".join(self._problems))
            self.show(0)
        self.refresh()

    # ---- layout
    def _build(self, heading: str) -> None:
        self.title = w.HTML(f"{QUIZ_CSS}<h3 class='lessons' style='margin:0'>{h.esc(heading)}</h3>")
        self.how_it_scores = w.HTML(f"<p class='lessons lessons-muted' style='margin:0'>{HOW_IT_SCORES}</p>")
        self.score_label, self.message, self.end_summary = w.HTML(), w.HTML(), w.HTML()
        self.stage = w.VBox(layout=w.Layout(min_height="120px"))
        self.previous_button = w.Button(description="Previous", icon="arrow-left", tooltip="Previous question")
        self.next_button = w.Button(description="Next", icon="arrow-right", tooltip="Next question")
        self.check_button = w.Button(
            description="Check", button_style="primary", icon="check", tooltip="Check this answer"
        )
        self.reset_button.tooltip = "Clear every answer and start again (asks first)"
        self.position_label = w.HTML()
        self.previous_button.on_click(lambda _b: self.previous())
        self.next_button.on_click(lambda _b: self.next())
        self.check_button.on_click(lambda _b: self.check())
        self.navigation = w.HBox(
            [self.previous_button, self.position_label, self.next_button, self.check_button, self.reset_button],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        )
        self.confirm_text = w.HTML()
        self.confirm_button = w.Button(
            description="Yes, clear all",
            button_style="danger",
            tooltip="Clear every answer and the score",
            layout=w.Layout(width="auto"),
        )
        self.cancel_button = w.Button(description="Cancel", tooltip="Keep your answers", layout=w.Layout(width="auto"))
        self.confirm_button.on_click(lambda _b: self.clear_all())
        self.cancel_button.on_click(lambda _b: self.cancel_reset())
        self.confirm_box = w.HBox(
            [self.confirm_text, self.confirm_button, self.cancel_button],
            layout=w.Layout(display="none", align_items="center", flex_flow="row wrap"),
        )
        header = w.HBox(
            [self.title, self.score_label], layout=w.Layout(justify_content="space-between", align_items="baseline")
        )
        self.set_children(
            header, self.how_it_scores, self.message, self.stage, self.navigation, self.confirm_box, self.end_summary
        )
        self.layout.max_width = "860px"
        self.add_class("lessons-quiz")

    def _show_empty(self, table: pd.DataFrame) -> None:
        lessons = sorted(set(table["lesson"].astype(str))) if len(table) and "lesson" in table else []
        where = f" for lesson {self.lesson}" if self.lesson is not None else ""
        self.message.value = str(
            h.empty_state(
                " ".join(self._problems + [f"There are no quiz questions{where}."]),
                f"Lessons with questions: {', '.join(lessons)}." if lessons else "",
            )
        )
        self.navigation.layout.display = "none"
        self.stage.layout.display = "none"

    # ---- state
    @property
    def total(self) -> int:
        """Number of questions in this quiz."""
        return len(self.ids)

    @property
    def score(self) -> float:
        """Points so far: the sum of each finished question's mark (partial credit counts)."""
        return sum(r.score for r in self.results.values())

    @property
    def correct_count(self) -> int:
        """Questions answered right."""
        return sum(1 for r in self.results.values() if r.correct)

    @property
    def finished(self) -> bool:
        """True when every readable question has its final mark."""
        return bool(self.ids) and all(q is None or q.id in self.results for q in self.questions.values())

    @property
    def current(self) -> str | None:
        """The id of the question on screen."""
        return self.ids[self.position] if self.ids else None

    def view(self, question_id: str) -> w.Widget:
        """The on-screen view of a question (built on first use)."""
        if question_id not in self.views:
            question = self.questions[question_id]
            self.views[question_id] = (
                ErrorView(self.errors.get(question_id, ""))
                if question is None
                else VIEW_CLASSES[question.kind](question, number=self.ids.index(question_id) + 1)
            )
        return self.views[question_id]

    def refresh(self) -> None:
        """Bring the score line, the buttons and the end summary in line with the answers."""
        partly = sum(1 for r in self.results.values() if r.mark == "partly")
        extra = f" · {partly} partly right" if partly else ""
        self.score_label.value = str(
            h.Html(
                f"<span class='lessons lessons-quiz-score'><b>Score: {score_text(self.correct_count, self.total)}</b>"
                f"<span class='lessons-muted'> · {len(self.results)} of {self.total} checked{extra}</span></span>"
            )
        )
        if self.ids:
            qid = self.current
            self.check_button.disabled = qid in self.results or self.questions[qid] is None
        questions = [q for q in self.questions.values() if q is not None]
        self.end_summary.value = str(summary_html(questions, self.results, self.lesson)) if self.finished else ""

    def _set_message(self, message: str) -> None:
        self.message.value = (
            str(h.Html(f"<div class='lessons-wrong' role='alert'>{h.esc(message)}</div>")) if message else ""
        )

    def _known(self, question_id) -> str | None:
        qid = self.current if question_id is None else text(question_id, 200)
        if qid in self.questions:
            return qid
        self._set_message(f"Unknown question id: {qid}. This quiz has: {', '.join(self.ids) or 'no questions'}.")
        return None

    # ---- navigation
    def show(self, which) -> None:
        """Show a question by position (0-based int) or by id."""
        if not self.ids:
            return
        if isinstance(which, str):
            if self._known(which) is None:
                return
            which = self.ids.index(which)
        try:
            position = int(which)
        except (TypeError, ValueError, OverflowError):
            self._set_message(f"Choose a question by its number (1 to {self.total}) or its id.")
            return
        self.position = max(0, min(position, len(self.ids) - 1))
        self.stage.children = (self.view(self.ids[self.position]),)
        self.position_label.value = (
            f"<span class='lessons' style='padding:0 8px'>Question {self.position + 1} of {len(self.ids)}</span>"
        )
        self.previous_button.disabled = self.position == 0
        self.next_button.disabled = self.position == len(self.ids) - 1
        self.refresh()

    def next(self) -> None:
        self.show(self.position + 1)

    def previous(self) -> None:
        self.show(self.position - 1)

    # ---- answering
    def answer(self, question_id, response) -> bool:
        """Set the controls of a question to ``response`` as a student would (shows that question). Returns
        False, with a message on screen, for an unknown id, a finished question or a response that does not fit."""
        qid = self._known(question_id)
        if qid is None:
            return False
        self.show(qid)
        view = self.view(qid)
        if view.question is None:
            self._set_message(self.errors[qid])
            return False
        if qid in self.results:
            self._set_message("This question is finished. Press Reset to start the quiz again.")
            return False
        problem = view.set_response(response)
        self._set_message(problem)
        return not problem

    def check(self, question_id=None) -> Result:
        """Mark a question (default: the one on screen) and show the feedback. An empty, untouched or
        unreadable answer only shows a hint. A wrong answer with a try left shows what was wrong but not the
        answer; a right answer or the last try is final, counts and locks the question."""
        qid = self._known(question_id)
        if qid is None:
            return unanswered(f"Unknown question id: {text(question_id, 200)}.")
        if qid != self.current:
            self.show(qid)
        view = self.view(qid)
        if view.question is None:
            return unanswered(self.errors[qid])
        if qid in self.results:
            return self.results[qid]
        untouched = view.untouched_message()
        result = unanswered(untouched) if untouched else view.question.mark(view.response())
        self._set_message("")
        if not result.answered:
            view.feedback.value = str(feedback_html(view.question, result, self.tables))
            return result
        self.tries[qid] = self.tries.get(qid, 0) + 1
        left = 0 if result.correct else TRIES - self.tries[qid]
        view.feedback.value = str(feedback_html(view.question, result, self.tables, tries_left=left))
        if not left:
            self.results[qid] = result
            view.lock(True)
        self.refresh()
        return result

    def tries_left(self, question_id=None) -> int:
        """Marked tries still open for a question (0 once it is finished)."""
        qid = self.current if question_id is None else question_id
        return 0 if qid in self.results else TRIES - self.tries.get(qid, 0)

    # ---- reset
    def reset(self, question_id=None) -> None:
        """What the Reset button does: with answers to lose, ask first (Yes / Cancel under the buttons);
        with nothing checked, start again at once. With an id, clear only that question, without asking."""
        if question_id is not None:
            qid = self._known(question_id)
            if qid is not None:
                self._clear_question(qid)
                self.show(qid)
            return
        if not (self.results or self.tries):
            self.clear_all()
            return
        self.confirm_text.value = (
            f"<span class='lessons lessons-quiz-confirm'><b>Clear every answer and the score?"
            f"</b> You have checked {len(self.results)} of {self.total}. This cannot be undone."
            "</span>"
        )
        self.confirm_box.layout.display = "flex"

    def cancel_reset(self) -> None:
        self.confirm_box.layout.display = "none"

    def clear_all(self) -> None:
        """Clear every answer and the score and go back to the first question (no question asked)."""
        self.confirm_box.layout.display = "none"
        for qid in list(self.views):
            self._clear_question(qid)
        self._set_message(" ".join(self._problems))
        self.show(0)
        self.refresh()

    def _clear_question(self, qid: str) -> None:
        self.results.pop(qid, None)
        self.tries.pop(qid, None)
        if qid in self.views:
            self.views[qid].clear()
