"""Following a class session from a page: poll the store, reload when it changed.

Every page of a class session (the trainer's, the projector, each trainee's) is a process
of its own; the store is what they share. A page looks at the session's revision a few
times a second (one small read) and loads the session again only when it moved. The timer
running out is settled by whichever page sees it first (``ClassStore.expire``): the
trainer's pages at once, a trainee's only when no trainer page did it for a while, so
thirty trainees do not all try to write at the same moment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.store import StoreError
from simulator.store.classes import ClassStore, Glance

if TYPE_CHECKING:
    from simulator.class_session import ClassSession

POLL = 0.1  # seconds between two looks at the store
LATE = 2.0  # seconds a trainee's page waits before it settles an expired timer itself


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

    def poll(self, now: float) -> Change:
        """Look at the store; reload the session if it changed."""
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
