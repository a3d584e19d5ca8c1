"""Spelen: the conversation as it unfolds, the visitor, the escalation, the timer, the choices.

The screen only shows and forwards: time goes to ``Session.advance``, a key to
``Session.choose``; the engine decides what happens and the session saves it at once.

Nothing lies over the choices while time runs: messages have a line of their own, the top
border of the choices (no toasts); the feedback on a choice stays in view until the next key
(the story scrolls to its end, but never past the feedback); and PgUp/PgDn read the story
from wherever the focus is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList

from scoring import BY_ID, Status, feedback_after
from simulator.dutch import format_duration
from simulator.engine.attempt import EngineError
from simulator.engine.trace import TraceEvent
from simulator.language.speech import own_line
from simulator.store import StoreError
from simulator.store.session import Session
from simulator.tui.messages import AttemptFinished
from simulator.tui.screens.confirm import ConfirmScreen
from simulator.tui.widgets.choice_list import ChoiceList
from simulator.tui.widgets.escalation_meter import EscalationMeter
from simulator.tui.widgets.key_footer import KeyFooter
from simulator.tui.widgets.story_log import Line, StoryLog
from simulator.tui.widgets.timer_bar import TimerBar
from simulator.tui.widgets.visitor_panel import VisitorPanel

if TYPE_CHECKING:
    from simulator.tui.app import RegieApp

TICK = 0.2
RETRY = 3.0  # seconds between two tries to save what the store could not take
STORY_KEYS = Binding.Group("Gesprek")


class PlayScreen(Screen[None]):
    DEFAULT_CSS = """
    PlayScreen #stage { height: 1fr; }
    PlayScreen StoryLog { width: 2fr; }
    PlayScreen #side { width: 1fr; min-width: 26; max-width: 40; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"choose({n})", show=False, id=f"play-choose-{n}") for n in range(1, 10)),
        Binding("p", "pause", "Pauze", id="play-pause"),
        Binding("s", "stop", "Stoppen", id="play-stop"),
        # the story's own keys, whichever widget has the focus (the choices, mostly)
        Binding(
            "pageup",
            "story(False)",
            "Gesprek terug",
            key_display="PgUp",
            group=STORY_KEYS,
            priority=True,
            id="play-story-up",
        ),
        Binding(
            "pagedown",
            "story(True)",
            "Gesprek verder",
            key_display="PgDn",
            group=STORY_KEYS,
            priority=True,
            id="play-story-down",
        ),
        Binding("f1", "app.help", "Hulp", id="play-help"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.paused = False
        self.saving_trouble = False  # the store could not save; said once, until it can
        self.next_retry = 0.0
        self.shown = 0  # trace events already in the log
        self._last: float | None = None
        self._waiting: tuple[str, str] | None = None  # a message said before the screen was up

    @property
    def regie(self) -> RegieApp:
        return cast("RegieApp", self.app)

    @property
    def training(self) -> bool:
        return not self.session.exam

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="stage"):
            yield StoryLog()
            with Vertical(id="side"):
                yield VisitorPanel()
                yield EscalationMeter()
                yield TimerBar()
        yield ChoiceList(lasting=self.regie.realtime)
        yield KeyFooter()

    def on_mount(self) -> None:
        sc = self.session.attempt.scenario
        mode = "examen" if self.session.exam else "training"
        number = self.regie.exam_number(self.session.row.exam, started=True)
        # '(examen, 2 van 4)': with the longest title the list allows, the header still fits
        # 80 columns (tests/test_tui.py)
        where = f", {number.removeprefix('scenario ')}" if number else ""
        self.sub_title = f"{sc.title} ({mode}{where})"
        resumed = (
            self.session.attempt.trace
            and self.session.row.status == "bezig"
            and len(self.session.attempt.trace) > 2
        )
        choices = self.query_one(ChoiceList)
        choices.fit(f.choices for f in sc.fasen.values() if f.choices)
        self.render_new()
        if resumed:  # below the story so far, and in view with the fase it resumes in
            self.query_one(StoryLog).add("U gaat verder waar u gebleven was.", "clock")
        choices.focus()
        if self._waiting is not None:
            self.say(*self._waiting)
        if self.regie.realtime:
            self._last = self.regie.clock()
            self.set_interval(TICK, self.tick)

    # --- time -----------------------------------------------------------------------
    def tick(self) -> None:
        now = self.regie.clock()
        dt = now - (self._last if self._last is not None else now)
        self._last = now
        if not self.paused and self.app.screen is self:
            # served: before anything is written, is the name still ours (not taken over
            # by another browser)? Asked only when this tick writes (a timer runs out, a
            # save is tried again): on a shared database every question is a round trip
            if self.writes_within(dt) and not self.regie.may_write():
                return
            self.advance(dt)
        else:
            self.refresh_side()

    def writes_within(self, seconds: float) -> bool:
        """Will letting ``seconds`` pass write to the store (a timer that runs out, or
        what waits to be saved)?"""
        if self.session.pending:
            return True
        left = self.session.attempt.time_left()
        return left is not None and left <= seconds + 1e-6

    def advance(self, seconds: float) -> None:
        """Let time pass (the app feeds real seconds; tests feed simulated ones)."""
        self.retry_saving()
        if self.session.attempt.finished or self.paused:
            return
        before = len(self.session.attempt.trace)
        try:
            self.session.advance(seconds)
        except StoreError as exc:
            self.not_saved(exc)
        if len(self.session.attempt.trace) > before:
            self.render_new()
        else:
            self.refresh_side()

    # --- choices --------------------------------------------------------------------
    def action_choose(self, number: int) -> None:
        if self.paused or self.session.attempt.finished:
            return
        shown = self.session.attempt.presented()  # the order on screen, not the file's
        if number > len(shown):
            self.say(f"Er is geen keuze {number}: kies 1 tot en met {len(shown)}.", "warning")
            return
        if not self.regie.may_write():
            return
        try:
            self.session.choose(shown[number - 1].id)
        except EngineError as exc:  # pragma: no cover - the list shows only what is on offer
            self.say(str(exc), "error")
            return
        except StoreError as exc:  # the choice is made; saving it waits (see retry_saving)
            self.not_saved(exc)
        self.render_new()

    # --- when the store cannot save for a while -------------------------------------
    def not_saved(self, exc: StoreError) -> None:
        """Say it once, plainly: the game goes on, and nothing played is lost."""
        self.next_retry = self.regie.clock() + RETRY
        if self.saving_trouble:
            return
        self.saving_trouble = True
        self.query_one(StoryLog).add(
            f"Opslaan lukt even niet: {exc} U kunt gewoon verder spelen: Regie bewaart uw "
            "keuzes en slaat ze op zodra het weer kan.",
            "clock",
        )
        self.say("Opslaan lukt even niet; uw keuzes blijven bewaard.", "warning")

    def retry_saving(self) -> None:
        """Every few seconds, while something is not saved: try again."""
        if not self.session.pending or self.regie.clock() < self.next_retry:
            return
        try:
            self.session.flush()
        except StoreError as exc:
            self.not_saved(exc)
            return
        if self.saving_trouble:
            self.saving_trouble = False
            self.query_one(StoryLog).add("Alles is weer opgeslagen.", "clock")
            self.say("Alles is weer opgeslagen.")
        if self.session.attempt.finished:
            self.post_message(AttemptFinished(self.session))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(event.option_index + 1)

    # --- showing --------------------------------------------------------------------
    def say(self, text: str, severity: str = "information") -> None:
        """A message on its own line, the top border of the choices: a toast would cover
        them."""
        if not self.is_mounted:
            self._waiting = (text, severity)
            return
        self.query_one(ChoiceList).say(text, severity)

    def render_new(self) -> None:
        attempt = self.session.attempt
        lines: list[Line] = []
        keep = 0  # the line to read first: it stays in view (see StoryLog.add_lines)
        for index in range(self.shown, len(attempt.trace)):
            event = attempt.trace[index]
            new = self.story_of(event, index)
            if event.is_decision:
                # after a key: its feedback ('→ …', '✗ …') stays in view, and below it as
                # much of what happens next as fits (your own line is just above it: in view
                # too when there is room, else one PgUp away). Anchored at your own line, 212
                # of 274 steps of two bots needed PgDn at 80 × 24; at the feedback, 88. The
                # exam has no feedback: what happens next comes first.
                said = [i for i, (_, kind) in enumerate(new) if kind in ("feedback", "violation")]
                keep = len(lines) + (said[0] if said else 0 if self.training else len(new))
            lines += new
        self.shown = len(attempt.trace)
        self.query_one(StoryLog).add_lines(lines, keep=keep)
        self.query_one(ChoiceList).show(attempt.presented())
        self.refresh_side()
        if attempt.finished:
            self.query_one(ChoiceList).display = False
            if not self.session.pending:  # else once it is saved (retry_saving)
                self.post_message(AttemptFinished(self.session))

    def story_of(self, ev: TraceEvent, index: int) -> list[Line]:
        """The lines of story (text, kind) that one trace event adds."""
        sc = self.session.attempt.scenario
        if ev.kind in ("enter", "event") and ev.fase:
            fase = sc.fasen[ev.fase]
            lines = [(fase.text, "narration")]
            if fase.says:
                lines.append(
                    (f"{fase.speaker or sc.visitor.name}: \u201c{fase.says}\u201d", "speech")
                )
            return lines
        if ev.kind == "clock" and ev.seconds:
            return [(f"… {format_duration(ev.seconds)} later.", "clock")]
        if ev.kind == "choice" and ev.fase and ev.choice:
            choice = sc.fasen[ev.fase].choice(ev.choice)
            own = [(own_line(choice.text), "own")] if choice is not None else []
            return own + self.feedback_on(index)
        if ev.kind == "timeout":
            return [("De tijd is om: u deed niets.", "own"), *self.feedback_on(index)]
        if ev.kind == "end" and ev.ending:
            ending = sc.endings[ev.ending]
            return [(f"Einde: {ending.title}. {ending.text}", "narration")]
        return []

    def feedback_on(self, index: int) -> list[Line]:
        """Training: what the protocol says of the step at ``index`` (nothing in the exam)."""
        if not self.training:
            return []
        attempt = self.session.attempt
        sc = attempt.scenario
        fb = feedback_after(
            sc, attempt.trace[: index + 1], self.regie.lib.profile_for(sc), self.regie.lib.catalogue
        )
        if fb is None:
            return []
        lines = [(f"→ {fb.feedback}", "feedback")] if fb.feedback else []
        lines += [
            (f"✗ {BY_ID[v.rule].title}", "violation")
            for v in fb.verdicts
            if v.status is Status.VIOLATED
        ]
        lines += [(f"✗ {BY_ID[rule].title} (opnieuw)", "violation") for rule in fb.repeated]
        return lines

    def refresh_side(self) -> None:
        attempt = self.session.attempt
        fase = attempt.fase
        self.query_one(VisitorPanel).show(attempt.scenario, fase.facts if fase else None)
        if fase is not None:
            self.query_one(EscalationMeter).level = fase.facts.level
        total = attempt.timer_seconds()  # with the trainee's extra time
        self.query_one(TimerBar).show(attempt.time_left(), total, paused=self.paused)

    def action_story(self, down: bool) -> None:
        self.query_one(StoryLog).page(down)

    # --- pause and stop -------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The exam has no pause: its key is not offered (and does nothing)."""
        return not (action == "pause" and self.session.exam)

    def action_pause(self) -> None:
        self.paused = not self.paused
        self.say("Pauze: de tijd staat stil. Druk op p om verder te gaan." if self.paused else "")
        self.refresh_side()

    def action_stop(self) -> None:
        question = (
            "Stoppen met dit examenscenario? Het telt als een poging, met wat u tot nu toe deed."
            if self.session.exam
            else "Stoppen met dit scenario? Dat kost niets: deze poging wordt niet bewaard."
        )
        was_paused = self.paused
        self.paused = True

        def answered(stop: bool | None) -> None:
            self.paused = was_paused
            if stop:
                self.regie.stop_attempt(self.session)

        self.app.push_screen(ConfirmScreen(question), answered)
