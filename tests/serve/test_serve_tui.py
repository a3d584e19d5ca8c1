"""Served mode (``regie serve``), driven by a pilot: signing in with a pincode and the group
code, privacy between trainees, the trainer view, and going on after a page reload (a new
app process on the same store)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sqlite3
from pathlib import Path

from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input, Static

import simulator.tui
from simulator.language.vocabulary import LEVELS
from simulator.store import Store
from simulator.store.classroom import Classroom, pin_matches
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.help import HelpScreen
from simulator.tui.screens.play import PlayScreen
from simulator.tui.screens.scenario_list import ScenarioListScreen
from simulator.tui.screens.served_welcome import ServedWelcomeScreen
from simulator.tui.screens.trainer import TrainerScreen
from simulator.tui.screens.trainer_code import TrainerCodeScreen
from simulator.tui.served import ServedMode, ServedRegieApp
from simulator.tui.widgets.group_table import GroupTable
from simulator.tui.widgets.rule_ranking import RuleRanking
from simulator.tui.widgets.story_log import StoryLog
from tests.tuikit import LIB, choose_training, fixed_clock, key_for, model_key, start_scenario

GROUP = "KM-UTR-03"
CODE = "482913"
SID = "km-spreekkamer-dreiging"
SIZE = (110, 36)


class Wall:
    """Wall time that the test moves by hand (refusals, presence, time away)."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def served_app(tmp_path: Path, wall: Wall, groep: str | None = GROUP) -> ServedRegieApp:
    clock = fixed_clock()
    store = Store(tmp_path / "regie.sqlite", now=lambda: next(clock))
    mode = ServedMode(groep=groep, trainer_code=CODE, data=tmp_path, wall=wall)
    return ServedRegieApp(LIB, store, mode, realtime=False, seed=lambda: 0)


def text_of(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


async def fill(pilot: Pilot[None], name: str, pin: str, group: str | None = GROUP) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, ServedWelcomeScreen)
    screen.query_one("#name", Input).value = name
    screen.query_one("#pin", Input).value = pin
    if group is not None:
        screen.query_one("#group", Input).value = group


async def sign_in(
    pilot: Pilot[None],
    name: str = "Sanne de Wit",
    pin: str = "1234",
    group: str | None = GROUP,
    training: str = "vrij-oefenen",
) -> None:
    await fill(pilot, name, pin, group)
    await choose_training(pilot, training)


async def play_first_choice(pilot: Pilot[None]) -> PlayScreen:
    await start_scenario(pilot, SID)
    play = pilot.app.screen
    assert isinstance(play, PlayScreen)
    await pilot.press(model_key(pilot))
    await pilot.pause()
    return play


# --- signing in -----------------------------------------------------------------------------


async def test_sign_in_with_group_code_and_a_new_pincode(tmp_path: Path) -> None:
    wall = Wall()
    app = served_app(tmp_path, wall)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ServedWelcomeScreen)
        assert screen.query_one("#group", Input) is not None
        assert screen.query_one("#pin", Input).password  # the pincode is not shown
        await sign_in(pilot, group="km-utr-03 ")  # case and spaces do not matter
        assert isinstance(app.screen, ScenarioListScreen)
        assert app.trainee is not None and app.trainee.groep == GROUP
    db = sqlite3.connect(tmp_path / "regie.sqlite")
    (stored,) = db.execute("SELECT pin FROM trainees WHERE name = 'Sanne de Wit'").fetchone()
    db.close()
    assert stored.startswith("scrypt$") and "1234" not in stored
    assert pin_matches(stored, "1234") and not pin_matches(stored, "4321")


async def test_a_wrong_group_code_is_refused_and_nobody_is_created(tmp_path: Path) -> None:
    app = served_app(tmp_path, Wall())
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, group="KM-ADAM-01")
        assert isinstance(app.screen, ServedWelcomeScreen)
        assert "Die groepscode hoort niet bij deze training" in text_of(pilot, "#problem")
        assert "Probeer het over 1 seconde opnieuw" in text_of(pilot, "#problem")
        # at once again, even with the right code: wait first
        await sign_in(pilot)
        assert isinstance(app.screen, ServedWelcomeScreen)
        assert "Te veel pogingen" in text_of(pilot, "#problem")
        assert app.store.trainees() == []


async def test_without_a_server_group_no_group_code_is_asked(tmp_path: Path) -> None:
    app = served_app(tmp_path, Wall(), groep=None)
    async with app.run_test(size=SIZE) as pilot:
        assert not app.screen.query("#group")
        await sign_in(pilot, group=None)
        assert isinstance(app.screen, ScenarioListScreen)


