"""The rules the data must keep, apart from reading it: problems, references, domain rules.

:mod:`lessons.data` reads and types the files; this module says what is wrong with them, always as a
:class:`Problem` with file, line, column and value, gathered into one :class:`DataError`.

* **References** are read from ``datapackage.json``: standard ``foreignKeys`` for single ids, and the
  package's own ``x-references`` for what Table Schema cannot say (``;``-separated lists of ids, and ids
  of GeoJSON features). Nothing here names a table or a column that references another.
* **Domain rules** frictionless cannot express: dates in order and not after ``as_of``, places inside
  their region and inside Crimea exactly when ``in_crimea`` says so, a Crimean Tatar name for every
  Crimean place, plausible coordinates, text in the script its column declares (``x-script``), and
  GeoJSON features with sourced, valid geometry.

Geometry itself (areas, point in polygon, winding) lives in :mod:`lessons.geo`; this module only uses it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from pathlib import Path

from . import geo

#: Date fields that describe the world (not publication dates): none may lie after as_of.
WORLD_DATES = {"start_date", "end_date", "date", "announced_date", "control_since", "valid_from", "valid_to"}
#: Resources whose ``date`` field is a publication or access date, exempt from the as_of check.
PUBLICATION_RESOURCES = {"sources"}
#: Longest cell accepted (characters); longer cells are almost always a quote that was never closed.
MAX_CELL = 20_000
#: Rough boxes (lon_min, lat_min, lon_max, lat_max) for places that have no region_id to be checked against.
#: A place whose country is not listed here is not box-checked.
COUNTRY_BOXES = {
    "Ukraine": (22.0, 44.3, 40.3, 52.4),
    "Russia": (19.0, 41.1, 180.0, 82.0),
    "Belarus": (23.1, 51.2, 32.8, 56.2),
    "Belgium": (2.5, 49.4, 6.5, 51.6),
    "Netherlands": (3.3, 50.7, 7.3, 53.6),
    "Hungary": (16.1, 45.7, 22.9, 48.6),
    "Turkey": (25.6, 35.8, 44.9, 42.2),
    "Saudi Arabia": (34.4, 16.3, 55.7, 32.2),
    "United States": (-180.0, 18.0, -66.9, 71.5),
    "Switzerland": (5.9, 45.8, 10.5, 47.9),
    "United Kingdom": (-8.7, 49.8, 1.8, 60.9),
    "France": (-5.2, 41.3, 9.6, 51.1),
    "Germany": (5.8, 47.2, 15.1, 55.1),
    "Poland": (14.1, 49.0, 24.2, 54.9),
}
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_QUESTION_RUN = re.compile(r"\?{3,}")


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
    """The data package is broken. ``problems`` lists every :class:`Problem` found.

    In a notebook, ``import lessons`` shows it as one panel (:mod:`lessons.notebook_errors`), not a traceback."""

    #: What a teacher does about it (the default: fix the cells named).
    FIX = (
        "correct each cell named above (the line numbers are those a spreadsheet shows), save as CSV UTF-8, "
        "then run `make check-data` and restart the kernel."
    )

    def __init__(self, problems: list[Problem], directory: str | Path | None = None, fix: str | None = None):
        self.problems = list(problems)
        self.directory = None if directory is None else str(directory)
        self.fix = fix or self.FIX
        lines = "\n".join(f"  - {p}" for p in self.problems[:200])
        more = "" if len(self.problems) <= 200 else f"\n  ... and {len(self.problems) - 200} more"
        super().__init__(f"{len(self.problems)} problem(s) in the data package:\n{lines}{more}")

    def _render_traceback_(self) -> list[str]:
        """What IPython prints instead of a traceback when no panel can be shown."""
        return [self.text()]

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(self.text())

    def text(self) -> str:
        where = f" in {self.directory}" if self.directory else ""
        return f"The lessons' data could not be loaded{where}.\n{self.args[0]}\n\nHow to fix: {self.fix}"


def split_ids(value, delimiter: str = ";") -> tuple[str, ...]:
    """``'a;b'`` -> ``('a', 'b')``; empty or missing -> ``()``."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return ()
    if isinstance(value, tuple):
        return value
    return tuple(part for part in str(value).split(delimiter) if part)


