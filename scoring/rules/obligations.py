"""Shared shape of 'after an incident, do X before the end' rules."""

from scoring.context import Context
from scoring.verdict import Verdict


def after_incident(
    ctx: Context, rule: str, category: str, done: str, missing: str, expected: str
) -> Verdict:
    incident = ctx.first_incident()
    if incident is None:
        return ctx.na(rule, "er was geen incident")
    for d in ctx.decisions_after(incident.index):
        if d.category == category:
            return ctx.ok(rule, done, d)
    if not ctx.final:
        return ctx.na(rule, "nog niet beslist")
    return ctx.violated(rule, None, missing, expected)
