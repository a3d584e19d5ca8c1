"""The engine: determinism, timers, the clock, snapshots, choice refs, the machine itself.

Everything runs against the small fixture ``tests/fixtures/mini.yaml``:

    start: 50 % boos, else stil
    boos (timer 10 s -> schreeuwt): 1 gevoel-erkennen -> stil,
        2 inhoud-doorgaan (+2 spanning) -> spanning >= 2 ? schreeuwt : stil
    stil (no timer): 1 inhoud-hervatten -> nacht, 2 afronden -> gestopt (einde)
    schreeuwt (timer 5 s -> 30 % gestopt, else escalatie): 1 beveiliging-inschakelen -> nacht
    nacht (event, verstrijkt 18 uur, zet spanning 0) -> terug
    terug: 1 inhoud-hervatten -> goed (einde)
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.engine.attempt import Attempt, EngineError, _Machine, _ms, replay
from simulator.engine.chance import draw
from simulator.engine.trace import TraceEvent
from simulator.language.library import load_one
from simulator.language.model import Scenario

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
SEEDS = range(50)

Moves = list[tuple[str, float | None]]

# Move lists per start variant. Between them they take every kind of route: plain choices,
# the conditional route of inhoud-doorgaan, the timer of boos, the chance route on the timer
# of schreeuwt, the event fase nacht with its 18 hours, and all three endings.
BOOS_MOVES: list[Moves] = [
    [("wacht", None), ("wacht", None)],
    [("inhoud-doorgaan", 3), ("wacht", None)],
    [("2", None), ("1", 1.5), ("1", None)],
    [("gevoel-erkennen", 2), ("afronden", 7)],
    [("1", 9.5), ("inhoud-hervatten", 30), ("inhoud-hervatten", 0)],
    [("wacht", None), ("beveiliging-inschakelen", 4.9), ("1", 2)],
]
STIL_MOVES: list[Moves] = [
    [("afronden", None)],
    [("inhoud-hervatten", 12), ("1", 30)],
    [("2", 0)],
    [("1", None), ("1", None)],
]


@pytest.fixture(scope="module")
def sc() -> Scenario:
    return load_one(MINI)


def start_state(sc: Scenario, seed: int) -> str:
    return Attempt(sc, seed).state


def seed_for(sc: Scenario, state: str) -> int:
    """The first seed whose start variant is ``state``."""
    for seed in range(1000):
        if start_state(sc, seed) == state:
            return seed
    raise AssertionError(f"no seed starts in {state}")  # pragma: no cover


def moves_for(sc: Scenario, seed: int) -> list[Moves]:
    return BOOS_MOVES if start_state(sc, seed) == "boos" else STIL_MOVES


def trace_json(attempt: Attempt) -> list[dict[str, Any]]:
    return [e.to_json() for e in attempt.trace]


def kinds(attempt: Attempt) -> list[str]:
    return [e.kind for e in attempt.trace]


def outcome(attempt: Attempt) -> dict[str, Any]:
    """Everything about an attempt that must be reproducible."""
    return {
        "trace": trace_json(attempt),
        "state": attempt.state,
        "ending": None if attempt.ending is None else attempt.ending.id,
        "t": attempt.t,
        "entered_at": attempt.entered_at,
        "vars": dict(attempt.vars),
        "draws": attempt.draws,
        "step": attempt.step,
    }


# --- determinism ------------------------------------------------------------------------


def test_replays_are_identical(sc: Scenario) -> None:
    endings: set[str] = set()
    for seed in SEEDS:
        for moves in moves_for(sc, seed):
            first = replay(sc, seed, moves)
            second = replay(sc, seed, moves)
            assert first.finished, (seed, moves, first.state)
            assert outcome(first) == outcome(second), (seed, moves)
            # every draw is in the trace, and it is draw n of this seed
            chances = [e for e in first.trace if e.kind == "chance"]
            assert first.draws == len(chances)
            for n, ev in enumerate(chances):
                assert ev.roll == round(draw(seed, n), 6)
                assert ev.taken == (draw(seed, n) < ev.p)
            endings.add(first.state)
    assert endings == {"goed", "gestopt", "escalatie"}


def test_seeded_start_variant_really_varies(sc: Scenario) -> None:
    starts = {start_state(sc, seed) for seed in SEEDS}
    assert starts == {"boos", "stil"}
    # and a given seed always gives the same variant
    for seed in SEEDS:
        assert start_state(sc, seed) == start_state(sc, seed)


def test_chance_on_a_timer_route_varies_with_the_seed(sc: Scenario) -> None:
    boos_seeds = [s for s in SEEDS if start_state(sc, s) == "boos"]
    results = {replay(sc, s, [("wacht", None), ("wacht", None)]).state for s in boos_seeds}
    assert results == {"gestopt", "escalatie"}


def test_different_seeds_give_different_traces(sc: Scenario) -> None:
    traces = {json.dumps(trace_json(Attempt(sc, seed))) for seed in SEEDS}
    assert len(traces) > 1


def test_same_trace_in_another_process(sc: Scenario) -> None:
    """Chance does not depend on the process (hash seed, interpreter state)."""
    seed = seed_for(sc, "boos")
    moves: Moves = [("inhoud-doorgaan", 3), ("wacht", None)]
    code = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from simulator.engine.attempt import replay\n"
        "from simulator.language.library import load_one\n"
        f"a = replay(load_one(Path({str(MINI)!r})), {seed}, {moves!r})\n"
        "json.dump([e.to_json() for e in a.trace], sys.stdout)\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(proc.stdout) == trace_json(replay(sc, seed, moves))


# --- timers -----------------------------------------------------------------------------


def test_advance_below_the_timer_keeps_the_state(sc: Scenario) -> None:
    a = Attempt(sc, seed_for(sc, "boos"))
    before = trace_json(a)
    a.advance(9.5)
    assert a.state == "boos"
    assert a.t == 9.5
    assert a.time_left() == pytest.approx(0.5)
    assert trace_json(a) == before
    a.advance(0)
    assert a.state == "boos"


def test_reaching_the_timer_fires_a_timeout(sc: Scenario) -> None:
    a = Attempt(sc, seed_for(sc, "boos"))
    a.advance(9.5)
    a.advance(0.5)
    assert a.state == "schreeuwt"
    timeout = next(e for e in a.trace if e.kind == "timeout")
    assert timeout.fase == "boos"
    assert timeout.step == 1
    assert timeout.t == 10.0
    assert timeout.latency == 10.0
    enter = a.trace[-1]
    assert (enter.kind, enter.fase, enter.t) == ("enter", "schreeuwt", 10.0)
    assert a.elapsed == 0
    assert a.time_left() == 5


def test_advance_across_two_chained_timers_fires_both(sc: Scenario) -> None:
    seed = seed_for(sc, "boos")
    a = Attempt(sc, seed)
    a.advance(20)
    timeouts = [e for e in a.trace if e.kind == "timeout"]
    assert [(e.fase, e.step, e.t) for e in timeouts] == [("boos", 1, 10.0), ("schreeuwt", 2, 15.0)]
    assert a.finished
    assert a.state in ("gestopt", "escalatie")
    assert a.trace[-1].kind == "end"
    assert a.trace[-1].t == 15.0
    assert a.t == 20  # the rest of the time still passes
    # the same as waiting twice
    b = replay(sc, seed, [("wacht", None), ("wacht", None)])
    assert trace_json(a) == trace_json(b)


@pytest.mark.parametrize("latency", [10, 10.0, 10.5, 100])
def test_choosing_at_or_after_the_timer_is_too_late(sc: Scenario, latency: float) -> None:
    a = Attempt(sc, seed_for(sc, "boos"))
    before = outcome(a)
    with pytest.raises(EngineError, match="te laat"):
        a.choose("gevoel-erkennen", latency)
    assert outcome(a) == before  # a refused choice changes nothing


def test_choosing_just_before_the_timer_is_in_time(sc: Scenario) -> None:
    a = Attempt(sc, seed_for(sc, "boos"))
    a.choose("gevoel-erkennen", 9.99)
    assert a.state == "stil"
    choice = next(e for e in a.trace if e.kind == "choice")
    assert (choice.t, choice.latency, choice.step) == (9.99, 9.99, 1)


def test_choosing_with_a_latency_in_the_past_is_refused(sc: Scenario) -> None:
    a = Attempt(sc, seed_for(sc, "boos"))
    a.advance(5)
    with pytest.raises(EngineError, match="achter ons"):
        a.choose(1, 3)
    assert a.state == "boos"


def test_wait_without_a_timer_is_refused(sc: Scenario) -> None:
    a = Attempt(sc, seed_for(sc, "stil"))
    assert a.time_left() is None
    before = outcome(a)
    with pytest.raises(EngineError, match="geen timer"):
        a.wait()
    assert outcome(a) == before


def test_wait_fires_the_timer(sc: Scenario) -> None:
    a = Attempt(sc, seed_for(sc, "boos"))
    a.advance(3)
    a.wait()
    assert a.state == "schreeuwt"
    assert a.t == 10


def test_time_cannot_go_back(sc: Scenario) -> None:
    a = Attempt(sc, 0)
    with pytest.raises(EngineError):
        a.advance(-1)


def test_advance_in_a_fase_without_timer_only_moves_the_clock(sc: Scenario) -> None:
    a = Attempt(sc, seed_for(sc, "stil"))
    a.advance(1000)
    assert a.state == "stil"
    assert a.t == 1000
    a.choose("afronden")
    assert a.trace[-2].latency == 1000


# --- the clock, variables, events -------------------------------------------------------


def test_event_fase_lets_18_hours_pass(sc: Scenario) -> None:
    a = Attempt(sc, seed_for(sc, "stil"))
    a.choose("inhoud-hervatten", 3)
    assert a.state == "terug"  # the event went on by itself
    assert a.t == 3 + 64800
    clock = next(e for e in a.trace if e.kind == "clock")
    assert (clock.fase, clock.seconds, clock.t) == ("nacht", 64800, 64803)
    assert kinds(a)[-4:] == ["clock", "vars", "event", "enter"]
    event = a.trace[-2]
    assert (event.kind, event.fase, event.t) == ("event", "nacht", 64803)
    assert not any(e.kind == "enter" and e.fase == "nacht" for e in a.trace)
    assert a.entered_at == 64803  # think time in terug counts from after the night
    assert a.elapsed == 0
    a.choose(1, 2)
    assert a.state == "goed"
    assert a.t == 64805


def test_effect_and_zet_change_variables(sc: Scenario) -> None:
    a = Attempt(sc, seed_for(sc, "boos"))
    assert a.vars == {"spanning": 0}
    a.choose("inhoud-doorgaan", 1)
    assert a.vars == {"spanning": 2}
    assert a.state == "schreeuwt"  # the condition spanning >= 2 held
    vars_events = [e for e in a.trace if e.kind == "vars"]
    assert [(e.fase, e.vars, e.t) for e in vars_events] == [("boos", {"spanning": 2}, 1.0)]
    a.choose("beveiliging-inschakelen", 1)
    vars_events = [e for e in a.trace if e.kind == "vars"]
    assert [(e.fase, e.vars) for e in vars_events] == [
        ("boos", {"spanning": 2}),
        ("nacht", {"spanning": 0}),
    ]
    assert a.vars == {"spanning": 0}
    assert a.state == "terug"


def test_choice_effect_applies_before_the_route_is_chosen(sc: Scenario) -> None:
    """The else-branch of the conditional route: start from a lower spanning via a snapshot."""
    a = Attempt(sc, seed_for(sc, "boos"))
    data = a.snapshot()
    data["vars"] = {"spanning": -5}
    b = Attempt.restore(sc, data)
    b.choose("inhoud-doorgaan", 1)
    assert b.vars == {"spanning": -3}
    assert b.state == "stil"


def test_the_trace_of_a_full_run(sc: Scenario) -> None:
    a = replay(sc, seed_for(sc, "boos"), [("wacht", None), ("1", 2), ("1", 5)])
    assert kinds(a) == [
        "chance",  # start variant
        "enter",  # boos
        "timeout",
        "enter",  # schreeuwt
        "choice",
        "clock",
        "vars",
        "event",  # nacht
        "enter",  # terug
        "choice",
        "end",
    ]
    assert [e.step for e in a.trace if e.is_decision] == [1, 2, 3]
    assert a.ending is not None and a.ending.id == "goed"
    assert a.fase is None
    assert a.offered() == ()
    assert a.time_left() is None
    times = [e.t for e in a.trace]
    assert times == sorted(times)


def test_default_latency_in_play(sc: Scenario) -> None:
    a = replay(sc, seed_for(sc, "boos"), [("1", None), ("1", None)])
    latencies = [e.latency for e in a.trace if e.kind == "choice"]
    assert latencies == [4.0, 4.0]  # boos has a 10 s timer: min(4, 10 / 2)
    b = replay(sc, seed_for(sc, "boos"), [("wacht", None), ("1", None)])
    assert [e.latency for e in b.trace if e.kind == "choice"] == [2.5]  # schreeuwt: 5 s timer


# --- snapshot and restore ---------------------------------------------------------------


def test_snapshot_restore_at_every_prefix(sc: Scenario) -> None:
    checked = 0
    for seed in range(12):
        for moves in moves_for(sc, seed):
            whole = replay(sc, seed, moves)
            for k in range(len(moves) + 1):
                part = replay(sc, seed, moves[:k])
                data = json.loads(json.dumps(part.snapshot()))
                resumed = Attempt.restore(sc, data)
                assert outcome(resumed) == outcome(part)
                resumed.play(moves[k:])
                assert outcome(resumed) == outcome(whole), (seed, moves, k)
                checked += 1
    assert checked > 50


def test_snapshot_in_the_middle_of_a_timer(sc: Scenario) -> None:
    seed = seed_for(sc, "boos")
    whole = Attempt(sc, seed)
    whole.advance(6)
    whole.advance(6)  # boos times out at 10
    whole.advance(6)  # schreeuwt times out at 15

    part = Attempt(sc, seed)
    part.advance(6)
    resumed = Attempt.restore(sc, json.loads(json.dumps(part.snapshot())))
    assert resumed.time_left() == 4
    resumed.advance(6)
    resumed = Attempt.restore(sc, json.loads(json.dumps(resumed.snapshot())))
    assert resumed.state == "schreeuwt"
    assert resumed.time_left() == 3
    resumed.advance(6)
    assert outcome(resumed) == outcome(whole)


def test_restored_attempt_can_be_snapshotted_again(sc: Scenario) -> None:
    a = replay(sc, seed_for(sc, "boos"), [("wacht", None)])
    snap = a.snapshot()
    again = Attempt.restore(sc, json.loads(json.dumps(snap))).snapshot()
    assert again == json.loads(json.dumps(snap))


def test_restore_rejects_another_scenario(sc: Scenario) -> None:
    data = Attempt(sc, 0).snapshot()
    data["scenario"] = "een-ander-scenario"
    with pytest.raises(EngineError, match="een-ander-scenario"):
        Attempt.restore(sc, data)


def test_restore_rejects_a_state_that_no_longer_exists(sc: Scenario) -> None:
    data = Attempt(sc, 0).snapshot()
    data["state"] = "verdwenen"
    with pytest.raises(EngineError, match="verdwenen"):
        Attempt.restore(sc, data)


def test_restore_rejects_another_version(sc: Scenario) -> None:
    data = Attempt(sc, 0).snapshot()
    data["version"] = 999
    with pytest.raises(EngineError):
        Attempt.restore(sc, data)


def test_snapshot_is_small(sc: Scenario) -> None:
    a = replay(sc, seed_for(sc, "boos"), [("wacht", None), ("1", 2), ("1", 5)])
    assert a.finished
    assert len(json.dumps(a.snapshot())) < 4000
    assert set(a.snapshot()) == {
        "version",
        "scenario",
        "seed",
        "state",
        "vars",
        "t",
        "entered_at",
        "draws",
        "step",
        "trace",
    }


# --- choice refs ------------------------------------------------------------------------


@pytest.mark.parametrize("ref", [2, "2", "afronden"])
def test_choice_by_number_or_id(sc: Scenario, ref: str | int) -> None:
    a = Attempt(sc, seed_for(sc, "stil"))
    choice = a.choose(ref)
    assert choice.id == "afronden"
    assert a.state == "gestopt"


@pytest.fixture(scope="module")
def twin(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    """Mini, but stil offers the same intervention twice, under its own choice ids."""
    text = MINI.read_text(encoding="utf-8")
    first_old = '      - interventie: inhoud-hervatten\n        tekst: "Zullen we verder gaan?"\n'
    first_new = (
        "      - interventie: inhoud-hervatten\n"
        "        id: verder-gaan\n"
        '        tekst: "Zullen we verder gaan?"\n'
    )
    assert first_old in text
    text = text.replace(first_old, first_new)
    old = (
        '      - interventie: afronden\n        tekst: "We stoppen hier."\n        naar: gestopt\n'
    )
    new = (
        "      - interventie: inhoud-hervatten\n"
        "        id: toch-stoppen\n"
        '        tekst: "We stoppen hier."\n'
        "        naar: gestopt\n"
    )
    assert old in text
    path = tmp_path_factory.mktemp("twin") / "twin.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load_one(path)


def test_choice_by_choice_id_and_by_intervention_id(twin: Scenario) -> None:
    a = Attempt(twin, seed_for(twin, "boos"))
    # an intervention that is on offer once
    assert a.choose("inhoud-doorgaan", 1).id == "inhoud-doorgaan"
    b = Attempt(twin, seed_for(twin, "boos"))
    assert b.choose("gevoel-erkennen", 1).intervention == "gevoel-erkennen"
    # in stil, its own choice id picks it
    assert b.state == "stil"
    choice = b.choose("toch-stoppen")
    assert (choice.id, choice.intervention) == ("toch-stoppen", "inhoud-hervatten")
    assert b.state == "gestopt"
    assert b.trace[-2].choice == "toch-stoppen"
    assert b.trace[-2].intervention == "inhoud-hervatten"


def test_ambiguous_intervention_id_is_refused(twin: Scenario) -> None:
    a = Attempt(twin, seed_for(twin, "stil"))
    assert [c.id for c in a.offered()] == ["verder-gaan", "toch-stoppen"]
    with pytest.raises(EngineError) as info:
        a.choose("inhoud-hervatten")
    assert "1=verder-gaan" in str(info.value)
    assert "2=toch-stoppen" in str(info.value)
    assert a.state == "stil"
    assert a.choose("verder-gaan", 1).id == "verder-gaan"
    assert a.state == "terug"


@pytest.mark.parametrize("ref", ["beveiliging-inschakelen", "onzin", 0, 3, "3", "-1"])
def test_choice_not_on_offer_names_the_offer(sc: Scenario, ref: str | int) -> None:
    a = Attempt(sc, seed_for(sc, "stil"))
    before = outcome(a)
    with pytest.raises(EngineError) as info:
        a.choose(ref)
    message = str(info.value)
    assert str(ref) in message
    assert "1=inhoud-hervatten" in message
    assert "2=afronden" in message
    assert "wacht" not in message  # stil has no timer
    assert outcome(a) == before


def test_offer_under_a_timer_mentions_waiting(sc: Scenario) -> None:
    a = Attempt(sc, seed_for(sc, "boos"))
    with pytest.raises(EngineError) as info:
        a.choose("afronden")
    message = str(info.value)
    assert "1=gevoel-erkennen" in message
    assert "2=inhoud-doorgaan" in message
    assert "'wacht'" in message


def test_choosing_after_the_end_is_refused(sc: Scenario) -> None:
    a = replay(sc, seed_for(sc, "stil"), [("afronden", None)])
    assert a.finished
    with pytest.raises(EngineError, match="afgelopen"):
        a.choose(1)


# --- the machine ------------------------------------------------------------------------


def every_fase_left(sc: Scenario) -> Attempt:
    """An attempt whose shared machine has the transitions out of every fase (the engine
    builds them as attempts leave each fase)."""
    a = Attempt(sc, 0)
    for sid in sc.fasen:
        a._shared.exits(sid)
    return a


def test_machine_has_no_auto_transitions(sc: Scenario) -> None:
    a = every_fase_left(sc)
    assert a.machine.auto_transitions is False
    for state in [*sc.fasen, *sc.endings]:
        assert not hasattr(a._model, f"to_{state}")
    assert "to_stil" not in a.machine.events
    # the machine has the scenario's own triggers, and only those
    assert {"begin", "kies_1", "kies_2", "verloop", "verder"} <= set(a.machine.events)
    assert all(
        e == "begin" or e.startswith("kies_") or e in ("verloop", "verder")
        for e in a.machine.events
    )


def test_attempts_at_one_scenario_share_one_machine(sc: Scenario) -> None:
    """Building the machine costs far more than an attempt; the attempts share it and
    each keeps its own state."""
    a, b = Attempt(sc, 0), Attempt(sc, 1)
    assert a.machine is b.machine
    a.play([("1", None)])
    assert b.state != a.state or b.step == 0
    assert b.step == 0 and len(b.trace) < len(a.trace)


def test_transitions_are_built_per_fase_when_it_is_first_left(sc: Scenario) -> None:
    """Building every transition of a scenario of 10,000 fasen costs seconds; an attempt
    needs those of the few fasen it passes. A new machine has the start and where it can
    lead; each fase's transitions come when an attempt first leaves it."""
    fresh = dataclasses.replace(sc)  # a scenario object of its own: a machine of its own
    seed = seed_for(fresh, "stil")
    a = Attempt(fresh, seed)
    machine = a.machine
    assert set(machine.states) == {"^start", "boos", "stil"}  # the start and its targets
    assert machine.get_transitions(source="stil") == []
    a.choose("afronden")
    assert a.state == "gestopt"
    assert {t.dest for t in machine.get_transitions(source="stil")} == {
        t for c in fresh.fasen["stil"].choices for t in c.route.targets
    } | set(fresh.fasen["stil"].timer.route.targets if fresh.fasen["stil"].timer else ())
    assert machine.get_transitions(source="boos") == []  # not left yet
    # a second attempt on the same machine plays exactly as one on a fully built machine
    assert outcome(replay(fresh, seed, [("afronden", None)])) == outcome(
        replay(sc, seed, [("afronden", None)])
    )


