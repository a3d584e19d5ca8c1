"""Run the benchmarks: ``python -m benchmarks [--json] [--quick] [--skip-serve] [--only GROEP]``.

One line per figure: name, value, unit, target and ``ok`` or ``MISSED``, and beside it the
baseline it was measured against in turns and the machine's load average meanwhile. Every
figure is the median of several measurements (see each module for how it is measured). ``--json`` prints
one JSON object: ``{"figures": [...], "errors": [...]}``. ``--quick`` measures fewer times and
smaller sizes (for the smoke test; its figures are not the real ones). The exit code is 0
when every group could be measured, whether or not the targets were met, and 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from types import ModuleType

from benchmarks import (
    check,
    engine_step,
    explore_speed,
    hosts,
    keys,
    klas,
    scale,
    serve,
    serve_start,
    session,
    startup,
)
from benchmarks.common import Figure

GROUPS: dict[str, ModuleType] = {
    "startup": startup,
    "keys": keys,
    "check": check,
    "engine": engine_step,
    "synthetic": scale,
    "explore": explore_speed,
    "session": session,
    "serve": serve,
    "serve_start": serve_start,
    "hosts": hosts,  # two serve hosts on PostgreSQL beside one on SQLite
    "klas": klas,
}
# minutes each: left out with --skip-serve, and where what they need is missing
SERVE_GROUPS: dict[str, Callable[[], bool]] = {
    "serve": serve.available,
    "serve_start": serve.available,
    "hosts": hosts.available,  # PostgreSQL too
    "klas": klas.available,
}


def measure(
    groups: Sequence[str], quick: bool, report: Callable[[str], None] = lambda _: None
) -> tuple[list[Figure], list[dict[str, str]]]:
    figures: list[Figure] = []
    errors: list[dict[str, str]] = []
    for name in groups:
        started = time.perf_counter()
        try:
            found: list[Figure] = GROUPS[name].run(quick)
        except Exception as exc:  # one group failing must not hide the others
            errors.append({"group": name, "error": f"{type(exc).__name__}: {exc}"})
            report(f"# {name}: FOUT {type(exc).__name__}: {exc}")
            continue
        figures += found
        for figure in found:
            report(figure.line())
        report(f"# {name}: {time.perf_counter() - started:.0f} s")
    return figures, errors


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--json", action="store_true", help="één JSON-document")
    p.add_argument("--quick", action="store_true", help="snel: minder metingen, kleinere maten")
    p.add_argument(
        "--skip-serve",
        "--zonder-serve",
        action="store_true",
        help="de metingen van regie serve en klassikaal overslaan (die duren elk minuten)",
    )
    p.add_argument(
        "--only",
        action="append",
        choices=list(GROUPS),
        metavar="GROEP",
        help=f"alleen deze groep (mag vaker): {', '.join(GROUPS)}",
    )
    args = p.parse_args(argv)
    groups = args.only or [g for g in GROUPS if not (g in SERVE_GROUPS and args.skip_serve)]
    groups = [g for g in groups if g not in SERVE_GROUPS or SERVE_GROUPS[g]()]
    if "session" in groups and not session.available():  # it forks, as the zygote does
        groups.remove("session")
    report: Callable[[str], None] = (
        (lambda line: print(line, file=sys.stderr, flush=True))
        if args.json
        else (lambda line: print(line, flush=True))
    )
    figures, errors = measure(groups, args.quick, report)
    if args.json:
        print(
            json.dumps(
                {"quick": args.quick, "figures": [f.to_json() for f in figures], "errors": errors},
                ensure_ascii=False,
                indent=2,
            )
        )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
