"""The lesson catalog: the single source of truth for every lesson.

Each lesson's id, title, notebook, questions, objectives, timings, prerequisites and
key points live here. The maintainer command ``python -m lessons.dev.write_catalog``
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


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        id="00",
        title="Start here",
        notebook="00_start_here.ipynb",
        questions=(
            "What does this package teach, and to whom?",
            "How do I use a notebook and its widgets?",
            "From what point of view are maps and names given?",
        ),
        objectives=(
            "Run a notebook cell and use a widget.",
            "Find the lesson that answers a question, and how long it takes.",
            "State the package's point of view on borders and names, and where each party's own terms are shown.",
            "Check that your computer has everything the lessons need.",
        ),
        teaching=10,
        exercises=5,
        prerequisites=(),
        key_points=(
            "Every fact in the lessons comes from a row of data that names its sources; click an item to see them.",
            "Borders and legal status follow UN General Assembly resolution 68/262; each party's own terms are shown beside them.",
            "Widgets need a running kernel; without one, the figures still show and zoom.",
            "`lessons.check_environment()` says what is missing and how to fix it.",
        ),
        sources=('un-20140327-ga-res-68-262', 'rada-law-1207-vii-annotation', 'kremlin-20140321-laws-admitting-crimea'),
    ),
    Lesson(
        id="01",
        title="The call of 18 March 2025",
        notebook="01_the_call.ipynb",
        questions=(
            "What did the White House and the Kremlin each say the two presidents agreed on 18 March 2025?",
            "What does only one of the two readouts mention, and why does that matter?",
        ),
        objectives=(
            "Explain what a readout is and why it is one side's account, not a transcript.",
            "Compare the two readouts topic by topic and name three differences in wording or content.",
            "Place the call in the sequence of events from the Jeddah statement to the Riyadh talks.",
            "Check a claim about the call against the primary source it comes from.",
        ),
        teaching=25,
        exercises=15,
        prerequisites=("00",),
        key_points=(
            "A readout is a government's own summary of a call; the two readouts of 18 March 2025 are two accounts, not one record.",
            "The White House wrote of an \"energy and infrastructure ceasefire\"; the Kremlin of a 30-day halt to strikes on \"energy infrastructure\".",
            "Only the Kremlin readout names a 30-day duration, a halt to foreign military aid and intelligence for Kyiv as a key condition, and the prisoner exchange.",
            "What each side left out is evidence too: read both before you judge either.",
        ),
        sources=('whitehouse-20250318-call-readout', 'kremlin-20250318-call-readout', 'scoop-20250319-rubio-waltz-statement-zelenskyy-call'),
        further_reading=('unn-20250318-kremlin-statement-details', 'kyivindependent-20250318-30-day-pause-energy-strikes', 'kyivindependent-20250318-kremlin-demands-halt-aid-intelligence'),
    ),
    Lesson(
        id="02",
        title="The ceasefire terms",
        notebook="02_ceasefire_terms.ipynb",
        questions=(
            "What was agreed in March 2025, what was only to be negotiated, and what did Russia set as conditions?",
            "When did the 30-day energy moratorium start and end, according to each side?",
            "What happened after the call: the prisoner exchange, the Black Sea statements, alleged violations, expiry?",
        ),
        objectives=(
            "Sort the elements discussed between 11 March and April 2025 by status: agreed, agreed to negotiate, proposed, condition, rejected, expired.",
            "Show on a calendar why the moratorium's start and end depend on whose account you follow.",
            "Distinguish a term that one side reports as agreed from one that both sides confirm.",
            "Trace what happened next from the data, with sources for each claim.",
        ),
        teaching=25,
        exercises=20,
        prerequisites=("01",),
        key_points=(
            "Agreed, agreed to negotiate, proposed and conditioned are different things; keep them apart when you read a report.",
            "The Kremlin counted the energy moratorium from 18 March; Ukraine from 25 March; the US statements gave no start date.",
            "The Black Sea arrangement announced on 25 March was, in the Kremlin's account, to take effect only after sanctions were lifted.",
            "Each side accused the other of strikes on energy sites during the moratorium; the data records these as claims, with their sources.",
        ),
        sources=('whitehouse-20250318-call-readout', 'kremlin-20250318-call-readout', 'scoop-20250319-rubio-waltz-statement-zelenskyy-call', 'ekadaster-20250325-whitehouse-us-ukraine-outcomes', 'scoop-20250320-guterres-energy', 'un-ukraine-glossary-humanitarian-pauses'),
        further_reading=('pravdaua-20250325-kremlin-list-energy-facilities', 'pravdaua-20250319-ukraine-brings-back-197', 'themoscowtimes-20250418-pause-energy-strikes-expired', 'censor-20250418-ukraine-considers-march-25-start'),
    ),
    Lesson(
        id="03",
        title="Crimea, 1991 to 2014",
        notebook="03_crimea_1991_2014.ipynb",
        questions=(
            "How did Crimea's status change between the Soviet Union's last year and 2014?",
            "What happened in Crimea between 20 February and 27 March 2014, day by day?",
            "How did the world respond, and how does each party name what happened?",
        ),
        objectives=(
            "Place 1991 in a longer history: the 1783 annexation, the Crimean ASSR, the 1944 deportation and the 1954 transfer.",
            "Describe the main steps from the 1991 referendums through autonomy, the fleet treaties and the 2010 lease extension to 2014.",
            "Read the 1991 and 2014 votes with their bases and status: official results, organisers' claims and independent estimates.",
            "Use the map's date slider to show what changed, where, in February and March 2014.",
            "Give Russia's account of March 2014 in its own words, then the UN General Assembly's finding and Ukraine's terms, each attributed.",
        ),
        teaching=25,
        exercises=20,
        prerequisites=("00",),
        key_points=(
            "In 1991 Crimea voted both for restored autonomy (January) and, by a smaller majority, for Ukraine's independence (December).",
            "The Black Sea Fleet's basing in Sevastopol was governed by the 1997 agreements and, from 2010, the Kharkiv agreement; Russia denounced both in 2014.",
            "The 16 March 2014 figures are the organisers' claims; the UN General Assembly declared the vote to have no validity (resolution 68/262).",
            "Russia calls the events of March 2014 \"reunification\" and Ukrainian law \"temporary occupation\"; most Western governments say \"annexation\". Resolution 68/262 speaks of an \"alteration of the status\" that states should not recognise; later General Assembly resolutions call Russia \"the occupying Power\".",
            "The Crimean Tatars, deported in 1944, returned in large numbers after 1989; that is why their share of Crimea's population rose from about 2% in 1989 to 12% in 2001.",
        ),
        sources=('ndkt-19910212-law-restoration-crimean-assr', 'minelres-constitution-ukraine-1996', 'wikisource-constitution-crimea-1998', 'un-20140315-s-pv-7138', 'kremlin-20140318-address', 'wikisource-treaty-accession-crimea', 'whitehouse-20140324-hague-declaration', 'un-20140327-ga-res-68-262', 'rada-law-1207-vii-annotation'),
        further_reading=('interfax-ukraine-20211201-referendum-30-years',),
    ),
    Lesson(
        id="04",
        title="The positions of the parties",
        notebook="04_positions.ipynb",
        questions=(
            "Where do the United States, Russia, Ukraine and the European allies stand on each issue of a settlement?",
            "How did positions change in the first half of 2025, and where do the parties' own words differ most?",
        ),
        objectives=(
            "Read a party × issue matrix and say what each stance is measured against.",
            "Follow one party's statements on one issue over time, with dates and sources.",
            "Compare two parties on the same issue in their own words.",
            "Tell a stated position from a commentator's description of it.",
        ),
        teaching=25,
        exercises=20,
        prerequisites=("01", "02", "03"),
        key_points=(
            "A stance is always a stance toward a stated proposition; read the proposition before the colour.",
            "Positions are dated: the US pause and resumption of aid and intelligence in March 2025 is one example of change.",
            "On Crimea's status, Ukraine, the EU and the Mejlis reject any recognition of Russian control, Russia treats Crimea as its territory. For the US: in 2018 the State Department refused recognition (the Crimea Declaration); in April 2025 the President said Crimea would stay with Russia and a reported US framework offered de jure recognition, while he also wrote that nobody was asking Zelensky to recognise it.",
            "Quote each party in its own words and cite the statement; summaries are ours and say so.",
        ),
        sources=('politikinews-20250306-euco-conclusions', 'ftdk-20250320-euco-conclusions', 'govuk-20250315-pm-statement-coalition', 'usembassy-bg-20180725-crimea-declaration', 'rada-law-1207-vii-annotation', 'qtmm-about-mejlis'),
        further_reading=('interfax-ua-20250322-witkoff-carlson', 'tass-20250425-trump-time-crimea'),
    ),
    Lesson(
        id="05",
        title="Reading the news",
        notebook="05_reading_the_news.ipynb",
        questions=(
            "How well does a news report of the call of 18 March 2025 hold up, claim by claim?",
            "What makes a claim accurate, imprecise, misleading, or unsupported by the sources at hand?",
        ),
        objectives=(
            "List the claims a news report makes and name, for each, the text it rests on.",
            "Classify each claim as accurate, imprecise, misleading or unsupported by the sources here, citing the data row that decides it.",
            "Rewrite a claim so that every figure says whose it is.",
            "Use four questions on any report: who says it, in which text, what the other side says, what happened next.",
        ),
        teaching=15,
        exercises=30,
        prerequisites=("01", "02", "03"),
        key_points=(
            "A report can be right in substance and still imprecise: one side's figure given as fact, one side's word given as what both agreed.",
            "Only the Kremlin readout gives 30 days; the G7 suspended its participation in the G8 rather than expelling Russia; 23 wounded prisoners were promised and 22 handed over.",
            "\"Unsupported by the sources here\" is not \"false\": it tells you which source to find next.",
            "Ask of every claim: who says it, in which text, what the other side says, and what happened next.",
        ),
        sources=("whitehouse-20250318-call-readout", "kremlin-20250318-call-readout", "whitehouse-20140324-hague-declaration", "un-20140327-ga-res-68-262", "kremlin-20140318-address", "eu-20140317-council-decision-2014-145", "ofac-20140508-ukraine-sanctions-regulations"),
        further_reading=("unn-20250318-kremlin-statement-details", "kyivindependent-20250318-kremlin-demands-halt-aid-intelligence", "vesti-20250318-putin-informs-prisoner-exchange", "pravdaua-20250319-ukraine-brings-back-197", "donga-20140326-g7-hague"),
    ),
    Lesson(
        id="06",
        title="Review",
        notebook="06_review.ipynb",
        questions=(
            "What do you remember from lessons 01 to 05, and where is the evidence for it?",
            "Can you put the main events in order, and say who controlled what on a given date?",
            "Can you write a short account that a reader from any side could check?",
        ),
        objectives=(
            "Answer mixed questions on the call, the ceasefire terms, Crimea from 1991 to 2014, the positions and the news report, and name the row that proves each answer.",
            "Put the main events from 1991 to 2025 in order on the timeline.",
            "Read the dated map: on a given day, who controlled what, according to which source.",
            "Write a short account in which every contested claim is attributed, and assess it with the rubric.",
        ),
        teaching=5,
        exercises=40,
        prerequisites=("01", "02", "03", "04", "05"),
        key_points=(
            "Every answer in this course can be traced to a row of data and its sources.",
            "Who controls an area on a date and whose territory it is under international law are separate questions: the map keeps them apart.",
            "A good account attributes every contested claim and figure; the rubric rewards evidence and attribution, not a side.",
        ),
        sources=("whitehouse-20250318-call-readout", "kremlin-20250318-call-readout", "ekadaster-20250325-whitehouse-us-ukraine-outcomes", "wikisource-treaty-accession-crimea", "un-20140327-ga-res-68-262", "whitehouse-20140324-hague-declaration", "rada-law-1207-vii-annotation"),
        further_reading=("unn-20250318-kremlin-statement-details",),
    ),
)


def by_id(lesson_id: str) -> Lesson:
    for lesson in LESSONS:
        if lesson.id == lesson_id:
            return lesson
    raise KeyError(f"no lesson {lesson_id!r}; lessons: {', '.join(l.id for l in LESSONS)}")


# --------------------------------------------------------------------------- the lesson map (shown in lesson 00)


def lesson_map_markdown() -> str:
    """The lesson map for the start notebook (titles, times, links)."""
    lines = ["| # | Lesson | Time | Prerequisites |", "|---|---|---|---|"]
    for l in LESSONS:
        pre = ", ".join(by_id(p).title for p in l.prerequisites) or "none"
        lines.append(f"| {l.id} | [{l.title}]({l.notebook}) | {l.minutes} min ({l.teaching} teaching + {l.exercises} exercises) | {pre} |")
    return "\n".join(lines)


def lesson_map():
    """The lesson map as a Markdown output for a notebook cell."""
    from IPython.display import Markdown

    return Markdown(lesson_map_markdown())
