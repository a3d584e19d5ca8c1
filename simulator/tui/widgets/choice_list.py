"""The interventions on offer, numbered 1-9, for keys and mouse."""

from __future__ import annotations

from collections.abc import Iterable

from rich.markup import escape
from textual.events import Resize
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from simulator.language.model import Choice
from simulator.language.screen_fit import choice_prompt, wrapped_lines

BORDER_ROWS = 2


class ChoiceList(OptionList):
    BORDER_TITLE = "Wat doet u? (1-9 of ↑↓ en Enter)"
    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 40%;
        border: round $accent;
        border-title-color: $text;
        padding: 0 1;
    }
    """

    _offers: tuple[tuple[Choice, ...], ...] = ()
    _fitted_width = 0

    def fit(self, offers: Iterable[tuple[Choice, ...]]) -> None:
        """One height for a whole scenario: what its largest offer needs at this width (at
        most the max-height). The story above keeps its size from one key to the next: no
        jumping, and the screen is not laid out twice over for every choice."""
        self._offers = tuple(offers)
        self._fitted_width = 0
        self._fit()

    def on_resize(self, event: Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        width = self.content_region.width
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
        # the number of choices in the title: at 80 x 24 not all of them may be in view
        n = len(choices)
        keys = "1" if n == 1 else f"1-{n}"
        self.border_title = (
            f"Wat doet u? {n} {'keuze' if n == 1 else 'keuzes'} ({keys} of ↑↓ en Enter)"
        )
