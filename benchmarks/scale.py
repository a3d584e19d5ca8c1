"""Synthetic scenarios of 1,000 and 10,000 fasen: load and check (``regie check FILE``).

Each size is written by ``benchmarks.synthetic`` and checked in a fresh interpreter (the
two sizes in turns), which reports the in-process time of loading (reading, checking the
file; no cache) plus the bot checks, and its own peak memory (``resource.getrusage``
maxrss: the whole process, interpreter and imports included). ``regie check`` of the same
file, as a command, warm and cold, is in ``benchmarks.check``.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from benchmarks.common import Figure, Loads, median, pairs, run_child
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


def run(quick: bool) -> list[Figure]:
    small, large = (100, 1000) if quick else (1000, 10_000)
    times = 1 if quick else 5
    runs: dict[int, list[dict[str, float]]] = {small: [], large: []}
    loads = Loads()
    with tempfile.TemporaryDirectory(prefix="regie-bench-") as folder:
        paths = {n: write(Path(folder), n) for n in (small, large)}

        def measure(n: int) -> float:
            result = run_child(CHILD, str(paths[n]), timeout=1800)
            if result["errors"]:
                raise RuntimeError(f"{paths[n].name} is niet in orde: {result['errors']}")
            runs[n].append(result)
            return float(result["total"])

        pairs(lambda: measure(large), lambda: measure(small), times, loads)
    a, b = (
        {key: median([r[key] for r in runs[n]]) for key in ("load", "total", "peak_mb", "fasen")}
        for n in (small, large)
    )

    def note(m: dict[str, float]) -> str:
        return (
            f"{m['fasen']:.0f} fasen; inlezen {m['load']:.2f} s, bots {m['total'] - m['load']:.2f} s"
            f"; {times}x gemeten, om en om met {small} fasen"
        )

    def target(limit: float) -> float | None:  # --quick: a tenth of the sizes, no targets
        return None if quick else limit

    return [
        Figure("synthetic_1k_load_check", a["total"], "s", note=note(a), load=loads.span),
        Figure(
            "synthetic_10k_load_check",
            b["total"],
            "s",
            target(2.0),
            note=note(b),
            baseline=a["total"],
            baseline_name=f"{small} fasen",
            load=loads.span,
        ),
        Figure(
            "synthetic_ratio_10k_1k", b["total"] / a["total"], "x", target(12.0), load=loads.span
        ),
        Figure(
            "synthetic_10k_peak_memory",
            b["peak_mb"],
            "MB",
            target(200.0),
            note="maxrss van het hele proces",
        ),
    ]
