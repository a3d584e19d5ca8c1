"""Files with personal data (issue 19): the store, its companions and the reports are their
owner's only, and a report is written whole or not at all."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.store import Store, files
from simulator.store.store import FILE_NAME

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_V1 = ROOT / "tests" / "fixtures" / "store-v1.sqlite"
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def played_store(data: Path) -> None:
    with Store.open(data) as store:
        trainee = store.trainee("Sanne de Wit", "KM-1")
        row = store.start_attempt(trainee, "km-spreekkamer-dreiging", 0, mode="examen")
        store.finish_attempt(row.id, status="afgebroken", ending=None, result=None)


@posix_only
def test_a_new_store_and_its_companions_are_the_owners_only(tmp_path: Path) -> None:
    data = tmp_path / "nieuw" / "regie"
    with Store.open(data) as store:
        store.trainee("Sanne de Wit")
        companions = sorted(p.name for p in data.iterdir())
        assert companions == [FILE_NAME, f"{FILE_NAME}-shm", f"{FILE_NAME}-wal"]
        for name in companions:
            assert mode(data / name) == 0o600, name
    assert mode(data) == 0o700 and mode(data.parent) == 0o700


@posix_only
def test_a_folder_that_was_there_keeps_its_permissions(tmp_path: Path) -> None:
    data = tmp_path / "gedeeld"
    data.mkdir()
    data.chmod(0o755)
    with Store.open(data) as store:
        store.trainee("Sanne de Wit")
    assert mode(data) == 0o755
    assert mode(data / FILE_NAME) == 0o600


@posix_only
def test_an_older_world_readable_store_is_made_private_when_opened(tmp_path: Path) -> None:
    data = tmp_path / "oud"
    played_store(data)
    for path in data.iterdir():
        path.chmod(0o644)
    with Store.open(data) as store:
        assert [t.name for t in store.trainees()] == ["Sanne de Wit"]
        for path in data.iterdir():
            assert mode(path) == 0o600, path.name


@posix_only
def test_the_backup_before_an_upgrade_is_the_owners_only(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    shutil.copyfile(FIXTURE_V1, path)
    path.chmod(0o644)
    Store(path).close()
    (backup,) = tmp_path.glob("*.bak")
    assert mode(backup) == 0o600
    assert sqlite3.connect(backup).execute("SELECT COUNT(*) FROM trainees").fetchone()[0] == 2


@posix_only
@pytest.mark.parametrize("fmt", ["md", "html", "csv", "json"])
def test_reports_and_exports_are_the_owners_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    data = tmp_path / "data"
    played_store(data)
    out = tmp_path / f"verslag.{fmt}"
    out.write_text("oud")
    out.chmod(0o644)
    code = main(["--data", str(data), "report", "--format", fmt, "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert mode(out) == 0o600 and out.read_bytes() != b"oud"
    export = tmp_path / "xapi.json"
    assert main(["--data", str(data), "export", "--xapi", "-o", str(export)]) == 0
    assert mode(export) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["data", out.name, export.name]
    )  # no temporary file left behind


def test_on_windows_nothing_is_chmodded_and_everything_still_works(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Windows cannot express 0600: the store and reports work there without chmod."""

    def no_chmod(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"chmod called on Windows: {args}")

    monkeypatch.setattr(files, "posix_permissions", lambda: False)
    monkeypatch.setattr(os, "chmod", no_chmod)
    data = tmp_path / "data"
    played_store(data)
    out = tmp_path / "verslag.csv"
    assert main(["--data", str(data), "report", "--format", "csv", "-o", str(out)]) == 0
    assert "Sanne de Wit" in out.read_text(encoding="utf-8-sig")
    path = tmp_path / "v1" / FILE_NAME
    path.parent.mkdir()
    shutil.copyfile(FIXTURE_V1, path)
    Store(path).close()  # the upgrade backup, too
    assert list(path.parent.glob("*.bak"))


def test_a_full_disk_while_writing_a_report_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    played_store(data)
    out = tmp_path / "verslag.md"
    out.write_text("het vorige verslag\n")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        real_fsync(fd)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    code = main(["--data", str(data), "report", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "de schijf is vol" in err and "No space" not in err
    assert out.read_text() == "het vorige verslag\n"  # whole, not truncated
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "verslag.md"]


@pytest.mark.parametrize("target", [FILE_NAME, f"{FILE_NAME}-wal", "kopie.sqlite"])
@pytest.mark.parametrize("command", [["report", "--format", "csv"], ["export", "--xapi"]])
def test_a_report_never_overwrites_the_store_or_another_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str, command: list[str]
) -> None:
    data = tmp_path / "data"
    played_store(data)
    assert main(["--data", str(data), "export", "--xapi"]) == 0  # its pseudonym key is made
    with Store.open(data) as store:  # a -wal that is there while another process plays
        store.trainee("Piet Jansen")
        shutil.copyfile(data / FILE_NAME, data / "kopie.sqlite")
        before = {p.name: p.read_bytes() for p in data.iterdir()}
        out = data / target
        code = main(["--data", str(data), *command, "-o", str(out)])
        err = capsys.readouterr().err
        assert code == 2, err
        assert f"{out} is " in err and "kies een ander bestand" in err
        assert {p.name: p.read_bytes() for p in data.iterdir()} == before
    with Store.open(data) as store:
        assert [t.name for t in store.trainees()] == ["Piet Jansen", "Sanne de Wit"]
