"""Charts with honest scales: scores on a fixed 0-100 axis with the pass mark, escalation by
tension with every level named, and bars of solid blocks on a thin track."""

from __future__ import annotations

from pathlib import Path

from simulator.engine.bots import play_bot
from simulator.language.screen_fit import METER_EMPTY, METER_FULL
from simulator.language.vocabulary import LEVELS
from simulator.store.result import StoredResult
from simulator.store.session import Session
from simulator.tui.screens.progress import ProgressScreen, attempt_lines, competency_lines
from simulator.tui.widgets.competency_bars import bar_line
from simulator.tui.widgets.escalation_curve import curve_lines
from simulator.tui.widgets.score_chart import PASS, axis, columns, score_bar
from tests.tuikit import LIB, make_app, screen_text


def test_a_score_bar_has_one_scale_for_every_attempt() -> None:
    """One attempt of 60 and one of 100 are not the same full bar (the old sparkline scaled
    each line to its own lowest and highest value), and 100 is a full bar."""
    sixty, hundred = score_bar(60, 20), score_bar(100, 20)
    assert sixty != hundred
    assert hundred == METER_FULL * 20
    assert sixty == METER_FULL * 12 + METER_EMPTY * 8
    assert score_bar(0, 20) == METER_EMPTY * 20
    assert columns([100.0, 100.0, 100.0]) == "███"  # a steady 100 is full, not a baseline
    assert columns([60.0, 100.0]) != columns([100.0, 100.0])
    assert columns([None, 50.0]) == "·▄"


def test_the_pass_mark_is_drawn_in_the_bar_and_on_the_axis() -> None:
    bar = score_bar(85, 20, pass_mark=70)
    assert bar.index(PASS) == 14
    line = axis(20, 70)
    assert line.startswith("0") and line.endswith("100") and line.index("70") in (13, 14)


def test_bars_use_no_shading() -> None:
    """The browser's terminal draws shading (░) as dots beside solid blocks: two different
    things in one bar. Bars are solid blocks on a thin track."""
    drawn = score_bar(55, 20, 70) + bar_line("Orde en regie", 55) + columns([10.0, 90.0])
    assert not set(drawn) & set("░▒▓")


def test_the_escalation_curve_stands_for_tension_with_every_level_named() -> None:
    steps = [(1, 1, "●"), (2, 2, "✗"), (3, 3, "●"), (4, 4, "○"), (5, 0, "●")]
    lines = curve_lines(steps, 76)
    rows = [line.split("│")[0].strip() for line in lines[:5]]
    assert rows == [
        "3 controleverlies",
        "2 dreigend controleverlies",
        "1 onrust",
        "4 ontspanning",
        "0 rust",
    ]
    assert all(f"{level} {name}" in "\n".join(lines) for level, name in LEVELS.items())


def test_a_long_attempt_is_drawn_in_bands_that_fit_the_width() -> None:
    steps = [(i, i % 4, "●") for i in range(1, 61)]
    lines = curve_lines(steps, 74)
    assert all(len(line) <= 74 for line in lines)
    numbers = " ".join(line for line in lines if line.strip().startswith("stap"))
    assert "60" in numbers and numbers.count("stap") >= 2


def test_progress_lines_fit_80_columns_and_say_poging_once() -> None:
    from simulator.store import AttemptRow

    def row(score: int, passed: bool) -> AttemptRow:
        return AttemptRow(
            id=1,
            uuid="u",
            trainee="t",
            groep=None,
            scenario="km-spreekkamer-dreiging",
            course=None,
            mode="examen",
            seed=0,
            started="2026-11-23T09:00:00+00:00",
            ended=None,
            status="afgerond",
            ending=None,
            score=score,
            passed=passed,
            result=StoredResult.from_json(
                {"pass_mark": 70, "competencies": {"Orde en regie": score}}
            ),
        )

    titles = {"km-spreekkamer-dreiging": LIB.scenarios["km-spreekkamer-dreiging"].title}
    lines = attempt_lines([row(60, False), row(100, True)], titles, 76)
    assert all(len(line) <= 76 for line in lines)
    hundred, sixty = lines[2], lines[3]  # the newest first
    assert hundred.endswith("100 geslaagd") and sixty.endswith(" 60 niet geslaagd")
    comp = competency_lines([row(60, False)])
    assert "(1 poging)" in "\n".join(comp)


async def test_the_progress_screen_at_80_by_24(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.sign_in("Sanne de Wit", None)
        assert app.trainee is not None
        for bot in ("inhoud-eerst", "protocol"):
            sc = LIB.scenarios["km-spreekkamer-dreiging"]
            _, moves = play_bot(sc, LIB.catalogue, bot, 0)
            session = Session.start(app.store, app.lib, app.trainee, sc.id, 0)
            for move, latency in moves:
                session.wait() if move == "wacht" else session.choose(move, latency)
        app.show_progress()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        shown = screen_text(app)
        assert "Uw 2 pogingen, de nieuwste bovenaan" in shown
        assert METER_FULL * 10 in shown and PASS in shown
        assert "Elke balk loopt van 0 tot 100; │ is de slaaggrens." in shown
        assert "(2 pogingen)" in shown
