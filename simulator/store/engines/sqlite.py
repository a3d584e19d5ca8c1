"""The embedded engine: one SQLite file (WAL) in the user's data folder, nothing to set up.

Each write is one ``BEGIN IMMEDIATE`` transaction, so a crash of Regie loses nothing
already written and writers take turns. A move is committed without waiting for the disk
(``synchronous=NORMAL``: no fsync on the key path); the end of an attempt or an exam waits
for it (a ``durable`` write syncs the log, and with it every move before it). What a power
cut can cost: the moves of attempts still being played since their last durable write or
checkpoint; the file itself stays whole. Problems with the file (corrupt, read-only, disk full, a
newer version) become a ``StoreError`` with a Dutch message that says how to go on; the
file is never changed then. Before an upgrade the file is copied to ``NAME.vN.bak``.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, ClassVar

from simulator.store import schema
from simulator.store.engines import Engine
from simulator.store.errors import StoreError
from simulator.store.files import private_dir, private_file, why_not_written

HEADER = b"SQLite format 3\x00"
KEY_SYNC, DURABLE_SYNC = "NORMAL", "FULL"


def translate(exc: sqlite3.Error, path: Path) -> StoreError:
    text = str(exc).lower()
    cannot_open = "unable to open" in text and not os.access(path.parent, os.W_OK)
    if "readonly" in text or "read-only" in text or cannot_open:
        return StoreError(
            f"Regie kan niet opslaan in {path}: het bestand of de map is alleen-lezen. Wat al "
            "opgeslagen was, is bewaard. Kies een map waarin u mag schrijven met --data of REGIE_DATA."
        )
    if "disk is full" in text or "disk i/o" in text or "full" in text:
        return StoreError(
            f"Regie kan niet opslaan in {path}: de schijf is vol of niet bereikbaar. Wat al "
            "opgeslagen was, is bewaard. Maak ruimte vrij of kies een andere map met --data."
        )
    if "locked" in text or "busy" in text:
        return StoreError(
            f"De opslag {path} is bezet door een ander programma; probeer het zo nog eens."
        )
    return StoreError(
        f"Het bestand {path} is beschadigd of is geen opslag van Regie ({exc}). Het bestand is niet "
        "aangeraakt. Ga verder met een nieuwe opslag in een andere map: regie --data ANDERE_MAP"
    )


class SQLiteEngine(Engine):
    kind: ClassVar[str] = "sqlite"
    noun: ClassVar[str] = "Het bestand"
    fresh_advice: ClassVar[str] = (
        "Ga verder met een nieuwe opslag in een andere map: regie --data ANDERE_MAP"
    )
    repair_advice: ClassVar[str] = (
        "Wis die poging met een SQLite-programma, of ga verder met een nieuwe opslag in een "
        "andere map: regie --data ANDERE_MAP"
    )

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self.where = str(path)
        self.connection = connection
        self.db = connection

    # --- opening --------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path) -> SQLiteEngine:
        """The store in ``path``: created if new, upgraded (after a backup) if old."""
        try:
            private_dir(path.parent)
        except OSError as exc:
            raise StoreError(
                f"De map {path.parent} kan niet worden gemaakt ({why_not_written(exc)}). Kies een "
                "andere map met --data of REGIE_DATA."
            ) from None
        existing = path.exists() and path.stat().st_size > 0
        if not path.exists():
            try:
                private_file(path)
            except OSError as exc:
                raise StoreError(
                    f"Regie kan geen opslag maken in {path.parent}: {why_not_written(exc)}. "
                    "Kies een map waarin u mag schrijven met --data of REGIE_DATA."
                ) from None
        _make_private(path)
        if existing:
            with path.open("rb") as fh:
                if fh.read(len(HEADER)) != HEADER:
                    raise translate(sqlite3.DatabaseError("file is not a database"), path)
        try:
            connection = sqlite3.connect(
                path, isolation_level=None, timeout=15, check_same_thread=False
            )
            engine = cls(path, connection)
            connection.execute("PRAGMA foreign_keys = ON")
            # in WAL mode: a commit reaches the operating system, not the disk (a crash of the
            # program loses nothing); the log is synced at checkpoints and by durable writes
            connection.execute(f"PRAGMA synchronous = {KEY_SYNC}")
            # forgotten data is overwritten, not left behind in free pages
            connection.execute("PRAGMA secure_delete = ON")
            if existing:
                check = connection.execute("PRAGMA quick_check").fetchone()[0]
                if check != "ok":
                    raise sqlite3.DatabaseError(check)
            engine._prepare_when_free()
        except BaseException as exc:
            with suppress(NameError, sqlite3.Error):
                connection.close()  # the file stays as it was, and is not held open
            if isinstance(exc, sqlite3.Error):
                raise translate(exc, path) from None
            raise
        return engine

    @classmethod
    def memory(cls, path: Path) -> SQLiteEngine:
        """An empty store in memory, named ``path`` in messages; nothing is written to disk."""
        connection = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA foreign_keys = ON")
        schema.create(connection)
        return cls(path, connection)

    def _prepare_when_free(self) -> None:
        """Another process may be creating or upgrading the same store right now: wait briefly."""
        for attempt in range(100):
            try:
                self._prepare()
                return
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or attempt == 99:
                    raise
                time.sleep(0.05)

    def _prepare(self) -> None:
        """Create or upgrade the schema. Creation happens inside one locked transaction, so
        two processes opening a new store at once cannot both create it."""
        db = self.connection
        if schema.has_schema(db):
            version = schema.version_of(db)
            if version > schema.CURRENT:
                raise StoreError(
                    f"De opslag {self.path} komt van een nieuwere versie van Regie (schema {version}); "
                    "werk Regie bij. Het bestand is niet aangeraakt."
                )
            if version < schema.CURRENT:
                backup = self.path.with_name(f"{self.path.name}.v{version}.bak")
                if not backup.exists():
                    private_file(backup)
                    copy = sqlite3.connect(backup)
                    db.backup(copy)  # a consistent copy, with what is still in the WAL
                    copy.close()
        elif db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise sqlite3.DatabaseError("geen tabel 'meta'")  # some other program's database
        else:
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("BEGIN IMMEDIATE")
        try:
            if not schema.has_schema(db):
                tables = db.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                ).fetchone()[0]
                if tables:
                    raise sqlite3.DatabaseError("geen tabel 'meta'")
                schema.install(db)
            elif schema.version_of(db) < schema.CURRENT:
                schema.migrate(db, schema.version_of(db))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("PRAGMA journal_mode = WAL")

    # --- writing --------------------------------------------------------------------
    @contextmanager
    def write(self, *, durable: bool = False) -> Iterator[sqlite3.Connection]:
        db = self.connection
        try:
            if durable:
                db.execute(f"PRAGMA synchronous = {DURABLE_SYNC}")
            db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._back_to_key_sync(durable)
            raise translate(exc, self.path) from None
        try:
            yield db
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise translate(exc, self.path) from None
        except BaseException:
            self._rollback()
            raise
        finally:
            self._back_to_key_sync(durable)

    def _back_to_key_sync(self, durable: bool) -> None:
        if durable and not self.connection.in_transaction:
            with suppress(sqlite3.Error):
                self.connection.execute(f"PRAGMA synchronous = {KEY_SYNC}")

    def synchronous(self) -> int:
        """SQLite's ``synchronous`` of this connection now (1 NORMAL, 2 FULL)."""
        return int(self.connection.execute("PRAGMA synchronous").fetchone()[0])

    def _rollback(self) -> None:
        """Roll back, if SQLite has not already done so (it does on a full disk)."""
        if self.connection.in_transaction:
            with suppress(sqlite3.Error):
                self.connection.execute("ROLLBACK")

    def write_one(self, sql: str, parameters: Sequence[Any]) -> int:
        with self.write() as db:
            return int(db.execute(sql, parameters).rowcount)

    def insert(self, db: Any, sql: str, parameters: Sequence[Any]) -> int:
        new = db.execute(sql, parameters).lastrowid
        assert new is not None
        return int(new)

    def set_patience(self, seconds: float) -> None:
        self.connection.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    # --- erasure --------------------------------------------------------------------
    def after_forget(self, name: str) -> None:
        """The rows are gone and overwritten (secure_delete); fold the WAL into the file so
        no copy stays there, and erase the person from the copies kept before upgrades."""
        self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for backup in sorted(self.path.parent.glob(f"{self.path.name}.v*.bak")):
            try:
                old = sqlite3.connect(backup, isolation_level=None)
                old.execute("PRAGMA foreign_keys = ON")
                old.execute("PRAGMA secure_delete = ON")
                old.execute("DELETE FROM trainees WHERE name = ? COLLATE NOCASE", (name,))
                old.execute(
                    "DELETE FROM meta WHERE key LIKE 'instelling:%' AND value = ? COLLATE NOCASE",
                    (name,),
                )
                old.execute("VACUUM")
                old.close()
            except sqlite3.Error as exc:
                raise StoreError(
                    f"De gegevens van {name} zijn gewist, maar niet uit de reservekopie {backup} ({exc}). "
                    "Verwijder dat bestand met de hand."
                ) from None

    # --- what is in it --------------------------------------------------------------
    def tables(self) -> list[str]:
        rows = self.connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
        return [str(r[0]) for r in rows]

    def columns(self, table: str) -> list[str]:
        return [str(r[1]) for r in self.connection.execute(f"PRAGMA table_info({table})")]

    def close(self) -> None:
        self.connection.close()


def _make_private(path: Path) -> None:
    """The store and its companions are its owner's only (see ``files``). A file that is
    not ours to change (a store shared read-only) is left as it is."""
    for part in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
        if part is path or part.exists():
            with suppress(PermissionError):
                private_file(part)
