"""Reports for trainers and trainees: figures, charts, and the HTML, Markdown, CSV and JSON.

A seeded store is played with real sessions on two bundled scenarios, by four trainees in
two groups over two days (plus one trainee who has not played yet). The tests check the
figures a trainer reads, not just that files appear.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

import simulator.cli as cli
from scoring.registry import BY_ID
from simulator.language.library import load
from simulator.reports import csv_export, html, json_export, markdown, svg
from simulator.reports.data import (
    GroupReport,
    TraineeReport,
    escalation_curve,
    group_report,
    trainee_report,
)
from simulator.store import AttemptRow, Store, TraineeRow
from simulator.store.session import Session

LIB = load()
KM = "km-spreekkamer-dreiging"
BEV = "bev-ordegesprek-volgende-dag"
KM_COURSE = "klantmanager-halve-dag"
BEV_COURSE = "beveiliger-intensief"
EXAM_COURSE = "zelfstudie-examen"
KM_MODEL = [
    "inhoud-stoppen",
    "grens-stellen",
    "beveiliging-inschakelen",
    "aanwijzing-opvolgen",
    "incident-melden",
    "aangifte-met-vc",
    "nazorg-aannemen",
]
KM_FAIL = ["besluit-uitleggen", "besluit-uitleggen", "wacht", "wacht"]
BEV_MODEL = [  # regie run bev-ordegesprek-volgende-dag --bot protocol --seed 0 --json
    "gesprek-onderbreken",
    "aanwijzing-geven",
    "dienstverlening-opschorten",
    "ordegesprek-oproepen",
    "incident-melden",
    "nazorg-bieden",
    "aangifte-met-vc",
    "ordegesprek-voeren",
    "grens-stellen",
    "garantie-vragen",
    "toegangsbeperking-opleggen",
]
BEV_FAIL = ["wacht", "wacht", "wacht"]
THINK = 3.5  # seconds of thought before each choice
GENERATED = "2026-12-01 10:00"
KM_COURSE_TITLE = "Klantmanager: training van een dagdeel"
DAY1, DAY2 = "2026-11-23", "2026-11-30"


class Clock:
    """The store's clock: a minute passes with every write; ``day`` jumps to 09:00 UTC."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def day(self, date: str) -> None:
        self.moment = datetime.fromisoformat(f"{date}T09:00:00+00:00")

    def __call__(self) -> str:
        self.moment += timedelta(minutes=1)
        return self.moment.isoformat(timespec="seconds")


def play(
    store: Store,
    trainee: TraineeRow,
    sid: str,
    moves: list[str],
    *,
    course: str | None,
    mode: str = "training",
    stop: bool = False,
) -> AttemptRow | None:
    session = Session.start(store, LIB, trainee, sid, 0, mode, course)
    for move in moves:
        if move == "wacht":
            session.wait()
        else:
            session.choose(move, session.attempt.elapsed + THINK)
    if stop:
        return session.stop()
    return session.row


def seed_store(path: Path) -> Store:
    """Two groups: ams-km (klantmanagers: Anna, Bram, and Eva who has not played) and
    rdam-bev (beveiligers: Chris, Dewi). Day 1 and day 2 are a week apart."""
    clock = Clock()
    store = Store(path, now=clock)
    anna = store.trainee("Anna de Vries", "ams-km")
    bram = store.trainee("Bram Jansen", "ams-km")
    store.trainee("Eva Smit", "ams-km")
    chris = store.trainee("Chris Bakker", "rdam-bev")
    dewi = store.trainee("Dewi Peters", "rdam-bev")
    clock.day(DAY1)
    play(store, anna, KM, KM_FAIL, course=KM_COURSE)  # 1: 0, niet geslaagd
    play(store, bram, KM, KM_FAIL, course=KM_COURSE)  # 2: 0, niet geslaagd
    # a training attempt stopped halfway is dropped: it never reaches the store
    assert play(store, bram, KM, KM_MODEL[:2], course=KM_COURSE, stop=True) is None
    play(store, chris, BEV, BEV_MODEL, course=BEV_COURSE)  # 3: 100, geslaagd
    play(store, dewi, BEV, BEV_FAIL, course=BEV_COURSE)  # 4: 0, niet geslaagd
    clock.day(DAY2)
    play(store, anna, KM, KM_MODEL, course=KM_COURSE)  # 5: 100, geslaagd
    # 6: an exam stopped after two choices counts (70, but a stopped exam never passes)
    play(store, anna, KM, KM_MODEL[:2], course=EXAM_COURSE, mode="examen", stop=True)
    play(store, dewi, BEV, BEV_MODEL, course=BEV_COURSE)  # 7: 100, geslaagd
    play(store, bram, KM, KM_MODEL[:1], course=KM_COURSE)  # still being played: not counted
    return store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("regie")
    store = seed_store(folder / "regie.sqlite")
    yield store
    store.close()


