"""The app, driven by a pilot: a whole scenario from the welcome screen to the debrief."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from scoring import BY_ID
from simulator.cli import main
from simulator.language.library import load
from simulator.language.model import Course
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.confirm import ConfirmScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.exam_summary import ExamSummaryScreen
from simulator.tui.screens.help import HelpScreen
from simulator.tui.screens.play import PlayScreen
from simulator.tui.screens.scenario_list import EXAM_ROW, ScenarioListScreen
from simulator.tui.widgets.choice_list import ChoiceList
from simulator.tui.widgets.story_log import StoryLog
from tests.tuikit import (
    key_for,
    make_app,
    pick_scenario,
    play_directly,
    screen_text,
    sign_in,
    start_scenario,
)

ROOT = Path(__file__).resolve().parents[2]

# km-spreekkamer-dreiging, seed 0: stop the content, then let the timer run out, then the model
# path (by choice id: the screen shows the choices in a seeded order)
KEYS_AND_WAITS: list[str | float] = [
    "inhoud-stoppen",
    45.0,
    "beveiliging-inschakelen",
    "aanwijzing-opvolgen",
    "incident-melden",
    "aangifte-met-vc",
    "nazorg-aannemen",
]
CLI_MOVES = "inhoud-stoppen@0,wacht,beveiliging-inschakelen@0,aanwijzing-opvolgen@0,incident-melden@0,aangifte-met-vc@0,nazorg-aannemen@0"


async def test_a_whole_scenario_from_welcome_to_debrief_matches_regie_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, ScenarioListScreen)
        await pick_scenario(pilot, "km-spreekkamer-dreiging")
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        for step in KEYS_AND_WAITS:
            if isinstance(step, float):
                play.advance(step)  # a simulated clock: the timer runs out
            else:
                await pilot.press(key_for(pilot, step))
            await pilot.pause()
        await pilot.pause()
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        shown = "\n".join(str(w.render()) for w in debrief.query(Static))
        tui = [(v.rule, v.status.value, v.step, v.evidence) for v in debrief.result.verdicts]

    assert (
        main(["run", "km-spreekkamer-dreiging", "--seed", "0", "--choices", CLI_MOVES, "--json"])
        == 0
    )
    cli = json.loads(capsys.readouterr().out)["result"]
    assert tui == [(v["rule"], v["status"], v["step"], v["evidence"]) for v in cli["verdicts"]]
    assert debrief.result.score == cli["score"] and debrief.result.passed == cli["passed"]
    # what the trainee reads on the debrief is that same judgement
    violated = [v for v in cli["verdicts"] if v["status"] == "violated"]
    assert violated, "letting the timer run out where order is disturbed must be judged"
    feedback = {s["step"]: s["feedback"] for s in cli["steps"]}
    for v in violated:
        assert BY_ID[v["rule"]].title in shown
        # at a step: its card says why, in the author's words where there are any
        why = feedback.get(v["step"]) or v["evidence"]
        assert " ".join(why.split()) in shown, why
    assert f"score {cli['score']} van 100" in shown
    # and the store has the finished attempt with that result
    rows = app.store.attempts(trainee="Sanne de Wit")
    assert [(r.scenario, r.status, r.score) for r in rows] == [
        ("km-spreekkamer-dreiging", "afgerond", cli["score"])
    ]


async def test_training_mode_shows_feedback_after_a_choice(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await sign_in(pilot)
        await start_scenario(pilot, "km-spreekkamer-dreiging")
        await pilot.press(key_for(pilot, "besluit-uitleggen"))  # content while order is disturbed
        await pilot.pause()
        log = app.screen.query_one(StoryLog).text
        assert "U gaat door met de inhoud terwijl de orde verstoord is" in log
        assert "✗ Orde vóór inhoud" in log


async def test_pause_stops_the_timer_and_stop_costs_nothing_in_training(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await sign_in(pilot)
        await start_scenario(pilot, "km-spreekkamer-dreiging")
        play = app.screen
        assert isinstance(play, PlayScreen)
        await pilot.press("p")
        play.advance(60)
        assert play.session.attempt.state == "binnenkomst", "paused: the timer does not run"
        await pilot.press("p", "s")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioListScreen)
        assert app.store.attempts(trainee="Sanne de Wit") == []


async def test_after_a_crash_the_app_offers_to_resume(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 34)) as pilot:
        await sign_in(pilot)
        await start_scenario(pilot, "km-spreekkamer-dreiging")
        await pilot.press(key_for(pilot, "inhoud-stoppen"))
        await pilot.pause()
    # the process died here: the attempt is still 'bezig' in the store
    again = make_app(tmp_path)
    async with again.run_test(size=(100, 34)) as pilot:
        assert again.screen.query_one("#name", Input).value == "Sanne de Wit", "name remembered"
        await sign_in(pilot)
        assert isinstance(again.screen, ConfirmScreen)
        assert "verdergaan" in str(again.screen.query_one(Static).render())
        await pilot.press("j")
        await pilot.pause()
        play = again.screen
        assert isinstance(play, PlayScreen)
        assert play.session.attempt.state == "eis"
        assert [m for m, _ in again.store.moves(play.session.row.id)] == ["inhoud-stoppen"]
        # the note that this is where the trainee left off comes below the story so far, and
        # is in view (not at the top of the story, scrolled away)
        await pilot.pause()
        log = play.query_one(StoryLog)
        assert log.entries[-1] == ("clock", "U gaat verder waar u gebleven was.")
        top, rows = round(log.scroll_y), log.scrollable_content_region.height
        assert "gebleven was" in " ".join(strip.text for strip in log.lines[top : top + rows])


async def test_help_is_one_key_away(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_a_terminal_too_small_asks_for_a_larger_window(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        text = "\n".join(str(w.render()) for w in app.screen.query(Static))
        assert "te klein" in text
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert "te klein" not in "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_an_exam_gives_no_feedback_until_the_end_and_ends_with_a_summary(
    tmp_path: Path,
) -> None:
    lib = load(
        [
            ROOT / "scenarios" / "bibliotheek" / "km-spreekkamer-dreiging.yaml",
            ROOT / "scenarios" / "bibliotheek" / "km-omkoping.yaml",
        ]
    )
    lib.courses["zelfstudie-examen"] = Course(
        "zelfstudie-examen",
        "Zelfstudie en examen",
        "Het examen.",
        None,
        "examen",
        ("km-spreekkamer-dreiging", "km-omkoping"),
        exam_draw=2,
        pass_mark=70,
    )
    app = make_app(tmp_path, lib)
    async with app.run_test(size=(100, 34)) as pilot:
        await sign_in(pilot, training="zelfstudie-examen")
        await pick_scenario(pilot, EXAM_ROW)
        await pilot.press("k")  # the role, asked before a first exam
        await pilot.pause()
        played = []
        for _ in range(2):
            assert isinstance(app.screen, BriefingScreen) and app.screen.mode == "examen"
            await pilot.press("enter")
            await pilot.pause()
            play = app.screen
            assert isinstance(play, PlayScreen)
            played.append(play.session.attempt.scenario.id)
            await pilot.press("p")  # no pause in an exam: the time keeps running
            assert not play.paused
            story = play.query_one(StoryLog)
            while not play.session.attempt.finished:
                fase = play.session.attempt.fase
                assert fase is not None
                model = next(c for c in fase.choices if c.model)
                await pilot.press(key_for(pilot, model.id))
                await pilot.pause()
                log = story.text
                assert "→ " not in log and "✗ " not in log, "no feedback during an exam"
            await pilot.pause()
        assert sorted(played) == ["km-omkoping", "km-spreekkamer-dreiging"]
        assert isinstance(app.screen, ExamSummaryScreen)
        summary = str(app.screen.query_one("#exam-result", Static).render())
        assert "GESLAAGD voor het examen" in summary and "2 van de 2" in summary
    rows = app.store.attempts(trainee="Sanne de Wit")
    assert [r.mode for r in rows] == ["examen", "examen"] and all(r.passed for r in rows)


async def test_the_story_wraps_again_when_the_window_changes(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 34)) as pilot:
        await sign_in(pilot)
        await start_scenario(pilot, "km-spreekkamer-dreiging")
        await pilot.press(key_for(pilot, "inhoud-stoppen"))
        await pilot.pause()
        log = app.screen.query_one(StoryLog)
        before = log.text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        width = log.scrollable_content_region.width
        assert log.text == before, "nothing of the story is lost"
        assert max(len(line.text.rstrip()) for line in log.lines) <= width
        await pilot.press("f2")  # another theme: the story is written again, not lost
        await pilot.pause()
        await pilot.pause()
        assert log.text == before


async def test_the_choice_box_keeps_one_size_for_the_whole_scenario(tmp_path: Path) -> None:
    """The story above the choices does not jump from key to key: the box is as tall as the
    scenario's largest offer needs (here, on a tall screen, below its maximum)."""
    from simulator.language.screen_fit import choice_prompt, wrapped_lines
    from simulator.tui.widgets.choice_list import ChoiceList

    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        play = await play_directly(pilot, "km-telefoon-dreiging")
        box = play.query_one(ChoiceList)
        width = box.content_region.width
        scenario = play.session.attempt.scenario
        largest = max(
            sum(wrapped_lines(choice_prompt(i, c.text), width) for i, c in enumerate(f.choices, 1))
            for f in scenario.fasen.values()
            if f.choices
        )
        heights = set()
        for _ in range(3):
            heights.add(box.outer_size.height)
            await pilot.press("1")
            await pilot.pause()
        assert heights == {largest + 2}  # the text and the border, the same after every key


