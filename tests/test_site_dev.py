"""Maintainer commands live apart in lessons/dev/: nothing a notebook imports reaches them."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "lessons"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
                names |= {mod} | {f"{mod}.{a.name}" for a in node.names}
            else:
                names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return names


def test_dev_init_is_empty():
    assert (PACKAGE / "dev" / "__init__.py").read_text(encoding="utf-8").strip() == ""


def test_nothing_outside_dev_imports_dev():
    for path in PACKAGE.rglob("*.py"):
        if "dev" in path.relative_to(PACKAGE).parts:
            continue
        bad = {n for n in _imports(path) if n == "lessons.dev" or n.startswith("lessons.dev.")}
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"


def test_no_notebook_imports_dev():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert "lessons.dev" not in cell.source and "from lessons import dev" not in cell.source, path.name


def test_makefile_calls_the_dev_commands():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for name in ("setup_lab", "execute", "write_catalog", "budget", "site", "handouts", "student"):
        assert f"-m lessons.dev.{name}" in makefile
    for old in ("lessons.setup_lab", "lessons.execute", "lessons.bench", "-m lessons.catalog"):
        assert old not in makefile


def test_setup_lab_writes_the_server_config(tmp_path):
    from lessons.dev import setup_lab

    written = setup_lab.write(tmp_path)
    config = json.loads((tmp_path / "etc/jupyter/jupyter_server_config.json").read_text(encoding="utf-8"))
    static = [Path(p) for p in config["ServerApp"]["extra_static_paths"]]
    assert any((p / "plotly.min.js").is_file() for p in static), "plotly.min.js is served as /static/plotly.min.js"
    assert config["LabApp"]["extension_manager"] == "readonly"
    assert config["LabApp"]["news_url"] is None
    assert config["LabApp"]["check_for_updates_class"] == "jupyterlab.NeverCheckForUpdate"
    overrides = json.loads(setup_lab.overrides_path(tmp_path).read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/apputils-extension:notification"]["checkForUpdates"] is False
    page = json.loads(setup_lab.page_config_path(tmp_path).read_text(encoding="utf-8"))
    assert page["disabledExtensions"]["@jupyterlab/extensionmanager-extension"] is True
    assert setup_lab.write(tmp_path) == written, "idempotent"


def test_github_workflow_builds_the_site_and_uploads_it():
    import yaml

    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
    steps = wf["jobs"]["site"]["steps"]
    assert any(s.get("run") == "make handouts" for s in steps), "make handouts builds the site, then the PDFs"
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"].rstrip("/") == "_site"


def test_rewriting_a_committed_file_is_whole_or_not_at_all(tmp_path, monkeypatch):
    """Reliability review S3: the maintainer commands rewrote notebooks, the README and the guide in place,
    so a crash mid-write left a file cut short. They now write beside the file and rename over it."""
    import os

    from lessons.dev import notebook_file

    target = tmp_path / "lesson.ipynb"
    target.write_text("the old text\n", encoding="utf-8")
    target.chmod(0o644)
    notebook_file.replace_text(target, "the new text\n")
    assert target.read_text(encoding="utf-8") == "the new text\n" and oct(target.stat().st_mode & 0o777) == "0o644"

    def crash(*_a, **_k):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        notebook_file.replace_text(target, "half of a longer text")
    assert target.read_text(encoding="utf-8") == "the new text\n"  # the file as it was
    assert [p.name for p in tmp_path.iterdir()] == ["lesson.ipynb"]  # no temporary file left behind


def test_every_command_that_rewrites_a_committed_file_uses_the_atomic_write():
    import inspect

    from lessons.dev import budget, execute, teacher_guide, write_catalog

    for module in (budget, execute, teacher_guide, write_catalog):
        source = inspect.getsource(module)
        assert "replace_text(" in source and ".write_text(" not in source, module.__name__
