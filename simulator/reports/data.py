"""Figures for the reports: pure functions from stored attempts to plain data.

Only attempts that count enter a figure (``AttemptRow.counts``: finished attempts, and
exams stopped early). Everything here is deterministic: the same rows, library and events
give the same figures, so the writers (HTML, Markdown, CSV, JSON) only format.

Choices made here, so a trainer can read the numbers right:

- *How often a rule is broken* counts attempts: an attempt in which the rule was violated
  counts once. The percentage is of all counted attempts in the report; ``applicable`` says
  in how many of them the rule applied at all (status ``ok`` or ``violated``).
- *Competency averages* are the mean over attempts in which the competency applied.
- *Who still has to do what*: a scenario of a training course is done once the trainee
  passed it in any counted attempt (training or exam, in any course). An exam course is
  done when as many of its scenarios as the exam draws were passed in exam attempts. The
  course is the one asked for, else the courses of the trainee's own attempts, else those
  of the trainee's group (for someone who has not played yet).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from statistics import fmean

from scoring.registry import BY_ID
from scoring.rules.citations import COMPETENCIES
from simulator.engine.trace import TraceEvent
from simulator.language.library import Library
from simulator.language.model import Scenario
from simulator.store import AttemptRow, ExamRow

EventSource = Callable[[int], Sequence[TraceEvent]]
"""Gives the trace of an attempt by its id (``Store.events``)."""

SCORE = "Score"
WAIT_LABEL = "Niets gedaan: de tijd liep af"


# --- one attempt --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AttemptLine:
    """One counted attempt, with what the reports show of it."""

    id: int
    uuid: str
    trainee: str
    groep: str | None
    scenario: str
    scenario_title: str
    course: str | None
    course_title: str | None
    mode: str
    status: str
    started: str
    ended: str | None
    ending: str | None
    score: int | None
    passed: bool
    pass_mark: int | None
    violated: tuple[str, ...]  # rule ids, in the fixed order of the rules
    verdicts: dict[str, str]  # rule id -> ok, violated, n/a
    competencies: dict[str, float | None]
    extra_time: int = 0  # percent more time on every timer it was played with


def scenario_title(lib: Library, sid: str) -> str:
    sc = lib.scenarios.get(sid)
    return sc.title if sc is not None else sid


def course_title(lib: Library, cid: str | None) -> str | None:
    if cid is None:
        return None
    course = lib.courses.get(cid)
    return course.title if course is not None else cid


def rule_title(rule: str) -> str:
    found = BY_ID.get(rule)
    return found.title if found is not None else rule


def rule_severity(rule: str) -> str:
    found = BY_ID.get(rule)
    return str(found.severity) if found is not None else ""


def counted(rows: Iterable[AttemptRow]) -> list[AttemptRow]:
    """The attempts that count, in the order they were started."""
    return sorted((r for r in rows if r.counts), key=lambda r: (r.started, r.id))


def attempt_line(row: AttemptRow, lib: Library) -> AttemptLine:
    result = row.result
    verdicts = {v.rule: v.status for v in result.verdicts if v.rule is not None} if result else {}
    competencies = {name: result.competency(name) if result else None for name in COMPETENCIES}
    score = row.score if row.score is not None else (result.score if result else None)
    return AttemptLine(
        id=row.id,
        uuid=row.uuid,
        trainee=row.trainee,
        groep=row.groep,
        scenario=row.scenario,
        scenario_title=scenario_title(lib, row.scenario),
        course=row.course,
        course_title=course_title(lib, row.course),
        mode=row.mode,
        status=row.status,
        started=row.started,
        ended=row.ended,
        ending=row.ending,
        score=None if score is None else int(score),
        passed=bool(row.passed),
        pass_mark=None if result is None or result.pass_mark is None else int(result.pass_mark),
        violated=tuple(rule for rule, status in verdicts.items() if status == "violated"),
        verdicts=verdicts,
        competencies=competencies,
        extra_time=row.extra_time,
    )


# --- exams left unfinished -----------------------------------------------------------------
UNFINISHED = "onafgemaakt"


@dataclass(frozen=True, slots=True)
class ExamLine:
    """An exam that was started and not finished: no pass or fail, but unfinished."""

    trainee: str
    groep: str | None
    course: str
    course_title: str
    started: str
    played: int  # scenarios started
    total: int  # scenarios the exam drew
    status: str = UNFINISHED

    @property
    def shown(self) -> str:
        """'examen onafgemaakt: 2 van 4 scenario's gespeeld'."""
        return f"examen {self.status}: {self.played} van {self.total} scenario's gespeeld"


