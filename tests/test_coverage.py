"""The library exercises the whole protocol: every rule can be kept and broken in two scenarios."""

from __future__ import annotations

from simulator.authoring.coverage import coverage_table
from simulator.cli import main
from simulator.language.library import load
from simulator.language.vocabulary import RULE_IDS


def test_every_rule_is_exercised_in_at_least_two_scenarios() -> None:
    _, counts = coverage_table(load())
    thin = {rid: n for rid, n in counts.items() if n < 2}
    assert not thin, f"te weinig scenario's oefenen deze regels: {thin}"
    assert set(counts) == set(RULE_IDS)


def test_regie_check_coverage_prints_the_table(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["check", "--coverage"]) == 0
    out = capsys.readouterr().out
    for rid in RULE_IDS:
        assert rid in out
    assert "± gehouden én overtreden gezien" in out
    assert "Minder dan twee scenario's" not in out


def test_every_step_of_the_seeds_is_practised_in_at_least_two_scenarios() -> None:
    """Issue 17: the coverage table of seed elements has no element under two scenarios."""
    from simulator.authoring.coverage import seed_table

    table, counts = seed_table(load())
    thin = {eid: n for eid, n in counts.items() if n < 2}
    assert not thin, f"te weinig scenario's oefenen deze stappen: {thin}"
    assert "bron: Divosa, Dienstverlening onder druk (2011), hoofdstuk 4.2" in table


def test_a_step_nobody_practises_is_named(capsys) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    mini = Path(__file__).parent / "fixtures" / "mini.yaml"
    main(["check", "--coverage", str(mini)])
    out = capsys.readouterr().out
    assert "Stappen uit de bronnen" in out
    assert "Minder dan twee scenario's oefenen deze stappen uit de bronnen:" in out
    assert "staking" in out.split("deze stappen uit de bronnen:")[1]
