"""The app and ``regie serve`` read the bundled library through the checked-model cache,
and get what the files say: every scenario read, the same as ``load()``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import simulator.language.library
import simulator.language.library_cache as cache
from simulator.language.library import bundled_dir, load


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the bundled library, and a cache folder of the test's own."""
    lib = tmp_path / "scenarios"
    shutil.copytree(bundled_dir(), lib)
    monkeypatch.setattr(simulator.language.library, "bundled_dir", lambda: lib)
    monkeypatch.setenv("REGIE_CACHE", str(tmp_path / "cache"))
    return lib


def kept(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("*.regiecache"))


def test_the_kept_library_is_the_library(copy: Path, tmp_path: Path) -> None:
    first = cache.load_bundled()
    assert kept(tmp_path)
    second = cache.load_bundled()
    assert second is not first  # read back from the kept copy
    assert (
        second.scenarios["km-spreekkamer-dreiging"]
        is not first.scenarios["km-spreekkamer-dreiging"]
    )
    assert second.scenarios == load().scenarios
    assert second.courses == first.courses and second.problems == first.problems


def test_a_changed_scenario_is_read_again(copy: Path, tmp_path: Path) -> None:
    cache.load_bundled()
    path = copy / "bibliotheek" / "km-spreekkamer-dreiging.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("titel: Dreiging in de spreekkamer", "titel: Anders"), "utf-8")
    again = cache.load_bundled()
    assert again.scenarios["km-spreekkamer-dreiging"].title == "Anders"
    path.write_text(text, "utf-8")  # and back: the first reading was kept
    assert cache.load_bundled().scenarios["km-spreekkamer-dreiging"].title != "Anders"


def test_a_damaged_copy_is_ignored(copy: Path, tmp_path: Path) -> None:
    cache.load_bundled()
    for entry in kept(tmp_path):
        entry.write_bytes(b"\x80\x04 kapot")
    lib = cache.load_bundled()
    assert lib.scenarios == load().scenarios


def test_no_cache_folder_still_starts(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "geen-map"
    blocker.write_text("een bestand, geen map")
    monkeypatch.setenv("REGIE_CACHE", str(blocker / "cache"))
    assert "km-spreekkamer-dreiging" in cache.load_bundled().scenarios
