"""The tables of a report, once, for every writer: headers, rows and numeric columns.

HTML and Markdown render the same ``Table``s, so both show the same figures in the same
words. Cells are plain values: text, numbers (formatted by the writer, with a decimal
comma) or None (shown as a dash).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.dutch import format_clock
from simulator.reports import dutch
from simulator.reports.data import (
    AttemptLine,
    Average,
    Curve,
    ExamLine,
    GridCell,
    GroupReport,
    GroupTally,
    RuleCount,
    ScenarioTally,
    SessionTally,
    Todo,
    TraineeSummary,
    local_clock,
    rule_title,
)

Cell = str | int | float | None

STILL_TO_DO_NOTE = (
    "Een scenario is gedaan zodra het één keer gehaald is. Een examen is gedaan als er in "
    "examens zoveel scenario's gehaald zijn als het examen er trekt."
)
NO_COURSE = (
    "Er is geen cursus bekend, dus ook niet wat er nog gedaan moet worden. Kies een cursus "
    "(--cursus) of speel binnen een cursus."
)
GRID_NOTE = (
    "✓ gehaald · ✗ 2× (40): twee keer geprobeerd, nog niet gehaald, beste score 40 · "
    "– nog niet gespeeld · examen 1/4, 2×: één van de vier scenario's van het examen "
    "gehaald, in twee examenpogingen."
)
RULES_NOTE = (
    "Per regel: in hoeveel pogingen zij overtreden werd, als deel van alle pogingen, en in "
    "hoeveel pogingen zij van toepassing was."
)


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: tuple[int, ...] = ()
    nowrap: tuple[int, ...] = ()  # columns that should not wrap (dates)


def share(part: int, whole: int) -> str:
    """'2 van 4 (50%)'."""
    if not whole:
        return f"{part} van {whole}"
    return f"{part} van {whole} ({dutch.percent(round(100 * part / whole, 1))})"


def outcome(line: AttemptLine) -> str:
    return dutch.outcome(line.passed) + (" (gestopt)" if line.status == "afgebroken" else "")


def mode(line: AttemptLine) -> str:
    """'examen', or 'examen, 50% extra tijd' for an attempt played with extra time."""
    shown = dutch.MODES.get(line.mode, line.mode)
    return f"{shown}, {line.extra_time}% extra tijd" if line.extra_time else shown


def attempts(lines: Sequence[AttemptLine]) -> Table:
    return Table(
        ("nr", "datum", "scenario", "cursus", "modus", "score", "uitslag", "overtreden regels"),
        tuple(
            (
                i,
                local_clock(a.started),
                a.scenario_title,
                a.course_title or "vrij oefenen",
                mode(a),
                a.score,
                outcome(a),
                ", ".join(rule_title(r) for r in a.violated) or dutch.NONE,
            )
            for i, a in enumerate(lines, start=1)
        ),
        (0, 5),
        (1,),
    )


UNFINISHED_TITLE = "Onafgemaakte examens"
UNFINISHED_NOTE = (
    "Een examen dat begonnen en niet afgemaakt is, telt niet als geslaagd of gezakt; de "
    "scenario's ervan staan niet bij de pogingen."
)


def unfinished(exams: Sequence[ExamLine]) -> Table:
    """The exams left unfinished: not passed, not failed, but not done."""
    return Table(
        ("naam", "begonnen", "cursus", "gespeeld", "uitslag"),
        tuple(
            (
                e.trainee,
                local_clock(e.started),
                e.course_title,
                f"{e.played} van {e.total}",
                e.status,
            )
            for e in exams
        ),
        (),
        (),
    )


def rules(counts: Sequence[RuleCount]) -> Table:
    return Table(
        ("regel", "ernst", "overtreden (pogingen)", "% van alle pogingen", "van toepassing"),
        tuple(
            (r.title, r.severity, r.count, dutch.percent(r.percent), r.applicable) for r in counts
        ),
        (2, 3, 4),
    )


def todo(rows: Sequence[tuple[str, Sequence[Todo]]], *, names: bool = True) -> Table:
    """What is left, per trainee; ``names`` False for one trainee's own report."""
    body: list[tuple[Cell, ...]] = []
    for name, items in rows:
        lead: tuple[Cell, ...] = (name,) if names else ()
        if not items:
            body.append((*lead, "alles gehaald", "", None, None))
        body.extend((*lead, t.title, t.course_title, t.attempts, t.best) for t in items)
    headers = ("scenario", "cursus", "pogingen", "beste score")
    offset = 1 if names else 0
    return Table(
        (("trainee",) if names else ()) + headers,
        tuple(body),
        (2 + offset, 3 + offset),
    )


