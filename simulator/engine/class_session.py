"""Klassikaal: the whole group plays one scenario together, the trainer leads.

A class session is a state machine over the engine. It knows nothing of Textual or of the
store: the store (``simulator.store.classes``) loads a ``ClassState``, lets a
``ClassSession`` change it, and saves it in one transaction; the screens show it.

The states (``ClassState.status``):

- ``open``: the trainer opened the session; trainees join; nothing to vote on yet.
- ``stemmen``: a fase is on, the visitor's clock runs, every trainee votes (and may change
  the vote until it closes).
- ``pauze``: the clock stands still while the group discusses; votes still count.
- ``onthuld``: the vote is closed and its split is shown; the clock stands still.
- ``einde``: the story reached an ending: the group's debrief.
- ``gesloten``: the trainer ended the session.

The transitions: ``start`` (open to stemmen), ``pause`` and ``resume`` (the clock stops and
runs again; resuming after a reveal opens the vote again), ``reveal``, ``go_on`` (with the
majority's choice, or one the trainer picks, and if the trainer wishes what chance does),
``expire`` (the timer ran out with no decision: the scenario's own ``wacht`` route, as in
single play), ``rewind`` (back to an earlier fase, on a new branch: every branch is kept)
and ``close``.

Where the group is, is a position: (branch, step), the step being the number of decisions
on that branch so far. A vote belongs to a position. A branch made by rewinding shares the
first ``fork`` steps with the branch it came from; the votes of those steps stay with that
branch. A branch is (seed, moves): replaying its moves from the seed gives its attempt, the
chance outcomes the trainer picked included (``Move.rolls``).

Time is wall time (seconds since the epoch, as every process of ``regie serve`` sees it):
the clock of the current fase is ``clock_before`` seconds plus, while it runs, the time
since ``clock_from``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.engine.attempt import WAIT, Attempt
from simulator.language.model import Choice, Scenario

STATUSES = ("open", "stemmen", "pauze", "onthuld", "einde", "gesloten")
VOTING = ("stemmen", "pauze")  # a vote can be cast or changed
ACTIVE = ("open", "stemmen", "pauze", "onthuld", "einde")  # not closed
HOW = ("meerderheid", "trainer", "tijd")  # how a step was decided
STATUS_TEXT = {
    "open": "wacht op de start",
    "stemmen": "stemmen",
    "pauze": "pauze",
    "onthuld": "stemming gesloten",
    "einde": "nabespreking",
    "gesloten": "afgesloten",
}
WAIT_TEXT = "Niets doen: de tijd laten aflopen"
_MARGIN = 0.001  # a decision at the very end of a timer is still before it ran out


class ClassError(Exception):
    """A request the class session cannot honour now, in Dutch for the trainer or trainee."""


@dataclass(frozen=True, slots=True)
class Move:
    """One decision of the group: a choice (its id) or ``wacht``."""

    ref: str
    latency: float | None  # seconds into the fase; None for wacht
    rolls: tuple[bool, ...] = ()  # the outcomes of chance the trainer picked; () the seed's
    how: str = "meerderheid"  # meerderheid, trainer (the trainer chose) or tijd (timer ran out)

    def to_json(self) -> list[Any]:
        return [self.ref, self.latency, list(self.rolls), self.how]

    @classmethod
    def from_json(cls, data: object) -> Move:
        if not (isinstance(data, list) and len(data) == 4):
            raise ValueError("een zet is geen lijst van vier")
        ref, latency, rolls, how = data
        if not isinstance(ref, str) or how not in HOW:
            raise ValueError("een zet mist zijn keuze of hoe die genomen is")
        if latency is not None and not isinstance(latency, int | float):
            raise ValueError("de bedenktijd van een zet is geen getal")
        if not (isinstance(rolls, list) and all(isinstance(r, bool) for r in rolls)):
            raise ValueError("de uitkomsten van het toeval kloppen niet")
        return cls(ref, None if latency is None else float(latency), tuple(rolls), str(how))


@dataclass(slots=True)
class Branch:
    number: int  # 1, 2, ... in the order they were made
    parent: int | None  # the branch it was rewound from
    fork: int  # the steps it shares with its parent
    moves: list[Move] = field(default_factory=list)


@dataclass(slots=True)
class ClassState:
    """A class session as the store keeps it."""

    id: int
    scenario: str
    seed: int
    groep: str | None
    course: str | None
    status: str
    branch: int  # the branch being played
    branches: dict[int, Branch]
    clock_from: float | None  # wall time the clock last started; None: it stands still
    clock_before: float  # seconds of this fase counted before clock_from
    revision: int  # one more at every change: the pages look at it to know they must redraw
    started: str
    ended: str | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What chance can do after a decision, for the trainer to pick."""

    rolls: tuple[bool, ...]
    target: str  # the fase or ending the story lands in
    text: str  # where that is, in a sentence


def replay(scenario: Scenario, seed: int, moves: Sequence[Move]) -> Attempt:
    """The attempt of a branch: its moves played from the seed."""
    attempt = Attempt(scenario, seed)
    for move in moves:
        play_move(attempt, move)
    return attempt


