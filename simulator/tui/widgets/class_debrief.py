"""The group's debrief of a class session: the branch played, judged like an attempt (the
verdicts, the escalation curve, and for each step the split of the vote and what the
protocol asked), and every branch the group took, side by side."""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from scoring import BY_ID, Status
from scoring.result import kernregel_text
from simulator.engine.class_session import ClassSession
from simulator.store.class_results import BranchLine, StepLine
from simulator.tui.widgets.escalation_curve import EscalationCurve

HOW = {"meerderheid": "meerderheid", "trainer": "de trainer koos", "tijd": "de tijd liep af"}


def branch_name(line: BranchLine) -> str:
    if line.parent is None:
        return f"Tak {line.number}"
    return f"Tak {line.number} (vanaf stap {line.fork + 1} van tak {line.parent})"


def step_text(line: StepLine) -> str:
    mark = "✗" if line.broken else ("✓" if line.was_model else "●")
    broken = ", ".join(BY_ID[r].title for r in line.broken if r in BY_ID)
    votes = " · ".join(f"{s.number or '–'}: {s.votes}" for s in line.splits)
    counted = f"{line.voters} {'stem' if line.voters == 1 else 'stemmen'}"
    out = [
        f"[b]{mark} Stap {line.step}[/b] · niveau {line.level} · {escape(line.fase)} — "
        f"{escape(HOW.get(line.how, line.how))}: \u201c{escape(line.chosen)}\u201d",
        f"   Stemmen: {votes} ({counted})" if line.voters else "   Er is niet gestemd.",
    ]
    if broken:
        out.append(f"   [b]✗ {escape(broken)}[/b]")
    if line.model and not line.was_model:
        out.append(f"   Het protocol: {escape(line.model)}")
    return "\n".join(out)


def column_text(line: BranchLine) -> str:
    out = [f"[b]{escape(branch_name(line))}[/b]", escape(line.summary)]
    if line.ending:
        out.append(f"Einde: {escape(line.ending)}")
    for step in line.steps:
        shared = step.step <= line.fork
        mark = "✗" if step.broken else "✓"
        out.append(f"{step.step}. {mark} {escape(step.label)}" + (" (gedeeld)" if shared else ""))
    return "\n".join(out)


class ClassDebrief(VerticalScroll):
    DEFAULT_CSS = """
    ClassDebrief { padding: 0 1; }
    ClassDebrief #class-headline {
        margin: 1 0; padding: 0 1; border: heavy $success; height: auto;
    }
    ClassDebrief #class-headline.-failed { border: heavy $error; }
    ClassDebrief .section { margin-top: 1; text-style: bold; }
    ClassDebrief #class-steps, ClassDebrief #class-verdicts { height: auto; }
    ClassDebrief #class-branches { height: auto; }
    ClassDebrief .branch {
        width: 1fr; height: auto; padding: 0 1; margin-right: 1;
        border: round $primary-darken-1;
    }
    ClassDebrief .branch.-current { border: round $accent; }
    """

    def compose(self) -> ComposeResult:
        yield Static("", id="class-headline")
        yield Static("Alle takken naast elkaar", classes="section", id="class-branches-title")
        yield Horizontal(id="class-branches")
        yield Static("Stap voor stap: de stemming en wat het protocol vroeg", classes="section")
        yield Static("", id="class-steps")
        yield Static("Verloop van de escalatie", classes="section")
        yield EscalationCurve()
        yield Static("Overtreden regels", classes="section")
        yield Static("", id="class-verdicts")

    def show(self, session: ClassSession, lines: Sequence[BranchLine]) -> None:
        current = next(line for line in lines if line.number == session.state.branch)
        r = current.result
        verdict = "GESLAAGD" if r.passed else "NIET GESLAAGD"
        head = [
            f"[b]Nabespreking van de groep: {verdict}[/b] — score {r.score} van 100 "
            f"(slaaggrens {r.pass_mark}) · {escape(branch_name(current))}"
        ]
        if r.failed_kernregels:
            head.append(escape(kernregel_text(r.failed_kernregels)))
        if current.ending:
            ending = session.attempt(current.number).ending
            text = f" {escape(ending.text)}" if ending is not None else ""
            head.append(f"Einde: {escape(current.ending)}.{text}")
        elif not current.finished:
            head.append("Deze tak is niet afgemaakt; beoordeeld is wat de groep tot dan deed.")
        headline = self.query_one("#class-headline", Static)
        headline.update("\n".join(head))
        headline.set_class(not r.passed, "-failed")
        self.query_one(EscalationCurve).show(
            session.scenario, session.attempt(current.number).trace, r
        )
        self.query_one("#class-steps", Static).update(
            "\n".join(step_text(s) for s in current.steps) or "(geen stappen)"
        )
        violated = [v for v in r.verdicts if v.status is Status.VIOLATED]
        verdicts = []
        for v in violated:
            rule = BY_ID[v.rule]
            text = f"[b]✗ {escape(rule.title)}[/b] [{r.severities[v.rule]}]: {escape(v.evidence)}"
            if v.expected:
                text += f"\n   Het protocol: {escape(v.expected)}"
            verdicts.append(text)
        self.query_one("#class-verdicts", Static).update(
            "\n".join(verdicts) or "Geen regel overtreden."
        )
        row = self.query_one("#class-branches", Horizontal)
        several = len(lines) > 1  # one branch: it is all above
        row.display = several
        self.query_one("#class-branches-title").display = several
        row.remove_children()
        row.mount(
            *(
                Static(
                    column_text(line),
                    classes="branch -current" if line.number == current.number else "branch",
                )
                for line in lines
            )
        )