def visible_text(log: StoryLog) -> str:
    top = int(log.scroll_y)
    lines = log.lines[top : top + log.scrollable_content_region.height]
    return " ".join(" ".join(line.text.split()) for line in lines)


def words_of(text: str) -> str:
    return " ".join(text.split())


async def test_after_every_key_the_feedback_stays_in_view(tmp_path: Path) -> None:
    """A long dossier at 80 x 24: after each key the story shows the feedback on it, never
    scrolled past (and your own line above it when there is room); what follows is in view
    too, or the border says 'meer ↓ PgDn' and PgDn brings the end of the story into view."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await play_directly(pilot, "dossier-km-terugkerende-bezoeker")
        log = play.query_one(StoryLog)
        keys = paged = 0
        while not play.session.attempt.finished:
            await pilot.press("1")
            await pilot.pause()
            keys += 1
            if app.screen is not play:  # the last key: the debrief came
                break
            kind, _ = log.entries[log.keep]
            assert kind in ("feedback", "violation")
            shown = visible_text(log)
            said = []
            for k, t in log.entries[log.keep :]:
                if k not in ("feedback", "violation"):
                    break
                said.append(t)
            assert all(words_of(t) in shown for t in said), "the feedback is in view"
            last_words = " ".join(log.entries[-1][1].split()[-2:])
            if last_words in shown:
                assert log.border_subtitle == ""
                continue
            assert log.border_subtitle == "meer ↓ PgDn"
            while log.border_subtitle:
                await pilot.press("pagedown")
                await pilot.pause()
            assert last_words in visible_text(log)
            paged += 1
        assert keys > 3 and paged > 0


async def test_pageup_reads_back_from_the_choices(tmp_path: Path) -> None:
    """PgUp and PgDn move the story while the choices keep the focus (the footer names
    them), and the arrow keys still move through the choices."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await play_directly(pilot, "dossier-km-terugkerende-bezoeker")
        for _ in range(3):
            await pilot.press("1")
            await pilot.pause()
        log = play.query_one(StoryLog)
        box = play.query_one(ChoiceList)
        while log.border_subtitle:
            await pilot.press("pagedown")
        end = log.scroll_y
        await pilot.press("pageup")
        await pilot.pause()
        assert log.scroll_y < end and app.focused is box
        await pilot.press("down")
        assert box.highlighted == 1
        footer = screen_text(app).splitlines()[-1]
        assert "PgUp PgDn Gesprek" in footer


