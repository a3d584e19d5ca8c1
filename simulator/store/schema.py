"""The store's schema and its migrations. Each version's DDL stays here as it was shipped,
so a store written by any earlier version can be opened and upgraded.

A migration is a plain list of SQL statements, written once and run on both engines
(SQLite and PostgreSQL; ``simulator.store.dialect`` says which subset that is and how it
is rewritten for PostgreSQL). A new version is a new list, appended to ``MIGRATIONS``; a
step that cannot be written once is a ``PerEngine`` with one text for each engine. The
tests run every migration on both engines (``tests/test_store.py``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from simulator.store.dialect import PerEngine as PerEngine  # for a step written per engine
from simulator.store.dialect import Step, step_sql

# Version 1: trainees, attempts and the moves of each attempt.
V1: tuple[Step, ...] = (
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE trainees (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created TEXT NOT NULL
    )""",
    """CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        uuid TEXT NOT NULL UNIQUE,
        trainee_id INTEGER NOT NULL REFERENCES trainees(id) ON DELETE CASCADE,
        scenario TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('training', 'examen')),
        seed INTEGER NOT NULL,
        started TEXT NOT NULL,
        ended TEXT,
        status TEXT NOT NULL CHECK (status IN ('bezig', 'afgerond', 'afgebroken')),
        ending TEXT,
        score INTEGER,
        passed INTEGER
    )""",
    """CREATE TABLE moves (
        attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        ref TEXT NOT NULL,
        latency REAL,
        at TEXT NOT NULL,
        PRIMARY KEY (attempt_id, seq)
    )""",
    "CREATE INDEX attempts_by_trainee ON attempts(trainee_id)",
    "INSERT INTO meta VALUES ('schema_version', '1')",
)

# Version 2: group codes, courses, the full result and the event trace of each attempt.
V2: tuple[Step, ...] = (
    "ALTER TABLE trainees ADD COLUMN groep TEXT",
    "ALTER TABLE attempts ADD COLUMN course TEXT",
    "ALTER TABLE attempts ADD COLUMN result TEXT",
    """CREATE TABLE events (
        attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        event TEXT NOT NULL,
        PRIMARY KEY (attempt_id, seq)
    )""",
    "CREATE INDEX trainees_by_group ON trainees(groep)",
)

# Version 3: the classroom (``regie serve``). A trainee's pincode (scrypt, salted), who is
# signed in where right now, and the refused sign-ins of the last minutes (against guessing).
V3: tuple[Step, ...] = (
    "ALTER TABLE trainees ADD COLUMN pin TEXT",
    """CREATE TABLE presence (
        trainee_id INTEGER PRIMARY KEY REFERENCES trainees(id) ON DELETE CASCADE,
        token TEXT NOT NULL,
        seen REAL NOT NULL,
        place TEXT NOT NULL,
        scenario TEXT,
        fase TEXT
    )""",
    """CREATE TABLE refusals (
        kind TEXT NOT NULL CHECK (kind IN ('pin', 'trainer')),
        trainee_id INTEGER REFERENCES trainees(id) ON DELETE CASCADE,
        at REAL NOT NULL
    )""",
    "CREATE INDEX refusals_by_kind ON refusals(kind, trainee_id, at)",
)

# Version 4: the brake on guessing counts per source (the browser's address), so nobody locks
# out a classmate or the trainer by guessing from another machine; it also counts the new
# names each source makes (kind 'nieuw'). Refusals are hours of data: the table is made anew.
V4: tuple[Step, ...] = (
    "DROP TABLE refusals",
    """CREATE TABLE refusals (
        kind TEXT NOT NULL CHECK (kind IN ('pin', 'trainer', 'nieuw')),
        trainee_id INTEGER REFERENCES trainees(id) ON DELETE CASCADE,
        source TEXT NOT NULL DEFAULT '',
        at REAL NOT NULL
    )""",
    "CREATE INDEX refusals_by_kind ON refusals(kind, trainee_id, source, at)",
    # an attempt keeps the group it was played in, whatever group its trainee joins later
    "ALTER TABLE attempts ADD COLUMN groep TEXT",
    "UPDATE attempts SET groep = (SELECT groep FROM trainees WHERE trainees.id = trainee_id)",
)

