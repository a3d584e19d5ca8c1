"""The visitor's escalation level 0-4, as a meter with its name (never colour alone)."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from simulator.vocabulary import LEVELS


class EscalationMeter(Static):
    DEFAULT_CSS = """
    EscalationMeter {
        height: auto;
        padding: 0 1;
        border: round $primary-darken-1;
        border-title-color: $text-muted;
    }
    EscalationMeter.-high { border: round $error; }
    """

    level: reactive[int] = reactive(0)

    def on_mount(self) -> None:
        self.border_title = "Escalatie"

    def watch_level(self, level: int) -> None:
        blocks = "█" * (level + 1) + "░" * (4 - level)
        self.update(f"{blocks} {level}: {LEVELS[level]}")
        self.set_class(level >= 2, "-high")
