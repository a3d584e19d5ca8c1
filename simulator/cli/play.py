"""``regie`` without a command: open the game in the terminal."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from simulator.cli.usage import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

if TYPE_CHECKING:
    from simulator.language.library import Library


def play(args: argparse.Namespace) -> int:
    """Open the game. The app's imports are deferred so the commands stay quick; the
    library is read while the first screen is already on view (``tui.background``).
    Without a terminal to type in (a pipe, a service, a cron job) it says so and stops."""
    if not (sys.stdin and sys.stdin.isatty()):
        print(
            "regie: het spel heeft een terminal nodig om in te typen, en die is er hier niet "
            "(de invoer komt uit een bestand of een pijp). Start 'regie' in een terminal, of "
            "gebruik een opdracht zonder scherm, bijvoorbeeld: regie run SCENARIO --bot protocol. "
            "Alle opdrachten: regie --help",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from simulator.store import Store, StoreError

    try:
        store = Store.open(args.data)
    except StoreError as exc:
        print(f"regie: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    from simulator.tui.app import RegieApp

    use_cache = not getattr(args, "geen_cache", False)

    def read_library() -> Library:
        """In the app's reading thread, once the first screen is on view."""
        from simulator.language.gc_pause import keep_for_good
        from simulator.language.library_cache import load_bundled

        lib = load_bundled(use_cache)
        keep_for_good()  # the app plays on it until it ends: out of the collector's way
        return lib

    with store:
        app = RegieApp(read_library, store)
        app.run()
    return app.return_code or EXIT_OK
