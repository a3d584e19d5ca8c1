"""Welkom in de klas: name, pincode (and the group code), then a training, or the trainer view.

Nothing of the previous trainee is shown: the fields start empty, and they are emptied
again whenever someone signs out (back to this screen).
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, cast

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from simulator.dutch import wait_text
from simulator.store import StoreError
from simulator.store.classroom import PIN_DIGITS, SignInRefused, wait_after
from simulator.tui.screens.trainer_code import TrainerCodeScreen
from simulator.tui.screens.welcome import FREE, TRAININGS
from simulator.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from simulator.tui.served import ServedRegieApp

TRAINER = "trainer"


def same_code(given: str, code: str) -> bool:
    """Group codes are read aloud and typed in a hurry: case and spaces do not matter."""
    return "".join(given.split()).casefold() == "".join(code.split()).casefold()


class ServedWelcomeScreen(Screen[None]):
    DEFAULT_CSS = """
    ServedWelcomeScreen VerticalScroll { padding: 1 2; }
    ServedWelcomeScreen #intro { margin-bottom: 1; }
    ServedWelcomeScreen Input { width: 60; margin-bottom: 1; background: $boost; }
    ServedWelcomeScreen #pin { width: 20; }
    ServedWelcomeScreen OptionList { width: 60; height: auto; }
    ServedWelcomeScreen #problem { color: $text-error; height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("f1", "app.help", "Hulp", id="served-welcome-help"),
        # Enter moves on at once, before the next key is handled: a trainee who types fast
        # (or a slow server with thirty browsers) never has keys land in the wrong field
        Binding("enter", "enter", "Verder", show=False, priority=True, id="served-welcome-enter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.group_refusals = 0
        self.group_wait_until = 0.0

    @property
    def regie(self) -> ServedRegieApp:
        return cast("ServedRegieApp", self.app)

    @property
    def groep(self) -> str | None:
        return self.regie.served.groep

    def compose(self) -> ComposeResult:
        yield Header()
        page = VerticalScroll()
        page.can_focus = False  # Tab goes from field to field, never to the page itself
        with page:
            yield Static(
                "[b]Welkom bij Regie.[/b] U oefent gesprekken met bezoekers die de orde verstoren, "
                "volgens de Divosa-methode: orde vóór inhoud. Meld u aan met uw naam en een "
                "pincode van vier cijfers. Kiest u die hier voor het eerst, onthoud hem dan: "
                "zo komt u na een herlading van de pagina weer bij uw eigen resultaten.",
                id="intro",
            )
            # compact fields (a line each): the list below, with the trainer's entry, stays
            # in view on a laptop or a projector (1366 × 768) without scrolling
            yield Label("Uw naam")
            yield Input(
                placeholder="bijvoorbeeld Sanne de Wit", id="name", max_length=80, compact=True
            )
            yield Label(f"Pincode ({PIN_DIGITS} cijfers)")
            yield Input(
                placeholder="····",
                id="pin",
                password=True,
                max_length=PIN_DIGITS,
                restrict=r"[0-9]*",
                compact=True,
            )
            if self.groep:
                yield Label("Groepscode (van uw trainer)")
                yield Input(
                    placeholder="bijvoorbeeld KM-UTR-03", id="group", max_length=40, compact=True
                )
            yield Label("Kies uw training (↑ ↓ en Enter)")
            yield OptionList(
                *(Option(label, id=cid) for cid, label in TRAININGS),
                Option("Trainer: de groep volgen (met de trainercode)", id=TRAINER),
                id="trainings",
            )
            yield Static("", id="problem")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = f"in de klas — groep {self.groep}" if self.groep else "in de klas"
        if not self.regie.realtime:  # tests and snapshots: a steady cursor
            for box in self.query(Input):
                box.cursor_blink = False
        self.query_one("#name", Input).focus()

    def on_screen_resume(self) -> None:
        """Back here: whoever was signed in is signed out, and nothing of them stays."""
        if self.regie.trainee is None and not self.regie.trainer_open:
            return
        self.regie.sign_out()
        self.regie.trainer_open = False
        for box in self.query(Input):
            box.value = ""
        self.query_one("#problem", Static).update(self.regie.signed_out_because or "")
        self.query_one("#name", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the list of trainings, Enter is the list's own (after its arrow keys)."""
        return not (action == "enter" and isinstance(self.focused, OptionList))

    def action_enter(self) -> None:
        focused = self.focused
        order = ["name", "pin", *(["group"] if self.groep else [])]
        current = focused.id if isinstance(focused, Input) else None
        if current in order[:-1]:
            self.query_one(f"#{order[order.index(current) + 1]}", Input).focus()
        else:
            self.query_one("#trainings", OptionList).focus()

    def problem(self, text: str, focus: str | None = None) -> None:
        self.query_one("#problem", Static).update(text)
        if focus:
            self.query_one(f"#{focus}", Input).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == TRAINER:
            self.app.push_screen(TrainerCodeScreen(), self._trainer_answered)
            return
        name = self.query_one("#name", Input).value.strip()
        pin = self.query_one("#pin", Input).value.strip()
        if not name:
            self.problem("Vul eerst uw naam in.", "name")
            return
        if not self._group_ok():
            return
        try:
            trainee, new = self.regie.classroom.sign_in(name, pin, self.groep)
        except SignInRefused as exc:
            self.query_one("#pin", Input).value = ""
            self.problem(str(exc), "pin")
            return
        except StoreError as exc:
            self.problem(str(exc))
            return
        self.problem("")
        if new:
            self.notify(
                f"Welkom, {escape(trainee.name)}. Onthoud uw pincode: daarmee komt u later weer bij uw "
                "resultaten.",
                timeout=8,
            )
        course = event.option.id
        self.regie.enter(trainee, None if course == FREE else course)

    def _group_ok(self) -> bool:
        if not self.groep:
            return True
        now = time.monotonic()
        if now < self.group_wait_until:
            self.problem(
                "Te veel pogingen achter elkaar. Probeer het over "
                f"{wait_text(self.group_wait_until - now)} opnieuw.",
                "group",
            )
            return False
        given = self.query_one("#group", Input).value
        if same_code(given, self.groep):
            self.group_refusals = 0
            return True
        self.group_refusals += 1
        wait = wait_after(self.group_refusals)
        self.group_wait_until = now + wait
        self.problem(
            (
                "Vul de groepscode in"
                if not given.strip()
                else "Die groepscode hoort niet bij deze training"
            )
            + f". Uw trainer noemt de code. Probeer het over {wait_text(wait)} opnieuw.",
            "group",
        )
        return False

    def _trainer_answered(self, ok: bool | None) -> None:
        if ok:
            self.regie.open_trainer_view()
