"""The student interactions each explorer is timed on (``python -m lessons.dev.bench``).

One function per explorer: it builds the explorer once from ``tables`` (curated or synthetic, as
:mod:`lessons.synthetic` makes them) and returns named callables, one interaction each. Each
function is self-contained: it imports only its own explorer.
"""

from __future__ import annotations


def quiz(tables) -> dict:
    """Answer and check one question of each kind, a wrong first try, move an order item, go to the next
    question, and a long typed number (which must be refused at once)."""
    from lessons.quiz import Quiz

    table = tables.get("quiz")
    if table is None or table.empty:
        return {}
    ex = Quiz(quiz=table, tables=tables)
    cases, seen = {}, set()
    for qid in ex.ids:
        question = ex.questions[qid]
        if question is None or question.kind in seen:
            continue
        seen.add(question.kind)

        def answer_and_check(qid=qid, response=question.correct_response()):
            ex.reset(qid)
            ex.answer(qid, response)
            if question.kind == "order":
                ex.view(qid).touched = True
            return ex.check(qid)

        cases[f"quiz: answer and check ({question.kind})"] = answer_and_check
        if question.kind == "order":
            cases["quiz: move an order item"] = lambda qid=qid: (ex.reset(qid), ex.view(qid).move(0, +1))
        if question.kind == "numeric":
            cases["quiz: wrong first try (numeric)"] = lambda qid=qid: (ex.reset(qid), ex.answer(qid, "-1"),
                                                                        ex.check(qid))
            cases["quiz: 100,000-character number"] = lambda qid=qid: (ex.reset(qid), ex.answer(qid, "1" * 100_000),
                                                                       ex.check(qid))
    cases["quiz: next question"] = lambda: ex.show((ex.position + 1) % ex.total)
    return cases
