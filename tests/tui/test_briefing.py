"""The briefing: every part the trainee reads before a scenario, in order, and the author's
texts exactly as written."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from simulator.language.library import load
from simulator.language.problems import Severity
from simulator.tui.screens.briefing import BriefingScreen
from tests.tuikit import make_app

ROOT = Path(__file__).resolve().parents[2]
SIZE = (80, 60)  # tall enough that nothing scrolls out of view

# The top of tests/fixtures/mini.yaml, and what these tests put there instead.
MINI_TOP = """\
omschrijving: Een klein scenario voor de tests van de engine.
rol: klantmanager
moeilijkheid: makkelijk
verwachte_duur: 2
leerdoelen: [Het testen van de engine.]
bezoeker:
  naam: Test Bezoeker
"""
OWN_TOP = """\
omschrijving: |
  Een *ster*, [b]haken[/b] en $dollar,
  op twee regels.

  # Tweede alinea, geen kop.
inhoudswaarschuwing: Geweld, **niet vet**.
rol: klantmanager
moeilijkheid: makkelijk
verwachte_duur: 7
leerdoelen: ["- Een streepje.", "1. Een nummer."]
bezoeker:
  naam: "B. [Bezoeker]"
  achtergrond: "> Geen citaat."
"""


def screen_lines(app: App[None]) -> list[str]:
    console = Console(width=SIZE[0], record=True, file=io.StringIO())
    console.print(app.screen._compositor.render_update(full=True))
    return [line.rstrip() for line in console.export_text().splitlines()]


def bold_at(app: App[None], lines: list[str], text: str) -> bool:
    """Is the first character of ``text`` (on the first line that has it) drawn in bold?"""
    y = line_of(lines, text)
    return bool(app.screen.get_style_at(lines[y].index(text), y).bold)


async def show(pilot: Pilot[None], scenario_id: str, mode: str) -> list[str]:
    app = pilot.app
    await app.push_screen(BriefingScreen(scenario_id, course=None, mode=mode, seed=0))
    await pilot.pause()
    return screen_lines(app)


def line_of(lines: list[str], text: str) -> int:
    for y, line in enumerate(lines):
        if text in line:
            return y
    raise AssertionError(f"not on the screen: {text!r}")


def in_order(lines: list[str], *texts: str) -> bool:
    found = [line_of(lines, text) for text in texts]
    return found == sorted(found) and len(set(found)) == len(found)


async def test_the_briefing_shows_every_part_in_order(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        lines = await show(pilot, "km-spreekkamer-dreiging", "training")
        assert in_order(
            lines,
            "Dreiging in de spreekkamer",
            "▌ Let op: Bedreiging met geweld tegen de medewerker.",
            "Meneer Dijkhuis komt in de spreekkamer",
            "U bent klantmanager. U gaat over de orde in uw eigen gesprek;",
            "De bezoeker: Ferry Dijkhuis.",
            "Meneer Dijkhuis (41) is net verhuisd",
            "Leerdoelen",
            "• U ziet dat de orde in uw gesprek verstoord is",
            "• U meldt het incident",
            "Zo werkt het",
            "Training: na elke keuze ziet u kort wat het protocol ervan vindt.",
            "Kies met de cijfertoetsen 1-9.",
            "Ongeveer 10 minuten. Druk op Enter om te beginnen.",
        )
        for text in ("Let op:", "klantmanager.", "De bezoeker:", "Training:", "Druk op Enter"):
            assert bold_at(app, lines, text), text
        for text in ("Bedreiging met", "Meneer Dijkhuis komt", "Ferry", "Kies met"):
            assert not bold_at(app, lines, text), text

        app.pop_screen()
        lines = await show(pilot, "km-spreekkamer-dreiging", "examen")
        assert any("Examen: u krijgt pas aan het einde te horen" in line for line in lines)
        assert not any("Training:" in line for line in lines)


async def test_the_authors_texts_are_shown_as_written(tmp_path: Path) -> None:
    mini = (ROOT / "tests" / "fixtures" / "mini.yaml").read_text(encoding="utf-8")
    assert MINI_TOP in mini
    path = tmp_path / "eigen.yaml"
    path.write_text(mini.replace(MINI_TOP, OWN_TOP), encoding="utf-8")
    lib = load([path])
    assert not [p for p in lib.problems if p.severity is Severity.ERROR]
    app = make_app(tmp_path, lib)
    async with app.run_test(size=SIZE) as pilot:
        lines = await show(pilot, "test-mini", "training")
        vet = bold_at(app, lines, "haken")
    assert not vet, "markup in an author's text is not applied"
    first = "Een *ster*, [b]haken[/b] en $dollar, op twee regels."
    assert in_order(
        lines,
        "▌ Let op: Geweld, **niet vet**.",
        first,
        "# Tweede alinea, geen kop.",
        "U bent klantmanager.",
        "De bezoeker: B. [Bezoeker].",
        "> Geen citaat.",
        "• - Een streepje.",
        "• 1. Een nummer.",
        "Ongeveer 7 minuten.",
    )
    assert lines[line_of(lines, first) + 1] == "", "a blank line in the text starts a new paragraph"
