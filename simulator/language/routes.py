"""How a route goes on, as the engine takes it: shared by the checks, the diagram and explore.

The engine tries a route's branches in order: a branch whose 'als' does not hold is
skipped; a 'kans' below 1 may come up or not (so the next branches stay possible); the
first branch without a chance (or with chance 1) is always taken and ends the list.
"""

from __future__ import annotations

from collections.abc import Mapping

from simulator.language.model import Branch, Route


def open_branches(route: Route, values: Mapping[str, int]) -> list[Branch]:
    """The branches this route can take with these variables, in the engine's order."""
    out: list[Branch] = []
    for branch in route.branches:
        if branch.condition is not None and not branch.condition.holds(values):
            continue
        out.append(branch)
        if branch.chance is None or branch.chance >= 1:
            break
    return out


def with_effects(
    values: Mapping[str, int], effect: Mapping[str, int], assign: Mapping[str, int]
) -> dict[str, int]:
    """The variables after 'effect' (adds) and then 'zet' (sets), as the engine applies them."""
    out = dict(values)
    for name, amount in effect.items():
        out[name] = out.get(name, 0) + amount
    out.update(assign)
    return out
