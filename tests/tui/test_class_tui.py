"""Klassikaal, driven by pilots: one trainer (control page), a projector and trainees, each an
app of its own on one store, as the browsers of ``regie serve`` are. The state machine of a
class session through the screens: open, vote, pause, reveal, go on with the majority or
with the trainer's choice, chance picked by the trainer, the timer running out, rewind, the
end with the group's debrief, and closing with each trainee's own result."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from simulator.engine.attempt import WAIT
from simulator.engine.class_session import ClassSession
from simulator.store import Store
from simulator.store.classes import ClassStore
from simulator.tui.screens.class_lead import ClassLeadScreen
from simulator.tui.screens.class_setup import ClassSetupScreen
from simulator.tui.screens.class_vote import ClassVoteScreen
from simulator.tui.screens.pick import PickScreen
from simulator.tui.screens.progress import ProgressScreen
from simulator.tui.screens.trainer import TrainerScreen
from simulator.tui.served import ServedMode, ServedRegieApp
from simulator.tui.widgets.class_debrief import ClassDebrief
from simulator.tui.widgets.story_log import StoryLog
from simulator.tui.widgets.timer_bar import TimerBar
from simulator.tui.widgets.vote_bars import VoteBars
from tests.tuikit import LIB, choose_training, fixed_clock

GROUP = "KM-UTR-03"
CODE = "482913"
SID = "km-spreekkamer-dreiging"  # chance after 'grens stellen' in its second fase
SIZE = (110, 36)
NAMES = ("Anna Bakker", "Bram de Vries", "Chris Jansen")


class Wall:
    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def served_app(tmp_path: Path, wall: Wall) -> ServedRegieApp:
    clock = fixed_clock()
    store = Store(tmp_path / "regie.sqlite", now=lambda: next(clock))
    mode = ServedMode(groep=GROUP, trainer_code=CODE, data=tmp_path, wall=wall)
    return ServedRegieApp(LIB, store, mode, realtime=False, seed=lambda: 0)


async def sign_in(pilot: Pilot[None], name: str, training: str = "klassikaal") -> None:
    screen = pilot.app.screen
    screen.query_one("#name", Input).value = name
    screen.query_one("#pin", Input).value = "1234"
    screen.query_one("#group", Input).value = GROUP
    await choose_training(pilot, training)


async def as_trainer(pilot: Pilot[None]) -> None:
    await choose_training(pilot, "trainer")
    await pilot.press(*CODE, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TrainerScreen)


def text(pilot: Pilot[None], selector: str) -> str:
    return str(pilot.app.screen.query_one(selector, Static).render())


def page(pilot: Pilot[None]) -> str:
    """What a trainee's class page shows."""
    screen = pilot.app.screen
    assert isinstance(screen, ClassVoteScreen)
    return screen.text


def screen_text(pilot: Pilot[None]) -> str:
    """Everything the screen shows in its texts and logs (for what a user would read)."""
    screen = pilot.app.screen
    parts = [str(s.render()) for s in screen.query(Static) if s.display]
    parts += [log.text for log in screen.query(StoryLog)]
    for table in screen.query(DataTable):
        parts += [" | ".join(map(str, table.get_row_at(i))) for i in range(table.row_count)]
    parts += [str(w.border_title or "") for w in screen.query("*")]
    return "\n".join(parts)


async def sync(pilots: Iterable[Pilot[None]]) -> None:
    """What the pages do a few times a second by themselves: look at the store (in each
    app's own task, as its timer would)."""
    for pilot in pilots:
        screen = pilot.app.screen
        if isinstance(screen, ClassVoteScreen | ClassLeadScreen):
            screen.call_next(screen.poll)
        await pilot.pause()


