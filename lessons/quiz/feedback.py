"""What a student reads after *Check*, and the teacher's answer key, as :class:`lessons.html.Html` objects.

- :func:`proof_html`: the explanation, the data row that proves the answer (in words, no internal ids or
  ISO dates) and its citations;
- :func:`feedback_html`: the verdict and what was right or wrong; the answer and its proof only once
  the question is finished (right, or the last try used);
- :func:`summary_html`: the end-of-quiz summary, with the questions to look at again and the lesson
  section each one comes from;
- :func:`answer_key` / :func:`answer_key_html`: one row per question with its answer and proof.

Styling is the shared stylesheet's classes only (``lessons-ok``, ``lessons-partial``, ``lessons-wrong``,
``lessons-empty``, ``lessons-muted``), readable in the light and the dark theme.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Mapping

import numpy as np
import pandas as pd

from .. import data
from .. import html as h
from ..style import STANCE_LABELS
from .questions import Question, QuizError, Result, format_number, parse_question, split_ids, text

#: The fields of a proving row shown to students, per resource (others: every filled field but ids).
PROOF_FIELDS = {
    "events": ["display_date", "headline", "text", "note"],
    "votes": ["title", "date", "area", "option", "count", "share_pct", "share_base", "figure_status", "note"],
    "census": ["year", "area", "group", "count", "share_pct", "note"],
    "readouts": [
        "topic",
        "in_white_house",
        "in_kremlin",
        "white_house_wording",
        "kremlin_wording",
        "difference",
        "afterwards",
    ],
    "ceasefire_terms": [
        "element",
        "scope",
        "status",
        "proposed_by",
        "accepted_by",
        "according_to",
        "announced_date",
        "start_date",
        "end_date",
        "duration_days",
        "quote",
        "note",
    ],
    "positions": ["party_id", "issue", "date", "stance", "speaker", "summary", "quote"],
    "glossary": ["term", "definition"],
    "party_terms": ["concept_id", "party_id", "term", "original", "note"],
    "places": [
        "name_en",
        "name_uk",
        "name_ru",
        "name_crh",
        "country",
        "controlled_by",
        "control_since",
        "control_note",
    ],
    "parties": ["name", "kind", "note"],
    "control_history": ["label", "status", "controlled_by", "valid_from", "valid_to", "note"],
}
LABELS = {
    "share_pct": "Share (%)",
    "in_white_house": "In the White House readout",
    "in_kremlin": "In the Kremlin readout",
    "white_house_wording": "White House wording",
    "kremlin_wording": "Kremlin wording",
    "party_id": "Party",
    "according_to": "According to",
    "proposed_by": "Proposed by",
    "accepted_by": "Accepted by",
    "duration_days": "Duration (days)",
    "display_date": "Date",
    "name_en": "English",
    "name_uk": "Ukrainian",
    "name_ru": "Russian",
    "name_crh": "Crimean Tatar",
    "figure_status": "Figure status",
    "share_base": "Share of",
    "concept_id": "Concept",
    "label": "Who controls it (as the map says)",
    "valid_from": "From",
    "valid_to": "No longer from",
}
#: What each table is, in words (the proof names the table, not its internal row id).
TABLE_NAMES = {
    "events": "the timeline of events",
    "votes": "the table of vote results",
    "census": "the census table",
    "readouts": "the aligned readouts of the call",
    "ceasefire_terms": "the table of ceasefire terms",
    "positions": "the table of positions",
    "glossary": "the glossary",
    "party_terms": "the parties' own terms",
    "places": "the gazetteer of places",
    "parties": "the table of parties",
    "control_history": "the dated control history the map draws",
}
#: Where in each lesson a question's proof table is taught (the summary points back there).
SECTIONS = {
    ("01", "readouts"): "Read the two readouts side by side",
    ("01", "events"): "Place the call in its weeks",
    ("02", "ceasefire_terms"): "Explore the terms yourself",
    ("02", "events"): "See what happened next",
    ("03", "events"): "Follow twenty-four years on a timeline",
    ("03", "votes"): "Read the votes of 1991 with their base",
    ("03", "census"): "See who lived in Crimea",
    ("04", "positions"): "See the whole grid",
}
#: Questions taught in another section than their table's usual one.
SECTION_OF = {
    "qz-01-prisoner-numbers": "Find what only one side reports",
    "qz-02-wounded-accounts": "Follow the prisoner exchange",
    "qz-02-start-dates": "Read the 30-day window on a calendar",
    "qz-03-2014-ballot": "Read the vote of 16 March 2014 with its sources",
    "qz-03-sevastopol-numbers": "Read the vote of 16 March 2014 with its sources",
    "qz-03-turnout-claims": "Read the vote of 16 March 2014 with its sources",
    "qz-03-unga-against": "Name what happened, in each party's words",
    "qz-04-crimea-stay": "Compare two parties in their own words",
    "qz-04-axios-truth-social": "Compare two parties in their own words",
    "qz-04-crimea-is-ukraine": "Compare two parties in their own words",
}
_PARTY_FIELDS = {"party_id", "according_to", "proposed_by", "accepted_by", "actors", "controlled_by"}
_SLUG_FIELDS = {"status", "scope", "share_base", "figure_status", "option", "issue", "kind", "stance", "concept_id"}
VERDICTS = {"right": ("ok", "✔ Correct"), "partly": ("partial", "◐ Partly right"), "wrong": ("wrong", "✘ Not quite")}


def section_of(question: Question) -> str:
    """The heading of the lesson section a question comes from ('' when unknown)."""
    resource = question.proof.partition(":")[0]
    return SECTION_OF.get(question.id) or SECTIONS.get((question.lesson, resource), "")


def anchor(heading: str) -> str:
    """JupyterLab's anchor for a markdown heading: spaces become '-'."""
    return "#" + heading.replace(" ", "-")


