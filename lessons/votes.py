"""Votes and census figures for lesson 03: results with their base made explicit,
and the ethnic composition of Crimea and Sevastopol in 1989 and 2001."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from .style import QUALITATIVE, empty_figure

MAIN_GROUPS = ["Russians", "Ukrainians", "Crimean Tatars"]
BASE_LABELS = {
    "registered-voters": "% of registered voters",
    "ballots-cast": "% of ballots cast",
    "valid-votes": "% of valid votes",
    "members": "% of members",
    "not-applicable": "",
}


def vote_table(votes: pd.DataFrame, vote_prefix: str) -> pd.DataFrame:
    """One vote's rows with the base of every share spelt out and its status (official / claimed / reported)."""
    rows = votes[votes["vote"].astype(str).str.startswith(vote_prefix)]
    out = pd.DataFrame({
        "area": rows["area"],
        "option": rows["option"],
        "count": rows["count"],
        "share %": rows["share_pct"],
        "share of": rows["share_base"].astype(str).map(BASE_LABELS).fillna(""),
        "status": rows["figure_status"].astype(str),
    })
    return out.reset_index(drop=True)


def composition(census: pd.DataFrame) -> pd.DataFrame:
    """Shares of the three largest groups, one value per area, year and group.

    Rows recalculated for other boundaries (ids ending in ``-arc``) are left out, so 1989
    'Crimea' is the Crimean oblast as the census counted it (see each row's note)."""
    rows = census[census["group"].isin(MAIN_GROUPS) & ~census.index.str.endswith("-arc")]
    return rows[["year", "area", "group", "share_pct"]].reset_index(drop=True)


def composition_figure(census: pd.DataFrame) -> go.Figure:
    """Grouped bars: share of Russians, Ukrainians and Crimean Tatars by census year, per area."""
    data = composition(census)
    if data.empty:
        return empty_figure("No census rows to show.")
    fig = px.bar(
        data.assign(year=data["year"].astype(str)), x="group", y="share_pct", color="year", barmode="group",
        facet_col="area", category_orders={"group": MAIN_GROUPS, "year": ["1989", "2001"]},
        color_discrete_sequence=QUALITATIVE[:2], text="share_pct",
        labels={"share_pct": "share of population, %", "group": "", "year": "census"},
        title="Ethnic composition, 1989 and 2001 censuses (share of each area's population)",
    )
    fig.update_traces(texttemplate="%{text:.1f}", hovertemplate="%{x}: %{y:.2f}%<extra>census %{fullData.name}</extra>")
    fig.for_each_annotation(lambda a: a.update(text=a.text.split("=")[-1]))
    alt = ("Bar chart of the share of Russians, Ukrainians and Crimean Tatars in Crimea and in Sevastopol "
           "in the 1989 and 2001 censuses.")
    fig.update_layout(height=380, meta={"alt": alt})
    return fig
