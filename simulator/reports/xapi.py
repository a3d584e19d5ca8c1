"""The attempts as xAPI statements, in cmi5 order, for a learning record store (LRS).

Every counted attempt (finished, or an exam stopped early) becomes, in this order:

1. ``launched`` and ``initialized`` (at the start of the attempt);
2. one ``answered`` per decision: a choice, or a timer that ran out (the trainee did
   nothing). The object is the intervention (``https://regie.example/interventies/<id>``;
   a timeout is ``…/interventies/wacht``), ``result.response`` the choice id (``wacht`` for
   a timeout), ``result.duration`` the time the trainee took (ISO 8601), and the context
   extensions hold the escalation level of the fase and the rule verdicts decided at that
   step. ``result.success`` is there when rules were decided at that step: false if one was
   broken;
3. ``completed`` (left out for an exam stopped early: it was not completed);
4. ``passed`` or ``failed`` with ``result.score`` (``scaled`` = score/100, ``raw``, ``min``
   0, ``max`` 100) and ``result.success``;
5. ``terminated`` (at the end of the attempt).

The verbs are the ADL ones that cmi5 uses; cmi5-defined statements carry the cmi5 category,
``completed``/``passed``/``failed`` also the moveOn category, and all carry the attempt's
uuid as the cmi5 session id.

Privacy: the actor is an account on ``https://regie.example`` whose name is a pseudonym,
never the trainee's name: an HMAC-SHA256 of the trainee's number in the store, keyed with a
random secret kept in that store (made on the first export). It is stable across exports
from the same store, also when the file is moved, and cannot be traced back to a person
without the store; after ``regie trainee forget`` it can no longer be made at all. If the
secret cannot be saved (a read-only store), a hash of the store's path is the key instead.
The group code and the scenario are sent; names and free text are not.

Statement ids are UUIDs made with ``uuid5`` from the attempt's uuid and the statement's
position, so exporting again gives the same ids: an LRS can take a re-sent export without
duplicates. Timestamps are ISO 8601 with a time zone: the start and the end of the attempt,
and for an ``answered`` the moment the move was saved.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from simulator.library import Library
from simulator.reports.data import WAIT_LABEL, counted, rule_title
from simulator.store import AttemptRow, Store, StoreError
from simulator.trace import TraceEvent

HOME = "https://regie.example"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, f"{HOME}/xapi")
LANG = "nl-NL"

ADL = "http://adlnet.gov/expapi/verbs/"
VERBS: dict[str, tuple[str, str]] = {  # verb -> (id, Dutch display)
    "launched": (ADL + "launched", "gestart"),
    "initialized": (ADL + "initialized", "begonnen"),
    "answered": (ADL + "answered", "beantwoord"),
    "completed": (ADL + "completed", "voltooid"),
    "passed": (ADL + "passed", "geslaagd"),
    "failed": (ADL + "failed", "niet geslaagd"),
    "terminated": (ADL + "terminated", "beëindigd"),
}
CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon"
EXT_SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
EXT_MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
EXT_LAUNCHMODE = "https://w3id.org/xapi/cmi5/context/extensions/launchmode"
EXT_MOVEON = "https://w3id.org/xapi/cmi5/context/extensions/moveon"
EXT_LEVEL = f"{HOME}/xapi/extensies/escalatieniveau"
EXT_FASE = f"{HOME}/xapi/extensies/fase"
EXT_STEP = f"{HOME}/xapi/extensies/stap"
EXT_VERDICTS = f"{HOME}/xapi/extensies/oordelen"
EXT_GROEP = f"{HOME}/xapi/extensies/groep"
EXT_MODE = f"{HOME}/xapi/extensies/modus"
ACTIVITY_SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
ACTIVITY_INTERACTION = "http://adlnet.gov/expapi/activities/interaction"
ACTIVITY_COURSE = "http://adlnet.gov/expapi/activities/course"
WAIT = "wacht"
SALT_SETTING = "xapi-pseudoniem-sleutel"


# --- small parts -----------------------------------------------------------------------
def iso_duration(seconds: float) -> str:
    """ISO 8601 duration in hours, minutes and seconds (to 0.01 s): 'PT4S', 'PT1M2.5S'."""
    centis = max(0, round(seconds * 100))
    hours, rest = divmod(centis, 360000)
    minutes, rest = divmod(rest, 6000)
    secs = rest / 100
    out = "PT"
    if hours:
        out += f"{hours}H"
    if minutes:
        out += f"{minutes}M"
    if secs or out == "PT":
        out += (f"{secs:.2f}".rstrip("0").rstrip(".") or "0") + "S"
    return out


def timestamp(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.isoformat(timespec="milliseconds")


def parse_time(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def statement_id(attempt_uuid: str, index: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{attempt_uuid}/{index}"))


def pseudonym(key: str, trainee_id: int) -> str:
    """The actor's account name: HMAC-SHA256 of the trainee's number, keyed per store."""
    digest = hmac.new(key.encode(), f"trainee:{trainee_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def store_key(store: Store) -> str:
    """The store's secret for pseudonyms, made and saved on first use (see the module)."""
    key = store.setting(SALT_SETTING)
    if key:
        return key
    key = secrets.token_hex(16)
    try:
        store.set_setting(SALT_SETTING, key)
    except StoreError:  # read-only: a key that is at least stable for this file's place
        return hashlib.sha256(str(store.path.resolve()).encode()).hexdigest()
    return key


