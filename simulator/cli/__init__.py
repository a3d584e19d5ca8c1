"""The command line: ``regie`` opens the game, ``regie OPDRACHT`` runs a command.

One module per command (``play``, ``list``, ``check``, ``test``, ``run``, ``trainee``,
``attempts``, ``report``, ``export``, ``graph``, ``explore``, ``new``, ``schema``, ``serve``,
``store``),
each with ``add_parser`` and its ``cmd_…`` function; they share ``usage`` (the exit codes and
``UsageError``), ``inputs`` (a scenario by id or path, the existing store) and ``output``.
Every command imports what it needs when it runs, so ``regie`` starts quickly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from simulator.cli import (
    attempts,
    check,
    dutch_argparse,
    explore,
    export,
    extra_time,
    graph,
    list,
    new,
    play,
    report,
    run,
    schema,
    serve,
    store,
    test,
    trainee,
)
from simulator.cli.cache_option import add_cache_option
from simulator.cli.console import utf8_streams
from simulator.cli.usage import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError

# the order of 'regie --help'
PARSERS = (
    play,
    list,
    check,
    test,
    run,
    trainee,
    attempts,
    report,
    export,
    graph,
    explore,
    new,
    schema,
    serve,
    store,
)

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "play": play.cmd_play,
    "list": list.cmd_list,
    "check": check.cmd_check,
    "run": run.cmd_run,
    "test": test.cmd_test,
    "trainee": trainee.cmd_trainee,
    "attempts": attempts.cmd_attempts,
    "report": report.cmd_report,
    "export": export.cmd_export,
    "graph": graph.cmd_graph,
    "explore": explore.cmd_explore,
    "new": new.cmd_new,
    "schema": schema.cmd_schema,
    "serve": serve.cmd_serve,
    "store": store.cmd_store,
}


def parser() -> argparse.ArgumentParser:
    dutch_argparse.install()
    p = argparse.ArgumentParser(
        prog="regie",
        description="Regie: oefenen met orde vóór inhoud (Divosa-methode).",
    )
    p.add_argument(
        "--version",
        action=dutch_argparse.VersionAction,
        help="het versienummer van Regie tonen en stoppen",
    )
    p.add_argument(
        "--data",
        metavar="MAP",
        help="map voor de opgeslagen resultaten (standaard: REGIE_DATA of de gebruikersmap)",
    )
    p.add_argument(
        "--database",
        metavar="URL",
        help="de resultaten in een PostgreSQL-database in plaats van een bestand, bijvoorbeeld "
        "postgresql://regie@dbserver/regie (standaard: REGIE_DATABASE); zie docs/beheer.md",
    )
    extra_time.add_option(p, main=True)
    add_cache_option(p)
    sub = p.add_subparsers(dest="command", metavar="OPDRACHT")
    for command in PARSERS:
        command.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    utf8_streams()
    args = parser().parse_args(argv)
    if getattr(args, "data", None) is not None and not args.data.strip():
        print(
            "regie: --data is leeg; geef een map (bijvoorbeeld --data ./klas) of laat --data weg",
            file=sys.stderr,
        )
        return EXIT_USAGE
    database = getattr(args, "database", None)
    if database is not None:
        from simulator.store.errors import StoreError
        from simulator.store.store import database_url

        try:
            if database_url(database) is None:
                raise StoreError(
                    "--database is leeg; geef een adres (bijvoorbeeld "
                    "postgresql://regie@dbserver/regie) of laat --database weg"
                )
        except StoreError as exc:
            print(f"regie: {exc}", file=sys.stderr)
            return EXIT_USAGE
    with _database(database):
        if args.command is None:
            return play.play(args)
        return _run(args)


@contextmanager
def _database(url: str | None) -> Iterator[None]:
    """``--database`` for this command: the store reads it from REGIE_DATABASE, as do the
    processes ``regie serve`` starts (an address on their command lines would show its
    password to every user of the computer). Set back afterwards."""
    if url is None:
        yield
        return
    from simulator.store.store import DATABASE_ENV

    before = os.environ.get(DATABASE_ENV)
    os.environ[DATABASE_ENV] = url
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DATABASE_ENV, None)
        else:
            os.environ[DATABASE_ENV] = before


def _run(args: argparse.Namespace) -> int:
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"regie {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # pragma: no cover - e.g. piped into head
        return EXIT_OK
    except Exception as exc:
        if not _is_store_error(exc):
            raise
        print(f"regie {args.command}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS


def _is_store_error(exc: BaseException) -> bool:
    """A ``StoreError`` (a Dutch message about the store)? Asked without importing the
    store: a command that raised one has imported it."""
    errors = sys.modules.get("simulator.store.errors")
    return errors is not None and isinstance(exc, errors.StoreError)
