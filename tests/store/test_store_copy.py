"""``regie store kopieer``: a laptop's results into the region's PostgreSQL database and
back, without loss or duplication, the same when run twice, checked afterwards."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.engine.class_session import ClassSession
from simulator.language.library import Library, load
from simulator.reports.build import build_report
from simulator.reports.data import GroupReport
from simulator.store import Store, xapi_log
from simulator.store.classes import ClassStore
from simulator.store.classroom import Classroom, shared_trainer_code
from simulator.store.copy import read
from simulator.store.session import Session
from simulator.store.store import FILE_NAME
from tests.storekit import MODEL, SID, Backend, cli, play


@pytest.fixture(scope="module")
def lib() -> Library:
    return load()


def laptop(folder: Path, lib: Library) -> Store:
    """A trainer's laptop after a morning: two trainees, a finished, an unfinished and an
    abandoned attempt, an exam under way, a pincode, a role, settings, extra time for a
    trainee and for the group, statements pushed to an LRS, and one to void there (of a
    trainee who was forgotten); and a class session played together, rewound once, with
    both trainees' votes and their results kept at closing."""
    store = Store.open(folder)
    room = Classroom(store, clock=lambda: 1_800_000_000.0)
    sanne, _ = room.sign_in("Sanne de Wit", "1234", "KM-UTR-03")
    store.set_role(sanne.id, "klantmanager")
    play(Session.start(store, lib, sanne, SID, 1, course="klantmanager-halve-dag"), MODEL)
    play(Session.start(store, lib, sanne, SID, 2), MODEL[:3])  # unfinished
    piet = store.trainee("Piet Jansen", "KM-UTR-03")
    exam = store.start_exam(piet, "zelfstudie-examen", "klantmanager", [(SID, 7), (SID, 8)])
    first = Session.start(store, lib, piet, SID, 7, mode="examen", exam=exam.id)
    play(first, MODEL)
    stopped = Session.start(store, lib, piet, SID, 9, mode="examen")
    stopped.choose(*MODEL[0])
    stopped.stop()
    store.set_setting("thema", "donker")
    store.set_trainee_extra_time("Piet Jansen", 50)
    store.set_group_extra_time("KM-UTR-03", 25)
    finished = store.attempts()[0]
    xapi_log.remember(store, LRS, [(finished.id, "0b5c…-1"), (finished.id, "0b5c…-2")])
    gone = store.trainee("Kees Vergeten", "KM-UTR-03")
    gone_attempt = store.start_attempt(gone, SID, 3)
    xapi_log.remember(store, LRS, [(gone_attempt.id, "77aa…-1")])
    store.forget("Kees Vergeten")
    klassikaal(store, lib, sanne.id, piet.id)
    return store


def klassikaal(store: Store, lib: Library, *trainees: int) -> int:
    """A class session of the group played to the end, rewound to its first step and
    taken the other way there, then closed; every trainee voted at the first step."""
    classes = ClassStore(store, lib, clock=lambda: 1_800_000_000.0)
    session = classes.open("KM-UTR-03", SID, "klantmanager-halve-dag", 4)
    sid = session.state.id
    session = classes.command(sid, lambda s, now: s.start(now))
    for trainee in trainees:
        classes.join(sid, trainee)
        classes.vote(sid, trainee, session.position, model_of(session))
    while session.status != "einde":
        session = classes.command(sid, lambda s, now: s.go_on(model_of(s), now, rolls=()))
    session = classes.command(sid, lambda s, now: s.rewind(0, now))
    session = classes.command(sid, lambda s, now: s.go_on(wrong_of(s), now, how="trainer"))
    classes.close(sid)
    return sid


def model_of(session: ClassSession) -> str:
    fase = session.attempt().fase
    assert fase is not None and fase.model_choice is not None
    return fase.model_choice.id


def wrong_of(session: ClassSession) -> str:
    fase = session.attempt().fase
    assert fase is not None
    return next(c.id for c in fase.choices if c.intent == "fout")


LRS = "https://lrs.regio.nl/xapi/"


