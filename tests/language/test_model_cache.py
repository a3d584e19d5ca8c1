"""The checked-model cache: a warm ``regie check`` says exactly what a cold one said, checks
again only what changed, and is never stale.

Each test works on a folder of its own (a scenario, and the catalogue and profile it is
checked against, as files of that folder) with a cache folder of its own. "Checked again"
is counted where it happens: calls of the scenario reader and of the bot checks.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import simulator.authoring.bot_checks
import simulator.language.model_cache as model_cache
import simulator.language.scenario
from simulator.authoring.checked import ScenarioChecks
from simulator.cli import main
from simulator.language.cached_reads import ScenarioHead
from simulator.language.library import bundled_dir, load
from simulator.language.model import Scenario
from simulator.language.model_cache import ModelCache, fingerprint
from simulator.language.problems import Mark, Problem, Severity

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
BUNDLED = bundled_dir()


class Counted:
    """How often the scenario reader and the bot checks ran."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reads = 0
        self.bots = 0
        read, bots = (
            simulator.language.scenario.read_scenario,
            (simulator.authoring.bot_checks.bot_expectations),
        )

        def counted_read(*args: Any, **kwargs: Any) -> Any:
            self.reads += 1
            return read(*args, **kwargs)

        def counted_bots(*args: Any, **kwargs: Any) -> Any:
            self.bots += 1
            return bots(*args, **kwargs)

        monkeypatch.setattr(simulator.language.scenario, "read_scenario", counted_read)
        monkeypatch.setattr(simulator.authoring.bot_checks, "bot_expectations", counted_bots)

    def reset(self) -> None:
        self.reads = self.bots = 0


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("REGIE_CACHE", str(folder))
    return folder


@pytest.fixture
def work(tmp_path: Path, cache_dir: Path) -> Path:
    """A folder with two scenarios and the catalogue and profile they are checked against."""
    folder = tmp_path / "werk"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini.yaml")
    shutil.copy(BUNDLED / "bibliotheek" / "km-spreekkamer-dreiging.yaml", folder)
    shutil.copy(BUNDLED / "interventies.yaml", folder)
    shutil.copy(BUNDLED / "profielen" / "divosa-2015.yaml", folder)
    return folder


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counted:
    return Counted(monkeypatch)


def check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.regiecache"))


def test_a_warm_check_says_what_the_cold_one_said_and_reads_nothing_again(
    work: Path, cache_dir: Path, counted: Counted, capsys: pytest.CaptureFixture[str]
) -> None:
    cold = check(capsys, str(work))
    assert counted.reads == 2 and counted.bots == 2
    assert "fout" in cold[1] and "waarschuwing" in cold[1]  # mini has both: both are kept
    assert entries(cache_dir)
    counted.reset()
    warm = check(capsys, str(work))
    assert warm == cold
    assert counted.reads == 0 and counted.bots == 0
    for options in (["--json"], ["--streng"]):  # each asked cold once, then warm
        first = check(capsys, *options, str(work))
        counted.reset()
        assert check(capsys, *options, str(work)) == first
        assert counted.bots == 0
    assert check(capsys, "--geen-cache", str(work)) == cold


def test_a_changed_file_is_checked_again_and_only_that_file(
    work: Path, counted: Counted, capsys: pytest.CaptureFixture[str]
) -> None:
    check(capsys, str(work))
    edit(work / "mini.yaml", "titel: Testscenario", "titel: Testscenario, aangepast")
    edit(work / "mini.yaml", "seconden: 10", "seconden: 1")  # a timer too short to read
    counted.reset()
    warm = check(capsys, str(work))
    assert counted.reads == 1 and counted.bots == 1  # mini, not km-spreekkamer-dreiging
    assert warm == check(capsys, "--geen-cache", str(work))
    assert "fasen.boos.timer" in warm[1]  # the new warning is there


def test_a_changed_catalogue_checks_every_scenario_again(
    work: Path, counted: Counted, capsys: pytest.CaptureFixture[str]
) -> None:
    before = check(capsys, str(work))
    # the intervention mini ends with is gone from the catalogue
    edit(work / "interventies.yaml", "\n  afronden:\n", "\n  afronden-oud:\n")
    counted.reset()
    after = check(capsys, str(work))
    assert counted.reads == 2
    assert after != before and "afronden" in after[1]
    assert after == check(capsys, "--geen-cache", str(work))


