"""``regie export``: the attempts as xAPI statements that follow cmi5, to a file or with
``--lrs`` to an LRS (``simulator.reports.lrs``); ``--cmi5 CURSUS`` a course package for an
LMS (``simulator.reports.cmi5_package``); ``--iri-basis`` the organisation's IRI base. See
docs/lms.md."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from simulator.cli.dutch_argparse import option
from simulator.cli.usage import EXIT_OK, EXIT_PROBLEMS, Subcommands

if TYPE_CHECKING:  # the store and the reports are imported when the command runs
    from simulator.language.library import Library
    from simulator.store import Store


def add_parser(sub: Subcommands) -> None:
    e = sub.add_parser(
        "export",
        help="de pogingen als xAPI-statements (bestand of LRS), of een cmi5-cursuspakket",
        description=(
            "Elke afgeronde poging en elk gestopt examen als xAPI-statements volgens cmi5: naar "
            "een bestand, of met --lrs naar een LRS (alleen wat die nog niet had). De trainee "
            "heet daarin een pseudoniem, nooit bij naam. Opnieuw exporteren geeft dezelfde "
            "statement-id's. Met --cmi5 een cursuspakket (cmi5.xml in een zip) voor een LMS. "
            "Zie docs/lms.md."
        ),
    )
    e.add_argument("--xapi", action="store_true", help="als xAPI-statements (JSON)")
    e.add_argument(
        "--jsonl", action="store_true", help="één statement per regel in plaats van een JSON-lijst"
    )
    e.add_argument(
        "--lrs",
        metavar="URL",
        help="met --xapi: stuur de statements naar deze LRS (het xAPI-adres); gebruiker en "
        "wachtwoord uit REGIE_LRS_GEBRUIKER en REGIE_LRS_WACHTWOORD, anders gevraagd",
    )
    e.add_argument(
        "--cmi5",
        metavar="CURSUS",
        help="een cmi5-cursuspakket van deze cursus (met -o pakket.zip): één AU per scenario",
    )
    e.add_argument(
        "--adres",
        metavar="URL",
        help="met --cmi5: het adres waarop regie serve voor de trainees bereikbaar is "
        "(standaard http://127.0.0.1:8000/)",
    )
    e.add_argument(
        "--iri-basis",
        metavar="URL",
        help="het IRI-basisadres van uw organisatie voor de activiteiten (eenmalig instellen; "
        "standaard https://regie.example); wordt in de opslag bewaard",
    )
    option(
        e,
        "-o",
        "--uitvoer",
        dest="output",
        metavar="BESTAND",
        help="schrijf naar dit bestand (standaard: scherm)",
    )


def cmd_export(args: argparse.Namespace) -> int:
    from simulator.cli.output import fail, overwrites_a_store, why, write
    from simulator.language.library import load
    from simulator.reports import xapi
    from simulator.store import Store, StoreError

    chosen = [name for name in ("xapi", "cmi5") if getattr(args, name, None)]
    base = getattr(args, "iri_basis", None)
    if getattr(args, "lrs", None) and not args.xapi:
        return fail("export", "--lrs hoort bij --xapi: regie export --xapi --lrs URL")
    if not chosen and base is None:
        return fail(
            "export",
            "kies wat u exporteert: regie export --xapi (statements), --xapi --lrs URL (naar "
            "een LRS) of --cmi5 CURSUS -o pakket.zip (een cursuspakket)",
        )
    if len(chosen) > 1:
        return fail("export", "kies --xapi of --cmi5, niet allebei")
    if base is not None and (problem := xapi.check_base(base)):
        return fail("export", f"{problem}, bijvoorbeeld https://leren.gemeente.nl/regie")
    try:
        store = Store.open(args.data) if base is not None else Store.open_existing(args.data)
        if note := store.absent():
            print(f"regie {args.command}: {note}", file=sys.stderr)
    except StoreError as exc:
        return fail("export", str(exc), EXIT_PROBLEMS)
    with store:
        if base is not None:
            code = set_base(store, base)
            if code != EXIT_OK or not chosen:
                return code
        if args.cmi5:
            return export_cmi5(args, store, load())
        if args.lrs:
            return push(args, store, load())
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


def set_base(store: Store, base: str) -> int:
    from simulator.cli.output import fail
    from simulator.reports import xapi
    from simulator.store import StoreError
    from simulator.store.xapi_log import sent_count

    new = base.rstrip("/")
    old = xapi.iri_base(store)
    if new == old:
        print(f"Het IRI-basisadres is al {new}.", file=sys.stderr)
        return EXIT_OK
    sent = sent_count(store)
    try:
        store.set_setting(xapi.BASE_SETTING, new)
    except StoreError as exc:
        return fail("export", str(exc), EXIT_PROBLEMS)
    print(f"Het IRI-basisadres is nu {new} (was {old}).", file=sys.stderr)
    if sent:
        print(
            f"let op: {sent} statements gingen al met {old} naar een LRS; die houden hun "
            "adressen, nieuwe statements krijgen het nieuwe (zie docs/lms.md).",
            file=sys.stderr,
        )
    return EXIT_OK


def push(args: argparse.Namespace, store: Store, lib: Library) -> int:
    from simulator.cli.output import fail
    from simulator.reports import lrs
    from simulator.store import StoreError

    if problem := lrs.check_endpoint(args.lrs):
        return fail("export", problem)
    try:
        auth = lrs.credentials()
    except lrs.LrsError as exc:
        return fail("export", str(exc))

    def progress(done: int, total: int) -> None:
        print(f"  {done} van {total} statements verstuurd", file=sys.stderr)

    try:
        pushed = lrs.push(store, lib, lrs.Lrs(args.lrs, auth), progress=progress)
    except lrs.LrsError as exc:
        return fail("export", str(exc), EXIT_PROBLEMS)
    except StoreError as exc:
        return fail("export", str(exc), EXIT_PROBLEMS)
    voided = f", {pushed.voided} ingetrokken (gewiste trainees)" if pushed.voided else ""
    print(
        f"{pushed.sent} statements naar {lrs.endpoint(args.lrs)} gestuurd; {pushed.known} had de "
        f"LRS al{voided}.",
        file=sys.stderr,
    )
    return EXIT_OK


def export_cmi5(args: argparse.Namespace, store: Store, lib: Library) -> int:
    from simulator.cli.output import fail, overwrites_a_store, why, write
    from simulator.reports import cmi5_package, xapi
    from simulator.reports.build import guess

    if args.cmi5 not in lib.courses:
        return fail(
            "export", f"onbekende cursus '{args.cmi5}'.{guess(args.cmi5, sorted(lib.courses))}"
        )
    address = args.adres or cmi5_package.DEFAULT_ADDRESS
    if problem := cmi5_package.check_address(address):
        return fail("export", problem)
    if not args.output:
        return fail("export", "geef het pakket een naam: regie export --cmi5 CURSUS -o pakket.zip")
    if refusal := overwrites_a_store(args.output, store):
        return fail("export", refusal)
    data = cmi5_package.package(lib, args.cmi5, xapi.iri_base(store), address)
    try:
        write(data, args.output)
    except OSError as exc:
        return fail("export", f"kan niet schrijven naar {args.output}: {why(exc)}", EXIT_PROBLEMS)
    count = len(lib.courses[args.cmi5].scenarios)
    print(f"Cursuspakket met {count} AU's geschreven naar {args.output}.", file=sys.stderr)
    return EXIT_OK
