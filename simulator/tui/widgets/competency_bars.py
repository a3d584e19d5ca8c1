"""Competency scores as bars on a fixed 0-100 scale, with their number (never colour alone).

The bars are solid blocks on a thin track ('████▁▁▁▁'), not blocks beside shading: the
browser's terminal draws shading as dots, so a bar looked like two different things there.
"""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import Static

from simulator.language.screen_fit import meter

WIDTH = 20


def bar_line(name: str, value: int | None, name_width: int = 20) -> str:
    if value is None:
        return f"{escape(name):<{name_width}} {' ' * WIDTH}  n.v.t."
    return f"{escape(name):<{name_width}} {meter(round(WIDTH * value / 100), WIDTH)}  {value:>3}"


class CompetencyBars(Static):
    DEFAULT_CSS = """
    CompetencyBars {
        height: auto;
        padding: 0 1;
    }
    """

    def show(self, competencies: dict[str, int | None]) -> None:
        lines = [f"{'':<20} 0{' ' * (WIDTH - 4)}100"]
        lines += [bar_line(name, value) for name, value in competencies.items()]
        self.update("\n".join(lines))
