"""The small condition language of routes: ``spanning >= 2 en geduld < 1``.

A condition is one or more comparisons of a variable with a whole number, joined by
``en``. Variables are whole numbers declared under ``variabelen``.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

OPERATORS: dict[str, Callable[[int, int], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "==": operator.eq,
    "!=": operator.ne,
    ">": operator.gt,
    "<": operator.lt,
    "=": operator.eq,
}
_CLAUSE = re.compile(r"^\s*([a-z_][a-z0-9_]*)\s*(>=|<=|==|!=|>|<|=)\s*(-?\d+)\s*$")


class ConditionError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Clause:
    variable: str
    op: str
    value: int

    def holds(self, variables: Mapping[str, int]) -> bool:
        return OPERATORS[self.op](variables.get(self.variable, 0), self.value)


@dataclass(frozen=True, slots=True)
class Condition:
    text: str
    clauses: tuple[Clause, ...]

    def holds(self, variables: Mapping[str, int]) -> bool:
        return all(c.holds(variables) for c in self.clauses)

    @property
    def variables(self) -> tuple[str, ...]:
        return tuple(c.variable for c in self.clauses)


def parse_condition(text: str) -> Condition:
    parts = re.split(r"\s+en\s+", text.strip())
    clauses: list[Clause] = []
    for part in parts:
        m = _CLAUSE.match(part)
        if m is None:
            raise ConditionError(
                f"'{part.strip()}' is geen geldige voorwaarde; schrijf bijvoorbeeld "
                "'spanning >= 2' of 'spanning >= 2 en geduld < 1'"
            )
        clauses.append(Clause(m.group(1), m.group(2), int(m.group(3))))
    return Condition(text.strip(), tuple(clauses))
