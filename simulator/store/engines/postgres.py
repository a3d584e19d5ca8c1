"""The shared engine: one PostgreSQL database for several ``regie serve`` hosts.

``REGIE_DATABASE=postgresql://gebruiker@server/regie`` (or ``--database``) puts the store
there. psycopg 3 speaks to the server, through a small pool of connections per process
(``psycopg_pool``); a connection that the server dropped (a restart) is replaced.

The same guarantees as the SQLite file, the same way:

- A write is one transaction, committed (the server's ``synchronous_commit``: on disk)
  before the store returns; a move is saved before it is shown, and a host killed with
  ``kill -9`` loses nothing that was saved.
- Writers take turns, as with SQLite's ``BEGIN IMMEDIATE``: every write transaction first
  takes one transaction-level advisory lock (``pg_advisory_xact_lock``), on whichever host
  it runs. Checking the brake on guessing and noting the try are therefore one step for
  all hosts together, and reads (most of the work) never wait.
- The schema and its migrations are the same lists of SQL as for SQLite
  (``simulator.store.schema``, rewritten by ``simulator.store.dialect``), run in one
  transaction under the same lock: two hosts starting at once create it once, and a
  failed upgrade leaves the old version whole.
- A database that holds other tables but not Regie's, a damaged version, or a version
  newer than this Regie is refused with a Dutch message, and nothing is written to it.

Names are compared without regard to case through an ICU collation (``regie_nocase``),
which PostgreSQL builds with ICU have (Debian, Ubuntu, Red Hat, the Windows installer).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, NoReturn

from simulator.store import schema
from simulator.store.dialect import POSTGRES_NOCASE, postgres
from simulator.store.engines import Engine
from simulator.store.errors import NoStore, StoreError

if TYPE_CHECKING:
    import psycopg
    from psycopg_pool import ConnectionPool

SCHEMES = ("postgresql://", "postgres://")
LOCK = 0x5245474945  # 'REGIE': the advisory lock every write transaction takes
POOL_SIZE = 2  # connections per process, at most (one browser per process; see docs/beheer.md)
CONNECT_TIMEOUT = 10  # seconds to reach the server
DEFAULT_PATIENCE = 15.0  # seconds a write waits for its turn (as SQLite's busy timeout)
AWAY = 2.5  # seconds the store answers at once that an unreachable server is still away
MINIMUM_SERVER = 120000  # PostgreSQL 12: ICU collations that ignore case
TABLES = ("meta", "trainees", "attempts", "moves", "events", "presence", "refusals", "exams")
INSTALL_EXTRA = "pip install 'regie[postgres]'"


def is_url(text: str) -> bool:
    return text.strip().lower().startswith(SCHEMES)


def redact(url: str) -> str:
    """The address without its password, for messages and the screen."""
    from urllib.parse import urlsplit, urlunsplit

    try:
        parts = urlsplit(url.strip())
        if parts.password is None:
            return url.strip()
        user = parts.username or ""
        host = parts.hostname or ""
        if ":" in host:
            host = f"[{host}]"
        port = f":{parts.port}" if parts.port else ""
        return urlunsplit((parts.scheme, f"{user}@{host}{port}", parts.path, "", ""))
    except ValueError:
        return url.split("@")[-1] if "@" in url else url


def _modules() -> tuple[Any, Any]:
    try:
        import psycopg
        import psycopg_pool
    except ImportError:
        _missing()
    # the pool reports each failed reconnection as a warning on stderr, which an app
    # process shares with its browser's screen; Regie says it once, in Dutch (StoreError)
    quiet = logging.getLogger("psycopg.pool")
    if not quiet.handlers:
        quiet.addHandler(logging.NullHandler())
        quiet.propagate = False
    return psycopg, psycopg_pool


def _missing() -> NoReturn:
    raise StoreError(
        "Voor een PostgreSQL-database heeft Regie psycopg nodig, en dat is hier niet "
        f"geïnstalleerd. Installeer het met: {INSTALL_EXTRA}"
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0].strip() if text else type(exc).__name__


def translate(exc: BaseException, where: str) -> StoreError:
    """A psycopg error as a ``StoreError`` in Dutch, with what to do about it."""
    import psycopg
    from psycopg import errors

    detail = _first_line(exc)
    sqlstate = getattr(exc, "sqlstate", None) or ""
    if isinstance(exc, errors.InsufficientPrivilege | errors.ReadOnlySqlTransaction):
        return StoreError(
            f"Regie kan niet opslaan in de database {where}: die is alleen-lezen, of deze "
            f"gebruiker mag er niet schrijven ({detail}). Wat al opgeslagen was, is bewaard. "
            "Vraag de beheerder om schrijfrechten, of kies een andere database met REGIE_DATABASE."
        )
    if sqlstate.startswith("53"):  # insufficient resources: disk full, out of memory
        return StoreError(
            f"Regie kan niet opslaan in de database {where}: de server heeft geen ruimte meer "
            f"({detail}). Wat al opgeslagen was, is bewaard. Vraag de beheerder ruimte te maken."
        )
    if (
        isinstance(
            exc,
            errors.LockNotAvailable
            | errors.QueryCanceled
            | errors.DeadlockDetected
            | errors.SerializationFailure,
        )
        or type(exc).__name__ == "PoolTimeout"
    ):
        return StoreError(
            f"De database {where} is bezet door andere schrijvers; probeer het zo nog eens."
        )
    if isinstance(exc, psycopg.OperationalError | psycopg.InterfaceError) or sqlstate.startswith(
        ("08", "57")
    ):
        return StoreError(
            f"Regie kan de database {where} nu niet bereiken ({detail}). Wat al opgeslagen "
            "was, is bewaard; probeer het zo nog eens. Blijft het zo, vraag dan de beheerder "
            "of PostgreSQL draait en of REGIE_DATABASE klopt."
        )
    return StoreError(
        f"De database {where} is beschadigd of is geen opslag van Regie ({detail}). De "
        f"database is niet aangeraakt. {PostgresEngine.fresh_advice}"
    )


def _connect_problem(exc: BaseException, where: str) -> StoreError:
    """Why the first connection failed, in words a beheerder acts on."""
    detail = _first_line(exc)
    low = str(exc).lower()
    if "password" in low or "authentication" in low:
        return StoreError(
            f"De database {where} weigert de aanmelding ({detail}). Controleer de gebruiker en "
            "het wachtwoord (in REGIE_DATABASE, of beter in ~/.pgpass of PGPASSWORD)."
        )
    if "does not exist" in low and "database" in low:
        return StoreError(
            f"De database {where} bestaat niet ({detail}). Laat de beheerder haar maken, "
            "bijvoorbeeld met: createdb --owner=regie regie"
        )
    if "invalid" in low and ("dsn" in low or "uri" in low or "connection" in low):
        return StoreError(
            f"Het adres van de database klopt niet ({detail}). Het heeft de vorm "
            "postgresql://gebruiker@server:5432/database"
        )
    return StoreError(
        f"Regie kan de database {where} niet bereiken ({detail}). Controleer REGIE_DATABASE "
        "(of --database) en of PostgreSQL draait."
    )


@dataclass(slots=True)
class Result:
    """The rows of one statement, fetched at once (its connection goes back to the pool)."""

    rows: list[Any]
    rowcount: int

    def fetchone(self) -> Any:
        return self.rows[0] if self.rows else None

    def fetchall(self) -> list[Any]:
        return list(self.rows)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)


class PostgresDatabase:
    """``store.db`` on PostgreSQL: SQL as written for both engines, run on this thread's
    write transaction if it has one, else on a connection from the pool (a read is tried
    once more on a new connection when the server dropped the old one)."""

    engine_kind = "postgresql"

    def __init__(self, engine: PostgresEngine) -> None:
        self.engine = engine
        self.local = threading.local()

    @property
    def transaction(self) -> psycopg.Connection[Any] | None:
        conn: psycopg.Connection[Any] | None = getattr(self.local, "conn", None)
        return conn

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Result:
        return self._run(sql, [tuple(parameters)], many=False)

    def executemany(self, sql: str, rows: Any, /) -> Result:
        return self._run(sql, [tuple(r) for r in rows], many=True)

    def _run(self, sql: str, rows: list[tuple[Any, ...]], *, many: bool) -> Result:
        import psycopg

        query = postgres(sql)
        conn = self.transaction
        if conn is not None:  # inside a write: its errors end the write (``write``)
            return _on(conn, query, rows, many)
        pool, pool_timeout = self.engine.pool, _pool_timeout()
        self.engine.check_away()
        for tries_left in (1, 0):
            try:
                conn = pool.getconn(timeout=self.engine.patience)
            except pool_timeout as exc:
                raise self.engine.no_connection(exc) from None
            try:
                return _on(conn, query, rows, many)
            except psycopg.Error as exc:
                if tries_left and conn.closed:  # dropped by the server: once more, anew
                    continue
                raise translate(exc, self.engine.where) from None
            finally:
                self.engine._give_back(conn)
        raise AssertionError("unreachable")  # pragma: no cover


def _pool_timeout() -> type[Exception]:
    from psycopg_pool import PoolTimeout

    return PoolTimeout


def _on(
    conn: psycopg.Connection[Any], query: str, rows: list[tuple[Any, ...]], many: bool
) -> Result:
    with conn.cursor() as cur:
        if many:
            if not rows:
                return Result([], 0)
            cur.executemany(query, rows)
            return Result([], cur.rowcount)
        cur.execute(query, rows[0])
        fetched = cur.fetchall() if cur.description is not None else []
        return Result(fetched, cur.rowcount)


class PostgresEngine(Engine):
    db: PostgresDatabase
    kind: ClassVar[str] = "postgresql"
    noun: ClassVar[str] = "De database"
    fresh_advice: ClassVar[str] = (
        "Laat de beheerder een reservekopie terugzetten (pg_restore), of kies een andere "
        "database met REGIE_DATABASE."
    )
    repair_advice: ClassVar[str] = (
        "Laat de beheerder die poging herstellen of wissen (met psql), of een reservekopie "
        "terugzetten (pg_restore)."
    )

    def __init__(self, url: str, *, create: bool = True, pool_size: int = POOL_SIZE) -> None:
        _, psycopg_pool = _modules()
        self.url = url.strip()
        self.where = redact(self.url)
        self.patience = DEFAULT_PATIENCE
        self.away: tuple[float, StoreError] | None = None  # unreachable until, and why
        self.db = PostgresDatabase(self)
        self._prepare(create)
        self.pool: ConnectionPool[Any] = psycopg_pool.ConnectionPool(
            self.url,
            min_size=1,
            max_size=pool_size,
            kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT},
            open=False,
            name="regie",
            num_workers=1,  # one thread to replace a lost connection: a process per browser
        )
        try:
            self.pool.open(wait=True, timeout=CONNECT_TIMEOUT)
        except Exception as exc:
            with suppress(Exception):
                self.pool.close()
            raise _connect_problem(exc, self.where) from None

    # --- opening --------------------------------------------------------------------
    def _connect(self) -> psycopg.Connection[Any]:
        import psycopg

        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT)
        except (psycopg.Error, ValueError) as exc:
            raise _connect_problem(exc, self.where) from None

    def _prepare(self, create: bool) -> None:
        """Check the database, and create or upgrade the schema (once, under the lock).
        Nothing is written to a database that is not Regie's, damaged, or newer."""
        import psycopg

        conn = self._connect()
        try:
            if conn.info.server_version < MINIMUM_SERVER:
                raise StoreError(
                    f"De database {self.where} draait op PostgreSQL "
                    f"{conn.info.server_version // 10000}; Regie heeft versie 12 of nieuwer nodig."
                )
            work = self._needs_work(conn)
            if work is None:
                return
            if not create and work == "nieuw":
                raise NoStore(
                    f"de database {self.where} bevat geen opslag van Regie; daar is niets "
                    "gespeeld (niets aangemaakt). Kies de goede database met REGIE_DATABASE "
                    "of --database."
                )
            conn.execute(f"BEGIN; SELECT pg_advisory_xact_lock({LOCK})")
            try:
                work = self._needs_work(conn)  # another host may have done it meanwhile
                db = _Bound(conn)
                if work == "nieuw":
                    conn.execute(POSTGRES_NOCASE)
                    schema.install(db)
                elif work == "bijwerken":
                    schema.migrate(db, schema.version_of(db))
                if work is not None:
                    _sync_identities(conn)
                conn.execute("COMMIT")
            except BaseException:
                with suppress(psycopg.Error):
                    conn.execute("ROLLBACK")
                raise
        except schema.BrokenSchema as exc:
            raise StoreError(
                f"De database {self.where} is beschadigd of is geen opslag van Regie ({exc}). "
                f"De database is niet aangeraakt. {self.fresh_advice}"
            ) from None
        except psycopg.errors.FeatureNotSupported as exc:
            raise StoreError(
                f"De database {self.where} kan geen namen vergelijken zonder op hoofdletters te "
                f"letten ({_first_line(exc)}): Regie heeft een PostgreSQL met ICU nodig (zoals "
                "die van Debian, Ubuntu, Red Hat en de installer voor Windows). Er is niets "
                "aangemaakt."
            ) from None
        except psycopg.Error as exc:
            raise translate(exc, self.where) from None
        finally:
            conn.close()

    def _needs_work(self, conn: psycopg.Connection[Any]) -> str | None:
        """'nieuw' (an empty database), 'bijwerken' (an older schema) or None (current).
        Raises for a database that is not Regie's, or is newer."""
        present = {
            str(r[0])
            for r in conn.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            )
        }
        if "meta" not in present:
            if present:
                shown = ", ".join(sorted(present)[:5]) + (", …" if len(present) > 5 else "")
                raise StoreError(
                    f"De database {self.where} is geen opslag van Regie: er staan al andere "
                    f"tabellen in ({shown}). De database is niet aangeraakt. Geef Regie een "
                    "eigen database (createdb regie) of een eigen schema."
                )
            return "nieuw"
        version = schema.version_of(_Bound(conn))
        if version > schema.CURRENT:
            raise StoreError(
                f"De database {self.where} komt van een nieuwere versie van Regie (schema "
                f"{version}); werk Regie bij op deze computer. De database is niet aangeraakt."
            )
        return "bijwerken" if version < schema.CURRENT else None

    # --- writing --------------------------------------------------------------------
    @contextmanager
    def write(self, *, durable: bool = False) -> Iterator[PostgresDatabase]:
        """``durable`` changes nothing here: every commit waits for the server's log on
        disk (PostgreSQL's ``synchronous_commit``, on unless the database's owner turns it
        off; see docs/beheer.md)."""
        import psycopg

        if self.db.transaction is not None:
            raise StoreError("Regie schreef twee dingen tegelijk; dat is een fout in Regie.")
        PoolTimeout = _pool_timeout()
        conn: psycopg.Connection[Any] | None = None
        self.check_away()
        for tries_left in (1, 0):
            try:
                conn = self.pool.getconn(timeout=self.patience)
            except PoolTimeout as exc:
                raise self.no_connection(exc) from None
            try:
                # one round trip: the transaction, how long to wait for the turn, the turn
                conn.execute(
                    f"BEGIN; SET LOCAL lock_timeout = {int(self.patience * 1000)}; "
                    f"SELECT pg_advisory_xact_lock({LOCK})"
                )
                break
            except psycopg.Error as exc:
                dropped = conn.closed
                self._give_back(conn)
                conn = None
                if tries_left and dropped:  # the server dropped it: once more, anew
                    continue
                raise translate(exc, self.where) from None
        assert conn is not None
        self.db.local.conn = conn
        try:
            yield self.db
            conn.execute("COMMIT")
        except psycopg.Error as exc:
            self._rollback(conn)
            raise translate(exc, self.where) from None
        except BaseException:
            self._rollback(conn)
            raise
        finally:
            self.db.local.conn = None
            self._give_back(conn)

    def no_connection(self, exc: BaseException) -> StoreError:
        """No connection came free in time: the others are busy, or the server cannot be
        reached (one quick try of its own tells which). While it cannot be reached, the
        store says so at once for a few seconds instead of waiting each time (a screen
        must not freeze on every key while the database is away)."""
        import psycopg

        try:
            psycopg.connect(self.url, connect_timeout=1).close()
        except (psycopg.Error, ValueError) as why:
            problem = translate(psycopg.OperationalError(_first_line(why)), self.where)
            self.away = (time.monotonic() + AWAY, problem)
            return problem
        return translate(exc, self.where)

    def check_away(self) -> None:
        """Raise at once while the server was just found unreachable."""
        if self.away is not None:
            until, problem = self.away
            if time.monotonic() < until:
                raise problem
            self.away = None

    def _rollback(self, conn: psycopg.Connection[Any]) -> None:
        import psycopg

        if not conn.closed:
            with suppress(psycopg.Error):
                conn.execute("ROLLBACK")

    def _give_back(self, conn: psycopg.Connection[Any]) -> None:
        with suppress(Exception):
            self.pool.putconn(conn)

    def write_one(self, sql: str, parameters: Sequence[Any]) -> int:
        """On its own connection, in autocommit: one statement is one transaction, atomic,
        and does not queue behind the lock that check-then-write transactions take."""
        if self.db.transaction is not None:  # it would wait for this thread's own write
            raise StoreError("Regie schreef twee dingen tegelijk; dat is een fout in Regie.")
        return self.db.execute(sql, parameters).rowcount

    def insert(self, db: Any, sql: str, parameters: Sequence[Any]) -> int:
        return int(db.execute(sql + " RETURNING id", parameters).fetchone()[0])

    def set_patience(self, seconds: float) -> None:
        self.patience = max(0.1, seconds)

    # --- erasure --------------------------------------------------------------------
    def after_forget(self, name: str) -> None:
        """The rows are deleted; VACUUM lets PostgreSQL reuse their space now. Their bytes
        may stay in the server's write-ahead log and in backups until those are recycled
        (docs/beheer.md: retention)."""
        import psycopg

        with suppress(psycopg.Error):
            present = [t for t in TABLES if t in self.tables()]
            with self.pool.connection(timeout=self.patience) as conn:
                conn.execute(f"VACUUM {', '.join(present)}")

    # --- what is in it --------------------------------------------------------------
    def tables(self) -> list[str]:
        rows = self.db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
        return [str(r[0]) for r in rows]

    def columns(self, table: str) -> list[str]:
        rows = self.db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = ? ORDER BY ordinal_position",
            (table,),
        )
        return [str(r[0]) for r in rows]

    def sync_identities(self) -> None:
        """After rows were written with their own ids: new rows get higher ones."""
        with self.write():
            conn = self.db.transaction
            assert conn is not None
            _sync_identities(conn)

    def close(self) -> None:
        with suppress(Exception):
            self.pool.close()


class _Bound:
    """One connection as a ``Database`` (for the schema, before there is a pool)."""

    engine_kind = "postgresql"

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Result:
        return _on(self.conn, postgres(sql), [tuple(parameters)], False)

    def executemany(self, sql: str, rows: Any, /) -> Result:
        return _on(self.conn, postgres(sql), [tuple(r) for r in rows], True)


def _sync_identities(conn: psycopg.Connection[Any]) -> None:
    """Every identity column's next number above the highest one in its table."""
    found = conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND is_identity = 'YES'"
    ).fetchall()
    for table, column in found:
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
            f"COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
        )
