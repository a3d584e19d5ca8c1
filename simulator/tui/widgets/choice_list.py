"""The interventions on offer, numbered 1-9, for keys and mouse."""

from __future__ import annotations

from rich.markup import escape
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from simulator.model import Choice


class ChoiceList(OptionList):
    DEFAULT_CSS = """
    ChoiceList {
        height: auto;
        max-height: 40%;
        border: round $accent;
        border-title-color: $text;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.border_title = "Wat doet u? (1-9 of ↑↓ en Enter)"

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
