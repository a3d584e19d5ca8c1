"""The classroom's part of the store: schema version 3 (pincodes, presence, refusals) and 4
(refusals per source), the migrations, erasure of a person with everything of theirs, and
the brake on guessing: one check at a time, per source, slow enough to keep a pincode.

Everything after the migration runs on both engines (``backend``); on PostgreSQL also as
several hosts would: separate processes on one database, the brake and the presence of a
name holding for all of them together."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from simulator.store import Store, schema
from simulator.store.classroom import Classroom, SignInRefused
from simulator.store.store import FILE_NAME
from tests.storekit import ROOT, Backend


def test_a_version_2_store_is_upgraded_to_the_current_one_and_keeps_every_row(
    tmp_path: Path,
) -> None:
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
        assert schema.version_of(store.db) == schema.CURRENT == 8
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


def test_forget_removes_pincode_presence_and_refusals(backend: Backend) -> None:
    with backend.open() as store:
        room = Classroom(store, clock=lambda: 1000.0)
        trainee, _ = room.sign_in("Sanne de Wit", "1234", None)
        room.claim(trainee)
        with pytest.raises(SignInRefused):
            room.sign_in("Sanne de Wit", "0000", None)
        assert store.db.execute("SELECT COUNT(*) FROM refusals WHERE kind = 'pin'").fetchone() == (
            1,
        )
        assert store.forget("Sanne de Wit")
        for table in ("presence", "refusals"):
            assert store.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,), table
        assert not room.known("Sanne de Wit")


# --- the brake on guessing (issue 19, items 3 and 4) ----------------------------------------


class Wall:
    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_tabs_that_try_at_once_get_one_check_between_them(backend: Backend) -> None:
    """Twenty tabs send a pincode at the same moment: one is checked, the rest must wait."""
    import threading

    wall = Wall()
    with backend.open() as store:
        Classroom(store, clock=wall).sign_in("Sanne de Wit", "1234", None)
    tabs = 20
    start = threading.Barrier(tabs)
    answers: list[str] = []

    def tab(guess: int) -> None:
        store = backend.open()  # a process of its own, as every browser has
        room = Classroom(store, clock=wall, source="10.0.0.66")
        start.wait()
        try:
            room.sign_in("Sanne de Wit", f"{guess:04d}", None)
            answers.append("binnen")
        except SignInRefused as exc:
            answers.append(str(exc))
        finally:
            store.close()

    threads = [threading.Thread(target=tab, args=(9000 + i,)) for i in range(tabs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    checked = [a for a in answers if "andere pincode" in a]
    waiting = [a for a in answers if a.startswith("Te veel pogingen")]
    assert len(answers) == tabs
    assert len(checked) == 1, answers
    assert len(waiting) == tabs - 1


def test_guessing_from_one_address_locks_out_nobody_at_another(backend: Backend) -> None:
    wall = Wall()
    with backend.open() as store:
        Classroom(store, clock=wall, source="10.0.0.5").sign_in("Sanne de Wit", "1234", None)
        guesser = Classroom(store, clock=wall, source="10.0.0.66")
        for guess in range(8):
            wall.now += 300
            with pytest.raises(SignInRefused):
                guesser.sign_in("Sanne de Wit", f"{guess:04d}", None)
            with pytest.raises(SignInRefused, match="klopt niet"):
                guesser.check_trainer_code(f"{guess:06d}", "482913")
        assert guesser.wait_before("pin", 1) > 60  # the guesser waits ...
        with pytest.raises(SignInRefused, match="Te veel pogingen"):
            guesser.check_trainer_code("482913", "482913")  # ... even with the right code
        # ... Sanne, at her own laptop, and the trainer, at the server, do not
        sanne = Classroom(store, clock=wall, source="10.0.0.5")
        trainee, new = sanne.sign_in("Sanne de Wit", "1234", None)
        assert trainee.name == "Sanne de Wit" and not new
        Classroom(store, clock=wall, source="127.0.0.1").check_trainer_code("482 913", "482913")


def test_a_pincode_holds_for_more_than_thirty_days_at_the_enforced_rate(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guess one name's pincode from one address as fast as the brake allows, for thirty
    days of (simulated) time: far fewer than the 10,000 pincodes are tried."""
    from simulator.store import classroom

    monkeypatch.setattr(classroom, "_N", 2)  # a cheap hash: the brake is measured, not scrypt
    wall = Wall()
    with backend.open() as store:
        Classroom(store, clock=wall).sign_in("Sanne de Wit", "9999", None)
        guesser = Classroom(store, clock=wall, source="10.0.0.66")
        end = wall.now + 30 * 24 * 3600
        tries = 0
        while wall.now < end:
            wall.now += guesser.wait_before("pin", 1)
            with pytest.raises(SignInRefused, match="andere pincode"):
                guesser.sign_in("Sanne de Wit", f"{tries:04d}", None)
            tries += 1
    assert tries < 800  # about 24 a day: all 10,000 would take more than a year


