"""One browser's session in ``regie serve``: the CPU its process spends from the app's start
to the play screen, forked from a zygote as the server does.

A parent process loads what the zygote loads (``simulator.serve.zygote.served_app``: the
app, its screens and the library). For every sample it forks a child, as the zygote does
for a browser; the child plays a session headless, as a trainee does (the welcome screen;
name, pincode and "vrij oefenen"; the list; the first scenario's briefing; its play screen
drawn) and reports its own CPU time (user + system, ``os.times``; a forked child starts
from zero).

The baseline, in turns with it: the same session played again and again in one process
that has already played one. That is everything a process can share with the next session
(imports, the caches of Textual and Rich, each widget class's tables, the styles parsed
once): if the forked session costs no more than that, what is left is the work each app
does for its own screens, which a fork cannot share.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from benchmarks.common import ROOT, Figure, Loads, child_env, pairs

PARENT = r"""
import asyncio, gc, json, os, sys, time
from pathlib import Path
import tempfile

forked = sys.argv[1] == "geforkt"
count = int(sys.argv[2])
from simulator.serve import zygote
from simulator.language.library_cache import load_bundled
gc.disable()
zygote.served_app()
LIB = load_bundled()

async def session(data):
    from textual.widgets import Input, OptionList
    from simulator.store import Store
    from simulator.tui.screens.play import PlayScreen
    from simulator.tui.served import ServedMode, ServedRegieApp
    lib = LIB
    start = os.times()
    store = Store(data / "regie.sqlite")
    app = ServedRegieApp(lib, store, ServedMode(groep="G", trainer_code="123456", data=data),
                         realtime=False, seed=lambda: 0)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        s = app.screen
        s.query_one("#name", Input).value = "Sessie Meting"
        s.query_one("#pin", Input).value = "1234"
        s.query_one("#group", Input).value = "G"
        options = s.query_one("#trainings", OptionList)
        options.focus()
        options.highlighted = next(
            i for i in range(options.option_count) if options.get_option_at_index(i).id == "vrij-oefenen")
        await pilot.press("enter"); await pilot.pause()  # the list
        await pilot.press("enter"); await pilot.pause()  # the briefing
        await pilot.press("enter"); await pilot.pause()  # the play screen
        if not isinstance(app.screen, PlayScreen):
            raise RuntimeError(f"niet op het speelscherm maar op {app.screen}")
        end = os.times()
        app.exit()
    store.close()
    return (end.user - start.user) + (end.system - start.system)

out = []
if not forked:
    gc.enable()
    for n in range(count + 1):  # the first is the first session of this process
        with tempfile.TemporaryDirectory() as data:
            cpu = asyncio.run(session(Path(data)))
        if n:
            out.append(cpu)
    print(json.dumps({"cpu": out}))
    sys.exit(0)
for _ in range(count):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        gc.enable()
        code = 0
        try:
            with tempfile.TemporaryDirectory() as data:
                cpu = asyncio.run(session(Path(data)))
            os.write(w, json.dumps({"cpu": cpu}).encode())
        except BaseException as exc:
            os.write(w, json.dumps({"error": repr(exc)}).encode())
            code = 1
        os._exit(code)
    os.close(w)
    data = b""
    while chunk := os.read(r, 65536):
        data += chunk
    os.close(r)
    os.waitpid(pid, 0)
    got = json.loads(data)
    if "error" in got:
        raise RuntimeError(got["error"])
    out.append(got["cpu"])
print(json.dumps({"cpu": out}))
"""


def available() -> bool:
    import os

    return hasattr(os, "fork")


def _sessions(forked: bool, count: int) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-c", PARENT, "geforkt" if forked else "na-een-eerste", str(count)],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=ROOT,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"sessiemeting mislukt: {done.stderr.strip()[-800:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return [c * 1000 for c in result["cpu"]]


def run(quick: bool) -> list[Figure]:
    loads = Loads()
    turns = pairs(
        lambda: _sessions(True, 2 if quick else 4),
        lambda: _sessions(False, 2 if quick else 4),
        1 if quick else 4,
        loads,
    )
    forked, again = turns.medians
    return [
        Figure(
            "serve_session_cpu_to_play",
            forked,
            "ms",
            note=(
                f"CPU van een geforkte sessie, welkom tot speelscherm; {len(turns.figure)} "
                f"sessies; {forked / again:.2f} x de basis"
            ),
            baseline=again,
            baseline_name="een volgende sessie in een proces dat er al een speelde",
            load=loads.span,
        )
    ]
