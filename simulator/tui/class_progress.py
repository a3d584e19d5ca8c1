"""A trainee's class sessions in his progress: each as 'klassikaal', beside (not among) his
training and exam attempts. His votes judged as choices give the score (a shadow attempt,
see ``simulator.store.class_results``)."""

from __future__ import annotations

from simulator.language.library import Library
from simulator.store import Store, StoreError, TraineeRow
from simulator.store.classes import ClassStore

MODE = "klassikaal"


def class_rows(
    store: Store, lib: Library, trainee: TraineeRow | None
) -> list[tuple[str, str, str, str, str]]:
    """(date, scenario, mode, score, outcome) of each class session he voted in."""
    if trainee is None:
        return []
    classes = ClassStore(store, lib)
    rows: list[tuple[str, str, str, str, str]] = []
    try:
        for row in classes.sessions(trainee=trainee.name):
            if row.scenario not in lib.scenarios:
                continue
            shadow = classes.shadow(classes.load(row.id), trainee.id)
            if shadow.score is None:
                continue  # he joined but did not vote
            outcome = "geslaagd" if shadow.passed else "niet geslaagd"
            title = lib.scenarios[row.scenario].title
            rows.append((row.started[:10], title, MODE, str(shadow.score), outcome))
    except StoreError:
        return rows
    return rows
