"""Faults while a trainee plays (issue 19, item 11): a full disk and a store held by another
program. The app must not freeze or end with a traceback, and no move may be lost.

The full disk is a real one where the machine lets the test mount a small tmpfs (then filled
to the last byte); elsewhere the store's writes fail as SQLite fails them on a full disk.
A report on a full disk (ENOSPC) and a read-only folder are in store/test_store_files.py and
store/test_store.py.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.store import Store
from simulator.tui.app import RegieApp
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.play import PlayScreen
from simulator.tui.widgets.story_log import StoryLog
from tests.tuikit import make_app, model_key, play_directly

SID = "km-spreekkamer-dreiging"
SIZE = (110, 36)


def story(play: PlayScreen) -> str:
    return "\n".join(text for _, text in play.query_one(StoryLog).entries)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A folder on a tmpfs of 2 MB, where the machine allows mounting one; else None."""
    folder = tmp_path / "klein"
    folder.mkdir()
    if not sys.platform.startswith("linux") or shutil.which("mount") is None:
        yield None
        return
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


class Disk:
    """Fills the disk and frees it again: a real tmpfs, or (where none can be mounted) the
    store's writes failing as SQLite fails them on a full disk."""

    def __init__(self, folder: Path | None, app: RegieApp, monkeypatch: pytest.MonkeyPatch):
        self.folder, self.app, self.monkeypatch = folder, app, monkeypatch

    def fill(self) -> None:
        if self.folder is None:
            from simulator.store.engines.sqlite import translate

            def full(*args: object, **kwargs: object) -> None:
                error = sqlite3.OperationalError("database or disk is full")
                raise translate(error, self.app.store.path)

            for method in ("record_move", "record_events", "finish_attempt"):
                self.monkeypatch.setattr(self.app.store, method, full)
            return
        with (self.folder / "vulsel").open("wb") as filler, contextlib.suppress(OSError):
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()

    def free(self) -> None:
        if self.folder is None:
            self.monkeypatch.undo()
        else:
            (self.folder / "vulsel").unlink()


async def test_a_full_disk_while_playing_loses_no_move(
    small_disk: Path | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(small_disk or tmp_path)
    disk = Disk(small_disk, app, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        play = await play_directly(pilot, SID)
        disk.fill()
        for _ in range(3):
            await pilot.press(model_key(pilot))
            await pilot.pause()
        assert app.screen is play and app.return_code is None  # still playing, no crash
        assert "Opslaan lukt even niet" in story(play)
        assert "de schijf is vol" in story(play)  # the store's Dutch reason
        assert story(play).count("Opslaan lukt even niet") == 1  # said once
        row = play.session.row
        assert play.session.pending

        disk.free()
        play.next_retry = 0.0
        play.advance(0.0)
        await pilot.pause()
        assert not play.session.pending
        assert "Alles is weer opgeslagen." in story(play)
        assert len(app.store.moves(row.id)) == 3
        while not play.session.attempt.finished:
            await pilot.press(model_key(pilot))
            await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
    app.store.close()
    with Store((small_disk or tmp_path) / "regie.sqlite") as store:
        (saved,) = store.attempts()
        assert saved.status == "afgerond" and saved.score == 100


async def test_a_store_held_by_another_program_does_not_freeze_the_game(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        play = await play_directly(pilot, SID)
        holder = sqlite3.connect(tmp_path / "regie.sqlite", isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # another program writes, and takes its time
        try:
            key = model_key(pilot)
            started = time.monotonic()
            await pilot.press(key)
            await pilot.pause()
            waited = time.monotonic() - started
            assert waited < 6, f"the screen stood still for {waited:.1f} s"
            assert "Opslaan lukt even niet" in story(play)
            assert "bezet" in story(play)
            assert play.session.pending
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        play.next_retry = 0.0
        play.advance(0.0)
        await pilot.pause()
        assert not play.session.pending
        assert len(app.store.moves(play.session.row.id)) == 1