@asynccontextmanager
async def room(tmp_path: Path, wall: Wall, trainees: int = 3) -> AsyncIterator[list[Pilot[None]]]:
    """A trainer on the control page, a projector and ``trainees`` trainees, all signed in;
    the class session of SID opened (status 'open')."""
    async with AsyncExitStack() as stack:
        trainer = await stack.enter_async_context(served_app(tmp_path, wall).run_test(size=SIZE))
        beamer = await stack.enter_async_context(served_app(tmp_path, wall).run_test(size=SIZE))
        await as_trainer(trainer)
        await trainer.press("k")
        await trainer.pause()
        setup = trainer.app.screen
        assert isinstance(setup, ClassSetupScreen)
        options = setup.query_one(OptionList)
        options.highlighted = next(
            i
            for i in range(options.option_count)
            if (options.get_option_at_index(i).id or "").endswith("/" + SID)
        )
        await trainer.press("enter")
        await trainer.pause()
        assert isinstance(trainer.app.screen, ClassLeadScreen)
        await as_trainer(beamer)
        await beamer.press("b")
        await beamer.pause()
        assert isinstance(beamer.app.screen, ClassLeadScreen)
        pilots = [trainer, beamer]
        for name in NAMES[:trainees]:
            pilot = await stack.enter_async_context(served_app(tmp_path, wall).run_test(size=SIZE))
            await sign_in(pilot, name)
            assert isinstance(pilot.app.screen, ClassVoteScreen)
            pilots.append(pilot)
        yield pilots


def class_store(pilot: Pilot[None]) -> ClassStore:
    app = pilot.app
    assert isinstance(app, ServedRegieApp)
    return app.class_store


def lead(pilot: Pilot[None]) -> ClassLeadScreen:
    screen = pilot.app.screen
    assert isinstance(screen, ClassLeadScreen)
    return screen


def shown_ids(pilot: Pilot[None]) -> list[str]:
    screen = lead(pilot)
    assert screen.follow is not None
    return [c.id for c in screen.follow.session.shown()]


async def vote(pilot: Pilot[None], number: int) -> None:
    await pilot.press(str(number))
    await pilot.pause()


# --- the whole state machine, through the screens ----------------------------------------------


async def test_open_vote_pause_reveal_and_go_on_with_the_majority(tmp_path: Path) -> None:
    wall = Wall()
    async with room(tmp_path, wall) as pilots:
        trainer, beamer, anna, bram, chris = pilots
        await sync(pilots)
        # open: the trainees wait, the projector says how to join
        assert "Wachten op de trainer" in page(anna)
        assert "Klassikaal: met de groep meespelen" in screen_text(beamer)
        await trainer.press("s")
        await sync(pilots)
        session = lead(trainer).session
        assert session.status == "stemmen" and session.attempt().state == "binnenkomst"
        # every trainee sees the same fase and the same numbered choices
        first = shown_ids(trainer)
        for pilot in (anna, bram, chris):
            assert "Stap 1" in page(pilot)
            assert "spreekkamer 3" in page(pilot)
        model = LIB.scenarios[SID].fasen["binnenkomst"].model_choice
        assert model is not None
        good = first.index(model.id) + 1
        other = 1 if good != 1 else 2
        await vote(anna, good)
        await vote(bram, other)
        await vote(bram, good)  # changed his mind: one vote each
        await vote(chris, other)
        assert "Uw stem: " + str(good) in page(bram)
        await sync(pilots)
        # the projector counts the votes, it does not show them
        assert "3 van 3 gestemd" in screen_text(beamer)
        assert not beamer.app.screen.query_one(VoteBars).display
        assert class_store(trainer).counts(session.state.id, (1, 0)) == {
            model.id: 2,
            first[other - 1]: 1,
        }

        # pause: the visitor's clock stands still
        await trainer.press("p")
        await sync(pilots)
        before = lead(beamer).session.time_left(wall.now)
        wall.now += 120
        await sync(pilots)
        assert lead(beamer).session.time_left(wall.now) == before
        assert "(pauze)" in str(
            beamer.app.screen.query_one(TimerBar).query_one("#timer-text", Static).render()
        )
        assert "Pauze" in text(anna, "#clock")

        # reveal: the split, a bar per choice, and the vote is closed
        await trainer.press("o")
        await sync(pilots)
        bars = beamer.app.screen.query_one(VoteBars)
        assert bars.display
        assert "2 stemmen (67%)" in str(bars.render()) and "1 stem (33%)" in str(bars.render())
        assert "2 stemmen (67%)" in page(anna)
        await vote(chris, good)
        assert "De stemming is gesloten" in page(chris)
        assert class_store(trainer).counts(session.state.id, (1, 0))[model.id] == 2

        # go on with the majority: everyone is in the next fase
        await trainer.press("v")
        await sync(pilots)
        session = lead(trainer).session
        assert session.position == (1, 1) and session.status == "stemmen"
        assert session.branch.moves[0].ref == model.id
        assert session.branch.moves[0].how == "meerderheid"
        for pilot in (anna, bram, chris):
            assert "Stap 2" in page(pilot)
            assert "Uw stem" not in page(pilot)  # a new vote
        assert "De groep — " in screen_text(beamer)


