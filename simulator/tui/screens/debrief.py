"""Nabespreking: a debrief that teaches. First the verdict and the one or two main lessons,
then each step that went wrong as a short card (what you did, which rule and why, with its
source; the model answer and how the visitor would have reacted), and the rest folded away:
the competencies, the escalation over time, the rules kept and those that did not apply.

What it says comes from ``simulator.reports.debrief``; this screen lays it out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Collapsible, Header, Static

from scoring import Result, score
from simulator.dutch import format_clock
from simulator.reports.debrief import Debrief, RuleNote, StepCard, build_debrief
from simulator.store.session import Session
from simulator.tui.widgets.competency_bars import CompetencyBars
from simulator.tui.widgets.escalation_curve import EscalationCurve
from simulator.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from simulator.tui.app import RegieApp


def headline(d: Debrief) -> str:
    lines = [f"[b]{d.verdict}[/b] — score {d.score} van 100 (slaaggrens {d.pass_mark})"]
    lines += [escape(reason) for reason in d.reasons]
    if d.ending:
        lines.append(f"Einde: {escape(d.ending)}")
    return "\n".join(lines)


def lessons(d: Debrief) -> str:
    if not d.lessons:
        kept = ", ".join(d.kept_kernregels)
        text = "U hield u aan het protocol: geen regel overtreden."
        if kept:
            text += f" De kernregels van dit scenario hield u: {escape(kept)}."
        return text
    out = []
    for i, lesson in enumerate(d.lessons, start=1):
        kind = " (kernregel)" if lesson.kernregel else ""
        out.append(f"{i}. [b]{escape(lesson.title)}[/b]{kind}: {escape(lesson.explanation)}")
    return "\n".join(out)


def rule_lines(note: RuleNote) -> list[str]:
    """'✗ Title (zwaar): what the protocol asks', and its source; a rule broken again
    refers to the step that broke it first."""
    head = f"[b]✗ {escape(note.title)}[/b] ({note.severity})"
    if note.first_step is not None:
        return [f"{head}, opnieuw: zie stap {note.first_step}; het telt één keer mee."]
    lines = [f"{head}: {escape(note.asks)}"]
    if note.evidence:
        lines.append(escape(note.evidence))
    lines.append(f"[i]Bron: {escape(note.citation)}[/i]")
    return lines


def card_text(card: StepCard) -> str:
    lines = [f"[i]{escape(card.situation)}[/i]", f"[b]{escape(card.did)}[/b]"]
    if card.why:
        lines.append(escape(card.why))
    for note in card.rules:
        lines += rule_lines(note)
    if card.same_road_as is not None:
        lines.append(f"[b]Beter:[/b] het modelantwoord van stap {card.same_road_as}.")
    elif card.road is not None:
        why = f" {escape(card.road.why)}" if card.road.why else ""
        lines.append(f"[b]Beter:[/b] {escape(card.road.choice)}{why}")
        lines.append(f"[b]Dan:[/b] {escape(card.road.then)}")
    return "\n".join(lines)


class DebriefScreen(Screen[None]):
    DEFAULT_CSS = """
    DebriefScreen VerticalScroll { padding: 0 1; }
    DebriefScreen #headline { margin: 1 0 0 0; padding: 0 1; border: heavy $success; height: auto; }
    DebriefScreen #headline.-failed { border: heavy $error; }
    DebriefScreen .section { margin-top: 1; text-style: bold; }
    DebriefScreen #lessons { height: auto; padding: 0 1; }
    DebriefScreen .card {
        height: auto;
        margin-top: 1;
        padding: 0 1;
        border: round $error 70%;
        border-title-color: $text;
        border-title-style: bold;
    }
    DebriefScreen Collapsible { margin-top: 1; }
    DebriefScreen .folded { height: auto; padding: 0 1; }
    """
    BINDINGS = [
        Binding("r", "replay", "Opnieuw", id="debrief-replay"),
        Binding("n", "next", "Volgende", id="debrief-next"),
        Binding("escape,enter", "back", "Naar de lijst", id="debrief-back"),
        Binding("f1", "app.help", "Hulp", id="debrief-help"),
    ]

    def __init__(self, session: Session, *, over_summary: bool = False) -> None:
        """``over_summary``: opened from the exam's summary, which Esc returns to."""
        super().__init__()
        self.session = session
        self.over_summary = over_summary
        sc = session.attempt.scenario
        self.result: Result = score(
            sc,
            session.attempt.trace,
            session.lib.profile_for(sc),
            session.lib.catalogue,
            final=True,
        )
        self.debrief = build_debrief(
            sc,
            session.attempt.trace,
            self.result,
            stopped=session.row.status == "afgebroken",
        )

    @property
    def regie(self) -> RegieApp:
        return cast("RegieApp", self.app)

    def compose(self) -> ComposeResult:
        d = self.debrief
        yield Header()
        with VerticalScroll():
            yield Static(headline(d), id="headline", classes="" if d.passed else "-failed")
            yield Static("Wat u hieruit meeneemt", classes="section")
            yield Static(lessons(d), id="lessons")
            if d.cards:
                n = len(d.cards)
                yield Static(
                    f"Wat anders moest: {n} {'stap' if n == 1 else 'stappen'}", classes="section"
                )
            for card in d.cards:
                box = Static(card_text(card), classes="card")
                box.border_title = f"Stap {card.step} · {format_clock(card.time)}"
                yield box
            if d.after:
                box = Static(
                    "\n".join(line for note in d.after for line in rule_lines(note)),
                    classes="card",
                )
                box.border_title = "Na afloop"
                yield box
            with Collapsible(title="Competenties (0-100)", id="competencies"):
                yield CompetencyBars(classes="folded")
            with Collapsible(title="Verloop van de escalatie", id="timeline"):
                yield EscalationCurve(classes="folded")
            with Collapsible(title=f"Gehouden regels ({len(d.kept)})", id="kept"):
                yield Static(
                    "\n".join(
                        f"[b]✓ {escape(title)}[/b]: {escape(evidence)}"
                        for title, evidence in d.kept
                    )
                    or "Geen.",
                    classes="folded",
                )
            with Collapsible(
                title=f"Niet van toepassing ({len(d.not_applicable)})", id="not-applicable"
            ):
                yield Static(
                    "\n".join(f"– {escape(title)}" for title in d.not_applicable) or "Geen.",
                    classes="folded",
                )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.app.clear_notifications()  # a message from the play screen is not about this
        self.sub_title = f"Nabespreking: {self.session.attempt.scenario.title}"
        self.query_one(CompetencyBars).show(self.result.competencies)
        self.query_one(EscalationCurve).show(
            self.session.attempt.scenario, self.session.attempt.trace, self.result
        )

    def action_replay(self) -> None:
        self.regie.replay(self.session)

    def action_next(self) -> None:
        self.regie.next_scenario(self.session)

    def action_back(self) -> None:
        """Back where it was opened from: the exam's summary stays, else the list."""
        if self.over_summary:
            self.app.pop_screen()
        else:
            self.regie.back_to_list()
