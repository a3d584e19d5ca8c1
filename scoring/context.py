"""What every rule reads: the attempt as a timeline of visits and decisions, with facts.

A rule never reads prose. It reads the facts of the fasen (escalation level, order
disturbed, pressure, ...) and the category and style of the chosen interventions.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from scoring.verdict import Status, Verdict
from simulator.dutch import format_clock
from simulator.engine.trace import TraceEvent
from simulator.language.model import Catalogue, Choice, Facts, Fase, Intervention, Profile, Scenario

WAIT = "wacht"  # the pseudo-category of letting the timer run out

SERVICE = frozenset({"inhoud", "hervatten"})
ACTIVE = frozenset(
    {
        "orde",
        "grens",
        "de-escalatie",
        "overdracht",
        "opvolgen",
        "ingrijpen",
        "wegsturen",
        "veiligheid",
        "ordegesprek",
        "opschorting-handhaven",
    }
)
# acting on the first unrest (vroeg-ingrijpen): every active response, the beveiliger's
# measures, and reporting it
ACTING_EARLY = ACTIVE | {
    "melden",
    "ordegesprek-plannen",
    "garantie",
    "opschorten",
    "toegangsbeperking",
    "staking",
}
CONSEQUENCES = frozenset({"toegangsbeperking", "staking", "opschorten", "opschorting-handhaven"})
# leaving it at that when the protocol asks for a next step (an ordegesprek, a report)
LETTING_GO = frozenset({"afronden", "overlaten"})
# what a forced apology is, whoever asks for it (DOD ch. 4.2)
MISUSE = frozenset({"ordegesprek-misbruik", "excuses-eisen"})
# what is said or done to the visitor in the moment (the style rule judges only these): not
# the protocol's measures (ordegesprek, garantie, toegangsbeperking, staking, ...), which are
# judged by their own rules, nor calls to colleagues
TOWARDS_VISITOR = frozenset(
    {"inhoud", "toegeven", "de-escalatie", "orde", "grens", "ingrijpen", "wegsturen", "fysiek"}
)
# setting a limit, or handing the order to security (DOD ch. 5: then staff "hoeven zich alleen
# nog te bekommeren om de orde in het eigen gesprek"): after it, in the same disturbance and
# as long as it does not rise, support for a frustrated visitor is right again
LIMITS = frozenset({"orde", "grens", "ingrijpen", "wegsturen", "overdracht"})
MEASURES = frozenset({"ordegesprek", "toegangsbeperking"})


def unrest(facts: Facts) -> bool:
    """A moment of trouble: unrest (niveau 1 to 3, or `onrust: ja`), disturbed order or
    pressure. Niveau 4 (ontspanning) alone is the calm after a crisis, not trouble."""
    return 1 <= facts.level <= 3 or facts.unrest or facts.disturbed or facts.pressure != "geen"


def suspended_at_start(scenario: Scenario) -> frozenset[str]:
    if scenario.prior_incident_hours is None:
        return frozenset()
    return frozenset({scenario.visitor.name})


def suspension_after(scenario: Scenario, suspended: frozenset[str], fase: Fase) -> frozenset[str]:
    """Whose service is suspended after entering ``fase``: an incident (or `opgeschort: ja`)
    suspends it for the visitor the fase is about, a signed guarantee lifts it (DOD ch. 4.2:
    "totdat het ordegesprek naar genoegen heeft plaatsgevonden")."""
    f = fase.facts
    who = scenario.visitor_of(f)
    if f.guarantee == "getekend":
        return suspended - {who}
    if f.incident or f.suspended:
        return suspended | {who}
    return suspended


@dataclass(frozen=True, slots=True)
class Visit:
    index: int  # position in the timeline
    t: float
    fase: Fase

    @property
    def facts(self) -> Facts:
        return self.fase.facts


@dataclass(frozen=True, slots=True)
class Decision:
    index: int
    step: int
    t: float
    fase: Fase
    choice: Choice | None  # None: the timer ran out
    intervention: Intervention | None

    @property
    def facts(self) -> Facts:
        return self.fase.facts

    @property
    def category(self) -> str:
        return self.intervention.category if self.intervention else WAIT

    @property
    def style(self) -> str:
        return self.intervention.style if self.intervention else "neutraal"

    @property
    def timed_out(self) -> bool:
        return self.choice is None

    def describe(self, *, inverted: bool = False) -> str:
        """'u koos "Label" ("what was said")', or that the time ran out. ``inverted`` gives the
        word order after a leading clause: 'daarna koos u ...'."""
        if self.choice is None or self.intervention is None:
            return (
                "deed u niets en liet u de tijd verlopen"
                if inverted
                else "u deed niets en liet de tijd verlopen"
            )
        what = f"'{self.intervention.label}' (\u201c{_short(self.choice.text)}\u201d)"
        return f"koos u {what}" if inverted else f"u koos {what}"

    def where(self) -> str:
        return f"stap {self.step}, {format_clock(self.t)}"


def _short(text: str, limit: int = 90) -> str:
    """The text on one line, cut after a whole word (never in a word) when it is longer."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


