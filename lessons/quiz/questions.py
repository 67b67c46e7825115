"""Quiz questions: one small class per kind, each reading its row, checking it and marking a response.

A row of ``data/quiz.csv`` becomes a :class:`Question` subclass through :func:`parse_question`:

- :class:`SingleChoice` (``single``): 1 if the chosen option is the answer, else 0.
- :class:`MultipleChoice` (``multiple``): ``max(0, (right picked - wrong picked) / right options)``;
  correct only when exactly the right options are picked.
- :class:`Ordering` (``order``): the share of pairs of items in the right order relative to each other
  (one item one place off costs little, the reversed list scores 0).
- :class:`Matching` (``match``): the share of left-hand items matched to the right partner.
- :class:`Numeric` (``numeric``): 1 if within ``tolerance`` of the answer, else 0. Typed answers may
  use thousands separators ("1,234", "1 234"), a percent sign ("54.19%") and spaces.

Nothing a student types can block the kernel: every response is cut to a bounded length before it is
read, and the number parser runs in linear time (:func:`parse_number`). This module imports neither
pandas nor the data loader, so :mod:`lessons.data` can validate quiz rows with it.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import random
from dataclasses import dataclass, field
from typing import ClassVar, Mapping

from .numbers import MAX_NUMBER_CHARS, format_number, parse_number

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
            fix = ("separate the choices with ' | ' (space, bar, space), not ';'" if ";" in raw
                   else "write at least two choices separated by ' | '")
            cls.fail(common, f"needs at least {minimum} choices, found {len(choices)}", "choices", raw, fix)
        if "" in choices or len(set(choices)) != len(choices):
            cls.fail(common, "the choices contain an empty or repeated option", "choices", raw,
                     "give each option once, with text between the ' | ' separators")

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


@dataclass(frozen=True)
class SingleChoice(Question):
    kind: ClassVar[str] = "single"
    hint: ClassVar[str] = "Choose one answer."

    @classmethod
    def build(cls, common, choices, answers):
        cls.option_list(common, choices, common["_choices"])
        if len(answers) != 1:
            cls.fail(common, "a single-choice question has exactly one answer", "answer", common["_answer"],
                     "keep one option in the answer, or make the kind 'multiple'")
        if answers[0] not in choices:
            cls.fail(common, f"answer {answers[0]!r} is not one of the choices", "answer", answers[0],
                     "copy the answer exactly from the choices (same spelling, spaces and capitals)")
        return cls(**_fields(common), choices=tuple(choices), answer=tuple(answers))

    def correct_response(self):
        return self.answer[0]

    def mark(self, response) -> Result:
        if isinstance(response, (list, tuple, set)):
            response = next(iter(response), "")
        choice = text(response, MAX_TEXT_CHARS)
        if not choice:
            return unanswered("Choose an answer first.")
        if choice not in self.choices:
            return unanswered(f"“{choice[:80]}” is not one of the options.")
        if choice == self.answer[0]:
            return Result(True, 1.0, f"“{choice}” is the answer.")
        return Result(False, 0.0, f"You chose “{choice}”: that is not the answer.")


@dataclass(frozen=True)
class MultipleChoice(Question):
    kind: ClassVar[str] = "multiple"
    hint: ClassVar[str] = "Choose every answer that applies."

    @classmethod
    def build(cls, common, choices, answers):
        cls.option_list(common, choices, common["_choices"])
        if len(answers) == 1 and ";" in answers[0]:
            cls.fail(common, "the answer uses ';' between options", "answer", common["_answer"],
                     "separate the right options with ' | ' (space, bar, space)")
        if len(set(answers)) != len(answers):
            cls.fail(common, "the answer repeats an option", "answer", common["_answer"], "give each right option once")
        unknown = [a for a in answers if a not in choices]
        if unknown:
            cls.fail(common, f"answer {unknown[0]!r} is not one of the choices", "answer", unknown[0],
                     "copy each right option exactly from the choices")
        return cls(**_fields(common), choices=tuple(choices), answer=tuple(c for c in choices if c in answers))

    def mark(self, response) -> Result:
        picked = list(dict.fromkeys(as_list(response)))
        if not picked:
            return unanswered("Choose at least one option first.")
        unknown = [p for p in picked if p not in self.choices]
        if unknown:
            return unanswered(f"“{unknown[0][:80]}” is not one of the options.")
        right = set(self.answer)
        hits, misses = len(right & set(picked)), len(set(picked) - right)
        score = max(0.0, (hits - misses) / len(right))
        if hits == len(right) and not misses:
            return Result(True, 1.0, f"You picked all {len(right)} right options and nothing else.")
        plural = "s" if misses != 1 else ""
        return Result(False, score, f"You picked {hits} of the {len(right)} right options and {misses} wrong option"
                                    f"{plural} (right minus wrong, never below 0).")


@dataclass(frozen=True)
class Ordering(Question):
    kind: ClassVar[str] = "order"
    hint: ClassVar[str] = "Use the ↑ and ↓ buttons to put the items in the right order."

    @classmethod
    def build(cls, common, choices, answers):
        cls.option_list(common, choices, common["_choices"])
        if sorted(answers) != sorted(choices):
            cls.fail(common, "the answer is not an ordering of the choices (each item exactly once)", "answer",
                     common["_answer"], "list every choice once, in the correct order")
        if answers != choices:
            cls.fail(common, "for order questions the answer must list the choices in the same (correct) order",
                     "answer", common["_answer"], "write the choices in the correct order and copy them as the answer")
        return cls(**_fields(common), choices=tuple(choices), answer=tuple(answers))

    def options(self) -> list[str]:
        """Shuffled, and never already in the correct order."""
        items = shuffled(list(self.choices), self.id)
        if len(items) > 1 and items == list(self.choices):
            items = items[1:] + items[:1]
        return items

    def correct_text(self) -> str:
        return " → ".join(self.answer)

    def is_blank(self, response) -> bool:
        """An ordering the student has not moved is the shuffled start: that is not an answer."""
        return not as_list(response) or as_list(response) == self.options()

    def mark(self, response) -> Result:
        given = as_list(response)
        if not given:
            return unanswered("Put the items in order first.")
        if sorted(given) != sorted(self.answer):
            return unanswered("The list must contain each item exactly once.")
        rank = {item: i for i, item in enumerate(self.answer)}
        n = len(given)
        pairs = n * (n - 1) // 2
        good = sum(1 for i in range(n) for j in range(i + 1, n) if rank[given[i]] < rank[given[j]])
        placed = sum(1 for i, item in enumerate(given) if rank[item] == i)
        if given == list(self.answer):
            return Result(True, 1.0, "Every item is in the right place.")
        return Result(False, good / pairs if pairs else 1.0,
                      f"{placed} of {n} items are in the right place, and {good} of {pairs} pairs of items are in the "
                      f"right order relative to each other.")


@dataclass(frozen=True)
class Matching(Question):
    kind: ClassVar[str] = "match"
    hint: ClassVar[str] = "Choose the right partner for each item."

    @classmethod
    def build(cls, common, choices, answers):
        cls.option_list(common, choices, common["_choices"])
        pairs = []
        for cell in choices:
            got = pair(cell)
            if got is None:
                cls.fail(common, f"match pair {cell!r} must be written 'left = right' with exactly one ' = '",
                         "choices", cell, "write each pair as 'left = right' (space, equals sign, space)")
            pairs.append(got)
        lefts = [left for left, _ in pairs]
        if len(set(lefts)) != len(lefts):
            cls.fail(common, "two pairs have the same left-hand item", "choices", common["_choices"],
                     "give every left-hand item once")
        given = [pair(a) for a in answers]
        if None in given or sorted(given) != sorted(pairs):
            cls.fail(common, "for match questions the answer must list the same 'left = right' pairs as the choices",
                     "answer", common["_answer"], "copy the choices into the answer")
        return cls(**_fields(common), choices=tuple(lefts), answer=tuple(r for _, r in pairs), pairs=tuple(pairs))

    def options(self) -> list[str]:
        """The right-hand partners, shuffled."""
        return shuffled(list(dict.fromkeys(right for _, right in self.pairs)), self.id + "/right")

    def correct_text(self) -> str:
        return "; ".join(f"{left} → {right}" for left, right in self.pairs)

    def correct_response(self):
        return dict(self.pairs)

    def read(self, response) -> dict[str, str] | str:
        """A response as {left: right}, or a message when it cannot be read."""
        if isinstance(response, Mapping):
            items = list(itertools.islice(response.items(), MAX_PARTS))
        elif isinstance(response, str):
            items = []
            for part in as_list(response):
                got = pair(part)
                if got is None:
                    return f"“{part[:80]}” must be written 'item = partner'."
                items.append(got)
        else:
            items = []
            for part in as_list(response) if not isinstance(response, (list, tuple)) else response[:MAX_PARTS]:
                if not isinstance(part, (list, tuple)) or len(part) != 2:
                    return "Give the pairs as item → partner."
                items.append(part)
        return {text(k, MAX_TEXT_CHARS): text(v, MAX_TEXT_CHARS) for k, v in items}

    def is_blank(self, response) -> bool:
        given = self.read(response)
        return isinstance(given, dict) and not any(given.values())

    def mark(self, response) -> Result:
        given = self.read(response)
        if isinstance(given, str):
            return unanswered(given)
        unknown = [k for k in given if k not in self.choices]
        if unknown:
            return unanswered(f"“{unknown[0][:80]}” is not one of the items to match.")
        bad = [v for v in given.values() if v and v not in set(self.answer)]
        if bad:
            return unanswered(f"“{bad[0][:80]}” is not one of the options.")
        empty = [left for left in self.choices if not given.get(left)]
        if empty:
            return unanswered(f"Choose a partner for every item ({len(empty)} still empty).")
        hits, n = sum(1 for left, right in self.pairs if given[left] == right), len(self.pairs)
        if hits == n:
            return Result(True, 1.0, f"All {n} pairs match.")
        return Result(False, hits / n, f"{hits} of {n} pairs match.")


@dataclass(frozen=True)
class Numeric(Question):
    kind: ClassVar[str] = "numeric"
    hint: ClassVar[str] = "Type a number (for example 1,234 or 54.19%)."

    @classmethod
    def build(cls, common, choices, answers):
        raw = common["_answer"]
        try:
            value = parse_number(raw)
        except ValueError as err:
            cls.fail(common, f"the answer is not a number: {err}", "answer", raw,
                     "write the answer as digits only, e.g. 30 or 54.19 (no words, no unit)")
        return cls(**_fields(common), value=value)

    def correct_text(self) -> str:
        within = f" (accepted within ± {format_number(self.tolerance)})" if self.tolerance else ""
        return f"{format_number(self.value)}{within}"

    def correct_response(self):
        return format_number(self.value)

    def is_blank(self, response) -> bool:
        return not text(response, MAX_NUMBER_CHARS)

    def accepts(self, number: float) -> bool:
        return abs(number - self.value) <= self.tolerance + 1e-9 * max(1.0, abs(self.value))

    def mark(self, response) -> Result:
        try:
            given = parse_number(response)
        except ValueError as err:
            return unanswered(str(err))
        if self.accepts(given):
            return Result(True, 1.0, f"You gave {format_number(given)}: that is the answer.")
        return Result(False, 0.0, f"You gave {format_number(given)}: that is not the answer.")


KIND_CLASSES: dict[str, type[Question]] = {cls.kind: cls for cls in
                                          (SingleChoice, MultipleChoice, Ordering, Matching, Numeric)}
KINDS = tuple(KIND_CLASSES)
HINTS = {kind: cls.hint for kind, cls in KIND_CLASSES.items()}


def _fields(common: dict) -> dict:
    return {k: v for k, v in common.items() if not k.startswith("_")}


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
        Question.fail(common, f"kind {kind!r} is not one of {', '.join(KINDS)}", "kind", kind,
                      f"use one of {', '.join(KINDS)}")
    prompt = text(_get(row, "prompt"))
    if not prompt:
        Question.fail(common, "the prompt is empty", "prompt", "", "write the question in the prompt column")
    if not common["_answer"]:
        Question.fail(common, "the answer is empty", "answer", "", "write the right answer")
    raw_tolerance = text(_get(row, "tolerance"))
    try:
        tolerance = float(raw_tolerance) if raw_tolerance else 0.0
    except ValueError:
        Question.fail(common, f"tolerance {raw_tolerance!r} is not a number", "tolerance", raw_tolerance,
                      "write a number such as 0 or 0.5, or leave it empty")
    if not math.isfinite(tolerance) or tolerance < 0:
        Question.fail(common, "tolerance must be a number of at least 0", "tolerance", raw_tolerance,
                      "write 0 or a positive number")
    common.update(lesson=text(_get(row, "lesson")), prompt=prompt, explanation=text(_get(row, "explanation")),
                  proof=text(_get(row, "proof")), source_ids=split_ids(_get(row, "source_ids")), tolerance=tolerance)
    return KIND_CLASSES[kind].build(common, split(common["_choices"]), split(common["_answer"]))


def check_answer(question: Question, response) -> Result:
    """Mark ``response`` for ``question``; empty or unreadable responses give ``answered=False``, never an error."""
    return question.mark(response)


def correct_response(question: Question):
    """A right response in the shape :func:`check_answer` and :meth:`lessons.quiz.Quiz.answer` expect."""
    return question.correct_response()
