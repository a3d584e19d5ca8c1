"""A classroom on PostgreSQL whose database is away for a moment (a restart, the network):
the trainee plays on, is told once that saving waits, and every choice is saved as soon as
the database is back. Nothing crashes, nothing is lost."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.store import Store
from simulator.tui.screens.play import PlayScreen
from simulator.tui.served import ServedMode, ServedRegieApp
from simulator.tui.widgets.story_log import StoryLog
from tests.storekit import throwaway_postgres
from tests.tuikit import LIB, fixed_clock, model_key, start_scenario

SID = "km-spreekkamer-dreiging"
pytestmark = pytest.mark.slow  # a server of its own, stopped and started: some seconds


@pytest.fixture
def own_server() -> Iterator[object]:
    """A server of this test's own: it is stopped and started again."""
    with throwaway_postgres() as server:
        yield server


async def test_the_database_away_while_playing_loses_no_choice(
    own_server: object, tmp_path: Path
) -> None:
    from benchmarks.pgserver import PgServer

    assert isinstance(own_server, PgServer)
    url = own_server.create_database()
    clock = fixed_clock()
    store = Store.open(tmp_path, database=url)
    store.now = lambda: next(clock)
    mode = ServedMode(groep=None, trainer_code="482913", data=tmp_path, wall=lambda: 1.8e9)
    app = ServedRegieApp(LIB, store, mode, realtime=False, seed=lambda: 0)
    async with app.run_test(size=(110, 36)) as pilot:
        from tests.serve.test_serve_tui import sign_in

        await sign_in(pilot, group=None)
        await start_scenario(pilot, SID)
        play = app.screen
        assert isinstance(play, PlayScreen)
        await pilot.press(model_key(pilot))
        await pilot.pause()
        attempt_id = play.session.row.id

        own_server.down()
        for _ in range(2):
            assert app.may_write()  # not signed out: the database just cannot say
            await pilot.press(model_key(pilot))
            await pilot.pause()
        story = "\n".join(text for _, text in play.query_one(StoryLog).entries)
        assert app.screen is play and app.return_code is None  # still playing
        assert story.count("Opslaan lukt even niet") == 1
        assert "nu niet bereiken" in story
        assert play.session.pending

        own_server.up()
        deadline = time.monotonic() + 15
        while play.session.pending and time.monotonic() < deadline:
            await asyncio.sleep(0.5)  # the screen tries again every few seconds
            play.next_retry = 0.0
            play.advance(0.0)
            await pilot.pause()
        assert not play.session.pending
    store.close()
    with Store.open(tmp_path, database=url) as again:
        assert len(again.moves(attempt_id)) == 3
