"""Every nbval marker in the notebooks is one nbval recognises (issue 13.4).

A comment such as ``# NBVAL_IGNORE_OUTPUT  (versions differ)`` looks like a marker but nbval ignores it (it wants
the bare marker), so the cell was compared strictly and failed on every other machine. Markers are cell tags
(``nbval-ignore-output``); this test fails on any comment or tag that mentions nbval but that nbval would not act
on, and on a version-dependent cell (the environment table) that is not ignored."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

plugin = pytest.importorskip("nbval.plugin")
NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def _code_cells():
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                yield path.name, cell


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS])
def test_every_nbval_marker_is_one_nbval_recognises(name):
    for notebook, cell in _code_cells():
        if notebook != name:
            continue
        where = f"{notebook} cell {cell.get('id')}"
        for line in cell.source.splitlines():
            if re.search(r"(?i)nbval|pytest_validate", line) and line.strip().startswith("#"):
                assert list(plugin.find_comment_markers(line)), f"{where}: nbval ignores the comment {line.strip()!r}"
                pytest.fail(
                    f"{where}: use the cell tag {line.strip().lstrip('#').strip().lower().replace('_', '-')!r} "
                    "instead of a comment (tags keep the source clean)"
                )
        for tag in cell.metadata.get("tags", []):
            if re.search(r"(?i)nbval|raises-exception", tag):
                assert tag in plugin.metadata_tags, f"{where}: nbval does not know the tag {tag!r}"


def test_the_environment_table_is_ignored_by_nbval():
    cells = [(n, c) for n, c in _code_cells() if "check_environment()" in c.source]
    assert cells, "the start notebook shows the environment"
    for notebook, cell in cells:
        markers = dict(plugin.find_metadata_tags(cell.metadata))
        assert markers.get("check") is False, f"{notebook}: the versions differ per machine; tag it nbval-ignore-output"


def test_the_marker_check_catches_the_old_comment():
    assert not list(plugin.find_comment_markers("# NBVAL_IGNORE_OUTPUT  (versions differ from machine to machine)"))
    assert list(plugin.find_comment_markers("# NBVAL_IGNORE_OUTPUT"))
    assert "nbval-ignore-output" in plugin.metadata_tags and "nbval-ignore" not in plugin.metadata_tags
