"""The app of a browser that an LMS launched (cmi5): one AU, one attempt, results to the LMS.

The launch (``cmi5_launch``) already signed the trainee in as the LMS's actor: no name or
pincode is asked. The app shows the AU's scenario (``LaunchHomeScreen``, then its briefing)
and plays it once, in training, or as an exam when the AU's launch parameters say
``modus=examen``. Its statements are queued in the store as they happen and sent to the
LMS by a ``Sender`` thread (``lms_sender``). After the debrief the session is over: Regie
says so and names the LMS's return address; replaying starts from the LMS (a new session).
A reload takes the attempt up where it was, as in the classroom.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, cast

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from simulator.store import StoreError, xapi_log
from simulator.tui.messages import AttemptFinished
from simulator.tui.served import HEARTBEAT, ServedRegieApp
from simulator.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from simulator.language.library import Library
    from simulator.serve.lms_sender import Reporter, Sender
    from simulator.store import Store
    from simulator.store.session import Session
    from simulator.tui.served import ServedMode

SYNC_EVERY = 1.0  # seconds between two looks for new statements


class LaunchHomeScreen(Screen[None]):
    """What this launch is about, and when it is done, that it is done."""

    DEFAULT_CSS = """
    LaunchHomeScreen VerticalScroll { padding: 1 2; }
    """
    BINDINGS = [
        Binding("enter", "start", "Beginnen", id="launch-start"),
        Binding("f1", "app.help", "Hulp", id="launch-help"),
    ]

    @property
    def regie(self) -> LaunchedRegieApp:
        return cast("LaunchedRegieApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="launch-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_text()

    def on_screen_resume(self) -> None:
        self.refresh_text()

    def refresh_text(self) -> None:
        self.query_one("#launch-text", Static).update(self.regie.home_text())

    def action_start(self) -> None:
        self.regie.start_launch()


class LaunchedRegieApp(ServedRegieApp):
    def __init__(
        self, lib: Library, store: Store, served: ServedMode, launch_key: str, **kwargs: object
    ) -> None:
        super().__init__(lib, store, served, **kwargs)  # type: ignore[arg-type]
        self.launch_key = launch_key
        self.launch: xapi_log.LaunchRow | None = None
        self.reporter: Reporter | None = None
        self.sender: Sender | None = None
        self.problem: str | None = None

    # --- the launch ---------------------------------------------------------------------
    def begin(self) -> None:
        from simulator.serve.lms_sender import Reporter, Sender

        self.launch = xapi_log.launch_by_key(self.store, self.launch_key)
        trainee = None
        if self.launch is not None:
            trainee = next(
                (t for t in self.store.trainees() if t.id == self.launch.trainee_id), None
            )
        if self.launch is None or trainee is None or self.launch.scenario not in self.lib.scenarios:
            self.problem = (
                "Deze start uit de leeromgeving is niet (meer) geldig. Start de oefening "
                "opnieuw vanuit de leeromgeving."
            )
            self.launch = None
            self.push_screen(LaunchHomeScreen())
            return
        self.trainee = trainee
        self.token = self.classroom.claim(trainee)
        self.reporter = Reporter(self.store, self.lib, self.launch)
        self.sender = Sender(self.store.path, first=self.launch.id)
        self.sender.start()
        self.push_screen(LaunchHomeScreen())
        if self.realtime:
            self.set_interval(SYNC_EVERY, self.report)
            self.set_interval(HEARTBEAT, self.heartbeat)  # the trainer sees where they are
        attempt = self.launch.attempt_id
        if attempt is not None and self.store.attempt(attempt).status == "bezig":
            from simulator.tui.screens.play import PlayScreen

            self.push_screen(PlayScreen(self.resume_session(attempt)))
            self.notify("U gaat verder waar u gebleven was.")
        elif attempt is None:
            self.start_launch()

    @property
    def mode(self) -> str:
        parameters = str(
            (self.launch.launch_data if self.launch else {}).get("launchParameters", "")
        )
        return "examen" if "modus=examen" in parameters.replace(" ", "") else "training"

    def home_text(self) -> str:
        if self.launch is None:
            return f"[b]Regie[/b]\n\n{escape(self.problem or '')}"
        title = escape(self.lib.scenarios[self.launch.scenario].title)
        if self.launch.attempt_id is None and self.launch.ended is None:
            return (
                f"[b]{title}[/b]\n\nU bent aangemeld via uw leeromgeving. Druk op Enter om de "
                "briefing te lezen en te beginnen."
            )
        self.report()
        back = (self.launch.launch_data or {}).get("returnURL")
        text = (
            f"[b]{title}[/b]\n\nDeze oefening is klaar. Uw resultaat gaat naar uw leeromgeving"
            + (
                " (dat gebeurt zodra die bereikbaar is; er gaat niets verloren)."
                if self.waiting()
                else "."
            )
            + "\nWilt u nog eens oefenen, start de oefening dan opnieuw vanuit de leeromgeving. "
            "U kunt dit venster sluiten."
        )
        if isinstance(back, str) and back:
            text += f"\n\nTerug naar de leeromgeving: {escape(back)}"
        return text

    def waiting(self) -> bool:
        if self.launch is None:
            return False
        try:
            return bool(xapi_log.unsent(self.store, self.launch.id))
        except StoreError:
            return True

    def start_launch(self) -> None:
        if self.launch is None or self.launch.attempt_id is not None or self.launch.ended:
            return
        self.show_briefing(self.launch.scenario, course=None, mode=self.mode)

    # --- the attempt ----------------------------------------------------------------------
    def start_attempt(
        self, scenario_id: str, *, course: str | None, mode: str, seed: int, exam: int | None = None
    ) -> None:
        from simulator.store.session import Session
        from simulator.tui.screens.play import PlayScreen

        if self.launch is None or self.trainee is None or self.launch.attempt_id is not None:
            return
        session = Session.start(self.store, self.lib, self.trainee, scenario_id, seed, mode, None)
        xapi_log.set_attempt(self.store, self.launch.id, session.row.id)
        self.launch = xapi_log.launch(self.store, self.launch.id)
        self.report()
        self.switch_screen(PlayScreen(session))

    def report(self) -> None:
        """Queue what is new and wake the sender."""
        if self.launch is None or self.reporter is None or self.launch.attempt_id is None:
            return
        try:
            self.reporter.sync(self.launch.attempt_id)
        except StoreError:
            return
        if self.sender is not None:
            self.sender.poke.set()

    def stop_attempt(self, session: Session) -> None:
        """A training stopped early is dropped, as ever; the LMS gets its terminated."""
        if self.reporter is not None and self.launch is not None and not session.exam:
            now = datetime.now(UTC).isoformat(timespec="milliseconds")
            if session.row.status == "bezig":
                self.reporter.sync(session.row.id, stopped_at=now)
        super().stop_attempt(session)
        self.finish_launch()

    def on_attempt_finished(self, message: AttemptFinished) -> None:
        """The attempt ended (Textual then calls ``RegieApp``'s handler: the debrief)."""
        self.report()
        self.finish_launch()

    def finish_launch(self) -> None:
        if self.launch is None:
            return
        if self.launch.attempt_id is not None:
            self.report()
        try:
            xapi_log.end_launch(self.store, self.launch.id)
            self.launch = xapi_log.launch(self.store, self.launch.id) or self.launch
        except StoreError:
            pass
        if self.sender is not None:
            self.sender.poke.set()

    # --- one attempt per launch: the way back is the home screen ---------------------------
    def pop_to_list(self) -> None:
        while len(self.screen_stack) > 1 and not isinstance(self.screen, LaunchHomeScreen):
            self.pop_screen()

    def replay(self, session: Session) -> None:
        self.pop_to_list()

    def next_scenario(self, session: Session) -> None:
        self.pop_to_list()

    def to_welcome(self) -> None:
        self.pop_to_list()

    def sign_out(self) -> None:
        if self.sender is not None:
            self.sender.stop()
        super().sign_out()
