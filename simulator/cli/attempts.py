"""``regie attempts``: the attempts in the store, one line each."""

from __future__ import annotations

import argparse

from simulator.cli.inputs import existing_store
from simulator.cli.usage import EXIT_OK, Subcommands


def add_parser(sub: Subcommands) -> None:
    at = sub.add_parser("attempts", help="de pogingen in de opslag")
    at.add_argument("--trainee", metavar="NAAM", help="alleen van deze trainee")
    at.add_argument("--groep", help="alleen van deze groep")


def cmd_attempts(args: argparse.Namespace) -> int:
    with existing_store(args) as store:
        rows = store.attempts(trainee=args.trainee, groep=args.groep)
    if not rows:
        print("Er zijn nog geen pogingen.")
        return EXIT_OK
    print(
        f"{'nr':>4}  {'wanneer':<16}  {'trainee':<20}  {'scenario':<30}  {'modus':<8}  {'status':<10}  score"
    )
    for a in rows:
        shown = (
            "-"
            if a.score is None
            else f"{a.score:>3} {'geslaagd' if a.passed else 'niet geslaagd'}"
        )
        print(
            f"{a.id:>4}  {a.started[:16].replace('T', ' '):<16}  {a.trainee[:20]:<20}  {a.scenario[:30]:<30}  "
            f"{a.mode:<8}  {a.status:<10}  {shown}"
        )
    return EXIT_OK
