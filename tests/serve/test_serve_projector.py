"""The trainer view on a projector: ``regie serve`` in headless Chromium at 1366 × 768.

What is read is the terminal's own buffer (the bytes the page's terminal received, turned
into a screen by pyte; see tests/test_serve_browser.py), not the page's innerText: a cell
cut off by the table shows there as it shows on the wall. The screenshot is read too: every
bar cell must be drawn solid (the browser's terminal draws shading as dots).
"""

from __future__ import annotations

import struct
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.keys import Keys

from simulator.engine.bots import play_bot
from simulator.language.screen_fit import METER_EMPTY, METER_FULL
from simulator.reports.live import group_live
from simulator.store import Store
from simulator.store.classroom import Classroom
from simulator.store.session import Session
from simulator.tui.widgets.group_table import COLUMNS
from tests.serve.test_serve_browser import GROUP, Page, headless_chromium, serving
from tests.tuikit import LIB

WINDOW = (1366, 768)
PLAYERS = (  # (name, scenario, bot): finished attempts that break rules, for the ranking
    ("Annemarie van den Heuvel", "km-spreekkamer-dreiging", "inhoud-eerst"),
    ("Mohammed Ait Lahcen", "dossier-bev-escalatieladder", "toegever"),
    ("Sanne de Wit", "km-balie-afwijzing", "nietsdoener"),
)
PLAYING = ("Sanne de Wit", "dossier-km-terugkerende-bezoeker")  # in the middle of a fase


def seed_group(data: Path) -> None:
    """Three trainees with finished attempts, one of them playing right now."""
    with Store.open(data) as store:
        for name, sid, bot in PLAYERS:
            trainee = store.trainee(name, GROUP)
            sc = LIB.scenarios[sid]
            _, moves = play_bot(sc, LIB.catalogue, bot, 0)
            session = Session.start(store, LIB, trainee, sid, 0, "training")
            for move, latency in moves:
                session.wait() if move == "wacht" else session.choose(move, latency)


def say_playing(data: Path) -> None:
    """Sanne is in a fase of a long scenario: her presence, as her browser would beat it."""
    name, sid = PLAYING
    sc = LIB.scenarios[sid]
    fase = next(f for f in sc.fasen.values() if f.choices and len(f.text) > 150)
    with Store.open(data) as store:
        classroom = Classroom(store, clock=time.time, source="test")
        trainee = store.trainee(name, GROUP)
        token = classroom.claim(trainee)
        classroom.beat(trainee.id, token, "speelt", sid, fase.id)