def unfinished_exams(
    exams: Iterable[ExamRow], rows: Iterable[AttemptRow], lib: Library
) -> tuple[ExamLine, ...]:
    """The exams in ``exams`` that were not finished, with how far each got (from ``rows``,
    the attempts: an exam's attempts point at it)."""
    played: dict[int, int] = {}
    for r in rows:
        if r.exam is not None:
            played[r.exam] = played.get(r.exam, 0) + 1
    return tuple(
        ExamLine(
            trainee=e.trainee,
            groep=e.groep,
            course=e.course,
            course_title=course_title(lib, e.course) or e.course,
            started=e.started,
            played=played.get(e.id, 0),
            total=len(e.plan),
        )
        for e in sorted(exams, key=lambda e: (e.started, e.id))
        if e.status == "bezig"
    )


# --- the escalation curve of one attempt ----------------------------------------------------
@dataclass(frozen=True, slots=True)
class Broken:
    rule: str
    title: str
    severity: str
    again: bool = False  # broken before, at an earlier step: it does not cost again

    @property
    def shown(self) -> str:
        return f"{self.title} (opnieuw)" if self.again else self.title


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision on the curve: a choice, or a timer that ran out."""

    step: int
    t: float
    kind: str  # choice or timeout
    choice: str | None
    intervention: str | None
    label: str  # the intervention's label from the catalogue, or what a timeout means
    latency: float | None
    violated: tuple[Broken, ...]


@dataclass(frozen=True, slots=True)
class CurvePoint:
    x: int  # 1, 2, ... in the order the fasen were entered
    t: float  # the logical clock, in seconds since the start
    fase: str
    level: int  # 0-4, the escalation level of the fase
    decision: Decision | None


@dataclass(frozen=True, slots=True)
class Curve:
    attempt: int
    scenario: str
    title: str
    trainee: str
    started: str
    score: int | None
    passed: bool
    ending: str | None  # the ending's title
    points: tuple[CurvePoint, ...]
    after: tuple[Broken, ...]  # violations not tied to a decision on the curve
    failed_kernregels: tuple[str, ...] = ()  # rule ids: main lessons broken (not passed)


def _level(scenario: Scenario | None, fase: str) -> int | None:
    if scenario is None or fase not in scenario.fasen:
        return None
    return scenario.fasen[fase].facts.level


def escalation_curve(row: AttemptRow, lib: Library, events: Sequence[TraceEvent]) -> Curve:
    """The escalation level of every fase entered, with the decisions taken in them.

    A decision sits on the point of the fase it was taken in; its violations are the
    verdicts decided at its step. Violations decided at no decision are listed in ``after``.
    """
    scenario = lib.scenarios.get(row.scenario)
    result = row.result
    broken_at: dict[int, list[Broken]] = {}
    steps: set[int] = {ev.step for ev in events if ev.is_decision and ev.step is not None}
    after: list[Broken] = []
    for v in result.verdicts if result else ():
        if not v.violated:
            continue
        rule = str(v.rule)
        broken = Broken(rule, rule_title(rule), rule_severity(rule))
        if v.step is not None and v.step in steps:
            broken_at.setdefault(v.step, []).append(broken)
        else:
            after.append(broken)
    for s in result.steps if result else ():  # a rule broken again at a later step
        if s.step is not None and s.step in steps:
            for rule in s.repeated:
                again = Broken(rule, rule_title(rule), rule_severity(rule), True)
                broken_at.setdefault(s.step, []).append(again)
    points: list[CurvePoint] = []
    for ev in events:
        if ev.kind in ("enter", "event") and ev.fase is not None:
            level = _level(scenario, ev.fase)
            if level is not None:
                points.append(CurvePoint(len(points) + 1, ev.t, ev.fase, level, None))
        elif ev.is_decision and ev.step is not None and ev.fase is not None:
            decision = Decision(
                step=ev.step,
                t=ev.t,
                kind=ev.kind,
                choice=ev.choice,
                intervention=ev.intervention,
                label=_decision_label(lib, ev),
                latency=ev.latency,
                violated=tuple(broken_at.get(ev.step, ())),
            )
            last = points[-1] if points else None
            if last is not None and last.fase == ev.fase and last.decision is None:
                points[-1] = CurvePoint(last.x, last.t, last.fase, last.level, decision)
            else:  # a decision in a fase we did not see entered: give it its own point
                level = _level(scenario, ev.fase)
                points.append(CurvePoint(len(points) + 1, ev.t, ev.fase, level or 0, decision))
    ending = None
    if row.ending and scenario is not None and row.ending in scenario.endings:
        ending = scenario.endings[row.ending].title
    return Curve(
        attempt=row.id,
        scenario=row.scenario,
        title=scenario_title(lib, row.scenario),
        trainee=row.trainee,
        started=row.started,
        score=row.score,
        passed=bool(row.passed),
        ending=ending,
        points=tuple(points),
        after=tuple(after),
        failed_kernregels=result.failed_kernregels if result else (),
    )


def _decision_label(lib: Library, ev: TraceEvent) -> str:
    if ev.kind == "timeout":
        return WAIT_LABEL
    found = lib.catalogue.interventions.get(ev.intervention or "")
    if found is not None:
        return found.label
    return ev.intervention or ev.choice or "?"


# --- counts over many attempts --------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RuleCount:
    rule: str
    title: str
    severity: str
    count: int  # attempts in which the rule was violated
    applicable: int  # attempts in which the rule applied (ok or violated)
    attempts: int  # all counted attempts in the report
    percent: float  # count / attempts * 100, one decimal


def rule_counts(lines: Sequence[AttemptLine]) -> tuple[RuleCount, ...]:
    """The rules broken at least once, most often first (then in the fixed rule order)."""
    order = {rule: i for i, rule in enumerate(BY_ID)}
    counts: dict[str, int] = {}
    applicable: dict[str, int] = {}
    for line in lines:
        for rule, status in line.verdicts.items():
            if status in ("ok", "violated"):
                applicable[rule] = applicable.get(rule, 0) + 1
            if status == "violated":
                counts[rule] = counts.get(rule, 0) + 1
    total = len(lines)
    ranked = sorted(counts, key=lambda r: (-counts[r], order.get(r, len(order)), r))
    return tuple(
        RuleCount(
            rule=rule,
            title=rule_title(rule),
            severity=rule_severity(rule),
            count=counts[rule],
            applicable=applicable.get(rule, 0),
            attempts=total,
            percent=round(100 * counts[rule] / total, 1) if total else 0.0,
        )
        for rule in ranked
    )


@dataclass(frozen=True, slots=True)
class Average:
    name: str
    average: float | None  # one decimal; None: the competency never applied
    attempts: int  # the attempts it is the mean over


def competency_averages(lines: Sequence[AttemptLine]) -> tuple[Average, ...]:
    out: list[Average] = []
    for name in COMPETENCIES:
        values = [v for line in lines if (v := line.competencies.get(name)) is not None]
        out.append(Average(name, round(fmean(values), 1) if values else None, len(values)))
    return tuple(out)


def _mean(values: Iterable[int | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(fmean(known), 1) if known else None


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[float | None, ...]  # one per attempt (or session); None: no value there


@dataclass(frozen=True, slots=True)
class Progress:
    """Lines over time: ``labels`` name the points on the x axis, in order."""

    labels: tuple[str, ...]
    dates: tuple[str, ...]
    series: tuple[Series, ...]
    pass_mark: int | None


def trainee_progress(lines: Sequence[AttemptLine]) -> Progress:
    """The score and each competency, attempt by attempt."""
    series = [Series(SCORE, tuple(None if a.score is None else float(a.score) for a in lines))]
    for name in COMPETENCIES:
        series.append(Series(name, tuple(a.competencies.get(name) for a in lines)))
    marks = {a.pass_mark for a in lines if a.pass_mark is not None}
    return Progress(
        labels=tuple(str(i) for i in range(1, len(lines) + 1)),
        dates=tuple(local_date(a.started) for a in lines),
        series=tuple(series),
        pass_mark=marks.pop() if len(marks) == 1 else None,
    )


# --- time ----------------------------------------------------------------------------------
def _zone() -> tzinfo | None:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Europe/Amsterdam")
    except Exception:  # no time zone data on this machine: keep the stored offset
        return None


_AMSTERDAM = _zone()


def local_time(stamp: str | None) -> datetime | None:
    """A stored ISO 8601 timestamp in Dutch time (Europe/Amsterdam) when the zone is known."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if _AMSTERDAM is not None and moment.tzinfo is not None:
        moment = moment.astimezone(_AMSTERDAM)
    return moment


