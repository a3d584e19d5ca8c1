"""The debrief as plain sentences: what the debrief screen shows, for a screen reader.

The same parts as the screen (``simulator.tui.screens.debrief``): the verdict and the score,
the ending, the competencies, the course of the escalation step by step, every rule broken
with the reason, the protocol, the road not taken and the source, the rules kept and those
that did not apply. No bars, no curves, no marks: a number is written as a number ("80 van
100"), a step as a sentence. Each paragraph is one line; the terminal wraps it.
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring import BY_ID, Result, Status
from scoring.result import kernregel_text
from simulator.dutch import format_clock
from simulator.engine.trace import TraceEvent
from simulator.language.model import Ending, Scenario
from simulator.language.vocabulary import LEVELS


def road_not_taken(scenario: Scenario, fase_id: str | None) -> str | None:
    """What the model answer at this fase would have led to, in a sentence."""
    if fase_id is None or fase_id not in scenario.fasen:
        return None
    model = scenario.fasen[fase_id].model_choice
    if model is None:
        return None
    target = (
        model.route.branches[-1].target if len(model.route.branches) > 1 else model.route.targets[0]
    )
    if target in scenario.endings:
        return f"Met \u201c{model.text}\u201d was het verhaal hier geëindigd: {scenario.endings[target].title}."
    nxt = scenario.fasen[target]
    first = nxt.text.split(". ")[0].rstrip(".")
    return f"Met \u201c{model.text}\u201d was het zo verdergegaan: {first}."


def course_of_escalation(
    scenario: Scenario, trace: Sequence[TraceEvent], result: Result
) -> list[str]:
    """The escalation curve in words: one sentence per step."""
    broken = {v.step for v in result.verdicts if v.status is Status.VIOLATED and v.step is not None}
    broken |= {s.step for s in result.steps if s.broken}
    lines = []
    for ev in trace:
        if ev.is_decision and ev.fase and ev.step is not None:
            level = scenario.fasen[ev.fase].facts.level
            what = "de tijd liep af" if ev.kind == "timeout" else "u koos"
            rule = ", en een regel werd overtreden" if ev.step in broken else ""
            lines.append(f"Stap {ev.step}: niveau {level}, {LEVELS[level]}; {what}{rule}.")
    return lines or ["Er waren geen stappen."]


def debrief_text(
    scenario: Scenario,
    trace: Sequence[TraceEvent],
    result: Result,
    ending: Ending | None,
    *,
    stopped: bool = False,
) -> list[str]:
    """The debrief as lines (paragraphs), with a blank line between its parts."""
    verdict = "Geslaagd" if result.passed else "Niet geslaagd"
    out = [
        "Nabespreking.",
        f"{verdict}: score {result.score} van 100, de slaaggrens is {result.pass_mark}.",
    ]
    if result.critical:
        out.append("Er is een kritieke regel overtreden; dan slaagt u niet, wat de score ook is.")
    if result.failed_kernregels:
        out.append(kernregel_text(result.failed_kernregels))
    if ending is not None:
        out.append(f"Einde: {ending.title}. {ending.text}")
    elif stopped:
        out.append("U stopte voor het einde; beoordeeld is wat u tot dan deed.")
    out += ["", "Competenties:"]
    for name, value in result.competencies.items():
        out.append(f"{name}: {'niet van toepassing' if value is None else f'{value} van 100'}.")
    out += ["", "Verloop van de escalatie:", *course_of_escalation(scenario, trace, result)]
    violated = [v for v in result.verdicts if v.status is Status.VIOLATED]
    kept = [v for v in result.verdicts if v.status is Status.OK]
    na = [v for v in result.verdicts if v.status is Status.NA]
    out += ["", f"Overtreden regels: {len(violated)}."]
    for v in violated:
        rule = BY_ID[v.rule]
        when = f", stap {v.step}, na {format_clock(v.time or 0)}" if v.step is not None else ""
        out.append(f"Overtreden: {rule.title} ({result.severities[v.rule]}{when}). {v.evidence}")
        if v.expected:
            out.append(f"Het protocol: {v.expected}")
        road = road_not_taken(scenario, v.fase)
        if road and v.step is not None:
            out.append(f"De andere weg: {road}")
        out.append(f"Bron: {rule.citation}")
        for step in result.steps:
            if v.rule in step.repeated:
                out.append(
                    f"Opnieuw overtreden in stap {step.step}: {step.chosen}. De regel telt één "
                    "keer mee in de score."
                )
    out += ["", f"Gehouden regels: {len(kept)}."]
    out += [f"Gehouden: {BY_ID[v.rule].title}. {v.evidence}" for v in kept]
    if na:
        titles = ", ".join(BY_ID[v.rule].title for v in na)
        out += ["", f"Niet van toepassing: {titles}."]
    return out
