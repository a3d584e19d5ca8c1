"""The two engines under one store: SQLite (``sqlite``, the default: a file in the user's
data folder, nothing to set up) and PostgreSQL (``postgres``: one database for several
``regie serve`` hosts, ``REGIE_DATABASE=postgresql://…``).

``Store`` speaks to an engine only through ``Engine``: ``db`` runs SQL (written once for
both, see ``simulator.store.dialect``), ``write()`` is one transaction in which writers
take turns (SQLite's ``BEGIN IMMEDIATE``; on PostgreSQL a transaction lock that every
host takes), and the engine turns its own errors into a ``StoreError`` in Dutch.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, ClassVar, Protocol


class Rows(Protocol):
    """What a statement gives back: its rows, and how many rows it changed."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Database(Protocol):
    """Runs one statement (``?`` for each parameter) inside the current write transaction,
    if this thread has one, else on its own."""

    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Any: ...

    def executemany(self, sql: str, rows: Any, /) -> Any: ...


class Engine(ABC):
    kind: ClassVar[str]  # "sqlite" or "postgresql"
    where: str  # the store in messages: its file, or its database without a password
    db: Database
    # advice in messages, after what is wrong
    fresh_advice: ClassVar[str]  # how to go on with a store that cannot be used
    repair_advice: ClassVar[str]  # what to do about one damaged attempt
    noun: ClassVar[str]  # "Het bestand" or "De database"

    @abstractmethod
    def write(self, *, durable: bool = False) -> AbstractContextManager[Database]:
        """One write transaction: all of it is saved, or none of it. ``durable``: its commit
        waits until it is on the disk, with every commit before it (SQLite syncs only
        then; PostgreSQL's every commit is durable)."""

    @abstractmethod
    def write_one(self, sql: str, parameters: Sequence[Any]) -> int:
        """One statement that is a whole write by itself (it checks nothing first), saved
        at once; the number of rows it changed. It need not wait for the other writers'
        turn (PostgreSQL); SQLite takes its lock for it all the same."""

    @abstractmethod
    def insert(self, db: Database, sql: str, parameters: Sequence[Any]) -> int:
        """Run an INSERT into a table with an ``id`` column; the new row's id."""

    @abstractmethod
    def set_patience(self, seconds: float) -> None:
        """How long a write waits for another writer before it gives up (a StoreError)."""

    @abstractmethod
    def after_forget(self, name: str) -> None:
        """A person was erased: clear what the engine keeps of them besides the rows."""

    @abstractmethod
    def tables(self) -> list[str]:
        """The store's tables."""

    @abstractmethod
    def columns(self, table: str) -> list[str]:
        """The columns of one table, in order."""

    @abstractmethod
    def close(self) -> None: ...