async def test_resuming_an_exam_in_the_terminal_keeps_the_fase_time_that_went_by(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exam closed 11 s into a fase with a timer goes on with 11 s less, not with a fresh
    timer (a restart gives no extra time to think)."""
    from datetime import datetime

    from simulator.store import Store
    from simulator.store.session import Session

    with Store(tmp_path / "regie.sqlite") as store:
        sanne = store.trainee("Sanne de Wit")
        session = Session.start(store, load(), sanne, "km-spreekkamer-dreiging", 0, "examen")
        session.choose("inhoud-stoppen", 3.0)
        fresh = session.attempt.time_left()
        assert fresh is not None and fresh > 11  # the fase it reached has a timer
        (moved,) = store.db.execute("SELECT MAX(at) FROM moves").fetchone()
        last = datetime.fromisoformat(moved).timestamp()
    again = make_app(tmp_path)
    monkeypatch.setattr(again, "wall", lambda: last + 11.0, raising=False)
    async with again.run_test(size=(100, 34)) as pilot:
        await sign_in(pilot)
        assert isinstance(again.screen, ConfirmScreen)
        await pilot.press("j")
        await pilot.pause()
        play = again.screen
        assert isinstance(play, PlayScreen)
        left = play.session.attempt.time_left()
        assert left is not None and abs(left - (fresh - 11.0)) < 0.01


async def test_the_play_screens_header_and_footer_fit_80_columns_in_an_exam(
    tmp_path: Path,
) -> None:
    """The longest title the scenario list allows, in an exam of ten: the header still
    shows it whole, and the footer shows every key of the exam (and no pause)."""
    from simulator.language.screen_fit import LIST_TITLE_WIDTH

    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await play_directly(pilot, "km-spreekkamer-dreiging")
        title = "T" * LIST_TITLE_WIDTH
        play.sub_title = f"{title} (examen, 10 van 10)"
        await pilot.pause()
        header = screen_text(app).splitlines()[0]
        assert f"Regie — {title} (examen, 10 van 10)" in header


async def test_number_keys_pick_from_the_scenario_list(tmp_path: Path) -> None:
    """A digit no longer number begins with opens its scenario at once ('3' of 23); '1'
    waits for a second digit ('17') or Enter, since there are more than nine."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        listing = app.screen
        assert isinstance(listing, ScenarioListScreen)
        numbers = listing.numbers
        assert 17 <= len(numbers) < 30
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.scenario_id == numbers[3]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("1", "7")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.scenario_id == numbers[17]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        assert app.screen is listing  # 1, or 10-17: it waits
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen)
        assert app.screen.scenario_id == numbers[1]


