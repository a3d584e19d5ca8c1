"""``regie explore``: states per second on a synthetic scenario with a large state space
(more than 150,000 states, explored completely), and all bundled scenarios together.

In-process, ``simulator.authoring.explore.explore`` as ``regie explore`` calls it. The
synthetic scenario (``benchmarks.synthetic`` with counters that the choices raise and the
routes read) has far more states than a bundled one; the rate is the states it visited
divided by the time it took (the one-off tables included, a small share of so many states).
Its baseline, in turns with it: a fixed piece of plain Python (``machine_reference``), so a
slow minute on a shared machine shows.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, Loads, machine_reference, pairs
from benchmarks.synthetic import write

FULL = {"fasen": 2400, "variables": 5, "layers": 30}  # 211,373 states
QUICK = {"fasen": 400, "variables": 4, "layers": 16}  # 11,131 states
MIN_STATES = 150_000


def _explore_synthetic(shape: dict[str, int]) -> tuple[int, float]:
    from simulator.authoring.explore import explore
    from simulator.language.library import load

    with tempfile.TemporaryDirectory(prefix="regie-bench-") as folder:
        lib = load(
            [
                write(
                    Path(folder),
                    shape["fasen"],
                    variables=shape["variables"],
                    layers=shape["layers"],
                )
            ]
        )
    (scenario,) = lib.scenarios.values()
    start = time.perf_counter()
    found = explore(scenario, lib.profile_for(scenario), lib.catalogue)
    return found.states, time.perf_counter() - start


def _explore_library(limit: int | None) -> tuple[int, float]:
    from simulator.authoring.explore import explore
    from simulator.language.library import load

    lib = load()
    states = 0
    start = time.perf_counter()
    for scenario in list(lib.scenarios.values())[:limit]:
        states += explore(scenario, lib.profile_for(scenario), lib.catalogue).states
    return states, time.perf_counter() - start


def run(quick: bool) -> list[Figure]:
    times = 1 if quick else 3
    shape = QUICK if quick else FULL
    sizes: list[int] = []

    def rate() -> float:
        states, seconds = _explore_synthetic(shape)
        sizes.append(states)
        return states / seconds

    loads = Loads()
    turns = pairs(rate, machine_reference, times, loads)
    if not quick and min(sizes) < MIN_STATES:
        raise RuntimeError(f"het synthetische scenario heeft maar {min(sizes)} toestanden")
    speed, reference = turns.medians
    figures = [
        Figure(
            "explore_states_per_second",
            speed,
            "states/s",
            100_000,
            at_least=True,
            note=f"synthetisch, {sizes[0]} toestanden, helemaal verkend",
            baseline=reference,
            baseline_name="referentielus in Python",
            baseline_unit="bewerkingen/s",
            load=loads.span,
        )
    ]
    loads = Loads()
    turns = pairs(
        lambda: _explore_library(3 if quick else None)[1], machine_reference, times, loads
    )
    seconds, reference = turns.medians
    figures.append(
        Figure(
            "explore_bundled_library",
            seconds,
            "s",
            5.0,
            note="alle meegeleverde scenario's" + ("; --quick: 3 scenario's" if quick else ""),
            baseline=reference,
            baseline_name="referentielus in Python",
            baseline_unit="bewerkingen/s",
            load=loads.span,
        )
    )
    return figures