async def test_pincode_must_be_four_digits(tmp_path: Path) -> None:
    app = served_app(tmp_path, Wall())
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, pin="12")
        assert isinstance(app.screen, ServedWelcomeScreen)
        assert "Een pincode is vier cijfers" in text_of(pilot, "#problem")
        await sign_in(pilot, name="", pin="1234")
        assert "Vul eerst uw naam in" in text_of(pilot, "#problem")


async def test_no_name_is_prefilled_and_nothing_personal_is_written_to_the_shared_store(
    tmp_path: Path,
) -> None:
    wall = Wall()
    app = served_app(tmp_path, wall)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("f2")  # a theme for this browser only
        assert app.theme != "textual-dark"
        await pilot.press("escape")  # back to the welcome: signed out
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ServedWelcomeScreen)
        assert app.trainee is None
        assert [box.value for box in screen.query(Input)] == ["", "", ""]
    assert app.store.setting("laatste_naam") is None
    assert app.store.setting("thema") is None
    # the next browser starts empty too
    second = served_app(tmp_path, wall)
    async with second.run_test(size=SIZE):
        screen = second.screen
        assert isinstance(screen, ServedWelcomeScreen)
        assert screen.query_one("#name", Input).value == ""


async def test_a_colleagues_name_with_a_wrong_pincode_does_not_open_their_results(
    tmp_path: Path,
) -> None:
    wall = Wall()
    sanne = served_app(tmp_path, wall)
    async with sanne.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await play_first_choice(pilot)
    assert len(sanne.store.attempts(trainee="Sanne de Wit")) == 1

    wall.now += 60
    other = served_app(tmp_path, wall)
    async with other.run_test(size=SIZE) as pilot:
        await sign_in(pilot, name="sanne  de wit", pin="0000")
        assert isinstance(other.screen, ServedWelcomeScreen)
        problem = text_of(pilot, "#problem")
        assert "al in gebruik met een andere pincode" in problem
        assert "1 seconde" in problem
        assert other.trainee is None
        assert other.screen.query_one("#pin", Input).value == ""
        # a second wrong try at once is not even checked; the right one after the wait is
        wall.now += 0.5
        await sign_in(pilot, name="Sanne de Wit", pin="1234")
        assert "Te veel pogingen" in text_of(pilot, "#problem")
        wall.now += 1
        await sign_in(pilot, name="Sanne de Wit", pin="1234")
        assert isinstance(other.screen, PlayScreen)  # straight back into her attempt


async def test_wrong_pincodes_wait_longer_each_time_also_after_a_reload(tmp_path: Path) -> None:
    wall = Wall()
    store = Store(tmp_path / "regie.sqlite")
    room = Classroom(store, clock=wall)
    room.sign_in("Sanne de Wit", "1234", GROUP)
    waits = []
    for _ in range(14):
        wall.now += 3600  # each try as soon as it may
        try:
            room.sign_in("Sanne de Wit", "9999", GROUP)
        except Exception as exc:
            waits.append(str(exc))
    assert [w.split("over ")[1].split(" opnieuw")[0] for w in waits] == [
        "1 seconde",
        "2 seconden",
        "4 seconden",
        "8 seconden",
        "16 seconden",
        "32 seconden",
        "64 seconden",
        "3 minuten",  # 128 seconds
        "5 minuten",
        "9 minuten",
        "18 minuten",
        "35 minuten",
        "1 uur",  # at most
        "1 uur",
    ]
    # another process (a reload) sees the same wait
    again = Classroom(Store(tmp_path / "regie.sqlite"), clock=wall)
    assert 3500 < again.wait_before("pin", store.trainees()[0].id) <= 3600


# --- the trainer ----------------------------------------------------------------------------


async def test_a_wrong_trainer_code_is_refused(tmp_path: Path) -> None:
    app = served_app(tmp_path, Wall())
    async with app.run_test(size=SIZE) as pilot:
        await choose_training(pilot, "trainer")
        assert isinstance(app.screen, TrainerCodeScreen)
        await pilot.press(*"111111", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TrainerCodeScreen)
        assert "Die trainercode klopt niet" in text_of(pilot, "#code-problem")
        await pilot.press(*CODE, "enter")  # right, but too soon after a wrong one
        await pilot.pause()
        assert "Te veel pogingen" in text_of(pilot, "#code-problem")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ServedWelcomeScreen)


