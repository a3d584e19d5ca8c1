"""Before a first exam: the trainee's role, so the exam draws only scenarios of that role."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

ROLE_QUESTION = (
    "Het examen bestaat uit scenario's van één rol: die van u. Voor welke rol doet u het "
    "examen? Regie onthoudt uw keuze voor de volgende keer."
)


class RoleScreen(ModalScreen[str | None]):
    """Asks klantmanager or beveiliger; Esc gives None (no exam now)."""

    DEFAULT_CSS = """
    RoleScreen { align: center middle; }
    RoleScreen > Vertical {
        width: 64; height: auto; padding: 1 2;
        border: thick $accent; background: $surface;
    }
    RoleScreen Horizontal { height: auto; margin-top: 1; align-horizontal: right; }
    RoleScreen Button { margin-left: 2; }
    """
    BINDINGS = [
        Binding("k", "answer('klantmanager')", "Klantmanager", id="role-klantmanager"),
        Binding("b", "answer('beveiliger')", "Beveiliger", id="role-beveiliger"),
        Binding("escape", "cancel", "Terug", id="role-back"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(ROLE_QUESTION, id="role-question")
            with Horizontal():
                yield Button("Klantmanager (k)", variant="primary", id="klantmanager")
                yield Button("Beveiliger (b)", variant="primary", id="beveiliger")
                yield Button("Terug (Esc)", id="terug")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "terug" else event.button.id)

    def action_answer(self, role: str) -> None:
        self.dismiss(role)

    def action_cancel(self) -> None:
        self.dismiss(None)
