"""Extra time: every timer runs a percentage longer, per trainee, per group or per session;
recorded with the attempt, shown in the reports, honoured in exams and after a resume."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.engine.attempt import Attempt, EngineError, check_extra_time
from simulator.language.library import load
from simulator.store import Store, schema
from simulator.store.session import Session

LIB = load()
SID = "km-spreekkamer-dreiging"  # its first fase has a timer of 40 seconds
TIMER = 40.0


def test_a_timer_runs_the_extra_percentage_longer() -> None:
    plain = Attempt(LIB.scenario(SID), 0)
    extra = Attempt(LIB.scenario(SID), 0, extra_time=50)
    assert plain.time_left() == TIMER and plain.timer_seconds() == TIMER
    assert extra.time_left() == 1.5 * TIMER and extra.timer_seconds() == 1.5 * TIMER
    plain.advance(TIMER)
    extra.advance(TIMER)
    assert plain.state != "binnenkomst"  # ran out
    assert extra.state == "binnenkomst" and extra.time_left() == 0.5 * TIMER
    extra.advance(0.5 * TIMER)
    assert extra.state == plain.state  # the same story, later


def test_a_choice_after_the_plain_timer_is_in_time_with_extra_time() -> None:
    with pytest.raises(EngineError, match=r"te laat: .* na 40 seconden"):
        Attempt(LIB.scenario(SID), 0).choose(1, TIMER + 5)
    extra = Attempt(LIB.scenario(SID), 0, extra_time=25)
    extra.choose(1, TIMER + 5)
    assert extra.trace[-1].kind in ("enter", "event", "end", "vars", "chance")
    with pytest.raises(EngineError, match=r"te laat: .* na 50 seconden"):
        Attempt(LIB.scenario(SID), 0, extra_time=25).choose(1, 51)


def test_extra_time_survives_a_snapshot_and_is_bounded() -> None:
    attempt = Attempt(LIB.scenario(SID), 3, extra_time=100)
    attempt.advance(10)
    again = Attempt.restore(LIB.scenario(SID), attempt.snapshot())
    assert again.extra_time == 100 and again.time_left() == attempt.time_left() == 70
    old = Attempt(LIB.scenario(SID), 3).snapshot()
    assert "extra_time" not in old  # a snapshot without it is read as it always was
    assert Attempt.restore(LIB.scenario(SID), old).extra_time == 0
    for bad in (-1, 301):
        with pytest.raises(EngineError):
            check_extra_time(bad)


def test_a_v5_store_is_upgraded_and_its_attempts_had_no_extra_time(tmp_path: Path) -> None:
    path = tmp_path / "regie.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    schema.create(db, 5)
    db.execute("INSERT INTO trainees (id, name, groep, created) VALUES (1, 'Ali', 'G', 'x')")
    db.execute(
        "INSERT INTO attempts (uuid, trainee_id, scenario, mode, seed, started, status) "
        "VALUES ('u', 1, ?, 'training', 0, '2026-11-01T10:00:00+00:00', 'bezig')",
        (SID,),
    )
    db.close()
    with Store(path) as store:
        assert schema.version_of(store.db) == schema.CURRENT
        assert [a.extra_time for a in store.attempts()] == [0]
        ali = store.trainee("Ali")
        assert store.extra_time(ali.id) == 0
        store.set_group_extra_time("G", 25)
        assert store.extra_time(ali.id) == 25
        assert store.set_trainee_extra_time("ali", 50)
        assert store.extra_time(ali.id) == 50  # the larger of their own and their group's
        store.set_group_extra_time("G", 75)
        assert store.extra_time(ali.id) == 75
        assert not store.set_trainee_extra_time("Niemand", 50)
        assert store.extra_times() == ({"Ali": 50}, {"G": 75})


def test_a_session_plays_with_the_most_extra_time_and_keeps_it_on_resume(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        sanne = store.trainee("Sanne", "KM-1")
        store.set_group_extra_time("KM-1", 20)
        session = Session.start(store, LIB, sanne, SID, 0, extra_time=10)
        assert session.row.extra_time == 20 and session.attempt.time_left() == 48
        more = Session.start(store, LIB, sanne, SID, 0, extra_time=50)
        assert more.row.extra_time == 50
        more.advance(45)  # past the plain timer, within the stretched one
        assert more.attempt.state == "binnenkomst"
        again = Session.resume(store, LIB, more.row.id)
        assert again.attempt.extra_time == 50
        # the fase starts again (time without a move is not saved), on the stretched timer
        assert again.attempt.state == "binnenkomst" and again.attempt.time_left() == 60


def test_an_exam_attempt_honours_the_extra_time(tmp_path: Path) -> None:
    with Store.open(tmp_path) as store:
        ali = store.trainee("Ali")
        store.set_trainee_extra_time("Ali", 50)
        exam = Session.start(store, LIB, ali, SID, 0, "examen")
        assert exam.exam and exam.attempt.time_left() == 60
        exam.wait()
        assert exam.attempt.state != "binnenkomst"
        assert store.moves(exam.row.id) == [("wacht", None)]
        assert store.attempt(exam.row.id).extra_time == 50


def test_the_command_line_sets_it_and_the_reports_show_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path)
    run = ["--data", data, "run", SID, "--bot", "protocol", "--trainee", "Ali", "--groep", "G"]
    assert main(run) == 0
    assert main(["--data", data, "trainee", "extra-tijd", "ali", "50"]) == 0
    assert "Ali: 50% extra tijd" in capsys.readouterr().out
    assert main(["--data", data, "trainee", "extra-tijd", "--groep", "G", "25"]) == 0
    assert main(run) == 0
    assert main(["--data", data, "--extra-tijd", "80", *run[2:]]) == 0  # before the command
    capsys.readouterr()
    assert main(["--data", data, "trainee", "list"]) == 0
    listed = capsys.readouterr().out
    assert "Ali: 50%" in listed and "groep G: 25%" in listed
    with Store.open(data) as store:
        assert [a.extra_time for a in store.attempts(trainee="Ali")] == [0, 50, 80]

    assert main(["--data", data, "report", "--trainee", "Ali"]) == 0
    report = capsys.readouterr().out
    assert "training, 50% extra tijd" in report and "training, 80% extra tijd" in report
    assert main(["--data", data, "report", "--groep", "G", "--formaat", "csv"]) == 0
    rows = list(
        csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff")), delimiter=";")
    )
    assert [r["extra_tijd"] for r in rows] == ["0", "50", "80"]
    assert main(["--data", data, "report", "--trainee", "Ali", "--formaat", "json"]) == 0
    assert '"extra_time": 80' in capsys.readouterr().out

    assert main(["--data", data, "trainee", "extra-tijd", "ali", "0"]) == 0
    assert "Ali: geen extra tijd meer." in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--data", data, "trainee", "extra-tijd", "ali", "301"])
    assert "verwacht een percentage van 0 tot 300" in capsys.readouterr().err
    assert main(["--data", data, "trainee", "extra-tijd", "Niemand", "50"]) == 2
    assert "onbekende trainee 'Niemand'" in capsys.readouterr().err


async def test_the_play_screen_counts_down_the_stretched_timer(tmp_path: Path) -> None:
    from textual.widgets import Label, ProgressBar

    from simulator.tui.app import RegieApp
    from simulator.tui.widgets.timer_bar import TimerBar

    store = Store(tmp_path / "regie.sqlite")
    app = RegieApp(LIB, store, realtime=False, seed=lambda: 0, extra_time=50)
    async with app.run_test(size=(120, 40)) as pilot:
        app.sign_in("Sanne de Wit", None)
        app.start_attempt(SID, course=None, mode="training", seed=0)
        await pilot.pause()
        bar = app.screen.query_one(TimerBar)
        assert str(bar.query_one("#timer-text", Label).content) == "Nog 60 s"
        assert bar.query_one("#timer-progress", ProgressBar).total == 60
    store.close()


async def test_the_browsers_app_gets_the_groups_extra_time_from_regie_serve(tmp_path: Path) -> None:
    """regie serve --extra-tijd 50: the option reaches each browser's app process (its
    arguments), and the served app plays with it."""
    from simulator.serve import app as served
    from simulator.serve import app_arguments
    from simulator.tui.served import ServedMode, ServedRegieApp

    argv = app_arguments(tmp_path, "KM-1", 5, 50)
    assert served.parse(argv).extra_tijd == 50
    store = Store(tmp_path / "regie.sqlite")
    mode = ServedMode(groep="KM-1", trainer_code="123456", data=tmp_path, extra_time=50)
    app = ServedRegieApp(LIB, store, mode, realtime=False, seed=lambda: 0)
    async with app.run_test(size=(120, 40)) as pilot:
        app.sign_in("Sanne de Wit", "KM-1")
        app.start_attempt(SID, course=None, mode="training", seed=0)
        await pilot.pause()
        (row,) = store.attempts(trainee="Sanne de Wit")
        assert row.extra_time == 50
    store.close()
