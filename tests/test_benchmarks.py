"""Smoke test of the benchmark suite: ``python -m benchmarks --quick --skip-serve --json``
runs on this checkout and gives every figure as a number. No timing is asserted here: the
figures and their targets belong to ``python -m benchmarks`` (see the README)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

FIGURES = {
    "startup_regie",
    "startup_minimal_textual",
    "startup_ratio",
    "startup_welcome_form_textual",
    "key_to_screen_median",
    "key_to_screen_p95",
    "check_library_warm",
    "check_library_cold",
    "check_10k_warm",
    "check_10k_cold",
    "engine_step_median",
    "engine_step_p95",
    "engine_step_after_10k",
    "synthetic_1k_load_check",
    "synthetic_10k_load_check",
    "synthetic_ratio_10k_1k",
    "synthetic_10k_peak_memory",
    "explore_states_per_second",
    "explore_bundled_library",
    "serve_session_cpu_to_play",
}
# measured in turns with a baseline (the rest are shares or memory of the same runs)
WITH_BASELINE = {
    "startup_regie",
    "key_to_screen_median",
    "key_to_screen_p95",
    "check_library_warm",
    "check_library_cold",
    "check_10k_warm",
    "check_10k_cold",
    "engine_step_median",
    "engine_step_after_10k",
    "synthetic_10k_load_check",
    "explore_states_per_second",
    "explore_bundled_library",
    "serve_session_cpu_to_play",
}


@pytest.mark.slow
def test_quick_run_gives_every_figure_as_a_number() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--skip-serve", "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["errors"] == []
    assert report["quick"] is True
    by_name = {f["name"]: f for f in report["figures"]}
    forks = hasattr(os, "fork")  # the session figure forks, as the zygote does
    assert set(by_name) == (FIGURES if forks else FIGURES - {"serve_session_cpu_to_play"})
    for figure in report["figures"]:
        assert isinstance(figure["value"], (int, float)), figure
        assert math.isfinite(figure["value"]), figure
        assert figure["value"] > 0 or figure["name"].startswith("check_"), figure
        assert figure["ok"] in (True, False, None), figure
    for name in WITH_BASELINE & set(by_name):
        baseline = by_name[name]["baseline"]
        assert baseline is not None and baseline["value"] > 0 and baseline["name"], name
    if hasattr(os, "getloadavg"):  # the load beside each timing
        assert all(by_name[name]["load"] is not None for name in WITH_BASELINE & set(by_name))
    # the ratios are measured side by side, so both sides are there too
    assert by_name["startup_ratio"]["target"] == {"max": 1.15}
    assert by_name["explore_states_per_second"]["target"] == {"min": 100_000}


def test_the_synthetic_scenario_is_valid_and_grows_with_the_size(tmp_path: Path) -> None:
    from benchmarks.synthetic import write
    from simulator.language.library import load

    lib = load([write(tmp_path, 120), write(tmp_path, 240)])
    assert [str(p) for p in lib.problems if p.severity.value == "fout"] == []
    small, large = lib.scenarios["synthetisch-120"], lib.scenarios["synthetisch-240"]
    assert 120 <= len(small.fasen) < 160 and 240 <= len(large.fasen) < 280  # rows of 40
    # the structure of a real scenario: timers, chance, conditions, events, variables
    fasen = list(large.fasen.values())
    assert any(f.timer for f in fasen)
    assert any(not f.choices for f in fasen)  # event fasen ('verder')
    text = (tmp_path / "synthetisch-240.yaml").read_text(encoding="utf-8")
    assert "kans: 0,25" in text and "als: spanning >= 2" in text and "verstrijkt:" in text


@pytest.mark.slow
def test_the_explore_figure_explores_more_than_150k_states(tmp_path: Path) -> None:
    """The rate is measured on a state space large enough to be a rate, not a start-up."""
    from benchmarks.explore_speed import FULL, MIN_STATES
    from benchmarks.synthetic import write
    from simulator.authoring.explore import explore
    from simulator.language.library import load

    lib = load([write(tmp_path, FULL["fasen"], variables=FULL["variables"], layers=FULL["layers"])])
    (scenario,) = lib.scenarios.values()
    found = explore(scenario, lib.profile_for(scenario), lib.catalogue, max_states=MIN_STATES)
    assert found.states >= MIN_STATES
