"""The trainee store: who played what, every move as it happened, and the results.

SQLite in WAL mode; each write is one transaction, so a crash of Regie loses nothing
already written. A move is committed without waiting for the disk (``synchronous=NORMAL``:
no fsync on the key path); the end of an attempt or an exam, and erasing a trainee, wait
for it (a ``durable`` write syncs the log, and with it every move before it). What a power
cut can cost: the moves of attempts still being played since their last durable write or
checkpoint; the file itself stays whole. Problems with the file (corrupt, read-only, disk full, a newer version) become a
``StoreError`` with a Dutch message that says how to go on; the file is never changed then.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator.engine.trace import TraceEvent
from simulator.store import schema
from simulator.store.files import private_dir, private_file, why_not_written
from simulator.store.result import DamagedResult, StoredResult

FILE_NAME = "regie.sqlite"
_SQLITE_HEADER = b"SQLite format 3\x00"
_KEY_SYNC, _DURABLE_SYNC = "NORMAL", "FULL"


class StoreError(Exception):
    """A problem with the store, in Dutch, with what to do about it."""


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Where results are kept: ``--data``, else ``REGIE_DATA``, else the user's data folder."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("REGIE_DATA")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("regie", appauthor=False))


# A trainee's number is never given twice, not even after ``forget`` (SQLite would give the
# highest number again once its row is gone): the xAPI pseudonym is made from it, and two
# people with one pseudonym are one person to a learning record store.
HIGHEST_TRAINEE = "hoogste_trainee_id"
INSERT_TRAINEE = (
    "INSERT INTO trainees (id, name, groep, created) VALUES ("
    "MAX(COALESCE((SELECT MAX(id) FROM trainees), 0), "
    f"COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = '{HIGHEST_TRAINEE}'), 0)"
    ") + 1, ?, ?, ?) ON CONFLICT(name) DO NOTHING"
)


def clean_name(name: str) -> str:
    """A name as typed, made comparable: Unicode compatibility forms folded (NFKC), invisible
    characters removed (zero-width, direction marks and overrides, control characters), and
    runs of white space made one space. Two names that look alike are then one name."""
    folded = unicodedata.normalize("NFKC", name)
    visible = "".join(
        " " if c.isspace() else c
        for c in folded
        if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )
    return " ".join(visible.split())


def _now() -> str:
    """UTC, to the millisecond: the xAPI statements of an attempt are ordered by these times
    (an ``initialized`` before the first move, a ``terminated`` after the result)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True, slots=True)
class TraineeRow:
    id: int
    name: str
    groep: str | None
    created: str


@dataclass(frozen=True, slots=True)
class AttemptRow:
    id: int
    uuid: str
    trainee: str
    groep: str | None
    scenario: str
    course: str | None
    mode: str
    seed: int
    started: str
    ended: str | None
    status: str  # bezig, afgerond, afgebroken
    ending: str | None
    score: int | None
    passed: bool | None
    result: StoredResult | None
    exam: int | None = None  # the exam it is part of (``ExamRow.id``)
    exam_status: str | None = None  # that exam's status: bezig or afgerond
    extra_time: int = 0  # percent more time on every timer it was played with

    @property
    def counts(self) -> bool:
        """Does it count in reports? Finished attempts, and abandoned exams; not the
        attempts of an exam that is not finished (that exam shows as unfinished)."""
        if self.exam_status == "bezig":
            return False
        return self.status == "afgerond" or (self.status == "afgebroken" and self.mode == "examen")


@dataclass(frozen=True, slots=True)
class ExamRow:
    """One exam as a whole: the scenarios it drew (with the seed of each), in order."""

    id: int
    trainee: str
    groep: str | None
    course: str
    role: str
    plan: tuple[tuple[str, int], ...]
    started: str
    ended: str | None
    status: str  # bezig, afgerond


_EXAM_SELECT = """
SELECT e.id, t.name, e.groep, e.course, e.rol, e.plan, e.started, e.ended, e.status
FROM exams e JOIN trainees t ON t.id = e.trainee_id
"""


