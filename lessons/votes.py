"""Votes and census figures for lesson 03: results with their base made explicit,
and the ethnic composition of Crimea and Sevastopol in 1989 and 2001."""

from __future__ import annotations

import re

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from .html import Html, fmt_day, publishers, table
from .style import QUALITATIVE, empty_figure

MAIN_GROUPS = ["Russians", "Ukrainians", "Crimean Tatars"]
BASE_LABELS = {
    "registered-voters": "% of registered voters",
    "ballots-cast": "% of ballots cast",
    "valid-votes": "% of valid votes",
    "members": "% of members",
    "not-applicable": "",
}


def vote_table(votes: pd.DataFrame, vote_prefix: str, sources: pd.DataFrame | None = None) -> Html:
    """One vote's rows as a table students read: the base of every share spelt out, its status
    (official / claimed / reported), who gives it and where; :func:`vote_rows` gives the same as a DataFrame."""
    return table(
        vote_rows(votes, vote_prefix, sources),
        caption=f"Results of the vote of {fmt_day(vote_prefix)}" if len(vote_prefix) == 10 else "",
    )


#: Said once in the lesson beside the table, not in every row's note.
_UNGA_SENTENCE = re.compile(r"\s*The UN General Assembly declared this referendum to have no validity[^.]*\.")


def vote_rows(votes: pd.DataFrame, vote_prefix: str, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """One vote's rows with the base of every share spelt out, its status (official / claimed / reported),
    the row's note (who gives the figure, ranges, how it differs) and the publishers of its sources."""
    rows = votes[votes["vote"].astype(str).str.startswith(vote_prefix)]
    notes = ["" if pd.isna(n) else _UNGA_SENTENCE.sub("", str(n)).strip() for n in rows["note"]]
    out = pd.DataFrame(
        {
            "area": rows["area"],
            "option": rows["option"],
            "count": [f"{int(c):,}" if pd.notna(c) else "" for c in rows["count"]],  # 1,274,096, as a reader writes it
            "share %": rows["share_pct"],
            "share of": rows["share_base"].astype(str).map(BASE_LABELS).fillna(""),
            "status": rows["figure_status"].astype(str),
            "who gives it, and notes": notes,
            "sources": [publishers(ids, sources) for ids in rows["source_ids"]],
        }
    )
    return out.reset_index(drop=True)


#: Territory of each plotted panel, stated on the figure so that like is compared with like.
PANEL_BASIS = {
    "arc": "Autonomous Republic of Crimea (without Sevastopol)",
    "sevastopol": "Sevastopol City Council area",
}
TATAR_NOTE = (
    "The Crimean Tatar share rose because Crimean Tatars deported in 1944 and their descendants returned in large "
    "numbers after the USSR declared the deportations illegal in November 1989."
)
TATAR_NOTE_HTML = TATAR_NOTE.replace(" and their", "<br>and their")


def composition(census: pd.DataFrame) -> pd.DataFrame:
    """Shares of the three largest groups, one value per panel, year and group, on one territory per panel.

    Crimea is shown on the basis of the Autonomous Republic (without Sevastopol) in both years: the 1989
    shares recalculated to those boundaries (rows with ``basis == "arc"``) beside the 2001 census. The 1989
    oblast rows that include Sevastopol are left out, so Sevastopol is never counted in two panels."""
    basis = census["basis"] if "basis" in census.columns else pd.Series("arc", index=census.index)
    keep = census["group"].isin(MAIN_GROUPS) & basis.isin(list(PANEL_BASIS))
    rows = census[keep].assign(area=basis[keep].map(PANEL_BASIS))
    rows = rows.drop_duplicates(["year", "area", "group"], keep="last")
    return rows[["year", "area", "group", "share_pct"]].reset_index(drop=True)


def composition_figure(census: pd.DataFrame) -> go.Figure:
    """Grouped bars: share of Russians, Ukrainians and Crimean Tatars by census year, per territory (base stated)."""
    data = composition(census)
    if data.empty:
        return empty_figure("No census rows to show.")
    fig = px.bar(
        data.assign(year=data["year"].astype(str)),
        x="group",
        y="share_pct",
        color="year",
        barmode="group",
        facet_col="area",
        category_orders={"group": MAIN_GROUPS, "year": ["1989", "2001"], "area": list(PANEL_BASIS.values())},
        color_discrete_sequence=QUALITATIVE[:2],
        text="share_pct",
        labels={"share_pct": "% of the territory's population", "group": "", "year": "census"},
        title="Ethnic composition, 1989 and 2001 censuses, same territory in both years",
    )
    fig.update_traces(texttemplate="%{text:.1f}", hovertemplate="%{x}: %{y:.2f}%<extra>census %{fullData.name}</extra>")
    fig.for_each_annotation(lambda a: a.update(text=a.text.split("=")[-1]))
    fig.add_annotation(
        text="1989 shares for Crimea are recalculated to the Autonomous Republic's boundaries.<br>" + TATAR_NOTE_HTML,
        xref="paper",
        yref="paper",
        x=0,
        y=-0.12,
        showarrow=False,
        xanchor="left",
        yanchor="top",
        align="left",
        font={"size": 11},
    )
    alt = (
        "Bar chart of the share of Russians, Ukrainians and Crimean Tatars in the 1989 and 2001 censuses, for the "
        "Autonomous Republic of Crimea without Sevastopol (1989 recalculated to the same boundaries) and for "
        "Sevastopol. " + TATAR_NOTE
    )
    fig.update_layout(height=440, margin={"b": 120}, meta={"alt": alt})
    return fig
