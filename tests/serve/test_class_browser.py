"""Klassikaal in a real browser: headless Chromium drives one projector, one trainer and three
trainees through a bundled scenario on a real ``regie serve``.

Each is a window of its own (its own websocket, its own app process on the server). The
text of a window is read as in ``test_serve_browser``: a copy of the bytes its terminal
received, turned into screen text by pyte. The projector is the page ``/beamer`` at
1280 × 720 and at 1920 × 1080: the letters must be large (about 24 lines on the screen) and
everything the room needs must be on it. With ``REGIE_DOCS_SCREENSHOTS=docs/klassikaal`` the
screenshots of ``docs/klas.md`` are written there.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.class_load import scenario_downs
from tests.serve.test_serve_browser import (
    CHROMIUM,
    DRIVER,
    TEE,
    Page,
    check_screenshot,
    headless_chromium,
    server,
)

if CHROMIUM is None or DRIVER is None:  # pragma: no cover - test_serve_browser skips first
    pytest.skip("needs chromium and chromedriver", allow_module_level=True)

from selenium import webdriver
from selenium.webdriver.common.keys import Keys

from simulator.language.library import load

__all__ = ["server"]  # the fixture: regie serve on a free port, with its trainer code

GROUP = "KLAS-01"
SID = "km-spreekkamer-dreiging"
COURSE = "klantmanager-halve-dag"
TRAINEES = ("Anna Bakker", "Bram de Vries", "Chris Jansen")
SHOTS = os.environ.get("REGIE_DOCS_SCREENSHOTS")


class Window(Page):
    """One browser window: switched to before anything is done in it."""

    def __init__(self, driver: webdriver.Chrome, handle: str) -> None:
        super().__init__(driver)
        self.handle = handle

    def focus(self) -> None:
        if self.driver.current_window_handle != self.handle:
            self.driver.switch_to.window(self.handle)

    def open(self, url: str) -> None:
        self.focus()
        super().open(url)

    def text(self) -> str:
        self.focus()
        return super().text()

    def keys(self, *keys: str, pause: float = 0.35) -> None:
        self.focus()
        super().keys(*keys, pause=pause)

    def viewport(self, width: int, height: int) -> None:
        """The size of the page in the window, as a beamer of that resolution shows it."""
        self.focus()
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def shot(self, name: str) -> bytes:
        self.focus()
        png = self.driver.get_screenshot_as_png()
        check_screenshot(png, name)
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            (Path(SHOTS) / name).write_bytes(png)
        return png


@pytest.fixture
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    with headless_chromium(
        tmp_path_factory.mktemp("chromium"),
        (1280, 900),
        "--disable-background-timer-throttling",
        "--disable-renderer-backgrounding",
        "--disable-backgrounding-occluded-windows",
    ) as driver:
        yield driver


def new_window(driver: webdriver.Chrome, first: bool = False) -> Window:
    if not first:
        driver.switch_to.new_window("window")
    handle = driver.current_window_handle
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TEE})
    return Window(driver, handle)


def as_trainer(window: Window, url: str, code: str) -> None:
    window.open(url)
    window.wait_text("Uw naam")
    window.keys(Keys.ENTER, Keys.ENTER, Keys.ENTER)  # past name, pincode and group code
    window.keys(Keys.END, Keys.ENTER)  # "Trainer", the last of the list
    window.wait_text("trainercode")
    window.keys(code + Keys.ENTER)
    window.wait_text(f"Groep {GROUP}")
    window.wait_text("Klassikaal")  # the footer with the trainer's keys


def wait_gone(window: Window, text: str, timeout: float = 40.0) -> str:
    """The screen once ``text`` is no longer on it."""
    deadline = time.monotonic() + timeout
    while text in (screen := window.text()):
        if time.monotonic() > deadline:
            raise AssertionError(f"nog op het scherm: {text}")
        time.sleep(0.1)
    return screen


def shown_step(window: Window) -> int:
    """The step a trainee's page shows ("Stap N · Wat doet u?"), 0 when none."""
    found = re.search(r"Stap (\d+) · Wat doet u\?", window.text())
    return int(found.group(1)) if found else 0


def play_out(trainer: Window, follower: Window, pick: list[str]) -> None:
    """The trainer takes the group on with ``k`` and ``pick`` (keys in the list of choices),
    leaving chance to the seed, until the story ends. Each step is done when the trainee at
    ``follower`` sees the next one (or the end): the trainer's own page redraws a moment
    after the trainees' pages, so a key pressed at once could still meet the old fase."""
    for _ in range(30):
        step = shown_step(follower)
        trainer.keys("k")
        trainer.wait_text("Met welke keuze")
        trainer.keys(*pick)
        deadline = time.monotonic() + 40
        while True:
            if "Hier speelt het toeval mee" in trainer.text():
                trainer.keys(Keys.ENTER)  # "Het toeval laten beslissen"
                wait_gone(trainer, "Hier speelt het toeval mee")
            if "Het verhaal is afgelopen" in follower.text():
                trainer.wait_text("Nabespreking van de groep")
                return
            if shown_step(follower) == step + 1:
                break
            if time.monotonic() > deadline:
                raise AssertionError(f"de groep ging niet verder na stap {step}")
            time.sleep(0.1)
    raise AssertionError("het verhaal eindigde niet")


def beamer_size(window: Window) -> tuple[int, int, int]:
    """(columns, lines, font size in px) of the terminal on the page."""
    window.focus()
    size = window.driver.execute_script("return window.regieSize")
    font = window.driver.execute_script(
        "return Number(document.getElementById('terminal').dataset.fontSize)"
    )
    return int(size["width"]), int(size["height"]), int(font)


