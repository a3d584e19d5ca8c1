"""What the trainer sees of the group, live: who is where, who passed what, which rules the
group breaks most. Plain data from the store, for the trainer view (no Textual here)."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.dutch import plural
from simulator.language.library import Library
from simulator.language.vocabulary import LEVELS
from simulator.reports.data import (
    RuleCount,
    attempt_line,
    counted,
    rule_counts,
    scenario_title,
    unfinished_exams,
)
from simulator.reports.shorten import sentences_within
from simulator.store import Store
from simulator.store.classroom import Classroom

PLACES = {
    "welkom": "aangemeld",
    "lijst": "kiest een scenario",
    "briefing": "leest de briefing",
    "speelt": "speelt",
    "nabespreking": "nabespreking",
    "examenuitslag": "examenuitslag",
    "voortgang": "bekijkt voortgang",
}
AWAY = "niet aangemeld"
WHAT_HAPPENS = 90  # characters of a fase's text, in whole sentences, for 'waar'


@dataclass(frozen=True, slots=True)
class TraineeLive:
    name: str
    now: str  # where they are, in words; AWAY when no browser is open for them
    scenario: str  # the title of what they play or read now, or ""
    fase: str  # where in the scenario while playing: level and what happens, or ""
    finished: int  # counted attempts
    passed: tuple[str, ...]  # titles of the scenarios passed at least once
    last: str  # the last counted attempt: '85 ✓ title' (✗: not passed); an unfinished exam first

    @property
    def online(self) -> bool:
        return self.now != AWAY


@dataclass(frozen=True, slots=True)
class GroupLive:
    groep: str | None
    trainees: tuple[TraineeLive, ...]
    attempts: int
    passed: int
    rules: tuple[RuleCount, ...]

    @property
    def online(self) -> int:
        return sum(1 for t in self.trainees if t.online)

    @property
    def playing(self) -> int:
        return sum(1 for t in self.trainees if t.now == PLACES["speelt"])

    def summary(self) -> str:
        who = f"Groep {self.groep}" if self.groep else "Alle trainees in deze opslag"
        playing = f"{self.playing} {'speelt' if self.playing == 1 else 'spelen'} nu"
        attempts = plural(self.attempts, "poging", "pogingen")
        return (
            f"{who}: {self.online} van de {len(self.trainees)} aangemeld, {playing}. "
            f"{attempts} afgerond, {self.passed} geslaagd."
        )


def where_in(lib: Library, scenario: str | None, fase: str | None) -> str:
    """Where a trainee is in a scenario, for a trainer reading from a distance: the level
    and what happens there (the fase's first sentence), never a fase's id:
    '2 dreigend controleverlies · Meneer Dijkhuis slaat met zijn vlakke hand op het bureau'."""
    if not scenario or not fase:
        return ""
    sc = lib.scenarios.get(scenario)
    if sc is None:
        return ""  # a scenario that is not in this library: its fasen are unknown
    if fase in sc.endings:
        return f"einde: {sc.endings[fase].title}"
    if fase not in sc.fasen:
        return ""
    level = sc.fasen[fase].facts.level
    happens = sentences_within(sc.fasen[fase].text, WHAT_HAPPENS)  # 'Maandagmiddag.' and more
    return f"{level} {LEVELS.get(level, '?')} · {happens}"


def group_live(store: Store, classroom: Classroom, lib: Library, groep: str | None) -> GroupLive:
    present = {p.name: p for p in classroom.present(groep)}
    every = store.attempts(groep=groep)
    open_exams = unfinished_exams(store.exams(groep=groep), every, lib)
    rows = counted(every)
    lines = [attempt_line(r, lib) for r in rows]
    names = [t.name for t in store.trainees(groep)]
    trainees: list[TraineeLive] = []
    for name in names:
        mine = [line for line in lines if line.trainee == name]
        passed = sorted({line.scenario_title for line in mine if line.passed})
        last = ""
        if mine:
            a = mine[-1]
            mark = "✓" if a.passed else "✗"  # passed or not: a mark, never colour alone
            # the result first: a narrow column cuts the title, not the result
            last = f"{a.score if a.score is not None else '–'} {mark} {a.scenario_title}"
        exams = [e.shown for e in open_exams if e.trainee == name]
        if exams:
            last = "; ".join([exams[-1].capitalize(), *([last] if last else [])])
        p = present.get(name)
        trainees.append(
            TraineeLive(
                name=name,
                now=PLACES.get(p.place, p.place) if p else AWAY,
                scenario=scenario_title(lib, p.scenario) if p and p.scenario else "",
                fase=where_in(lib, p.scenario, p.fase) if p else "",
                finished=len(mine),
                passed=tuple(passed),
                last=last,
            )
        )
    return GroupLive(
        groep=groep,
        trainees=tuple(trainees),
        attempts=len(lines),
        passed=sum(1 for line in lines if line.passed),
        rules=rule_counts(lines),
    )