def test_a_changed_profile_checks_every_scenario_again(
    work: Path, counted: Counted, capsys: pytest.CaptureFixture[str]
) -> None:
    before = check(capsys, str(work))
    # only the beveiliger may de-escalate: the klantmanager's model answer breaks taakverdeling
    edit(
        work / "divosa-2015.yaml",
        "bevoegdheden:\n",
        "bevoegdheden:\n  de-escalatie: [beveiliger]\n",
    )
    counted.reset()
    after = check(capsys, str(work))
    assert counted.bots == 2
    assert after != before and "voorbehouden aan de beveiliger" in after[1]
    assert after == check(capsys, "--geen-cache", str(work))


def test_another_version_of_regie_checks_everything_again(
    work: Path,
    counted: Counted,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = check(capsys, str(work))
    monkeypatch.setattr(model_cache, "code_version", lambda: "een andere versie van Regie")
    counted.reset()
    assert check(capsys, str(work)) == before
    assert counted.reads == 2 and counted.bots == 2


def test_regies_version_is_the_content_of_its_source(tmp_path: Path) -> None:
    """A changed byte in any source file is another Regie; a file touched, not changed, is
    the same one."""
    for name in ("simulator", "scoring"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    first = fingerprint(tmp_path)
    rule = tmp_path / "scoring" / "rules" / "nazorg.py"
    rule.touch()
    assert fingerprint(tmp_path) == first
    rule.write_bytes(rule.read_bytes() + b"\n")
    assert fingerprint(tmp_path) != first
    rule.write_bytes(rule.read_bytes()[:-1])
    assert fingerprint(tmp_path) == first
    (tmp_path / "simulator" / "language" / "nieuw.py").write_text("X = 1\n")
    assert fingerprint(tmp_path) != first


@pytest.mark.parametrize(
    ("damage", "every_entry"),
    [
        (lambda b: b[: len(b) // 2], True),  # cut short (a write that never finished)
        (lambda b: b[:-1] + bytes([b[-1] ^ 1]), True),  # one bit flipped on disk
        (lambda b: b"", True),  # empty
        (lambda b: b"\x80\x04 kapot", True),  # not an entry at all
        # a changed letter in a message: it would still unpickle, saying something else
        (lambda b: b.replace(b"de bot", b"de bok"), False),
    ],
    ids=["afgebroken", "bit", "leeg", "onzin", "letter"],
)
def test_a_damaged_entry_is_ignored_and_written_again(
    work: Path,
    cache_dir: Path,
    counted: Counted,
    capsys: pytest.CaptureFixture[str],
    damage: Callable[[bytes], bytes],
    every_entry: bool,
) -> None:
    cold = check(capsys, str(work))
    assert "de bot" in cold[1]
    for entry in entries(cache_dir):
        entry.write_bytes(damage(entry.read_bytes()))
    counted.reset()
    assert check(capsys, str(work)) == cold
    if every_entry:
        assert counted.reads == 2  # nothing damaged was used
    counted.reset()
    assert check(capsys, str(work)) == cold
    assert counted.reads == 0  # and every entry is whole again


def test_an_entry_of_the_wrong_kind_is_not_used(
    work: Path, cache_dir: Path, counted: Counted, capsys: pytest.CaptureFixture[str]
) -> None:
    """A whole entry (its digest matches) whose value is not what the key stands for is
    treated as missing."""
    cold = check(capsys, str(work))
    cache = ModelCache(cache_dir)
    for entry in entries(cache_dir):
        cache.put(entry.name.removesuffix(".regiecache"), ["geen", "model"])
    counted.reset()
    assert check(capsys, str(work)) == cold
    assert counted.reads == 2


def written(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Every entry the cache writes from now on: (key, value)."""
    seen: list[tuple[str, object]] = []
    put = ModelCache.put

    def spy(self: ModelCache, key: str, value: object) -> None:
        seen.append((key, value))
        put(self, key, value)

    monkeypatch.setattr(ModelCache, "put", spy)
    return seen


def test_geen_cache_neither_reads_nor_writes_the_cache(
    work: Path, cache_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = written(monkeypatch)
    cold = check(capsys, str(work))
    # an entry that says something else than the file: the cache would tell it, as it
    # trusts a whole entry; --geen-cache must not
    key = next(k for k, v in seen if isinstance(v, ScenarioChecks))
    planted = Problem("mini.yaml", Mark(1, 1), "", "GEPLANT IN DE CACHE", Severity.ERROR)
    ModelCache(cache_dir).put(key, ScenarioChecks((planted,), ()))
    assert "GEPLANT IN DE CACHE" in check(capsys, str(work))[1]
    before = {p.name: p.read_bytes() for p in entries(cache_dir)}
    assert check(capsys, "--geen-cache", str(work)) == cold
    assert main(["--geen-cache", "check", str(work)]) == cold[0]
    assert capsys.readouterr().out == cold[1]
    assert {p.name: p.read_bytes() for p in entries(cache_dir)} == before  # nothing written


def test_a_cache_folder_that_cannot_be_written_changes_nothing(
    work: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map")
    monkeypatch.setenv("REGIE_CACHE", str(blocker / "cache"))
    assert check(capsys, str(work)) == check(capsys, "--geen-cache", str(work))


def test_run_and_explore_use_the_checked_model(
    work: Path, counted: Counted, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(work / "km-spreekkamer-dreiging.yaml")
    check(capsys, path)  # on its own: with the bundled catalogue and profile, as run reads it
    counted.reset()
    for command in (
        ["run", path, "--bot", "protocol", "--json"],
        ["explore", path, "--json"],
    ):
        assert main(command) == 0
        warm = capsys.readouterr().out
        assert counted.reads == 0, command
        assert main([*command, "--geen-cache"]) == 0
        cold = capsys.readouterr().out
        assert counted.reads == 1, command
        counted.reset()
        if command[0] == "explore":  # its own time differs from run to run
            warm_json, cold_json = json.loads(warm), json.loads(cold)
            warm_json.pop("seconds"), cold_json.pop("seconds")
            assert warm_json == cold_json
        else:
            assert warm == cold


def test_a_model_from_the_cache_is_the_model(cache_dir: Path) -> None:
    """Every bundled scenario, read back from the cache, equals the one read from its file,
    field by field (the pickling of the frozen dataclasses is Regie's own)."""
    fresh = load()
    load(cache=ModelCache.open())  # fills the cache
    kept = load(cache=ModelCache.open())
    assert list(kept.scenarios) == list(fresh.scenarios)
    for sid, scenario in fresh.scenarios.items():
        again = kept.scenarios[sid]
        assert again is not scenario and again == scenario
        assert type(again.fasen[next(iter(again.fasen))].mark).__name__ == "Mark"
    assert [str(p) for p in kept.problems] == [str(p) for p in fresh.problems]
    assert kept.courses == fresh.courses and kept.plans == fresh.plans


def test_a_scenario_is_read_from_the_cache_only_when_it_is_used(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(cache=ModelCache.open())
    taken: list[type] = []
    get = ModelCache.get

    def spy(self: ModelCache, key: str, kind: type[Any]) -> Any:
        taken.append(kind)
        return get(self, key, kind)

    monkeypatch.setattr(ModelCache, "get", spy)
    lib = load(cache=ModelCache.open())
    assert Scenario not in taken and taken.count(ScenarioHead) == len(lib.scenarios)
    lib.scenario("km-spreekkamer-dreiging")
    assert taken.count(Scenario) == 1


def test_the_least_recently_used_entries_go_when_there_are_too_many(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder does not grow without end: once it holds more than ``MAX_ENTRIES``, the
    entries used longest ago are removed (using one marks it, at most once a day)."""
    monkeypatch.setattr(model_cache, "MAX_ENTRIES", 3)
    cache = ModelCache(cache_dir)
    for n in range(6):
        cache.put(f"sleutel{n}", n)
        entry = cache_dir / f"sleutel{n}.regiecache"
        os.utime(entry, (1_000_000 + n * 100_000, 1_000_000 + n * 100_000))  # days apart
    assert cache.get("sleutel0", int) == 0  # used now: the most recent of all
    cache.prune()
    assert {p.name.split(".")[0] for p in entries(cache_dir)} == {
        "sleutel0",
        "sleutel4",
        "sleutel5",
    }
