"""Tests for lessons.ceasefire: terms by status, the calendar of windows, filters, details, escaping."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from plotly.callbacks import Points

from conftest import SCRIPT, fake_source
from lessons import ceasefire as cf, data
from lessons.style import STATUS_COLOURS, esc


typed = data.typed_frame  # frames typed exactly as lessons.data.load types them


@pytest.fixture
def tables():
    terms = typed("ceasefire_terms", [
        dict(id="ct-energy-ru", element="30-day pause in strikes on energy infrastructure", scope="energy-infrastructure",
             status="agreed", proposed_by="us", accepted_by="ru", according_to="ru", announced_date="2025-03-18",
             start_date="2025-03-18", end_date="2025-04-16", duration_days=30,
             quote=f'"to refrain from attacks" {SCRIPT}', note=f"Accounts differ. {SCRIPT}", source_ids="s-kr;s-evil"),
        dict(id="ct-energy-us", element="Energy and infrastructure ceasefire", scope="energy-and-infrastructure",
             status="agreed", proposed_by="us", accepted_by="ru", according_to="us", announced_date="2025-03-18",
             duration_days=30, start_date="2025-03-18", source_ids="s-wh"),
        dict(id="ct-energy-ua", element="Energy moratorium", scope="energy-infrastructure", status="agreed",
             according_to="ua", announced_date="2025-03-25", start_date="2025-03-25", source_ids="s-ua"),
        dict(id="ct-full-ru", element="Full 30-day ceasefire", scope="full-ceasefire", status="condition",
             according_to="ru", announced_date="2025-03-18", source_ids="s-kr"),
        dict(id="ct-full-us", element="Full 30-day ceasefire", scope="full-ceasefire", status="proposed",
             according_to="us", announced_date="2025-03-11", source_ids="s-wh"),
        dict(id="ct-expired", element="Energy moratorium ended", scope="energy-infrastructure", status="expired",
             according_to="ru", announced_date="2025-04-17", source_ids="s-kr"),
    ])
    events = typed("events", [
        dict(id="ev-2025-03-19-strikes", start_date="2025-03-19", date_precision="day", display_date="19 March 2025",
             headline=f"Strikes on energy sites reported {SCRIPT}", text="Both sides report strikes.",
             category="energy", lane="War", type="event", source_ids="s-ev"),
        dict(id="ev-2025-03-19-prisoners", start_date="2025-03-19", date_precision="day", display_date="19 March 2025",
             headline="Prisoner exchange", text="175 for 175.", category="humanitarian", lane="War", type="event",
             source_ids="s-ev"),
        dict(id="ev-2025-03-18-call", start_date="2025-03-18", date_precision="day", display_date="18 March 2025",
             headline="The call", text="Call.", category="diplomacy", lane="Ceasefire talks", type="event",
             source_ids="s-ev"),
        dict(id="ev-2014-03-16-vote", start_date="2014-03-16", date_precision="day", display_date="16 March 2014",
             headline="Old ceasefire", text="Out of window.", category="ceasefire", lane="Crimea", type="event",
             source_ids="s-ev"),
    ])
    parties = typed("parties", [
        dict(id="us", name="United States", short_name="US", kind="state", source_ids="s-wh"),
        dict(id="ru", name="Russian Federation", short_name="Russia", kind="state", source_ids="s-kr"),
        dict(id="ua", name="Ukraine", short_name="Ukraine", kind="state", source_ids="s-ua"),
    ])
    sources = typed("sources", [fake_source("s-wh"), fake_source("s-kr"), fake_source("s-ua"), fake_source("s-ev"),
                                fake_source("s-evil", SCRIPT)])
    return {"ceasefire_terms": terms, "events": events, "parties": parties, "sources": sources}


@pytest.fixture
def tracker(tables):
    return cf.CeasefireTracker(terms=tables["ceasefire_terms"], events=tables["events"], parties=tables["parties"],
                               sources=tables["sources"])


def traces(fig):
    return {t.name: t for t in fig.data}


# --------------------------------------------------------------------------- pure functions


def test_terms_by_status_groups_in_status_order(tables):
    t = cf.terms_by_status(tables["ceasefire_terms"])
    assert list(t["status"]) == ["agreed", "agreed", "agreed", "proposed", "condition", "expired"]
    assert list(t["status_label"])[3:5] == ["Proposed", "Raised as a condition"]
    assert cf.terms_by_status(tables["ceasefire_terms"].iloc[:0]).empty


def test_windows_use_end_date_or_duration(tables):
    win = cf.windows(tables["ceasefire_terms"]).set_index("id")
    assert set(win.index) == {"ct-energy-ru", "ct-energy-us", "ct-energy-ua"}
    assert win.loc["ct-energy-ru", "end"] == pd.Timestamp("2025-04-16")
    assert win.loc["ct-energy-us", "end"] == pd.Timestamp("2025-04-17")  # 18 March + 30 days
    assert win.loc["ct-energy-us", "label"] == "30 days"
    assert pd.isna(win.loc["ct-energy-ua", "end"]) and win.loc["ct-energy-ua", "label"] == "no end recorded"


def test_follow_up_events_filter_category_and_window(tables):
    ids = list(cf.follow_up_events(tables["events"])["id"])
    assert ids == ["ev-2025-03-19-prisoners", "ev-2025-03-19-strikes"]


def test_terms_figure_one_row_per_element_and_account_coloured_by_status(tables):
    fig = cf.terms_figure(tables["ceasefire_terms"], tables["parties"])
    t = traces(fig)
    assert t["Agreed"].marker.color == STATUS_COLOURS["agreed"]
    assert list(t["Agreed"].customdata) == ["ct-energy-us", "ct-energy-ua", "ct-energy-ru"] or \
        sorted(t["Agreed"].customdata) == ["ct-energy-ru", "ct-energy-ua", "ct-energy-us"]
    assert list(t["Raised as a condition"].customdata) == ["ct-full-ru"]
    assert not t["Rejected"].showlegend and len(t["Rejected"].customdata) == 0
    assert len(fig.layout.yaxis.ticktext) == 6 and "(Russia)" in fig.layout.yaxis.ticktext[-1]
    hover = dict(zip(t["Agreed"].customdata, t["Agreed"].hovertext))["ct-energy-ru"]
    for part in ("according to Russia", "Announced 18 March 2025", "From 18 March 2025 to 16 April 2025", "30 days"):
        assert part in hover
    assert "&lt;script&gt;" in hover and "<script>" not in hover
    assert "3 agreed" in fig.layout.meta["alt"]


def test_calendar_draws_one_bar_per_account_from_its_start(tables):
    fig = cf.calendar_figure(tables["ceasefire_terms"], tables["events"], tables["parties"])
    t = traces(fig)
    ru = t["Russia's account"]
    assert ru.type == "bar" and list(ru.base) == ["2025-03-18"] and list(ru.text) == ["30 days"]
    assert list(ru.x) == [29 * 86_400_000]  # 18 March to 16 April as recorded
    assert list(t["US's account"].x) == [30 * 86_400_000]
    start_only = t["Start only (no end recorded)"]
    assert list(start_only.customdata) == ["ct-energy-ua"] and list(start_only.x) == ["2025-03-25"]
    assert list(t["Event: Energy strikes and facilities"].customdata) == ["ev-2025-03-19-strikes"]
    assert list(t["Event: Prisoners and humanitarian"].customdata) == ["ev-2025-03-19-prisoners"]
    assert "<script>" not in t["Event: Energy strikes and facilities"].hovertext[0]
    assert fig.layout.xaxis.type == "date"
    assert "Russia from 18 March 2025 to 16 April 2025 (30 days)" in fig.layout.meta["alt"]


def test_figures_have_no_url_and_are_deterministic(tables):
    for make in (lambda: cf.terms_figure(tables["ceasefire_terms"], tables["parties"]),
                 lambda: cf.calendar_figure(tables["ceasefire_terms"], tables["events"], tables["parties"])):
        a, b = make().to_json(), make().to_json()
        assert a == b and not re.search(r"https?://", a) and '"uid"' not in a


def test_empty_inputs_give_empty_figures(tables):
    empty = tables["ceasefire_terms"].iloc[:0]
    assert cf.terms_figure(empty).layout.meta["empty"]
    assert cf.calendar_figure(empty, None).layout.meta["empty"]
    only_events = cf.calendar_figure(empty, tables["events"])
    assert "No dated ceasefire terms" in only_events.layout.meta["alt"]


# --------------------------------------------------------------------------- the tracker, driven as a student


def test_select_term_shows_details_with_quote_and_citations(tracker):
    tracker.select_term("ct-energy-ru")
    html = tracker.details.value
    for part in ("30-day pause in strikes on energy infrastructure", "Agreed", "According to", "Russia",
                 "18 March 2025", "16 April 2025", "30 days", "<blockquote", "https://example.org/s-kr"):
        assert part in html
    assert "<script>" not in html and html.count("&lt;script&gt;") >= 3  # quote, note, source title
    outline = traces(tracker.terms_widget)["Selected"]
    assert len(outline.x) == 1


def test_clicking_a_bar_and_an_event(tracker):
    bar = traces(tracker.calendar_widget)["Russia's account"]
    tracker.on_click(bar, Points(point_inds=[0], trace_index=0))
    assert "30-day pause in strikes" in tracker.details.value
    ev = traces(tracker.calendar_widget)["Event: Prisoners and humanitarian"]
    tracker.on_click(ev, Points(point_inds=[0], trace_index=5))
    assert "Prisoner exchange" in tracker.details.value and "175 for 175." in tracker.details.value
    dot = traces(tracker.terms_widget)["Raised as a condition"]
    tracker.on_click(dot, Points(point_inds=[0], trace_index=4))
    assert "Full 30-day ceasefire" in tracker.details.value and "Raised as a condition" in tracker.details.value


def test_select_event_escapes_headline(tracker):
    tracker.select_event("ev-2025-03-19-strikes")
    assert "Strikes on energy sites reported &lt;script&gt;" in tracker.details.value
    assert "<script>" not in tracker.details.value


def test_status_and_account_filters_update_both_figures(tracker):
    tracker.status.value = "agreed"
    t = traces(tracker.terms_widget)
    assert sorted(t["Agreed"].customdata) == ["ct-energy-ru", "ct-energy-ua", "ct-energy-us"]
    assert len(t["Proposed"].customdata) == 0
    tracker.account.value = "ru"
    t = traces(tracker.terms_widget)
    assert list(t["Agreed"].customdata) == ["ct-energy-ru"]
    c = traces(tracker.calendar_widget)
    assert list(c["Russia's account"].customdata) == ["ct-energy-ru"] and len(c["US's account"].customdata) == 0
    assert len(c["Event: Energy strikes and facilities"].customdata) == 1  # events are not filtered
    assert "<td>30-day pause in strikes on energy infrastructure</td>" in tracker.table.value
    assert "Energy moratorium" not in tracker.table.value
    tracker.set_filters(None, None)
    assert len(traces(tracker.terms_widget)["Agreed"].customdata) == 3


def test_filter_with_no_terms_shows_empty_state_then_recovers(tracker):
    tracker.set_filters("expired", "us")
    assert tracker.terms_widget.layout.meta["empty"]
    assert "Nothing to show" in tracker.table.value
    tracker.set_filters("expired", None)
    assert list(traces(tracker.terms_widget)["Expired"].customdata) == ["ct-expired"]
    # clicks still work after the figure was swapped for the empty state and back
    dot = traces(tracker.terms_widget)["Expired"]
    tracker.on_click(dot, Points(point_inds=[0], trace_index=5))
    assert "Energy moratorium ended" in tracker.details.value


def test_figures_in_tabs_with_legends_above_the_plot(tracker, tables):
    import ipywidgets as w

    # the two figures are in separate tabs, so neither's legend or title can run into the other
    assert isinstance(tracker.tabs, w.Tab) and tracker.tabs in tracker.children
    assert list(tracker.tabs.children) == [tracker.terms_widget, tracker.calendar_widget]
    assert tracker.tabs.titles == ("Terms by status", "Calendar")
    for fig in (cf.terms_figure(tables["ceasefire_terms"], tables["parties"]),
                cf.calendar_figure(tables["ceasefire_terms"], tables["events"], tables["parties"])):
        layout = fig.layout
        # legend on top of the plot (never below it, over the next output), title pinned above it
        assert layout.legend.yanchor == "bottom" and layout.legend.y >= 1
        assert layout.title.yref == "container" and layout.title.y == 1 and layout.title.yanchor == "top"
        assert layout.margin.t >= 120 and layout.height <= 1800
        assert layout.yaxis.automargin is not False  # long row labels push the margin, never cut
        lo, hi = sorted(layout.yaxis.range)  # half a row of room at each end, first row on top
        assert layout.yaxis.range[0] > layout.yaxis.range[1] and lo == -0.5 and hi > 0
    # events are labelled by their rows, so only accounts and "start only" are in the calendar's legend
    cal = traces(cf.calendar_figure(tables["ceasefire_terms"], tables["events"], tables["parties"]))
    assert not any(t.showlegend for name, t in cal.items() if name.startswith("Event:"))


def test_widths_survive_filters_and_dropdowns_show_their_all_option(tracker):
    for fw in (tracker.terms_widget, tracker.calendar_widget):
        assert fw.layout.width == cf.WIDGET_WIDTH <= 950
    assert (tracker.status.label, tracker.account.label) == ("All statuses", "All accounts")
    tracker.set_filters("agreed", "ru")
    tracker.set_filters(None, None)  # synced back: the width is part of every cached spec
    tracker.status.value = None
    for fw in (tracker.terms_widget, tracker.calendar_widget):
        assert fw.layout.width == cf.WIDGET_WIDTH
    # None shows the "All ..." option, never an empty box
    assert (tracker.status.label, tracker.account.label) == ("All statuses", "All accounts")
    assert [c.description for c in (tracker.status, tracker.account)] == ["Status", "According to"]


def test_unknown_ids_show_empty_states(tracker):
    assert "Click a term or an event" in tracker.details.value
    tracker.select_term("ct-nope")
    assert "no ceasefire term with the id" in tracker.details.value
    tracker.select_event("ev-2014-03-16-vote")  # exists, but outside the follow-up window
    assert "no follow-up event with the id" in tracker.details.value
    tracker.set_filters("no-such-status", "atlantis")
    assert tracker.status.value is None and tracker.account.value is None


def test_empty_tables(tables):
    t = cf.CeasefireTracker(terms=tables["ceasefire_terms"].iloc[:0], events=tables["events"].iloc[:0],
                            parties=tables["parties"], sources=tables["sources"])
    assert t.terms_widget.layout.meta["empty"] and t.calendar_widget.layout.meta["empty"]
    assert [v for _, v in t.status.options] == [None]
    t.select_term("ct-energy-ru")
    assert "no ceasefire term" in t.details.value


def test_alt_text_and_widget_json(tracker):
    assert esc(tracker.terms_widget.layout.meta["alt"]) in tracker.alt.value
    assert "follow-up events" in tracker.alt.value
    tracker.select_term("ct-energy-ru")
    for fw in (tracker.terms_widget, tracker.calendar_widget):
        assert not re.search(r"https?://", fw.to_json())


# --------------------------------------------------------------------------- benchmark hook and latency


def scaled(tables, factor):
    out = dict(tables)
    for name in ("ceasefire_terms", "events"):
        copies = []
        for k in range(factor):
            c = tables[name].copy()
            c["id"] = c["id"] + f"-{k}"
            c.index = pd.Index(c["id"], name="row")
            copies.append(c)
        out[name] = pd.concat(copies)
    return out


@pytest.mark.parametrize("factor", [1, 100])
def test_benchmark_cases_run_on_curated_and_scaled_data(tables, factor):
    cases = cf.benchmark_cases(scaled(tables, factor))
    assert len(cases) == 5
    for name, case in cases:
        for _ in range(3):  # each call is a real student interaction; `make bench` times them
            case()


def test_single_day_term_is_drawn_one_day_wide(tables):
    one = typed("ceasefire_terms", [dict(id="ct-swap", element="Prisoner exchange", scope="prisoners", status="agreed",
                                         according_to="ru", announced_date="2025-03-19", start_date="2025-03-19",
                                         end_date="2025-03-19", source_ids="s-kr")])
    bar = traces(cf.calendar_figure(one, None, tables["parties"]))["Russia's account"]
    assert list(bar.x) == [86_400_000] and list(bar.text) == ["one day"]
