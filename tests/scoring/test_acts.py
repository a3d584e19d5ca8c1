"""One act is deducted once, at its heaviest severity; a broken kernregel fails the attempt;
the debrief knows every step that broke a rule, also a rule broken again later.

Seeds and design: DESIGN.md 4a ("Main lessons decide. ... Deductions rank the rest; one act
is deducted once."); issue 16, parts 3 and 4.
"""

from __future__ import annotations

from dataclasses import replace

from rulekit import FaseSpec, catalogue, choose, divosa, end, enter, fase, judge, keuze, scenario

from scoring import BY_ID, Result
from scoring.breaks import acts, step_breaks
from scoring.result import kernregel_text, tally
from simulator.language.library import load
from simulator.reports.data import escalation_curve
from simulator.reports.result_text import result_text
from simulator.store.result import StoredResult
from simulator.store.store import AttemptRow

ORDE = "orde-voor-inhoud"  # kritiek: 40
OPSCHORTING = "opschorting"  # zwaar: 20
AANWIJZING = "aanwijzing-opvolgen"  # zwaar: 20, alone in its act here
VROEG = "vroeg-ingrijpen"  # licht: going on with the case at the first unrest is not acting early


def suspended_and_disturbed(*names: str) -> list[FaseSpec]:
    return [
        fase(
            name,
            "inhoud-doorgaan",
            keuze("gedrag-benoemen", model=True),
            niveau=1,
            orde_verstoord=True,
            opgeschort=True,
        )
        for name in names
    ]


def others(result: Result) -> int:
    """What the violations other than the act's two cost (each alone: none is an act)."""
    profile = divosa()
    return sum(
        profile.deductions[result.severities[v.rule]]
        for v in result.violations
        if v.rule not in (ORDE, OPSCHORTING, VROEG)
    )


def test_one_act_that_breaks_two_rules_costs_the_heaviest_once() -> None:
    sc = scenario("klantmanager", *suspended_and_disturbed("balie"))
    result = judge(sc, [enter(0, "balie"), choose(5, 1, "balie", "inhoud-doorgaan"), end(5)])
    assert {ORDE, OPSCHORTING} <= {v.rule for v in result.violations}
    assert result.score == 100 - 40 - others(result)  # not 100 - 40 - 20
    assert not result.passed  # a critical rule was broken
    step = result.steps[0]
    assert step.broken == (ORDE, OPSCHORTING, VROEG) and step.repeated == ()


def test_two_acts_each_cost_and_a_rule_counts_once() -> None:
    """Step 1 breaks both rules, step 2 breaks them again: each rule costs once, and the
    debrief marks both steps."""
    sc = scenario("klantmanager", *suspended_and_disturbed("balie", "gang"))
    trace = [
        enter(0, "balie"),
        choose(5, 1, "balie", "inhoud-doorgaan"),
        enter(5, "gang"),
        choose(9, 2, "gang", "inhoud-doorgaan"),
        end(9),
    ]
    result = judge(sc, trace)
    assert result.score == 100 - 40 - others(result)
    first, second = result.steps
    assert first.broken == (ORDE, OPSCHORTING, VROEG) and first.repeated == ()
    assert second.broken == (ORDE, OPSCHORTING) and second.repeated == (ORDE, OPSCHORTING)
    assert result.to_json()["steps"][1]["repeated"] == [ORDE, OPSCHORTING]
    breaks = step_breaks(sc, trace, divosa(), catalogue())
    assert [(b.rule, b.step, b.first) for b in breaks] == [
        (ORDE, 1, True),
        (OPSCHORTING, 1, True),
        (VROEG, 1, True),
        (ORDE, 2, False),
        (OPSCHORTING, 2, False),
    ]
    assert acts(breaks) == {1: (ORDE, OPSCHORTING, VROEG)}