async def test_a_tie_asks_the_trainer_and_the_trainer_can_take_the_wrong_road(
    tmp_path: Path,
) -> None:
    wall = Wall()
    async with room(tmp_path, wall, trainees=2) as pilots:
        trainer, _beamer, anna, bram = pilots
        await trainer.press("s")
        await sync(pilots)
        await vote(anna, 1)
        await vote(bram, 2)
        await sync(pilots)
        await trainer.press("v")
        await sync(pilots)
        assert lead(trainer).session.position == (1, 0)  # a tie: nothing happened
        # "we nemen nu eens de verkeerde weg": the trainer picks a wrong choice
        fase = LIB.scenarios[SID].fasen["binnenkomst"]
        wrong = next(c for c in fase.choices if c.intent == "fout")
        await trainer.press("k")
        await trainer.pause()
        pick = trainer.app.screen
        assert isinstance(pick, PickScreen)
        ids = shown_ids_in(pick, lead_under(trainer))
        pick.query_one(OptionList).highlighted = ids.index(wrong.id)
        await trainer.press("enter")
        await sync(pilots)
        session = lead(trainer).session
        assert session.branch.moves[0].ref == wrong.id and session.branch.moves[0].how == "trainer"
        assert "Stap 2" in page(anna)


def lead_under(pilot: Pilot[None]) -> ClassLeadScreen:
    screen = next(s for s in reversed(pilot.app.screen_stack) if isinstance(s, ClassLeadScreen))
    return screen


def shown_ids_in(pick: PickScreen, screen: ClassLeadScreen) -> list[str]:
    assert screen.follow is not None
    ids = [c.id for c in screen.follow.session.shown()]
    if len(pick.options) > len(ids):
        ids.append(WAIT)
    return ids


async def test_the_trainer_picks_what_chance_does_and_the_timer_takes_the_wacht_route(
    tmp_path: Path,
) -> None:
    wall = Wall()
    sc = LIB.scenarios[SID]
    async with room(tmp_path, wall, trainees=1) as pilots:
        trainer, beamer, anna = pilots
        await trainer.press("s")
        await sync(pilots)
        # the timer runs out with no decision: the scenario's own route ('wacht')
        timer = sc.fasen["binnenkomst"].timer
        assert timer is not None
        wall.now += timer.seconds + 0.5
        await sync(pilots)
        session = lead(beamer).session
        assert session.branch.moves[0].ref == WAIT and session.branch.moves[0].how == "tijd"
        assert session.attempt().state == timer.route.targets[0] == "eis"
        assert "De tijd is om: de groep deed niets." in screen_text(beamer)
        assert "Stap 2" in page(anna)
        # in 'eis', 'grens stellen' goes one of two ways by chance: the trainer picks
        choice = sc.fasen["eis"].choice("grens-stellen")
        assert choice is not None and any(b.chance for b in choice.route.branches)
        number = shown_ids(trainer).index("grens-stellen") + 1
        await vote(anna, number)
        await sync(pilots)
        await trainer.press("v")
        await trainer.pause()
        chance = trainer.app.screen
        assert isinstance(chance, PickScreen)
        assert chance.options[0] == "Het toeval laten beslissen"
        session = lead_under(trainer).follow.session  # type: ignore[union-attr]
        outcomes = session.outcomes("grens-stellen")
        assert len(outcomes) == 2 and len(chance.options) == 3
        # the way the seed would not go
        seed_way = _seed_way(session)
        pick = next(i for i, o in enumerate(outcomes) if o.target != seed_way)
        chance.query_one(OptionList).highlighted = pick + 1
        await trainer.press("enter")
        await sync(pilots)
        session = lead(trainer).session
        assert session.attempt().state == outcomes[pick].target != seed_way
        assert session.branch.moves[1].rolls == outcomes[pick].rolls
        # it is kept: a new process loads the very same story
        again = class_store(beamer).load(session.state.id)
        assert again.attempt().state == outcomes[pick].target


