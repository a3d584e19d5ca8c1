"""A store in which the bots have played every bundled scenario, for the xAPI and LRS tests.

Per scenario one trainee (in a group) plays, in the first course that holds the scenario:
``nietsdoener`` (fails), ``protocol`` (passes), ``willekeurig`` and ``protocol`` again
(after a pass: the registration has its ``passed``), ``toegever``; then an exam of that
course with the scenario: ``protocol`` stopped after two choices (counts, never passes).
The clock moves 1.5 s with every write, so statements have real, distinct moments; one
attempt is played with the store's own clock (milliseconds, moves within a millisecond).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulator.engine.attempt import WAIT
from simulator.engine.bots import play_bot
from simulator.language.library import Library
from simulator.reports import xapi
from simulator.store import Store, TraineeRow
from simulator.store.session import Session

BOTS_IN_ORDER = ("nietsdoener", "protocol", "willekeurig", "protocol", "toegever")


class Ticking:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)

    def __call__(self) -> str:
        self.moment += timedelta(milliseconds=1500)
        return self.moment.isoformat(timespec="milliseconds")


def course_of(lib: Library, sid: str) -> str | None:
    return next((c.id for c in lib.courses.values() if sid in c.scenarios), None)


def play_moves(
    store: Store,
    lib: Library,
    trainee: TraineeRow,
    sid: str,
    bot: str,
    *,
    course: str | None,
    mode: str = "training",
    exam: int | None = None,
    stop_after: int | None = None,
) -> Session:
    scenario = lib.scenarios[sid]
    _, moves = play_bot(scenario, lib.catalogue, bot, seed=1)
    session = Session.start(store, lib, trainee, sid, 1, mode, course, exam)
    for i, (ref, latency) in enumerate(moves):
        if stop_after is not None and i == stop_after:
            session.stop()
            break
        if session.attempt.finished:
            break
        if ref == WAIT:
            session.wait()
        else:
            session.choose(ref, latency)
    return session


def bot_store(path: Path, lib: Library) -> Store:
    store = Store(path, now=Ticking())
    for n, sid in enumerate(sorted(lib.scenarios)):
        trainee = store.trainee(f"Trainee {n:02d}", f"groep-{n % 3}")
        course = course_of(lib, sid)
        for bot in BOTS_IN_ORDER:
            play_moves(store, lib, trainee, sid, bot, course=course)
        if course is not None:
            exam = store.start_exam(trainee, course, lib.scenarios[sid].role, [(sid, 1)])
            play_moves(
                store, lib, trainee, sid, "protocol", course=course, mode="examen",
                exam=exam.id, stop_after=2,
            )  # fmt: skip
            store.finish_exam(exam.id)
    real = Store(path)  # the store's own clock: moves may fall within one millisecond
    try:
        trainee = real.trainee("Trainee echt", "groep-0")
        sid = sorted(lib.scenarios)[0]
        play_moves(real, lib, trainee, sid, "protocol", course=course_of(lib, sid))
    finally:
        real.close()
    return store


def publisher_map(statements: list[dict[str, object]], base: str) -> dict[str, str]:
    """The AU activity ids in an export of Regie itself, with their publisher ids."""
    out: dict[str, str] = {}
    prefix = f"{base}/au/"
    for s in statements:
        obj = s["object"]
        assert isinstance(obj, dict)
        iri = str(obj["id"])
        if iri.startswith(prefix):
            out[iri] = xapi.publisher_id(base, iri.removeprefix(prefix))
    return out
