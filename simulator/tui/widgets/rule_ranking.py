"""The rules the group breaks most, as bars with their numbers (never colour alone)."""

from __future__ import annotations

from rich.markup import escape

from simulator.reports.data import RuleCount
from simulator.tui.widgets.panel import Panel

_WIDTH = 20
TOP = 5


class RuleRanking(Panel):
    BORDER_TITLE = "Vaakst overtreden regels"

    def show(self, rules: tuple[RuleCount, ...]) -> None:
        if not rules:
            self.update("Nog geen overtreden regels (of nog geen afgeronde pogingen).")
            return
        lines = []
        for r in rules[:TOP]:
            filled = round(_WIDTH * r.percent / 100)
            bar = "█" * filled + "░" * (_WIDTH - filled)
            lines.append(
                f"{escape(r.title[:34]):<34} {bar} {r.count} van {r.attempts} pogingen ({r.percent:.0f}%)"
            )
        self.update("\n".join(lines))
