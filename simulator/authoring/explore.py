"""Every way through a scenario, counted over its state space instead of path by path.

A *state* is what the rest of the scenario depends on: the fase where a decision waits,
the variables, and the state of each rule's fold (``scoring.fold``). Two histories that
reach the same state have the same futures, so each state is explored once and the paths
through it are counted, not enumerated: a scenario with billions of paths has only
thousands of states. Choices are taken at the engine's default think time; a timer may
also run out; every chance branch is followed.

Three reductions keep the space small, all exact:

- a rule whose verdict can no longer change from a fase on (nothing that still can happen
  would change its fold's status) is *settled*: its cost is counted on the way in, and its
  state no longer tells states apart;
- the ordegesprek's clock is kept only as exactly as the deadline still needs
  (``Fold.canonical`` with the fase's ``Horizon``);
- a variable is kept only as exactly as the conditions read it (``var_caps``): one no
  condition reads does not count, and one that only goes up counts only up to the highest
  number a condition compares it with.

Each state then carries what can still happen: per ending, and per (points still to lose,
a critical rule still to break), the number of paths.

If the state graph has a cycle (the story can go round without anything changing), the
number of paths is infinite: the result says so, names the fasen of the loop, and gives
the endings and scores that can be reached. A space larger than ``max_states`` stops the
exploration; the result says what it covered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from itertools import compress, repeat, zip_longest
from operator import is_, itemgetter
from typing import Any, Final, NamedTuple

from scoring.fold import SETTLED, Fold, Horizon, V
from scoring.fold import State as FoldState
from scoring.judge import Judge
from scoring.result import severities_for
from scoring.verdict import Status
from simulator.engine.attempt import WAIT, default_latency
from simulator.language.conditions import OPERATORS
from simulator.language.gc_pause import gc_paused
from simulator.language.model import Catalogue, Fase, Profile, Route, Scenario
from simulator.language.shape_checks import successors

MAX_STATES = 2_000_000
_MAX_CHAIN = 10_000  # event fasen in a row, as in the engine
_MAX_CLOSURE = 256
SETTLED_NOTE = (
    "vanaf hier niet meer goed te maken"  # fold states tried before a rule is taken as not settled
)

Vars = tuple[int, ...]  # the variables in the order of ``var_caps``, as exactly as read
Folds = tuple[FoldState, ...]
# A node: a position (fase and variables) and fold states, both interned, as one number
# (position << _SHIFT | fold state): a dictionary key that is cheap to make and to hash. An
# ending reached (a ``Tail``) is a negative number: ~ its index in ``Explorer._tails``.
Node = int
_SHIFT: Final = 32
_LOW: Final = (1 << _SHIFT) - 1
Cost = tuple[int, bool]  # points lost, a critical rule broken
# What a move breaks (``Explorer.fresh_breaks``): the rules it caused to be violated, and
# every rule a judge could hold against it.
Breaks = tuple[tuple[str, ...], tuple[str, ...]]


class Tail(NamedTuple):
    """An ending reached, with what the rules still charge there."""

    ending: str
    lost: int
    critical: bool


# An edge: the move, what it costs on the way, and the next node or the tail at an ending.
Move = tuple[str, str, str, bool]  # fase, choice id or 'wacht', where it led, by chance
Edge = tuple[Move, Cost, Node]
_FREE: Cost = (0, False)


@dataclass(frozen=True, slots=True)
class Step:
    """One move on a path: a choice or a timer running out, and where it led."""

    fase: str
    move: str  # a choice id, or 'wacht'
    then: str  # the fase or ending the move led to (after event fasen and chance)
    chance: bool  # True when chance decided between more than one way

    def to_json(self) -> dict[str, Any]:
        return {"fase": self.fase, "move": self.move, "then": self.then, "chance": self.chance}


@dataclass
class PathSummary:
    score: int
    passed: bool
    ending: str
    steps: list[Step]

    def to_json(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "passed": self.passed,
            "ending": self.ending,
            "moves": [s.to_json() for s in self.steps],
        }


@dataclass
class Exploration:
    scenario: str
    states: int
    complete: bool
    loop: list[str] | None  # fasen of a loop in the state graph (then paths are infinite)
    paths: int | None  # None: infinite (a loop) or not known (incomplete)
    endings: dict[str, int]  # ending -> paths (with a loop or incomplete: distinct outcomes)
    scores: dict[int, int]  # score -> paths (idem)
    passing: int
    best: PathSummary | None
    worst: PathSummary | None
    violations: dict[str, dict[str, list[str]]]  # rule -> fase (or 'einde') -> moves/endings
    unreached_endings: list[str] = field(default_factory=list)
    never_violated: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return self.paths is not None

    @property
    def counted(self) -> int:
        return sum(self.scores.values())

    @property
    def mean(self) -> float | None:
        n = self.counted
        return sum(s * c for s, c in self.scores.items()) / n if n else None

    def to_json(self) -> dict[str, Any]:
        scores = sorted(self.scores)
        return {
            "scenario": self.scenario,
            "states": self.states,
            "complete": self.complete,
            "loop": self.loop,
            "paths": self.paths,
            "counts": "paths" if self.exact else "outcomes",
            "endings": self.endings,
            "unreached_endings": self.unreached_endings,
            "score": {
                "min": scores[0] if scores else None,
                "max": scores[-1] if scores else None,
                "mean": self.mean,
                "passing": self.passing,
                "distribution": {str(k): self.scores[k] for k in scores},
            },
            "best": self.best.to_json() if self.best else None,
            "worst": self.worst.to_json() if self.worst else None,
            "violations": self.violations,
            "never_violated": self.never_violated,
        }


class _TooLarge(Exception):
    pass


class _Events:
    """The kinds of things that can happen to a fold, numbered, so that 'everything that can
    still happen from fase F' is a bit set. Fasen with the same facts and the same categories
    on offer are the same to every fold; one of them stands for all."""

    def __init__(self, scenario: Scenario, judge: Judge) -> None:
        self.items: list[tuple[str, Fase, str | None, float]] = []  # kind, fase, intervention, dt
        self._ids: dict[tuple[Any, ...], int] = {}
        self.judge = judge
        cats = judge.folds[0]
        self.own: dict[str, int] = {}  # fase -> its events (visit, ticks, decisions)
        self.kinds: dict[str, int] = {}  # fase -> its (facts, categories on offer), numbered
        alike: dict[tuple[Any, ...], int] = {}
        for fid, fase in scenario.fasen.items():
            kind = alike.setdefault((fase.facts, cats.offered(fase)), len(alike))
            self.kinds[fid] = kind
            bits = self._bit(("tick", fase.elapse), "tick", fase, None, fase.elapse)
            bits |= self._bit(("visit", kind), "visit", fase, None, 0.0)
            for c in fase.choices:
                dt = default_latency(fase)
                bits |= self._bit(("tick", dt), "tick", fase, None, dt)
                bits |= self._bit(
                    ("decide", kind, c.intervention), "decide", fase, c.intervention, 0.0
                )
            if fase.timer is not None:
                dt = fase.timer.seconds
                bits |= self._bit(("tick", dt), "tick", fase, None, dt)
                bits |= self._bit(("decide", kind, None), "timeout", fase, None, 0.0)
            self.own[fid] = bits

    def _bit(self, key: tuple[Any, ...], kind: str, fase: Fase, iv: str | None, dt: float) -> int:
        n = self._ids.get(key)
        if n is None:
            n = self._ids[key] = len(self.items)
            self.items.append((kind, fase, iv, dt))
        return 1 << n

    def apply(self, fold: Fold, s: FoldState, n: int) -> FoldState:
        kind, fase, iv, dt = self.items[n]
        if kind == "tick":
            return fold.tick(s, dt)
        if kind == "visit":
            return fold.visit(s, fase)
        item = self.judge.catalogue.interventions.get(iv) if iv else None
        category = item.category if item else WAIT
        style = item.style if item else "neutraal"
        return fold.decide(s, fase, category, style, iv is None)


class _Classes:
    """Fasen that are the same to every fold, numbered: a decision by its think time, facts,
    categories on offer and intervention; entering a fase by the time that passes and its
    facts; arriving at a decision by what time can still pass and what can still happen.
    The folds' transitions are worked out once per class, not once per fase."""

    def __init__(
        self,
        scenario: Scenario,
        kinds: dict[str, int],
        later: dict[str, int],
        horizons: dict[str, Horizon],
    ) -> None:
        self.fasen = scenario.fasen
        self.kinds = kinds  # see ``_Events.kinds``
        self.later = later
        self.horizons = horizons
        self.decisions: list[tuple[Fase, int]] = []  # a fase and move standing for the class
        self.visits: list[Fase] = []
        self.arrivals: list[tuple[Horizon | None, int]] = []
        self._ids: dict[tuple[Any, ...], int] = {}
        self._of_decision: dict[tuple[str, int], int] = {}
        self._of_visit: dict[str, int] = {}
        self._of_arrival: dict[str, int] = {}

    def _number(self, key: tuple[Any, ...], items: list[Any], item: Any) -> int:
        n = self._ids.get(key)
        if n is None:
            n = self._ids[key] = len(items)
            items.append(item)
        return n

    def decision(self, fid: str, k: int) -> int:
        got = self._of_decision.get((fid, k))
        if got is None:
            fase = self.fasen[fid]
            if k < len(fase.choices):
                dt, iv = default_latency(fase), fase.choices[k].intervention
            else:
                assert fase.timer is not None
                dt, iv = fase.timer.seconds, None
            key = ("decide", dt, self.kinds[fid], iv)
            got = self._of_decision[(fid, k)] = self._number(key, self.decisions, (fase, k))
        return got

    def visit(self, fid: str) -> int:
        got = self._of_visit.get(fid)
        if got is None:
            fase = self.fasen[fid]
            key = ("visit", fase.elapse, fase.facts)
            got = self._of_visit[fid] = self._number(key, self.visits, fase)
        return got

    def arrival(self, fid: str) -> int:
        got = self._of_arrival.get(fid)
        if got is None:
            item = (self.horizons.get(fid), self.later[fid])
            got = self._of_arrival[fid] = self._number(("arrive", *item), self.arrivals, item)
        return got


