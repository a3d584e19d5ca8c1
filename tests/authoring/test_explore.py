"""``regie explore`` counts every way through a scenario over its state space. Here its
figures are checked against brute force: every path played one by one through the real
engine (every chance outcome forced in turn) and scored by the real rules."""

from __future__ import annotations

import gc
import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

import pytest

from scoring import score
from simulator.authoring.explore import Exploration, explore
from simulator.cli import main
from simulator.engine import attempt as engine
from simulator.engine.attempt import Attempt
from simulator.language.library import Library, load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LIB = load()


class _NeedDraw(Exception):
    pass


@contextmanager
def forced_chance(rolls: list[float]) -> Iterator[None]:
    """Draw n gives rolls[n]; a draw beyond them asks the caller to try both outcomes."""

    def draw(seed: int, n: int) -> float:
        if n < len(rolls):
            return rolls[n]
        raise _NeedDraw

    with mock.patch.object(engine, "draw", draw):
        yield


def brute_force(lib: Library, sid: str) -> tuple[Counter[str], Counter[int], int, int]:
    """Every path: (endings, scores, passing, paths)."""
    scenario = lib.scenario(sid)
    profile = lib.profile_for(scenario)
    endings: Counter[str] = Counter()
    scores: Counter[int] = Counter()
    passing = 0
    todo: list[tuple[list[str], list[float]]] = [([], [])]
    while todo:
        moves, rolls = todo.pop()
        try:
            with forced_chance(rolls):
                attempt = Attempt(scenario, 0)
                attempt.play([(m, None) for m in moves])
        except _NeedDraw:  # chance decides here: taken (roll 0) or not (roll 1)
            todo += [(moves, [*rolls, 0.0]), (moves, [*rolls, 1.0])]
            continue
        if attempt.finished:
            result = score(scenario, attempt.trace, profile, lib.catalogue)
            assert attempt.ending is not None
            endings[attempt.ending.id] += 1
            scores[result.score] += 1
            passing += result.passed
            continue
        fase = attempt.fase
        assert fase is not None
        options = [c.id for c in fase.choices] + (["wacht"] if fase.timer else [])
        todo += [([*moves, m], rolls) for m in options]
    return endings, scores, passing, sum(endings.values())


def library_with(*names: str) -> Library:
    return load([FIXTURES / n for n in names])


def explored(lib: Library, sid: str) -> Exploration:
    sc = lib.scenario(sid)
    return explore(sc, lib.profile_for(sc), lib.catalogue)


CASES = [
    pytest.param(lambda: library_with("mini.yaml"), "test-mini", id="mini"),
    pytest.param(
        lambda: library_with("explore/termijn.yaml"), "test-termijn", id="termijn-op-de-seconde"
    ),
    pytest.param(lambda: LIB, "bev-wachtruimte-verstoring", id="bev-wachtruimte-verstoring"),
    pytest.param(
        lambda: library_with("explore/negatief.yaml"), "test-negatief", id="negatieve-grens"
    ),
]


@pytest.mark.parametrize(("make", "sid"), CASES)
def test_explore_agrees_with_brute_force(make: object, sid: str) -> None:
    lib = make()  # type: ignore[operator]
    endings, scores, passing, paths = brute_force(lib, sid)
    r = explored(lib, sid)
    assert r.complete and r.loop is None
    assert r.paths == paths
    assert r.endings == dict(endings)
    assert r.scores == dict(scores)
    assert r.passing == passing
    assert r.best is not None and r.worst is not None
    assert r.best.score == max(scores) and r.worst.score == min(scores)


def test_the_deadline_is_followed_to_the_second() -> None:
    """Only the paths that let both 60-second timers run out before a night of 23 h 58 min
    reach the ordegesprek too late: the explorer must not round that away."""
    lib = library_with("explore/termijn.yaml")
    r = explored(lib, "test-termijn")
    assert "ordegesprek" in r.violations
    places = r.violations["ordegesprek"]
    assert places["terug"] == ["ordegesprek-voeren"]  # after two timers: 4 s too late
    assert places["terug_later"] == ["vanaf hier niet meer goed te maken"]
    assert r.unreached_endings == ["extra"]


def best_path_replays(lib: Library, r: Exploration, sid: str) -> None:
    """The best path is a real path: replayed (with its chance outcomes) it scores as said."""
    assert r.best is not None
    scenario = lib.scenario(sid)
    moves = [s.move for s in r.best.steps]
    attempt = Attempt(scenario, 0)
    for step in r.best.steps:
        assert attempt.state == step.fase
        seed = 0
        while True:  # find a seed whose chance sends this move where the path says
            trial = Attempt.restore(scenario, {**attempt.snapshot(), "seed": seed})
            trial.play([(step.move, None)])
            if trial.state == step.then or (
                scenario.fasen.get(trial.state) is None and trial.state == step.then
            ):
                attempt = trial
                break
            seed += 1
            assert seed < 200, f"geen zaad leidt via {step.move} naar {step.then}"
    assert attempt.finished and attempt.ending is not None
    assert attempt.ending.id == r.best.ending
    result = score(scenario, attempt.trace, lib.profile_for(scenario), lib.catalogue)
    assert result.score == r.best.score, moves


