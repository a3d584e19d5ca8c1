"""Klassikaal without screens: the class session's state machine on a real store (SQLite),
the trainees' shadow results, the group report's section, and what the store keeps."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.engine.attempt import WAIT
from simulator.engine.class_session import (
    Branch,
    ClassError,
    ClassSession,
    ClassState,
    Move,
    majority,
    replay,
)
from simulator.reports import html, json_export, markdown
from simulator.reports.build import build_report
from simulator.reports.data import GroupReport
from simulator.store import Store, schema
from simulator.store.classes import MOVED_ON, ClassStore
from tests.storekit import Backend
from tests.tuikit import LIB

GROUP = "KM-UTR-03"
SID = "km-spreekkamer-dreiging"
SC = LIB.scenarios[SID]


class Wall:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


Room = tuple[Store, ClassStore, "Wall"]


@pytest.fixture
def room(backend: Backend) -> Iterator[Room]:
    """A store on each engine (SQLite, and PostgreSQL where it can be started)."""
    wall = Wall()
    store = backend.open()
    yield store, ClassStore(store, LIB, clock=wall), wall
    store.close()


def started(classes: ClassStore, seed: int = 0) -> ClassSession:
    session = classes.open(GROUP, SID, "klantmanager-halve-dag", seed)
    return classes.command(session.state.id, lambda s, now: s.start(now))


def model(session: ClassSession) -> str:
    fase = session.attempt().fase
    assert fase is not None and fase.model_choice is not None
    return fase.model_choice.id


def wrong(session: ClassSession) -> str:
    fase = session.attempt().fase
    assert fase is not None
    return next(c.id for c in fase.choices if c.intent == "fout")


def test_one_open_session_per_group_and_it_starts_in_the_first_fase(room: Room) -> None:
    _, classes, _ = room
    session = classes.open(GROUP, SID, None, 3)
    assert session.status == "open" and session.shown() == ()
    with pytest.raises(ClassError, match="al een klassikale sessie"):
        classes.open(GROUP, SID, None, 4)
    other = classes.open("ANDERE-GROEP", SID, None, 4)  # another room
    assert classes.active(GROUP) == session.state.id != other.state.id
    session = classes.command(session.state.id, lambda s, now: s.start(now))
    assert session.status == "stemmen" and session.attempt().state == SC.start.targets[0]
    # everyone sees the same order: the seed's, as in single play
    assert session.shown() == replay(SC, 3, []).presented()


def test_votes_count_once_per_trainee_can_change_and_close_with_the_reveal(room: Room) -> None:
    store, classes, _ = room
    session = started(classes)
    sid = session.state.id
    anna, bram = store.trainee("Anna", GROUP), store.trainee("Bram", GROUP)
    good, bad = model(session), wrong(session)
    classes.vote(sid, anna.id, session.position, bad)
    classes.vote(sid, anna.id, session.position, good)  # changed: still one vote
    classes.vote(sid, bram.id, session.position, good)
    assert classes.counts(sid, session.position) == {good: 2}
    assert classes.glance(sid).votes == 2  # type: ignore[union-attr]
    # the projector's poll sees the count move, the revision does not (nobody redraws)
    assert classes.glance(sid).revision == session.state.revision  # type: ignore[union-attr]
    session = classes.command(sid, lambda s, now: s.reveal(now), session.position)
    with pytest.raises(ClassError, match="gesloten"):
        classes.vote(sid, bram.id, session.position, bad)
    with pytest.raises(ClassError, match="gesloten"):
        session.check_vote(bad)
    assert classes.counts(sid, session.position) == {good: 2}
    # after the group moved on, a vote for the old fase is refused
    session = classes.command(sid, lambda s, now: s.go_on(good, now), session.position)
    with pytest.raises(ClassError, match="al verder"):
        classes.vote(sid, anna.id, (1, 0), bad)


def test_majority_and_ties() -> None:
    session = ClassSession(_state(), SC)
    session.state.status = "stemmen"
    shown = session.shown()
    assert majority({shown[2].id: 3, shown[0].id: 1}, shown) == shown[2].id
    with pytest.raises(ClassError, match=r"staken \(1 en 3\)"):
        majority({shown[2].id: 2, shown[0].id: 2}, shown)
    with pytest.raises(ClassError, match="nog niet gestemd"):
        majority({}, shown)


def _state() -> ClassState:
    return ClassState(
        id=1,
        scenario=SID,
        seed=0,
        groep=None,
        course=None,
        status="open",
        branch=1,
        branches={1: Branch(1, None, 0)},
        clock_from=None,
        clock_before=0.0,
        revision=1,
        started="2026-11-23T09:00:00+00:00",
    )


def test_pause_stops_the_clock_and_the_timer_takes_the_wacht_route_once(
    room: Room, backend: Backend
) -> None:
    _, classes, wall = room
    session = started(classes)
    timer = session.attempt().fase.timer  # type: ignore[union-attr]
    assert timer is not None
    wall.now += 10
    session = classes.command(session.state.id, lambda s, now: s.pause(now))
    wall.now += 600  # the group discusses for ten minutes
    assert session.time_left(wall.now) == timer.seconds - 10
    session = classes.command(session.state.id, lambda s, now: s.resume(now))
    wall.now += timer.seconds - 10 + 0.01
    # two processes see it at once: the wacht route is taken once
    other = ClassStore(backend.open(), LIB, clock=wall)
    first = classes.expire(session.state.id)
    second = other.expire(session.state.id)
    assert [m.ref for m in second.branch.moves] == [WAIT]
    assert first.branch.moves == second.branch.moves
    assert second.branch.moves[0].how == "tijd"
    assert second.attempt().state == timer.route.targets[0]
    assert [e.kind for e in second.attempt().trace if e.is_decision] == ["timeout"]


def test_a_command_given_at_an_old_position_is_refused(room: Room) -> None:
    _, classes, wall = room
    session = started(classes)
    position = session.position
    timer = session.attempt().fase.timer  # type: ignore[union-attr]
    wall.now += timer.seconds + 1  # type: ignore[union-attr]
    # the trainer presses 'verder' just after the timer ran out: the timer came first
    with pytest.raises(ClassError) as refused:
        classes.command(session.state.id, lambda s, now: s.go_on(model(s), now), position)
    assert str(refused.value) == MOVED_ON
    again = classes.load(session.state.id)
    assert [m.ref for m in again.branch.moves] == [WAIT]


def test_a_choice_at_the_end_of_the_timer_is_still_a_choice(room: Room) -> None:
    _, classes, wall = room
    session = started(classes)
    sid = session.state.id
    timer = session.attempt().fase.timer  # type: ignore[union-attr]
    wall.now += timer.seconds - 0.5  # type: ignore[union-attr]
    session = classes.command(sid, lambda s, now: s.reveal(now))
    wall.now += 300  # revealed: the clock stands still however long the discussion
    session = classes.command(sid, lambda s, now: s.go_on(model(s), now, how="trainer"))
    move = session.state.branches[1].moves[0]
    assert move.how == "trainer" and move.latency == pytest.approx(timer.seconds - 0.5)  # type: ignore[union-attr]


def test_chance_picked_by_the_trainer_is_kept_and_replayed(room: Room) -> None:
    _, classes, wall = room
    session = started(classes)
    sid = session.state.id
    session = classes.command(sid, lambda s, now: s.go_on(model(s), now))
    assert session.attempt().state == "eis"
    outcomes = session.outcomes("grens-stellen")
    assert {o.target for o in outcomes} == set(
        SC.fasen["eis"].choice("grens-stellen").route.targets  # type: ignore[union-attr]
    )
    for outcome in outcomes:
        wall.now += 1

        def pick(s: ClassSession, now: float, rolls: tuple[bool, ...] = outcome.rolls) -> None:
            s.go_on("grens-stellen", now, how="trainer", rolls=rolls)

        taken = classes.command(sid, pick)
        assert taken.attempt().state == outcome.target
        assert classes.load(sid).attempt().state == outcome.target  # from the store
        taken = classes.command(sid, lambda s, now: s.rewind(1, now))  # and back again
    # with no pick, the seed decides, as in single play
    alone = replay(SC, session.state.seed, session.state.branches[1].moves[:1])
    alone.choose("grens-stellen", 1.0)
    chosen = classes.command(sid, lambda s, now: s.go_on("grens-stellen", now))
    assert chosen.attempt().state == alone.state


def test_rewind_makes_a_branch_and_keeps_the_old_one_and_its_votes(room: Room) -> None:
    store, classes, _ = room
    session = started(classes)
    sid = session.state.id
    anna = store.trainee("Anna", GROUP)
    first = model(session)
    classes.vote(sid, anna.id, session.position, first)
    session = classes.command(sid, lambda s, now: s.go_on(model(s), now))
    second = wrong(session)
    classes.vote(sid, anna.id, session.position, second)
    session = classes.command(sid, lambda s, now: s.go_on(wrong(s), now, how="trainer"))
    with pytest.raises(ClassError, match="eerdere stap"):
        classes.command(sid, lambda s, now: s.rewind(2, now))
    session = classes.command(sid, lambda s, now: s.rewind(1, now))
    assert session.position == (2, 1) and session.status == "pauze"
    assert session.attempt().state == "eis"
    assert len(session.state.branches[1].moves) == 2  # the first branch as it was
    # the shared first step belongs to branch 1, the second is branch 2's own
    assert session.owner(2, 0) == (1, 0) and session.owner(2, 1) == (2, 1)
    classes.vote(sid, anna.id, session.position, model(session))
    assert classes.votes_of(sid, anna.id) == {
        (1, 0): first,
        (1, 1): second,
        (2, 1): model(session),
    }


def test_each_trainee_is_judged_on_his_own_votes(room: Room) -> None:
    store, classes, _ = room
    session = started(classes)
    sid = session.state.id
    anna, bram, chris = (store.trainee(n, GROUP) for n in ("Anna", "Bram", "Chris"))
    for t in (anna, bram, chris):
        classes.join(sid, t.id)
    good, bad = model(session), wrong(session)
    classes.vote(sid, anna.id, session.position, good)
    classes.vote(sid, bram.id, session.position, bad)
    session = classes.command(sid, lambda s, now: s.go_on(bad, now, how="trainer"))
    classes.vote(sid, anna.id, session.position, model(session))
    session = classes.close(sid)
    assert session.status == "gesloten" and session.state.ended
    a, b, c = (classes.shadow(session, t.id) for t in (anna, bram, chris))
    assert a.score == 100 and a.passed and len(a.votes) == 2 and a.good == 2
    assert a.steps == 2  # the decided step and the one voted on when it closed
    bad_rules = SC.fasen["binnenkomst"].choice(bad).breaks  # type: ignore[union-attr]
    assert b.votes[0].broken and set(bad_rules) <= set(b.votes[0].broken)
    assert b.score is not None and b.score < 100 and not b.passed  # a kernregel
    assert b.votes[0].group is not None  # what the group did there, to compare
    assert c.score is None and not c.passed  # he did not vote: no result at all
    # kept at closing: read back without judging again
    row = store.db.execute(
        "SELECT result FROM class_members WHERE trainee_id = ?", (bram.id,)
    ).fetchone()
    assert json.loads(row[0])["score"] == b.score


def test_the_group_report_has_a_section_per_class_session(room: Room) -> None:
    store, classes, _ = room
    session = started(classes)
    sid = session.state.id
    anna = store.trainee("Anna <b>", GROUP)
    classes.join(sid, anna.id)
    classes.vote(sid, anna.id, session.position, model(session))
    while session.status != "einde":
        session = classes.command(sid, lambda s, now: s.go_on(model(s), now, rolls=()))
    session = classes.command(sid, lambda s, now: s.rewind(0, now))
    session = classes.command(sid, lambda s, now: s.go_on(wrong(s), now, how="trainer"))
    classes.close(sid)
    report = build_report(store, LIB, groep=GROUP)
    assert isinstance(report, GroupReport)
    (summary,) = report.classes
    assert [b.number for b in summary.branches] == [1, 2]
    first, second = summary.branches
    assert first.finished and first.passed
    assert sum(int(part.split(": ")[1]) for part in first.steps[0].votes.split(" · ")) == 1
    assert first.steps[0].voters == 1 and first.steps[0].how == "meerderheid"
    assert not second.finished and second.parent == 1 and second.fork == 0
    assert second.steps[0].how == "trainer koos" and second.steps[0].model  # what was asked
    assert [m.name for m in summary.members] == ["Anna <b>"]
    page = html.render(report, generated="2026-11-23 10:00")
    assert "Klassikaal: Dreiging in de spreekkamer" in page
    assert "Tak 2: stap voor stap" in page and "stap 1 van tak 1" in page
    assert "Anna &lt;b&gt;" in page and "Anna <b>" not in page
    text = markdown.render(report, generated="2026-11-23 10:00")
    assert "## Klassikaal: Dreiging in de spreekkamer" in text and "Anna &lt;b&gt;" in text
    data = json.loads(json_export.to_json(report, generated="x"))
    assert data["classes"][0]["branches"][0]["score"] == first.score
    # a course report is about the course's attempts: no class sessions there
    course = build_report(store, LIB, groep=GROUP, course="klantmanager-halve-dag")
    assert isinstance(course, GroupReport) and course.classes == ()


def test_forgetting_a_trainee_removes_his_votes_and_his_part(room: Room) -> None:
    store, classes, _ = room
    session = started(classes)
    sid = session.state.id
    anna = store.trainee("Anna", GROUP)
    classes.join(sid, anna.id)
    classes.vote(sid, anna.id, session.position, model(session))
    assert store.forget("Anna")
    assert classes.members(sid) == [] and classes.counts(sid, session.position) == {}
    assert classes.load(sid).status == "stemmen"  # the group's session stays


def test_an_old_store_gets_the_class_tables(tmp_path: Path) -> None:
    path = tmp_path / "regie.sqlite"
    db = sqlite3.connect(path, isolation_level=None)
    schema.create(db, 5)
    db.close()
    with Store(path) as store:
        assert schema.version_of(store.db) == schema.CURRENT
        classes = ClassStore(store, LIB)
        assert classes.active(None) is None
        session = classes.open(None, SID, None, 1)
        assert classes.active(None) == session.state.id


def test_a_damaged_branch_is_a_dutch_message(room: Room) -> None:
    from simulator.store import StoreError

    store, classes, _ = room
    session = started(classes)
    store.db.execute("UPDATE class_branches SET moves = '[[\"x\"]]'")
    with pytest.raises(StoreError, match="Klassikale sessie 1 in de opslag is beschadigd"):
        classes.load(session.state.id)


def test_moves_survive_their_json() -> None:
    move = Move("grens-stellen", 12.5, (True, False), "trainer")
    assert Move.from_json(json.loads(json.dumps(move.to_json()))) == move
    for bad in ([1, 2], ["x", "snel", [], "meerderheid"], ["x", None, [1], "trainer"]):
        with pytest.raises(ValueError):
            Move.from_json(bad)


async def test_every_change_rings_the_doorbells_of_the_pages_that_listen(room: Room) -> None:
    """A page listens on a local UDP port; a change rings it at once (no waiting for its
    next look at the store). A page not heard of for a while is not rung any more."""
    import asyncio

    from simulator.store import doorbell
    from simulator.store.classes import PAGE_GONE

    _, classes, wall = room
    session = classes.open(GROUP, SID, None, 0)
    sid = session.state.id
    rung = asyncio.Event()
    found = await doorbell.listen(rung.set)
    assert found is not None
    transport, port = found
    try:
        classes.listen(sid, port)
        classes.command(sid, lambda s, now: s.start(now))
        await asyncio.wait_for(rung.wait(), 5)
        rung.clear()
        # a refused command changes nothing: no ring
        with pytest.raises(ClassError):
            classes.command(sid, lambda s, now: s.start(now))
        await asyncio.sleep(0.2)
        assert not rung.is_set()
        wall.now += PAGE_GONE + 1  # the page has not said it still listens
        assert classes.ring(sid) == 0
        classes.listen(sid, port)
        assert classes.ring(sid) == 1
        await asyncio.wait_for(rung.wait(), 5)
        classes.unlisten(sid, port)
        assert classes.ring(sid) == 0
    finally:
        transport.close()


def test_the_engine_takes_forced_chance_outcomes_in_order_and_then_the_seed_again() -> None:
    from simulator.engine.attempt import Attempt

    first = SC.fasen["binnenkomst"].model_choice
    choice = SC.fasen["eis"].choice("grens-stellen")
    assert first is not None and choice is not None
    chance_branch = next(b for b in choice.route.branches if b.chance is not None)
    other = next(b.target for b in choice.route.branches if b.target != chance_branch.target)
    for forced, target in (([True], chance_branch.target), ([False], other)):
        attempt = Attempt(SC, 0)
        attempt.choose(first.id, 1.0)
        assert attempt.state == "eis"
        attempt.forced = list(forced)
        attempt.choose("grens-stellen", 1.0)
        assert attempt.state == target
        assert attempt.forced == []  # used up: later draws are the seed's again
        (event,) = [e for e in attempt.trace if e.kind == "chance"]
        assert event.taken is forced[0]
