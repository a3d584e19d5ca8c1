"""The app keeps the checked library and reads it back, but only while it is true to the files."""

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
    return sorted((tmp_path / "cache").glob("bibliotheek-*.pickle"))


def test_the_kept_library_is_the_library(copy: Path, tmp_path: Path) -> None:
    first = cache.load_bundled()
    assert len(kept(tmp_path)) == 1
    second = cache.load_bundled()
    assert second is not first  # read back from the kept copy
    assert second.scenarios == load().scenarios
    assert second.courses == first.courses and second.problems == first.problems


def test_a_changed_scenario_is_read_again(copy: Path, tmp_path: Path) -> None:
    cache.load_bundled()
    path = copy / "bibliotheek" / "km-spreekkamer-dreiging.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("titel: Dreiging in de spreekkamer", "titel: Anders"), "utf-8")
    again = cache.load_bundled()
    assert again.scenarios["km-spreekkamer-dreiging"].title == "Anders"
    assert len(kept(tmp_path)) == 1  # the old copy is gone


def test_a_damaged_copy_is_ignored(copy: Path, tmp_path: Path) -> None:
    cache.load_bundled()
    (only,) = kept(tmp_path)
    only.write_bytes(b"\x80\x04 kapot")
    lib = cache.load_bundled()
    assert "km-spreekkamer-dreiging" in lib.scenarios


def test_no_cache_folder_still_starts(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "geen-map"
    blocker.write_text("een bestand, geen map")
    monkeypatch.setenv("REGIE_CACHE", str(blocker / "cache"))
    assert "km-spreekkamer-dreiging" in cache.load_bundled().scenarios
