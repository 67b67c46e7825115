"""What the positions grid is made of: the issues, their propositions and headings, the stance marks,
and the pure functions that pick each party's latest statement per issue.

A stance is always toward an issue's *proposition* (:data:`ISSUE_PROPOSITIONS`): "supports" means
"supports the proposition". :func:`positions_matrix` gives one row per cell; :func:`statements` lists
the statements behind one cell. The grid (:mod:`.grid`), the HTML panels (:mod:`.panels`) and the
explorer (:mod:`.explorer`) all read from here.
"""

from __future__ import annotations

import pandas as pd

from .. import data

#: The issues in the order of datapackage.json, with labels for figures and controls.
ISSUE_LABELS = {
    "ceasefire-scope": "Scope of the ceasefire",
    "weapons-and-intelligence": "Weapons and intelligence for Ukraine",
    "crimea-status": "Status of Crimea",
    "europe-at-the-table": "Europe at the table",
    "sanctions": "Sanctions on Russia",
    "territory": "Territory",
    "security-guarantees-nato": "Security guarantees and NATO",
    "prisoners-humanitarian": "Prisoners and humanitarian steps",
}
ISSUE_ORDER = list(ISSUE_LABELS)

#: What a stance is measured against, per issue (the ``issue`` field of datapackage.json).
ISSUE_PROPOSITIONS = {
    "ceasefire-scope": "an immediate, full 30-day ceasefire",
    "weapons-and-intelligence": "halting weapons deliveries and intelligence to Ukraine",
    "crimea-status": "recognising Crimea as Russian",
    "europe-at-the-table": "Europe taking part in the negotiations",
    "sanctions": "easing sanctions on Russia",
    "territory": "Ukraine giving up territory",
    "security-guarantees-nato": "security guarantees for Ukraine / NATO membership",
    "prisoners-humanitarian": "prisoner exchanges and humanitarian steps",
}
#: The column headings of the grid: the proposition itself, short, since a cell is a stance toward it.
ISSUE_HEADINGS = {
    "ceasefire-scope": "A full 30-day ceasefire now",
    "weapons-and-intelligence": "Halting weapons and intelligence for Ukraine",
    "crimea-status": "Recognising Crimea as Russian",
    "europe-at-the-table": "Europe in the talks",
    "sanctions": "Easing sanctions on Russia",
    "territory": "Ukraine giving up territory",
    "security-guarantees-nato": "Security guarantees / NATO for Ukraine",
    "prisoners-humanitarian": "Prisoner exchanges, humanitarian steps",
}
#: A text cue in every cell, so a stance never rests on colour alone (the same mark as in the key).
STANCE_MARKS = {"supports": "+", "conditional": "+?", "mixed": "±", "opposes": "−", "no-position": "0"}
_MARK_INK = {"supports": "#ffffff", "opposes": "#000000"}  # 4.5:1 or more on each swatch; dark ink on the rest

_NO_STATEMENT = "No statement recorded"


def issue_label(issue) -> str:
    return ISSUE_LABELS.get(issue, str(issue))


_party_names = data.party_names  # party id -> short name, the one join every explorer uses


def _party_order(positions: pd.DataFrame, parties: pd.DataFrame | None) -> list[str]:
    """Parties that hold positions, in the order of the parties table (then by id)."""
    present = set(positions["party_id"].astype(str))
    listed = [] if parties is None else [p for p in dict.fromkeys(parties["id"].astype(str)) if p in present]
    return listed + sorted(present - set(listed))


def positions_matrix(positions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per party and issue: the latest statement's stance, date, summary, quote,
    speaker, id and sources, plus ``statements`` (how many statements the cell holds).

    Ties on the date are broken by position id, so the result is deterministic.
    """
    positions = data.load("positions") if positions is None else positions
    columns = ["party_id", "issue", "stance", "date", "summary", "quote", "speaker", "id", "source_ids", "statements"]
    if positions.empty:
        return pd.DataFrame(columns=columns)
    frame = positions.reset_index(drop=True).assign(
        issue=lambda f: f["issue"].astype(str), party_id=lambda f: f["party_id"].astype(str)
    )
    frame = frame.sort_values(["party_id", "issue", "date", "id"], kind="stable")
    latest = frame.groupby(["party_id", "issue"], sort=False).tail(1)
    counts = frame.groupby(["party_id", "issue"], sort=False).size().rename("statements")
    out = latest.join(counts, on=["party_id", "issue"])
    out["stance"] = out["stance"].astype(str)
    out["_issue"] = out["issue"].map({k: i for i, k in enumerate(ISSUE_ORDER)}).fillna(len(ISSUE_ORDER))
    out = out.sort_values(["party_id", "_issue", "issue"], kind="stable")
    return out[columns].reset_index(drop=True)


def statements(positions: pd.DataFrame, party, issue) -> pd.DataFrame:
    """All statements of ``party`` on ``issue``, oldest first (empty if there are none)."""
    if positions is None or positions.empty or party is None or issue is None:
        return pd.DataFrame(columns=[] if positions is None else positions.columns)
    mask = (positions["party_id"].astype(str) == str(party)) & (positions["issue"].astype(str) == str(issue))
    return positions[mask].reset_index(drop=True).sort_values(["date", "id"], kind="stable")
