"""The folds (``FOLD`` in each rule's file, run by scoring/judge.py) give every rule the same status as the rule itself.

``regie explore`` and incremental scoring rely on the folds; the rules give the verdicts a
trainee reads. They must never disagree: here both judge thousands of attempts played
through every bundled scenario, with random choices, random think times and every seed
kind of chance, finished and stopped half-way.
"""

from __future__ import annotations

import random

import pytest

from scoring.context import WAIT, Context
from scoring.fold import State
from scoring.judge import Judge, fold_trace
from scoring.registry import FOLDS, RULES
from scoring.result import judge as judge_rules
from scoring.verdict import Status
from simulator.engine.attempt import Attempt
from simulator.language.library import Library, load
from simulator.language.model import Fase, Scenario

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


def fold_statuses(judge: Judge, scenario: Scenario, attempt: Attempt) -> tuple[Status, ...]:
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
    judge = Judge(scenario, LIB.profile_for(scenario), LIB.catalogue)  # one for all attempts
    for _ in range(150):
        attempt = random_attempt(scenario, rng)
        want = rule_statuses(LIB, scenario, attempt)
        got = fold_statuses(judge, scenario, attempt)
        moves = [(e.choice or "wacht", e.latency) for e in attempt.trace if e.is_decision]
        for rule, w, g in zip(RULES, want, got, strict=True):
            assert g == w, f"{sid} {rule.id}: fold {g}, regel {w}; zetten {moves}"
            seen[rule.id].add(w)
    # the random play reaches both sides of the rules the scenario is about
    assert any(Status.VIOLATED in s for s in seen.values())


def fold_by_fold(
    judge: Judge, s: tuple[State, ...], fase: Fase, what: str | None, visit: bool
) -> list[State]:
    """A step worked out by asking every fold itself, as the rules' folds are written."""
    if visit:
        return [f.visit(x, fase) for f, x in zip(judge.folds, s, strict=True)]
    iv = LIB.catalogue.interventions.get(what) if what else None
    category, style = (iv.category, iv.style) if iv else (WAIT, "neutraal")
    return [
        f.decide(x, fase, category, style, what is None)
        for f, x in zip(judge.folds, s, strict=True)
    ]


@pytest.mark.parametrize("strays", [False, True], ids=["own-steps", "with-strays"])
def test_a_step_is_every_fold_asked_itself(strays: bool) -> None:
    """The Judge tables each fold's transitions and skips the folds a step cannot change;
    that must give what asking every fold gives, also after a step the tables do not know
    (an intervention the fase does not offer): from then on it works fold by fold."""
    rng = random.Random(f"tables:{strays}")
    others = sorted(LIB.catalogue.interventions)
    for sid in sorted(LIB.scenarios):
        scenario = LIB.scenarios[sid]
        judge = Judge(scenario, LIB.profile_for(scenario), LIB.catalogue)
        fasen = list(scenario.fasen.values())
        for _ in range(20):
            s = judge.start()
            for _ in range(25):
                s = judge.tick(s, rng.choice((0.0, 4.0, 3600.0)))
                fase = rng.choice(fasen)
                whats: list[str | None] = [None, *(c.intervention for c in fase.choices)]
                if strays:
                    whats.append(rng.choice(others))
                visit = rng.random() < 0.4
                what = None if visit else rng.choice(whats)
                want = fold_by_fold(judge, s, fase, what, visit)
                s = judge.visit(s, fase) if visit else judge.decide(s, fase, what)
                assert list(s) == want, f"{sid}: {fase.id} {'bezoek' if visit else what!r}"