def _seed_way(session: object) -> str:
    from simulator.engine.class_session import ClassSession, Move, play_move, replay

    assert isinstance(session, ClassSession)
    attempt = replay(session.scenario, session.state.seed, session.branch.moves)
    play_move(attempt, Move("grens-stellen", 1.0))
    return attempt.state


async def test_rewind_keeps_every_branch_and_the_debrief_shows_them_side_by_side(
    tmp_path: Path,
) -> None:
    wall = Wall()
    sc = LIB.scenarios[SID]
    async with room(tmp_path, wall, trainees=2) as pilots:
        trainer, beamer, anna, _bram = pilots
        await trainer.press("s")
        await sync(pilots)
        # the group follows the model answer to the end (the trainer picks it each time)
        steps = 0
        while lead(trainer).session.status != "einde":
            session = lead(trainer).session
            fase = session.attempt().fase
            assert fase is not None
            ref = (fase.model_choice or fase.choices[0]).id
            await vote(anna, shown_ids(trainer).index(ref) + 1)
            await sync(pilots)
            await trainer.press("v")
            await trainer.pause()
            if isinstance(trainer.app.screen, PickScreen):  # chance: leave it to the seed
                await trainer.press("enter")
            await sync(pilots)
            steps += 1
            assert steps < 40
        # the end: the group's debrief on the projector
        assert beamer.app.screen.query_one(ClassDebrief).display
        debrief = screen_text(beamer)
        assert "Nabespreking van de groep: GESLAAGD" in debrief
        assert "Stemmen: " in debrief and "Stap voor stap" in debrief
        assert "Verloop van de escalatie" in debrief and "● keuze" in debrief  # the curve
        assert "Het verhaal is afgelopen" in page(anna)
        first_ending = lead(trainer).session.attempt().state
        # rewind to the first fase and take the wrong road there
        await trainer.press("t")
        await trainer.pause()
        rewind = trainer.app.screen
        assert isinstance(rewind, PickScreen) and len(rewind.options) == steps
        rewind.query_one(OptionList).highlighted = 0
        await trainer.press("enter")
        await sync(pilots)
        session = lead(trainer).session
        assert session.position == (2, 0) and session.status == "pauze"
        assert set(session.state.branches) == {1, 2}
        assert session.state.branches[1].moves  # the first branch is kept as it was
        assert "Stap 1" in page(anna)
        assert "Teruggespoeld naar stap 1" in screen_text(beamer)
        wrong = next(c for c in sc.fasen["binnenkomst"].choices if c.intent == "fout")
        await trainer.press("p")  # the clock runs again
        await sync(pilots)
        await trainer.press("k")
        await trainer.pause()
        pick = trainer.app.screen
        assert isinstance(pick, PickScreen)
        pick.query_one(OptionList).highlighted = shown_ids_in(pick, lead_under(trainer)).index(
            wrong.id
        )
        await trainer.press("enter")
        await sync(pilots)
        # play the wrong branch out with whatever comes first, then look at the debrief
        while lead(trainer).session.status != "einde":
            await trainer.press("k")
            await trainer.pause()
            await trainer.press("enter")
            await trainer.pause()
            if isinstance(trainer.app.screen, PickScreen):
                await trainer.press("enter")
            await sync(pilots)
        debrief = screen_text(beamer)
        assert "Tak 1" in debrief and "Tak 2 (vanaf stap 1 van tak 1)" in debrief
        assert lead(trainer).session.state.branches[1].moves[-1]  # still there
        assert lead(trainer).session.attempt(1).state == first_ending


