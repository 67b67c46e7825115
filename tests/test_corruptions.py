"""Corruptions a teacher editing the data in a spreadsheet could make, each with the exact message (issue 13.5).

Every case copies data/, applies one edit and reads the copy. A case returns either the exact problem it must
produce (``msg(...)``, compared with ``str(problem)``) or ``ACCEPTED``: then the copy must load, no row may be
lost, and the edited table must still hold the same rows. Nothing may end in another exception than DataError.
Line numbers and values are computed from the current data, so adding rows does not break the suite.
Quiz-row rules (answers among choices, numbers that parse) are tested in the quiz worker's tests.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from lessons import data
from lessons.checks import Problem
from lessons.csv_checks import MAX_CELL

DATA = Path(data.DATA_DIR)
ACCEPTED = "accepted"
CASES: dict[str, tuple[str, object]] = {}
ID_LIST = "^[a-z0-9][a-z0-9-]*(;[a-z0-9][a-z0-9-]*)*$"
UTF8 = "is not valid UTF-8: save the file with UTF-8 encoding"


def case(description: str):
    def register(fn):
        CASES[fn.__name__.removeprefix("c_")] = (description, fn)
        return fn

    return register


def msg(file, line, column, message, value=None) -> str:
    return str(Problem(file, line, column, value, message))


# --------------------------------------------------------------------------- editing helpers


def rows(d: Path, file: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO((d / file).read_text(encoding="utf-8"), newline="")))


def write(d: Path, file: str, table, terminator: str = "\n") -> None:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator=terminator).writerows(table)
    (d / file).write_text(buf.getvalue(), encoding="utf-8", newline="")


def line_of(table, row_id: str) -> int:
    """The physical line of the row with this id (cells with line breaks counted)."""
    line = 1
    for r in table:
        if r and r[0] == row_id:
            return line
        line += 1 + sum(c.count("\n") for c in r)
    raise KeyError(row_id)


def set_cell(d: Path, file: str, column: str, value: str, row_id: str | None = None) -> tuple[int, str]:
    """Set one cell; returns (line, row id). Default row: the first one with a simple one-line record."""
    table = rows(d, file)
    col = table[0].index(column)
    if row_id is None:
        row_id = table[1][0]
    i = next(k for k, r in enumerate(table) if r and r[0] == row_id)
    line = line_of(table, row_id)
    table[i][col] = value
    write(d, file, table)
    return line, row_id


def cell(d: Path, file: str, column: str, row_id: str | None = None) -> str:
    table = rows(d, file)
    i = 1 if row_id is None else next(k for k, r in enumerate(table) if r and r[0] == row_id)
    return table[i][table[0].index(column)]


def descriptor(d: Path) -> dict:
    return json.loads((d / "datapackage.json").read_text(encoding="utf-8"))


def save_descriptor(d: Path, value: dict) -> None:
    (d / "datapackage.json").write_text(json.dumps(value, indent=2, ensure_ascii=False), encoding="utf-8")


def schema_field(d: Path, resource: str, field: str) -> dict:
    res = next(r for r in descriptor(d)["resources"] if r["name"] == resource)
    return next(f for f in res["schema"]["fields"] if f["name"] == field)


def layer(d: Path, name: str) -> dict:
    return json.loads((d / f"{name}.geojson").read_text(encoding="utf-8"))


def save_layer(d: Path, name: str, value: dict) -> None:
    (d / f"{name}.geojson").write_text(json.dumps(value), encoding="utf-8")


def feature_index(value: dict, fid: str) -> int:
    return next(i for i, f in enumerate(value["features"]) if f["properties"]["id"] == fid)


def bad_utf8(raw: bytes, file: str, column: str | None) -> str:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return msg(file, line, column, UTF8, raw[err.start : err.start + 4])
    raise AssertionError("still valid UTF-8")


def json_error(text: str, file: str) -> str:
    try:
        json.loads(text)
    except json.JSONDecodeError as err:
        cut = " (the file seems cut short)" if err.pos >= len(text.rstrip()) - 1 else ""
        return msg(file, err.lineno, None, f"not valid JSON at character {err.colno}: {err.msg}{cut}")
    raise AssertionError("still valid JSON")


def place_row(d: Path, place: str) -> tuple[int, float, float]:
    table = rows(d, "places.csv")
    r = next(r for r in table if r[0] == place)
    return line_of(table, place), float(r[table[0].index("lat")]), float(r[table[0].index("lon")])


def swap(d: Path, place: str) -> tuple[int, float, float]:
    line, lat, lon = place_row(d, place)
    set_cell(d, "places.csv", "lat", str(lon), place)
    set_cell(d, "places.csv", "lon", str(lat), place)
    return line, lon, lat


def events_of(d, kind):
    return [r for r in rows(d, "events.csv")[1:] if r and r[rows(d, "events.csv")[0].index("type")] == kind]


# --------------------------------------------------------------------------- encodings and file format


@case("UTF-8 BOM at the start of events.csv (Excel 'CSV UTF-8')")
def c_bom(d):
    (d / "events.csv").write_bytes(b"\xef\xbb\xbf" + (d / "events.csv").read_bytes())
    return ACCEPTED


@case("CRLF line endings throughout events.csv (Windows)")
def c_crlf(d):
    write(d, "events.csv", rows(d, "events.csv"), terminator="\r\n")
    return ACCEPTED


@case("mixed CRLF and LF in places.csv (some lines re-saved on Windows)")
def c_mixed_crlf(d):
    lines = (d / "places.csv").read_bytes().split(b"\n")
    (d / "places.csv").write_bytes(b"\n".join(ln + b"\r" if i % 2 and ln else ln for i, ln in enumerate(lines)))
    return ACCEPTED


@case("BOM at the start of datapackage.json (saved by Notepad)")
def c_descriptor_bom(d):
    (d / "datapackage.json").write_bytes(b"\xef\xbb\xbf" + (d / "datapackage.json").read_bytes())
    return ACCEPTED


@case("semicolon-separated events.csv (Excel with a European locale)")
def c_semicolon_delimiter(d):
    write_delim(d, "events.csv", ";")
    return msg(
        "events.csv",
        1,
        None,
        "the columns are separated by semicolons (;), not commas: save the file as 'CSV UTF-8 (comma delimited)'",
    )


@case("tab-separated parties.csv (saved as 'Text (tab delimited)')")
def c_tab_delimiter(d):
    write_delim(d, "parties.csv", "\t")
    return msg(
        "parties.csv",
        1,
        None,
        "the columns are separated by tabs, not commas: save the file as 'CSV UTF-8 (comma delimited)'",
    )


def write_delim(d, file, delim):
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=delim, lineterminator="\n").writerows(rows(d, file))
    (d / file).write_text(buf.getvalue(), encoding="utf-8")


@case("whole places.csv re-saved as cp1252 ('CSV (Comma delimited)')")
def c_places_cp1252(d):
    raw = (d / "places.csv").read_text(encoding="utf-8").encode("cp1252", errors="replace")
    (d / "places.csv").write_bytes(raw)
    header = rows_from(raw)[0]
    first_bad = bad_utf8(raw, "places.csv", None)
    line = int(first_bad.split("line ")[1].split(":")[0])
    bad_line = raw.split(b"\n")[line - 1]
    prefix = bad_line[: next(i for i, b in enumerate(bad_line) if b > 127)].decode("ascii", "replace")
    column = header[len(next(csv.reader(io.StringIO(prefix)), [""])) - 1]
    return bad_utf8(raw, "places.csv", column)


def rows_from(raw: bytes):
    return list(csv.reader(io.StringIO(raw.decode("utf-8", "replace"), newline="")))


@case("one cp1252 byte in an events headline ('Café')")
def c_one_cp1252_byte(d):
    line, _ = set_cell(d, "events.csv", "headline", "Cafe_MARK")
    raw = (d / "events.csv").read_bytes().replace(b"Cafe_MARK", b"Caf\xe9")
    (d / "events.csv").write_bytes(raw)
    return bad_utf8(raw, "events.csv", "headline")


@case("glossary.csv saved as UTF-16 ('Unicode Text')")
def c_utf16(d):
    (d / "glossary.csv").write_bytes((d / "glossary.csv").read_text(encoding="utf-8").encode("utf-16"))
    return msg("glossary.csv", 1, None, "is saved as UTF-16 ('Unicode Text'), not UTF-8: save the file as CSV UTF-8")


@case("party_terms.csv re-saved as 'ANSI': every Cyrillic letter becomes '?' (still valid UTF-8)")
def c_ansi_cyrillic(d):
    text = (d / "party_terms.csv").read_text(encoding="utf-8")
    raw = text.encode("cp1252", errors="replace")
    (d / "party_terms.csv").write_bytes(raw)
    table = rows(d, "party_terms.csv")
    col = table[0].index("original")
    first = next(r for r in table[1:] if "?" in r[col])
    return msg(
        "party_terms.csv",
        line_of(table, first[0]),
        "original",
        "has '?' where letters should be: the file was probably saved in a non-UTF-8 encoding ('ANSI'); "
        "restore it and save as CSV UTF-8",
        first[col],
    )


@case("empty (0-byte) events.csv")
def c_empty_file(d):
    (d / "events.csv").write_bytes(b"")
    return msg("events.csv", 1, None, "file is empty (expected a header row and data)")


@case("events.csv with the header row only (all data rows deleted)")
def c_header_only(d):
    write(d, "events.csv", rows(d, "events.csv")[:1])
    return msg("events.csv", 2, None, "the file has a header but no data rows (were they deleted?)")


@case("votes.csv deleted")
def c_missing_file(d):
    (d / "votes.csv").unlink()
    return msg("votes.csv", None, None, "file is missing")


@case("datapackage.json deleted (or the wrong folder given)")
def c_no_descriptor(d):
    (d / "datapackage.json").unlink()
    return msg(
        str(d),
        None,
        None,
        "no data folder here (no datapackage.json). Looked in: " + str(d) + ". "
        "The data is not inside the installed package: it is the data/ folder of the lessons' repository. "
        "Run the notebooks from a clone (pip install -e .), or set LESSONS_DATA_DIR to the folder that holds "
        "datapackage.json, e.g. os.environ['LESSONS_DATA_DIR'] = '/path/to/data' before importing lessons.data.",
    )


@case("one extra blank line at the end of events.csv")
def c_trailing_blank_line(d):
    (d / "events.csv").write_text((d / "events.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    return ACCEPTED


@case("rows of empty cells ',,,,' at the end (Excel's used range)")
def c_empty_rows_at_end(d):
    table = rows(d, "events.csv")
    write(d, "events.csv", table + [[""] * len(table[0])] * 3)
    return ACCEPTED


@case("a row of empty cells in the middle of places.csv")
def c_empty_row_in_middle(d):
    table = rows(d, "places.csv")
    write(d, "places.csv", table[:5] + [[""] * len(table[0])] + table[5:])
    return ACCEPTED


@case("Excel's 'sep=,' line above the header")
def c_sep_line(d):
    (d / "parties.csv").write_text("sep=,\n" + (d / "parties.csv").read_text(encoding="utf-8"), encoding="utf-8")
    return msg(
        "parties.csv",
        1,
        None,
        "the header row is on line 2, not line 1: delete the lines above it (or, if "
        "the sheet was sorted, move the header back to the top)",
        "sep=,",
    )


@case("a title row typed above the header")
def c_title_row(d):
    (d / "census.csv").write_text(
        "Census of Crimea\n" + (d / "census.csv").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return msg(
        "census.csv",
        1,
        None,
        "the header row is on line 2, not line 1: delete the lines above it (or, if "
        "the sheet was sorted, move the header back to the top)",
        "Census of Crimea",
    )


@case("header row sorted to the bottom with the data")
def c_header_sorted_down(d):
    table = rows(d, "places.csv")
    write(d, "places.csv", table[1:] + table[:1])
    return msg(
        "places.csv",
        1,
        None,
        f"the header row is on line {len(table)}, not line 1: delete the lines above "
        "it (or, if the sheet was sorted, move the header back to the top)",
        ",".join(table[1])[:80],
    )


# --------------------------------------------------------------------------- the header


@case("column 'lane' deleted from events.csv")
def c_missing_column(d):
    table = rows(d, "events.csv")
    k = table[0].index("lane")
    write(d, "events.csv", [r[:k] + r[k + 1 :] for r in table])
    return msg("events.csv", 1, "lane", "required column is missing from the header")


@case("extra column 'teacher_comment' appended")
def c_extra_column(d):
    write(
        d,
        "events.csv",
        [r + (["teacher_comment"] if i == 0 else ["my note"]) for i, r in enumerate(rows(d, "events.csv"))],
    )
    return msg("events.csv", 1, "teacher_comment", "unexpected column (not in datapackage.json)")


@case("trailing space in a header name ('headline ')")
def c_header_trailing_space(d):
    table = rows(d, "events.csv")
    table[0][table[0].index("headline")] = "headline "
    write(d, "events.csv", table)
    return msg(
        "events.csv",
        1,
        "headline",
        "required column is missing from the header (the header has 'headline ': use exactly 'headline')",
    )


@case("header capitalised by a spreadsheet ('Headline')")
def c_header_capitalised(d):
    table = rows(d, "events.csv")
    table[0][table[0].index("headline")] = "Headline"
    write(d, "events.csv", table)
    return msg(
        "events.csv",
        1,
        "headline",
        "required column is missing from the header (the header has 'Headline': use exactly 'headline')",
    )


@case("a column name repeated (two 'note' columns)")
def c_header_repeats(d):
    table = rows(d, "events.csv")
    write(d, "events.csv", [r + (["note"] if i == 0 else [""]) for i, r in enumerate(table)])
    return msg("events.csv", 1, None, "header repeats a column name", ",".join(table[0] + ["note"]))


@case("columns reordered (headline and text swapped with their data)")
def c_columns_reordered(d):
    table = rows(d, "events.csv")
    a, b = table[0].index("headline"), table[0].index("text")
    for r in table:
        r[a], r[b] = r[b], r[a]
    write(d, "events.csv", table)
    return ACCEPTED


# --------------------------------------------------------------------------- cells


def wrong(file, column, value, expected, row_id=None):
    def edit(d):
        line, _ = set_cell(d, file, column, value, row_id)
        return msg(file, line, column, f"wrong type: expected {expected}", value)

    return edit


for _name, _desc, _args in [
    (
        "day_first_date",
        "date typed 18/03/2025 (day-first locale)",
        ("events.csv", "start_date", "18/03/2025", "a date YYYY-MM-DD"),
    ),
    ("us_date", "date typed 3/18/2025 (US Excel)", ("positions.csv", "date", "3/18/2025", "a date YYYY-MM-DD")),
    (
        "excel_serial_date",
        "Excel date serial 45734",
        ("ceasefire_terms.csv", "announced_date", "45734", "a date YYYY-MM-DD"),
    ),
    (
        "date_with_time",
        "date with a time '2025-03-18 00:00:00' (Excel re-save)",
        ("events.csv", "start_date", "2025-03-18 00:00:00", "a date YYYY-MM-DD"),
    ),
    (
        "impossible_date",
        "impossible date 2025-02-30",
        ("events.csv", "start_date", "2025-02-30", "a date YYYY-MM-DD that exists (no such day)"),
    ),
    ("decimal_comma", "decimal comma in a coordinate ('44,9519')", ("places.csv", "lat", "44,9519", "a number")),
    ("german_boolean", "boolean typed WAHR (German Excel)", ("places.csv", "in_crimea", "WAHR", "true or false")),
    (
        "thousands_separator",
        "thousands separator in a count ('1,234,567')",
        ("votes.csv", "count", "1,234,567", "a whole number"),
    ),
    ("percent_sign", "percent sign in share_pct ('54.2%')", ("votes.csv", "share_pct", "54.2%", "a number")),
    ("nan_number", "NaN typed in a number cell", ("votes.csv", "share_pct", "NaN", "a finite number")),
    ("decimal_count", "a count with decimals (12.5)", ("votes.csv", "count", "12.5", "a whole number")),
    ("boolean_maybe", "in_crimea typed 'maybe'", ("places.csv", "in_crimea", "maybe", "true or false")),
    (
        "written_date",
        "date written out ('18 March 2025')",
        ("events.csv", "start_date", "18 March 2025", "a date YYYY-MM-DD"),
    ),
    (
        "integer_word",
        "duration typed in words ('thirty')",
        ("ceasefire_terms.csv", "duration_days", "thirty", "a whole number"),
    ),
]:
    case(_desc)(wrong(*_args))
    CASES[_name] = CASES.pop("edit")


def constraint(file, column, value, message, row_id=None):
    def edit(d):
        line, _ = set_cell(d, file, column, value, row_id)
        return msg(file, line, column, message(d) if callable(message) else message, value)

    return edit


def enum_of(resource, field):
    return lambda d: f"not one of the allowed values {schema_field(d, resource, field)['constraints']['enum']}"


def pattern_of(resource, field):
    return lambda d: f"does not match the pattern {schema_field(d, resource, field)['constraints']['pattern']}"


for _name, _desc, _args in [
    (
        "trailing_space_value",
        "trailing space after a category value",
        ("events.csv", "category", "politics ", "leading or trailing spaces"),
    ),
    (
        "nbsp_in_headline",
        "trailing non-breaking space in a headline",
        ("events.csv", "headline", "A headline\xa0", "leading or trailing spaces"),
    ),
    (
        "whitespace_only_headline",
        "headline of spaces only",
        ("events.csv", "text", "   ", "leading or trailing spaces"),
    ),
    (
        "new_category",
        "new category 'economy' (not in the list)",
        ("events.csv", "category", "economy", enum_of("events", "category")),
    ),
    ("new_lane", "new lane 'Economy'", ("events.csv", "lane", "Economy", enum_of("events", "lane"))),
    ("unknown_source_kind", "source kind 'tertiary'", ("sources.csv", "kind", "tertiary", enum_of("sources", "kind"))),
    ("unknown_stance", "stance 'loves it'", ("positions.csv", "stance", "loves it", enum_of("positions", "stance"))),
    ("census_year", "census year 1990 (no such census)", ("census.csv", "year", "1990", enum_of("census", "year"))),
    (
        "trailing_semicolon",
        "trailing semicolon in source_ids ('a;b;')",
        ("events.csv", "source_ids", "a-source;b-source;", pattern_of("events", "source_ids")),
    ),
    (
        "comma_between_ids",
        "comma instead of semicolon between ids",
        ("events.csv", "source_ids", "a-source, b-source", pattern_of("events", "source_ids")),
    ),
    (
        "url_formula",
        "spreadsheet formula in a source url",
        ("sources.csv", "url", '=HYPERLINK("https://example.org/a")', pattern_of("sources", "url")),
    ),
    (
        "url_no_scheme",
        "source url without https://",
        ("sources.csv", "url", "www.example.org/x", pattern_of("sources", "url")),
    ),
    (
        "zero_width_space_id",
        "zero-width space inside an id (copied from a web page)",
        ("events.csv", "id", "ev-19\u200b95-06-10-x", pattern_of("events", "id")),
    ),
    ("id_with_spaces", "an id typed as words", ("events.csv", "id", "Event One", pattern_of("events", "id"))),
    (
        "lesson_leading_zero",
        "leading zero dropped by Excel in quiz lesson ('1')",
        ("quiz.csv", "lesson", "1", pattern_of("quiz", "lesson")),
    ),
    ("latitude_too_big", "latitude 123.5", ("places.csv", "lat", "123.5", "is above the maximum 90")),
    ("share_above_100", "share above 100 (154.2)", ("votes.csv", "share_pct", "154.2", "is above the maximum 100")),
    (
        "negative_duration",
        "negative duration_days",
        ("ceasefire_terms.csv", "duration_days", "-3", "is below the minimum 0"),
    ),
    ("headline_emptied", "required headline emptied", ("events.csv", "headline", "", "required value is empty")),
    ("source_title_emptied", "required source title emptied", ("sources.csv", "title", "", "required value is empty")),
]:
    case(_desc)(constraint(*_args))
    CASES[_name] = CASES.pop("edit")


def reference(file, column, value, target, row_id=None, reported=None):
    def edit(d):
        line, _ = set_cell(d, file, column, value, row_id)
        return msg(file, line, column, f"unknown id: not in {target}", reported or value)

    return edit


for _name, _desc, _args in [
    ("unknown_source", "a typo in a source id", ("events.csv", "source_ids", "bbc-20250318-typo", "sources")),
    ("unknown_place", "unknown place_id 'pl-atlantis'", ("events.csv", "place_id", "pl-atlantis", "places")),
    (
        "unknown_actor_in_list",
        "unknown actor in a list ('ru;xx')",
        ("events.csv", "actors", "ru;xx", "parties", None, "xx"),
    ),
    (
        "smart_quotes_id",
        "smart quotes around a place_id (Word autocorrect)",
        ("events.csv", "place_id", "\u201cpl-simferopol\u201d", "places"),
    ),
    (
        "unknown_controller",
        "controlled_by a party that does not exist",
        ("places.csv", "controlled_by", "atlantis", "parties"),
    ),
    ("unknown_position_party", "position of an unknown party", ("positions.csv", "party_id", "atlantis", "parties")),
    (
        "unknown_concept",
        "party term for an unknown concept",
        ("party_terms.csv", "concept_id", "gl-nothing", "glossary"),
    ),
    (
        "unknown_readout_event",
        "readout pointing at an unknown event",
        ("readouts.csv", "event_ids", "ev-0000-01-01-nothing", "events"),
    ),
    (
        "unknown_proposer",
        "ceasefire term proposed by an unknown party",
        ("ceasefire_terms.csv", "proposed_by", "us;zz", "parties", None, "zz"),
    ),
    (
        "unknown_account",
        "ceasefire account of an unknown party",
        ("ceasefire_terms.csv", "according_to", "zz", "parties"),
    ),
    (
        "unknown_party_source",
        "party citing an unknown source",
        ("parties.csv", "source_ids", "nobody-20250101-nothing", "sources"),
    ),
]:
    case(_desc)(reference(*_args))
    CASES[_name] = CASES.pop("edit")


@case("unknown region_id for a place")
def c_unknown_region(d):
    line, _ = set_cell(d, "places.csv", "region_id", "ua-99", "pl-odesa")
    return msg("places.csv", line, "region_id", "unknown id: not a feature of borders.geojson", "ua-99")


@case("a cited source row deleted from sources.csv")
def c_cited_source_deleted(d):
    table = rows(d, "sources.csv")
    events = rows(d, "events.csv")
    cited = events[1][events[0].index("source_ids")].split(";")[0]
    write(d, "sources.csv", [r for r in table if r[0] != cited])
    return msg("events.csv", 2, "source_ids", "unknown id: not in sources", cited)


@case("quiz proof pointing at a row that does not exist")
def c_proof_missing_row(d):
    line, _ = set_cell(d, "quiz.csv", "proof", "events:ev-does-not-exist")
    return msg("quiz.csv", line, "proof", "points to no existing data row", "events:ev-does-not-exist")


@case("claim evidence pointing at a row that does not exist")
def c_claim_evidence_missing_row(d):
    evidence = cell(d, "claims.csv", "evidence").split(";")
    evidence[0] = "readouts:ro-does-not-exist"
    line, _ = set_cell(d, "claims.csv", "evidence", ";".join(evidence))
    return msg("claims.csv", line, "evidence", "points to no row of readouts", "readouts:ro-does-not-exist")


@case("claim evidence without its table (a bare row id)")
def c_claim_evidence_no_table(d):
    evidence = cell(d, "claims.csv", "evidence").split(";")
    bare = evidence[0].partition(":")[2]
    line, _ = set_cell(d, "claims.csv", "evidence", ";".join([bare, *evidence[1:]]))
    return msg("claims.csv", line, "evidence", "should be table:row-id, e.g. events:ev-…", bare)


@case("duplicated id (one row's id copied over the next)")
def c_duplicate_id(d):
    table = rows(d, "events.csv")
    table[3][0] = table[2][0]
    write(d, "events.csv", table)
    return msg(
        "events.csv",
        line_of(table[:3] + [["x"]], "x"),
        "id",
        f"duplicate id (first on line {line_of(table, table[2][0])})",
        table[2][0],
    )


@case("a whole row pasted twice in sources.csv")
def c_row_pasted_twice(d):
    table = rows(d, "sources.csv")
    write(d, "sources.csv", table[:3] + [table[2]] + table[3:])
    return msg(
        "sources.csv",
        line_of(table, table[2][0]) + 1,
        "id",
        f"duplicate id (first on line {line_of(table, table[2][0])})",
        table[2][0],
    )


@case("two readout topics with the same order number")
def c_duplicate_readout_order(d):
    table = rows(d, "readouts.csv")
    col = table[0].index("order")
    value = table[3][col]
    table[4][col] = value
    write(d, "readouts.csv", table)
    return msg(
        "readouts.csv",
        line_of(table, table[4][0]),
        "order",
        f"duplicate value (first on line {line_of(table, table[3][0])})",
        value,
    )


# --------------------------------------------------------------------------- dates against each other and as_of


@case("a future date (after as_of) in an event")
def c_future_date(d):
    line, _ = set_cell(d, "events.csv", "start_date", "2031-01-15")
    as_of = descriptor(d)["as_of"]
    return msg("events.csv", line, "start_date", f"is after the data's as_of date {as_of}", "2031-01-15")


@case("control_since after as_of for a place")
def c_future_control(d):
    line, _ = set_cell(d, "places.csv", "control_since", "2031-01-15", "pl-simferopol")
    return msg(
        "places.csv", line, "control_since", f"is after the data's as_of date {descriptor(d)['as_of']}", "2031-01-15"
    )


@case("an era whose end_date is before its start")
def c_end_before_start(d):
    table = rows(d, "events.csv")
    era = next(r for r in table[1:] if r[table[0].index("type")] == "era")
    line, _ = set_cell(d, "events.csv", "end_date", "1900-01-01", era[0])
    return msg(
        "events.csv", line, "end_date", f"ends before it starts ({era[table[0].index('start_date')]})", "1900-01-01"
    )


@case("an era's end_date deleted")
def c_era_without_end(d):
    table = rows(d, "events.csv")
    era = next(r for r in table[1:] if r[table[0].index("type")] == "era")
    line, _ = set_cell(d, "events.csv", "end_date", "", era[0])
    return msg("events.csv", line, "end_date", "an era needs an end_date (it is drawn as a span)")


# --------------------------------------------------------------------------- quotes, commas and long cells


@case("a quote opened and never closed in a text cell")
def c_open_quote(d):
    table = rows(d, "events.csv")
    row = table[5]
    line = line_of(table, row[0])
    text = (d / "events.csv").read_text(encoding="utf-8")
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\n").writerow(row)
    original = buf.getvalue()
    col = table[0].index("text")
    broken = original.replace(("," + _quoted(row[col]) + ","), ',"' + row[col].replace('"', "") + ",", 1)
    assert broken != original
    (d / "events.csv").write_text(text.replace(original, broken, 1), encoding="utf-8")
    return msg(
        "events.csv",
        line,
        "text",
        'a quote (") opened in this cell is never closed, so the lines after it were read into it: close the quote',
        (row[col].replace('"', "") + ",")[:40],
    )


def _quoted(value: str) -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="").writerow([value])
    return buf.getvalue()


@case("a quote left open in the last row of glossary.csv (runs to the end of the file)")
def c_open_quote_last_row(d):
    text = (d / "glossary.csv").read_text(encoding="utf-8").rstrip("\n")
    head, last = text.rsplit("\n", 1)
    cells = next(csv.reader([last]))
    cells[2] = '"' + cells[2].replace('"', "")
    (d / "glossary.csv").write_text(head + "\n" + ",".join(cells) + "\n", encoding="utf-8")
    return msg(
        "glossary.csv",
        len(text.split("\n")),
        "definition",
        'a quote (") opened in this cell is never closed, so the lines after it were read into it: close the '
        "quote (it runs to the end of the file)",
        cells[2][1:41],
    )


@case("an unquoted comma inside a text cell (one cell too many)")
def c_unquoted_comma(d):
    table = rows(d, "glossary.csv")
    text = (d / "glossary.csv").read_text(encoding="utf-8").split("\n")
    k = next(i for i, ln in enumerate(text) if ln.startswith(table[3][0] + ","))
    text[k] = f"{table[3][0]},a term, with a comma,a definition,{table[3][3]},{table[3][4]}"
    (d / "glossary.csv").write_text("\n".join(text), encoding="utf-8")
    return msg(
        "glossary.csv",
        k + 1,
        None,
        f"row has {len(table[0]) + 1} cells but the header has {len(table[0])}: "
        "put a cell that contains a comma in double quotes",
        text[k][:80],
    )


@case("a cell cut short: a row with one cell too few")
def c_short_row(d):
    table = rows(d, "parties.csv")
    table[2] = table[2][:-1]
    write(d, "parties.csv", table)
    return msg(
        "parties.csv",
        3,
        None,
        f"row has {len(table[0]) - 1} cells but the header has {len(table[0])}: a cell is missing or merged",
        ",".join(table[2])[:80],
    )


@case("a 200,000-character cell (a paste gone wrong)")
def c_huge_cell(d):
    line, _ = set_cell(d, "events.csv", "text", "x" * 200_000)
    return msg(
        "events.csv",
        line,
        "text",
        f"cell is 200,000 characters long (at most {MAX_CELL:,}): shorten it, or close a quote left open",
        "x" * 40,
    )


@case("a 5,000-character headline")
def c_long_headline(d):
    set_cell(d, "events.csv", "headline", "A" * 5000)
    return ACCEPTED


@case("a line break inside a quoted cell (Alt+Enter), and an error two rows later")
def c_line_break_then_error(d):
    table = rows(d, "events.csv")
    table[3][table[0].index("text")] += "\nSecond paragraph."
    write(d, "events.csv", table)
    line, _ = set_cell(d, "events.csv", "category", "economy", table[5][0])
    return msg(
        "events.csv",
        line_of(table, table[5][0]),
        "category",
        f"not one of the allowed values {schema_field(d, 'events', 'category')['constraints']['enum']}",
        "economy",
    )


@case("a spreadsheet formula =HYPERLINK(...) in a headline")
def c_formula_headline(d):
    set_cell(d, "events.csv", "headline", '=HYPERLINK("https://example.org","click")')
    return ACCEPTED


@case("HTML and script in an event headline and text")
def c_markup(d):
    set_cell(d, "events.csv", "headline", "<script>alert(1)</script><img src=x onerror=alert(2)>")
    set_cell(d, "events.csv", "text", "<b>bold</b> & <u>INJ</u>")
    return ACCEPTED


@case("markup appended to every event's headline and note")
def c_markup_everywhere(d):
    table = rows(d, "events.csv")
    for r in table[1:]:
        for col in ("headline", "note"):
            k = table[0].index(col)
            r[k] = (r[k] + " <u>INJ</u>").strip()
    write(d, "events.csv", table)
    return ACCEPTED


@case("a run of '???' in a headline (characters lost in a copy)")
def c_question_run(d):
    line, _ = set_cell(d, "events.csv", "headline", "Talks in ??????")
    return msg(
        "events.csv",
        line,
        "headline",
        "has '?' where letters should be: the file was probably saved in a "
        "non-UTF-8 encoding ('ANSI'); restore it and save as CSV UTF-8",
        "Talks in ??????",
    )


@case("a headline ending in a question mark")
def c_one_question_mark(d):
    set_cell(d, "events.csv", "headline", "A ceasefire at last?")
    return ACCEPTED


# --------------------------------------------------------------------------- places and scripts


@case("a Ukrainian name typed in Latin letters")
def c_latin_name_uk(d):
    line, _ = set_cell(d, "places.csv", "name_uk", "Simferopol", "pl-simferopol")
    return msg(
        "places.csv",
        line,
        "name_uk",
        "has no Cyrillic letter: this column holds the name in Cyrillic script",
        "Simferopol",
    )


@case("a Russian name with its letters turned into '?'")
def c_question_marks_name_ru(d):
    line, _ = set_cell(d, "places.csv", "name_ru", "??????????", "pl-simferopol")
    return msg(
        "places.csv",
        line,
        "name_ru",
        "has '?' where letters should be: the file was probably saved in a "
        "non-UTF-8 encoding ('ANSI'); restore it and save as CSV UTF-8",
        "??????????",
    )


@case("a Crimean Tatar name with one letter turned into '?'")
def c_question_mark_crh(d):
    value = cell(d, "places.csv", "name_crh", "pl-simferopol")[:-1] + "?"
    line, _ = set_cell(d, "places.csv", "name_crh", value, "pl-simferopol")
    return msg(
        "places.csv",
        line,
        "name_crh",
        "has '?' where letters should be: the file was probably saved in a "
        "non-UTF-8 encoding ('ANSI'); restore it and save as CSV UTF-8",
        value,
    )


@case("the Crimean Tatar name of a Crimean place deleted")
def c_missing_crh(d):
    line, _ = set_cell(d, "places.csv", "name_crh", "", "pl-yalta")
    return msg("places.csv", line, "name_crh", "places in Crimea need their Crimean Tatar name")


@case("latitude and longitude swapped for a Crimean place (Simferopol)")
def c_swapped_crimea(d):
    line, lat, lon = swap(d, "pl-simferopol")
    return msg(
        "places.csv",
        line,
        "lat",
        "in_crimea is true but the point is not in Crimea (latitude and longitude swapped?)",
        f"{lat}, {lon}",
    )


@case("latitude and longitude swapped for a place with a region (Odesa)")
def c_swapped_region(d):
    line, lat, lon = swap(d, "pl-odesa")
    region = cell(d, "places.csv", "region_id", "pl-odesa")
    return msg("places.csv", line, "lat", f"the point is not inside its region {region}", f"{lat}, {lon}")


@case("latitude and longitude swapped for a place without a region (Washington)")
def c_swapped_no_region(d):
    line, lat, lon = swap(d, "pl-washington")
    return msg(
        "places.csv",
        line,
        "lat",
        "the point is not in United States (latitude and longitude swapped?)",
        f"{lat}, {lon}",
    )


@case("a minus sign lost on a longitude west of Greenwich (New York)")
def c_lost_minus(d):
    line, lat, lon = place_row(d, "pl-new-york")
    set_cell(d, "places.csv", "lon", str(-lon), "pl-new-york")
    return msg("places.csv", line, "lat", "the point is not in United States", f"{lat}, {-lon}")


@case("in_crimea set to false for a place inside Crimea (Yalta)")
def c_in_crimea_false(d):
    line, lat, lon = place_row(d, "pl-yalta")
    set_cell(d, "places.csv", "in_crimea", "false", "pl-yalta")
    return msg(
        "places.csv",
        line,
        "in_crimea",
        "in_crimea is false but the point lies in Crimea: set it to true or fix the coordinates",
        f"{lat}, {lon}",
    )


@case("in_crimea set to true for a place outside Crimea (Kherson)")
def c_in_crimea_true(d):
    line, lat, lon = place_row(d, "pl-kherson")
    set_cell(d, "places.csv", "in_crimea", "true", "pl-kherson")
    set_cell(d, "places.csv", "name_crh", "Xerson", "pl-kherson")
    return msg("places.csv", line, "lat", "in_crimea is true but the point is not in Crimea", f"{lat}, {lon}")


# --------------------------------------------------------------------------- GeoJSON


@case("borders.geojson cut in half (a failed copy)")
def c_truncated_borders(d):
    text = (d / "borders.geojson").read_text(encoding="utf-8")
    (d / "borders.geojson").write_text(text[: len(text) // 2], encoding="utf-8")
    return json_error(text[: len(text) // 2], "borders.geojson")


@case("control.geojson cut 10 bytes before the end")
def c_truncated_control(d):
    text = (d / "control.geojson").read_text(encoding="utf-8")
    (d / "control.geojson").write_text(text[:-10], encoding="utf-8")
    return json_error(text[:-10], "control.geojson")


@case('a feature with "geometry": null')
def c_null_geometry(d):
    value = layer(d, "borders")
    i = feature_index(value, "ua-40")
    value["features"][i]["geometry"] = None
    save_layer(d, "borders", value)
    return msg(
        "borders.geojson",
        None,
        f"feature {i} (ua-40) geometry",
        'feature has no geometry ("geometry": null): give it a Polygon or MultiPolygon',
    )


@case("a feature whose geometry is a Point")
def c_point_geometry(d):
    value = layer(d, "borders")
    value["features"][0]["geometry"] = {"type": "Point", "coordinates": [34.1, 44.9]}
    save_layer(d, "borders", value)
    fid = value["features"][0]["properties"]["id"]
    return msg("borders.geojson", None, f"feature 0 ({fid}) geometry", "expected a Polygon or MultiPolygon", "Point")


@case("'features' is an object, not a list")
def c_features_object(d):
    value = layer(d, "control")
    value["features"] = {"a": value["features"][0]}
    save_layer(d, "control", value)
    return msg("control.geojson", None, "features", '"features" must be a list of features', "dict")


@case("a FeatureCollection with no features")
def c_no_features(d):
    value = layer(d, "control")
    value["features"] = []
    save_layer(d, "control", value)
    return msg("control.geojson", None, "features", "FeatureCollection has no features")


@case("a plain list saved instead of a FeatureCollection")
def c_not_a_collection(d):
    save_layer(d, "control", layer(d, "control")["features"])
    return msg("control.geojson", None, "type", 'expected a GeoJSON FeatureCollection ("type": "FeatureCollection")')


@case('a feature without "type": "Feature"')
def c_feature_without_type(d):
    value = layer(d, "control")
    del value["features"][0]["type"]
    save_layer(d, "control", value)
    return msg("control.geojson", None, "feature 0", 'expected a GeoJSON Feature ("type": "Feature")')


@case("a feature id deleted")
def c_feature_without_id(d):
    value = layer(d, "control")
    del value["features"][0]["properties"]["id"]
    save_layer(d, "control", value)
    return msg("control.geojson", None, "feature 0 (no id) properties.id", "feature has no id")


@case("two features with the same id")
def c_duplicate_feature_id(d):
    value = layer(d, "borders")
    fid = value["features"][0]["properties"]["id"]
    value["features"][1]["properties"]["id"] = fid
    save_layer(d, "borders", value)
    return msg("borders.geojson", None, f"feature 1 ({fid}) properties.id", "duplicate feature id", fid)


@case("a feature citing no source")
def c_feature_no_source(d):
    value = layer(d, "control")
    value["features"][0]["properties"]["source_ids"] = ""
    save_layer(d, "control", value)
    fid = value["features"][0]["properties"]["id"]
    return msg("control.geojson", None, f"feature 0 ({fid}) properties.source_ids", "feature cites no source")


@case("a feature citing an unknown source")
def c_feature_unknown_source(d):
    value = layer(d, "control")
    value["features"][0]["properties"]["source_ids"] = "nobody-20250101-nothing"
    save_layer(d, "control", value)
    fid = value["features"][0]["properties"]["id"]
    return msg(
        "control.geojson",
        None,
        f"feature 0 ({fid}) properties.source_ids",
        "unknown id: not in sources",
        "nobody-20250101-nothing",
    )


@case("control valid_to before valid_from")
def c_valid_to_before_from(d):
    value = layer(d, "control")
    value["features"][0]["properties"]["valid_to"] = "2000-01-01"
    save_layer(d, "control", value)
    fid = value["features"][0]["properties"]["id"]
    return msg("control.geojson", None, f"feature 0 ({fid}) properties.valid_to", "ends before it starts", "2000-01-01")


@case("control valid_from written as words")
def c_valid_from_words(d):
    value = layer(d, "control")
    value["features"][0]["properties"]["valid_from"] = "spring 2014"
    save_layer(d, "control", value)
    fid = value["features"][0]["properties"]["id"]
    return msg(
        "control.geojson",
        None,
        f"feature 0 ({fid}) properties.valid_from",
        "wrong type: expected a date YYYY-MM-DD",
        "spring 2014",
    )


@case("control valid_from after as_of")
def c_valid_from_future(d):
    value = layer(d, "control")
    value["features"][0]["properties"]["valid_from"] = "2031-01-01"
    value["features"][0]["properties"].pop("valid_to", None)
    save_layer(d, "control", value)
    fid = value["features"][0]["properties"]["id"]
    return msg(
        "control.geojson",
        None,
        f"feature 0 ({fid}) properties.valid_from",
        f"is after the data's as_of date {descriptor(d)['as_of']}",
        "2031-01-01",
    )


def _first_ring(value, i):
    geom = value["features"][i]["geometry"]
    return geom["coordinates"][0] if geom["type"] == "Polygon" else geom["coordinates"][0][0]


@case("a ring whose last position was deleted (not closed)")
def c_ring_not_closed(d):
    value = layer(d, "control")
    ring = _first_ring(value, 0)
    ring.pop()
    save_layer(d, "control", value)
    fid = value["features"][0]["properties"]["id"]
    return msg(
        "control.geojson",
        None,
        f"feature 0 ({fid}) polygon 0 ring 0",
        "ring is not closed (first and last positions differ)",
        f"{tuple(map(float, ring[0][:2]))} ... {tuple(map(float, ring[-1][:2]))}",
    )


@case("a ring wound clockwise (drawn by hand in the wrong direction)")
def c_ring_clockwise(d):
    value = layer(d, "control")
    ring = _first_ring(value, 0)
    ring.reverse()
    save_layer(d, "control", value)
    fid = value["features"][0]["properties"]["id"]
    return msg(
        "control.geojson",
        None,
        f"feature 0 ({fid}) polygon 0 ring 0",
        "exterior ring is clockwise; RFC 7946 wants counter-clockwise",
    )


@case("a ring with a longitude of 200")
def c_ring_out_of_range(d):
    value = layer(d, "control")
    ring = _first_ring(value, 0)
    ring[1] = [200.0, ring[1][1]]
    save_layer(d, "control", value)
    fid = value["features"][0]["properties"]["id"]
    return msg(
        "control.geojson",
        None,
        f"feature 0 ({fid}) polygon 0 ring 0",
        "coordinate out of range (lon -180..180, lat -90..90)",
        (200.0, float(ring[1][1])),
    )


@case("a ring with only three positions")
def c_ring_too_short(d):
    value = layer(d, "control")
    geom = value["features"][0]["geometry"]
    short = [[33.0, 45.0], [34.0, 45.0], [33.0, 45.0]]
    geom["coordinates"] = [short] if geom["type"] == "Polygon" else [[short]]
    save_layer(d, "control", value)
    fid = value["features"][0]["properties"]["id"]
    return msg("control.geojson", None, f"feature 0 ({fid}) polygon 0 ring 0", "ring needs at least 4 positions", 3)


@case("a ring position written as text")
def c_ring_text_position(d):
    value = layer(d, "control")
    ring = _first_ring(value, 0)
    ring[1] = "34.1, 44.9"
    save_layer(d, "control", value)
    fid = value["features"][0]["properties"]["id"]
    return msg(
        "control.geojson", None, f"feature 0 ({fid}) polygon 0 ring 0", "ring has a position that is not [lon, lat]"
    )


# --------------------------------------------------------------------------- datapackage.json


@case("datapackage.json cut short (editor crash)")
def c_truncated_descriptor(d):
    text = (d / "datapackage.json").read_text(encoding="utf-8")
    (d / "datapackage.json").write_text(text[: len(text) * 2 // 3], encoding="utf-8")
    return json_error(text[: len(text) * 2 // 3], "datapackage.json")


@case("'as_of' removed from datapackage.json")
def c_no_as_of(d):
    value = descriptor(d)
    del value["as_of"]
    save_descriptor(d, value)
    return msg(
        "datapackage.json",
        None,
        "as_of",
        'as_of is missing: add "as_of": "YYYY-MM-DD", the date up to which the data is checked',
    )


@case("as_of written day-first ('30/06/2025')")
def c_as_of_day_first(d):
    value = descriptor(d)
    value["as_of"] = "30/06/2025"
    save_descriptor(d, value)
    return msg("datapackage.json", None, "as_of", "wrong type: expected a date YYYY-MM-DD", "30/06/2025")


@case("a resource path pointing outside data/")
def c_path_outside(d):
    value = descriptor(d)
    value["resources"][1]["path"] = "../../../../etc/passwd"
    save_descriptor(d, value)
    return msg(
        "datapackage.json",
        None,
        "resources[1].path",
        "path leaves the data folder: give a file name inside data/",
        "../../../../etc/passwd",
    )


@case("an absolute resource path")
def c_path_absolute(d):
    value = descriptor(d)
    value["resources"][2]["path"] = "/etc/hostname"
    save_descriptor(d, value)
    return msg(
        "datapackage.json",
        None,
        "resources[2].path",
        "path leaves the data folder: give a file name inside data/",
        "/etc/hostname",
    )


@case("a resource entry without a path")
def c_resource_without_path(d):
    value = descriptor(d)
    del value["resources"][3]["path"]
    save_descriptor(d, value)
    return msg("datapackage.json", None, "resources[3]", "a resource needs a name and a path")


@case("two resources with the same name")
def c_duplicate_resource_name(d):
    value = descriptor(d)
    value["resources"][4]["name"] = value["resources"][3]["name"]
    save_descriptor(d, value)
    return msg("datapackage.json", None, "resources[4].name", "duplicate resource name", value["resources"][3]["name"])


@case("a reference declared in x-references whose id is missing")
def c_declared_list_reference(d):
    value = descriptor(d)
    res = next(r for r in value["resources"] if r["name"] == "glossary")
    res["schema"].setdefault("x-references", []).append(
        {"fields": "category", "delimiter": ";", "reference": {"resource": "parties", "fields": "id"}}
    )
    save_descriptor(d, value)
    table = rows(d, "glossary.csv")
    first = table[1][table[0].index("category")]
    return msg("glossary.csv", 2, "category", "unknown id: not in parties", first)


# --------------------------------------------------------------------------- the test


@pytest.fixture()
def copy(tmp_path):
    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns("staging"))
    return tmp_path / "data"


def test_there_are_at_least_80_cases():
    assert len(CASES) >= 80, len(CASES)


@pytest.mark.parametrize("name", list(CASES))
def test_corruption(copy, name):
    description, edit = CASES[name]
    expected = edit(copy)
    if expected == ACCEPTED:
        pkg = data.read_package(copy)  # any DataError fails the case
        original = data.package()
        for table, frame in original.tables.items():
            assert list(pkg.tables[table].index) == list(frame.index), f"{description}: rows of {table} changed"
        return
    try:
        data.read_package(copy)
    except data.DataError as err:
        found = [str(p) for p in err.problems]
    else:
        raise AssertionError(f"{description}: accepted silently")
    assert expected in found, f"{description}: expected\n  {expected}\ngot\n  " + "\n  ".join(found[:10])