def actor(name: str) -> dict[str, Any]:
    return {"objectType": "Agent", "account": {"homePage": HOME, "name": name}}


def verb(key: str) -> dict[str, Any]:
    iri, dutch = VERBS[key]
    return {"id": iri, "display": {LANG: dutch, "en-US": key}}


def scenario_activity(lib: Library, sid: str) -> dict[str, Any]:
    sc = lib.scenarios.get(sid)
    definition: dict[str, Any] = {
        "type": ACTIVITY_SIMULATION,
        "name": {LANG: sc.title if sc else sid},
    }
    if sc is not None and sc.description:
        definition["description"] = {LANG: sc.description}
    return {"objectType": "Activity", "id": f"{HOME}/scenarios/{sid}", "definition": definition}


def course_activity(lib: Library, cid: str) -> dict[str, Any]:
    course = lib.courses.get(cid)
    return {
        "objectType": "Activity",
        "id": f"{HOME}/cursussen/{cid}",
        "definition": {"type": ACTIVITY_COURSE, "name": {LANG: course.title if course else cid}},
    }


def intervention_activity(lib: Library, ev: TraceEvent) -> dict[str, Any]:
    if ev.kind == "timeout":
        iid, label = WAIT, WAIT_LABEL
    else:
        iid = ev.intervention or ev.choice or "onbekend"
        found = lib.catalogue.interventions.get(iid)
        label = found.label if found is not None else iid
    return {
        "objectType": "Activity",
        "id": f"{HOME}/interventies/{iid}",
        "definition": {"type": ACTIVITY_INTERACTION, "name": {LANG: label}},
    }


def move_times(store: Store, attempt_id: int) -> list[str]:
    """When each move of an attempt was saved (one per decision, in order)."""
    try:
        rows = store.db.execute(
            "SELECT at FROM moves WHERE attempt_id = ? ORDER BY seq", (attempt_id,)
        ).fetchall()
    except (sqlite3.Error, StoreError):  # a store that cannot be read here: no times
        return []
    return [str(r[0]) for r in rows]