def _later(scenario: Scenario, own: dict[str, int]) -> dict[str, int]:
    """For each fase: the events that can happen from its decision on (its own decisions and
    everything in the fasen after it), as a bit set. Loops are handled by iterating."""
    after = {fid: own[fid] for fid in scenario.fasen}
    order = [(fid, [n for n in successors(scenario, fid) if n in after]) for fid in after]
    order.reverse()
    changed = True
    while changed:
        changed = False
        for fid, nexts in order:
            bits = after[fid]
            for nxt in nexts:
                bits |= after[nxt]
            if bits != after[fid]:
                after[fid] = bits
                changed = True
    return after


class _Legs(NamedTuple):
    """The moves out of a position (a fase with its variables): where each leads, and the
    path the fold states take on the way. The same for every fold state at that position."""

    fid: str
    moves: tuple[Move, ...]
    kids: tuple[int, ...]  # per move: the position it leads to, or -1 at an ending
    # per move: the outcomes there by fold state (``Explorer._done``), or of the tails
    tables: tuple[dict[int, int], ...]
    sig: int  # the fase and the paths of its moves (interned): shared fold results
    results: dict[int, _Results]  # of the sig, by fold state (``Explorer._results``)


# A fase, its decisions (class and move), its paths (and where they arrive), the paths alone.
_Sig = tuple[
    str, tuple[tuple[int, str], ...], tuple[tuple[int, "str | None"], ...], tuple[int, ...]
]
# Along a path from a fold state: what it costs, the next fold state or the tail (< 0), and
# the rules that lapsed on arrival.
Along = tuple[Cost, int, tuple[str, ...]]


class _Results(NamedTuple):
    """Per move of a position, from one fold state: what it costs and where the folds go."""

    costs: tuple[Cost, ...]
    nexts: tuple[int, ...]  # the next fold state (interned), or the tail at an ending (< 0)
    cid: int  # the costs, interned: the key of the sums over the children


# A path, as the folds see it: a decision (a class, or -1 at the start), the fasen entered
# (their classes), and the arrival at a decision (its class) or at an ending (-1, its id).
Path = tuple[int, tuple[int, ...], int, str]
# Where a move can lead: the target, the fasen entered (their classes), the arrival class
# there (-1 at an ending), and what the move and the fasen entered change on the way.
Fork = tuple[str, tuple[int, ...], int, "_Changes | None"]
# A route compiled: per branch the condition (variable number, comparison, number), whether
# the branch is sure (no chance below 1), and the target.
_Branch = tuple["tuple[tuple[int, Callable[[int, int], bool], int], ...] | None", bool, str]
_Route = tuple[_Branch, ...]
# What a move changes: adds (variable number, its cap or None, amount), then sets.
_Changes = tuple[tuple[tuple[int, "int | None", int], ...], tuple[tuple[int, int], ...]]


class _Way(NamedTuple):
    """One way a move can go: the move with where it led, its path (interned), the fase of
    arrival (None at an ending), and what it changes from the variables it started with;
    with the positions in the fase of arrival by their variables, and what the change
    makes of variables seen before (``Explorer._moves``): both filled in as they come."""

    move: Move
    path: int
    then: str | None
    changes: _Changes | None
    positions: dict[Vars, int]
    moved: dict[Vars, Vars] | None


class _MoveCode(NamedTuple):
    """A move of a decision fase compiled. Its ways depend on the variables only through the
    conditions on its route (``reads``): they are worked out once per value of those."""

    k: int
    move: str
    changes: _Changes | None
    route: _Route
    decision: int  # its class (see ``_Classes``)
    read: tuple[int, ...]  # the variables the route's conditions read (also after events)
    reads: Callable[[Vars], Any]  # their values
    ways: dict[Any, tuple[int, tuple[_Way, ...]]]  # per such values: the ways, numbered


class _Shape(NamedTuple):
    """The moves out of a decision fase for one value of the variables its routes read:
    the same for every position there with that value, but for the positions they lead to."""

    moves: tuple[Move, ...]
    ways: tuple[_Way, ...]  # per move (as in ``moves``)
    sig: int  # see ``_Legs``


