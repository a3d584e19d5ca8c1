"""Start-up: process start to the first screen ready, headless, for Regie and, as its
baseline, the same welcome widgets in a bare Textual app (``FORM``); a minimal Textual app
(a Label and a Footer) for reference. Measured side by side, in turns, in the same run.

Each side is a fresh interpreter. Regie starts as ``regie`` does (``simulator.cli.main``
with an empty data folder), except that ``App.run`` is made headless with an auto-pilot
that, once the first screen is ready (the screen on top mounted with all its widgets, and
its next frame drawn), prints a line and exits. The parent times from
spawning the process to reading that line. The two sides alternate, so noise on this
shared machine hits both alike.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

from benchmarks.common import ROOT, Figure, Loads, child_env, median, pairs

_HOOK = """
import asyncio
import sys
from textual.app import App

_run = App.run

async def first_screen_drawn(app):
    # Textual's ready callback comes before the first screen's widgets are mounted: wait
    # until the screen on top is mounted with everything in it, then for its next frame.
    while not (app.screen.is_mounted and all(w.is_mounted for w in app.screen.walk_children())):
        await asyncio.sleep(0)
    drawn = asyncio.get_running_loop().create_future()
    app.screen.call_after_refresh(lambda: drawn.set_result(None))
    await drawn

def run(self, *args, **kwargs):
    async def ready(pilot):
        await first_screen_drawn(pilot.app)
        print("klaar", flush=True)
        pilot.app.exit()
    kwargs.update(headless=True, auto_pilot=ready)
    return _run(self, *args, **kwargs)

App.run = run
"""

REGIE = (
    _HOOK
    + """
from simulator.cli import main
sys.exit(main(["--data", sys.argv[1]]))
"""
)

MINIMAL = (
    _HOOK
    + """
from textual.app import App, ComposeResult
from textual.widgets import Footer, Label

class Minimal(App[None]):
    BINDINGS = [("q", "quit", "Stoppen")]

    def compose(self) -> ComposeResult:
        yield Label("Hallo")
        yield Footer()

Minimal().run()
"""
)

# For reference, not a target: the widgets of Regie's welcome screen in a bare Textual app,
# so the figures show what the first screen itself costs and what is Regie's own work.
FORM = (
    _HOOK
    + """
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

class Form(Screen[None]):
    BINDINGS = [("f1", "app.bell", "Hulp")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("[b]Welkom.[/b] Een alinea uitleg over wat u hier oefent.")
            yield Label("Uw naam")
            yield Input(placeholder="bijvoorbeeld Sanne de Wit", id="name")
            yield Label("Groepscode")
            yield Input(placeholder="bijvoorbeeld KM-UTR-03")
            yield Label("Kies uw training")
            yield OptionList(*(Option(f"Training {i}", id=f"t{i}") for i in range(4)))
            yield Static("")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name").focus()

class Bare(App[None]):
    BINDINGS = [("f2", "bell", "Thema"), ("ctrl+q", "quit", "Afsluiten")]

    def on_mount(self) -> None:
        self.push_screen(Form())

Bare().run()
"""
)


def to_first_screen(code: str, data: str) -> float:
    # a terminal to type in, as a trainee has (bare regie refuses to start without one)
    primary, terminal = os.openpty() if hasattr(os, "openpty") else (None, None)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", code, data],
        stdin=terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=ROOT,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    _, err = proc.communicate(timeout=60)
    for fd in (primary, terminal):
        if fd is not None:
            os.close(fd)
    if line.strip() != "klaar":
        raise RuntimeError(f"de app kwam niet bij haar eerste scherm: {err.strip()[-800:]}")
    return elapsed


def run(quick: bool) -> list[Figure]:
    times = 1 if quick else 9
    minimal: list[float] = []
    loads = Loads()
    with tempfile.TemporaryDirectory(prefix="regie-bench-") as data:
        for code in (MINIMAL, FORM, REGIE):  # warm the file caches
            to_first_screen(code, data)

        def regie_and_minimal() -> float:
            minimal.append(to_first_screen(MINIMAL, data))
            return to_first_screen(REGIE, data)

        turns = pairs(regie_and_minimal, lambda: to_first_screen(FORM, data), times, loads)
    r, f = turns.medians
    m = median(minimal)
    form = "dezelfde welkomstwidgets in kale Textual"
    return [
        Figure(
            "startup_regie",
            r * 1000,
            "ms",
            note="proces-start tot eerste scherm",
            baseline=f * 1000,
            baseline_name=form,
            load=loads.span,
        ),
        Figure(
            "startup_ratio",
            r / f,
            "x",
            1.15,
            note=f"Regie gedeeld door {form}",
            load=loads.span,
        ),
        Figure(
            "startup_welcome_form_textual",
            f * 1000,
            "ms",
            note=f"{form}; {f / m:.2f} x een kale app met één label",
            load=loads.span,
        ),
        Figure("startup_minimal_textual", m * 1000, "ms", note="Label + Footer", load=loads.span),
    ]
