"""Smoke test of the benchmark suite: ``python -m benchmarks --quick --skip-serve --json``
runs on this checkout and gives every figure as a number. No timing is asserted here: the
figures and their targets belong to ``python -m benchmarks`` (see the README)."""

from __future__ import annotations

import json
import math
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
    "check_library",
    "check_library_in_process",
    "engine_step_median",
    "engine_step_p95",
    "synthetic_1k_load_check",
    "synthetic_10k_load_check",
    "synthetic_ratio_10k_1k",
    "synthetic_10k_peak_memory",
    "explore_states_per_second",
    "explore_bundled_library",
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
    assert set(by_name) == FIGURES
    for figure in report["figures"]:
        assert isinstance(figure["value"], (int, float)), figure
        assert math.isfinite(figure["value"]) and figure["value"] > 0, figure
        assert figure["ok"] in (True, False, None), figure
    # the ratios are measured side by side, so both sides are there too
    assert by_name["startup_ratio"]["target"] == {"max": 1.3}
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


def test_the_check_figure_subtracts_every_module_regie_check_imports() -> None:
    """``check_library`` is regie check minus its imports: the imports side must import all
    of Regie's own modules that the check does, or the difference counts imports too."""
    from benchmarks.check import IMPORTS

    code = (
        IMPORTS
        + "\nimport sys, io, contextlib\nbefore = set(sys.modules)\n"
        + "from simulator.cli import main\n"
        + "with contextlib.redirect_stdout(io.StringIO()):\n    main(['check'])\n"
        + "print(sorted(m for m in set(sys.modules) - before"
        + " if m.split('.')[0] in ('simulator', 'scoring', 'scenarios', 'yaml', 'transitions')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"
