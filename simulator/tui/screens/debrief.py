"""Nabespreking: score, competencies, the verdicts with their reasons and sources, the
timeline, and at each wrong step the road not taken."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from scoring import BY_ID, Result, Status, score
from scoring.result import kernregel_text
from simulator.dutch import format_clock
from simulator.reports.debrief_text import road_not_taken
from simulator.store.session import Session
from simulator.tui.widgets.competency_bars import CompetencyBars
from simulator.tui.widgets.escalation_curve import EscalationCurve
from simulator.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from simulator.tui.app import RegieApp


class DebriefScreen(Screen[None]):
    DEFAULT_CSS = """
    DebriefScreen VerticalScroll { padding: 0 1; }
    DebriefScreen #headline { margin: 1 0; padding: 0 1; border: heavy $success; height: auto; }
    DebriefScreen #headline.-failed { border: heavy $error; }
    DebriefScreen .section { margin-top: 1; text-style: bold; }
    DebriefScreen .verdict { margin: 0 0 1 2; height: auto; }
    """
    BINDINGS = [
        Binding("r", "replay", "Opnieuw spelen", id="debrief-replay"),
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

    @property
    def regie(self) -> RegieApp:
        return cast("RegieApp", self.app)

    def compose(self) -> ComposeResult:
        r = self.result
        attempt = self.session.attempt
        sc = attempt.scenario
        ending = attempt.ending
        verdict_word = "GESLAAGD" if r.passed else "NIET GESLAAGD"
        lines = [f"[b]{verdict_word}[/b] — score {r.score} van 100 (slaaggrens {r.pass_mark})"]
        if r.critical:
            lines.append(
                "Er is een kritieke regel overtreden; dan slaagt u niet, wat de score ook is."
            )
        if r.failed_kernregels:
            lines.append(escape(kernregel_text(r.failed_kernregels)))
        if ending is not None:
            lines.append(f"Einde: {escape(ending.title)}. {escape(ending.text)}")
        elif self.session.row.status == "afgebroken":
            lines.append("U stopte voor het einde; beoordeeld is wat u tot dan deed.")
        yield Header()
        with VerticalScroll():
            yield Static("\n".join(lines), id="headline", classes="" if r.passed else "-failed")
            yield CompetencyBars()
            yield EscalationCurve()
            violated = [v for v in r.verdicts if v.status is Status.VIOLATED]
            kept = [v for v in r.verdicts if v.status is Status.OK]
            na = [v for v in r.verdicts if v.status is Status.NA]
            yield Static(f"✗ Overtreden ({len(violated)})", classes="section")
            for v in violated:
                rule = BY_ID[v.rule]
                when = (
                    f" — stap {v.step}, {format_clock(v.time or 0)}" if v.step is not None else ""
                )
                text = [f"[b]✗ {rule.title}[/b] [{r.severities[v.rule]}]{when}", escape(v.evidence)]
                if v.expected:
                    text.append(f"Het protocol: {escape(v.expected)}")
                road = road_not_taken(sc, v.fase)
                if road and v.step is not None:
                    text.append(f"De andere weg: {escape(road)}")
                text.append(f"Bron: {escape(rule.citation)}")
                yield Static("\n".join(text), classes="verdict")
                for step in r.steps:
                    if v.rule in step.repeated:
                        when = f"stap {step.step}, {format_clock(step.time)}"
                        yield Static(
                            f"[b]✗ {rule.title}[/b] [{r.severities[v.rule]}] — {when}\n"
                            f"Opnieuw overtreden: {escape(step.chosen)} (fase {escape(step.fase)}). "
                            "De regel telt één keer mee in de score.",
                            classes="verdict",
                        )
            yield Static(f"✓ Gehouden ({len(kept)})", classes="section")
            for v in kept:
                rule = BY_ID[v.rule]
                yield Static(f"[b]✓ {rule.title}[/b]: {escape(v.evidence)}", classes="verdict")
            yield Static(
                f"– Niet van toepassing ({len(na)}): " + ", ".join(BY_ID[v.rule].title for v in na),
                classes="verdict",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
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
