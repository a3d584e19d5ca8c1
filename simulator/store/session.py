"""A session: one attempt being played, saved to the store the moment anything happens.

The app feeds real seconds with ``advance`` and choices with ``choose``; a timer that runs
out while time passes is saved as a 'wacht' move, so replaying the saved moves from the
seed gives the same attempt. After a crash, ``Session.resume`` replays them.

If the store cannot save for a moment (a full disk, another program holding the file), the
attempt goes on in memory and ``choose``, ``wait`` or ``advance`` raise the ``StoreError``;
what was not saved stays ``pending`` and is written, in order, by the next save or by
``flush``. Nothing played is lost while the app runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from simulator.engine.attempt import WAIT, Attempt, check_extra_time
from simulator.engine.trace import TraceEvent
from simulator.language.library import Library
from simulator.store import AttemptRow, Store, TraineeRow
from simulator.store.result import StoredResult


@dataclass
class Session:
    store: Store
    lib: Library
    row: AttemptRow
    attempt: Attempt
    closed: bool = False  # stopped: a dropped training has no row any more
    saved: int = field(default=-1)  # trace[:saved] is in the store (-1: all of it)

    def __post_init__(self) -> None:
        if self.saved < 0:
            self.saved = len(self.attempt.trace)

    @classmethod
    def start(
        cls,
        store: Store,
        lib: Library,
        trainee: TraineeRow,
        scenario_id: str,
        seed: int,
        mode: str = "training",
        course: str | None = None,
        exam: int | None = None,
        extra_time: int = 0,
    ) -> Session:
        """A new attempt, saved at once. Every timer is stretched by the most extra time of
        ``extra_time`` (asked for here: ``--extra-tijd``), the trainee's and their group's
        (``regie trainee extra-tijd``); the attempt keeps what it was played with."""
        scenario = lib.scenario(scenario_id)
        extra = max(check_extra_time(extra_time), store.extra_time(trainee.id))
        row = store.start_attempt(trainee, scenario.id, seed, mode, course, exam, extra)
        attempt = Attempt(scenario, seed, extra_time=extra)
        store.record_events(row.id, attempt.trace)
        session = cls(store, lib, row, attempt)
        session._maybe_finish()
        return session

    @classmethod
    def resume(cls, store: Store, lib: Library, attempt_id: int) -> Session:
        row = store.attempt(attempt_id)
        attempt = Attempt(lib.scenario(row.scenario), row.seed, extra_time=row.extra_time)
        attempt.play(store.moves(attempt_id))
        if [e.to_json() for e in store.events(attempt_id)] != [e.to_json() for e in attempt.trace]:
            store.replace_events(attempt_id, attempt.trace)  # a crash between two writes
        session = cls(store, lib, row, attempt)
        session._maybe_finish()  # a crash right after the last move
        return session

    @property
    def exam(self) -> bool:
        return self.row.mode == "examen"

    @property
    def pending(self) -> bool:
        """Is something played that the store does not have yet?"""
        return self.saved < len(self.attempt.trace) or (
            self.attempt.finished and self.row.status == "bezig" and not self.closed
        )

    def _save(self) -> None:
        """Save what is not saved yet: each choice or timeout is a move, saved with the
        events it caused, one transaction each; on a ``StoreError`` the rest waits."""
        groups: list[list[TraceEvent]] = []
        for event in self.attempt.trace[self.saved :]:
            if event.is_decision or not groups:
                groups.append([event])
            else:
                groups[-1].append(event)
        for group in groups:
            decision = group[0]
            # saved=: a write that reported a failure but went through is not doubled
            if not decision.is_decision:
                self.store.record_events(self.row.id, group, saved=self.saved)
            elif decision.kind == "timeout":
                self.store.record_move(self.row.id, WAIT, None, group, saved=self.saved)
            else:
                self.store.record_move(
                    self.row.id, decision.choice or "", decision.latency, group, saved=self.saved
                )
            self.saved += len(group)
        self._maybe_finish()

    def flush(self) -> None:
        """Try again to save what is pending (raises ``StoreError`` if it still fails)."""
        if self.pending:
            self._save()

    def advance(self, seconds: float) -> None:
        start = len(self.attempt.trace)
        self.attempt.advance(seconds)
        if len(self.attempt.trace) > start:
            self._save()

    def choose(self, ref: str | int, latency: float | None = None) -> None:
        self.attempt.choose(ref, latency)
        self._save()

    def wait(self) -> None:
        self.attempt.wait()
        self._save()

    def _result_json(self) -> dict[str, object]:
        from scoring import score

        sc = self.attempt.scenario
        return score(sc, self.attempt.trace, self.lib.profile_for(sc), self.lib.catalogue).to_json()

    def _maybe_finish(self) -> None:
        if self.attempt.finished and self.row.status == "bezig":
            ending = self.attempt.ending
            self.row = self.store.finish_attempt(
                self.row.id,
                status="afgerond",
                ending=ending.id if ending else None,
                result=StoredResult.from_json(self._result_json()),
            )

    def stop(self) -> AttemptRow | None:
        """Stop before the end. A training attempt is dropped (it costs nothing); an exam
        counts, judged on what was done so far, and is never passed."""
        if self.closed:
            return self.row if self.exam else None
        if self.row.status != "bezig":
            return self.row
        self.closed = True
        if not self.exam:
            self.store.discard(self.row.id)
            return None
        result = self._result_json()
        result["passed"] = False  # an exam that was not finished is never passed
        result["abandoned"] = True
        self.row = self.store.finish_attempt(
            self.row.id, status="afgebroken", ending=None, result=StoredResult.from_json(result)
        )
        return self.row
