"""``regie trainee list`` and ``regie trainee forget NAAM`` (the right to be forgotten)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from simulator.cli.inputs import existing_store
from simulator.cli.usage import EXIT_OK, UsageError

if TYPE_CHECKING:  # the store is imported when a command uses it: ``regie`` starts quickly
    from simulator.store import Store


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def cmd_trainee(args: argparse.Namespace) -> int:

    with existing_store(args) as store:
        if args.trainee_command == "forget":
            return _forget(store, args)
        rows = store.trainees(args.groep)
        counts: dict[str, int] = {}
        for a in store.attempts(groep=args.groep):
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
