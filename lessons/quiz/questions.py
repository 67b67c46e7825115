"""Quiz questions: the registry of kinds and :func:`parse_question`, which turns a row into a question.

A row of ``data/quiz.csv`` becomes a :class:`Question` subclass through :func:`parse_question`; each kind
reads its row, checks it and marks a response:

- :class:`SingleChoice` (``single``) and :class:`MultipleChoice` (``multiple``), in :mod:`.choice`;
- :class:`Ordering` (``order``) and :class:`Matching` (``match``), in :mod:`.arrange`;
- :class:`Numeric` (``numeric``), in :mod:`.numeric`.

What they share (the base class, :class:`Result`, :class:`QuizError` and the bounded readers of cells and
responses) is in :mod:`.base`; every name is re-exported here, so ``lessons.quiz.questions.X`` works as
before. Nothing a student types can block the kernel: every response is cut to a bounded length before
it is read, and the number parser runs in linear time (:func:`parse_number`). This module imports neither
pandas nor the data loader, so :mod:`lessons.data` can validate quiz rows with it.
"""

from __future__ import annotations

import math

from .arrange import Matching, Ordering
from .base import (
    MAX_PARTS,
    MAX_TEXT_CHARS,
    PAIR_SEPARATOR,
    SEPARATOR,
    Question,
    QuizError,
    Result,
    _fields,
    as_list,
    pair,
    shuffled,
    split,
    split_ids,
    text,
    unanswered,
)
from .choice import MultipleChoice, SingleChoice
from .numbers import MAX_NUMBER_CHARS, format_number, parse_number
from .numeric import Numeric

__all__ = [
    "HINTS",
    "KIND_CLASSES",
    "KINDS",
    "MAX_NUMBER_CHARS",
    "MAX_PARTS",
    "MAX_TEXT_CHARS",
    "PAIR_SEPARATOR",
    "SEPARATOR",
    "Matching",
    "MultipleChoice",
    "Numeric",
    "Ordering",
    "Question",
    "QuizError",
    "Result",
    "SingleChoice",
    "_fields",
    "as_list",
    "check_answer",
    "correct_response",
    "format_number",
    "pair",
    "parse_number",
    "parse_question",
    "shuffled",
    "split",
    "split_ids",
    "text",
    "unanswered",
]

KIND_CLASSES: dict[str, type[Question]] = {
    cls.kind: cls for cls in (SingleChoice, MultipleChoice, Ordering, Matching, Numeric)
}
KINDS = tuple(KIND_CLASSES)
HINTS = {kind: cls.hint for kind, cls in KIND_CLASSES.items()}


def _get(row, name: str):
    try:
        return row.get(name)
    except AttributeError:
        return getattr(row, name, None)


def parse_question(row) -> Question:
    """Turn one quiz row (a dict, a pandas Series or a namedtuple) into a :class:`Question` of its kind.

    Raises :class:`QuizError` with the question id, the column, the value and what to do when the row is
    inconsistent (an answer that is not among the choices, a match pair without ' = ', ...).
    """
    qid = text(_get(row, "id")) or "(no id)"
    kind = text(_get(row, "kind"))
    common = {"id": qid, "_choices": text(_get(row, "choices")), "_answer": text(_get(row, "answer"))}
    if kind not in KIND_CLASSES:
        Question.fail(
            common, f"kind {kind!r} is not one of {', '.join(KINDS)}", "kind", kind, f"use one of {', '.join(KINDS)}"
        )
    prompt = text(_get(row, "prompt"))
    if not prompt:
        Question.fail(common, "the prompt is empty", "prompt", "", "write the question in the prompt column")
    if not common["_answer"]:
        Question.fail(common, "the answer is empty", "answer", "", "write the right answer")
    raw_tolerance = text(_get(row, "tolerance"))
    try:
        tolerance = float(raw_tolerance) if raw_tolerance else 0.0
    except ValueError:
        Question.fail(
            common,
            f"tolerance {raw_tolerance!r} is not a number",
            "tolerance",
            raw_tolerance,
            "write a number such as 0 or 0.5, or leave it empty",
        )
    if not math.isfinite(tolerance) or tolerance < 0:
        Question.fail(
            common,
            "tolerance must be a number of at least 0",
            "tolerance",
            raw_tolerance,
            "write 0 or a positive number",
        )
    common.update(
        lesson=text(_get(row, "lesson")),
        prompt=prompt,
        explanation=text(_get(row, "explanation")),
        proof=text(_get(row, "proof")),
        source_ids=split_ids(_get(row, "source_ids")),
        tolerance=tolerance,
    )
    return KIND_CLASSES[kind].build(common, split(common["_choices"]), split(common["_answer"]))


def check_answer(question: Question, response) -> Result:
    """Mark ``response`` for ``question``; empty or unreadable responses give ``answered=False``, never an error."""
    return question.mark(response)


def correct_response(question: Question):
    """A right response in the shape :func:`check_answer` and :meth:`lessons.quiz.Quiz.answer` expect."""
    return question.correct_response()