class _Entry(NamedTuple):
    """Entering a fase, compiled: its visit class, what it changes, and the route on (an event
    fase) or the arrival class (a fase with a decision)."""

    visit: int
    changes: _Changes | None
    next: _Route | None
    arrival: int


# What can still happen from a node: paths per ending (by the ending's number), paths per
# (2 * points lost (at most 100) + critical), and the fewest and most points still to lose.
Outcome = tuple[tuple[int, ...], tuple[tuple[int, int], ...], "int | None", "int | None"]
# A node's outcome (its number) and the moves towards the fewest and most points lost.
Up = tuple[int, "tuple[int, int] | None"]


class Explorer:
    """The exploration, compiled: the scenario's side of a move (routes, variables) is worked
    out once per position and the rules' side (the folds) once per path and fold state, so
    that a state costs a few look-ups. A node is (position, fold states), both interned
    (see ``Node``)."""

    def __init__(
        self,
        scenario: Scenario,
        profile: Profile,
        catalogue: Catalogue,
        *,
        max_states: int = MAX_STATES,
    ) -> None:
        self.scenario = scenario
        self.profile = profile
        self.judge = Judge(scenario, profile, catalogue)
        self.max_states = max_states
        self.var_caps = var_caps(scenario)
        severities = severities_for(profile)
        self.cost = tuple(profile.deductions.get(severities[f.id], 0) for f in self.judge.folds)
        # a rule that fails the attempt whatever the score: critical, or a kernregel
        self.critical = tuple(
            severities[f.id] == "kritiek" or f.id in scenario.kernregels for f in self.judge.folds
        )
        self._fold_index = {f.id: i for i, f in enumerate(self.judge.folds)}
        self.events = _Events(scenario, self.judge)
        self.later = _later(scenario, self.events.own)
        self.horizons = horizons(scenario)
        self.violations: dict[str, dict[str, set[str]]] = {}
        self.loop: list[str] | None = None
        self.states = 0
        # fold states, interned, with their transitions cached
        self._fold_ids: dict[Folds, int] = {}
        self._fold_states: list[Folds] = []
        self._classes = _Classes(scenario, self.events.kinds, self.later, self.horizons)
        self._decide_cache: dict[tuple[int, int], tuple[int, tuple[str, ...]]] = {}
        self._enter_cache: dict[tuple[int, int], int] = {}
        self._arrive_cache: dict[tuple[int, int], tuple[int, Cost, tuple[str, ...]]] = {}
        self._end_cache: dict[tuple[int, str], int] = {}
        self._tails: list[Tail] = []  # the endings reached, by ~ their node
        self._tail_ids: dict[Tail, int] = {}
        self._settled: dict[tuple[int, FoldState, int], Status | None] = {}
        # positions and paths, interned; the moves out of a position; results per fold state
        self._caps = tuple(cap for _, cap in self.var_caps)
        # the caps of variables a change can touch (changes to unread ones are dropped)
        self._change_caps: tuple[int | None, ...] = tuple(
            None if cap is _UNREAD else cap for cap in self._caps
        )
        self._var_index = {name: i for i, (name, _) in enumerate(self.var_caps)}
        self._kept = {  # the variables a condition reads: their number and cap
            name: (i, cap) for i, (name, cap) in enumerate(self.var_caps) if cap is not _UNREAD
        }
        self._entries: dict[str, _Entry | None] = {}
        self._compiled_moves: dict[str, tuple[_MoveCode, ...]] = {}
        # per decision fase: the variables its routes read, and its shapes by their values
        self._shapes: dict[str, tuple[Callable[[Vars], Any], dict[Any, _Shape]]] = {}
        self._way_lists: list[tuple[_Way, ...]] = []  # the ways of a move, by number
        self._sig_of_ways: dict[tuple[str, tuple[int, ...]], int] = {}
        self._positions_in: dict[str, dict[Vars, int]] = {}  # per fase, by the variables
        self._moved: dict[_Changes, dict[Vars, Vars]] = {}  # per change: before -> after
        self._positions: list[tuple[str, Vars]] = []
        self._legs: list[_Legs | None] = []
        self._path_ids: dict[Path, int] = {}
        self._paths: list[Path] = []
        self._sigs: dict[tuple[str, tuple[tuple[int, str | None], ...]], int] = {}
        self._sig_info: list[_Sig] = []
        self._along_from: list[dict[int, Along]] = []  # per fold state: by path
        self._results: list[dict[int, _Results]] = []  # per sig, by fold state
        self._cost_ids: dict[tuple[Cost, ...], int] = {}
        # what can still happen from a node: its outcome, and the moves to the best and worst
        # (per position, by fold state; the tails by their node: ``_outcome_of``)
        self._done: list[dict[int, int]] = []
        self._tail_outcomes: dict[Node, int] = {}
        self._pick: dict[Node, tuple[int, int]] = {}
        self._outcomes: list[Outcome] = []
        self._outcome_ids: dict[Outcome, int] = {}
        self._ups: dict[tuple[int, tuple[int | None, ...]], Up]
        self._ups = {}
        # a child's outcome seen from its parent (shifted by what the move costs), per cost;
        # and those tables per move, by the costs' number (``_Results.cid``)
        self._shifted: dict[Cost, dict[int, Outcome]] = {}
        self._shift_tables: list[tuple[dict[int, Outcome], ...]] = []
        self._endings: dict[str, int] = {eid: n for n, eid in enumerate(scenario.endings)}

    # --- fold states, interned, with their transitions cached ------------------------------
    def _intern(self, folds: Folds) -> int:
        sid = self._fold_ids.get(folds)
        if sid is None:
            sid = self._fold_ids[folds] = len(self._fold_states)
            if sid > _LOW:
                raise _TooLarge("te veel toestanden van de regels")
            self._fold_states.append(folds)
            self._along_from.append({})
        return sid

    def _note(self, rule: str, where: str, what: str) -> None:
        self.violations.setdefault(rule, {}).setdefault(where, set()).add(what)

    def _decided(self, sid: int, c: int) -> tuple[int, tuple[str, ...]]:
        """The fold state after a decision of class ``c`` (see ``_Classes``), and the rules
        it violates."""
        key = (sid, c)
        got = self._decide_cache.get(key)
        if got is None:
            folds = self._fold_states[sid]
            fase, k = self._classes.decisions[c]
            if k < len(fase.choices):
                dt, intervention = default_latency(fase), fase.choices[k].intervention
            else:
                assert fase.timer is not None
                dt, intervention = fase.timer.seconds, None
            after = self.judge.decide(self.judge.tick(folds, dt), fase, intervention)
            broken = tuple(
                f.id
                for f, b, a in zip(self.judge.folds, folds, after, strict=True)
                if a is not b and a == V and b != V  # the same state: a fold the step left
            )
            got = self._decide_cache[key] = (self._intern(after), broken)
        return got

    def _entered(self, sid: int, c: int) -> int:
        key = (sid, c)
        got = self._enter_cache.get(key)
        if got is None:
            fase = self._classes.visits[c]
            folds = self.judge.visit(self.judge.tick(self._fold_states[sid], fase.elapse), fase)
            got = self._enter_cache[key] = self._intern(folds)
        return got

    def _settles(self, i: int, s: FoldState, bits: int) -> Status | None:
        """The status rule ``i`` ends with from state ``s``, if nothing in ``bits`` can change
        it; None if something can (or it cannot be told within ``_MAX_CLOSURE`` states)."""
        key = (i, s, bits)
        if key in self._settled:
            return self._settled[key]
        fold = self.judge.folds[i]
        status = fold.status(s)
        events = [n for n in range(len(self.events.items)) if bits >> n & 1]
        seen = {s}
        todo = [s]
        result: Status | None = status
        while todo and result is not None:
            x = todo.pop()
            for n in events:
                y = self.events.apply(fold, x, n)
                if y in seen:
                    continue
                if fold.status(y) is not status or len(seen) >= _MAX_CLOSURE:
                    result = None
                    break
                seen.add(y)
                todo.append(y)
        self._settled[key] = result
        return result

    def _arrive(self, sid: int, c: int) -> tuple[int, Cost, tuple[str, ...]]:
        """The state at a decision in a fase of arrival class ``c``: the clock made
        canonical, settled rules set aside with what they cost; and the rules that became
        settled as violated although they were not yet (no longer to be put right)."""
        key = (sid, c)
        got = self._arrive_cache.get(key)
        if got is None:
            horizon, bits = self._classes.arrivals[c]
            folds = list(self.judge.canonical(self._fold_states[sid], horizon))
            lost, critical = 0, False
            lapsed: list[str] = []
            for i, s in enumerate(folds):
                if s == SETTLED:
                    continue
                status = VIOLATED_ if s == V else self._settles(i, s, bits)
                if status is None:
                    continue
                folds[i] = SETTLED
                if status is VIOLATED_ and s != V:  # a V was paid for by its act (``_along``)
                    lost += self.cost[i]
                    critical = critical or self.critical[i]
                    lapsed.append(self.judge.folds[i].id)
            got = (self._intern(tuple(folds)), (lost, critical), tuple(lapsed))
            self._arrive_cache[key] = got
        return got

    def _end(self, sid: int, ending: str) -> Node:
        """The tail reached at ``ending`` from fold state ``sid``, as a node (< 0)."""
        key = (sid, ending)
        got = self._end_cache.get(key)
        if got is None:
            lost, critical = 0, False
            for i, (f, s) in enumerate(zip(self.judge.folds, self._fold_states[sid], strict=True)):
                # a V was paid for by its act (``_along``); the rest is left undone by the end
                if s != SETTLED and s != V and f.status(s) is VIOLATED_:
                    lost += self.cost[i]
                    critical = critical or self.critical[i]
                    self._note(f.id, "einde", ending)
            tail = Tail(ending, lost, critical)
            got = self._tail_ids.get(tail)
            if got is None:
                got = self._tail_ids[tail] = ~len(self._tails)
                self._tails.append(tail)
                self._tail_outcomes[got] = self._intern_outcome(self._tail_outcome(tail))
            self._end_cache[key] = got
        return got

    def _along(self, start: int, path: int) -> Along:
        """Where the fold states go along a path: the decision (if any), the fasen entered,
        and the arrival at a decision (its cost, the rules that lapsed) or at an ending."""
        got = self._along_from[start].get(path)
        if got is None:
            sid = start
            decision, visits, arrival, ending = self._paths[path]
            act: Cost = _FREE
            if decision >= 0:
                sid, broken = self._decided(sid, decision)
                act = self._act(broken)
            decided = sid
            for c in visits:
                sid = self._entered(sid, c)
            if sid != decided:  # a rule violated on entering a fase is no act: it costs alone
                act = self._violated_on_entry(decided, sid, act)
            if arrival < 0:
                got = (act, self._end(sid, ending), ())
            else:
                after, (lost, critical), lapsed = self._arrive(sid, arrival)
                got = ((act[0] + lost, act[1] or critical), after, lapsed)
            self._along_from[start][path] = got
        return got

    def _act(self, broken: tuple[str, ...]) -> Cost:
        """What one decision costs that broke these rules (see ``scoring.breaks``): the
        heaviest of them, once; failed if any of them fails the attempt."""
        if not broken:
            return _FREE
        index = self._fold_index
        return (
            max(self.cost[index[r]] for r in broken),
            any(self.critical[index[r]] for r in broken),
        )

    def _violated_on_entry(self, before: int, after: int, cost: Cost) -> Cost:
        lost, critical = cost
        for i, (b, a) in enumerate(
            zip(self._fold_states[before], self._fold_states[after], strict=True)
        ):
            if a == V and b != V:
                lost += self.cost[i]
                critical = critical or self.critical[i]
        return lost, critical

    # --- the moves out of a position ------------------------------------------------------
    def _vars(self, values: list[int]) -> Vars:
        """The variables as exactly as the conditions read them (see ``var_caps``)."""
        return tuple(
            [
                value if cap is None else 0 if cap is _UNREAD else min(value, cap)
                for value, cap in zip(values, self._caps, strict=True)
            ]
        )

    def _compile_route(self, route: Route) -> _Route:
        index = self._var_index
        return tuple(
            (
                None
                if b.condition is None
                else tuple(
                    (index[c.variable], OPERATORS[c.op], c.value) for c in b.condition.clauses
                ),
                b.chance is None or b.chance >= 1,
                b.target,
            )
            for b in route.branches
        )

    def _changes(self, effect: dict[str, int], assign: dict[str, int]) -> _Changes | None:
        """What a choice or a fase changes, compiled. A variable is capped as soon as it
        changes (the conditions read a capped value the same way, and adding to a capped
        value keeps it at the cap), and one no condition reads is not kept at all."""
        kept = self._kept
        adds = tuple((*kept[name], n) for name, n in effect.items() if name in kept)
        sets = tuple(
            (kept[name][0], _capped(n, kept[name][1])) for name, n in assign.items() if name in kept
        )
        return (adds, sets) if adds or sets else None

    def _entry(self, target: str) -> _Entry | None:
        """Entering ``target`` compiled (None: an ending)."""
        if target in self._entries:
            return self._entries[target]
        fase = self.scenario.fasen.get(target)
        got = None
        if fase is not None:
            got = _Entry(
                self._classes.visit(target),
                self._changes(fase.effect, fase.assign),
                None if fase.next is None else self._compile_route(fase.next),
                -1 if fase.next is not None else self._classes.arrival(target),
            )
        self._entries[target] = got
        return got

    def _fase_moves(self, fid: str) -> tuple[_MoveCode, ...]:
        """The moves of a decision fase compiled (see ``_MoveCode``)."""
        got = self._compiled_moves.get(fid)
        if got is None:
            fase = self.scenario.fasen[fid]
            moves = [
                (k, c.id, self._changes(c.effect, c.assign), self._compile_route(c.route))
                for k, c in enumerate(fase.choices)
            ]
            if fase.timer is not None:
                moves.append((len(fase.choices), WAIT, None, self._compile_route(fase.timer.route)))
            reads = [tuple(sorted(self._route_reads(route, set()))) for *_, route in moves]
            got = tuple(
                _MoveCode(
                    k,
                    move,
                    changes,
                    route,
                    self._classes.decision(fid, k),
                    read,
                    _picker(list(read)),
                    {},
                )
                for (k, move, changes, route), read in zip(moves, reads, strict=True)
            )
            self._compiled_moves[fid] = got
        return got

    def _route_reads(self, route: _Route, seen: set[str]) -> set[int]:
        """The variables that conditions on a route read, also on the routes of the event
        fasen it leads through."""
        out: set[int] = set()
        for condition, _sure, target in route:
            out.update(i for i, _, _ in condition or ())
            entry = self._entry(target)
            if entry is not None and entry.next is not None and target not in seen:
                seen.add(target)
                out |= self._route_reads(entry.next, seen)
        return out

    def _compose(self, first: _Changes | None, then: _Changes | None) -> _Changes | None:
        """``first`` and then ``then`` as one change (for each variable an add or a set)."""
        if first is None or then is None:
            return then if first is None else first
        ops: dict[int, tuple[int, bool]] = {}  # variable -> (amount or value, is a set)
        for adds, sets in (first, then):
            for i, cap, n in adds:
                amount, is_set = ops.get(i, (0, False))
                ops[i] = (_capped(amount + n, cap), True) if is_set else (amount + n, False)
            for i, n in sets:
                ops[i] = (n, True)
        caps = self._change_caps
        return (
            tuple((i, caps[i], n) for i, (n, is_set) in ops.items() if not is_set),
            tuple((i, n) for i, (n, is_set) in ops.items() if is_set),
        )

    def _position(self, fid: str, var_items: Vars) -> int:
        there = self._positions_in.get(fid)
        if there is None:
            there = self._positions_in[fid] = {}
        p = there.get(var_items)
        if p is None:
            p = there[var_items] = len(self._positions)
            self._positions.append((fid, var_items))
            self._legs.append(None)
            self._done.append({})
        return p

    def _moves(self, changes: _Changes | None) -> dict[Vars, Vars] | None:
        """What ``changes`` made of the variables so far (shared by every way with them)."""
        return None if changes is None else self._moved.setdefault(changes, {})

    def _path(self, path: Path) -> int:
        n = self._path_ids.get(path)
        if n is None:
            n = self._path_ids[path] = len(self._paths)
            self._paths.append(path)
        return n

    def _forks(
        self,
        route: _Route,
        values: Vars,
        visits: tuple[int, ...],
        changes: _Changes | None,
        out: list[Fork],
    ) -> None:
        """Where a route can lead, as the engine takes it (``simulator.language.routes``): every
        chance branch, conditions judged on ``values``; the first sure branch ends the list.
        ``changes`` is what the move changed so far. Event fasen that go on by themselves
        are followed with a stack of routes, not by recursion: a long chain is no problem."""
        stack: list[tuple[Iterator[_Branch], Vars, tuple[int, ...], _Changes | None]] = [
            (iter(route), values, visits, changes)
        ]
        while stack:
            branches, values, visits, changes = stack[-1]
            deeper = False
            for condition, sure, target in branches:
                if condition is not None and not all(op(values[i], n) for i, op, n in condition):
                    continue
                entry = self._entry(target)
                if entry is None:
                    out.append((target, visits, -1, changes))
                else:
                    moved = values if entry.changes is None else _changed(values, entry.changes)
                    after = self._compose(changes, entry.changes)
                    if entry.next is None:
                        out.append((target, (*visits, entry.visit), entry.arrival, after))
                    else:  # an event fase: its own route first, then the rest of this one
                        if len(stack) > _MAX_CHAIN:
                            raise _TooLarge("het verhaal gaat te lang vanzelf verder zonder keuze")
                        if sure:  # nothing after a sure branch
                            stack[-1] = (iter(()), values, visits, changes)
                        stack.append((iter(entry.next), moved, (*visits, entry.visit), after))
                        deeper = True
                        break
                if sure:
                    break
            if not deeper:
                stack.pop()

    def _ways(
        self,
        fid: str,
        move: str,
        decision: int,
        route: _Route,
        values: Vars,
        changes: _Changes | None,
    ) -> tuple[int, tuple[_Way, ...]]:
        """The ways a move can go from ``values`` (see ``_Way``), numbered."""
        forks: list[Fork] = []
        moved = values if changes is None else _changed(values, changes)
        self._forks(route, moved, (), changes, forks)
        luck = len(forks) > 1 and decision >= 0
        ways: list[_Way] = []
        for then, visits, arrival, after in forks:
            if arrival < 0:
                path = self._path((decision, visits, -1, then))
                ways.append(_Way((fid, move, then, luck), path, None, None, {}, None))
            else:
                path = self._path((decision, visits, arrival, ""))
                there = self._positions_in.get(then)
                if there is None:
                    there = self._positions_in[then] = {}
                way = _Way((fid, move, then, luck), path, then, after, there, self._moves(after))
                ways.append(way)
        self._way_lists.append(tuple(ways))
        return len(self._way_lists) - 1, self._way_lists[-1]

    def _build_legs(self, p: int) -> _Legs:
        fid, values = self._positions[p]
        reads, shapes = self._shapes.get(fid) or self._fase_shapes(fid)
        key = reads(values)
        shape = shapes.get(key) or self._shape(fid, values, shapes, key)
        kids: list[int] = []
        tables: list[dict[int, int]] = []
        done, tails = self._done, self._tail_outcomes
        for way in shape.ways:
            if way.then is None:
                kids.append(-1)
                tables.append(tails)
                continue
            moved, there = way.moved, values
            if moved is not None:
                after = moved.get(values)
                if after is None:
                    assert way.changes is not None
                    after = moved[values] = _changed(values, way.changes)
                there = after
            kid = way.positions.get(there)
            if kid is None:
                kid = self._position(way.then, there)
            kids.append(kid)
            tables.append(done[kid])
        sig = shape.sig
        got = self._legs[p] = _Legs(
            fid, shape.moves, tuple(kids), tuple(tables), sig, self._results[sig]
        )
        return got

    def _fase_shapes(self, fid: str) -> tuple[Callable[[Vars], Any], dict[Any, _Shape]]:
        """The variables the routes of a decision fase read (see ``_Shape``)."""
        read = {i for code in self._fase_moves(fid) for i in code.read}
        got = self._shapes[fid] = (_picker(sorted(read)), {})
        return got

    def _shape(self, fid: str, values: Vars, shapes: dict[Any, _Shape], key: Any) -> _Shape:
        moves: list[Move] = []
        ways: list[_Way] = []
        numbers: list[int] = []
        for code in self._fase_moves(fid):
            move_key = code.reads(values)
            got = code.ways.get(move_key)
            if got is None:
                got = code.ways[move_key] = self._ways(
                    fid, code.move, code.decision, code.route, values, code.changes
                )
            numbers.append(got[0])
            ways += got[1]
            moves += [way.move for way in got[1]]
        shape = shapes[key] = _Shape(tuple(moves), tuple(ways), self._sig(fid, numbers))
        return shape

    def _sig(self, fid: str, numbers: list[int]) -> int:
        """The number of the paths out of a fase, from the numbers of its moves' ways: the
        same paths, the same number (the fold results are worked out per number)."""
        key = (fid, tuple(numbers))
        sig = self._sig_of_ways.get(key)
        if sig is None:
            paths = tuple((w.path, w.then) for n in numbers for w in self._way_lists[n])
            by_paths = (fid, paths)
            sig = self._sigs.get(by_paths)
            if sig is None:
                sig = self._sigs[by_paths] = len(self._sig_info)
                decisions = tuple((c.decision, c.move) for c in self._fase_moves(fid))
                path_ids = tuple(path for path, _ in paths)
                self._sig_info.append((fid, decisions, paths, path_ids))
                self._results.append({})
            self._sig_of_ways[key] = sig
        return sig

    def _results_of(self, sig: int, sid: int) -> _Results:
        """Per move, from fold state ``sid``: its cost and the next fold state; the rules the
        moves break are noted with the fase and the move."""
        got = self._results[sig].get(sid)
        if got is None:
            fid, decisions, paths, path_ids = self._sig_info[sig]
            decided, known = self._decided, self._decide_cache
            for c, move in decisions:  # also a move that leads nowhere breaks rules
                for rule in (known.get((sid, c)) or decided(sid, c))[1]:
                    self._note(rule, fid, move)
            ways = list(map(self._along_from[sid].get, path_ids))
            if None in ways:
                ways = [
                    way or self._along(sid, path) for way, path in zip(ways, path_ids, strict=True)
                ]
            costs, nexts, lapsed = zip(*ways, strict=True) if ways else ((), (), ())
            if any(lapsed):
                for rules, (_, then) in zip(lapsed, paths, strict=True):
                    for rule in rules:
                        assert then is not None
                        self._note(rule, then, SETTLED_NOTE)
            cid = self._cost_ids.get(costs)
            if cid is None:
                cid = self._cost_ids[costs] = len(self._cost_ids)
                by_cost = self._shifted
                self._shift_tables.append(tuple(by_cost.setdefault(c, {}) for c in costs))
            got = self._results[sig][sid] = _Results(costs, nexts, cid)
        return got

    def edges(self, node: Node) -> list[Edge]:
        legs = self._legs[node >> _SHIFT] or self._build_legs(node >> _SHIFT)
        res = self._results_of(legs.sig, node & _LOW)
        targets = [
            nxt if kid < 0 else kid << _SHIFT | nxt
            for kid, nxt in zip(legs.kids, res.nexts, strict=True)
        ]
        return list(zip(legs.moves, res.costs, targets, strict=True))

    def ways_out(self, node: Node) -> list[tuple[Move, Breaks, Node]]:
        """Every way out of a node (a decision waiting in a fase): the move, the rules it
        breaks there (``fresh_breaks``), and where it leads (< 0: an ending)."""
        p, sid = node >> _SHIFT, node & _LOW
        legs = self._legs[p] or self._build_legs(p)
        res = self._results_of(legs.sig, sid)
        path_ids = self._sig_info[legs.sig][3]
        return [
            (move, self.fresh_breaks(sid, path), nxt if kid < 0 else kid << _SHIFT | nxt)
            for move, kid, nxt, path in zip(legs.moves, legs.kids, res.nexts, path_ids, strict=True)
        ]

    def fresh_breaks(self, sid: int, path: int) -> Breaks:
        """What a move breaks, from fold state ``sid`` along a path, in two measures.

        A rule's violation becomes *certain* with a move when the decision takes its fold to
        ``V`` (or a fase entered on the way does); when the rule, not settled before the
        move, is settled as violated at the next decision (no longer to be put right); or,
        at an ending, when its verdict there is 'violated'. A decision *turns* a rule when
        the rule's verdict, as it would stand if the attempt ended, goes from not violated
        to violated.

        ``caused``: the rules the decision turns and whose violation is then certain: what
        the move itself did wrong. Not a duty it only opened (holding an ordegesprek opens
        the question of the guarantee, which can still be asked), nor a violation that an
        earlier move made certain and this one only sealed.

        ``caught``: every rule the move turns or makes certain: what a judge could hold
        against it.

        A rule settled before the move (``SETTLED``) is in neither."""
        decision, visits, arrival, _ = self._paths[path]
        folds = self.judge.folds
        before = self._fold_states[sid]
        s = sid
        turned: list[str] = []
        if decision >= 0:
            s = self._decided(sid, decision)[0]
            decided = self._fold_states[s]
            turned = [
                f.id
                for f, b, a in zip(folds, before, decided, strict=True)
                if a is not b
                and a != SETTLED
                and f.status(a) is VIOLATED_
                and f.status(b) is not VIOLATED_
            ]
        for c in visits:
            s = self._entered(s, c)
        after = self._fold_states[s]
        certain = [f.id for f, b, a in zip(folds, before, after, strict=True) if a == V and b != V]
        if arrival >= 0:
            certain += self._arrive(s, arrival)[2]
        else:
            certain += [
                f.id
                for f, a in zip(folds, after, strict=True)
                if a != SETTLED and a != V and f.status(a) is VIOLATED_
            ]
        caused = tuple(r for r in turned if r in certain)
        caught = tuple(dict.fromkeys([*turned, *certain]))
        return caused, caught

    def fold_states(self, node: Node) -> Folds:
        """The fold states at a node (``SETTLED`` for a rule whose verdict is settled)."""
        return self._fold_states[node & _LOW]

    def fase_at(self, node: Node) -> str:
        return self._positions[node >> _SHIFT][0]

    def roots(self) -> list[Edge]:
        values = self._vars([self.scenario.variables.get(name, 0) for name, _ in self.var_caps])
        start = self._intern(self.judge.start())
        out: list[Edge] = []
        route = self._compile_route(self.scenario.start)
        _, ways = self._ways("^start", "begin", -1, route, values, None)
        for move, path, then, changes, *_ in ways:
            there = values if changes is None else _changed(values, changes)
            kid = 0 if then is None else self._position(then, there) << _SHIFT
            cost, nxt, lapsed = self._along(start, path)
            for rule in lapsed:
                assert then is not None
                self._note(rule, then, SETTLED_NOTE)
            out.append((move, cost, kid | nxt))
        return out

    # --- the search -----------------------------------------------------------------------
    def run(self) -> Exploration:
        complete = True
        root_edges = self.roots()
        try:
            for _, _, target in root_edges:
                if target >= 0:
                    self._search(target)
        except _TooLarge:
            complete = False
        return self._summarise(root_edges, complete)

    def _search(self, root: Node) -> None:
        """Depth first, without recursion: a node's outcome is the sum of its children's.
        Many states have the same futures over the same moves: such sums are made once.
        This loop is where the time goes. The children's outcomes are looked up in one go
        (``_Legs.tables``); a node whose children are all done is summed up at once; of
        the others, only the children not done at first are visited."""
        done = self._done
        if root & _LOW in done[root >> _SHIFT]:
            return
        legs_of, build_legs = self._legs, self._build_legs
        results_of = self._results_of
        ups, pick, sum_up = self._ups, self._pick, self._sum_up
        get, nothing = dict.get, repeat(None)

        def fold_up(p: int, sid: int, res: _Results, outs: tuple[int | None, ...]) -> None:
            key = (res.cid, outs)
            got = ups.get(key)
            if got is None:
                got = ups[key] = sum_up(res, outs)
            done[p][sid] = got[0]
            if got[1] is not None:
                pick[p << _SHIFT | sid] = got[1]

        room = self.max_states - self.states
        on_stack: set[Node] = set()
        stack: list[tuple[int, int, _Legs, _Results, Iterator[tuple[int, int]]]] = []
        todo: Iterator[tuple[int, int]] = iter(((root >> _SHIFT, root & _LOW),))
        try:
            while True:
                for p, sid in todo:  # a child not done at first: expand it, unless done now
                    if sid in done[p]:
                        continue
                    node = p << _SHIFT | sid
                    if node in on_stack:
                        if self.loop is None:
                            self._note_loop([q << _SHIFT | s for q, s, *_ in stack], node)
                        continue
                    if room <= 0:
                        raise _TooLarge(f"meer dan {self.max_states} toestanden")
                    legs = legs_of[p] or build_legs(p)
                    res = legs.results.get(sid) or results_of(legs.sig, sid)
                    room -= 1
                    outs = tuple(map(get, legs.tables, res.nexts))
                    if None not in outs:
                        fold_up(p, sid, res, outs)
                        continue
                    on_stack.add(node)
                    todo = compress(zip(legs.kids, res.nexts, strict=True), map(is_, outs, nothing))
                    stack.append((p, sid, legs, res, todo))
                    break
                else:  # every child done: what can still happen from here
                    if not stack:
                        return
                    p, sid, legs, res, _ = stack.pop()
                    on_stack.discard(p << _SHIFT | sid)
                    fold_up(p, sid, res, tuple(map(get, legs.tables, res.nexts)))
                    if not stack:
                        return
                    todo = stack[-1][4]
        finally:
            self.states = self.max_states - room

    def _outcome_of(self, node: Node) -> int | None:
        """What can still happen from a node (its number in ``_outcomes``), if known."""
        if node < 0:
            return self._tail_outcomes[node]
        return self._done[node >> _SHIFT].get(node & _LOW)

    def _note_loop(self, nodes: list[Node], back_to: Node) -> None:
        at = nodes.index(back_to)
        self.loop = list(dict.fromkeys(self._positions[n >> _SHIFT][0] for n in nodes[at:]))

    def _sum_up(self, res: _Results, outs: tuple[int | None, ...]) -> Up:
        """The outcome of a node from its children's (None: a loop back), shifted by what
        each move costs; and the moves towards the fewest and the most points lost."""
        ends: list[tuple[int, ...]] = []
        losses: dict[int, int] = {}
        lo = hi = 0
        k_lo = k_hi = -1
        for k, (o, table, cost) in enumerate(
            zip(outs, self._shift_tables[res.cid], res.costs, strict=True)
        ):
            if o is None:  # a loop back to a state still being explored
                continue
            sub_ends, sub_losses, few, many = table.get(o) or self._shift(o, cost)
            ends.append(sub_ends)
            for lost, n in sub_losses:
                losses[lost] = losses.get(lost, 0) + n
            if few is None or many is None:  # only loops from there: no best or worst
                continue
            if k_lo < 0 or few < lo:
                lo, k_lo = few, k
            if k_hi < 0 or many > hi:
                hi, k_hi = many, k
        total = tuple(map(sum, zip_longest(*ends, fillvalue=0)))
        spread = tuple(sorted(losses.items()))
        if k_lo < 0:
            return self._intern_outcome((total, spread, None, None)), None
        return self._intern_outcome((total, spread, lo, hi)), (k_lo, k_hi)

    def _shift(self, o: int, cost: Cost) -> Outcome:
        """A child's outcome as seen from its parent: shifted by what the move costs."""
        lost, critical = cost
        sub_ends, sub_losses, few, many = self._outcomes[o]
        if lost or critical:
            merged: dict[int, int] = {}
            _merge(merged, sub_losses, lost, critical)
            sub_losses = tuple(sorted(merged.items()))
        few = None if few is None else few + lost
        many = None if many is None else many + lost
        got = self._shifted.setdefault(cost, {})[o] = (sub_ends, sub_losses, few, many)
        return got

    def _intern_outcome(self, outcome: Outcome) -> int:
        got = self._outcome_ids.get(outcome)
        if got is None:
            got = self._outcome_ids[outcome] = len(self._outcomes)
            self._outcomes.append(outcome)
        return got

    def _tail_outcome(self, tail: Tail) -> Outcome:
        n = self._endings.setdefault(tail.ending, len(self._endings))
        ends = tuple(1 if i == n else 0 for i in range(n + 1))
        return ends, ((2 * min(tail.lost, 100) + tail.critical, 1),), tail.lost, tail.lost

    # --- the report -------------------------------------------------------------------------
    def _score(self, lost: int, critical: bool) -> tuple[int, bool]:
        value = max(0, 100 - lost)
        return value, value >= self.profile.pass_mark and not critical

    def _summarise(self, root_edges: list[Edge], complete: bool) -> Exploration:
        names = list(self._endings)
        ends: dict[str, int] = {}
        losses: dict[int, int] = {}
        for _, (lost, critical), target in root_edges:
            o = self._outcome_of(target)
            if o is None:  # not explored (the space was too large)
                continue
            sub_ends, sub_losses, _, _ = self._outcomes[o]
            for n, paths in enumerate(sub_ends):
                if paths:
                    ends[names[n]] = ends.get(names[n], 0) + paths
            _merge(losses, sub_losses, lost, critical)
        exact = complete and self.loop is None
        if not exact:  # count what can happen, not how often
            ends = {k: 1 for k in ends}
            losses = {k: 1 for k in losses}
        scores: dict[int, int] = {}
        passing = 0
        for key, n in losses.items():
            value, passed = self._score(key // 2, bool(key % 2))
            scores[value] = scores.get(value, 0) + n
            passing += n if passed else 0
        rule_ids = [f.id for f in self.judge.folds]
        return Exploration(
            scenario=self.scenario.id,
            states=self.states,
            complete=complete,
            loop=self.loop,
            paths=sum(ends.values()) if exact else None,
            endings=dict(sorted(ends.items(), key=lambda kv: (-kv[1], kv[0]))),
            scores=dict(sorted(scores.items())),
            passing=passing,
            best=self._route(root_edges, fewest=True) if complete else None,
            worst=self._route(root_edges, fewest=False) if complete else None,
            violations={
                rule: {where: sorted(what) for where, what in sorted(places.items())}
                for rule, places in sorted(self.violations.items())
            },
            unreached_endings=sorted(set(self.scenario.endings) - set(ends)) if complete else [],
            never_violated=[r for r in rule_ids if r not in self.violations] if complete else [],
        )

    def _picked(self, node: Node, fewest: bool) -> tuple[int, int] | None:
        """The fewest (or most) points still to lose from a node, and the move towards it."""
        pick = self._pick.get(node)
        if pick is None:
            return None
        o = self._outcome_of(node)
        assert o is not None
        _, _, few, many = self._outcomes[o]
        value = few if fewest else many
        assert value is not None
        return value, pick[0] if fewest else pick[1]

    def _route(self, root_edges: list[Edge], *, fewest: bool) -> PathSummary | None:
        def lost_via(edge: Edge) -> int | None:
            _, (lost, _), target = edge
            if target < 0:
                return lost + self._tails[~target].lost
            got = self._picked(target, fewest)
            return lost + got[0] if got else None

        options = [(v, k) for k, e in enumerate(root_edges) if (v := lost_via(e)) is not None]
        if not options:
            return None
        k = (min if fewest else max)(options, key=lambda o: (o[0], -o[1] if fewest else o[1]))[1]
        steps: list[Step] = []
        lost, critical = 0, False
        edge = root_edges[k]
        while True:
            move, (cost, crit), target = edge
            lost, critical = lost + cost, critical or crit
            if move[0] != "^start":
                steps.append(Step(*move))
            if target < 0:
                tail = self._tails[~target]
                value, passed = self._score(lost + tail.lost, critical or tail.critical)
                return PathSummary(value, passed, tail.ending, steps)
            got = self._picked(target, fewest)
            assert got is not None
            edge = self.edges(target)[got[1]]


VIOLATED_ = Status.VIOLATED


class _Unread(Enum):
    """The cap of a variable no condition reads: its value never matters. (Not a number:
    any number can be a real bound, e.g. ``als: x >= -1``.)"""

    UNREAD = "ongelezen"


_UNREAD: Final = _Unread.UNREAD


def _routes(scenario: Scenario) -> list[Route]:
    out = [scenario.start]
    for fase in scenario.fasen.values():
        out += [c.route for c in fase.choices]
        if fase.timer is not None:
            out.append(fase.timer.route)
        if fase.next is not None:
            out.append(fase.next)
    return out


def var_caps(scenario: Scenario) -> list[tuple[str, int | _Unread | None]]:
    """How exactly each variable must be kept. A variable no condition reads is _UNREAD. A
    variable that only ever goes up (effects >= 0) and that conditions compare with numbers
    below some bound T behaves the same for every value >= T: it is capped at T. Otherwise
    (None) it is kept exactly."""
    bounds: dict[str, int] = {}
    falling: set[str] = set()
    names = set(scenario.variables)
    for route in _routes(scenario):
        for branch in route.branches:
            for clause in branch.condition.clauses if branch.condition else ():
                op, number = clause.op, clause.value
                bound = number if op in (">=", "<") else number + 1
                bounds[clause.variable] = max(bounds.get(clause.variable, bound), bound)
                names.add(clause.variable)
    effects = [c.effect for f in scenario.fasen.values() for c in f.choices]
    effects += [f.effect for f in scenario.fasen.values()]
    for effect in effects:
        names.update(effect)
        falling.update(name for name, amount in effect.items() if amount < 0)
    for fase in scenario.fasen.values():
        names.update(fase.assign)
        for choice in fase.choices:
            names.update(choice.assign)
    caps: list[tuple[str, int | _Unread | None]] = []
    for name in sorted(names):
        if name not in bounds:
            caps.append((name, _UNREAD))
        elif name in falling:
            caps.append((name, None))
        else:
            caps.append((name, bounds[name]))
    return caps


def horizons(scenario: Scenario, limit: int = 512) -> dict[str, Horizon]:
    """For each fase: what scenario time can still pass from there (see ``Horizon``).
    A fase from which the story can come round again, or with too many ways for time to
    pass, has none."""
    sc = scenario
    known: dict[str, Horizon | None] = {eid: Horizon(frozenset({0.0}), 0.0) for eid in sc.endings}
    nexts = {fid: sorted(successors(sc, fid)) for fid in sc.fasen}
    for root in sc.fasen:
        if root in known:
            continue
        stack: list[tuple[str, list[str]]] = [(root, list(nexts[root]))]
        on_stack = {root}
        looped: set[str] = set()
        while stack:
            fid, todo = stack[-1]
            if todo:
                nxt = todo.pop()
                if nxt in on_stack:  # a loop: time can pass without end
                    looped.update(f for f, _ in stack)
                elif nxt not in known:
                    on_stack.add(nxt)
                    stack.append((nxt, list(nexts.get(nxt, ()))))
                continue
            stack.pop()
            on_stack.discard(fid)
            known[fid] = None if fid in looped else _horizon(sc, fid, nexts[fid], known, limit)
    return {fid: h for fid, h in known.items() if h is not None and fid in sc.fasen}


def _horizon(
    sc: Scenario, fid: str, nexts: list[str], known: dict[str, Horizon | None], limit: int
) -> Horizon | None:
    fase = sc.fasen[fid]
    talk = 0.0
    if not fase.is_event:
        talk = max(default_latency(fase), fase.timer.seconds if fase.timer else 0.0)
    jumps = {0.0}
    later = 0.0
    for nxt in nexts:
        h = known.get(nxt)
        if h is None:
            return None
        elapse = sc.fasen[nxt].elapse if nxt in sc.fasen else 0.0
        jumps.update([elapse + j for j in h.jumps] if elapse else h.jumps)
        later = max(later, h.talk)
        if len(jumps) > limit:
            return None
    return Horizon(frozenset(jumps), talk + later)


def _changed(values: Vars, changes: _Changes) -> Vars:
    """The variables after 'effect' (adds) and then 'zet' (sets), as the engine applies them,
    each capped as ``var_caps`` says (see ``Explorer._changes``)."""
    out = list(values)
    adds, sets = changes
    for i, cap, n in adds:
        out[i] = _capped(out[i] + n, cap)
    for i, n in sets:
        out[i] = n
    return tuple(out)


def _capped(value: int, cap: int | None) -> int:
    return value if cap is None or value < cap else cap


def _merge(
    into: dict[int, int], sub: tuple[tuple[int, int], ...], lost: int, critical: bool
) -> None:
    """Add a child's (2 * points lost + critical) counts, shifted by what the edge costs."""
    if not lost and not critical:
        for key, n in sub:
            into[key] = into.get(key, 0) + n
        return
    for key, n in sub:
        shifted = 2 * min(key // 2 + lost, 100) + (1 if critical else key % 2)
        into[shifted] = into.get(shifted, 0) + n


def explore(
    scenario: Scenario, profile: Profile, catalogue: Catalogue, *, max_states: int = MAX_STATES
) -> Exploration:
    with gc_paused():  # many small objects, kept to the end: nothing for it to find
        return Explorer(scenario, profile, catalogue, max_states=max_states).run()


def _picker(indices: list[int]) -> Callable[[Vars], Any]:
    """A function that takes the values at ``indices`` out of the variables."""
    if not indices:
        return lambda values: ()
    return itemgetter(*indices)
