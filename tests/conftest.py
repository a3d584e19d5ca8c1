"""Fixtures shared by test files: the real LRS (ralph), started once for the whole run."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ralph_lrs import Ralph


@pytest.fixture(scope="session")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    """ralph-malph with its file-system backend on 127.0.0.1, for every test that asks."""
    lrs = Ralph.start(tmp_path_factory.mktemp("ralph"))
    try:
        yield lrs
    finally:
        lrs.stop()
