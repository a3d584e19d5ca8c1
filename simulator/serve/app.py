"""One browser's app process: ``python -m simulator.serve.app --data MAP [--groep CODE]``.

textual-serve runs this command for every browser that opens the page; the trainer code
comes from the environment (``REGIE_TRAINERCODE``), never from the command line, which
every user of the computer can read.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence

from simulator.serve import TRAINER_CODE_ENV


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="regie-klas", description="Eén browser van regie serve.")
    p.add_argument("--data", required=True)
    p.add_argument("--groep")
    args = p.parse_args(argv)

    from simulator.library_cache import load_bundled
    from simulator.store import Store, StoreError, data_dir

    try:
        store = Store.open(args.data)
    except StoreError as exc:
        print(f"regie serve: {exc}", file=sys.stderr)
        return 1
    lib = load_bundled()  # read once for all the browsers, not once per browser
    from simulator.tui.served import ServedMode, ServedRegieApp

    # what is loaded now lives as long as the process: keep the collector from walking it
    # again and again (fewer pauses while playing)
    gc.freeze()

    mode = ServedMode(
        groep=args.groep,
        trainer_code=os.environ.get(TRAINER_CODE_ENV, ""),
        data=data_dir(args.data),
    )
    app = ServedRegieApp(lib, store, mode)
    try:
        app.run()
    finally:
        app.sign_out()  # the browser is gone: the trainer sees it at once
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
