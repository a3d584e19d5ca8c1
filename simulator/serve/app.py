"""One browser's app process: ``python -m simulator.serve.app --data MAP [--groep CODE]``.

The zygote (``simulator.serve.zygote``) runs ``run`` in a process it forks for each browser;
the launcher runs this module itself when there is no zygote. The trainer code
comes from the environment (``REGIE_TRAINERCODE``), never from the command line, which
every user of the computer can read.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from simulator.serve import CLIENT_ENV, LAUNCH_ENV, TRAINER_CODE_ENV

if TYPE_CHECKING:
    from simulator.language.library import Library


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="regie-klas", description="Eén browser van regie serve.")
    p.add_argument("--data", required=True)
    p.add_argument("--groep")
    p.add_argument("--nieuwe-namen", type=int, default=None)
    p.add_argument("--extra-tijd", type=int, default=0)
    return p.parse_args(argv)


def run(args: argparse.Namespace, lib: Library | None = None) -> int:
    """Play in this process until the browser is gone. ``lib``: the library the zygote read
    before it forked this process; without it, the bundled library is read here."""
    from simulator.language.library_cache import load_bundled
    from simulator.store import Store, StoreError, data_dir

    try:
        store = Store.open(args.data)  # after the fork: a connection of this process's own
    except StoreError as exc:
        print(f"regie serve: {exc}", file=sys.stderr)
        return 1
    if lib is None:
        lib = load_bundled()  # read once for all the browsers, not once per browser
    from simulator.tui.served import ServedMode, ServedRegieApp

    # what is loaded now lives as long as the process: keep the collector from walking it
    # again and again (fewer pauses while playing)
    gc.freeze()

    mode = ServedMode(
        groep=args.groep,
        trainer_code=os.environ.get(TRAINER_CODE_ENV, ""),
        data=data_dir(args.data),
        client=os.environ.get(CLIENT_ENV, ""),
        extra_time=args.extra_tijd,
        **({"new_names": args.nieuwe_namen} if args.nieuwe_namen else {}),
    )
    launch = os.environ.get(LAUNCH_ENV, "")
    if launch:  # started by an LMS (cmi5): signed in as its learner, one scenario
        from simulator.serve.launched import LaunchedRegieApp

        app: ServedRegieApp = LaunchedRegieApp(lib, store, mode, launch)
    else:
        app = ServedRegieApp(lib, store, mode)
    try:
        app.run()
    finally:
        app.sign_out()  # the browser is gone: the trainer sees it at once
        store.close()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(parse(argv))


if __name__ == "__main__":
    sys.exit(main())
