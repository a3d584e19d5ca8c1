"""The rules as folds: a small state per rule, updated one event at a time.

``scoring.rules`` judge a whole attempt and explain their verdict in Dutch. Exploring every
way through a scenario (``regie explore``) and scoring a step in constant time need the
same judgement *incrementally*: each rule here keeps only what its future verdict depends
on, in a small hashable value, so that two histories that leave every rule in the same
state are the same for the rest of the scenario. ``tests/test_folds.py`` holds each fold
to the status its rule gives, on thousands of played attempts; change the two together.

Events, in the order the engine produces them: ``tick(dt)`` when scenario time passes,
``visit(fase)`` on entering a fase, ``decide(fase, category, style, timed_out)`` for a choice
or a timer that ran out. ``status(state)`` is the final verdict (``final=True``).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from scoring.context import (
    ACTING_EARLY,
    CONSEQUENCES,
    LETTING_GO,
    LIMITS,
    MEASURES,
    MISUSE,
    SERVICE,
    TOWARDS_VISITOR,
    WAIT,
    suspended_at_start,
    suspension_after,
    unrest,
)
from scoring.rules.aanwijzing_opvolgen import FOLLOWS
from scoring.rules.nietsdoen_geen_optie import passive
from scoring.rules.staking_laatste_stap import ANOTHER_CHANCE
from scoring.rules.stijl_past_bij_agressie import limit_after, limit_set_by, mismatch
from scoring.rules.toegangsbeperking import WRONG_ACCESS
from scoring.verdict import Status
from simulator.engine.trace import TraceEvent
from simulator.language.model import Catalogue, Facts, Fase, Profile, Scenario

V = "V"  # a rule once violated stays violated
_VISIT = "\x00visit"  # not an intervention id: a fase is entered
_MISSING: Any = object()
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
        suspended, arose = _t2(s)
        after = suspension_after(self.scenario, suspended, fase)
        return (after, arose or (self.arises_on_visit and self.partner in after))

    def status(self, s: State) -> Status:
        return VIOLATED if s == V else OK if _t2(s)[1] else NA


class OrdeVoorInhoud(Suspension):
    id = "orde-voor-inhoud"
    arises_on_visit = False  # only at a decision where the order asks for it

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        suspended, _arose = _t2(s)
        f = fase.facts
        own = f.disturbed and self.scenario.visitor_of(f) == self.partner
        if not (own or self.partner in suspended):
            return s
        return V if category in SERVICE else (suspended, True)


class GeenDienstverleningOnderDruk(Fold):
    """State: 0 nothing yet, 1 pressure seen, 2 a decision in a disturbed fase seen (giving in
    is wrong from then on, in both), V."""

    id = "geen-dienstverlening-onder-druk"

    def visit(self, s: State, fase: Fase) -> State:
        return 1 if s in (0, 2) and fase.facts.pressure != "geen" else s

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        under = s in (1, 2) or fase.facts.disturbed
        if under and category == "toegeven":
            return V
        return 2 if s == 0 and fase.facts.disturbed else s


def _calls_for_action(f: Facts) -> bool:
    return f.disturbed or f.pressure != "geen" or f.danger


class NietsdoenGeenOptie(Fold):
    id = "nietsdoen-geen-optie"

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        f = fase.facts
        if s == V or not _calls_for_action(f):
            return s
        if timed_out and f.wait_ok:
            return 1
        elsewhere = self.scenario.visitor_of(f) != self.scenario.conversation_with
        return V if timed_out or passive(category, elsewhere) else 1


class Taakverdeling(Fold):
    id = "taakverdeling"

    def __init__(self, scenario: Scenario, profile: Profile, catalogue: Catalogue) -> None:
        super().__init__(scenario, profile, catalogue)
        self.restricted = frozenset(c for c in profile.powers if not profile.may(self.role, c))

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        f = fase.facts
        arose = s == 1 or f.disturbed or bool(self.restricted & self.offered(fase))
        if not timed_out:
            at_stake = f.disturbed or f.pressure != "geen" or f.danger
            if self.role == "beveiliger" and category == "overlaten" and at_stake:
                return V
            if category in self.restricted:
                return V
        return 1 if arose else 0


class AanwijzingOpvolgen(Fold):
    id = "aanwijzing-opvolgen"

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        f = fase.facts
        if s == V or f.instruction is None:
            return s
        if timed_out and f.wait_ok:
            return 1
        return 1 if category in FOLLOWS else V


class Ordegesprek(Fold):
    """State: V, or (age of the pending incident in seconds or None, planned, persistent,
    handled, any incident). The age is capped just past the deadline: beyond it, only
    'too late' matters, and the cap lets late histories share one state."""

    id = "ordegesprek"
    timed = True

    def __init__(self, scenario: Scenario, profile: Profile, catalogue: Catalogue) -> None:
        super().__init__(scenario, profile, catalogue)
        self.deadline = profile.ordegesprek_deadline_hours * 3600
        self.cap = self.deadline + 1.0
        self.may_hold = profile.may(self.role, "ordegesprek")
        self.misplaced = frozenset(
            c for c in ("ordegesprek", "ordegesprek-plannen") if not profile.may(self.role, c)
        )

    def start(self) -> State:
        prior = self.scenario.prior_incident_hours
        age: float | None = None
        if prior is not None:
            age = min(prior * 3600, self.cap) if prior * 3600 <= self.deadline else 0.0
        return (age, False, False, False, age is not None)

    def tick(self, s: State, dt: float) -> State:
        if s == V or not dt:
            return s
        age, planned, persistent, handled, anyinc = _t5(s)
        if age is None or age >= self.cap:
            return s
        return (min(age + dt, self.cap), planned, persistent, handled, anyinc)

    def canonical(self, s: State, horizon: Horizon | None) -> State:
        """Two ages are the same when, for every way time can still pass, both stay under
        the deadline or both go over it; then the smallest such age stands for all."""
        if s == V or horizon is None:
            return s
        age, planned, persistent, handled, anyinc = _t5(s)
        if age is None or age == 0.0:
            return s
        floor = 0.0
        for jump in horizon.jumps:
            threshold = self.deadline - jump
            if age > threshold:
                floor = max(floor, math.nextafter(threshold, math.inf))
            elif age + horizon.talk > threshold:
                return s  # this age may cross the deadline: keep it exact
        return s if floor == age else (floor, planned, persistent, handled, anyinc)

    # the only categories ``decide`` reads (``self.misplaced`` is a part of them)
    _READS = (
        frozenset({"ordegesprek", "ordegesprek-plannen", "staking", "ordegesprek-uitstellen"})
        | MISUSE
        | LETTING_GO
    )

    def leaves(self, fase: Fase, category: str | None) -> bool:
        if category is None:
            return not (fase.facts.persistent or fase.facts.incident or fase.facts.no_show)
        return category not in self._READS

    def visit(self, s: State, fase: Fase) -> State:
        if s == V or not (fase.facts.persistent or fase.facts.incident or fase.facts.no_show):
            return s
        age, planned, persistent, handled, anyinc = _t5(s)
        persistent = persistent or fase.facts.persistent
        if fase.facts.no_show and age is not None and planned:
            age, planned = 0.0, False
        if fase.facts.incident and (age is None or planned):
            age, planned, anyinc = 0.0, False, True
        return (age, planned, persistent, handled, anyinc)

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        if category in MISUSE or category in self.misplaced:
            return V
        age, planned, persistent, _handled, anyinc = _t5(s)
        if age is not None and category == "ordegesprek-uitstellen":
            return V
        if (
            age is not None
            and not planned
            and self.may_hold
            and category in LETTING_GO
            and {"ordegesprek", "ordegesprek-plannen"} & self.offered(fase)
        ):
            return V
        if category == "ordegesprek-plannen" and age is not None:
            if age > self.deadline:
                return V
            return (age, True, persistent, True, anyinc)
        if category == "staking" and age is not None and persistent:
            return (None, planned, persistent, True, anyinc)
        if category == "ordegesprek":
            if age is not None and age > self.deadline and not planned:
                return V
            return (None, planned, persistent, True, anyinc)
        return s

    def status(self, s: State) -> Status:
        if s == V:
            return VIOLATED
        age, planned, _persistent, handled, anyinc = _t5(s)
        if not anyinc and not handled:
            return NA
        if not self.may_hold and not handled:
            return NA
        if age is not None and not planned:
            return VIOLATED
        return OK


class Garantie(Fold):
    """State: V, or (an ordegesprek waiting for its guarantee, an earlier one ended without it,
    any ordegesprek held, asked once, refused, consequence of the refusal)."""

    id = "garantie"

    def start(self) -> State:
        return (False, False, False, False, False, False)

    def visit(self, s: State, fase: Fase) -> State:
        if s == V:
            return s
        open_talk, uncovered, held, asked, refused, consequence = _t6(s)
        g = fase.facts.guarantee
        if g is not None and open_talk:
            open_talk = False
        if g == "geweigerd" and not refused:
            refused, consequence = True, False
        return (open_talk, uncovered, held, asked, refused, consequence)

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        open_talk, uncovered, held, asked, refused, consequence = _t6(s)
        if category == "ordegesprek":
            uncovered = uncovered or open_talk
            open_talk, held = True, True
        elif category == "garantie":
            open_talk, asked = False, True
        elif refused and not consequence:
            if category in CONSEQUENCES or category == "toegangsverbod":
                consequence = True
            elif category in SERVICE:
                return V
        return (open_talk, uncovered, held, asked, refused, consequence)

    def status(self, s: State) -> Status:
        if s == V:
            return VIOLATED
        open_talk, uncovered, held, asked, refused, consequence = _t6(s)
        if not held and not refused and not asked:
            return NA
        if held and not self.profile.may(self.role, "garantie") and not refused:
            return NA
        if uncovered or open_talk:
            return VIOLATED
        if refused and not consequence:
            return VIOLATED
        return OK


class Opschorting(Suspension):
    id = "opschorting"

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        suspended, _arose = _t2(s)
        return V if self.partner in suspended and category in SERVICE else s


class Toegangsbeperking(Fold):
    id = "toegangsbeperking"

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        if category in WRONG_ACCESS:
            return V
        return 1 if category == "toegangsbeperking" else s


class StakingLaatsteStap(Fold):
    """State: V, or (measures so far, capped at the number needed; persistent; staking; an
    ordegesprek chosen whose outcome is still to come)."""

    id = "staking-laatste-stap"

    def __init__(self, scenario: Scenario, profile: Profile, catalogue: Catalogue) -> None:
        super().__init__(scenario, profile, catalogue)
        self.needed = profile.staking_min_measures

    def start(self) -> State:
        return (min(self.scenario.prior_measures, self.needed), False, False, False)

    def visit(self, s: State, fase: Fase) -> State:
        f = fase.facts
        if s == V or not (f.persistent or f.guarantee is not None):
            return s
        measures, persistent, staking, talk_open = _t4(s)
        if f.guarantee is not None:
            if not talk_open:
                measures = min(measures + 1, self.needed)
            talk_open = False
        return (measures, persistent or f.persistent, staking, talk_open)

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        measures, persistent, staking, talk_open = _t4(s)
        if category == "staking-als-sanctie":
            return V
        if category in ANOTHER_CHANCE and persistent and measures >= self.needed and not staking:
            return V
        if category in MEASURES:
            talk_open = talk_open or category == "ordegesprek"
            return (min(measures + 1, self.needed), persistent, staking, talk_open)
        if category == "staking":
            if measures < self.needed or not persistent:
                return V
            return (measures, persistent, True, talk_open)
        return s

    def status(self, s: State) -> Status:
        if s == V:
            return VIOLATED
        measures, persistent, staking, _talk_open = _t4(s)
        if not persistent and not staking:
            return NA
        if not staking and not self.profile.may(self.role, "staking"):
            return NA
        if not staking and measures < self.needed:
            return NA
        if persistent and not staking:
            return VIOLATED
        return OK


class Aangifte(Fold):
    """State: V, or (criminal behaviour seen, aangifte filed, aangifte on offer since)."""

    id = "aangifte"

    def start(self) -> State:
        return (False, False, False)

    def visit(self, s: State, fase: Fase) -> State:
        if s == V or not fase.facts.criminal:
            return s
        _criminal, filed, offered = _t3(s)
        return (True, filed, offered)

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        criminal, filed, offered = _t3(s)
        if category == "aangifte-zelf":
            return V
        if category == "aangifte":
            return (True, True, offered) if criminal else V
        if criminal and not filed and "aangifte" in self.offered(fase):
            return V if category == "afronden" else (criminal, filed, True)
        return s

    def status(self, s: State) -> Status:
        if s == V:
            return VIOLATED
        criminal, filed, offered = _t3(s)
        if not criminal:
            return NA
        return OK if filed else VIOLATED if offered else NA


class AfterIncident(Fold):
    """'After each incident, do X before the end'. State: (any incident, one done, pending:
    0 no, 1 waiting, 2 waiting and X was on offer since)."""

    category = ""

    def start(self) -> State:
        return (False, False, 0)

    def visit(self, s: State, fase: Fase) -> State:
        if s == V:
            return s
        _seen, done, pending = _t3(s)
        if fase.facts.incident and not pending:
            return (True, done, 1)
        return s

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        seen, done, pending = _t3(s)
        if not pending:
            return s
        if category == self.category:
            return (seen, True, 0)
        if self.category in self.offered(fase):
            return V if category == "afronden" else (seen, done, 2)
        return s

    def status(self, s: State) -> Status:
        if s == V:
            return VIOLATED
        seen, done, pending = _t3(s)
        if not seen:
            return NA
        if pending == 2:
            return VIOLATED
        return OK if done else NA


class MeldenRegistreren(AfterIncident):
    id = "melden-registreren"
    category = "melden"


class Nazorg(AfterIncident):
    id = "nazorg"
    category = "nazorg"


class StijlPastBijAgressie(Fold):
    """State: V, or (judged at least once, the level at which a limit stands or None)."""

    id = "stijl-past-bij-agressie"

    def start(self) -> State:
        return (False, None)

    def visit(self, s: State, fase: Fase) -> State:
        if s == V:
            return s
        judged, limit = _t2(s)
        return (judged, limit_after(limit, fase.facts.level, fase.facts.disturbed))

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        f = fase.facts
        judged, limit = _t2(s)
        if 1 <= f.level <= 3 and style != "neutraal" and category in TOWARDS_VISITOR:
            if mismatch(f.level, f.aggression, style, limit is not None) is not None:
                return V
            judged = True
        return (judged, limit_set_by(category, f.level) if category in LIMITS else limit)

    def status(self, s: State) -> Status:
        return VIOLATED if s == V else OK if _t2(s)[0] else NA


class VroegIngrijpen(Fold):
    """The first decision at unrest decides: 0 none yet, 1 acted then (or it began at
    controleverlies: n.v.t.), V let it pass."""

    id = "vroeg-ingrijpen"

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s != 0 or not unrest(fase.facts):
            return s
        if fase.facts.level >= 3:
            return 2
        acting = category in ACTING_EARLY or (timed_out and fase.facts.wait_ok)
        return 1 if acting else V

    def forgiven(self, before: State) -> State:
        return 2  # the first unrest has passed: no later step is 'not early' again

    def status(self, s: State) -> Status:
        return VIOLATED if s == V else OK if s == 1 else NA


class EigenVeiligheid(Fold):
    id = "eigen-veiligheid"

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V or not (fase.facts.danger or category == "fysiek"):
            return s
        return 1 if category == "veiligheid" else V


FOLDS: tuple[type[Fold], ...] = (
    OrdeVoorInhoud,
    GeenDienstverleningOnderDruk,
    NietsdoenGeenOptie,
    Taakverdeling,
    AanwijzingOpvolgen,
    Ordegesprek,
    Garantie,
    Opschorting,
    Toegangsbeperking,
    StakingLaatsteStap,
    Aangifte,
    MeldenRegistreren,
    StijlPastBijAgressie,
    VroegIngrijpen,
    EigenVeiligheid,
    Nazorg,
)


def _t2(s: Any) -> tuple[Any, Any]:
    return s  # type: ignore[no-any-return]


def _t3(s: Any) -> tuple[Any, Any, Any]:
    return s  # type: ignore[no-any-return]


def _t4(s: Any) -> tuple[Any, Any, Any, Any]:
    return s  # type: ignore[no-any-return]


def _t5(s: Any) -> tuple[Any, Any, Any, Any, Any]:
    return s  # type: ignore[no-any-return]


def _t6(s: Any) -> tuple[Any, Any, Any, Any, Any, Any]:
    return s  # type: ignore[no-any-return]


# What a step does to the folds: (fold number, its transitions) for each fold the step can
# change; a fold with no transitions (None) is asked each time (it reads the clock).
_Plan = tuple[tuple[int, "dict[State, State] | None"], ...]
_MAX_TABLED = 4096  # states of one fold beyond which its transitions are not tabled
# A class of steps as the folds read it: a fase standing for the class, and for a decision
# its category, style and whether the timer ran out (None: the fase is entered).
_Reading = tuple[Fase, "tuple[str, str, bool] | None"]


class Judge:
    """All sixteen folds for one scenario and profile, over one combined state (a tuple).

    ``WAIT`` is the category of a timer that ran out, as in ``scoring.context``.

    A step costs a few look-ups: when the Judge is made, each clock-free fold's transitions
    are worked out for every state it can reach from its start by any step the scenario
    has (fasen with the same facts and categories on offer are the same to every fold, so
    once per class of steps; a few milliseconds for a bundled scenario). A step then
    touches only the folds it can change. A step the tables do not cover is worked out fold
    by fold; if it leads to a state they do not know, the Judge goes on fold by fold from
    then on.
    """

    def __init__(self, scenario: Scenario, profile: Profile, catalogue: Catalogue) -> None:
        self.folds = tuple(f(scenario, profile, catalogue) for f in FOLDS)
        self.ids = tuple(f.id for f in self.folds)
        self.catalogue = catalogue
        self._timed = tuple(i for i, f in enumerate(self.folds) if f.timed)
        self._readings: dict[str | None, tuple[str, str, bool]] = {}
        self._interventions: dict[tuple[str, str], str | None] = {}
        self._known: list[set[State] | None] = [None] * len(self.folds)
        self._plans: dict[tuple[str, str | None], _Plan] = self._make_plans(scenario)

    def start(self) -> tuple[State, ...]:
        return tuple(f.start() for f in self.folds)

    def tick(self, s: tuple[State, ...], dt: float) -> tuple[State, ...]:
        if not dt:
            return s
        out: list[State] | None = None
        for i in self._timed:
            x = s[i]
            y = x if x == SETTLED else self.folds[i].tick(x, dt)
            if y is not x:
                out = out or list(s)
                out[i] = y
        return s if out is None else tuple(out)

    def visit(self, s: tuple[State, ...], fase: Fase) -> tuple[State, ...]:
        return self._step(s, fase, _VISIT)

    def decide(
        self, s: tuple[State, ...], fase: Fase, intervention: str | None
    ) -> tuple[State, ...]:
        return self._step(s, fase, intervention)

    def intervention(self, fase: Fase, choice: str) -> str | None:
        """The intervention of a choice in a fase (None: no such choice, read as a timer)."""
        key = (fase.id, choice)
        got = self._interventions.get(key, _MISSING)
        if got is _MISSING:
            found = fase.choice(choice)
            got = self._interventions[key] = found.intervention if found else None
        return got  # type: ignore[no-any-return]

    def canonical(self, s: tuple[State, ...], horizon: Horizon | None) -> tuple[State, ...]:
        if not self._timed:
            return s
        out = list(s)
        for i in self._timed:
            if out[i] != SETTLED:
                out[i] = self.folds[i].canonical(out[i], horizon)
        return tuple(out)

    def statuses(self, s: tuple[State, ...]) -> tuple[Status, ...]:
        return tuple(f.status(x) for f, x in zip(self.folds, s, strict=True))

    def violated(self, s: tuple[State, ...]) -> frozenset[str]:
        return frozenset(
            f.id for f, x in zip(self.folds, s, strict=True) if f.status(x) is VIOLATED
        )

    # --- a step -------------------------------------------------------------------------
    def _step(self, s: tuple[State, ...], fase: Fase, what: str | None) -> tuple[State, ...]:
        """Each fold's next state after a visit (``what`` is _VISIT) or a decision (the
        intervention; None when the timer ran out)."""
        plan = self._plans.get((fase.id, what))
        if plan is None:
            return self._step_each(s, fase, what)
        if not plan:
            return s
        out = list(s)
        for i, table in plan:
            x = out[i]
            y = _MISSING if table is None else table.get(x, _MISSING)
            if y is _MISSING:
                y = x if x == SETTLED else self._step_one(self.folds[i], x, fase, what)
            out[i] = y
        return tuple(out)

    def _step_each(self, s: tuple[State, ...], fase: Fase, what: str | None) -> tuple[State, ...]:
        """A step the tables do not cover, fold by fold. A state they do not know means
        they can no longer tell which folds a step leaves alone: from then on, none."""
        out = tuple(
            x if x == SETTLED else self._step_one(fold, x, fase, what)
            for fold, x in zip(self.folds, s, strict=True)
        )
        if self._plans and any(
            known is not None and y not in known for known, y in zip(self._known, out, strict=True)
        ):
            self._plans = {}
        return out

    def _reading(self, what: str | None) -> tuple[str, str, bool]:
        """A decision as the folds read it: category, style, and whether the timer ran out."""
        got = self._readings.get(what)
        if got is None:
            iv = self.catalogue.interventions.get(what) if what else None
            got = (iv.category, iv.style, False) if iv else (WAIT, "neutraal", what is None)
            self._readings[what] = got
        return got

    def _step_one(self, fold: Fold, x: State, fase: Fase, what: str | None) -> State:
        if what == _VISIT:
            return fold.visit(x, fase)
        category, style, timed_out = self._reading(what)
        return fold.decide(x, fase, category, style, timed_out)

    # --- the tables ---------------------------------------------------------------------
    def _make_plans(self, scenario: Scenario) -> dict[tuple[str, str | None], _Plan]:
        """For every step the scenario has (a visit to a fase, a choice in it, or a timer,
        also where there is none: a choice the fase lacks reads as one), the folds it can
        change with their transitions."""
        offered = self.folds[0].offered
        alike: dict[tuple[Facts, frozenset[str]], int] = {}  # fasen alike to every fold
        classes: dict[tuple[int, tuple[str, str, bool] | None], int] = {}
        steps: list[_Reading] = []  # one step standing for each class
        of_step: dict[tuple[str, str | None], int] = {}
        for fase in scenario.fasen.values():
            kind = alike.setdefault((fase.facts, offered(fase)), len(alike))
            for what in (_VISIT, None, *(c.intervention for c in fase.choices)):
                reading = None if what == _VISIT else self._reading(what)
                key = (kind, reading)
                n = classes.get(key)
                if n is None:
                    n = classes[key] = len(steps)
                    steps.append((fase, reading))
                of_step[(fase.id, what)] = n
        plans: list[list[tuple[int, dict[State, State] | None]]] = [[] for _ in steps]
        for i, fold in enumerate(self.folds):
            tables = None if fold.timed else self._tabulate(i, steps)
            for n, (plan, (fase, reading)) in enumerate(zip(plans, steps, strict=True)):
                if tables is None:
                    if not fold.leaves(fase, reading[0] if reading else None):
                        plan.append((i, None))
                elif list(tables[n]) != list(tables[n].values()):
                    plan.append((i, tables[n]))
        frozen = [tuple(plan) for plan in plans]
        return {key: frozen[n] for key, n in of_step.items()}

    def _tabulate(self, i: int, steps: list[_Reading]) -> list[dict[State, State]] | None:
        """Fold ``i``'s transitions per class of steps, over every state it can reach from
        its start; None when there are too many states to table."""
        fold = self.folds[i]
        visit, decide = fold.visit, fold.decide
        first = fold.start()
        known = {first}
        todo = [first]
        tables: list[dict[State, State]] = [{} for _ in steps]
        while todo:
            x = todo.pop()
            for (fase, reading), table in zip(steps, tables, strict=True):
                y = table[x] = visit(x, fase) if reading is None else decide(x, fase, *reading)
                if y not in known:
                    if len(known) >= _MAX_TABLED:
                        return None
                    known.add(y)
                    todo.append(y)
        self._known[i] = known
        return tables


def fold_trace(judge: Judge, scenario: Scenario, trace: Sequence[TraceEvent]) -> tuple[State, ...]:
    """Run the folds over a recorded trace: the same events the rules read."""
    return fold_events(judge, scenario, trace, judge.start(), 0.0)[0]


def fold_events(
    judge: Judge,
    scenario: Scenario,
    events: Sequence[TraceEvent],
    s: tuple[State, ...],
    t: float,
) -> tuple[tuple[State, ...], float]:
    """Go on folding from state ``s`` at time ``t`` over more events (a step as it is
    played); returns the new state and time."""
    fasen = scenario.fasen
    for ev in events:
        if ev.t != t:
            s = judge.tick(s, ev.t - t)
            t = ev.t
        fase = fasen.get(ev.fase or "")
        if fase is None:
            continue
        if ev.kind in ("enter", "event"):
            s = judge.visit(s, fase)
        elif ev.kind == "choice":
            s = judge.decide(s, fase, judge.intervention(fase, ev.choice or ""))
        elif ev.kind == "timeout":
            s = judge.decide(s, fase, None)
    return s, t
