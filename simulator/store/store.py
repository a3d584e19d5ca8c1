"""The trainee store: who played what, every move as it happened, and the results.

One store, two engines (``simulator.store.engines``): a SQLite file in the user's data
folder (the default; WAL mode) or a PostgreSQL database shared by several ``regie serve``
hosts (``REGIE_DATABASE=postgresql://…`` or ``--database``). The SQL is written once for
both. Each write is one transaction, so a crash of Regie loses nothing already written. On
SQLite a move is committed without waiting for the disk (``synchronous=NORMAL``); the end
of an attempt or an exam waits for it (a ``durable`` write, see ``engines.sqlite``).
Problems (a corrupt file, read-only, a full disk, a newer version, a server that cannot be
reached) become a ``StoreError`` with a Dutch message that says how to go on; the store is
never changed then.
"""

from __future__ import annotations

import json
import os
import time
import unicodedata
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from simulator.engine.trace import TraceEvent
from simulator.store.engines import Database, Engine
from simulator.store.engines.sqlite import SQLiteEngine
from simulator.store.errors import NoStore, StoreError
from simulator.store.result import DamagedResult, StoredResult
from simulator.store.timing import TimedDatabase, from_environment

FILE_NAME = "regie.sqlite"
DATABASE_ENV = "REGIE_DATABASE"  # postgresql://…: the store is that database, not a file


