"""Briefing: the situation, your role, the learning goals, the content warning.

The scenario's texts are plain prose, shown as written (a blank line starts a new
paragraph); the screen's own words carry their bold in content markup. The whole text is
one widget (widgets/briefing_text.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header

from simulator.tui.widgets.briefing_text import BULLET, Block, BriefingText
from simulator.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from simulator.language.model import Scenario
    from simulator.tui.app import RegieApp

ROLE_TEXT = {
    "klantmanager": "U bent [b]klantmanager[/b]. U gaat over de orde in uw eigen gesprek; voor "
    "orde en veiligheid op het Werkplein is de beveiliging er.",
    "beveiliger": "U bent [b]beveiliger[/b]. U bent verantwoordelijk voor orde en veiligheid op "
    "het Werkplein, en u voert de ordegesprekken.",
}
MODE_TEXT = {
    "examen": "[b]Examen:[/b] u krijgt pas aan het einde te horen hoe het ging. De tijd loopt "
    "door.",
    "training": "[b]Training:[/b] na elke keuze ziet u kort wat het protocol ervan vindt. Pauze "
    "met p.",
}
KEYS_TEXT = (
    "Kies met de cijfertoetsen 1-9. Wacht u te lang, dan gaat het verhaal verder zonder u: "
    "niets doen is ook een keuze."
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[Content]:
    """An author's text as the paragraphs it is written in: a blank line starts a new one, a
    single line break is a space."""
    parts = (" ".join(part.split()) for part in _BLANK_LINE.split(text))
    return [Content(part) for part in parts if part]


def heading(text: str) -> Block:
    return Block(Content.styled(text, ".briefing--heading"), gap=2)


def briefing_blocks(sc: Scenario, mode: str, number: str | None = None) -> list[Block]:
    """What the trainee reads before a scenario, in order (``number``: "scenario 2 van 4",
    in an exam)."""
    blocks = [Block(Content.styled(sc.title, ".briefing--title"), centred=True)]
    if number is not None:
        blocks.append(Block(Content.from_markup("[b]Examen:[/b] $number", number=number)))
    if sc.warning:
        warning = " ".join(sc.warning.split())
        text = Content.from_markup("[b]Let op:[/b] $warning", warning=warning)
        blocks.append(Block(text, quoted=True))
    blocks += [Block(part) for part in paragraphs(sc.description)]
    blocks.append(Block(Content.from_markup(ROLE_TEXT[sc.role])))
    visitor = Content.from_markup("[b]De bezoeker:[/b] $name.", name=sc.visitor.name)
    blocks.append(Block(visitor))
    blocks += [Block(part) for part in paragraphs(sc.visitor.background or "")]
    blocks.append(heading("Leerdoelen"))
    for i, goal in enumerate(sc.goals):
        blocks.append(Block(Content(" ".join(goal.split())), gap=int(i == 0), bullet=BULLET))
    blocks += [
        heading("Zo werkt het"),
        Block(Content.from_markup(MODE_TEXT["examen" if mode == "examen" else "training"])),
        Block(Content(KEYS_TEXT)),
        Block(
            Content.from_markup(
                "Ongeveer $minutes minuten. [b]Druk op Enter om te beginnen.[/b]",
                minutes=str(sc.duration_minutes),
            )
        ),
    ]
    return blocks


class BriefingScreen(Screen[None]):
    DEFAULT_CSS = """
    BriefingScreen VerticalScroll { padding: 0 2; }
    """
    BINDINGS = [
        Binding("enter", "start", "Beginnen", id="briefing-start", priority=True),
        Binding("escape", "app.pop_screen", "Terug", id="briefing-back"),
        Binding("f1", "app.help", "Hulp", id="briefing-help"),
    ]

    def __init__(
        self, scenario_id: str, *, course: str | None, mode: str, seed: int, exam: int | None = None
    ) -> None:
        super().__init__()
        self.scenario_id, self.course, self.mode, self.seed = scenario_id, course, mode, seed
        self.exam = exam  # the exam this scenario is part of

    @property
    def regie(self) -> RegieApp:
        return cast("RegieApp", self.app)

    def compose(self) -> ComposeResult:
        sc = self.regie.lib.scenario(self.scenario_id)
        yield Header()
        with VerticalScroll():
            number = self.regie.exam_number(self.exam, started=False)
            yield BriefingText(briefing_blocks(sc, self.mode, number))
        yield KeyFooter()

    def action_start(self) -> None:
        self.regie.start_attempt(
            self.scenario_id, course=self.course, mode=self.mode, seed=self.seed, exam=self.exam
        )
