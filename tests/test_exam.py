"""The self-study exam: one role, the whole pool, "scenario 2 van 4", a summary that stays,
and a crash that does not turn the exam into training."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from simulator.load_course import draw_exam, exam_pool
from simulator.store import Store, schema
from tests.tuikit import LIB

ROLES = {sid: sc.role for sid, sc in LIB.scenarios.items()}
EXAM = LIB.course("zelfstudie-examen")


# --- the pool and the role -----------------------------------------------------------------
def test_the_pool_is_every_scenario_of_the_role_marked_for_the_exam() -> None:
    for role in ("klantmanager", "beveiliger"):
        marked = {
            sid for sid, sc in LIB.scenarios.items() if sc.role == role and EXAM.id in sc.trainings
        }
        assert set(exam_pool(EXAM, ROLES, role)) == marked
    assert "km-wachtruimte-onrust" in exam_pool(EXAM, ROLES, "klantmanager")


def test_every_scenario_of_the_pool_is_drawn_and_never_one_of_the_other_role() -> None:
    for role in ("klantmanager", "beveiliger"):
        drawn: set[str] = set()
        for seed in range(1000):
            exam = draw_exam(EXAM, seed, ROLES, role)
            assert len(exam) == EXAM.exam_draw
            assert all(ROLES[sid] == role for sid, _ in exam), (role, seed, exam)
            drawn |= {sid for sid, _ in exam}
        assert drawn == set(exam_pool(EXAM, ROLES, role))


# --- the store: version 5 ------------------------------------------------------------------
def test_a_version_4_store_gains_the_role_and_the_exams(tmp_path: Path) -> None:
    path = tmp_path / "regie.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    schema.create(db, version=4)
    db.execute("INSERT INTO trainees (id, name, created) VALUES (1, 'Sanne de Wit', 'x')")
    db.execute(
        "INSERT INTO attempts (uuid, trainee_id, scenario, mode, seed, started, status) "
        "VALUES ('u1', 1, 'km-omkoping', 'examen', 3, 'x', 'afgerond')"
    )
    db.close()
    with Store(path) as store:
        assert schema.version_of(store.db) == schema.CURRENT == 5
        (old,) = store.attempts()
        assert old.exam is None and old.exam_status is None and old.counts
        sanne = store.trainee("Sanne de Wit")
        assert store.role(sanne.id) is None
        store.set_role(sanne.id, "beveiliger")
        assert store.role(sanne.id) == "beveiliger"
        exam = store.start_exam(sanne, EXAM.id, "beveiliger", [("bev-vernieling", 7)])
        assert exam.plan == (("bev-vernieling", 7),) and exam.status == "bezig"
        row = store.start_attempt(sanne, "bev-vernieling", 7, "examen", EXAM.id, exam.id)
        assert (row.exam, row.exam_status) == (exam.id, "bezig") and not row.counts
        store.finish_attempt(row.id, status="afgerond", ending=None, result=None)
        assert not store.attempt(row.id).counts, "an unfinished exam's attempt is no pass or fail"
        assert store.finish_exam(exam.id).status == "afgerond"
        assert store.attempt(row.id).counts
        assert [e.id for e in store.exams(trainee="sanne de wit")] == [exam.id]
    assert path.with_name("regie.sqlite.v4.bak").exists()
