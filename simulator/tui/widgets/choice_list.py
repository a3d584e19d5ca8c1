"""The interventions on offer, numbered 1-9, for keys and mouse.

When not every choice fits, the bottom border says so ("meer ↓"), with the numbers that
are out of view; the arrow keys, the mouse wheel and the number keys reach all of them.

The top border is the play screen's message line: it says what the choices are ("Wat doet
u? 5 keuzes …"), and a message for the trainee ("Pauze: …", "Er is geen keuze 7 …") takes
its place for a while. A toast would lie over the choices while the time runs; this line
covers nothing, and costs no row of the story.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.markup import escape
from textual.events import Resize
from textual.timer import Timer
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from simulator.language.model import Choice
from simulator.language.screen_fit import choice_prompt, wrapped_lines

BORDER_ROWS = 2
SHOWN = 8.0  # seconds a message stays
MARKS = {"information": "", "warning": "⚠ ", "error": "✗ "}


def numbers(first: int, last: int) -> str:
    """'4' or '4-5': choices by their numbers."""
    return str(first) if first == last else f"{first}-{last}"


class ChoiceList(OptionList):
    BORDER_TITLE = "Wat doet u? (1-9 of ↑↓ en Enter)"
    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 40%;
        border: round $accent;
        border-title-color: $text;
        border-subtitle-color: $text;
        border-subtitle-style: bold;
        border-subtitle-align: right;
        padding: 0 1;
        /* the scrollbar's room is always kept: the text never wraps again when it comes,
           which would leave the last line of a choice out of the list's own count */
        scrollbar-gutter: stable;
    }
    ChoiceList.-warning { border-title-color: $text-warning; border-title-style: bold; }
    ChoiceList.-error { border-title-color: $text-error; border-title-style: bold; }
    """

    _offers: tuple[tuple[Choice, ...], ...] = ()
    _fitted_width = 0
    _timer: Timer | None = None

    def __init__(self, *, lasting: bool = True) -> None:
        """``lasting``: a message goes after ``SHOWN`` seconds (tests: until the next one)."""
        super().__init__()
        self.lasting = lasting
        self.title = "Wat doet u? (1-9 of ↑↓ en Enter)"
        self.message = ""

    def on_mount(self) -> None:
        self.border_title = self.title

    def say(self, text: str, severity: str = "information") -> None:
        """A message in the title's place ('' takes it away again)."""
        self.message = text
        self.set_class(bool(text) and severity == "warning", "-warning")
        self.set_class(bool(text) and severity == "error", "-error")
        self.border_title = escape(f"{MARKS.get(severity, '')}{text}") if text else self.title
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.lasting and text:
            self._timer = self.set_timer(SHOWN, lambda: self.say(""))

    def fit(self, offers: Iterable[tuple[Choice, ...]]) -> None:
        """One height for a whole scenario: what its largest offer needs at this width (at
        most the max-height). The story above keeps its size from one key to the next: no
        jumping, and the screen is not laid out twice over for every choice."""
        self._offers = tuple(offers)
        self._fitted_width = 0
        self._fit()

    def on_resize(self, event: Resize) -> None:
        self._fit()
        self.call_after_refresh(self.show_cue)

    def _fit(self) -> None:
        width = self.scrollable_content_region.width
        if not self._offers or not width or width == self._fitted_width:
            return
        self._fitted_width = width
        needed = max(
            sum(wrapped_lines(choice_prompt(i, c.text), width) for i, c in enumerate(offer, 1))
            for offer in self._offers
        )
        self.styles.height = BORDER_ROWS + needed

    def show(self, choices: tuple[Choice, ...]) -> None:
        """Only the scenario's own words: the catalogue label would give the answer away."""
        self.clear_options()
        # all at once: each add_option on its own measures and lays out the list again
        self.add_options(
            [
                Option(f"[b]{i}[/b]  {escape(choice.text)}", id=choice.id)
                for i, choice in enumerate(choices, start=1)
            ]
        )
        if choices:
            self.highlighted = 0
        self.scroll_to(y=0, animate=False, immediate=True)
        n = len(choices)
        keys = numbers(1, n)
        self.title = f"Wat doet u? {n} {'keuze' if n == 1 else 'keuzes'} ({keys} of ↑↓ en Enter)"
        if not self.message:
            self.border_title = self.title
        self.show_cue()

    def hidden(self) -> tuple[list[int], list[int]]:
        """The numbers of the choices not wholly in view: above the view and below it."""
        top, bottom = (
            round(self.scroll_y),
            round(self.scroll_y) + self.scrollable_content_region.height,
        )
        above: list[int] = []
        below: list[int] = []
        for index in range(self.option_count):
            first = self._index_to_line.get(index)
            if first is None:
                continue
            last = first + self._heights[index] - 1
            if first < top:
                above.append(index + 1)
            elif last >= bottom:
                below.append(index + 1)
        return above, below

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.show_cue()

    def show_cue(self) -> None:
        """'meer ↓ 4-5' on the bottom border while choices are below the view ('↑ 1-2'
        for those above it): a trainee never misses a choice that does not fit."""
        if not self.scrollable_content_region.height:
            return
        above, below = self.hidden()
        parts = []
        if above:
            parts.append(f"↑ {numbers(above[0], above[-1])}")
        if below:
            parts.append(f"meer ↓ {numbers(below[0], below[-1])}")
        cue = "  ".join(parts)
        if self.border_subtitle != cue:
            self.border_subtitle = cue
