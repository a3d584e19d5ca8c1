"""A result as plain Dutch text, for the command line."""

from __future__ import annotations

import textwrap

from scoring import BY_ID, Result, Status
from simulator.trace import format_clock

_MARK = {Status.OK: "✓ gehouden", Status.VIOLATED: "✗ overtreden", Status.NA: "– n.v.t."}


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(
        " ".join(text.split()), 78, initial_indent=indent, subsequent_indent=indent
    )


def result_text(result: Result, *, finished: bool = True) -> str:
    head = "GESLAAGD" if result.passed else "NIET GESLAAGD"
    lines = [
        f"Score: {result.score}/100 — {head} (slaaggrens {result.pass_mark}, profiel {result.profile})"
    ]
    if not finished:
        lines.append(
            "(De poging is nog niet afgelopen; verplichtingen 'na afloop' zijn nog niet beoordeeld.)"
        )
    if result.critical:
        lines.append("Een kritieke regel is overtreden: dan slaagt u nooit, wat de score ook is.")
    lines.append("")
    lines.append("Competenties:")
    for name, value in result.competencies.items():
        shown = "n.v.t." if value is None else f"{value:>3}"
        lines.append(f"  {name:<22} {shown}")
    lines.append("")
    lines.append("Regels:")
    for v in result.verdicts:
        rule = BY_ID[v.rule]
        where = (
            f" (stap {v.step}, {format_clock(v.time or 0)})"
            if v.step is not None and v.status is Status.VIOLATED
            else ""
        )
        lines.append(f"  {_MARK[v.status]:<13} {rule.title} [{result.severities[v.rule]}]{where}")
        if v.status is Status.VIOLATED:
            lines.append(_wrap(v.evidence, "      "))
            if v.expected:
                lines.append(_wrap(f"Het protocol: {v.expected}", "      "))
            lines.append(_wrap(f"Bron: {rule.citation}", "      "))
    return "\n".join(lines)
