"""From verdicts to a result: score, pass, competencies, feedback per step."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from scoring.breaks import Break, acts, step_breaks
from scoring.context import Context
from scoring.registry import BY_ID as BY_RULE
from scoring.registry import RULES
from scoring.rules.citations import COMPETENCIES
from scoring.verdict import Rule, Status, Verdict
from simulator.engine.trace import TraceEvent
from simulator.language.model import Catalogue, Profile, Scenario


@dataclass(frozen=True, slots=True)
class StepFeedback:
    """What a trainee sees about one step: their choice, the model answer, and why."""

    step: int
    time: float
    fase: str
    chosen: str
    model: str | None
    was_model: bool
    feedback: str | None
    verdicts: tuple[Verdict, ...]
    broken: tuple[str, ...] = ()  # every rule this step broke, also one broken before
    repeated: tuple[str, ...] = ()  # of those, the rules an earlier step had broken already

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "time": self.time,
            "fase": self.fase,
            "chosen": self.chosen,
            "model": self.model,
            "was_model": self.was_model,
            "feedback": self.feedback,
            "verdicts": [{"rule": v.rule, "status": v.status.value} for v in self.verdicts],
            "broken": list(self.broken),
            "repeated": list(self.repeated),
        }


@dataclass(frozen=True, slots=True)
class Result:
    scenario: str
    profile: str
    score: int
    passed: bool
    pass_mark: int
    competencies: dict[str, int | None]
    verdicts: tuple[Verdict, ...]
    steps: tuple[StepFeedback, ...] = field(default=())
    severities: dict[str, str] = field(default_factory=dict)
    failed_kernregels: tuple[str, ...] = ()  # main lessons of the scenario that were broken

    @property
    def violations(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.status is Status.VIOLATED]

    @property
    def critical(self) -> list[Verdict]:
        return [v for v in self.violations if self.severities.get(v.rule) == "kritiek"]

    def verdict(self, rule: str) -> Verdict:
        return next(v for v in self.verdicts if v.rule == rule)

    def to_json(self) -> dict[str, Any]:
        rules = {r.id: r for r in RULES}
        return {
            "scenario": self.scenario,
            "profile": self.profile,
            "score": self.score,
            "passed": self.passed,
            "pass_mark": self.pass_mark,
            "competencies": self.competencies,
            "verdicts": [
                {
                    **v.to_json(),
                    "title": rules[v.rule].title,
                    "severity": self.severities[v.rule],
                    "competency": rules[v.rule].competency,
                    "citation": rules[v.rule].citation,
                }
                for v in self.verdicts
            ],
            "steps": [s.to_json() for s in self.steps],
            "failed_kernregels": list(self.failed_kernregels),
        }


def kernregel_text(rules: Sequence[str]) -> str:
    """Why an attempt that broke these kernregels did not pass, in Dutch ('' for none)."""
    if not rules:
        return ""
    titles = [BY_RULE[r].title for r in rules]
    if len(titles) == 1:
        return f"Niet geslaagd: u overtrad een kernregel van dit scenario: {titles[0]}."
    listed = ", ".join(titles[:-1]) + f" en {titles[-1]}"
    return f"Niet geslaagd: u overtrad kernregels van dit scenario: {listed}."


def severity_of(rule: Rule, profile: Profile) -> str:
    return profile.severity_overrides.get(rule.id, rule.severity)


def severities_for(profile: Profile) -> dict[str, str]:
    return {r.id: severity_of(r, profile) for r in RULES}


def tally(
    violated: Iterable[str],
    profile: Profile,
    acts: dict[int, tuple[str, ...]] | None = None,
    kernregels: Iterable[str] = (),
) -> tuple[int, bool]:
    """The score and pass of an attempt that broke these rules. Each rule counts once; the
    rules one step broke first (``acts``: step -> rules) cost together what the heaviest of
    them costs. A critical rule or a kernregel broken fails the attempt whatever the score."""
    severities = severities_for(profile)
    broken = set(violated)
    cost = {r: profile.deductions.get(severities[r], 0) for r in broken}
    lost = 0
    for rules in (acts or {}).values():
        together = [cost.pop(r) for r in rules if r in cost]
        lost += max(together, default=0)
    lost += sum(cost.values())
    value = max(0, 100 - lost)
    failed = any(severities[r] == "kritiek" for r in broken) or bool(broken & set(kernregels))
    return value, value >= profile.pass_mark and not failed


def judge(ctx: Context) -> tuple[Verdict, ...]:
    return tuple(rule.check(ctx) for rule in RULES)


def step_feedback(
    ctx: Context, verdicts: Sequence[Verdict], breaks: Sequence[Break] = ()
) -> tuple[StepFeedback, ...]:
    out: list[StepFeedback] = []
    for d in ctx.decisions:
        if d.choice is not None and d.intervention is not None:
            chosen = f"{d.intervention.label}: \u201c{d.choice.text}\u201d"
        else:
            chosen = "Niets: de tijd liep af."
        here = [b for b in breaks if b.step == d.step]
        out.append(
            StepFeedback(
                step=d.step,
                time=d.t,
                fase=d.fase.id,
                chosen=chosen,
                model=ctx.model_text(d.fase),
                was_model=d.choice is not None and d.choice.model,
                feedback=d.choice.feedback if d.choice is not None else None,
                verdicts=tuple(
                    v for v in verdicts if v.step == d.step and v.status is not Status.NA
                ),
                broken=tuple(b.rule for b in here),
                repeated=tuple(b.rule for b in here if not b.first),
            )
        )
    return tuple(out)


def score(
    scenario: Scenario,
    trace: Sequence[TraceEvent],
    profile: Profile,
    catalogue: Catalogue,
    *,
    final: bool = True,
) -> Result:
    """Judge an attempt against every rule of the protocol."""
    ctx = Context(scenario, trace, profile, catalogue, final=final)
    verdicts = judge(ctx)
    breaks = step_breaks(scenario, trace, profile, catalogue)
    severities = severities_for(profile)
    cost = {r.id: profile.deductions.get(severities[r.id], 0) for r in RULES}
    per_comp: dict[str, list[int]] = {
        c: [0, 0] for c in COMPETENCIES
    }  # [points lost, rules applied]
    for rule, v in zip(RULES, verdicts, strict=True):
        if v.status is Status.NA:
            continue
        per_comp[rule.competency][1] += 1
        if v.status is Status.VIOLATED:
            per_comp[rule.competency][0] += cost[rule.id]
    violated = [v.rule for v in verdicts if v.status is Status.VIOLATED]
    value, passed = tally(violated, profile, acts(breaks), scenario.kernregels)
    competencies = {
        c: (max(0, 100 - lost_c) if applied else None) for c, (lost_c, applied) in per_comp.items()
    }
    return Result(
        scenario=scenario.id,
        profile=profile.id,
        score=value,
        passed=passed,
        pass_mark=profile.pass_mark,
        competencies=competencies,
        verdicts=verdicts,
        steps=step_feedback(ctx, verdicts, breaks),
        severities=severities,
        failed_kernregels=tuple(r for r in scenario.kernregels if r in violated),
    )


def feedback_after(
    scenario: Scenario, trace: Sequence[TraceEvent], profile: Profile, catalogue: Catalogue
) -> StepFeedback | None:
    """Training mode: the feedback on the most recent step, judged on what happened so far."""
    result = score(scenario, trace, profile, catalogue, final=False)
    return result.steps[-1] if result.steps else None
