"""The event trace of an attempt: everything that happened, in order, as small data."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True, slots=True)
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

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TraceEvent:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})

    @property
    def is_decision(self) -> bool:
        return self.kind in ("choice", "timeout")


def format_clock(t: float) -> str:
    """Elapsed time: '0:37', '18:00:30', and after a day '2d 03:05:12' (never a time of day)."""
    total = round(t)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    if days == 0 and hours == 0:
        return f"{minutes}:{seconds:02d}"
    if days == 0:
        return f"{hours}:{minutes:02d}:{seconds:02d}"
    return f"{days}d {hours:02d}:{minutes:02d}:{seconds:02d}"


def format_duration(seconds: float) -> str:
    """'10 minuten', '18 uur', '1 dag', '2 dagen en 3 uur' (Dutch, for elapsed scenario time)."""
    total = round(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts: list[str] = []
    if days:
        parts.append(f"{days} dag" if days == 1 else f"{days} dagen")
    if hours:
        parts.append(f"{hours} uur")
    if minutes:
        parts.append(f"{minutes} minuut" if minutes == 1 else f"{minutes} minuten")
    if not parts:
        return f"{total} seconden"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
