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
from simulator.engine.class_session import ClassError, ClassSession
from simulator.reports.dutch import plural
from simulator.store import StoreError
from simulator.store.class_results import splits_of
from simulator.tui.class_watch import POLL, ClassWatch
from simulator.tui.widgets.choice_grid import choice_lines
from simulator.tui.widgets.key_footer import KeyFooter
from simulator.tui.widgets.vote_bars import bar_lines

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
    ClassVoteScreen VerticalScroll {
        padding: 1 1 0 1; scrollbar-gutter: stable; scrollbar-size-vertical: 1;
    }
    ClassVoteScreen #body { height: auto; }
    ClassVoteScreen #clock { dock: bottom; height: 1; padding: 0 1; color: $text-muted; }
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
        self.counts: dict[str, int] = {}  # the split, once revealed
        self.changes: dict[tuple[int, int], int] = {}  # votes saved per position
        self.sections: dict[str, str] = {}  # the parts of the page, as markup

    @property
    def regie(self) -> ServedRegieApp:
        return cast("ServedRegieApp", self.app)

    def compose(self) -> ComposeResult:
        # one text for the whole page: a new fase redraws one widget, and the page's layout
        # stays as it is (thirty trainees' pages redraw at once when the group moves on)
        yield Header()
        yield Static("", id="clock")
        with VerticalScroll():
            yield Static("", id="body")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Klassikaal"
        self.find_session()
        if self.regie.realtime:
            self.set_interval(POLL, self.poll)

    @property
    def text(self) -> str:
        """The page's text, without markup (what a trainee reads)."""
        return str(self.query_one("#body", Static).render())

    # --- following the session ------------------------------------------------------
    def find_session(self) -> None:
        """The group's class session, if the trainer has opened one: join it."""
        regie = self.regie
        try:
            session_id = regie.class_store.active(regie.served.groep)
            if session_id is None:
                self.set_body(
                    "[b]Wachten op de trainer[/b]\n\nEr loopt nog geen klassikale sessie. Zodra "
                    "de trainer begint, verschijnt hier het verhaal en kiest u mee wat de groep "
                    "doet."
                )
                return
            assert regie.trainee is not None
            regie.class_store.join(session_id, regie.trainee.id)
            if self.follow is not None:
                self.follow.close()
            self.follow = ClassWatch(regie.class_store, session_id, lead=False)
        except StoreError as exc:
            self.set_body(escape(str(exc)))
            return
        if regie.realtime:  # rung when the session changes: no waiting for the next look
            self.run_worker(self.follow.open_doorbell(self.rung, regie.wall))
        self.show()

    def rung(self) -> None:
        self.call_later(self.poll, True)

    def on_unmount(self) -> None:
        if self.follow is not None:
            self.follow.close()

    def poll(self, rung: bool = False) -> None:
        """A tick (a few times a second), or the doorbell: look at the store if it rang or
        it is time to, and keep the clock."""
        if self.app.screen is not self:
            return
        now = self.regie.wall()
        if self.follow is None:
            if int(now / WAITING) != int((now - POLL) / WAITING):  # about once a second
                self.find_session()
            return
        if not (rung or self.follow.due(now)):
            self.show_clock()
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
    def set_body(self, markup: str) -> None:
        self.query_one("#body", Static).update(markup)

    def show(self) -> None:
        """The session as it is now (after it changed)."""
        watch = self.follow
        trainee = self.regie.trainee
        if watch is None or trainee is None:
            return
        session = watch.session
        self.sub_title = f"Klassikaal — {session.scenario.title}"
        try:
            self.mine = watch.classes.my_vote(session.state.id, trainee.id, session.position)
            status = session.status
            self.counts = (
                watch.classes.counts(session.state.id, session.position)
                if status == "onthuld"
                else {}
            )
        except StoreError:
            self.mine, self.counts = None, {}
        self.render_body()
        self.show_clock()

    def render_body(self) -> None:
        watch = self.follow
        if watch is None:
            return
        session = watch.session
        status = session.status
        parts: list[str] = []
        if status == "open":
            parts += [
                "[b]Wachten op de trainer[/b]",
                f"De trainer begint zo met [b]{escape(session.scenario.title)}[/b]. U kiest "
                "straks bij elke stap wat u zou doen; de groep gaat verder met de meerderheid.",
            ]
        elif status in ("stemmen", "pauze", "onthuld"):
            shown = session.shown()
            n = len(shown)
            width = self.text_width()
            title = f"{n} {'keuze' if n == 1 else 'keuzes'}: stem met {'1' if n == 1 else f'1-{n}'}"
            parts += [
                f"[b]Stap {session.step + 1} · Wat doet u?[/b]",
                fase_text(session),
                f"[b]── {title} {'─' * max(0, width - len(title) - 4)}[/b]\n"
                + choice_lines(shown, width, self.mine or ""),
                self.state_text(),
            ]
            if status == "onthuld":
                splits = splits_of(session, *session.position, self.counts)
                parts.append(bar_lines(splits, width, texts=False))
        elif status == "einde":
            ending = session.attempt().ending
            ended = f"[b]Einde: {escape(ending.title)}.[/b] {escape(ending.text)}" if ending else ""
            parts += [
                "[b]Het verhaal is afgelopen[/b]",
                *([ended] if ended else []),
                "De nabespreking staat op het scherm van de trainer.",
                "Esc: terug naar de lijst.",
            ]
        else:  # gesloten
            parts += [
                "[b]De klassikale sessie is afgesloten[/b]",
                self.own_result(session),
                "Esc: terug naar de lijst.",
            ]
        self.set_body("\n\n".join(parts))

    def text_width(self) -> int:
        """The page's width for text (the scroll bar's room always kept: no new wrapping
        when the text grows past the screen)."""
        width = self.query_one(VerticalScroll).scrollable_content_region.width
        return width or max(20, self.app.size.width - 3)

    def on_resize(self) -> None:
        if self.follow is not None:
            self.call_after_refresh(self.render_body)  # wrapped to the new width

    def state_text(self) -> str:
        watch = self.follow
        if watch is None:
            return ""
        status = watch.session.status
        mine = self.number_of(self.mine)
        if status == "onthuld":
            voted = f"U stemde {mine}." if mine is not None else "U stemde niet."
            return f"De stemming is gesloten. {voted}"
        if mine is None:
            return (
                "Kies wat u zou doen: druk op het nummer. U kunt wijzigen tot de trainer de "
                "stemming sluit."
            )
        return f"Uw stem: {mine}. U kunt nog wijzigen tot de trainer de stemming sluit."

    def show_clock(self) -> None:
        watch = self.follow
        text = ""
        if watch is not None and watch.session.status in ("stemmen", "pauze"):
            left = watch.session.time_left(self.regie.wall())
            if watch.session.status == "pauze":
                text = "Pauze: de tijd staat stil."
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
        self.render_body()

    def poll_now(self) -> None:
        if self.follow is not None and self.follow.poll(self.regie.wall()).state:
            self.show()

    def action_leave(self) -> None:
        self.app.pop_screen()
