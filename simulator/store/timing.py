"""How long the store takes, for the load benchmark (``benchmarks/serve_hosts.py``).

With ``REGIE_STORE_TIMING=MAP`` every process that opens a store writes what it waited
for the store to ``MAP/store-PID-N.jsonl``: one line per write transaction (from asking
for the turn to the commit) and per read outside one, as ``[start, seconds, what]`` (start
in wall-clock seconds, the same clock the benchmark's browsers keep), and a line
``{"trainee": id}`` when a trainee signs in, so the benchmark knows whose keys they were.
No names, no data: only times. Without the variable nothing is measured.
"""

from __future__ import annotations

import itertools
import json
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ENV = "REGIE_STORE_TIMING"
_numbers = itertools.count()


class Timing:
    def __init__(self, folder: Path) -> None:
        self.path = folder / f"store-{os.getpid()}-{next(_numbers)}.jsonl"
        self.lines: list[str] = []
        self.local = threading.local()

    @property
    def writing(self) -> bool:
        return bool(getattr(self.local, "writing", False))

    def add(self, start: float, seconds: float, what: str) -> None:
        self.lines.append(json.dumps([round(start, 6), round(seconds, 6), what]))
        if len(self.lines) >= 50:
            self.flush()

    def mark(self, **what: Any) -> None:
        self.lines.append(json.dumps(what))
        self.flush()

    def flush(self) -> None:
        if not self.lines:
            return
        try:
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write("\n".join(self.lines) + "\n")
        except OSError:
            pass  # a benchmark aid: never the reason a store fails
        self.lines.clear()


def from_environment() -> Timing | None:
    folder = os.environ.get(ENV)
    if not folder or not Path(folder).is_dir():
        return None
    return Timing(Path(folder))


class TimedDatabase:
    """``store.db`` with each statement outside a write transaction timed."""

    def __init__(self, db: Any, timing: Timing) -> None:
        self.inner = db
        self.timing = timing
        self.engine_kind = getattr(db, "engine_kind", "sqlite")

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Any:
        if self.timing.writing:
            return self.inner.execute(sql, parameters)
        start, began = time.time(), time.perf_counter()
        try:
            return self.inner.execute(sql, parameters)
        finally:
            self.timing.add(start, time.perf_counter() - began, "lezen")

    def executemany(self, sql: str, rows: Any, /) -> Any:
        return self.inner.executemany(sql, rows)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)
