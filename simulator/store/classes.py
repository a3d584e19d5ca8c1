"""Klassikaal in the store: class sessions, their branches, who took part and every vote.

Every browser of ``regie serve`` is a process of its own: the trainer's control page, the
projector and thirty trainees. What they share is here, so that a reload (a new process)
loses nothing. Each change is one transaction that loads the session, lets the state
machine (``simulator.engine.class_session``) change it and saves it with its revision one higher;
the pages poll that revision (``glance``) and redraw when it moves.

A command names the position it was given at (branch, step): if the session moved on in
the meantime (the timer ran out, or another window of the trainer was first), it is refused
instead of being applied to the next fase. The timer's expiry is settled at the start of
every command, so whichever process looks first takes the scenario's ``wacht`` route, once.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from simulator.engine.class_session import (
    ACTIVE,
    VOTING,
    Branch,
    ClassError,
    ClassSession,
    ClassState,
    Move,
)
from simulator.language.library import Library
from simulator.store import doorbell
from simulator.store.class_results import Counts, Judge, Position, Shadow
from simulator.store.classroom import ONLINE
from simulator.store.errors import StoreError
from simulator.store.store import Store

PAGE_GONE = 15.0  # seconds: a page that has not said it listens for this long is gone
MOVED_ON = (
    "De sessie was al verder (de tijd liep af, of een ander venster van de trainer was "
    "eerder). Kijk op het scherm waar de groep nu is."
)
_SESSION_COLUMNS = (
    "id, groep, scenario, course, seed, status, branch, step, clock_from, clock_before, "
    "revision, started, ended"
)


@dataclass(frozen=True, slots=True)
class Glance:
    """What a page polls: enough to know whether it must redraw."""

    revision: int
    status: str
    position: Position
    votes: int  # votes cast at the current position


@dataclass(frozen=True, slots=True)
class ClassRow:
    """A class session as the reports list it."""

    id: int
    groep: str | None
    scenario: str
    course: str | None
    status: str
    started: str
    ended: str | None


def _damaged(session_id: object, what: str) -> StoreError:
    return StoreError(
        f"Klassikale sessie {session_id} in de opslag is beschadigd: {what}. De opslag is niet "
        "aangeraakt. Begin een nieuwe klassikale sessie."
    )


class ClassStore:
    """The class sessions of one store. ``clock`` is wall time, shared by all processes."""

    def __init__(
        self, store: Store, lib: Library, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.store = store
        self.lib = lib
        self.clock = clock

    # --- opening and finding -----------------------------------------------------------
    def open(self, groep: str | None, scenario: str, course: str | None, seed: int) -> ClassSession:
        """A new class session for the group (status 'open'). Refused while the group has
        one that is not closed: one scenario at a time for one room."""
        sc = self.lib.scenario(scenario)
        with self.store.transaction() as db:
            if self._active(groep) is not None:
                raise ClassError(
                    "Deze groep heeft al een klassikale sessie die niet is afgesloten."
                )
            session_id = self.store.engine.insert(
                db,
                "INSERT INTO class_sessions (groep, scenario, course, seed, status, branch, step, "
                "clock_from, clock_before, revision, started) "
                "VALUES (?, ?, ?, ?, 'open', 1, 0, NULL, 0, 1, ?)",
                (groep, sc.id, course, seed, self.store.now()),
            )
            db.execute(
                "INSERT INTO class_branches (session_id, number, parent, fork, moves) "
                "VALUES (?, 1, NULL, 0, '[]')",
                (session_id,),
            )
        return self.load(session_id)

    def _active(self, groep: str | None) -> int | None:
        statuses = ", ".join(f"'{s}'" for s in ACTIVE)
        row = self.store.db.execute(
            f"SELECT id FROM class_sessions WHERE COALESCE(groep, '') = ? AND status IN ({statuses}) "
            "ORDER BY id DESC",
            (groep or "",),
        ).fetchone()
        return None if row is None else int(row[0])

    def active(self, groep: str | None) -> int | None:
        """The group's class session that is not closed, if there is one."""
        return self._active(groep)

    def load(self, session_id: int) -> ClassSession:
        row = self.store.db.execute(
            f"SELECT {_SESSION_COLUMNS} FROM class_sessions WHERE id = ?", (session_id,)
        ).fetchone()
        if row is None:
            raise StoreError(f"Klassikale sessie {session_id} bestaat niet (meer).")
        branches: dict[int, Branch] = {}
        for number, parent, fork, moves in self.store.db.execute(
            "SELECT number, parent, fork, moves FROM class_branches WHERE session_id = ? "
            "ORDER BY number",
            (session_id,),
        ):
            try:
                data = json.loads(moves)
                if not isinstance(data, list):
                    raise ValueError("de zetten zijn geen lijst")
                parsed = [Move.from_json(m) for m in data]
            except ValueError as exc:
                raise _damaged(session_id, f"tak {number}: {exc}") from None
            branches[int(number)] = Branch(int(number), parent, int(fork), parsed)
        if int(row[6]) not in branches:
            raise _damaged(session_id, f"tak {row[6]} ontbreekt")
        state = ClassState(
            id=int(row[0]),
            groep=row[1],
            scenario=str(row[2]),
            course=row[3],
            seed=int(row[4]),
            status=str(row[5]),
            branch=int(row[6]),
            branches=branches,
            clock_from=None if row[8] is None else float(row[8]),
            clock_before=float(row[9]),
            revision=int(row[10]),
            started=str(row[11]),
            ended=row[12],
        )
        try:
            scenario = self.lib.scenario(state.scenario)
        except LookupError:
            raise StoreError(
                f"Het scenario '{state.scenario}' van klassikale sessie {session_id} staat niet "
                "(meer) in de bibliotheek."
            ) from None
        return ClassSession(state, scenario)

    def glance(self, session_id: int) -> Glance | None:
        """Revision, status, position and votes there: one quick read for a polling page."""
        row = self.store.db.execute(
            "SELECT s.revision, s.status, s.branch, s.step, (SELECT COUNT(*) FROM class_votes v "
            "WHERE v.session_id = s.id AND v.branch = s.branch AND v.step = s.step) "
            "FROM class_sessions s WHERE s.id = ?",
            (session_id,),
        ).fetchone()
        if row is None:
            return None
        return Glance(int(row[0]), str(row[1]), (int(row[2]), int(row[3])), int(row[4]))

    # --- changing ----------------------------------------------------------------------
    def _save(self, session: ClassSession) -> None:
        state = session.state
        db = self.store.db
        db.execute(
            "UPDATE class_sessions SET status = ?, branch = ?, step = ?, clock_from = ?, "
            "clock_before = ?, revision = ?, ended = ? WHERE id = ?",
            (
                state.status,
                state.branch,
                session.step,
                state.clock_from,
                state.clock_before,
                state.revision,
                state.ended,
                state.id,
            ),
        )
        for number in sorted(session.dirty):
            b = state.branches[number]
            db.execute(
                "INSERT INTO class_branches (session_id, number, parent, fork, moves) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, number) DO UPDATE SET "
                "moves = excluded.moves, result = NULL",
                (state.id, number, b.parent, b.fork, json.dumps([m.to_json() for m in b.moves])),
            )
        session.dirty.clear()

    def command(
        self,
        session_id: int,
        action: Callable[[ClassSession, float], None],
        expect: Position | None = None,
    ) -> ClassSession:
        """Run one transition (``action(session, now)``) in one transaction. First the
        timer's expiry, if it is due. ``expect``: the position the command was given at; if
        the session is elsewhere now, a ``ClassError`` says so and nothing else changes."""
        refusal: ClassError | None = None
        with self.store.transaction():
            session = self.load(session_id)
            now = self.clock()
            changed = session.expire(now)
            if expect is not None and session.position != expect:
                refusal = ClassError(MOVED_ON)
            else:
                try:
                    action(session, now)
                    changed = True
                except ClassError as exc:
                    refusal = exc
            if changed:
                self._save(session)
        if changed:
            self.ring(session_id)
        if refusal is not None:
            raise refusal
        return session

    def expire(self, session_id: int) -> ClassSession:
        """Settle the timer: if it ran out, the scenario's own ``wacht`` route is taken."""
        with self.store.transaction():
            session = self.load(session_id)
            expired = session.expire(self.clock())
            if expired:
                self._save(session)
        if expired:
            self.ring(session_id)
        return session

    # --- the pages' doorbells ----------------------------------------------------------
    def listen(self, session_id: int, port: int) -> None:
        """A page follows the session and listens on ``port`` (again every few seconds:
        a page not heard of for ``PAGE_GONE`` seconds is not rung any more)."""
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO class_pages (session_id, port, seen) VALUES (?, ?, ?) "
                "ON CONFLICT (session_id, port) DO UPDATE SET seen = excluded.seen",
                (session_id, port, self.clock()),
            )

    def unlisten(self, session_id: int, port: int) -> None:
        with self.store.transaction() as db:
            db.execute(
                "DELETE FROM class_pages WHERE session_id = ? AND port = ?", (session_id, port)
            )

    def ring(self, session_id: int) -> int:
        """Ring every page that follows the session: it looks at the store at once."""
        try:
            rows = self.store.db.execute(
                "SELECT port FROM class_pages WHERE session_id = ? AND seen > ?",
                (session_id, self.clock() - PAGE_GONE),
            ).fetchall()
        except (sqlite3.Error, StoreError):
            return 0
        return doorbell.ring(int(r[0]) for r in rows)

    def close(self, session_id: int, expect: Position | None = None) -> ClassSession:
        """End the session; then score every branch and every trainee's votes and keep the
        results (the reports read them)."""
        ended = self.store.now()
        session = self.command(session_id, lambda s, now: s.close(now, ended), expect)
        with suppress(StoreError):  # else worked out again whenever they are read
            self.keep_results(session)
        return session

    # --- trainees ----------------------------------------------------------------------
    def join(self, session_id: int, trainee_id: int) -> None:
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO class_members (session_id, trainee_id, joined) VALUES (?, ?, ?) "
                "ON CONFLICT (session_id, trainee_id) DO NOTHING",
                (session_id, trainee_id, self.store.now()),
            )

    def vote(self, session_id: int, trainee_id: int, position: Position, choice: str) -> None:
        """Cast or change a vote at ``position``: refused (``ClassError``) once the vote is
        closed or the group has moved on."""
        with self.store.transaction() as db:
            row = db.execute(
                "SELECT status, branch, step FROM class_sessions WHERE id = ?", (session_id,)
            ).fetchone()
            if row is None or row[0] not in VOTING:
                raise ClassError(
                    "De stemming is gesloten." if row and row[0] == "onthuld" else MOVED_ON
                )
            if (int(row[1]), int(row[2])) != position:
                raise ClassError(MOVED_ON)
            db.execute(
                "INSERT INTO class_votes (session_id, trainee_id, branch, step, choice, at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (session_id, branch, step, trainee_id) "
                "DO UPDATE SET choice = excluded.choice, at = excluded.at",
                (session_id, trainee_id, position[0], position[1], choice, self.clock()),
            )

    def my_vote(self, session_id: int, trainee_id: int, position: Position) -> str | None:
        row = self.store.db.execute(
            "SELECT choice FROM class_votes WHERE session_id = ? AND trainee_id = ? "
            "AND branch = ? AND step = ?",
            (session_id, trainee_id, *position),
        ).fetchone()
        return None if row is None else str(row[0])

    def counts(self, session_id: int, position: Position) -> dict[str, int]:
        rows = self.store.db.execute(
            "SELECT choice, COUNT(*) FROM class_votes WHERE session_id = ? AND branch = ? "
            "AND step = ? GROUP BY choice",
            (session_id, *position),
        )
        return {str(c): int(n) for c, n in rows}

    def all_counts(self, session_id: int) -> dict[Position, Counts]:
        """The vote at every position of the session."""
        out: dict[Position, dict[str, int]] = {}
        for branch, step, choice, n in self.store.db.execute(
            "SELECT branch, step, choice, COUNT(*) FROM class_votes WHERE session_id = ? "
            "GROUP BY branch, step, choice",
            (session_id,),
        ):
            out.setdefault((int(branch), int(step)), {})[str(choice)] = int(n)
        return dict(out)

    def members(self, session_id: int) -> list[tuple[int, str]]:
        """(trainee id, name) of everyone who joined, by name."""
        rows = self.store.db.execute(
            "SELECT t.id, t.name FROM class_members m JOIN trainees t ON t.id = m.trainee_id "
            "WHERE m.session_id = ? ORDER BY t.name COLLATE NOCASE",
            (session_id,),
        )
        return [(int(i), str(n)) for i, n in rows]

    def voters(self, session_id: int, position: Position) -> set[int]:
        rows = self.store.db.execute(
            "SELECT trainee_id FROM class_votes WHERE session_id = ? AND branch = ? AND step = ?",
            (session_id, *position),
        )
        return {int(r[0]) for r in rows}

    def present(self, session_id: int) -> set[int]:
        """The members whose vote page is open now (their browser was heard of lately)."""
        rows = self.store.db.execute(
            "SELECT m.trainee_id FROM class_members m JOIN presence p ON p.trainee_id = "
            "m.trainee_id WHERE m.session_id = ? AND p.place = 'klassikaal' AND p.seen > ?",
            (session_id, self.clock() - ONLINE),
        )
        return {int(r[0]) for r in rows}

    def votes_of(self, session_id: int, trainee_id: int) -> dict[Position, str]:
        rows = self.store.db.execute(
            "SELECT branch, step, choice FROM class_votes WHERE session_id = ? AND trainee_id = ?",
            (session_id, trainee_id),
        )
        return {(int(b), int(s)): str(c) for b, s, c in rows}

    # --- results -------------------------------------------------------------------------
    def judge(self, session: ClassSession) -> Judge:
        profile = self.lib.profile_for(session.scenario)
        return Judge(session, profile, self.lib.catalogue)

    def shadow(self, session: ClassSession, trainee_id: int, judge: Judge | None = None) -> Shadow:
        """A trainee's votes as a shadow attempt: the one kept at closing, else worked out."""
        row = self.store.db.execute(
            "SELECT result FROM class_members WHERE session_id = ? AND trainee_id = ?",
            (session.state.id, trainee_id),
        ).fetchone()
        if row is not None and row[0]:
            try:
                return Shadow.from_json(json.loads(row[0]))
            except (ValueError, KeyError, TypeError):
                pass  # worked out again below
        judge = judge or self.judge(session)
        steps = len(decided(session) | set(self.all_counts(session.state.id)))
        return judge.shadow(self.votes_of(session.state.id, trainee_id), steps)

    def keep_results(self, session: ClassSession) -> None:
        judge = self.judge(session)
        shadows = {
            trainee_id: self.shadow(session, trainee_id, judge)
            for trainee_id, _ in self.members(session.state.id)
        }
        with self.store.transaction() as db:
            for trainee_id, shadow in shadows.items():
                db.execute(
                    "UPDATE class_members SET result = ? WHERE session_id = ? AND trainee_id = ?",
                    (
                        json.dumps(shadow.to_json(), ensure_ascii=False),
                        session.state.id,
                        trainee_id,
                    ),
                )

    def sessions(self, groep: str | None = None, trainee: str | None = None) -> list[ClassRow]:
        """Class sessions, oldest first: of a group, or those a trainee took part in."""
        sql = "SELECT s.id, s.groep, s.scenario, s.course, s.status, s.started, s.ended FROM class_sessions s"
        args: list[Any] = []
        if trainee is not None:
            sql += (
                " JOIN class_members m ON m.session_id = s.id JOIN trainees t ON t.id = m.trainee_id"
                " WHERE t.name = ?"
            )
            args.append(trainee)
        if groep is not None:
            sql += (" AND" if args else " WHERE") + " s.groep = ?"
            args.append(groep)
        rows = self.store.db.execute(sql + " ORDER BY s.started, s.id", args)
        return [
            ClassRow(int(r[0]), r[1], str(r[2]), r[3], str(r[4]), str(r[5]), r[6]) for r in rows
        ]


def decided(session: ClassSession) -> set[Position]:
    """The positions the group decided in the whole session, each branch's own steps."""
    return {(b.number, k) for b in session.branches() for k in range(b.fork, len(b.moves))}