# --------------------------------------------------------------------------- the descriptor


@dataclass(frozen=True)
class Reference:
    """A field whose values are ids of another resource, as ``datapackage.json`` declares it."""

    resource: str
    field: str
    target: str
    target_field: str = "id"
    delimiter: str | None = None


def references(descriptor: dict) -> list[Reference]:
    """Every reference the descriptor declares: ``foreignKeys`` and the package's ``x-references``."""
    out = []
    for res in resources(descriptor):
        schema = res.get("schema") or {}
        for key, custom in (("foreignKeys", False), ("x-references", True)):
            for fk in schema.get(key) or []:
                fields = fk.get("fields")
                ref = fk.get("reference") or {}
                target_fields = ref.get("fields", "id")
                for i, name in enumerate([fields] if isinstance(fields, str) else fields or []):
                    target = target_fields if isinstance(target_fields, str) else target_fields[i]
                    out.append(
                        Reference(
                            res.get("name", ""),
                            name,
                            ref.get("resource", ""),
                            target,
                            fk.get("delimiter") if custom else None,
                        )
                    )
    return out


def list_fields(descriptor: dict, name: str) -> dict[str, str]:
    """The fields of resource ``name`` that hold delimited lists of ids, with their delimiter."""
    return {r.field: r.delimiter for r in references(descriptor) if r.resource == name and r.delimiter}


def resources(descriptor: dict) -> list[dict]:
    value = descriptor.get("resources") if isinstance(descriptor, dict) else None
    return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []


def check_descriptor(descriptor, directory: Path) -> tuple[dt.date | None, list[Problem]]:
    """``as_of``, the resource list and resource paths. Returns the as_of date (None if unusable)."""
    name = "datapackage.json"
    if not isinstance(descriptor, dict):
        return None, [Problem(name, None, None, None, 'expected a JSON object with "as_of" and "resources"')]
    problems, as_of = [], None
    raw = descriptor.get("as_of")
    if not raw:
        problems.append(
            Problem(
                name,
                None,
                "as_of",
                None,
                'as_of is missing: add "as_of": "YYYY-MM-DD", the date up to which the data is checked',
            )
        )
    else:
        try:
            as_of = dt.date.fromisoformat(str(raw))
        except ValueError:
            problems.append(Problem(name, None, "as_of", raw, "wrong type: expected a date YYYY-MM-DD"))
    if not isinstance(descriptor.get("resources"), list) or not descriptor["resources"]:
        problems.append(Problem(name, None, "resources", None, "expected a list of resources"))
        return as_of, problems
    root, seen = directory.resolve(), set()
    for i, res in enumerate(descriptor["resources"]):
        if not isinstance(res, dict) or not res.get("name") or not isinstance(res.get("path"), str):
            problems.append(Problem(name, None, f"resources[{i}]", None, "a resource needs a name and a path"))
            continue
        if res["name"] in seen:
            problems.append(Problem(name, None, f"resources[{i}].name", res["name"], "duplicate resource name"))
        seen.add(res["name"])
        path = res["path"]
        target = (directory / path).resolve()
        if Path(path).is_absolute() or ".." in Path(path).parts or root not in target.parents:
            problems.append(
                Problem(
                    name,
                    None,
                    f"resources[{i}].path",
                    path,
                    "path leaves the data folder: give a file name inside data/",
                )
            )
        if res.get("type") != "json" and not isinstance((res.get("schema") or {}).get("fields"), list):
            problems.append(Problem(name, None, f"resources[{i}].schema", None, "a table needs schema.fields"))
    return as_of, problems


def safe_resources(descriptor: dict, problems: list[Problem]) -> list[dict]:
    """The resources that passed :func:`check_descriptor` (a bad path is never opened)."""
    bad = {p.value for p in problems if p.column and p.column.endswith(".path")}
    out, names = [], set()
    for r in resources(descriptor):
        if r.get("name") and isinstance(r.get("path"), str) and r["path"] not in bad and r["name"] not in names:
            out.append(r)
            names.add(r["name"])
    return out


