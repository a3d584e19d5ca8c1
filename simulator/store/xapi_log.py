"""What the store keeps about xAPI (schema version 6): which statements went to which LRS,
what must be voided there, and the cmi5 launches of ``regie serve`` with their outbox.

- ``xapi_sent``: per LRS (its xAPI endpoint), the statements it took from ``regie export
  --xapi --lrs``; an attempt's rows go with the attempt.
- ``xapi_voids``: statements to void in an LRS because their trainee was forgotten
  (``Store.forget`` fills it in the same transaction); marked when sent.
- ``launches``: one cmi5 launch by an LMS (endpoint, the session's auth token, actor,
  registration, activity id, the LMS launch data) and the attempt it played. The launch is
  found again by its key (the browser carries it to its app process) or by the hash of the
  LMS's one-time fetch URL (a reload of the launch page).
- ``xapi_outbox``: the statements of a launch, queued the moment they happen and marked
  ``sent`` when the LMS took them; what the LMS did not take (it was down) waits there.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from simulator.store.store import Store


# --- the push to an LRS ---------------------------------------------------------------------
def sent_ids(store: Store, lrs: str) -> set[str]:
    rows = store.db.execute("SELECT statement_id FROM xapi_sent WHERE lrs = ?", (lrs,))
    return {str(r[0]) for r in rows}


def remember(store: Store, lrs: str, sent: Sequence[tuple[int | None, str]]) -> None:
    """The LRS took these statements: (attempt id, statement id)."""
    now = store.now()
    with store.transaction() as db:
        db.executemany(
            "INSERT INTO xapi_sent (lrs, statement_id, attempt_id, sent) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (lrs, statement_id) DO NOTHING",
            [(lrs, sid, attempt, now) for attempt, sid in sent],
        )


def pending_voids(store: Store, lrs: str) -> list[str]:
    rows = store.db.execute(
        "SELECT statement_id FROM xapi_voids WHERE lrs = ? AND sent IS NULL "
        "ORDER BY requested, statement_id",
        (lrs,),
    )
    return [str(r[0]) for r in rows]


def voids_sent(store: Store, lrs: str, ids: Sequence[str]) -> None:
    now = store.now()
    with store.transaction() as db:
        db.executemany(
            "UPDATE xapi_voids SET sent = ? WHERE lrs = ? AND statement_id = ?",
            [(now, lrs, sid) for sid in ids],
        )


# --- cmi5 launches --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LaunchRow:
    id: int
    key: str
    trainee_id: int
    attempt_id: int | None
    scenario: str
    endpoint: str
    auth: str
    actor: dict[str, Any]
    registration: str
    activity_id: str
    launch_data: dict[str, Any]
    created: str
    ended: str | None


_LAUNCH = (
    "SELECT id, launch_key, trainee_id, attempt_id, scenario, endpoint, auth, actor, "
    "registration, activity_id, launch_data, created, ended FROM launches"
)


def _launch(row: Sequence[Any]) -> LaunchRow:
    return LaunchRow(
        id=row[0],
        key=row[1],
        trainee_id=row[2],
        attempt_id=row[3],
        scenario=row[4],
        endpoint=row[5],
        auth=row[6],
        actor=json.loads(row[7]),
        registration=row[8],
        activity_id=row[9],
        launch_data=json.loads(row[10]),
        created=row[11],
        ended=row[12],
    )


def add_launch(
    store: Store,
    *,
    key: str,
    fetch_hash: str,
    trainee_id: int,
    scenario: str,
    endpoint: str,
    auth: str,
    actor: dict[str, Any],
    registration: str,
    activity_id: str,
    launch_data: dict[str, Any],
) -> LaunchRow:
    with store.transaction() as db:
        launch_id = store.engine.insert(
            db,
            "INSERT INTO launches (launch_key, fetch_hash, trainee_id, scenario, endpoint, auth, "
            "actor, registration, activity_id, launch_data, created) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                fetch_hash,
                trainee_id,
                scenario,
                endpoint,
                auth,
                json.dumps(actor, ensure_ascii=False),
                registration,
                activity_id,
                json.dumps(launch_data, ensure_ascii=False),
                store.now(),
            ),
        )
    found = launch(store, launch_id)
    assert found is not None
    return found


def launch(store: Store, launch_id: int) -> LaunchRow | None:
    row = store.db.execute(_LAUNCH + " WHERE id = ?", (launch_id,)).fetchone()
    return None if row is None else _launch(row)


def launch_by_key(store: Store, key: str) -> LaunchRow | None:
    row = store.db.execute(_LAUNCH + " WHERE launch_key = ?", (key,)).fetchone()
    return None if row is None else _launch(row)


def launch_by_fetch(store: Store, fetch_hash: str) -> LaunchRow | None:
    row = store.db.execute(_LAUNCH + " WHERE fetch_hash = ?", (fetch_hash,)).fetchone()
    return None if row is None else _launch(row)


def launches_with_outbox(store: Store) -> list[LaunchRow]:
    """The launches that still have statements to send."""
    rows = store.db.execute(
        _LAUNCH + " WHERE id IN (SELECT launch_id FROM xapi_outbox WHERE sent IS NULL) ORDER BY id"
    )
    return [_launch(r) for r in rows]


def set_attempt(store: Store, launch_id: int, attempt_id: int) -> None:
    with store.transaction() as db:
        db.execute("UPDATE launches SET attempt_id = ? WHERE id = ?", (attempt_id, launch_id))


def end_launch(store: Store, launch_id: int) -> None:
    with store.transaction() as db:
        db.execute(
            "UPDATE launches SET ended = ? WHERE id = ? AND ended IS NULL",
            (store.now(), launch_id),
        )


def launched_attempt_ids(store: Store) -> set[int]:
    rows = store.db.execute("SELECT attempt_id FROM launches WHERE attempt_id IS NOT NULL")
    return {int(r[0]) for r in rows}


def registration_sent(
    store: Store, registration: str, activity_id: str, *, but: int | None = None
) -> tuple[bool, bool]:
    """(completed, passed): what the sessions of launches with this registration and AU
    (``but`` this launch) queued (cmi5 §9.3: once per registration)."""
    rows = store.db.execute(
        "SELECT o.body FROM xapi_outbox o JOIN launches l ON l.id = o.launch_id "
        "WHERE l.registration = ? AND l.activity_id = ? AND l.id <> ?",
        (registration, activity_id, -1 if but is None else but),
    )
    verbs = set()
    for (body,) in rows:
        verbs.add(str(json.loads(body).get("verb", {}).get("id", "")).rsplit("/", 1)[-1])
    return "completed" in verbs, "passed" in verbs


# --- the outbox -----------------------------------------------------------------------------
def queue(store: Store, launch_id: int, statements: Sequence[dict[str, Any]]) -> int:
    """Queue the statements the outbox does not hold yet (by id), in order. How many new."""
    with store.transaction() as db:
        have = {
            str(r[0])
            for r in db.execute(
                "SELECT statement_id FROM xapi_outbox WHERE launch_id = ?", (launch_id,)
            )
        }
        seq = db.execute(
            "SELECT COALESCE(MAX(seq), -1) + 1 FROM xapi_outbox WHERE launch_id = ?", (launch_id,)
        ).fetchone()[0]
        new = [s for s in statements if s["id"] not in have]
        db.executemany(
            "INSERT INTO xapi_outbox (launch_id, seq, statement_id, body) VALUES (?, ?, ?, ?)",
            [
                (launch_id, seq + i, s["id"], json.dumps(s, ensure_ascii=False))
                for i, s in enumerate(new)
            ],
        )
    return len(new)


def unsent(store: Store, launch_id: int) -> list[dict[str, Any]]:
    rows = store.db.execute(
        "SELECT body FROM xapi_outbox WHERE launch_id = ? AND sent IS NULL ORDER BY seq",
        (launch_id,),
    )
    return [json.loads(r[0]) for r in rows]


def outbox(store: Store, launch_id: int) -> list[tuple[dict[str, Any], str | None]]:
    """Every statement of a launch, with when it was sent (None: still waiting)."""
    rows = store.db.execute(
        "SELECT body, sent FROM xapi_outbox WHERE launch_id = ? ORDER BY seq", (launch_id,)
    )
    return [(json.loads(r[0]), r[1]) for r in rows]


def mark_sent(store: Store, launch_id: int, ids: Sequence[str]) -> None:
    now = store.now()
    with store.transaction() as db:
        db.executemany(
            "UPDATE xapi_outbox SET sent = ? WHERE launch_id = ? AND statement_id = ?",
            [(now, launch_id, sid) for sid in ids],
        )


def sent_count(store: Store) -> int:
    """How many statements went to any LRS."""
    return int(store.db.execute("SELECT COUNT(*) FROM xapi_sent").fetchone()[0])
