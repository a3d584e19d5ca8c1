"""Property tests: any play of any scenario is safe, bounded and reproducible."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import score
from simulator.engine.attempt import WAIT, Attempt, replay
from simulator.language.library import Library, load
from tests.hypothesis_profiles import examples

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = load()
MINI = load([ROOT / "tests" / "fixtures" / "mini.yaml"])
CASES: list[tuple[Library, str]] = [(BUNDLED, sid) for sid in sorted(BUNDLED.scenarios)] + [
    (MINI, "test-mini")
]

Move = tuple[str, float | None]


def play_drawn(
    data: st.DataObject, lib: Library, sid: str, seed: int
) -> tuple[Attempt, list[Move]]:
    """Play with choices and waits drawn by hypothesis, at drawn think times."""
    attempt = Attempt(lib.scenario(sid), seed)
    moves: list[Move] = []
    for _ in range(60):
        if attempt.finished:
            break
        fase = attempt.fase
        assert fase is not None
        options = [c.id for c in fase.choices] + ([WAIT] if fase.timer else [])
        pick = data.draw(st.sampled_from(options))
        if pick == WAIT:
            move: Move = (WAIT, None)
        else:
            limit = fase.timer.seconds * 0.99 if fase.timer else 120.0
            move = (pick, data.draw(st.floats(min_value=0, max_value=limit)))
        attempt.play([move])
        moves.append(move)
    return attempt, moves


@pytest.mark.parametrize(("lib", "sid"), CASES, ids=[sid for _, sid in CASES])
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(min_value=0, max_value=2**32))
def test_any_play_scores_within_bounds_and_replays_the_same(
    lib: Library, sid: str, data: st.DataObject, seed: int
) -> None:
    attempt, moves = play_drawn(data, lib, sid, seed)
    sc = lib.scenario(sid)
    profile = lib.profile_for(sc)
    result = score(sc, attempt.trace, profile, lib.catalogue, final=attempt.finished)
    assert 0 <= result.score <= 100
    assert all(v is None or 0 <= v <= 100 for v in result.competencies.values())
    assert len(result.verdicts) == 16
    again = replay(sc, seed, moves)
    assert [e.to_json() for e in again.trace] == [e.to_json() for e in attempt.trace]
    assert score(sc, again.trace, profile, lib.catalogue, final=again.finished) == result
