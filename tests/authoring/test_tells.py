"""Reading must win: `regie check` finds tells, mixed quoting and timers nobody can read in time;
the bot 'langste' picks by length; an act is told as an act, not as speech."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.authoring.tells import MEASURES, reading_seconds, tail, tally
from simulator.cli import main
from simulator.engine.bots import play_bot
from simulator.language.library import load, load_one
from simulator.language.speech import Form, form_of, own_line, quotations
from tests.hypothesis_profiles import examples

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "tells"
TELL = FIXTURES / "verraad.yaml"
FAIR = FIXTURES / "zonder-verraad.yaml"
TELL_FILE = "tests/fixtures/tells/verraad.yaml"


def check(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["check", *argv])
    return code, capsys.readouterr().out


def test_a_model_answer_that_is_always_the_longest_is_a_tell(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code, out = check(capsys, TELL_FILE)
    assert code == 0, out  # a warning in plain 'regie check' ...
    assert (
        f"{TELL_FILE}:25:9: waarschuwing: fasen.boos.keuzes[1]: het modelantwoord is in 3 van 3 "
        "fasen met drie of meer keuzes de langste keuze; bij toeval ongeveer 1 (kans op 3 of "
        "meer: 3,7%). Wie zo kiest, hoeft niet te lezen (fasen: boos, stil, terug)"
    ) in out
    code, _ = check(capsys, TELL_FILE, "--strict")
    assert code == 1  # ... and an error under --strict


def test_a_fair_scenario_has_no_tell_and_passes_strict(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out = check(capsys, str(FAIR), "--strict")
    assert code == 0, out
    assert "waarschuwing" not in out
    sc = load_one(FAIR)
    longest = tally(MEASURES[0], [sc])
    assert (longest.fasen, longest.observed) == (3, 0)


def test_the_tail_is_the_chance_of_luck_giving_as_many() -> None:
    assert tail([1 / 3] * 3, 3) == pytest.approx(1 / 27)
    assert tail([0.5, 0.5], 1) == pytest.approx(0.75)
    assert tail([0.25] * 4, 0) == pytest.approx(1.0)


def one_by_one(chances: list[float], at_least: int) -> float:
    """The tail by the book: the distribution built one outcome at a time."""
    dist = [1.0]
    for q in chances:
        nxt = [0.0] * (len(dist) + 1)
        for k, pk in enumerate(dist):
            nxt[k] += pk * (1 - q)
            nxt[k + 1] += pk * q
        dist = nxt
    return min(1.0, sum(dist[at_least:]))


@settings(max_examples=examples(150), deadline=None)
@given(
    st.lists(st.sampled_from([1 / 3, 1 / 4, 1 / 5, 1 / 6, 1 / 9, 0.5]), max_size=250),
    st.integers(min_value=0, max_value=260),
)
def test_the_tail_of_equal_chances_taken_together_is_the_tail(
    chances: list[float], at_least: int
) -> None:
    """``tail`` counts equal chances together (a scenario of 10,000 fasen took minutes one
    by one); it gives the same chance, to a relative 1e-9 (and anything below 1e-30 is 0)."""
    exact = one_by_one(chances, at_least)
    assert tail(chances, at_least) == pytest.approx(exact, rel=1e-9, abs=1e-30)


def test_the_bot_langste_takes_the_longest_choice_and_passes_the_tell(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = load([TELL])
    sc = lib.scenarios["test-verraad"]
    attempt, moves = play_bot(sc, lib.catalogue, "langste", 0)
    played = [m for m, _ in moves]
    assert played == ["gevoel-erkennen", "inhoud-hervatten", "inhoud-hervatten"]
    for ev in attempt.trace:
        if ev.kind == "choice" and ev.fase and ev.choice:
            fase = sc.fasen[ev.fase]
            assert ev.choice == max(fase.choices, key=lambda c: len(c.text)).id
    monkeypatch.chdir(ROOT)
    code, out = check(capsys, TELL_FILE)
    assert code == 0, out
    assert "bot 'langste' haalt 3 van 3 pogingen, 'willekeurig' 1 van 3." in out
    assert "de bot 'langste' kiest" not in out  # one scenario: its tells speak for it
    code, out = check(capsys, "tests/fixtures/tells")
    assert code == 0, out
    assert "bot 'langste' haalt 3 van 6 pogingen, 'willekeurig' 2 van 6." in out
    assert (
        "tests/fixtures/tells: waarschuwing: de bot 'langste' kiest altijd de langste keuze, "
        "zonder te lezen, en haalt 3 van 6 pogingen; de bot 'willekeurig' haalt er 2."
    ) in out
    code, out = check(capsys, str(FAIR))
    assert code == 0, out
    assert "bot 'langste' haalt 0 van 3 pogingen" in out
    assert "de bot 'langste' kiest" not in out


def test_a_timer_shorter_than_the_reading_time_is_told(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    code, out = check(capsys, TELL_FILE)
    assert code == 0, out
    assert (
        f"{TELL_FILE}:16:3: waarschuwing: fasen.boos.timer: timer 8 s, lezen kost ongeveer 18 s "
        "(47 woorden bij 200 woorden per minuut, plus 3 s om te kiezen)"
    ) in out
    fair = load_one(FAIR).fasen["boos"]
    assert fair.timer is not None and fair.timer.seconds >= reading_seconds(fair)


def test_spoken_choices_in_one_fase_are_quoted_one_way(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    _, out = check(capsys, TELL_FILE)
    assert (
        f"{TELL_FILE}:44:9: waarschuwing: fasen.stil.keuzes[1]: gesproken keuzes staan in deze "
        "fase op twee manieren: keuzes 1 en 3 zonder aanhalingstekens, keuze 2 ertussen."
    ) in out
    assert (
        f"{TELL_FILE}:75:9: waarschuwing: fasen.terug.keuzes[2]: de keuzes in deze fase citeren "
        "op verschillende manieren: meestal met '…', maar keuze 2 met \"…\"."
    ) in out


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("'Ik onderbreek dit gesprek.'", Form.QUOTED),
        ("U kijkt haar aan en zegt rustig: 'Ik blijf bij u.'", Form.ACT),
        ("'Goed, excuses aanvaard.' U drukt op print.", Form.ACT),
        ("Samira is ervaren. U blijft op de gang staan.", Form.ACT),
        ("Ik snap dat u boos bent over zo'n bedrag.", Form.BARE),
        ("Meneer Wolters, vanaf nu is het opgeschort. U krijgt geen afspraken.", Form.BARE),
    ],
)
def test_the_form_of_a_choice(text: str, form: Form) -> None:
    assert form_of(text) is form


def test_an_apostrophe_is_no_quotation() -> None:
    assert quotations("Kom 's middags terug, met zo'n formulier of twee auto's.") == []
    assert len(quotations("U zegt: 'Kom 's middags terug.'")) == 1


def test_an_act_is_told_as_an_act_and_speech_as_speech() -> None:
    act = "U kijkt haar aan en zegt rustig: 'Ik blijf bij u.'"
    assert own_line(act) == act
    assert own_line("'Gaat u zitten.'") == "U: 'Gaat u zitten.'"
    assert own_line("Ik snap dat u boos bent.") == "U: Ik snap dat u boos bent."
