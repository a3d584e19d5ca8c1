"""``regie report`` and ``regie export`` (``--xapi``, ``--xapi --lrs``, ``--cmi5``) for the
command line.

``add_parsers`` adds both to the subcommands of ``regie``; ``COMMANDS`` maps their names
to the functions that run them. Each opens the existing store with
``Store.open_existing(args.data)`` (the global ``--data``; a folder without a store is told,
not filled with a new one) and loads the bundled library. A trainee, group or course that
is not known gives a Dutch message with a suggestion on stderr and exit code 2. (This
module does not import ``simulator.cli``, which imports it.)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.store import Store, StoreError
from simulator.store.files import why_not_written, write_private

if TYPE_CHECKING:  # the report modules are imported when a report is made, not at start-up
    from simulator.library import Library
    from simulator.reports.data import GroupReport, TraineeReport

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
FORMATS = ("md", "html", "csv", "json")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    r = sub.add_parser(
        "report",
        help="een verslag van een trainee, een groep of een cursus (md, html, csv of json)",
        description=(
            "Een verslag van de opgeslagen pogingen: van één trainee (voortgang, overtreden "
            "regels, het verloop per poging), van een groep of een cursus (wie slaagde waarvoor, "
            "de meest overtreden regels, de competenties, wie nog wat moet doen), of zonder "
            "keuze van alle groepen. Alleen afgeronde pogingen en gestopte examens tellen."
        ),
    )
    who = r.add_mutually_exclusive_group()
    who.add_argument("--trainee", metavar="NAAM", help="het verslag van deze trainee")
    who.add_argument("--groep", metavar="GROEP", help="het verslag van deze groep")
    r.add_argument(
        "--course",
        metavar="CURSUS",
        help="alleen deze cursus; 'nog te doen' meet tegen haar scenario's",
    )
    r.add_argument(
        "--format",
        choices=FORMATS,
        default="md",
        help="md (standaard: tabellen om in een document te plakken), html (één printbaar "
        "bestand met grafieken), csv (één regel per poging, voor een spreadsheet) of json",
    )
    r.add_argument(
        "-o", "--output", metavar="BESTAND", help="schrijf naar dit bestand (standaard: scherm)"
    )
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
    e.add_argument(
        "-o", "--output", metavar="BESTAND", help="schrijf naar dit bestand (standaard: scherm)"
    )


def _fail(command: str, message: str, code: int = EXIT_USAGE) -> int:
    print(f"regie {command}: {message}", file=sys.stderr)
    return code


def _write(data: str | bytes, output: str | None) -> None:
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
        return
    write_private(Path(output), data if isinstance(data, bytes) else data.encode("utf-8"))


def _overwrites_a_store(output: str | None, store: Store) -> str | None:
    """A Dutch refusal if ``output`` is the store, one of its companions (``-wal``, ``-shm``,
    a backup) or any other SQLite database: a report must never replace results."""
    if output is None:
        return None
    target = Path(output)
    try:
        resolved = target.resolve()
        ours = store.path.resolve()
    except OSError:
        return None
    if resolved.parent == ours.parent and resolved.name.startswith(ours.name):
        return f"{output} is de opslag van Regie (of hoort erbij); kies een ander bestand"
    try:
        with target.open("rb") as fh:
            header = fh.read(16)
    except OSError:
        return None  # not there (or not readable): writing it says what is wrong
    if header == b"SQLite format 3\x00":
        return f"{output} is een database (misschien een opslag van Regie); kies een ander bestand"
    return None


def _why(exc: OSError) -> str:
    return why_not_written(exc)


def _guess(word: str, options: list[str]) -> str:
    """' Bedoelde u …?' by spelling, else the one option that contains the word."""
    from simulator.reader import suggest

    close = suggest(word, options)
    if close:
        return close
    folded = word.casefold().strip()
    holding = [o for o in options if folded and folded in o.casefold()]
    return f" Bedoelde u '{holding[0]}'?" if len(holding) == 1 else ""


def _generated() -> str:
    return datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")


def build_report(
    store: Store,
    lib: Library,
    *,
    trainee: str | None = None,
    groep: str | None = None,
    course: str | None = None,
) -> TraineeReport | GroupReport | str:
    from simulator.reports.data import group_report, trainee_report

    """The report asked for, or a Dutch message saying what is not known (with a guess)."""
    known_trainees = {t.name.casefold(): t for t in store.trainees()}
    rows = store.attempts()
    groups = sorted(
        {t.groep for t in known_trainees.values() if t.groep} | {r.groep for r in rows if r.groep}
    )
    courses = sorted(set(lib.courses) | {r.course for r in rows if r.course})
    if course is not None and course not in courses:
        return f"onbekende cursus '{course}'.{_guess(course, courses)}"
    if trainee is not None:
        found = known_trainees.get(" ".join(trainee.split()).casefold())
        if found is None:
            names = [t.name for t in known_trainees.values()]
            return f"onbekende trainee '{trainee}'.{_guess(trainee, names)}"
        return trainee_report(
            found.name,
            store.attempts(trainee=found.name),
            lib,
            groep=found.groep,
            course=course,
            events=store.events,
            exams=store.exams(trainee=found.name),
        )
    if groep is not None and groep not in groups:
        return f"onbekende groep '{groep}'.{_guess(groep, groups)}"
    members = {t.name: t.groep for t in known_trainees.values()}
    return group_report(rows, lib, groep=groep, course=course, members=members, exams=store.exams())


def cmd_report(args: argparse.Namespace) -> int:
    from simulator.library import load
    from simulator.reports import csv_export, html, json_export, markdown
    from simulator.reports.data import TraineeReport

    try:
        store = Store.open_existing(args.data)
        if note := store.absent():
            print(f"regie {args.command}: {note}", file=sys.stderr)
    except StoreError as exc:
        return _fail("report", str(exc), EXIT_PROBLEMS)
    with store:
        lib = load()
        report = build_report(
            store, lib, trainee=args.trainee, groep=args.groep, course=args.course
        )
    if isinstance(report, str):
        return _fail("report", report)
    generated = _generated()
    data: str | bytes
    if args.format == "html":
        data = html.render(report, generated=generated)
    elif args.format == "csv":
        lines = report.attempts if isinstance(report, TraineeReport) else report.lines
        data = csv_export.to_bytes(lines)
    elif args.format == "json":
        data = json_export.to_json(report, generated=generated)
    else:
        data = markdown.render(report, generated=generated)
    if refusal := _overwrites_a_store(args.output, store):
        return _fail("report", refusal)
    try:
        _write(data, args.output)
    except OSError as exc:
        return _fail("report", f"kan niet schrijven naar {args.output}: {_why(exc)}", EXIT_PROBLEMS)
    if args.output:
        print(f"Verslag geschreven naar {args.output}.", file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from simulator.library import load
    from simulator.reports import xapi

    chosen = [name for name in ("xapi", "cmi5") if getattr(args, name, None)]
    base = getattr(args, "iri_basis", None)
    if getattr(args, "lrs", None) and not args.xapi:
        return _fail("export", "--lrs hoort bij --xapi: regie export --xapi --lrs URL")
    if not chosen and base is None:
        return _fail(
            "export",
            "kies wat u exporteert: regie export --xapi (statements), --xapi --lrs URL (naar "
            "een LRS) of --cmi5 CURSUS -o pakket.zip (een cursuspakket)",
        )
    if len(chosen) > 1:
        return _fail("export", "kies --xapi of --cmi5, niet allebei")
    if base is not None and (problem := xapi.check_base(base)):
        return _fail("export", f"{problem}, bijvoorbeeld https://leren.gemeente.nl/regie")
    try:
        store = Store.open(args.data) if base is not None else Store.open_existing(args.data)
        if note := store.absent():
            print(f"regie {args.command}: {note}", file=sys.stderr)
    except StoreError as exc:
        return _fail("export", str(exc), EXIT_PROBLEMS)
    with store:
        if base is not None:
            code = _set_base(store, base)
            if code != EXIT_OK or not chosen:
                return code
        if args.cmi5:
            return _export_cmi5(args, store, load())
        if args.lrs:
            return _push(args, store, load())
        statements = xapi.export(store, load())
    if refusal := _overwrites_a_store(args.output, store):
        return _fail("export", refusal)
    try:
        _write(xapi.dumps(statements, jsonl=args.jsonl), args.output)
    except OSError as exc:
        return _fail("export", f"kan niet schrijven naar {args.output}: {_why(exc)}", EXIT_PROBLEMS)
    if args.output:
        print(f"{len(statements)} statements geschreven naar {args.output}.", file=sys.stderr)
    return EXIT_OK


def _set_base(store: Store, base: str) -> int:
    from simulator.reports import xapi
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
        return _fail("export", str(exc), EXIT_PROBLEMS)
    print(f"Het IRI-basisadres is nu {new} (was {old}).", file=sys.stderr)
    if sent:
        print(
            f"let op: {sent} statements gingen al met {old} naar een LRS; die houden hun "
            "adressen, nieuwe statements krijgen het nieuwe (zie docs/lms.md).",
            file=sys.stderr,
        )
    return EXIT_OK


def _push(args: argparse.Namespace, store: Store, lib: Library) -> int:
    from simulator.reports import lrs

    if problem := lrs.check_endpoint(args.lrs):
        return _fail("export", problem)
    try:
        auth = lrs.credentials()
    except lrs.LrsError as exc:
        return _fail("export", str(exc))

    def progress(done: int, total: int) -> None:
        print(f"  {done} van {total} statements verstuurd", file=sys.stderr)

    try:
        pushed = lrs.push(store, lib, lrs.Lrs(args.lrs, auth), progress=progress)
    except lrs.LrsError as exc:
        return _fail("export", str(exc), EXIT_PROBLEMS)
    except StoreError as exc:
        return _fail("export", str(exc), EXIT_PROBLEMS)
    voided = f", {pushed.voided} ingetrokken (gewiste trainees)" if pushed.voided else ""
    print(
        f"{pushed.sent} statements naar {lrs.endpoint(args.lrs)} gestuurd; {pushed.known} had de "
        f"LRS al{voided}.",
        file=sys.stderr,
    )
    return EXIT_OK


def _export_cmi5(args: argparse.Namespace, store: Store, lib: Library) -> int:
    from simulator.reports import cmi5_package, xapi

    if args.cmi5 not in lib.courses:
        return _fail(
            "export", f"onbekende cursus '{args.cmi5}'.{_guess(args.cmi5, sorted(lib.courses))}"
        )
    address = args.adres or cmi5_package.DEFAULT_ADDRESS
    if problem := cmi5_package.check_address(address):
        return _fail("export", problem)
    if not args.output:
        return _fail("export", "geef het pakket een naam: regie export --cmi5 CURSUS -o pakket.zip")
    if refusal := _overwrites_a_store(args.output, store):
        return _fail("export", refusal)
    data = cmi5_package.package(lib, args.cmi5, xapi.iri_base(store), address)
    try:
        _write(data, args.output)
    except OSError as exc:
        return _fail("export", f"kan niet schrijven naar {args.output}: {_why(exc)}", EXIT_PROBLEMS)
    count = len(lib.courses[args.cmi5].scenarios)
    print(f"Cursuspakket met {count} AU's geschreven naar {args.output}.", file=sys.stderr)
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "report": cmd_report,
    "export": cmd_export,
}
