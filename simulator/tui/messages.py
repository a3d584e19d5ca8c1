"""The app's own messages, in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from simulator.store.session import Session


class AttemptFinished(Message):
    """An attempt reached an ending (or an exam was stopped): time for the debrief."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
