"""``--extra-tijd N``: every timer runs N percent longer, for a trainee who reads or types
more slowly (``regie``, ``regie play``, ``regie run`` and, for a whole group, ``regie serve``).

The option is the least extra time of that session: a trainee or a group with more set in
the store (``regie trainee extra-tijd``) gets that. Each attempt keeps what it was played
with, and the reports show it.
"""

from __future__ import annotations

import argparse
from typing import Any

from simulator.engine.limits import MAX_EXTRA_TIME

HELP = (
    "extra tijd: elke timer loopt zoveel procent langer (bijvoorbeeld 50: 8 seconden worden "
    f"er 12), van 0 tot {MAX_EXTRA_TIME}; wie in de opslag meer heeft, krijgt dat"
)


def percentage(text: str) -> int:
    value = int(text)
    if not 0 <= value <= MAX_EXTRA_TIME:
        raise ValueError(text)
    return value


percentage.__name__ = f"percentage van 0 tot {MAX_EXTRA_TIME}"  # argparse's message names it


def add_option(parser: argparse.ArgumentParser, *, main: bool = False, **kwargs: Any) -> None:
    """The option on the main parser (default 0) or on a command (where it may also come
    before the command: ``regie --extra-tijd 50 play``)."""
    parser.add_argument(
        "--extra-tijd",
        dest="extra_time",
        type=percentage,
        default=0 if main else argparse.SUPPRESS,
        metavar="PROCENT",
        help=kwargs.pop("help", HELP),
        **kwargs,
    )