def now_local() -> datetime:
    """Now, in the same zone as every time in a report (Dutch time when the zone is known):
    'Gemaakt op' and the attempts' times must not mix the machine's zone with Amsterdam's."""
    return datetime.now(_AMSTERDAM) if _AMSTERDAM is not None else datetime.now().astimezone()


def local_date(stamp: str | None) -> str:
    moment = local_time(stamp)
    return moment.date().isoformat() if moment else (stamp or "")[:10]


def local_clock(stamp: str | None) -> str:
    """'2026-11-23 10:05' in Dutch time."""
    moment = local_time(stamp)
    return moment.strftime("%Y-%m-%d %H:%M") if moment else (stamp or "")[:16].replace("T", " ")


# --- what is left to do ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Todo:
    """A scenario still to pass, or (``scenario`` None) an exam still to pass."""

    scenario: str | None
    title: str
    course: str
    course_title: str
    attempts: int  # counted attempts at it so far (0: not started)
    best: int | None  # the best score so far


def todo(lines: Sequence[AttemptLine], courses: Sequence[str], lib: Library) -> tuple[Todo, ...]:
    """What this trainee's attempts have not passed yet in these courses.

    A training course: each of its scenarios not yet passed (in any counted attempt). An
    exam course that draws a number of scenarios: one line for the exam, as long as fewer
    of its scenarios were passed in exam attempts than the exam draws.
    """
    out: list[Todo] = []
    seen: set[str] = set()
    for cid in courses:
        course = lib.courses.get(cid)
        if course is None:
            continue
        if course.mode == "examen":
            exams = [a for a in lines if a.mode == "examen" and a.scenario in course.scenarios]
            needed = course.exam_draw or len(course.scenarios)
            passed = len({a.scenario for a in exams if a.passed})
            if passed < needed:
                scores = [a.score for a in exams if a.score is not None]
                out.append(
                    Todo(
                        scenario=None,
                        title=f"Examen: {passed} van de {needed} scenario's gehaald",
                        course=cid,
                        course_title=course.title,
                        attempts=len(exams),
                        best=max(scores) if scores else None,
                    )
                )
            continue
        for sid in course.scenarios:
            if sid in seen:
                continue
            mine = [a for a in lines if a.scenario == sid]
            if any(a.passed for a in mine):
                continue
            seen.add(sid)
            scores = [a.score for a in mine if a.score is not None]
            out.append(
                Todo(
                    scenario=sid,
                    title=scenario_title(lib, sid),
                    course=cid,
                    course_title=course.title,
                    attempts=len(mine),
                    best=max(scores) if scores else None,
                )
            )
    return tuple(out)