def test_a_laptop_into_the_database_and_back_loses_nothing(
    tmp_path: Path, pg_url: str, lib: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    with laptop(tmp_path / "laptop", lib) as store:
        original = read(store)
        room = Classroom(store)
        presence_before = len(room.present())
    code, out, err = cli(
        capsys, "store", "kopieer", "--van", str(tmp_path / "laptop"), "--naar", pg_url
    )
    assert code == 0, err
    assert "2 trainees" in out and "4 pogingen" in out and "1 examen" in out
    assert "1 klassikale les" in out
    assert "Alles uit de bron staat ongewijzigd in het doel." in out
    password = pg_url.split(":")[2].split("@")[0]
    assert password not in out + err
    region = Backend("postgresql", tmp_path / "regio", pg_url)
    with region.open() as store:
        assert read(store) == original
        assert [r.status for r in store.attempts()] == [
            "afgerond",
            "bezig",
            "afgerond",
            "afgebroken",
        ]
        # what the reports read is the same (numbers may differ, nothing else)
        (exam,) = store.exams()
        assert [a.scenario for a in store.exam_attempts(exam.id)] == [SID]
        assert Classroom(store).known("sanne de wit")  # the pincode came along
        assert store.role(store.trainee("Sanne de Wit").id) == "klantmanager"
        assert store.setting("thema") == "donker"
        assert presence_before == 0 and Classroom(store).present() == []
        # extra time, for the trainee and the group
        assert store.extra_times() == ({"Piet Jansen": 50}, {"KM-UTR-03": 25})
        assert store.extra_time(store.trainee("Sanne de Wit").id) == 25
        # the LRS: nothing is sent twice from here, and the forgotten trainee is still voided
        assert xapi_log.sent_ids(store, LRS) == {"0b5c…-1", "0b5c…-2"}
        assert xapi_log.pending_voids(store, LRS) == ["77aa…-1"]
        # the class session: both branches, both trainees' votes and results, in the report
        (row,) = ClassStore(store, lib).sessions(groep="KM-UTR-03")
        assert row.status == "gesloten"
        report = build_report(store, lib, groep="KM-UTR-03")
        assert isinstance(report, GroupReport)
        (summary,) = report.classes
        assert [b.number for b in summary.branches] == [1, 2]
        assert sorted(m.name for m in summary.members) == ["Piet Jansen", "Sanne de Wit"]

    # back, into a new file: the same again
    code, out, err = cli(
        capsys, "store", "kopieer", "--van", pg_url, "--naar", str(tmp_path / "terug")
    )
    assert code == 0, err
    with Store(tmp_path / "terug" / FILE_NAME) as store:
        assert read(store) == original
    # forgetting Sanne in the database voids in the LRS what the laptop sent of her
    with region.open() as store:
        assert store.forget("Sanne de Wit")
        assert sorted(xapi_log.pending_voids(store, LRS)) == ["0b5c…-1", "0b5c…-2", "77aa…-1"]


def test_copying_twice_changes_nothing(
    tmp_path: Path, pg_url: str, lib: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop(tmp_path / "laptop", lib).close()
    source = str(tmp_path / "laptop" / FILE_NAME)
    assert cli(capsys, "store", "kopieer", "--van", source, "--naar", pg_url)[0] == 0
    region = Backend("postgresql", tmp_path, pg_url)
    before = region.contents()
    code, out, err = cli(capsys, "store", "kopieer", "--van", source, "--naar", pg_url)
    assert code == 0, err
    assert "4 pogingen" in out and "0 nieuw, 4 stonden er al" in out
    assert "1 klassikale les" in out and "0 nieuw, 1 stond er al" in out
    assert "Alles uit de bron staat ongewijzigd in het doel." in out
    assert region.contents() == before


def test_two_laptops_into_one_database_and_an_attempt_that_went_on(
    tmp_path: Path, pg_url: str, lib: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    """Laptop 1 is copied in while Sanne's attempt is unfinished; she plays it to the end
    on that laptop and laptop 1 is copied again: the attempt is brought up to date. Laptop
    2 (Sanne again, and Ahmed) comes in beside it: one Sanne, both laptops' attempts."""
    one = laptop(tmp_path / "een", lib)
    assert cli(capsys, "store", "kopieer", "--van", str(tmp_path / "een"), "--naar", pg_url)[0] == 0
    (busy,) = one.unfinished("Sanne de Wit")
    session = Session.resume(one, lib, busy.id)
    play(session, MODEL[3:])
    one.close()
    code, out, err = cli(
        capsys, "store", "kopieer", "--van", str(tmp_path / "een"), "--naar", pg_url
    )
    assert code == 0, err
    assert "1 bijgewerkt" in out

    with Store.open(tmp_path / "twee") as two:
        sanne = two.trainee("Sanne de Wit")  # no pincode here (played at the terminal)
        play(Session.start(two, lib, sanne, SID, 5), MODEL)
        play(Session.start(two, lib, two.trainee("Ahmed El Idrissi", "KM-UTR-03"), SID, 6), MODEL)
    code, out, err = cli(
        capsys, "store", "kopieer", "--van", str(tmp_path / "twee"), "--naar", pg_url
    )
    assert code == 0, err

    with Store.open(tmp_path, database=pg_url) as region:
        assert [t.name for t in region.trainees()] == [
            "Ahmed El Idrissi",
            "Piet Jansen",
            "Sanne de Wit",
        ]
        sanne_rows = region.attempts(trainee="Sanne de Wit")
        assert [r.status for r in sanne_rows] == ["afgerond", "afgerond", "afgerond"]
        assert region.moves(sanne_rows[1].id) == MODEL
        assert Classroom(region).known("Sanne de Wit")  # laptop 1's pincode stayed
        assert len({r.uuid for r in region.attempts()}) == len(region.attempts()) == 6


def test_what_the_target_has_otherwise_is_kept_and_told(
    tmp_path: Path, pg_url: str, lib: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    laptop(tmp_path / "laptop", lib).close()
    with Store.open(tmp_path, database=pg_url) as region:
        Classroom(region).sign_in("Sanne de Wit", "9999", "KM-AMS-01")  # another pincode
        region.set_setting("thema", "licht")
        codes = shared_trainer_code(region, "KM-AMS-01", lambda: "123456")
    code, out, err = cli(
        capsys, "store", "kopieer", "--van", str(tmp_path / "laptop"), "--naar", pg_url
    )
    assert code == 1
    assert "trainee Sanne de Wit: de groep is in het doel anders" in err
    assert "de pincode is in het doel anders" in err
    assert "er is niets overschreven" in err
    assert "de instelling 'thema' had in het doel al een waarde" in out
    assert "Traceback" not in err
    with Store.open(tmp_path, database=pg_url) as region:
        room = Classroom(region, clock=lambda: 1_800_000_000.0)
        trainee, new = room.sign_in("Sanne de Wit", "9999", None)  # the database's own pincode
        assert not new and trainee.groep == "KM-AMS-01"
        assert region.setting("thema") == "licht"
        assert shared_trainer_code(region, "KM-AMS-01", lambda: "000000") == codes
        assert len(region.attempts(trainee="Sanne de Wit")) == 2  # the laptop's came in


def test_a_source_that_is_not_there_or_the_same_place_is_refused(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = cli(
        capsys, "store", "kopieer", "--van", str(tmp_path / "nergens"), "--naar", pg_url
    )
    assert code == 1 and "bestaat niet" in err and "Traceback" not in err
    assert not (tmp_path / "nergens").exists()
    code, _, err = cli(capsys, "store", "kopieer", "--van", pg_url, "--naar", str(tmp_path / "x"))
    assert code == 1 and "bevat geen opslag van Regie" in err  # an empty database
    assert not (tmp_path / "x").exists()
    Store.open(tmp_path / "hier").close()
    code, _, err = cli(
        capsys,
        "store",
        "kopieer",
        "--van",
        str(tmp_path / "hier"),
        "--naar",
        str(tmp_path / "hier" / FILE_NAME),
    )
    assert code == 1 and "dezelfde opslag" in err


def test_a_class_session_under_way_does_not_become_a_second_one_in_the_target(
    tmp_path: Path, pg_url: str, lib: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    """One room, one scenario at a time: the laptop's class session is still open, and the
    group already has one under way in the database. The laptop's is not copied, and told;
    the closed one of the morning is."""
    with laptop(tmp_path / "laptop", lib) as store:
        ClassStore(store, lib).open("KM-UTR-03", SID, None, 11)
    with Store.open(tmp_path, database=pg_url) as region:
        ClassStore(region, lib).open("KM-UTR-03", SID, None, 12)
    code, out, err = cli(
        capsys, "store", "kopieer", "--van", str(tmp_path / "laptop"), "--naar", pg_url
    )
    assert code == 1, (out, err)
    assert "2 klassikale lessen" in out and "1 nieuw" in out, err
    assert f"klassikale les {SID} van KM-UTR-03" in err and "niet gekopieerd" in err, err
    with Store.open(tmp_path, database=pg_url) as region:
        rows = ClassStore(region, lib).sessions(groep="KM-UTR-03")
        assert sorted(r.status for r in rows) == ["gesloten", "open"]
