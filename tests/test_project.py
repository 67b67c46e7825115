"""The package's promises about itself: two commands, CI calling them, the catalog
as the single source of truth, small error-free notebooks, matching dependency lists."""

from __future__ import annotations

import json
import re

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib
from pathlib import Path

import nbformat
import plotly.io as pio
import pytest
import yaml

import lessons
from lessons import catalog, environment
from lessons.dev import write_catalog

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _names(requirements) -> dict[str, str]:
    out = {}
    for req in requirements:
        m = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*(.*)$", req)
        out[m.group(1).lower()] = m.group(2).replace(" ", "")
    return out


def test_pyproject_and_environment_yml_list_the_same_runtime():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "conda-forge" in env["channels"]
    conda = _names(d for d in env["dependencies"] if isinstance(d, str) and not d.startswith(("python", "pip")))
    assert conda == _names(project["dependencies"])
    for needed in ("jupyterlab", "ipywidgets", "plotly", "pandas", "anywidget"):
        assert needed in conda, f"{needed} missing from the runtime set"
    assert "nbval" in _names(project["optional-dependencies"]["test"])


def test_readme_first_screen_gives_the_two_commands():
    first_screen = "\n".join(README.splitlines()[:30])
    assert "make lab" in first_screen and "make test" in first_screen
    commands = re.search(r"```bash\n(.*?)```", README, re.S).group(1)
    assert [line.split("#")[0].strip() for line in commands.strip().splitlines()] == ["make lab", "make test"]


def test_makefile_has_the_readme_targets():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("lab", "test", "notebooks", "catalog", "bench"):
        assert re.search(rf"^{target}:", makefile, re.M), f"Makefile has no {target} target"
    assert "00_start_here.ipynb" in re.search(r"^lab:.*?(?=^\S)", makefile, re.M | re.S).group(0)
    assert "--nbval" in makefile and "--nbval-current-env" in makefile and "--nbval-lax" not in makefile


def test_ci_runs_the_readme_test_command():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", run, re.M)
    assert "apt-get install" in run and "chromium" in run
    assert "set -euo pipefail" in run


def test_github_workflow_runs_the_readme_test_command_weekly_too():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
    triggers = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads `on` as True
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    runs = [s.get("run", "") for job in wf["jobs"].values() for s in job["steps"]]
    assert "make test" in runs


def test_github_lint_job_runs_what_make_lint_runs():
    """The workflow's lint job and `make lint` check the same things (ruff check and ruff format --check)."""
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "test.yml").read_text(encoding="utf-8"))
    runs = {s.get("run", "") for s in wf["jobs"]["lint"]["steps"]}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    made = {line.strip().removeprefix("$(VENV)/bin/") for line in recipe.splitlines()[1:] if line.strip()}
    assert made and made <= runs, (made, runs)


def test_licences_are_stated():
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "CC BY 4.0" in README and "MIT" in README
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["title"]


def test_catalog_lists_exactly_the_notebooks():
    assert write_catalog.orphans() == []
    assert [les.id for les in catalog.LESSONS] == sorted(les.id for les in catalog.LESSONS)
    for lesson in catalog.LESSONS:
        assert lesson.questions and lesson.objectives and lesson.key_points
        assert lesson.teaching > 0 and lesson.exercises >= 0
        for pre in lesson.prerequisites:
            assert catalog.by_id(pre).id < lesson.id


def test_generated_readme_table_and_navigation_are_current():
    stale = write_catalog.stale()
    assert stale == [], f"run `python -m lessons.dev.write_catalog --write`: stale {stale}"


def test_navigation_has_no_bar_without_a_link_beside_it():
    """The first and last lessons have no previous or next link: no stray "|" starts or ends their line."""
    first, last = write_catalog.nav_markdown(catalog.LESSONS[0]), write_catalog.nav_markdown(catalog.LESSONS[-1])
    assert first.startswith("[Contents]") and "&nbsp;" not in first
    assert last.splitlines()[0].endswith("(00_start_here.ipynb#The-lesson-map)") and "&nbsp;" not in last
    middle = write_catalog.nav_markdown(catalog.LESSONS[1]).splitlines()[0]
    assert middle.count(" | ") == 2