def _plan(text: str) -> tuple[tuple[str, int], ...]:
    try:
        data = json.loads(text)
    except ValueError:
        raise _Damaged("de trekking van het examen is geen geldige JSON") from None
    if not isinstance(data, list) or not all(
        isinstance(p, list)
        and len(p) == 2
        and isinstance(p[0], str)
        and isinstance(p[1], int)
        and not isinstance(p[1], bool)
        for p in data
    ):
        raise _Damaged("de trekking van het examen klopt niet")
    return tuple((p[0], p[1]) for p in data)


def _exam(row: Sequence[Any], path: Path) -> ExamRow:
    try:
        plan = _plan(str(row[5]))
    except _Damaged as problem:
        raise StoreError(
            f"Examen {row[0]} in de opslag {path} is beschadigd: {problem}. De opslag is niet "
            "aangeraakt. Ga verder met een nieuwe opslag in een andere map: regie --data ANDERE_MAP"
        ) from None
    return ExamRow(row[0], row[1], row[2], row[3], row[4], plan, row[6], row[7], row[8])


_ATTEMPT_SELECT = """
SELECT a.id, a.uuid, t.name, COALESCE(a.groep, t.groep), a.scenario, a.course, a.mode, a.seed, a.started, a.ended,
       a.status, a.ending, a.score, a.passed, a.result, a.exam_id, e.status, a.extra_tijd
FROM attempts a JOIN trainees t ON t.id = a.trainee_id LEFT JOIN exams e ON e.id = a.exam_id
"""


class _Damaged(ValueError):
    """What is wrong with one stored value (turned into a ``StoreError`` with its place)."""


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _event(text: str) -> TraceEvent:
    """A stored trace event, checked for its kind and time."""
    try:
        data = json.loads(text)
    except ValueError:
        raise _Damaged("een gebeurtenis is geen geldige JSON") from None
    if not (
        isinstance(data, dict) and isinstance(data.get("kind"), str) and _number(data.get("t"))
    ):
        raise _Damaged("een gebeurtenis mist haar soort of tijd")
    try:
        return TraceEvent.from_json(data)
    except TypeError:
        raise _Damaged("een gebeurtenis kent een veld niet") from None


def _damaged(path: Path, attempt_id: object, problem: ValueError) -> StoreError:
    return StoreError(
        f"Poging {attempt_id} in de opslag {path} is beschadigd: {problem}. De opslag is niet "
        "aangeraakt. Wis die poging met een SQLite-programma, of ga verder met een nieuwe "
        "opslag in een andere map: regie --data ANDERE_MAP"
    )


def _attempt(row: Sequence[Any], path: Path) -> AttemptRow:
    passed = None if row[13] is None else bool(row[13])
    try:
        result = StoredResult.from_text(row[14]) if row[14] else None
        if row[12] is not None and not isinstance(row[12], int):
            raise _Damaged("de score is geen getal")
    except (_Damaged, DamagedResult) as problem:
        raise _damaged(path, row[0], problem) from None
    return AttemptRow(
        id=row[0],
        uuid=row[1],
        trainee=row[2],
        groep=row[3],
        scenario=row[4],
        course=row[5],
        mode=row[6],
        seed=row[7],
        started=row[8],
        ended=row[9],
        status=row[10],
        ending=row[11],
        score=row[12],
        passed=passed,
        result=result,
        exam=row[15],
        exam_status=row[16],
        extra_time=int(row[17] or 0),
    )


def _translate(exc: sqlite3.Error, path: Path) -> StoreError:
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


def _append_events(db: sqlite3.Connection, attempt_id: int, events: Sequence[TraceEvent]) -> None:
    first = db.execute(
        "SELECT COUNT(*) FROM events WHERE attempt_id = ?", (attempt_id,)
    ).fetchone()[0]
    db.executemany(
        "INSERT INTO events (attempt_id, seq, event) VALUES (?, ?, ?)",
        [
            (attempt_id, first + i, json.dumps(e.to_json(), ensure_ascii=False))
            for i, e in enumerate(events)
        ],
    )


