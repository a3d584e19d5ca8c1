"""``regie list``: the bundled scenarios, one line each."""

from __future__ import annotations

import argparse

from simulator.cli.cache_option import add_cache_option, model_cache
from simulator.cli.usage import EXIT_OK, Subcommands


def add_parser(sub: Subcommands) -> None:
    add_cache_option(sub.add_parser("list", help="de meegeleverde scenario's"))


def cmd_list(args: argparse.Namespace) -> int:
    from simulator.language.library import load

    lib = load(cache=model_cache(args))
    rows = sorted(lib.scenarios.values(), key=lambda s: (s.role, s.id))
    width = max((len(s.id) for s in rows), default=10)
    print(f"{'id':<{width}}  {'rol':<12}  {'moeilijkheid':<12}  titel")
    for s in rows:
        print(f"{s.id:<{width}}  {s.role:<12}  {s.difficulty:<12}  {s.title}")
    return EXIT_OK