# --------------------------------------------------------------------------- checks across rows


def check_references(
    tables: dict, lines: dict, descriptor: dict, layers: dict, problems: list[Problem], incomplete: set = frozenset()
) -> None:
    """Every declared reference resolves (into a table's ids or a GeoJSON layer's feature ids).

    References into a table in ``incomplete`` (rows that could not be read) are not checked: the ids
    of its lost rows would only repeat the one problem already reported, once per row that cites them."""
    paths = {r["name"]: r["path"] for r in resources(descriptor) if "name" in r and "path" in r}
    for ref in references(descriptor):
        if ref.resource not in tables or ref.target in incomplete:
            continue
        if ref.target in tables:
            known = {row.get(ref.target_field) for row in tables[ref.target]}
            where = f"not in {ref.target}"
        elif ref.target in layers:
            key = ref.target_field.removeprefix("properties.")
            known = {
                (f.get("properties") or {}).get(key)
                for f in layers[ref.target].get("features", [])
                if isinstance(f, dict)
            }
            where = f"not a feature of {paths.get(ref.target, ref.target)}"
        else:
            continue  # the target itself failed to load; its own problems say why
        for i, row in enumerate(tables[ref.resource]):
            value = row.get(ref.field)
            if not value:
                continue
            for one in split_ids(value, ref.delimiter) if ref.delimiter else (value,):
                if one not in known:
                    problems.append(
                        Problem(paths[ref.resource], lines[ref.resource][i], ref.field, one, f"unknown id: {where}")
                    )


def check_rows(
    tables: dict,
    lines: dict,
    descriptor: dict,
    as_of: dt.date | None,
    problems: list[Problem],
    incomplete: set = frozenset(),
) -> None:
    """Dates in order and not after as_of, eras with an end, quiz proofs that point at a row."""
    ids = {name: {r["id"] for r in rows if r.get("id")} for name, rows in tables.items()}
    unread = {r.get("name") for r in resources(descriptor)} - set(tables) | set(incomplete)
    for res in resources(descriptor):
        name = res.get("name")
        if name not in tables:
            continue
        path = res["path"]
        for i, row in enumerate(tables[name]):
            line = lines[name][i]
            start, end = row.get("start_date"), row.get("end_date")
            if start and end and end < start:
                problems.append(
                    Problem(path, line, "end_date", end.isoformat(), f"ends before it starts ({start.isoformat()})")
                )
            if as_of and name not in PUBLICATION_RESOURCES:
                for col in sorted(WORLD_DATES & row.keys()):
                    if isinstance(row[col], dt.date) and row[col] > as_of:
                        problems.append(
                            Problem(
                                path,
                                line,
                                col,
                                row[col].isoformat(),
                                f"is after the data's as_of date {as_of.isoformat()}",
                            )
                        )
            if name == "events" and row.get("type") == "era" and start and not end:
                problems.append(Problem(path, line, "end_date", "", "an era needs an end_date (it is drawn as a span)"))
            if name == "quiz" and row.get("proof"):
                target, _, ref = row["proof"].partition(":")
                if target not in unread and (target not in ids or ref not in ids[target]):
                    problems.append(Problem(path, line, "proof", row["proof"], "points to no existing data row"))
            if name == "claims" and row.get("evidence"):
                problems += _evidence_problems(path, line, row["evidence"], ids, unread)


def _evidence_problems(path: str, line: int, evidence, ids: dict, unread: set) -> list[Problem]:
    """A claim's evidence, ``table:row-id`` joined by ``;``: each must name a row that exists (the claim
    checker would otherwise show '(missing from the data)' in class)."""
    refs = evidence if isinstance(evidence, (list, tuple)) else split_ids(evidence)
    out = []
    for ref in refs:
        target, _, row_id = str(ref).partition(":")
        if target in unread:
            continue
        if not row_id or target not in ids:
            out.append(Problem(path, line, "evidence", str(ref), "should be table:row-id, e.g. events:ev-…"))
        elif row_id not in ids[target]:
            out.append(Problem(path, line, "evidence", str(ref), f"points to no row of {target}"))
    return out