def courses_of(lines: Iterable[AttemptLine]) -> tuple[str, ...]:
    """The courses these attempts were made in, in the order first met."""
    out: list[str] = []
    for line in lines:
        if line.course is not None and line.course not in out:
            out.append(line.course)
    return tuple(out)


# --- one trainee ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TraineeReport:
    name: str
    groep: str | None
    course: str | None  # the course the report is restricted to, if any
    courses: tuple[str, ...]  # the courses "still to do" is measured against
    attempts: tuple[AttemptLine, ...]
    passed: int  # attempts passed
    scenarios_passed: tuple[str, ...]  # scenario ids passed at least once
    violations: tuple[RuleCount, ...]
    progress: Progress
    todo: tuple[Todo, ...]
    curves: tuple[Curve, ...] = field(default=())
    unfinished: tuple[ExamLine, ...] = field(default=())  # exams started, not finished


def trainee_report(
    name: str,
    rows: Iterable[AttemptRow],
    lib: Library,
    *,
    groep: str | None = None,
    course: str | None = None,
    events: EventSource | None = None,
    exams: Iterable[ExamRow] = (),
) -> TraineeReport:
    """The report of one trainee over ``rows`` (their attempts; others are ignored).

    With ``course``, only attempts in that course count and "still to do" is that course.
    With ``events``, each attempt gets its escalation curve. ``exams`` (the trainee's) adds
    the exams left unfinished.
    """
    folded = name.casefold()
    rows = list(rows)
    mine_exams = [
        e
        for e in exams
        if e.trainee.casefold() == folded and (course is None or e.course == course)
    ]
    mine = [
        r
        for r in counted(rows)
        if r.trainee.casefold() == folded and (course is None or r.course == course)
    ]
    lines = [attempt_line(r, lib) for r in mine]
    if groep is None:
        groep = next((r.groep for r in reversed(mine) if r.groep), None)
    shown = next((r.trainee for r in mine), name)
    courses = (course,) if course is not None else courses_of(lines)
    passed_ids: list[str] = []
    for line in lines:
        if line.passed and line.scenario not in passed_ids:
            passed_ids.append(line.scenario)
    curves: tuple[Curve, ...] = ()
    if events is not None:
        curves = tuple(escalation_curve(r, lib, events(r.id)) for r in mine)
    return TraineeReport(
        name=shown,
        groep=groep,
        course=course,
        courses=courses,
        attempts=tuple(lines),
        passed=sum(1 for a in lines if a.passed),
        scenarios_passed=tuple(passed_ids),
        violations=rule_counts(lines),
        progress=trainee_progress(lines),
        todo=todo(lines, courses, lib),
        curves=curves,
        unfinished=unfinished_exams(mine_exams, rows, lib),
    )


