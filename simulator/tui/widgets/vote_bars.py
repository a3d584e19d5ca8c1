"""The split of a class vote: a bar per choice, with the number of votes (after a reveal)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from simulator.class_results import Split

BAR = 20  # cells of the longest bar


def bar_grid(splits: Sequence[Split], *, width: int = BAR, texts: bool = True) -> Table:
    """A line per choice: its number, a bar as long as its share of the votes, the count and
    the percentage; with ``texts`` the choice's words after it, cut to fit."""
    total = sum(s.votes for s in splits)
    top = max((s.votes for s in splits), default=0)
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, justify="right")
    if texts:
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    for s in splits:
        cells = round(width * s.votes / top) if top else 0
        share = f"{round(100 * s.votes / total)}%" if total else "0%"
        votes = "stem" if s.votes == 1 else "stemmen"
        row = [
            Text(str(s.number) if s.number else "–", style="bold"),
            Text("█" * cells + "·" * (width - cells)),
            Text(f"{s.votes} {votes} ({share})", style="bold"),
        ]
        if texts:
            row.append(Text(s.text))
        grid.add_row(*row)
    return grid


class VoteBars(Static):
    DEFAULT_CSS = """
    VoteBars {
        height: auto;
        padding: 0 1;
        border: round $accent;
        border-title-color: $text;
    }
    """

    def on_mount(self) -> None:
        self.border_title = "De stemming"

    def show(self, splits: Sequence[Split], *, texts: bool = True) -> None:
        total = sum(s.votes for s in splits)
        self.border_title = f"De stemming: {total} {'stem' if total == 1 else 'stemmen'}"
        self.update(bar_grid(splits, texts=texts))
