"""Competency scores as bars with their number (never colour alone)."""

from __future__ import annotations

from textual.widgets import Static

_WIDTH = 20


class CompetencyBars(Static):
    DEFAULT_CSS = """
    CompetencyBars {
        height: auto;
        padding: 0 1;
        border: round $primary-darken-1;
        border-title-color: $text-muted;
    }
    """

    def on_mount(self) -> None:
        self.border_title = "Competenties"

    def show(self, competencies: dict[str, int | None]) -> None:
        lines = []
        for name, value in competencies.items():
            if value is None:
                lines.append(f"{name:<20} {'·' * _WIDTH}  n.v.t.")
            else:
                filled = round(_WIDTH * value / 100)
                lines.append(f"{name:<20} {'█' * filled}{'░' * (_WIDTH - filled)}  {value:>3}")
        self.update("\n".join(lines))