# Version 5: a fair exam. The role a trainee plays (asked once, before a first exam), and
# each exam as a whole: what it drew (scenario and seed, in order), so that after a crash
# the same exam goes on, and whether it was finished. An exam's attempts point at it.
V5: tuple[Step, ...] = (
    "ALTER TABLE trainees ADD COLUMN rol TEXT",
    """CREATE TABLE exams (
        id INTEGER PRIMARY KEY,
        trainee_id INTEGER NOT NULL REFERENCES trainees(id) ON DELETE CASCADE,
        groep TEXT,
        course TEXT NOT NULL,
        rol TEXT NOT NULL,
        plan TEXT NOT NULL,
        started TEXT NOT NULL,
        ended TEXT,
        status TEXT NOT NULL CHECK (status IN ('bezig', 'afgerond'))
    )""",
    "CREATE INDEX exams_by_trainee ON exams(trainee_id)",
    "ALTER TABLE attempts ADD COLUMN exam_id INTEGER REFERENCES exams(id) ON DELETE CASCADE",
)

# Version 6: results into the LMS (xAPI, cmi5). ``launches``: a cmi5 launch of ``regie
# serve`` by an LMS (its endpoint, the session's auth token, the launching actor, the
# registration, the AU's activity id and the LMS launch data), and the attempt it played;
# ``xapi_outbox``: the statements of a launch, queued the moment they happen and marked when
# the LMS took them; ``xapi_sent``: which statement went to which LRS with ``regie export
# --xapi --lrs`` (a rerun sends nothing twice); ``xapi_voids``: statements to void in an LRS
# because their trainee was forgotten (statement ids only, nothing personal). Plain SQL, for
# SQLite and PostgreSQL alike.
V6: tuple[Step, ...] = (
    """CREATE TABLE launches (
        id INTEGER PRIMARY KEY,
        launch_key TEXT NOT NULL UNIQUE,
        fetch_hash TEXT NOT NULL UNIQUE,
        trainee_id INTEGER NOT NULL REFERENCES trainees(id) ON DELETE CASCADE,
        attempt_id INTEGER REFERENCES attempts(id) ON DELETE SET NULL,
        scenario TEXT NOT NULL,
        endpoint TEXT NOT NULL,
        auth TEXT NOT NULL,
        actor TEXT NOT NULL,
        registration TEXT NOT NULL,
        activity_id TEXT NOT NULL,
        launch_data TEXT NOT NULL,
        created TEXT NOT NULL,
        ended TEXT
    )""",
    "CREATE INDEX launches_by_trainee ON launches(trainee_id)",
    """CREATE TABLE xapi_outbox (
        launch_id INTEGER NOT NULL REFERENCES launches(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        statement_id TEXT NOT NULL,
        body TEXT NOT NULL,
        sent TEXT,
        PRIMARY KEY (launch_id, seq),
        UNIQUE (launch_id, statement_id)
    )""",
    """CREATE TABLE xapi_sent (
        lrs TEXT NOT NULL,
        statement_id TEXT NOT NULL,
        attempt_id INTEGER REFERENCES attempts(id) ON DELETE CASCADE,
        sent TEXT NOT NULL,
        PRIMARY KEY (lrs, statement_id)
    )""",
    """CREATE TABLE xapi_voids (
        lrs TEXT NOT NULL,
        statement_id TEXT NOT NULL,
        requested TEXT NOT NULL,
        sent TEXT,
        PRIMARY KEY (lrs, statement_id)
    )""",
)

# Version 7 (issue 20, extra time): more time on every timer for a trainee who reads or types
# more slowly, set per trainee and per group (a percentage; 0 is none), and the extra time
# each attempt was played with. Plain SQL that PostgreSQL runs as well.
V7_EXTRA_TIME: tuple[Step, ...] = (
    "ALTER TABLE trainees ADD COLUMN extra_tijd INTEGER NOT NULL DEFAULT 0",
    """CREATE TABLE group_settings (
        groep TEXT PRIMARY KEY,
        extra_tijd INTEGER NOT NULL DEFAULT 0
    )""",
    "ALTER TABLE attempts ADD COLUMN extra_tijd INTEGER NOT NULL DEFAULT 0",
)

