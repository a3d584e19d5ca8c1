"""Every way through a scenario, counted over its state space instead of path by path.

A *state* is what the rest of the scenario depends on: the fase where a decision waits,
the variables, and the state of each rule's fold (``scoring.folds``). Two histories that
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
from itertools import zip_longest
from operator import itemgetter
from typing import Any, Final, NamedTuple

from scoring.folds import SETTLED, Fold, Horizon, Judge, V
from scoring.folds import State as FoldState
from scoring.result import severities_for
from scoring.verdict import Status
from simulator.conditions import _OPS
from simulator.deep_checks import successors
from simulator.engine import WAIT, default_latency
from simulator.model import Catalogue, Fase, Profile, Route, Scenario

MAX_STATES = 2_000_000
_MAX_CHAIN = 10_000  # event fasen in a row, as in the engine
_MAX_CLOSURE = 256
SETTLED_NOTE = (
    "vanaf hier niet meer goed te maken"  # fold states tried before a rule is taken as not settled
)

Vars = tuple[int, ...]  # the variables in the order of ``var_caps``, as exactly as read
Folds = tuple[FoldState, ...]
Node = tuple[int, int]  # a position (fase and variables) and fold states, interned
Cost = tuple[int, bool]  # points lost, a critical rule broken


class Tail(NamedTuple):
    """An ending reached, with what the rules still charge there."""

    ending: str
    lost: int
    critical: bool


# An edge: the move, what it costs on the way, and the next node or the tail at an ending.
Move = tuple[str, str, str, bool]  # fase, choice id or 'wacht', where it led, by chance
Edge = tuple[Move, Cost, "Node | Tail"]
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
        alike: dict[tuple[Any, ...], int] = {}  # (facts, categories on offer), numbered
        for fid, fase in scenario.fasen.items():
            kind = alike.setdefault((fase.facts, cats.offered(fase)), len(alike))
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
        self, scenario: Scenario, cats: Fold, later: dict[str, int], horizons: dict[str, Horizon]
    ) -> None:
        self.fasen = scenario.fasen
        self.cats = cats
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
            key = ("decide", dt, fase.facts, self.cats.offered(fase), iv)
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
    sig: int  # the fase and the paths of its moves (interned): shared fold results
    ends: bool  # some move leads to an ending


_Sig = tuple[str, tuple[tuple[int, str], ...], tuple[tuple[int, "str | None"], ...]]


class _Results(NamedTuple):
    """Per move of a position, from one fold state: what it costs and where the folds go."""

    costs: tuple[Cost, ...]
    nexts: tuple[int | Tail, ...]  # the next fold state (interned), or the tail at an ending
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
    arrival (None at an ending), and what it changes from the variables it started with."""

    move: Move
    path: int
    then: str | None
    changes: _Changes | None


class _MoveCode(NamedTuple):
    """A move of a decision fase compiled. Its ways depend on the variables only through the
    conditions on its route (``reads``): they are worked out once per value of those."""

    k: int
    move: str
    changes: _Changes | None
    route: _Route
    decision: int  # its class (see ``_Classes``)
    reads: Callable[[Vars], Any]  # the values of the variables the route's conditions read
    ways: dict[Any, tuple[int, tuple[_Way, ...]]]  # per such values: the ways, numbered


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


