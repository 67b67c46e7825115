"""Build the static site: every lesson as a web page that works from a USB stick, offline.

    python -m lessons.dev.site                  # into _site/ (ignored by git)
    python -m lessons.dev.site --out DIR        # elsewhere
    python -m lessons.dev.site --stored         # from the stored outputs, without executing

What it writes: ``index.html`` (from the catalog), one page per lesson, the teacher guide
(``TEACHER_GUIDE.md`` or ``docs/teacher-guide.md``, when the repository has one), the data
dictionary (from ``data/datapackage.json``) with the CSV files beside it, and ``assets/``:
plotly.js copied ONCE from the installed plotly package, the stylesheet (screen and print)
and the script that draws each figure. No page loads anything from the network.

Each lesson is executed afresh (nbclient, this environment's kernel) with one hidden first
cell that makes every widget display as its first state (``lessons.dev.static_view``):
an explorer's figure, panels and table, and one line saying the controls need JupyterLab.
Figures are plotly JSON drawn by the site's plotly.js, so hover, zoom and plotly's own
buttons and sliders work; widget views are not rendered (no widget manager, no CDN).
Solutions stay folded on screen and print together on a page of their own.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from nbconvert.filters import markdown2html_mistune
from nbconvert.preprocessors import Preprocessor

from lessons.catalog import LESSONS, NOTEBOOKS, ROOT, Lesson

from .setup_lab import plotly_static_dir
from .static_view import figure_html

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
ASSETS = HERE / "assets"
DEFAULT_OUT = ROOT / "_site"
DATA = ROOT / "data"
GUIDES = (ROOT / "TEACHER_GUIDE.md", ROOT / "docs" / "teacher-guide.md")
INSTALL_CELL = "from lessons.dev import static_view\nstatic_view.install()"
PLOTLY_MIME = "application/vnd.plotly.v1+json"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
SOLUTION_RE = re.compile(r"<details>\s*<summary>\s*Solution\s*</summary>(.*?)</details>", re.S)
NOTEBOOK_LINK_RE = re.compile(r"\]\(([0-9A-Za-z_-]+)\.ipynb(#[^)]*)?\)")


def page_name(notebook: str) -> str:
    return Path(notebook).with_suffix(".html").name


# --------------------------------------------------------------------------- notebooks


def execute_static(nb, cwd: Path = NOTEBOOKS, timeout: int = 600):
    """Execute ``nb`` with widgets displayed as static HTML (first state); returns it."""
    nb.cells.insert(0, nbformat.v4.new_code_cell(INSTALL_CELL))
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(cwd)}},
                            store_widget_state=False, record_timing=False, allow_errors=False)
    try:
        client.execute()
    finally:
        nb.cells.pop(0)
    nb.metadata.pop("widgets", None)
    return nb


class StaticOutputs(Preprocessor):
    """Plotly JSON becomes a figure the site's script draws; widget views go; notebook links become page links."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = NOTEBOOK_LINK_RE.sub(lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", cell.source)
        for out in cell.get("outputs", []):
            data = out.get("data")
            if not data:
                continue
            if PLOTLY_MIME in data:
                data["text/html"] = figure_html(data.pop(PLOTLY_MIME))
                data.pop("text/plain", None)
            if WIDGET_MIME in data:
                data.pop(WIDGET_MIME)
                if "text/html" in data:
                    data.pop("text/plain", None)
        return cell, resources


def with_solutions_apart(body: str) -> str:
    """Mark each solution, and copy them all into a section that prints on a page of its own."""
    found = []

    def mark(match):
        found.append(match.group(1))
        return f"<details class='lessons-solution'><summary>Solution</summary>{match.group(1)}</details>"

    body = SOLUTION_RE.sub(mark, body)
    if not found:
        return body
    items = "".join(f"<li>{text}</li>" for text in found)
    section = f"<section class='lessons-solutions'><h2>Solutions</h2><ol>{items}</ol></section>"
    return body.replace("</main>", section + "\n</main>", 1)


def nav_html(root: str = "") -> str:
    links = [("index.html", "All lessons"), ("data.html", "Data dictionary")]
    if guide_path():
        links.insert(1, ("teacher-guide.html", "Teacher guide"))
    items = "".join(f"<a href='{root}{href}'>{html.escape(label)}</a>" for href, label in links)
    return f"<nav class='lessons-sitenav' aria-label='Site'>{items}</nav>"


FOOTER = ("<footer class='lessons-footer'>Static copy of the lesson: figures zoom and hover; explorers and quizzes "
          "need JupyterLab. Text and data CC BY 4.0, code MIT.</footer>")


def lesson_page(lesson: Lesson, execute: bool = True) -> str:
    nb = nbformat.read(NOTEBOOKS / lesson.notebook, as_version=4)
    if execute:
        execute_static(nb)
    exporter = HTMLExporter(template_name="lessons_site", extra_template_basedirs=[str(TEMPLATES)],
                            exclude_input_prompt=True, exclude_output_prompt=True)
    exporter.register_preprocessor(StaticOutputs(), enabled=True)
    resources = {"site_root": "", "site_nav": nav_html(), "site_footer": FOOTER,
                 "metadata": {"name": f"{lesson.id} {lesson.title}"}}
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return with_solutions_apart(body)


# --------------------------------------------------------------------------- other pages


