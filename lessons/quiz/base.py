"""What every quiz question kind shares: the :class:`Question` base class, the :class:`Result` of marking
a response, :class:`QuizError` for a row that cannot be a question, and the bounded readers of cells and
responses (:func:`text`, :func:`split`, :func:`as_list`, :func:`pair`, :func:`shuffled`).

The kinds themselves are in :mod:`.choice` (single, multiple), :mod:`.arrange` (order, match) and
:mod:`.numeric`; :mod:`.questions` registers them and parses a row. Nothing a student types can block the
kernel: every response is cut to a bounded length (:data:`MAX_TEXT_CHARS`, :data:`MAX_PARTS`) before it
is read. This module imports neither pandas nor the data loader, so :mod:`lessons.data` can validate
quiz rows with it.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import ClassVar

SEPARATOR = " | "
PAIR_SEPARATOR = " = "
#: The longest option, item or partner read from a response (any longer cannot be one of ours).
MAX_TEXT_CHARS = 1000
#: At most this many parts of a list or mapping response are read.
MAX_PARTS = 50


class QuizError(ValueError):
    """A quiz row cannot be turned into a question. ``column`` and ``value`` say where; ``fix`` what to do."""

    def __init__(self, qid: str, message: str, column: str | None = None, value: object = None, fix: str = ""):
        self.qid, self.message, self.column, self.value, self.fix = qid, message, column, value, fix
        super().__init__(f"question {qid}: {message}" + (f" ({fix})" if fix else ""))


@dataclass(frozen=True)
class Result:
    """The mark for one response. ``answered`` is False when the response was empty or could not be read
    (e.g. text that is not a number): nothing is marked then and ``feedback`` says why. ``feedback`` never
    gives the answer away (a second try may follow); :meth:`Question.correct_text` does."""

    correct: bool
    score: float
    feedback: str
    answered: bool = True

    @property
    def mark(self) -> str:
        """'right', 'partly', 'wrong' or 'unanswered'."""
        if not self.answered:
            return "unanswered"
        return "right" if self.correct else "partly" if self.score > 0 else "wrong"


def unanswered(message: str) -> Result:
    return Result(False, 0.0, message, answered=False)


# --------------------------------------------------------------------------- small helpers


def text(value, limit: int | None = None) -> str:
    """A cell or a response as stripped text ('' for None and NaN), cut to ``limit`` characters."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        if value != value:  # pandas NA / NaT compare unequal to themselves (or raise)
            return ""
    except (TypeError, ValueError):
        return ""
    if isinstance(value, bool):
        return str(value)
    raw = value if isinstance(value, str) else str(value)
    return (raw[: limit + 1] if limit else raw).strip()


def split(value) -> list[str]:
    """'A | B | C' -> ['A', 'B', 'C']."""
    cell = text(value)
    return [part.strip() for part in cell.split(SEPARATOR.strip())] if cell else []


def split_ids(value) -> tuple[str, ...]:
    """Source ids: a tuple as the loader gives it, or 'a;b' text."""
    if isinstance(value, (tuple, list)):
        return tuple(text(v) for v in value if text(v))
    return tuple(part.strip() for part in text(value).split(";") if part.strip())


def shuffled(items: list, key: str) -> list:
    """``items`` in an order seeded by ``key`` (stable across runs, so stored outputs do not change)."""
    seed = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    out = list(items)
    random.Random(seed).shuffle(out)
    return out


def as_list(response) -> list[str]:
    """A list response (or 'A | B' text), each part bounded, at most :data:`MAX_PARTS` parts."""
    if response is None:
        return []
    if isinstance(response, str):
        return split(response[: MAX_PARTS * MAX_TEXT_CHARS])[:MAX_PARTS]
    if isinstance(response, Mapping) or not hasattr(response, "__iter__"):
        return [text(response, MAX_TEXT_CHARS)] if text(response, MAX_TEXT_CHARS) else []
    out = []
    for part in response:
        if len(out) >= MAX_PARTS:
            break
        if text(part, MAX_TEXT_CHARS):
            out.append(text(part, MAX_TEXT_CHARS))
    return out


def pair(cell: str) -> tuple[str, str] | None:
    """'left = right' -> ('left', 'right'); None unless there is exactly one ' = '."""
    parts = cell.split(PAIR_SEPARATOR)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        return None
    return parts[0].strip(), parts[1].strip()


# --------------------------------------------------------------------------- the question kinds


@dataclass(frozen=True)
class Question:
    """One parsed quiz question (a subclass per kind).

    ``choices``: the options (for *order*: the items in the correct order; for *match*: the left-hand
    items). ``answer``: the right option(s) (for *order*: the correct order; for *match*: the right-hand
    partners, aligned with ``choices``). ``pairs``: ``(left, right)`` for *match*. ``value`` and
    ``tolerance``: the number for *numeric*.
    """

    id: str
    lesson: str
    prompt: str
    choices: tuple[str, ...] = ()
    answer: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    value: float | None = None
    tolerance: float = 0.0
    explanation: str = ""
    proof: str = ""
    source_ids: tuple[str, ...] = field(default=())

    kind: ClassVar[str] = ""
    hint: ClassVar[str] = ""

    # -- reading a row: each kind checks its own cells and raises QuizError with the column
    @classmethod
    def build(cls, common: dict, choices: list[str], answers: list[str]) -> Question:
        raise NotImplementedError

    @staticmethod
    def fail(common: dict, message: str, column: str, value=None, fix: str = ""):
        raise QuizError(common["id"], message, column, value, fix)

    @classmethod
    def option_list(cls, common: dict, choices: list[str], raw: str, minimum: int = 2) -> None:
        if len(choices) < minimum:
            fix = (
                "separate the choices with ' | ' (space, bar, space), not ';'"
                if ";" in raw
                else "write at least two choices separated by ' | '"
            )
            cls.fail(common, f"needs at least {minimum} choices, found {len(choices)}", "choices", raw, fix)
        if "" in choices or len(set(choices)) != len(choices):
            cls.fail(
                common,
                "the choices contain an empty or repeated option",
                "choices",
                raw,
                "give each option once, with text between the ' | ' separators",
            )

    # -- what the student sees and the teacher's key
    def options(self) -> list[str]:
        """The options in display order, shuffled and seeded by the question id (stable)."""
        return shuffled(list(self.choices), self.id)

    def correct_text(self) -> str:
        return "; ".join(self.answer)

    def correct_response(self):
        """A right response, in the shape :meth:`mark` and :meth:`lessons.quiz.Quiz.answer` take."""
        return list(self.answer)

    def is_blank(self, response) -> bool:
        """True when the response is what the controls hold before the student touches them."""
        return not as_list(response)

    def mark(self, response) -> Result:
        raise NotImplementedError


def _fields(common: dict) -> dict:
    return {k: v for k, v in common.items() if not k.startswith("_")}
