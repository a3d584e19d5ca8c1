"""Key to screen on the play screen: from a choice key to the screen drawn anew.

In-process, with Textual's ``run_test`` (headless, 100 × 34) and the bundled library. The
trainee is signed in and an attempt started directly (the screens before it are not what
is measured). Each sample: post the key ``1`` to the app, wait until the screen and its
widgets have handled every message that followed (the choice, the new story lines mounted,
the choice list refilled), then let the screen compose and draw. Pilot.press is not used: it
sleeps on purpose until the process looks idle (20 ms steps), which would measure the sleep.
The clock is simulated (no timers run), so only the key's own work is timed.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, median, percentile

SCENARIO = "dossier-km-terugkerende-bezoeker"  # a long one: many keys per attempt


async def _samples(wanted: int) -> list[float]:
    from textual import events

    from simulator.language.library import load
    from simulator.store import Store
    from simulator.tui.app import RegieApp
    from simulator.tui.screens.play import PlayScreen
    from simulator.tui.widgets.story_log import StoryLog

    lib = load()
    out: list[float] = []
    with tempfile.TemporaryDirectory(prefix="regie-bench-") as data:
        seed = 0
        while len(out) < wanted:
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
            seed += 1
    return out


def run(quick: bool) -> list[Figure]:
    samples = [s * 1000 for s in asyncio.run(_samples(12 if quick else 80))]
    n = f"{len(samples)} toetsen"
    return [
        Figure("key_to_screen_median", median(samples), "ms", 16, note=n),
        Figure("key_to_screen_p95", percentile(samples, 0.95), "ms", 33, note=n),
    ]