# --- a group, a course, or everyone ------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TraineeSummary:
    name: str
    groep: str | None
    attempts: int
    passed: int
    scenarios_passed: int
    average: float | None
    last: int | None
    todo: tuple[Todo, ...]


@dataclass(frozen=True, slots=True)
class ScenarioTally:
    scenario: str
    title: str
    attempts: int
    passed: int
    trainees: int  # trainees who tried it
    trainees_passed: int  # trainees who passed it at least once
    average: float | None


@dataclass(frozen=True, slots=True)
class SessionTally:
    """One day of play (a training session), in Dutch time."""

    date: str
    trainees: int
    attempts: int
    passed: int
    average: float | None


@dataclass(frozen=True, slots=True)
class GroupTally:
    groep: str | None
    trainees: int
    attempts: int
    passed: int
    average: float | None


@dataclass(frozen=True, slots=True)
class GridColumn:
    """A column of "who still has to do what": a scenario of a course, or (``scenario``
    None) the exam of an exam course."""

    course: str
    course_title: str
    scenario: str | None
    title: str


@dataclass(frozen=True, slots=True)
class GridCell:
    state: str  # gehaald, niet-gehaald (tried, not passed), open (not played), n.v.t.
    attempts: int
    best: int | None
    passed: int | None = None  # for an exam: scenarios passed in exams
    needed: int | None = None  # for an exam: scenarios the exam draws


@dataclass(frozen=True, slots=True)
class GridRow:
    name: str
    cells: tuple[GridCell, ...]


