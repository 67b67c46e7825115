"""The lesson metadata is data (notebooks/lessons.yml): read, checked, and refused with a clear message."""

from __future__ import annotations

import pytest

from lessons import catalog

GOOD = """lessons:
  - id: "00"
    title: "Start"
    notebook: 00_start.ipynb
    teaching: 10
    exercises: 5
    prerequisites: []
    questions: ["Q?"]
    objectives: ["O."]
    key_points: ["K."]
  - id: "01"
    title: "Next"
    notebook: 01_next.ipynb
    teaching: 20
    exercises: 20
    prerequisites: ["00"]
    questions: ["Q?"]
    objectives: ["O."]
    key_points: ["K."]
    sources: ["whitehouse-20250318-call-readout"]
"""


def _load(tmp_path, text):
    path = tmp_path / "lessons.yml"
    path.write_text(text, encoding="utf-8")
    return catalog.load_catalog(path)


def test_the_catalog_is_read_from_lessons_yml():
    assert catalog.CATALOG.name == "lessons.yml" and catalog.CATALOG.parent == catalog.NOTEBOOKS
    assert catalog.LESSONS == catalog.load_catalog()
    assert [l.id for l in catalog.LESSONS] == ["00", "01", "02", "03", "04", "05", "06"]


def test_no_lesson_metadata_is_left_in_python():
    source = (catalog.ROOT / "lessons" / "catalog.py").read_text(encoding="utf-8")
    assert "Lesson(\n        id=" not in source and "key_points=(" not in source


def test_a_valid_file_loads_with_tuples_and_minutes(tmp_path):
    lessons = _load(tmp_path, GOOD)
    assert lessons[1].prerequisites == ("00",) and lessons[1].minutes == 40
    assert lessons[1].sources == ("whitehouse-20250318-call-readout",) and lessons[0].sources == ()


@pytest.mark.parametrize("change, message", [
    (('id: "01"', "id: 01"), "non-empty text"),
    (("teaching: 20", "teaching: twenty"), "whole number of minutes"),
    (('prerequisites: ["00"]', 'prerequisites: ["05"]'), "not earlier lessons"),
    (('id: "01"', 'id: "00"'), "appears twice"),
    (('    questions: ["Q?"]\n    objectives: ["O."]\n    key_points: ["K."]\n    sources', '    sources'), "missing"),
    (("teaching: 20", "teaching: 20\n    colour: red"), "unknown"),
    (('key_points: ["K."]\n    sources', 'key_points: "K."\n    sources'), "list of non-empty texts"),
    (("lessons:", "lesons:"), "a list under 'lessons:'"),
    (("title: \"Next\"", "title: [unclosed"), "not valid YAML"),
])
def test_mistakes_are_refused_with_the_lesson_and_field(tmp_path, change, message):
    old, new = change
    assert old in GOOD
    with pytest.raises(catalog.CatalogError, match=message):
        _load(tmp_path, GOOD.replace(old, new, 1))
