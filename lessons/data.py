"""Load and validate the curated data package in ``data/``.

``load(name)`` returns one resource as a typed DataFrame (dates parsed, enums as
ordered categoricals, id lists as tuples); ``geojson(name)`` returns a GeoJSON
resource as a dict. Everything is validated against ``data/datapackage.json`` on
first use and cached for the life of the kernel. Any problem raises a single
:class:`DataError` that lists every problem with file, line, column and value;
no row is ever dropped silently, and nothing here touches the network.

Run ``python -m lessons.data --check`` to validate from the command line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import re
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import geo

DATA_DIR = Path(os.environ.get("LESSONS_DATA_DIR", Path(__file__).resolve().parent.parent / "data"))

#: Fields holding semicolon-separated ids, and the resource their ids point into.
LIST_REFERENCES = {
    "source_ids": "sources",
    "actors": "parties",
    "proposed_by": "parties",
    "accepted_by": "parties",
    "concept_ids": "glossary",
    "event_ids": "events",
}
#: Single-valued references that the loader checks itself (frictionless checks
#: the ones declared as foreignKeys too; the loader checks all of them so that
#: the error message is the same everywhere).
SINGLE_REFERENCES = {
    "place_id": "places",
    "party_id": "parties",
    "controlled_by": "parties",
    "according_to": "parties",
    "concept_id": "glossary",
}
#: Date fields that describe the world (not publication dates): none may lie after as_of.
WORLD_DATES = {"start_date", "end_date", "date", "announced_date", "control_since", "valid_from", "valid_to"}
#: Resources whose ``date`` field is a publication or access date, exempt from the as_of check.
PUBLICATION_RESOURCES = {"sources"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as possible."""

    file: str
    line: int | None
    column: str | None
    value: object
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column {self.column!r}"
        shown = "" if self.value in (None, "") else f" (value {str(self.value)[:80]!r})"
        return f"{where}: {self.message}{shown}"


class DataError(ValueError):
    """The data package is broken. ``problems`` lists every :class:`Problem` found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems[:200])
        more = "" if len(self.problems) <= 200 else f"\n  ... and {len(self.problems) - 200} more"
        super().__init__(f"{len(self.problems)} problem(s) in the data package:\n{lines}{more}")


@dataclass
class Package:
    """The validated data package: descriptor, typed tables and GeoJSON layers."""

    directory: Path
    descriptor: dict
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    layers: dict[str, dict] = field(default_factory=dict)

    @property
    def as_of(self) -> dt.date:
        return dt.date.fromisoformat(self.descriptor["as_of"])

    @property
    def point_of_view(self) -> str:
        return self.descriptor["point_of_view"]

    def schema(self, name: str) -> dict:
        return _resource(self.descriptor, name)["schema"]


def split_ids(value) -> tuple[str, ...]:
    """``'a;b'`` -> ``('a', 'b')``; empty or missing -> ``()``."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return ()
    if isinstance(value, tuple):
        return value
    return tuple(part for part in str(value).split(";") if part)


# --------------------------------------------------------------------------- reading


def _resource(descriptor: dict, name: str) -> dict:
    for res in descriptor["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no resource named {name!r} in datapackage.json")