def members(store: Store) -> dict[str, str | None]:
    return {t.name: t.groep for t in store.trainees()}


def group(store: Store, groep: str | None = None, course: str | None = None) -> GroupReport:
    return group_report(store.attempts(), LIB, groep=groep, course=course, members=members(store))


def anna(store: Store) -> TraineeReport:
    return trainee_report("Anna de Vries", store.attempts(), LIB, events=store.events)


# --- the seed is what the tests think it is -------------------------------------------------
def test_the_seed(seeded: Store) -> None:
    rows = seeded.attempts()
    assert [(r.trainee, r.status, r.score, r.passed) for r in rows] == [
        ("Anna de Vries", "afgerond", 0, False),
        ("Bram Jansen", "afgerond", 0, False),
        ("Chris Bakker", "afgerond", 100, True),
        ("Dewi Peters", "afgerond", 0, False),
        ("Anna de Vries", "afgerond", 100, True),
        ("Anna de Vries", "afgebroken", 70, False),  # a stopped exam never passes
        ("Dewi Peters", "afgerond", 100, True),
        ("Bram Jansen", "bezig", None, None),
    ]
    assert [r.counts for r in rows] == [True] * 7 + [False]


# --- one trainee ---------------------------------------------------------------------------
def test_trainee_figures(seeded: Store) -> None:
    report = anna(seeded)
    assert report.name == "Anna de Vries" and report.groep == "ams-km"
    assert [(a.scenario_title, a.mode, a.score, a.passed) for a in report.attempts] == [
        ("Dreiging in de spreekkamer", "training", 0, False),
        ("Dreiging in de spreekkamer", "training", 100, True),
        ("Dreiging in de spreekkamer", "examen", 70, False),
    ]
    assert report.attempts[0].course_title == "Klantmanager: training van een dagdeel"
    assert report.passed == 1
    assert report.scenarios_passed == (KM,)
    broken = {v.rule: (v.count, v.percent) for v in report.violations}
    # only in the stopped exam: the failed attempt ended before the aangifte was on offer
    assert broken["aangifte"] == (1, 33.3)
    assert broken["orde-voor-inhoud"] == (1, 33.3)
    assert report.violations[0].title == BY_ID[report.violations[0].rule].title
    series = {s.name: s.values for s in report.progress.series}
    assert series["Score"] == (0.0, 100.0, 70.0)
    assert series["Orde en regie"] == (20.0, 100.0, 100.0)
    # the failed attempt never reached the report and aftercare: nothing to score there
    assert series["Opvolging en nazorg"] == (None, 100.0, 70.0)
    assert report.progress.labels == ("1", "2", "3")
    assert report.progress.dates == (DAY1, DAY2, DAY2)
    assert report.progress.pass_mark == 70


def test_trainee_still_to_do(seeded: Store) -> None:
    report = anna(seeded)
    km_course = LIB.courses[KM_COURSE]
    assert report.courses == (KM_COURSE, EXAM_COURSE)
    training = [t.scenario for t in report.todo if t.course == KM_COURSE]
    assert training == [s for s in km_course.scenarios if s != KM]  # passed on day 2
    (exam,) = [t for t in report.todo if t.course == EXAM_COURSE]
    assert exam.scenario is None
    assert exam.title == "Examen: 0 van de 4 scenario's gehaald"
    assert (exam.attempts, exam.best) == (1, 70)
    # restricted to one course
    only = trainee_report("anna de vries", seeded.attempts(), LIB, course=KM_COURSE)
    assert len(only.attempts) == 2 and only.courses == (KM_COURSE,)
    assert all(t.course == KM_COURSE for t in only.todo)


