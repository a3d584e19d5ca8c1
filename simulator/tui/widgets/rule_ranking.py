"""The rules the group breaks most, as bars with their numbers (never colour alone)."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static

from simulator.language.screen_fit import meter
from simulator.reports.data import RuleCount
from simulator.reports.dutch import plural
from simulator.reports.shorten import shorten

WIDTH = 20
TITLE = 34
TOP = 5


def ranking_line(r: RuleCount) -> str:
    bar = meter(round(WIDTH * r.percent / 100), WIDTH)
    attempts = plural(r.attempts, "poging", "pogingen")
    title = escape(shorten(r.title, TITLE))
    return f"{title:<{TITLE}} {bar} {r.count} van {attempts} ({r.percent:.0f}%)"


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
        self.update("\n".join(ranking_line(r) for r in rules[:TOP]))
