"""Accuracy and balance rules that the data must keep (issue 8): each party's own voice,
one source row per address, nothing silently dated after as_of, the source fields students
weigh sources by, and the background a history teacher needs."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
NOTEBOOKS = DATA.parent / "notebooks"

#: Source voices that count as a party's own text.
OWN_VOICE = {
    "us": {"US government"},
    "ru": {"Russian government"},
    "ua": {"Ukrainian government"},
    "eu": {"EU"},
    "gb": {"European governments"},
    "fr": {"European governments"},
    "de": {"European governments"},
    "un": {"UN"},
    "unga": {"UN"},
    "unsc": {"UN"},
    "crimean-tatar-mejlis": {"Crimean Tatar Mejlis"},
}


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{name}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return _csv("sources").set_index("id", drop=False)


@pytest.fixture(scope="module")
def package() -> dict:
    return json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def _ids(cell: str) -> list[str]:
    return [i for i in cell.split(";") if i]


# --- positions: own voice or marked as someone else's report -----------------------------------


def test_every_position_says_whose_words_it_rests_on(sources):
    positions = _csv("positions")
    problems = []
    for _, row in positions.iterrows():
        basis, party = row["voice_basis"], row["party_id"]
        cited = [sources.loc[i] for i in _ids(row["source_ids"]) if i in sources.index]
        if basis == "own-text":
            if not any(s["kind"] == "primary" and s["voice"] in OWN_VOICE.get(party, set()) for s in cited):
                problems.append(f"{row['id']}: own-text but no primary source in {party}'s own voice")
        elif basis == "own-words-quoted":
            if not (row["quote"].strip() and row["speaker"].strip()):
                problems.append(f"{row['id']}: own-words-quoted needs a quotation and a named speaker")
        elif basis == "reported":
            if not row["reported_by"].strip() or row["reported_by"] == party:
                problems.append(f"{row['id']}: reported needs reported_by naming someone other than {party}")
        else:
            problems.append(f"{row['id']}: unknown voice_basis {basis!r}")
    assert not problems, "\n".join(problems)


def test_positions_resting_on_another_partys_account_are_marked(sources):
    """A position whose only sources are in another party's official voice is that party's report."""
    positions = _csv("positions")
    for _, row in positions.iterrows():
        voices = {sources.loc[i]["voice"] for i in _ids(row["source_ids"]) if i in sources.index}
        official = {v for vs in OWN_VOICE.values() for v in vs}
        if voices and voices <= official and not voices & OWN_VOICE.get(row["party_id"], set()):
            assert row["voice_basis"] == "reported", row["id"]


def test_russias_latest_positions_from_ukraines_account_are_marked():
    positions = _csv("positions").set_index("id")
    for pid in ("po-ru-ceasefire-scope-20250602", "po-ru-territory-20250602"):
        assert positions.loc[pid, "voice_basis"] == "reported"
        assert positions.loc[pid, "reported_by"] == "ua"


def test_the_2025_kremlin_readout_is_cited_as_russias_own_text(sources):
    assert sources.loc["kremlin-20250318-call-readout", "voice"] == "Russian government"
    assert sources.loc["kremlin-20250318-call-readout", "kind"] == "primary"
    positions = _csv("positions").set_index("id")
    assert positions.loc["po-ru-ceasefire-scope-20250318", "voice_basis"] == "own-text"


# --- sources --------------------------------------------------------------------------------------


def test_one_source_row_per_url(sources):
    urls = sources["url"].str.strip().str.rstrip("/").str.replace(r"^https?://(www\.)?", "", regex=True)
    dupes = sources[urls.duplicated(keep=False)].groupby(urls)["id"].apply(list)
    assert dupes.empty, f"two ids for one URL: {dupes.to_dict()}"


def test_new_source_fields_are_declared_and_present(package, sources):
    fields = {f["name"] for r in package["resources"] if r["name"] == "sources" for f in r["schema"]["fields"]}
    for name in ("country", "read_at_url", "title_en", "after_as_of", "accessed", "date"):
        assert name in fields and name in sources.columns, name
    positions = {f["name"] for r in package["resources"] if r["name"] == "positions" for f in r["schema"]["fields"]}
    assert {"voice_basis", "reported_by"} <= positions


def test_every_source_has_a_country_and_non_english_ones_an_english_title(sources):
    assert (sources["country"].str.fullmatch(r"[A-Z]{2}|INT")).all()
    foreign = sources[sources["language"] != "en"]
    missing = foreign[foreign["title_en"].str.strip() == ""]
    assert missing.empty, list(missing.index)


def test_publication_date_is_not_the_date_read(sources):
    undated = sources["date_precision"] == "undated"
    assert (sources.loc[undated, "date"] == "").all()
    assert (sources.loc[~undated, "date"] != "").all()
    dated = sources[~undated & (sources["date"] == sources["accessed"])]
    assert dated.empty, f"publication date equals the date read: {list(dated.index)}"


def test_nothing_dated_after_as_of_without_a_reason(package, sources):
    as_of = package["as_of"]
    late = sources[(sources["date"] > as_of) & (sources["after_as_of"].str.strip() == "")]
    assert late.empty, f"dated after as_of {as_of} with no reason: {list(late.index)}"


def test_read_at_url_is_only_used_with_a_different_canonical_url(sources):
    rows = sources[sources["read_at_url"] != ""]
    assert (rows["read_at_url"] != rows["url"]).all()
    for symbol in ("A/RES/68/262", "S/PV.7138", "A/RES/ES-11/1", "A/RES/ES-11/4"):
        assert (sources["url"] == f"https://undocs.org/{symbol}").any(), symbol


def test_no_forum_or_minor_language_encyclopedia_is_the_only_source_of_a_figure(sources):
    weak = set(sources[sources["voice"].isin(["forum post", "blog"])].index)
    weak |= {i for i in sources.index if i.startswith("sco-wikipedia")}
    for name, column in (("votes", "share_pct"), ("census", "share_pct")):
        table = _csv(name)  # every row, plotted or not: a table a student opens shows them all
        for _, row in table[table[column] != ""].iterrows():
            ids = set(_ids(row["source_ids"]))
            assert ids - weak, f"{name} {row['id']} rests only on {sorted(ids)}"


# --- background events ----------------------------------------------------------------------------

BACKGROUND = {
    "ev-1783-04-08-russian-empire-annexes-crimea": "1783-04-08",
    "ev-1921-10-18-crimean-assr": "1921-10-18",
    "ev-1944-05-18-deportation-crimean-tatars": "1944-05-18",
    "ev-1945-06-30-crimean-assr-becomes-oblast": "1945-06-30",
    "ev-1954-01-25-cpsu-presidium-transfer": "1954-01-25",
    "ev-1954-02-05-rsfsr-approves-transfer": "1954-02-05",
    "ev-1954-02-19-ussr-presidium-decree": "1954-02-19",
    "ev-1954-04-26-ussr-law-transfer": "1954-04-26",
    "ev-1989-11-14-ussr-declaration-deported-peoples": "1989-11-14",
    "ev-1991-06-26-second-qurultay": "1991-06-26",
    "ev-1992-05-21-russian-parliament-1954-resolution": "1992-05-21",
    "ev-1993-09-03-massandra-summit": "1993-09-03",
    "ev-1997-05-28-basing-limits-and-rent": "1997-05-28",
    "ev-2014-03-20-duma-ratifies-treaty": "2014-03-20",
    "ev-2014-03-21-federation-council-ratifies": "2014-03-21",
    "ev-2016-04-26-mejlis-banned": "2016-04-26",
    "ev-2017-04-19-icj-provisional-measures": "2017-04-19",
    "ev-2019-04-01-friendship-treaty-lapses": "2019-04-01",
    "ev-2024-01-31-icj-judgment": "2024-01-31",
    "ev-2016-12-19-unga-71-205": "2016-12-19",
    "ev-2019-12-09-unga-militarization": "2019-12-09",
    "ev-2020-12-07-unga-militarization": "2020-12-07",
    "ev-2025-04-14-witkoff-five-territories": "2025-04-14",
    "ev-2025-04-17-paris-talks": "2025-04-17",
    "ev-2025-04-23-london-talks-downgraded": "2025-04-23",
    "ev-2025-04-26-vatican-meeting": "2025-04-26",
}


def test_background_events_are_present_dated_and_sourced(sources, package):
    events = _csv("events").set_index("id")
    categories = {f["name"]: f for r in package["resources"] if r["name"] == "events" for f in r["schema"]["fields"]}[
        "category"
    ]["constraints"]["enum"]
    for eid, day in BACKGROUND.items():
        assert eid in events.index, eid
        row = events.loc[eid]
        assert row["start_date"] == day, eid
        assert row["category"] in categories, eid
        ids = _ids(row["source_ids"])
        assert ids and all(i in sources.index for i in ids), eid


def test_the_deportation_event_carries_a_teacher_note():
    row = _csv("events").set_index("id").loc["ev-1944-05-18-deportation-crimean-tatars"]
    assert "Teacher note" in row["note"]


def test_the_1997_event_states_the_caps_and_the_gas_debt_offset():
    text = _csv("events").set_index("id").loc["ev-1997-05-28-basing-limits-and-rent", "text"]
    for needle in ("25,000", "132", "24", "22", "gas"):
        assert needle in text, needle


def test_census_chart_compares_the_same_territory():
    from lessons import data, votes

    frame = votes.composition(data.load("census"))
    assert frame.groupby(["area", "year"]).size().max() == 3
    crimea = frame[frame["area"].str.startswith("Autonomous Republic")]
    assert set(crimea["year"].astype(int)) == {1989, 2001}
    tatars_1989 = crimea[(crimea["year"].astype(int) == 1989) & (crimea["group"] == "Crimean Tatars")]
    assert tatars_1989["share_pct"].astype(float).iloc[0] == pytest.approx(1.9)
    fig = votes.composition_figure(data.load("census"))
    assert "returned" in fig.layout.meta["alt"]


# --- Crimea 2014: the gazetteer says what the dated control rows say, and attributes who the armed men were ---


def test_crimean_control_notes_follow_the_dated_rows_and_attribute_the_armed_men():
    """Review U2: the gazetteer's notes are shown in quiz feedback and the map's details. They must not say in
    the package's own voice that Russian troops seized Crimea on 27 February, nor summarise the whole peninsula
    as Russian-held from that day while control_history.csv records it as contested until 26 March."""
    places = _csv("places")
    crimean = places[places["in_crimea"] == "true"]
    assert len(crimean) >= 15
    for _, row in crimean.iterrows():
        note = row["control_note"]
        for phrase in ("Russia sent soldiers", "Russian troops seized", "Under Russian control since the February"):
            assert phrase not in note, (row["id"], phrase)
        assert "armed men without insignia" in note, row["id"]
        assert "17 April 2014" in note and "Putin" in note, row["id"]
        assert "resolution 68/262" in note and "reunification" in note, row["id"]
        if row["id"] != "pl-simferopol":
            assert "contested" in note, row["id"]


def test_gazetteer_control_since_is_the_start_of_the_row_in_force_on_as_of(package):
    """places.control_since summarises control_history.csv: the start of the row in force on as_of (its own row,
    else its area's), never the start of a contested phase."""
    import datetime as dt

    from lessons.mapview import model_for

    model = model_for()
    as_of = dt.date.fromisoformat(package["as_of"])
    places = _csv("places").set_index("id")
    problems = []
    for pid, row in places.iterrows():
        p = model.all_places[pid]
        record, where = model.place_record(p, as_of)
        if where not in ("place", "area") or record.status != "held" or not record.valid_from:
            continue
        if record.precision != "day":  # a start known only to the year: the gazetteer leaves control_since empty
            assert not row["control_since"], pid
            continue
        if row["controlled_by"] != record.controlled_by or row["control_since"] != record.valid_from.isoformat():
            problems.append(f"{pid}: gazetteer {row['controlled_by']} {row['control_since']}, rows {record.id}")
    assert not problems, problems


# --- lesson 03: each party's account of the 2014 vote, in its own words, before the UN finding -------------

VOTE_SECTION = "Read the vote of 16 March 2014 with its sources"
#: Russia's own words: a quotation in quotation marks, attributed to a Russian official or text.
RUSSIAN_VOICES = r"(?:Putin|Lavrov|Kremlin|Russia's (?:government|parliament|foreign ministry))"
QUOTED = r"[\"\u201c]([^\"\u201d]{12,})[\"\u201d]"


def _markdown_section(path: Path, heading: str) -> str:
    """The markdown of a notebook section: from its '## heading' cell to the next '## ' heading."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    text, inside = [], False
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"])
        first = source.lstrip().splitlines()[0] if source.strip() else ""
        if first.startswith("## "):
            if inside:
                break
            inside = first[3:].strip() == heading
        if inside:
            text.append(source)
    return "\n\n".join(text)


def _un_finding_at(text: str) -> int:
    """Where the General Assembly's finding itself is given (not where the section merely names the UN)."""
    hits = [i for i in (text.find("68/262"), text.find("no validity")) if i != -1]
    return min(hits) if hits else -1


def _russian_quote(text: str):
    """The first quotation of Russia's own words, attributed to a Russian voice within the same sentence."""
    return re.search(RUSSIAN_VOICES + r"[^.]{0,240}?" + QUOTED, text)


def _russia_before_un(text: str) -> list[str]:
    problems = []
    finding, quote = _un_finding_at(text), _russian_quote(text)
    if finding == -1:
        problems.append("the section does not give the General Assembly's finding (resolution 68/262)")
    if quote is None:
        problems.append("the section quotes no words of Russia's own, attributed to a Russian official or text")
    elif finding != -1 and quote.start() > finding:
        problems.append("the UN General Assembly's finding comes before Russia's own account")
    return problems


def test_lesson_03_gives_russias_own_account_of_the_2014_vote_before_the_un_finding():
    """EDITORIAL section 5 and review U5: in "Read the vote of 16 March 2014 with its sources", Russia's account,
    in its own words and attributed, comes before resolution 68/262's finding, and the words are those the data
    records for Putin's address of 18 March 2014."""
    text = _markdown_section(NOTEBOOKS / "03_crimea_1991_2014.ipynb", VOTE_SECTION)
    assert text, f"lesson 03 has no section '{VOTE_SECTION}'"
    assert _russia_before_un(text) == []
    quoted = _russian_quote(text).group(1)
    address = _csv("events").set_index("id").loc["ev-2014-03-18-putin-kremlin-address"]
    assert quoted in address["text"], quoted
    assert "kremlin-20140318-address" in _ids(address["source_ids"])
    ukraine = text.find("Ukraine's account")
    assert ukraine != -1 and ukraine < _un_finding_at(text), "Ukraine's account also comes before the UN finding"


def test_the_order_check_catches_the_un_finding_first():
    """The check above fails when the finding is moved ahead of Russia's words, or when the words are not quoted."""
    russia = 'Putin said the vote had been held "in full compliance with democratic procedures".'
    un = 'Resolution 68/262 declared that the vote "having no validity" cannot alter the status of Crimea.'
    assert _russia_before_un(f"{russia} {un}") == []
    assert _russia_before_un(f"{un} {russia}") == [
        "the UN General Assembly's finding comes before Russia's own account"
    ]
    assert _russia_before_un(f"Russia said the vote was fair. {un}")[0].startswith("the section quotes no words")


def test_no_internal_row_id_in_text_a_student_reads():
    """Notes, texts and explanations are read in class: a row id there ("see ct-sanctions-…") means nothing
    to a student. Id columns (id, *_id, *_ids, proof, evidence, actors, foreign keys) and addresses are exempt."""
    row_id = re.compile(r"\b(?:ct|ev|po|ro|pl|qz|gl|vo|cl|pt|ch)-[a-z0-9]+(?:-[a-z0-9]+)+")
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    found = []
    for res in descriptor["resources"]:
        if not res["path"].endswith(".csv"):
            continue
        keys = {
            f
            for fk in res.get("schema", {}).get("foreignKeys", [])
            for f in ([fk["fields"]] if isinstance(fk["fields"], str) else fk["fields"])
        }
        with open(DATA / Path(res["path"]).name, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                for col, value in row.items():
                    exempt = col in keys or col in ("id", "proof", "evidence", "actors") or "url" in col
                    if exempt or col.endswith(("_id", "_ids")):
                        continue
                    found += [(res["name"], row.get("id"), col, m) for m in row_id.findall(value or "")]
    assert found == [], found[:5]


def test_lesson_03_exercise_2_can_be_answered_from_the_vote_table():
    """Exercise 2 asks who gave a claimed and a reported turnout: the table shows each row's status, who gives
    it (the note) and its sources, without repeating the UN's finding in every row (the lesson says it once)."""
    from lessons import data, votes

    rows = votes.vote_rows(data.load("votes"), "2014-03-16")
    turnout = rows[(rows["area"] == "Autonomous Republic of Crimea") & (rows["option"] == "turnout")]
    claimed, reported = turnout[turnout["status"] == "claimed"], turnout[turnout["status"] == "reported"]
    assert claimed["who gives it, and notes"].str.contains("Malyshev").any()
    assert reported["who gives it, and notes"].str.contains("30-50%").any()
    assert reported["who gives it, and notes"].str.contains("Human Rights").any()
    assert (rows["sources"].str.len() > 0).all()
    assert not rows["who gives it, and notes"].str.contains("UN General Assembly declared this referendum").any()
    html = str(votes.vote_table(data.load("votes"), "2014-03-16"))
    assert "who gives it, and notes" in html and "Malyshev" in html


def test_lesson_03_gives_russias_kosovo_argument_attributed():
    """Review M9: Russia's account of 2014 in lesson 03 lacked the Kosovo precedent it argued from. It is
    given with whose words they are (the Kremlin's readout, the Crimean declaration) and a source row."""
    nb = json.loads((NOTEBOOKS / "03_crimea_1991_2014.ipynb").read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"]]
    russia = next(c for c in cells if "**Russia's account.**" in c)
    russia = russia.split("**Russia's account.**", 1)[1].split("**Ukraine's account.**", 1)[0]
    assert "Kosovo" in russia and "Kremlin's readout" in russia and "declaration" in russia
    event = _csv("events").set_index("id").loc["ev-2014-03-11-declaration-of-independence"]
    assert "cnsnews-20140316-putin-cites-kosovo" in _ids(event["source_ids"]) and "Kosovo" in event["note"]
