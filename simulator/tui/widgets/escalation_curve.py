"""The timeline of an attempt: the escalation level at each step, your interventions on it,
and where a rule was broken (✗) — drawn in text, readable in any theme.

The rows stand for tension, as the escalation meter does: rust at the bottom, controleverlies
at the top, and ontspanning (4, the tension draining away after the peak) just above rust,
never above the peak. Each row is labelled with its level's number and name. A long attempt
is drawn in several bands, so that no step is ever cut off at the edge.
"""

from __future__ import annotations

from textual.events import Resize
from textual.widgets import Static

from scoring import Result, Status
from simulator.engine.trace import TraceEvent
from simulator.language.model import Scenario
from simulator.language.vocabulary import LEVELS, LEVELS_BY_TENSION

LEGEND = "● keuze   ○ tijd verlopen   ✗ regel overtreden"
Step = tuple[int, int, str]  # (step, level, mark)


def curve_steps(scenario: Scenario, trace: list[TraceEvent], result: Result) -> list[Step]:
    broken = {v.step for v in result.verdicts if v.status is Status.VIOLATED and v.step is not None}
    broken |= {s.step for s in result.steps if s.broken}  # also a rule broken again
    steps: list[Step] = []
    for ev in trace:
        if ev.is_decision and ev.fase and ev.step is not None:
            level = scenario.fasen[ev.fase].facts.level
            mark = "✗" if ev.step in broken else ("○" if ev.kind == "timeout" else "●")
            steps.append((ev.step, level, mark))
    return steps


def label(level: int) -> str:
    return f"{level} {LEVELS[level]}"


def curve_lines(steps: list[Step], width: int) -> list[str]:
    """The chart in lines of at most ``width`` cells: a band of steps per width."""
    if not steps:
        return ["(geen stappen)"]
    label_width = max(len(label(level)) for level in LEVELS)
    room = max(1, width - label_width - 2)
    cell = 3 if room // 3 >= min(len(steps), 12) else 2 if room // 2 >= min(len(steps), 12) else 1
    per_band = max(1, room // cell)
    lines: list[str] = []
    for start in range(0, len(steps), per_band):
        band = steps[start : start + per_band]
        if lines:
            lines.append("")
        for level in reversed(LEVELS_BY_TENSION):
            cells = "".join((mark if lvl == level else "·").center(cell) for _, lvl, mark in band)
            lines.append(f"{label(level):>{label_width}} │{cells}")
        lines.append(f"{'':>{label_width}} └" + "─" * (cell * len(band)))
        numbers = "".join(str(step)[-cell:].center(cell) for step, _, _ in band)
        lines.append(f"{'stap':>{label_width}}  {numbers}")
    lines.append(LEGEND)
    return lines


class EscalationCurve(Static):
    DEFAULT_CSS = """
    EscalationCurve {
        height: auto;
        padding: 0 1;
    }
    """

    _steps: list[Step] = []
    _width = 0

    def show(self, scenario: Scenario, trace: list[TraceEvent], result: Result) -> None:
        self._steps = curve_steps(scenario, trace, result)
        self._draw()

    def on_resize(self, event: Resize) -> None:
        if self.content_region.width != self._width:
            self._draw()

    def _draw(self) -> None:
        self._width = self.content_region.width
        self.update("\n".join(curve_lines(self._steps, self._width or 76)))
