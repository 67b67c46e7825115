"""The quiz kinds whose answer is an arrangement of the items: :class:`Ordering` (``order``) and
:class:`Matching` (``match``).

- ``order``: the share of pairs of items in the right order relative to each other (one item one place
  off costs little, the reversed list scores 0).
- ``match``: the share of left-hand items matched to the right partner.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from .base import MAX_PARTS, MAX_TEXT_CHARS, Question, Result, _fields, as_list, pair, shuffled, text, unanswered


@dataclass(frozen=True)
class Ordering(Question):
    kind: ClassVar[str] = "order"
    hint: ClassVar[str] = "Use the ↑ and ↓ buttons to put the items in the right order."

    @classmethod
    def build(cls, common, choices, answers):
        cls.option_list(common, choices, common["_choices"])
        if sorted(answers) != sorted(choices):
            cls.fail(
                common,
                "the answer is not an ordering of the choices (each item exactly once)",
                "answer",
                common["_answer"],
                "list every choice once, in the correct order",
            )
        if answers != choices:
            cls.fail(
                common,
                "for order questions the answer must list the choices in the same (correct) order",
                "answer",
                common["_answer"],
                "write the choices in the correct order and copy them as the answer",
            )
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
        return Result(
            False,
            good / pairs if pairs else 1.0,
            f"{placed} of {n} items are in the right place, and {good} of {pairs} pairs of items are in the "
            f"right order relative to each other.",
        )


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
                cls.fail(
                    common,
                    f"match pair {cell!r} must be written 'left = right' with exactly one ' = '",
                    "choices",
                    cell,
                    "write each pair as 'left = right' (space, equals sign, space)",
                )
            pairs.append(got)
        lefts = [left for left, _ in pairs]
        if len(set(lefts)) != len(lefts):
            cls.fail(
                common,
                "two pairs have the same left-hand item",
                "choices",
                common["_choices"],
                "give every left-hand item once",
            )
        given = [pair(a) for a in answers]
        if None in given or sorted(given) != sorted(pairs):
            cls.fail(
                common,
                "for match questions the answer must list the same 'left = right' pairs as the choices",
                "answer",
                common["_answer"],
                "copy the choices into the answer",
            )
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
