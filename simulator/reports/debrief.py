"""The debrief as data: what a trainee should take away from one attempt, in teaching order.

First the verdict and the one or two main lessons (the scenario's kernregels that were
broken, else the heaviest rules broken); then every step that went wrong as a short card:
what was happening, what you did, which rules that broke and why (with the source), what the
model answer would have done, and how the visitor would then have reacted, in the scenario's
own words. What went right and what did not apply comes last. The screen (and any other
writer) only lays this out; nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring import BY_ID, Result, Status
from scoring.context import MODEL_SAID
from simulator.engine.trace import TraceEvent
from simulator.language.model import Choice, Fase, Scenario
from simulator.language.speech import is_speech
from simulator.language.vocabulary import SEVERITIES
from simulator.reports.shorten import first_sentence, sentences_within

MAX_LESSONS = 2
NOTHING_DONE = "U deed niets: de tijd liep af."
THEN_LENGTH = 200  # characters of what happens next, in whole sentences, before what is said


def told(text: str) -> str:
    """A choice as the debrief tells it: 'U zei: …' for words, the act itself for an act."""
    text = " ".join(text.split())
    return f"U zei: {text}" if is_speech(text) else text


@dataclass(frozen=True, slots=True)
class RuleNote:
    """A rule broken: its title, how heavy, what the protocol asks, and where that is written."""

    rule: str
    title: str
    severity: str
    asks: str  # what the protocol expected there, or what the rule says
    citation: str
    first_step: int | None = None  # broken at this earlier step first: counted once there
    evidence: str = ""  # for a rule broken by the end (no step): what was missing


@dataclass(frozen=True, slots=True)
class Road:
    """The model answer at a step and what would have followed it."""

    choice: str  # the model answer, in the scenario's words
    why: str | None  # the first sentence of the author's feedback on the model answer
    then: str  # how the story goes on: the next fase's start and what is said, or the ending
    ends: bool  # the model answer ends the story there


@dataclass(frozen=True, slots=True)
class StepCard:
    step: int
    time: float
    fase: str
    situation: str  # what was said just before (or the fase's text when nothing is said)
    did: str  # what the trainee did, in full ('U zei: …' or the act)
    why: str | None  # the author's feedback on that choice (else what the rules saw)
    rules: tuple[RuleNote, ...]
    road: Road | None  # None: no model answer here, or it was the one chosen
    same_road_as: int | None = None  # the road is that of this earlier step: not repeated


@dataclass(frozen=True, slots=True)
class Lesson:
    rule: str
    title: str
    explanation: str
    kernregel: bool


@dataclass(frozen=True, slots=True)
class Debrief:
    passed: bool
    score: int
    pass_mark: int
    reasons: tuple[str, ...]  # why it did not pass, besides the score
    lessons: tuple[Lesson, ...]
    kept_kernregels: tuple[str, ...]  # titles: main lessons of the scenario that were kept
    ending: str | None
    cards: tuple[StepCard, ...]
    after: tuple[RuleNote, ...]  # rules broken by the end rather than at a step
    kept: tuple[tuple[str, str], ...]  # (title, evidence) of every rule kept
    not_applicable: tuple[str, ...]  # titles

    @property
    def verdict(self) -> str:
        return "GESLAAGD" if self.passed else "NIET GESLAAGD"


def _what_is_said(scenario: Scenario, fase: Fase) -> str | None:
    if not fase.says:
        return None
    return f"{fase.speaker or scenario.visitor_of(fase.facts)}: \u201c{fase.says}\u201d"


def situation(scenario: Scenario, fase: Fase) -> str:
    """What the trainee was answering: what was said, else what happened."""
    return _what_is_said(scenario, fase) or " ".join(fase.text.split())


def _asks(expected: str | None, rule: str) -> str:
    """What the protocol asks, without the model answer (the card shows that in full)."""
    if expected:
        return expected.split(MODEL_SAID, 1)[0].strip()
    return BY_ID[rule].explanation


def road(scenario: Scenario, fase: Fase) -> Road | None:
    """The model answer of ``fase`` and where it leads: the way the story goes on when no
    condition is met (the last way of the route), in the scenario's own words."""
    model = fase.model_choice
    if model is None:
        return None
    why = first_sentence(model.feedback) if model.feedback else None
    target = model.route.branches[-1].target
    if target in scenario.endings:
        ending = scenario.endings[target]
        then = f"het verhaal eindigt: {ending.title}. {sentences_within(ending.text, THEN_LENGTH)}"
        return Road(" ".join(model.text.split()), why, then, ends=True)
    nxt = scenario.fasen[target]
    parts = [sentences_within(nxt.text, THEN_LENGTH)]
    said = _what_is_said(scenario, nxt)
    if said:
        parts.append(said)
    return Road(" ".join(model.text.split()), why, " ".join(parts), ends=False)


