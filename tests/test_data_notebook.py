"""Broken data in a notebook shows one readable panel, not tracebacks and NameErrors (issue 13.2).

Runs real kernels with nbclient on a broken copy of data/ (LESSONS_DATA_DIR), as a teacher would meet it."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from lessons import data

ROOT = Path(__file__).resolve().parent.parent
CELLS = [
    "from lessons import data\nevents = data.load('events')",
    "len(events)",
    "sources = data.load('sources')",
    "1 / 0",
]


def _run(cells, env_dir, cwd) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    saved = {k: os.environ.get(k) for k in ("LESSONS_DATA_DIR", "PYTHONPATH")}
    os.environ["LESSONS_DATA_DIR"] = str(env_dir)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in [str(ROOT), saved["PYTHONPATH"]] if p)
    try:
        NotebookClient(
            nb, timeout=120, allow_errors=True, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
        ).execute()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return nb


def _texts(cell) -> tuple[list[str], list[str]]:
    html = [o["data"].get("text/html", "") for o in cell.outputs if o.output_type in ("display_data", "execute_result")]
    errors = [o.ename for o in cell.outputs if o.output_type == "error"]
    return html, errors


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    copy = tmp_path_factory.mktemp("broken") / "data"
    shutil.copytree(data.DATA_DIR, copy)
    text = (copy / "events.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    head, first = text[0].split(","), text[1].split(",")
    first[head.index("start_date")] = "18/03/2025"
    text[1] = ",".join(first)
    (copy / "events.csv").write_text("".join(text), encoding="utf-8")
    return copy


def test_broken_data_shows_one_panel_and_no_cascade(broken, tmp_path):
    nb = _run(CELLS, broken, tmp_path)
    first, second, third, fourth = (_texts(c) for c in nb.cells)
    assert first[1] == [], "no traceback in the cell that loads the data"
    assert len(first[0]) == 1 and "could not be loaded" in first[0][0]
    assert "events.csv, line 2, column &#x27;start_date&#x27;: wrong type: expected a date YYYY-MM-DD" in first[0][0]
    assert "make check-data" in first[0][0] and str(broken) in first[0][0]
    assert second[1] == [] and "did not define this name" in second[0][0], "a NameError names the cause"
    assert third[1] == [] and "still broken" in third[0][0] and "wrong type" not in third[0][0], "one panel only"
    assert fourth[1] == ["ZeroDivisionError"], "other errors are shown as usual"


def test_missing_data_folder_says_where_it_looked_and_how_to_point_elsewhere(tmp_path):
    nb = _run(CELLS[:2], tmp_path / "nowhere", tmp_path)
    (html, errors), _ = (_texts(c) for c in nb.cells)
    assert errors == [] and len(html) == 1
    assert str(tmp_path / "nowhere") in html[0] and "LESSONS_DATA_DIR" in html[0] and "pip install -e ." in html[0]


def test_good_data_is_untouched(tmp_path):
    nb = _run(CELLS[:2], data.DATA_DIR, tmp_path)
    assert nb.cells[1].outputs[0]["data"]["text/plain"] == str(len(data.load("events")))


def test_data_error_without_ipython_is_plain_text():
    err = data.DataError([data.Problem("events.csv", 3, "start_date", "x", "wrong type")], "/tmp/d")
    assert err.text().startswith("The lessons' data could not be loaded in /tmp/d.")
    assert "events.csv, line 3, column 'start_date': wrong type (value 'x')" in err.text()
    assert "make check-data" in err._render_traceback_()[0]
    from lessons.notebook_errors import panel

    assert "<script" not in str(panel(data.DataError([data.Problem("<script>", 1, None, None, "x")])))


@pytest.mark.parametrize("notebook", ["01_the_call.ipynb", "03_crimea_1991_2014.ipynb"])
def test_a_real_lesson_on_broken_data_shows_one_panel_and_no_traceback(broken, tmp_path, notebook):
    """A whole lesson as a teacher would meet it: no cell shows a traceback, exactly one shows the full panel."""
    source = nbformat.read(ROOT / "notebooks" / notebook, as_version=4)
    cells = [c.source for c in source.cells if c.cell_type == "code"]
    nb = _run(cells, broken, ROOT / "notebooks")
    errors = [(i, e) for i, c in enumerate(nb.cells) for e in _texts(c)[1]]
    assert errors == [], f"cells with a traceback: {errors}"
    full = [i for i, c in enumerate(nb.cells) for h in _texts(c)[0] if "could not be loaded" in h]
    assert len(full) == 1, f"the full panel should appear once, it appears in cells {full}"