async def test_the_scenario_list_shows_every_column_at_80(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        header = next(line for line in screen_text(app).splitlines() if " nr " in f" {line}")
        for name in ("nr", "scenario", "rol", "niveau", "beste"):
            assert f" {name}" in f" {header}"


async def test_tab_never_stops_on_something_invisible_at_80_by_24(tmp_path: Path) -> None:
    """On the welcome screen Tab went to the scrolling page itself, which shows no focus."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(6):
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused is not None and focused.id in ("name", "group", "trainings")
            assert app.screen.region.contains_region(focused.region)


async def test_the_group_code_is_remembered_with_the_name(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#name")
        await pilot.press(*"Sanne de Wit", "enter", *"KM-UTR-03", "enter")
        await pilot.press("end", "enter")  # vrij oefenen
        await pilot.pause()
        assert isinstance(app.screen, ScenarioListScreen)
    again = make_app(tmp_path)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.screen.query_one("#name", Input).value == "Sanne de Wit"
        assert again.screen.query_one("#group", Input).value == "KM-UTR-03"


def test_the_side_panel_never_calls_unrest_calm() -> None:
    """'Orde: rustig' stood beside '1: onrust': not disturbed is not the same as calm."""
    from simulator.language.model import Facts
    from simulator.tui.widgets.visitor_panel import order_text

    for level in range(5):
        calm, disturbed = Facts(level=level), Facts(level=level, disturbed=True)
        assert order_text(calm) == "Orde: niet verstoord"
        assert "verstoord ⚠" in order_text(disturbed)
        assert "rustig" not in order_text(calm) + order_text(disturbed)


def test_the_story_after_the_visitor_left_is_placed_where_the_text_says() -> None:
    """The side panel shows each fase's place: the nasleep of km-spreekkamer-dreiging is in
    the teamruimte (its text says so), not in the spreekkamer of the scenario's start."""
    sc = load().scenarios["km-spreekkamer-dreiging"]
    for fid in ("na_vertrek", "melden", "aangifte", "nazorg"):
        assert sc.fasen[fid].facts.location == "teamruimte", fid


async def test_no_toast_lies_over_the_choices_while_time_runs(tmp_path: Path) -> None:
    """Pausing, a number that is not on offer, a new theme: each message takes the choice
    box's title line, and nothing is laid over the screen."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await play_directly(pilot, "km-spreekkamer-dreiging")
        box = play.query_one(ChoiceList)
        for key, said in (
            ("p", "Pauze: de tijd staat stil. Druk op p om verder te gaan."),
            ("p", ""),
            ("9", "⚠ Er is geen keuze 9: kies 1 tot en met"),
            ("f2", "Thema:"),
        ):
            await pilot.press(key)
            await pilot.pause()
            assert not app._notifications, f"a toast after {key}"
            if said:
                assert str(box.border_title).startswith(said)
                assert said.split(":")[0] in screen_text(app).splitlines()[15]
            else:
                assert str(box.border_title).startswith("Wat doet u?")


async def test_the_exam_offers_no_pause(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.sign_in("Sanne de Wit", None)
        app.start_attempt("km-spreekkamer-dreiging", course=None, mode="examen", seed=0)
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        footer = screen_text(app).splitlines()[-1]
        assert "Pauze" not in footer and "s Stoppen" in footer and "PgUp PgDn" in footer
        await pilot.press("p")
        await pilot.pause()
        assert not play.paused and not app._notifications


async def test_every_footer_fits_80_columns(tmp_path: Path) -> None:
    """The keys a screen offers are all in its footer, whole, at 80 columns ('^q Afslui▏'
    and a hidden F2 were the old play screen's)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        seen = set()

        def footer_has_every_key() -> None:
            screen = app.screen
            footer = screen_text(app).splitlines()[-1]
            for _, binding, enabled, _ in screen.active_bindings.values():
                if binding.show and enabled:  # a group of keys shows the group's name
                    label = binding.group.description if binding.group else binding.description
                    assert label in footer, (type(screen).__name__, footer)
            seen.add(type(screen).__name__)

        footer_has_every_key()  # welcome
        await sign_in(pilot)
        footer_has_every_key()  # the list
        await pick_scenario(pilot, "km-spreekkamer-dreiging")
        footer_has_every_key()  # the briefing
        await pilot.press("enter")
        await pilot.pause()
        footer_has_every_key()  # play
        play = app.screen
        assert isinstance(play, PlayScreen)
        play.advance(300)
        await pilot.pause()
        while isinstance(app.screen, PlayScreen):
            play.advance(300)
            await pilot.pause()
        footer_has_every_key()  # the debrief
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("v")
        await pilot.pause()
        footer_has_every_key()  # progress
        await pilot.press("f1")
        await pilot.pause()
        footer_has_every_key()  # help
        assert len(seen) == 7, seen