def decisions(curve: Curve) -> Table:
    return Table(
        ("stap", "tijd", "niveau", "keuze", "overtreden"),
        tuple(
            (
                p.decision.step,
                format_clock(p.decision.t),
                dutch.level(p.level),
                p.decision.label,
                ", ".join(b.shown for b in p.decision.violated) or dutch.NONE,
            )
            for p in curve.points
            if p.decision is not None
        ),
        (0,),
    )


def trainees(summaries: Sequence[TraineeSummary]) -> Table:
    return Table(
        (
            "trainee",
            "groep",
            "pogingen",
            "geslaagd",
            "scenario's gehaald",
            "gemiddelde score",
            "laatste score",
            "nog te doen",
        ),
        tuple(
            (
                t.name,
                t.groep or dutch.NONE,
                t.attempts,
                t.passed,
                t.scenarios_passed,
                t.average,
                t.last,
                len(t.todo),
            )
            for t in summaries
        ),
        (2, 3, 4, 5, 6, 7),
    )


def scenarios(tallies: Sequence[ScenarioTally]) -> Table:
    return Table(
        ("scenario", "pogingen", "geslaagd", "trainees", "trainees geslaagd", "gemiddelde score"),
        tuple(
            (s.title, s.attempts, s.passed, s.trainees, s.trainees_passed, s.average)
            for s in tallies
        ),
        (1, 2, 3, 4, 5),
    )


def competencies(averages: Sequence[Average]) -> Table:
    return Table(
        ("competentie", "gemiddelde", "over pogingen"),
        tuple((c.name, c.average, c.attempts) for c in averages),
        (1, 2),
    )


def sessions(tallies: Sequence[SessionTally]) -> Table:
    return Table(
        ("datum", "trainees", "pogingen", "geslaagd", "gemiddelde score"),
        tuple((s.date, s.trainees, s.attempts, s.passed, s.average) for s in tallies),
        (1, 2, 3, 4),
        (0,),
    )


def groups(tallies: Sequence[GroupTally]) -> Table:
    return Table(
        ("groep", "trainees", "pogingen", "geslaagd", "gemiddelde score"),
        tuple(
            (g.groep or "zonder groep", g.trainees, g.attempts, g.passed, g.average)
            for g in tallies
        ),
        (1, 2, 3, 4),
    )


def group_average(report: GroupReport) -> float | None:
    scores = [a.score for a in report.lines if a.score is not None]
    return round(sum(scores) / len(scores), 1) if scores else None


def grid_text(cell: GridCell) -> str:
    """A cell of "who still has to do what", in symbols and numbers (see ``GRID_NOTE``)."""
    if cell.state == "n.v.t.":
        return ""
    if cell.state == "gehaald":
        return "✓"
    if cell.needed is not None:  # an exam
        tried = f", {cell.attempts}×" if cell.attempts else ""
        return f"{cell.passed or 0}/{cell.needed}{tried}"
    if cell.state == "open":
        return dutch.NONE
    best = f" ({cell.best})" if cell.best is not None else ""
    return f"✗ {cell.attempts}×{best}"


def grids(report: GroupReport) -> list[tuple[str, Table]]:
    """Who still has to do what, per course: a row per trainee who follows it, a column per
    scenario (or one for the exam), and how many are left."""
    out: list[tuple[str, Table]] = []
    courses = list(dict.fromkeys(c.course for c in report.columns))
    for cid in courses:
        index = [i for i, c in enumerate(report.columns) if c.course == cid]
        columns = [report.columns[i] for i in index]
        rows: list[tuple[Cell, ...]] = []
        for row in report.grid:
            cells = [row.cells[i] for i in index]
            if all(cell.state == "n.v.t." for cell in cells):
                continue
            left = sum(1 for cell in cells if cell.state in ("open", "niet-gehaald"))
            rows.append((row.name, *(grid_text(cell) for cell in cells), left))
        if not rows:
            continue
        headers = ("trainee", *("examen" if c.scenario is None else c.title for c in columns))
        out.append(
            (
                columns[0].course_title,
                Table((*headers, "nog te doen"), tuple(rows), (len(columns) + 1,)),
            )
        )
    return out
