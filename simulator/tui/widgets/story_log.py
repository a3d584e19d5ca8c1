"""The running story: what happens, what the visitor says, what you did, and feedback."""

from __future__ import annotations

from rich.markup import escape
from textual.containers import VerticalScroll
from textual.widgets import Static


class StoryLog(VerticalScroll):
    DEFAULT_CSS = """
    StoryLog {
        border: round $primary-darken-1;
        border-title-color: $text-muted;
        padding: 0 1;
        scrollbar-size-vertical: 1;
    }
    StoryLog > .narration { margin-top: 1; }
    StoryLog > .speech { padding-left: 2; text-style: bold; }
    StoryLog > .own { padding-left: 2; color: $text-accent; }
    StoryLog > .feedback { padding-left: 4; color: $text-muted; }
    StoryLog > .violation { padding-left: 4; color: $text-error; }
    StoryLog > .clock { color: $text-muted; text-style: italic; margin-top: 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._pending: list[Static] = []

    def on_mount(self) -> None:
        self.border_title = "Gesprek"

    def add(self, text: str, kind: str = "narration") -> None:
        """Lines added while one key is handled are mounted together: one layout, one
        scroll, one redraw (a choice adds several lines at once)."""
        if not self._pending:
            self.call_later(self._flush)
        self._pending.append(Static(escape(text), classes=kind))

    def _flush(self) -> None:
        lines, self._pending = self._pending, []
        if lines:
            self.mount_all(lines)
            self.scroll_end(animate=False)
