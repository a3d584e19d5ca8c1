"""Regie in the browser (``regie serve``): the app in served mode.

One process per browser, all sharing one store. What differs from the app at a terminal:

- Signing in asks a name and a pincode (and the group code, when the server has one); the
  last name is never filled in and the theme is not remembered in the shared store.
- A name can be signed in in one browser at a time: a newer sign-in takes it over and the
  older browser is signed out before it writes anything (``may_write``).
- After a reload (a new process) the trainee goes straight back into an unfinished attempt.
  In training the time the browser was gone does not count. In an exam it does, for the
  fase that was running (a reload gives no extra time to think), but at most until that
  fase's timer runs out.
- The trainer view (with the trainer code) shows the group live, and leads a class session
  (klassikaal): the whole group plays one scenario, each trainee votes from his own browser.
- No key that a browser keeps for itself is needed; there is no quit key (a browser tab is
  closed, not quit) and no command palette (ctrl+p prints in a browser).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from textual.binding import Binding

from simulator.language.library import Library
from simulator.store import Store, StoreError, TraineeRow
from simulator.store.classes import ClassStore
from simulator.store.classroom import NEW_NAMES, Classroom, stored_trainer_code
from simulator.tui.app import THEMES, RegieApp, theme_name
from simulator.tui.messages import AttemptFinished
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.class_vote import ClassVoteScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.exam_summary import ExamSummaryScreen
from simulator.tui.screens.help import HELP, HelpScreen
from simulator.tui.screens.play import PlayScreen
from simulator.tui.screens.progress import ProgressScreen
from simulator.tui.screens.scenario_list import ScenarioListScreen
from simulator.tui.screens.served_welcome import ServedWelcomeScreen
from simulator.tui.screens.trainer import TrainerScreen

HEARTBEAT = 3.0  # seconds between two presence updates
SERVED_HELP = HELP.replace(
    "| Ctrl+Q | Regie afsluiten |",
    "| Esc (op de lijst) | afmelden; sluit daarna gerust het tabblad |",
)


@dataclass(frozen=True, slots=True)
class ServedMode:
    """What the server tells each app process."""

    groep: str | None
    trainer_code: str
    data: Path  # where the trainer's group report is written
    wall: Callable[[], float] = field(default=time.time)  # wall time, shared by processes
    client: str = ""  # the browser's address: wrong tries count per address
    new_names: int = NEW_NAMES  # new names an hour from one address
    extra_time: int = 0  # percent more time on every timer, for the whole group


class ServedRegieApp(RegieApp, inherit_bindings=False):
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("f1", "help", "Hulp", id="app-help"),
        Binding("f2", "next_theme", "Thema", id="app-theme"),
    ]

    def __init__(
        self,
        lib: Library,
        store: Store,
        served: ServedMode,
        *,
        realtime: bool = True,
        clock: Callable[[], float] = time.monotonic,
        seed: Callable[[], int] | None = None,
    ) -> None:
        super().__init__(
            lib, store, realtime=realtime, clock=clock, seed=seed, extra_time=served.extra_time
        )
        self.served = served
        self.classroom = Classroom(
            store, clock=served.wall, source=served.client, new_names=served.new_names
        )
        self.last_name = None  # never the previous trainee's name or group (privacy)
        self.last_group = None
        self.token: str | None = None
        self.trainer_open = False
        self.signed_out_because: str | None = None
        self._class_store: ClassStore | None = None

    @property
    def class_store(self) -> ClassStore:
        """The class sessions (klassikaal) in the store."""
        if self._class_store is None:
            self._class_store = ClassStore(self.store, self.lib, clock=self.served.wall)
        return self._class_store

    def begin(self) -> None:
        """No theme from the shared store; the welcome of the classroom."""
        self.push_screen(ServedWelcomeScreen())
        if self.realtime:
            self.set_interval(HEARTBEAT, self.heartbeat)

    # --- signing in and out ---------------------------------------------------------
    def enter(self, trainee: TraineeRow, course: str | None, *, klassikaal: bool = False) -> None:
        """The trainee is signed in (name and pincode checked): claim the name and go; with
        ``klassikaal``, to the group's class session."""
        self.trainee = trainee
        self.token = self.classroom.claim(trainee)
        self.signed_out_because = None
        if klassikaal or self.in_class(trainee):
            self.course = course
            self.push_screen(ScenarioListScreen(course))
            self.push_screen(ClassVoteScreen())
        else:
            self.open_course(course)
        self.heartbeat()

    def in_class(self, trainee: TraineeRow) -> bool:
        """Is the trainee taking part in the group's class session (back after a reload)?"""
        try:
            session_id = self.class_store.active(self.served.groep)
            return session_id is not None and any(
                tid == trainee.id for tid, _ in self.class_store.members(session_id)
            )
        except StoreError:
            return False

    def sign_out(self) -> None:
        if self.trainee is not None and self.token is not None:
            with suppress(StoreError):  # if it fails, gone in ONLINE seconds anyway
                self.classroom.leave(self.trainee.id, self.token)
        self.trainee = None
        self.token = None
        self.course = None
        self.exam_queue, self.exam_done = [], []
        self.exam_id, self.exam_total = None, 0

    def trainer_code(self) -> str:
        """The trainer code now. On a database that several hosts share, the group's code
        in it (a host started with --nieuwe-trainercode changes it for every host at once);
        else, or when the database cannot say, the code this server was started with."""
        if self.store.shared:
            with suppress(StoreError):
                stored = stored_trainer_code(self.store, self.served.groep)
                if stored:
                    return stored
        return self.served.trainer_code

    def may_write(self) -> bool:
        """May this process still write for its trainee? Not after another browser took the
        name over: then it signs out at once."""
        if self.trainee is None or self.token is None:
            return self.trainee is None
        try:
            held = self.classroom.holds(self.trainee.id, self.token)
        except StoreError:  # the database is away for a moment: the write itself waits
            return True
        if held:
            return True
        self.taken_over()
        return False

    def taken_over(self) -> None:
        """Signed out from elsewhere: by a newer sign-in with this name, or because the
        trainer erased this trainee (then there is nothing left to go back to)."""
        erased = self.trainee is not None and not self.store.trainee_exists(self.trainee.id)
        self.token = None
        self.signed_out_because = (
            "Uw gegevens zijn zojuist door de trainer gewist; u bent afgemeld."
            if erased
            else "U bent met deze naam in een ander venster aangemeld; hier bent u afgemeld."
        )
        self.to_welcome()

    def to_welcome(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ServedWelcomeScreen):
            self.pop_screen()

    # --- resuming -------------------------------------------------------------------
    def open_course(self, course: str | None) -> None:
        """Straight back into an unfinished attempt, if there is one; else the list."""
        unfinished = [
            row
            for row in self.store.unfinished(self.trainee_name)
            if row.scenario in self.lib.scenarios
        ]
        if not unfinished:
            self.course = course
            self.push_screen(ScenarioListScreen(course))
            return
        row = unfinished[-1]
        self.course = row.course if row.course in self.lib.courses else course
        self.push_screen(ScenarioListScreen(self.course))
        if row.exam is not None:  # the same exam goes on, in exam mode
            self.continue_exam(self.store.exam(row.exam), play=False)
        session = self.resume_session(row.id)
        if session.row.exam is not None and session.row.status != "bezig":
            self.post_message(AttemptFinished(session))  # finished just before the reload
        elif session.row.status == "bezig":
            self.push_screen(PlayScreen(session))  # it says so in the story
        else:
            self.push_screen(DebriefScreen(session))

    def wall(self) -> float:
        return self.served.wall()

    # --- where everyone is ----------------------------------------------------------
    def place(self) -> tuple[str, str | None, str | None]:
        """(screen, scenario, fase) of this trainee, for the trainer view."""
        screen = next(
            (
                s
                for s in reversed(self.screen_stack)
                if isinstance(
                    s,
                    PlayScreen
                    | ClassVoteScreen
                    | BriefingScreen
                    | DebriefScreen
                    | ScenarioListScreen
                    | ExamSummaryScreen
                    | ProgressScreen,
                )
            ),
            None,
        )
        if isinstance(screen, PlayScreen):
            attempt = screen.session.attempt
            return "speelt", attempt.scenario.id, attempt.state
        if isinstance(screen, ClassVoteScreen):
            session = screen.follow.session if screen.follow is not None else None
            if session is None:
                return "klassikaal", None, None
            return "klassikaal", session.scenario.id, session.attempt().state
        if isinstance(screen, BriefingScreen):
            return "briefing", screen.scenario_id, None
        if isinstance(screen, DebriefScreen):
            return "nabespreking", screen.session.attempt.scenario.id, None
        if isinstance(screen, ExamSummaryScreen):
            return "examenuitslag", None, None
        if isinstance(screen, ProgressScreen):
            return "voortgang", None, None
        if isinstance(screen, ScenarioListScreen):
            return "lijst", None, None
        return "welkom", None, None

    def heartbeat(self) -> None:
        if self.trainee is None or self.token is None:
            return
        where, scenario, fase = self.place()
        if not self.classroom.beat(self.trainee.id, self.token, where, scenario, fase):
            self.taken_over()

    # --- the trainer ----------------------------------------------------------------
    def open_trainer_view(self) -> None:
        self.trainer_open = True
        self.push_screen(TrainerScreen())

    def open_class(self, *, projector: bool) -> None:
        """The group's class session: its control page or the projector; without one, the
        control page begins by picking a scenario."""
        from simulator.tui.screens.class_lead import ClassLeadScreen
        from simulator.tui.screens.class_setup import ClassSetupScreen

        try:
            session_id = self.class_store.active(self.served.groep)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        if session_id is not None:
            self.push_screen(ClassLeadScreen(session_id, projector=projector))
        elif projector:
            self.notify(
                "Er loopt nog geen klassikale sessie. Begin er een met k (in dit of een ander "
                "venster); daarna toont b hem hier.",
                severity="warning",
            )
        else:
            self.push_screen(ClassSetupScreen())

    # --- app-wide actions -----------------------------------------------------------
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(SERVED_HELP))

    def action_next_theme(self) -> None:
        """Per browser: the shared store keeps no theme."""
        current = self.theme if self.theme in THEMES else THEMES[0]
        self.theme = THEMES[(THEMES.index(current) + 1) % len(THEMES)]
        self.restyle_story()
        self.say(f"Thema: {theme_name(self.theme)}")
