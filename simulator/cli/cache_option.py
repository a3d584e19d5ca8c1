"""``--geen-cache``: read and check every file again, without the checked-model cache.

Accepted before the command (``regie --geen-cache check``) and after it (``regie check
--geen-cache``); the cache itself is ``simulator.language.model_cache``.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.language.model_cache import ModelCache

HELP = (
    "lees en controleer alles opnieuw, zonder de bewaarde uitkomsten van eerdere keren "
    "(de cache in de gebruikersmap)"
)


def add_cache_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a subcommand that is not given the option leaves what the main parser set
    parser.add_argument("--geen-cache", action="store_true", default=argparse.SUPPRESS, help=HELP)


def model_cache(args: argparse.Namespace) -> ModelCache:
    """The cache this command reads and writes: none with ``--geen-cache``."""
    from simulator.language.model_cache import ModelCache

    return ModelCache.open(enabled=not getattr(args, "geen_cache", False))
