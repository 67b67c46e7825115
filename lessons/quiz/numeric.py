"""The numeric kind of quiz question: :class:`Numeric` (``numeric``).

1 if within ``tolerance`` of the answer, else 0. Typed answers may use thousands separators ("1,234",
"1 234"), a percent sign ("54.19%") and spaces; :mod:`.numbers` reads them in linear time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from .base import Question, Result, _fields, text, unanswered
from .numbers import MAX_NUMBER_CHARS, format_number, parse_number


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
            cls.fail(
                common,
                f"the answer is not a number: {err}",
                "answer",
                raw,
                "write the answer as digits only, e.g. 30 or 54.19 (no words, no unit)",
            )
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