def database_url(explicit: str | None = None) -> str | None:
    """The PostgreSQL database to use: ``--database``, else ``REGIE_DATABASE``, else none
    (the SQLite file in the data folder). Anything else than a postgresql:// address is a
    ``StoreError``."""
    from simulator.store.engines.postgres import SCHEMES, is_url

    url = (explicit if explicit is not None else os.environ.get(DATABASE_ENV, "")).strip()
    if not url:
        return None
    if not is_url(url):
        source = "--database" if explicit is not None else DATABASE_ENV
        raise StoreError(
            f"{source} moet een PostgreSQL-adres zijn dat begint met {SCHEMES[0]}, "
            f"bijvoorbeeld {SCHEMES[0]}regie@dbserver/regie. Voor de opslag in een map: --data MAP."
        )
    return url


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
# people with one pseudonym are one person to a learning record store. Run it inside a
# write transaction (writers take turns, so two new names never get one number).
HIGHEST_TRAINEE = "hoogste_trainee_id"
INSERT_TRAINEE = (
    "INSERT INTO trainees (id, name, groep, created) "
    "SELECT COALESCE(MAX(number), 0) + 1, ?, ?, ? FROM ("
    "SELECT MAX(id) AS number FROM trainees UNION ALL "
    f"SELECT CAST(value AS INTEGER) FROM meta WHERE key = '{HIGHEST_TRAINEE}'"
    ") AS highest WHERE TRUE ON CONFLICT(name) DO NOTHING"
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


def _exam(row: Sequence[Any], engine: Engine) -> ExamRow:
    try:
        plan = _plan(str(row[5]))
    except _Damaged as problem:
        raise StoreError(
            f"Examen {row[0]} in de opslag {engine.where} is beschadigd: {problem}. De opslag "
            f"is niet aangeraakt. {engine.fresh_advice}"
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


def _damaged(engine: Engine, attempt_id: object, problem: ValueError) -> StoreError:
    return StoreError(
        f"Poging {attempt_id} in de opslag {engine.where} is beschadigd: {problem}. De opslag "
        f"is niet aangeraakt. {engine.repair_advice}"
    )


def _attempt(row: Sequence[Any], engine: Engine) -> AttemptRow:
    passed = None if row[13] is None else bool(row[13])
    try:
        result = StoredResult.from_text(row[14]) if row[14] else None
        if row[12] is not None and not isinstance(row[12], int):
            raise _Damaged("de score is geen getal")
    except (_Damaged, DamagedResult) as problem:
        raise _damaged(engine, row[0], problem) from None
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


def _stored_events(db: Database, attempt_id: int) -> int:
    return int(
        db.execute("SELECT COUNT(*) FROM events WHERE attempt_id = ?", (attempt_id,)).fetchone()[0]
    )


def _already(
    db: Database, attempt_id: int, saved: int | None, events: Sequence[TraceEvent], stored: int
) -> bool:
    """Are these events, beyond the ``saved`` the caller knows of, in the store already?
    Then an earlier write of them went through although it reported a failure (a
    connection to the database lost during its commit), and writing them again would
    double them. Other events there mean the attempt was played on elsewhere (another
    window, another host): nothing is written, and the caller is told."""
    if saved is None or stored <= saved:
        return False
    there = [
        str(r[0])
        for r in db.execute(
            "SELECT event FROM events WHERE attempt_id = ? AND seq >= ? ORDER BY seq",
            (attempt_id, saved),
        )
    ]
    mine = [json.dumps(e.to_json(), ensure_ascii=False) for e in events]
    if there[: len(mine)] == mine:
        return True
    raise StoreError(
        "Deze poging is intussen ergens anders verder gespeeld (in een ander venster of op "
        "een andere server); wat hier daarna gebeurde, is niet opgeslagen. Meld u opnieuw "
        "aan om verder te gaan."
    )


def _append_events(
    db: Database, attempt_id: int, events: Sequence[TraceEvent], first: int | None = None
) -> None:
    """Add events after the ``first`` already stored (counted here when not given)."""
    if first is None:
        first = _stored_events(db, attempt_id)
    db.executemany(
        "INSERT INTO events (attempt_id, seq, event) VALUES (?, ?, ?)",
        [
            (attempt_id, first + i, json.dumps(e.to_json(), ensure_ascii=False))
            for i, e in enumerate(events)
        ],
    )


class Store:
    """The store, on SQLite (``Store(path)``, ``Store.open(data)``) or on PostgreSQL
    (``Store.open(data, database)`` with a postgresql:// address, or ``REGIE_DATABASE``).
    ``path`` is the SQLite file; on PostgreSQL it names this host's data folder (where
    group reports go) and no file. ``where`` names the store in messages."""

    def __init__(
        self, path: Path, *, now: Callable[[], str] = _now, engine: Engine | None = None
    ) -> None:
        self.path = path
        self.now = now
        self.on_disk = True
        self.missing: str | None = None  # see ``absent``
        self.engine: Engine = engine if engine is not None else SQLiteEngine.open(path)
        self.db: Any = self.engine.db
        self.timing = from_environment()  # REGIE_STORE_TIMING: the load benchmark's aid
        if self.timing is not None:
            self.db = TimedDatabase(self.db, self.timing)

    @property
    def where(self) -> str:
        """The store in messages: its file, or its database (without a password)."""
        return self.engine.where

    @property
    def shared(self) -> bool:
        """Is this a database that several hosts share (PostgreSQL)?"""
        return self.engine.kind == "postgresql"

    @classmethod
    def open(cls, data: str | os.PathLike[str] | None = None, database: str | None = None) -> Store:
        """The store: the database named by ``database`` or ``REGIE_DATABASE``, else the
        SQLite file in the data folder (``data``, ``REGIE_DATA`` or the user's folder)."""
        url = database_url(database)
        path = data_dir(data) / FILE_NAME
        if url is not None:
            from simulator.store.engines.postgres import PostgresEngine

            return cls(path, engine=PostgresEngine(url))
        return cls(path)

    @classmethod
    def open_existing(
        cls, data: str | os.PathLike[str] | None = None, database: str | None = None
    ) -> Store:
        """The store, for commands that only read it: a folder (or a database) without one
        (a typing error in ``--data``, say) is told, not filled with a new, empty store."""
        url = database_url(database)
        path = data_dir(data) / FILE_NAME
        if url is not None:
            from simulator.store.engines.postgres import PostgresEngine

            try:
                return cls(path, engine=PostgresEngine(url, create=False))
            except NoStore as none:
                store = cls.empty(path)
                store.missing = f"let op: {none}"
                return store
        if not path.exists():  # nothing played here (yet): an empty store, nothing written
            return cls.empty(path)
        return cls(path)

    def absent(self) -> str | None:
        """For a store opened with ``open_existing`` where there is none: a Dutch note that
        says so (the folder may be mistyped); None for a store on disk."""
        if self.on_disk:
            return None
        if self.missing:
            return self.missing
        folder = self.path.parent
        where = "bestaat niet" if not folder.exists() else "bevat geen opslag van Regie"
        return (
            f"let op: de map {folder} {where}; daar is niets gespeeld (niets aangemaakt). "
            "Kies de map met de resultaten met --data MAP of REGIE_DATA."
        )

    @classmethod
    def empty(cls, path: Path) -> Store:
        """An empty store in memory, named ``path`` in messages; nothing is written to disk."""
        store = cls(path, engine=SQLiteEngine.memory(path))
        store.on_disk = False
        return store

    def set_patience(self, seconds: float) -> None:
        """How long a write waits for another program holding the store before it gives
        up with a ``StoreError`` (the app keeps this short: it must not freeze)."""
        self.engine.set_patience(seconds)

    def close(self) -> None:
        if self.timing is not None:
            self.timing.flush()
        self.engine.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self, *, durable: bool = False) -> Iterator[Any]:
        """One write transaction (writers take turns): all of it is saved, or none.
        ``durable``: its commit waits until it is on the disk, and so does every commit
        before it (see ``Engine.write``)."""
        timing = self.timing
        if timing is None:
            with self.engine.write(durable=durable) as db:
                yield db
            return
        start, began = time.time(), time.perf_counter()
        timing.local.writing = True
        try:
            with self.engine.write(durable=durable) as db:
                yield db
        finally:
            timing.local.writing = False
            timing.add(start, time.perf_counter() - began, "schrijven")

    def synchronous(self) -> int:
        """On SQLite: its ``synchronous`` of this connection now (1 NORMAL, 2 FULL)."""
        if not isinstance(self.engine, SQLiteEngine):
            raise StoreError("Alleen een SQLite-opslag heeft 'synchronous'.")
        return self.engine.synchronous()

    def write_one(self, sql: str, parameters: Sequence[Any]) -> int:
        """One statement that is a whole write by itself (see ``Engine.write_one``): the
        number of rows it changed."""
        timing = self.timing
        if timing is None:
            return self.engine.write_one(sql, parameters)
        start, began = time.time(), time.perf_counter()
        try:
            return self.engine.write_one(sql, parameters)
        finally:
            timing.add(start, time.perf_counter() - began, "schrijven")

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
        if self.timing is not None:
            self.timing.mark(trainee=row[0])
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
            highest = db.execute("SELECT MAX(id) FROM trainees").fetchone()[0] or 0
            kept = db.execute("SELECT value FROM meta WHERE key = ?", (HIGHEST_TRAINEE,)).fetchone()
            if kept is not None and str(kept[0]).strip().isdigit():
                highest = max(highest, int(kept[0]))
            db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (HIGHEST_TRAINEE, str(highest)),
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
            self.engine.after_forget(name)
        return bool(gone)

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
            attempt_id = self.engine.insert(
                db,
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
        return self.attempt(attempt_id)

    def record_move(
        self,
        attempt_id: int,
        ref: str,
        latency: float | None,
        events: Sequence[TraceEvent],
        *,
        saved: int | None = None,
    ) -> None:
        """One move and the events it caused, in one transaction, the moment it happens.
        ``saved``: how many events of the attempt the caller knows are stored; if there are
        more, this move is stored already and is not written twice."""
        with self.transaction() as db:
            seq, stored = db.execute(  # one question, not two: a round trip on a server
                "SELECT (SELECT COUNT(*) FROM moves WHERE attempt_id = ?), "
                "(SELECT COUNT(*) FROM events WHERE attempt_id = ?)",
                (attempt_id, attempt_id),
            ).fetchone()
            if _already(db, attempt_id, saved, events, stored):
                return
            db.execute(
                "INSERT INTO moves (attempt_id, seq, ref, latency, at) VALUES (?, ?, ?, ?, ?)",
                (attempt_id, seq, ref, latency, self.now()),
            )
            _append_events(db, attempt_id, events, stored)

    def record_events(
        self, attempt_id: int, events: Sequence[TraceEvent], *, saved: int | None = None
    ) -> None:
        """Events that happen without a move (the start of an attempt); ``saved`` as for
        ``record_move``."""
        with self.transaction() as db:
            stored = _stored_events(db, attempt_id)
            if not _already(db, attempt_id, saved, events, stored):
                _append_events(db, attempt_id, events, stored)

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
        return _attempt(row, self.engine)

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
        return [_attempt(r, self.engine) for r in self.db.execute(sql, args)]

    # --- exams -------------------------------------------------------------------------
    def start_exam(
        self, trainee: TraineeRow, course: str, role: str, plan: Sequence[tuple[str, int]]
    ) -> ExamRow:
        """A new exam: what it drew is saved before the first scenario starts."""
        with self.transaction() as db:
            exam_id = self.engine.insert(
                db,
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
        return self.exam(exam_id)

    def exam(self, exam_id: int) -> ExamRow:
        row = self.db.execute(_EXAM_SELECT + " WHERE e.id = ?", (exam_id,)).fetchone()
        if row is None:
            raise StoreError(f"Examen {exam_id} bestaat niet (meer).")
        return _exam(row, self.engine)

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
        return [_exam(r, self.engine) for r in self.db.execute(sql, args)]

    def exam_attempts(self, exam_id: int) -> list[AttemptRow]:
        """The attempts of one exam, in the order they were played."""
        rows = self.db.execute(
            _ATTEMPT_SELECT + " WHERE a.exam_id = ? ORDER BY a.started, a.id", (exam_id,)
        )
        return [_attempt(r, self.engine) for r in rows]

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
            raise _damaged(self.engine, attempt_id, problem) from None
