"""Tests for lesson 05's claims table and the claim-checker explorer."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import SCRIPT, fake_source

from lessons import claims as cl
from lessons import data

ROOT = Path(__file__).resolve().parent.parent
typed = data.typed_frame


@pytest.fixture(scope="module")
def real():
    return cl.load_claims()


# --------------------------------------------------------------------------- the data


def test_claims_table_is_declared_and_loads(real):
    assert "claims" in data.package().tables
    assert len(real) >= 12
    assert list(real["order"]) == sorted(real["order"])


def test_every_verdict_is_one_of_the_four(real):
    assert set(real["verdict"].astype(str)) <= set(cl.VERDICTS)


def test_every_verdict_is_used_at_least_once(real):
    assert set(real["verdict"].astype(str)) == set(cl.VERDICTS)


def test_every_evidence_id_exists(real):
    assert cl.evidence_problems(real) == []


def test_every_claim_has_evidence_sources_reasons_and_a_careful_version(real):
    for claim in real.itertuples():
        assert cl.parse_evidence(claim.evidence), claim.id
        assert claim.source_ids, claim.id
        assert len(str(claim.why)) > 40, claim.id
        assert str(claim.careful_version).strip(), claim.id


def test_the_lesson_material_is_there(real):
    """The slips the issue names are all among the claims, with the verdicts the sources support."""
    verdict = dict(zip(real["id"], real["verdict"].astype(str)))
    assert verdict["cl-g8"] == "imprecise"
    assert verdict["cl-wounded-prisoners"] == "imprecise"
    assert verdict["cl-thirty-days"] == "misleading"
    assert verdict["cl-call-length"] == "imprecise"
    assert verdict["cl-weapons-condition"] == "imprecise"
    assert verdict["cl-in-the-room"] == "unsupported by the sources here"
    assert sum(v == "accurate" for v in verdict.values()) >= 3


def test_evidence_rows_say_what_the_sources_say(real):
    """Spot-check numbers against the rows: 23 promised, 22 handed over; the G7 'suspended' participation."""
    prisoners = cl.evidence_rows(real.set_index("id", drop=False).loc["cl-wounded-prisoners"])
    text = " ".join(prisoners["what the row says"])
    assert "23" in text and "22" in text
    g8 = cl.evidence_rows(real.set_index("id", drop=False).loc["cl-g8"])
    assert "suspend" in " ".join(g8["what the row says"]).lower()


def test_evidence_tables_name_the_data_in_words_never_by_row_id(real):
    """Students read the evidence: the table is named in words and no internal row id is shown."""
    for _, claim in real.iterrows():
        rows = cl.evidence_rows(claim)
        assert list(rows.columns) == ["where in the data", "what the row says"]
        shown = " ".join(rows.astype(str).to_numpy().ravel())
        assert not re.search(r"\b(?:ro|ct|ev|po|vo|gl|pl)-[a-z0-9]+-[a-z0-9-]+", shown), (claim["id"], shown[:200])
        assert all(w[:1].isupper() for w in rows["where in the data"])


def test_claims_paraphrase_and_never_copy_the_report(real):
    """No claim reproduces a run of eight or more words of the report (kept outside the project).
    Marked quotations of official statements (which the report quotes too) are allowed."""
    report = Path("/work/shared/coverage-example.md")
    if not report.exists():
        pytest.skip("the report is not on this machine")
    words = re.findall(r"[a-z0-9']+", report.read_text(encoding="utf-8").lower())
    grams = {tuple(words[i : i + 8]) for i in range(len(words) - 7)}
    for col in ("claim", "why", "careful_version"):
        for claim_id, text in zip(real["id"], real[col]):
            unquoted = re.sub(r'"[^"]*"', " ", str(text))
            mine = re.findall(r"[a-z0-9']+", unquoted.lower())
            for i in range(len(mine) - 7):
                assert tuple(mine[i : i + 8]) not in grams, (claim_id, col, " ".join(mine[i : i + 8]))


def test_unknown_evidence_is_reported():
    claims = pd.DataFrame({"id": ["cl-x", "cl-y", "cl-z"], "evidence": ["events:ev-missing", "nowhere:row-1", ""]})
    tables = {"events": pd.DataFrame({"id": ["ev-real"]})}
    problems = cl.evidence_problems(claims, tables)
    assert any("ev-missing" in p for p in problems)
    assert any("nowhere" in p for p in problems)
    assert any("cl-z" in p and "no evidence" in p for p in problems)


# --------------------------------------------------------------------------- pure functions


def test_score_counts_matches_and_ignores_unset(real):
    first, second = real["id"].iloc[0], real["id"].iloc[1]
    answers = {first: str(real["verdict"].iloc[0]), second: cl.UNSET}
    right, answered, total = cl.score(answers, real)
    assert (right, answered, total) == (1, 1, len(real))


def test_verdict_counts_lists_every_verdict(real):
    counts = cl.verdict_counts(real)
    assert list(counts["verdict"]) == list(cl.VERDICTS)
    assert counts["claims"].sum() == len(real)


def test_claims_table_hides_the_verdicts(real):
    shown = str(cl.claims_table(real))
    assert "misleading" not in shown and "unsupported by the sources here" not in shown


# --------------------------------------------------------------------------- the explorer


@pytest.fixture
def small():
    """A two-claim package whose text carries a script tag: it must always reach the page escaped."""
    claims = typed(
        "claims",
        [
            dict(
                id="cl-a",
                order=1,
                topic=f"Alpha {SCRIPT}",
                claim="The pause lasts 30 days.",
                verdict="misleading",
                evidence="events:ev-a",
                source_ids="s-a",
                why=f"Only one readout says so. {SCRIPT}",
                careful_version="According to one readout, 30 days.",
            ),
            dict(
                id="cl-b",
                order=2,
                topic="Beta",
                claim="Sanctions were imposed.",
                verdict="accurate",
                evidence="events:ev-a;events:ev-b",
                source_ids="s-a",
                why="Orders of March 2014 imposed them.",
                careful_version="(accurate)",
            ),
        ],
    )
    events = typed(
        "events",
        [
            dict(
                id=i,
                start_date="2025-03-18",
                date_precision="day",
                display_date="18 March 2025",
                headline=f"Head {i}",
                text=f"Text {SCRIPT}",
                category="diplomacy",
                lane="Ceasefire talks",
                type="event",
                source_ids="s-a",
            )
            for i in ("ev-a", "ev-b")
        ],
    )
    sources = typed("sources", [fake_source("s-a")])
    return claims, {"events": events}, sources


def test_explorer_starts_hidden_and_reveal_shows_evidence_and_verdict(small):
    claims, tables, sources = small
    checker = cl.ClaimChecker(claims, tables, sources)
    assert checker.revealed == [] and all(p.value == "" for p in checker.panels.values())
    checker.classify("cl-a", "imprecise")
    checker.select("cl-a")
    shown = checker.panels["cl-a"].value
    assert "misleading" in shown and "Head ev-a" in shown and "A different verdict" in shown
    assert "example.org/s-a" in shown  # the sources are listed with links
    assert checker.panels["cl-b"].value == ""
    assert checker.choices["cl-a"].disabled  # no changing the verdict after seeing the evidence
    assert checker.score == (0, 1, 2)


def test_matching_verdict_is_marked_same(small):
    claims, tables, sources = small
    checker = cl.ClaimChecker(claims, tables, sources)
    checker.classify("cl-b", "accurate")
    checker.select("cl-b")
    assert "Same verdict" in checker.panels["cl-b"].value
    assert checker.score == (1, 1, 2)


def test_reveal_all_then_reset(small):
    claims, tables, sources = small
    checker = cl.ClaimChecker(claims, tables, sources)
    checker.classify("cl-a", "misleading")
    checker.reveal_all()
    assert checker.revealed == ["cl-a", "cl-b"]
    assert "You gave no verdict" in checker.panels["cl-b"].value
    checker.reset()
    assert checker.revealed == [] and checker.answers == {"cl-a": "", "cl-b": ""}
    assert not checker.choices["cl-a"].disabled


def test_data_text_is_escaped(small):
    claims, tables, sources = small
    checker = cl.ClaimChecker(claims, tables, sources)
    checker.reveal_all()
    markup = " ".join(p.value for p in checker.panels.values())
    labels = " ".join(getattr(c, "value", "") for row in checker.children[2:] for c in row.children[:1])
    assert SCRIPT not in markup and SCRIPT not in labels
    assert "&lt;script&gt;" in markup


def test_unknown_verdict_is_refused(small):
    claims, tables, sources = small
    with pytest.raises(ValueError):
        cl.ClaimChecker(claims, tables, sources).classify("cl-a", "true")


def test_no_claims_shows_an_empty_state():
    checker = cl.ClaimChecker(typed("claims", []), {}, typed("sources", []))
    assert "no claims" in checker.children[-1].value.lower()
    assert checker.score == (0, 0, 0)


def test_text_repr_for_viewers_without_a_kernel(small):
    claims, tables, sources = small
    assert "interactive" in repr(cl.ClaimChecker(claims, tables, sources))


def test_real_explorer_reveals_every_claim(real):
    checker = cl.ClaimChecker()
    for claim in real.itertuples():
        checker.classify(claim.id, str(claim.verdict))
    checker.reveal_all()
    assert checker.score == (len(real), len(real), len(real))
    assert all("Same verdict" in p.value for p in checker.panels.values())


@pytest.mark.parametrize("odd", [None, "", "cl-does-not-exist", 42, SCRIPT, "x" * 100_000, ["cl-a"]])
def test_select_of_anything_but_a_claim_id_changes_nothing(small, odd):
    claims, tables, sources = small
    checker = cl.ClaimChecker(claims, tables, sources)
    assert checker.select(odd) is False
    assert checker.revealed == [] and all(p.value == "" for p in checker.panels.values())


def test_every_control_reset_by_the_reset_button(small):
    claims, tables, sources = small
    checker = cl.ClaimChecker(claims, tables, sources)
    checker.classify("cl-b", "accurate")
    checker.select("cl-b")
    checker.reset_button.click()
    assert checker.revealed == [] and checker.answers["cl-b"] == ""


def test_a_click_redraws_only_its_own_claim(real, monkeypatch):
    """Showing one claim's evidence builds that claim's panel alone, once per verdict; the others are
    left as they are (the checker answered in 22-39 ms on 15 claims, and 0.8-2 s at 100x, when every
    click rebuilt every panel and counted the revealed claims once per claim)."""
    built = []
    real_reveal = cl.reveal
    monkeypatch.setattr(cl, "reveal", lambda row, *a, **k: built.append(row["id"]) or real_reveal(row, *a, **k))
    checker = cl.ClaimChecker()
    first, second = list(checker.choices)[:2]
    assert built == []  # nothing revealed yet: no panel built
    checker.classify(first, cl.VERDICTS[0])
    assert built == [] and checker.panels[first].value == ""
    checker.select(first)
    assert built == [first] and "lessons" in checker.panels[first].value
    checker.select(second)
    assert built == [first, second] and checker.panels[first].value and checker.panels[second].value
    checker.reset()
    assert all(p.value == "" for p in checker.panels.values())
    checker.classify(first, cl.VERDICTS[0])
    checker.select(first)  # the same claim with the same verdict again: the panel kept is shown
    assert built == [first, second] and checker.panels[first].value
    assert checker.score[1] == 1
