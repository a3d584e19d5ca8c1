"""A throwaway PostgreSQL for the tests and the benchmarks: a new cluster (``initdb``) in a
temporary folder, started with ``pg_ctl`` on 127.0.0.1 at a free port with a random
password, and stopped and removed afterwards.

    python -m benchmarks.pgserver        # start one, print its address, stop with Enter

The server is the machine's own PostgreSQL (12 or newer, with ICU). Its programs are found
in ``REGIE_PG_BIN``, on the PATH, through ``pg_config --bindir``, or in the usual folders:
``/usr/lib/postgresql/<versie>/bin`` (Debian, Ubuntu), Homebrew's and Postgres.app's on
macOS, ``C:\\Program Files\\PostgreSQL\\<versie>\\bin`` on Windows. ``.ci/run`` installs
Debian's ``postgresql`` where there is none.

PostgreSQL refuses to run as root. Run as root (as CI does), the cluster belongs to an
unprivileged user and its programs run as that user: ``REGIE_PG_USER`` if set, else
``nobody``, which every Unix has. Python starts them with that user id itself
(``subprocess``'s ``user=``), so neither ``su``, ``runuser`` nor ``sudo`` is needed and no
user is created. The folder is made in the system's temporary folder (which that user
can reach) and handed to that user; nothing else on the machine changes.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

PROGRAMS = ("initdb", "pg_ctl", "postgres")
SUPERUSER = "regie"


class NoPostgres(RuntimeError):
    """PostgreSQL's programs are not on this machine (or cannot be run here)."""


def _version_key(folder: str) -> tuple[int, ...]:
    digits = [p for p in Path(folder).parts if p.replace(".", "").isdigit()]
    return tuple(int(x) for x in digits[-1].split(".")) if digits else (0,)


