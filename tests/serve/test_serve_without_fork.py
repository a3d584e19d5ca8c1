"""``regie serve`` where the system cannot fork (Windows): the pool instead of the zygote.

The server runs with ``os.fork`` (and descriptor passing, and SIGHUP, and pidfds) taken away
before Regie is imported, as on Windows. Headless Chromium signs in and reaches the play
screen; the app process that serves it is one of the pool's (``simulator.serve.ready``),
started without a shell, and no zygote or launcher runs.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.serve_load import RESPONSE, launch_server, read_banner, stop_server
from tests.serve.test_serve_browser import GROUP, NAME, Keys, Page, browser, check_screenshot

__all__ = ["browser"]  # the fixture, shared with the browser test of the zygote

POOL = 2


def processes_of(session: int) -> dict[int, str]:
    """pid -> command line of every process in the server's session (Linux's /proc)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == session:  # the session id (the server leads its own)
            found[int(entry.name)] = cmdline.strip()
    return found


@pytest.fixture
def forkless_server(tmp_path: Path) -> Iterator[tuple[str, int, Path]]:
    proc = launch_server(tmp_path, GROUP, forkless=True, extra=("--voorraad", str(POOL)))
    url, _ = read_banner(proc)
    try:
        assert url, "regie serve printed no address"
        yield url, proc.pid, tmp_path
    finally:
        stop_server(proc)
    assert proc.returncode == 0
    deadline = time.monotonic() + 10
    while processes_of(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not processes_of(proc.pid), "the pool's processes outlived the server"


def test_without_fork_a_trainee_reaches_the_play_screen_through_the_pool(
    forkless_server: tuple[str, int, Path], browser: object
) -> None:
    url, server_pid, data = forkless_server
    deadline = time.monotonic() + 60
    ready: list[str] = []
    while time.monotonic() < deadline:  # the pool fills as soon as the server listens
        ready = [c for c in processes_of(server_pid).values() if "simulator.serve.ready" in c]
        if len(ready) == POOL:
            break
        time.sleep(0.2)
    assert len(ready) == POOL

    page = Page(browser)  # type: ignore[arg-type]
    page.open(url)
    page.wait_text("Uw naam")
    for typed, shown in ((NAME, NAME), ("2468", "••••"), (GROUP, GROUP)):
        page.keys(typed)
        page.wait_text(shown)
        page.keys(Keys.ENTER)
    page.keys(Keys.END, Keys.UP, Keys.ENTER)  # "Vrij oefenen"
    page.wait_text(": kies een scenario")
    page.keys(Keys.ENTER)
    page.wait_text("Leerdoelen")
    page.keys(Keys.ENTER)
    page.wait_text("Pauze")  # the play screen, with its keys
    page.keys("1")
    page.wait_text(*RESPONSE)  # the choice shows (the story goes on, or ends in the debrief)
    check_screenshot(browser.get_screenshot_as_png(), "serve-zonder-fork.png")  # type: ignore[attr-defined]

    commands = list(processes_of(server_pid).values())
    assert not [c for c in commands if "zygote" in c or "launch.py" in c]
    assert not [c for c in commands if "simulator.serve.app" in c or c.startswith("/bin/sh")]
    # the browser's process came from the pool, and once no browser came for a while
    # (pool.QUIET) the pool made a new one in its place
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        commands = list(processes_of(server_pid).values())
        if len([c for c in commands if "simulator.serve.ready" in c]) == POOL + 1:
            break
        time.sleep(0.5)
    assert len([c for c in commands if "simulator.serve.ready" in c]) == POOL + 1

    from simulator.store import Store

    with Store.open(data) as store:
        rows = store.attempts(trainee=NAME)
        assert [r.groep for r in rows] == [GROUP]
        assert store.moves(rows[0].id)