# --- names (issue 19, item 6) ---------------------------------------------------------------


def test_invisible_and_lookalike_characters_make_no_second_trainee(backend: Backend) -> None:
    wall = Wall()
    with backend.open() as store:
        room = Classroom(store, clock=wall, source="10.0.0.5")
        room.sign_in("Sanne de Wit", "1234", None)
        lookalikes = [
            "Sanne\u200b de Wit",  # zero-width space
            "\u202eSanne de Wit",  # right-to-left override
            "Sanne de\u00a0Wit",  # no-break space
            "Sanne de Wi\u200dt\u200e",  # zero-width joiner, left-to-right mark
            "\uff33anne de Wit",  # fullwidth S
        ]
        other = Classroom(store, clock=wall, source="10.0.0.66")
        for name in lookalikes:
            wall.now += 7200
            with pytest.raises(SignInRefused, match="andere pincode"):
                other.sign_in(name, "9999", None)
        assert [t.name for t in store.trainees()] == ["Sanne de Wit"]
        with pytest.raises(SignInRefused, match="Vul eerst uw naam in"):
            other.sign_in("\u200b\u200e", "9999", None)


def test_one_tab_cannot_fill_the_store_with_new_names(backend: Backend) -> None:
    wall = Wall()
    with backend.open() as store:
        tab = Classroom(store, clock=wall, source="10.0.0.66")
        for i in range(5):
            wall.now += 2
            tab.sign_in(f"Naam {i}", "1234", None)
        with pytest.raises(SignInRefused, match="al 5 nieuwe namen"):
            tab.sign_in("Naam 5", "1234", None)
        assert len(store.trainees()) == 5
        tab.sign_in("Naam 0", "1234", None)  # a name that played here still may
        Classroom(store, clock=wall, source="10.0.0.7").sign_in("Anna", "4321", None)
        wall.now += 3600  # an hour later, again
        tab.sign_in("Naam 5", "1234", None)
        assert len(store.trainees()) == 7


def test_signing_in_with_another_group_code_keeps_past_attempts_in_their_group(
    backend: Backend,
) -> None:
    wall = Wall()
    with backend.open() as store:
        room = Classroom(store, clock=wall)
        sanne, _ = room.sign_in("Sanne de Wit", "1234", "KM-1")
        first = store.start_attempt(sanne, "km-spreekkamer-dreiging", 0)
        sanne, _ = room.sign_in("Sanne de Wit", "1234", "KM-2")  # a later course
        second = store.start_attempt(sanne, "km-spreekkamer-dreiging", 1)
        assert store.attempt(first.id).groep == "KM-1"
        assert store.attempt(second.id).groep == "KM-2"
        assert [a.id for a in store.attempts(groep="KM-1")] == [first.id]
        assert [a.id for a in store.attempts(groep="KM-2")] == [second.id]
        assert [t.groep for t in store.trainees()] == ["KM-2"]  # she is in KM-2 now


# --- several hosts on one database (PostgreSQL) ----------------------------------------------