async def test_the_trainer_view_shows_the_group_live_and_writes_the_group_report(
    tmp_path: Path,
) -> None:
    wall = Wall()
    sanne = served_app(tmp_path, wall)
    async with sanne.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_scenario(pilot, SID)
        play = sanne.screen
        assert isinstance(play, PlayScreen)
        fase = play.session.attempt.fase
        assert fase is not None
        await pilot.press(key_for(pilot, fase.choices[1].id))  # content first: a broken rule
        await pilot.pause()
        while not play.session.attempt.finished:  # then the model road
            await pilot.press(model_key(pilot))
            await pilot.pause()
        await pilot.pause()
        assert isinstance(sanne.screen, DebriefScreen)
        # and she starts the next one: she is playing right now
        await pilot.press("escape")
        await pilot.pause()
        await start_scenario(pilot, SID)
        sanne.heartbeat()
        fase = sanne.screen.session.attempt.state  # type: ignore[attr-defined]

        trainer = served_app(tmp_path, wall)
        async with trainer.run_test(size=(140, 40)) as tp:
            await sign_in(tp, name="Mohammed Ait", pin="5555")  # a second trainee, signed in
            trainer.heartbeat()
            watcher = served_app(tmp_path, wall)
            async with watcher.run_test(size=(140, 40)) as wp:
                await choose_training(wp, "trainer")
                await wp.press(*CODE[:3], "space", *CODE[3:], "enter")  # as read aloud: 482 913
                await wp.pause()
                view = watcher.screen
                assert isinstance(view, TrainerScreen)
                summary = text_of(wp, "#summary")
                assert f"Groep {GROUP}: 2 van de 2 aangemeld, 1 speelt nu" in summary
                assert "1 poging afgerond, 0 geslaagd" in summary
                table = view.query_one(GroupTable)
                rows = {
                    str(table.get_row(key)[0]): [str(c) for c in table.get_row(key)]
                    for key in table.rows
                }
                title = LIB.scenarios[SID].title
                assert rows["Sanne de Wit"][1] == "speelt"
                assert title.startswith(rows["Sanne de Wit"][2].removesuffix("…"))  # a title
                where = rows["Sanne de Wit"][3]  # what happens there, never the fase's id
                level = LIB.scenarios[SID].fasen[fase].facts.level
                assert where.startswith(f"{level} {LEVELS[level]} · ") and fase not in where
                assert rows["Sanne de Wit"][4] == "1"
                assert rows["Mohammed Ait"][1] == "kiest een scenario"
                assert rows["Mohammed Ait"][4] == "0"
                ranking = str(view.query_one(RuleRanking).render())
                assert "Orde vóór inhoud" in ranking and "1 van 1 poging (100%)" in ranking
                last = rows["Sanne de Wit"][6]  # the result first, then as much title as fits
                (done,) = [a for a in sanne.store.attempts(trainee="Sanne de Wit") if a.counts]
                assert last.startswith(f"{done.score} ✗ ")  # not passed

                # someone leaves: after ONLINE seconds without a sign of life
                wall.now += 60
                view.refresh_view()
                assert "0 van de 2 aangemeld" in text_of(wp, "#summary")

                await wp.press("g")
                await wp.pause()
                reports = list(tmp_path.glob(f"groepsverslag-{GROUP}-*.html"))
                assert len(reports) == 1
                html = reports[0].read_text(encoding="utf-8")
                assert "Sanne de Wit" in html and "Orde vóór inhoud" in html
                assert str(reports[0]) in text_of(wp, "#report").replace("\n", "")
                await wp.press("escape")  # the trainer leaves: back to an empty welcome
                await wp.pause()
                assert isinstance(watcher.screen, ServedWelcomeScreen)
                assert not watcher.trainer_open


# --- reload, takeover, time -----------------------------------------------------------------


async def test_after_a_reload_the_attempt_goes_on_where_it_was(tmp_path: Path) -> None:
    wall = Wall()
    first = served_app(tmp_path, wall)
    async with first.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        play = await play_first_choice(pilot)
        trace = [e.to_json() for e in play.session.attempt.trace]
        attempt_id = play.session.row.id
    # the browser reloads: a new process, the same store
    wall.now += 120
    second = served_app(tmp_path, wall)
    async with second.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        play = second.screen
        assert isinstance(play, PlayScreen), "straight back into the attempt, no question"
        assert play.session.row.id == attempt_id
        # in training the two minutes away did not count
        assert [e.to_json() for e in play.session.attempt.trace] == trace
        log = play.query_one(StoryLog).text
        assert "U gaat verder waar u gebleven was" in log
        while not play.session.attempt.finished:
            await pilot.press(model_key(pilot))
            await pilot.pause()
        await pilot.pause()
        assert isinstance(second.screen, DebriefScreen)
    rows = second.store.attempts(trainee="Sanne de Wit")
    assert [(r.id, r.status) for r in rows] == [(attempt_id, "afgerond")]