async def test_closing_gives_each_trainee_a_klassikaal_result_in_the_progress(
    tmp_path: Path,
) -> None:
    wall = Wall()
    sc = LIB.scenarios[SID]
    async with room(tmp_path, wall, trainees=2) as pilots:
        trainer, _beamer, anna, bram = pilots
        await trainer.press("s")
        await sync(pilots)
        fase = sc.fasen["binnenkomst"]
        model = fase.model_choice
        wrong = next(c for c in fase.choices if c.intent == "fout")
        assert model is not None
        ids = shown_ids(trainer)
        await vote(anna, ids.index(model.id) + 1)
        await vote(bram, ids.index(wrong.id) + 1)
        await sync(pilots)
        await trainer.press("o")
        await sync(pilots)
        await trainer.press("e")
        await trainer.pause()
        await trainer.press("j")
        await sync(pilots)
        assert isinstance(trainer.app.screen, TrainerScreen)
        assert "afgesloten" in page(anna)
        assert "U stemde bij 1 van de 1 stap" in page(anna)
        assert "Uw klassikale score: 100 (geslaagd)" in page(anna)
        assert "niet geslaagd" in page(bram)
        # his progress: 'klassikaal', not a training or exam attempt
        await bram.press("escape")
        await bram.pause()
        await bram.press("v")
        await bram.pause()
        assert isinstance(bram.app.screen, ProgressScreen)
        progress = screen_text(bram)
        assert "klassikaal" in progress and sc.title in progress
        assert bram.app.store.attempts(trainee="Bram de Vries") == []  # type: ignore[attr-defined]


async def test_late_joiners_see_the_current_fase_and_a_reload_keeps_the_vote(
    tmp_path: Path,
) -> None:
    wall = Wall()
    async with room(tmp_path, wall, trainees=1) as pilots:
        trainer, _beamer, anna = pilots
        await trainer.press("s")
        await sync(pilots)
        await vote(anna, 1)
        await sync(pilots)
        await trainer.press("v")
        await sync(pilots)
        await vote(anna, 2)
        # Anna's browser reloads: a new process, she signs in again (any training)
        reloaded = served_app(tmp_path, wall)
        async with reloaded.run_test(size=SIZE) as again:
            await sign_in(again, "Anna Bakker", training="vrij-oefenen")
            screen = again.app.screen
            assert isinstance(screen, ClassVoteScreen)
            assert "Stap 2" in page(again)
            assert "Uw stem: 2" in page(again)
            assert "▶ 2" in page(again)
            # a late joiner lands in the same fase
            late = served_app(tmp_path, wall)
            async with late.run_test(size=SIZE) as dirk:
                await sign_in(dirk, "Dirk Smit")
                assert "Stap 2" in page(dirk)
                fase = lead(trainer).session.attempt().fase
                assert fase is not None and " ".join(fase.text.split()[:5]) in page(dirk)


async def test_the_trainer_reloads_and_takes_up_the_session_where_it_was(tmp_path: Path) -> None:
    wall = Wall()
    async with room(tmp_path, wall, trainees=1) as pilots:
        trainer, _beamer, anna = pilots
        await trainer.press("s")
        await sync(pilots)
        await vote(anna, 1)
        await trainer.press("p")
        await sync(pilots)
        session_id = lead(trainer).session.state.id
        # a new window (or a reload) of the trainer: the same session, paused, with the vote
        fresh = served_app(tmp_path, wall)
        async with fresh.run_test(size=SIZE) as again:
            await as_trainer(again)
            await again.press("k")
            await again.pause()
            screen = lead(again)
            assert screen.session.state.id == session_id and screen.session.status == "pauze"
            assert "1 van 1 gestemd" in screen_text(again)
            assert "✓ Anna Bakker" in screen_text(again)
            # a key in one window, while the other still shows the old position: refused
            await again.press("p")  # runs again
            await again.press("v")
            await again.pause()
        await trainer.press("o")  # this window had not looked yet: it was still step 1
        await sync([trainer])
        session = lead(trainer).session
        assert session.position == (1, 1) and session.status == "stemmen"


