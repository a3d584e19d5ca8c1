"""A rule as a fold: a small state, updated one event at a time. Each rule keeps its fold
in its own file (``scoring/rules/*.py``, ``FOLD``); ``scoring.judge`` runs all of them.

``scoring.rules`` judge a whole attempt and explain their verdict in Dutch. Exploring every
way through a scenario (``regie explore``) and scoring a step in constant time need the
same judgement *incrementally*: each rule here keeps only what its future verdict depends
on, in a small hashable value, so that two histories that leave every rule in the same
state are the same for the rest of the scenario. ``tests/scoring/test_folds.py`` holds each fold
to the status its rule gives, on thousands of played attempts; change the two together
(they are next to each other in the rule's file).

Events, in the order the engine produces them: ``tick(dt)`` when scenario time passes,
``visit(fase)`` on entering a fase, ``decide(fase, category, style, timed_out)`` for a choice
or a timer that ran out. ``status(state)`` is the final verdict (``final=True``).
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from typing import Any

from scoring.context import suspended_at_start, suspension_after
from scoring.verdict import Status
from simulator.language.model import Catalogue, Fase, Profile, Scenario

V = "V"  # a rule once violated stays violated
SETTLED = "S"  # explore: a rule whose verdict can no longer change (its cost already counted)
OK, NA, VIOLATED = Status.OK, Status.NA, Status.VIOLATED

State = Hashable


@dataclass(frozen=True, slots=True)
class Horizon:
    """What scenario time can still pass from a decision on: ``jumps`` holds every sum of
    `verstrijkt` jumps before a later moment where a rule may look at the clock, and
    ``talk`` the most conversation time (think time and timers) that can pass in all."""

    jumps: frozenset[float]
    talk: float


class Fold:
    """One rule as a fold. Subclasses keep the rule's id and override what they read."""

    id = ""
    timed = False  # True when the rule reads scenario time (only the ordegesprek deadline)

    def __init__(self, scenario: Scenario, profile: Profile, catalogue: Catalogue) -> None:
        self.scenario = scenario
        self.profile = profile
        self.catalogue = catalogue
        self.role = scenario.role
        self._offered: dict[str, frozenset[str]] = {}

    def offered(self, fase: Fase) -> frozenset[str]:
        """The categories on offer in a fase."""
        cats = self._offered.get(fase.id)
        if cats is None:
            ivs = (self.catalogue.interventions.get(c.intervention) for c in fase.choices)
            cats = self._offered[fase.id] = frozenset(iv.category for iv in ivs if iv)
        return cats

    def start(self) -> State:
        return 0

    def tick(self, s: State, dt: float) -> State:
        return s

    def visit(self, s: State, fase: Fase) -> State:
        return s

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        return s

    def canonical(self, s: State, horizon: Horizon | None) -> State:
        """The simplest state with the same future as ``s``, given what time can still
        pass (``horizon``; None when unknown). Only rules that read time need this."""
        return s

    def leaves(self, fase: Fase, category: str | None) -> bool:
        """True when entering ``fase`` (``category`` None) or a decision of ``category``
        there leaves every state as it is. The Judge works this out itself for a fold
        that does not read the clock; one that does may say so here."""
        return False

    def forgiven(self, before: State) -> State:
        """The state to go on from when a decision broke the rule, to see whether a later one
        breaks it again (the debrief's repeats): as if this one had not. A rule that only
        one moment can break (vroeg-ingrijpen) says the moment has passed."""
        return before

    def status(self, s: State) -> Status:
        """0: the situation never arose; 1: it arose and was handled; V: violated."""
        return VIOLATED if s == V else OK if s else NA


class Suspension(Fold):
    """A rule that follows whose service is suspended. State: V, or (the suspended visitors,
    arose); the trainee's conversation partner is ``self.partner``."""

    def __init__(self, scenario: Scenario, profile: Profile, catalogue: Catalogue) -> None:
        super().__init__(scenario, profile, catalogue)
        self.partner = scenario.conversation_with

    arises_on_visit = True  # the rule applies once the partner's service is suspended

    def start(self) -> State:
        suspended = suspended_at_start(self.scenario)
        return (suspended, self.arises_on_visit and self.partner in suspended)

    def visit(self, s: State, fase: Fase) -> State:
        if s == V:
            return s
        suspended, arose = tuple2(s)
        after = suspension_after(self.scenario, suspended, fase)
        return (after, arose or (self.arises_on_visit and self.partner in after))

    def status(self, s: State) -> Status:
        return VIOLATED if s == V else OK if tuple2(s)[1] else NA


# A state as the tuple it is, for the type checker.
def tuple2(s: Any) -> tuple[Any, Any]:
    return s  # type: ignore[no-any-return]


def tuple3(s: Any) -> tuple[Any, Any, Any]:
    return s  # type: ignore[no-any-return]


def tuple4(s: Any) -> tuple[Any, Any, Any, Any]:
    return s  # type: ignore[no-any-return]


def tuple5(s: Any) -> tuple[Any, Any, Any, Any, Any]:
    return s  # type: ignore[no-any-return]


def tuple6(s: Any) -> tuple[Any, Any, Any, Any, Any, Any]:
    return s  # type: ignore[no-any-return]
