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

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from scoring.folds import SETTLED, Fold, Horizon, Judge, V
from scoring.folds import State as FoldState
from scoring.result import severities_for
from scoring.verdict import Status
from simulator.deep_checks import successors
from simulator.engine import WAIT, default_latency
from simulator.model import Catalogue, Fase, Profile, Route, Scenario
from simulator.routes import open_branches, with_effects

MAX_STATES = 2_000_000
_MAX_CHAIN = 10_000  # event fasen in a row, as in the engine
_MAX_CLOSURE = 256
SETTLED_NOTE = (
    "vanaf hier niet meer goed te maken"  # fold states tried before a rule is taken as not settled
)

Vars = tuple[tuple[str, int], ...]
Folds = tuple[FoldState, ...]
Node = tuple[str, Vars, int]  # fase id, variables, the id of the interned fold states
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
        for fid, fase in scenario.fasen.items():
            offered = cats.offered(fase)
            bits = self._bit(("tick", fase.elapse), "tick", fase, None, fase.elapse)
            bits |= self._bit(("visit", fase.facts, offered), "visit", fase, None, 0.0)
            for c in fase.choices:
                dt = default_latency(fase)
                bits |= self._bit(("tick", dt), "tick", fase, None, dt)
                key = ("decide", fase.facts, offered, c.intervention)
                bits |= self._bit(key, "decide", fase, c.intervention, 0.0)
            if fase.timer is not None:
                dt = fase.timer.seconds
                bits |= self._bit(("tick", dt), "tick", fase, None, dt)
                bits |= self._bit(("decide", fase.facts, offered, None), "timeout", fase, None, 0.0)
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


def _later(scenario: Scenario, own: dict[str, int]) -> dict[str, int]:
    """For each fase: the events that can happen from its decision on (its own decisions and
    everything in the fasen after it), as a bit set. Loops are handled by iterating."""
    after = {fid: own[fid] for fid in scenario.fasen}
    order = list(reversed(list(scenario.fasen)))
    changed = True
    while changed:
        changed = False
        for fid in order:
            bits = after[fid]
            for nxt in successors(scenario, fid):
                if nxt in after:
                    bits |= after[nxt]
            if bits != after[fid]:
                after[fid] = bits
                changed = True
    return after