def play_move(attempt: Attempt, move: Move) -> None:
    attempt.forced = list(move.rolls)
    try:
        if move.ref == WAIT:
            attempt.wait()
        else:
            attempt.choose(move.ref, move.latency)
    finally:
        attempt.forced = []


def landing_text(scenario: Scenario, target: str) -> str:
    """Where the story lands, in a sentence: an ending's title, or a fase's first sentence."""
    if target in scenario.endings:
        return f"Einde: {scenario.endings[target].title}"
    fase = scenario.fasen[target]
    first = fase.text.split(". ")[0].rstrip(".")
    return f"{first}."


def majority(counts: Mapping[str, int], shown: Sequence[Choice]) -> str:
    """The choice with the most votes (its id). No votes, or a tie: a ``ClassError`` that
    says what to do (the trainer chooses)."""
    votes = {c.id: counts.get(c.id, 0) for c in shown}
    top = max(votes.values(), default=0)
    if top == 0:
        raise ClassError("Er is nog niet gestemd. Wacht op de stemmen, of kies zelf een keuze (k).")
    leaders = [i for i, c in enumerate(shown, start=1) if votes[c.id] == top]
    if len(leaders) > 1:
        numbers = ", ".join(str(n) for n in leaders[:-1]) + f" en {leaders[-1]}"
        raise ClassError(f"De stemmen staken ({numbers}). Kies zelf welke keuze het wordt (k).")
    return shown[leaders[0] - 1].id


