"""The lesson catalog: the single source of truth for every lesson.

Each lesson's id, title, notebook, questions, objectives, timings, prerequisites, key points
and sources live in ``notebooks/lessons.yml`` (data, not code); this module reads and checks it. The maintainer command ``python -m lessons.dev.write_catalog``
writes the README's lesson table and the notebooks' generated cells from it; the
static site (``lessons.dev.site``) builds its index from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    notebook: str
    questions: tuple[str, ...]
    objectives: tuple[str, ...]
    teaching: int  # minutes
    exercises: int  # minutes
    prerequisites: tuple[str, ...]
    key_points: tuple[str, ...]
    sources: tuple[str, ...] = ()  # ids in data/sources.csv: the primary texts the lesson rests on
    further_reading: tuple[str, ...] = ()  # ids in data/sources.csv: reporting and reference works

    @property
    def minutes(self) -> int:
        return self.teaching + self.exercises


CATALOG = NOTEBOOKS / "lessons.yml"
_LISTS = ("questions", "objectives", "prerequisites", "key_points", "sources", "further_reading")
_REQUIRED = ("id", "title", "notebook", "teaching", "exercises", "questions", "objectives", "key_points")


class CatalogError(ValueError):
    """notebooks/lessons.yml is not a valid catalog; the message names the lesson and the field."""


def _lesson(entry, position: int) -> Lesson:
    if not isinstance(entry, dict):
        raise CatalogError(f"lessons.yml: entry {position} is not a mapping of fields")
    where = f"lessons.yml, lesson {entry.get('id', position)!s}"
    unknown = set(entry) - set(_REQUIRED) - set(_LISTS)
    missing = [k for k in _REQUIRED if k not in entry]
    if unknown or missing:
        raise CatalogError(f"{where}: missing {missing or 'nothing'}, unknown {sorted(unknown) or 'nothing'}")
    for key in ("teaching", "exercises"):
        if not isinstance(entry[key], int) or isinstance(entry[key], bool) or entry[key] < 0:
            raise CatalogError(f"{where}: {key} must be a whole number of minutes, not {entry[key]!r}")
    values = {}
    for key in _LISTS:
        items = entry.get(key) or []
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise CatalogError(f"{where}: {key} must be a list of non-empty texts")
        values[key] = tuple(items)
    for key in ("id", "title", "notebook"):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise CatalogError(f'{where}: {key} must be a non-empty text (quote ids such as "05")')
    fields = {key: entry[key] for key in ("id", "title", "notebook", "teaching", "exercises")}
    return Lesson(**fields, **values)


def load_catalog(path: Path = CATALOG) -> tuple[Lesson, ...]:
    """The lessons of ``notebooks/lessons.yml``, checked: unique ids, prerequisites that name earlier lessons."""
    import yaml

    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise CatalogError(f"lessons.yml is not valid YAML: {err}") from None
    entries = document.get("lessons") if isinstance(document, dict) else None
    if not isinstance(entries, list) or not entries:
        raise CatalogError("lessons.yml needs a list under 'lessons:'")
    lessons = tuple(_lesson(entry, i + 1) for i, entry in enumerate(entries))
    seen: list[str] = []
    for lesson in lessons:
        if lesson.id in seen:
            raise CatalogError(f"lessons.yml: lesson id {lesson.id!r} appears twice")
        later = [p for p in lesson.prerequisites if p not in seen]
        if later:
            raise CatalogError(f"lessons.yml, lesson {lesson.id}: prerequisites {later} are not earlier lessons")
        seen.append(lesson.id)
    return lessons


LESSONS: tuple[Lesson, ...] = load_catalog()


def by_id(lesson_id: str) -> Lesson:
    for lesson in LESSONS:
        if lesson.id == lesson_id:
            return lesson
    raise KeyError(f"no lesson {lesson_id!r}; lessons: {', '.join(les.id for les in LESSONS)}")


# --------------------------------------------------------------------------- the lesson map (shown in lesson 00)


def lesson_map_markdown() -> str:
    """The lesson map for the start notebook (titles, times, links)."""
    lines = ["| # | Lesson | Time | Prerequisites |", "|---|---|---|---|"]
    for les in LESSONS:
        pre = ", ".join(by_id(p).title for p in les.prerequisites) or "none"
        lines.append(
            f"| {les.id} | [{les.title}]({les.notebook}) | {les.minutes} min ({les.teaching} teaching + {les.exercises} exercises) | {pre} |"
        )
    return "\n".join(lines)


def lesson_map():
    """The lesson map as a Markdown output for a notebook cell."""
    from IPython.display import Markdown

    return Markdown(lesson_map_markdown())