# --------------------------------------------------------------------------- the proving row


def _show(value, column: str, parties: pd.DataFrame | None) -> str:
    """One cell as a student reads it ('' when empty): dates in words, slugs as words, party names."""
    if isinstance(value, tuple):
        return ", ".join(p for p in (_show(v, column, parties) for v in value) if p)
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return "yes" if value else "no"
    if isinstance(value, (pd.Timestamp, dt.date)):
        return h.fmt_day(value)
    if isinstance(value, numbers.Integral):
        return str(int(value)) if column in ("year", "order") else format_number(value)
    if isinstance(value, numbers.Real):
        return format_number(value)
    cell = str(value)
    if column in _PARTY_FIELDS:
        ids = split_ids(cell)
        if parties is not None and ids and all(i in parties.index for i in ids):
            return ", ".join(str(parties.loc[i, "short_name"]) for i in ids)
    if cell in ("True", "False") and column.startswith("in_"):
        return "yes" if cell == "True" else "no"
    if column == "stance":
        return STANCE_LABELS.get(cell, cell)
    if column in _SLUG_FIELDS and " " not in cell:
        return cell.replace("-", " ").capitalize()
    return cell


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


def table_of(tables: Mapping | None, name: str) -> pd.DataFrame | None:
    """A table from ``tables``; with ``tables=None`` from :func:`lessons.data.load`."""
    if tables is not None:
        return tables.get(name)
    try:
        return data.load(name)
    except (KeyError, data.DataError, OSError):
        return None


def resolve_proof(proof: str, tables: Mapping | None = None) -> tuple[str, str, pd.Series | None]:
    """``'events:ev-x'`` -> ``('events', 'ev-x', row or None)``."""
    resource, _, row_id = text(proof).partition(":")
    table = table_of(tables, resource) if resource and row_id else None
    return resource, row_id, (find_row(table, row_id) if table is not None else None)


def _citations(source_ids, tables: Mapping | None) -> h.Html:
    sources = table_of(tables, "sources")
    if sources is None:
        ids = split_ids(source_ids)
        if not ids:
            return h.empty_state("No source is recorded for this item.")
        return h.Html("<ol class='lessons-sources'>" + "".join(f"<li>{h.esc(i)}</li>" for i in ids) + "</ol>")
    return h.citations(source_ids, sources)


def proof_rows(resource: str, row: pd.Series, tables: Mapping | None) -> list[tuple[str, str]]:
    """(label, shown value) for the fields of a proving row a student should read."""
    parties = table_of(tables, "parties") if any(c in _PARTY_FIELDS for c in row.index) else None
    columns = PROOF_FIELDS.get(resource) or [c for c in row.index if c not in ("id", "source_ids")]
    rows = []
    for column in columns:
        if column in row.index:
            shown = _show(row[column], column, parties)
            if shown:
                rows.append((LABELS.get(column, column.replace("_", " ").capitalize()), shown))
    return rows


def proof_html(question: Question, tables: Mapping | None = None) -> h.Html:
    """The explanation, the data row that proves the answer (its key fields, escaped) and the citations
    of that row (plus any further sources the question itself cites)."""
    explanation = (
        f"<p class='lessons-quiz-explanation'>{h.esc(question.explanation)}</p>" if question.explanation else ""
    )
    resource, row_id, row = resolve_proof(question.proof, tables)
    if row is None:
        missing = h.empty_state(
            f"The data row {question.proof or '(none)'} that should prove this answer was not found.",
            "Tell your teacher: the quiz and the data are out of step.",
        )
        return h.Html(
            f"<div class='lessons-quiz-proof'>{explanation}{missing}"
            f"<div><b>Sources</b>{_citations(question.source_ids, tables)}</div></div>"
        )
    ids = list(dict.fromkeys(split_ids(row.get("source_ids")) + tuple(question.source_ids)))
    body = "".join(
        f"<tr><th scope='row'>{h.esc(k)}</th><td>{h.esc(v)}</td></tr>" for k, v in proof_rows(resource, row, tables)
    )
    where = TABLE_NAMES.get(resource, f"the {resource.replace('_', ' ')} table")
    return h.Html(
        f"<div class='lessons-quiz-proof' data-proof='{h.esc(question.proof)}'>{explanation}"
        f"<div><b>The data row that proves it</b> <span class='lessons-muted'>(from {h.esc(where)})"
        f"</span></div><table class='lessons-quiz-row'>{body}</table>"
        f"<div><b>Sources</b>{_citations(';'.join(ids), tables)}</div></div>"
    )


