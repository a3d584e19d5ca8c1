"""``regie export --xapi``: the attempts as xAPI statements (cmi5), for an LRS or an LMS."""

from __future__ import annotations

import argparse
import sys

from simulator.cli.usage import EXIT_OK, EXIT_PROBLEMS


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    e = sub.add_parser(
        "export",
        help="de pogingen exporteren als xAPI-statements (voor een LRS)",
        description=(
            "Elke afgeronde poging en elk gestopt examen als xAPI-statements in cmi5-volgorde. "
            "De trainee heet daarin een pseudoniem, nooit bij naam. Opnieuw exporteren geeft "
            "dezelfde statement-id's."
        ),
    )
    e.add_argument("--xapi", action="store_true", help="als xAPI-statements (JSON)")
    e.add_argument(
        "--jsonl", action="store_true", help="één statement per regel in plaats van een JSON-lijst"
    )
    e.add_argument(
        "-o", "--output", metavar="BESTAND", help="schrijf naar dit bestand (standaard: scherm)"
    )


def cmd_export(args: argparse.Namespace) -> int:
    from simulator.cli.output import fail, overwrites_a_store, why, write
    from simulator.language.library import load
    from simulator.reports import xapi
    from simulator.store import Store, StoreError

    if not args.xapi:
        return fail("export", "kies het formaat van de export: regie export --xapi")
    try:
        store = Store.open_existing(args.data)
        if note := store.absent():
            print(f"regie {args.command}: {note}", file=sys.stderr)
    except StoreError as exc:
        return fail("export", str(exc), EXIT_PROBLEMS)
    with store:
        statements = xapi.export(store, load())
    if refusal := overwrites_a_store(args.output, store):
        return fail("export", refusal)
    try:
        write(xapi.dumps(statements, jsonl=args.jsonl), args.output)
    except OSError as exc:
        return fail("export", f"kan niet schrijven naar {args.output}: {why(exc)}", EXIT_PROBLEMS)
    if args.output:
        print(f"{len(statements)} statements geschreven naar {args.output}.", file=sys.stderr)
    return EXIT_OK