def test_machine_refuses_an_invalid_trigger(sc: Scenario) -> None:
    a = Attempt(sc, seed_for(sc, "stil"))
    with pytest.raises(Exception):  # noqa: B017 - transitions raises MachineError
        a._shared.event("verloop").trigger(a._model)  # stil has no timer
    assert a.state == "stil"


def test_machines_of_two_attempts_are_independent(sc: Scenario) -> None:
    a = Attempt(sc, seed_for(sc, "stil"))
    b = Attempt(sc, seed_for(sc, "stil"))
    a.choose("afronden")
    assert a.state == "gestopt"
    assert b.state == "stil"


def test_the_model_answer_is_not_always_shown_first() -> None:
    """Authors write the model answer first; the trainee sees the choices shuffled by the
    seed, per step, the same on every replay."""
    from simulator.language.library import load

    lib = load()
    firsts = []
    for _sid, sc in sorted(lib.scenarios.items()):
        for seed in range(6):
            attempt = Attempt(sc, seed)
            shown = attempt.presented()
            assert sorted(c.id for c in shown) == sorted(c.id for c in attempt.offered())
            assert shown == Attempt(sc, seed).presented()  # the same on a replay
            firsts.append(shown[0].model)
    share = sum(firsts) / len(firsts)
    assert 0.1 < share < 0.5, f"the model answer is shown first in {share:.0%} of the fasen"