# --------------------------------------------------------------------------- feedback


def feedback_html(question: Question, result: Result, tables: Mapping | None = None, *, tries_left: int = 0) -> h.Html:
    """The box shown after *Check*. With ``tries_left`` a wrong or partly right answer gets another try and
    nothing gives the answer away; otherwise the answer, the explanation and the proof are shown."""
    if not result.answered:
        return h.Html(
            f"<div class='lessons-empty lessons-quiz-feedback' role='status' data-mark='unanswered'>"
            f"{h.esc(result.feedback)}</div>"
        )
    verdict, title = VERDICTS[result.mark]
    if not result.correct and tries_left:
        again = "Try once more." if tries_left == 1 else f"You have {tries_left} more tries."
        return h.Html(
            f"<div class='lessons-{verdict} lessons-quiz-feedback' role='status' data-mark='{result.mark}'"
            f" data-final='false'><b>{title}</b> <span>{h.esc(result.feedback)}</span> <b>{again}</b> "
            f"<span class='lessons-muted'>The answer is shown after your last try.</span></div>"
        )
    answer = (
        ""
        if result.correct
        else (f"<div class='lessons-quiz-answer'><b>The answer:</b> {h.esc(question.correct_text())}</div>")
    )
    return h.Html(
        f"<div class='lessons-{verdict} lessons-quiz-feedback' role='status' data-mark='{result.mark}'"
        f" data-final='true'><b>{title}</b> <span>{h.esc(result.feedback)}</span>{answer}"
        f"{proof_html(question, tables)}</div>"
    )


def score_text(right: int, total: int) -> str:
    """'4 of 8'."""
    return f"{right} of {total}"


def summary_html(questions: list[Question], results: Mapping[str, Result], lesson=None) -> h.Html:
    """The end-of-quiz summary: the score, and each question not fully right with the section to re-read."""
    right = sum(1 for q in questions if results.get(q.id) and results[q.id].correct)
    again = [q for q in questions if not (results.get(q.id) and results[q.id].correct)]
    head = f"<h4>Your result: {score_text(right, len(questions))} right</h4>"
    if not again:
        return h.Html(
            f"<div class='lessons-ok lessons-quiz-summary' role='status'>{head}"
            "<p>Every answer is right. Well done.</p></div>"
        )
    items = []
    for q in again:
        number = questions.index(q) + 1
        mark = VERDICTS.get(results[q.id].mark, ("", "Not answered"))[1] if q.id in results else "Not answered"
        section = section_of(q)
        where = (
            (
                f" Look again at <a href='{h.esc(anchor(section))}'>“{h.esc(section)}”</a>"
                + (f" in lesson {h.esc(lesson)}." if lesson else ".")
            )
            if section
            else ""
        )
        items.append(f"<li><b>Question {number}</b> ({h.esc(mark)}): {h.esc(q.prompt)}{where}</li>")
    return h.Html(
        f"<div class='lessons-partial lessons-quiz-summary' role='status'>{head}"
        f"<p>To look at again:</p><ol class='lessons-quiz-again'>{''.join(items)}</ol></div>"
    )


# --------------------------------------------------------------------------- answer key


def select(quiz_table: pd.DataFrame, lesson=None) -> pd.DataFrame:
    if lesson is None or quiz_table.empty:
        return quiz_table
    return quiz_table[quiz_table["lesson"].astype(str) == str(lesson)]


def answer_key(quiz_table: pd.DataFrame, lesson=None) -> pd.DataFrame:
    """The teacher's answer key: one row per question (lesson, id, kind, question, correct answer,
    explanation, proof, sources). Rows that cannot be read say why in the answer column."""
    records = []
    for _, row in select(quiz_table, lesson).iterrows():
        try:
            answer = parse_question(row).correct_text()
        except QuizError as err:
            answer = f"(cannot be read: {err})"
        records.append(
            {
                "lesson": text(row.get("lesson")),
                "id": text(row.get("id")),
                "kind": text(row.get("kind")),
                "question": text(row.get("prompt")),
                "correct answer": answer,
                "explanation": text(row.get("explanation")),
                "proof": text(row.get("proof")),
                "sources": "; ".join(split_ids(row.get("source_ids"))),
            }
        )
    columns = ["lesson", "id", "kind", "question", "correct answer", "explanation", "proof", "sources"]
    return pd.DataFrame(records, columns=columns)


def answer_key_html(quiz_table: pd.DataFrame, lesson=None) -> h.Html:
    """The answer key as an accessible, escaped HTML table (or an empty state)."""
    key = answer_key(quiz_table, lesson)
    if key.empty:
        where = f" for lesson {lesson}" if lesson is not None else ""
        return h.empty_state(f"There are no quiz questions{where}.")
    caption = "Answer key" + (f", lesson {lesson}" if lesson is not None else "")
    return h.table(key, caption=caption, max_rows=max(200, len(key)))
