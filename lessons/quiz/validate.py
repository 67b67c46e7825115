"""Check quiz rows before class: what :mod:`lessons.data` runs on ``quiz.csv`` (``make check-data`` too).

:func:`quiz_problems` returns one :class:`QuizProblem` per problem, with the file, line, column, value
and what to do. It checks each row the way the quiz will read it (answers among the choices, numeric
answers that parse, match pairs that match, orders that are permutations, ``;`` used where `` | ``
separates choices) and the answer against the proof row where that row names the value:

- a *numeric* answer must be one of the numbers in the proof row (a number field, or a number written
  in its text, digits or words such as "five");
- a *single* answer that names which readout reports a topic ("Only the Kremlin readout", ...) must agree
  with the row's ``in_white_house`` / ``in_kremlin``;
- a *single* answer that names a ceasefire term's status or a party's stance must be the row's.

It imports neither pandas nor the data loader, so the loader can call it without an import cycle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .questions import Numeric, Question, QuizError, SingleChoice, parse_question, text

READOUT_PHRASES = {
    (False, True): "Only the Kremlin readout",
    (True, False): "Only the White House readout",
    (True, True): "Both readouts",
    (False, False): "Neither readout",
}
STATUS_WORDS = {"agreed": "agreed", "agreed to negotiate": "agreed-to-negotiate", "proposed": "proposed",
                "condition": "condition", "raised as a condition": "condition", "rejected": "rejected",
                "expired": "expired"}
STANCE_WORDS = {"supports": "supports", "supports with conditions": "conditional", "conditional": "conditional",
                "mixed": "mixed", "mixed or ambiguous": "mixed", "opposes": "opposes",
                "no stated position": "no-position"}
WORD_NUMBERS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven "
                                           "twelve".split())}
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


@dataclass(frozen=True)
class QuizProblem:
    file: str
    line: int | None
    column: str | None
    value: object
    message: str


def _truthy(value) -> bool:
    return value is True or text(value).lower() in ("true", "yes", "1")


def _numbers_in(row: dict) -> list[float]:
    """Every number a proof row states: number fields, digits in its text, and small numbers in words."""
    found = []
    for key, value in row.items():
        if key in ("id", "source_ids", "event_ids") or isinstance(value, bool):
            continue
        if isinstance(value, (int, float)):
            found.append(float(value))
            continue
        cell = text(value)[:20_000]
        found += [float(m.replace(",", "")) for m in _NUMBER.findall(cell)]
        found += [float(WORD_NUMBERS[w]) for w in re.findall(r"[a-z]+", cell.lower()) if w in WORD_NUMBERS]
    return found


def _label(choice: str, words: dict[str, str]) -> str | None:
    """The enum value a choice starts with (longest label first), or None."""
    low = choice.lower()
    for label in sorted(words, key=len, reverse=True):
        if low == label or (low.startswith(label) and low[len(label)] in " ,:("):
            return words[label]
    return None


def proof_mismatch(question: Question, resource: str, row: dict) -> tuple[str, str] | None:
    """(message, fix) when the answer disagrees with what its proof row states; None when it agrees or
    the row names no value to compare."""
    if isinstance(question, Numeric):
        numbers = _numbers_in(row)
        if numbers and not any(question.accepts(n) for n in numbers):
            return (f"the answer {question.correct_text()} is not a number the proof row {resource}:{row.get('id')} "
                    "states", "check the answer against that row (or point the proof at the row that gives it)")
        return None
    if not isinstance(question, SingleChoice):
        return None
    answer = question.answer[0]
    if resource == "readouts" and set(question.choices) <= set(READOUT_PHRASES.values()):
        expected = READOUT_PHRASES[(_truthy(row.get("in_white_house")), _truthy(row.get("in_kremlin")))]
        if answer != expected:
            return (f"the answer {answer!r} disagrees with the proof row, which gives {expected!r}",
                    "make the answer agree with in_white_house / in_kremlin of that row")
    for field, words in (("status", STATUS_WORDS), ("stance", STANCE_WORDS)):
        value = text(row.get(field))
        if value and all(_label(c, words) for c in question.choices) and _label(answer, words) != value:
            return (f"the answer {answer!r} disagrees with the proof row's {field} {value!r}",
                    f"choose the option that names the {field} of that row")
    return None


def quiz_problems(rows: list[dict], lines: list[int] | None = None, tables: dict[str, list[dict]] | None = None,
                  file: str = "quiz.csv") -> list[QuizProblem]:
    """Every problem in the quiz rows, located by file, line (``lines[i]`` for ``rows[i]``), column and value."""
    problems = []
    index = {name: {r.get("id"): r for r in table} for name, table in (tables or {}).items()}
    for i, row in enumerate(rows):
        line = lines[i] if lines else i + 2
        try:
            question = parse_question(row)
        except QuizError as err:
            problems.append(QuizProblem(file, line, err.column, err.value, f"{err.message}: {err.fix}" if err.fix
                                        else err.message))
            continue
        resource, _, ref = question.proof.partition(":")
        proving = index.get(resource, {}).get(ref)
        if proving is not None:
            found = proof_mismatch(question, resource, proving)
            if found:
                problems.append(QuizProblem(file, line, "answer", row.get("answer"), f"{found[0]}: {found[1]}"))
    return problems
