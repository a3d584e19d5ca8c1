"""The rules the group breaks most, as bars with their numbers (never colour alone)."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static

from simulator.reports.data import RuleCount

_WIDTH = 20
TOP = 5


class RuleRanking(Static):
    DEFAULT_CSS = """
    RuleRanking {
        height: auto;
        padding: 0 1;
        border: round $primary-darken-1;
        border-title-color: $text-muted;
    }
    """

    def on_mount(self) -> None:
        self.border_title = "Vaakst overtreden regels"

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
