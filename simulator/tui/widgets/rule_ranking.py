"""The rules the group breaks most, as bars with their numbers (never colour alone)."""

from __future__ import annotations

from rich.markup import escape
from textual.events import Resize

from simulator.dutch import plural
from simulator.language.screen_fit import meter
from simulator.reports.data import RuleCount
from simulator.reports.shorten import shorten
from simulator.tui.widgets.panel import Panel

WIDTH = 20
TITLE = 34
TOP = 5


def ranking_line(r: RuleCount, width: int = 100) -> str:
    """A rule, its bar and its numbers on one line of ``width`` cells: the bar and the title
    give way at a narrow width, the numbers never."""
    attempts = plural(r.attempts, "poging", "pogingen")
    numbers = f"{r.count} van {attempts} ({r.percent:.0f}%)"
    bar_width = WIDTH if width >= 90 else 10
    title_width = max(12, min(TITLE, width - bar_width - len(numbers) - 2))
    bar = meter(round(bar_width * r.percent / 100), bar_width)
    title = escape(shorten(r.title, title_width))
    return f"{title:<{title_width}} {bar} {numbers}"


class RuleRanking(Panel):
    BORDER_TITLE = "Vaakst overtreden regels"

    _rules: tuple[RuleCount, ...] = ()

    def on_resize(self, event: Resize) -> None:
        self._draw()

    def show(self, rules: tuple[RuleCount, ...]) -> None:
        self._rules = rules
        self._draw()

    def _draw(self) -> None:
        if not self._rules:
            self.update("Nog geen overtreden regels (of nog geen afgeronde pogingen).")
            return
        width = self.content_region.width or 100
        self.update("\n".join(ranking_line(r, width) for r in self._rules[:TOP]))