def grid_columns(courses: Sequence[str], lib: Library) -> tuple[GridColumn, ...]:
    out: list[GridColumn] = []
    seen: set[str] = set()
    for cid in courses:
        course = lib.courses.get(cid)
        if course is None:
            continue
        if course.mode == "examen":
            out.append(GridColumn(cid, course.title, None, f"Examen: {course.title}"))
            continue
        for sid in course.scenarios:
            if sid in seen:
                continue
            seen.add(sid)
            out.append(GridColumn(cid, course.title, sid, scenario_title(lib, sid)))
    return tuple(out)


def grid_cell(
    column: GridColumn, lines: Sequence[AttemptLine], courses: Sequence[str], lib: Library
) -> GridCell:
    """Where one trainee stands on one column (``courses``: the trainee's courses)."""
    if column.course not in courses:
        return GridCell("n.v.t.", 0, None)
    course = lib.courses.get(column.course)
    if column.scenario is None and course is not None:
        exams = [a for a in lines if a.mode == "examen" and a.scenario in course.scenarios]
        needed = course.exam_draw or len(course.scenarios)
        passed = len({a.scenario for a in exams if a.passed})
        scores = [a.score for a in exams if a.score is not None]
        state = "gehaald" if passed >= needed else ("niet-gehaald" if exams else "open")
        return GridCell(state, len(exams), max(scores) if scores else None, passed, needed)
    mine = [a for a in lines if a.scenario == column.scenario]
    scores = [a.score for a in mine if a.score is not None]
    passed = any(a.passed for a in mine)
    state = "gehaald" if passed else ("niet-gehaald" if mine else "open")
    return GridCell(state, len(mine), max(scores) if scores else None)


@dataclass(frozen=True, slots=True)
class GroupReport:
    """Figures over many trainees: one group, one course, or everyone (``kind``)."""

    kind: str  # groep, cursus or alles
    groep: str | None
    course: str | None
    title: str
    courses: tuple[str, ...]
    trainees: tuple[TraineeSummary, ...]
    attempts: int
    passed: int
    scenarios: tuple[ScenarioTally, ...]
    rules: tuple[RuleCount, ...]
    competencies: tuple[Average, ...]
    sessions: tuple[SessionTally, ...]
    groups: tuple[GroupTally, ...]
    lines: tuple[AttemptLine, ...]
    columns: tuple[GridColumn, ...] = ()  # who still has to do what, as a grid
    grid: tuple[GridRow, ...] = ()
    unfinished: tuple[ExamLine, ...] = ()  # exams started, not finished

    @property
    def progress(self) -> Progress:
        """The average score per session, for a line chart."""
        return Progress(
            labels=tuple(s.date for s in self.sessions),
            dates=tuple(s.date for s in self.sessions),
            series=(Series("Gemiddelde score", tuple(s.average for s in self.sessions)),),
            pass_mark=None,
        )


def _by_key(
    lines: Iterable[AttemptLine], key: Callable[[AttemptLine], str | None]
) -> dict[str | None, list[AttemptLine]]:
    out: dict[str | None, list[AttemptLine]] = {}
    for line in lines:
        out.setdefault(key(line), []).append(line)
    return out