@pytest.mark.parametrize("sid", ["km-spreekkamer-dreiging", "bev-ordegesprek-volgende-dag"])
def test_best_path_is_a_real_path(sid: str) -> None:
    best_path_replays(LIB, explored(LIB, sid), sid)


def test_a_loop_means_infinitely_many_paths() -> None:
    lib = library_with("explore/rondje.yaml")
    r = explored(lib, "test-rondje")
    assert r.complete
    assert r.paths is None
    assert r.loop is not None and set(r.loop) == {"balie", "nog_eens"}
    assert set(r.endings) == {"klaar"}
    assert r.best is not None and r.best.score == 100


def test_too_large_says_what_it_covered(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["explore", "dossier-bev-escalatieladder", "--max-toestanden", "50"])
    out = capsys.readouterr().out
    assert code == 0
    assert "ONVOLLEDIG" in out and "groter dan 50 toestanden" in out
    r = explore(
        LIB.scenario("dossier-bev-escalatieladder"),
        LIB.profile_for(LIB.scenario("dossier-bev-escalatieladder")),
        LIB.catalogue,
        max_states=50,
    )
    assert not r.complete and r.paths is None and r.states == 50


@pytest.mark.parametrize("sid", sorted(LIB.scenarios))
def test_every_bundled_scenario_is_explored_completely(sid: str) -> None:
    sc = LIB.scenarios[sid]
    r = explore(sc, LIB.profile_for(sc), LIB.catalogue)
    assert r.complete and r.loop is None
    assert r.best is not None and r.best.passed
    assert r.worst is not None and not r.worst.passed
    assert not r.unreached_endings


def test_cli_text_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", "km-spreekkamer-dreiging"]) == 0
    out = capsys.readouterr().out
    assert "Routes van begin tot einde: 34.120." in out
    assert "Beste route: score 100, geslaagd" in out
    assert "Waar regels overtreden kunnen worden:" in out
    assert main(["explore", "km-spreekkamer-dreiging", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["paths"] == 34120 and data["complete"] is True
    assert data["score"]["max"] == 100 and data["score"]["min"] == 0
    assert sum(data["endings"].values()) == data["paths"]


def test_cli_unknown_scenario_suggests(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explore", "km-spreekkamer-dreigin"]) == 2
    err = capsys.readouterr().err
    assert "km-spreekkamer-dreiging" in err


def test_the_command_line_default_limit_is_the_explorers() -> None:
    from simulator.authoring import explore as explorer
    from simulator.cli import explore as explore_command

    assert explore_command.MAX_STATES == explorer.MAX_STATES


def _chain_yaml(events: int) -> str:
    """A scenario whose story goes on by itself through ``events`` event fasen in a row."""
    lines = [
        "id: test-keten",
        "titel: Een lange keten",
        "omschrijving: Het verhaal gaat lang vanzelf verder.",
        "rol: klantmanager",
        "moeilijkheid: makkelijk",
        "verwachte_duur: 2",
        "leerdoelen: [Lange ketens verkennen.]",
        "bezoeker: {naam: Test Bezoeker, agressietype: frustratie}",
        "start: e0",
        "fasen:",
    ]
    for i in range(events):
        after = f"e{i + 1}" if i + 1 < events else "vraag"
        lines += [
            f"  e{i}:",
            "    tekst: Er gebeurt iets.",
            "    niveau: 0",
            f"    verder: {after}",
        ]
    lines += [
        "  vraag:",
        "    tekst: De bezoeker wacht.",
        "    niveau: 0",
        "    keuzes:",
        "      - {interventie: inhoud-hervatten, tekst: Verder., naar: goed, model: ja}",
        "eindes:",
        "  goed: {titel: Goed, tekst: Klaar., uitkomst: goed}",
    ]
    return "\n".join(lines) + "\n"


def test_a_long_chain_of_events_is_explored_without_recursion(tmp_path: Path) -> None:
    """Far more event fasen in a row than Python's recursion allows: no crash."""
    path = tmp_path / "keten.yaml"
    path.write_text(_chain_yaml(3000), encoding="utf-8")
    lib = load([path])
    assert not [p for p in lib.problems if p.severity.name == "ERROR"], lib.problems[:3]
    r = explored(lib, "test-keten")
    assert r.complete and r.paths == 1 and r.endings == {"goed": 1}


def test_the_cycle_collector_is_left_as_it_was() -> None:
    """explore pauses Python's cycle collector while it runs (for speed): afterwards it is
    on again if it was on, and still off if it was off."""
    sc = LIB.scenario("km-spreekkamer-dreiging")
    assert gc.isenabled()
    assert explore(sc, LIB.profile_for(sc), LIB.catalogue).complete
    assert gc.isenabled()
    gc.disable()
    try:
        assert explore(sc, LIB.profile_for(sc), LIB.catalogue).complete
        assert not gc.isenabled()
    finally:
        gc.enable()
