"""The split of a class vote: a bar per choice, with the number of votes (after a reveal)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape
from textual.widgets import Static

from simulator.class_results import Split

BAR = 24  # cells of the longest bar


def bar_text(splits: Sequence[Split], *, width: int = BAR, texts: bool = True) -> str:
    """A line per choice: its number, a bar as long as its share of the votes, the count and
    the percentage; with ``texts`` the choice's words under it."""
    total = sum(s.votes for s in splits)
    top = max((s.votes for s in splits), default=0)
    lines: list[str] = []
    for s in splits:
        cells = round(width * s.votes / top) if top else 0
        bar = "█" * cells + "·" * (width - cells)
        share = f"{round(100 * s.votes / total)}%" if total else "0%"
        label = str(s.number) if s.number else "–"
        votes = "stem" if s.votes == 1 else "stemmen"
        lines.append(f"[b]{label}[/b] {bar} [b]{s.votes}[/b] {votes} ({share})")
        if texts:
            lines.append(f"   {escape(s.text)}")
    return "\n".join(lines)


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
        width = (
            max(8, min(BAR, self.content_region.width - 22)) if self.content_region.width else BAR
        )
        self.update(bar_text(splits, width=width, texts=texts))
