"""Shared shape of 'after an incident, do X before the end' rules, per incident."""

from scoring.context import Context, Decision, Visit
from scoring.fold import NA, OK, VIOLATED, Fold, State, V, tuple3
from scoring.verdict import Status, Verdict
from simulator.language.model import Fase

UNREACHED = (
    "na het incident kwam u niet meer op een moment waarop dit kon: het scenario eindigde eerder"
)


def offers(ctx: Context, d: Decision, category: str) -> bool:
    """Whether ``category`` was among the choices at decision ``d``."""
    return any(
        (iv := ctx.catalogue.interventions.get(c.intervention)) is not None
        and iv.category == category
        for c in d.fase.choices
    )


def after_incident(
    ctx: Context, rule: str, category: str, done: str, missing: str, expected: str
) -> Verdict:
    """Each incident asks for ``category`` before the end. An incident after which it was
    never on offer (the scenario ended first) is not held against the trainee."""
    pending = False  # an incident waits for it
    offered = False  # ... and it was on offer since
    any_incident = False
    last_done: Decision | None = None
    for item in ctx.timeline:
        if isinstance(item, Visit):
            if item.facts.incident and not pending:
                pending, offered, any_incident = True, False, True
            continue
        if pending and item.category == category:
            pending, last_done = False, item
        elif pending and offers(ctx, item, category):
            if item.category == "afronden":  # it was on offer, and the trainee moved on
                return ctx.violated(
                    rule, item, f"{item.describe()} ({item.where()}). {missing}", expected
                )
            offered = True
    if not any_incident:
        return ctx.na(rule, "er was geen incident")
    if pending and not ctx.final:
        return ctx.na(rule, "nog niet beslist")
    if pending and offered:
        return ctx.violated(rule, None, missing, expected)
    if pending and not ctx.ended:
        return ctx.violated(rule, None, f"{missing} U stopte voordat het zover was.", expected)
    if last_done is not None:
        return ctx.ok(rule, done, last_done)
    return ctx.na(rule, UNREACHED)


class AfterIncident(Fold):
    """'After each incident, do X before the end'. State: (any incident, one done, pending:
    0 no, 1 waiting, 2 waiting and X was on offer since)."""

    category = ""

    def start(self) -> State:
        return (False, False, 0)

    def visit(self, s: State, fase: Fase) -> State:
        if s == V:
            return s
        _seen, done, pending = tuple3(s)
        if fase.facts.incident and not pending:
            return (True, done, 1)
        return s

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        seen, done, pending = tuple3(s)
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
        seen, done, pending = tuple3(s)
        if not seen:
            return NA
        if pending == 2:
            return VIOLATED
        return OK if done else NA
