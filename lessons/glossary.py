"""Glossary look-ups for notebooks: a term's definition, each party's own term for it,
and the sources of both, as one small HTML block."""

from __future__ import annotations

import pandas as pd

from . import data
from .html import Html, citations, empty_state, esc


def party_terms(concept_id: str) -> pd.DataFrame:
    """Each party's own term for a concept: party, term, original wording, note, sources."""
    terms = data.load("party_terms")
    parties = data.load("parties")["short_name"]
    rows = terms[terms.concept_id == concept_id].copy()
    rows["party"] = rows.party_id.map(parties).fillna(rows.party_id)
    return rows[["party", "term", "original", "note", "source_ids"]].reset_index(drop=True)


def define(concept_id: str) -> Html:
    """The definition of a glossary term with each party's own term beside it (an HTML object)."""
    glossary = data.load("glossary")
    if concept_id not in glossary.index:
        return empty_state(f"No glossary entry {concept_id!r}.", "Glossary ids look like gl-annexation.")
    row = glossary.loc[concept_id]
    terms = party_terms(concept_id)
    items = "".join(
        f"<li><b>{esc(t.party)}</b>: “{esc(t.term)}”"
        + (f" ({esc(t.original)})" if pd.notna(t.original) and t.original else "")
        + (f" <span class='lessons-muted'>{esc(t.note)}</span>" if pd.notna(t.note) and t.note else "")
        + "</li>"
        for t in terms.itertuples()
    )
    own = f"<p><b>Each party's own term</b></p><ul>{items}</ul>" if items else ""
    sources = tuple(dict.fromkeys(list(row.source_ids) + [s for ids in terms.source_ids for s in ids]))
    return Html(
        f"<div class='lessons-glossary'><p><b>{esc(row.term)}</b>: {esc(row.definition)}</p>{own}"
        f"<details><summary>Sources</summary>{citations(sources)}</details></div>"
    )
