"""Where a report or an export goes: the screen or a file, and never over a store."""

from __future__ import annotations

import sys
from pathlib import Path

from simulator.cli.usage import EXIT_USAGE
from simulator.store import Store
from simulator.store.files import why_not_written, write_private


def fail(command: str, message: str, code: int = EXIT_USAGE) -> int:
    print(f"regie {command}: {message}", file=sys.stderr)
    return code


def write(data: str | bytes, output: str | None) -> None:
    if output is None:
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
        return
    write_private(Path(output), data if isinstance(data, bytes) else data.encode("utf-8"))


def overwrites_a_store(output: str | None, store: Store) -> str | None:
    """A Dutch refusal if ``output`` is the store, one of its companions (``-wal``, ``-shm``,
    a backup) or any other SQLite database: a report must never replace results."""
    if output is None:
        return None
    target = Path(output)
    try:
        resolved = target.resolve()
        ours = store.path.resolve()
    except OSError:
        return None
    if resolved.parent == ours.parent and resolved.name.startswith(ours.name):
        return f"{output} is de opslag van Regie (of hoort erbij); kies een ander bestand"
    try:
        with target.open("rb") as fh:
            header = fh.read(16)
    except OSError:
        return None  # not there (or not readable): writing it says what is wrong
    if header == b"SQLite format 3\x00":
        return f"{output} is een database (misschien een opslag van Regie); kies een ander bestand"
    return None


def why(exc: OSError) -> str:
    return why_not_written(exc)


def generated() -> str:
    """When a report is made, in the zone of its other times (Dutch time)."""
    from simulator.reports.data import now_local

    return now_local().strftime("%Y-%m-%d %H:%M")
