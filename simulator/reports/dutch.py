"""The Dutch words the report writers share; numbers, counts and durations are
``simulator.dutch``'s (imported here for the report modules that write ``dutch.number``)."""

from __future__ import annotations

from simulator.dutch import NONE, number, percent, plural
from simulator.language.vocabulary import LEVELS

STATUS = {"ok": "ok", "violated": "overtreden", "n/a": "n.v.t."}
MODES = {"training": "training", "examen": "examen"}
ATTEMPT_STATUS = {"afgerond": "afgerond", "afgebroken": "afgebroken (examen gestopt)"}


def yes_no(value: bool | None) -> str:
    return NONE if value is None else ("ja" if value else "nee")


def outcome(passed: bool) -> str:
    return "geslaagd" if passed else "niet geslaagd"


def level(value: int) -> str:
    return f"{value} {LEVELS.get(value, '')}".strip()


def score(value: int | None) -> str:
    return NONE if value is None else str(value)


__all__ = [
    "ATTEMPT_STATUS",
    "MODES",
    "NONE",
    "STATUS",
    "level",
    "number",
    "outcome",
    "percent",
    "plural",
    "score",
    "yes_no",
]
