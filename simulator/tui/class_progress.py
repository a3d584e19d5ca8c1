"""A trainee's class sessions in his progress: each as 'klassikaal', beside (not among) his
training and exam attempts. His votes judged as choices give the score (a shadow attempt,
see ``simulator.store.class_results``)."""

from __future__ import annotations

from dataclasses import dataclass

from simulator.language.library import Library
from simulator.store import Store, StoreError, TraineeRow
from simulator.store.classes import ClassStore

MODE = "klassikaal"


@dataclass(frozen=True, slots=True)
class ClassRow:
    """One class session he voted in, as his progress shows it."""

    started: str
    scenario: str
    score: int
    passed: bool
    pass_mark: int
    mode: str = MODE


def class_rows(store: Store, lib: Library, trainee: TraineeRow | None) -> list[ClassRow]:
    """Each class session he voted in, the oldest first."""
    if trainee is None:
        return []
    classes = ClassStore(store, lib)
    rows: list[ClassRow] = []
    try:
        for row in classes.sessions(trainee=trainee.name):
            if row.scenario not in lib.scenarios:
                continue
            session = classes.load(row.id)
            judge = classes.judge(session)
            shadow = classes.shadow(session, trainee.id, judge)
            if shadow.score is None:
                continue  # he joined but did not vote
            rows.append(
                ClassRow(
                    row.started, row.scenario, shadow.score, shadow.passed, judge.profile.pass_mark
                )
            )
    except StoreError:
        pass  # what was read so far
    rows.sort(key=lambda r: r.started)
    return rows
