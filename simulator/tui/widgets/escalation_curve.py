"""The timeline of an attempt: the escalation level at each step, your interventions on it,
and where a rule was broken (✗) — drawn in text, readable in any theme."""

from __future__ import annotations

from scoring import Result, Status
from simulator.engine.trace import TraceEvent
from simulator.language.model import Scenario
from simulator.tui.widgets.panel import Panel


def curve_lines(scenario: Scenario, trace: list[TraceEvent], result: Result) -> list[str]:
    steps: list[tuple[int, int, str]] = []  # (step, level, mark)
    broken = {v.step for v in result.verdicts if v.status is Status.VIOLATED and v.step is not None}
    broken |= {s.step for s in result.steps if s.broken}  # also a rule broken again
    for ev in trace:
        if ev.is_decision and ev.fase and ev.step is not None:
            level = scenario.fasen[ev.fase].facts.level
            mark = "✗" if ev.step in broken else ("○" if ev.kind == "timeout" else "●")
            steps.append((ev.step, level, mark))
    if not steps:
        return ["(geen stappen)"]
    rows = []
    for level in range(4, -1, -1):
        cells = "".join(f" {mark} " if lvl == level else " · " for _, lvl, mark in steps)
        rows.append(f"{level} │{cells}")
    rows.append("  └" + "───" * len(steps))
    rows.append("   " + "".join(f"{step:^3}" for step, _, _ in steps))
    rows.append("niveau per stap   ● keuze   ○ tijd verlopen   ✗ regel overtreden")
    return rows


class EscalationCurve(Panel):
    BORDER_TITLE = "Verloop"

    def show(self, scenario: Scenario, trace: list[TraceEvent], result: Result) -> None:
        self.update("\n".join(curve_lines(scenario, trace, result)))