def test_escalation_curve_of_a_failed_attempt(seeded: Store) -> None:
    row = seeded.attempts(trainee="Anna de Vries")[0]
    curve = escalation_curve(row, LIB, seeded.events(row.id))
    fasen = LIB.scenarios[KM].fasen
    assert [(p.x, p.fase, p.level) for p in curve.points] == [
        (1, "binnenkomst", fasen["binnenkomst"].facts.level),
        (2, "eis", fasen["eis"].facts.level),
        (3, "dreiging_staand", fasen["dreiging_staand"].facts.level),
        (4, "escalatie", fasen["escalatie"].facts.level),
    ]
    assert [p.level for p in curve.points] == [1, 2, 2, 3]
    decisions = [p.decision for p in curve.points]
    assert all(d is not None for d in decisions)
    assert [(d.step, d.kind, d.choice) for d in decisions if d] == [
        (1, "choice", "besluit-uitleggen"),
        (2, "choice", "besluit-uitleggen"),
        (3, "timeout", None),
        (4, "timeout", None),
    ]
    assert decisions[0] and decisions[0].label == "Het besluit (nog eens) uitleggen"
    assert decisions[0].latency == THINK
    assert decisions[2] and decisions[2].label.startswith("Niets gedaan")
    broken = {d.step: [b.rule for b in d.violated if not b.again] for d in decisions if d}
    assert broken == {
        1: ["orde-voor-inhoud", "vroeg-ingrijpen"],
        2: [],
        3: ["nietsdoen-geen-optie"],
        # the attempt ended here: reporting, aangifte and aftercare were never on offer (n.v.t.)
        4: ["eigen-veiligheid"],
    }
    # a rule broken again at a later step is marked there too, as a repeat
    again = {d.step: [b.shown for b in d.violated if b.again] for d in decisions if d}
    assert again == {
        1: [],
        2: ["Orde vóór inhoud (opnieuw)"],
        3: [],
        4: ["Nietsdoen is geen optie (opnieuw)"],
    }
    assert curve.after == ()
    assert curve.ending == LIB.scenarios[KM].endings[row.ending or ""].title


def test_escalation_curve_with_events_and_the_next_day(seeded: Store) -> None:
    row = seeded.attempts(trainee="Chris Bakker")[0]
    curve = escalation_curve(row, LIB, seeded.events(row.id))
    decisions = [p.decision for p in curve.points if p.decision]
    assert [d.choice for d in decisions] == BEV_MODEL
    assert [d.step for d in decisions] == list(range(1, 12))
    events = [p.fase for p in curve.points if p.decision is None]
    assert events == ["volgende_ochtend", "weigert"]  # fasen that go on by themselves
    assert not any(d.violated for d in decisions)
    assert max(p.t for p in curve.points) > 18 * 3600  # the ordegesprek is the next day


# --- a group, a course, everyone -----------------------------------------------------------
def test_group_figures(seeded: Store) -> None:
    report = group(seeded, groep="ams-km")
    assert report.kind == "groep" and report.title == "Groep ams-km"
    assert [t.name for t in report.trainees] == ["Anna de Vries", "Bram Jansen", "Eva Smit"]
    assert (report.attempts, report.passed) == (4, 1)
    by_name = {t.name: t for t in report.trainees}
    assert (by_name["Anna de Vries"].attempts, by_name["Anna de Vries"].passed) == (3, 1)
    assert by_name["Anna de Vries"].average == 56.7  # (0 + 100 + 70) / 3
    assert (by_name["Bram Jansen"].attempts, by_name["Bram Jansen"].last) == (1, 0)
    assert by_name["Eva Smit"].attempts == 0
    (km,) = report.scenarios
    assert (km.scenario, km.attempts, km.passed, km.trainees, km.trainees_passed) == (
        KM,
        4,
        1,
        2,
        1,
    )
    top = report.rules[0]
    assert (top.rule, top.count, top.attempts, top.percent) == ("orde-voor-inhoud", 2, 4, 50.0)
    assert top.title == "Orde vóór inhoud"
    counts = {r.rule: r.count for r in report.rules}
    assert counts == {
        # only the stopped exam: the two failed attempts ended before they were on offer
        "aangifte": 1,
        "melden-registreren": 1,
        "nazorg": 1,
        "orde-voor-inhoud": 2,
        "nietsdoen-geen-optie": 2,
        "vroeg-ingrijpen": 2,
        "eigen-veiligheid": 2,
    }
    assert {r.rule: r.applicable for r in report.rules}["eigen-veiligheid"] == 2
    averages = {c.name: c.average for c in report.competencies}
    assert averages == {
        "Orde en regie": 60.0,  # (20 + 20 + 100 + 100) / 4
        "Integriteit": 100.0,
        "De-escalatie": 77.5,  # (55 + 55 + 100 + 100) / 4
        "Taakverdeling": 100.0,
        "Opvolging en nazorg": 85.0,  # (100 + 70) / 2: the two failed attempts had none due
    }
    assert [(s.date, s.attempts, s.passed, s.average) for s in report.sessions] == [
        (DAY1, 2, 0, 0.0),
        (DAY2, 2, 1, 85.0),
    ]


