"""Lesson 05's claim checker: the claims of a news report of 18 March 2025, checked against the data.

``data/claims.csv`` holds each claim in the editors' words (the report itself is not reproduced), a
verdict, the data rows that are its evidence (``resource:id``), its sources, the reasons and a careful,
attributed version. The pure functions here read that table; :class:`ClaimChecker` is the explorer in
which a student first classifies every claim and then reveals the evidence and the verdict.
"""

from __future__ import annotations

from collections.abc import Mapping

import ipywidgets as w
import pandas as pd

from . import data
from .explorer import Explorer
from .html import Html, details, empty_state, esc, feedback, fmt_day, panel, table

VERDICTS = ("accurate", "imprecise", "misleading", "unsupported by the sources here")
UNSET = "(choose a verdict)"
MEANING = {
    "accurate": "the sources bear it out as stated",
    "imprecise": "right in substance, but a word, a number or whose account it is is wrong or missing",
    "misleading": "it leaves the reader with a false impression",
    "unsupported by the sources here": "this package's sources can neither confirm nor refute it",
}
EVIDENCE_TABLES = ("events", "readouts", "ceasefire_terms", "positions", "votes", "glossary", "parties")


# --------------------------------------------------------------------------- pure functions


def load_claims(directory=None) -> pd.DataFrame:
    """The claims in the order the report makes them."""
    return data.load("claims", directory).sort_values("order")


def parse_evidence(value) -> list[tuple[str, str]]:
    """``"readouts:ro-x;events:ev-y"`` -> ``[("readouts", "ro-x"), ("events", "ev-y")]``."""
    pairs = []
    for ref in data.split_ids(value):
        resource, _, row_id = ref.partition(":")
        pairs.append((resource, row_id))
    return pairs


def _tables(tables: Mapping[str, pd.DataFrame] | None) -> Mapping[str, pd.DataFrame]:
    if tables is not None:
        return tables
    return {name: data.load(name) for name in EVIDENCE_TABLES}


def evidence_problems(claims: pd.DataFrame, tables: Mapping[str, pd.DataFrame] | None = None) -> list[str]:
    """Every evidence reference that points to no table or no row (an empty list when all resolve)."""
    tables = _tables(tables)
    problems = []
    for claim_id, value in zip(claims["id"], claims["evidence"]):
        refs = parse_evidence(value)
        if not refs:
            problems.append(f"{claim_id}: no evidence row")
        for resource, row_id in refs:
            if resource not in tables:
                problems.append(f"{claim_id}: unknown table {resource!r}")
            elif row_id not in set(tables[resource]["id"].astype(str)):
                problems.append(f"{claim_id}: no row {row_id!r} in {resource}")
    return problems


def describe_row(resource: str, row: pd.Series, names: Mapping[str, str] | None = None) -> str:
    """What one evidence row says, in one line (the editors' words and short quotations from the data).
    ``names`` maps party ids to the names shown (``us`` -> "United States")."""
    names = names or {}

    def get(col):
        value = row.get(col)
        if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
            return ""
        return names.get(str(value), str(value)) if col in ("according_to", "party_id") else str(value)

    if resource == "events":
        return f"{get('display_date')}: {get('headline')}. {get('text')}"
    if resource == "readouts":
        wh = get("white_house_wording") or "not mentioned"
        kr = get("kremlin_wording") or "not mentioned"
        return f"{get('topic')}. White House readout: {wh}. Kremlin readout: {kr}. {get('difference')}"
    if resource == "ceasefire_terms":
        return f"{get('element')} (status: {get('status')}; according to: {get('according_to')})"
    if resource == "positions":
        return f"{fmt_day(row.get('date'))}, {get('party_id')}: {get('summary')}"
    if resource == "votes":
        share = f", {get('share_pct')} % of {get('share_base')}" if get("share_pct") else ""
        return f"{get('title')} ({fmt_day(row.get('date'))}), {get('area')}: {get('option')} {get('count')}{share}"
    if resource == "glossary":
        return f"{get('term')}: {get('definition')}"
    return "; ".join(f"{k}: {v}" for k, v in row.items() if k != "id" and str(v) not in ("", "nan", "<NA>"))


#: The evidence table's columns: where in the package's data, in words, and what the row says.
EVIDENCE_COLUMNS = ["where in the data", "what the row says"]


def evidence_rows(claim: pd.Series, tables: Mapping[str, pd.DataFrame] | None = None) -> pd.DataFrame:
    """The claim's evidence as a table: which of the package's tables (in words, never a row id) and what
    the row says."""
    from .quiz.feedback import TABLE_NAMES

    tables = _tables(tables)
    parties = tables.get("parties")
    names = dict(zip(parties["id"].astype(str), parties["short_name"].astype(str))) if parties is not None else {}
    out = []
    for resource, row_id in parse_evidence(claim["evidence"]):
        where = TABLE_NAMES.get(resource, f"the {resource.replace('_', ' ')} table")
        where = where[:1].upper() + where[1:]
        frame = tables.get(resource)
        if frame is None or row_id not in set(frame["id"].astype(str)):
            out.append(dict(zip(EVIDENCE_COLUMNS, (where, "(missing from the data)"))))
            continue
        row = frame[frame["id"].astype(str) == row_id].iloc[0]
        out.append(dict(zip(EVIDENCE_COLUMNS, (where, describe_row(resource, row, names)))))
    return pd.DataFrame(out, columns=EVIDENCE_COLUMNS)


