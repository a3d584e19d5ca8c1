"""Every screen at 80 x 24, compared with a saved snapshot (update: pytest --snapshot-update).

The library is fixed to the two foundation scenarios so the screens do not change when the
library grows; the clock is fixed and time does not run, so nothing blinks or ticks.
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from simulator.language.library import load
from simulator.tui.screens.play import PlayScreen
from tests.tuikit import key_for, make_app, pick_scenario, sign_in

ROOT = Path(__file__).resolve().parents[2]
LIB = load(
    [
        ROOT / "scenarios" / "bibliotheek" / "km-spreekkamer-dreiging.yaml",
        ROOT / "scenarios" / "bibliotheek" / "bev-ordegesprek-volgende-dag.yaml",
    ]
)
SIZE = (80, 24)


async def to_list(pilot: Pilot[None]) -> None:
    await sign_in(pilot)


async def to_briefing(pilot: Pilot[None]) -> None:
    await sign_in(pilot)
    await pick_scenario(pilot, "km-spreekkamer-dreiging")


async def to_play(pilot: Pilot[None]) -> None:
    await to_briefing(pilot)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(key_for(pilot, "inhoud-stoppen"))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    screen.advance(7)
    await pilot.pause()


async def to_debrief(pilot: Pilot[None]) -> None:
    await to_briefing(pilot)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(key_for(pilot, "besluit-uitleggen"))
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PlayScreen)
    screen.advance(45)  # the demand, the threat, the escalation: nothing done
    await pilot.pause()
    screen.advance(43)
    await pilot.pause()
    screen.advance(35)
    await pilot.pause()


async def to_progress(pilot: Pilot[None]) -> None:
    await to_debrief(pilot)
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("v")
    await pilot.pause()


async def to_help(pilot: Pilot[None]) -> None:
    await pilot.press("f1")
    await pilot.pause()


def test_welcome(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(tmp_path, LIB), terminal_size=SIZE)


def test_scenario_list(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(tmp_path, LIB), terminal_size=SIZE, run_before=to_list)


def test_briefing(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(tmp_path, LIB), terminal_size=SIZE, run_before=to_briefing)


def test_play(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(tmp_path, LIB), terminal_size=SIZE, run_before=to_play)


def test_debrief(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(tmp_path, LIB), terminal_size=SIZE, run_before=to_debrief)


def test_progress(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(tmp_path, LIB), terminal_size=SIZE, run_before=to_progress)


def test_help(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(tmp_path, LIB), terminal_size=SIZE, run_before=to_help)
