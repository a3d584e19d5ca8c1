"""Competency scores as bars with their number (never colour alone)."""

from __future__ import annotations

from simulator.tui.widgets.panel import Panel

_WIDTH = 20


class CompetencyBars(Panel):
    BORDER_TITLE = "Competenties"

    def show(self, competencies: dict[str, int | None]) -> None:
        lines = []
        for name, value in competencies.items():
            if value is None:
                lines.append(f"{name:<20} {'·' * _WIDTH}  n.v.t.")
            else:
                filled = round(_WIDTH * value / 100)
                lines.append(f"{name:<20} {'█' * filled}{'░' * (_WIDTH - filled)}  {value:>3}")
        self.update("\n".join(lines))
