"""The result of an attempt as the store keeps it, read back with its types.

``scoring.Result.to_json()`` writes it when an attempt ends; every reader (the reports, the
xAPI export, the progress screen, a resumed session) gets a ``StoredResult`` from the store
instead of a dictionary to dig in. ``from_json`` checks what the readers rely on and says in
Dutch what is damaged (``DamagedResult``); ``to_json`` gives back exactly what was stored, so
keys no reader needs (titles, evidence, feedback) are kept as they were.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


class DamagedResult(ValueError):
    """What is wrong with a stored result, in Dutch (the store adds where it is)."""


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class StoredVerdict:
    rule: str | None  # None: a verdict without a rule, which no report shows
    status: str  # ok, violated or n/a
    step: int | None = None  # the decision that broke the rule
    severity: str | None = None  # as the scenario's profile weighed it (kritiek, zwaar, …)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StoredVerdict:
        rule = data.get("rule")
        step = data.get("step")
        severity = data.get("severity")
        return cls(
            None if rule is None else str(rule),
            str(data.get("status")),
            step if isinstance(step, int) and not isinstance(step, bool) else None,
            severity if isinstance(severity, str) else None,
        )

    @property
    def violated(self) -> bool:
        return self.status == "violated"


@dataclass(frozen=True, slots=True)
class StoredStep:
    """One decision: the verdicts decided there, and the rules it broke again."""

    step: int | None
    verdicts: tuple[StoredVerdict, ...]
    repeated: tuple[str, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StoredStep:
        step = data.get("step")
        return cls(
            step if isinstance(step, int) and not isinstance(step, bool) else None,
            tuple(
                StoredVerdict.from_json(v)
                for v in data.get("verdicts", [])
                if isinstance(v, dict) and "rule" in v
            ),
            tuple(str(r) for r in data.get("repeated", [])),
        )


@dataclass(frozen=True, slots=True)
class StoredResult:
    score: float | None
    passed: bool | None
    pass_mark: float | None
    competencies: dict[str, float | None]
    verdicts: tuple[StoredVerdict, ...]
    steps: tuple[StoredStep, ...]
    failed_kernregels: tuple[str, ...]
    abandoned: bool  # an exam stopped before the end
    stored: dict[str, Any] = field(repr=False, compare=False)  # the JSON, kept whole

    @classmethod
    def from_json(cls, data: object) -> StoredResult:
        """The result in ``data`` (a decoded JSON object), checked for what readers read."""
        if not isinstance(data, dict):
            raise DamagedResult("het resultaat is geen JSON-object")
        verdicts = data.get("verdicts", [])
        if not isinstance(verdicts, list) or not all(
            isinstance(v, dict) and isinstance(v.get("rule", ""), str) and "status" in v
            for v in verdicts
        ):
            raise DamagedResult("de oordelen per regel ('verdicts') kloppen niet")
        competencies = data.get("competencies") or {}
        if not isinstance(competencies, dict) or not all(
            v is None or _number(v) for v in competencies.values()
        ):
            raise DamagedResult("de competenties kloppen niet")
        for key in ("score", "pass_mark"):
            if data.get(key) is not None and not _number(data[key]):
                raise DamagedResult(f"'{key}' is geen getal")
        steps = data.get("steps", [])
        if not isinstance(steps, list):
            raise DamagedResult("de stappen ('steps') kloppen niet")
        passed = data.get("passed")
        return cls(
            score=data.get("score"),
            passed=None if passed is None else bool(passed),
            pass_mark=data.get("pass_mark"),
            competencies={str(k): v for k, v in competencies.items()},
            verdicts=tuple(StoredVerdict.from_json(v) for v in verdicts),
            steps=tuple(StoredStep.from_json(s) for s in steps if isinstance(s, dict)),
            failed_kernregels=tuple(str(r) for r in data.get("failed_kernregels", [])),
            abandoned=bool(data.get("abandoned", False)),
            stored=data,
        )

    @classmethod
    def from_text(cls, text: str) -> StoredResult:
        try:
            data = json.loads(text)
        except ValueError:
            raise DamagedResult("het resultaat is geen geldige JSON") from None
        return cls.from_json(data)

    def to_json(self) -> dict[str, Any]:
        return dict(self.stored)

    def to_text(self) -> str:
        return json.dumps(self.stored, ensure_ascii=False)

    def competency(self, name: str) -> float | None:
        value = self.competencies.get(name)
        return None if value is None else float(value)

    @property
    def violated(self) -> tuple[str, ...]:
        """The rules broken, in the order of the verdicts."""
        return tuple(v.rule for v in self.verdicts if v.rule is not None and v.violated)