class Explorer:
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
        self._fold_ids: dict[Folds, int] = {}
        self._fold_states: list[Folds] = []
        self._decide_cache: dict[tuple[int, str, int], int] = {}
        self._enter_cache: dict[tuple[int, str], int] = {}
        self._arrive_cache: dict[tuple[int, str], tuple[int, Cost]] = {}
        self._end_cache: dict[tuple[int, str], Tail] = {}
        self._settled: dict[tuple[int, FoldState, int], Status | None] = {}

    # --- fold states, interned, with their transitions cached ------------------------------
    def _intern(self, folds: Folds) -> int:
        sid = self._fold_ids.get(folds)
        if sid is None:
            sid = self._fold_ids[folds] = len(self._fold_states)
            self._fold_states.append(folds)
        return sid

    def _note(self, rule: str, where: str, what: str) -> None:
        self.violations.setdefault(rule, {}).setdefault(where, set()).add(what)

    def _decided(self, sid: int, fase: Fase, k: int) -> int:
        """The fold state after move ``k`` in ``fase`` (a choice, or the timer when k is the
        number of choices), noting the rules this move violates."""
        key = (sid, fase.id, k)
        got = self._decide_cache.get(key)
        if got is None:
            folds = self._fold_states[sid]
            if k < len(fase.choices):
                choice = fase.choices[k]
                dt, intervention, move = default_latency(fase), choice.intervention, choice.id
            else:
                assert fase.timer is not None
                dt, intervention, move = fase.timer.seconds, None, WAIT
            after = self.judge.decide(self.judge.tick(folds, dt), fase, intervention)
            for f, b, a in zip(self.judge.folds, folds, after, strict=True):
                if a == V and b != V:
                    self._note(f.id, fase.id, move)
            got = self._decide_cache[key] = self._intern(after)
        return got

    def _entered(self, sid: int, fase: Fase) -> int:
        key = (sid, fase.id)
        got = self._enter_cache.get(key)
        if got is None:
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

    def _arrive(self, sid: int, fase: Fase) -> tuple[int, Cost]:
        """The state at a decision in ``fase``: the clock made canonical, settled rules set
        aside with what they cost."""
        key = (sid, fase.id)
        got = self._arrive_cache.get(key)
        if got is None:
            folds = list(self.judge.canonical(self._fold_states[sid], self.horizons.get(fase.id)))
            bits = self.later[fase.id]
            lost, critical = 0, False
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
                    if s != V:  # something that can no longer be put right
                        self._note(self.judge.folds[i].id, fase.id, SETTLED_NOTE)
            got = self._arrive_cache[key] = (self._intern(tuple(folds)), (lost, critical))
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
        return got

    # --- the moves out of a state ------------------------------------------------------
    def _vars(self, values: dict[str, int]) -> Vars:
        out = []
        for name, cap in self.var_caps:
            value = values.get(name, 0)
            if cap is not None:
                value = 0 if cap == _UNREAD else min(value, cap)
            out.append((name, value))
        return tuple(out)

    def _forks(
        self,
        route: Route,
        values: dict[str, int],
        sid: int,
        out: list[tuple[str, Cost, Node | Tail]],
        depth: int = 0,
    ) -> None:
        """Where a route can lead: every chance branch, conditions judged on ``values``."""
        if depth > _MAX_CHAIN:
            raise _TooLarge("het verhaal gaat te lang vanzelf verder zonder keuze")
        for branch in open_branches(route, values):
            self._enter(branch.target, values, sid, out, depth)

    def _enter(
        self,
        target: str,
        values: dict[str, int],
        sid: int,
        out: list[tuple[str, Cost, Node | Tail]],
        depth: int,
    ) -> None:
        fase = self.scenario.fasen.get(target)
        if fase is None:
            out.append((target, _FREE, self._end(sid, target)))
            return
        sid = self._entered(sid, fase)
        if fase.effect or fase.assign:
            values = with_effects(values, fase.effect, fase.assign)
        if fase.next is not None:
            self._forks(fase.next, values, sid, out, depth + 1)
        else:
            sid, cost = self._arrive(sid, fase)
            out.append((target, cost, (target, self._vars(values), sid)))

    def edges(self, node: Node) -> list[Edge]:
        fid, var_items, sid = node
        fase = self.scenario.fasen[fid]
        values = dict(var_items)
        out: list[Edge] = []
        for k, choice in enumerate(fase.choices):
            moved = (
                with_effects(values, choice.effect, choice.assign)
                if choice.effect or choice.assign
                else values
            )
            self._add(out, fid, choice.id, choice.route, moved, self._decided(sid, fase, k))
        if fase.timer is not None:
            after = self._decided(sid, fase, len(fase.choices))
            self._add(out, fid, WAIT, fase.timer.route, values, after)
        return out

    def _add(
        self, out: list[Edge], fid: str, move: str, route: Route, values: dict[str, int], sid: int
    ) -> None:
        forks: list[tuple[str, Cost, Node | Tail]] = []
        self._forks(route, values, sid, forks)
        luck = len(forks) > 1
        for then, cost, target in forks:
            out.append(((fid, move, then, luck), cost, target))

    def roots(self) -> list[Edge]:
        values = dict(self.scenario.variables)
        forks: list[tuple[str, Cost, Node | Tail]] = []
        self._forks(self.scenario.start, values, self._intern(self.judge.start()), forks)
        return [(("^start", "begin", then, False), cost, target) for then, cost, target in forks]

    # --- the search -----------------------------------------------------------------------
    def run(self) -> Exploration:
        self.tails: dict[Node, int] = {}  # node -> its distribution (interned)
        self._dists: list[tuple[dict[str, int], dict[int, int]]] = []
        self._dist_ids: dict[tuple[Any, ...], int] = {}
        self._sums: dict[tuple[tuple[int, int, bool], ...], int] = {}
        self._tail_dists: dict[Tail, int] = {}
        self.best: dict[Node, tuple[int, int]] = {}  # node -> (fewest points lost, edge)
        self.worst: dict[Node, tuple[int, int]] = {}  # node -> (most points lost, edge)
        self.edges_of: dict[Node, list[Edge]] = {}
        complete = True
        root_edges = self.roots()
        try:
            for _, _, target in root_edges:
                if not isinstance(target, Tail):
                    self._search(target)
        except _TooLarge:
            complete = False
        return self._summarise(root_edges, complete)

    def _search(self, root: Node) -> None:
        """Depth first, without recursion: a node's tails are the sum of its children's."""
        if root in self.tails:
            return
        on_stack = {root}
        self.edges_of[root] = self._expand(root)
        stack: list[tuple[Node, int]] = [(root, 0)]
        while stack:
            node, i = stack[-1]
            edges = self.edges_of[node]
            if i < len(edges):
                stack[-1] = (node, i + 1)
                target = edges[i][2]
                if not isinstance(target, Tail) and target not in self.tails:
                    child = target
                    if child in on_stack:
                        if self.loop is None:
                            at = next(k for k, (n, _) in enumerate(stack) if n == child)
                            self.loop = list(dict.fromkeys(n[0] for n, _ in stack[at:]))
                        continue
                    on_stack.add(child)
                    self.edges_of[child] = self._expand(child)
                    stack.append((child, 0))
                continue
            stack.pop()
            on_stack.discard(node)
            self._fold_up(node, edges)

    def _expand(self, node: Node) -> list[Edge]:
        if len(self.edges_of) >= self.max_states:
            raise _TooLarge(f"meer dan {self.max_states} toestanden")
        return self.edges(node)

    def _fold_up(self, node: Node, edges: list[Edge]) -> None:
        """What can still happen from ``node``: per ending and per (points lost, critical)
        the number of paths; and the edges towards the fewest and the most points lost.
        Many states have the same futures over the same edges: such sums are made once."""
        parts: list[tuple[int, int, bool]] = []
        lo: tuple[int, int] | None = None
        hi: tuple[int, int] | None = None
        for k, (_, (lost, critical), target) in enumerate(edges):
            if isinstance(target, Tail):
                dist = self._tail_dist(target)
                few = many = target.lost
            elif target in self.tails:
                dist = self.tails[target]
                few, many = self.best[target][0], self.worst[target][0]
            else:  # a loop back to a state still being explored
                continue
            parts.append((dist, lost, critical))
            if lo is None or few + lost < lo[0]:
                lo = (few + lost, k)
            if hi is None or many + lost > hi[0]:
                hi = (many + lost, k)
        self.tails[node] = self._sum(tuple(parts))
        if lo is not None and hi is not None:
            self.best[node], self.worst[node] = lo, hi

    def _tail_dist(self, tail: Tail) -> int:
        got = self._tail_dists.get(tail)
        if got is None:
            got = self._tail_dists[tail] = self._intern_dist(*_single(tail))
        return got

    def _intern_dist(self, ends: dict[str, int], losses: dict[int, int]) -> int:
        key = (tuple(sorted(ends.items())), tuple(sorted(losses.items())))
        got = self._dist_ids.get(key)
        if got is None:
            got = self._dist_ids[key] = len(self._dists)
            self._dists.append((ends, losses))
        return got

    def _sum(self, parts: tuple[tuple[int, int, bool], ...]) -> int:
        got = self._sums.get(parts)
        if got is None:
            ends: dict[str, int] = {}
            losses: dict[int, int] = {}  # 2 * points lost (at most 100) + critical -> paths
            for dist, lost, critical in parts:
                sub_ends, sub_losses = self._dists[dist]
                for ending, n in sub_ends.items():
                    ends[ending] = ends.get(ending, 0) + n
                _merge(losses, sub_losses, lost, critical)
            got = self._sums[parts] = self._intern_dist(ends, losses)
        return got

    # --- the report -------------------------------------------------------------------------
    def _score(self, lost: int, critical: bool) -> tuple[int, bool]:
        value = max(0, 100 - lost)
        return value, value >= self.profile.pass_mark and not critical

    def _summarise(self, root_edges: list[Edge], complete: bool) -> Exploration:
        ends: dict[str, int] = {}
        losses: dict[int, int] = {}
        for _, (lost, critical), target in root_edges:
            if isinstance(target, Tail):
                sub_ends, sub_losses = _single(target)
            else:
                dist = self.tails.get(target)
                sub_ends, sub_losses = ({}, {}) if dist is None else self._dists[dist]
            for ending, n in sub_ends.items():
                ends[ending] = ends.get(ending, 0) + n
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
            states=len(self.edges_of),
            complete=complete,
            loop=self.loop,
            paths=sum(ends.values()) if exact else None,
            endings=dict(sorted(ends.items(), key=lambda kv: (-kv[1], kv[0]))),
            scores=dict(sorted(scores.items())),
            passing=passing,
            best=self._path(root_edges, self.best, fewest=True) if complete else None,
            worst=self._path(root_edges, self.worst, fewest=False) if complete else None,
            violations={
                rule: {where: sorted(what) for where, what in sorted(places.items())}
                for rule, places in sorted(self.violations.items())
            },
            unreached_endings=sorted(set(self.scenario.endings) - set(ends)) if complete else [],
            never_violated=[r for r in rule_ids if r not in self.violations] if complete else [],
        )

    def _path(
        self, root_edges: list[Edge], pick: dict[Node, tuple[int, int]], *, fewest: bool
    ) -> PathSummary | None:
        def lost_via(edge: Edge) -> int | None:
            _, (lost, _), target = edge
            if isinstance(target, Tail):
                return lost + target.lost
            got = pick.get(target)
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
            edge = self.edges_of[target][pick[target][1]]


