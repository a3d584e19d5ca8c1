"""The attempts as xAPI statements that follow cmi5, for a learning record store (LRS).

An attempt is one cmi5 *session* of the scenario's assignable unit (AU). Regie sends, in
this order (each timestamp at least a millisecond after the one before it, in UTC):

1. ``initialized`` (cmi5 defined) at the start of the attempt. Never ``launched``: only an
   LMS writes that (cmi5 §9.3.1), before it launches the AU.
2. one ``answered`` per decision (cmi5 allowed: the session's context, no cmi5 category,
   §7.1.3): a choice, or a timer that ran out. The object is the fase as an xAPI
   interaction (``…/scenarios/<id>/fasen/<fase>``, ``interactionType`` ``choice``, the
   fase's choices, and the model answer as the correct response pattern; ``wacht`` is a
   choice where the fase has a timer). ``result.response`` is the choice taken,
   ``result.duration`` the time the trainee took, ``result.success`` false if a rule was
   broken at that step (true if rules were decided and none broken), and the rule verdicts
   of that step are a result extension. The moment is when the move was saved.
3. ``completed`` (cmi5 defined, ``completion`` true) when the attempt was played to its end
   and this registration has no ``completed`` for the AU yet (§9.3.3).
4. ``passed`` or ``failed`` (cmi5 defined), judged against the mastery score: passed when
   the scaled score is at least the mastery score and no critical rule or kernregel was
   broken and the attempt was finished; else failed. ``passed`` carries the score; a
   ``failed`` carries it only when it is below the mastery score (§9.3.5), else the score
   and the reason (a kernregel, a critical rule, an exam stopped early) are result
   extensions. Once a registration has ``passed`` for the AU, neither is sent again
   (§9.3: one ``passed``, no ``failed`` after it); the attempt's score then goes in a cmi5
   allowed ``scored`` statement.
5. ``terminated`` (cmi5 defined) with the session's duration, always last.

In launch mode ``Browse`` or ``Review`` only 1, 2 and 5 are sent (cmi5 §10.2.2).

**Registrations** (cmi5 §9.6.1). Launched by an LMS, the registration, actor, AU activity
id, session id and context template are the LMS's (``simulator.serve.cmi5_launch``).
Played in Regie itself, the rule is: one registration per trainee per course (the
enrolment an LMS would make; free practice is a course of its own), and one per exam. The
registration is a UUID made from the trainee's pseudonym and the course (or the exam), so
it is the same on every export. Within it the rules above decide what is sent again.

**Identifiers.** The activity IRIs start with the organisation's IRI base, a setting of
the store (``regie export --iri-basis``; default ``https://regie.example``, a domain that
is nobody's). The AU's publisher id is ``<basis>/scenarios/<id>``, the course
``<basis>/cursussen/<id>``; played in Regie itself, the AU's activity id (the object of the
cmi5 defined statements) is ``<basis>/au/<id>``, as an LMS makes its own (§8.1.5).

**Privacy.** The actor is an account on the IRI base whose name is a pseudonym, never the
trainee's name: an HMAC-SHA256 of the trainee's number in the store, keyed with a random
secret kept in that store (made on the first export). It cannot be traced back to a person
without the store; after ``regie trainee forget`` it can no longer be made at all. If the
secret cannot be saved (a read-only store), a hash of the store's path is the key instead.
The group code and the scenario are sent; names and free text are not.

Statement ids are UUIDs made with ``uuid5`` from the IRI base, the attempt's uuid and the
statement's part in it, so exporting again gives the same ids.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import secrets
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from simulator.engine.trace import TraceEvent
from simulator.language.library import Library
from simulator.reports.data import WAIT_LABEL, counted, rule_title
from simulator.store import AttemptRow, Store, StoreError
from simulator.store.xapi_log import launched_attempt_ids

DEFAULT_BASE = "https://regie.example"
BASE_SETTING = "xapi-iri-basis"
LANG = "nl-NL"
ADL = "http://adlnet.gov/expapi/verbs/"
VERBS: dict[str, tuple[str, str]] = {  # verb -> (id, Dutch display)
    "initialized": (ADL + "initialized", "begonnen"),
    "answered": (ADL + "answered", "beantwoord"),
    "completed": (ADL + "completed", "voltooid"),
    "passed": (ADL + "passed", "geslaagd"),
    "failed": (ADL + "failed", "niet geslaagd"),
    "scored": (ADL + "scored", "gescoord"),
    "terminated": (ADL + "terminated", "beëindigd"),
    "voided": (ADL + "voided", "ingetrokken"),
}
CMI5_DEFINED = ("initialized", "completed", "passed", "failed", "terminated")
CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon"
EXT_SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
EXT_MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
ACTIVITY_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ACTIVITY_SIMULATION = "http://adlnet.gov/expapi/activities/simulation"
ACTIVITY_COURSE = "https://w3id.org/xapi/cmi5/activitytype/course"
WAIT = "wacht"
SALT_SETTING = "xapi-pseudoniem-sleutel"
MAX_BASE = 200  # characters of an IRI base


def extension(base: str, name: str) -> str:
    """Regie's own extensions: ``<basis>/xapi/extensies/<name>``."""
    return f"{base}/xapi/extensies/{name}"


