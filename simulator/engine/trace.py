"""The event trace of an attempt: everything that happened, in order, as small data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True, slots=True, init=False)
class TraceEvent:
    """One thing that happened.

    kinds: ``enter`` (a fase with choices), ``event`` (a fase that goes on by itself),
    ``choice``, ``timeout`` (the timer ran out), ``chance`` (a seeded draw), ``clock``
    (scenario time passed), ``vars`` (variables changed), ``end`` (an ending reached).
    ``t`` is the logical clock in seconds since the start of the attempt.
    """

    kind: str
    t: float
    fase: str | None = None
    step: int | None = None
    choice: str | None = None
    intervention: str | None = None
    latency: float | None = None
    roll: float | None = None
    p: float | None = None
    taken: bool | None = None
    seconds: float | None = None
    vars: dict[str, int] | None = None
    ending: str | None = None

    def __init__(
        self,
        kind: str,
        t: float,
        fase: str | None = None,
        step: int | None = None,
        choice: str | None = None,
        intervention: str | None = None,
        latency: float | None = None,
        roll: float | None = None,
        p: float | None = None,
        taken: bool | None = None,
        seconds: float | None = None,
        vars: dict[str, int] | None = None,
        ending: str | None = None,
    ) -> None:
        # What the dataclass would generate, but it would set each field of a frozen class
        # through object.__setattr__; setting the slots directly takes half the time, and
        # the engine makes two or three events at every step.
        _set_kind(self, kind)
        _set_t(self, t)
        _set_fase(self, fase)
        _set_step(self, step)
        _set_choice(self, choice)
        _set_intervention(self, intervention)
        _set_latency(self, latency)
        _set_roll(self, roll)
        _set_p(self, p)
        _set_taken(self, taken)
        _set_seconds(self, seconds)
        _set_vars(self, vars)
        _set_ending(self, ending)

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TraceEvent:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    @property
    def is_decision(self) -> bool:
        return self.kind in ("choice", "timeout")


def _slot_setter(name: str) -> Callable[[TraceEvent, Any], None]:
    setter: Callable[[TraceEvent, Any], None] = TraceEvent.__dict__[name].__set__
    return setter


_set_kind = _slot_setter("kind")
_set_t = _slot_setter("t")
_set_fase = _slot_setter("fase")
_set_step = _slot_setter("step")
_set_choice = _slot_setter("choice")
_set_intervention = _slot_setter("intervention")
_set_latency = _slot_setter("latency")
_set_roll = _slot_setter("roll")
_set_p = _slot_setter("p")
_set_taken = _slot_setter("taken")
_set_seconds = _slot_setter("seconds")
_set_vars = _slot_setter("vars")
_set_ending = _slot_setter("ending")
assert [f.name for f in fields(TraceEvent)] == list(TraceEvent.__slots__)  # one setter each
