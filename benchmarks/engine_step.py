"""Engine step with incremental scoring: one ``Attempt.choose`` plus the folds' update for
that step, the way a live app scores as it goes.

``engine_step``: in-process. Every bundled scenario is played many times with a seeded
random choice at each step; each sample times one choice and folding the trace events it
produced into the ``Judge`` state (``tick`` for the time that passed, ``decide`` for the
choice, ``visit`` for the fasen it led to), as ``scoring.judge.fold_events`` does for any
run of trace events. Its baseline, in turns with it: firing a trigger on a ``transitions``
machine of two states (what any step costs before Regie does anything).

``engine_step_after_10k``: in a fresh interpreter that loads a scenario of 10,000 fasen as
``regie run`` does (from the checked-model cache, then ``gc.freeze``), the same steps in
that scenario. Its baseline, in turns with it: the same process without ``gc.freeze``, where
every full collection walks the whole model again.
"""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from benchmarks.common import Figure, Loads, child_env, median, pairs, percentile, run_child
from benchmarks.synthetic import write


def _steps(scenarios: list[object], lib: object, rng: random.Random, rounds: int) -> list[float]:
    from scoring.judge import Judge, fold_events
    from simulator.engine.attempt import Attempt
    from simulator.language.library import Library
    from simulator.language.model import Scenario

    assert isinstance(lib, Library)
    out: list[float] = []
    for scenario in scenarios:
        assert isinstance(scenario, Scenario)
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


def _two_states(count: int) -> list[float]:
    """``count`` triggers fired on a machine of two states, one timed sample each."""
    from transitions import Machine

    class Model:
        state: str

    model = Model()
    machine = Machine(
        model=model,
        states=["a", "b"],
        initial="a",
        auto_transitions=False,
        transitions=[["heen", "a", "b"], ["terug", "b", "a"]],
    )
    heen, terug = machine.events["heen"], machine.events["terug"]
    out = []
    for i in range(count):
        event = heen if i % 2 == 0 else terug
        start = time.perf_counter()
        event.trigger(model)
        out.append(time.perf_counter() - start)
    return out


AFTER_10K = """
import gc, json, random, sys, time
from benchmarks.engine_step import _steps
from simulator.cli.inputs import load_for_run
from simulator.language.model_cache import ModelCache

if sys.argv[2] == "zonder-freeze":
    import simulator.cli.inputs
    simulator.cli.inputs.keep_for_good = lambda: None
lib, sid = load_for_run(sys.argv[1], ModelCache.open())
samples = _steps([lib.scenario(sid)], lib, random.Random(9), int(sys.argv[3]))
print(json.dumps({"samples": samples, "frozen": gc.get_freeze_count()}))
"""


def _after_10k(path: str, freeze: bool, rounds: int, env: dict[str, str]) -> list[float]:
    result = run_child(
        AFTER_10K, path, "freeze" if freeze else "zonder-freeze", str(rounds), env=env
    )
    if freeze != (result["frozen"] > 0):
        raise RuntimeError("gc.freeze deed niet wat de meting verwacht")
    return [s * 1e6 for s in result["samples"]]


def run(quick: bool) -> list[Figure]:
    from simulator.language.library import load

    lib = load()
    rng = random.Random(9)
    scenarios = list(lib.scenarios.values())
    rounds = 3 if quick else 30
    loads = Loads()
    turns = pairs(
        lambda: [x * 1e6 for x in _steps(scenarios, lib, rng, rounds // 3 or 1)],
        lambda: [x * 1e6 for x in _two_states(2000)],
        3,
        loads,
    )
    micro, floor = turns.figure, turns.baseline
    figures = [
        Figure(
            "engine_step_median",
            median(micro),
            "µs",
            50,
            note=f"{len(micro)} stappen",
            baseline=median(floor),
            baseline_name="een trigger van transitions op een machine met twee toestanden",
            load=loads.span,
        ),
        Figure("engine_step_p95", percentile(micro, 0.95), "µs", note="ter informatie"),
    ]
    size = 500 if quick else 10_000
    with tempfile.TemporaryDirectory(prefix="regie-bench-") as folder:
        env = child_env() | {"REGIE_CACHE": str(Path(folder) / "cache")}
        path = str(write(Path(folder), size))
        _after_10k(path, True, 1, env)  # read and checked once: then from the cache, as run
        loads = Loads()
        turns = pairs(
            lambda: _after_10k(path, True, 2 if quick else 20, env),
            lambda: _after_10k(path, False, 2 if quick else 20, env),
            1 if quick else 3,
            loads,
        )
    step, unfrozen = turns.medians
    figures.append(
        Figure(
            "engine_step_after_10k",
            step,
            "µs",
            None if quick else 25,
            note=f"{size} fasen geladen zoals regie run dat doet; {len(turns.figure)} stappen",
            baseline=unfrozen,
            baseline_name="hetzelfde zonder gc.freeze",
            load=loads.span,
        )
    )
    return figures
