"""``regie test``: play the test plans and compare with what they expect."""

from __future__ import annotations

import argparse
from pathlib import Path

from simulator.cli.cache_option import add_cache_option, model_cache
from simulator.cli.usage import EXIT_OK, EXIT_PROBLEMS, Subcommands
from simulator.dutch import plural


def add_parser(sub: Subcommands) -> None:
    t = sub.add_parser(
        "test", help="de testplannen draaien (gespeelde routes met verwachte uitkomst)"
    )
    t.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PAD",
        help="testplannen en scenario's (standaard: de meegeleverde)",
    )
    add_cache_option(t)


def cmd_test(args: argparse.Namespace) -> int:
    from simulator.authoring.plan_runner import run_case
    from simulator.language.library import load
    from simulator.language.problems import Severity

    lib = load(args.paths or None, cache=model_cache(args))
    for problem in lib.problems:
        print(problem)
    failed = total = 0
    for plan in lib.plans:
        print(f"{plan.scenario} ({plan.source})")
        for case in plan.cases:
            total += 1
            outcome = run_case(lib, case, plan.scenario)
            if outcome.ok:
                print(f"  ✓ {case.name}")
            else:
                failed += 1
                print(f"  ✗ {case.name}  [{plan.source}:{case.mark.line}]")
                for failure in outcome.failures:
                    print(f"      {failure}")
    print(f"{plural(total, 'geval', 'gevallen')}: {total - failed} geslaagd, {failed} mislukt.")
    errors = [p for p in lib.problems if p.severity is Severity.ERROR]
    return EXIT_PROBLEMS if failed or errors else EXIT_OK
