"""The library read in the background while the welcome screen is on view."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import pytest

from simulator.language.library import Library, load
from simulator.language.model import Catalogue
from simulator.store import Store
from simulator.tui.app import RegieApp
from simulator.tui.background import BackgroundLibrary
from simulator.tui.screens.scenario_list import ScenarioListScreen
from simulator.tui.screens.welcome import LIBRARY_AFTER
from tests.tuikit import LIB, fixed_clock, sign_in

EMPTY = Library(Catalogue({}), {})


def test_a_library_given_is_simply_held() -> None:
    held = BackgroundLibrary(LIB)
    held.start()  # nothing to read
    assert held.get() is LIB


def test_reading_runs_once_in_its_own_thread() -> None:
    calls: list[str] = []
    release = threading.Event()

    def read() -> Library:
        calls.append(threading.current_thread().name)
        release.wait(5)
        return LIB

    done: list[Future[Library]] = []
    source = BackgroundLibrary(read)
    source.start(done.append)
    source.start(done.append)  # a second start does not read again
    release.set()
    assert source.get() is LIB
    assert calls == ["regie-bibliotheek"]
    for thread in threading.enumerate():
        if thread.name == "regie-bibliotheek":
            thread.join(5)
    assert [f.result() for f in done] == [LIB]


def test_asked_before_it_was_started_it_is_read_there_and_then() -> None:
    calls: list[int] = []

    def read() -> Library:
        calls.append(1)
        return LIB

    source = BackgroundLibrary(read)
    assert source.get() is LIB
    assert source.get() is LIB
    source.start()  # already read: nothing happens
    assert calls == [1]


def test_an_error_while_reading_reaches_whoever_asks() -> None:
    def broken() -> Library:
        raise OSError("schijf weg")

    source = BackgroundLibrary(broken)
    with pytest.raises(OSError, match="schijf weg"):
        source.get()


def _app(tmp_path: Path, read: object) -> RegieApp:
    ticks = fixed_clock()
    store = Store(tmp_path / "regie.sqlite", now=lambda: next(ticks))
    return RegieApp(read, store, realtime=False, seed=lambda: 0)  # type: ignore[arg-type]


def _noting_thread(threads: list[str]) -> Callable[[], Library]:
    """Reads the library, noting in which thread."""

    def read() -> Library:
        threads.append(threading.current_thread().name)
        return load()

    return read


async def test_the_welcome_screen_comes_first_then_the_library(tmp_path: Path) -> None:
    """The library is read in the background while the welcome screen is on view: when the
    reading begins, the welcome screen is already there (on a busy machine that may take
    longer than the pause before the reading; the order is what counts)."""
    seen: list[tuple[str, str]] = []  # (thread, screen on view) when the reading began
    apps: list[RegieApp] = []

    def read() -> Library:
        seen.append((threading.current_thread().name, type(apps[0].screen).__name__))
        return load()

    app = _app(tmp_path, read)
    apps.append(app)
    async with app.run_test(size=(100, 34)) as pilot:
        for _ in range(100):
            if seen:
                break
            await pilot.pause(0.05)
        await sign_in(pilot)
        assert isinstance(app.screen, ScenarioListScreen)
        assert "km-spreekkamer-dreiging" in app.lib.scenarios
    assert seen == [("regie-bibliotheek", "WelcomeScreen")]


async def test_signing_in_at_once_the_library_is_read_once(tmp_path: Path) -> None:
    threads: list[str] = []
    app = _app(tmp_path, _noting_thread(threads))
    async with app.run_test(size=(100, 34)) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, ScenarioListScreen)
        await pilot.pause(LIBRARY_AFTER + 0.1)  # the background start finds it read already
    assert len(threads) == 1  # in the background, or on the spot if that had not begun


@pytest.mark.parametrize(
    ("read", "says"),
    [
        (lambda: EMPTY, "er zijn geen scenario's gevonden"),
        (lambda: 1 / 0, "de scenario's konden niet worden gelezen"),
    ],
)
async def test_no_scenarios_ends_the_app_with_a_dutch_message(
    tmp_path: Path, read: object, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    app = _app(tmp_path, read)
    async with app.run_test(size=(100, 34)) as pilot:
        for _ in range(100):
            if app.return_code is not None:
                break
            await pilot.pause(0.02)
    assert app.return_code == 1
    err = capsys.readouterr().err
    assert says in err
    assert "Traceback" not in err
