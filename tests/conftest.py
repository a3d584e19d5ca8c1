"""Fixtures that several test modules share: a throwaway PostgreSQL server for the whole
run, a fresh database in it for each test, and ``backend``: the store on each engine.

Where PostgreSQL is missing, its tests are skipped on a developer's machine, but not in
CI: ``.ci/run`` installs it and sets REGIE_REQUIRE_POSTGRES, and then a missing server is
an error (as is a CI variable set by the CI service)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.storekit import Backend


def _required() -> bool:
    return bool(os.environ.get("REGIE_REQUIRE_POSTGRES") or os.environ.get("CI"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401

        from benchmarks.pgserver import NoPostgres, PgServer
    except ImportError as exc:
        if _required():
            raise
        pytest.skip(f"psycopg ontbreekt ({exc}); pip install -e '.[test]'")
    try:
        server = PgServer().start()
    except NoPostgres as exc:
        if _required():
            raise
        pytest.skip(str(exc))
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: object) -> Iterator[str]:
    """A new, empty database on the throwaway server (dropped afterwards)."""
    from benchmarks.pgserver import PgServer

    assert isinstance(pg_server, PgServer)
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    """The store's place on one engine: a data folder, and for PostgreSQL a fresh database."""
    if request.param == "postgresql":
        return Backend("postgresql", tmp_path, request.getfixturevalue("pg_url"))
    return Backend("sqlite", tmp_path)
