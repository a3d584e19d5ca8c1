"""Key to screen on the play screen: from a choice key to the screen drawn anew.

In-process, with Textual's ``run_test`` (headless, 100 × 34) and the bundled library. The
trainee is signed in and an attempt started directly (the screens before it are not what
is measured). Each sample: post the key ``1`` to the app, wait until the screen and its
widgets have handled every message that followed (the choice, the new story lines mounted,
the choice list refilled), then let the screen compose and draw. Pilot.press is not used: it
sleeps on purpose until the process looks idle (20 ms steps), which would measure the sleep.
The clock is simulated (no timers run), so only the key's own work is timed.

The baseline, in turns with it (an attempt of Regie, then as many keys of the baseline):
the same change of screen in a bare Textual app (``Bare``): a story log that grows by the
same lines, a side panel, a list of choices filled anew and a footer, no Regie at all.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import Figure, Loads, load_average, median, percentile

SCENARIO = "dossier-km-terugkerende-bezoeker"  # a long one: many keys per attempt


def _bare_app() -> Any:
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.containers import Horizontal, Vertical
    from textual.widgets import Footer, Header, OptionList, RichLog, Static

    class Bare(App[None]):
        CSS = """
        #stage { height: 1fr; }
        RichLog { width: 2fr; border: round $primary; }
        #side { width: 1fr; }
        #side Static { border: round $secondary; height: auto; }
        OptionList { height: auto; max-height: 10; }
        """
        BINDINGS = [
            Binding("f1", "bell", "Hulp"),
            Binding("p", "bell", "Pauze"),
            Binding("s", "bell", "Stoppen"),
        ]

        def __init__(self) -> None:
            super().__init__()
            self.step = 0

        def compose(self) -> ComposeResult:
            yield Header()
            with Horizontal(id="stage"):
                yield RichLog(wrap=True, markup=True)
                with Vertical(id="side"):
                    yield Static("Bezoeker: Jan Jansen\nfrustratie", id="visitor")
                    yield Static("niveau 1: onrust", id="level")
                    yield Static("▇▇▇▇▇▇▇▇▇▇ 20 s", id="timer")
            yield OptionList(*self.options())
            yield Footer()

        def options(self) -> list[str]:
            return [
                f"{i}. Keuze {i} in stap {self.step}: een zin van ongeveer de lengte van een echte keuze"
                for i in range(1, 5)
            ]

        def on_key(self, event: Any) -> None:
            if event.key != "1":
                return
            self.step += 1
            log = self.query_one(RichLog)
            log.write(f"[b]U:[/b] een keuze van ongeveer de lengte van een echte ({self.step})")
            log.write("→ Goed zo: u benoemt het gedrag en stelt een grens.")
            log.write(f"De bezoeker reageert op wat u zei, in een zin of twee. (stap {self.step})")
            self.query_one("#level", Static).update(f"niveau {self.step % 4}: onrust")
            choices = self.query_one(OptionList)
            choices.clear_options()
            choices.add_options(self.options())

    return Bare()


async def _regie(out: list[float], wanted: int, data: str, seed: int, lib: Any) -> None:
    """One attempt of Regie (or until ``wanted`` samples)."""
    from textual import events

    from simulator.store import Store
    from simulator.tui.app import RegieApp
    from simulator.tui.screens.play import PlayScreen
    from simulator.tui.widgets.story_log import StoryLog

    store = Store(Path(data) / "regie.sqlite")
    app = RegieApp(lib, store, realtime=False, seed=lambda: 0)
    async with app.run_test(size=(100, 34)) as pilot:
        app.sign_in("Bench Mark", None)
        app.start_attempt(SCENARIO, course=None, mode="training", seed=seed)
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        log = play.query_one(StoryLog)
        while not play.session.attempt.finished and len(out) < wanted:
            steps = play.session.attempt.step
            start = time.perf_counter()
            app.post_message(events.Key("1", "1"))
            await pilot._wait_for_screen()
            await pilot._wait_for_screen()  # the lines mounted by the first round
            play._on_timer_update()  # compose and draw now
            out.append(time.perf_counter() - start)
            if play.session.attempt.step == steps or not log.entries:
                raise RuntimeError("de toets '1' veranderde niets op het speelscherm")
            await pilot.pause()
    store.close()


async def _bare(out: list[float], keys: int) -> None:
    from textual import events

    app = _bare_app()
    async with app.run_test(size=(100, 34)) as pilot:
        await pilot.pause()
        for _ in range(keys):
            step = app.step
            start = time.perf_counter()
            app.post_message(events.Key("1", "1"))
            await pilot._wait_for_screen()
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            out.append(time.perf_counter() - start)
            if app.step == step:
                raise RuntimeError("de toets '1' veranderde niets in de kale app")
            await pilot.pause()


async def _samples(wanted: int, loads: Loads) -> tuple[list[float], list[float]]:
    from simulator.language.library import load

    lib = load()
    regie: list[float] = []
    bare: list[float] = []
    with tempfile.TemporaryDirectory(prefix="regie-bench-") as data:
        seed = 0
        while len(regie) < wanted:
            load = load_average()
            if load is not None:
                loads.seen.append(load)
            before = len(regie)
            await _regie(regie, wanted, data, seed, lib)
            await _bare(bare, max(1, len(regie) - before))
            seed += 1
    return regie, bare


def run(quick: bool) -> list[Figure]:
    loads = Loads()
    regie, bare = asyncio.run(_samples(12 if quick else 80, loads))
    ms, base = [s * 1000 for s in regie], [s * 1000 for s in bare]
    n = f"{len(ms)} toetsen"
    baseline = "dezelfde verandering in kale Textual"
    return [
        Figure(
            "key_to_screen_median",
            median(ms),
            "ms",
            16,
            note=n,
            baseline=median(base),
            baseline_name=baseline,
            load=loads.span,
        ),
        Figure(
            "key_to_screen_p95",
            percentile(ms, 0.95),
            "ms",
            33,
            note=n,
            baseline=percentile(base, 0.95),
            baseline_name=baseline,
            load=loads.span,
        ),
    ]