# --- what makes a step cheap, and must not change what it does ----------------------------


def test_only_routes_that_can_fail_are_checked(sc: Scenario) -> None:
    """A branch with a condition or a chance is checked when the trigger fires; a branch
    without either always holds and gets no check."""
    machine = every_fase_left(sc).machine
    [plain] = machine.get_transitions("kies_1", source="stil")
    assert (plain.dest, plain.conditions) == ("nacht", [])
    conditional = machine.get_transitions("kies_2", source="boos")  # als: spanning >= 2
    assert [(t.dest, len(t.conditions)) for t in conditional] == [("schreeuwt", 1), ("stil", 0)]
    start = machine.get_transitions("begin", source="^start")  # kans: 0,5
    assert [(t.dest, len(t.conditions)) for t in start] == [("boos", 1), ("stil", 0)]
    # the checked branch is still taken when its condition holds
    assert replay(sc, seed_for(sc, "boos"), [("inhoud-doorgaan", 3)]).state == "schreeuwt"


def test_a_scenario_loaded_again_gets_its_own_machine_and_plays_the_same(sc: Scenario) -> None:
    """The machine is kept per scenario object (the last 32): a scenario loaded again, for
    instance after an edit, never plays on the machine of the old one; and a scenario whose
    machine was dropped for newer ones plays exactly as before."""
    seed = seed_for(sc, "boos")
    moves = BOOS_MOVES[2]
    before = outcome(replay(sc, seed, moves))
    first_machine = Attempt(sc, seed).machine
    others = [dataclasses.replace(sc) for _ in range(34)]  # 34 new scenario objects
    for other in others:
        assert Attempt(other, seed).machine is not first_machine
        assert outcome(replay(other, seed, moves)) == before
    assert outcome(replay(sc, seed, moves)) == before