HOST_CHILD = r"""
import sys, threading, time
from pathlib import Path
from simulator.store import Store
from simulator.store.classroom import Classroom, SignInRefused

go, kind, tabs, wall = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
stores = [Store.open() for _ in range(tabs)]  # one per browser, as every app process has
start = threading.Barrier(tabs)
answers = []

def tab(i):
    room = Classroom(stores[i], clock=lambda: wall, source="10.0.0.66")
    start.wait()
    while not go.exists():
        time.sleep(0.001)
    try:
        if kind == "pin":
            room.sign_in("Sanne de Wit", f"{9000 + i:04d}", None)
        else:
            room.check_trainer_code(f"{900000 + i:06d}", "482913")
        answers.append("binnen")
    except SignInRefused as exc:
        answers.append(str(exc).replace("\n", " "))

threads = [threading.Thread(target=tab, args=(i,)) for i in range(tabs)]
for t in threads:
    t.start()
print("klaar", flush=True)
for t in threads:
    t.join(60)
for answer in answers:
    print(answer, flush=True)
"""


@pytest.mark.parametrize("kind", ["pin", "trainer"])
def test_the_brake_holds_across_hosts(pg_url: str, tmp_path: Path, kind: str) -> None:
    """Two hosts (processes), ten tabs each, try a pincode (or the trainer code) from one
    address at the same moment: one try is checked between all twenty, the rest wait."""
    import subprocess
    import sys

    place = Backend("postgresql", tmp_path, pg_url)
    wall = Wall()
    with place.open() as store:
        Classroom(store, clock=wall).sign_in("Sanne de Wit", "1234", None)
    go = tmp_path / "go"
    hosts = [
        subprocess.Popen(
            [sys.executable, "-c", HOST_CHILD, str(go), kind, "10", str(wall.now)],
            env=place.env(),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for host in hosts:
        assert host.stdout is not None
        assert host.stdout.readline().strip() == "klaar", host.stderr
    go.touch()
    answers: list[str] = []
    for host in hosts:
        out, err = host.communicate(timeout=120)
        assert host.returncode == 0, err
        answers += out.strip().splitlines()
    wrong = "andere pincode" if kind == "pin" else "klopt niet"
    checked = [a for a in answers if wrong in a]
    waiting = [a for a in answers if a.startswith("Te veel pogingen")]
    assert len(answers) == 20, answers
    assert len(checked) == 1, answers
    assert len(waiting) == 19, answers
    # the wait the next try sees is the same on a third host
    with place.open() as store:
        room = Classroom(store, clock=wall, source="10.0.0.66")
        assert room.wait_before(kind, 1 if kind == "pin" else None) == 1.0


def test_a_name_moves_to_another_host_and_the_first_stops_writing(
    pg_url: str, tmp_path: Path
) -> None:
    """A reload lands on another host: the trainee signs in there, that host takes the
    name over, the first host sees it has lost the name, and the trainer on either host
    sees the trainee where the second host says."""
    place = Backend("postgresql", tmp_path, pg_url)
    wall = Wall()
    with place.open() as host_a, place.open() as host_b:
        a = Classroom(host_a, clock=wall, source="10.0.0.5")
        b = Classroom(host_b, clock=wall, source="10.0.0.5")
        trainee, _ = a.sign_in("Sanne de Wit", "1234", "KM-1")
        token_a = a.claim(trainee)
        assert a.beat(trainee.id, token_a, "speelt", "km-spreekkamer-dreiging", "aankomst")
        seen = [(p.name, p.place, p.fase) for p in b.present("KM-1")]
        assert seen == [("Sanne de Wit", "speelt", "aankomst")]

        again, new = b.sign_in("sanne de wit", "1234", "KM-1")
        assert again.id == trainee.id and not new
        token_b = b.claim(again)
        assert b.holds(again.id, token_b) and not a.holds(trainee.id, token_a)
        assert not a.beat(trainee.id, token_a, "speelt", "km-spreekkamer-dreiging", "x")
        assert b.beat(again.id, token_b, "speelt", "km-spreekkamer-dreiging", "escalatie")
        for room in (a, b):
            assert [(p.name, p.fase) for p in room.present("KM-1")] == [
                ("Sanne de Wit", "escalatie")
            ]