def test_catalog_write_is_idempotent(tmp_path, monkeypatch):
    for nb in NOTEBOOKS:
        (tmp_path / "notebooks").mkdir(exist_ok=True)
        (tmp_path / "notebooks" / nb.name).write_text(nb.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    monkeypatch.setattr(write_catalog, "NOTEBOOKS", tmp_path / "notebooks")
    monkeypatch.setattr(write_catalog, "README", tmp_path / "README.md")
    write_catalog.write()
    first = {p: p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.is_file()}
    assert write_catalog.write() == []
    assert first == {p: p.read_text(encoding="utf-8") for p in tmp_path.rglob("*") if p.is_file()}


def test_catalog_detects_a_stale_navigation_cell(tmp_path, monkeypatch):
    nb_dir = tmp_path / "notebooks"
    nb_dir.mkdir()
    for nb in NOTEBOOKS:
        (nb_dir / nb.name).write_text(nb.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "README.md").write_text(README, encoding="utf-8")
    monkeypatch.setattr(write_catalog, "NOTEBOOKS", nb_dir)
    monkeypatch.setattr(write_catalog, "README", tmp_path / "README.md")
    target = nb_dir / catalog.LESSONS[0].notebook
    nb = nbformat.read(target, as_version=4)
    next(c for c in nb.cells if c.metadata.get(write_catalog.GENERATED) == "nav-top").source = "old navigation"
    nbformat.write(nb, target)
    assert write_catalog.stale() == [target]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_small_error_free_and_navigable(path):
    assert path.stat().st_size <= 100 * 1024, f"{path.name} is {path.stat().st_size // 1024} KB"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    kinds = [c.metadata.get(write_catalog.GENERATED) for c in nb.cells]
    assert kinds[0] == "nav-top" and kinds[-1] == "nav-bottom" and "overview" in kinds and "key-points" in kinds
    assert nb.cells[1].cell_type == "markdown" and nb.cells[1].source.startswith("# "), (
        "one title right after the navigation"
    )
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "a lesson has code cells"
    for cell in code:
        assert cell.execution_count is not None, "notebooks are committed executed (run `make notebooks`)"
        for out in cell.outputs:
            assert out.output_type != "error", f"error output in {path.name}"
            assert out.get("name") != "stderr", f"stderr output in {path.name}: {out.get('text', '')[:200]}"
    text = path.read_text(encoding="utf-8")
    assert "cdn.plot.ly" not in text and "cdn.jsdelivr" not in text and "unpkg.com" not in text
    assert '"application/vnd.jupyter.widget-state+json"' not in text, "widget state must not be stored"
    assert "<details><summary>Solution</summary>" in text or path.name.startswith("00"), (
        "exercises have hidden solutions"
    )


def test_no_module_in_the_package_is_over_520_lines():
    """CONTRIBUTING's "no module over about 500 lines", for the whole package (the timeline's own test
    holds its modules to 500): a module that grows past it is split by job."""
    modules = sorted((ROOT / "lessons").rglob("*.py"))
    assert len(modules) > 40  # the package itself, not an empty folder
    too_long = {}
    for path in modules:
        name = path.relative_to(ROOT).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > 520:
            too_long[name] = lines
    assert not too_long, f"split these modules by job: {too_long}"


def test_importing_lessons_stores_figures_as_plotly_json_only():
    assert pio.renderers.default == "plotly_mimetype"
    bundle = pio.renderers["plotly_mimetype"].to_mimebundle({"data": [], "layout": {}})
    assert list(bundle) == ["application/vnd.plotly.v1+json"]
    assert pio.templates.default == "lessons"


def test_environment_check_reports_versions_and_fixes(monkeypatch):
    report = lessons.check_environment()
    names = [c.name for c in report.checks]
    assert names[:1] == ["Python"] and {"jupyterlab", "ipywidgets", "plotly", "pandas", "widget front end"} <= set(
        names
    )
    assert report.ok, repr(report)
    real = environment._installed
    monkeypatch.setattr(environment, "_installed", lambda name: None if name == "plotly" else real(name))
    broken = lessons.check_environment()
    assert not broken.ok
    plotly_row = next(c for c in broken.checks if c.name == "plotly")
    assert "make lab" in plotly_row.advice and "not installed" in repr(broken)
    assert "Needs fixing" in broken._repr_html_() and "❌" not in broken._repr_html_()


def test_environment_check_reads_lower_bounds_from_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    bounds = environment.required_versions()
    for name, lowest in bounds.items():
        assert any(
            re.fullmatch(rf"{name}>={re.escape(lowest)}(,<[0-9.]+)?", dep.split("#")[0].strip())
            for dep in project["dependencies"]
        ), name


def test_lab_settings_turn_off_network_notifications(tmp_path):
    from lessons.dev import setup_lab

    path = setup_lab.overrides_path(tmp_path)
    assert path == tmp_path / "share/jupyter/lab/settings/overrides.json"
    settings = setup_lab.OVERRIDES["@jupyterlab/apputils-extension:notification"]
    assert settings["checkForUpdates"] is False and settings["fetchNews"] == "false"
    installed = setup_lab.overrides_path()
    assert json.loads(installed.read_text(encoding="utf-8"))["@jupyterlab/apputils-extension:notification"] == settings


def test_widget_outputs_get_stable_ids():
    from lessons.dev import execute

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("w")])
    nb.cells[0]["id"] = "c1"
    view = {"model_id": "0" * 32, "version_major": 2, "version_minor": 0}
    nb.cells[0].outputs = [
        nbformat.v4.new_output("display_data", data={"application/vnd.jupyter.widget-view+json": dict(view)})
    ]
    execute._stable_widget_ids(nb, "x.ipynb")
    first = nb.cells[0].outputs[0]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
    execute._stable_widget_ids(nb, "x.ipynb")
    assert first == nb.cells[0].outputs[0]["data"]["application/vnd.jupyter.widget-view+json"]["model_id"] != "0" * 32
    assert len(first) == 32


def test_explorers_say_what_they_are_where_widgets_cannot_be_drawn():
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            for out in cell.get("outputs", []):
                if "application/vnd.jupyter.widget-view+json" in out.get("data", {}):
                    text = out["data"]["text/plain"]
                    assert text.endswith("(interactive: run the notebook to use it)]") and "children=" not in text, text


@pytest.mark.slow
def test_a_built_wheel_holds_every_module_of_the_package(tmp_path):
    """A non-editable install (a JupyterHub image, pip install .) gets the whole package: every subpackage
    (quiz, timeline, mapview, dev) and the site's assets and template are in the wheel, not only
    lessons/__init__ and its siblings."""
    import shutil
    import subprocess
    import sys
    import zipfile

    src = tmp_path / "src"  # a clean copy: setuptools would reuse a build/ folder left in the checkout
    shutil.copytree(ROOT / "lessons", src / "lessons", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, src / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(src)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = tmp_path.glob("*.whl")
    inside = set(zipfile.ZipFile(wheel).namelist())
    files = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "lessons").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert files - inside == set(), sorted(files - inside)  # modules, the site's assets and template