async def test_in_an_exam_the_time_away_counts_for_the_running_fase_only(tmp_path: Path) -> None:
    wall = Wall()
    store = Store(tmp_path / "regie.sqlite")
    room = Classroom(store, clock=wall)
    trainee, _ = room.sign_in("Sanne de Wit", "1234", GROUP)
    from simulator.store.session import Session

    session = Session.start(store, LIB, trainee, SID, 0, "examen", "zelfstudie-examen")
    session.choose(1, 2.0)
    fase = session.attempt.fase
    assert fase is not None and fase.timer is not None
    moves_before = len(store.moves(session.row.id))
    store.close()
    # the connection drops; an hour later the trainee signs in again
    from datetime import datetime

    last = datetime.fromisoformat(Store(tmp_path / "regie.sqlite").last_move_at(session.row.id))
    wall.now = last.timestamp() + 3600
    app = served_app(tmp_path, wall)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        play = app.screen
        assert isinstance(play, PlayScreen)
        moves = app.store.moves(play.session.row.id)
        assert len(moves) == moves_before + 1 and moves[-1][0] == "wacht"  # that fase ran out
        assert not play.session.attempt.finished  # and no more than that one


async def test_a_name_signed_in_in_a_second_browser_signs_out_the_first(tmp_path: Path) -> None:
    wall = Wall()
    first = served_app(tmp_path, wall)
    async with first.run_test(size=SIZE) as p1:
        await sign_in(p1)
        play = await play_first_choice(p1)
        second = served_app(tmp_path, wall)
        async with second.run_test(size=SIZE) as p2:
            await sign_in(p2)
            assert isinstance(second.screen, PlayScreen)
            moves = len(second.store.moves(play.session.row.id))
            await p1.press("1")  # the first browser tries to go on
            await p1.pause()
            assert isinstance(first.screen, ServedWelcomeScreen)
            assert "in een ander venster aangemeld" in text_of(p1, "#problem")
            assert len(second.store.moves(play.session.row.id)) == moves  # nothing written


async def test_help_in_the_browser_names_no_quit_key(tmp_path: Path) -> None:
    app = served_app(tmp_path, Wall())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        assert "Ctrl+Q" not in text and "afmelden" in text


# --- keys a browser keeps ---------------------------------------------------------------------

BROWSER_KEYS = {
    "ctrl+w",
    "ctrl+t",
    "ctrl+n",
    "ctrl+q",
    "ctrl+tab",
    "ctrl+shift+tab",
    "ctrl+shift+t",
    "ctrl+shift+n",
    "ctrl+shift+w",
    "ctrl+p",
    "ctrl+l",
    "ctrl+r",
    "f5",
    "f11",
    "f12",
    "alt+left",
    "alt+right",
}


def _bindings(cls: type) -> list[Binding]:
    found: list[Binding] = []
    for klass in cls.__mro__:
        for b in vars(klass).get("BINDINGS", []):
            if isinstance(b, Binding):
                found.append(b)
    return found


