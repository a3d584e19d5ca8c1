"""Which report a trainer asks for: one trainee, one group, one course or all groups.

``build_report`` gives the report data (``simulator.reports.data``), or a Dutch message
that says what is not known, with a guess. The command line and the trainer's screen both
ask it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the report modules are imported when a report is made, not at start-up
    from simulator.language.library import Library
    from simulator.reports.data import GroupReport, TraineeReport
    from simulator.store import Store


def guess(word: str, options: list[str]) -> str:
    """' Bedoelde u …?' by spelling, else the one option that contains the word."""
    from simulator.language.reader import suggest

    close = suggest(word, options)
    if close:
        return close
    folded = word.casefold().strip()
    holding = [o for o in options if folded and folded in o.casefold()]
    return f" Bedoelde u '{holding[0]}'?" if len(holding) == 1 else ""


def build_report(
    store: Store,
    lib: Library,
    *,
    trainee: str | None = None,
    groep: str | None = None,
    course: str | None = None,
) -> TraineeReport | GroupReport | str:
    from simulator.reports.data import group_report, trainee_report

    """The report asked for, or a Dutch message saying what is not known (with a guess)."""
    known_trainees = {t.name.casefold(): t for t in store.trainees()}
    rows = store.attempts()
    groups = sorted(
        {t.groep for t in known_trainees.values() if t.groep} | {r.groep for r in rows if r.groep}
    )
    courses = sorted(set(lib.courses) | {r.course for r in rows if r.course})
    if course is not None and course not in courses:
        return f"onbekende cursus '{course}'.{guess(course, courses)}"
    if trainee is not None:
        found = known_trainees.get(" ".join(trainee.split()).casefold())
        if found is None:
            names = [t.name for t in known_trainees.values()]
            return f"onbekende trainee '{trainee}'.{guess(trainee, names)}"
        return trainee_report(
            found.name,
            store.attempts(trainee=found.name),
            lib,
            groep=found.groep,
            course=course,
            events=store.events,
            exams=store.exams(trainee=found.name),
        )
    if groep is not None and groep not in groups:
        return f"onbekende groep '{groep}'.{guess(groep, groups)}"
    members = {t.name: t.groep for t in known_trainees.values()}
    return group_report(rows, lib, groep=groep, course=course, members=members, exams=store.exams())
