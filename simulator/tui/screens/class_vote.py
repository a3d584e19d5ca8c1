"""Klassikaal, the trainee's page: the fase the group is in, the numbered choices, a vote.

Each trainee votes once per fase with 1-9 and may change the vote until the trainer closes
it. What the trainee sees follows the session in the store (``ClassWatch``): a trainee who
comes in late sees the fase the group is in now, and after a reload the vote is still
there. The page is kept light (a few texts, no lists): thirty of them redraw at once when
the trainer moves the group on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from scoring import BY_ID
from simulator.class_results import splits_of
from simulator.class_session import ClassError, ClassSession
from simulator.reports.dutch import plural
from simulator.store import StoreError
from simulator.tui.class_watch import POLL, ClassWatch
from simulator.tui.widgets.choice_grid import choice_lines
from simulator.tui.widgets.key_footer import KeyFooter
from simulator.tui.widgets.vote_bars import VoteBars

if TYPE_CHECKING:
    from simulator.tui.served import ServedRegieApp

WAITING = 1.0  # seconds between two looks for a session, while there is none
MAX_VOTES_SHOWN = 12
MAX_CHANGES = 20  # votes saved per fase for one trainee: a key held down writes no more


def fase_text(session: ClassSession) -> str:
    """What happens now: the fase's story and what is said, as markup."""
    attempt = session.attempt()
    fase = attempt.fase
    if fase is None:
        return ""
    text = escape(fase.text)
    if fase.says:
        speaker = fase.speaker or session.scenario.visitor.name
        text += f"\n\n[b]{escape(speaker)}: \u201c{escape(fase.says)}\u201d[/b]"
    return text


