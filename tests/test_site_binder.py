"""Binder and JupyterHub: repo2docker reads environment.yml and runs postBuild, which does what `make lab` does.

repo2docker can write its build plan (the Dockerfile) without Docker (``--no-build``);
the test reads that plan, so CI proves the repository builds on Binder as it is.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_binder_files_are_where_repo2docker_looks():
    # a binder/ (or .binder/) folder would make repo2docker ignore environment.yml and postBuild at the top
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()
    post = ROOT / "postBuild"
    assert post.is_file() and os.access(post, os.X_OK), "postBuild must be executable"
    text = post.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/bash") and "set -euo pipefail" in text
    assert re.search(r"^python -m lessons\.dev\.setup_lab$", text, re.M), "postBuild does what make lab does"
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    assert "-e ." in pip, "environment.yml installs the lessons package, so postBuild can import it"


def test_readme_has_a_binder_badge_opening_the_start_notebook():
    badge = re.search(r"\[!\[Binder\]\(https://mybinder\.org/badge_logo\.svg\)\]\((https://mybinder\.org/v2/gh/[^)]+)\)", README)
    assert badge, "no Binder badge in the README"
    assert badge.group(1).endswith("?urlpath=lab/tree/notebooks/00_start_here.ipynb")
    assert "git-pull?repo=" in README, "an nbgitpuller link template for JupyterHub"


def _repo2docker():
    exe = shutil.which("repo2docker") or str(Path(sys.executable).with_name("repo2docker"))
    if not Path(exe).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("repo2docker is not installed (pip install -e '.[test]')")
        pytest.skip("repo2docker is not installed")
    return exe


def test_repo2docker_build_plan_reads_environment_yml_and_runs_postbuild(tmp_path):
    # a clean copy of what git tracks, as Binder would clone it (no .venv, no _site)
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in files.stdout.splitlines():
        src = ROOT / name
        if src.is_file():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, tmp_path / name)
    done = subprocess.run([_repo2docker(), "--no-build", "--no-run", "--debug", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    plan = done.stdout + done.stderr
    assert done.returncode == 0, plan[-3000:]
    assert re.search(r'env update -p \$\{NB_PYTHON_PREFIX\} --file "environment\.yml"', plan), plan[-3000:]
    assert re.search(r"^RUN \./postBuild$", plan, re.M), "repo2docker does not run postBuild"
    assert plan.index("environment.yml") < plan.index("RUN ./postBuild"), "postBuild runs after the environment is installed"
    assert "requirements.txt" not in plan, "only environment.yml describes the environment"