def png_rows(png: bytes) -> tuple[int, int, list[list[int]]]:
    """Width, height and every row of grey values of a PNG screenshot (8-bit RGB/RGBA)."""
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
    rows: list[list[int]] = []
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
        rows.append([sum(row[i : i + 3]) // 3 for i in range(0, stride, channels)])
    return width, height, rows


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    seed_group(tmp_path)
    with serving(tmp_path) as (url, code):
        yield url, code, tmp_path


@pytest.fixture
def projector(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    profile = tmp_path_factory.mktemp("chromium")
    with headless_chromium(profile, WINDOW, "--force-device-scale-factor=1") as driver:
        yield driver


class Unfocused(Page):
    """The page as a trainee gets it: nobody clicks or focuses anything first."""

    def open(self, url: str) -> None:
        import pyte

        self.driver.get(url)
        self.wait(lambda: self.driver.execute_script("return window.regieSize") is not None)
        size = self.driver.execute_script("return window.regieSize")
        self.screen = pyte.Screen(size["width"], size["height"])
        self.stream = pyte.ByteStream(self.screen)


def cells(header: str, line: str) -> dict[str, str]:
    """A table row cut into its columns, at the places the header's names start."""
    starts = [header.index(f" {name}") + 1 for name in COLUMNS]
    ends = [*starts[1:], len(line)]
    return {
        name: line[start:end].strip()
        for name, start, end in zip(COLUMNS, starts, ends, strict=True)
    }


def whole_or_cut_after_a_word(shown: str, full: str) -> bool:
    if shown == full:
        return True
    if not shown.endswith("…"):
        return False
    head = shown[:-1]
    return full.startswith(head) and (len(head) == len(full) or full[len(head)] in " ,:;.")


def test_the_trainer_view_fits_a_projector_and_its_bars_are_solid(
    served: tuple[str, str, Path], projector: webdriver.Chrome
) -> None:
    url, code, data = served
    page = Unfocused(projector)
    page.open(url)
    # the keyboard goes to the name field at once: no click into the page first
    page.wait(
        lambda: bool(
            projector.execute_script(
                "return document.activeElement && "
                "document.activeElement.classList.contains('xterm-helper-textarea')"
            )
        )
    )
    welcome = page.wait_text("Trainer: de groep volgen")  # in view without scrolling
    assert welcome
    page.keys("Typ")
    page.wait_text("Typ")  # it reached the focused field

    page.keys(Keys.ENTER, Keys.ENTER, Keys.ENTER)  # past name, pincode and group code
    page.keys(Keys.END, Keys.ENTER)  # "Trainer", the last of the list
    page.wait_text("trainercode")
    say_playing(data)
    page.keys(code + Keys.ENTER)
    page.wait_text(f"Groep {GROUP}")
    page.wait_text("Groepsverslag maken")
    assert page.screen is not None
    columns, rows = page.screen.columns, page.screen.lines
    assert (columns, rows) == (151, 29)  # what 1366 × 768 gives the browser's terminal
    time.sleep(1.0)  # the canvas paints after the bytes arrive
    screen = page.text_now().splitlines()

    # every column in view, every cell whole or cut after a whole word
    (header,) = [line for line in screen if all(f" {name}" in line for name in COLUMNS)]
    with Store.open(data) as store:
        live = group_live(store, Classroom(store, clock=time.time), LIB, GROUP)
    assert len(live.trainees) == len(PLAYERS)
    for trainee in live.trainees:
        (line,) = [line for line in screen if line.lstrip().startswith(trainee.name[:12])]
        shown = cells(header, line)
        full = {
            "naam": trainee.name,
            "nu": trainee.now,
            "scenario": trainee.scenario,
            "waar": trainee.fase,
            "af": str(trainee.finished),
            "gehaald": str(len(trainee.passed)),
            "laatste": trainee.last,
        }
        for column in COLUMNS:
            assert whole_or_cut_after_a_word(shown[column], full[column]), (column, shown)
        assert shown["naam"] == trainee.name and shown["nu"] == trainee.now
        result = " ".join(full["laatste"].split()[:2])  # the score and ✓ or ✗
        assert shown["laatste"].startswith(result)
    playing = next(t for t in live.trainees if t.name == PLAYING[0])
    assert playing.fase[0].isdigit() and " · " in playing.fase and "_" not in playing.fase
    assert LIB.scenarios[PLAYING[1]].title[:10] in "\n".join(screen)

    # the ranking's bars are solid blocks on a thin track, in the screenshot too
    bars = [
        (y, x)
        for y, line in enumerate(screen)
        for x, ch in enumerate(line)
        if ch in (METER_FULL, METER_EMPTY)
    ]
    assert len(bars) >= 40, "the ranking shows its bars"
    box = projector.execute_script(
        "const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
        "return [r.left, r.top, r.width, r.height];"
    )
    png = projector.get_screenshot_as_png()
    width, height, grey = png_rows(png)
    cell_w, cell_h = box[2] / columns, box[3] / rows
    checked = 0
    for y, x in bars:
        left, top = box[0] + x * cell_w, box[1] + y * cell_h
        x0, x1 = int(left + 2), int(left + cell_w - 2)
        y0, y1 = int(top + 2), int(top + cell_h - 2)
        assert 0 <= x0 < x1 <= width and 0 <= y0 < y1 <= height
        for py in range(y0, y1):
            row = grey[py][x0:x1]
            # solid: each pixel row of the cell is one grey (shading is a pattern of dots)
            assert max(row) - min(row) <= 40, (screen[y][x], x, y, row)
        if screen[y][x] == METER_FULL:  # and a full block is one grey from top to bottom
            inside = [grey[py][x0 + (x1 - x0) // 2] for py in range(y0, y1)]
            assert max(inside) - min(inside) <= 40
        checked += 1
    assert checked == len(bars)
