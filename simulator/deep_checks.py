"""Checks on the shape of a scenario as a graph: what can be reached, and what leads out."""

from __future__ import annotations

from collections import deque

from simulator.model import Scenario
from simulator.problems import Problems


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


def leads_to_an_end(scenario: Scenario) -> set[str]:
    back: dict[str, set[str]] = {}
    for fid in scenario.fasen:
        for nxt in successors(scenario, fid):
            back.setdefault(nxt, set()).add(fid)
    good = set(scenario.endings)
    queue = deque(good)
    while queue:
        for prev in back.get(queue.popleft(), ()):
            if prev not in good:
                good.add(prev)
                queue.append(prev)
    return good


def check_shape(scenario: Scenario, problems: Problems) -> None:
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
    stuck = {fid for fid in scenario.fasen if fid in seen} - leads_to_an_end(scenario)
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


def _line(scenario: Scenario, fid: str) -> int:
    mark = scenario.fasen[fid].mark
    return mark.line if mark else 0
