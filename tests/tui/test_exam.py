"""The self-study exam: one role, the whole pool, "scenario 2 van 4", a summary that stays,
and a crash that does not turn the exam into training."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.pilot import Pilot

from simulator.language.course import draw_exam, exam_pool
from simulator.reports import markdown
from simulator.reports.data import trainee_report
from simulator.store import Store, schema
from simulator.tui.app import RegieApp
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.confirm import ConfirmScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.exam_summary import ExamSummaryScreen
from simulator.tui.screens.play import PlayScreen
from simulator.tui.screens.role import RoleScreen
from simulator.tui.screens.scenario_list import EXAM_ROW, ScenarioListScreen
from simulator.tui.widgets.story_log import StoryLog
from tests.tui.test_briefing import screen_lines
from tests.tuikit import LIB, make_app, model_key, pick_scenario, sign_in

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
        assert schema.version_of(store.db) == schema.CURRENT == 7
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


# --- the app: role, numbering, summary, crash ----------------------------------------------
def briefing_text(app: RegieApp) -> str:
    screen = app.screen
    assert isinstance(screen, BriefingScreen)
    return "\n".join(screen_lines(app))  # what is on the screen


async def open_exam(pilot: Pilot[None]) -> None:
    await sign_in(pilot, training="zelfstudie-examen")
    await pick_scenario(pilot, EXAM_ROW)


async def stop_scenario(pilot: Pilot[None]) -> None:
    """From the briefing: begin, then stop at once (an exam scenario stopped counts)."""
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("s", "j")
    await pilot.pause()


async def test_the_role_is_asked_when_unknown_and_then_remembered(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await open_exam(pilot)
        assert isinstance(app.screen, RoleScreen)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert ROLES[app.screen.scenario_id] == "beveiliger"
        assert app.trainee is not None and app.store.role(app.trainee.id) == "beveiliger"
        (exam,) = app.store.exams()
        assert exam.role == "beveiliger"
        assert all(ROLES[sid] == "beveiliger" for sid, _ in exam.plan)


async def test_a_known_role_is_not_asked_again(tmp_path: Path) -> None:
    with Store(tmp_path / "regie.sqlite") as store:
        store.set_role(store.trainee("Sanne de Wit").id, "klantmanager")
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await open_exam(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert ROLES[app.screen.scenario_id] == "klantmanager"


async def test_escape_on_the_role_question_starts_no_exam(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await open_exam(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioListScreen)
        assert app.store.exams() == [] and app.trainee is not None
        assert app.store.role(app.trainee.id) is None


async def test_numbering_and_the_summary_stays_after_a_debrief(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await open_exam(pilot)
        await pilot.press("k")
        await pilot.pause()
        for n in range(1, 5):
            assert f"Examen: scenario {n} van 4" in briefing_text(app)
            await pilot.press("enter")
            await pilot.pause()
            play = app.screen
            assert isinstance(play, PlayScreen)
            assert play.sub_title.endswith(f"(examen, {n} van 4)")
            await pilot.press("s", "j")
            await pilot.pause()
        assert isinstance(app.screen, ExamSummaryScreen)
        summary = app.screen
        await pilot.press("enter")  # the first scenario's debrief
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is summary, "Esc from a debrief goes back to the exam summary"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioListScreen)
    (exam,) = app.store.exams()
    assert exam.status == "afgerond"
    assert all(a.counts and a.exam == exam.id for a in app.store.attempts())


async def test_after_a_crash_the_same_exam_goes_on_in_exam_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime

    first = make_app(tmp_path)
    async with first.run_test(size=(100, 34)) as pilot:
        await open_exam(pilot)
        await pilot.press("k")
        await pilot.pause()
        await stop_scenario(pilot)  # scenario 1 of 4
        await pilot.press("enter")  # scenario 2 of 4 begins
        await pilot.pause()
        play = first.screen
        assert isinstance(play, PlayScreen)
        while play.session.attempt.time_left() is None:  # to a fase with a timer
            await pilot.press(model_key(pilot))
            await pilot.pause()
        fresh = play.session.attempt.time_left()
        crashed = play.session.row.id
    # the process died here: the exam and its second attempt are still 'bezig'
    (exam,) = first.store.exams()
    assert exam.status == "bezig"
    report = trainee_report("Sanne de Wit", first.store.attempts(), LIB, exams=first.store.exams())
    assert [e.shown for e in report.unfinished] == [
        "examen onafgemaakt: 2 van 4 scenario's gespeeld"
    ]
    assert report.attempts == (), "an unfinished exam's scenarios are no pass or fail"
    assert "Onafgemaakte examens" in markdown.render(report, generated="vandaag")
    last = datetime.fromisoformat(first.store.last_move_at(crashed)).timestamp()
    again = make_app(tmp_path)
    monkeypatch.setattr(again, "wall", lambda: last + 4.0, raising=False)
    async with again.run_test(size=(100, 34)) as pilot:
        await sign_in(pilot, training="zelfstudie-examen")
        assert isinstance(again.screen, ConfirmScreen)
        await pilot.press("j")
        await pilot.pause()
        play = again.screen
        assert isinstance(play, PlayScreen)
        assert play.session.row.id == crashed and play.session.exam
        assert play.sub_title.endswith("(examen, 2 van 4)")
        left = play.session.attempt.time_left()
        assert fresh is not None and left is not None and abs(left - (fresh - 4.0)) < 0.01
        assert again.exam_id == exam.id and again.exam_queue == list(exam.plan[2:])
        story = play.query_one(StoryLog)
        while not play.session.attempt.finished:
            await pilot.press(model_key(pilot))
            await pilot.pause()
            assert "→ " not in story.text and "✗ " not in story.text, "no feedback in the exam"
        await pilot.pause()
        assert isinstance(again.screen, BriefingScreen), "on to scenario 3, no debrief"
        assert "Examen: scenario 3 van 4" in briefing_text(again)
        assert again.screen.scenario_id == exam.plan[2][0]
