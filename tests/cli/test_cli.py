"""The command line: ``regie run``, ``list``, ``check`` and their exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.cli.run import parse_moves
from simulator.language.library import load

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini.yaml"
STIL_SEED = 0  # mini starts in 'stil' with seed 0
BOOS_SEED = 1  # ... and in 'boos' with seed 1


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_seeds_used_here_start_where_expected(capsys: pytest.CaptureFixture[str]) -> None:
    for seed, state in [(STIL_SEED, "stil"), (BOOS_SEED, "boos")]:
        code, out, _ = run(capsys, "run", str(MINI), "--seed", str(seed), "--json")
        assert code == 0
        assert json.loads(out)["state"] == state


def test_run_text_prints_the_ending(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "run", str(MINI), "--choices", "inhoud-hervatten@3,1", "--seed", str(STIL_SEED)
    )
    assert code == 0, err
    assert "Goed afgelopen" in out
    assert "Einde: Goed afgelopen (uitkomst: goed)" in out
    assert "… 18 uur later" in out
    assert err == ""


def test_run_text_with_a_timer_and_chance(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "run", str(MINI), "--choices", "wacht,wacht", "--seed", str(BOOS_SEED)
    )
    assert code == 0, err
    assert "De tijd is om" in out
    assert "Einde: " in out


def test_run_text_unfinished_says_what_is_on_offer(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "run", str(MINI), "--seed", str(BOOS_SEED))
    assert code == 0
    assert "Nog niet afgelopen" in out
    assert "1=gevoel-erkennen, 2=inhoud-doorgaan of 'wacht'" in out


def test_run_json(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["run", str(MINI), "--choices", "inhoud-doorgaan@2,wacht", "--seed", str(BOOS_SEED)]
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    data = json.loads(out)
    assert {"scenario", "seed", "trace", "ending"} <= set(data)
    assert data["scenario"] == "test-mini"
    assert data["seed"] == BOOS_SEED
    assert data["finished"] is True
    assert data["ending"]["id"] in ("gestopt", "escalatie")
    assert data["ending"]["id"] == data["state"]
    assert data["choices"] == [
        {"choice": "inhoud-doorgaan", "latency": 2.0},
        {"choice": "wacht", "latency": None},
    ]
    assert [e["kind"] for e in data["trace"]][-3:] == ["timeout", "chance", "end"]
    # the same seed gives the very same document
    code2, out2, _ = run(capsys, *argv, "--json")
    assert code2 == 0
    assert out2 == out


def test_run_json_unfinished_has_no_ending(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "run", str(MINI), "--seed", str(STIL_SEED), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["ending"] is None
    assert data["finished"] is False


def test_unknown_choice(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "run", str(MINI), "--choices", "schreeuwen", "--seed", str(STIL_SEED)
    )
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert "keuze 1 ('schreeuwen')" in err
    assert "staat hier niet tussen de keuzes" in err
    assert "1=inhoud-hervatten, 2=afronden" in err


def test_choice_too_late(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "run", str(MINI), "--choices", "1@12", "--seed", str(BOOS_SEED))
    assert code == 2
    assert "te laat" in err
    assert "Traceback" not in err


def test_wait_without_timer(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "run", str(MINI), "--choices", "wacht", "--seed", str(STIL_SEED))
    assert code == 2
    assert "geen timer" in err


def test_choice_after_the_end(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "run", str(MINI), "--choices", "afronden,1", "--seed", str(STIL_SEED)
    )
    assert code == 2
    assert "keuze 2" in err
    assert "afgelopen" in err


@pytest.mark.parametrize("choices", ["afronden@x", "1@3s", "wacht@soms"])
def test_bad_seconds(capsys: pytest.CaptureFixture[str], choices: str) -> None:
    code, out, err = run(capsys, "run", str(MINI), "--choices", choices, "--seed", "0")
    assert code == 2
    assert out == ""
    assert "na '@' hoort een aantal seconden" in err
    assert "Traceback" not in err


def test_parse_moves() -> None:
    assert parse_moves("") == []
    assert parse_moves("afronden@") == [("afronden", None)]  # an empty '@': no think time
    assert parse_moves("a, b@3 ,wacht,,2@0.5") == [
        ("a", None),
        ("b", 3.0),
        ("wacht", None),
        ("2", 0.5),
    ]


def test_unknown_scenario_id_suggests_a_close_one() -> None:
    lib = load([MINI])
    assert lib.scenario("test-mini").id == "test-mini"
    with pytest.raises(LookupError, match="Bedoelde u 'test-mini'"):
        lib.scenario("test-mnii")
    with pytest.raises(LookupError) as info:
        lib.scenario("iets-heel-anders")
    assert "Bedoelde u" not in str(info.value)


def test_run_unknown_scenario_id(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the command line, with a 'bundled' library that holds mini."""
    import simulator.language.library

    real_load = simulator.language.library.load
    monkeypatch.setattr(
        simulator.language.library,
        "load",
        lambda paths=None, **options: real_load(paths or [MINI], **options),
    )
    code, out, err = run(capsys, "run", "test-mnii")
    assert code == 2
    assert out == ""
    assert "onbekend scenario 'test-mnii'" in err
    assert "Bedoelde u 'test-mini'" in err
    assert "Traceback" not in err
    # and the real id works by id
    code, out, _ = run(capsys, "run", "test-mini", "--choices", "afronden", "--seed", "0")
    assert code == 0
    assert "Gestopt" in out


