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

from . import checks, csv_checks, geo_checks
from .checks import DataError, Problem, Reference, references, split_ids  # re-exported: callers keep data.split_ids

__all__ = [
    "DataError",
    "Problem",
    "Reference",
    "Package",
    "split_ids",
    "references",
    "load",
    "geojson",
    "party_names",
    "package",
    "read_package",
    "typed_frame",
    "find_data_dir",
    "DATA_DIR",
]

_HERE = Path(__file__).resolve().parent
#: Set this environment variable to the folder that holds datapackage.json to use another copy of the data.
DATA_ENV = "LESSONS_DATA_DIR"


def data_dir_candidates() -> list[Path]:
    """Where the data is looked for, in order: $LESSONS_DATA_DIR, the clone's data/, then data/ beside or above
    the working folder (a notebook runs in notebooks/, so ../data is the clone's)."""
    if os.environ.get(DATA_ENV):
        return [Path(os.environ[DATA_ENV])]
    cwd = Path.cwd()
    return list(dict.fromkeys([_HERE.parent / "data", cwd / "data", cwd.parent / "data"]))


def find_data_dir() -> Path:
    """The first candidate folder that holds a datapackage.json (else the first candidate)."""
    candidates = data_dir_candidates()
    return next((c for c in candidates if (c / "datapackage.json").is_file()), candidates[0])


DATA_DIR = find_data_dir()


def _missing_folder(directory: Path) -> DataError:
    looked = [str(directory)] if directory != DATA_DIR else [str(c) for c in data_dir_candidates()]
    return DataError(
        [
            Problem(
                str(directory),
                None,
                None,
                None,
                "no data folder here (no datapackage.json). Looked in: " + "; ".join(looked) + ". "
                f"The data is not inside the installed package: it is the data/ folder of the lessons' repository. "
                f"Run the notebooks from a clone (pip install -e .), or set {DATA_ENV} to the folder that holds "
                "datapackage.json, e.g. os.environ['LESSONS_DATA_DIR'] = '/path/to/data' before importing lessons.data.",
            )
        ],
        directory,
        fix=f"point {DATA_ENV} at the folder that holds datapackage.json (or run from a clone), "
        "then restart the kernel.",
    )


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
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        problems.append(
            Problem(name, 1, None, None, "is saved as UTF-16 ('Unicode Text'), not UTF-8: save the file as CSV UTF-8")
        )
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
        problems.append(
            Problem(
                name,
                line,
                column,
                raw[err.start : err.start + 4],
                "is not valid UTF-8: save the file with UTF-8 encoding",
            )
        )
        return None
    return text.removeprefix("\ufeff")


_TRUE, _FALSE = {"true", "True", "TRUE", "1", "yes"}, {"false", "False", "FALSE", "0", "no"}