def test_engine_states_still_run_enter_and_exit_callbacks() -> None:
    """The engine's states skip running callbacks when they have none; with callbacks they
    run them as transitions does."""
    seen: list[str] = []

    class Model:
        state: str

    machine = _Machine(
        model=None,
        states=[
            {"name": "a", "on_exit": [lambda e: seen.append(f"uit {e.state.name}")]},
            {"name": "b", "on_enter": [lambda e: seen.append(f"in {e.state.name}")]},
        ],
        initial="a",
        auto_transitions=False,
        send_event=True,
    )
    machine.add_transition("go", "a", "b")
    model = Model()
    machine.set_state("a", model=model)
    assert machine.events["go"].trigger(model) is True
    assert seen == ["uit a", "in b"]
    assert model.state == "b"


def test_trace_event_takes_its_fields_by_position_or_by_name() -> None:
    by_name = TraceEvent(
        "choice", 1.5, fase="boos", step=2, choice="c", intervention="i", latency=0.25
    )
    assert by_name == TraceEvent("choice", 1.5, "boos", 2, "c", "i", 0.25)
    assert by_name.to_json() == {
        "kind": "choice",
        "t": 1.5,
        "fase": "boos",
        "step": 2,
        "choice": "c",
        "intervention": "i",
        "latency": 0.25,
    }
    rest = ("roll", "p", "taken", "seconds", "vars", "ending")
    assert all(getattr(by_name, name) is None for name in rest)
    assert TraceEvent.from_json(by_name.to_json()) == by_name
    assert copy.deepcopy(by_name) == by_name
    assert pickle.loads(pickle.dumps(by_name)) == by_name
    assert by_name != TraceEvent("choice", 1.5, fase="boos", step=3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        by_name.step = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        TraceEvent("enter")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        TraceEvent("enter", 0.0, onbekend=1)  # type: ignore[call-arg]


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**6), 10**6).map(float))
def test_trace_times_are_rounded_to_the_millisecond(seconds: float) -> None:
    """Whole seconds skip ``round``; every time comes out as ``round(seconds, 3)``."""
    assert _ms(seconds) == round(seconds, 3)
    assert math.copysign(1, _ms(seconds)) == math.copysign(1, round(seconds, 3))


def test_a_choice_records_its_think_time_to_the_millisecond(sc: Scenario) -> None:
    a = Attempt(sc, seed_for(sc, "boos"))
    a.choose("gevoel-erkennen", 1.23456)
    [choice] = [e for e in a.trace if e.kind == "choice"]
    assert (choice.t, choice.latency) == (1.235, 1.235)
    a.choose("inhoud-hervatten", 4.0004)
    [_, second] = [e for e in a.trace if e.kind == "choice"]
    assert (second.t, second.latency) == (5.235, 4.0)
