"""The group report's section per class session (klassikaal): what the group played, each
branch scored like an attempt with the vote at every step, and each trainee's own votes
judged as a shadow attempt. Plain data (it goes into the JSON report as it is) and the
tables the HTML and Markdown writers show."""

from __future__ import annotations

from simulator.language.library import Library
from simulator.reports import dutch
from simulator.reports.class_data import ClassBranch, ClassMember, ClassStep, ClassSummary
from simulator.reports.data import course_title, local_clock, rule_title
from simulator.reports.sections import Table
from simulator.store import Store, StoreError
from simulator.store.class_results import BranchLine, branch_line
from simulator.store.classes import ClassStore

HOW = {"meerderheid": "meerderheid", "trainer": "trainer koos", "tijd": "tijd liep af"}
NOTE = (
    "De groep stemde bij elke stap; de trainer ging verder met de meerderheid of koos zelf. "
    "Elke tak is beoordeeld als een poging. Per trainee zijn de eigen stemmen beoordeeld als "
    "keuzes op de plek waar ze werden uitgebracht (wat er gebeurd was als de groep hem had "
    "gevolgd, is niet nagespeeld); dat is zijn klassikale score, geen training of examen."
)


def _branch(line: BranchLine) -> ClassBranch:
    r = line.result
    return ClassBranch(
        number=line.number,
        parent=line.parent,
        fork=line.fork,
        finished=line.finished,
        ending=line.ending,
        score=r.score,
        passed=r.passed and line.finished,
        violated=tuple(rule_title(v.rule) for v in r.violations),
        steps=tuple(
            ClassStep(
                step=s.step,
                fase=s.fase,
                level=s.level,
                chosen=s.label,
                how=HOW.get(s.how, s.how),
                votes=" · ".join(f"{p.number or '–'}: {p.votes}" for p in s.splits),
                voters=s.voters,
                model=None if s.was_model else s.model,
                broken=tuple(rule_title(r) for r in s.broken),
            )
            for s in line.steps
        ),
    )


def class_summaries(store: Store, lib: Library, groep: str | None) -> tuple[ClassSummary, ...]:
    """Every class session of the group (all of them without a group), oldest first; a
    session whose scenario is no longer in the library is left out."""
    classes = ClassStore(store, lib)
    out: list[ClassSummary] = []
    try:
        rows = classes.sessions(groep=groep)
    except StoreError:
        return ()
    for row in rows:
        if row.scenario not in lib.scenarios:
            continue
        session = classes.load(row.id)
        profile = lib.profile_for(session.scenario)
        counts = classes.all_counts(row.id)
        branches = tuple(
            _branch(branch_line(session, b.number, profile, lib.catalogue, counts))
            for b in session.branches()
            if b.moves or b.number == 1
        )
        judge = classes.judge(session)
        members = []
        for trainee_id, name in classes.members(row.id):
            shadow = classes.shadow(session, trainee_id, judge)
            members.append(
                ClassMember(
                    name=name,
                    votes=len(shadow.votes),
                    steps=shadow.steps,
                    good=shadow.good,
                    score=shadow.score,
                    passed=shadow.passed,
                    violated=tuple(rule_title(r) for r in shadow.violated),
                )
            )
        out.append(
            ClassSummary(
                id=row.id,
                scenario=row.scenario,
                title=session.scenario.title,
                course_title=course_title(lib, row.course),
                started=row.started,
                ended=row.ended,
                status=row.status,
                branches=branches,
                members=tuple(members),
            )
        )
    return tuple(out)


def heading(summary: ClassSummary) -> str:
    return f"Klassikaal: {summary.title}, {local_clock(summary.started)}"


def branch_table(summary: ClassSummary) -> Table:
    return Table(
        ("tak", "begint", "einde", "score", "uitslag", "overtreden regels"),
        tuple(
            (
                b.number,
                "bij het begin" if b.parent is None else f"stap {b.fork + 1} van tak {b.parent}",
                b.ending or "niet afgemaakt",
                b.score if b.finished else None,
                dutch.outcome(b.passed) if b.finished else "niet afgemaakt",
                ", ".join(b.violated) or dutch.NONE,
            )
            for b in summary.branches
        ),
        (0, 3),
    )


def step_table(branch: ClassBranch) -> Table:
    return Table(
        ("stap", "niveau", "de groep deed", "hoe", "stemmen", "overtreden", "het protocol"),
        tuple(
            (
                s.step,
                dutch.level(s.level),
                s.chosen,
                s.how,
                f"{s.votes} ({s.voters})" if s.voters else dutch.NONE,
                ", ".join(s.broken) or dutch.NONE,
                s.model or "zo",
            )
            for s in branch.steps
        ),
        (0,),
    )


def member_table(summary: ClassSummary) -> Table:
    return Table(
        ("trainee", "gestemd", "zonder overtreding", "klassikale score", "uitslag", "overtreden"),
        tuple(
            (
                m.name,
                f"{m.votes} van {m.steps}",
                m.good,
                m.score,
                dutch.outcome(m.passed) if m.score is not None else "niet gestemd",
                ", ".join(m.violated) or dutch.NONE,
            )
            for m in summary.members
        ),
        (2, 3),
    )


def tables(summary: ClassSummary) -> list[tuple[str, Table]]:
    """(subheading, table) for one class session, in the order they are shown."""
    out = [("Takken", branch_table(summary))]
    for branch in summary.branches:
        if branch.steps:
            out.append((f"Tak {branch.number}: stap voor stap", step_table(branch)))
    if summary.members:
        out.append(("Trainees", member_table(summary)))
    return out