# --- one attempt -------------------------------------------------------------------------
def attempt_statements(
    row: AttemptRow,
    lib: Library,
    events: Sequence[TraceEvent],
    times: Sequence[str],
    account: str,
) -> list[dict[str, Any]]:
    """The statements of one counted attempt, in cmi5 order (see the module)."""
    result: dict[str, Any] = row.result or {}
    au = scenario_activity(lib, row.scenario)
    start = parse_time(row.started)
    end = parse_time(row.ended) if row.ended else start
    course_key = row.course or "vrij-oefenen"
    registration = str(uuid.uuid5(NAMESPACE, f"registratie/{account}/{course_key}"))
    grouping = [course_activity(lib, row.course)] if row.course else []
    session_ext: dict[str, Any] = {EXT_SESSION: row.uuid, EXT_MODE: row.mode}
    if row.groep:
        session_ext[EXT_GROEP] = row.groep
    scenario = lib.scenarios.get(row.scenario)
    statements: list[dict[str, Any]] = []

    def add(
        key: str,
        obj: dict[str, Any],
        at: datetime,
        *,
        res: dict[str, Any] | None = None,
        categories: Sequence[str] = (),
        extensions: dict[str, Any] | None = None,
        parent: bool = False,
    ) -> None:
        activities: dict[str, Any] = {}
        if categories:
            activities["category"] = [{"objectType": "Activity", "id": c} for c in categories]
        if parent:
            activities["parent"] = [{"objectType": "Activity", "id": au["id"]}]
        if grouping:
            activities["grouping"] = grouping
        context: dict[str, Any] = {
            "registration": registration,
            "language": LANG,
            "extensions": {**session_ext, **(extensions or {})},
        }
        if activities:
            context["contextActivities"] = activities
        statement: dict[str, Any] = {
            "id": statement_id(row.uuid, len(statements)),
            "actor": actor(account),
            "verb": verb(key),
            "object": obj,
            "context": context,
            "timestamp": timestamp(at),
        }
        if res is not None:
            statement["result"] = res
        statements.append(statement)

    add(
        "launched",
        au,
        start,
        extensions={EXT_LAUNCHMODE: "Normal", EXT_MOVEON: "Passed"},
    )
    add("initialized", au, start, categories=[CMI5_CATEGORY])
    steps = {s.get("step"): s for s in result.get("steps", []) if isinstance(s, dict)}
    decisions = [ev for ev in events if ev.is_decision]
    for i, ev in enumerate(decisions):
        at = parse_time(times[i]) if i < len(times) else start + timedelta(seconds=ev.t)
        at = min(max(at, start), end)
        decided = steps.get(ev.step, {}).get("verdicts", [])
        verdicts = [
            {"rule": v["rule"], "title": rule_title(str(v["rule"])), "status": v["status"]}
            for v in decided
            if isinstance(v, dict) and "rule" in v
        ]
        level = (
            scenario.fasen[ev.fase].facts.level
            if scenario is not None and ev.fase in scenario.fasen
            else None
        )
        res: dict[str, Any] = {
            "response": WAIT if ev.kind == "timeout" else (ev.choice or ""),
            "duration": iso_duration(ev.latency or 0.0),
        }
        if verdicts:
            res["success"] = not any(v["status"] == "violated" for v in verdicts)
        ext: dict[str, Any] = {
            EXT_STEP: ev.step,
            EXT_FASE: ev.fase,
            EXT_LEVEL: level,
            EXT_VERDICTS: verdicts,
        }
        add("answered", intervention_activity(lib, ev), at, res=res, extensions=ext, parent=True)
    duration = iso_duration((end - start).total_seconds())
    finished = row.status == "afgerond"
    if finished:
        add(
            "completed",
            au,
            end,
            res={"completion": True, "duration": duration},
            categories=[CMI5_CATEGORY, MOVEON_CATEGORY],
        )
    score = row.score if row.score is not None else int(result.get("score", 0))
    passed = bool(row.passed)
    mastery: dict[str, Any] = {}
    if isinstance(result.get("pass_mark"), int | float):
        mastery[EXT_MASTERY] = result["pass_mark"] / 100
    add(
        "passed" if passed else "failed",
        au,
        end,
        res={
            "score": {"scaled": score / 100, "raw": score, "min": 0, "max": 100},
            "success": passed,
            "completion": finished,
            "duration": duration,
        },
        categories=[CMI5_CATEGORY, MOVEON_CATEGORY],
        extensions=mastery,
    )
    add("terminated", au, end, res={"duration": duration}, categories=[CMI5_CATEGORY])
    return statements


# --- the whole store --------------------------------------------------------------------
def export(
    store: Store, lib: Library, rows: Iterable[AttemptRow] | None = None
) -> list[dict[str, Any]]:
    """The statements of every counted attempt in the store (or in ``rows``), oldest first."""
    key = store_key(store)
    ids = {t.name.casefold(): t.id for t in store.trainees()}
    out: list[dict[str, Any]] = []
    for row in counted(store.attempts() if rows is None else rows):
        trainee_id = ids.get(row.trainee.casefold())
        if trainee_id is None:
            continue
        out.extend(
            attempt_statements(
                row,
                lib,
                store.events(row.id),
                move_times(store, row.id),
                pseudonym(key, trainee_id),
            )
        )
    return out


def dumps(statements: Sequence[dict[str, Any]], *, jsonl: bool = False) -> str:
    """A JSON array, or with ``jsonl`` one statement per line."""
    if jsonl:
        return "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in statements)
    return json.dumps(list(statements), ensure_ascii=False, indent=2) + "\n"
