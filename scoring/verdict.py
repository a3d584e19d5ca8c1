"""Verdicts and the shape of a rule."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scoring.context import Context


class Status(StrEnum):
    OK = "ok"
    VIOLATED = "violated"
    NA = "n/a"


@dataclass(frozen=True, slots=True)
class Verdict:
    rule: str
    status: Status
    step: int | None = None
    time: float | None = None
    fase: str | None = None
    evidence: str = ""
    expected: str | None = None  # for a violation: what the protocol expected there

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "status": self.status.value,
            "step": self.step,
            "time": self.time,
            "fase": self.fase,
            "evidence": self.evidence,
            "expected": self.expected,
        }


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    explanation: str
    severity: str  # kritiek, zwaar, licht
    competency: str
    citation: str
    violated_when: str  # for authors: exactly which facts and categories make it 'violated'
    check: Callable[[Context], Verdict]

    def to_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "title": self.title,
            "explanation": self.explanation,
            "severity": self.severity,
            "competency": self.competency,
            "citation": self.citation,
            "violated_when": self.violated_when,
        }
