"""Fuzzing the loader with mutated copies of the bundled scenarios (issue 9).

Hypothesis renames and deletes keys, swaps values for other types, shifts indentation,
truncates, splices in random bytes and duplicates lines. Every input either loads or gives
problems in clean Dutch, each on one line with a ``line:col`` place; never a traceback.
The normal run is small and derandomized (reproducible in CI); the slow set
(``pytest -m slow``) tries more inputs and holds each to 1 second and 200 MB.
"""

from __future__ import annotations

import re
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.language.library import bundled_dir, load
from tests.language.test_hostile_input import ENGLISH

SOURCES = sorted((bundled_dir() / "bibliotheek").glob("*.yaml"))
TEXTS = {p.name: p.read_bytes() for p in SOURCES}
KEY = re.compile(rb"^(\s*-?\s*)([A-Za-z_][\w-]*)(:)", re.MULTILINE)
VALUE = re.compile(rb"^(\s*-?\s*[A-Za-z_][\w-]*: )(.+)$", re.MULTILINE)
OTHER_VALUES = [
    b"[]",
    b"{}",
    b"ja",
    b"nee",
    b"12",
    b"-3",
    b"0,5",
    b"1e400",
    b"~",
    b"'tekst'",
    b"[a, b, [c]]",
    b"{x: 1}",
    b"*onbekend",
    b"&anker waarde",
    b"!!python/object:os.system echo",
    b'"\\u0000"',
    b"- los",
    b"|",
    b">-",
    b"'niet gesloten",
    "é€😀".encode(),
]


def _lines(text: bytes) -> list[bytes]:
    return text.split(b"\n")


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """One bundled scenario with one to three mutations."""
    text = TEXTS[draw(st.sampled_from(sorted(TEXTS)))]
    for _ in range(draw(st.integers(1, 3))):
        how = draw(
            st.sampled_from(
                ["hernoem", "verwijder", "type", "inspringing", "afkappen", "bytes", "verdubbel"]
            )
        )
        lines = _lines(text)
        if how == "hernoem":
            keys = list(KEY.finditer(text))
            if not keys:  # cut off before the first key: nothing to rename
                continue
            m = keys[draw(st.integers(0, len(keys) - 1))]
            new = draw(st.sampled_from([b"", b"x", b"fasen", b"keuzes", b"naar", b"id", b"tijd"]))
            text = text[: m.start(2)] + new + text[m.end(2) :]
        elif how == "verwijder":
            i = draw(st.integers(0, len(lines) - 1))
            n = draw(st.integers(1, 5))
            text = b"\n".join(lines[:i] + lines[i + n :])
        elif how == "type":
            values = list(VALUE.finditer(text))
            if not values:
                continue
            m = values[draw(st.integers(0, len(values) - 1))]
            text = text[: m.start(2)] + draw(st.sampled_from(OTHER_VALUES)) + text[m.end(2) :]
        elif how == "inspringing":
            i = draw(st.integers(0, len(lines) - 1))
            shift = draw(st.integers(-4, 4))
            line = lines[i]
            lines[i] = b" " * shift + line if shift > 0 else line[min(-shift, len(line)) :]
            if draw(st.booleans()):
                lines[i] = b"\t" + lines[i]
            text = b"\n".join(lines)
        elif how == "afkappen":
            text = text[: draw(st.integers(0, len(text)))]
        elif how == "bytes":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(st.binary(min_size=1, max_size=8)) + text[at:]
        else:
            i = draw(st.integers(0, len(lines) - 1))
            n = draw(st.integers(1, 6))
            text = b"\n".join(lines[: i + n] + lines[i : i + n] + lines[i + n :])
    return text


def check_clean(path: Path) -> None:
    """The file loads, or every problem about it is clean Dutch with a place."""
    lib = load([path])  # a traceback here fails the test
    for problem in lib.problems:
        if Path(problem.file).resolve() != path.resolve():
            continue
        shown = str(problem)
        assert problem.mark is not None, f"geen plaats: {shown}"
        assert problem.mark.line >= 1 and problem.mark.col >= 1, shown
        assert "\n" not in problem.message, shown
        assert not ENGLISH.search(problem.message), f"Engels: {shown}"
        assert "Traceback" not in problem.message and "Error" not in problem.message, shown
        assert re.match(r"^.+:\d+:\d+: ", shown), shown


def _fuzz(folder: Path, data: bytes, limit: Callable[[float, int], None] | None = None) -> None:
    path = folder / "gemuteerd.yaml"
    path.write_bytes(data)
    if limit is None:
        check_clean(path)
        return
    start = time.perf_counter()
    check_clean(path)
    seconds = time.perf_counter() - start  # timed on its own: tracemalloc slows it 2-3 times
    tracemalloc.start()
    try:
        check_clean(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    limit(seconds, peak)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=mutated())
def test_mutated_scenarios_load_or_give_clean_dutch_problems(folder: Path, data: bytes) -> None:
    _fuzz(folder, data)


def _within_limits(seconds: float, peak: int) -> None:
    assert seconds < 1.0, f"één invoer duurde {seconds:.2f} s"
    assert peak < 200 * 1024 * 1024, f"één invoer gebruikte {peak / 2**20:.0f} MB"


@pytest.mark.slow
@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=mutated())
def test_each_mutated_input_within_one_second_and_200_mb(folder: Path, data: bytes) -> None:
    _fuzz(folder, data, _within_limits)
