"""``regie serve`` in a real browser: headless Chromium (Debian's, through chromedriver)
signs in, plays one scenario to the debrief, and the trainer opens the group view.

What the test reads on the page is what the browser's terminal received: a small script
(added through the DevTools protocol, not part of Regie's page) keeps a copy of the bytes
the page's websocket got, and pyte, a terminal emulator, turns them into the screen's text.
The screenshots are looked at too: not blank, and taken while the heading is on screen.
"""

from __future__ import annotations

import base64
import os
import shutil
import statistics
import struct
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from benchmarks.serve_load import RESPONSE, launch_server, read_banner, stop_server

ROOT = Path(__file__).resolve().parents[2]
BRIEF = Path("/work/brief")
GROUP = "KLAS-01"
NAME = "Browser Trainee"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")

try:
    import pyte
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:  # pragma: no cover - the test extra installs them
    webdriver = None  # type: ignore[assignment]

if webdriver is None or CHROMIUM is None or DRIVER is None:
    reason = "needs chromium, chromedriver, selenium and pyte (.ci/run installs them)"
    if os.environ.get("CI"):
        raise RuntimeError(reason)  # in CI this test must run, never be skipped
    pytest.skip(reason, allow_module_level=True)

# Keeps a copy of what the terminal page receives, and the size it asked for.
TEE = """
window.regieBytes = [];
window.regieSize = null;
const NativeWebSocket = window.WebSocket;
window.WebSocket = function (url, protocols) {
  const ws = protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols);
  ws.addEventListener("message", (e) => {
    if (typeof e.data !== "string") window.regieBytes.push(new Uint8Array(e.data));
  });
  const send = ws.send.bind(ws);
  ws.send = (data) => {
    try { const m = JSON.parse(data); if (m[0] === "resize") window.regieSize = m[1]; } catch (_) {}
    return send(data);
  };
  return ws;
};
window.WebSocket.prototype = NativeWebSocket.prototype;
Object.assign(window.WebSocket, NativeWebSocket);
window.regieTake = function () {
  let n = 0;
  for (const c of window.regieBytes) n += c.length;
  const all = new Uint8Array(n);
  let at = 0;
  for (const c of window.regieBytes) { all.set(c, at); at += c.length; }
  window.regieBytes = [];
  let s = "";
  for (let i = 0; i < all.length; i += 8192) s += String.fromCharCode.apply(null, all.subarray(i, i + 8192));
  return btoa(s);
};
"""


class Page:
    """The terminal in the browser: keys in, the screen's text out."""

    def __init__(self, driver: webdriver.Chrome) -> None:
        self.driver = driver
        self.screen: pyte.Screen | None = None
        self.stream: pyte.ByteStream | None = None

    def open(self, url: str) -> None:
        self.driver.get(url)
        self.screen = None
        self.wait(lambda: self.driver.execute_script("return window.regieSize") is not None)
        size = self.driver.execute_script("return window.regieSize")
        self.screen = pyte.Screen(size["width"], size["height"])
        self.stream = pyte.ByteStream(self.screen)
        # the keyboard goes to the terminal (focus, not a click: a click is a mouse event)
        self.wait(
            lambda: bool(self.driver.find_elements(By.CSS_SELECTOR, ".xterm-helper-textarea"))
        )
        self.driver.execute_script("document.querySelector('.xterm-helper-textarea').focus()")

    def text(self) -> str:
        data = base64.b64decode(self.driver.execute_script("return window.regieTake()"))
        assert self.stream is not None and self.screen is not None
        self.stream.feed(data)
        return "\n".join(self.screen.display)

    def wait(self, done: Callable[[], bool], timeout: float = 40.0) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise AssertionError("het scherm veranderde niet zoals verwacht")
            time.sleep(0.1)

    def wait_text(self, *texts: str, timeout: float = 40.0) -> str:
        found: list[str] = []

        def seen() -> bool:
            screen = self.text()
            found[:] = [t for t in texts if t in screen]
            return bool(found)

        try:
            self.wait(seen, timeout)
        except AssertionError:
            raise AssertionError(f"niet op het scherm: {texts}\n{self.text_now()}") from None
        return found[0]

    def text_now(self) -> str:
        assert self.screen is not None
        return "\n".join(self.screen.display)

    def keys(self, *keys: str, pause: float = 0.35) -> None:
        """Type as a person does: a field, Enter, a moment, the next field."""
        for key in keys:
            ActionChains(self.driver).send_keys(key).perform()
            time.sleep(pause)


