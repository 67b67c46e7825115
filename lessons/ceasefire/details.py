"""The details panel of one ceasefire term (an element as one account tells it) or one follow-up event:
what it is, whose account or claim, the dates, the quotation, how accounts differ, and its sources."""

from __future__ import annotations

import pandas as pd

from .. import data
from ..html import Html, details, fmt_day, quote
from ..style import CATEGORY_LABELS
from .tables import SCOPE_LABELS, STATUS_LABELS, _names, _window_text


def term_html(row, parties=None, sources=None) -> Html:
    names = _names(parties)
    who = lambda ids: ", ".join(names.get(i, i) for i in data.split_ids(ids))  # noqa: E731
    account = names.get(str(row["according_to"]), str(row["according_to"]))
    scope = row.get("scope")
    rows = [
        ("Status", STATUS_LABELS.get(str(row["status"]), row["status"])),
        ("According to", account),
        ("About", SCOPE_LABELS.get(str(scope), str(scope).replace("-", " ")) if pd.notna(scope) else ""),
        ("Proposed by", who(row.get("proposed_by"))),
        ("Accepted by", who(row.get("accepted_by"))),
        ("Announced", fmt_day(row.get("announced_date"))),
        ("Dates", _window_text(row)),
        ("Quotation", quote(row.get("quote"), f"According to {account}, {fmt_day(row.get('announced_date'))}")),
        ("How accounts differ", row.get("note")),
    ]
    return details(str(row["element"]), rows, row.get("source_ids") or (), sources)


def event_html(row, parties=None, sources=None) -> Html:
    names = _names(parties)
    claim = row.get("claimed_by") or ""
    rows = [
        ("Date", row.get("display_date")),
        ("Who says so", names.get(claim, claim)),
        ("Category", CATEGORY_LABELS.get(str(row.get("category")), row.get("category"))),
        ("What happened", row.get("text")),
        ("Where accounts differ", row.get("note")),
    ]
    return details(str(row["headline"]), rows, row.get("source_ids") or (), sources)
