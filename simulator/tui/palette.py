"""The command palette (Ctrl+P) in Dutch, with only Regie's own commands.

Textual's palette offers its own commands in English ("Quit the application as soon as
possible", "Save an SVG 'screenshot'", "Change theme" with the themes' internal names) and
searches "Search for commands…". Regie's palette offers what its keys do, in Dutch: help,
another theme, quit (``RegieApp.get_system_commands``), and says so in Dutch. Imported when
the palette opens, not at start-up.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

PLACEHOLDER = "Zoek een opdracht van Regie…"
NO_MATCHES = "Geen opdracht gevonden"


class DutchPalette(CommandPalette):
    def __init__(self) -> None:
        super().__init__(placeholder=PLACEHOLDER, id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        """As Textual's own (textual==8.2.8, pinned), with the message in Dutch."""
        self._stop_no_matches_countdown()

        def show() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(NO_MATCHES, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)
