"""Every bundled scenario has a test plan, and every plan's cases come out as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.authoring.plan_runner import run_case
from simulator.cli import main
from simulator.language.library import load

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = load()
CASES = [(plan, case) for plan in BUNDLED.plans for case in plan.cases]


def test_every_bundled_scenario_has_a_plan_with_a_model_path_and_a_wrong_path() -> None:
    planned = {plan.scenario: plan for plan in BUNDLED.plans}
    for sid in BUNDLED.scenarios:
        assert sid in planned, f"{sid} heeft geen testplan in scenarios/testplannen/"
        cases = planned[sid].cases
        assert any(c.passed for c in cases), f"{sid}: geen geval dat slaagt (het modelantwoord)"
        assert any(c.passed is False for c in cases), f"{sid}: geen geval met een verkeerde route"
        assert all(c.ending for c in cases), f"{sid}: elk geval noemt het einde"
        assert all(c.rules for c in cases), f"{sid}: elk geval noemt verwachte oordelen"


PARAMS = [pytest.param(plan, case, id=f"{plan.scenario}: {case.name}") for plan, case in CASES]


@pytest.mark.parametrize(("plan", "case"), PARAMS)
def test_bundled_plan(plan, case) -> None:  # type: ignore[no-untyped-def]
    outcome = run_case(BUNDLED, case, plan.scenario)
    assert outcome.ok, "\n".join(outcome.failures)


def test_regie_test_on_the_fixture_plan(capsys: pytest.CaptureFixture[str]) -> None:
    fixtures = ROOT / "tests" / "fixtures"
    code = main(["test", str(fixtures / "mini.yaml"), str(fixtures / "mini.test.yaml")])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "✓ boze variant, modelantwoord" in out
    assert "2 gevallen: 2 geslaagd, 0 mislukt." in out


def test_regie_test_reports_a_wrong_expectation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixtures = ROOT / "tests" / "fixtures"
    plan = (fixtures / "mini.test.yaml").read_text(encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(
        plan.replace("einde: escalatie", "einde: goed"), encoding="utf-8"
    )
    code = main(["test", str(fixtures / "mini.yaml"), str(tmp_path / "plan.yaml")])
    out = capsys.readouterr().out
    assert code == 1
    assert "✗ doorpraten en dan niets doen" in out
    assert "verwacht einde 'goed', maar de poging staat in einde 'escalatie'" in out
    assert "1 mislukt" in out