# How a violation's 'expected' names the model answer: the debrief shows the model answer in
# full and leaves this part out (simulator/reports/debrief.py).
MODEL_SAID = " Het modelantwoord was "


class Context:
    """The attempt as the rules see it. ``final`` is False while the attempt is under way:
    then obligations 'by the end' (report, aftercare, ...) are not judged yet."""

    def __init__(
        self,
        scenario: Scenario,
        trace: Sequence[TraceEvent],
        profile: Profile,
        catalogue: Catalogue,
        *,
        final: bool = True,
    ) -> None:
        self.scenario = scenario
        self.profile = profile
        self.catalogue = catalogue
        self.final = final
        self.role = scenario.role
        self.timeline: list[Visit | Decision] = []
        self.end_time = 0.0
        # reached an ending (not stopped halfway): only then can the story have left an
        # obligation out of reach; a trainee who stops still owes what was due
        self.ended = any(ev.kind == "end" for ev in trace)
        for ev in trace:
            self.end_time = max(self.end_time, ev.t)
            if ev.kind in ("enter", "event") and ev.fase in scenario.fasen:
                self.timeline.append(Visit(len(self.timeline), ev.t, scenario.fasen[ev.fase]))
            elif ev.kind in ("choice", "timeout") and ev.fase in scenario.fasen:
                fase = scenario.fasen[ev.fase]
                choice = fase.choice(ev.choice) if ev.choice else None
                if ev.kind == "choice" and choice is None:
                    raise ValueError(
                        f"de trace past niet bij het scenario: geen keuze '{ev.choice}' in '{ev.fase}'"
                    )
                intervention = catalogue.interventions.get(choice.intervention) if choice else None
                self.timeline.append(
                    Decision(len(self.timeline), ev.step or 0, ev.t, fase, choice, intervention)
                )
        self.decisions = [x for x in self.timeline if isinstance(x, Decision)]
        self.visits = [x for x in self.timeline if isinstance(x, Visit)]

    # --- helpers for rules ----------------------------------------------------------
    def initially_suspended(self) -> frozenset[str]:
        """The visitors whose service is suspended when the attempt starts: the scenario's
        visitor after an incident before it (voorgeschiedenis)."""
        return suspended_at_start(self.scenario)

    def suspension_after(self, suspended: frozenset[str], visit: Visit) -> frozenset[str]:
        return suspension_after(self.scenario, suspended, visit.fase)

    def decisions_after(self, index: int) -> Iterator[Decision]:
        for d in self.decisions:
            if d.index > index:
                yield d

    def first_incident(self) -> Visit | None:
        return next((v for v in self.visits if v.facts.incident), None)

    def offered_categories(self) -> set[str]:
        """The categories of every choice that was on offer at a decision."""
        out: set[str] = set()
        for d in self.decisions:
            for c in d.fase.choices:
                iv = self.catalogue.interventions.get(c.intervention)
                if iv is not None:
                    out.add(iv.category)
        return out

    def model_text(self, fase: Fase) -> str | None:
        m = fase.model_choice
        if m is None:
            return None
        iv = self.catalogue.interventions.get(m.intervention)
        label = iv.label if iv else m.intervention
        return f"'{label}' (\u201c{_short(m.text)}\u201d)"

    # --- verdict builders -----------------------------------------------------------
    def ok(self, rule: str, evidence: str, at: Decision | None = None) -> Verdict:
        evidence = _sentence(evidence)
        at = at or (self.decisions[-1] if self.decisions else None)
        return Verdict(
            rule,
            Status.OK,
            at.step if at else None,
            at.t if at else None,
            at.fase.id if at else None,
            evidence,
        )

    def violated(self, rule: str, at: Decision | None, evidence: str, expected: str) -> Verdict:
        evidence = _sentence(evidence)
        if at is None:  # decided at the end of the attempt
            last = self.decisions[-1] if self.decisions else None
            return Verdict(
                rule,
                Status.VIOLATED,
                last.step if last else None,
                self.end_time,
                last.fase.id if last else None,
                evidence,
                expected,
            )
        model = self.model_text(at.fase)
        if model and at.choice is not None and at.choice.model:
            model = None
        exp = f"{expected}{MODEL_SAID}{model}." if model else expected
        return Verdict(rule, Status.VIOLATED, at.step, at.t, at.fase.id, evidence, exp)

    @staticmethod
    def na(rule: str, evidence: str = "deze situatie deed zich niet voor") -> Verdict:
        return Verdict(rule, Status.NA, evidence=_sentence(evidence))


def _sentence(text: str) -> str:
    """Start with a capital and end with a full stop."""
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
