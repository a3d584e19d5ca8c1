"""Every bundled scenario meets the bar a trainer sets for class material."""

from __future__ import annotations

import re

import pytest

from simulator.engine.bots import play_bot
from simulator.language.library import load

LIB = load()
IDS = sorted(LIB.scenarios)
ENGLISH = re.compile(
    r"\b(the|and|you|your|please|with|what|this|that is|thank you)\b", re.IGNORECASE
)


def test_the_library_is_large_enough_for_both_roles() -> None:
    roles = [sc.role for sc in LIB.scenarios.values()]
    assert len(roles) >= 16
    assert roles.count("klantmanager") >= 7 and roles.count("beveiliger") >= 7
    multi_visit = [
        sc for sc in LIB.scenarios.values() if any(f.elapse >= 12 * 3600 for f in sc.fasen.values())
    ]
    assert len(multi_visit) >= 2, "at least two dossiers over several visits"


@pytest.mark.parametrize("sid", IDS)
def test_scenario_meets_the_bar(sid: str) -> None:
    sc = LIB.scenarios[sid]
    assert len(sc.endings) >= 3, "at least three endings"
    assert {e.outcome for e in sc.endings.values()} >= {"goed", "slecht"}
    assert any(f.timer for f in sc.fasen.values()), "at least one timer"
    chance = [b for f in sc.fasen.values() for c in f.choices for b in c.route.branches if b.chance]
    chance += [b for b in sc.start.branches if b.chance]
    chance += [b for f in sc.fasen.values() if f.timer for b in f.timer.route.branches if b.chance]
    chance += [b for f in sc.fasen.values() if f.next for b in f.next.branches if b.chance]
    assert chance, "a variant that the seed chooses"
    for fase in sc.fasen.values():
        for choice in fase.choices:
            assert choice.feedback, f"{fase.id}: keuze '{choice.id}' heeft geen feedback"
    heavy = any(
        f.facts.pressure != "geen" or f.facts.danger or f.facts.criminal for f in sc.fasen.values()
    )
    if heavy:
        assert sc.warning, "a content warning where it is heavy"
    for seed in range(8):  # every variant's model path
        attempt, moves = play_bot(sc, LIB.catalogue, "protocol", seed)
        assert attempt.finished
        assert len(moves) >= 6, f"zaad {seed}: maar {len(moves)} beslissingen op het modelpad"


@pytest.mark.parametrize("sid", IDS)
def test_no_english_where_a_trainee_reads(sid: str) -> None:
    sc = LIB.scenarios[sid]
    texts = [sc.title, sc.description, *sc.goals, sc.warning or "", sc.visitor.background]
    for fase in sc.fasen.values():
        texts += [fase.text, fase.says or "", fase.facts.instruction or ""]
        texts += [t for c in fase.choices for t in (c.text, c.feedback or "")]
    texts += [t for e in sc.endings.values() for t in (e.title, e.text)]
    found = [m.group(0) for t in texts for m in ENGLISH.finditer(t)]
    assert not found, f"Engelse woorden: {found}"


def test_visitors_have_distinct_fictional_names() -> None:
    names = [sc.visitor.name for sc in LIB.scenarios.values()]
    assert len(set(names)) == len(names), names


def test_feedback_says_what_the_oordeel_says() -> None:
    """Issue 16: "Dat kan" never stands beside a violation. A wrong choice's feedback does not
    open with praise or permission; a choice the author calls good or acceptable (not the model
    answer) says so first, so the trainee reads the verdict before the advice."""
    positive = re.compile(r"^(Goed[:,.!]|Goed dat|Dat kan|Dat mag|Ook goed|Prima)")
    wrong: list[str] = []
    for sc in load().scenarios.values():
        for fase in sc.fasen.values():
            for n, choice in enumerate(fase.choices, start=1):
                text = " ".join((choice.feedback or "").split())
                where = f"{sc.id} {fase.id} keuze {n} ({choice.intent}): {text[:60]}"
                if choice.model:
                    continue
                if bool(positive.match(text)) != (choice.intent in ("goed", "kan")):
                    wrong.append(where)
    assert wrong == []


def test_every_bundled_choice_has_an_oordeel_and_every_scenario_kernregels() -> None:
    for sc in load().scenarios.values():
        assert sc.kernregels, f"{sc.id} noemt geen kernregels"
        missing = [
            f"{f.id} keuze {n}"
            for f in sc.fasen.values()
            for n, c in enumerate(f.choices, start=1)
            if c.judgement is None
        ]
        assert missing == [], f"{sc.id}: geen oordeel bij {missing}"