def group_report(
    rows: Iterable[AttemptRow],
    lib: Library,
    *,
    groep: str | None = None,
    course: str | None = None,
    members: Mapping[str, str | None] | None = None,
    exams: Iterable[ExamRow] = (),
) -> GroupReport:
    """The figures of a group (``groep``), a course (``course``), both, or everyone.

    ``members`` (name -> groep) adds trainees who have not played yet, so they show up in
    "still to do"; pass the store's trainees of the group. ``exams`` adds the exams left
    unfinished.
    """
    rows = list(rows)
    open_exams = unfinished_exams(
        (
            e
            for e in exams
            if (groep is None or e.groep == groep) and (course is None or e.course == course)
        ),
        rows,
        lib,
    )
    lines = [
        attempt_line(r, lib)
        for r in counted(rows)
        if (groep is None or r.groep == groep) and (course is None or r.course == course)
    ]
    names: dict[str, str | None] = {}
    for name, g in (members or {}).items():
        if groep is None or g == groep:
            names[name] = g
    for line in lines:
        names.setdefault(line.trainee, line.groep)
    if course is not None:  # a course report shows who played in it, not every member
        names = {n: g for n, g in names.items() if any(a.trainee == n for a in lines)}
    group_courses = (course,) if course is not None else courses_of(lines)
    per_trainee = _by_key(lines, lambda a: a.trainee)
    summaries: list[TraineeSummary] = []
    columns = grid_columns(group_courses, lib)
    per_groep = {g: courses_of(these) for g, these in _by_key(lines, lambda a: a.groep).items()}
    grid: list[GridRow] = []
    for name in sorted(names, key=str.casefold):
        mine = per_trainee.get(name, [])
        mine_courses = (
            (course,)
            if course is not None
            else courses_of(mine) or per_groep.get(names[name], ()) or group_courses
        )
        grid.append(GridRow(name, tuple(grid_cell(c, mine, mine_courses, lib) for c in columns)))
        summaries.append(
            TraineeSummary(
                name=name,
                groep=names[name],
                attempts=len(mine),
                passed=sum(1 for a in mine if a.passed),
                scenarios_passed=len({a.scenario for a in mine if a.passed}),
                average=_mean(a.score for a in mine),
                last=mine[-1].score if mine else None,
                todo=todo(mine, mine_courses, lib),
            )
        )
    scenarios: list[ScenarioTally] = []
    for sid, played in _by_key(lines, lambda a: a.scenario).items():
        assert sid is not None
        scenarios.append(
            ScenarioTally(
                scenario=sid,
                title=scenario_title(lib, sid),
                attempts=len(played),
                passed=sum(1 for a in played if a.passed),
                trainees=len({a.trainee for a in played}),
                trainees_passed=len({a.trainee for a in played if a.passed}),
                average=_mean(a.score for a in played),
            )
        )
    order = _scenario_order(lib, group_courses)
    scenarios.sort(key=lambda s: (order.get(s.scenario, len(order)), s.title.casefold()))
    sessions = [
        SessionTally(
            date=date or "",
            trainees=len({a.trainee for a in day}),
            attempts=len(day),
            passed=sum(1 for a in day if a.passed),
            average=_mean(a.score for a in day),
        )
        for date, day in sorted(
            _by_key(lines, lambda a: local_date(a.started)).items(), key=lambda kv: kv[0] or ""
        )
    ]
    groups = [
        GroupTally(
            groep=g,
            trainees=len({a.trainee for a in these}),
            attempts=len(these),
            passed=sum(1 for a in these if a.passed),
            average=_mean(a.score for a in these),
        )
        for g, these in sorted(
            _by_key(lines, lambda a: a.groep).items(), key=lambda kv: (kv[0] or "").casefold()
        )
    ]
    if groep is not None and course is not None:
        kind, title = "groep", f"Groep {groep}, {course_title(lib, course)}"
    elif groep is not None:
        kind, title = "groep", f"Groep {groep}"
    elif course is not None:
        kind, title = "cursus", f"Cursus {course_title(lib, course)}"
    else:
        kind, title = "alles", "Alle groepen"
    return GroupReport(
        kind=kind,
        groep=groep,
        course=course,
        title=title,
        courses=group_courses,
        trainees=tuple(summaries),
        attempts=len(lines),
        passed=sum(1 for a in lines if a.passed),
        scenarios=tuple(scenarios),
        rules=rule_counts(lines),
        competencies=competency_averages(lines),
        sessions=tuple(sessions),
        groups=tuple(groups),
        lines=tuple(lines),
        columns=columns,
        grid=tuple(grid),
        unfinished=open_exams,
    )


def _scenario_order(lib: Library, courses: Sequence[str]) -> dict[str, int]:
    order: dict[str, int] = {}
    for cid in courses:
        course = lib.courses.get(cid)
        for sid in course.scenarios if course else ():
            order.setdefault(sid, len(order))
    return order
