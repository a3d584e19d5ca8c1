"""Every screen at 80 x 24, compared with a saved snapshot (update: pytest --snapshot-update).

The library is fixed to the two foundation scenarios so the screens do not change when the
library grows; the clock is fixed and time does not run, so nothing blinks or ticks.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from simulator.engine.attempt import WAIT
from simulator.language.library import load
from simulator.tui.screens.play import PlayScreen
from tests.tuikit import key_for, make_app, pick_scenario, play_directly, sign_in

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


# --- play at 80 x 24: the longest fase of every bundled scenario ------------------------------
# The whole library, not the two above: each scenario's own texts are what is checked here.
# A scenario's longest fase is the one that puts the most on the screen (tests/screenkit.py),
# reached by playing the engine; the screen is the one right after the move that led there
# (in training: your own line and the feedback first, the fase below, 'meer ↓' where it goes
# on). A changed text of a scenario changes its snapshot: look at it, then --snapshot-update.
FULL = load()


def play_into_longest_fase(scenario_id: str):  # type: ignore[no-untyped-def]
    from tests.screenkit import way_in

    _, seed, moves = way_in(FULL.scenarios[scenario_id])

    async def run_before(pilot: Pilot[None]) -> None:
        play = await play_directly(pilot, scenario_id, seed=seed)
        for move, latency in moves:
            play.session.wait() if move == WAIT else play.session.choose(move, latency)
        play.render_new()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("scenario_id", sorted(FULL.scenarios))
def test_play_longest_fase(snap_compare, tmp_path: Path, scenario_id: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tmp_path, FULL)
    assert snap_compare(app, terminal_size=SIZE, run_before=play_into_longest_fase(scenario_id))


# --- the trainer view at 80 x 24 --------------------------------------------------------------


class Wall:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def trainer_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A served app whose store has a group: two trainees with an attempt each, one of them
    playing a fase right now."""
    from simulator.engine.bots import play_bot
    from simulator.store import Store
    from simulator.store.classroom import Classroom
    from simulator.store.session import Session
    from simulator.tui.served import ServedMode, ServedRegieApp

    wall = Wall()
    store = Store(tmp_path / "regie.sqlite", now=lambda: "2026-11-23T09:00:00+00:00")
    for name, sid, bot in (
        ("Sanne de Wit", "km-spreekkamer-dreiging", "inhoud-eerst"),
        ("Mohammed Ait", "bev-ordegesprek-volgende-dag", "protocol"),
    ):
        trainee = store.trainee(name, "KLAS-01")
        sc = LIB.scenarios[sid]
        _, moves = play_bot(sc, LIB.catalogue, bot, 0)
        session = Session.start(store, LIB, trainee, sid, 0)
        for move, latency in moves:
            session.wait() if move == WAIT else session.choose(move, latency)
    classroom = Classroom(store, clock=wall, source="test")
    sanne = store.trainee("Sanne de Wit", "KLAS-01")
    token = classroom.claim(sanne)
    classroom.beat(sanne.id, token, "speelt", "km-spreekkamer-dreiging", "dreiging_kil")
    mode = ServedMode(groep="KLAS-01", trainer_code="482913", data=tmp_path, wall=wall)
    return ServedRegieApp(LIB, store, mode, realtime=False, seed=lambda: 0)


async def to_trainer_view(pilot: Pilot[None]) -> None:
    from simulator.tui.screens.trainer import TrainerScreen

    app = pilot.app
    app.trainer_open = True  # type: ignore[attr-defined]
    await app.push_screen(TrainerScreen())
    await pilot.pause()


def test_trainer_view(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(trainer_app(tmp_path), terminal_size=SIZE, run_before=to_trainer_view)