def test_a_step_in_between_that_breaks_nothing_is_not_marked() -> None:
    sc = scenario(
        "klantmanager",
        fase("balie", "inhoud-doorgaan", keuze("gedrag-benoemen", model=True), orde_verstoord=True),
        fase("rustig", "inhoud-doorgaan", keuze("gedrag-benoemen", model=True)),
        fase("weer", "inhoud-doorgaan", keuze("gedrag-benoemen", model=True), orde_verstoord=True),
    )
    trace = [
        enter(0, "balie"),
        choose(5, 1, "balie", "inhoud-doorgaan"),
        enter(5, "rustig"),
        choose(8, 2, "rustig", "inhoud-doorgaan"),
        enter(8, "weer"),
        choose(12, 3, "weer", "inhoud-doorgaan"),
        end(12),
    ]
    result = judge(sc, trace)
    assert [s.broken for s in result.steps] == [(ORDE, VROEG), (), (ORDE,)]
    assert [s.repeated for s in result.steps] == [(), (), (ORDE,)]


def test_tally_deducts_per_act_and_each_rule_alone_outside_an_act() -> None:
    profile = divosa()
    both = ["aanwijzing-opvolgen", "opschorting", "melden-registreren"]
    assert tally(both, profile) == (100 - 20 - 20 - 5, False)
    assert tally(both, profile, {3: ("aanwijzing-opvolgen", "opschorting")}) == (75, True)
    assert tally(both, profile, {3: ("aanwijzing-opvolgen", "melden-registreren")}) == (60, False)


def test_a_broken_kernregel_fails_the_attempt_whatever_the_score() -> None:
    sc = scenario(
        "klantmanager",
        fase(
            "balie",
            "gedrag-benoemen",
            keuze("aanwijzing-opvolgen", model=True),
            aanwijzing="De klantmanager blijft zitten en zegt niets.",
        ),
    )
    trace = [enter(0, "balie"), choose(5, 1, "balie", "gedrag-benoemen"), end(5)]
    plain = judge(sc, trace)
    assert plain.score == 80 and plain.passed and plain.failed_kernregels == ()
    strict = judge(replace(sc, kernregels=(AANWIJZING, ORDE)), trace)
    assert strict.score == 80 and not strict.passed
    assert strict.failed_kernregels == (AANWIJZING,)
    assert strict.to_json()["failed_kernregels"] == [AANWIJZING]
    kept = judge(replace(sc, kernregels=(ORDE,)), trace)
    assert kept.passed and kept.failed_kernregels == ()


# --- the debrief says why -------------------------------------------------------------------


def test_the_debrief_says_which_kernregel_failed_the_attempt() -> None:
    sc = scenario(
        "klantmanager",
        fase(
            "balie",
            "gedrag-benoemen",
            keuze("aanwijzing-opvolgen", model=True),
            aanwijzing="De klantmanager blijft zitten en zegt niets.",
        ),
    )
    trace = [enter(0, "balie"), choose(5, 1, "balie", "gedrag-benoemen"), end(5)]
    result = judge(replace(sc, kernregels=(AANWIJZING,)), trace)
    title = BY_ID[AANWIJZING].title
    sentence = f"Niet geslaagd: u overtrad een kernregel van dit scenario: {title}."
    assert kernregel_text(result.failed_kernregels) == sentence
    assert kernregel_text(()) == ""
    assert kernregel_text((ORDE, AANWIJZING)) == (
        f"Niet geslaagd: u overtrad kernregels van dit scenario: {BY_ID[ORDE].title} en {title}."
    )
    text = result_text(result)
    assert text.startswith("Score: 80/100 — NIET GESLAAGD")
    assert sentence in text
    row = AttemptRow(
        1,
        "u",
        "Anna",
        None,
        sc.id,
        None,
        "training",
        0,
        "2026-01-01T10:00:00+00:00",
        None,
        "afgerond",
        None,
        result.score,
        result.passed,
        StoredResult.from_json(result.to_json()),
    )
    curve = escalation_curve(row, load([]), trace)
    assert curve.failed_kernregels == (AANWIJZING,)


def test_the_debrief_text_marks_a_repeated_violation() -> None:
    sc = scenario("klantmanager", *suspended_and_disturbed("balie", "gang"))
    trace = [
        enter(0, "balie"),
        choose(5, 1, "balie", "inhoud-doorgaan"),
        enter(5, "gang"),
        choose(9, 2, "gang", "inhoud-doorgaan"),
        end(9),
    ]
    text = result_text(judge(sc, trace))
    assert "Opnieuw overtreden in stap 2 (0:09)" in text