def _decode(path: Path, problems: list[Problem]) -> str | None:
    """Read a file as UTF-8, reporting the line and column of any bad byte."""
    name = path.name
    if not path.exists():
        problems.append(Problem(name, None, None, None, "file is missing"))
        return None
    raw = path.read_bytes()
    if not raw.strip():
        problems.append(Problem(name, 1, None, None, "file is empty (expected a header row and data)"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        start = raw.rfind(b"\n", 0, err.start) + 1
        prefix = raw[start : err.start].decode("utf-8", "replace")
        column = None
        if path.suffix == ".csv":
            header = next(csv.reader(io.StringIO(raw.split(b"\n", 1)[0].decode("utf-8", "replace"))), [])
            index = len(next(csv.reader(io.StringIO(prefix)), [""])) - 1
            column = header[index] if 0 <= index < len(header) else None
        problems.append(Problem(name, line, column, raw[err.start : err.start + 4],
                                "is not valid UTF-8: save the file with UTF-8 encoding"))
        return None
    return text.removeprefix("\ufeff")


_TRUE, _FALSE = {"true", "True", "TRUE", "1", "yes"}, {"false", "False", "FALSE", "0", "no"}


def _parse(value: str, ftype: str):
    """Parse one CSV cell to its Table Schema type; raise ValueError if it does not fit."""
    if ftype == "string":
        return value
    if ftype == "date":
        return dt.date.fromisoformat(value) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else _bad("a date YYYY-MM-DD")
    if ftype == "integer":
        return int(value) if re.fullmatch(r"-?\d+", value) else _bad("a whole number")
    if ftype == "number":
        try:
            number = float(value)
        except ValueError:
            _bad("a number")
        if not math.isfinite(number):
            _bad("a finite number")
        return number
    if ftype == "boolean":
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        _bad("true or false")
    raise ValueError(f"unsupported field type {ftype}")


def _bad(expected: str):
    raise ValueError(f"expected {expected}")


def _read_table(directory: Path, resource: dict, problems: list[Problem]) -> tuple[list[dict], dict[int, int]] | None:
    """Read and check one CSV resource cell by cell. Returns parsed rows and row->line numbers."""
    name = resource["path"]
    text = _decode(directory / name, problems)
    if text is None:
        return None
    fields = resource["schema"]["fields"]
    expected = [f["name"] for f in fields]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as err:
        problems.append(Problem(name, 1, None, None, f"cannot read the header row: {err}"))
        return None
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    for column in missing:
        problems.append(Problem(name, 1, column, None, "required column is missing from the header"))
    for column in extra:
        problems.append(Problem(name, 1, column, None, "unexpected column (not in datapackage.json)"))
    if len(set(header)) != len(header):
        problems.append(Problem(name, 1, None, ",".join(header), "header repeats a column name"))
    if missing or extra:
        return None
    rows, lines = [], {}
    seen: dict[str, dict] = {f["name"]: {} for f in fields if f.get("constraints", {}).get("unique")}
    records, start = [], reader.line_num + 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as err:
        problems.append(Problem(name, reader.line_num, None, None, f"malformed CSV: {err}"))
        return None
    for line, cells in records:
        if not cells or all(not c.strip() for c in cells):
            problems.append(Problem(name, line, None, None, "blank row"))
            continue
        if len(cells) != len(header):
            problems.append(Problem(name, line, None, ",".join(cells)[:80],
                                    f"row has {len(cells)} cells but the header has {len(header)}"))
            continue
        row = {}
        for fdef, raw in zip(fields, [cells[header.index(n)] for n in expected]):
            col, cons = fdef["name"], fdef.get("constraints", {})
            if raw.strip() != raw:
                problems.append(Problem(name, line, col, raw, "leading or trailing spaces"))
            if raw == "":
                if cons.get("required"):
                    problems.append(Problem(name, line, col, raw, "required value is empty"))
                row[col] = None
                continue
            try:
                value = _parse(raw, fdef["type"])
            except ValueError as err:
                problems.append(Problem(name, line, col, raw, f"wrong type: {err}"))
                row[col] = None
                continue
            if "enum" in cons and value not in cons["enum"]:
                problems.append(Problem(name, line, col, raw, f"not one of the allowed values {cons['enum']}"))
            if "pattern" in cons and not re.fullmatch(cons["pattern"], raw):
                problems.append(Problem(name, line, col, raw, f"does not match the pattern {cons['pattern']}"))
            if "minimum" in cons and value < cons["minimum"]:
                problems.append(Problem(name, line, col, raw, f"is below the minimum {cons['minimum']}"))
            if "maximum" in cons and value > cons["maximum"]:
                problems.append(Problem(name, line, col, raw, f"is above the maximum {cons['maximum']}"))
            if col in seen:
                if value in seen[col]:
                    problems.append(Problem(name, line, col, raw, f"duplicate id (first on line {seen[col][value]})"))
                else:
                    seen[col][value] = line
            row[col] = value
        lines[len(rows)] = line
        rows.append(row)
    return rows, lines


# --------------------------------------------------------------------------- checks across rows


def _check_rows(tables: dict, lines: dict, descriptor: dict, layer_ids: dict, problems: list[Problem]) -> None:
    as_of = dt.date.fromisoformat(descriptor["as_of"])
    ids = {name: {r["id"] for r in rows if r.get("id")} for name, rows in tables.items()}
    for res in descriptor["resources"]:
        name = res["name"]
        if name not in tables:
            continue
        path = res["path"]
        for i, row in enumerate(tables[name]):
            line = lines[name][i]
            for col, target in LIST_REFERENCES.items():
                if col in row and row[col] and target in ids:
                    for ref in split_ids(row[col]):
                        if ref not in ids[target]:
                            problems.append(Problem(path, line, col, ref, f"unknown id: not in {target}"))
            for col, target in SINGLE_REFERENCES.items():
                if row.get(col) and target in ids and row[col] not in ids[target]:
                    problems.append(Problem(path, line, col, row[col], f"unknown id: not in {target}"))
            if row.get("region_id") and row["region_id"] not in layer_ids.get("borders", set()):
                problems.append(Problem(path, line, "region_id", row["region_id"], "unknown id: not a feature of borders.geojson"))
            start, end = row.get("start_date"), row.get("end_date")
            if start and end and end < start:
                problems.append(Problem(path, line, "end_date", end.isoformat(), f"ends before it starts ({start.isoformat()})"))
            if name not in PUBLICATION_RESOURCES:
                for col in WORLD_DATES & row.keys():
                    if row[col] and row[col] > as_of:
                        problems.append(Problem(path, line, col, row[col].isoformat(),
                                                f"is after the data's as_of date {as_of.isoformat()}"))
            if name == "events" and row.get("type") == "era" and start and not end:
                problems.append(Problem(path, line, "end_date", "", "an era needs an end_date (it is drawn as a span)"))
            if name == "quiz" and row.get("proof"):
                target, _, ref = row["proof"].partition(":")
                if target not in ids or ref not in ids[target]:
                    problems.append(Problem(path, line, "proof", row["proof"], "points to no existing data row"))
            if name == "places":
                _check_place(path, line, row, problems)


def _check_place(path: str, line: int, row: dict, problems: list[Problem]) -> None:
    if row.get("in_crimea") and not row.get("name_crh"):
        problems.append(Problem(path, line, "name_crh", "", "places in Crimea need their Crimean Tatar name"))


def _check_places_against_map(tables: dict, lines: dict, layers: dict, problems: list[Problem]) -> None:
    """Coordinates must fall in the region they claim: catches swapped lat/lon."""
    borders = layers.get("borders")
    if not borders or "places" not in tables:
        return
    shapes = {f["properties"]["id"]: f["geometry"] for f in borders["features"]}
    crimea = [shapes[k] for k in geo.CRIMEA_IDS if k in shapes]
    for i, row in enumerate(tables["places"]):
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None:
            continue
        line = lines["places"][i]
        if row.get("in_crimea") and crimea and not any(geo.contains(g, lon, lat) for g in crimea):
            hint = " (latitude and longitude swapped?)" if any(geo.contains(g, lat, lon) for g in crimea) else ""
            problems.append(Problem("places.csv", line, "lat", f"{lat}, {lon}", f"in_crimea is true but the point is not in Crimea{hint}"))
        region = row.get("region_id")
        if region in shapes and region not in geo.CRIMEA_IDS and not geo.contains(shapes[region], lon, lat):
            problems.append(Problem("places.csv", line, "lat", f"{lat}, {lon}", f"the point is not inside its region {region}"))


def _read_layer(directory: Path, resource: dict, source_ids: set, as_of: dt.date, problems: list[Problem]) -> dict | None:
    name = resource["path"]
    text = _decode(directory / name, problems)
    if text is None:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        problems.append(Problem(name, err.lineno, None, None, f"not valid JSON: {err.msg}"))
        return None
    problems.extend(geo.validate_collection(name, data, source_ids, as_of))
    return data


# --------------------------------------------------------------------------- typed frames


def _frame(rows: list[dict], schema: dict) -> pd.DataFrame:
    columns = [f["name"] for f in schema["fields"]]
    frame = pd.DataFrame(rows, columns=columns)
    for fdef in schema["fields"]:
        col, ftype, cons = fdef["name"], fdef["type"], fdef.get("constraints", {})
        if ftype == "date":
            frame[col] = pd.to_datetime(frame[col])
        elif ftype == "integer":
            frame[col] = frame[col].astype("Int64")
        elif ftype == "number":
            frame[col] = frame[col].astype("float64")
        elif ftype == "boolean":
            frame[col] = frame[col].astype("boolean")
        elif "enum" in cons:
            frame[col] = pd.Categorical(frame[col], categories=cons["enum"], ordered=True)
        elif col in LIST_REFERENCES:
            frame[col] = frame[col].map(split_ids)
        else:
            frame[col] = frame[col].astype("string")
    if "id" in frame:
        frame.index = pd.Index(frame["id"].astype(str), name="row")
    return frame


# --------------------------------------------------------------------------- public API


def read_package(directory: str | Path | None = None) -> Package:
    """Read and validate the package at ``directory`` (default ``data/``). Not cached."""
    directory = Path(directory or DATA_DIR)
    problems: list[Problem] = []
    text = _decode(directory / "datapackage.json", problems)
    if text is None:
        raise DataError(problems)
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as err:
        raise DataError([Problem("datapackage.json", err.lineno, None, None, f"not valid JSON: {err.msg}")]) from None
    raw, lines = {}, {}
    for res in descriptor["resources"]:
        if res.get("type") == "json":
            continue
        got = _read_table(directory, res, problems)
        if got is not None:
            raw[res["name"]], lines[res["name"]] = got
    source_ids = {r["id"] for r in raw.get("sources", []) if r.get("id")}
    as_of = dt.date.fromisoformat(descriptor["as_of"])
    layers = {}
    for res in descriptor["resources"]:
        if res.get("type") == "json":
            layer = _read_layer(directory, res, source_ids, as_of, problems)
            if layer is not None:
                layers[res["name"]] = layer
    layer_ids = {name: {f.get("properties", {}).get("id") for f in layer.get("features", [])} for name, layer in layers.items()}
    _check_rows(raw, lines, descriptor, layer_ids, problems)
    if "quiz" in raw:  # kind-specific quiz checks; lessons.quiz.validate does not import this module back
        from .quiz.validate import quiz_problems

        seen = {(p.file, p.line, p.column) for p in problems}  # a cell the schema checks refused is reported once
        problems += [Problem(p.file, p.line, p.column, p.value, p.message)
                     for p in quiz_problems(raw["quiz"], lines["quiz"], raw, _resource(descriptor, "quiz")["path"])
                     if (p.file, p.line, p.column) not in seen]
    _check_places_against_map(raw, lines, layers, problems)
    if problems:
        raise DataError(problems)
    package = Package(directory, descriptor, layers=layers)
    for res in descriptor["resources"]:
        if res["name"] in raw:
            package.tables[res["name"]] = _frame(raw[res["name"]], res["schema"])
    return package


@lru_cache(maxsize=4)
def _cached(directory: str, stamp: tuple) -> Package:
    return read_package(directory)


def package(directory: str | Path | None = None) -> Package:
    """The validated package, cached for the life of the kernel (re-read if a file changes)."""
    directory = Path(directory or DATA_DIR)
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in directory.iterdir() if p.is_file()))
    return _cached(str(directory), stamp)