def test_group_who_still_has_to_do_what(seeded: Store) -> None:
    report = group(seeded, groep="ams-km")
    km_course = LIB.courses[KM_COURSE].scenarios
    todo = {t.name: [(x.course, x.scenario) for x in t.todo] for t in report.trainees}
    # Anna passed the scenario; Bram tried and failed; Eva has not started
    assert (KM_COURSE, KM) not in todo["Anna de Vries"]
    assert (KM_COURSE, KM) in todo["Bram Jansen"]
    assert [s for c, s in todo["Bram Jansen"] if c == KM_COURSE] == list(km_course)
    bram_km = next(x for x in report.trainees[1].todo if x.scenario == KM)
    assert (bram_km.attempts, bram_km.best) == (1, 0)
    assert (EXAM_COURSE, None) in todo["Anna de Vries"]
    assert (EXAM_COURSE, None) not in todo["Bram Jansen"]  # he never took the exam course
    # Eva is measured against the group's courses
    assert todo["Eva Smit"] == [(KM_COURSE, s) for s in km_course] + [(EXAM_COURSE, None)]
    # the same as a grid: a column per scenario of the course, and one for the exam
    assert [c.scenario for c in report.columns] == [*km_course, None]
    states = {r.name: [c.state for c in r.cells] for r in report.grid}
    k = km_course.index(KM)
    assert states["Anna de Vries"][k] == "gehaald"
    assert states["Bram Jansen"][k] == "niet-gehaald"
    assert states["Bram Jansen"][-1] == "n.v.t."
    assert states["Eva Smit"] == ["open"] * (len(km_course) + 1)
    exam = report.grid[0].cells[-1]
    assert (exam.passed, exam.needed, exam.attempts, exam.best) == (0, 4, 1, 70)
    # with --course only that course counts
    only = group(seeded, groep="ams-km", course=KM_COURSE)
    assert only.courses == (KM_COURSE,)
    assert [t.name for t in only.trainees] == ["Anna de Vries", "Bram Jansen"]
    assert only.attempts == 3


def test_beveiligers_group(seeded: Store) -> None:
    report = group(seeded, groep="rdam-bev")
    assert [t.name for t in report.trainees] == ["Chris Bakker", "Dewi Peters"]
    (bev,) = report.scenarios
    assert (bev.attempts, bev.passed, bev.trainees_passed) == (3, 2, 2)
    assert {r.count for r in report.rules} == {1}
    assert report.rules[0].rule == "nietsdoen-geen-optie"  # ties: in the order of the rules
    assert report.rules[0].percent == 33.3
    left = set(LIB.courses[BEV_COURSE].scenarios) - {BEV}
    for t in report.trainees:
        assert {x.scenario for x in t.todo} == left


def test_course_and_everyone(seeded: Store) -> None:
    course = group(seeded, course=KM_COURSE)
    assert course.kind == "cursus"
    assert course.title == "Cursus Klantmanager: training van een dagdeel"
    assert [t.name for t in course.trainees] == ["Anna de Vries", "Bram Jansen"]
    assert (course.attempts, course.passed) == (3, 1)
    everyone = group(seeded)
    assert everyone.kind == "alles" and everyone.attempts == 7 and everyone.passed == 3
    assert [(g.groep, g.trainees, g.attempts, g.passed) for g in everyone.groups] == [
        ("ams-km", 2, 4, 1),
        ("rdam-bev", 2, 3, 2),
    ]
    assert [(s.date, s.trainees, s.attempts, s.passed) for s in everyone.sessions] == [
        (DAY1, 4, 4, 1),
        (DAY2, 2, 3, 2),
    ]