def check_scripts(tables: dict, lines: dict, descriptor: dict, problems: list[Problem]) -> None:
    """Text survives a spreadsheet's re-save: declared scripts present, no runs of '?'."""
    for res in resources(descriptor):
        name = res.get("name")
        if name not in tables:
            continue
        fields = [f for f in (res.get("schema") or {}).get("fields", []) if f.get("type") == "string"]
        for i, row in enumerate(tables[name]):
            for fdef in fields:
                value, col = row.get(fdef["name"]), fdef["name"]
                if not isinstance(value, str) or not value:
                    continue
                script = fdef.get("x-script")
                lost = "?" in value if script else bool(_QUESTION_RUN.search(value))
                if lost:
                    problems.append(
                        Problem(
                            res["path"],
                            lines[name][i],
                            col,
                            value,
                            "has '?' where letters should be: the file was probably saved in a "
                            "non-UTF-8 encoding ('ANSI'); restore it and save as CSV UTF-8",
                        )
                    )
                elif script == "Cyrillic" and not _CYRILLIC.search(value):
                    problems.append(
                        Problem(
                            res["path"],
                            lines[name][i],
                            col,
                            value,
                            "has no Cyrillic letter: this column holds the name in Cyrillic script",
                        )
                    )


# --------------------------------------------------------------------------- places


def check_places(tables: dict, lines: dict, layers: dict, path: str, problems: list[Problem]) -> None:
    """A Crimean Tatar name in Crimea; points in their region, in Crimea exactly when in_crimea says so."""
    rows = tables.get("places")
    if rows is None:
        return
    borders = layers.get("borders") or {}
    shapes = {
        (f.get("properties") or {}).get("id"): f.get("geometry")
        for f in borders.get("features", [])
        if isinstance(f, dict) and isinstance(f.get("geometry"), dict)
    }
    crimea = [shapes[k] for k in geo.CRIMEA_IDS if k in shapes]
    for i, row in enumerate(rows):
        line = lines["places"][i]
        if row.get("in_crimea") and not row.get("name_crh"):
            problems.append(Problem(path, line, "name_crh", "", "places in Crimea need their Crimean Tatar name"))
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None:
            continue
        shown = f"{lat}, {lon}"
        inside = crimea and _inside_any(crimea, lon, lat)
        if row.get("in_crimea") and crimea and not inside:
            hint = " (latitude and longitude swapped?)" if _inside_any(crimea, lat, lon) else ""
            problems.append(
                Problem(path, line, "lat", shown, f"in_crimea is true but the point is not in Crimea{hint}")
            )
        elif row.get("in_crimea") is False and inside:
            problems.append(
                Problem(
                    path,
                    line,
                    "in_crimea",
                    shown,
                    "in_crimea is false but the point lies in Crimea: set it to true or fix the coordinates",
                )
            )
        region = row.get("region_id")
        if region in shapes and region not in geo.CRIMEA_IDS and not _inside_any([shapes[region]], lon, lat):
            problems.append(Problem(path, line, "lat", shown, f"the point is not inside its region {region}"))
        box = COUNTRY_BOXES.get(row.get("country") or "")
        if not region and box and not (box[0] <= lon <= box[2] and box[1] <= lat <= box[3]):
            hint = " (latitude and longitude swapped?)" if box[0] <= lat <= box[2] and box[1] <= lon <= box[3] else ""
            problems.append(Problem(path, line, "lat", shown, f"the point is not in {row['country']}{hint}"))


def _inside_any(geometries, lon, lat) -> bool:
    try:
        return any(geo.contains(g, lon, lat) for g in geometries)
    except (KeyError, TypeError, ValueError, IndexError):
        return False


# --------------------------------------------------------------------------- GeoJSON


