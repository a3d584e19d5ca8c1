"""``regie check`` as a trainer runs it, beyond interpreter start and imports: the bundled
library and a synthetic scenario of 10,000 fasen, warm (checked before: the checked-model
cache has them) and cold (``--geen-cache``, or a first run with an empty cache).

Each figure is the difference of two medians, measured in turns in fresh interpreters:
``python -m simulator check …`` and its baseline, ``python -c "import simulator.cli"`` (the
interpreter and what every command imports). What is left is the check itself: for a warm
run, hashing the files and reading what the cache kept (and importing that); for a cold
one, reading, checking and letting the bots play (and keeping it all in the cache).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from benchmarks.common import Figure, Loads, child_env, pairs, wall
from benchmarks.synthetic import write

BASELINE = [sys.executable, "-c", "import simulator.cli"]
CHECK = [sys.executable, "-m", "simulator", "check"]


def run(quick: bool) -> list[Figure]:
    times = 1 if quick else 7
    size = 300 if quick else 10_000
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="regie-bench-") as folder:
        base = Path(folder)
        env = child_env() | {"REGIE_CACHE": str(base / "cache")}
        large = str(write(base, size))

        def check(*args: str, fresh_cache: bool = False) -> float:
            if not fresh_cache:
                return wall([*CHECK, *args], env)
            with tempfile.TemporaryDirectory(prefix="regie-cache-") as empty:
                return wall([*CHECK, *args], env | {"REGIE_CACHE": empty})

        def imports() -> float:
            return wall(BASELINE, env)

        check()  # fill the cache (and the operating system's file cache)
        check(large)
        shapes = [
            ("check_library_warm", (), False, 100.0, "de bibliotheek, al eens gecontroleerd"),
            ("check_library_cold", ("--geen-cache",), False, None, "de bibliotheek, --geen-cache"),
            ("check_10k_warm", (large,), False, 300.0, f"{size} fasen, al eens gecontroleerd"),
            (
                "check_10k_cold",
                (large,),
                True,
                2000.0,
                f"{size} fasen, eerste keer (lege cache: lezen, controleren, bewaren)",
            ),
        ]
        for name, args, fresh, limit, what in shapes:
            loads = Loads()
            turns = pairs(
                lambda a=args, f=fresh: check(*a, fresh_cache=f),
                imports,
                times if not fresh else max(1, times // 2),
                loads,
            )
            total, baseline = turns.medians
            figures.append(
                Figure(
                    name,
                    (total - baseline) * 1000,
                    "ms",
                    None if quick else limit,
                    note=f"{what}; regie check {total * 1000:.0f} ms min de basis",
                    baseline=baseline * 1000,
                    baseline_name="python -c 'import simulator.cli'",
                    load=loads.span,
                )
            )
    return figures