# Version 8: klassikaal. A class session (the whole group plays one scenario, the trainer
# leads): where it is (its status, the branch and step being played, the visitor's clock,
# a revision the pages poll), every branch taken with its moves (JSON) and, once scored,
# its result; who took part, with each one's shadow result once the session is closed; and
# every vote, at a position (branch, step); the pages following a session (a doorbell port
# each). Plain SQL that PostgreSQL reads too.
V8_CLASS_SESSIONS: tuple[Step, ...] = (
    """CREATE TABLE class_sessions (
        id INTEGER PRIMARY KEY,
        groep TEXT,
        scenario TEXT NOT NULL,
        course TEXT,
        seed INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN
            ('open', 'stemmen', 'pauze', 'onthuld', 'einde', 'gesloten')),
        branch INTEGER NOT NULL,
        step INTEGER NOT NULL,
        clock_from REAL,
        clock_before REAL NOT NULL,
        revision INTEGER NOT NULL,
        started TEXT NOT NULL,
        ended TEXT
    )""",
    "CREATE INDEX class_sessions_by_group ON class_sessions(groep, status)",
    """CREATE TABLE class_branches (
        session_id INTEGER NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        parent INTEGER,
        fork INTEGER NOT NULL,
        moves TEXT NOT NULL,
        result TEXT,
        PRIMARY KEY (session_id, number)
    )""",
    """CREATE TABLE class_members (
        session_id INTEGER NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
        trainee_id INTEGER NOT NULL REFERENCES trainees(id) ON DELETE CASCADE,
        joined TEXT NOT NULL,
        result TEXT,
        PRIMARY KEY (session_id, trainee_id)
    )""",
    "CREATE INDEX class_members_by_trainee ON class_members(trainee_id)",
    """CREATE TABLE class_votes (
        session_id INTEGER NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
        trainee_id INTEGER NOT NULL REFERENCES trainees(id) ON DELETE CASCADE,
        branch INTEGER NOT NULL,
        step INTEGER NOT NULL,
        choice TEXT NOT NULL,
        at REAL NOT NULL,
        PRIMARY KEY (session_id, branch, step, trainee_id)
    )""",
    # the pages that follow a session: a local UDP port each, rung after every change so
    # that a page need not wait for its next look at the store
    """CREATE TABLE class_pages (
        session_id INTEGER NOT NULL REFERENCES class_sessions(id) ON DELETE CASCADE,
        port INTEGER NOT NULL,
        seen REAL NOT NULL,
        PRIMARY KEY (session_id, port)
    )""",
)

MIGRATIONS: dict[int, tuple[Step, ...]] = {
    2: V2,
    3: V3,
    4: V4,
    5: V5,
    6: V6,
    7: V7_EXTRA_TIME,
    8: V8_CLASS_SESSIONS,
}
CURRENT = max(MIGRATIONS)


class BrokenSchema(sqlite3.DatabaseError):
    """The schema's version cannot be read: a damaged store (each engine says it in Dutch)."""


def engine_of(db: Any) -> str:
    """'postgresql' for the PostgreSQL engine's connection, else 'sqlite'."""
    return str(getattr(db, "engine_kind", "sqlite"))


def has_schema(db: sqlite3.Connection) -> bool:
    """Has this SQLite database Regie's tables?"""
    return (
        db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
        is not None
    )


def install(db: Any, target: int = CURRENT) -> None:
    """Create the schema at ``target``; call inside a transaction."""
    for step in V1:
        db.execute(step_sql(step, engine_of(db)))
    migrate(db, 1, target)


def migrate(db: Any, version: int, target: int = CURRENT) -> None:
    """Apply the migrations after ``version``; call inside a transaction."""
    while version < target:
        version += 1
        for step in MIGRATIONS[version]:
            db.execute(step_sql(step, engine_of(db)))
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))


def version_of(db: Any) -> int:
    """The schema version; a missing or unreadable one is a damaged store (``BrokenSchema``,
    which the store turns into its Dutch message)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise BrokenSchema("geen schema_version in de tabel 'meta'")
    try:
        version = int(str(row[0]).strip())
    except ValueError:
        raise BrokenSchema(f"schema_version '{row[0]}' is geen getal") from None
    if version < 1:
        raise BrokenSchema(f"schema_version {version} bestaat niet")
    return version


def _in_transaction(db: sqlite3.Connection, work: Callable[[], None]) -> None:
    db.execute("BEGIN IMMEDIATE")
    try:
        work()
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def create(db: sqlite3.Connection, version: int = CURRENT) -> None:
    """A new SQLite store at ``version`` (the current one; an older one only to make test
    fixtures). On PostgreSQL the engine creates the schema (``engines.postgres``)."""
    _in_transaction(db, lambda: install(db, version))


def upgrade(db: sqlite3.Connection, target: int = CURRENT) -> int:
    _in_transaction(db, lambda: migrate(db, version_of(db), target))
    return version_of(db)
