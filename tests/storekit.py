"""The store on either engine, for the tests: where it is, how to open it, how a child
process or the command line finds it, and a plain connection to look at it (or damage it)
without going through ``Store``."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from simulator.cli import main
from simulator.store import Store
from simulator.store.session import Session
from simulator.store.store import FILE_NAME

if TYPE_CHECKING:
    from benchmarks.pgserver import PgServer

ROOT = Path(__file__).resolve().parent.parent
SID = "km-spreekkamer-dreiging"
# The model path of km-spreekkamer-dreiging (any seed), with think times within the timers.
MODEL: list[tuple[str, float | None]] = [
    ("inhoud-stoppen", 3.5),
    ("grens-stellen", 6.0),
    ("beveiliging-inschakelen", 2.0),
    ("aanwijzing-opvolgen", 5.0),
    ("incident-melden", 8.25),
    ("aangifte-met-vc", 4.0),
    ("nazorg-aannemen", 12.0),
]


@contextmanager
def throwaway_postgres(*, durable: bool = True) -> Iterator[PgServer]:
    """A throwaway PostgreSQL server on 127.0.0.1 (``benchmarks.pgserver``), stopped
    afterwards. Where PostgreSQL or psycopg is missing, the test is skipped on a developer's
    machine; in CI (``.ci/run`` sets REGIE_REQUIRE_POSTGRES, a CI service sets CI) that is
    an error."""
    required = bool(os.environ.get("REGIE_REQUIRE_POSTGRES") or os.environ.get("CI"))
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401

        from benchmarks.pgserver import NoPostgres, PgServer
    except ImportError as exc:
        if required:
            raise
        pytest.skip(f"psycopg ontbreekt ({exc}); pip install -e '.[test]'")
    try:
        server = PgServer(durable=durable).start()
    except NoPostgres as exc:
        if required:
            raise
        pytest.skip(str(exc))
    try:
        yield server
    finally:
        server.stop()


def play(session: Session, moves: list[tuple[str, float | None]]) -> None:
    for ref, latency in moves:
        session.choose(ref, latency)


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``regie`` in this process: its exit code, what it printed and what it told."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@dataclass(frozen=True)
class Backend:
    kind: str  # "sqlite" or "postgresql"
    folder: Path  # the data folder (for PostgreSQL: where this host writes reports)
    url: str | None = None  # the database, for PostgreSQL

    @property
    def postgres(self) -> bool:
        return self.kind == "postgresql"

    @property
    def file(self) -> Path:
        return self.folder / FILE_NAME

    @property
    def where(self) -> str:
        """How the store names itself in messages."""
        if self.url is None:
            return str(self.file)
        from simulator.store.engines.postgres import redact

        return redact(self.url)

    def open(self) -> Store:
        return Store.open(self.folder, database=self.url)

    def args(self) -> list[str]:
        """The command line's options for this store (before the command)."""
        return ["--data", str(self.folder)] + (["--database", self.url] if self.url else [])

    def env(self) -> dict[str, str]:
        """A child process's environment that finds this store with ``Store.open()``."""
        env = dict(os.environ)
        env["REGIE_DATA"] = str(self.folder)
        env.pop("REGIE_DATABASE", None)
        if self.url:
            env["REGIE_DATABASE"] = self.url
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
        return env

    @contextmanager
    def raw(self) -> Iterator[Any]:
        """A plain connection (autocommit) that runs SQL as written for both engines."""
        if self.url is None:
            db = sqlite3.connect(self.file, isolation_level=None)
            try:
                yield db
            finally:
                db.close()
            return
        import psycopg

        from simulator.store.engines.postgres import _Bound

        with psycopg.connect(self.url, autocommit=True) as conn:
            yield _Bound(conn)

    def tables(self) -> list[str]:
        with self.raw() as db:
            if self.url is None:
                sql = (
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            else:
                sql = (
                    "SELECT table_name FROM information_schema.tables WHERE "
                    "table_schema = current_schema() ORDER BY table_name"
                )
            return [str(r[0]) for r in db.execute(sql).fetchall()]

    def columns(self, table: str) -> list[str]:
        with self.raw() as db:
            if self.url is None:
                return [str(r[1]) for r in db.execute(f"PRAGMA table_info({table})").fetchall()]
            rows = db.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                "current_schema() AND table_name = ? ORDER BY ordinal_position",
                (table,),
            ).fetchall()
            return [str(r[0]) for r in rows]

    def contents(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every table with all its rows, sorted: to see that nothing was changed."""
        out: dict[str, list[tuple[Any, ...]]] = {}
        names = self.tables()
        with self.raw() as db:
            for table in names:
                rows = [tuple(r) for r in db.execute(f"SELECT * FROM {table}").fetchall()]
                out[table] = sorted(rows, key=repr)
        return out