VIOLATED_ = Status.VIOLATED


_UNREAD = -1  # a variable no condition reads: its value never matters


def _routes(scenario: Scenario) -> list[Route]:
    out = [scenario.start]
    for fase in scenario.fasen.values():
        out += [c.route for c in fase.choices]
        if fase.timer is not None:
            out.append(fase.timer.route)
        if fase.next is not None:
            out.append(fase.next)
    return out


def var_caps(scenario: Scenario) -> list[tuple[str, int | None]]:
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
    caps: list[tuple[str, int | None]] = []
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
    for root in sc.fasen:
        if root in known:
            continue
        stack: list[tuple[str, list[str]]] = [(root, sorted(successors(sc, root)))]
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
                    stack.append((nxt, sorted(successors(sc, nxt))))
                continue
            stack.pop()
            on_stack.discard(fid)
            known[fid] = None if fid in looped else _horizon(sc, fid, known, limit)
    return {fid: h for fid, h in known.items() if h is not None and fid in sc.fasen}


def _horizon(
    sc: Scenario, fid: str, known: dict[str, Horizon | None], limit: int
) -> Horizon | None:
    fase = sc.fasen[fid]
    talk = 0.0
    if not fase.is_event:
        talk = max(default_latency(fase), fase.timer.seconds if fase.timer else 0.0)
    jumps = {0.0}
    later = 0.0
    for nxt in successors(sc, fid):
        h = known.get(nxt)
        if h is None:
            return None
        elapse = sc.fasen[nxt].elapse if nxt in sc.fasen else 0.0
        jumps.update(elapse + j for j in h.jumps)
        later = max(later, h.talk)
        if len(jumps) > limit:
            return None
    return Horizon(frozenset(jumps), talk + later)


def _single(tail: Tail) -> tuple[dict[str, int], dict[int, int]]:
    return {tail.ending: 1}, {2 * min(tail.lost, 100) + tail.critical: 1}


def _merge(into: dict[int, int], sub: dict[int, int], lost: int, critical: bool) -> None:
    """Add a child's (2 * points lost + critical) counts, shifted by what the edge costs."""
    if not lost and not critical:
        for key, n in sub.items():
            into[key] = into.get(key, 0) + n
        return
    for key, n in sub.items():
        shifted = 2 * min(key // 2 + lost, 100) + (1 if critical else key % 2)
        into[shifted] = into.get(shifted, 0) + n


def explore(
    scenario: Scenario, profile: Profile, catalogue: Catalogue, *, max_states: int = MAX_STATES
) -> Exploration:
    return Explorer(scenario, profile, catalogue, max_states=max_states).run()