# --- charts --------------------------------------------------------------------------------
def test_escalation_svg(seeded: Store) -> None:
    row = seeded.attempts(trainee="Anna de Vries")[0]
    curve = escalation_curve(row, LIB, seeded.events(row.id))
    text = svg.escalation_svg(curve, ident="t", standalone=True)
    root = ET.fromstring(text)
    ns = {"s": svg.SVG_NS}
    assert (root.findtext("s:title", namespaces=ns) or "").startswith("Escalatieverloop: Dreiging")
    desc = root.findtext("s:desc", namespaces=ns) or ""
    assert "stap 1: Orde vóór inhoud, Vroeg ingrijpen" in desc
    texts = ["".join(t.itertext()) for t in root.iter(f"{{{svg.SVG_NS}}}text")]
    for label in ("escalatieniveau", "stap", "0 rust", "4 ontspanning", "3 controleverlies"):
        assert label in texts
    # step 2 broke orde-voor-inhoud again, step 4 nietsdoen again: both are marked
    assert "stap 2: Orde vóór inhoud (opnieuw)" in desc
    assert [t for t in texts if t.startswith("✗ ") and t[2:].isdigit()] == [
        "✗ 2",
        "✗ 1",
        "✗ 1",
        "✗ 2",
    ]
    # the axis stands for tension: rust at the bottom, controleverlies at the top, and
    # ontspanning (calming down after the peak) just above rust, never at the top
    axis = next(g for g in root.iter(f"{{{svg.SVG_NS}}}g") if g.get("class") == "as-y")
    heights = {
        "".join(t.itertext()): float(t.get("y") or 0)
        for t in axis.iter(f"{{{svg.SVG_NS}}}text")
        if t.get("y") and "".join(t.itertext())[:1].isdigit()
    }
    order = sorted(heights, key=lambda label: heights[label], reverse=True)  # bottom first
    assert order == [
        "0 rust",
        "4 ontspanning",
        "1 onrust",
        "2 dreigend controleverlies",
        "3 controleverlies",
    ]
    points = [g for g in root.iter(f"{{{svg.SVG_NS}}}g") if g.get("class") == "punt"]
    assert len(points) == 4
    titles = [g.findtext("s:title", namespaces=ns) or "" for g in points]
    assert titles[0].startswith("Stap 1 (1 onrust, 0:04): Het besluit (nog eens) uitleggen")
    assert "Overtreden: Nietsdoen is geen optie" in titles[2]
    # violations are a shape (a cross), timeouts a hollow circle: not colour alone
    crosses = [p for p in root.iter(f"{{{svg.SVG_NS}}}path") if p.get("stroke") == svg.BROKEN]
    assert len(crosses) == 4 + 1  # four broken steps, and the legend
    hollow = [c for c in root.iter(f"{{{svg.SVG_NS}}}circle") if c.get("fill") == "#ffffff"]
    assert len(hollow) == 2 + 1  # two timeouts, and the legend
    inline = svg.escalation_svg(curve, ident="t")
    assert "xmlns" not in inline and "http" not in inline


def test_progress_svg(seeded: Store) -> None:
    report = anna(seeded)
    root = ET.fromstring(
        svg.progress_svg(report.progress, ident="p", title="Voortgang", standalone=True)
    )
    ns = {"s": svg.SVG_NS}
    assert root.findtext("s:title", namespaces=ns) == "Voortgang"
    desc = root.findtext("s:desc", namespaces=ns) or ""
    assert "Score: van 0 naar 70." in desc and "slaaggrens is 70" in desc
    series = [g for g in root.iter(f"{{{svg.SVG_NS}}}g") if g.get("class") == "reeks"]
    assert [g.findtext("s:title", namespaces=ns) for g in series] == [
        "Score",
        "Orde en regie",
        "Integriteit",
        "De-escalatie",
        "Taakverdeling",
        "Opvolging en nazorg",
    ]
    texts = ["".join(t.itertext()) for t in root.iter(f"{{{svg.SVG_NS}}}text")]
    assert "score (0–100)" in texts and "poging" in texts and "slaaggrens 70" in texts
    first = series[0].findall("s:g", ns)
    assert [g.findtext("s:title", namespaces=ns) for g in first] == [
        f"Score, poging 1, {DAY1}: 0",
        f"Score, poging 2, {DAY2}: 100",
        f"Score, poging 3, {DAY2}: 70",
    ]


# --- HTML ----------------------------------------------------------------------------------
VOID = {"meta", "br", "hr", "img", "input", "link", "col", "area", "base", "wbr", "source"}