def check_collection(name: str, data, source_ids: set, as_of: dt.date | None) -> list[Problem]:
    """Every problem in a FeatureCollection: structure, ids, sources, dates, geometry."""
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        return [Problem(name, None, "type", None, 'expected a GeoJSON FeatureCollection ("type": "FeatureCollection")')]
    features = data.get("features")
    if not isinstance(features, list):
        return [Problem(name, None, "features", type(features).__name__, '"features" must be a list of features')]
    if not features:
        return [Problem(name, None, "features", None, "FeatureCollection has no features")]
    problems, seen = [], set()
    for i, feat in enumerate(features):
        if not isinstance(feat, dict) or feat.get("type") != "Feature":
            problems.append(Problem(name, None, f"feature {i}", None, 'expected a GeoJSON Feature ("type": "Feature")'))
            continue
        props = feat.get("properties") if isinstance(feat.get("properties"), dict) else {}
        fid = props.get("id")
        where = f"feature {i} ({fid or 'no id'})"
        if not fid:
            problems.append(Problem(name, None, f"{where} properties.id", None, "feature has no id"))
        elif fid in seen:
            problems.append(Problem(name, None, f"{where} properties.id", fid, "duplicate feature id"))
        seen.add(fid)
        problems.extend(_feature_properties(name, where, props, source_ids, as_of))
        problems.extend(_feature_geometry(name, where, feat.get("geometry")))
    return problems


def _feature_properties(name, where, props, source_ids, as_of) -> list[Problem]:
    out = []
    cited = split_ids(str(props.get("source_ids") or ""))
    if not cited:
        out.append(Problem(name, None, f"{where} properties.source_ids", None, "feature cites no source"))
    for s in cited:
        if s not in source_ids:
            out.append(Problem(name, None, f"{where} properties.source_ids", s, "unknown id: not in sources"))
    dates = {}
    for key in ("valid_from", "valid_to"):
        value = props.get(key)
        if not value:
            continue
        try:
            dates[key] = dt.date.fromisoformat(str(value))
        except ValueError:
            out.append(
                Problem(name, None, f"{where} properties.{key}", value, "wrong type: expected a date YYYY-MM-DD")
            )
            continue
        if as_of and dates[key] > as_of:
            out.append(
                Problem(name, None, f"{where} properties.{key}", value, f"is after the data's as_of date {as_of}")
            )
    if len(dates) == 2 and dates["valid_to"] < dates["valid_from"]:
        out.append(Problem(name, None, f"{where} properties.valid_to", props["valid_to"], "ends before it starts"))
    return out


def _feature_geometry(name, where, geom) -> list[Problem]:
    if geom is None:
        return [
            Problem(
                name,
                None,
                f"{where} geometry",
                None,
                'feature has no geometry ("geometry": null): give it a Polygon or MultiPolygon',
            )
        ]
    try:
        polys = geo.polygons(geom)
        polys = [list(p) for p in polys]
    except (KeyError, ValueError, TypeError, AttributeError):
        kind = geom.get("type") if isinstance(geom, dict) else type(geom).__name__
        return [Problem(name, None, f"{where} geometry", kind, "expected a Polygon or MultiPolygon")]
    out = []
    for j, poly in enumerate(polys):
        if not poly:
            out.append(Problem(name, None, f"{where} polygon {j}", None, "polygon has no rings"))
        for k, ring in enumerate(poly):
            out.extend(_ring_problems(name, f"{where} polygon {j} ring {k}", ring, exterior=k == 0))
    return out


