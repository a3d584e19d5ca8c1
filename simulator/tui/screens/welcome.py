"""Welkom: who is playing, and which training."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from simulator.store import StoreError
from simulator.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from simulator.tui.app import RegieApp

FREE = "vrij-oefenen"
LIBRARY_AFTER = 0.3  # seconds
TRAININGS = (
    ("klantmanager-halve-dag", "Klantmanager: training van een dagdeel"),
    ("beveiliger-intensief", "Beveiliger: intensieve training"),
    ("zelfstudie-examen", "Zelfstudie en examen"),
    (FREE, "Vrij oefenen: alle scenario's"),
)


class WelcomeScreen(Screen[None]):
    DEFAULT_CSS = """
    WelcomeScreen VerticalScroll { padding: 1 2; }
    WelcomeScreen #intro { margin-bottom: 1; }
    WelcomeScreen Input { width: 60; margin-bottom: 1; background: $boost; }
    WelcomeScreen OptionList { width: 60; height: auto; }
    WelcomeScreen #problem { color: $text-error; height: auto; }
    """
    BINDINGS = [Binding("f1", "app.help", "Hulp", id="welcome-help")]

    @property
    def regie(self) -> RegieApp:
        return cast("RegieApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        page = VerticalScroll()
        page.can_focus = False  # Tab goes from field to field, never to the page itself
        with page:
            yield Static(
                "[b]Welkom bij Regie.[/b] U oefent gesprekken met bezoekers die de orde verstoren, "
                "volgens de Divosa-methode: orde vóór inhoud.",
                id="intro",
            )
            # compact fields (a line each): at 80 × 24 the whole page is in view
            yield Label("Uw naam")
            yield Input(
                value=self.regie.last_name or "",
                placeholder="bijvoorbeeld Sanne de Wit",
                id="name",
                compact=True,
            )
            yield Label("Groepscode (als uw trainer die gaf; anders leeg laten)")
            yield Input(
                value=self.regie.last_group or "",
                placeholder="bijvoorbeeld KM-UTR-03",
                id="group",
                compact=True,
            )
            yield Label("Kies uw training (↑ ↓ en Enter)")
            yield OptionList(*(Option(label, id=cid) for cid, label in TRAININGS), id="trainings")
            yield Static("", id="problem")
        yield KeyFooter()

    def on_mount(self) -> None:
        if not self.regie.realtime:  # tests and snapshots: a steady cursor
            for box in self.query(Input):
                box.cursor_blink = False
        name = self.query_one("#name", Input)
        self.set_focus(self.query_one("#trainings") if name.value else name)
        # the library is read behind this screen, once it is drawn and settled (its footer
        # and focus take a few frames); whoever signs in sooner gets it read on the spot
        self.set_timer(LIBRARY_AFTER, self.regie.first_screen_shown)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "name":
            self.query_one("#group", Input).focus()
        else:
            self.query_one("#trainings", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        name = self.query_one("#name", Input).value.strip()
        group = self.query_one("#group", Input).value.strip() or None
        problem = self.query_one("#problem", Static)
        if not name:
            problem.update("Vul eerst uw naam in.")
            self.query_one("#name", Input).focus()
            return
        try:
            self.regie.sign_in(name, group)
        except StoreError as exc:
            problem.update(str(exc))
            return
        problem.update("")
        course = event.option.id
        self.regie.open_course(None if course == FREE else course)