def load(name: str, directory: str | Path | None = None) -> pd.DataFrame:
    """One tabular resource as a typed DataFrame (a copy: change it freely)."""
    pkg = package(directory)
    if name not in pkg.tables:
        raise KeyError(f"no table named {name!r}; tables: {', '.join(pkg.tables)}")
    return pkg.tables[name].copy()


def geojson(name: str, directory: str | Path | None = None) -> dict:
    """A GeoJSON resource (``borders`` or ``control``) as a dict. Treat it as read-only."""
    return package(directory).layers[name]


def typed_frame(name: str, rows: list[dict], descriptor: dict | None = None) -> pd.DataFrame:
    """Rows given as dicts, typed exactly as :func:`load` types resource ``name`` (for tests and examples).

    Missing columns become empty; ISO date strings are parsed. No validation is done."""
    descriptor = descriptor or json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    schema = _resource(descriptor, name)["schema"]
    filled = []
    for row in rows:
        row = {f["name"]: row.get(f["name"]) for f in schema["fields"]}
        for f in schema["fields"]:
            if f["type"] == "date" and isinstance(row[f["name"]], str):
                row[f["name"]] = dt.date.fromisoformat(row[f["name"]])
        filled.append(row)
    return _frame(filled, schema)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m lessons.data", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate the package and print counts")
    parser.add_argument("--dir", default=None, help="data directory (default: the package's data/)")
    args = parser.parse_args(argv)
    try:
        pkg = read_package(args.dir)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    for name, frame in pkg.tables.items():
        print(f"{name:16} {len(frame):5d} rows")
    for name, layer in pkg.layers.items():
        print(f"{name:16} {len(layer['features']):5d} features")
    primary = (pkg.tables["sources"]["kind"] == "primary").mean() if len(pkg.tables["sources"]) else 0
    print(f"primary sources: {primary:.0%}; as of {pkg.as_of}; OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
