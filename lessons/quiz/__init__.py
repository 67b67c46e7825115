"""Quizzes for the lessons: questions from ``data/quiz.csv``, marked with feedback and the data row that proves
each answer.

- :mod:`lessons.quiz.questions`: the registry of kinds and :func:`parse_question`; re-exports the kinds.
- :mod:`lessons.quiz.base`: :class:`Question`, :class:`Result`, :class:`QuizError`, the bounded readers.
- :mod:`lessons.quiz.choice`, :mod:`lessons.quiz.arrange`, :mod:`lessons.quiz.numeric`: one small class per
  kind (single and multiple; order and match; numeric), each reading, checking and marking itself.
- :mod:`lessons.quiz.validate`: :func:`quiz_problems`, the row checks the data loader runs.
- :mod:`lessons.quiz.feedback`: proof, feedback and summary HTML, and the teacher's :func:`answer_key`.
- :mod:`lessons.quiz.numbers`: :func:`parse_number`, linear-time and bounded, for what students type.
- :mod:`lessons.quiz.views`: one small view per kind (controls, response, lock).
- :mod:`lessons.quiz.widget`: the :class:`Quiz` widget.

``from lessons.quiz import Quiz`` is all a notebook needs. The widget and feedback parts are imported on first
use, so that the data loader can import the row checks without importing the loader back.
"""

from __future__ import annotations

import importlib

from .questions import (
    HINTS,
    KIND_CLASSES,
    KINDS,
    PAIR_SEPARATOR,
    SEPARATOR,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    Question,
    QuizError,
    Result,
    SingleChoice,
    check_answer,
    correct_response,
    format_number,
    parse_number,
    parse_question,
)
from .validate import QuizProblem, quiz_problems

_LAZY = {
    "Quiz": "widget",
    "TRIES": "widget",
    "QuestionView": "views",
    "VIEW_CLASSES": "views",
    "proof_html": "feedback",
    "feedback_html": "feedback",
    "summary_html": "feedback",
    "answer_key": "feedback",
    "answer_key_html": "feedback",
    "resolve_proof": "feedback",
    "find_row": "feedback",
    "section_of": "feedback",
    "PROOF_FIELDS": "feedback",
    "SECTIONS": "feedback",
}

__all__ = [
    "HINTS",
    "KIND_CLASSES",
    "KINDS",
    "PAIR_SEPARATOR",
    "SEPARATOR",
    "Matching",
    "MultipleChoice",
    "Numeric",
    "Ordering",
    "Question",
    "QuizError",
    "QuizProblem",
    "Result",
    "SingleChoice",
    "check_answer",
    "correct_response",
    "format_number",
    "parse_number",
    "parse_question",
    "quiz_problems",
    *_LAZY,
]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