def test_run_unknown_scenario_id_in_the_bundled_library(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "run", "bestaat-niet-xyz")
    assert code == 2
    assert "onbekend scenario 'bestaat-niet-xyz'" in err


def test_run_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "run", str(tmp_path / "weg.yaml"))
    assert code == 2
    assert "bestaat niet" in err
    assert "Traceback" not in err


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for command in ("list", "check", "run", "test", "trainee", "attempts"):
        assert command in out


def test_no_arguments_opens_the_game(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    opened: list[object] = []
    monkeypatch.setattr("simulator.tui.app.RegieApp.run", lambda self: opened.append(self))
    monkeypatch.setattr("sys.stdin", Terminal())  # as at a terminal
    assert main(["--data", str(tmp_path)]) == 0
    assert len(opened) == 1
    assert (tmp_path / "regie.sqlite").exists()


def test_check(capsys: pytest.CaptureFixture[str]) -> None:
    # mini is valid YAML and a valid scenario, but in its calm start variant nothing is
    # ever disturbed, so a trainee who does nothing passes: the bot check must say so.
    code, out, _ = run(capsys, "check", str(MINI))
    assert code == 1
    assert "de bot 'nietsdoener' slaagt" in out
    assert "wie niets doet, mag nooit slagen" in out
    assert "mini.yaml:1:1: " in out
    code, out, _ = run(capsys, "check", str(MINI), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["scenarios"] == ["test-mini"]
    bots = [p["message"] for p in data["problems"] if p["severity"] == "fout"]
    assert bots and all("de bot" in m for m in bots)
    assert data["bots"]["langste"]["attempts"] == 3


def test_check_broken(capsys: pytest.CaptureFixture[str]) -> None:
    broken = ROOT / "tests" / "fixtures" / "broken" / "dubbele-interventie.yaml"
    code, out, _ = run(capsys, "check", str(broken))
    assert code == 1
    assert "1 fout." in out


def test_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["id", "rol", "moeilijkheid"]


def test_python_m_simulator_list() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "simulator", "list"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("id")
    assert "Traceback" not in proc.stderr


def test_training_mode_shows_feedback_after_each_step_and_exam_mode_does_not(
    capsys: pytest.CaptureFixture[str],
) -> None:
    moves = "inhoud-stoppen,besluit-uitleggen,eis-inwilligen"
    code, training, _ = run(capsys, "run", "km-spreekkamer-dreiging", "--choices", moves)
    assert code == 0
    before_step_3 = training.split("  3. [")[0]
    # right after step 2 the trainee reads the scenario's feedback and the rule it broke
    assert "→ U blijft uitleggen terwijl de orde verstoord is." in before_step_3
    assert "✗ Orde vóór inhoud: U koos 'Het besluit (nog eens) uitleggen'" in before_step_3
    code, exam, _ = run(capsys, "run", "km-spreekkamer-dreiging", "--choices", moves, "--exam")
    assert code == 0
    transcript_part = exam.split("Score:")[0]
    assert "→ " not in transcript_part and "✗ " not in transcript_part
    assert "NIET GESLAAGD" in exam  # the judgement still comes at the end


# --- regie check and files that are not files (issue 19, item 15) ---------------------------


def _check_in_a_child(*paths: Path) -> subprocess.CompletedProcess[str]:
    """``regie check`` in a child with 512 MB of address space and 60 seconds: a hang or an
    endless read fails the test instead of the machine."""
    limit = (
        "import resource, sys; resource.setrlimit(resource.RLIMIT_AS, (2**29, 2**29)); "
        "from simulator.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    return subprocess.run(
        [sys.executable, "-c", limit, "check", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes and /dev/zero are POSIX")
def test_check_refuses_a_fifo_and_a_symlink_to_a_device_without_waiting(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "mini.yaml").write_text(MINI.read_text(encoding="utf-8"), encoding="utf-8")
    os.mkfifo(folder / "pijp.yaml")
    (folder / "nul.yaml").symlink_to("/dev/zero")
    try:
        done = _check_in_a_child(folder)
    except subprocess.TimeoutExpired:
        pytest.fail("regie check waits on a named pipe")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr
    assert "scenarios/pijp.yaml: dit is een named pipe (FIFO), geen gewoon bestand" in done.stdout
    assert "scenarios/nul.yaml: dit is een apparaat, geen gewoon bestand" in done.stdout
    assert "3 bestanden gecontroleerd" in done.stdout  # and the real one was checked too


def test_bare_regie_without_a_terminal_says_so_and_stops(tmp_path: Path) -> None:
    """No terminal on stdin (a pipe, a service): a Dutch message, not a spinning app."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "simulator", "--data", str(tmp_path)],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("bare regie without a terminal did not stop")
    assert done.returncode == 2
    assert "het spel heeft een terminal nodig" in done.stderr
    assert "regie run SCENARIO --bot protocol" in done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []  # no store made for a game that never started


# --- regie run --trainee: a headless attempt saved as the app saves it (issue 19) -----------

KM = "km-spreekkamer-dreiging"


def test_run_with_a_trainee_saves_the_attempt_as_the_app_would(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from simulator.store import Store
    from simulator.store.session import Session

    data = str(tmp_path)
    code, out, err = run(
        capsys,
        "--data",
        data,
        "run",
        KM,
        "--bot",
        "protocol",
        "--json",
        "--trainee",
        "Sanne de Wit",
        "--groep",
        "KM-1",
    )
    assert code == 0, err
    assert "Opgeslagen: poging 1 van Sanne de Wit (afgerond)." in err
    played = json.loads(out)
    with Store.open(tmp_path) as store:
        (row,) = store.attempts(trainee="Sanne de Wit")
        assert (row.groep, row.scenario, row.mode, row.status) == (
            "KM-1",
            KM,
            "training",
            "afgerond",
        )
        assert row.score == played["result"]["score"] and row.passed == played["result"]["passed"]
        assert [e.to_json() for e in store.events(row.id)] == played["trace"]
        assert [m for m, _ in store.moves(row.id)] == [c["choice"] for c in played["choices"]]
        assert Session.resume(store, load(), row.id).row.result == row.result  # as the app reads it
    # and it is what reports and exports are made of
    code, out, _ = run(capsys, "--data", data, "report", "--trainee", "Sanne de Wit")
    assert code == 0 and "- Pogingen: 1" in out

    # an unfinished exam stays unfinished, for the app to go on with
    code, _, err = run(
        capsys, "--data", data, "run", KM, "--choices", "1", "--exam", "--trainee", "Sanne de Wit"
    )
    assert code == 0 and "(nog niet af)" in err
    with Store.open(tmp_path) as store:
        (open_exam,) = store.unfinished("Sanne de Wit")
        assert open_exam.mode == "examen" and len(store.moves(open_exam.id)) == 1


def test_run_trainee_refuses_what_it_cannot_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--data", str(tmp_path), "run", KM, "--groep", "KM-1")
    assert code == 2 and "--groep hoort bij --trainee" in err
    code, _, err = run(capsys, "--data", str(tmp_path), "run", str(MINI), "--trainee", "Sanne")
    assert code == 2 and "alleen scenario's uit de bibliotheek" in err
    code, _, err = run(
        capsys,
        "--data",
        str(tmp_path),
        "run",
        KM,
        "--choices",
        "bestaat-niet",
        "--trainee",
        "Sanne",
    )
    assert code == 2 and "keuze 1" in err
    assert list(tmp_path.iterdir()) == []  # nothing saved for a run that was refused


def test_explore_and_run_say_what_a_file_is_when_it_is_no_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not 'onbekend scenario' for a file that is there: what it is, and what to give."""
    notes = tmp_path / "notities.txt"
    notes.write_text("hallo\n", encoding="utf-8")
    course = ROOT / "scenarios" / "cursussen" / "zelfstudie-examen.yaml"
    cases = {
        str(notes): "dit is geen scenario maar een ander bestand",
        str(tmp_path): "dit is geen scenario maar een map",
        str(course): "dit is een cursus, geen scenario",
    }
    for command in ("explore", "run"):
        for ref, said in cases.items():
            code, out, err = run(capsys, command, ref)
            assert code == 2 and out == ""
            assert said in err and "onbekend scenario" not in err, err
            assert "regie list" in err
