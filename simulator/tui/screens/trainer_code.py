"""The trainer code, asked before the trainer view opens. Wrong codes make the next try wait."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from simulator.store import StoreError
from simulator.store.classroom import SignInRefused

if TYPE_CHECKING:
    from simulator.tui.served import ServedRegieApp


class TrainerCodeScreen(ModalScreen[bool]):
    DEFAULT_CSS = """
    TrainerCodeScreen { align: center middle; }
    TrainerCodeScreen > Vertical {
        width: 64; height: auto; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    TrainerCodeScreen Input { margin-top: 1; }
    TrainerCodeScreen #code-problem { color: $text-error; height: auto; margin-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Terug", id="trainer-code-back")]

    @property
    def regie(self) -> ServedRegieApp:
        return cast("ServedRegieApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "[b]Trainer[/b]\nVul de trainercode in. Die staat in het venster waarin "
                "'regie serve' draait. Enter om te openen, Esc om terug te gaan."
            )
            yield Input(placeholder="trainercode", password=True, id="code", max_length=20)
            yield Static("", id="code-problem")

    def on_mount(self) -> None:
        box = self.query_one("#code", Input)
        box.cursor_blink = self.regie.realtime
        box.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        problem = self.query_one("#code-problem", Static)
        try:
            self.regie.classroom.check_trainer_code(event.value, self.regie.trainer_code())
        except (SignInRefused, StoreError) as exc:
            event.input.value = ""
            problem.update(str(exc))
            return
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
