"""Klassikaal, the trainer's pages: the projector and the control page.

Both show the class session as the group plays it: the story so far, the visitor, the
escalation meter and the timer, the numbered choices and how many have voted (not what:
the split shows only once the trainer reveals it). Both take the trainer's keys, so the
projector can be the trainer's only window; the control page also lists who has voted.
When the story ends, both show the group's debrief, with every branch side by side.

The pages only show and forward: each key is one command on the store
(``ClassStore.command``), given at the position the page showed, so that a key pressed
just as the timer ran out (or in another window of the trainer) is refused rather than
applied to the next fase.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Header, Static

from simulator.dutch import format_duration
from simulator.engine.attempt import WAIT, Attempt
from simulator.engine.class_session import (
    ACTIVE,
    STATUS_TEXT,
    WAIT_TEXT,
    ClassError,
    ClassSession,
    majority,
)
from simulator.language.speech import own_line
from simulator.store import StoreError
from simulator.store.class_results import branch_line, splits_of
from simulator.tui.class_watch import POLL, ClassWatch
from simulator.tui.screens.confirm import ConfirmScreen
from simulator.tui.screens.pick import PickScreen
from simulator.tui.widgets.choice_grid import choice_lines
from simulator.tui.widgets.class_debrief import ClassDebrief
from simulator.tui.widgets.escalation_meter import EscalationMeter
from simulator.tui.widgets.key_footer import KeyFooter
from simulator.tui.widgets.story_log import Line, StoryLog
from simulator.tui.widgets.timer_bar import TimerBar
from simulator.tui.widgets.visitor_panel import VisitorPanel
from simulator.tui.widgets.vote_bars import VoteBars

if TYPE_CHECKING:
    from simulator.tui.served import ServedRegieApp

MEMBERS_EVERY = 3.0  # seconds between two looks at who is there
LEAD_DEFER = 0.15  # seconds a trainer's page waits before it redraws after a change


def story_lines(attempt: Attempt) -> list[Line]:
    """The story of a branch so far: what happened, what was said and what the group did."""
    sc = attempt.scenario
    lines: list[Line] = []
    for ev in attempt.trace:
        if ev.kind in ("enter", "event") and ev.fase:
            fase = sc.fasen[ev.fase]
            lines.append((fase.text, "narration"))
            if fase.says:
                lines.append(
                    (f"{fase.speaker or sc.visitor.name}: \u201c{fase.says}\u201d", "speech")
                )
        elif ev.kind == "clock" and ev.seconds:
            lines.append((f"… {format_duration(ev.seconds)} later.", "clock"))
        elif ev.kind == "choice" and ev.fase and ev.choice:
            choice = sc.fasen[ev.fase].choice(ev.choice)
            if choice is not None:
                lines.append((f"De groep — {own_line(choice.text)}", "own"))
        elif ev.kind == "timeout":
            lines.append(("De tijd is om: de groep deed niets.", "own"))
        elif ev.kind == "end" and ev.ending:
            ending = sc.endings[ev.ending]
            lines.append((f"Einde: {ending.title}. {ending.text}", "narration"))
    return lines


class ClassLeadScreen(Screen[None]):
    DEFAULT_CSS = """
    ClassLeadScreen #class-play { height: 1fr; }
    ClassLeadScreen #stage { height: 1fr; }
    ClassLeadScreen StoryLog { width: 2fr; }
    ClassLeadScreen #side { width: 1fr; min-width: 26; max-width: 40; }
    ClassLeadScreen.-projector #side { width: 28; }  /* more room for the story on a beamer */
    ClassLeadScreen #members {
        height: 1fr; padding: 0 1; border: round $primary-darken-1;
        border-title-color: $text-muted;
    }
    ClassLeadScreen #choices {
        height: auto; max-height: 55%; padding: 0 1;
        border: round $accent; border-title-color: $text;
    }
    ClassLeadScreen VoteBars { max-height: 55%; }
    ClassLeadScreen ClassDebrief { height: 1fr; }
    """
    BINDINGS = [
        Binding("s", "start", "Beginnen", id="class-start"),
        Binding("p", "pause", "Pauze/verder", id="class-pause"),
        Binding("o", "reveal", "Onthullen", id="class-reveal"),
        Binding("v", "majority", "Verder (meerderheid)", id="class-majority"),
        Binding("k", "pick", "Zelf kiezen", id="class-pick"),
        Binding("t", "rewind", "Terugspoelen", id="class-rewind"),
        Binding("e", "close", "Afsluiten", id="class-close"),
        Binding("escape", "back", "Terug", id="class-back"),
        Binding("f1", "app.help", "Hulp", id="class-help"),
    ]

    def __init__(self, session_id: int, *, projector: bool) -> None:
        super().__init__()
        self.session_id = session_id
        self.projector = projector
        self.follow: ClassWatch | None = None
        self.story_of: tuple[int, int] = (0, 0)  # (branch, trace events) in the story
        self.debrief_of = -1  # the revision the debrief shows
        self.members_at = 0.0
        self.present = 0  # trainees on their vote page
        self.voted: set[int] = set()
        self.choices_of: tuple[int, int] = (-1, 0)  # (revision, width) the choices show
        self.names_shown = ""

    @property
    def regie(self) -> ServedRegieApp:
        return cast("ServedRegieApp", self.app)

    @property
    def session(self) -> ClassSession:
        assert self.follow is not None
        return self.follow.session

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="class-play"):
            with Vertical(id="class-play"):
                with Horizontal(id="stage"):
                    yield StoryLog()
                    with Vertical(id="side"):  # what matters most first: it shows on any screen
                        yield TimerBar()
                        yield EscalationMeter()
                        if self.projector:
                            yield VisitorPanel()
                        else:  # the trainer's page: who has voted
                            yield VerticalScroll(Static("", id="member-list"), id="members")
                yield Static("", id="choices")
                yield VoteBars()
            yield ClassDebrief(id="class-debrief")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.set_class(self.projector, "-projector")
        try:
            self.follow = ClassWatch(self.regie.class_store, self.session_id, lead=True)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            self.app.pop_screen()
            return
        self.query_one(VoteBars).display = False
        if not self.projector:
            self.query_one("#members").border_title = "Deelnemers"
        self.show()
        if self.regie.realtime:
            self.set_interval(POLL, self.poll)
            self.run_worker(self.follow.open_doorbell(self.rung, self.regie.wall))

    def rung(self) -> None:
        """Another window changed the session: look, after the trainees' pages have drawn."""
        self.set_timer(LEAD_DEFER, lambda: self.poll(True))

    def on_unmount(self) -> None:
        if self.follow is not None:
            self.follow.close()

    # --- following the session ------------------------------------------------------
    def poll(self, rung: bool = False) -> None:
        """A tick, or the doorbell: look at the store if it rang or it is time to."""
        if self.follow is None:
            return
        now = self.regie.wall()
        if not (rung or self.follow.due(now)):
            self.show_clock()
            return
        change = self.follow.poll(now)
        if change.state:
            self.show()
        else:
            if change.votes or now - self.members_at > MEMBERS_EVERY:
                self.show_votes()
            self.show_clock()

    def show(self) -> None:
        """Everything, after the session changed."""
        session = self.session
        status = session.status
        self.sub_title = f"Klassikaal: {session.scenario.title} — {STATUS_TEXT[status]}" + (
            "" if self.projector else " (trainer)"
        )
        if status == "gesloten":
            self.notify("De klassikale sessie is afgesloten.")
            self.app.pop_screen()
            return
        switcher = self.query_one(ContentSwitcher)
        if status == "einde":
            switcher.current = "class-debrief"
            if self.debrief_of != session.state.revision:
                self.debrief_of = session.state.revision
                self.show_debrief()
                self.query_one(ClassDebrief).focus()  # ↑ ↓ and page keys scroll it
        else:
            switcher.current = "class-play"
            self.show_story()
            self.show_side()
            self.show_votes()
        self.refresh_bindings()

    def on_resize(self) -> None:
        if self.follow is not None and self.session.status not in ("einde", "gesloten"):
            self.call_after_refresh(self.show_votes)  # the choices wrap to the new width

    def show_story(self) -> None:
        session = self.session
        log = self.query_one(StoryLog)
        if session.status == "open":
            sc = session.scenario
            intro: list[Line] = [
                (f"Klassikaal: {sc.title}", "narration"),
                (sc.description, "narration"),
                (
                    "Meld u aan in Regie en kies 'Klassikaal: met de groep meespelen'. Bij elke "
                    "stap stemt u wat u zou doen; de groep gaat verder met de meerderheid.",
                    "clock",
                ),
            ]
            log.entries = []
            log.clear()
            log.add_lines(intro)
            self.story_of = (0, 0)
            return
        attempt = session.attempt()
        branch = session.state.branch
        lines = story_lines(attempt)
        if self.story_of[0] != branch or self.story_of[1] > len(lines):
            log.entries = []
            log.clear()
            if session.branch.parent is not None:
                lines.insert(
                    0,
                    (
                        f"Teruggespoeld naar stap {session.branch.fork + 1}: wat als de groep "
                        "daar iets anders had gedaan?",
                        "clock",
                    ),
                )
            log.add_lines(lines)
        else:
            log.add_lines(lines[self.story_of[1] :])
        self.story_of = (branch, len(lines))

    def show_side(self) -> None:
        session = self.session
        attempt = session.attempt()
        fase = attempt.fase
        if self.projector:
            self.query_one(VisitorPanel).show(session.scenario, fase.facts if fase else None)
        if fase is not None:
            self.query_one(EscalationMeter).level = fase.facts.level
        self.show_clock()

    def show_clock(self) -> None:
        session = self.session
        fase = session.attempt().fase
        total = fase.timer.seconds if fase is not None and fase.timer is not None else None
        left = session.time_left(self.regie.wall())
        self.query_one(TimerBar).show(left, total, paused=not session.running())

    def show_votes(self) -> None:
        """How many have voted (not what) or, once revealed, the split."""
        session = self.session
        classes = self.regie.class_store
        now = self.regie.wall()
        try:
            if now - self.members_at > MEMBERS_EVERY or not self.members_at:
                self.members_at = now
                self.present = len(classes.present(session.state.id))
            self.voted = classes.voters(session.state.id, session.position)
            members = classes.members(session.state.id) if not self.projector else []
        except StoreError:
            return
        choices = self.query_one("#choices", Static)
        bars = self.query_one(VoteBars)
        shown = session.shown()
        there = max(self.present, len(self.voted))
        count = f"{len(self.voted)} van {there} gestemd"
        if session.status == "onthuld":
            counts = classes.counts(session.state.id, session.position)
            bars.show(splits_of(session, *session.position, counts))
            bars.display, choices.display = True, False
        elif shown:
            width = choices.content_region.width or self.app.size.width - 4
            key = (session.state.revision, width)
            if key != self.choices_of:  # a vote changes the count, not the choices
                self.choices_of = key
                choices.update(choice_lines(shown, width))
            choices.border_title = f"Wat doet de groep? {count}"
            bars.display, choices.display = False, True
        else:
            choices.update(f"Aangemeld voor deze sessie: {there}. Beginnen: s.")
            choices.border_title = "Wachten op de start"
            bars.display, choices.display = False, True
        if not self.projector:
            names = "\n".join(
                f"{'✓' if tid in self.voted else '·'} {escape(name)}" for tid, name in members
            )
            self.query_one("#members").border_title = f"Deelnemers: {count}"
            if names != self.names_shown:
                self.names_shown = names
                self.query_one("#member-list", Static).update(names or "Nog niemand doet mee.")

    def show_debrief(self) -> None:
        session = self.session
        lib = self.regie.lib
        try:
            counts = self.regie.class_store.all_counts(session.state.id)
        except StoreError:
            counts = {}
        profile = lib.profile_for(session.scenario)
        lines = [
            branch_line(session, b.number, profile, lib.catalogue, counts)
            for b in session.branches()
        ]
        self.query_one(ClassDebrief).show(session, lines)

    # --- the trainer's keys ---------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.follow is None:
            return True
        status = self.session.status
        allowed = {
            "start": status == "open",
            "pause": status in ("stemmen", "pauze", "onthuld"),
            "reveal": status in ("stemmen", "pauze"),
            "majority": status in ("stemmen", "pauze", "onthuld"),
            "pick": status in ("stemmen", "pauze", "onthuld"),
            "rewind": status in ("stemmen", "pauze", "onthuld", "einde") and self.session.step > 0,
            "close": status in ACTIVE,
        }
        return allowed.get(action, True)

    def run(self, action: Callable[[ClassSession, float], None]) -> None:
        """One command, at the position this page shows; then show what came of it."""
        if self.follow is None:
            return
        try:
            self.follow.session = self.regie.class_store.command(
                self.session_id, action, self.session.position
            )
        except ClassError as exc:
            self.notify(str(exc), severity="warning")
        except StoreError as exc:
            self.notify(str(exc), severity="error")
        self.redraw_soon()

    def redraw_soon(self) -> None:
        """Redraw after a change, a moment later: the thirty trainees' pages draw first (the
        trainer knows what he pressed; the projector follows within LEAD_DEFER)."""
        if self.regie.realtime:
            self.set_timer(LEAD_DEFER, self.redraw)
        else:
            self.redraw()

    def redraw(self) -> None:
        if self.follow is not None:
            self.follow.poll(self.regie.wall())
            self.show()

    def action_start(self) -> None:
        self.run(lambda s, now: s.start(now))

    def action_pause(self) -> None:
        if self.session.status == "stemmen":
            self.run(lambda s, now: s.pause(now))
        else:
            self.run(lambda s, now: s.resume(now))

    def action_reveal(self) -> None:
        self.run(lambda s, now: s.reveal(now))

    def action_majority(self) -> None:
        session = self.session
        try:
            counts = self.regie.class_store.counts(session.state.id, session.position)
            ref = majority(counts, session.shown())
        except ClassError as exc:
            self.notify(str(exc), severity="warning")
            return
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        self.go_on(ref, "meerderheid")

    def action_pick(self) -> None:
        session = self.session
        shown = session.shown()
        options = [f"{i}  {c.text}" for i, c in enumerate(shown, start=1)]
        refs = [c.id for c in shown]
        fase = session.attempt().fase
        if fase is not None and fase.timer is not None:
            options.append(WAIT_TEXT)
            refs.append(WAIT)
        position = session.position

        def picked(index: int | None) -> None:
            if index is not None and self.session.position == position:
                self.go_on(refs[index], "trainer")

        self.app.push_screen(
            PickScreen("Met welke keuze gaat de groep verder? (↑ ↓ en Enter, Esc terug)", options),
            picked,
        )

    def go_on(self, ref: str, how: str) -> None:
        """Go on with ``ref``; where chance plays a part, the trainer may pick what it does."""
        session = self.session
        position = session.position
        outcomes = session.outcomes(ref)
        if not outcomes:
            self.run(lambda s, now: s.go_on(ref, now, how=how))
            return

        def picked(index: int | None) -> None:
            if index is None or self.session.position != position:
                return
            rolls = () if index == 0 else outcomes[index - 1].rolls
            self.run(lambda s, now: s.go_on(ref, now, how=how, rolls=rolls))

        self.app.push_screen(
            PickScreen(
                "Hier speelt het toeval mee. Wat gebeurt er? (↑ ↓ en Enter, Esc terug)",
                ["Het toeval laten beslissen", *(f"→ {o.text}" for o in outcomes)],
            ),
            picked,
        )

    def action_rewind(self) -> None:
        session = self.session
        attempt = session.attempt()
        decisions = [e for e in attempt.trace if e.is_decision]
        options = []
        for index, ev in enumerate(decisions):
            fase = session.scenario.fasen[ev.fase or ""]
            choice = fase.choice(ev.choice or "") if ev.kind == "choice" else None
            did = choice.text if choice is not None else "niets (de tijd liep af)"
            options.append(f"Stap {index + 1} ({fase.id}): de groep koos {did}")
        if not options:
            return
        position = session.position

        def picked(index: int | None) -> None:
            if index is not None and self.session.position == position:
                self.run(lambda s, now: s.rewind(index, now))

        self.app.push_screen(
            PickScreen(
                "Terug naar welke stap? De groep speelt vanaf daar een andere tak; wat er "
                "gespeeld is, blijft bewaard en komt in de nabespreking naast elkaar.",
                options,
            ),
            picked,
        )

    def action_close(self) -> None:
        def answered(yes: bool | None) -> None:
            if not yes or self.follow is None:
                return
            try:
                self.regie.class_store.close(self.session_id)
            except (ClassError, StoreError) as exc:
                self.notify(str(exc), severity="warning")
                return
            self.redraw()

        self.app.push_screen(
            ConfirmScreen(
                "De klassikale sessie afsluiten? Wat gespeeld en gestemd is, blijft bewaard en "
                "komt in het groepsverslag; de trainees zien hun eigen uitslag."
            ),
            answered,
        )

    def action_back(self) -> None:
        self.app.pop_screen()
