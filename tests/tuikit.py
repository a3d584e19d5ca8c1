"""Helpers for driving the app in tests: a store with a fixed clock and steady time."""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList

from simulator.language.library import Library, load
from simulator.store import Store
from simulator.tui.app import RegieApp

if TYPE_CHECKING:
    from simulator.tui.screens.play import PlayScreen

LIB = load()


def screen_text(app: App[None]) -> str:
    """The characters on the screen, as the trainee sees them."""
    console = Console(width=app.size.width, record=True, file=io.StringIO())
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def fixed_clock() -> Iterator[str]:
    for minute in itertools.count():
        yield f"2026-11-23T09:{minute % 60:02d}:00+00:00"


def make_app(tmp_path: Path, lib: Library = LIB) -> RegieApp:
    ticks = fixed_clock()
    store = Store(tmp_path / "regie.sqlite", now=lambda: next(ticks))
    return RegieApp(lib, store, realtime=False, seed=lambda: 0)


async def sign_in(
    pilot: Pilot[None], name: str = "Sanne de Wit", training: str = "vrij-oefenen"
) -> None:
    await pilot.click("#name")
    pilot.app.screen.query_one("#name", Input).value = ""
    await pilot.press(*name, "enter", "enter")
    options = pilot.app.screen.query_one("#trainings", OptionList)
    index = next(
        i for i in range(options.option_count) if options.get_option_at_index(i).id == training
    )
    options.highlighted = index
    await pilot.press("enter")
    await pilot.pause()


async def choose_training(pilot: Pilot[None], option: str) -> None:
    """On the served welcome screen: the training with this option id, chosen with Enter."""
    options = pilot.app.screen.query_one("#trainings", OptionList)
    options.focus()
    options.highlighted = next(
        i for i in range(options.option_count) if options.get_option_at_index(i).id == option
    )
    await pilot.press("enter")
    await pilot.pause()


async def pick_scenario(pilot: Pilot[None], scenario_id: str) -> None:
    table = pilot.app.screen.query_one(DataTable)
    table.move_cursor(row=table.get_row_index(scenario_id))
    await pilot.press("enter")
    await pilot.pause()


async def start_scenario(pilot: Pilot[None], scenario_id: str) -> None:
    """From the scenario list: pick the scenario, then Enter on its briefing."""
    await pick_scenario(pilot, scenario_id)
    await pilot.press("enter")
    await pilot.pause()


async def play_directly(pilot: Pilot[None], scenario_id: str, seed: int = 0) -> PlayScreen:
    """Signed in and straight on the play screen of a training (the screens before it are not
    what the test is about)."""
    from simulator.tui.screens.play import PlayScreen

    app = pilot.app
    assert isinstance(app, RegieApp)
    app.sign_in("Sanne de Wit", None)
    app.start_attempt(scenario_id, course=None, mode="training", seed=seed)
    await pilot.pause()
    play = app.screen
    assert isinstance(play, PlayScreen)
    return play


def key_for(pilot: Pilot[None], choice_id: str) -> str:
    """The key (1-9) that shows this choice on the play screen: the choices are shown in a
    seeded order, not the file's."""
    from simulator.tui.screens.play import PlayScreen

    play = pilot.app.screen
    assert isinstance(play, PlayScreen)
    shown = [c.id for c in play.session.attempt.presented()]
    return str(shown.index(choice_id) + 1)


def model_key(pilot: Pilot[None]) -> str:
    """The key that shows the model answer of the current fase."""
    from simulator.tui.screens.play import PlayScreen

    play = pilot.app.screen
    assert isinstance(play, PlayScreen)
    fase = play.session.attempt.fase
    assert fase is not None and fase.model_choice is not None
    return key_for(pilot, fase.model_choice.id)