def test_no_key_a_browser_keeps_is_bound_anywhere_in_the_app() -> None:
    """Every binding of every screen and widget of Regie, and the served app's own."""
    checked = 0
    for info in pkgutil.walk_packages(simulator.tui.__path__, "simulator.tui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not cls.__module__.startswith("simulator.tui"):
                continue
            if cls.__module__ == "simulator.tui.app":
                continue  # the terminal app keeps ctrl+q; the served app replaces its bindings
            for b in _bindings(cls):
                if cls.__module__.startswith("simulator.tui") and b in vars(cls).get(
                    "BINDINGS", []
                ):
                    keys = {k.strip() for k in b.key.split(",")}
                    assert not keys & BROWSER_KEYS, f"{cls.__name__}: {b.key}"
                    checked += 1
    assert checked > 20
    served_keys = {k for b in ServedRegieApp._merge_bindings() for k in [b[0]]}
    assert served_keys == {"f1", "f2"}
    assert not ServedRegieApp.ENABLE_COMMAND_PALETTE


async def test_the_trainer_wipes_a_forgotten_pincode_and_the_results_stay(tmp_path: Path) -> None:
    wall = Wall()
    sanne = served_app(tmp_path, wall)
    async with sanne.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await play_first_choice(pilot)
    trainer = served_app(tmp_path, wall)
    async with trainer.run_test(size=(140, 40)) as pilot:
        await choose_training(pilot, "trainer")
        await pilot.press(*CODE, "enter")
        await pilot.pause()
        assert isinstance(trainer.screen, TrainerScreen)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
    assert not Classroom(Store(tmp_path / "regie.sqlite"), clock=wall).known("Sanne de Wit")
    again = served_app(tmp_path, wall)
    async with again.run_test(size=SIZE) as pilot:
        await sign_in(pilot, pin="9876")  # a new pincode, chosen now
        assert isinstance(again.screen, PlayScreen)  # and her unfinished attempt is still there


# --- names are text, never markup (issue 19, item 1) -----------------------------------------


def _toasts(app: ServedRegieApp) -> str:
    """The notices as the trainee reads them (markup applied, as a toast shows it)."""
    from textual.content import Content

    return "\n".join(
        Content.from_markup(n.message).plain if n.markup else n.message for n in app._notifications
    )


async def test_a_name_that_looks_like_markup_is_shown_as_typed_everywhere(tmp_path: Path) -> None:
    wall = Wall()
    for name, pin in (("Piet [/x]", "1111"), ("[b]Anna[/b]", "2222")):
        trainee = served_app(tmp_path, wall)
        async with trainee.run_test(size=SIZE) as pilot:
            await sign_in(pilot, name=name, pin=pin)
            await pilot.pause()
            assert f"Welkom, {name}." in _toasts(trainee)  # the welcome notice, as typed
            trainee.heartbeat()
    trainer = served_app(tmp_path, wall)
    async with trainer.run_test(size=(140, 40)) as pilot:
        await choose_training(pilot, "trainer")
        await pilot.press(*CODE, "enter")
        await pilot.pause()
        view = trainer.screen
        assert isinstance(view, TrainerScreen)  # the view opens: no MarkupError
        table = view.query_one(GroupTable)
        names = [str(table.get_row(key)[0]) for key in table.rows]
        assert sorted(names) == sorted(["Piet [/x]", "[b]Anna[/b]"])
        view.refresh_view()  # and again, at the next refresh
        await pilot.pause()
        table.move_cursor(row=names.index("Piet [/x]"))
        await pilot.press("w")
        await pilot.pause()
        question = str(trainer.screen.query_one(Static).render())
        assert "De pincode van Piet [/x] wissen?" in question
        await pilot.press("j")
        await pilot.pause()
        assert "De pincode van Piet [/x] is gewist" in _toasts(trainer)
    assert not Classroom(Store(tmp_path / "regie.sqlite"), clock=wall).known("Piet [/x]")


# --- forgetting (issue 19, item 9) ----------------------------------------------------------


def regie(*argv: str) -> tuple[int, str, str]:
    """The command line, with its output (the app under test holds sys.stdout and stderr)."""
    import contextlib
    import io

    from simulator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


async def test_forgetting_a_signed_in_trainee_asks_first_signs_out_and_clears_reports(
    tmp_path: Path,
) -> None:
    wall = Wall()
    sanne = served_app(tmp_path, wall)
    async with sanne.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await play_first_choice(pilot)
        sanne.heartbeat()
        # the trainer wrote a group report with her in it, and one from before she came
        (tmp_path / "groepsverslag-KM-UTR-03-20261201-090000.html").write_text(
            "<td>Iemand anders</td>", encoding="utf-8"
        )
        trainer = served_app(tmp_path, wall)
        async with trainer.run_test(size=(140, 40)) as tp:
            await choose_training(tp, "trainer")
            await tp.press(*CODE, "enter")
            await tp.pause()
            await tp.press("g")
            await tp.pause()
        reports = sorted(p.name for p in tmp_path.glob("groepsverslag-*.html"))
        assert len(reports) == 2

        data = ["--data", str(tmp_path), "trainee", "forget", "Sanne de Wit"]
        code, _, err = regie(*data)
        assert code == 2  # she is playing right now: not without --ja
        assert "Sanne de Wit is nu aangemeld in de klas" in err and "--ja" in err
        assert [t.name for t in sanne.store.trainees()] == ["Sanne de Wit"]

        code, out, _ = regie(*data, "--ja")
        assert code == 0
        assert "Alle gegevens van Sanne de Wit zijn gewist." in out
        assert "Ook verwijderd: het groepsverslag" in out
        left = [p.name for p in tmp_path.glob("groepsverslag-*.html")]
        assert left == ["groepsverslag-KM-UTR-03-20261201-090000.html"]

        sanne.heartbeat()  # her browser learns it at the next beat
        await pilot.pause()
        assert isinstance(sanne.screen, ServedWelcomeScreen)
        assert text_of(pilot, "#problem") == (
            "Uw gegevens zijn zojuist door de trainer gewist; u bent afgemeld."
        )
