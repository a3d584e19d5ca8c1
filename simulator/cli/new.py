"""``regie new ID --rol klantmanager|beveiliger [--map MAP]``: a working scenario to start from.

The templates and how they are filled are in ``simulator.authoring.new_scenario``; this
module checks the command line and writes the two files, never over an existing one.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from simulator.cli.usage import EXIT_OK, Subcommands, UsageError
from simulator.language.vocabulary import ROLES


def add_parser(sub: Subcommands) -> None:
    n = sub.add_parser(
        "new",
        help="een nieuw scenario om mee te beginnen, met een testplan",
        description=(
            "Schrijft MAP/ID.yaml, een klein scenario volgens het protocol dat door "
            "'regie check --streng' komt, en MAP/ID.test.yaml, het testplan erbij. Bestaande "
            "bestanden worden nooit overschreven."
        ),
    )
    n.add_argument("id", metavar="ID", help="het id: kleine letters, cijfers en streepjes")
    n.add_argument("--rol", metavar="ROL", help="klantmanager of beveiliger")
    n.add_argument(
        "--map",
        type=Path,
        default=Path("."),
        metavar="MAP",
        help="de map waarin de bestanden komen (standaard: de huidige map)",
    )


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def cmd_new(args: argparse.Namespace) -> int:
    from simulator.authoring import stable_schemas
    from simulator.authoring.new_scenario import (
        ID_PATTERN,
        SCHEMAS,
        TEMPLATES,
        plan_text,
        scenario_text,
    )
    from simulator.language.library import bundled_dir
    from simulator.language.reader import suggest

    sid: str = args.id
    if not ID_PATTERN.match(sid):
        raise UsageError(
            f"'{sid}' is geen geldig id: gebruik kleine letters, cijfers en streepjes, "
            "bijvoorbeeld km-balie-stemverheffing"
        )
    if args.rol is None:
        raise UsageError("geef de rol van de trainee: --rol klantmanager of --rol beveiliger")
    if args.rol not in TEMPLATES:
        raise UsageError(
            f"onbekende rol '{args.rol}'; kies uit: {', '.join(ROLES)}.{suggest(args.rol, ROLES)}"
        )
    folder: Path = args.map
    if not folder.is_dir():
        what = "is geen map" if folder.exists() else "bestaat niet"
        raise UsageError(f"de map '{folder}' {what}; maak hem eerst aan")
    if (bundled_dir() / "bibliotheek" / f"{sid}.yaml").exists():
        raise UsageError(f"'{sid}' is al een meegeleverd scenario; kies een ander id")
    scenario, plan = folder / f"{sid}.yaml", folder / f"{sid}.test.yaml"
    for path in (scenario, plan):
        if path.exists():
            raise UsageError(
                f"{_shown(path)} bestaat al; Regie overschrijft niets. Kies een ander id"
            )
    try:  # the schema at a place that survives an upgrade of Regie (see stable_schemas)
        schemas = stable_schemas.refresh()
    except OSError as exc:
        schemas = SCHEMAS
        print(
            f"regie new: let op: de schema's konden niet naar {stable_schemas.folder()} "
            f"({exc.strerror or exc}); de bestanden noemen nu de schema's van deze installatie",
            file=sys.stderr,
        )
    texts = (
        scenario_text(sid, args.rol, scenario, schemas),
        plan_text(sid, args.rol, plan, schemas),
    )
    written: list[Path] = []
    try:
        for path, text in zip((scenario, plan), texts, strict=True):
            with path.open("x", encoding="utf-8", newline="\n") as out:  # never overwrite
                out.write(text)
            written.append(path)
    except FileExistsError:
        for path in written:
            path.unlink()
        raise UsageError(f"{_shown(path)} bestaat al; Regie overschrijft niets") from None
    except OSError as exc:
        for path in written:
            path.unlink()
        raise UsageError(f"kan {_shown(path)} niet schrijven: {exc.strerror}") from None
    s, p, d = _shown(scenario), _shown(plan), _shown(folder)
    print(f"Geschreven: {s} (het scenario, voor de rol {args.rol}) en {p} (het testplan).")
    print()
    print("Zo gaat u verder:")
    print(f"  1. Pas de teksten aan; zoek in {s} op 'Vervang'.")
    steps = [
        (f"regie check --streng {s}", "controleren, ook of de bots doen wat ze moeten"),
        (f"regie run {s} --bot protocol", "het modelantwoord spelen"),
        (f"regie graph {s}", "het scenario als diagram"),
        (f"regie test {d}", "het testplan draaien"),
    ]
    width = max(len(command) for command, _ in steps)
    for i, (command, what) in enumerate(steps, start=2):
        print(f"  {i}. {command:<{width}}   {what}")
    return EXIT_OK
