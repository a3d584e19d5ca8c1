"""Pick one of a few options, as a modal: ↑ ↓ and Enter, or Esc to go back."""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class PickScreen(ModalScreen[int | None]):
    """The index of the option picked, or None (Esc)."""

    DEFAULT_CSS = """
    PickScreen { align: center middle; }
    PickScreen > Vertical {
        width: 90%; max-width: 100; height: auto; max-height: 90%; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    PickScreen OptionList { height: auto; max-height: 20; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Terug", id="pick-back")]

    def __init__(self, question: str, options: Sequence[str]) -> None:
        super().__init__()
        self.question = question
        self.options = list(options)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question)
            yield OptionList(*(Option(escape(text)) for text in self.options))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_cancel(self) -> None:
        self.dismiss(None)