async def test_the_projector_takes_the_trainers_keys_in_the_same_window(tmp_path: Path) -> None:
    """One window for the trainer: the projector page is also the control page."""
    wall = Wall()
    async with room(tmp_path, wall, trainees=1) as pilots:
        _, beamer, anna = pilots
        await beamer.press("s")
        await sync(pilots)
        await vote(anna, 2)
        await sync(pilots)
        await beamer.press("o")
        await sync(pilots)
        assert beamer.app.screen.query_one(VoteBars).display
        await beamer.press("v")
        await sync(pilots)
        session = lead(beamer).session
        assert session.position == (1, 1) and session.branch.moves[0].how == "meerderheid"
        assert "Stap 2" in page(anna)


# --- the projector at a beamer's size ----------------------------------------------------------
# What /beamer gives in Chromium (tests/test_class_browser.py measures it): at 1280 x 720 a
# terminal of 98 x 24, at 1920 x 1080 one of 96 x 24 (the letters are larger there).
BEAMERS = ((98, 24), (96, 24))
COURSES = ("klantmanager-halve-dag", "beveiliger-intensief")


def path_to(scenario_id: str, fase_id: str) -> list[tuple[str, tuple[bool, ...]]]:
    """Decisions (choice, chance picked) that bring a class session to ``fase_id``."""
    from simulator.engine.class_session import Branch, ClassSession, ClassState, Move

    sc = LIB.scenarios[scenario_id]
    todo: list[list[tuple[str, tuple[bool, ...]]]] = [[]]
    seen: set[str] = set()
    while todo:
        moves = todo.pop(0)
        state = ClassState(
            id=0, scenario=scenario_id, seed=0, groep=None, course=None, status="stemmen",
            branch=1, branches={1: Branch(1, None, 0, [Move(r, None if r == WAIT else 1.0, rolls) for r, rolls in moves])},
            clock_from=None, clock_before=0.0, revision=1, started="",
        )  # fmt: skip
        session = ClassSession(state, sc)
        here = session.attempt().state
        if here == fase_id:
            return moves
        if here in seen or here not in sc.fasen:
            continue
        seen.add(here)
        fase = sc.fasen[here]
        refs = [c.id for c in fase.choices] + ([WAIT] if fase.timer else [])
        for ref in refs:
            outcomes = session.outcomes(ref) or ()
            for rolls in [o.rolls for o in outcomes] or [()]:
                todo.append([*moves, (ref, rolls)])
    raise AssertionError(f"{fase_id} is niet te bereiken")


def choice_rows(fase_choices: tuple, width: int) -> int:  # type: ignore[type-arg]
    from simulator.tui.widgets.choice_grid import choice_lines

    return choice_lines(fase_choices, width).count("\n") + 1


