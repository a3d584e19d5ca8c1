"""RegieApp: screens, navigation and the session of the trainee at the keyboard."""

from __future__ import annotations

import importlib
import random
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.events import Resize
from textual.theme import Theme

from simulator.tui.background import BackgroundLibrary
from simulator.tui.messages import AttemptFinished
from simulator.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH, TooSmallScreen
from simulator.tui.screens.welcome import WelcomeScreen

if TYPE_CHECKING:  # the other screens are imported when first shown: a quicker start
    from textual.notifications import SeverityLevel
    from textual.screen import Screen

    from simulator.language.library import Library
    from simulator.store import ExamRow, Store, TraineeRow
    from simulator.store.session import Session

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
# the themes as a trainee reads their names (F2 goes round them)
THEME_NAMES = {
    "textual-dark": "donker",
    "textual-light": "licht",
    HIGH_CONTRAST.name: "hoog contrast",
}


def theme_name(theme: str) -> str:
    return THEME_NAMES.get(theme, theme)


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
        # Textual adds this key itself as "palette" unless the app has one (Dutch here)
        Binding(
            "ctrl+p",
            "command_palette",
            "opdrachten",
            show=False,
            priority=True,
            tooltip="Zoek een opdracht van Regie",
            id="app-palette",
        ),
    ]

    def __init__(
        self,
        lib: Library | Callable[[], Library],
        store: Store,
        *,
        realtime: bool = True,
        clock: Callable[[], float] = time.monotonic,
        seed: Callable[[], int] | None = None,
        extra_time: int = 0,
    ) -> None:
        """``lib`` is the library, or a function that reads it: then it is read in the
        background once the first screen is drawn, while the trainee types a name.
        ``extra_time``: percent more time on every timer (``regie --extra-tijd``), at least;
        a trainee or group with more set in the store gets that."""
        super().__init__()
        self.extra_time = extra_time
        self._library = BackgroundLibrary(lib)
        self.store = store
        store.set_patience(STORE_PATIENCE)  # a held file never freezes the screen for long
        self.realtime = realtime
        self.clock = clock
        self.new_seed = seed or (lambda: random.randrange(1_000_000))
        self.trainee: TraineeRow | None = None
        self.course: str | None = None
        self.exam_id: int | None = None  # the exam being played (``Store.start_exam``)
        self.exam_total = 0  # how many scenarios it has
        self.exam_queue: list[tuple[str, int]] = []
        self.exam_done: list[Session] = []
        self.last_name = store.setting("laatste_naam")
        self.last_group = store.setting("laatste_groep")

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
        """Sign in, and remember the name and the group code for the next time (an empty
        code too: the next trainee at this computer may have none)."""
        self.trainee = self.store.trainee(name, group)
        self.store.set_setting("laatste_naam", self.trainee.name)
        self.store.set_setting("laatste_groep", self.trainee.groep or "")

    def open_course(self, course: str | None) -> None:
        from simulator.store.session import Session
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
                    if row.exam is not None:
                        self.continue_exam(self.store.exam(row.exam), play=False)
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

        from simulator.store.session import Session

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
        exam: int | None = None,
    ) -> None:
        from simulator.tui.screens.briefing import BriefingScreen

        self.push_screen(
            BriefingScreen(
                scenario_id,
                course=course,
                mode=mode,
                seed=self.new_seed() if seed is None else seed,
                exam=exam,
            )
        )

    def start_attempt(
        self,
        scenario_id: str,
        *,
        course: str | None,
        mode: str,
        seed: int,
        exam: int | None = None,
    ) -> None:
        from simulator.store.session import Session
        from simulator.tui.screens.play import PlayScreen

        assert self.trainee is not None
        session = Session.start(
            self.store,
            self.lib,
            self.trainee,
            scenario_id,
            seed,
            mode,
            course,
            exam,
            extra_time=self.extra_time,
        )
        self.switch_screen(PlayScreen(session))

    def start_exam(self, course_id: str) -> None:
        """The exam of this course: an unfinished one goes on where it was; else a new one,
        drawn from the trainee's role (asked first when it is not known)."""
        from simulator.tui.screens.role import RoleScreen

        assert self.trainee is not None
        trainee = self.trainee
        self.course = course_id
        waiting = [e for e in self.store.exams(trainee=trainee.name, status="bezig")]
        mine = [e for e in waiting if e.course == course_id]
        if mine:
            self.continue_exam(mine[-1])
            self.say("U gaat verder met het examen dat u nog niet had afgemaakt.")
            return
        role = self.known_role(trainee)
        if role is not None:
            self.begin_exam(course_id, role)
            return

        def answered(chosen: str | None) -> None:
            if chosen is None:
                return
            self.store.set_role(trainee.id, chosen)
            self.begin_exam(course_id, chosen)

        self.push_screen(RoleScreen(), answered)

    def known_role(self, trainee: TraineeRow) -> str | None:
        """The role remembered for the trainee; else the one role of all they played
        (then remembered); else None: it must be asked."""
        role = self.store.role(trainee.id)
        if role is not None:
            return role
        roles = {sid: sc.role for sid, sc in self.lib.scenarios.items()}
        played = {a.scenario for a in self.store.attempts(trainee=trainee.name)}
        played_roles = {roles[s] for s in played if s in roles}
        if len(played_roles) != 1:
            return None
        role = played_roles.pop()
        self.store.set_role(trainee.id, role)
        return role

    def begin_exam(self, course_id: str, role: str) -> None:
        from simulator.language.course import draw_exam

        assert self.trainee is not None
        course = self.lib.course(course_id)
        roles = {sid: sc.role for sid, sc in self.lib.scenarios.items()}
        plan = draw_exam(course, self.new_seed(), roles, role)
        if not plan:
            self.notify(
                f"Deze cursus heeft geen examenscenario's voor de rol {role}.", severity="warning"
            )
            return
        exam = self.store.start_exam(self.trainee, course_id, role, plan)
        self.continue_exam(exam)

    def continue_exam(self, exam: ExamRow, *, play: bool = True) -> None:
        """Take up ``exam`` from the store: what was played is done, the rest is to come.
        With ``play``, show what comes next (an attempt that was under way goes on)."""
        from simulator.store.session import Session
        from simulator.tui.screens.play import PlayScreen

        attempts = self.store.exam_attempts(exam.id)
        self.course = exam.course
        self.exam_id = exam.id
        self.exam_total = len(exam.plan)
        self.exam_queue = [p for p in exam.plan[len(attempts) :] if p[0] in self.lib.scenarios]
        self.exam_done = [
            Session.resume(self.store, self.lib, a.id)
            for a in attempts
            if a.status != "bezig" and a.scenario in self.lib.scenarios
        ]
        if not play:
            return
        busy = [a for a in attempts if a.status == "bezig" and a.scenario in self.lib.scenarios]
        if busy:
            self.push_screen(PlayScreen(self.resume_session(busy[-1].id)))
        elif self.exam_queue:
            self._next_exam_scenario()
        else:
            self._exam_summary()

    def exam_number(self, exam_id: int | None, *, started: bool) -> str | None:
        """ "scenario 2 van 4": where the trainee is in the exam (None outside an exam).
        ``started``: the scenario's attempt is already under way (else it comes next)."""
        if exam_id is None:
            return None
        exam = self.store.exam(exam_id)
        played = len(self.store.exam_attempts(exam_id))
        return f"scenario {played if started else played + 1} van {len(exam.plan)}"

    def _next_exam_scenario(self) -> None:
        sid, seed = self.exam_queue.pop(0)
        self.show_briefing(sid, course=self.course, mode="examen", seed=seed, exam=self.exam_id)

    def _exam_summary(self) -> None:
        from simulator.tui.screens.exam_summary import ExamSummaryScreen

        course = self.lib.courses.get(self.course or "")
        pass_mark = course.pass_mark if course and course.pass_mark is not None else 70
        if self.exam_id is not None:
            self.store.finish_exam(self.exam_id)
        done, self.exam_done = self.exam_done, []
        self.exam_id, self.exam_total = None, 0
        self.pop_to_list()
        self.push_screen(ExamSummaryScreen(done, pass_mark))

    def stop_attempt(self, session: Session) -> None:
        row = session.stop()
        if row is None:  # a training attempt: dropped
            self.back_to_list()
        else:
            self.post_message(AttemptFinished(session))

    def on_attempt_finished(self, message: AttemptFinished) -> None:
        from simulator.tui.screens.debrief import DebriefScreen

        session = message.session
        if session.exam and session.row.exam is not None and session.row.exam == self.exam_id:
            self.exam_done.append(session)
            if self.exam_queue:
                self.pop_to_list()
                self._next_exam_scenario()
            else:
                self._exam_summary()
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

    def say(self, text: str, severity: SeverityLevel = "information") -> None:
        """A message for the trainee. The play screen gives it a line of its own, since a
        toast would lie over the choices while time runs; elsewhere it is a toast."""
        speak = getattr(self.screen, "say", None)
        if callable(speak):
            speak(text, severity)
        else:
            self.notify(text, severity=severity)

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
        self.say(f"Thema: {theme_name(self.theme)}")

    # --- the command palette (Ctrl+P): Regie's own commands, in Dutch ------------------
    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Hulp", "Het protocol op één pagina, en de toetsen (F1)", self.action_help
        )
        yield SystemCommand(
            "Thema wisselen", "Licht, donker of hoog contrast (F2)", self.action_next_theme
        )
        yield SystemCommand(
            "Afsluiten", "Regie sluiten; wat gespeeld is, blijft bewaard (Ctrl+Q)", self.action_quit
        )

    def action_command_palette(self) -> None:
        from simulator.tui.palette import DutchPalette

        if self.use_command_palette and not any(
            isinstance(s, DutchPalette) for s in self.screen_stack
        ):
            self.push_screen(DutchPalette())

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
