"""Briefing: the situation, your role, the learning goals, the content warning."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown

from simulator.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from simulator.tui.app import RegieApp

ROLE_TEXT = {
    "klantmanager": "U bent **klantmanager**. U gaat over de orde in uw eigen gesprek; voor orde en "
    "veiligheid op het Werkplein is de beveiliging er.",
    "beveiliger": "U bent **beveiliger**. U bent verantwoordelijk voor orde en veiligheid op het "
    "Werkplein, en u voert de ordegesprekken.",
}


class BriefingScreen(Screen[None]):
    DEFAULT_CSS = """
    BriefingScreen VerticalScroll { padding: 0 2; }
    """
    BINDINGS = [
        Binding("enter", "start", "Beginnen", id="briefing-start", priority=True),
        Binding("escape", "app.pop_screen", "Terug", id="briefing-back"),
        Binding("f1", "app.help", "Hulp", id="briefing-help"),
    ]

    def __init__(self, scenario_id: str, *, course: str | None, mode: str, seed: int) -> None:
        super().__init__()
        self.scenario_id, self.course, self.mode, self.seed = scenario_id, course, mode, seed

    @property
    def regie(self) -> RegieApp:
        return cast("RegieApp", self.app)

    def compose(self) -> ComposeResult:
        sc = self.regie.lib.scenario(self.scenario_id)
        parts = [f"# {sc.title}", ""]
        if sc.warning:
            parts += [f"> **Let op:** {sc.warning}", ""]
        parts += [
            sc.description,
            "",
            ROLE_TEXT[sc.role],
            "",
            f"**De bezoeker:** {sc.visitor.name}.",
        ]
        if sc.visitor.background:
            parts += ["", sc.visitor.background]
        parts += ["", "## Leerdoelen", ""] + [f"- {g}" for g in sc.goals]
        mode = (
            "**Examen:** u krijgt pas aan het einde te horen hoe het ging. De tijd loopt door."
            if self.mode == "examen"
            else "**Training:** na elke keuze ziet u kort wat het protocol ervan vindt. Pauze met p."
        )
        parts += [
            "",
            "## Zo werkt het",
            "",
            mode,
            "",
            "Kies met de cijfertoetsen 1-9. Wacht u te lang, "
            "dan gaat het verhaal verder zonder u: niets doen is ook een keuze.",
            "",
            f"Ongeveer {sc.duration_minutes} minuten. **Druk op Enter om te beginnen.**",
        ]
        yield Header()
        with VerticalScroll():
            yield Markdown("\n".join(parts))
        yield KeyFooter()

    def action_start(self) -> None:
        self.regie.start_attempt(
            self.scenario_id, course=self.course, mode=self.mode, seed=self.seed
        )
