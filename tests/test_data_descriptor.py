"""datapackage.json is the one source of truth for references (issue 12.1), and the layers stay apart (12.2)."""

from __future__ import annotations

import ast
import csv
import json
import shutil
from pathlib import Path

import pytest

from lessons import checks, data

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def copy(tmp_path):
    shutil.copytree(data.DATA_DIR, tmp_path / "data")
    return tmp_path / "data"


def _add_resource(directory: Path, rows: list[list[str]]) -> None:
    """A new resource 'lesson_links' whose references are declared ONLY in the descriptor."""
    with open(directory / "lesson_links.csv", "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows([["id", "witness", "event_list"], *rows])
    descriptor = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"].append(
        {
            "name": "lesson_links",
            "path": "lesson_links.csv",
            "profile": "tabular-data-resource",
            "schema": {
                "fields": [
                    {"name": "id", "type": "string", "constraints": {"required": True, "unique": True}},
                    {"name": "witness", "type": "string"},
                    {"name": "event_list", "type": "string"},
                ],
                "primaryKey": ["id"],
                "foreignKeys": [{"fields": "witness", "reference": {"resource": "parties", "fields": "id"}}],
                "x-references": [
                    {"fields": "event_list", "delimiter": ";", "reference": {"resource": "events", "fields": "id"}}
                ],
            },
        }
    )
    (directory / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


def test_a_new_resource_with_references_only_in_the_descriptor_is_checked(copy):
    event = data.load("events").index[0]
    _add_resource(copy, [["ll-1", "ru", f"{event};ev-0000-nothing"], ["ll-2", "atlantis", event]])
    with pytest.raises(data.DataError) as err:
        data.read_package(copy)
    assert [str(p) for p in err.value.problems] == [
        "lesson_links.csv, line 3, column 'witness': unknown id: not in parties (value 'atlantis')",
        "lesson_links.csv, line 2, column 'event_list': unknown id: not in events (value 'ev-0000-nothing')",
    ]


def test_a_new_resource_loads_typed_with_its_list_split(copy):
    event = data.load("events").index[0]
    _add_resource(copy, [["ll-1", "ru", event]])
    frame = data.read_package(copy).tables["lesson_links"]
    assert frame.loc["ll-1", "event_list"] == (event,)


def test_every_reference_the_loader_checks_comes_from_the_descriptor():
    refs = {(r.resource, r.field): (r.target, r.delimiter) for r in checks.references(data.package().descriptor)}
    assert refs[("events", "source_ids")] == ("sources", ";")
    assert refs[("events", "place_id")] == ("places", None)
    assert refs[("places", "region_id")] == ("borders", None)
    assert refs[("readouts", "event_ids")] == ("events", ";")
    assert len(refs) >= 24
    for res in data.package().descriptor["resources"]:
        for f in res.get("schema", {}).get("fields", []):
            if f.get("x-not-a-reference"):  # the descriptor says why this id-like field points at no table
                continue
            if (
                f["name"].endswith("_ids")
                or f["name"].endswith("_id")
                or f["name"] in {"actors", "proposed_by", "accepted_by", "controlled_by", "according_to"}
            ):
                assert (res["name"], f["name"]) in refs, (
                    f"{res['name']}.{f['name']} looks like a reference but is not declared"
                )


def test_no_field_name_is_hard_coded_as_a_reference():
    for module in ("data.py", "checks.py", "geo_checks.py", "csv_checks.py"):
        text = (ROOT / "lessons" / module).read_text(encoding="utf-8")
        assert "LIST_REFERENCES" not in text and "SINGLE_REFERENCES" not in text


def test_data_keeps_its_public_names():
    assert data.split_ids("a;b") == ("a", "b") and data.DataError is checks.DataError
    assert data.Problem is checks.Problem


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            out.update([node.module] if node.module else [a.name for a in node.names])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("lessons"):
            out.add((node.module or "").removeprefix("lessons").lstrip(".") or "__init__")
    return {m.split(".")[0] for m in out}


def test_no_import_cycle_in_lessons():
    modules = {p.stem: p for p in (ROOT / "lessons").glob("*.py")}
    for pkg in (ROOT / "lessons").iterdir():
        if pkg.is_dir() and (pkg / "__init__.py").exists():
            modules[pkg.name] = pkg / "__init__.py"
    graph = {name: _imports(path) & set(modules) - {name} for name, path in modules.items()}
    graph.pop("__init__", None)

    def visit(node, stack):
        if node in stack:
            raise AssertionError("import cycle: " + " -> ".join([*stack[stack.index(node) :], node]))
        for nxt in graph.get(node, ()):
            visit(nxt, [*stack, node])

    for name in graph:
        visit(name, [])
    assert "data" not in graph["geo"] and "checks" not in graph["geo"], "geo.py is geometry only"


def test_resource_paths_must_stay_inside_the_data_folder(copy):
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"][1]["path"] = "../../../../etc/passwd"
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(data.DataError) as err:
        data.read_package(copy)
    assert str(err.value.problems[0]) == (
        "datapackage.json, column 'resources[1].path': path leaves the data "
        "folder: give a file name inside data/ (value '../../../../etc/passwd')"
    )
    assert "root:" not in str(err.value)


def test_an_installed_package_finds_the_clone_data_from_the_notebooks_folder(monkeypatch, tmp_path):
    """pip install . (no -e) puts lessons/ in site-packages without data/: run from a clone, it still finds it."""
    monkeypatch.delenv("LESSONS_DATA_DIR", raising=False)
    monkeypatch.setattr(data, "_HERE", tmp_path / "site-packages" / "lessons")
    monkeypatch.chdir(ROOT / "notebooks")
    assert data.find_data_dir() == ROOT / "data"
    monkeypatch.chdir(tmp_path)
    assert not (data.find_data_dir() / "datapackage.json").exists()
    with pytest.raises(data.DataError) as err:
        data.read_package(data.find_data_dir())
    assert "Looked in:" in err.value.text() and "LESSONS_DATA_DIR" in err.value.fix
