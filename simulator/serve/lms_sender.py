"""The statements of a cmi5 launch, to the LMS as the attempt goes on.

``Reporter.sync`` builds the attempt's statements from the store (``simulator.reports.xapi``,
with the LMS's actor, registration, activity id, session and context template, and its
mastery score and launch mode) and queues the new ones in the store's outbox the moment
they happen: ``initialized`` at the start, the ``answered`` of a move once the next move is
made (only then are the verdicts of that step final), and at the end the last ``answered``,
``completed``, ``passed``/``failed`` and ``terminated``.
``Sender`` (a thread with its own store connection) sends the outbox to the LMS's endpoint
with the session's auth token (HTTP Basic, cmi5 §8.2.1), in order. When the LMS cannot be
reached, the statements wait in the store and go when it answers again (tried after 1 s,
then ever longer, up to ``MAX_WAIT``); a later app process of the server sends what an
earlier one left, and so does the server itself every half minute (``drain``). A refusal
(4xx) is not tried again in this process: the LMS will not take it; the outbox keeps it for
the administrator (docs/lms.md).
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from dataclasses import replace
from pathlib import Path
from typing import Any

from simulator.language.library import Library
from simulator.reports import xapi
from simulator.store import AttemptRow, Store, StoreError, xapi_log
from simulator.store.result import StoredResult
from simulator.store.xapi_log import LaunchRow

MAX_WAIT = 30.0  # seconds between tries when the LMS does not answer
TIMEOUT = 10.0


def cmi5_launch(
    store: Store, lib: Library, launch: LaunchRow, row: AttemptRow, before: tuple[bool, bool]
) -> xapi.Launch:
    """The cmi5 session of a launched attempt: everything from the LMS."""
    data = launch.launch_data
    template = data.get("contextTemplate") or {}
    mastery = data.get("masteryScore")
    if not isinstance(mastery, int | float):
        mastery = xapi.pass_mark(row, lib) / 100
    base = xapi.iri_base(store)
    return xapi.Launch(
        actor=launch.actor,
        registration=launch.registration,
        activity_id=launch.activity_id,
        session_id=str(template.get("extensions", {}).get(xapi.EXT_SESSION, row.uuid)),
        template=template,
        mastery=float(mastery),
        launch_mode=str(data.get("launchMode", "Normal")),
        completed_before=before[0],
        passed_before=before[1],
        extensions={xapi.extension(base, "modus"): row.mode},
    )


class Reporter:
    """Queues a launch's statements (see the module); used by the app, in its own thread."""

    def __init__(self, store: Store, lib: Library, launch: LaunchRow) -> None:
        self.store, self.lib, self.launch = store, lib, launch
        # what earlier sessions in this registration sent (cmi5 §9.3), before this one's
        self.before = xapi_log.registration_sent(
            store, launch.registration, launch.activity_id, but=launch.id
        )

    def statements(self, attempt_id: int, *, stopped_at: str | None = None) -> list[dict[str, Any]]:
        row = self.store.attempt(attempt_id)
        events = self.store.events(attempt_id)
        if row.result is None:  # under way: the verdicts decided so far
            from scoring import score

            scenario = self.lib.scenario(row.scenario)
            found = score(scenario, events, self.lib.profile_for(scenario), self.lib.catalogue)
            row = replace(row, result=StoredResult.from_json(found.to_json()))
        session = cmi5_launch(self.store, self.lib, self.launch, row, self.before)
        base = xapi.iri_base(self.store)
        made = xapi.attempt_statements(
            row,
            self.lib,
            events,
            xapi.move_times(self.store, attempt_id),
            session,
            base,
            stopped_at=stopped_at,
        )
        if row.status != "bezig" or stopped_at is not None:
            return made
        # under way, the last move's verdicts are not final (a rule still open counts as
        # kept at the end of a trace): its 'answered' goes with the next move, or the end
        step = xapi.extension(base, "stap")
        last = max((ev.step or 0 for ev in events if ev.is_decision), default=None)
        return [
            s for s in made if s["context"]["extensions"].get(step, None) != last or last is None
        ]

    def sync(self, attempt_id: int, *, stopped_at: str | None = None) -> int:
        """Queue what is new; how many statements."""
        try:
            made = self.statements(attempt_id, stopped_at=stopped_at)
            return xapi_log.queue(self.store, self.launch.id, made)
        except StoreError:
            return 0  # the next sync queues it


class Sender(threading.Thread):
    """Sends the outboxes of launches to their LMS (see the module)."""

    def __init__(self, path: Path, first: int | None = None) -> None:
        super().__init__(name="regie-lms", daemon=True)
        self.path = path
        self.first = first  # this process's own launch: sent before the others
        self.poke = threading.Event()
        self.stopping = threading.Event()
        self.refused: set[int] = set()  # launches the LMS refused: not tried again here
        self.sent = 0
        self.last_problem: str | None = None

    def run(self) -> None:
        wait = 1.0
        try:
            store = Store.open(self.path.parent)  # REGIE_DATABASE, if set: the same store
        except StoreError as exc:
            self.last_problem = str(exc)
            return
        try:
            while True:
                ok = self.send_all(store)
                if self.stopping.is_set():
                    return
                wait = 1.0 if ok else min(wait * 2, MAX_WAIT)
                self.poke.wait(wait if not ok else MAX_WAIT)
                self.poke.clear()
        finally:
            store.close()

    def stop(self, grace: float = 3.0) -> None:
        """One last try to send, then end (the rest waits in the store)."""
        self.stopping.set()
        self.poke.set()
        self.join(grace)

    def send_all(self, store: Store) -> bool:
        """Send every waiting statement; False if an LMS could not be reached."""
        try:
            launches = xapi_log.launches_with_outbox(store)
        except StoreError:
            return False
        launches.sort(key=lambda launch: launch.id != self.first)
        ok = True
        for launch in launches:
            if launch.id in self.refused:
                continue
            ok = self.send(store, launch) and ok
        return ok

    def send(self, store: Store, launch: LaunchRow) -> bool:
        waiting = xapi_log.unsent(store, launch.id)
        if not waiting:
            return True
        request = urllib.request.Request(
            launch.endpoint + "statements",
            data=json.dumps(waiting, ensure_ascii=False).encode("utf-8"),
            method="POST",
        )
        request.add_header("Authorization", f"Basic {launch.auth}")
        request.add_header("X-Experience-API-Version", "1.0.3")
        request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
                answer.read(64 * 1024)
        except urllib.error.HTTPError as error:
            self.last_problem = f"de leeromgeving antwoordde {error.code}"
            if 400 <= error.code < 500 and error.code != 429:
                self.refused.add(launch.id)
                return True
            return False
        except (urllib.error.URLError, OSError) as error:
            self.last_problem = f"de leeromgeving is niet bereikbaar ({error})"
            return False
        try:
            xapi_log.mark_sent(store, launch.id, [s["id"] for s in waiting])
        except StoreError:
            return False
        self.sent += len(waiting)
        self.last_problem = None
        return True


def drain(path: Path) -> int:
    """Send what waits in the outboxes of all launches, once; how many were sent."""
    sender = Sender(path)
    try:
        store = Store.open(path.parent)
    except StoreError:
        return 0
    try:
        sender.send_all(store)
    finally:
        store.close()
    return sender.sent
