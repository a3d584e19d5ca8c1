"""``regie check`` of the whole bundled library, beyond interpreter start and imports.

Measured as the difference of two medians, each side a fresh interpreter, alternating:
``regie check`` (``python -m simulator check``) minus ``python -c`` importing what
``regie check`` imports (``IMPORTS``: the command line, the checks, the rules and the loaders). What is
left is the check itself: reading and checking every file and letting the bots play. The
in-process time of the same work is given too, as a cross-check.
"""

from __future__ import annotations

import sys
import time

from benchmarks.common import Figure, median, wall

# everything ``regie check`` imports (the loaders are imported when files are read)
IMPORTS = (
    "import simulator.cli, simulator.authoring.bot_checks, scoring, simulator.language.scenario,"
    " simulator.language.catalogue, simulator.language.course, simulator.language.plan, simulator.language.shape_checks,"
    " simulator.language.screen_fit, simulator.language.routes, simulator.authoring.intent, simulator.authoring.explore, scenarios,"
    " simulator.authoring.tells, simulator.language.speech,"
    " difflib, unicodedata, locale"
)


def in_process() -> float:
    from simulator.authoring.bot_checks import bot_expectations, form_bot_passes
    from simulator.authoring.intent import intent_problems
    from simulator.authoring.tells import form_problems, library_tell_problems
    from simulator.language.library import load

    start = time.perf_counter()
    lib = load()
    for scenario in lib.scenarios.values():
        bot_expectations(lib, scenario)
        intent_problems(lib, scenario)
        form_problems(scenario)
    library_tell_problems(list(lib.scenarios.values()))
    form_bot_passes(lib)
    return time.perf_counter() - start


def run(quick: bool) -> list[Figure]:
    times = 1 if quick else 7
    check, imports = [], []
    if not quick:
        wall([sys.executable, "-m", "simulator", "check"])  # warm the file cache
    for _ in range(times):
        imports.append(wall([sys.executable, "-c", IMPORTS]))
        check.append(wall([sys.executable, "-m", "simulator", "check"]))
    inside = median([in_process() for _ in range(times)])
    beyond = median(check) - median(imports)
    return [
        Figure(
            "check_library",
            beyond * 1000,
            "ms",
            150,
            note=f"regie check {median(check) * 1000:.0f} ms min imports {median(imports) * 1000:.0f} ms",
        ),
        Figure(
            "check_library_in_process",
            inside * 1000,
            "ms",
            150,
            note="load + bots + oordelen, in één proces",
        ),
    ]
