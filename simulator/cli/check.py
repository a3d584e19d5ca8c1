"""``regie check``: every problem of the files with its place, the bots, and ``--dekking``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from simulator.cli.cache_option import add_cache_option, model_cache
from simulator.cli.dutch_argparse import option
from simulator.cli.usage import EXIT_OK, EXIT_PROBLEMS, Subcommands
from simulator.dutch import plural


def add_parser(sub: Subcommands) -> None:
    c = sub.add_parser("check", help="scenario's controleren")
    c.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PAD",
        help="bestanden of mappen (standaard: de meegeleverde bibliotheek)",
    )
    c.add_argument("--json", action="store_true", help="de problemen als JSON")
    option(
        c,
        "--streng",
        dest="strict",
        action="store_true",
        help="waarschuwingen tellen als fouten",
    )
    add_cache_option(c)
    option(
        c,
        "--dekking",
        dest="coverage",
        action="store_true",
        help="een tabel van regels tegen scenario's: waar elke regel gehouden en overtreden kan worden",
    )


def cmd_check(args: argparse.Namespace) -> int:
    from simulator.authoring.bot_checks import add_tallies, form_bot_line, form_bot_problems
    from simulator.authoring.checked import library_checks, scenario_checks
    from simulator.authoring.stable_schemas import refresh_quietly
    from simulator.language.gc_pause import keep_for_good
    from simulator.language.library import load
    from simulator.language.problems import Severity

    refresh_quietly()  # the editor's copy of the schemas follows this Regie (no network)
    cache = model_cache(args)
    lib = load(args.paths or None, cache=cache)
    keep_for_good()
    tallies = []
    for sid in lib.scenarios:
        checks = scenario_checks(lib, sid, strict=args.strict, cache=cache)
        lib.problems.extend(checks.problems)
        tallies.append({bot: (passed, played) for bot, passed, played in checks.form_bots})
    lib.problems.extend(library_checks(lib, cache=cache).problems)
    form_bots = add_tallies(tallies) if lib.scenarios else {}
    if form_bots:
        lib.problems.extend(form_bot_problems(lib, form_bots))
    cache.prune()
    errors = [p for p in lib.problems if p.severity is Severity.ERROR]
    if args.json:
        print(
            json.dumps(
                {
                    "files": lib.files,
                    "scenarios": sorted(lib.scenarios),
                    "problems": [p.to_json() for p in lib.problems],
                    "bots": {
                        bot: {"passed": passed, "attempts": played}
                        for bot, (passed, played) in form_bots.items()
                    },
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for problem in lib.problems:
            print(problem)
        bad_files = {p.file for p in errors}
        good = sum(1 for sid in lib.scenarios if lib.scenarios.source(sid) not in bad_files)
        scenarios = plural(good, "scenario", "scenario's")
        summary = f"{plural(lib.files, 'bestand', 'bestanden')} gecontroleerd: {scenarios} in orde"
        if errors:
            summary += f", {plural(len(errors), 'fout', 'fouten')}"
        warnings = len(lib.problems) - len(errors)
        if warnings:
            summary += f", {plural(warnings, 'waarschuwing', 'waarschuwingen')}"
        print(summary + ".")
        if form_bots:
            print(form_bot_line(form_bots) + ".")
    if args.coverage and not args.json:
        from simulator.authoring.coverage import coverage_table, seed_table

        table, counts = coverage_table(lib)
        print()
        print(table)
        thin = [rid for rid, n in counts.items() if n < 2]
        if thin:
            print()
            print(f"Minder dan twee scenario's oefenen: {', '.join(thin)}.")
        table, counts = seed_table(lib)
        print()
        print(table)
        thin = [eid for eid, n in counts.items() if n < 2]
        if thin:
            print()
            print(
                f"Minder dan twee scenario's oefenen deze stappen uit de bronnen: {', '.join(thin)}."
            )
    failing = lib.problems if args.strict else errors
    return EXIT_PROBLEMS if failing else EXIT_OK
