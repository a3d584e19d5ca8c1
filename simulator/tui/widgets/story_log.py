"""The running story: what happens, what the visitor says, what you did, and feedback.

One widget for the whole story (a RichLog), not one per line: with a widget per line,
laying out the play screen again after every key grew with the story (half the time of
a key in a long dossier). The look of each kind of line comes from the component classes
below, so themes still decide the colours.

New lines scroll into view, but never past the line the trainee must read first (after a
choice in training: the feedback on it). What does not fit below it waits for PgDn, and the
bottom border says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.events import Resize
from textual.widgets import RichLog

from simulator.tui.widgets.panel import panel_css

# what is said and what you did are indented under the story, feedback more
INDENT = {"speech": 2, "own": 2, "feedback": 4, "violation": 4}
# a blank line before each new piece of story and before the passing of time
SPACE_ABOVE = {"narration": 1, "clock": 1}
MORE_BELOW = "meer ↓ PgDn"

Line = tuple[str, str]  # (text, kind)


class StoryLog(RichLog):
    COMPONENT_CLASSES = {
        "story-log--speech",
        "story-log--own",
        "story-log--feedback",
        "story-log--violation",
        "story-log--clock",
    }
    BORDER_TITLE = "Gesprek"
    DEFAULT_CSS = (
        panel_css("StoryLog")
        + """
    StoryLog {
        border-subtitle-color: $text;
        border-subtitle-style: bold;
        border-subtitle-align: right;
        background: $background;
        overflow-x: hidden;
        overflow-y: scroll;  /* always: the width of the text never changes as it grows */
        scrollbar-size-vertical: 1;
    }
    StoryLog > .story-log--speech { text-style: bold; }
    StoryLog > .story-log--own { color: $text-accent; }
    StoryLog > .story-log--feedback { color: $text-muted; }
    StoryLog > .story-log--violation { color: $text-error; }
    StoryLog > .story-log--clock { color: $text-muted; text-style: italic; }
    """
    )

    def __init__(self) -> None:
        super().__init__(wrap=True, markup=False, min_width=1, auto_scroll=True)
        self.entries: list[tuple[str, str]] = []  # (kind, text): the story as written
        self.keep = 0  # the entry that must stay in view: the first to read of the last batch
        self._width = 0

    @property
    def text(self) -> str:
        """The story so far as plain text, a line per entry."""
        return "\n".join(text for _, text in self.entries)

    def on_resize(self, event: Resize) -> None:
        """A new width: write the story again, so that it wraps to the panel."""
        super().on_resize(event)
        width = self.scrollable_content_region.width
        if width and width != self._width:
            self._width = width
            self.rewrite()
        self.show_cue()

    def rewrite(self) -> None:
        entries, self.entries = self.entries, []
        keep = self.keep
        self.clear()
        self.add_lines([(text, kind) for kind, text in entries], keep=keep)

    def add(self, text: str, kind: str = "narration") -> None:
        self.add_lines([(text, kind)])

    def add_lines(self, lines: Sequence[Line], *, keep: int | None = None) -> None:
        """Write lines (text, kind) below the story and scroll towards its end, but not past
        line ``keep`` of ``lines`` (the first by default): that one stays in view, at the top
        if the rest does not fit below it."""
        if not lines:
            return
        known = bool(self._width)  # not laid out yet: written again, and scrolled, on resize
        first = len(self.entries)
        self.keep = first + (0 if keep is None else min(max(keep, 0), len(lines) - 1))
        top = 0
        for text, kind in lines:
            if len(self.entries) == self.keep:
                top = len(self.lines) + SPACE_ABOVE.get(kind, 0)
            self.entries.append((kind, text))
            style = (
                Style()
                if kind == "narration"
                else self.get_component_rich_style(f"story-log--{kind}", partial=True)
            )
            padding = (SPACE_ABOVE.get(kind, 0), 0, 0, INDENT.get(kind, 0))
            self.write(Padding(Text(text, style=style), padding), scroll_end=False)
        if known:
            # at once, not after the next frame (as RichLog's auto_scroll does): a key then
            # draws the story once, in its new place, instead of twice
            self.scroll_to(y=min(top, self.max_scroll_y), animate=False, immediate=True)
            self.show_cue()

    @property
    def more_below(self) -> bool:
        """Is there story below what is in view?"""
        return round(self.scroll_y) < self.max_scroll_y

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.show_cue()

    def show_cue(self) -> None:
        """'meer ↓' on the bottom border while there is story below the view."""
        cue = MORE_BELOW if self.more_below else ""
        if self.border_subtitle != cue:
            self.border_subtitle = cue

    def page(self, down: bool) -> None:
        """PgDn and PgUp, from any widget of the play screen."""
        if down:
            self.scroll_page_down(animate=False)
        else:
            self.scroll_page_up(animate=False)