class ClassVoteScreen(Screen[None]):
    DEFAULT_CSS = """
    ClassVoteScreen VerticalScroll { padding: 0 1; }
    ClassVoteScreen #round { margin-top: 1; text-style: bold; height: auto; }
    ClassVoteScreen #fase { margin: 1 0; height: auto; }
    ClassVoteScreen #choices {
        height: auto; padding: 0 1; border: round $accent; border-title-color: $text;
    }
    ClassVoteScreen #state { height: auto; margin-top: 1; }
    ClassVoteScreen #clock { height: 1; color: $text-muted; }
    ClassVoteScreen VoteBars { margin-top: 1; }
    """
    BINDINGS = [
        *(Binding(str(n), f"vote({n})", show=False, id=f"class-vote-{n}") for n in range(1, 10)),
        Binding("escape", "leave", "Naar de lijst", id="class-vote-leave"),
        Binding("f1", "app.help", "Hulp", id="class-vote-help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.follow: ClassWatch | None = None
        self.mine: str | None = None  # my vote at the current position
        self.shown_clock = ""
        self.changes: dict[tuple[int, int], int] = {}  # votes saved per position
        self.shown_revision = -1

    @property
    def regie(self) -> ServedRegieApp:
        return cast("ServedRegieApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("", id="round")
            yield Static("", id="fase")
            yield Static("", id="choices")
            yield Static("", id="clock")
            yield Static("", id="state")
            yield VoteBars()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Klassikaal"
        self.query_one(VoteBars).display = False
        self.query_one("#choices", Static).display = False
        self.find_session()
        if self.regie.realtime:
            self.set_interval(POLL, self.poll)

    # --- following the session ------------------------------------------------------
    def find_session(self) -> None:
        """The group's class session, if the trainer has opened one: join it."""
        regie = self.regie
        try:
            session_id = regie.class_store.active(regie.served.groep)
            if session_id is None:
                self.query_one("#round", Static).update("Wachten op de trainer")
                self.query_one("#fase", Static).update(
                    "Er loopt nog geen klassikale sessie. Zodra de trainer begint, verschijnt "
                    "hier het verhaal en kiest u mee wat de groep doet."
                )
                return
            assert regie.trainee is not None
            regie.class_store.join(session_id, regie.trainee.id)
            self.follow = ClassWatch(regie.class_store, session_id, lead=False)
        except StoreError as exc:
            self.query_one("#state", Static).update(escape(str(exc)))
            return
        self.show()

    def poll(self) -> None:
        if self.app.screen is not self:
            return
        now = self.regie.wall()
        if self.follow is None:
            if int(now / WAITING) != int((now - POLL) / WAITING):  # about once a second
                self.find_session()
            return
        change = self.follow.poll(now)
        if change.state:
            self.show()
        else:
            self.show_clock()
        closed = self.follow.session.status == "gesloten"
        if closed and int(now / WAITING) != int((now - POLL) / WAITING):
            self.next_session()

    def next_session(self) -> None:
        """The trainer closed this session and may open the next: follow it."""
        regie = self.regie
        try:
            session_id = regie.class_store.active(regie.served.groep)
        except StoreError:
            return
        if session_id is not None and self.follow is not None and session_id != self.follow.id:
            self.find_session()
            self.notify("De trainer is een nieuwe klassikale sessie begonnen.")

    # --- showing --------------------------------------------------------------------
    def show(self) -> None:
        """The session as it is now (after it changed)."""
        watch = self.follow
        if watch is None:
            return
        session = watch.session
        trainee = self.regie.trainee
        if trainee is None:
            return
        self.shown_revision = session.state.revision
        self.sub_title = f"Klassikaal — {session.scenario.title}"
        try:
            self.mine = watch.classes.my_vote(session.state.id, trainee.id, session.position)
        except StoreError:
            self.mine = None
        round_ = self.query_one("#round", Static)
        fase = self.query_one("#fase", Static)
        choices = self.query_one("#choices", Static)
        bars = self.query_one(VoteBars)
        status = session.status
        if status == "open":
            round_.update("Wachten op de trainer")
            fase.update(
                f"De trainer begint zo met [b]{escape(session.scenario.title)}[/b]. U kiest "
                "straks bij elke stap wat u zou doen; de groep gaat verder met de meerderheid."
            )
            choices.display = False
            bars.display = False
        elif status in ("stemmen", "pauze", "onthuld"):
            round_.update(f"Stap {session.step + 1} · Wat doet u?")
            fase.update(fase_text(session))
            choices.display = True
            self.show_choices()
            if status == "onthuld":
                counts = watch.classes.counts(session.state.id, session.position)
                bars.show(splits_of(session, *session.position, counts), texts=False)
            bars.display = status == "onthuld"
        elif status == "einde":
            ending = session.attempt().ending
            round_.update("Het verhaal is afgelopen")
            fase.update(
                (
                    f"[b]Einde: {escape(ending.title)}.[/b] {escape(ending.text)}\n\n"
                    if ending
                    else ""
                )
                + "De nabespreking staat op het scherm van de trainer."
            )
            choices.display = False
            bars.display = False
        else:  # gesloten
            round_.update("De klassikale sessie is afgesloten")
            fase.update(self.own_result(session))
            choices.display = False
            bars.display = False
        self.show_state()
        self.show_clock()

    def show_choices(self) -> None:
        watch = self.follow
        if watch is None:
            return
        shown = watch.session.shown()
        box = self.query_one("#choices", Static)
        n = len(shown)
        box.border_title = (
            f"{n} {'keuze' if n == 1 else 'keuzes'}: stem met {'1' if n == 1 else f'1-{n}'}"
        )
        width = box.content_region.width or self.app.size.width - 8
        box.update(choice_lines(shown, width, self.mine or ""))

    def on_resize(self) -> None:
        if self.follow is not None:
            self.call_after_refresh(self.show_choices)  # wrapped to the new width

    def show_state(self) -> None:
        watch = self.follow
        state = self.query_one("#state", Static)
        if watch is None:
            state.update("")
            return
        status = watch.session.status
        mine = self.number_of(self.mine)
        if status in ("stemmen", "pauze"):
            if mine is None:
                text = "Kies wat u zou doen: druk op het nummer. U kunt wijzigen tot de trainer de stemming sluit."
            else:
                text = (
                    f"Uw stem: [b]{mine}[/b]. U kunt nog wijzigen tot de trainer de stemming sluit."
                )
        elif status == "onthuld":
            text = "De stemming is gesloten. " + (
                f"U stemde {mine}." if mine is not None else "U stemde niet."
            )
        elif status in ("einde", "gesloten"):
            text = "Esc: terug naar de lijst."
        else:
            text = ""
        state.update(text)

    def show_clock(self) -> None:
        watch = self.follow
        text = ""
        if watch is not None and watch.session.status in ("stemmen", "pauze", "onthuld"):
            left = watch.session.time_left(self.regie.wall())
            if watch.session.status == "pauze":
                text = "Pauze: de tijd staat stil."
            elif watch.session.status == "onthuld":
                text = ""
            elif left is None:
                text = "Geen tijdsdruk."
            else:
                text = f"Nog {max(0, int(left + 0.999))} s."
        if text != self.shown_clock:
            self.shown_clock = text
            self.query_one("#clock", Static).update(text, layout=False)

    def number_of(self, choice_id: str | None) -> int | None:
        if choice_id is None or self.follow is None:
            return None
        for i, choice in enumerate(self.follow.session.shown(), start=1):
            if choice.id == choice_id:
                return i
        return None

    def own_result(self, session: ClassSession) -> str:
        """The trainee's own votes, judged: his 'klassikaal' result."""
        trainee = self.regie.trainee
        assert trainee is not None and self.follow is not None
        try:
            shadow = self.follow.classes.shadow(session, trainee.id)
        except StoreError as exc:
            return escape(str(exc))
        if not shadow.votes:
            return "U hebt in deze sessie niet gestemd."

        verdict = "geslaagd" if shadow.passed else "niet geslaagd"
        lines = [
            f"U stemde bij {len(shadow.votes)} van de {shadow.steps} "
            f"{'stap' if shadow.steps == 1 else 'stappen'}; "
            f"{plural(shadow.good, 'stem', 'stemmen')} zonder overtreden regel.",
            f"Uw klassikale score: [b]{shadow.score}[/b] ({verdict}). Die staat in uw voortgang "
            "als 'klassikaal'; hij telt niet als training of examen.",
            "",
        ]
        for vote in shadow.votes[:MAX_VOTES_SHOWN]:
            broken = ", ".join(BY_ID[r].title for r in vote.broken if r in BY_ID)
            lines.append(
                f"[b]{'✗' if vote.broken else '✓'} Stap {vote.step}[/b] (tak {vote.branch}): "
                f"\u201c{escape(vote.text)}\u201d" + (f" — {escape(broken)}" if broken else "")
            )
        if len(shadow.votes) > MAX_VOTES_SHOWN:
            lines.append(f"… en nog {len(shadow.votes) - MAX_VOTES_SHOWN} stemmen.")
        return "\n".join(lines)

    # --- voting ---------------------------------------------------------------------
    def action_vote(self, number: int) -> None:
        watch = self.follow
        trainee = self.regie.trainee
        if watch is None or trainee is None:
            return
        session = watch.session
        shown = session.shown()
        if number > len(shown):
            if shown:
                self.notify(f"Er is geen keuze {number}.", severity="warning")
            return
        if not self.regie.may_write():
            return
        choice = shown[number - 1]
        if choice.id == self.mine:
            return  # the same vote again: nothing to save
        changes = self.changes.get(session.position, 0)
        if changes >= MAX_CHANGES:  # a key held down, or a client sending many: enough
            if changes == MAX_CHANGES:
                self.changes[session.position] = changes + 1
                self.notify(
                    "U hebt uw stem hier al vaak gewijzigd; uw laatste stem telt.",
                    severity="warning",
                )
            return
        self.changes[session.position] = changes + 1
        try:
            session.check_vote(choice.id)
            watch.classes.vote(session.state.id, trainee.id, session.position, choice.id)
        except (ClassError, StoreError) as exc:
            self.notify(str(exc), severity="warning")
            self.poll_now()
            return
        self.mine = choice.id
        self.show_choices()
        self.show_state()

    def poll_now(self) -> None:
        if self.follow is not None and self.follow.poll(self.regie.wall()).state:
            self.show()

    def action_leave(self) -> None:
        self.app.pop_screen()
