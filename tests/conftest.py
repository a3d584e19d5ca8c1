"""What every test shares: a cache folder of the test run's own, and no frozen heap left by
a command run in the test's own process."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


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