def test_a_class_plays_a_scenario_together_in_chromium(
    server: tuple[str, str, Path], chromium: webdriver.Chrome
) -> None:
    url, code, data = server
    sc = load().scenarios[SID]

    # the trainer opens the class session on the control page
    trainer = new_window(chromium, first=True)
    as_trainer(trainer, url, code)
    trainer.keys("k")
    trainer.wait_text("Klassikaal: kies een scenario")
    trainer.keys(*([Keys.DOWN] * scenario_downs(COURSE, SID)), Keys.ENTER)
    trainer.wait_text("wacht op de start")

    # the projector: a second window, the beamer page at 1280 x 720
    beamer = new_window(chromium)
    beamer.viewport(1280, 720)
    as_trainer(beamer, f"{url}/beamer", code)
    columns, lines, font = beamer_size(beamer)
    assert 80 <= columns <= 110 and 24 <= lines <= 26, (columns, lines)
    assert font >= 22  # 3 % of the height: readable from the back of a room
    beamer.keys("b")
    beamer.wait_text("Wachten op de start")

    # three trainees join from their own browsers
    trainees = []
    for name in TRAINEES:
        window = new_window(chromium)
        window.open(url)
        window.wait_text("Uw naam")
        for typed, shown in ((name, name), ("2468", "••••"), (GROUP, GROUP)):
            window.keys(typed)
            window.wait_text(shown)
            window.keys(Keys.ENTER)
        window.keys(Keys.HOME, Keys.ENTER)  # "Klassikaal: met de groep meespelen", the first
        window.wait_text("De trainer begint zo")
        trainees.append(window)
    anna, bram, chris = trainees

    # start: everyone sees the first fase
    trainer.keys("s")
    first_words = " ".join(sc.fasen["binnenkomst"].text.split()[:4])
    for window in trainees:
        window.wait_text("Stap 1")
        assert first_words in window.text_now()
    beamer.wait_text(first_words)
    anna.keys("1")
    bram.keys("2")
    chris.keys("1")
    anna.wait_text("Uw stem: 1")
    beamer.wait_text("3 van 3 gestemd")
    screen = beamer.text()
    assert "Nog " in screen and " s" in screen  # the visitor's timer
    assert all(f"{n} " in screen for n in range(1, len(sc.fasen["binnenkomst"].choices) + 1))
    assert "stemmen (" not in screen  # the count, not what was voted
    beamer.shot("klassikaal-beamer-stemmen.png")
    anna.shot("klassikaal-trainee-stem.png")
    trainer.wait_text("✓ Chris Jansen")
    trainer.shot("klassikaal-trainer.png")

    # pause, reveal: the split on the projector and on the trainees' pages
    trainer.keys("p")
    beamer.wait_text("(pauze)")
    trainer.keys("o")
    beamer.wait_text("2 stemmen (67%)")
    assert "1 stem (33%)" in beamer.text_now()
    bram.wait_text("De stemming is gesloten. U stemde 2.")
    beamer.shot("klassikaal-beamer-onthuld.png")

    # on with the majority: everyone is in the next fase
    trainer.keys("v")
    for window in trainees:
        window.wait_text("Stap 2")
    beamer.wait_text("De groep —")

    # the trainer takes the group on (the first choice each time; chance as the seed says)
    play_out(trainer, anna, [Keys.ENTER])
    beamer.wait_text("Nabespreking van de groep")
    anna.wait_text("Het verhaal is afgelopen")
    beamer.shot("klassikaal-beamer-nabespreking.png")

    # rewind to the first fase and take the other road: two branches side by side
    trainer.keys("t")
    trainer.wait_text("Terug naar welke stap")
    trainer.keys(Keys.ENTER)
    chris.wait_text("Stap 1")
    trainer.keys("p")  # the clock runs again
    play_out(trainer, chris, [Keys.DOWN, Keys.ENTER])
    beamer.wait_text("Tak 2 (vanaf stap 1 van tak 1)")
    # a second beamer, full HD, opened now: the same debrief, as large
    wide = new_window(chromium)
    wide.viewport(1920, 1080)
    as_trainer(wide, f"{url}/beamer", code)
    columns, lines, font = beamer_size(wide)
    assert 80 <= columns <= 110 and 24 <= lines <= 26 and font >= 32, (columns, lines, font)
    wide.keys("b")
    wide.wait_text("Tak 2 (vanaf stap 1 van tak 1)")
    wide.wait_text("Alle takken naast elkaar")
    wide.shot("klassikaal-beamer-takken.png")

    # close: the trainees see their own result; the store has it all
    trainer.keys("e")
    trainer.wait_text("afsluiten?")
    trainer.keys("j")
    trainer.wait_text(f"Groep {GROUP}")
    anna.wait_text("Uw klassikale score")
    anna.shot("klassikaal-trainee-uitslag.png")

    from simulator.engine.class_session import replay
    from simulator.store import Store
    from simulator.store.classes import ClassStore

    with Store.open(data) as store:
        classes = ClassStore(store, load())
        (row,) = classes.sessions(groep=GROUP)
        assert row.status == "gesloten" and row.scenario == SID
        session = classes.load(row.id)
        assert sorted(session.state.branches) == [1, 2]
        assert [n for _, n in classes.members(row.id)] == sorted(TRAINEES)
        offered = replay(session.scenario, session.state.seed, []).presented()
        assert classes.counts(row.id, (1, 0)) == {offered[0].id: 2, offered[1].id: 1}
        assert session.state.branches[1].moves[0].ref == offered[0].id  # the majority