class Balanced(HTMLParser):
    """Checks that every element is closed, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(text: str) -> tuple[ET.Element, Balanced]:
    parser = Balanced()
    parser.feed(text)
    parser.close()
    assert parser.errors == [] and parser.stack == []
    root = ET.fromstring(text)  # also well-formed XML
    assert root.tag == "html" and root.get("lang") == "nl"
    lowered = text.lower()
    assert "<script" not in lowered and "javascript:" not in lowered
    assert not re.search(r"https?://", text), "no URLs: nothing is fetched, nothing links out"
    assert "<link" not in lowered and "@import" not in lowered and "url(" not in lowered
    assert "@media print" in text
    return root, parser


def test_group_html(seeded: Store) -> None:
    text = html.render(group(seeded, groep="ams-km"), generated=GENERATED)
    root, parser = check_html(text)
    headings = [h.text for h in root.iter("h2")]
    assert headings == [
        "Samenvatting",
        "Trainees",
        "Per scenario",
        "Meest overtreden regels",
        "Competenties",
        "Per sessie",
        "Nog te doen",
    ]
    assert root.findtext("body/h1") == "Groep ams-km"
    cells = [["".join(td.itertext()) for td in tr] for tr in root.iter("tr")]
    assert ["Aangifte met de veiligheidscoördinator", "zwaar", "1", "25%", "2"] in cells
    assert ["Dreiging in de spreekkamer", "4", "1", "2", "1", "42,5"] in cells
    assert ["De-escalatie", "77,5", "4"] in cells
    grids = [t for t in root.iter("table") if t.get("class") == "rooster"]
    assert [h.text for h in root.iter("h3")] == [KM_COURSE_TITLE, "Zelfstudie en examen"]
    km, exam = ([["".join(c.itertext()) for c in tr] for tr in t.iter("tr")] for t in grids)
    km_index = LIB.courses[KM_COURSE].scenarios.index(KM)
    assert km[0][1 + km_index] == "Dreiging in de spreekkamer" and km[0][-1] == "nog te doen"
    rows = {r[0]: r[1:] for r in km[1:]}
    assert list(rows) == ["Anna de Vries", "Bram Jansen", "Eva Smit"]
    assert rows["Anna de Vries"][km_index] == "✓" and rows["Anna de Vries"][-1] == "8"
    assert rows["Bram Jansen"][km_index] == "✗ 1× (0)" and rows["Bram Jansen"][-1] == "9"
    assert set(rows["Eva Smit"][:-1]) == {"–"}
    # Bram never took the exam course, so he is not in its table
    assert exam == [
        ["trainee", "examen", "nog te doen"],
        ["Anna de Vries", "0/4, 1×", "1"],
        [
            "Eva Smit",
            "0/4",
            "1",
        ],
    ]
    assert "1 van 4 (25%)" in "".join(parser.text)
    charts = list(root.iter("svg"))
    assert len(charts) == 1 and charts[0].find("title") is not None
    assert charts[0].find("desc") is not None


def test_trainee_html(seeded: Store) -> None:
    text = html.render(anna(seeded), generated=GENERATED)
    root, _ = check_html(text)
    assert root.findtext("head/title") == "Voortgang van Anna de Vries"
    headings = [h.text for h in root.iter("h2")]
    assert headings == [
        "Samenvatting",
        "Voortgang",
        "Pogingen",
        "Overtreden regels",
        "Nog te doen",
        "Verloop per poging",
    ]
    charts = list(root.iter("svg"))
    assert len(charts) == 1 + 3  # progress, and a curve per attempt
    assert all(c.find("title") is not None and c.find("desc") is not None for c in charts)
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids)), "ids are unique in the page"
    cells = [["".join(td.itertext()) for td in tr] for tr in root.iter("tr")]
    assert (cells[3][:4]) == [
        "3",
        "2026-11-30 10:10",
        "Dreiging in de spreekkamer",
        "Zelfstudie en examen",
    ]
    assert cells[3][5:7] == ["70", "niet geslaagd (gestopt)"]
    assert ["4", "1:25", "3 controleverlies", "Niets gedaan: de tijd liep af"] in [
        c[:4] for c in cells
    ]


def test_html_escapes_what_trainees_type(tmp_path: Path) -> None:
    store = Store(tmp_path / "regie.sqlite")
    name = "<b>Jan</b> & 'Piet' | \"Klaas\""
    odd = store.trainee(name, "g<1>")
    play(store, odd, KM, KM_MODEL, course=KM_COURSE)
    report = trainee_report(odd.name, store.attempts(), LIB, events=store.events)
    root, _ = check_html(html.render(report, generated=GENERATED))
    assert root.findtext("body/h1") == f"Voortgang van {name}"
    rows = group_report(store.attempts(), LIB, groep="g<1>")
    check_html(html.render(rows, generated=GENERATED))
    text = markdown.render(rows, generated=GENERATED)
    assert "| &lt;b&gt;Jan&lt;/b&gt; &amp; 'Piet' \\| \"Klaas\" | g&lt;1&gt; | 1 | 1 |" in text
    store.close()


def _markdown_html(text: str) -> str:
    """The Markdown as a permissive renderer makes it: raw HTML on, every link allowed."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return str(md.render(text))


def test_markdown_reports_pass_no_html_and_no_links_from_what_trainees_type(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "regie.sqlite")
    hostile = {
        "<img src=x onerror=alert(1)>": "<script>alert(2)</script>",
        "[klik hier](javascript:alert(3))": "<javascript:alert(4)>",
        "*Piet* `code` \\ _x_": "g1",
    }
    for name, groep in hostile.items():
        play(store, store.trainee(name, groep), KM, KM_MODEL, course=KM_COURSE)
    everyone = group_report(store.attempts(), LIB)
    pages = [markdown.render(everyone, generated=GENERATED)]
    for name, groep in hostile.items():
        mine = trainee_report(
            name, store.attempts(trainee=name), LIB, groep=groep, events=store.events
        )
        pages.append(markdown.render(mine, generated=GENERATED))
        pages.append(
            markdown.render(group_report(store.attempts(), LIB, groep=groep), generated=GENERATED)
        )
    for page in pages:
        shown = _markdown_html(page)
        assert "<img" not in shown and "<script" not in shown
        assert "href=" not in shown  # no link at all, javascript: or other
        assert "<em>" not in shown and "<code>" not in shown
    # and a reader still sees the names as typed
    plain = re.sub(r"<[^>]+>", "", _markdown_html(pages[1]))
    import html as html_module

    assert "Voortgang van <img src=x onerror=alert(1)>" in html_module.unescape(plain)
    store.close()


