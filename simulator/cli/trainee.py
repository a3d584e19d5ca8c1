"""``regie trainee list``, ``regie trainee forget NAAM`` (the right to be forgotten) and
``regie trainee extra-tijd (NAAM | --groep CODE) PROCENT`` (more time on every timer)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from simulator.cli.extra_time import percentage
from simulator.cli.inputs import existing_store
from simulator.cli.usage import EXIT_OK, Subcommands, UsageError

if TYPE_CHECKING:  # the store is imported when a command uses it: ``regie`` starts quickly
    from simulator.store import Store


def add_parser(sub: Subcommands) -> None:
    tr = sub.add_parser("trainee", help="de trainees in de opslag")
    trsub = tr.add_subparsers(dest="trainee_command", metavar="OPDRACHT", required=True)
    tl = trsub.add_parser("list", help="alle trainees, met hun groep en aantal pogingen")
    tl.add_argument("--groep", help="alleen deze groep")
    tf = trsub.add_parser(
        "forget", help="alle gegevens van één persoon wissen (recht op vergetelheid)"
    )
    tf.add_argument("name", metavar="NAAM")
    tf.add_argument(
        "--ja",
        action="store_true",
        help="ook als de trainee nu in de klas aangemeld is (die wordt dan afgemeld)",
    )
    te = trsub.add_parser(
        "extra-tijd",
        help="extra tijd voor een trainee of een groep: elke timer loopt langer",
        description=(
            "Geeft een trainee, of iedereen in een groep, meer tijd bij elke timer: in de "
            "terminal, in de browser en in 'regie play', in training en in het examen. Wie "
            "zowel zelf als via de groep extra tijd heeft, krijgt de grootste. Elke poging "
            "onthoudt waarmee ze gespeeld is; de verslagen tonen het. 0 zet het weer uit."
        ),
    )
    te.add_argument("name", metavar="NAAM", nargs="?", help="de trainee (zie regie trainee list)")
    te.add_argument("--groep", metavar="CODE", help="in plaats van een trainee: deze groep")
    te.add_argument(
        "percent",
        metavar="PROCENT",
        type=percentage,
        help="zoveel procent langer, bijvoorbeeld 50 (een timer van 8 seconden wordt 12)",
    )


def cmd_trainee(args: argparse.Namespace) -> int:

    if args.trainee_command == "extra-tijd":
        return _extra_time(args)
    with existing_store(args) as store:
        if args.trainee_command == "forget":
            return _forget(store, args)
        rows = store.trainees(args.groep)
        counts: dict[str, int] = {}
        for a in store.attempts(groep=args.groep):
            if a.counts:  # as the reports count: finished (and stopped exams), not under way
                counts[a.trainee] = counts.get(a.trainee, 0) + 1
        if not rows:
            print("Er zijn nog geen trainees.")
            return EXIT_OK
        width = max(len(t.name) for t in rows)
        print(f"{'naam':<{width}}  {'groep':<10}  pogingen  sinds")
        for t in rows:
            print(
                f"{t.name:<{width}}  {t.groep or '-':<10}  {counts.get(t.name, 0):>8}  {t.created[:10]}"
            )
        own, groups = store.extra_times()
        if own or groups:
            print()
            print("Extra tijd (elke timer zoveel procent langer):")
            for name, percent in own.items():
                print(f"  {name}: {percent}%")
            for groep, percent in groups.items():
                print(f"  groep {groep}: {percent}%")
    return EXIT_OK


def _extra_time(args: argparse.Namespace) -> int:
    """Set the extra time of one trainee (who has played here) or of a group."""
    from simulator.language.reader import suggest
    from simulator.store import Store

    percent: int = args.percent
    if (args.name is None) == (args.groep is None):
        raise UsageError(
            'geef een trainee of een groep: regie trainee extra-tijd "Naam" 50, of '
            "regie trainee extra-tijd --groep CODE 50"
        )
    if args.groep is not None:
        groep = " ".join(args.groep.split())
        if not groep:
            raise UsageError("de groepscode is leeg")
        with Store.open(args.data) as store:
            store.set_group_extra_time(groep, percent)
        print(
            f"Groep {groep}: {percent}% extra tijd bij elke timer."
            if percent
            else f"Groep {groep}: geen extra tijd meer."
        )
        return EXIT_OK
    with existing_store(args) as store:
        names = [t.name for t in store.trainees()]
        if not store.set_trainee_extra_time(args.name, percent):
            raise UsageError(
                f"onbekende trainee '{args.name}'.{suggest(args.name, names)} Wie hier nog niet "
                "gespeeld heeft: geef de groep extra tijd (--groep CODE), of start het spel "
                "met --extra-tijd"
            )
    known = {n.casefold(): n for n in names}
    name = known.get(" ".join(args.name.split()).casefold(), args.name)
    print(
        f"{name}: {percent}% extra tijd bij elke timer."
        if percent
        else f"{name}: geen extra tijd meer."
    )
    return EXIT_OK


def _forget(store: Store, args: argparse.Namespace) -> int:
    """Erase one person: the store, its backups, and the group reports that name them. A
    trainee signed in right now is only erased with --ja (it signs them out)."""
    from simulator.language.reader import suggest
    from simulator.store.classroom import Classroom
    from simulator.store.files import remove_reports_naming
    from simulator.store.store import clean_name

    name = clean_name(args.name)
    online = {p.name.casefold() for p in Classroom(store).present()}
    if name.casefold() in online and not args.ja:
        raise UsageError(
            f"{name} is nu aangemeld in de klas. Wissen meldt die trainee meteen af en "
            f'verwijdert alles. Zeker? Herhaal dan: regie trainee forget "{name}" --ja'
        )
    known = {t.name.casefold(): t.name for t in store.trainees()}
    if not store.forget(name):
        raise UsageError(
            f"onbekende trainee '{args.name}'.{suggest(args.name, list(known.values()))}"
        )
    print(f"Alle gegevens van {args.name} zijn gewist.")
    removed = remove_reports_naming(store.path.parent, known.get(name.casefold(), name))
    for report in removed:
        print(f"Ook verwijderd: het groepsverslag {report.name} (daar stond deze naam in).")
    return EXIT_OK
