"""The real program in a real terminal: tmux starts `regie`, we send keys and read the screen."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from simulator.store import Store

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None and not os.environ.get("CI"),
    reason="tmux is not installed (.ci/run installs it)",
)


class Terminal:
    def __init__(self, command: str, width: int = 100, height: int = 32) -> None:
        self.name = f"regie-{uuid.uuid4().hex[:8]}"
        subprocess.run(
            [
                "tmux",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                str(width),
                "-y",
                str(height),
                command,
            ],
            check=True,
        )

    def screen(self) -> str:
        out = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return out.stdout

    def send(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"'{text}' verscheen niet op het scherm:\n{self.screen()}")

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True)


def model_openings(sid: str) -> list[str]:
    """The first words of every model answer in the scenario, as they open a line on screen."""
    from simulator.language.library import load

    scenario = load().scenario(sid)
    return [
        " ".join(c.text.split())[:24] for f in scenario.fasen.values() for c in f.choices if c.model
    ]


def number_of_model_answer(screen: str, openings: list[str]) -> str | None:
    """The number the screen shows before the model answer (the order is shuffled), or None
    when it is not in view (the list has more choices than it shows)."""
    for line in screen.splitlines():
        m = re.search(r"(?:^|[│|\s])([1-9])  (.+)", line)
        if m and any(" ".join(m.group(2).split()).startswith(o[:20]) for o in openings):
            return m.group(1)
    return None


def test_play_one_scenario_to_the_debrief_in_a_real_terminal(tmp_path: Path) -> None:
    regie = shutil.which("regie") or f"{sys.executable} -m simulator"
    term = Terminal(
        f"env TERM=xterm-256color REGIE_CACHE={tmp_path / 'cache'} {regie} --data {tmp_path}"
    )
    try:
        term.wait_for("Welkom bij Regie")
        time.sleep(1.0)  # let the app settle, as a person would look before typing
        for keys in (
            ("Sanne de Wit",),
            ("Enter",),
            ("Enter",),
            ("Down",),
            ("Down",),
            ("Down",),
            ("Down",),
        ):
            term.send(*keys)
            time.sleep(0.3)
        term.send("Enter")  # 'Vrij oefenen'
        screen = term.wait_for("Dreiging in de spreekkamer")
        row = re.search(r"^\W*(\d+)\s+Dreiging in de spreekkamer", screen, re.MULTILINE)
        assert row, screen
        for _ in range(int(row.group(1)) - 1):
            term.send("Down")
            time.sleep(0.2)
        term.send("Enter")
        term.wait_for("Beginnen")
        time.sleep(0.5)
        term.send("Enter")
        term.wait_for("Wat doet u?")
        models = model_openings("km-spreekkamer-dreiging")
        for _ in range(40):  # read the screen as a trainee would, and pick the model answer
            screen = term.screen()
            if "Nabespreking" in screen:
                break
            number = number_of_model_answer(screen, models)
            term.send(number or "Down")  # not in view: scroll the list, as a trainee would
            time.sleep(0.6 if number else 0.2)
        screen = term.wait_for("Nabespreking")
        assert "GESLAAGD" in screen and "NIET GESLAAGD" not in screen
        assert "score 100 van 100" in screen
        term.send("C-q")
        time.sleep(0.5)
    finally:
        term.close()
    with Store(tmp_path / "regie.sqlite") as store:
        rows = store.attempts(trainee="Sanne de Wit")
    assert [(r.scenario, r.status, r.score) for r in rows] == [
        ("km-spreekkamer-dreiging", "afgerond", 100)
    ]