def _ring_problems(name: str, where: str, ring, exterior: bool) -> list[Problem]:
    try:
        if not all(isinstance(p, (list, tuple)) and all(isinstance(c, (int, float)) for c in p) for p in ring):
            raise TypeError("a position is not a list of numbers")
        pts = [(float(x), float(y)) for x, y, *_ in ring]
    except (TypeError, ValueError):
        return [Problem(name, None, where, None, "ring has a position that is not [lon, lat]")]
    if len(pts) < 4:
        return [Problem(name, None, where, len(pts), "ring needs at least 4 positions")]
    out = []
    bad = [p for p in pts if not (-180 <= p[0] <= 180 and -90 <= p[1] <= 90)]
    if bad:
        out.append(Problem(name, None, where, bad[0], "coordinate out of range (lon -180..180, lat -90..90)"))
    if pts[0] != pts[-1]:
        out.append(
            Problem(
                name, None, where, f"{pts[0]} ... {pts[-1]}", "ring is not closed (first and last positions differ)"
            )
        )
        return out
    crossings = geo.self_intersections(pts)
    if crossings:
        out.append(
            Problem(name, None, where, f"segment {crossings[0]} at {pts[crossings[0]]}", "ring intersects itself")
        )
    ccw = geo.signed_area(pts) > 0
    if exterior and not ccw:
        out.append(Problem(name, None, where, None, "exterior ring is clockwise; RFC 7946 wants counter-clockwise"))
    if not exterior and ccw:
        out.append(Problem(name, None, where, None, "hole is counter-clockwise; RFC 7946 wants clockwise"))
    return out


# --------------------------------------------------------------------------- spreadsheet mistakes


def header_problems(name: str, header: list[str], expected: list[str], records: list) -> list[Problem]:
    """Why the header does not match, naming the spreadsheet mistake when it is a common one."""
    missing = [c for c in expected if c not in header]
    extra = [c for c in header if c not in expected]
    if missing:
        joined = ",".join(header)
        for delim, label in ((";", "semicolons (;)"), ("\t", "tabs"), ("|", "bars (|)")):
            if delim in joined and set(expected) <= {c.strip() for c in joined.split(delim)}:
                return [
                    Problem(
                        name,
                        1,
                        None,
                        None,
                        f"the columns are separated by {label}, not commas: save the "
                        "file as 'CSV UTF-8 (comma delimited)'",
                    )
                ]
        for line, cells in records:
            if set(expected) <= set(cells):
                return [
                    Problem(
                        name,
                        1,
                        None,
                        ",".join(header)[:80],
                        f"the header row is on line {line}, not line 1: delete "
                        "the lines above it (or, if the sheet was sorted, move the header back to the top)",
                    )
                ]
    problems = []
    for column in missing:
        near = [h for h in header if h.strip().lower() == column and h != column]
        hint = f" (the header has {near[0]!r}: use exactly {column!r})" if near else ""
        problems.append(Problem(name, 1, column, None, f"required column is missing from the header{hint}"))
    for column in extra:
        if column.strip().lower() in expected:
            continue
        problems.append(Problem(name, 1, column, None, "unexpected column (not in datapackage.json)"))
    if len(set(header)) != len(header):
        problems.append(Problem(name, 1, None, ",".join(header), "header repeats a column name"))
    return problems


def ragged_row_problem(name: str, line: int, cells: list[str], header: list[str], at_end: bool) -> Problem:
    """A row whose cell count differs from the header's, with the likely cause."""
    for k, cell in enumerate(cells):
        if "\n" in cell:
            column = header[k] if k < len(header) else None
            return Problem(
                name,
                line,
                column,
                cell[:40],
                'a quote (") opened in this cell is never closed, so the lines after it were read into it: '
                "close the quote" + (" (it runs to the end of the file)" if at_end else ""),
            )
    if len(cells) > len(header):
        return Problem(
            name,
            line,
            None,
            ",".join(cells)[:80],
            f"row has {len(cells)} cells but the header has {len(header)}: "
            "put a cell that contains a comma in double quotes",
        )
    return Problem(
        name,
        line,
        None,
        ",".join(cells)[:80],
        f"row has {len(cells)} cells but the header has {len(header)}: a cell is missing or merged",
    )


def long_cell_problem(name: str, line: int, column: str, value: str) -> Problem | None:
    if len(value) <= MAX_CELL:
        return None
    return Problem(
        name,
        line,
        column,
        value[:40],
        f"cell is {len(value):,} characters long (at most {MAX_CELL:,}): shorten it, or close a quote left open",
    )
