"""The split of a class vote: a bar per choice, with the number of votes (after a reveal)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape
from textual.widgets import Static

from simulator.store.class_results import Split

BAR = 20  # cells of the longest bar


def bar_lines(splits: Sequence[Split], width: int, *, texts: bool = True) -> str:
    """Markup, a line per choice: its number, a bar as long as its share of the votes, the
    count and the percentage; with ``texts`` the choice's words after it, cut to fit
    ``width`` cells."""
    total = sum(s.votes for s in splits)
    top = max((s.votes for s in splits), default=0)
    counts = [
        f"{s.votes} {'stem' if s.votes == 1 else 'stemmen'} "
        f"({round(100 * s.votes / total) if total else 0}%)"
        for s in splits
    ]
    count_width = max((len(c) for c in counts), default=0)
    lines: list[str] = []
    for s, count in zip(splits, counts, strict=True):
        cells = round(BAR * s.votes / top) if top else 0
        bar = "█" * cells + "·" * (BAR - cells)
        label = str(s.number) if s.number else "–"
        line = f"[b]{label}[/b] {bar} [b]{count:<{count_width}}[/b]"
        if texts:
            room = width - (2 + BAR + 1 + count_width + 2)
            if room >= 8:
                text = s.text if len(s.text) <= room else s.text[: room - 1].rstrip() + "…"
                line += f"  {escape(text)}"
        lines.append(line)
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
        width = self.content_region.width or self.app.size.width - 4
        self.update(bar_lines(splits, width, texts=texts))
