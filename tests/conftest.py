"""What the whole test session shares: the bundled library, read once; a cache folder of the
test run's own; no frozen heap left by a command run in the test's own process; a real LRS;
and a throwaway PostgreSQL server with a fresh database for each test that asks, and
``backend``: the store on each engine.

Reading and checking the 50-odd YAML files of the bundled library takes about a third of a
second, and the tests ask for it well over a hundred times (at import, to parametrize, and
through every ``regie`` command they run in-process). ``load()`` without paths therefore
reads the bundled folder once per session (once per working directory, as the paths in its
messages depend on it) and hands each caller its own copy: the containers are new, so
a command that adds problems (``regie check``) or a test that adds a scenario changes only
its copy; the scenarios, the catalogue and the profiles are frozen and shared. ``load`` with
paths, ``load`` while a test points ``bundled_dir`` at another folder, and every subprocess
read the files as always; a test that must watch the reading itself passes the folder:
``load([bundled_dir()])`` reads exactly the same files. ``load`` with a checked-model cache
(``cache=``, as every command passes it) reads through that cache, as always.

PostgreSQL: where it is missing, its tests are skipped on a developer's machine, but not in
CI: ``.ci/run`` installs it and sets REGIE_REQUIRE_POSTGRES, and then a missing server is an
error (as is a CI variable set by the CI service).
"""

from __future__ import annotations

import dataclasses
import gc
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from simulator.language import library
from simulator.language.library import Library
from simulator.language.model_cache import ModelCache
from simulator.language.scenario_map import Scenarios
from tests import hypothesis_profiles  # noqa: F401  (the fast loop's profile, registered)
from tests.ralph_lrs import Ralph
from tests.storekit import Backend, throwaway_postgres

_read = library.load
_BUNDLED = library.bundled_dir()
_kept: dict[str, Library] = {}


def _copy(lib: Library) -> Library:
    return dataclasses.replace(
        lib,
        profiles=dict(lib.profiles),
        scenarios=Scenarios(lib.scenarios),
        courses=dict(lib.courses),
        plans=list(lib.plans),
        problems=list(lib.problems),
    )


def load_once(paths: Iterable[Path] | None = None, *, cache: ModelCache | None = None) -> Library:
    """``library.load``, with the bundled library read once per session."""
    if paths is not None or cache is not None or library.bundled_dir() != _BUNDLED:
        return _read(paths, cache=cache)
    kept = _kept.get(os.getcwd())
    if kept is None:
        kept = _kept[os.getcwd()] = _read()
    return _copy(kept)


library.load = load_once  # before any test module imports it


@pytest.fixture(scope="session")
def bundled() -> Library:
    """The bundled library, read once (a copy of its own for this session's tests)."""
    return load_once()


@pytest.fixture(scope="session")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    """ralph-malph with its file-system backend on 127.0.0.1, for every test that asks."""
    lrs = Ralph.start(tmp_path_factory.mktemp("ralph"))
    try:
        yield lrs
    finally:
        lrs.stop()


@pytest.fixture(scope="session", autouse=True)
def cache_folder_of_the_tests(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The checked-model cache of the commands the tests run (in this process and in the
    processes they start) is a folder of this test run, never the user's own. A test that
    patches Regie's code (monkeypatch) and then runs a command in this process must set
    ``REGIE_GEEN_CACHE``: the cache knows Regie by its source files, not by a patch."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REGIE_CACHE", str(tmp_path_factory.mktemp("regie-cache")))
        mp.delenv("REGIE_GEEN_CACHE", raising=False)
        yield


@pytest.fixture(autouse=True)
def no_frozen_heap_after_a_test() -> Iterator[None]:
    """A command freezes what it loaded (``gc.freeze``) because its process ends with it;
    the test process goes on, so the next test starts with the collector seeing all."""
    yield
    gc.unfreeze()


@pytest.hookimpl(tryfirst=True)  # before ``-m`` chooses
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that starts a real server of another program (PostgreSQL, the LRS) is an
    ``integration`` test: ``.ci/run`` runs them all; the fast loop leaves them out."""
    for item in items:
        if {"pg_server", "ralph"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """One throwaway PostgreSQL for the session, without fsync (the tests check processes
    that die, not power cuts)."""
    with throwaway_postgres(durable=False) as server:
        yield server


@pytest.fixture
def pg_url(pg_server: object) -> Iterator[str]:
    """An empty database on the throwaway server (emptied afterwards for the next test)."""
    from benchmarks.pgserver import PgServer

    assert isinstance(pg_server, PgServer)
    url = pg_server.create_database()
    yield url
    pg_server.give_back(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    """The store's place on one engine: a data folder, and for PostgreSQL a fresh database."""
    if request.param == "postgresql":
        return Backend("postgresql", tmp_path, request.getfixturevalue("pg_url"))
    return Backend("sqlite", tmp_path)
