"""The report as Markdown: headings and pipe tables that paste into a document.

Every text from the store (a name, a group, a title) goes through ``text``: it stays plain
text in any renderer, never HTML (``<img onerror=…>``), a link (``[x](javascript:…)``) or
emphasis.
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.result import kernregel_text
from simulator.reports import dutch, sections
from simulator.reports.data import ExamLine, GroupReport, Todo, TraineeReport, local_date
from simulator.reports.sections import Cell, Table

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BACKSLASHED = frozenset("\\`*_[]|")


def text(value: str) -> str:
    """Plain text for Markdown: HTML is written as entities, and what would make a link,
    code or emphasis is escaped with a backslash."""
    return "".join(_ENTITIES.get(c) or ("\\" + c if c in _BACKSLASHED else c) for c in value)


def _cell(value: Cell) -> str:
    if value is None:
        return dutch.NONE
    shown = value if isinstance(value, str) else dutch.number(value)
    return " ".join(text(shown).split()) or " "


def table(t: Table) -> str:
    """A pipe table; numeric columns are right-aligned."""
    head = "| " + " | ".join(_cell(h) for h in t.headers) + " |"
    rule = "|" + "|".join("---:" if i in t.numeric else "---" for i in range(len(t.headers))) + "|"
    body = ["| " + " | ".join(_cell(c) for c in row) + " |" for row in t.rows]
    return "\n".join([head, rule, *body])


def _todo(
    rows: Sequence[tuple[str, Sequence[Todo]]], courses: Sequence[str], *, names: bool
) -> list[str]:
    out = ["## Nog te doen", ""]
    if not courses:
        return [*out, sections.NO_COURSE]
    return [*out, table(sections.todo(rows, names=names)), "", sections.STILL_TO_DO_NOTE]


def _unfinished(exams: Sequence[ExamLine]) -> list[str]:
    if not exams:
        return []
    return [
        f"## {sections.UNFINISHED_TITLE}",
        "",
        sections.UNFINISHED_NOTE,
        "",
        table(sections.unfinished(exams)),
        "",
    ]


def trainee_markdown(report: TraineeReport, *, generated: str) -> str:
    lines = report.attempts
    out = [f"# Voortgang van {text(report.name)}", ""]
    meta = [f"Groep: {text(report.groep or dutch.NONE)}"]
    if report.course:
        meta.append(f"Cursus: {text((lines[0].course_title if lines else None) or report.course)}")
    meta.append(f"Gemaakt op {generated}")
    out += [" · ".join(meta), "", "## Samenvatting", ""]
    out += [
        f"- Pogingen: {len(lines)}",
        f"- Geslaagd: {report.passed}",
        f"- Scenario's gehaald: {len(report.scenarios_passed)}",
        f"- Laatste score: {dutch.score(lines[-1].score if lines else None)}",
        "",
    ]
    if not lines:
        out += ["Er zijn nog geen afgeronde pogingen.", ""]
    else:
        out += ["## Pogingen", "", table(sections.attempts(lines)), ""]
        progress = Table(
            ("", *report.progress.labels),
            tuple((s.name, *s.values) for s in report.progress.series),
            tuple(range(1, len(lines) + 1)),
        )
        out += ["## Voortgang per poging", "", table(progress), ""]
        out += ["## Overtreden regels", ""]
        out.append(
            table(sections.rules(report.violations))
            if report.violations
            else "Geen regel overtreden."
        )
        out.append("")
    out += _unfinished(report.unfinished)
    out += _todo([(report.name, report.todo)], report.courses, names=False)
    if report.curves:
        out += ["", "## Verloop per poging"]
        for curve in report.curves:
            out += [
                "",
                f"### {local_date(curve.started)}: {text(curve.title)}, score "
                f"{dutch.score(curve.score)}, {dutch.outcome(curve.passed)}",
                "",
                table(sections.decisions(curve)),
            ]
            if curve.failed_kernregels:
                out += ["", kernregel_text(curve.failed_kernregels)]
            if curve.after:
                out += [
                    "",
                    "Na afloop overtreden: " + text(", ".join(b.title for b in curve.after)),
                ]
            if curve.ending:
                out += ["", f"Einde: {text(curve.ending)}"]
    return "\n".join(out) + "\n"


def _classes(report: GroupReport) -> list[str]:
    """A section per class session (klassikaal)."""
    from simulator.reports import classes

    out: list[str] = []
    for summary in report.classes:
        out += [f"## {text(classes.heading(summary))}", "", classes.NOTE, ""]
        for title, t in classes.tables(summary):
            out += [f"### {text(title)}", "", table(t), ""]
    return out


def group_markdown(report: GroupReport, *, generated: str) -> str:
    out = [f"# {text(report.title)}", "", f"Gemaakt op {generated}", "", "## Samenvatting", ""]
    out += [
        f"- Trainees: {len(report.trainees)}",
        f"- Pogingen: {report.attempts}",
        f"- Geslaagd: {sections.share(report.passed, report.attempts)}",
        f"- Gemiddelde score: {dutch.number(sections.group_average(report))}",
        "",
        "## Trainees",
        "",
        table(sections.trainees(report.trainees)),
        "",
        "## Per scenario",
        "",
        table(sections.scenarios(report.scenarios))
        if report.scenarios
        else "Er zijn nog geen afgeronde pogingen.",
        "",
        "## Meest overtreden regels",
        "",
    ]
    if report.rules:
        out += [sections.RULES_NOTE, "", table(sections.rules(report.rules))]
    else:
        out.append("Geen regel overtreden.")
    out += ["", "## Competenties", "", table(sections.competencies(report.competencies))]
    if report.sessions:
        out += ["", "## Per sessie", "", table(sections.sessions(report.sessions))]
    if report.kind != "groep" and report.groups:
        out += ["", "## Per groep", "", table(sections.groups(report.groups))]
    out += ["", *_unfinished(report.unfinished)]
    out += _classes(report)
    out += ["## Nog te doen", ""]
    if report.columns:
        out += [sections.STILL_TO_DO_NOTE]
        for title, grid in sections.grids(report):
            out += ["", f"### {text(title)}", "", table(grid)]
        out += ["", sections.GRID_NOTE]
    else:
        out.append(sections.NO_COURSE)
    return "\n".join(out) + "\n"


def render(report: TraineeReport | GroupReport, *, generated: str) -> str:
    if isinstance(report, TraineeReport):
        return trainee_markdown(report, generated=generated)
    return group_markdown(report, generated=generated)
