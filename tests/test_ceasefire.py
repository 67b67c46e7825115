"""Tests for lessons.ceasefire: terms by status, the calendar of windows, filters, details, escaping."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest
from conftest import SCRIPT, fake_source
from factories import fake_party

from lessons import ceasefire as cf
from lessons import data
from lessons.hover import plain
from lessons.html import Html
from lessons.style import STATUS_COLOURS

typed = data.typed_frame  # frames typed exactly as lessons.data.load types them


@pytest.fixture
def tables():
    terms = typed(
        "ceasefire_terms",
        [
            dict(
                id="ct-energy-ru",
                element="30-day pause in strikes on energy infrastructure",
                scope="energy-infrastructure",
                status="agreed",
                proposed_by="us",
                accepted_by="ru",
                according_to="ru",
                announced_date="2025-03-18",
                start_date="2025-03-18",
                end_date="2025-04-16",
                duration_days=30,
                quote=f'"to refrain from attacks" {SCRIPT}',
                note=f"Accounts differ. {SCRIPT}",
                source_ids="s-kr;s-evil",
            ),
            dict(
                id="ct-energy-us",
                element="Energy and infrastructure ceasefire",
                scope="energy-and-infrastructure",
                status="agreed",
                proposed_by="us",
                accepted_by="ru",
                according_to="us",
                announced_date="2025-03-18",
                duration_days=30,
                start_date="2025-03-18",
                source_ids="s-wh",
            ),
            dict(
                id="ct-energy-ua",
                element="Energy moratorium",
                scope="energy-infrastructure",
                status="agreed",
                according_to="ua",
                announced_date="2025-03-25",
                start_date="2025-03-25",
                source_ids="s-ua",
            ),
            dict(
                id="ct-full-ru",
                element="Full 30-day ceasefire",
                scope="full-ceasefire",
                status="condition",
                according_to="ru",
                announced_date="2025-03-18",
                source_ids="s-kr",
            ),
            dict(
                id="ct-full-us",
                element="Full 30-day ceasefire",
                scope="full-ceasefire",
                status="proposed",
                according_to="us",
                announced_date="2025-03-11",
                source_ids="s-wh",
            ),
            dict(
                id="ct-expired",
                element="Energy moratorium ended",
                scope="energy-infrastructure",
                status="expired",
                according_to="ru",
                announced_date="2025-04-17",
                source_ids="s-kr",
            ),
        ],
    )
    events = typed(
        "events",
        [
            dict(
                id="ev-2025-03-19-strikes",
                start_date="2025-03-19",
                date_precision="day",
                display_date="19 March 2025",
                headline=f"Strikes on energy sites reported {SCRIPT}",
                text="Both sides report strikes.",
                category="energy",
                lane="War",
                type="event",
                source_ids="s-ev",
            ),
            dict(
                id="ev-2025-03-19-prisoners",
                start_date="2025-03-19",
                date_precision="day",
                display_date="19 March 2025",
                headline="Prisoner exchange",
                text="175 for 175.",
                category="humanitarian",
                lane="War",
                type="event",
                source_ids="s-ev",
            ),
            dict(
                id="ev-2025-03-18-call",
                start_date="2025-03-18",
                date_precision="day",
                display_date="18 March 2025",
                headline="The call",
                text="Call.",
                category="diplomacy",
                lane="Ceasefire talks",
                type="event",
                source_ids="s-ev",
            ),
            dict(
                id="ev-2025-03-21-ru-claim",
                start_date="2025-03-21",
                date_precision="day",
                display_date="21 March 2025",
                headline="Russia accuses Ukraine of striking a gas station",
                text="Russia's claim.",
                category="energy",
                lane="War",
                type="event",
                source_ids="s-kr",
            ),
            dict(
                id="ev-2025-03-27-ua-claim",
                start_date="2025-03-27",
                date_precision="day",
                display_date="27 March 2025",
                headline="Ukraine says Russian shelling hit power lines",
                text="Ukraine's claim.",
                category="energy",
                lane="War",
                type="event",
                source_ids="s-ua",
                note=f"Unverified. {SCRIPT}",
            ),
            dict(
                id="ev-2014-03-16-vote",
                start_date="2014-03-16",
                date_precision="day",
                display_date="16 March 2014",
                headline="Old ceasefire",
                text="Out of window.",
                category="ceasefire",
                lane="Crimea",
                type="event",
                source_ids="s-ev",
            ),
        ],
    )
    parties = typed(
        "parties",
        [
            fake_party("us", "United States", "US", source_ids="s-wh"),
            fake_party("ru", "Russian Federation", "Russia", source_ids="s-kr"),
            fake_party("ua", "Ukraine", source_ids="s-ua"),
        ],
    )
    sources = typed(
        "sources",
        [
            fake_source("s-wh"),
            fake_source("s-kr"),
            fake_source("s-ua"),
            fake_source("s-ev"),
            fake_source("s-evil", SCRIPT),
        ],
    )
    return {"ceasefire_terms": terms, "events": events, "parties": parties, "sources": sources}


@pytest.fixture
def tracker(tables):
    return cf.CeasefireTracker(
        terms=tables["ceasefire_terms"], events=tables["events"], parties=tables["parties"], sources=tables["sources"]
    )


def spec(view) -> dict:
    """The figure as the browser has it (a PlotView's spec)."""
    return view.figure if not isinstance(view, dict) else view


def trace(view, name) -> dict:
    return next(t for t in spec(view)["data"] if t["name"] == name)


def index_of(view, name) -> int:
    return [t["name"] for t in spec(view)["data"]].index(name)


def ids(t) -> list:
    return [c[1] for c in t.get("customdata") or []]


# --------------------------------------------------------------------------- tables and data views


def test_terms_by_status_groups_in_status_order(tables):
    t = cf.terms_by_status(tables["ceasefire_terms"])
    assert list(t["status"]) == ["agreed", "agreed", "agreed", "proposed", "condition", "expired"]
    assert list(t["status_label"])[3:5] == ["Proposed", "Raised as a condition"]
    assert cf.terms_by_status(tables["ceasefire_terms"].iloc[:0]).empty


def test_windows_count_a_start_only_account_with_the_others_length(tables):
    win = cf.windows(tables["ceasefire_terms"]).set_index("id")
    assert set(win.index) == {"ct-energy-ru", "ct-energy-us", "ct-energy-ua"}
    assert win.loc["ct-energy-ru", "end"] == pd.Timestamp("2025-04-16")
    # 30 days counted from 18 March as day one: the last day is 16 April, the day TASS gave
    assert win.loc["ct-energy-us", "end"] == pd.Timestamp("2025-04-16") and win.loc["ct-energy-us", "counted"]
    assert not win.loc["ct-energy-ru", "counted"]  # its end is recorded
    assert win.loc["ct-energy-us", "label"] == "30 days from 18 March"
    # Ukraine gives only a start (25 March): drawn with the 30 days the Russian row of its scope gives
    ua = win.loc["ct-energy-ua"]
    assert (
        ua["derived"] and ua["end"] == pd.Timestamp("2025-04-23") and ua["label"] == "30 days if counted from 25 March"
    )
    assert not win.loc["ct-energy-ru", "derived"]


def test_tables_are_html_without_index_nan_or_ids(tables):
    html = cf.terms_table(tables["ceasefire_terms"], tables["parties"], tables["sources"])
    assert isinstance(html, Html) and "<table" in str(html)
    text = str(html)
    for bad in ("NaN", "&lt;NA&gt;", "ct-energy", "energy-infrastructure", "<script>"):
        assert bad not in text
    frame = cf.terms_frame(tables["ceasefire_terms"], tables["parties"], tables["sources"])
    assert list(frame.columns) == [
        "Element",
        "According to",
        "Status",
        "Announced",
        "Dates",
        "Quotation",
        "How accounts differ",
        "Sources",
    ]
    row = frame.set_index("Element").loc["30-day pause in strikes on energy infrastructure"]
    assert row["Dates"] == "from 18 March 2025 to 16 April 2025, 30 days" and row["Sources"] == "Publisher"
    counts = cf.status_counts(tables["ceasefire_terms"], tables["parties"])
    assert list(counts.columns) == ["Status", "According to Russia", "According to US", "According to Ukraine"]
    assert list(counts["Status"]) == ["Agreed", "Proposed", "Raised as a condition", "Expired"]
    assert "agreed" not in str(cf.status_table(tables["ceasefire_terms"], tables["parties"]))


def test_follow_up_events_filter_category_and_window_and_name_the_claimant(tables):
    evs = cf.follow_up_events(tables["events"])
    assert list(evs["id"]) == [
        "ev-2025-03-19-prisoners",
        "ev-2025-03-19-strikes",
        "ev-2025-03-21-ru-claim",
        "ev-2025-03-27-ua-claim",
    ]
    assert list(evs["claimed_by"]) == ["", "", "ru", "ua"]
    assert cf.claimant("Kyiv: the agreement dates from 25 March") == "ua"
    assert cf.claimant("Kremlin: the moratorium has expired") == "ru"
    assert cf.claimant("Technical talks in Riyadh") is None


def test_follow_up_table_attributes_each_claim(tables):
    frame = cf.follow_up_frame(tables["events"], tables["parties"], tables["sources"])
    assert list(frame.columns) == [
        "Date",
        "What happened",
        "Who says so",
        "Category",
        "Where accounts differ",
        "Sources",
    ]
    said = dict(zip(frame["Date"], frame["Who says so"]))
    assert said["21 March 2025"] == "Russia" and said["27 March 2025"] == "Ukraine"
    html = str(cf.follow_up_table(tables["events"], tables["parties"], tables["sources"]))
    assert "<script>" not in html and "NaN" not in html and "ev-2025" not in html


def test_lesson_02_follow_up_holds_claims_from_each_side_and_the_security_council():
    """Issue 8.2: lesson 02's "what happened next" must not show one side's accusations only."""
    evs = cf.follow_up_events()
    strikes = evs[evs["category"] == "energy"]
    by_side = strikes["claimed_by"].value_counts()
    assert by_side.get("ru", 0) >= 1 and by_side.get("ua", 0) >= 1, dict(by_side)
    assert set(strikes["claimed_by"]) <= {"ru", "ua"}, "every strike claim says whose claim it is"
    assert "ev-2025-04-17-unsc-consultations-moratorium" in set(evs["id"])
    shown = cf.follow_up_frame()
    energy = shown[shown["Category"] == "Energy strikes and facilities"]
    assert {"Russia", "Ukraine"} <= set(energy["Who says so"])
    # and on the calendar, each side's claims have a row of their own with markers in it
    fig = cf.calendar_figure()
    assert ids(trace(fig.to_plotly_json(), "Strikes on energy, as Russia claims"))
    assert ids(trace(fig.to_plotly_json(), "Strikes on energy, as Ukraine claims"))


# --------------------------------------------------------------------------- figures


def test_terms_figure_groups_rows_under_status_headings(tables):
    fig = cf.terms_figure(tables["ceasefire_terms"], tables["parties"]).to_plotly_json()
    agreed = trace(fig, "Agreed")
    assert agreed["marker"]["color"] == STATUS_COLOURS["agreed"]
    assert sorted(ids(agreed)) == ["ct-energy-ru", "ct-energy-ua", "ct-energy-us"]
    assert ids(trace(fig, "Raised as a condition")) == ["ct-full-ru"]
    assert not trace(fig, "Rejected")["showlegend"]
    y = fig["layout"]["yaxis"]
    assert y["type"] == "linear" and fig["layout"]["xaxis"]["type"] == "date"
    labels = dict(zip(y["tickvals"], y["ticktext"]))
    assert labels[0] == "<b>Agreed</b>" and "<b>Raised as a condition</b>" in labels.values()
    assert all("…" not in t or len(t) > 40 for t in y["ticktext"])  # wrapped over two lines, not cut short
    hover = dict(zip(ids(agreed), agreed["hovertext"]))["ct-energy-ru"]
    for part in ("according to Russia", "Announced 18 March 2025", "from 18 March 2025 to 16 April 2025", "30 days"):
        assert part in hover
    assert "&lt;script&gt;" in hover and "<script>" not in hover and "&quot;" not in hover
    assert '"to refrain from attacks"' in hover  # quotation marks stay quotation marks
    assert "3 agreed" in fig["layout"]["meta"]["alt"]


def test_status_is_told_by_shape_and_heading_as_well_as_colour(tables):
    """Colour is never the only cue: each status has its own marker shape and a heading over its rows."""
    from lessons.ceasefire import STATUS_LABELS, STATUS_ORDER
    from lessons.style import STATUS_SYMBOLS

    fig = cf.terms_figure(tables["ceasefire_terms"], tables["parties"]).to_plotly_json()
    symbols = {t["name"]: t["marker"]["symbol"] for t in fig["data"][: len(STATUS_ORDER)]}
    assert set(symbols) == {STATUS_LABELS[s] for s in STATUS_ORDER}
    assert len(set(symbols.values())) == len(symbols), symbols
    assert symbols == {STATUS_LABELS[s]: STATUS_SYMBOLS[s] for s in STATUS_ORDER}
    headings = [t for t in fig["layout"]["yaxis"]["ticktext"] if t.startswith("<b>")]
    shown = [t["name"] for t in fig["data"] if t.get("showlegend")]
    assert [h.removeprefix("<b>").removesuffix("</b>") for h in headings] == shown


def test_calendar_has_date_axis_bars_from_their_start_events_and_ukraines_window(tables):
    fig = cf.calendar_figure(tables["ceasefire_terms"], tables["events"], tables["parties"]).to_plotly_json()
    x = fig["layout"]["xaxis"]
    assert x["type"] == "date" and x["range"] == ["2025-03-01", "2025-05-31"] and x["tickformat"] == "%-d %b"
    assert fig["layout"]["yaxis"]["type"] == "linear"
    ru = trace(fig, "According to Russia")
    assert ru["type"] == "bar" and list(ru["base"]) == ["2025-03-18"] and list(ru["text"]) == ["30 days from 18 March"]
    assert list(ru["x"]) == [30 * 86_400_000]  # 18 March to 16 April as recorded, both days included
    assert list(trace(fig, "According to US")["x"]) == [30 * 86_400_000]
    ua = trace(fig, "Start from this account, length from the others (hatched)")
    assert ids(ua) == ["ct-energy-ua"] and list(ua["base"]) == ["2025-03-25"]
    assert list(ua["x"]) == [30 * 86_400_000] and ua["marker"]["pattern"]["shape"] == "/"
    assert not ids(trace(fig, "Start only (no end recorded)"))
    assert ids(trace(fig, "Strikes on energy, as Russia claims")) == ["ev-2025-03-21-ru-claim"]
    assert ids(trace(fig, "Strikes on energy, as Ukraine claims")) == ["ev-2025-03-27-ua-claim"]
    assert ids(trace(fig, "Strikes on energy: other reports")) == ["ev-2025-03-19-strikes"]
    assert ids(trace(fig, "Events: prisoners and humanitarian")) == ["ev-2025-03-19-prisoners"]
    # a dotted line and a label at each account's start: whose clock starts when
    starts = {a["x"]: a["text"] for a in fig["layout"]["annotations"]}
    assert starts["2025-03-18"] == "<b>18 March</b>: start according to Russia, US"
    assert starts["2025-03-25"] == "<b>25 March</b>: start according to Ukraine"
    assert [a["xanchor"] for a in fig["layout"]["annotations"]] == ["right", "left"]  # close starts never overlap
    assert fig["layout"]["template"]["layout"]["yaxis"]["automargin"]  # long row labels push the margin
    assert "Ukraine from 25 March 2025: 30 days if counted from 25 March" in fig["layout"]["meta"]["alt"]


def test_calendar_gives_an_empty_lane_no_row(tables):
    """A lane of events with nothing in it (no 'other reports' of strikes) is not drawn as an empty row;
    its trace keeps its place, so the explorer's updates still line up."""
    events = tables["events"][tables["events"]["id"] != "ev-2025-03-19-strikes"]
    full = cf.calendar_figure(tables["ceasefire_terms"], tables["events"], tables["parties"]).to_plotly_json()
    fig = cf.calendar_figure(tables["ceasefire_terms"], events, tables["parties"]).to_plotly_json()
    labels = fig["layout"]["yaxis"]["ticktext"]
    assert not any("other reports" in t for t in labels) and any(
        "other reports" in t for t in full["layout"]["yaxis"]["ticktext"]
    )
    assert len(fig["data"]) == len(full["data"]) and not ids(trace(fig, "Strikes on energy: other reports"))
    rows = {y for t in fig["data"] for y in (t.get("y") or [])}
    assert rows <= set(range(len(labels))), "every mark sits on a labelled row"


def test_figures_have_no_url_and_are_deterministic(tables):
    for make in (
        lambda: cf.terms_figure(tables["ceasefire_terms"], tables["parties"]),
        lambda: cf.calendar_figure(tables["ceasefire_terms"], tables["events"], tables["parties"]),
    ):
        a, b = make().to_json(), make().to_json()
        assert a == b and not re.search(r"https?://", a) and '"uid"' not in a


def test_empty_inputs_give_empty_figures_without_numeric_axes(tables):
    empty = tables["ceasefire_terms"].iloc[:0]
    terms = cf.terms_figure(empty, tables["parties"])
    assert terms.layout.meta["empty"] and terms.layout.xaxis.visible is False
    assert "No ceasefire terms" in terms.layout.annotations[0].text
    nothing = cf.calendar_figure(empty, tables["events"].iloc[:0], tables["parties"])
    assert nothing.layout.meta["empty"] and nothing.layout.xaxis.visible is False
    only_events = cf.calendar_figure(empty, tables["events"], tables["parties"])
    assert "No dated ceasefire terms" in only_events.layout.meta["alt"] and only_events.layout.xaxis.type == "date"


def test_figure_functions_default_their_lookups():
    fig = cf.calendar_figure()  # terms, events and parties from data.load, like plotly express
    assert fig.layout.xaxis.type == "date"
    assert any("according to Ukraine" in a.text for a in fig.layout.annotations)
    assert cf.terms_figure().layout.meta["alt"]


# --------------------------------------------------------------------------- the tracker, driven as a student


def test_choosing_a_term_shows_details_with_quote_and_citations(tracker):
    tracker.item.value = "ct-energy-ru"
    html = tracker.details.value
    for part in (
        "30-day pause in strikes on energy infrastructure",
        "Agreed",
        "According to",
        "Russia",
        "18 March 2025",
        "16 April 2025",
        "30 days",
        "<blockquote",
        "https://example.org/s-kr",
        "energy infrastructure",
    ):
        assert part in html
    assert "energy-infrastructure" not in html  # the scope by name, not its id
    assert "<script>" not in html and html.count("&lt;script&gt;") >= 3  # quote, note, source title
    assert trace(tracker.figure, "Selected")["x"] == ["2025-03-18"]


def test_clicking_a_bar_an_event_and_a_dot(tracker):
    point = tracker.calendar.click(index_of(tracker.calendar, "According to Russia"), 0)
    assert point["customdata"] == ["term", "ct-energy-ru"] and tracker.item.value == "ct-energy-ru"
    assert "30-day pause in strikes" in tracker.details.value
    tracker.calendar.click(index_of(tracker.calendar, "Events: prisoners and humanitarian"), 0)
    assert "Prisoner exchange" in tracker.details.value and "175 for 175." in tracker.details.value
    tracker.calendar.click(index_of(tracker.calendar, "Strikes on energy, as Ukraine claims"), 0)
    assert "Who says so" in tracker.details.value and "Ukraine" in tracker.details.value
    tracker.figure.click(index_of(tracker.figure, "Raised as a condition"), 0)
    assert "Full 30-day ceasefire" in tracker.details.value and "Raised as a condition" in tracker.details.value


def test_select_reaches_a_term_hidden_by_the_filters(tracker):
    tracker.status.value = "expired"
    tracker.select("ct-energy-ua")
    assert (tracker.status.label, tracker.account.label) == ("All statuses", "All accounts")
    assert tracker.item.value == "ct-energy-ua" and "Energy moratorium" in tracker.details.value


def test_filters_update_both_figures_the_list_and_the_table(tracker):
    tracker.status.value = "agreed"
    assert sorted(ids(trace(tracker.figure, "Agreed"))) == ["ct-energy-ru", "ct-energy-ua", "ct-energy-us"]
    assert not ids(trace(tracker.figure, "Proposed"))
    tracker.account.value = "ru"
    assert ids(trace(tracker.figure, "Agreed")) == ["ct-energy-ru"]
    assert ids(trace(tracker.calendar, "According to Russia")) == ["ct-energy-ru"]
    assert not ids(trace(tracker.calendar, "According to US"))
    assert ids(trace(tracker.calendar, "Strikes on energy, as Ukraine claims"))  # events are not filtered
    listed = [v for _, v in tracker.item.options]
    assert "ct-energy-ru" in listed and "ct-energy-us" not in listed
    assert "<td>30-day pause in strikes on energy infrastructure</td>" in tracker.table_view.children[1].value
    assert "<td>Energy moratorium</td>" not in tracker.table_view.children[1].value
    # the status menu counts what the account filter lets through
    assert dict((v, lbl) for lbl, v in tracker.status.options)["agreed"] == "Agreed (1)"
    tracker.set_filters(None, None)
    assert len(ids(trace(tracker.figure, "Agreed"))) == 3


def test_a_filter_that_removes_the_chosen_term_clears_the_details(tracker):
    tracker.item.value = "ct-energy-us"
    assert "Energy and infrastructure ceasefire" in tracker.details.value
    tracker.account.value = "ru"
    assert tracker.item.label == "— choose a term or an event —"
    assert "Energy and infrastructure ceasefire" not in tracker.details.value
    assert trace(tracker.figure, "Selected")["x"] == []


def test_empty_selection_says_so_then_recovers(tracker):
    tracker.set_filters("expired", "us")
    assert tracker.figure.figure["layout"]["meta"]["empty"]
    assert "No ceasefire terms match this selection" in tracker.details.value
    assert "No ceasefire terms match" in tracker.table_view.children[1].value
    tracker.set_filters("expired", None)
    assert ids(trace(tracker.figure, "Expired")) == ["ct-expired"]
    assert "No ceasefire terms match" not in tracker.details.value
    tracker.figure.click(index_of(tracker.figure, "Expired"), 0)
    assert "Energy moratorium ended" in tracker.details.value


def test_reset_puts_every_control_back(tracker):
    tracker.set_filters("agreed", "ru")
    tracker.item.value = "ct-energy-ru"
    tracker.reset()
    assert (tracker.status.label, tracker.account.label) == ("All statuses", "All accounts")
    assert tracker.item.label == "— choose a term or an event —"
    assert len(ids(trace(tracker.figure, "Agreed"))) == 3
    assert tracker.reset_button in tracker.children[1].children


def test_figures_in_tabs_with_legends_above_the_plot(tracker):
    import ipywidgets as w

    assert isinstance(tracker.tabs, w.Tab) and tracker.tabs.children[0] is tracker.figure
    assert list(tracker.tabs.children[1].children) == [tracker.calendar_note, tracker.calendar]
    assert tracker.tabs.titles == ("Terms by status", "Calendar")
    for view in (tracker.figure, tracker.calendar):
        layout = view.figure["layout"]
        assert layout["legend"]["yanchor"] == "bottom" and layout["legend"]["y"] >= 1
        assert layout["title"]["yref"] == "container" and layout["title"]["y"] == 1
        assert "width" not in layout  # the engine fills the container
    assert not any(
        t["showlegend"]
        for t in tracker.calendar.figure["data"]
        if t["type"] == "scatter" and t["name"].startswith(("Events", "Strikes"))
    )


def test_unknown_ids_show_empty_states(tracker):
    assert "Click a term or an event" in tracker.details.value
    tracker.select("ct-nope")
    assert "no ceasefire term or follow-up event with the id" in tracker.details.value
    tracker.select("ev-2014-03-16-vote")  # exists, but outside the follow-up window
    assert "no ceasefire term or follow-up event" in tracker.details.value
    tracker.set_filters("no-such-status", "atlantis")
    assert (tracker.status.label, tracker.account.label) == ("All statuses", "All accounts")


def test_empty_tables(tables):
    t = cf.CeasefireTracker(
        terms=tables["ceasefire_terms"].iloc[:0],
        events=tables["events"].iloc[:0],
        parties=tables["parties"],
        sources=tables["sources"],
    )
    assert t.figure.figure["layout"]["meta"]["empty"] and t.calendar.figure["layout"]["meta"]["empty"]
    assert [label for label, _ in t.status.options] == ["All statuses"]
    t.select("ct-energy-ru")
    assert "no ceasefire term" in t.details.value
    assert repr(t).startswith("[Ceasefire tracker")


def test_alt_text_and_no_url_in_figures(tracker):
    assert "follow-up events" in tracker.table_view.children[0].value
    tracker.item.value = "ct-energy-ru"
    for view in (tracker.figure, tracker.calendar):
        assert not re.search(r"https?://", str(view.figure))


def test_single_day_term_is_drawn_one_day_wide(tables):
    one = typed(
        "ceasefire_terms",
        [
            dict(
                id="ct-swap",
                element="Prisoner exchange",
                scope="prisoners",
                status="agreed",
                according_to="ru",
                announced_date="2025-03-19",
                start_date="2025-03-19",
                end_date="2025-03-19",
                source_ids="s-kr",
            )
        ],
    )
    bar = trace(
        cf.calendar_figure(one, tables["events"].iloc[:0], tables["parties"]).to_plotly_json(), "According to Russia"
    )
    assert list(bar["x"]) == [86_400_000] and list(bar["text"]) == ["one day"]


def test_benchmark_cases_run(tables):
    from lessons.dev import bench_cases

    cases = bench_cases.ceasefire(tables)
    assert "ceasefire: status filter" in cases
    for case in cases.values():
        for _ in range(3):
            case()


# --------------------------------------------------------------------------- review F11: one end, a statement is a mark


def test_a_statement_that_a_term_ran_out_is_a_dated_mark_not_a_window(tables):
    """'The moratorium has run out' (Peskov, one day) must not be drawn as a 30-day bar: it is marked on the
    day it was said, while the account's own window stays what the row records."""
    said = typed(
        "ceasefire_terms",
        [
            dict(
                id="ct-ran-out",
                element="The 30-day moratorium has run out",
                scope="energy-infrastructure",
                status="expired",
                according_to="ru",
                announced_date="2025-04-18",
                start_date="2025-03-18",
                end_date="2025-04-16",
                duration_days=30,
                source_ids="s-kr",
            )
        ],
    )
    terms = pd.concat([tables["ceasefire_terms"], said], ignore_index=True)
    win = cf.windows(terms).set_index("id")
    assert win.loc["ct-ran-out", "declared"] and win.loc["ct-ran-out", "said_on"] == pd.Timestamp("2025-04-18")
    assert not win.loc["ct-energy-ru", "declared"]
    fig = cf.calendar_figure(terms, tables["events"], tables["parties"]).to_plotly_json()
    bars = [i for t in fig["data"] if t["type"] == "bar" for i in ids(t)]
    assert "ct-ran-out" not in bars and "ct-energy-ru" in bars
    mark = trace(fig, "Said to have run out (a statement on one day)")
    assert ids(mark) == ["ct-ran-out"] and list(mark["x"]) == ["2025-04-18"] and mark["showlegend"]
    assert "Said on 18 April 2025" in mark["hovertext"][0] and "last day 16 April 2025" in mark["hovertext"][0]
    starts = [a["x"] for a in fig["layout"]["annotations"]]
    assert "2025-04-18" not in starts  # a statement is no one's start
    assert "Russia said on 18 April 2025 that it had run out" in fig["layout"]["meta"]["alt"]
    # without such a row the mark trace is there but empty (the tracker keeps a fixed set of traces)
    plain_fig = cf.calendar_figure(tables["ceasefire_terms"], tables["events"], tables["parties"]).to_plotly_json()
    assert not ids(trace(plain_fig, "Said to have run out (a statement on one day)"))


def test_the_moratorium_ends_on_the_same_day_everywhere_with_each_account_attributed():
    """Review F11: the Kremlin's count ends on 16 April (TASS, 14 April) in the event row, the glossary, the
    terms and the lesson 02 calendar; no view shows a 17 April end; Ukraine's 25 March start stays its own."""
    terms = data.load("ceasefire_terms")
    events = data.load("events")
    win = cf.windows(terms).set_index("id")
    kremlin = [i for i in win.index if str(win.loc[i, "according_to"]) == "ru" and "moratorium" in i]
    assert kremlin
    for i in kremlin:
        assert win.loc[i, "start"] == pd.Timestamp("2025-03-18"), i
        assert win.loc[i, "end"] == pd.Timestamp("2025-04-16"), i
    assert win.loc["ct-energy-moratorium-start-ukraine", "start"] == pd.Timestamp("2025-03-25")
    era = events.loc["ev-2025-03-18-energy-moratorium-kremlin-count"]
    assert pd.Timestamp(era["end_date"]) == pd.Timestamp("2025-04-16") and "TASS" in era["note"]
    assert "16 April" in data.load("glossary").loc["gl-moratorium", "definition"]
    expired = terms.loc["ct-energy-moratorium-expired-kremlin"]
    assert "no exact end date" not in expired["note"] and "TASS" in expired["note"]
    assert "tass-20250414-moratorium-peskov" in expired["source_ids"]
    fig = cf.calendar_figure().to_plotly_json()
    hovers = " ".join(
        h
        for t in fig["data"]
        for c, h in zip(t.get("customdata") or [], t.get("hovertext") or [])
        if c[0] == "term"  # the terms' windows (an event of 17 April may well say 17 April)
    )
    assert "17 April 2025" not in hovers and "last day 16 April 2025" in hovers
    assert "ct-energy-moratorium-expired-kremlin" in ids(trace(fig, "Said to have run out (a statement on one day)"))
    table = cf.terms_frame().set_index("Element")
    assert (table["Dates"].str.contains("17 April")).sum() == 0


def test_calendar_says_when_the_chosen_term_has_no_dates(tracker):
    """Choosing a term that has no dates leaves the calendar as it is, but a note above it (outside the
    figure, so it cannot run into the legend) says why the term is not there; a term that is drawn, or no
    choice, hides the note again."""
    drawn = {c[1] for t in spec(tracker.calendar)["data"] for c in (t.get("customdata") or [])}
    undated = [t for t in tracker._terms if t not in drawn]
    dated = [t for t in tracker._terms if t in drawn]
    assert undated and dated
    before = spec(tracker.calendar)
    assert tracker.calendar_note.layout.display == "none" and tracker.calendar_note.value == ""
    tracker.select(undated[0])
    note = tracker.calendar_note.value
    assert "has no dates of its own" in note and "the calendar does not draw it" in note
    assert "role='status'" in note and tracker.calendar_note.layout.display is None
    assert html.escape(plain(tracker._terms[undated[0]]["element"]))[:20] in note
    assert spec(tracker.calendar)["layout"]["title"] == before["layout"]["title"]  # the figure is untouched
    tracker.select(dated[0])
    assert tracker.calendar_note.layout.display == "none" and tracker.calendar_note.value == ""
    tracker.select(undated[0])
    tracker.reset()
    assert tracker.calendar_note.layout.display == "none"


def test_calendar_says_when_no_term_of_the_selection_has_dates(tracker):
    """A student walk found the Calendar tab, for a status whose terms have no dates, showing the
    follow-up events alone under its usual title: no word that the terms were missing, or why."""
    kinds = lambda: {c[0] for t in spec(tracker.calendar)["data"] for c in (t.get("customdata") or [])}  # noqa: E731
    undated = None
    for _, status in tracker.status.options[1:]:
        tracker.status.value = status
        if "term" not in kinds():
            undated = status
            break
    assert undated, "the fixture has no status whose terms all lack dates"
    note = tracker.calendar_note.value
    assert "No term in this selection has dates of its own" in note and tracker.calendar_note.layout.display is None
    tracker.reset()
    assert "term" in kinds() and tracker.calendar_note.layout.display == "none"
