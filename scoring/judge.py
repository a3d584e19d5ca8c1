"""The judge over all sixteen folds (``scoring.fold``, one in each rule's file): one combined
state per attempt, stepped one event at a time, for ``regie explore`` and for scoring a step
in constant time.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from scoring.context import WAIT
from scoring.fold import SETTLED, VIOLATED, Fold, Horizon, State
from scoring.registry import FOLDS
from scoring.verdict import Status
from simulator.engine.trace import TraceEvent
from simulator.language.model import Catalogue, Facts, Fase, Profile, Scenario

_VISIT = "\x00visit"  # not an intervention id: a fase is entered
_MISSING: Any = object()

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
