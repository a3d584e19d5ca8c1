"""The Dutch words and number formats the report writers share."""

from __future__ import annotations

from simulator.language.vocabulary import LEVELS

STATUS = {"ok": "ok", "violated": "overtreden", "n/a": "n.v.t."}
MODES = {"training": "training", "examen": "examen"}
ATTEMPT_STATUS = {"afgerond": "afgerond", "afgebroken": "afgebroken (examen gestopt)"}
NONE = "–"


def number(value: float | None, digits: int = 1) -> str:
    """'72,5' (a decimal comma), '70' for whole numbers, '–' for no value."""
    if value is None:
        return NONE
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{digits}f}".replace(".", ",")


def percent(value: float | None) -> str:
    return NONE if value is None else f"{number(value)}%"


def yes_no(value: bool | None) -> str:
    return NONE if value is None else ("ja" if value else "nee")


def outcome(passed: bool) -> str:
    return "geslaagd" if passed else "niet geslaagd"


def level(value: int) -> str:
    return f"{value} {LEVELS.get(value, '')}".strip()


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def score(value: int | None) -> str:
    return NONE if value is None else str(value)