async def test_the_projector_shows_every_fase_of_the_courses_whole_at_a_beamers_size(
    tmp_path: Path,
) -> None:
    """At both beamer sizes: every choice of every fase of both training courses is on the
    projector (none cut off), the timer shows, and the fase just entered fits the story."""
    from simulator.language.screen_fit import wrapped_lines

    fasen = [
        (sid, f)
        for cid in COURSES
        for sid in LIB.courses[cid].scenarios
        for f in LIB.scenarios[sid].fasen.values()
        if f.choices
    ]
    for size in BEAMERS:
        # the fase with the most lines of choices, on a real projector page
        worst_sid, worst = max(fasen, key=lambda p: choice_rows(p[1].choices, size[0] - 4))
        wall = Wall()
        data = tmp_path / f"{size[0]}"
        data.mkdir()
        store = Store(data / "regie.sqlite")
        classes = ClassStore(store, LIB, clock=wall)
        session = classes.open(GROUP, worst_sid, None, 0)
        session = classes.command(session.state.id, lambda s, now: s.start(now))
        for ref, rolls in path_to(worst_sid, worst.id):

            def decide(
                s: ClassSession, now: float, r: str = ref, p: tuple[bool, ...] = rolls
            ) -> None:
                s.go_on(r, now, rolls=p)

            session = classes.command(session.state.id, decide)
        assert session.attempt().state == worst.id
        app = served_app(data, wall)
        async with app.run_test(size=size) as pilot:
            app.trainer_open = True
            app.push_screen(ClassLeadScreen(session.state.id, projector=True))
            await pilot.pause()
            screen = lead(pilot)
            choices = screen.query_one("#choices", Static)
            width = choices.content_region.width
            shown = str(choices.render()).count("\n") + 1
            assert shown == choice_rows(worst.choices, width)
            assert choices.content_region.height >= shown, (size, worst.id)  # nothing cut off
            timer = screen.query_one(TimerBar)
            stage = screen.query_one("#stage")
            assert timer.region.bottom <= stage.region.bottom and timer.region.height == 4
            limit = choices.outer_size.height  # the most rows the choices may take
            log = screen.query_one(StoryLog)
            log_width = log.scrollable_content_region.width
            page_rows = screen.query_one("#class-play").outer_size.height
        # every other fase: its choices fit in what the worst one had, and the fase's own
        # story (what is said included) fits in the story panel beside them
        for sid, fase in fasen:
            need = choice_rows(fase.choices, width) + 2
            assert need <= limit, (size, sid, fase.id)
            story_rows = page_rows - need - 2  # the story panel's inside, above the choices
            sc = LIB.scenarios[sid]
            story = wrapped_lines(fase.text, log_width) + (
                wrapped_lines(f"{fase.speaker or sc.visitor.name}: “{fase.says}”", log_width - 2)
                if fase.says
                else 0
            )
            assert story <= story_rows, (size, sid, fase.id, story, story_rows)


async def test_a_vote_changed_too_often_stays_at_the_last_one_saved(tmp_path: Path) -> None:
    """A key held down (or a client sending keys without end) writes at most MAX_CHANGES
    votes a fase; then the last saved vote counts and the trainee is told so."""
    from simulator.tui.screens.class_vote import MAX_CHANGES

    wall = Wall()
    async with room(tmp_path, wall, trainees=1) as pilots:
        trainer, _, anna = pilots
        await trainer.press("s")
        await sync(pilots)
        ids = shown_ids(trainer)
        for n in range(MAX_CHANGES + 6):
            await anna.press("1" if n % 2 == 0 else "2")
        await anna.pause()
        session = lead(trainer).session
        last_saved = ids[0] if (MAX_CHANGES - 1) % 2 == 0 else ids[1]
        trainee = anna.app.trainee  # type: ignore[attr-defined]
        assert class_store(trainer).my_vote(session.state.id, trainee.id, session.position) == (
            last_saved
        )
        assert "Uw stem: " + str(ids.index(last_saved) + 1) in page(anna)


def test_a_class_session_is_a_bar_among_the_attempts_on_the_same_scale() -> None:
    """In the progress chart a class session is a line of its own, 'klassikaal', its bar
    starting in the same column as a training attempt's, and the lines fit 80 columns."""
    from simulator.language.screen_fit import METER_EMPTY, METER_FULL
    from simulator.store import AttemptRow
    from simulator.store.result import StoredResult
    from simulator.tui.class_progress import ClassRow
    from simulator.tui.screens.progress import attempt_lines

    attempt = AttemptRow(
        id=1,
        uuid="u",
        trainee="Anna Bakker",
        groep=GROUP,
        scenario=SID,
        course=None,
        mode="training",
        seed=0,
        started="2026-12-07T09:00:00+00:00",
        ended=None,
        status="afgerond",
        ending=None,
        score=60,
        passed=False,
        result=StoredResult.from_json({"pass_mark": 70}),
    )
    session = ClassRow("2026-12-07T10:00:00+00:00", SID, 85, True, 70)
    lines = attempt_lines([attempt, session], {SID: LIB.scenarios[SID].title}, 78)
    assert all(len(line) <= 78 for line in lines)
    klas, training = lines[2], lines[3]  # the newest first
    assert " klassikaal " in klas and klas.endswith(" 85 geslaagd")
    assert " training " in training and training.endswith(" 60 niet geslaagd")

    def bar_at(line: str) -> int:
        return min(i for i, ch in enumerate(line) if ch in (METER_FULL, METER_EMPTY))

    assert bar_at(klas) == bar_at(training)
