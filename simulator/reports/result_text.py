"""A result as plain Dutch text, for the command line."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from scoring import BY_ID, Result, Status, feedback_after
from scoring.result import kernregel_text
from simulator.dutch import format_clock
from simulator.engine.trace import TraceEvent
from simulator.language.model import Catalogue, Profile, Scenario

_MARK = {Status.OK: "✓ gehouden", Status.VIOLATED: "✗ overtreden", Status.NA: "– n.v.t."}


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(
        " ".join(text.split()), 78, initial_indent=indent, subsequent_indent=indent
    )


def result_text(result: Result, *, finished: bool = True) -> str:
    head = "GESLAAGD" if result.passed else "NIET GESLAAGD"
    lines = [
        f"Score: {result.score}/100 — {head} (slaaggrens {result.pass_mark}, profiel {result.profile})"
    ]
    if not finished:
        lines.append(
            "(De poging is nog niet afgelopen; verplichtingen 'na afloop' zijn nog niet beoordeeld.)"
        )
    if result.critical:
        lines.append("Een kritieke regel is overtreden: dan slaagt u nooit, wat de score ook is.")
    if result.failed_kernregels:
        lines.append(kernregel_text(result.failed_kernregels))
    lines.append("")
    lines.append("Competenties:")
    for name, value in result.competencies.items():
        shown = "n.v.t." if value is None else f"{value:>3}"
        lines.append(f"  {name:<22} {shown}")
    lines.append("")
    lines.append("Regels:")
    for v in result.verdicts:
        rule = BY_ID[v.rule]
        where = (
            f" (stap {v.step}, {format_clock(v.time or 0)})"
            if v.step is not None and v.status is Status.VIOLATED
            else ""
        )
        lines.append(f"  {_MARK[v.status]:<13} {rule.title} [{result.severities[v.rule]}]{where}")
        if v.status is Status.VIOLATED:
            lines.append(_wrap(v.evidence, "      "))
            if v.expected:
                lines.append(_wrap(f"Het protocol: {v.expected}", "      "))
            lines.append(_wrap(f"Bron: {rule.citation}", "      "))
            for step in result.steps:
                if v.rule in step.repeated:
                    again = f"Opnieuw overtreden in stap {step.step} ({format_clock(step.time)}): {step.chosen}"
                    lines.append(_wrap(again, "      "))
    return "\n".join(lines)


def step_feedback_lines(
    scenario: Scenario, trace: Sequence[TraceEvent], profile: Profile, catalogue: Catalogue
) -> Callable[[int], list[str]]:
    """Training mode: for each step, what a trainee sees right after it, judged only on what
    had happened up to then."""

    def lines(step: int) -> list[str]:
        end = next(i for i, e in enumerate(trace) if e.is_decision and e.step == step)
        fb = feedback_after(scenario, trace[: end + 1], profile, catalogue)
        if fb is None:
            return []
        out: list[str] = []
        if fb.feedback:
            out.append(f"→ {fb.feedback}")
        for v in fb.verdicts:
            if v.status is Status.VIOLATED:
                out.append(f"✗ {BY_ID[v.rule].title}: {v.evidence}")
        for rule in fb.repeated:
            out.append(f"✗ {BY_ID[rule].title}: opnieuw overtreden.")
        if not fb.was_model and fb.model and not fb.feedback:
            out.append(f"Het modelantwoord was {fb.model}.")
        return out

    return lines
