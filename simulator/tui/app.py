"""RegieApp: screens, navigation and the session of the trainee at the keyboard."""

from __future__ import annotations

import importlib
import random
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.events import Resize
from textual.theme import Theme

from simulator.tui.background import BackgroundLibrary
from simulator.tui.messages import AttemptFinished
from simulator.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from simulator.tui.screens.welcome import WelcomeScreen

if TYPE_CHECKING:  # the other screens are imported when first shown: a quicker start
    from simulator.library import Library
    from simulator.session import Session
    from simulator.store import Store, TraineeRow

HIGH_CONTRAST = Theme(
    name="regie-hoog-contrast",
    primary="#FFFF00",
    secondary="#00FFFF",
    accent="#FFFFFF",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    success="#00FF00",
    warning="#FFFF00",
    error="#FF5555",
    dark=True,
)
_SCREENS_AHEAD = (
    "simulator.tui.screens.scenario_list",
    "simulator.tui.screens.briefing",
    "simulator.tui.screens.play",
    "simulator.tui.screens.debrief",
)
THEMES = ("textual-dark", "textual-light", HIGH_CONTRAST.name)
STORE_PATIENCE = 2.0  # seconds a write waits for a file another program holds


class RegieApp(App[None]):
    TITLE = "Regie"
    SUB_TITLE = "orde vóór inhoud"
    CSS = """
    Screen { background: $background; }
    """
    BINDINGS = [
        Binding("f1", "help", "Hulp", id="app-help"),
        Binding("f2", "next_theme", "Thema", id="app-theme"),
        Binding("ctrl+q", "quit", "Afsluiten", id="app-quit", priority=True),
    ]

    def __init__(
        self,
        lib: Library | Callable[[], Library],
        store: Store,
        *,
        realtime: bool = True,
        clock: Callable[[], float] = time.monotonic,
        seed: Callable[[], int] | None = None,
    ) -> None:
        """``lib`` is the library, or a function that reads it: then it is read in the
        background once the first screen is drawn, while the trainee types a name."""
        super().__init__()
        self._library = BackgroundLibrary(lib)
        self.store = store
        store.set_patience(STORE_PATIENCE)  # a held file never freezes the screen for long
        self.realtime = realtime
        self.clock = clock
        self.new_seed = seed or (lambda: random.randrange(1_000_000))
        self.trainee: TraineeRow | None = None
        self.course: str | None = None
        self.exam_queue: list[tuple[str, int]] = []
        self.exam_done: list[Session] = []
        self.last_name = store.setting("laatste_naam")

    @property
    def lib(self) -> Library:
        return self._library.get()

    @property
    def trainee_name(self) -> str:
        return self.trainee.name if self.trainee else ""

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self.begin()

    def begin(self) -> None:
        """The remembered theme, then the welcome screen (served mode has its own)."""
        saved = self.store.setting("thema")
        if saved in THEMES:
            self.theme = saved
        self.push_screen(WelcomeScreen())

    def first_screen_shown(self) -> None:
        """The welcome screen calls this once it is drawn: now read the library."""
        self._library.start(self._library_read)

    def _library_read(self, read: Future[Library]) -> None:
        """Called from the reading thread: without scenarios the app ends with a message."""
        problem = read.exception()
        if problem is not None:
            message = f"regie: de scenario's konden niet worden gelezen: {problem}"
        elif not read.result().scenarios:
            message = "regie: er zijn geen scenario's gevonden; controleer ze met 'regie check'."
        else:
            for module in _SCREENS_AHEAD:  # so the first step after the welcome is quick too
                importlib.import_module(module)
            return
        self.call_from_thread(self.exit, return_code=1, message=message)

    # --- navigation -----------------------------------------------------------------
    def sign_in(self, name: str, group: str | None) -> None:
        self.trainee = self.store.trainee(name, group)
        self.store.set_setting("laatste_naam", self.trainee.name)

    def open_course(self, course: str | None) -> None:
        from simulator.session import Session
        from simulator.tui.screens.confirm import ConfirmScreen
        from simulator.tui.screens.play import PlayScreen
        from simulator.tui.screens.scenario_list import ScenarioListScreen

        self.course = course
        self.push_screen(ScenarioListScreen(course))
        unfinished = self.store.unfinished(self.trainee_name)
        if unfinished:
            row = unfinished[-1]
            title = (
                self.lib.scenarios[row.scenario].title
                if row.scenario in self.lib.scenarios
                else row.scenario
            )

            def answered(resume: bool | None) -> None:
                if resume and row.scenario in self.lib.scenarios:
                    self.push_screen(PlayScreen(self.resume_session(row.id)))
                else:
                    Session.resume(
                        self.store, self.lib, row.id
                    ).stop() if row.scenario in self.lib.scenarios else None

            self.push_screen(
                ConfirmScreen(
                    f"U was nog bezig met '{title}' ({row.mode}). Wilt u verdergaan waar u was?"
                ),
                answered,
            )

    def wall(self) -> float:
        """Wall time (seconds since the epoch): what the store's times are compared with."""
        return time.time()

    def resume_session(self, attempt_id: int) -> Session:
        """An unfinished attempt, to go on with. In an exam the running fase's time went on
        while the app was closed (as pausing, that gives no extra time to think), but at
        most until its timer ran out: one fase, not a whole exam, is lost to a crash."""
        from datetime import datetime

        from simulator.session import Session

        session = Session.resume(self.store, self.lib, attempt_id)
        if not (session.exam and session.row.status == "bezig"):
            return session
        left = session.attempt.time_left()
        if left is None:
            return session
        try:
            last = datetime.fromisoformat(self.store.last_move_at(attempt_id))
        except ValueError:
            return session
        away = self.wall() - last.timestamp()
        if away > 0:
            session.advance(min(away, left))
        return session

    def show_briefing(
        self,
        scenario_id: str,
        *,
        course: str | None,
        mode: str = "training",
        seed: int | None = None,
    ) -> None:
        from simulator.tui.screens.briefing import BriefingScreen

        self.push_screen(
            BriefingScreen(
                scenario_id,
                course=course,
                mode=mode,
                seed=self.new_seed() if seed is None else seed,
            )
        )

    def start_attempt(self, scenario_id: str, *, course: str | None, mode: str, seed: int) -> None:
        from simulator.session import Session
        from simulator.tui.screens.play import PlayScreen

        assert self.trainee is not None
        session = Session.start(self.store, self.lib, self.trainee, scenario_id, seed, mode, course)
        self.switch_screen(PlayScreen(session))

    def start_exam(self, course_id: str) -> None:
        from simulator.load_course import draw_exam

        course = self.lib.course(course_id)
        roles = {sid: sc.role for sid, sc in self.lib.scenarios.items()}
        role = None
        if self.trainee is not None:
            played = {a.scenario for a in self.store.attempts(trainee=self.trainee.name)}
            played_roles = {roles[s] for s in played if s in roles}
            role = played_roles.pop() if len(played_roles) == 1 else None
        self.exam_queue = draw_exam(course, self.new_seed(), roles, role)
        self.exam_done = []
        self._next_exam_scenario()

    def _next_exam_scenario(self) -> None:
        sid, seed = self.exam_queue.pop(0)
        self.show_briefing(sid, course=self.course, mode="examen", seed=seed)

    def stop_attempt(self, session: Session) -> None:
        row = session.stop()
        if row is None:  # a training attempt: dropped
            self.back_to_list()
        else:
            self.post_message(AttemptFinished(session))

    def on_attempt_finished(self, message: AttemptFinished) -> None:
        from simulator.tui.screens.debrief import DebriefScreen
        from simulator.tui.screens.exam_summary import ExamSummaryScreen

        session = message.session
        if session.exam and (self.exam_queue or self.exam_done):
            self.exam_done.append(session)
            if self.exam_queue:
                self.pop_to_list()
                self._next_exam_scenario()
            else:
                course = self.lib.courses.get(self.course or "")
                pass_mark = course.pass_mark if course and course.pass_mark is not None else 70
                done, self.exam_done = self.exam_done, []
                self.pop_to_list()
                self.push_screen(ExamSummaryScreen(done, pass_mark))
            return
        self.switch_screen(DebriefScreen(session))

    def pop_to_list(self) -> None:
        from simulator.tui.screens.scenario_list import ScenarioListScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, ScenarioListScreen):
            self.pop_screen()

    def back_to_list(self) -> None:
        self.pop_to_list()

    def replay(self, session: Session) -> None:
        self.pop_to_list()
        self.show_briefing(
            session.attempt.scenario.id, course=session.row.course, mode=session.row.mode
        )

    def next_scenario(self, session: Session) -> None:
        course = self.lib.courses.get(session.row.course or "")
        order = list(course.scenarios) if course else sorted(self.lib.scenarios)
        sid = session.attempt.scenario.id
        self.pop_to_list()
        if sid in order and order.index(sid) + 1 < len(order):
            self.show_briefing(order[order.index(sid) + 1], course=session.row.course)
        else:
            self.notify("Dit was het laatste scenario van deze training.")

    def show_progress(self) -> None:
        from simulator.tui.screens.progress import ProgressScreen

        self.push_screen(ProgressScreen())

    def may_write(self) -> bool:
        """May this app still save moves? Always here; in served mode not after the same
        name was signed in in another browser (see ``simulator.tui.served``)."""
        return True

    # --- app-wide actions -----------------------------------------------------------
    def action_help(self) -> None:
        from simulator.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_next_theme(self) -> None:
        current = self.theme if self.theme in THEMES else THEMES[0]
        self.theme = THEMES[(THEMES.index(current) + 1) % len(THEMES)]
        self.store.set_setting("thema", self.theme)
        self.restyle_story()
        self.notify(f"Thema: {self.theme}")

    def restyle_story(self) -> None:
        """The story's lines carry the colours of the theme they were written in."""
        from simulator.tui.widgets.story_log import StoryLog

        for log in self.screen.query(StoryLog):
            log.call_after_refresh(log.rewrite)

    def on_resize(self, event: Resize) -> None:
        small = event.size.width < MIN_WIDTH or event.size.height < MIN_HEIGHT
        showing = isinstance(self.screen, TooSmallScreen)
        if small and not showing:
            self.push_screen(TooSmallScreen())
        elif not small and showing:
            self.pop_screen()
