"""``regie serve`` with a class at once: the figures of ``benchmarks.serve_load``, in two
shapes, and a session alone as the baseline.

Runs ``python -m benchmarks.serve_load --json`` in a subprocess three times: one browser on
its own (the baseline: what a key and the first screen cost on a quiet server), then a
class of 30 that arrives over a minute (a browser every 2 s: how a room fills), then a
burst of 30 in 15 s (every 0.5 s: "now all open the page"). ``--quick``: 3 browsers. The
targets of issue 23: the class p95 key to screen at most 150 ms and first screen p95 at most
1 s; the burst p95 key to screen at most 500 ms; at most 60 MB per session (PSS).
"""

from __future__ import annotations

import importlib.util
from typing import Any

from benchmarks.common import Figure, run_module

SHAPES = {  # name: (sessions, seconds between two browsers)
    "alleen": (1, 0.0),
    "klas": (30, 2.0),
    "stoot": (30, 0.5),
}


def available() -> bool:
    return importlib.util.find_spec("benchmarks.serve_load") is not None


def _load(sessions: int, stagger: float) -> dict[str, Any]:
    return run_module("serve_load", "--sessions", str(sessions), "--stagger", str(stagger))


def run(quick: bool) -> list[Figure]:
    outcomes = {}
    for name, (sessions, stagger) in SHAPES.items():
        if quick and name != "alleen":
            sessions = 3
        outcomes[name] = _load(sessions, stagger)

    def value(shape: str, figure: str) -> float:
        return float(outcomes[shape]["figures"][figure]["value"])

    def load(shape: str) -> tuple[float, float] | None:
        low, high = value(shape, "serve_load_min"), value(shape, "serve_load_max")
        return None if high == 0 else (low, high)

    def note(shape: str) -> str:
        sessions, stagger = SHAPES[shape]
        if quick:
            sessions = 3
        finished = value(shape, "serve_sessions_finished")
        problems = "; ".join(outcomes[shape].get("problems", []))[:200]
        text = f"{sessions} browsers, om de {stagger:g} s; {finished:.0f} speelden uit"
        return text + (f"; {problems}" if problems else "")

    alone_key = value("alleen", "serve_key_to_screen_p95")
    alone_first = value("alleen", "serve_first_screen_max")
    figures: list[Figure] = []
    for shape, key_limit, first_limit in (("klas", 150.0, 1.0), ("stoot", 500.0, None)):
        figures += [
            Figure(
                f"serve_{shape}_key_to_screen_p95",
                value(shape, "serve_key_to_screen_p95"),
                "ms",
                None if quick else key_limit,
                note=note(shape),
                baseline=alone_key,
                baseline_name="één browser alleen",
                load=load(shape),
            ),
            Figure(
                f"serve_{shape}_key_to_screen_median",
                value(shape, "serve_key_to_screen_median"),
                "ms",
                note="ter informatie",
                load=load(shape),
            ),
            Figure(
                f"serve_{shape}_first_screen_p95",
                value(shape, "serve_first_screen_p95"),
                "s",
                None if quick or first_limit is None else first_limit,
                note=f"van pagina openen tot welkomstscherm; max {value(shape, 'serve_first_screen_max'):.1f} s",
                baseline=alone_first,
                baseline_name="één browser alleen",
                load=load(shape),
            ),
        ]
    figures += [
        Figure(
            "serve_session_pss_median",
            value("stoot", "serve_session_pss_median"),
            "MB",
            note="geheugen per sessie (PSS), de stoot",
        ),
        Figure(
            "serve_session_pss_max",
            value("stoot", "serve_session_pss_max"),
            "MB",
            60.0,
            note="geheugen per sessie (PSS), de stoot",
        ),
    ]
    return figures