class Store:
    def __init__(self, path: Path, *, now: Callable[[], str] = _now) -> None:
        self.path = path
        self.now = now
        self.on_disk = True
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
        self._make_private()
        if existing:
            with path.open("rb") as fh:
                if fh.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
                    raise _translate(sqlite3.DatabaseError("file is not a database"), path)
        try:
            self.db = sqlite3.connect(
                path, isolation_level=None, timeout=15, check_same_thread=False
            )
            self.db.execute("PRAGMA foreign_keys = ON")
            # in WAL mode: a commit reaches the operating system, not the disk (a crash of the
            # program loses nothing); the log is synced at checkpoints and by durable writes
            self.db.execute(f"PRAGMA synchronous = {_KEY_SYNC}")
            # forgotten data is overwritten, not left behind in free pages
            self.db.execute("PRAGMA secure_delete = ON")
            if existing:
                check = self.db.execute("PRAGMA quick_check").fetchone()[0]
                if check != "ok":
                    raise sqlite3.DatabaseError(check)
            self._prepare_when_free()
        except sqlite3.Error as exc:
            raise _translate(exc, path) from None

    def _make_private(self) -> None:
        """The store and its companions are its owner's only (see ``files``). A file that is
        not ours to change (a store shared read-only) is left as it is."""
        for part in (
            self.path,
            *(self.path.with_name(self.path.name + s) for s in ("-wal", "-shm")),
        ):
            if part is self.path or part.exists():
                with suppress(PermissionError):
                    private_file(part)

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
        db = self.db
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

    @classmethod
    def open(cls, data: str | os.PathLike[str] | None = None) -> Store:
        return cls(data_dir(data) / FILE_NAME)

    @classmethod
    def open_existing(cls, data: str | os.PathLike[str] | None = None) -> Store:
        """The store, for commands that only read it: a folder without one (a typing error
        in ``--data``, say) is told, not filled with a new, empty store."""
        path = data_dir(data) / FILE_NAME
        if not path.exists():  # nothing played here (yet): an empty store, nothing written
            return cls.empty(path)
        return cls(path)

    def absent(self) -> str | None:
        """For a store opened with ``open_existing`` where there is none: a Dutch note that
        says so (the folder may be mistyped); None for a store on disk."""
        if self.on_disk:
            return None
        folder = self.path.parent
        where = "bestaat niet" if not folder.exists() else "bevat geen opslag van Regie"
        return (
            f"let op: de map {folder} {where}; daar is niets gespeeld (niets aangemaakt). "
            "Kies de map met de resultaten met --data MAP of REGIE_DATA."
        )

    @classmethod
    def empty(cls, path: Path) -> Store:
        """An empty store in memory, named ``path`` in messages; nothing is written to disk."""
        store = cls.__new__(cls)
        store.path = path
        store.now = _now
        store.on_disk = False
        store.db = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        store.db.execute("PRAGMA foreign_keys = ON")
        schema.create(store.db)
        return store

    def set_patience(self, seconds: float) -> None:
        """How long a write waits for another program holding the file before it gives up
        with a ``StoreError`` (the app keeps this short: it must not freeze)."""
        self.db.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, *, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """One transaction. ``durable``: its commit waits until the log is on the disk, and
        so does every commit before it (the log is written in order)."""
        try:
            if durable:
                self.db.execute(f"PRAGMA synchronous = {_DURABLE_SYNC}")
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._back_to_key_sync(durable)
            raise _translate(exc, self.path) from None
        try:
            yield self.db
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise _translate(exc, self.path) from None
        except BaseException:
            self._rollback()
            raise
        finally:
            self._back_to_key_sync(durable)

    def _back_to_key_sync(self, durable: bool) -> None:
        if durable and not self.db.in_transaction:
            with suppress(sqlite3.Error):
                self.db.execute(f"PRAGMA synchronous = {_KEY_SYNC}")

    def synchronous(self) -> int:
        """SQLite's ``synchronous`` of this connection now (1 NORMAL, 2 FULL)."""
        return int(self.db.execute("PRAGMA synchronous").fetchone()[0])

    def _rollback(self) -> None:
        """Roll back, if SQLite has not already done so (it does on a full disk)."""
        if self.db.in_transaction:
            with suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")

    # --- settings (the meta table) ----------------------------------------------------
    def setting(self, key: str) -> str | None:
        row = self.db.execute(
            "SELECT value FROM meta WHERE key = ?", (f"instelling:{key}",)
        ).fetchone()
        return None if row is None else str(row[0])

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (f"instelling:{key}", value),
            )

    # --- trainees ---------------------------------------------------------------------
    def trainee(self, name: str, groep: str | None = None) -> TraineeRow:
        """The trainee with this name (case does not matter), created if new."""
        name = clean_name(name)
        if not name:
            raise StoreError("Vul een naam in.")
        with self.transaction() as db:
            db.execute(
                INSERT_TRAINEE,
                (name, groep, self.now()),
            )
            if groep:
                db.execute("UPDATE trainees SET groep = ? WHERE name = ?", (groep, name))
        row = self.db.execute(
            "SELECT id, name, groep, created FROM trainees WHERE name = ?", (name,)
        ).fetchone()
        return TraineeRow(*row)

    def role(self, trainee_id: int) -> str | None:
        """The role this trainee plays (asked before a first exam), if known."""
        row = self.db.execute("SELECT rol FROM trainees WHERE id = ?", (trainee_id,)).fetchone()
        return None if row is None or row[0] is None else str(row[0])

    def set_role(self, trainee_id: int, role: str) -> None:
        with self.transaction() as db:
            db.execute("UPDATE trainees SET rol = ? WHERE id = ?", (role, trainee_id))

    # --- extra time (per trainee and per group) --------------------------------------
    def extra_time(self, trainee_id: int) -> int:
        """The extra time (percent) this trainee plays with: their own setting or their
        group's, whichever is more."""
        row = self.db.execute(
            "SELECT t.extra_tijd, COALESCE(g.extra_tijd, 0) FROM trainees t "
            "LEFT JOIN group_settings g ON g.groep = t.groep WHERE t.id = ?",
            (trainee_id,),
        ).fetchone()
        return 0 if row is None else max(int(row[0] or 0), int(row[1] or 0))

    def set_trainee_extra_time(self, name: str, percent: int) -> bool:
        """Set a trainee's own extra time. False if there is no such trainee."""
        with self.transaction() as db:
            changed = db.execute(
                "UPDATE trainees SET extra_tijd = ? WHERE name = ?", (percent, clean_name(name))
            ).rowcount
        return bool(changed)

    def set_group_extra_time(self, groep: str, percent: int) -> None:
        """Set the extra time of everyone in a group (also who joins it later)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO group_settings (groep, extra_tijd) VALUES (?, ?) "
                "ON CONFLICT (groep) DO UPDATE SET extra_tijd = excluded.extra_tijd",
                (groep, percent),
            )

    def extra_times(self) -> tuple[dict[str, int], dict[str, int]]:
        """The extra time that is set: per trainee (by name) and per group (by code)."""
        trainees = {
            str(r[0]): int(r[1])
            for r in self.db.execute(
                "SELECT name, extra_tijd FROM trainees WHERE extra_tijd > 0 ORDER BY name"
            )
        }
        groups = {
            str(r[0]): int(r[1])
            for r in self.db.execute(
                "SELECT groep, extra_tijd FROM group_settings WHERE extra_tijd > 0 ORDER BY groep"
            )
        }
        return trainees, groups

    def trainee_exists(self, trainee_id: int) -> bool:
        """Is this trainee still in the store (not forgotten)?"""
        row = self.db.execute("SELECT 1 FROM trainees WHERE id = ?", (trainee_id,)).fetchone()
        return row is not None

    def trainees(self, groep: str | None = None) -> list[TraineeRow]:
        sql = "SELECT id, name, groep, created FROM trainees"
        args: tuple[str, ...] = ()
        if groep is not None:
            sql += " WHERE groep = ?"
            args = (groep,)
        return [
            TraineeRow(*r) for r in self.db.execute(sql + " ORDER BY name COLLATE NOCASE", args)
        ]

    def forget(self, name: str) -> bool:
        """Remove everything of one person (the right to erasure). True if they were known."""
        name = clean_name(name)
        with self.transaction() as db:
            db.execute(
                "INSERT INTO meta (key, value) SELECT ?, MAX(id) FROM trainees WHERE 1 "
                "ON CONFLICT(key) DO UPDATE SET value = MAX(CAST(value AS INTEGER), "
                "CAST(excluded.value AS INTEGER))",
                (HIGHEST_TRAINEE,),
            )
            # what an LRS got about them is voided there by the next push (``reports.lrs``)
            db.execute(
                "INSERT INTO xapi_voids (lrs, statement_id, requested) "
                "SELECT s.lrs, s.statement_id, ? FROM xapi_sent s "
                "JOIN attempts a ON a.id = s.attempt_id JOIN trainees t ON t.id = a.trainee_id "
                "WHERE t.name = ? ON CONFLICT (lrs, statement_id) DO NOTHING",
                (self.now(), name),
            )
            gone = db.execute("DELETE FROM trainees WHERE name = ?", (name,)).rowcount
            # a remembered setting (the last name typed) is theirs too
            db.execute(
                "DELETE FROM meta WHERE key LIKE 'instelling:%' AND value = ? COLLATE NOCASE",
                (name,),
            )
        if gone:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self._forget_in_backups(name)
        return bool(gone)

    def _forget_in_backups(self, name: str) -> None:
        """The copies kept before an upgrade hold the person too: remove them there as well."""
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

    # --- attempts ---------------------------------------------------------------------
    def start_attempt(
        self,
        trainee: TraineeRow,
        scenario: str,
        seed: int,
        mode: str = "training",
        course: str | None = None,
        exam: int | None = None,
        extra_time: int = 0,
    ) -> AttemptRow:
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO attempts (uuid, trainee_id, groep, scenario, course, mode, seed, "
                "started, status, exam_id, extra_tijd) VALUES (?, ?, (SELECT groep FROM trainees "
                "WHERE id = ?), ?, ?, ?, ?, ?, 'bezig', ?, ?)",
                (
                    str(uuid.uuid4()),
                    trainee.id,
                    trainee.id,
                    scenario,
                    course,
                    mode,
                    seed,
                    self.now(),
                    exam,
                    extra_time,
                ),
            )
            attempt_id = cur.lastrowid
        assert attempt_id is not None
        return self.attempt(attempt_id)

    def record_move(
        self, attempt_id: int, ref: str, latency: float | None, events: Sequence[TraceEvent]
    ) -> None:
        """One move and the events it caused, in one transaction, the moment it happens."""
        with self.transaction() as db:
            seq = db.execute(
                "SELECT COUNT(*) FROM moves WHERE attempt_id = ?", (attempt_id,)
            ).fetchone()[0]
            db.execute(
                "INSERT INTO moves (attempt_id, seq, ref, latency, at) VALUES (?, ?, ?, ?, ?)",
                (attempt_id, seq, ref, latency, self.now()),
            )
            _append_events(db, attempt_id, events)

    def record_events(self, attempt_id: int, events: Sequence[TraceEvent]) -> None:
        """Events that happen without a move (the start of an attempt)."""
        with self.transaction() as db:
            _append_events(db, attempt_id, events)

    def replace_events(self, attempt_id: int, events: Sequence[TraceEvent]) -> None:
        """Write the whole trace again (after a crash left it incomplete)."""
        with self.transaction() as db:
            db.execute("DELETE FROM events WHERE attempt_id = ?", (attempt_id,))
            _append_events(db, attempt_id, events)

    def finish_attempt(
        self, attempt_id: int, *, status: str, ending: str | None, result: StoredResult | None
    ) -> AttemptRow:
        assert status in ("afgerond", "afgebroken")
        with self.transaction(durable=True) as db:  # the attempt, and every move of it, on disk
            db.execute(
                "UPDATE attempts SET status = ?, ended = ?, ending = ?, score = ?, passed = ?, result = ? "
                "WHERE id = ?",
                (
                    status,
                    self.now(),
                    ending,
                    None if result is None else result.score,
                    None if result is None else int(bool(result.passed)),
                    None if result is None else result.to_text(),
                    attempt_id,
                ),
            )
        return self.attempt(attempt_id)

    def discard(self, attempt_id: int) -> None:
        """Stopping a training attempt costs nothing: it is removed. Exams cannot be discarded."""
        row = self.attempt(attempt_id)
        if row.mode == "examen":
            raise StoreError(
                "Een examenpoging kan niet worden weggegooid; stoppen telt als een poging."
            )
        with self.transaction() as db:
            db.execute("DELETE FROM attempts WHERE id = ?", (attempt_id,))

    def attempt(self, attempt_id: int) -> AttemptRow:
        row = self.db.execute(_ATTEMPT_SELECT + " WHERE a.id = ?", (attempt_id,)).fetchone()
        if row is None:
            raise StoreError(f"Poging {attempt_id} bestaat niet (meer).")
        return _attempt(row, self.path)

    def attempts(
        self,
        trainee: str | None = None,
        groep: str | None = None,
        course: str | None = None,
        status: str | None = None,
    ) -> list[AttemptRow]:
        where, args = [], []
        for column, value in (
            ("t.name", trainee),
            ("COALESCE(a.groep, t.groep)", groep),
            ("a.course", course),
            ("a.status", status),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        sql = (
            _ATTEMPT_SELECT
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY a.started, a.id"
        )
        return [_attempt(r, self.path) for r in self.db.execute(sql, args)]

    # --- exams -------------------------------------------------------------------------
    def start_exam(
        self, trainee: TraineeRow, course: str, role: str, plan: Sequence[tuple[str, int]]
    ) -> ExamRow:
        """A new exam: what it drew is saved before the first scenario starts."""
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO exams (trainee_id, groep, course, rol, plan, started, status) "
                "VALUES (?, (SELECT groep FROM trainees WHERE id = ?), ?, ?, ?, ?, 'bezig')",
                (
                    trainee.id,
                    trainee.id,
                    course,
                    role,
                    json.dumps([[sid, seed] for sid, seed in plan]),
                    self.now(),
                ),
            )
            exam_id = cur.lastrowid
        assert exam_id is not None
        return self.exam(exam_id)

    def exam(self, exam_id: int) -> ExamRow:
        row = self.db.execute(_EXAM_SELECT + " WHERE e.id = ?", (exam_id,)).fetchone()
        if row is None:
            raise StoreError(f"Examen {exam_id} bestaat niet (meer).")
        return _exam(row, self.path)

    def exams(
        self, trainee: str | None = None, groep: str | None = None, status: str | None = None
    ) -> list[ExamRow]:
        where, args = [], []
        for column, value in (("t.name", trainee), ("e.groep", groep), ("e.status", status)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        sql = (
            _EXAM_SELECT
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY e.started, e.id"
        )
        return [_exam(r, self.path) for r in self.db.execute(sql, args)]

    def exam_attempts(self, exam_id: int) -> list[AttemptRow]:
        """The attempts of one exam, in the order they were played."""
        rows = self.db.execute(
            _ATTEMPT_SELECT + " WHERE a.exam_id = ? ORDER BY a.started, a.id", (exam_id,)
        )
        return [_attempt(r, self.path) for r in rows]

    def finish_exam(self, exam_id: int) -> ExamRow:
        with self.transaction(durable=True) as db:
            db.execute(
                "UPDATE exams SET status = 'afgerond', ended = ? WHERE id = ? AND status = 'bezig'",
                (self.now(), exam_id),
            )
        return self.exam(exam_id)

    def unfinished(self, trainee: str) -> list[AttemptRow]:
        return self.attempts(trainee=trainee, status="bezig")

    def last_move_at(self, attempt_id: int) -> str:
        """When the attempt last moved (its last saved move, else its start), ISO time."""
        row = self.db.execute(
            "SELECT MAX(at) FROM moves WHERE attempt_id = ?", (attempt_id,)
        ).fetchone()
        return str(row[0]) if row and row[0] else self.attempt(attempt_id).started

    def moves(self, attempt_id: int) -> list[tuple[str, float | None]]:
        rows = self.db.execute(
            "SELECT ref, latency FROM moves WHERE attempt_id = ? ORDER BY seq", (attempt_id,)
        )
        return [(r[0], r[1]) for r in rows]

    def events(self, attempt_id: int) -> list[TraceEvent]:
        rows = self.db.execute(
            "SELECT event FROM events WHERE attempt_id = ? ORDER BY seq", (attempt_id,)
        )
        try:
            return [_event(r[0]) for r in rows]
        except _Damaged as problem:
            raise _damaged(self.path, attempt_id, problem) from None
