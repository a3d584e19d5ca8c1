"""The data of the group report's section per class session (klassikaal): plain frozen
records that go into the JSON report as they are. ``simulator.reports.classes`` fills them
from the store and makes the tables the HTML and Markdown writers show."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ClassStep:
    step: int
    fase: str
    level: int
    chosen: str  # the intervention's name
    how: str
    votes: str  # "1: 7 · 2: 3 · 3: 0"
    voters: int
    model: str | None  # what the protocol asked, when the group did something else
    broken: tuple[str, ...]  # rule titles


@dataclass(frozen=True, slots=True)
class ClassBranch:
    number: int
    parent: int | None
    fork: int
    finished: bool
    ending: str | None
    score: int
    passed: bool
    violated: tuple[str, ...]  # rule titles
    steps: tuple[ClassStep, ...]


@dataclass(frozen=True, slots=True)
class ClassMember:
    name: str
    votes: int
    steps: int
    good: int  # votes that broke no rule
    score: int | None
    passed: bool
    violated: tuple[str, ...]  # rule titles


@dataclass(frozen=True, slots=True)
class ClassSummary:
    id: int
    scenario: str
    title: str
    course_title: str | None
    started: str
    ended: str | None
    status: str
    branches: tuple[ClassBranch, ...]
    members: tuple[ClassMember, ...]
