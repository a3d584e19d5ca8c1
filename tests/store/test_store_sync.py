"""No fsync on the key path: a move is committed with ``synchronous=NORMAL`` (WAL: a crash of
the program loses nothing, see the SIGKILL tests in test_store.py), and the end of an
attempt is committed with ``synchronous=FULL``, which puts the log, with every move before
it, on the disk."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.language.library import Library, load
from simulator.store import Store, StoreError
from simulator.store.session import Session
from tests.storekit import MODEL, SID

NORMAL = 1


@pytest.fixture(scope="module")
def lib() -> Library:
    return load()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path) as s:
        yield s


def test_a_move_is_committed_without_a_full_sync_and_the_end_with_one(
    store: Store, lib: Library
) -> None:
    assert store.synchronous() == NORMAL
    executed: list[str] = []
    store.db.set_trace_callback(executed.append)
    session = Session.start(store, lib, store.trainee("Sanne de Wit"), SID, 3)
    for ref, latency in MODEL[:-1]:
        session.choose(ref, latency)
        assert store.synchronous() == NORMAL
    moves_sql = list(executed)
    executed.clear()
    session.choose(*MODEL[-1])
    assert session.row.status == "afgerond"
    end_sql = list(executed)
    store.db.set_trace_callback(None)

    def syncs_before_commits(sqls: list[str]) -> list[str]:
        level, out = "NORMAL", []
        for sql in sqls:
            text = " ".join(sql.split()).upper()
            if text.startswith("PRAGMA SYNCHRONOUS ="):
                level = text.rsplit("=", 1)[1].strip()
            elif text == "COMMIT":
                out.append(level)
        return out

    during_moves = syncs_before_commits(moves_sql)
    assert len(during_moves) >= len(MODEL) - 1  # a commit per move (and the start)
    assert set(during_moves) == {"NORMAL"}
    at_end = syncs_before_commits(end_sql)
    assert at_end[-1] == "FULL"  # the commit that finishes the attempt
    assert store.synchronous() == NORMAL  # and the next move is quick again


class FailingClock:
    """The store's clock; from ``fail_at`` calls on, the disk fails (an I/O error)."""

    def __init__(self) -> None:
        self.calls = 0
        self.fail_at: int | None = None

    def __call__(self) -> str:
        self.calls += 1
        if self.fail_at is not None and self.calls >= self.fail_at:
            raise sqlite3.OperationalError("disk I/O error")
        return "2026-11-23T09:00:00+00:00"


def test_a_failed_durable_write_leaves_the_key_path_quick(tmp_path: Path, lib: Library) -> None:
    clock = FailingClock()
    with Store(tmp_path / "regie.sqlite", now=clock) as store:
        session = Session.start(store, lib, store.trainee("Sanne de Wit"), SID, 3)
        for ref, latency in MODEL[:-1]:
            session.choose(ref, latency)
        clock.fail_at = clock.calls + 2  # the move is saved, finishing the attempt fails
        with pytest.raises(StoreError):
            session.choose(*MODEL[-1])
        assert session.row.status == "bezig" and session.pending
        assert store.synchronous() == NORMAL
        clock.fail_at = None
        session.flush()  # saved once the disk is back
        assert session.row.status == "afgerond"
        assert store.synchronous() == NORMAL
