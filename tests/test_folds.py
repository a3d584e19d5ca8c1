"""The folds (scoring/folds.py) give every rule the same status as the rule itself.

``regie explore`` and incremental scoring rely on the folds; the rules give the verdicts a
trainee reads. They must never disagree: here both judge thousands of attempts played
through every bundled scenario, with random choices, random think times and every seed
kind of chance, finished and stopped half-way.
"""

from __future__ import annotations

import random

import pytest

from scoring.context import Context
from scoring.folds import FOLDS, Judge, fold_trace
from scoring.registry import RULES
from scoring.result import judge as judge_rules
from scoring.verdict import Status
from simulator.engine import Attempt
from simulator.library import Library, load
from simulator.model import Scenario

LIB = load()


def random_attempt(scenario: Scenario, rng: random.Random) -> Attempt:
    attempt = Attempt(scenario, rng.randrange(10_000))
    while not attempt.finished:
        fase = attempt.fase
        assert fase is not None
        options = [c.id for c in fase.choices] + (["wacht"] if fase.timer else [])
        pick = rng.choice(options)
        if pick == "wacht":
            attempt.wait()
        else:
            left = attempt.time_left()
            room = left * 0.99 if left is not None else 120.0
            attempt.choose(pick, attempt.elapsed + rng.uniform(0, room))
        if rng.random() < 0.05:
            attempt.advance(rng.uniform(0, 90_000))  # the trainee walked away for a while
    return attempt


def fold_statuses(lib: Library, scenario: Scenario, attempt: Attempt) -> tuple[Status, ...]:
    judge = Judge(scenario, lib.profile_for(scenario), lib.catalogue)
    return judge.statuses(fold_trace(judge, scenario, attempt.trace))


def rule_statuses(lib: Library, scenario: Scenario, attempt: Attempt) -> tuple[Status, ...]:
    ctx = Context(scenario, attempt.trace, lib.profile_for(scenario), lib.catalogue)
    return tuple(v.status for v in judge_rules(ctx))


def test_one_fold_per_rule_in_the_same_order() -> None:
    assert [f.id for f in FOLDS] == [r.id for r in RULES]


@pytest.mark.parametrize("sid", sorted(LIB.scenarios))
def test_folds_agree_with_the_rules(sid: str) -> None:
    scenario = LIB.scenarios[sid]
    rng = random.Random(f"folds:{sid}")
    seen: dict[str, set[Status]] = {r.id: set() for r in RULES}
    for _ in range(150):
        attempt = random_attempt(scenario, rng)
        want = rule_statuses(LIB, scenario, attempt)
        got = fold_statuses(LIB, scenario, attempt)
        moves = [(e.choice or "wacht", e.latency) for e in attempt.trace if e.is_decision]
        for rule, w, g in zip(RULES, want, got, strict=True):
            assert g == w, f"{sid} {rule.id}: fold {g}, regel {w}; zetten {moves}"
            seen[rule.id].add(w)
    # the random play reaches both sides of the rules the scenario is about
    assert any(Status.VIOLATED in s for s in seen.values())