def _parse(value: str, ftype: str):
    """Parse one CSV cell to its Table Schema type; raise ValueError if it does not fit."""
    if ftype == "string":
        return value
    if ftype == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            _bad("a date YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            _bad("a date YYYY-MM-DD that exists (no such day)")
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


csv.field_size_limit(16 * 1024 * 1024)  # long cells reach csv_checks.long_cell_problem, which names the cell


def _records(name: str, text: str, problems: list[Problem]) -> tuple[list[str], list] | None:
    """The header and the (line, cells) records of a CSV text; line is the record's first physical line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as err:
        problems.append(Problem(name, 1, None, None, f"cannot read the header row: {err}"))
        return None
    records, start = [], reader.line_num + 1
    try:
        for cells in reader:
            records.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as err:
        problems.append(Problem(name, reader.line_num, None, None, f"malformed CSV: {err}"))
        return None
    return header, records


def _read_table(
    directory: Path, resource: dict, problems: list[Problem], incomplete: set
) -> tuple[list[dict], dict[int, int]] | None:
    """Read and check one CSV resource cell by cell. Returns parsed rows and row->line numbers.

    Blank rows (a trailing empty line, or a spreadsheet's rows of empty cells) are skipped: they hold no data."""
    name = resource["path"]
    text = _decode(directory / name, problems)
    if text is None:
        return None
    got = _records(name, text, problems)
    if got is None:
        return None
    header, records = got
    fields = resource["schema"]["fields"]
    expected = [f["name"] for f in fields]
    found = csv_checks.header_problems(name, header, expected, records)
    problems.extend(found)
    if found or [c for c in expected if c not in header]:
        return None
    records = [(line, cells) for line, cells in records if cells and any(c.strip() for c in cells)]
    if not records:
        problems.append(Problem(name, 2, None, None, "the file has a header but no data rows (were they deleted?)"))
        return None
    rows, lines = [], {}
    seen: dict[str, dict] = {f["name"]: {} for f in fields if f.get("constraints", {}).get("unique")}
    for k, (line, cells) in enumerate(records):
        if len(cells) != len(header):
            problems.append(csv_checks.ragged_row_problem(name, line, cells, header, at_end=k == len(records) - 1))
            incomplete.add(resource["name"])
            continue
        row = {}
        for fdef, raw in zip(fields, [cells[header.index(n)] for n in expected]):
            row[fdef["name"]] = _cell(name, line, fdef, raw, seen, problems)
        lines[len(rows)] = line
        rows.append(row)
    return rows, lines


def _cell(name: str, line: int, fdef: dict, raw: str, seen: dict, problems: list[Problem]):
    """One cell parsed to its type, every broken constraint reported."""
    col, cons = fdef["name"], fdef.get("constraints", {})
    too_long = csv_checks.long_cell_problem(name, line, col, raw)
    if too_long:
        problems.append(too_long)
        return None
    if raw.strip() != raw:
        problems.append(Problem(name, line, col, raw, "leading or trailing spaces"))
    if raw == "":
        if cons.get("required"):
            problems.append(Problem(name, line, col, raw, "required value is empty"))
        return None
    try:
        value = _parse(raw, fdef["type"])
    except ValueError as err:
        problems.append(Problem(name, line, col, raw, f"wrong type: {err}"))
        return None
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
            what = "id" if col == "id" else "value"
            problems.append(Problem(name, line, col, raw, f"duplicate {what} (first on line {seen[col][value]})"))
        else:
            seen[col][value] = line
    return value


def _read_layer(directory: Path, resource: dict, source_ids: set, as_of, problems: list[Problem]) -> dict | None:
    name = resource["path"]
    text = _decode(directory / name, problems)
    if text is None:
        return None
    data = _json(name, text, problems)
    if data is None:
        return None
    found = geo_checks.check_collection(name, data, source_ids, as_of)
    problems.extend(found)
    return None if found else data


def _json(name: str, text: str, problems: list[Problem]):
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        cut = " (the file seems cut short)" if err.pos >= len(text.rstrip()) - 1 else ""
        problems.append(
            Problem(name, err.lineno, None, None, f"not valid JSON at character {err.colno}: {err.msg}{cut}")
        )
        return None


# --------------------------------------------------------------------------- typed frames


def _frame(rows: list[dict], schema: dict, lists: dict[str, str] | None = None) -> pd.DataFrame:
    lists = lists or {}
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
        elif col in lists:
            frame[col] = frame[col].map(lambda v, d=lists[col]: split_ids(v, d))
        else:
            frame[col] = frame[col].astype("string")
    if "id" in frame:
        frame.index = pd.Index(frame["id"].astype(str), name="row")
    return frame


# --------------------------------------------------------------------------- public API


def read_package(directory: str | Path | None = None) -> Package:
    """Read and validate the package at ``directory`` (default ``data/``). Not cached."""
    directory = Path(directory or DATA_DIR)
    if not (directory / "datapackage.json").is_file():
        raise _missing_folder(directory)
    problems: list[Problem] = []
    text = _decode(directory / "datapackage.json", problems)
    descriptor = None if text is None else _json("datapackage.json", text, problems)
    if descriptor is None:
        raise DataError(problems, directory)
    as_of, found = checks.check_descriptor(descriptor, directory)
    problems.extend(found)
    usable = checks.safe_resources(descriptor, found)
    raw, lines, incomplete = {}, {}, set()
    for res in usable:
        if res.get("type") != "json" and isinstance((res.get("schema") or {}).get("fields"), list):
            got = _read_table(directory, res, problems, incomplete)
            if got is not None:
                raw[res["name"]], lines[res["name"]] = got
    source_ids = {r["id"] for r in raw.get("sources", []) if r.get("id")}
    layers = {}
    for res in usable:
        if res.get("type") == "json":
            layer = _read_layer(directory, res, source_ids, as_of, problems)
            if layer is not None:
                layers[res["name"]] = layer
    checks.check_references(raw, lines, descriptor, layers, problems, incomplete)
    checks.check_rows(raw, lines, descriptor, as_of, problems, incomplete)
    checks.check_scripts(raw, lines, descriptor, problems)
    places = next((r["path"] for r in usable if r["name"] == "places"), "places.csv")
    geo_checks.check_places(raw, lines, layers, places, problems)
    if "quiz" in raw:  # kind-specific quiz checks; lessons.quiz.validate does not import this module back
        from .quiz.validate import quiz_problems

        seen = {(p.file, p.line, p.column) for p in problems}  # a cell the schema checks refused is reported once
        path = next((r["path"] for r in usable if r["name"] == "quiz"), "quiz.csv")
        problems += [
            Problem(p.file, p.line, p.column, p.value, p.message)
            for p in quiz_problems(raw["quiz"], lines["quiz"], raw, path)
            if (p.file, p.line, p.column) not in seen
        ]
    if problems:
        raise DataError(problems, directory)
    package = Package(directory, descriptor, layers=layers)
    for res in usable:
        if res["name"] in raw:
            lists = checks.list_fields(descriptor, res["name"])
            package.tables[res["name"]] = _frame(raw[res["name"]], res["schema"], lists)
    return package


@lru_cache(maxsize=4)
def _cached(directory: str, stamp: tuple) -> Package:
    return read_package(directory)


def package(directory: str | Path | None = None) -> Package:
    """The validated package, cached for the life of the kernel (re-read if a file changes)."""
    directory = Path(directory or DATA_DIR)
    if not (directory / "datapackage.json").is_file():
        raise _missing_folder(directory)
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


def party_names(parties: pd.DataFrame | None) -> dict[str, str]:
    """Party id -> the name the views print: its short name, else its name, else the id ({} for no table).
    The one join every explorer uses to turn ``according_to``, ``party_id`` or ``actors`` into words."""
    if parties is None or len(parties) == 0:
        return {}
    ids = (parties["id"] if "id" in parties.columns else parties.index.to_series()).astype(str).tolist()
    cols = [parties[c].tolist() if c in parties.columns else [None] * len(ids) for c in ("short_name", "name")]
    out: dict[str, str] = {}
    for pid, *names in zip(ids, *cols):  # first row of an id wins
        out.setdefault(pid, next((str(n) for n in names if isinstance(n, str) and n), pid))
    return out


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
    return _frame(filled, schema, checks.list_fields(descriptor, name))


def frictionless_problems(directory: str | Path) -> list[Problem] | None:
    """The generic Table Schema checks, by frictionless (None if it is not installed: it is a test dependency)."""
    try:
        import frictionless
    except ImportError:
        return None
    report = frictionless.validate(str(Path(directory) / "datapackage.json"))
    out = []
    for task in report.tasks:
        for err in task.errors:
            out.append(
                Problem(
                    task.place or task.name,
                    getattr(err, "row_number", None),
                    getattr(err, "field_name", None),
                    getattr(err, "cell", None),
                    f"{err.title}: {err.note}",
                )
            )
    out.extend(Problem("datapackage.json", None, None, None, f"{e.title}: {e.note}") for e in report.errors)
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m lessons.data", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate the package and print counts")
    parser.add_argument("--dir", default=None, help="data directory (default: the package's data/)")
    parser.add_argument(
        "--frictionless",
        action="store_true",
        help="also run frictionless's generic Table Schema checks (make check-data does)",
    )
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
    if args.frictionless:
        found = frictionless_problems(pkg.directory)
        if found is None:
            print("frictionless is not installed (pip install -e '.[test]'): generic checks skipped", file=sys.stderr)
            return 1
        if found:
            print(DataError(found, pkg.directory), file=sys.stderr)
            return 1
        print("frictionless: valid")
    primary = (pkg.tables["sources"]["kind"] == "primary").mean() if len(pkg.tables["sources"]) else 0
    print(f"primary sources: {primary:.0%}; as of {pkg.as_of}; OK")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
