"""Following a class session from a page: look at the store, reload when it changed.

Every page of a class session (the trainer's, the projector, each trainee's) is a process
of its own; the store is what they share. A page looks at the session's revision (one
small read) and loads the session again only when it moved. It looks when its doorbell
rings (``simulator.store.doorbell``: the process that changed the session rings every page
after its transaction), and by itself every ``QUIET`` seconds in case a ring got lost;
without a doorbell every ``POLL`` seconds. The timer running out is settled by whichever
page sees it first (``ClassStore.expire``): the trainer's pages at once, a trainee's only
when no trainer page did it for a while, so thirty trainees do not all try to write at the
same moment.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.store import StoreError, doorbell
from simulator.store.classes import ClassStore, Glance

if TYPE_CHECKING:
    from simulator.engine.class_session import ClassSession

POLL = 0.1  # seconds between two ticks of a page (its clock); a look at the store each,
QUIET = 0.5  # ... or only every QUIET seconds while the doorbell works
LATE = 2.0  # seconds a trainee's page waits before it settles an expired timer itself
LISTEN_EVERY = 5.0  # seconds between two notes in the store that the page still listens
RINGS_APART = 0.02  # seconds: rings closer together are answered once


@dataclass(frozen=True, slots=True)
class Change:
    state: bool  # the session changed (its revision moved): redraw it
    votes: bool  # only the number of votes changed


class ClassWatch:
    def __init__(self, classes: ClassStore, session_id: int, *, lead: bool) -> None:
        self.classes = classes
        self.id = session_id
        self.lead = lead  # a trainer's page: settles the timer at once
        self.session: ClassSession = classes.load(session_id)
        self.glance: Glance | None = classes.glance(session_id)
        self.bell: asyncio.DatagramTransport | None = None
        self.port = 0
        self.listened = 0.0  # when the store last heard that this page listens
        self.looked = 0.0  # when this page last looked at the store
        self.rung = 0.0

    # --- the doorbell ---------------------------------------------------------------
    async def open_doorbell(self, answer: Callable[[], None], now: Callable[[], float]) -> None:
        """Listen for rings; ``answer`` is called for each (not more often than every
        ``RINGS_APART`` seconds). Without a doorbell the page only looks by itself."""

        def rung() -> None:
            moment = now()
            if moment - self.rung >= RINGS_APART:
                self.rung = moment
                answer()

        found = await doorbell.listen(rung)
        if found is None:
            return
        self.bell, self.port = found
        self.keep_listening(now(), force=True)

    def keep_listening(self, now: float, *, force: bool = False) -> None:
        if self.bell is None or (not force and now - self.listened < LISTEN_EVERY):
            return
        try:
            self.classes.listen(self.id, self.port)
            self.listened = now
        except StoreError:
            pass  # the next tick tries again

    def close(self) -> None:
        """The page goes: no more rings for it."""
        if self.bell is None:
            return
        self.bell.close()
        self.bell = None
        with suppress(StoreError):
            self.classes.unlisten(self.id, self.port)

    def due(self, now: float) -> bool:
        """Is it time for a look at the store of the page's own (not rung)? Also when the
        timer ran out, as far as the page knows: then it settles the timer."""
        if self.bell is None or now - self.looked >= QUIET:
            return True
        left = self.session.time_left(now)
        if self.session.status != "stemmen" or left is None or left > 0:
            return False
        return self.lead or self.session.elapsed(now) - self._timer() >= LATE

    def poll(self, now: float) -> Change:
        """Look at the store; reload the session if it changed."""
        self.looked = now
        self.keep_listening(now)
        try:
            glance = self.classes.glance(self.id)
            if glance is None:
                return Change(False, False)
            state = self.glance is None or glance.revision != self.glance.revision
            votes = self.glance is None or glance.votes != self.glance.votes
            if state:
                self.session = self.classes.load(self.id)
            self.glance = glance
            left = self.session.time_left(now)
            due = 0.0 if self.lead else LATE
            if self.session.status == "stemmen" and left is not None and left <= 0:
                overdue = self.session.elapsed(now) - self._timer()
                if overdue >= due:
                    self.session = self.classes.expire(self.id)
                    self.glance = self.classes.glance(self.id)
                    state = True
        except StoreError:
            return Change(False, False)  # busy for a moment: the next look will do
        return Change(state, votes and not state)

    def _timer(self) -> float:
        fase = self.session.attempt().fase
        return fase.timer.seconds if fase is not None and fase.timer is not None else 0.0
