"""Which rules each step of an attempt broke, read from the rules' folds.

A rule's verdict (``scoring.rules``) names its first violation. The debrief marks every
step that broke a rule, also a rule broken again later, and the score deducts one act once,
at its heaviest severity. Both need "which rules did step k break", worked out here from the
folds (``FOLD`` in each rule's file): a decision breaks a rule when it takes the rule's fold to the
violated state ``V``.

``V`` is final: once a rule is violated its fold cannot show a second violation. So each
fold is also followed *as if each violation were forgiven*: when a decision takes it to
``V``, the step is noted and the fold keeps the state it had just before, and goes on from
there with the events that follow. A later decision that again takes it to ``V`` is a
repeated violation. Until its first violation the forgiving fold is the fold itself, so its
first break is exactly where the rule's fold becomes ``V``.

A rule violated only by how the attempt ends (an obligation not met, an intervention that
came too late) is not broken by one step: it has no break here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from scoring.context import WAIT
from scoring.fold import Fold, V
from scoring.fold import State as FoldState
from scoring.registry import FOLDS
from simulator.engine.trace import TraceEvent
from simulator.language.model import Catalogue, Profile, Scenario


@dataclass(frozen=True, slots=True)
class Break:
    """A rule broken by one step: ``first`` is the violation that counts in the score."""

    rule: str
    step: int
    fase: str
    first: bool


def step_breaks(
    scenario: Scenario, trace: Sequence[TraceEvent], profile: Profile, catalogue: Catalogue
) -> tuple[Break, ...]:
    """Every rule broken at every step of the attempt, in the order of the steps (and of the
    rules within a step)."""
    folds: list[Fold] = [f(scenario, profile, catalogue) for f in FOLDS]
    states: list[FoldState] = [f.start() for f in folds]
    broken: set[str] = set()
    out: list[Break] = []
    t = 0.0
    for ev in trace:
        if ev.t != t:
            dt = ev.t - t
            states = [f.tick(s, dt) if f.timed else s for f, s in zip(folds, states, strict=True)]
            t = ev.t
        fase = scenario.fasen.get(ev.fase or "")
        if fase is None:
            continue
        if ev.kind in ("enter", "event"):
            states = [f.visit(s, fase) for f, s in zip(folds, states, strict=True)]
            continue
        if ev.kind not in ("choice", "timeout"):
            continue
        choice = fase.choice(ev.choice or "") if ev.kind == "choice" else None
        item = catalogue.interventions.get(choice.intervention) if choice else None
        category = item.category if item else WAIT
        style = item.style if item else "neutraal"
        timed_out = item is None and ev.kind == "timeout"
        for i, (fold, before) in enumerate(zip(folds, states, strict=True)):
            after = fold.decide(before, fase, category, style, timed_out)
            if after == V and before != V:
                out.append(Break(fold.id, ev.step or 0, fase.id, fold.id not in broken))
                broken.add(fold.id)
                after = fold.forgiven(before)  # a later step may break the rule again
            states[i] = after
    return tuple(out)


def acts(breaks: Sequence[Break]) -> dict[int, tuple[str, ...]]:
    """Per step: the rules whose first violation it was (the act that costs)."""
    out: dict[int, list[str]] = {}
    for b in breaks:
        if b.first:
            out.setdefault(b.step, []).append(b.rule)
    return {step: tuple(rules) for step, rules in out.items()}