def shell(title: str, body: str, root: str = "") -> str:
    """A plain page in the site's style (index, guide, data dictionary)."""
    return (f"<!DOCTYPE html>\n<html lang='en'>\n<head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width, initial-scale=1.0'>"
            f"<title>{html.escape(title)}</title><link rel='stylesheet' href='{root}assets/site.css'></head>\n"
            f"<body class='lessons-page'><main>{nav_html(root)}{body}{FOOTER}</main></body>\n</html>\n")


def index_html(handouts: bool = False) -> str:
    items = []
    for lesson in LESSONS:
        questions = "".join(f"<li>{html.escape(q)}</li>" for q in lesson.questions)
        pdf = f" · <a href='handouts/{lesson.id}.pdf'>handout (PDF)</a>" if handouts else ""
        items.append(
            f"<li><h2><a href='{page_name(lesson.notebook)}'>{lesson.id} {html.escape(lesson.title)}</a></h2>"
            f"<p>{lesson.teaching} min teaching, {lesson.exercises} min exercises{pdf}</p><ul>{questions}</ul></li>")
    total = sum(x.minutes for x in LESSONS)
    intro = ("<h1>Lessons: the call of 18 March 2025 and Crimea 1991–2014</h1>"
             f"<p>{len(LESSONS)} lessons, {total} minutes in all. These pages are a static copy that works offline: "
             "figures zoom and hover; the explorers and quizzes need JupyterLab (<code>make lab</code>).</p>")
    return shell("Lessons", intro + f"<ul class='lessons-index'>{''.join(items)}</ul>")


def guide_path() -> Path | None:
    return next((p for p in GUIDES if p.is_file()), None)


def guide_html(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\]\((?:\.\./)?(?:notebooks/)?([0-9A-Za-z_-]+)\.ipynb(#[^)]*)?\)",
                  lambda m: f"]({m.group(1)}.html{m.group(2) or ''})", text)
    return shell("Teacher guide", markdown2html_mistune(text))


def _constraints(field: dict) -> str:
    parts = [f"{k}: {v}" for k, v in field.get("constraints", {}).items()]
    if "delimiter" in field:
        parts.append(f"list separated by “{field['delimiter']}”")
    return "; ".join(parts)


def dictionary_html(descriptor: dict) -> str:
    out = [f"<h1>Data dictionary</h1><p>{html.escape(descriptor.get('description', ''))}</p>"]
    for res in descriptor.get("resources", []):
        schema = res.get("schema", {})
        rows = "".join(
            f"<tr><td><code>{html.escape(f['name'])}</code></td><td>{html.escape(str(f.get('type', '')))}</td>"
            f"<td>{html.escape(f.get('description', ''))}</td><td>{html.escape(_constraints(f))}</td></tr>"
            for f in schema.get("fields", []))
        keys = "".join(
            f"<li><code>{html.escape(str(k.get('fields')))}</code> → {html.escape(k.get('reference', {}).get('resource', '') or 'itself')}"
            f" <code>{html.escape(str(k.get('reference', {}).get('fields')))}</code></li>"
            for k in schema.get("foreignKeys", []))
        path = res.get("path", "")
        out.append(f"<h2 id='{html.escape(res.get('name', ''))}'>{html.escape(res.get('title', res.get('name', '')))}</h2>"
                   f"<p>{html.escape(res.get('description', ''))} File: <a href='data/{html.escape(path)}'>{html.escape(path)}</a></p>")
        if rows:
            out.append("<table class='lessons-dictionary'><thead><tr><th>Field</th><th>Type</th><th>Meaning</th>"
                       f"<th>Constraints</th></tr></thead><tbody>{rows}</tbody></table>")
        if keys:
            out.append(f"<p>References:</p><ul>{keys}</ul>")
    return shell("Data dictionary", "".join(out))


# --------------------------------------------------------------------------- build


def copy_assets(out: Path) -> None:
    assets = out / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(plotly_static_dir() / "plotly.min.js", assets / "plotly.min.js")
    for name in ("site.css", "site.js"):
        shutil.copyfile(ASSETS / name, assets / name)
    (out / "data").mkdir(exist_ok=True)
    for path in sorted(DATA.iterdir()):
        if path.suffix in (".csv", ".json", ".geojson", ".md"):
            shutil.copyfile(path, out / "data" / path.name)


def build(out: Path = DEFAULT_OUT, execute: bool = True, lessons=LESSONS) -> dict:
    """Write the site into ``out`` (emptied first); returns sizes and timings."""
    t0 = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    copy_assets(out)
    (out / "index.html").write_text(index_html(handouts=(out / "handouts").exists()), encoding="utf-8")
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    (out / "data.html").write_text(dictionary_html(descriptor), encoding="utf-8")
    guide = guide_path()
    if guide:
        (out / "teacher-guide.html").write_text(guide_html(guide), encoding="utf-8")
    pages = {}
    for lesson in lessons:
        t = time.perf_counter()
        (out / page_name(lesson.notebook)).write_text(lesson_page(lesson, execute), encoding="utf-8")
        pages[lesson.id] = round(time.perf_counter() - t, 1)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return {"out": str(out), "seconds": round(time.perf_counter() - t0, 1), "bytes": size, "pages": pages}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lessons.dev.site", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--stored", action="store_true", help="use the stored outputs (explorers then show text only)")
    args = parser.parse_args(argv)
    report = build(args.out, execute=not args.stored)
    print(f"site written to {report['out']}: {report['bytes'] / 1e6:.1f} MB in {report['seconds']} s "
          f"(per lesson: {report['pages']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
