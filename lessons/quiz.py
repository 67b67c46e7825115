"""Quizzes for the lessons: parse and mark questions from ``data/quiz.csv`` and show them as a widget.

Every question names the data row that proves its answer (``proof = 'resource:id'``); the
feedback after *Check* shows the explanation, that row and its sources.

Pure functions (tested on their own):

- :func:`parse_question` turns a row of the quiz table into a :class:`Question`.
- :func:`check_answer` marks a response and returns a :class:`Result`:
  ``correct`` (bool), ``score`` in [0, 1] and plain-text ``feedback``.
- :func:`proof_html` renders the explanation, the proving row and its citations.
- :func:`answer_key` / :func:`answer_key_html` give the teacher's answer key.

Scoring rules (also shown to students in the feedback):

- *single*: 1 if the chosen option is the answer, else 0.
- *multiple*: ``max(0, (right options picked - wrong options picked) / number of right options)``;
  correct only when exactly the right options are picked.
- *order*: the share of pairs of items that are in the right order relative to each other
  (a Kendall-tau-like measure: one item one place off costs little, the reversed list scores 0).
- *match*: the share of left-hand items matched to the right partner.
- *numeric*: 1 if within ``tolerance`` (absolute) of the answer, else 0. Typed answers may use
  thousands separators ("1,234", "1 234"), a percent sign ("54.19%") and spaces.

Options are shuffled deterministically, seeded by the question id, so stored notebook outputs
are stable. The :class:`Quiz` widget shows one question at a time; the first *Check* of each
question counts towards the running score and locks it (its explanation gives the answer away);
*Reset* starts again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import numbers
import random
import re
from dataclasses import dataclass
from typing import Mapping

import ipywidgets as w
import numpy as np
import pandas as pd

from . import data, widgets
from .style import FONT, INK, MUTED, QUALITATIVE, empty_state, esc

KINDS = ("single", "multiple", "order", "match", "numeric")
SEPARATOR = " | "
PAIR_SEPARATOR = " = "
HINTS = {
    "single": "Choose one answer.",
    "multiple": "Choose every answer that applies.",
    "order": "Use the ↑ and ↓ buttons to put the items in the right order.",
    "match": "Choose the right partner for each item.",
    "numeric": "Type a number (for example 1,234 or 54.19%).",
}
#: Feedback colours come from the package palette (Okabe-Ito): right, partly right, wrong.
_MARK_COLOURS = {"right": QUALITATIVE[2], "partly": QUALITATIVE[1], "wrong": QUALITATIVE[5]}


#: Lets long options wrap (ipywidgets draws radio and checkbox labels on one clipped line).
_CSS = (
    "<style>"
    ".lessons-quiz .jupyter-widget-radio-box label,.lessons-quiz .widget-radio-box label{height:auto;"
    "line-height:1.35;display:flex;align-items:flex-start;padding:3px 0;white-space:normal}"
    ".lessons-quiz .jupyter-widget-radio-box input,.lessons-quiz .widget-radio-box input{height:auto;"
    "margin:2px 8px 0 1px;flex:none;order:-1}"
    ".lessons-quiz .jupyter-widget-checkbox,.lessons-quiz .widget-checkbox{height:auto;line-height:1.35;margin:3px 0}"
    ".lessons-quiz .jupyter-widget-checkbox .jupyter-widget-label-basic,.lessons-quiz .widget-checkbox "
    ".widget-label-basic{white-space:normal;overflow:visible;line-height:1.35;display:flex;align-items:flex-start}"
    ".lessons-quiz .jupyter-widget-checkbox input[type='checkbox'],.lessons-quiz .widget-checkbox "
    "input[type='checkbox']{align-self:flex-start;flex:none;margin-top:2px}"
    "</style>"
)


class QuizError(ValueError):
    """A quiz row cannot be turned into a question; the message says which and why."""


# --------------------------------------------------------------------------- questions


@dataclass(frozen=True)
class Question:
    """One parsed quiz question.

    ``choices``: the options (for *order*: the items in the correct order; for *match*: the
    left-hand items). ``answer``: the right option(s) (for *order*: the correct order; for
    *match*: the right-hand partners, aligned with ``choices``). ``pairs``: ``(left, right)``
    for *match*. ``value`` and ``tolerance``: the number for *numeric*.
    """

    id: str
    lesson: str
    kind: str
    prompt: str
    choices: tuple[str, ...] = ()
    answer: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    value: float | None = None
    tolerance: float = 0.0
    explanation: str = ""
    proof: str = ""
    source_ids: tuple[str, ...] = ()

    def options(self) -> list[str]:
        """The options in display order: shuffled, seeded by the question id (stable).
        For *order* never already in the correct order; for *match* the right-hand options."""
        if self.kind == "match":
            rights = list(dict.fromkeys(right for _, right in self.pairs))
            return _shuffled(rights, self.id + "/right")
        items = _shuffled(list(self.choices), self.id)
        if self.kind == "order" and len(items) > 1 and items == list(self.choices):
            items = items[1:] + items[:1]
        return items

    def correct_text(self) -> str:
        """The right answer as plain text (for feedback and the answer key)."""
        if self.kind == "numeric":
            within = f" (accepted within ± {format_number(self.tolerance)})" if self.tolerance else ""
            return f"{format_number(self.value)}{within}"
        if self.kind == "order":
            return " → ".join(self.answer)
        if self.kind == "match":
            return "; ".join(f"{left} → {right}" for left, right in self.pairs)
        return "; ".join(self.answer)


@dataclass(frozen=True)
class Result:
    """The mark for one response. ``answered`` is False when the response was empty or could not
    be read (e.g. text that is not a number): nothing is marked then, ``feedback`` says why."""

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


def _shuffled(items: list, key: str) -> list:
    seed = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    out = list(items)
    random.Random(seed).shuffle(out)
    return out


def _text(value) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value).strip()


def _split(value) -> list[str]:
    text = _text(value)
    return [part.strip() for part in text.split(SEPARATOR.strip())] if text else []


def _get(row, name: str):
    try:
        return row.get(name)
    except AttributeError:
        return getattr(row, name, None)


def parse_question(row) -> Question:
    """Turn one quiz row (a dict, a pandas Series or a namedtuple) into a :class:`Question`.

    Raises :class:`QuizError` with the question id and a plain explanation when the row is
    inconsistent (an answer that is not among the choices, a match pair without ' = ', ...).
    """
    qid = _text(_get(row, "id")) or "(no id)"
    kind = _text(_get(row, "kind"))

    def fail(message: str):
        raise QuizError(f"question {qid}: {message}")

    if kind not in KINDS:
        fail(f"kind {kind!r} is not one of {', '.join(KINDS)}")
    prompt = _text(_get(row, "prompt"))
    if not prompt:
        fail("the prompt is empty")
    choices, answers = _split(_get(row, "choices")), _split(_get(row, "answer"))
    if not answers:
        fail("the answer is empty")
    tolerance = _get(row, "tolerance")
    try:
        tolerance = 0.0 if _text(tolerance) == "" else float(tolerance)
    except (TypeError, ValueError):
        fail(f"tolerance {tolerance!r} is not a number")
    if not math.isfinite(tolerance) or tolerance < 0:
        fail("tolerance must be a number of at least 0")
    common = dict(
        id=qid, lesson=_text(_get(row, "lesson")), kind=kind, prompt=prompt,
        explanation=_text(_get(row, "explanation")), proof=_text(_get(row, "proof")),
        source_ids=data.split_ids(_get(row, "source_ids")), tolerance=tolerance,
    )
    if kind == "numeric":
        try:
            value = parse_number(_text(_get(row, "answer")))
        except ValueError as err:
            fail(f"the answer is not a number: {err}")
        return Question(**common, value=value)
    if len(set(choices)) != len(choices) or "" in choices:
        fail("the choices contain an empty or repeated option")
    if kind == "match":
        pairs = [_pair(c, fail) for c in choices]
        lefts = [left for left, _ in pairs]
        if len(pairs) < 2 or len(set(lefts)) != len(lefts):
            fail("a match question needs at least two pairs with different left-hand items")
        if sorted(_pair(a, fail) for a in answers) != sorted(pairs):
            fail("for match questions the answer must list the same 'left = right' pairs as the choices")
        return Question(**common, choices=tuple(lefts), answer=tuple(r for _, r in pairs), pairs=tuple(pairs))
    if len(choices) < 2:
        fail("a question with options needs at least two choices")
    unknown = [a for a in answers if a not in choices]
    if unknown:
        fail(f"answer {unknown[0]!r} is not one of the choices")
    if kind == "single" and len(answers) != 1:
        fail("a single-choice question has exactly one answer")
    if kind == "multiple" and len(set(answers)) != len(answers):
        fail("the answer repeats an option")
    if kind == "order" and answers != choices:
        fail("for order questions the answer must list the choices in the same (correct) order")
    if kind == "multiple":
        answers = [c for c in choices if c in answers]
    return Question(**common, choices=tuple(choices), answer=tuple(answers))


def _raise(message: str):
    raise ValueError(message)


def _pair(text: str, fail) -> tuple[str, str]:
    parts = text.split(PAIR_SEPARATOR)
    if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
        fail(f"match pair {text!r} must be written 'left = right' with exactly one ' = '")
    return parts[0].strip(), parts[1].strip()


# --------------------------------------------------------------------------- numbers

_GROUPED = re.compile(r"-?\d{1,3}(?:([,  \u202f\u2009])\d{3})(?:\1\d{3})*(?:\.\d+)?")
_PLAIN = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def parse_number(text) -> float:
    """Read a number typed by a student: '1,234', '1 234', '54.19%', ' -3.5 ', '−2' (Unicode
    minus). Raises ValueError with a message a student can act on."""
    if isinstance(text, bool):
        raise ValueError("Type a number, not true or false.")
    if isinstance(text, (int, float)):
        number = float(text)
    else:
        raw = "" if text is None else str(text)
        s = raw.strip().replace("\u2212", "-").replace("\u2013", "-")
        if not s:
            raise ValueError("Type a number first.")
        s = re.sub(r"\s*%$", "", s)
        s = s[1:] if s.startswith("+") else s
        s = re.sub(r"^-\s+", "-", s)
        if _GROUPED.fullmatch(s):
            s = re.sub(r"[,  \u202f\u2009]", "", s)
        elif re.fullmatch(r"-?\d+,\d+", s):
            raise ValueError(f"“{raw.strip()}” uses a comma: write decimals with a point, e.g. 54.19.")
        elif not _PLAIN.fullmatch(s):
            raise ValueError(f"“{raw.strip()[:40]}” is not a number. Type digits such as 1,234 or 54.19%.")
        number = float(s)
    if not math.isfinite(number):
        raise ValueError("Type an ordinary (finite) number.")
    return number


def format_number(value) -> str:
    """1234567.0 -> '1,234,567'; 54.19 -> '54.19'."""
    if value is None:
        return ""
    return format(float(value), ",.12g")


# --------------------------------------------------------------------------- marking


def _as_list(response) -> list[str]:
    if response is None:
        return []
    if isinstance(response, str):
        return _split(response)
    return [_text(r) for r in response if _text(r)]


def _unanswered(message: str) -> Result:
    return Result(False, 0.0, message, answered=False)


def check_answer(question: Question, response) -> Result:
    """Mark ``response`` for ``question`` (see the module docstring for the scoring rules).

    Responses: *single* an option (str); *multiple* a collection of options; *order* the items
    in the student's order (list); *match* a dict left -> right; *numeric* a number or text.
    Empty or unreadable responses give ``Result(answered=False)`` with a message, never an error.
    """
    kind = question.kind
    if kind == "numeric":
        try:
            given = parse_number(response)
        except ValueError as err:
            return _unanswered(str(err))
        ok = abs(given - question.value) <= question.tolerance + 1e-9 * max(1.0, abs(question.value))
        if ok:
            return Result(True, 1.0, f"You gave {format_number(given)}; the answer is {question.correct_text()}.")
        return Result(False, 0.0, f"You gave {format_number(given)}; the answer is {question.correct_text()}.")

    if kind == "single":
        choice = _text(response) if not isinstance(response, (list, tuple, set)) else _text(next(iter(response), ""))
        if not choice:
            return _unanswered("Choose an answer first.")
        if choice not in question.choices:
            return _unanswered(f"“{choice}” is not one of the options.")
        if choice == question.answer[0]:
            return Result(True, 1.0, f"“{choice}” is the answer.")
        return Result(False, 0.0, f"You chose “{choice}”; the answer is “{question.answer[0]}”.")

    if kind == "multiple":
        picked = list(dict.fromkeys(_as_list(response)))
        if not picked:
            return _unanswered("Choose at least one option first.")
        unknown = [p for p in picked if p not in question.choices]
        if unknown:
            return _unanswered(f"“{unknown[0]}” is not one of the options.")
        right = set(question.answer)
        hits, misses = len(right & set(picked)), len(set(picked) - right)
        score = max(0.0, (hits - misses) / len(right))
        if hits == len(right) and not misses:
            return Result(True, 1.0, f"You picked all {len(right)} right options and nothing else.")
        detail = (f"You picked {hits} of the {len(right)} right options and {misses} wrong "
                  f"option{'s' if misses != 1 else ''} (score {score:.2f} = right minus wrong, out of {len(right)}, "
                  f"never below 0). The right options are: {question.correct_text()}.")
        return Result(False, score, detail)

    if kind == "order":
        given = _as_list(response)
        if not given:
            return _unanswered("Put the items in order first.")
        if sorted(given) != sorted(question.answer):
            return _unanswered("The list must contain each item exactly once.")
        rank = {item: i for i, item in enumerate(question.answer)}
        n = len(given)
        pairs = n * (n - 1) // 2
        good = sum(1 for i in range(n) for j in range(i + 1, n) if rank[given[i]] < rank[given[j]])
        placed = sum(1 for i, item in enumerate(given) if rank[item] == i)
        score = good / pairs if pairs else 1.0
        if given == list(question.answer):
            return Result(True, 1.0, "Every item is in the right place.")
        detail = (f"{placed} of {n} items are in the right place, and {good} of {pairs} pairs of items are in the "
                  f"right order relative to each other (score {score:.2f}). The right order is: {question.correct_text()}.")
        return Result(False, score, detail)

    if kind == "match":
        if isinstance(response, Mapping):
            given = {_text(k): _text(v) for k, v in response.items()}
        elif isinstance(response, str):
            try:
                given = dict(_pair(p, _raise) for p in _split(response))
            except ValueError as err:
                return _unanswered(str(err))
        else:
            given = {_text(k): _text(v) for k, v in (response or [])}
        unknown = [k for k in given if k not in question.choices]
        if unknown:
            return _unanswered(f"“{unknown[0]}” is not one of the items to match.")
        rights = set(question.answer)
        bad = [v for v in given.values() if v and v not in rights]
        if bad:
            return _unanswered(f"“{bad[0]}” is not one of the options.")
        empty = [left for left in question.choices if not given.get(left)]
        if empty:
            return _unanswered(f"Choose a partner for every item ({len(empty)} still empty).")
        hits = sum(1 for left, right in question.pairs if given[left] == right)
        n = len(question.pairs)
        if hits == n:
            return Result(True, 1.0, f"All {n} pairs match.")
        score = hits / n
        detail = f"{hits} of {n} pairs match (score {score:.2f}). The right pairs are: {question.correct_text()}."
        return Result(False, score, detail)
    raise QuizError(f"question {question.id}: unknown kind {kind!r}")  # unreachable: parse_question checks


# --------------------------------------------------------------------------- proof


#: The fields of a proving row shown to students, per resource (others: every filled field).
PROOF_FIELDS = {
    "events": ["display_date", "headline", "text", "note"],
    "votes": ["title", "date", "area", "option", "count", "share_pct", "share_base", "figure_status", "note"],
    "census": ["year", "area", "group", "count", "share_pct", "note"],
    "readouts": ["topic", "in_white_house", "in_kremlin", "white_house_wording", "kremlin_wording", "difference",
                 "afterwards"],
    "ceasefire_terms": ["element", "scope", "status", "proposed_by", "accepted_by", "according_to", "announced_date",
                        "start_date", "end_date", "duration_days", "quote", "note"],
    "positions": ["party_id", "issue", "date", "stance", "speaker", "summary", "quote"],
    "glossary": ["term", "definition"],
    "party_terms": ["concept_id", "party_id", "term", "original", "note"],
    "places": ["name_en", "name_uk", "name_ru", "name_crh", "country", "controlled_by", "control_since",
               "control_note"],
    "parties": ["name", "kind", "note"],
}
LABELS = {
    "share_pct": "Share (%)", "in_white_house": "In the White House readout", "in_kremlin": "In the Kremlin readout",
    "white_house_wording": "White House wording", "kremlin_wording": "Kremlin wording", "party_id": "Party",
    "according_to": "According to", "proposed_by": "Proposed by", "accepted_by": "Accepted by",
    "duration_days": "Duration (days)", "display_date": "Date", "name_en": "English", "name_uk": "Ukrainian",
    "name_ru": "Russian", "name_crh": "Crimean Tatar", "figure_status": "Figure status", "share_base": "Share of",
}
_PARTY_FIELDS = {"party_id", "according_to", "proposed_by", "accepted_by", "actors", "controlled_by"}


def _show(value, column: str, parties: pd.DataFrame | None) -> str:
    """One cell as plain text ('' when empty)."""
    if isinstance(value, tuple):
        parts = [_show(v, column, parties) for v in value]
        return ", ".join(p for p in parts if p)
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (pd.Timestamp, dt.date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, numbers.Integral):
        return str(int(value)) if column in ("year", "order") else format_number(value)
    if isinstance(value, numbers.Real):
        return format_number(value)
    text = str(value)
    if column in _PARTY_FIELDS:
        ids = data.split_ids(text)
        if parties is not None and len(ids) and all(i in parties.index for i in ids):
            return ", ".join(str(parties.loc[i, "short_name"]) for i in ids)
    if text in ("True", "False") and column.startswith("in_"):
        return "yes" if text == "True" else "no"
    return text


def find_row(table: pd.DataFrame, row_id: str) -> pd.Series | None:
    """The row with ``id == row_id`` (by index when it is the id, else by the id column)."""
    if row_id in table.index:
        found = table.loc[row_id]
        return found.iloc[0] if isinstance(found, pd.DataFrame) else found
    if "id" in table.columns:
        hit = table[table["id"].astype(str) == row_id]
        if len(hit):
            return hit.iloc[0]
    return None


def _table(tables: Mapping | None, name: str) -> pd.DataFrame | None:
    """A table from ``tables``; with ``tables=None`` from :func:`lessons.data.load`."""
    if tables is not None:
        return tables.get(name)
    try:
        return data.load(name)
    except (KeyError, data.DataError, OSError):
        return None


def resolve_proof(proof: str, tables: Mapping | None = None) -> tuple[str, str, pd.Series | None]:
    """``'events:ev-x'`` -> ``('events', 'ev-x', row or None)``."""
    resource, _, row_id = _text(proof).partition(":")
    table = _table(tables, resource) if resource and row_id else None
    return resource, row_id, (find_row(table, row_id) if table is not None else None)


def _citations(source_ids, tables: Mapping | None) -> str:
    sources = _table(tables, "sources")
    if sources is None:
        ids = data.split_ids(source_ids)
        if not ids:
            return empty_state("No source is recorded for this item.")
        return "<ol class='lessons-sources'>" + "".join(f"<li><code>{esc(i)}</code></li>" for i in ids) + "</ol>"
    return widgets.citation_html(source_ids, sources)


def proof_html(question: Question, tables: Mapping | None = None) -> str:
    """The explanation, the data row that proves the answer (its key fields, escaped) and the
    citations of that row (plus any further sources the question itself cites)."""
    explanation = (f"<p class='lessons-quiz-explanation' style='margin:4px 0'>{esc(question.explanation)}</p>"
                   if question.explanation else "")
    resource, row_id, row = resolve_proof(question.proof, tables)
    if row is None:
        missing = empty_state(f"The data row {question.proof or '(none)'} that should prove this answer was not found.",
                              "Tell your teacher: the quiz and the data are out of step.")
        return (f"<div class='lessons-quiz-proof' style='font-family:{FONT}'>{explanation}{missing}"
                f"<div><b>Sources</b>{_citations(question.source_ids, tables)}</div></div>")
    parties = _table(tables, "parties") if any(c in _PARTY_FIELDS for c in row.index) else None
    columns = PROOF_FIELDS.get(resource) or [c for c in row.index if c not in ("id", "source_ids")]
    rows = []
    for column in columns:
        if column in row.index:
            shown = _show(row[column], column, parties)
            if shown:
                rows.append((LABELS.get(column, column.replace("_", " ").capitalize()), esc(shown)))
    ids = list(dict.fromkeys(data.split_ids(row.get("source_ids")) + tuple(question.source_ids)))
    body = "".join(f"<tr><th scope='row' style='text-align:left;vertical-align:top;padding-right:8px'>{esc(k)}</th>"
                   f"<td>{v}</td></tr>" for k, v in rows)
    return (f"<div class='lessons-quiz-proof' style='font-family:{FONT}'>{explanation}"
            f"<div style='margin-top:6px'><b>The data row that proves it</b> "
            f"<code style='color:{MUTED}'>{esc(resource)}: {esc(row_id)}</code></div>"
            f"<table style='border-collapse:collapse;margin:4px 0'>{body}</table>"
            f"<div><b>Sources</b>{_citations(';'.join(ids), tables)}</div></div>")


def feedback_html(question: Question, result: Result, tables: Mapping | None = None) -> str:
    """The box shown after *Check*: the mark, the feedback and (once marked) the proof."""
    if not result.answered:
        return (f"<div class='lessons-quiz-feedback' role='status' data-mark='unanswered' style='font-family:{FONT};"
                f"color:{INK};padding:6px 0'>{esc(result.feedback)}</div>")
    title = {"right": "✔ Correct", "partly": "◐ Partly right", "wrong": "✘ Not quite"}[result.mark]
    return (f"<div class='lessons-quiz-feedback' role='status' data-mark='{result.mark}' style='font-family:{FONT};"
            f"color:{INK};border-left:5px solid {_MARK_COLOURS[result.mark]};padding:4px 10px;margin-top:6px'>"
            f"<b>{title}</b> <span>(score {result.score:.2f})</span><div>{esc(result.feedback)}</div>"
            f"{proof_html(question, tables)}</div>")


# --------------------------------------------------------------------------- answer key


def _select(quiz_table: pd.DataFrame, lesson=None) -> pd.DataFrame:
    if lesson is None or quiz_table.empty:
        return quiz_table
    return quiz_table[quiz_table["lesson"].astype(str) == str(lesson)]


def _rows(table: pd.DataFrame):
    return (row for _, row in table.iterrows())


def answer_key(quiz_table: pd.DataFrame, lesson=None) -> pd.DataFrame:
    """The teacher's answer key: one row per question (lesson, id, kind, question, correct
    answer, explanation, proof, sources). Rows that cannot be read say why in the answer column."""
    records = []
    for row in _rows(_select(quiz_table, lesson)):
        try:
            q = parse_question(row)
            answer = q.correct_text()
        except QuizError as err:
            q, answer = None, f"(cannot be read: {err})"
        records.append({
            "lesson": _text(row.get("lesson")), "id": _text(row.get("id")), "kind": _text(row.get("kind")),
            "question": _text(row.get("prompt")), "correct answer": answer,
            "explanation": _text(row.get("explanation")), "proof": _text(row.get("proof")),
            "sources": "; ".join(data.split_ids(row.get("source_ids"))),
        })
    columns = ["lesson", "id", "kind", "question", "correct answer", "explanation", "proof", "sources"]
    return pd.DataFrame(records, columns=columns)


def answer_key_html(quiz_table: pd.DataFrame, lesson=None) -> str:
    """The answer key as an accessible, escaped HTML table (or an empty state)."""
    key = answer_key(quiz_table, lesson)
    if key.empty:
        where = f" for lesson {lesson}" if lesson is not None else ""
        return empty_state(f"There are no quiz questions{where}.")
    caption = "Answer key" + (f", lesson {lesson}" if lesson is not None else "")
    return widgets.table_html(key, caption=caption, max_rows=max(200, len(key)))


# --------------------------------------------------------------------------- widget views


class _View(w.VBox):
    """One question on screen: prompt, hint, controls and feedback."""

    locked = False  # True once checked: the controls are disabled

    def __init__(self, question: Question | None, error: str = "", number: int = 1):
        self.question, self.error = question, error
        if question is None:
            super().__init__(children=[w.HTML(empty_state(error or "This question could not be read."))])
            self.feedback = w.HTML("")
            return
        self.prompt = w.HTML(f"<div class='lessons-quiz-prompt' style='font-family:{FONT};font-size:1.1em;"
                             f"margin:4px 0'><b>{number}.</b> {esc(question.prompt)}</div>")
        self.hint = w.HTML(f"<div style='color:{MUTED};font-family:{FONT}'>{esc(HINTS[question.kind])}</div>")
        self.feedback = w.HTML("")
        self.controls = self._build()
        super().__init__(children=[self.prompt, self.hint, self.controls, self.feedback],
                         layout=w.Layout(padding="4px 0"))

    # ---- building
    def _build(self) -> w.Widget:
        q, auto = self.question, w.Layout(width="auto")
        if q.kind == "single":
            self.radio = w.RadioButtons(options=q.options(), value=None, layout=auto)
            return self.radio
        if q.kind == "multiple":
            self.boxes = [w.Checkbox(value=False, description=o, indent=False, layout=auto) for o in q.options()]
            return w.VBox(self.boxes)
        if q.kind == "order":
            self.order = q.options()
            self.item_labels, self.up_buttons, self.down_buttons, rows = [], [], [], []
            for i in range(len(self.order)):
                label = w.HTML(layout=w.Layout(width="auto"))
                up = w.Button(description="↑", layout=w.Layout(width="36px"))
                down = w.Button(description="↓", layout=w.Layout(width="36px"))
                up.on_click(lambda _b, i=i: self.move(i, -1))
                down.on_click(lambda _b, i=i: self.move(i, +1))
                self.item_labels.append(label), self.up_buttons.append(up), self.down_buttons.append(down)
                rows.append(w.HBox([up, down, label]))
            self._relabel()
            return w.VBox(rows)
        if q.kind == "match":
            rights = q.options()
            self.dropdowns = {left: w.Dropdown(options=rights, value=None, layout=w.Layout(width="auto"))
                              for left in q.choices}
            return w.VBox([w.HBox([w.HTML(f"<span style='font-family:{FONT}'>{esc(left)}</span>",
                                          layout=w.Layout(width="45%")), dd],
                                  layout=w.Layout(align_items="center"))
                           for left, dd in self.dropdowns.items()])
        self.text = w.Text(value="", placeholder="Type a number", layout=w.Layout(width="16em"))
        return self.text

    def _relabel(self) -> None:
        last = len(self.order) - 1
        for i, item in enumerate(self.order):
            self.item_labels[i].value = f"<span style='font-family:{FONT}'>{i + 1}. {esc(item)}</span>"
            self.up_buttons[i].tooltip, self.down_buttons[i].tooltip = f"Move “{item}” up", f"Move “{item}” down"
            self.up_buttons[i].disabled = self.locked or i == 0
            self.down_buttons[i].disabled = self.locked or i == last

    # ---- student actions
    def move(self, index: int, step: int) -> None:
        """Move the order item at ``index`` up (step -1) or down (step +1)."""
        target = index + step
        if self.locked or not (0 <= index < len(self.order) and 0 <= target < len(self.order)):
            return
        self.order[index], self.order[target] = self.order[target], self.order[index]
        self._relabel()

    def response(self):
        kind = self.question.kind
        if kind == "single":
            return self.radio.value
        if kind == "multiple":
            return [b.description for b in self.boxes if b.value]
        if kind == "order":
            return list(self.order)
        if kind == "match":
            return {left: dd.value for left, dd in self.dropdowns.items() if dd.value is not None}
        return self.text.value

    def set_response(self, response) -> str:
        """Put ``response`` into the controls; return '' or a message when it does not fit."""
        q, kind = self.question, self.question.kind
        if kind == "single":
            if response is not None and _text(response) not in q.choices:
                return f"“{_text(response)}” is not one of the options."
            self.radio.value = None if response is None else _text(response)
        elif kind == "multiple":
            picked = set(_as_list(response))
            unknown = picked - set(q.choices)
            if unknown:
                return f"“{sorted(unknown)[0]}” is not one of the options."
            for box in self.boxes:
                box.value = box.description in picked
        elif kind == "order":
            items = _as_list(response)
            if sorted(items) != sorted(q.choices):
                return "The list must contain each item exactly once."
            self.order = items
            self._relabel()
        elif kind == "match":
            pairs = dict(response or {})
            for left, right in pairs.items():
                if left not in self.dropdowns:
                    return f"“{left}” is not one of the items to match."
                if right is not None and right not in self.dropdowns[left].options:
                    return f"“{right}” is not one of the options."
            for left, dd in self.dropdowns.items():
                dd.value = pairs.get(left)
        else:
            self.text.value = "" if response is None else str(response)
        return ""

    def lock(self, locked: bool) -> None:
        self.locked = locked
        if self.question is None:
            return
        kind = self.question.kind
        targets = ([self.radio] if kind == "single" else self.boxes if kind == "multiple"
                   else list(self.dropdowns.values()) if kind == "match" else [self.text] if kind == "numeric" else [])
        for control in targets:
            control.disabled = locked
        if kind == "order":
            self._relabel()

    def clear(self) -> None:
        self.feedback.value = ""
        if self.question is None:
            return
        self.lock(False)
        kind = self.question.kind
        if kind == "order":
            self.order = self.question.options()
            self._relabel()
        else:
            self.set_response(None)


# --------------------------------------------------------------------------- the widget


class Quiz(w.VBox):
    """A quiz for one lesson (``Quiz(lesson="01")``) or for chosen questions (``Quiz(ids=[...])``).

    One question at a time with *Previous* / *Next*, a *Check* button with immediate feedback
    (mark, explanation, the data row that proves the answer and its sources), a running score and
    *Reset*. Drive it from Python with :meth:`answer`, :meth:`check`, :meth:`show`, :meth:`reset`
    and read :attr:`score`.
    """

    summary = "Quiz with immediate feedback and sources"
    __repr__ = widgets.explorer_repr

    def __init__(self, lesson=None, ids=None, *, quiz: pd.DataFrame | None = None,
                 tables: Mapping[str, pd.DataFrame] | None = None, title: str | None = None):
        self.tables = tables
        if quiz is not None:
            table = quiz
        else:
            table = tables.get("quiz") if tables is not None else data.load("quiz")
        if table is None or "id" not in getattr(table, "columns", ()):
            table = pd.DataFrame(columns=["id", "lesson", "kind"])
        problems = []
        if ids is not None:
            wanted = [_text(i) for i in ([ids] if isinstance(ids, str) else ids)]
            known = {_text(i): row for i, row in zip(table["id"], _rows(table))} if len(table) else {}
            unknown = [i for i in wanted if i not in known]
            if unknown:
                problems.append(f"Unknown question id{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}.")
            rows = [known[i] for i in dict.fromkeys(wanted) if i in known]
            if lesson is not None:
                rows = [r for r in rows if _text(r.get("lesson")) == str(lesson)]
        else:
            rows = list(_rows(_select(table, lesson)))
        self.ids: list[str] = []
        self.questions: dict[str, Question | None] = {}
        self.errors: dict[str, str] = {}
        for row in rows:
            qid = _text(row.get("id"))
            self.ids.append(qid)
            try:
                self.questions[qid] = parse_question(row)
            except QuizError as err:
                self.questions[qid], self.errors[qid] = None, str(err)
        self.views: dict[str, _View] = {}
        self.results: dict[str, Result] = {}
        self.position = 0

        heading = title or (f"Quiz: lesson {lesson}" if lesson is not None else "Quiz")
        self.title = w.HTML(f"{_CSS}<h3 style='font-family:{FONT};margin:0'>{esc(heading)}</h3>")
        self.score_label = w.HTML()
        self.message = w.HTML()
        self.stage = w.VBox(layout=w.Layout(min_height="120px"))
        self.previous_button = w.Button(description="Previous", icon="arrow-left", tooltip="Previous question")
        self.next_button = w.Button(description="Next", icon="arrow-right", tooltip="Next question")
        self.check_button = w.Button(description="Check", button_style="primary", icon="check",
                                     tooltip="Check this answer")
        self.reset_button = w.Button(description="Reset", icon="undo", tooltip="Clear every answer and start again")
        self.position_label = w.HTML()
        self.previous_button.on_click(lambda _b: self.previous())
        self.next_button.on_click(lambda _b: self.next())
        self.check_button.on_click(lambda _b: self.check())
        self.reset_button.on_click(lambda _b: self.reset())
        self.navigation = w.HBox([self.previous_button, self.position_label, self.next_button, self.check_button,
                                  self.reset_button], layout=w.Layout(align_items="center", flex_flow="row wrap"))
        self._problems = problems
        super().__init__(children=[w.HBox([self.title, self.score_label],
                                          layout=w.Layout(justify_content="space-between", align_items="baseline")),
                                   self.message, self.stage, self.navigation],
                         layout=w.Layout(border=f"1px solid {MUTED}", padding="8px 12px", max_width="860px"))
        self.add_class("lessons-quiz")
        if not self.ids:
            hint = ", ".join(sorted(set(table["lesson"].astype(str)))) if len(table) and "lesson" in table else ""
            where = f" for lesson {lesson}" if lesson is not None else ""
            self.message.value = empty_state(" ".join(problems + [f"There are no quiz questions{where}."]),
                                             f"Lessons with questions: {hint}." if hint else "")
            self.navigation.layout.display = "none"
            self.stage.layout.display = "none"
        else:
            self._set_message(" ".join(problems))
            self.show(0)
        self._update_score()

    # ---- state
    @property
    def total(self) -> int:
        """Number of questions in this quiz."""
        return len(self.ids)

    @property
    def score(self) -> float:
        """Points so far: the sum of the first checked score of each question (partial credit counts)."""
        return sum(r.score for r in self.results.values())

    @property
    def correct_count(self) -> int:
        return sum(1 for r in self.results.values() if r.correct)

    @property
    def current(self) -> str | None:
        """The id of the question on screen."""
        return self.ids[self.position] if self.ids else None

    def view(self, question_id: str) -> _View:
        """The on-screen view of a question (built on first use)."""
        if question_id not in self.views:
            self.views[question_id] = _View(self.questions[question_id], self.errors.get(question_id, ""),
                                            number=self.ids.index(question_id) + 1)
        return self.views[question_id]

    def _set_message(self, text: str) -> None:
        self.message.value = (f"<div role='alert' style='font-family:{FONT};color:{INK};border-left:5px solid "
                              f"{_MARK_COLOURS['wrong']};padding:2px 8px'>{esc(text)}</div>") if text else ""

    def _update_score(self) -> None:
        self.score_label.value = (f"<span class='lessons-quiz-score' style='font-family:{FONT};font-size:1.1em'>"
                                  f"<b>Score: {format_number(round(self.score, 2))} / {self.total}</b>"
                                  f"<span style='color:{MUTED}'> · {len(self.results)} of {self.total} checked</span>"
                                  f"</span>")

    def _known(self, question_id) -> str | None:
        qid = self.current if question_id is None else _text(question_id)
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
        self.position = max(0, min(int(which), len(self.ids) - 1))
        view = self.view(self.ids[self.position])
        self.stage.children = (view,)
        self.position_label.value = (f"<span style='font-family:{FONT};padding:0 8px'>Question {self.position + 1}"
                                     f" of {len(self.ids)}</span>")
        self.previous_button.disabled = self.position == 0
        self.next_button.disabled = self.position == len(self.ids) - 1
        self.check_button.disabled = self.ids[self.position] in self.results or view.question is None

    def next(self) -> None:
        self.show(self.position + 1)

    def previous(self) -> None:
        self.show(self.position - 1)

    # ---- answering
    def answer(self, question_id, response) -> bool:
        """Set the controls of a question to ``response`` as a student would (shows that question).
        Returns False, with a message on screen, for an unknown id, a locked question or a response
        that does not fit the question."""
        qid = self._known(question_id)
        if qid is None:
            return False
        self.show(qid)
        view = self.view(qid)
        if view.question is None:
            self._set_message(self.errors[qid])
            return False
        if qid in self.results:
            self._set_message("This question has already been checked. Press Reset to start the quiz again.")
            return False
        problem = view.set_response(response)
        self._set_message(problem)
        return not problem

    def check(self, question_id=None) -> Result:
        """Mark a question (default: the one on screen) and show the feedback. The first marked
        check counts and locks the question; an empty or unreadable answer only shows a hint."""
        qid = self._known(question_id)
        if qid is None:
            return _unanswered(f"Unknown question id: {question_id}.")
        if qid != self.current:
            self.show(qid)
        view = self.view(qid)
        if view.question is None:
            return _unanswered(self.errors[qid])
        if qid in self.results:
            return self.results[qid]
        result = check_answer(view.question, view.response())
        self._set_message("")
        view.feedback.value = feedback_html(view.question, result, self.tables)
        if result.answered:
            self.results[qid] = result
            view.lock(True)
            self.check_button.disabled = True
            self._update_score()
        return result

    def reset(self, question_id=None) -> None:
        """Clear every answer and the score and go back to the first question; with an id, clear
        only that question."""
        if question_id is not None:
            qid = self._known(question_id)
            if qid is None:
                return
            self.results.pop(qid, None)
            if qid in self.views:
                self.views[qid].clear()
            self.show(qid)
        else:
            self.results.clear()
            for view in self.views.values():
                view.clear()
            self._set_message(" ".join(self._problems))
            self.show(0)
        self._update_score()


# --------------------------------------------------------------------------- benchmark


def correct_response(question: Question):
    """A right response in the shape :func:`check_answer` and :meth:`Quiz.answer` expect."""
    if question.kind == "single":
        return question.answer[0]
    if question.kind in ("multiple", "order"):
        return list(question.answer)
    if question.kind == "match":
        return dict(question.pairs)
    return format_number(question.value)


def benchmark_cases(tables: dict[str, pd.DataFrame]) -> list[tuple[str, callable]]:
    """Student interactions on one Quiz built from ``tables``: answer and check one question of
    each kind, move an order item, go to the next question."""
    table = tables.get("quiz")
    if table is None or table.empty:
        return []
    quiz = Quiz(quiz=table, tables=tables)
    cases, seen = [], set()
    for qid in quiz.ids:
        q = quiz.questions[qid]
        if q is None or q.kind in seen:
            continue
        seen.add(q.kind)
        response = correct_response(q)

        def answer_and_check(qid=qid, response=response):
            quiz.reset(qid)
            quiz.answer(qid, response)
            return quiz.check(qid)

        cases.append((f"quiz: answer and check ({q.kind})", answer_and_check))
        if q.kind == "order":
            cases.append(("quiz: move an order item", lambda qid=qid: (quiz.reset(qid), quiz.view(qid).move(0, +1))))
    cases.append(("quiz: next question", lambda: quiz.show((quiz.position + 1) % quiz.total)))
    return cases
