"""Synthetic scenarios of 1,000 and 10,000 fasen: load and check (``regie check FILE``).

Each size is written by ``benchmarks.synthetic`` and checked in a fresh interpreter, which
reports the in-process time of loading (reading, checking the file) plus the bot checks,
and its own peak memory (``resource.getrusage`` maxrss: the whole process, interpreter and
imports included). A run that takes longer than a minute is not repeated.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.common import Figure, median, run_child
from benchmarks.synthetic import write

CHILD = """
import json, resource, sys, time
from pathlib import Path
from simulator.authoring.bot_checks import bot_expectations
from simulator.language.library import load

start = time.perf_counter()
lib = load([Path(sys.argv[1])])
loaded = time.perf_counter()
errors = [str(p) for p in lib.problems if p.severity.value == "fout"]
for scenario in lib.scenarios.values():
    errors += [str(p) for p in bot_expectations(lib, scenario)]
done = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load": loaded - start, "total": done - start, "peak_mb": peak,
                  "fasen": sum(len(s.fasen) for s in lib.scenarios.values()),
                  "errors": errors[:3]}))
"""


def measure(path: Path, times: int) -> dict[str, float]:
    runs: list[dict[str, float]] = []
    for _ in range(times):
        result = run_child(CHILD, str(path), timeout=1800)
        if result["errors"]:
            raise RuntimeError(f"{path.name} is niet in orde: {result['errors']}")
        runs.append(result)
        if result["total"] > 60:
            break
    return {
        key: median([r[key] for r in runs]) for key in ("load", "total", "peak_mb", "fasen")
    } | {"runs": len(runs)}


def run(quick: bool) -> list[Figure]:
    small, large = (100, 1000) if quick else (1000, 10_000)
    times = 1 if quick else 5
    with tempfile.TemporaryDirectory(prefix="regie-bench-") as folder:
        a = measure(write(Path(folder), small), times)
        b = measure(write(Path(folder), large), times)

    def note(m: dict[str, float]) -> str:
        return (
            f"{m['fasen']:.0f} fasen; inlezen {m['load']:.2f} s, bots {m['total'] - m['load']:.2f} s"
            f"; {m['runs']:.0f}x gemeten"
        )

    def target(limit: float) -> float | None:  # --quick: a tenth of the sizes, no targets
        return None if quick else limit

    return [
        Figure("synthetic_1k_load_check", a["total"], "s", note=note(a)),
        Figure("synthetic_10k_load_check", b["total"], "s", target(2.0), note=note(b)),
        Figure("synthetic_ratio_10k_1k", b["total"] / a["total"], "x", target(12.0)),
        Figure(
            "synthetic_10k_peak_memory",
            b["peak_mb"],
            "MB",
            target(200.0),
            note="maxrss van het hele proces",
        ),
    ]