def test_csv_cells_never_start_a_formula(tmp_path: Path) -> None:
    store = Store(tmp_path / "regie.sqlite")
    typed = {
        '=HYPERLINK("http://x.invalid";"klik")': "+31",
        "@SUM(A1:A9)": "-2+3",
        "-Bram": "=1+1",
        "Anna de Vries": "ams-km",
    }
    for name, groep in typed.items():
        play(store, store.trainee(name, groep), KM, KM_MODEL, course=KM_COURSE)
    data = csv_export.to_bytes(group_report(store.attempts(), LIB).lines)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    cells = {(r[1], r[2]) for r in rows[1:]}
    assert cells == {
        ('\'=HYPERLINK("http://x.invalid";"klik")', "'+31"),
        ("'@SUM(A1:A9)", "'-2+3"),
        ("'-Bram", "'=1+1"),
        ("Anna de Vries", "ams-km"),  # an ordinary name is left as it is
    }
    for row in rows[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    store.close()


# --- Markdown, CSV, JSON -------------------------------------------------------------------
def test_markdown(seeded: Store) -> None:
    text = markdown.render(group(seeded, groep="ams-km"), generated=GENERATED)
    assert text.startswith("# Groep ams-km\n")
    assert "| Aangifte met de veiligheidscoördinator | zwaar | 1 | 25% | 2 |" in text
    assert "| Dreiging in de spreekkamer | 4 | 1 | 2 | 1 | 42,5 |" in text
    assert "- Geslaagd: 1 van 4 (25%)" in text
    for heading in ("## Trainees", "## Meest overtreden regels", "## Nog te doen"):
        assert heading in text
    assert f"### {KM_COURSE_TITLE}" in text
    (bram,) = [line for line in text.splitlines() if line.startswith("| Bram Jansen | – |")]
    assert "| ✗ 1× (0) |" in bram and bram.endswith("| 9 |")
    mine = markdown.render(anna(seeded), generated=GENERATED)
    assert "| Score | 0 | 100 | 70 |" in mine
    assert "| 3 | 0:50 | 2 dreigend controleverlies | Niets gedaan: de tijd liep af |" in mine
    widths = {line.count("|") for line in mine.splitlines() if line.startswith("| Score")}
    assert widths == {5}


def test_csv(seeded: Store) -> None:
    report = group(seeded)
    data = csv_export.to_bytes(report.lines)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM, for Excel
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:12] == list(csv_export.COLUMNS)
    assert header[12:-1] == list(BY_ID)
    assert header[-1] == "extra_tijd"  # percent more time on every timer (0: none)
    assert len(body) == 7  # the counted attempts: not the one still being played
    first = dict(zip(header, body[0], strict=True))
    assert first["trainee"] == "Anna de Vries" and first["groep"] == "ams-km"
    assert first["cursus"] == KM_COURSE and first["scenario"] == KM
    assert first["modus"] == "training" and first["status"] == "afgerond"
    assert (first["score"], first["geslaagd"], first["extra_tijd"]) == ("0", "nee", "0")
    assert first["begonnen"] == "2026-11-23T09:01:00+00:00"
    assert first["orde-voor-inhoud"] == "overtreden"
    assert first["geen-dienstverlening-onder-druk"] == "ok"
    assert first["garantie"] == "n.v.t."
    exam = dict(zip(header, body[5], strict=True))
    assert (exam["modus"], exam["status"], exam["score"], exam["geslaagd"]) == (
        "examen",
        "afgebroken",
        "70",
        "nee",
    )
    assert data.count(b"\r\n") == 8


def test_json(seeded: Store) -> None:
    data = json.loads(json_export.to_json(group(seeded, groep="ams-km"), generated=GENERATED))
    assert data["soort"] == "groep" and data["gemaakt"] == GENERATED
    assert "kind" not in data  # the kind is said once, as 'soort'
    assert data["rules"][0] == {
        "rule": "orde-voor-inhoud",
        "title": "Orde vóór inhoud",
        "severity": "kritiek",
        "count": 2,
        "applicable": 4,
        "attempts": 4,
        "percent": 50.0,
    }
    assert data["progress"]["series"][0]["values"] == [0.0, 85.0]
    mine = json.loads(json_export.to_json(anna(seeded), generated=GENERATED))
    assert mine["soort"] == "trainee" and len(mine["curves"]) == 3
    assert mine["curves"][0]["points"][0]["decision"]["violated"][0]["rule"] == "orde-voor-inhoud"