def evidence_table(claim_id: str, claims: pd.DataFrame | None = None, tables=None) -> Html:
    """One claim's evidence rows as a table (no verdict), for an exercise."""
    claims = load_claims() if claims is None else claims
    match = claims[claims["id"] == claim_id]
    if match.empty:
        return empty_state(f"No claim {claim_id!r}.", "The claims are listed by claims.claims_table().")
    return table(evidence_rows(match.iloc[0], tables), caption=f"The evidence for claim {match.iloc[0]['order']}")


def compare(answers: Mapping[str, str], claims: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: the student's verdict, the package's verdict and whether they match."""
    rows = []
    for claim in claims.itertuples():
        mine = answers.get(claim.id) or ""
        mine = "" if mine == UNSET else mine
        rows.append(
            {
                "claim": claim.id,
                "topic": claim.topic,
                "your verdict": mine,
                "verdict": str(claim.verdict),
                "match": bool(mine) and mine == str(claim.verdict),
            }
        )
    return pd.DataFrame(rows, columns=["claim", "topic", "your verdict", "verdict", "match"])


def score(answers: Mapping[str, str], claims: pd.DataFrame) -> tuple[int, int, int]:
    """(matching, answered, total)."""
    table_ = compare(answers, claims)
    return int(table_["match"].sum()), int((table_["your verdict"] != "").sum()), len(table_)


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """How many claims have each verdict (every verdict listed, zeros included)."""
    counts = claims["verdict"].astype(str).value_counts()
    return pd.DataFrame(
        {
            "verdict": list(VERDICTS),
            "claims": [int(counts.get(v, 0)) for v in VERDICTS],
            "meaning": [MEANING[v] for v in VERDICTS],
        }
    )


def claims_table(claims: pd.DataFrame) -> Html:
    """The claims as a student sees them before checking: number, topic, claim (no verdicts)."""
    shown = claims[["order", "topic", "claim"]].rename(columns={"order": "#"})
    return table(shown, caption="Claims of a news report of 18 March 2025, in our words")


def reveal(claim: pd.Series, answer: str = "", tables=None, sources=None) -> Html:
    """The verdict with its reasons, the careful version, the evidence rows and the sources."""
    verdict = str(claim["verdict"])
    if answer and answer != UNSET:
        same = answer == verdict
        mark = feedback(
            "ok" if same else "wrong",
            f"{'Same verdict' if same else 'A different verdict'}: you said {answer}; the package says {verdict}.",
        )
    else:
        mark = feedback("partial", f"You gave no verdict; the package says {verdict}.")
    body = details(
        f"Why: {verdict}",
        [
            ("Verdict", f"{verdict} ({MEANING[verdict]})"),
            ("Why", claim["why"]),
            ("A careful version", claim["careful_version"]),
        ],
        source_ids=claim["source_ids"],
        sources=sources,
    )
    evidence = table(evidence_rows(claim, tables), caption="The evidence: rows of this package's data")
    return mark + body + evidence


def answer_key(claims: pd.DataFrame) -> pd.DataFrame:
    """The teacher's key: claim, verdict, why."""
    return claims[["order", "topic", "claim", "verdict", "why"]].rename(columns={"order": "#"}).reset_index(drop=True)


# --------------------------------------------------------------------------- the explorer


class ClaimChecker(Explorer):
    """Classify every claim with its dropdown, then press *Show the evidence* to compare with the verdict.

    Drive it from Python (tests do): ``classify(claim_id, verdict)``, ``select(claim_id)`` (reveal one),
    ``reveal_all()``, ``reset()``; read ``answers``, ``revealed`` and ``score``.
    """

    def __init__(
        self,
        claims: pd.DataFrame | None = None,
        tables: Mapping[str, pd.DataFrame] | None = None,
        sources: pd.DataFrame | None = None,
    ):
        super().__init__(summary="Claim checker: classify each claim, then see the evidence")
        self.claims = load_claims() if claims is None else claims
        self.tables = _tables(tables) if len(self.claims) else {}
        self.sources = sources
        self.choices: dict[str, w.Dropdown] = {}
        self.toggles: dict[str, w.ToggleButton] = {}
        self.panels: dict[str, w.HTML] = {}
        # for redrawing one claim at a time: each claim's row, the claim each control belongs to, the claims
        # changed since the last refresh (all, at first) and each (claim, verdict)'s panel, built once
        self._rows = {row["id"]: row for _, row in self.claims.iterrows()}
        self._claim_of: dict[int, str] = {}
        self._dirty = set(self._rows)
        self._revealed_html: dict[tuple[str, str], str] = {}
        rows = []
        for claim in self.claims.itertuples():
            choice = w.Dropdown(
                options=[UNSET, *VERDICTS],
                value=UNSET,
                description="Your verdict",
                style={"description_width": "initial"},
                layout=w.Layout(width="auto"),
            )
            toggle = w.ToggleButton(
                value=False,
                description="Show the evidence",
                icon="search",
                tooltip="Reveal the evidence and the verdict",
                layout=w.Layout(width="auto"),
            )
            self.choices[claim.id], self.toggles[claim.id] = self.watch(choice), self.watch(toggle)
            self._claim_of.update({id(choice): claim.id, id(toggle): claim.id})
            self.panels[claim.id] = self.html_panel()
            label = w.HTML(
                str(
                    Html(
                        f"<p><b>{esc(claim.order)}. {esc(claim.topic)}</b>: a news report of "
                        f"18 March 2025 says, in our words, that {esc(_lower_first(claim.claim))}</p>"
                    )
                )
            )
            rows.append(
                w.VBox(
                    [label, w.HBox([choice, toggle], layout=w.Layout(flex_flow="row wrap")), self.panels[claim.id]],
                    layout=w.Layout(margin="0 0 8px 0"),
                )
            )
        self.score_panel = self.html_panel()
        self.reveal_all_button = w.Button(
            description="Show all the evidence", icon="eye", layout=w.Layout(width="auto")
        )
        self.reveal_all_button.on_click(lambda _b: self.reveal_all())
        top = w.HBox(
            [self.score_panel, self.reveal_all_button, self.reset_button],
            layout=w.Layout(align_items="center", flex_flow="row wrap"),
        )
        if not rows:
            self.set_children(w.HTML(str(empty_state("There are no claims to check."))))
        else:
            self.set_children(top, *rows)
        self.refresh()

    # -- reading the controls ----------------------------------------------------------------------
    @property
    def answers(self) -> dict[str, str]:
        return {cid: ("" if c.value == UNSET else c.value) for cid, c in self.choices.items()}

    @property
    def revealed(self) -> list[str]:
        return [cid for cid, t in self.toggles.items() if t.value]

    @property
    def score(self) -> tuple[int, int, int]:
        revealed = set(self.revealed)  # once, not once per claim
        shown = {cid: a for cid, a in self.answers.items() if cid in revealed}
        right, _, _ = score(shown, self.claims)
        return right, len(revealed), len(self.claims)

    # -- acting --------------------------------------------------------------------------------------
    def classify(self, claim_id: str, verdict: str) -> None:
        if verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}")
        if claim_id not in self.choices:
            raise KeyError(f"no claim {claim_id!r}")
        self.choices[claim_id].value = verdict

    def select(self, claim_id) -> bool:
        """Reveal one claim's evidence and verdict. An unknown id (or anything not an id) changes nothing and
        returns False, as a click on nothing would."""
        toggle = self.toggles.get(claim_id) if isinstance(claim_id, str) else None
        if toggle is None:
            return False
        toggle.value = True
        return True

    def reveal_all(self) -> None:
        with self.quiet():
            for toggle in self.toggles.values():
                toggle.value = True

    def _changed(self, change=None) -> None:
        """Note which claim a control belongs to, so that :meth:`refresh` redraws that claim alone."""
        owner = change.get("owner") if isinstance(change, dict) else getattr(change, "owner", None)
        claim_id = self._claim_of.get(id(owner))
        if claim_id is not None:
            self._dirty.add(claim_id)
        super()._changed(change)

    def refresh(self) -> None:
        # a claim's panel is built once per (claim, verdict) and kept, and only the claims whose controls
        # changed since the last refresh are redrawn: one click costs one panel, not the whole list
        dirty, self._dirty = self._dirty, set()
        for claim_id in [c for c in self._rows if c in dirty]:
            row = self._rows[claim_id]
            choice, toggle, out = self.choices[claim_id], self.toggles[claim_id], self.panels[claim_id]
            if toggle.value:
                key = (claim_id, choice.value)
                if key not in self._revealed_html:
                    self._revealed_html[key] = str(panel(reveal(row, choice.value, self.tables, self.sources)))
                out.value = self._revealed_html[key]
            else:
                out.value = ""
            choice.disabled = toggle.value  # a verdict is fixed once the evidence is seen
            toggle.description = "Evidence shown" if toggle.value else "Show the evidence"
        right, shown, total = self.score if len(self.claims) else (0, 0, 0)
        answered = sum(1 for a in self.answers.values() if a)
        self.score_panel.value = (
            f"<span class='lessons-muted'>Classified {answered} of {total}; evidence shown for "
            f"{shown}; your verdict matches on {right} of those.</span>"
        )


def _lower_first(text: str) -> str:
    text = str(text).rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text.split()[0] not in _PROPER:
        return text[0].lower() + text[1:] + "."
    return text + "."


_PROPER = {"Putin", "Putin's", "Trump", "Crimea", "Crimea,", "Russia", "Russian"}
