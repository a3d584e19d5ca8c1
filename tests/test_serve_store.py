"""The classroom's part of the store: schema version 3 (pincodes, presence, refusals), its
migration from a version 2 file, and erasure of a person with everything of theirs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from simulator.store import Store, schema
from simulator.store.classroom import Classroom, SignInRefused
from simulator.store.store import FILE_NAME


def test_a_version_2_store_is_upgraded_to_3_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    db = sqlite3.connect(path, isolation_level=None)
    schema.create(db, 2)
    db.execute(
        "INSERT INTO trainees (name, groep, created) VALUES ('Sanne de Wit', 'KM-1', '2026-01-01')"
    )
    db.execute(
        "INSERT INTO attempts (uuid, trainee_id, scenario, mode, seed, started, status) "
        "VALUES ('u-1', 1, 'km-spreekkamer-dreiging', 'training', 3, '2026-01-01', 'bezig')"
    )
    db.close()

    with Store(path) as store:
        assert schema.version_of(store.db) == schema.CURRENT == 3
        (row,) = store.trainees()
        assert (row.name, row.groep) == ("Sanne de Wit", "KM-1")
        assert [a.uuid for a in store.attempts()] == ["u-1"]
        room = Classroom(store, clock=lambda: 1000.0)
        assert not room.known("Sanne de Wit")  # no pincode yet: chosen at the first sign-in
        trainee, new = room.sign_in("Sanne de Wit", "1234", "KM-1")
        assert new and trainee.id == row.id
    backup = tmp_path / f"{FILE_NAME}.v2.bak"
    assert backup.exists()
    old = sqlite3.connect(backup)
    assert old.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("2",)
    old.close()


def test_forget_removes_pincode_presence_and_refusals(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        room = Classroom(store, clock=lambda: 1000.0)
        trainee, _ = room.sign_in("Sanne de Wit", "1234", None)
        room.claim(trainee)
        with pytest.raises(SignInRefused):
            room.sign_in("Sanne de Wit", "0000", None)
        assert store.db.execute("SELECT COUNT(*) FROM refusals").fetchone() == (1,)
        assert store.forget("Sanne de Wit")
        for table in ("presence", "refusals"):
            assert store.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,), table
        assert not room.known("Sanne de Wit")
