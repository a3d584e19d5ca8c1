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

    def on_mount(self) -> None:
        self.border_title = "Gesprek"

    def add(self, text: str, kind: str = "narration") -> None:
        self.mount(Static(escape(text), classes=kind))
        self.scroll_end(animate=False)
