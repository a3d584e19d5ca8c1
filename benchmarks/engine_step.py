"""Engine step with incremental scoring: one ``Attempt.choose`` plus the folds' update for
that step, the way a live app scores as it goes.

In-process. Every bundled scenario is played many times with a seeded random choice at
each step; each sample times one choice and folding the trace events it produced into the
``Judge`` state (``tick`` for the time that passed, ``decide`` for the choice, ``visit`` for
the fasen it led to), as ``scoring.judge.fold_events`` does for any run of trace events.
"""

from __future__ import annotations

import random
import time

from benchmarks.common import Figure, median, percentile


def samples(rounds: int) -> list[float]:
    from scoring.judge import Judge, fold_events
    from simulator.engine.attempt import Attempt
    from simulator.language.library import load

    lib = load()
    rng = random.Random(9)
    out: list[float] = []
    for scenario in lib.scenarios.values():
        judge = Judge(scenario, lib.profile_for(scenario), lib.catalogue)
        for seed in range(rounds):
            attempt = Attempt(scenario, seed)
            s, t = fold_events(judge, scenario, attempt.trace, judge.start(), 0.0)
            done = len(attempt.trace)
            while not attempt.finished and len(attempt.trace) < 2000:
                pick = rng.choice(attempt.offered()).id
                start = time.perf_counter()
                attempt.choose(pick)
                s, t = fold_events(judge, scenario, attempt.trace[done:], s, t)
                out.append(time.perf_counter() - start)
                done = len(attempt.trace)
            if attempt.finished:  # the verdicts are there: the fold really ran
                judge.statuses(s)
    return out


def run(quick: bool) -> list[Figure]:
    micro = [x * 1e6 for x in samples(3 if quick else 30)]
    return [
        Figure("engine_step_median", median(micro), "µs", 50, note=f"{len(micro)} stappen"),
        Figure("engine_step_p95", percentile(micro, 0.95), "µs", note="ter informatie"),
    ]
