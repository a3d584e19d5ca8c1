"""Checks on the shape of a scenario as a graph: what can be reached, what leads out, and
where the model answer goes."""

from __future__ import annotations

from collections import deque
from collections.abc import Collection
from dataclasses import dataclass

from simulator.language.model import Branch, Route, Scenario
from simulator.language.problems import Mark, Problems
from simulator.language.routes import open_branches, with_effects
from simulator.language.yamlsource import Node


def successors(scenario: Scenario, node: str) -> set[str]:
    fase = scenario.fasen.get(node)
    if fase is None:
        return set()
    out: set[str] = set()
    for choice in fase.choices:
        out.update(choice.route.targets)
    if fase.timer is not None:
        out.update(fase.timer.route.targets)
    if fase.next is not None:
        out.update(fase.next.targets)
    return out


def reachable(scenario: Scenario) -> set[str]:
    seen = set(scenario.start.targets)
    queue = deque(seen)
    while queue:
        for nxt in successors(scenario, queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def leads_to_an_end(scenario: Scenario, dead_ends: Collection[str] = ()) -> set[str]:
    """The fasen from which an ending (or a dead end, reported on its own) can be reached."""
    back: dict[str, set[str]] = {}
    for fid in scenario.fasen:
        for nxt in successors(scenario, fid):
            back.setdefault(nxt, set()).add(fid)
    good = set(scenario.endings) | set(dead_ends)
    queue = deque(good)
    while queue:
        for prev in back.get(queue.popleft(), ()):
            if prev not in good:
                good.add(prev)
                queue.append(prev)
    return good


def check_shape(scenario: Scenario, problems: Problems, root: Node | None = None) -> None:
    """Every check on the scenario as a whole; with the YAML tree also the screen checks."""
    seen = reachable(scenario)
    for fid, fase in scenario.fasen.items():
        if fid not in seen:
            problems.warn(
                fase.mark, f"fasen.{fid}", f"de fase '{fid}' is vanaf de start nooit te bereiken"
            )
    for eid, ending in scenario.endings.items():
        if eid not in seen:
            problems.warn(
                ending.mark,
                f"eindes.{eid}",
                f"het einde '{eid}' is vanaf de start nooit te bereiken",
            )
    dead = {fid for fid in scenario.fasen if fid in seen and not successors(scenario, fid)}
    for fid in sorted(dead, key=lambda f: _line(scenario, f)):
        # 'keuzes: []' without a timer: the loader sees keuzes, but there is no way on
        problems.add(
            scenario.fasen[fid].mark,
            f"fasen.{fid}",
            f"de fase '{fid}' loopt dood: er is geen keuze, geen timer en geen 'verder'; "
            "geef 'keuzes' (de trainee kiest), een timer of 'verder' (het verhaal gaat vanzelf verder)",
        )
    stuck = {fid for fid in scenario.fasen if fid in seen} - leads_to_an_end(scenario, dead)
    while stuck:
        first = min(stuck, key=lambda f: _line(scenario, f))
        group = {first}
        queue = deque([first])
        while queue:  # the fasen the stuck story keeps circling through
            for nxt in successors(scenario, queue.popleft()):
                if nxt in stuck and nxt not in group:
                    group.add(nxt)
                    queue.append(nxt)
        stuck -= group
        names = ", ".join(sorted(group, key=lambda f: _line(scenario, f)))
        problems.add(
            scenario.fasen[first].mark,
            f"fasen.{first}",
            f"vanuit de fase '{first}' is geen enkel einde te bereiken: het verhaal blijft rondgaan "
            f"(via {names}); geef een keuze of timer die naar een einde leidt",
        )
    if not problems:
        check_model_path(scenario, problems)
    if root is not None:
        from simulator.language.screen_fit import check_screen_fit

        check_screen_fit(scenario, root, problems)


def _line(scenario: Scenario, fid: str) -> int:
    mark = scenario.fasen[fid].mark
    return mark.line if mark else 0


# --- the model path ---------------------------------------------------------------------------

MAX_MODEL_STATES = 20_000  # (fase, variables) pairs; beyond this the walk stops, unjudged

_Vars = tuple[tuple[str, int], ...]
_State = tuple[str, _Vars]


@dataclass(frozen=True, slots=True)
class _Step:
    """One way the model path goes on: along ``branch`` (a ``kind`` of route: start, keuze,
    timer or verder), written at ``path``."""

    target: _State
    branch: Branch
    path: str
    kind: str


@dataclass
class ModelWalk:
    """Every state (fase, variables) the model answer can reach, and how: ``first`` are the
    ways from the start, ``edges`` the ways on from each state reached, ``parent`` the way
    each state was first reached. ``complete`` is False past ``MAX_MODEL_STATES``."""

    first: list[_Step]
    edges: dict[_State, list[_Step]]
    parent: dict[_State, tuple[_State | None, _Step]]
    complete: bool


def _apply(values: _Vars, effect: dict[str, int], assign: dict[str, int]) -> _Vars:
    if not effect and not assign:
        return values
    return tuple(sorted(with_effects(dict(values), effect, assign).items()))


def _ways(route: Route, values: _Vars, base: str, kind: str) -> list[_Step]:
    """The steps along a route with these values (see ``routes.open_branches``)."""
    if len(route.branches) == 1:
        return [
            _Step((b.target, values), b, base, kind) for b in open_branches(route, dict(values))
        ]
    where = {id(b): j for j, b in enumerate(route.branches, start=1)}
    return [
        _Step((b.target, values), b, f"{base}[{where[id(b)]}]", kind)
        for b in open_branches(route, dict(values))
    ]


def _model_steps(scenario: Scenario, state: _State) -> list[_Step]:
    fid, values = state
    fase = scenario.fasen[fid]
    values = _apply(values, fase.effect, fase.assign)
    if fase.next is not None:
        route, base, kind = fase.next, f"fasen.{fid}.verder", "verder"
    elif fase.choices:
        model = fase.model_choice
        if model is None:  # the loader reports a fase with choices but no model answer
            return []
        index = fase.choices.index(model) + 1
        values = _apply(values, model.effect, model.assign)
        route, base, kind = model.route, f"fasen.{fid}.keuzes[{index}].naar", "keuze"
    elif fase.timer is not None:  # a fase without choices: the story waits for the timer
        route, base, kind = fase.timer.route, f"fasen.{fid}.timer.naar", "timer"
    else:
        return []
    return _ways(route, values, base, kind)


def walk_model_path(scenario: Scenario) -> ModelWalk:
    """Follow the model answer from the start: every chance branch, and conditions with the
    values they would have on that path."""
    start_values: _Vars = tuple(sorted(scenario.variables.items()))
    first = _ways(scenario.start, start_values, "start", "start")
    parent: dict[_State, tuple[_State | None, _Step]] = {}
    edges: dict[_State, list[_Step]] = {}
    queue: deque[_State] = deque()
    for step in first:
        if step.target not in parent:
            parent[step.target] = (None, step)
            queue.append(step.target)
    while queue:
        state = queue.popleft()
        if state[0] in scenario.endings:
            continue
        if len(parent) > MAX_MODEL_STATES:
            return ModelWalk(first, edges, parent, complete=False)
        edges[state] = _model_steps(scenario, state)
        for step in edges[state]:
            if step.target not in parent:
                parent[step.target] = (state, step)
                queue.append(step.target)
    return ModelWalk(first, edges, parent, complete=True)


def check_model_path(scenario: Scenario, problems: Problems) -> None:
    """The model answer must reach an ending, and that ending must be good."""
    walk = walk_model_path(scenario)
    parent, edges = walk.parent, walk.edges

    # endings the model answer reaches that are not good
    reached = {state[0] for state in parent if state[0] in scenario.endings}
    reported: set[str] = set()
    for state in parent:
        ending = scenario.endings.get(state[0])
        if ending is None or ending.outcome == "goed" or ending.id in reported:
            continue
        reported.add(ending.id)
        step = parent[state][1]
        how = "eindigt" if len(reached) == 1 else "kan eindigen (als het toeval het zo wil)"
        problems.add(
            _mark(step),
            step.path,
            f"het modelantwoord {how} in '{ending.id}' (uitkomst {ending.outcome}), via "
            f"{_route_to(parent, state)}; het modelantwoord hoort goed af te lopen. Kies bij een "
            "van deze fasen een ander modelantwoord, of laat deze route naar een goed einde gaan",
        )

    # states from which the model answer never reaches an ending: it keeps circling
    if not walk.complete:
        return
    back: dict[_State, list[_State]] = {}
    for state, steps in edges.items():
        for step in steps:
            back.setdefault(step.target, []).append(state)
    ends = deque(s for s in parent if s[0] in scenario.endings)
    good = set(ends)
    while ends:
        for prev in back.get(ends.popleft(), ()):
            if prev not in good:
                good.add(prev)
                ends.append(prev)
    stuck = [s for s in parent if s not in good]  # in the order the walk found them
    if not stuck:
        return
    # walk on from the first stuck state until a state repeats: that is the loop
    order: list[_State] = []
    at: _State | None = stuck[0]
    while at is not None and at not in order:
        order.append(at)
        at = next((st.target for st in edges.get(at, ()) if st.target not in good), None)
    if at is None:  # pragma: no cover - a fase with no way on is reported by the loader
        return
    loop = order[order.index(at) :]
    closing = next(step for step in edges[loop[-1]] if step.target == at)
    names = " → ".join([s[0] for s in loop] + [at[0]])
    problems.add(
        _mark(closing),
        closing.path,
        f"het modelantwoord loopt rond: {names}; wie steeds het modelantwoord kiest, komt nooit "
        "bij een einde. Laat het modelantwoord in een van deze fasen verder gaan dan het "
        "kringetje",
    )


def _route_to(parent: dict[_State, tuple[_State | None, _Step]], state: _State) -> str:
    """The fasen from the start to ``state``, along the shortest way the walk found."""
    names = [state[0]]
    at = parent[state][0]
    while at is not None:
        names.append(at[0])
        at = parent[at][0]
    return "start → " + " → ".join(reversed(names))


def _mark(step: _Step) -> Mark | None:
    return step.branch.mark