def png_pixels(png: bytes) -> tuple[int, int, list[int]]:
    """Width, height and the grey values of a PNG screenshot (8-bit RGB or RGBA)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, body = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6)
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    grey: list[int] = []
    previous = bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1) : (y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for i in range(stride):
            a = row[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 1:
                row[i] = (row[i] + a) & 255
            elif kind == 2:
                row[i] = (row[i] + b) & 255
            elif kind == 3:
                row[i] = (row[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        previous = row
        if y % 4 == 0:  # every fourth line is plenty to judge
            grey.extend(
                (row[i] + row[i + 1] + row[i + 2]) // 3 for i in range(0, stride, channels * 4)
            )
    return width, height, grey


def check_screenshot(png: bytes, keep: str) -> None:
    width, height, grey = png_pixels(png)
    assert width >= 800 and height >= 500
    assert statistics.pvariance(grey) > 100, "the screenshot is (nearly) one colour"
    bright = sum(1 for g in grey if g > 128) / len(grey)
    assert 0.001 < bright < 0.9, "text should stand out on the background"
    if BRIEF.is_dir():
        (BRIEF / keep).write_bytes(png)


@contextmanager
def serving(data: Path) -> Iterator[tuple[str, str]]:
    """``regie serve`` on ``data`` for group GROUP: its address and trainer code."""
    proc = launch_server(data, GROUP)
    url, code = read_banner(proc)
    try:
        assert url and code, "regie serve printed no address or trainer code"
        yield url, code
    finally:
        stop_server(proc)


@contextmanager
def headless_chromium(
    profile: Path, window: tuple[int, int] = (1280, 900), *flags: str
) -> Iterator[webdriver.Chrome]:
    """Headless Chromium with its own profile folder, a window of ``window`` pixels and the
    page's terminal bytes kept (TEE); ``flags`` are added to the usual ones."""
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--window-size={window[0]},{window[1]}",
        f"--user-data-dir={profile}",
        *flags,
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TEE})
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    with serving(tmp_path) as (url, code):
        yield url, code, tmp_path


@pytest.fixture
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    with headless_chromium(tmp_path_factory.mktemp("chromium")) as driver:
        yield driver


def test_a_trainee_plays_to_the_debrief_in_chromium_and_the_trainer_sees_it(
    server: tuple[str, str, Path], browser: webdriver.Chrome
) -> None:
    url, code, data = server
    page = Page(browser)
    page.open(url)
    page.wait_text("Uw naam")
    for typed, shown in ((NAME, NAME), ("2468", "••••"), (GROUP, GROUP)):
        page.keys(typed)
        page.wait_text(shown)  # on the screen: the app has it
        page.keys(Keys.ENTER)
    page.keys(Keys.END, Keys.UP, Keys.ENTER)  # "Vrij oefenen", just above "Trainer"
    page.wait_text(": kies een scenario")
    page.keys(Keys.ENTER)  # the first scenario
    page.wait_text("Leerdoelen")
    page.keys(Keys.ENTER)
    page.wait_text("Pauze")
    for _ in range(40):
        page.keys("1", pause=0.2)
        if page.wait_text(*RESPONSE) == "(slaaggrens":
            break
        if "(slaaggrens" in page.text_now():
            break
    screen = page.wait_text("(slaaggrens")
    text = page.text_now()
    assert "Nabespreking" in text and screen in text
    assert "GESLAAGD" in text  # "GESLAAGD" or "NIET GESLAAGD": the verdict is there
    check_screenshot(browser.get_screenshot_as_png(), "serve-debrief.png")

    # F1 reaches the app, not the browser
    page.keys(Keys.F1)
    page.wait_text("Het protocol op één pagina")
    page.keys(Keys.ESCAPE)

    from simulator.store import Store

    with Store.open(data) as store:
        rows = store.attempts(trainee=NAME)
        assert [(r.groep, r.status) for r in rows] == [(GROUP, "afgerond")]
        assert rows[0].score is not None and store.moves(rows[0].id)

    # the trainer, in the same browser after a reload (a new app process)
    page.open(url)
    page.wait_text("Uw naam")
    page.keys(Keys.ENTER, Keys.ENTER, Keys.ENTER)  # past name, pincode and group code
    page.keys(Keys.END, Keys.ENTER)  # "Trainer", the last of the list
    page.wait_text("trainercode")
    page.keys(code + Keys.ENTER)
    page.wait_text(f"Groep {GROUP}")
    text = page.wait_text("1 poging afgerond")
    page.wait_text("Groepsverslag maken")  # the footer with the trainer's keys is drawn too
    assert NAME in page.text_now() and text
    check_screenshot(browser.get_screenshot_as_png(), "serve-trainer.png")