class Explorer:
    """The exploration, compiled: the scenario's side of a move (routes, variables) is worked
    out once per position and the rules' side (the folds) once per path and fold state, so
    that a state costs a few look-ups. A node is (position, fold states), both interned."""

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
        self.critical = tuple(severities[f.id] == "kritiek" for f in self.judge.folds)
        self.events = _Events(scenario, self.judge)
        self.later = _later(scenario, self.events.own)
        self.horizons = horizons(scenario)
        self.violations: dict[str, dict[str, set[str]]] = {}
        self.loop: list[str] | None = None
        self.states = 0
        # fold states, interned, with their transitions cached
        self._fold_ids: dict[Folds, int] = {}
        self._fold_states: list[Folds] = []
        self._classes = _Classes(scenario, self.judge.folds[0], self.later, self.horizons)
        self._decide_cache: dict[tuple[int, int], tuple[int, tuple[str, ...]]] = {}
        self._enter_cache: dict[tuple[int, int], int] = {}
        self._arrive_cache: dict[tuple[int, int], tuple[int, Cost, tuple[str, ...]]] = {}
        self._end_cache: dict[tuple[int, str], Tail] = {}
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
        self._way_lists: list[tuple[_Way, ...]] = []  # the ways of a move, by number
        self._sig_of_ways: dict[tuple[str, tuple[int, ...]], int] = {}
        self._pos_ids: dict[tuple[str, Vars], int] = {}
        self._positions: list[tuple[str, Vars]] = []
        self._legs: list[_Legs | None] = []
        self._path_ids: dict[Path, int] = {}
        self._paths: list[Path] = []
        self._sigs: dict[tuple[str, tuple[tuple[int, str | None], ...]], int] = {}
        self._sig_info: list[_Sig] = []
        self._along_cache: dict[tuple[int, int], tuple[Cost, int | Tail, tuple[str, ...]]] = {}
        self._results: dict[tuple[int, int], _Results] = {}
        self._cost_ids: dict[tuple[Cost, ...], int] = {}
        # what can still happen from a node: its outcome, and the moves to the best and worst
        self._outcome: dict[Node | Tail, int] = {}
        self._pick: dict[Node, tuple[int, int]] = {}
        self._outcomes: list[Outcome] = []
        self._outcome_ids: dict[Outcome, int] = {}
        self._ups: dict[tuple[int, tuple[int | None, ...]], tuple[int, tuple[int, int] | None]]
        self._ups = {}
        self._endings: dict[str, int] = {eid: n for n, eid in enumerate(scenario.endings)}

    # --- fold states, interned, with their transitions cached ------------------------------
    def _intern(self, folds: Folds) -> int:
        sid = self._fold_ids.get(folds)
        if sid is None:
            sid = self._fold_ids[folds] = len(self._fold_states)
            self._fold_states.append(folds)
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
                if status is VIOLATED_:
                    lost += self.cost[i]
                    critical = critical or self.critical[i]
                    if s != V:
                        lapsed.append(self.judge.folds[i].id)
            got = (self._intern(tuple(folds)), (lost, critical), tuple(lapsed))
            self._arrive_cache[key] = got
        return got

    def _end(self, sid: int, ending: str) -> Tail:
        key = (sid, ending)
        got = self._end_cache.get(key)
        if got is None:
            lost, critical = 0, False
            for i, (f, s) in enumerate(zip(self.judge.folds, self._fold_states[sid], strict=True)):
                if s != SETTLED and f.status(s) is VIOLATED_:
                    lost += self.cost[i]
                    critical = critical or self.critical[i]
                    if s != V:  # an obligation left undone by the end
                        self._note(f.id, "einde", ending)
            got = self._end_cache[key] = Tail(ending, lost, critical)
            if got not in self._outcome:
                self._outcome[got] = self._intern_outcome(self._tail_outcome(got))
        return got

    def _along(self, sid: int, path: int) -> tuple[Cost, int | Tail, tuple[str, ...]]:
        """Where the fold states go along a path: the decision (if any), the fasen entered,
        and the arrival at a decision (its cost, the rules that lapsed) or at an ending."""
        key = (sid, path)
        got = self._along_cache.get(key)
        if got is None:
            decision, visits, arrival, ending = self._paths[path]
            if decision >= 0:
                sid = self._decided(sid, decision)[0]
            for c in visits:
                sid = self._entered(sid, c)
            if arrival < 0:
                got = (_FREE, self._end(sid, ending), ())
            else:
                after, cost, lapsed = self._arrive(sid, arrival)
                got = (cost, after, lapsed)
            self._along_cache[key] = got
        return got

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
                else tuple((index[c.variable], _OPS[c.op], c.value) for c in b.condition.clauses),
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
            got = tuple(
                _MoveCode(
                    k,
                    move,
                    changes,
                    route,
                    self._classes.decision(fid, k),
                    _picker(sorted(self._route_reads(route, set()))),
                    {},
                )
                for k, move, changes, route in moves
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
        key = (fid, var_items)
        p = self._pos_ids.get(key)
        if p is None:
            p = self._pos_ids[key] = len(self._positions)
            self._positions.append(key)
            self._legs.append(None)
        return p

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
        """Where a route can lead, as the engine takes it (``simulator.routes``): every
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
                ways.append(_Way((fid, move, then, luck), path, None, None))
            else:
                path = self._path((decision, visits, arrival, ""))
                ways.append(_Way((fid, move, then, luck), path, then, after))
        self._way_lists.append(tuple(ways))
        return len(self._way_lists) - 1, self._way_lists[-1]

    def _build_legs(self, p: int) -> _Legs:
        fid, values = self._positions[p]
        moves: list[Move] = []
        kids: list[int] = []
        numbers: list[int] = []
        pos_ids = self._pos_ids
        for code in self._fase_moves(fid):
            key = code.reads(values)
            got = code.ways.get(key)
            if got is None:
                got = code.ways[key] = self._ways(
                    fid, code.move, code.decision, code.route, values, code.changes
                )
            numbers.append(got[0])
            for way in got[1]:
                moves.append(way.move)
                then = way.then
                if then is None:
                    kids.append(-1)
                    continue
                there = values if way.changes is None else _changed(values, way.changes)
                kids.append(pos_ids.get((then, there)) or self._position(then, there))
        sig = self._sig(fid, numbers)
        got_legs = self._legs[p] = _Legs(fid, tuple(moves), tuple(kids), sig, -1 in kids)
        return got_legs

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
                self._sig_info.append((fid, decisions, paths))
            self._sig_of_ways[key] = sig
        return sig

    def _results_of(self, sig: int, sid: int) -> _Results:
        """Per move, from fold state ``sid``: its cost and the next fold state; the rules the
        moves break are noted with the fase and the move."""
        key = (sig, sid)
        got = self._results.get(key)
        if got is None:
            fid, decisions, paths = self._sig_info[sig]
            for c, move in decisions:  # also a move that leads nowhere breaks rules
                for rule in self._decided(sid, c)[1]:
                    self._note(rule, fid, move)
            costs: list[Cost] = []
            nexts: list[int | Tail] = []
            for path, then in paths:
                cost, nxt, lapsed = self._along(sid, path)
                for rule in lapsed:
                    assert then is not None
                    self._note(rule, then, SETTLED_NOTE)
                costs.append(cost)
                nexts.append(nxt)
            cost_key = tuple(costs)
            cid = self._cost_ids.get(cost_key)
            if cid is None:
                cid = self._cost_ids[cost_key] = len(self._cost_ids)
            got = self._results[key] = _Results(cost_key, tuple(nexts), cid)
        return got

    def edges(self, node: Node) -> list[Edge]:
        p, sid = node
        legs = self._legs[p] or self._build_legs(p)
        res = self._results_of(legs.sig, sid)
        return [
            (move, cost, (kid, nxt) if isinstance(nxt, int) else nxt)
            for move, kid, cost, nxt in zip(
                legs.moves, legs.kids, res.costs, res.nexts, strict=True
            )
        ]

    def roots(self) -> list[Edge]:
        values = self._vars([self.scenario.variables.get(name, 0) for name, _ in self.var_caps])
        start = self._intern(self.judge.start())
        out: list[Edge] = []
        route = self._compile_route(self.scenario.start)
        for move, path, then, changes in self._ways("^start", "begin", -1, route, values, None)[1]:
            there = values if changes is None else _changed(values, changes)
            kid = -1 if then is None else self._position(then, there)
            cost, nxt, lapsed = self._along(start, path)
            for rule in lapsed:
                assert then is not None
                self._note(rule, then, SETTLED_NOTE)
            out.append((move, cost, (kid, nxt) if isinstance(nxt, int) else nxt))
        return out

    # --- the search -----------------------------------------------------------------------
    def run(self) -> Exploration:
        complete = True
        root_edges = self.roots()
        try:
            for _, _, target in root_edges:
                if not isinstance(target, Tail):
                    self._search(target)
        except _TooLarge:
            complete = False
        return self._summarise(root_edges, complete)

    def _expand(self, node: Node) -> tuple[list[Node | Tail], _Results]:
        """The children of a node (in the order of its moves) and what each move costs."""
        if self.states >= self.max_states:
            raise _TooLarge(f"meer dan {self.max_states} toestanden")
        p, sid = node
        legs = self._legs[p] or self._build_legs(p)
        res = self._results.get((legs.sig, sid)) or self._results_of(legs.sig, sid)
        self.states += 1
        if not legs.ends:  # every child a node: (position, fold state)
            return list(zip(legs.kids, res.nexts, strict=True)), res  # type: ignore[arg-type]
        return [
            (kid, nxt) if kid >= 0 else nxt  # type: ignore[misc]
            for kid, nxt in zip(legs.kids, res.nexts, strict=True)
        ], res

    def _search(self, root: Node) -> None:
        """Depth first, without recursion: a node's outcome is the sum of its children's."""
        outcome = self._outcome
        if root in outcome:
            return
        on_stack = {root}
        children, res = self._expand(root)
        stack = [(root, children, res, iter(children))]
        while stack:
            node, children, res, todo = stack[-1]
            for child in todo:
                if child in outcome:
                    continue
                if child in on_stack:
                    if self.loop is None:
                        self._note_loop([n for n, *_ in stack], child)
                    continue
                on_stack.add(child)  # type: ignore[arg-type]
                grand, grand_res = self._expand(child)  # type: ignore[arg-type]
                stack.append((child, grand, grand_res, iter(grand)))  # type: ignore[arg-type]
                break
            else:
                stack.pop()
                on_stack.discard(node)
                self._fold_up(node, children, res)

    def _note_loop(self, nodes: list[Node], back_to: Node | Tail) -> None:
        at = nodes.index(back_to)  # type: ignore[arg-type]
        self.loop = list(dict.fromkeys(self._positions[p][0] for p, _ in nodes[at:]))

    def _fold_up(self, node: Node, children: list[Node | Tail], res: _Results) -> None:
        """What can still happen from ``node``: per ending and per (points lost, critical)
        the number of paths; and the moves towards the fewest and the most points lost.
        Many states have the same futures over the same moves: such sums are made once."""
        outs = tuple(map(self._outcome.get, children))
        key = (res.cid, outs)
        got = self._ups.get(key)
        if got is None:
            got = self._ups[key] = self._sum_up(res.costs, outs)
        self._outcome[node] = got[0]
        if got[1] is not None:
            self._pick[node] = got[1]

    def _sum_up(
        self, costs: tuple[Cost, ...], outs: tuple[int | None, ...]
    ) -> tuple[int, tuple[int, int] | None]:
        """The outcome of a node from its children's (None: a loop back), shifted by what
        each move costs; and the moves towards the fewest and the most points lost."""
        ends: list[tuple[int, ...]] = []
        losses: dict[int, int] = {}
        lo: tuple[int, int] | None = None
        hi: tuple[int, int] | None = None
        for k, ((lost, critical), o) in enumerate(zip(costs, outs, strict=True)):
            if o is None:  # a loop back to a state still being explored
                continue
            sub_ends, sub_losses, few, many = self._outcomes[o]
            ends.append(sub_ends)
            _merge(losses, sub_losses, lost, critical)
            if few is None or many is None:  # only loops from there: no best or worst
                continue
            if lo is None or few + lost < lo[0]:
                lo = (few + lost, k)
            if hi is None or many + lost > hi[0]:
                hi = (many + lost, k)
        total = tuple(map(sum, zip_longest(*ends, fillvalue=0)))
        spread = tuple(sorted(losses.items()))
        if lo is None or hi is None:
            return self._intern_outcome((total, spread, None, None)), None
        return self._intern_outcome((total, spread, lo[0], hi[0])), (lo[1], hi[1])

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
            o = self._outcome.get(target)
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

    def _picked(self, node: Node | Tail, fewest: bool) -> tuple[int, int] | None:
        """The fewest (or most) points still to lose from a node, and the move towards it."""
        if isinstance(node, Tail):
            return None
        pick = self._pick.get(node)
        if pick is None:
            return None
        _, _, few, many = self._outcomes[self._outcome[node]]
        value = few if fewest else many
        assert value is not None
        return value, pick[0] if fewest else pick[1]

    def _route(self, root_edges: list[Edge], *, fewest: bool) -> PathSummary | None:
        def lost_via(edge: Edge) -> int | None:
            _, (lost, _), target = edge
            if isinstance(target, Tail):
                return lost + target.lost
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
            if isinstance(target, Tail):
                value, passed = self._score(lost + target.lost, critical or target.critical)
                return PathSummary(value, passed, target.ending, steps)
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
    return Explorer(scenario, profile, catalogue, max_states=max_states).run()


def _picker(indices: list[int]) -> Callable[[Vars], Any]:
    """A function that takes the values at ``indices`` out of the variables."""
    if not indices:
        return lambda values: ()
    return itemgetter(*indices)