def _choice_of(scenario: Scenario, event: TraceEvent) -> tuple[Fase, Choice | None]:
    fase = scenario.fasen[event.fase or ""]
    return fase, fase.choice(event.choice) if event.choice else None


def _lessons(scenario: Scenario, result: Result) -> tuple[Lesson, ...]:
    """The one or two main lessons: the kernregels broken; else the heaviest rules broken."""
    violated = [v.rule for v in result.violations]
    if result.failed_kernregels:
        chosen = list(result.failed_kernregels)
    else:
        rank = {severity: i for i, severity in enumerate(SEVERITIES)}
        chosen = sorted(violated, key=lambda r: rank.get(result.severities.get(r, ""), 99))
    return tuple(
        Lesson(r, BY_ID[r].title, BY_ID[r].explanation, r in scenario.kernregels)
        for r in chosen[:MAX_LESSONS]
    )


def build_debrief(
    scenario: Scenario, trace: Sequence[TraceEvent], result: Result, *, stopped: bool = False
) -> Debrief:
    """The debrief of an attempt at ``scenario`` (``stopped``: ended before an ending)."""
    verdicts = {v.rule: v for v in result.verdicts}
    decisions = {ev.step: ev for ev in trace if ev.is_decision and ev.step is not None}
    evidence = {  # what the rules saw at a step: the 'why' where the author wrote none
        v.step: v.evidence for v in result.violations if v.step is not None and v.evidence
    }
    first: dict[str, int] = {}  # rule -> the step that broke it first
    for step in result.steps:
        for rule in step.broken:
            first.setdefault(rule, step.step)
    cards: list[StepCard] = []
    roads: dict[str, int] = {}  # fase -> the step whose card shows its road
    for step in result.steps:
        if not step.broken:
            continue
        event = decisions.get(step.step)
        if event is None or event.fase not in scenario.fasen:
            continue
        fase, choice = _choice_of(scenario, event)
        notes = []
        for rule in step.broken:
            v = verdicts.get(rule)
            here = v is not None and v.step == step.step and v.status is Status.VIOLATED
            notes.append(
                RuleNote(
                    rule=rule,
                    title=BY_ID[rule].title,
                    severity=result.severities.get(rule, BY_ID[rule].severity),
                    asks=_asks(v.expected if here and v else None, rule),
                    citation=BY_ID[rule].citation,
                    first_step=first.get(rule) if rule in step.repeated else None,
                )
            )
        way = None if step.was_model else road(scenario, fase)
        same = roads.get(fase.id) if way is not None else None
        if way is not None and same is None:
            roads[fase.id] = step.step
        cards.append(
            StepCard(
                step=step.step,
                time=step.time,
                fase=fase.id,
                situation=situation(scenario, fase),
                did=told(choice.text) if choice is not None else NOTHING_DONE,
                why=(choice.feedback if choice is not None else None) or evidence.get(step.step),
                rules=tuple(notes),
                road=way,
                same_road_as=same,
            )
        )
    after = tuple(
        RuleNote(
            rule=v.rule,
            title=BY_ID[v.rule].title,
            severity=result.severities.get(v.rule, BY_ID[v.rule].severity),
            asks=_asks(v.expected, v.rule),
            citation=BY_ID[v.rule].citation,
            evidence=v.evidence,
        )
        for v in result.violations
        if v.step is None
    )
    reasons: list[str] = []
    if any(v.rule not in result.failed_kernregels for v in result.critical):
        reasons.append(
            "Er is een kritieke regel overtreden; dan slaagt u niet, wat de score ook is."
        )
    if result.failed_kernregels:
        word = "een kernregel" if len(result.failed_kernregels) == 1 else "kernregels"
        reasons.append(f"U overtrad {word} van dit scenario; dan slaagt u niet.")
    if stopped:
        reasons.append("U stopte voor het einde; beoordeeld is wat u tot dan deed.")
    end = next((ev.ending for ev in reversed(trace) if ev.kind == "end"), None)
    ending = scenario.endings.get(end) if end else None
    return Debrief(
        passed=result.passed,
        score=result.score,
        pass_mark=result.pass_mark,
        reasons=tuple(reasons),
        lessons=_lessons(scenario, result),
        kept_kernregels=tuple(
            BY_ID[r].title for r in scenario.kernregels if r not in result.failed_kernregels
        ),
        ending=f"{ending.title}. {' '.join(ending.text.split())}" if ending else None,
        cards=tuple(cards),
        after=after,
        kept=tuple(
            (BY_ID[v.rule].title, v.evidence) for v in result.verdicts if v.status is Status.OK
        ),
        not_applicable=tuple(BY_ID[v.rule].title for v in result.verdicts if v.status is Status.NA),
    )
