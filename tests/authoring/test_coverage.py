"""The library exercises the whole protocol: every rule can be kept and broken in two scenarios."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main
from simulator.language.library import load
from simulator.language.vocabulary import RULE_IDS

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini.yaml"


@pytest.fixture(scope="module")
def table() -> tuple[str, dict[str, int]]:
    """The coverage table of the bundled library, as 'regie check --coverage' prints it
    (played once: a few thousand playthroughs)."""
    from simulator.authoring.coverage import coverage_table

    return coverage_table(load())


def test_every_rule_is_exercised_in_at_least_two_scenarios(
    table: tuple[str, dict[str, int]],
) -> None:
    """The table's last column: in how many scenarios each rule is both kept and broken."""
    printed, counts = table
    rows = {line.split()[0]: line.split() for line in printed.splitlines() if line.split()}
    assert {rid: int(rows[rid][-1]) for rid in RULE_IDS} == counts
    thin = {rid: n for rid, n in counts.items() if n < 2}
    assert not thin, f"te weinig scenario's oefenen deze regels: {thin}"


def test_regie_check_coverage_prints_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    """The command prints the rule table and names the rules too few scenarios exercise (one
    small scenario: none twice; the bundled library, above, has none)."""
    main(["check", "--coverage", str(MINI)])  # (the bots find fault with this scenario)
    printed = capsys.readouterr().out
    for rid in RULE_IDS:
        assert rid in printed
    assert "± gehouden én overtreden gezien" in printed
    assert "Minder dan twee scenario's oefenen: orde-voor-inhoud" in printed


def test_every_step_of_the_seeds_is_practised_in_at_least_two_scenarios() -> None:
    """Issue 17: the coverage table of seed elements has no element under two scenarios."""
    from simulator.authoring.coverage import seed_table

    table, counts = seed_table(load())
    thin = {eid: n for eid, n in counts.items() if n < 2}
    assert not thin, f"te weinig scenario's oefenen deze stappen: {thin}"
    assert "bron: Divosa, Dienstverlening onder druk (2011), hoofdstuk 4.2" in table


def test_a_step_nobody_practises_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--coverage", str(MINI)])
    out = capsys.readouterr().out
    assert "Stappen uit de bronnen" in out
    assert "Minder dan twee scenario's oefenen deze stappen uit de bronnen:" in out
    assert "staking" in out.split("deze stappen uit de bronnen:")[1]
