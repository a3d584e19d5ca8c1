"""A line of its own for messages on the play screen.

A toast (Textual's ``notify``) lies over the lower right of the screen, where the choices
are, for seconds while the timer runs. Here a message takes its own line above the choices
and covers nothing; it goes after a while, or when the next message comes.
"""

from __future__ import annotations

from rich.markup import escape
from textual.timer import Timer
from textual.widgets import Static

SHOWN = 8.0  # seconds a message stays
MARKS = {"information": "", "warning": "⚠ ", "error": "✗ "}


class MessageLine(Static):
    DEFAULT_CSS = """
    MessageLine { height: 1; padding: 0 1; color: $text-muted; }
    MessageLine.-warning { color: $text-warning; text-style: bold; }
    MessageLine.-error { color: $text-error; text-style: bold; }
    """

    def __init__(self, *, lasting: bool = True) -> None:
        """``lasting``: messages go after ``SHOWN`` seconds (off in tests: a steady screen)."""
        super().__init__("", id="message")
        self.lasting = lasting
        self.message = ""
        self._timer: Timer | None = None

    def say(self, text: str, severity: str = "information") -> None:
        self.message = text
        self.update(escape(f"{MARKS.get(severity, '')}{text}"))
        self.set_class(severity == "warning", "-warning")
        self.set_class(severity == "error", "-error")
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.lasting and text:
            self._timer = self.set_timer(SHOWN, self.forget)

    def forget(self) -> None:
        self.say("")