def find_bin() -> Path:
    """The folder with initdb, pg_ctl and postgres (the newest, where there are several)."""
    explicit = os.environ.get("REGIE_PG_BIN")
    candidates: list[str] = [explicit] if explicit else []
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).resolve().parent))
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            done = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10
            )
            if done.returncode == 0 and done.stdout.strip():
                candidates.append(done.stdout.strip())
    patterns = [
        "/usr/lib/postgresql/*/bin",  # Debian, Ubuntu
        "/usr/pgsql-*/bin",  # Red Hat (PGDG)
        "/opt/homebrew/opt/postgresql@*/bin",  # Homebrew, Apple silicon
        "/usr/local/opt/postgresql@*/bin",  # Homebrew, Intel
        "/Applications/Postgres.app/Contents/Versions/*/bin",
        r"C:\Program Files\PostgreSQL\*\bin",
    ]
    for pattern in patterns:
        candidates += sorted(glob.glob(pattern), key=_version_key, reverse=True)
    suffix = ".exe" if os.name == "nt" else ""
    for folder in candidates:
        if all((Path(folder) / f"{p}{suffix}").is_file() for p in PROGRAMS):
            return Path(folder)
    raise NoPostgres(
        "PostgreSQL is niet gevonden (initdb, pg_ctl en postgres). Installeer het (Debian: "
        "apt-get install postgresql; .ci/run doet dat) of zet REGIE_PG_BIN op de map met die "
        "programma's."
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _unprivileged() -> tuple[int, int] | None:
    """(uid, gid) to run the server as, when this process is root; None otherwise."""
    if os.name == "nt" or os.geteuid() != 0:
        return None
    import pwd

    name = os.environ.get("REGIE_PG_USER", "nobody")
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        raise NoPostgres(
            f"De tests draaien als root, en PostgreSQL weigert dat; de gebruiker '{name}' om "
            "het als te draaien bestaat niet. Zet REGIE_PG_USER op een gewone gebruiker."
        ) from None
    return entry.pw_uid, entry.pw_gid


class PgServer:
    """One throwaway cluster. ``start()``, then ``url(database)``, ``create_database()``;
    ``stop()`` ends the server and removes its folder."""

    def __init__(self, *, durable: bool = True) -> None:
        self.durable = durable
        self.bin = find_bin()
        self.owner = _unprivileged()
        self.password = secrets.token_hex(16)
        self.port = 0
        self.folder: Path | None = None
        self.databases = 0
        self.spare: list[str] = []  # emptied databases, ready to be handed out again

    @property
    def data(self) -> Path:
        assert self.folder is not None
        return self.folder / "cluster"

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        suffix = ".exe" if os.name == "nt" else ""
        command = [str(self.bin / f"{args[0]}{suffix}"), *args[1:]]
        owner: dict[str, object] = {}
        if self.owner is not None:
            owner = {"user": self.owner[0], "group": self.owner[1], "extra_groups": []}
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = env["LANG"] = "C"
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=self.folder,
            env=env,
            check=False,
            **owner,  # type: ignore[arg-type]
        )
        if done.returncode != 0:
            log = self.folder / "server.log" if self.folder else None
            tail = log.read_text(errors="replace")[-1500:] if log and log.exists() else ""
            raise NoPostgres(
                f"{args[0]} faalde ({done.returncode}): {done.stderr.strip()[-1500:]}\n{tail}"
            )
        return done

    def start(self) -> PgServer:
        self.folder = Path(tempfile.mkdtemp(prefix="regie-pg-"))
        secret = self.folder / "wachtwoord"
        secret.write_text(self.password)
        if self.owner is not None:
            for path in (self.folder, secret):
                os.chown(path, *self.owner)
        try:
            self._run(
                "initdb",
                "-D",
                str(self.data),
                "-U",
                SUPERUSER,
                f"--pwfile={secret}",
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",  # the cluster is thrown away; the server itself syncs (fsync on)
            )
            secret.unlink()
            for tries_left in (2, 1, 0):
                self.port = _free_port()
                options = self.options()
                try:
                    self._run(
                        "pg_ctl",
                        "-D",
                        str(self.data),
                        "-l",
                        str(self.folder / "server.log"),
                        "-o",
                        options,
                        "-w",
                        "-t",
                        "60",
                        "start",
                    )
                    break
                except NoPostgres:
                    if not tries_left:  # the port was taken meanwhile: another one
                        raise
        except BaseException:
            self._remove()
            raise
        return self

    def restart(self) -> None:
        """Stop the server and start it again (same port, same data)."""
        assert self.folder is not None
        log = str(self.folder / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-m", "fast", "-w", "restart")

    def options(self) -> str:
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            "-c unix_socket_directories='' -c max_connections=300 -c shared_buffers=32MB"
        )
        if not self.durable:
            # For the tests: what they check is a process that dies (kill -9, a restart), which
            # loses nothing the kernel already holds; only a power cut needs the disk synced.
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        return options

    def down(self) -> None:
        """Stop the server, keeping its data (``up`` starts it again)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def up(self) -> None:
        assert self.folder is not None
        log = str(self.folder / "server.log")
        self._run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-l",
            log,
            "-o",
            self.options(),
            "-w",
            "-t",
            "60",
            "start",
        )

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "regie") -> str:
        """A new, empty database; its address."""
        import psycopg

        if self.spare:
            return self.spare.pop()
        self.databases += 1
        name = f"{prefix}_{self.databases}_{secrets.token_hex(3)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[-1]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def give_back(self, url: str) -> None:
        """Empty a database from ``create_database`` for the next one who asks: its schemas
        dropped and ``public`` made again as PostgreSQL makes it. That takes milliseconds where
        a new database takes a quarter of a second; what cannot be emptied is dropped."""
        import psycopg

        name = url.rsplit("/", 1)[-1]
        try:
            with psycopg.connect(self.url(), autocommit=True) as conn:
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    (name,),
                )
            with psycopg.connect(self.url(name), autocommit=True) as conn:
                schemas = [
                    row[0]
                    for row in conn.execute(
                        "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' "
                        "AND nspname <> 'information_schema'"
                    )
                ]
                for schema in schemas:
                    conn.execute(f'DROP SCHEMA "{schema}" CASCADE')
                conn.execute(
                    "CREATE SCHEMA public AUTHORIZATION pg_database_owner;"
                    "GRANT USAGE ON SCHEMA public TO PUBLIC;"
                    "COMMENT ON SCHEMA public IS 'standard public schema'"
                )
        except psycopg.Error:
            self.drop_database(url)
            return
        self.spare.append(url)

    def stop(self) -> None:
        if self.folder is None:
            return
        with contextlib.suppress(NoPostgres, subprocess.SubprocessError):
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "30", "stop")
        self._remove()

    def _remove(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def __enter__(self) -> PgServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main() -> int:
    try:
        server = PgServer().start()
    except NoPostgres as exc:
        print(f"pgserver: {exc}", file=sys.stderr)
        return 1
    try:
        url = server.create_database()
        print(f"PostgreSQL draait. Probeer Regie ermee:\n\n  REGIE_DATABASE='{url}' regie serve\n")
        print("Stoppen (en alles weggooien): Enter of Ctrl+C.", flush=True)
        with contextlib.suppress(KeyboardInterrupt, EOFError):
            input()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
