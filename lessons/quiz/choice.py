"""The choice kinds of quiz question: :class:`SingleChoice` (``single``) and :class:`MultipleChoice`
(``multiple``).

- ``single``: 1 if the chosen option is the answer, else 0.
- ``multiple``: ``max(0, (right picked - wrong picked) / right options)``; correct only when exactly the
  right options are picked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .base import MAX_TEXT_CHARS, Question, Result, _fields, as_list, text, unanswered


@dataclass(frozen=True)
class SingleChoice(Question):
    kind: ClassVar[str] = "single"
    hint: ClassVar[str] = "Choose one answer."

    @classmethod
    def build(cls, common, choices, answers):
        cls.option_list(common, choices, common["_choices"])
        if len(answers) != 1:
            cls.fail(
                common,
                "a single-choice question has exactly one answer",
                "answer",
                common["_answer"],
                "keep one option in the answer, or make the kind 'multiple'",
            )
        if answers[0] not in choices:
            cls.fail(
                common,
                f"answer {answers[0]!r} is not one of the choices",
                "answer",
                answers[0],
                "copy the answer exactly from the choices (same spelling, spaces and capitals)",
            )
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
            cls.fail(
                common,
                "the answer uses ';' between options",
                "answer",
                common["_answer"],
                "separate the right options with ' | ' (space, bar, space)",
            )
        if len(set(answers)) != len(answers):
            cls.fail(common, "the answer repeats an option", "answer", common["_answer"], "give each right option once")
        unknown = [a for a in answers if a not in choices]
        if unknown:
            cls.fail(
                common,
                f"answer {unknown[0]!r} is not one of the choices",
                "answer",
                unknown[0],
                "copy each right option exactly from the choices",
            )
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
        return Result(
            False,
            score,
            f"You picked {hits} of the {len(right)} right options and {misses} wrong option"
            f"{plural} (right minus wrong, never below 0).",
        )