# --- the IRI base ----------------------------------------------------------------------
def check_base(text: str) -> str | None:
    """A Dutch problem with an IRI base, or None if it will do."""
    parts = urlsplit(text)
    if len(text) > MAX_BASE:
        return f"het IRI-basisadres is langer dan {MAX_BASE} tekens"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "het IRI-basisadres moet beginnen met https:// (of http://) en een domein"
    if parts.query or parts.fragment or any(c.isspace() for c in text):
        return "het IRI-basisadres mag geen spaties, ? of # bevatten"
    return None


def iri_base(store: Store) -> str:
    """The organisation's IRI base (the store's setting), else the documented default."""
    value = store.setting(BASE_SETTING)
    if value and check_base(value) is None:
        return value.rstrip("/")
    return DEFAULT_BASE


def namespace(base: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{base}/xapi")


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
    """ISO 8601 in UTC to the millisecond, with a Z (cmi5 §9.7: all timestamps in UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(stamp: str) -> datetime:
    moment = datetime.fromisoformat(stamp)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


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


def verb(key: str) -> dict[str, Any]:
    iri, dutch = VERBS[key]
    return {"id": iri, "display": {LANG: dutch, "en-US": key}}


def activity(iri: str, kind: str, name: str, description: str | None = None) -> dict[str, Any]:
    definition: dict[str, Any] = {"type": kind, "name": {LANG: name}}
    if description:
        definition["description"] = {LANG: description}
    return {"objectType": "Activity", "id": iri, "definition": definition}


def publisher_id(base: str, sid: str) -> str:
    """The AU's id in the course structure (``cmi5.xml``)."""
    return f"{base}/scenarios/{sid}"


def course_id(base: str, cid: str) -> str:
    return f"{base}/cursussen/{cid}"


def fase_activity(lib: Library, base: str, sid: str, fase_id: str) -> dict[str, Any]:
    """A fase as an xAPI ``choice`` interaction: its choices, the model answer as correct
    response pattern, and ``wacht`` where a timer can run out."""
    iri = f"{publisher_id(base, sid)}/fasen/{fase_id}"
    scenario = lib.scenarios.get(sid)
    fase = scenario.fasen.get(fase_id) if scenario is not None else None
    title = scenario.title if scenario is not None else sid
    definition: dict[str, Any] = {
        "type": ACTIVITY_INTERACTION,
        "name": {LANG: f"{title}: {fase_id}"},
        "interactionType": "choice",
    }
    if fase is not None:
        definition["description"] = {LANG: fase.text}
        choices = [{"id": c.id, "description": {LANG: c.text}} for c in fase.choices]
        if fase.timer is not None:
            choices.append({"id": WAIT, "description": {LANG: WAIT_LABEL}})
        definition["choices"] = choices
        model = [c.id for c in fase.choices if c.model]
        if model:
            definition["correctResponsesPattern"] = model[:1]
    return {"objectType": "Activity", "id": iri, "definition": definition}


def move_times(store: Store, attempt_id: int) -> list[str]:
    """When each move of an attempt was saved (one per decision, in order)."""
    try:
        rows = store.db.execute(
            "SELECT at FROM moves WHERE attempt_id = ? ORDER BY seq", (attempt_id,)
        ).fetchall()
    except (sqlite3.Error, StoreError):  # a store that cannot be read here: no times
        return []
    return [str(r[0]) for r in rows]


# --- the session's context -------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Launch:
    """Who, where and under which registration an attempt is a cmi5 session: from an LMS
    launch, or made by Regie for an attempt played in Regie itself (``standalone``)."""

    actor: dict[str, Any]
    registration: str
    activity_id: str  # the object of the cmi5 defined statements (§9.4)
    session_id: str
    template: dict[str, Any]  # the LMS's contextTemplate (§10.2.1): the base of every context
    mastery: float  # the mastery score, 0..1
    launch_mode: str = "Normal"
    completed_before: bool = False  # this registration already has 'completed' for the AU
    passed_before: bool = False  # ... and 'passed'
    extensions: dict[str, Any] = field(default_factory=dict)  # Regie's own, in every context


def standalone(
    row: AttemptRow,
    lib: Library,
    base: str,
    account: str,
    *,
    completed_before: bool = False,
    passed_before: bool = False,
) -> Launch:
    """The cmi5 session of an attempt played in Regie itself (see the module)."""
    enrolment = (
        f"examen/{row.exam}"
        if row.exam is not None
        else f"examenpoging/{row.uuid}"
        if row.mode == "examen"
        else f"cursus/{row.course or 'vrij-oefenen'}"
    )
    grouping = [{"objectType": "Activity", "id": publisher_id(base, row.scenario)}]
    if row.course:
        course = lib.courses.get(row.course)
        grouping.append(
            activity(
                course_id(base, row.course), ACTIVITY_COURSE, course.title if course else row.course
            )
        )
    extensions: dict[str, Any] = {extension(base, "modus"): row.mode}
    if row.groep:
        extensions[extension(base, "groep")] = row.groep
    return Launch(
        actor={"objectType": "Agent", "account": {"homePage": base, "name": account}},
        registration=str(uuid.uuid5(namespace(base), f"registratie/{account}/{enrolment}")),
        activity_id=f"{base}/au/{row.scenario}",
        session_id=row.uuid,
        template={
            "contextActivities": {"grouping": grouping},
            "extensions": {EXT_SESSION: row.uuid},
        },
        mastery=pass_mark(row, lib) / 100,
        completed_before=completed_before,
        passed_before=passed_before,
        extensions=extensions,
    )


def pass_mark(row: AttemptRow, lib: Library) -> int:
    """The attempt's own pass mark (its result's), else its scenario's profile's."""
    stored = row.result.pass_mark if row.result is not None else None
    if stored is not None:
        return int(stored)
    scenario = lib.scenarios.get(row.scenario)
    return lib.profile_for(scenario).pass_mark if scenario is not None else 70


@dataclass(frozen=True, slots=True)
class Outcome:
    """How an attempt ends in cmi5 terms."""

    finished: bool  # played to its end
    passed: bool  # judged against the mastery score
    score: int | None
    reason: str | None  # why a score at or above the mastery score still failed


def outcome(row: AttemptRow, mastery: float) -> Outcome:
    result = row.result
    finished = row.status == "afgerond"
    stored = result.score if result is not None else None
    score = row.score if row.score is not None else (int(stored) if stored is not None else None)
    kern = list(result.failed_kernregels) if result is not None else []
    critical = [
        str(v.rule)
        for v in (result.verdicts if result is not None else ())
        if v.rule is not None and v.violated and v.severity == "kritiek"
    ]
    reason = None
    if not finished or (result is not None and result.abandoned):
        reason = "examen gestopt voor het einde"
    elif kern:
        reason = "kernregel overtreden: " + ", ".join(kern)
    elif critical:
        reason = "kritieke regel overtreden: " + ", ".join(critical)
    passed = reason is None and score is not None and score / 100 >= mastery
    return Outcome(finished, passed, score, reason)


# --- one attempt -------------------------------------------------------------------------
def attempt_statements(
    row: AttemptRow,
    lib: Library,
    events: Sequence[TraceEvent],
    times: Sequence[str],
    launch: Launch,
    base: str,
    *,
    stopped_at: str | None = None,
) -> list[dict[str, Any]]:
    """The statements of one attempt as one cmi5 session (see the module). ``stopped_at``:
    a training attempt stopped before its end (it is dropped from the store): the session
    ends then, with no result. An attempt still under way has its first statements only."""
    result = row.result
    scenario = lib.scenarios.get(row.scenario)
    title = scenario.title if scenario is not None else row.scenario
    au = activity(
        launch.activity_id,
        ACTIVITY_SIMULATION,
        title,
        scenario.description if scenario is not None else None,
    )
    start = parse_time(row.started)
    running = row.status == "bezig" and stopped_at is None  # a launched attempt under way
    ended = stopped_at or row.ended
    end = parse_time(ended) if ended else None
    ns = namespace(base)
    statements: list[dict[str, Any]] = []
    last = [start - timedelta(milliseconds=1)]

    def moment(at: datetime) -> datetime:
        """Never before or at the statement before it: order is decided by timestamps."""
        at = max(at, last[0] + timedelta(milliseconds=1))
        last[0] = at
        return at

    def add(
        key: str,
        part: str,
        obj: dict[str, Any],
        at: datetime,
        *,
        res: dict[str, Any] | None = None,
        extensions: dict[str, Any] | None = None,
        parent: bool = False,
    ) -> None:
        context: dict[str, Any] = copy.deepcopy(launch.template)
        context["registration"] = launch.registration
        context.setdefault("language", LANG)
        activities: dict[str, Any] = context.setdefault("contextActivities", {})
        if key in CMI5_DEFINED:
            categories = [{"objectType": "Activity", "id": CMI5_CATEGORY}]
            if res is not None and ("success" in res or "completion" in res):
                categories.append({"objectType": "Activity", "id": MOVEON_CATEGORY})
            activities["category"] = [*activities.get("category", []), *categories]
        if parent:
            activities["parent"] = [{"objectType": "Activity", "id": launch.activity_id}]
        if not activities:
            del context["contextActivities"]
        mine = {**launch.extensions, **(extensions or {})}
        context["extensions"] = {**mine, **context.get("extensions", {})}  # the LMS's win
        statement: dict[str, Any] = {
            "id": str(uuid.uuid5(ns, f"{row.uuid}/{part}")),
            "actor": launch.actor,
            "verb": verb(key),
            "object": obj,
            "context": context,
            "timestamp": timestamp(moment(at)),
        }
        if res is not None:
            statement["result"] = res
        statements.append(statement)

    add("initialized", "initialized", au, start)
    steps = {s.step: s for s in result.steps} if result is not None else {}
    decisions = [ev for ev in events if ev.is_decision]
    for i, ev in enumerate(decisions):
        at = parse_time(times[i]) if i < len(times) else start + timedelta(seconds=ev.t)
        at = at if end is None else min(at, end)
        decided = steps[ev.step].verdicts if ev.step in steps else ()
        verdicts = [
            {"rule": v.rule, "title": rule_title(v.rule), "status": v.status}
            for v in decided
            if v.rule is not None
        ]
        level = (
            scenario.fasen[ev.fase].facts.level
            if scenario is not None and ev.fase in scenario.fasen
            else None
        )
        res: dict[str, Any] = {
            "response": WAIT if ev.kind == "timeout" else (ev.choice or ""),
            "duration": iso_duration(ev.latency or 0.0),
            "extensions": {extension(base, "oordelen"): verdicts},
        }
        if verdicts:
            res["success"] = not any(v["status"] == "violated" for v in verdicts)
        ext = {
            extension(base, "stap"): ev.step,
            extension(base, "fase"): ev.fase,
            extension(base, "escalatieniveau"): level,
        }
        add(
            "answered",
            f"answered/{ev.step}",
            fase_activity(lib, base, row.scenario, ev.fase or ""),
            at,
            res=res,
            extensions=ext,
            parent=True,
        )
    if running or end is None:
        return statements  # the end comes when the attempt ends
    duration = iso_duration((end - start).total_seconds())
    judged = launch.launch_mode == "Normal" and stopped_at is None
    if judged:
        done = outcome(row, launch.mastery)
        if done.finished and not launch.completed_before:
            add("completed", "completed", au, end, res={"completion": True, "duration": duration})
        score = (
            {"scaled": round(done.score / 100, 4), "raw": done.score, "min": 0, "max": 100}
            if done.score is not None
            else None
        )
        mastery = {EXT_MASTERY: round(launch.mastery, 4)}
        if launch.passed_before:
            res = {"success": done.passed, "duration": duration}
            if score is not None:
                res["score"] = score
            add("scored", "scored", au, end, res=res)
        elif done.passed:
            res = {"success": True, "duration": duration}
            if score is not None:
                res["score"] = score
            add("passed", "passed", au, end, res=res, extensions=mastery)
        else:
            res = {"success": False, "duration": duration}
            below = score is not None and score["scaled"] < launch.mastery
            if below and score is not None:
                res["score"] = score
            elif done.score is not None:
                res["extensions"] = {extension(base, "score"): done.score}
            if done.reason:
                res.setdefault("extensions", {})[extension(base, "reden")] = done.reason
            add("failed", "failed", au, end, res=res, extensions=mastery if below else None)
    add("terminated", "terminated", au, end, res={"duration": duration})
    return statements


def sends(statements: Iterable[dict[str, Any]]) -> tuple[bool, bool]:
    """(completed, passed): what a session's statements tell its registration."""
    verbs = {str(s["verb"]["id"]).removeprefix(ADL) for s in statements}
    return "completed" in verbs, "passed" in verbs


# --- the whole store --------------------------------------------------------------------
def export(
    store: Store, lib: Library, rows: Iterable[AttemptRow] | None = None
) -> list[dict[str, Any]]:
    """The statements of every counted attempt played in Regie itself (or of those in
    ``rows``), in the order they were finished."""
    return [s for _, statements in export_by_attempt(store, lib, rows) for s in statements]


def export_by_attempt(
    store: Store, lib: Library, rows: Iterable[AttemptRow] | None = None
) -> list[tuple[AttemptRow, list[dict[str, Any]]]]:
    """Each counted attempt with its statements (see ``export``)."""
    key = store_key(store)
    base = iri_base(store)
    ids = {t.name.casefold(): t.id for t in store.trainees()}
    skip = launched_attempt_ids(store)  # their statements went to their LMS
    chosen = counted(store.attempts() if rows is None else rows)
    # the registration rules follow the order in which attempts ended: every attempt of a
    # trainee counts for what was sent before, also one that is not exported now
    everyone = sorted(
        counted(store.attempts()), key=lambda r: (r.ended or r.started, r.started, r.id)
    )
    wanted = {r.id for r in chosen}
    state: dict[tuple[str, str], tuple[bool, bool]] = {}
    out: list[tuple[AttemptRow, list[dict[str, Any]]]] = []
    for row in everyone:
        trainee_id = ids.get(row.trainee.casefold())
        if trainee_id is None or row.id in skip:
            continue
        account = pseudonym(key, trainee_id)
        first = standalone(row, lib, base, account)
        before = state.get((first.registration, row.scenario), (False, False))
        launch = standalone(
            row, lib, base, account, completed_before=before[0], passed_before=before[1]
        )
        statements = attempt_statements(
            row, lib, store.events(row.id), move_times(store, row.id), launch, base
        )
        completed, passed = sends(statements)
        state[(launch.registration, row.scenario)] = (before[0] or completed, before[1] or passed)
        if row.id in wanted:
            out.append((row, statements))
    return out


def voiding(base: str, ns_id: str, target: str, at: datetime) -> dict[str, Any]:
    """A statement that voids ``target`` in an LRS (after ``regie trainee forget``): the
    actor is the organisation's Regie, not the trainee."""
    return {
        "id": str(uuid.uuid5(namespace(base), f"intrekking/{ns_id}/{target}")),
        "actor": {"objectType": "Agent", "account": {"homePage": base, "name": "regie"}},
        "verb": verb("voided"),
        "object": {"objectType": "StatementRef", "id": target},
        "timestamp": timestamp(at),
    }


def dumps(statements: Sequence[dict[str, Any]], *, jsonl: bool = False) -> str:
    """A JSON array, or with ``jsonl`` one statement per line."""
    if jsonl:
        return "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in statements)
    return json.dumps(list(statements), ensure_ascii=False, indent=2) + "\n"
