"""``regie explore``: states per second on a synthetic scenario with a large state space, and
all bundled scenarios together.

In-process, ``simulator.authoring.explore.explore`` as ``regie explore`` calls it. The synthetic
scenario (``benchmarks.synthetic`` with extra counters that the choices raise) has far more
states than a bundled one; the exploration stops at a cap, and the rate is the states it
visited divided by the time it took.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, median
from benchmarks.synthetic import write


def _explore_synthetic(cap: int) -> tuple[int, float]:
    from simulator.authoring.explore import explore
    from simulator.language.library import load

    with tempfile.TemporaryDirectory(prefix="regie-bench-") as folder:
        lib = load([write(Path(folder), 400, variables=4, layers=16)])
    (scenario,) = lib.scenarios.values()
    start = time.perf_counter()
    found = explore(scenario, lib.profile_for(scenario), lib.catalogue, max_states=cap)
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
    synthetic = [_explore_synthetic(3_000 if quick else 200_000) for _ in range(times)]
    rate = median([n / t for n, t in synthetic])
    states = synthetic[0][0]
    figures = [
        Figure(
            "explore_states_per_second",
            rate,
            "states/s",
            100_000,
            at_least=True,
            note=f"synthetisch, {states} toestanden",
        )
    ]
    library = [_explore_library(3 if quick else None) for _ in range(times)]
    figures.append(
        Figure(
            "explore_bundled_library",
            median([t for _, t in library]),
            "s",
            5.0,
            note=f"{library[0][0]} toestanden" + ("; --quick: 3 scenario's" if quick else ""),
        )
    )
    return figures
