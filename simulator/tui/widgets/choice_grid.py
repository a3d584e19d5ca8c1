"""The numbered choices of a class session as a grid: the number in its own column, so
that a choice that wraps stays indented under its own text (easy to read on a projector)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from simulator.model import Choice


def choice_grid(choices: Sequence[Choice], mine: str | None = None) -> Table:
    """A row per choice: a mark for the reader's own vote (``mine``), the number, the text."""
    grid = Table.grid(padding=(0, 1), expand=True)
    if mine is not None:
        grid.add_column(width=1, no_wrap=True)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_column(ratio=1)
    for number, choice in enumerate(choices, start=1):
        own = choice.id == mine
        text = Text(choice.text)
        if own:
            text.append("  (uw stem)", style="bold")
        cells = [Text(str(number), style="bold"), text]
        grid.add_row(*([Text("▶" if own else "")] if mine is not None else []), *cells)
    return grid
