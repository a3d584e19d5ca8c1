"""The stored result: what scoring wrote comes back whole, with its types (store/result.py)."""

from __future__ import annotations

import json

import pytest

from scoring import Status, score
from simulator.engine.bots import play_bot
from simulator.language.library import load
from simulator.store.result import DamagedResult, StoredResult

LIB = load()


@pytest.mark.parametrize("bot", ["protocol", "inhoud-eerst", "nietsdoener"])
def test_a_result_comes_back_as_it_was_written(bot: str) -> None:
    sc = LIB.scenario("km-spreekkamer-dreiging")
    attempt, _ = play_bot(sc, LIB.catalogue, bot, 0)
    result = score(sc, attempt.trace, LIB.profile_for(sc), LIB.catalogue)
    written = json.dumps(result.to_json(), ensure_ascii=False)
    stored = StoredResult.from_text(written)
    assert stored.to_text() == written  # nothing lost, nothing added
    assert stored.to_json() == result.to_json()
    assert (stored.score, stored.passed, stored.pass_mark) == (
        result.score,
        result.passed,
        result.pass_mark,
    )
    assert {v.rule: v.status for v in stored.verdicts} == {
        v.rule: v.status.value for v in result.verdicts
    }
    assert stored.violated == tuple(v.rule for v in result.violations)
    assert [s.step for s in stored.steps] == [s.step for s in result.steps]
    assert [s.repeated for s in stored.steps] == [s.repeated for s in result.steps]
    for name, value in result.competencies.items():
        assert stored.competency(name) == (None if value is None else float(value))
    assert stored.failed_kernregels == result.failed_kernregels
    assert not stored.abandoned
    broken = {v.rule: v.step for v in result.verdicts if v.status is Status.VIOLATED}
    assert {v.rule: v.step for v in stored.verdicts if v.violated} == broken


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{kapot", "het resultaat is geen geldige JSON"),
        ("[1, 2]", "het resultaat is geen JSON-object"),
        ('{"verdicts": [{"rule": "x"}]}', "de oordelen per regel ('verdicts') kloppen niet"),
        ('{"competencies": {"Orde en regie": "hoog"}}', "de competenties kloppen niet"),
        ('{"score": "honderd"}', "'score' is geen getal"),
        ('{"steps": {}}', "de stappen ('steps') kloppen niet"),
    ],
)
def test_damage_is_told_in_dutch(text: str, message: str) -> None:
    with pytest.raises(DamagedResult, match=message.replace("(", r"\(").replace(")", r"\)")):
        StoredResult.from_text(text)