# --- the commands --------------------------------------------------------------------------
def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    ns = cli.parser().parse_args(args)
    code = cli.COMMANDS[ns.command](ns)
    out, err = capsys.readouterr()
    return code, out, err


def test_report_command(seeded: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(seeded.path.parent)
    code, out, err = run(["--data", data, "report", "--groep", "ams-km"], capsys)
    assert code == 0, err
    assert out.startswith("# Groep ams-km") and "| Nazorg | licht | 1 | 25% | 2 |" in out
    code, out, _ = run(["--data", data, "report", "--trainee", "anna de vries"], capsys)
    assert code == 0 and out.startswith("# Voortgang van Anna de Vries")
    page = tmp_path / "groep.html"
    code, _, err = run(
        ["--data", data, "report", "--course", KM_COURSE, "--format", "html", "-o", str(page)],
        capsys,
    )
    assert code == 0 and str(page) in err
    check_html(page.read_text(encoding="utf-8"))
    sheet = tmp_path / "pogingen.csv"
    code, _, _ = run(["--data", data, "report", "--format", "csv", "-o", str(sheet)], capsys)
    assert code == 0 and sheet.read_bytes().startswith(b"\xef\xbb\xbf")
    code, out, _ = run(["--data", data, "report", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["soort"] == "alles"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--trainee", "Ana de Vries"],
            "onbekende trainee 'Ana de Vries'. Bedoelde u 'Anna de Vries'?",
        ),
        (["--groep", "ams-k"], "onbekende groep 'ams-k'. Bedoelde u 'ams-km'?"),
        (["--trainee", "dewi"], "onbekende trainee 'dewi'. Bedoelde u 'Dewi Peters'?"),
        (["--course", "klantmanager-halve-dg"], f"Bedoelde u '{KM_COURSE}'?"),
    ],
)
def test_report_unknown_names(
    seeded: Store, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(["--data", str(seeded.path.parent), "report", *args], capsys)
    assert code == 2 and out == ""
    assert err.startswith("regie report: ") and message in err


@pytest.mark.skipif("report" not in cli.COMMANDS, reason="not yet wired into simulator.cli")
def test_wired_into_the_cli(seeded: Store, capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["--data", str(seeded.path.parent), "report", "--groep", "rdam-bev"])
    out, _ = capsys.readouterr()
    assert code == 0 and out.startswith("# Groep rdam-bev")


def test_reports_without_attempts(tmp_path: Path) -> None:
    store = Store(tmp_path / "regie.sqlite")
    store.trainee("Fleur", "nieuw")
    nobody = trainee_report("Fleur", store.attempts(), LIB, events=store.events)
    assert nobody.attempts == () and nobody.todo == () and nobody.progress.labels == ()
    root, _ = check_html(html.render(nobody, generated=GENERATED))
    assert "Er zijn nog geen afgeronde pogingen." in "".join(root.itertext())
    empty = group_report(store.attempts(), LIB, groep="nieuw", members=members(store))
    assert [t.name for t in empty.trainees] == ["Fleur"] and empty.rules == ()
    check_html(html.render(empty, generated=GENERATED))
    assert "Geen regel overtreden." in markdown.render(empty, generated=GENERATED)
    assert csv_export.to_csv(empty.lines).count("\r\n") == 1  # just the header
    one = Store(tmp_path / "een.sqlite")
    play(one, one.trainee("Gijs"), KM, KM_MODEL, course=None)
    single = trainee_report("Gijs", one.attempts(), LIB, events=one.events)
    assert single.courses == () and single.attempts[0].course_title is None
    root, _ = check_html(html.render(single, generated=GENERATED))
    assert "Er is geen cursus bekend" in "".join(root.itertext())
    store.close()
    one.close()


def test_made_at_is_in_the_zone_of_the_reports_other_times(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """'Gemaakt op' was the machine's time beside attempt times in Dutch time."""
    import time as clock
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from simulator.cli.output import generated
    from simulator.reports.data import now_local

    monkeypatch.setenv("TZ", "America/New_York")
    if hasattr(clock, "tzset"):
        clock.tzset()
    try:
        amsterdam = datetime.now(ZoneInfo("Europe/Amsterdam"))
        assert now_local().utcoffset() == amsterdam.utcoffset()
        made = datetime.strptime(generated(), "%Y-%m-%d %H:%M")
        assert abs((made - amsterdam.replace(tzinfo=None)).total_seconds()) < 120
    finally:
        monkeypatch.delenv("TZ")
        if hasattr(clock, "tzset"):
            clock.tzset()
