"""An app process that is ready before its browser comes: the pool of ``regie serve``.

    python -m simulator.serve.ready --data MAP [--groep CODE] [...]

Where the system cannot fork (Windows), the server keeps a few of these waiting
(``simulator.serve.pool``). Each loads what the zygote loads (Textual, the app and its
screens, the bundled library), says ``klaar`` on a line of its own, and waits. When a
browser comes, the server sends one line: the browser's part of the environment as JSON
(the terminal's size, the browser's address and a cmi5 launch key, if any). Then the process is the app for that
browser, exactly as ``simulator.serve.app`` would be, and textual-serve talks to it over its
pipes as over any app process's.

If the server goes away first (the pipe closes), the process ends without a word.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence

from simulator.serve import CLIENT_ENV, LAUNCH_ENV

READY = b"klaar\n"
MAX_HEADER = 4096  # the browser's line: a size and an address, a few dozen bytes
PER_BROWSER = frozenset({"COLUMNS", "ROWS", CLIENT_ENV, LAUNCH_ENV})  # all a browser may set


def read_line(fd: int, limit: int = MAX_HEADER) -> bytes | None:
    """One line from ``fd``, byte by byte: nothing after it is taken from the pipe (that is
    the app's input). None when the pipe closes first or the line is longer than ``limit``."""
    line = bytearray()
    while len(line) <= limit:
        byte = os.read(fd, 1)
        if not byte:
            return None
        if byte == b"\n":
            return bytes(line)
        line += byte
    return None


def browser_environment(line: bytes) -> dict[str, str]:
    """The variables of the browser's line that a browser may set; ValueError otherwise."""
    data = json.loads(line.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("geen JSON-object")
    found = {}
    for key, value in data.items():
        if key not in PER_BROWSER or not isinstance(value, str):
            raise ValueError(f"onverwachte variabele: {key!r}")
        found[key] = value
    return found


def main(argv: Sequence[str] | None = None) -> int:
    from simulator.serve.zygote import served_app

    arguments = list(sys.argv[1:] if argv is None else argv)
    play = served_app()  # everything a browser's app loads, before the browser is there
    os.write(sys.stdout.fileno(), READY)
    line = read_line(sys.stdin.fileno())
    if line is None:
        return 0  # the server has gone, or sent nonsense: nobody to play for
    try:
        os.environ.update(browser_environment(line))
    except ValueError as exc:
        print(f"regie serve: onbruikbaar verzoek van de server ({exc})", file=sys.stderr)
        return 1
    return play(arguments)


if __name__ == "__main__":
    sys.exit(main())
