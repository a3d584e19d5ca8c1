"""A readable Dutch transcript of an attempt, for the command line."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from simulator.dutch import format_clock, format_duration
from simulator.engine.attempt import Attempt
from simulator.language.model import Catalogue, Fase, Scenario
from simulator.language.vocabulary import LEVELS

_WIDTH = 78


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(
        " ".join(text.split()), _WIDTH, initial_indent=indent, subsequent_indent=indent
    )


def describe_fase(scenario: Scenario, fase: Fase) -> list[str]:
    f = fase.facts
    bits = [f.location, f"niveau {f.level} ({LEVELS[f.level]})"]
    if f.disturbed:
        bits.append("orde verstoord")
    if f.pressure != "geen":
        bits.append(f"druk: {f.pressure}")
    if f.danger:
        bits.append("gevaar")
    lines = [_wrap(fase.text)]
    if fase.says:
        speaker = fase.speaker or scenario.visitor.name
        lines.append(_wrap(f'{speaker}: "{fase.says}"'))
    if f.instruction:
        lines.append(_wrap(f"Aanwijzing van de beveiliger: {f.instruction}"))
    return [f"    ({', '.join(bits)})", *lines]


def transcript(
    attempt: Attempt,
    catalogue: Catalogue,
    feedback: Callable[[int], list[str]] | None = None,
) -> str:
    """The attempt as text. ``feedback(step)`` gives lines to show right after a step
    (training mode); without it nothing is judged along the way (exam mode)."""
    sc = attempt.scenario
    out = [
        f"{sc.title}  [{sc.id}, zaad {attempt.seed}]",
        f"U speelt: {sc.role}. Bezoeker: {sc.visitor.name}.",
        "",
    ]
    for ev in attempt.trace:
        clock = format_clock(ev.t)
        if ev.kind in ("enter", "event") and ev.fase:
            fase = sc.fasen[ev.fase]
            out.append(f"[{clock}] {ev.fase}")
            out.extend(describe_fase(sc, fase))
        elif ev.kind == "clock" and ev.seconds:
            out.append(f"  … {format_duration(ev.seconds)} later")
        elif ev.kind == "choice" and ev.fase and ev.choice:
            choice = sc.fasen[ev.fase].choice(ev.choice)
            assert choice is not None
            label = catalogue[choice.intervention].label
            out.append(f"  {ev.step}. [{clock}] {label}:")
            out.append(_wrap(choice.text, "       "))
            if feedback is not None and ev.step is not None:
                out.extend(_wrap(line, "       ") for line in feedback(ev.step))
        elif ev.kind == "timeout":
            out.append(f"  {ev.step}. [{clock}] De tijd is om: u deed niets.")
            if feedback is not None and ev.step is not None:
                out.extend(_wrap(line, "       ") for line in feedback(ev.step))
        elif ev.kind == "end" and ev.ending:
            ending = sc.endings[ev.ending]
            out.append("")
            out.append(f"Einde: {ending.title} (uitkomst: {ending.outcome})")
            out.append(_wrap(ending.text))
    if not attempt.finished:
        out.append("")
        out.append(f"(Nog niet afgelopen: de poging staat in '{attempt.state}'.)")
    return "\n".join(out)
