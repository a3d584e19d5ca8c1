"""``regie report``: a report of one trainee, a group or a course (md, html, csv or json).

It opens the existing store with ``Store.open_existing(args.data)`` (the global ``--data``;
a folder without a store is told, not filled with a new one) and loads the bundled library.
A trainee, group or course that is not known gives a Dutch message with a suggestion on
stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import sys

from simulator.cli.dutch_argparse import option
from simulator.cli.usage import EXIT_OK, EXIT_PROBLEMS, Subcommands

FORMATS = ("md", "html", "csv", "json")


def add_parser(sub: Subcommands) -> None:
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
    option(
        r,
        "--cursus",
        dest="course",
        metavar="CURSUS",
        help="alleen deze cursus; 'nog te doen' meet tegen haar scenario's",
    )
    option(
        r,
        "--formaat",
        dest="format",
        choices=FORMATS,
        default="md",
        help="md (standaard: tabellen om in een document te plakken), html (één printbaar "
        "bestand met grafieken), csv (één regel per poging, voor een spreadsheet) of json",
    )
    option(
        r,
        "-o",
        "--uitvoer",
        dest="output",
        metavar="BESTAND",
        help="schrijf naar dit bestand (standaard: scherm)",
    )


def cmd_report(args: argparse.Namespace) -> int:
    from simulator.cli.output import fail, generated, overwrites_a_store, why, write
    from simulator.language.library import load
    from simulator.reports import csv_export, html, json_export, markdown
    from simulator.reports.build import build_report
    from simulator.reports.data import TraineeReport
    from simulator.store import Store, StoreError

    try:
        store = Store.open_existing(args.data)
        if note := store.absent():
            print(f"regie {args.command}: {note}", file=sys.stderr)
    except StoreError as exc:
        return fail("report", str(exc), EXIT_PROBLEMS)
    with store:
        lib = load()
        report = build_report(
            store, lib, trainee=args.trainee, groep=args.groep, course=args.course
        )
    if isinstance(report, str):
        return fail("report", report)
    made = generated()
    data: str | bytes
    if args.format == "html":
        data = html.render(report, generated=made)
    elif args.format == "csv":
        lines = report.attempts if isinstance(report, TraineeReport) else report.lines
        data = csv_export.to_bytes(lines)
    elif args.format == "json":
        data = json_export.to_json(report, generated=made)
    else:
        data = markdown.render(report, generated=made)
    if refusal := overwrites_a_store(args.output, store):
        return fail("report", refusal)
    try:
        write(data, args.output)
    except OSError as exc:
        return fail("report", f"kan niet schrijven naar {args.output}: {why(exc)}", EXIT_PROBLEMS)
    if args.output:
        print(f"Verslag geschreven naar {args.output}.", file=sys.stderr)
    return EXIT_OK