class ClassSession:
    """The state machine of one class session (see the module's doc)."""

    def __init__(self, state: ClassState, scenario: Scenario) -> None:
        if state.scenario != scenario.id:
            raise ValueError("scenario en sessie horen niet bij elkaar")
        self.state = state
        self.scenario = scenario
        self.dirty: set[int] = set()  # branches changed since loading (to be saved)
        self._attempts: dict[tuple[int, int], Attempt] = {}

    # --- reading ---------------------------------------------------------------------
    @property
    def status(self) -> str:
        return self.state.status

    @property
    def active(self) -> bool:
        return self.state.status in ACTIVE

    @property
    def branch(self) -> Branch:
        return self.state.branches[self.state.branch]

    @property
    def step(self) -> int:
        return len(self.branch.moves)

    @property
    def position(self) -> tuple[int, int]:
        """(branch, step): where the group is; a vote belongs to a position."""
        return self.state.branch, self.step

    def attempt(self, number: int | None = None) -> Attempt:
        """The attempt of a branch (the current one by default) as far as it got."""
        branch = self.state.branches[self.state.branch if number is None else number]
        key = (branch.number, len(branch.moves))
        found = self._attempts.get(key)
        if found is None:
            found = replay(self.scenario, self.state.seed, branch.moves)
            self._attempts[key] = found
        return found

    def shown(self) -> tuple[Choice, ...]:
        """The choices of the current fase in the order everyone sees them (numbered 1-9)."""
        if self.state.status not in ("stemmen", "pauze", "onthuld"):
            return ()
        return self.attempt().presented()

    def elapsed(self, now: float) -> float:
        running = now - self.state.clock_from if self.state.clock_from is not None else 0.0
        return self.state.clock_before + max(0.0, running)

    def time_left(self, now: float) -> float | None:
        """Seconds left on the visitor's timer; None when the fase has none."""
        fase = self.attempt().fase
        if fase is None or fase.timer is None or self.state.status == "open":
            return None
        return max(0.0, fase.timer.seconds - self.elapsed(now))

    def running(self) -> bool:
        return self.state.clock_from is not None

    def owner(self, branch: int, step: int) -> tuple[int, int]:
        """The position whose votes count for (branch, step): a step a branch shares with
        the branch it was rewound from belongs to that branch."""
        b = self.state.branches[branch]
        while step < b.fork and b.parent is not None:
            b = self.state.branches[b.parent]
        return b.number, step

    def branches(self) -> Iterator[Branch]:
        yield from (self.state.branches[n] for n in sorted(self.state.branches))

    # --- checks ----------------------------------------------------------------------
    def check_vote(self, choice_id: str) -> None:
        """Raise ``ClassError`` unless a vote for this choice can be cast now."""
        if self.state.status not in VOTING:
            raise ClassError(
                "De stemming is gesloten."
                if self.state.status == "onthuld"
                else "Er wordt nu niet gestemd."
            )
        if choice_id not in {c.id for c in self.shown()}:
            raise ClassError("Die keuze staat hier niet tussen.")

    def _need(self, *statuses: str, doing: str) -> None:
        if self.state.status not in statuses:
            raise ClassError(f"{doing} kan nu niet: de sessie is {STATUS_TEXT[self.state.status]}.")

    def _touch(self) -> None:
        self.state.revision += 1

    def _stop_clock(self, now: float) -> None:
        self.state.clock_before = self.elapsed(now)
        self.state.clock_from = None

    # --- the transitions --------------------------------------------------------------
    def start(self, now: float) -> None:
        self._need("open", doing="Beginnen")
        self.state.status = "stemmen"
        self.state.clock_before, self.state.clock_from = 0.0, now
        self._settle()
        self._touch()

    def pause(self, now: float) -> None:
        self._need("stemmen", doing="Pauzeren")
        self._stop_clock(now)
        self.state.status = "pauze"
        self._touch()

    def resume(self, now: float) -> None:
        """The clock runs again; after a reveal the vote opens again too."""
        self._need("pauze", "onthuld", doing="Verdergaan")
        self.state.status = "stemmen"
        self.state.clock_from = now
        self._touch()

    def reveal(self, now: float) -> None:
        """Close the vote and show its split; the clock stands still."""
        self._need("stemmen", "pauze", doing="Onthullen")
        self._stop_clock(now)
        self.state.status = "onthuld"
        self._touch()

    def go_on(
        self, ref: str, now: float, *, how: str = "meerderheid", rolls: Sequence[bool] = ()
    ) -> None:
        """Take a decision for the group: a choice's id, or ``wacht`` (do nothing until the
        timer runs out). ``rolls``: what chance does, if the trainer picked it."""
        self._need("stemmen", "pauze", "onthuld", doing="Verdergaan")
        attempt = self.attempt()
        fase = attempt.fase
        assert fase is not None
        if ref == WAIT:
            if fase.timer is None:
                raise ClassError("Hier loopt geen timer: niets doen kan hier niet.")
            latency: float | None = None
        else:
            if fase.choice(ref) is None:
                raise ClassError("Die keuze staat hier niet tussen.")
            latency = round(self.elapsed(now), 3)
            if fase.timer is not None:
                latency = min(latency, fase.timer.seconds - _MARGIN)
        self._decide(Move(ref, latency, tuple(rolls), how), now)

    def expire(self, now: float) -> bool:
        """The timer ran out while the clock ran and nobody decided: the scenario's own
        ``wacht`` route, as in single play. True if it did."""
        if self.state.status != "stemmen":
            return False
        left = self.time_left(now)
        if left is None or left > 0:
            return False
        self._decide(Move(WAIT, None, (), "tijd"), now)
        return True

    def _decide(self, move: Move, now: float) -> None:
        attempt = replay(self.scenario, self.state.seed, self.branch.moves)
        play_move(attempt, move)
        self.branch.moves.append(move)
        self.dirty.add(self.state.branch)
        self._attempts[(self.state.branch, len(self.branch.moves))] = attempt
        self.state.status = "einde" if attempt.finished else "stemmen"
        self.state.clock_before = 0.0
        self.state.clock_from = None if attempt.finished else now
        self._touch()

    def _settle(self) -> None:
        """A story that ends before the first choice (it cannot: the loader forbids it) or a
        fase without choices would leave nothing to vote on: end at once."""
        if self.attempt().finished:
            self.state.status = "einde"
            self.state.clock_from = None

    def rewind(self, step: int, now: float) -> None:
        """Back to an earlier fase of the current branch (``step`` decisions in), on a new
        branch; the old branch is kept as it was. The clock stands still until the trainer
        lets it run (the group first hears what is different)."""
        self._need("stemmen", "pauze", "onthuld", "einde", doing="Terugspoelen")
        if not 0 <= step < self.step:
            raise ClassError("Terugspoelen kan alleen naar een eerdere stap.")
        number = max(self.state.branches) + 1
        self.state.branches[number] = Branch(
            number, self.state.branch, step, list(self.branch.moves[:step])
        )
        self.dirty.add(number)
        self.state.branch = number
        self.state.status = "pauze"
        self.state.clock_before, self.state.clock_from = 0.0, None
        self._touch()

    def close(self, now: float, ended: str) -> None:
        self._need(*ACTIVE, doing="Afsluiten")
        if self.state.clock_from is not None:
            self._stop_clock(now)
        self.state.status = "gesloten"
        self.state.ended = ended
        self._touch()

    # --- chance ----------------------------------------------------------------------
    def outcomes(self, ref: str) -> tuple[Outcome, ...]:
        """What chance can do after this decision: one ``Outcome`` per place the story can
        land in (two or more), or () when chance plays no part."""
        base = self.branch.moves
        found: list[Outcome] = []
        seen: set[str] = set()

        def explore(rolls: tuple[bool, ...]) -> None:
            attempt = replay(self.scenario, self.state.seed, base)
            before = attempt.draws
            move = Move(ref, _latency_for(attempt, ref), rolls)
            play_move(attempt, move)
            if attempt.draws - before > len(rolls):  # a draw the rolls did not decide
                explore((*rolls, True))
                explore((*rolls, False))
                return
            if attempt.state not in seen:
                seen.add(attempt.state)
                found.append(
                    Outcome(rolls, attempt.state, landing_text(self.scenario, attempt.state))
                )

        explore(())
        return tuple(found) if len(found) > 1 else ()


def _latency_for(attempt: Attempt, ref: str) -> float | None:
    """A think time that is valid in the current fase (chance does not read it)."""
    fase = attempt.fase
    if ref == WAIT or fase is None:
        return None
    return 0.0 if fase.timer is None else min(1.0, fase.timer.seconds / 2)
