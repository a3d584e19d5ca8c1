"""A validator of the cmi5 rules for the statements an assignable unit (AU) sends.

Every rule names its section in the cmi5 specification ("cmi5 Specification Profile for
xAPI", https://github.com/AICC/CMI-5_Spec_Current/blob/quartz/cmi5_spec.md, read at commit
a384b69 of 23 February 2024), or in xAPI 1.0.3 for the interaction activities. ``problems``
returns one plain line per broken rule (empty: all rules kept), so a test can
show every problem at once.

The rules checked, per statement:
- §9.1 the id is a UUID;
- §9.2 the actor of a cmi5 defined statement is an Agent with an account;
- §9.3.1, §9.3.6, §9.3.7, §9.3.9 launched, abandoned, waived and satisfied are the LMS's
  verbs: an AU does not send them;
- §9.4 the object of every cmi5 defined statement is the AU's activity id, the same in the
  whole session, and (§8.1.5) not the AU's publisher id;
- §9.5.1 a score only on passed and failed; scaled within 0..1; raw with min and max, all
  whole numbers, min <= raw <= max;
- §9.5.2 success true on passed, false on failed, absent on other cmi5 defined statements;
- §9.5.3 completion true on completed, absent on other cmi5 defined statements;
- §9.5.4.1 a duration (ISO 8601) on terminated, completed, passed and failed;
- §9.5.5.1 progress, if there, a whole number 0..100 and not on completed;
- §9.6 a context; §9.6.1 a registration (a UUID);
- §9.6.2.1 / §7.1.3 the cmi5 category on cmi5 defined statements, never on others;
- §9.6.2.2 the moveOn category exactly on cmi5 defined statements whose result has success
  or completion;
- §9.6.2.3 / §10.2.1 the publisher id activity in the grouping context activities, and
  every value of the session's context template kept;
- §9.6.3.1 the session id extension on every statement;
- §9.6.3.2 a passed or failed statement with a scaled score carries the mastery score
  (0..1, at most 4 decimals); §9.3.4 passed is at or above it, §9.3.5 failed below it;
- §9.7 a timestamp, in UTC;
- xAPI 1.0.3 §2.4.4.1 (interaction activities): an ``answered`` object is a
  ``cmi.interaction`` of type ``choice`` with choices (unique ids), a correct response
  pattern of choice ids, and a response that is one of the choices.

Per session (the statements with one session id):
- §7.1.1 / §9.3.2 initialized is there and is the first statement (of any kind);
- §7.1.2 / §9.3.8 terminated is there and is the last statement (of any kind); so every
  cmi5 allowed statement lies between them (§7.1.3);
- §9.3 no cmi5 defined verb twice; not both passed and failed;
- §9.6.1 one registration and one actor;
- §10.2.2 with launch mode Browse or Review, no cmi5 defined statement but initialized and
  terminated.

Per registration and AU (§9.3, §9.3.3, §9.3.4): at most one completed, at most one passed,
and no failed after a passed.

Order is the order of the timestamps (§9.3: "the order is determined by the value of the
timestamp property"); a tie between the first or last statement and another one breaks the
rule, since then it cannot be decided.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

ADL = "http://adlnet.gov/expapi/verbs/"
CMI5_VERBS = {
    "initialized": ADL + "initialized",
    "completed": ADL + "completed",
    "passed": ADL + "passed",
    "failed": ADL + "failed",
    "terminated": ADL + "terminated",
}
LMS_VERBS = {
    ADL + "launched": "§9.3.1",
    "https://w3id.org/xapi/adl/verbs/abandoned": "§9.3.6",
    "https://w3id.org/xapi/adl/verbs/waived": "§9.3.7",
    "https://w3id.org/xapi/adl/verbs/satisfied": "§9.3.9",
}
CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
PROGRESS = "https://w3id.org/xapi/cmi5/result/extensions/progress"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
DURATION = re.compile(
    r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$"
)


def _verb(s: dict[str, Any]) -> str:
    return str(s.get("verb", {}).get("id", ""))


def _name(s: dict[str, Any]) -> str:
    return _verb(s).removeprefix(ADL)


def _defined(s: dict[str, Any]) -> bool:
    """A cmi5 defined statement: a cmi5 verb with the cmi5 category (§7.1.3)."""
    return _verb(s) in CMI5_VERBS.values() and CMI5_CATEGORY in _categories(s)


def _categories(s: dict[str, Any]) -> list[str]:
    found = s.get("context", {}).get("contextActivities", {}).get("category", [])
    return [str(a.get("id")) for a in found if isinstance(a, dict)]


def _when(s: dict[str, Any]) -> datetime | None:
    try:
        return datetime.fromisoformat(str(s["timestamp"]).replace("Z", "+00:00"))
    except (KeyError, ValueError):
        return None


def _is_uuid(text: object) -> bool:
    try:
        return str(uuid.UUID(str(text))) == str(text).lower()
    except ValueError:
        return False


def _contains(whole: Any, part: Any) -> bool:
    """Is every value of ``part`` in ``whole`` (objects by key, lists by element)?"""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(
            k in whole and _contains(whole[k], v) for k, v in part.items()
        )
    if isinstance(part, list):
        return isinstance(whole, list) and all(any(_contains(w, p) for w in whole) for p in part)
    return bool(whole == part)


def statement_problems(
    s: dict[str, Any], publisher: Mapping[str, str], template: dict[str, Any] | None
) -> list[str]:
    out: list[str] = []
    sid = s.get("id", "?")
    name = _name(s)
    say = out.append
    if not _is_uuid(s.get("id")):
        say(f"§9.1 {sid}: id is not a UUID")
    if _verb(s) in LMS_VERBS:
        say(f"{LMS_VERBS[_verb(s)]} {sid}: '{name}' is the LMS's verb, not the AU's")
    defined = _defined(s)
    actor = s.get("actor", {})
    if defined and not (
        actor.get("objectType") == "Agent"
        and isinstance(actor.get("account"), dict)
        and actor["account"].get("homePage")
        and actor["account"].get("name")
    ):
        say(f"§9.2 {sid}: the actor is not an Agent with an account")
    when = _when(s)
    if when is None or when.utcoffset() != timedelta(0):
        say(f"§9.7 {sid}: no timestamp in UTC ({s.get('timestamp')!r})")
    context = s.get("context")
    if not isinstance(context, dict):
        say(f"§9.6 {sid}: no context")
        return out
    if not _is_uuid(context.get("registration")):
        say(f"§9.6.1 {sid}: no registration UUID")
    extensions = context.get("extensions", {}) or {}
    if not extensions.get(SESSION):
        say(f"§9.6.3.1 {sid}: no session id")
    categories = _categories(s)
    if _verb(s) in CMI5_VERBS.values() and CMI5_CATEGORY not in categories:
        say(f"§9.6.2.1 {sid}: '{name}' without the cmi5 category")
    if not defined and CMI5_CATEGORY in categories:
        say(f"§7.1.3 {sid}: a cmi5 allowed statement ('{name}') with the cmi5 category")
    result = s.get("result") or {}
    moveon_due = defined and ("success" in result or "completion" in result)
    if moveon_due != (MOVEON_CATEGORY in categories):
        say(f"§9.6.2.2 {sid}: moveOn category {'missing' if moveon_due else 'not allowed'}")
    obj = s.get("object", {})
    if defined:
        publisher_id = publisher.get(str(obj.get("id")))
        if publisher_id is None:
            say(f"§9.4 {sid}: the object {obj.get('id')} is not a launched AU's activity id")
        elif publisher_id == obj.get("id"):
            say(f"§8.1.5 {sid}: the activity id is the AU's publisher id")
    publisher_ids = set(publisher.values())
    grouping = context.get("contextActivities", {}).get("grouping", [])
    if not any(isinstance(a, dict) and a.get("id") in publisher_ids for a in grouping):
        say(f"§9.6.2.3 {sid}: no publisher id activity in the grouping")
    if template is not None and not _contains(context, template):
        say(f"§10.2.1 {sid}: a value of the context template is missing or changed")
    # result (§9.5)
    score = result.get("score")
    if defined and score is not None and name not in ("passed", "failed"):
        say(f"§9.5.1 {sid}: a score on '{name}'")
    if score is not None:
        scaled = score.get("scaled")
        if scaled is not None and not (isinstance(scaled, int | float) and 0 <= scaled <= 1):
            say(f"§9.5.1 {sid}: scaled {scaled!r} not within 0..1")
        if "raw" in score:
            raw, low, high = score.get("raw"), score.get("min"), score.get("max")
            if not all(isinstance(v, int) for v in (raw, low, high)):
                say(f"§9.5.1 {sid}: raw without whole min and max")
            elif not low <= raw <= high:  # type: ignore[operator]
                say(f"§9.5.1 {sid}: raw {raw} not within {low}..{high}")
    if defined:
        want_success = {"passed": True, "failed": False}.get(name)
        if result.get("success", None) is not want_success and (
            want_success is not None or "success" in result
        ):
            say(f"§9.5.2 {sid}: success {result.get('success')!r} on '{name}'")
        want_completion = True if name == "completed" else None
        if result.get("completion", None) is not want_completion and (
            want_completion is not None or "completion" in result
        ):
            say(f"§9.5.3 {sid}: completion {result.get('completion')!r} on '{name}'")
        timed = name in ("terminated", "completed", "passed", "failed")
        if timed and not DURATION.match(str(result.get("duration", ""))):
            say(f"§9.5.4.1 {sid}: '{name}' without an ISO 8601 duration")
        if name in ("passed", "failed") and score is not None and "scaled" in score:
            mastery = extensions.get(MASTERY)
            if not (
                isinstance(mastery, int | float)
                and 0 <= mastery <= 1
                and round(mastery, 4) == mastery
            ):
                say(f"§9.6.3.2 {sid}: '{name}' with a score but no valid masteryScore")
            elif name == "passed" and score["scaled"] < mastery:
                say(f"§9.3.4 {sid}: passed with scaled {score['scaled']} below {mastery}")
            elif name == "failed" and score["scaled"] >= mastery:
                say(f"§9.3.5 {sid}: failed with scaled {score['scaled']} not below {mastery}")
    progress = (result.get("extensions") or {}).get(PROGRESS)
    if progress is not None and (
        not isinstance(progress, int) or not 0 <= progress <= 100 or name == "completed"
    ):
        say(f"§9.5.5.1 {sid}: progress {progress!r} on '{name}'")
    if name == "answered":
        out += _interaction_problems(sid, obj, result)
    return out


def _interaction_problems(sid: str, obj: dict[str, Any], result: dict[str, Any]) -> list[str]:
    out: list[str] = []
    definition = obj.get("definition", {})
    if definition.get("type") != INTERACTION or definition.get("interactionType") != "choice":
        return [f"xAPI 2.4.4.1 {sid}: answered is not a cmi.interaction of type choice"]
    choices = [c.get("id") for c in definition.get("choices", []) if isinstance(c, dict)]
    if not choices or len(choices) != len(set(choices)) or not all(choices):
        out.append(f"xAPI 2.4.4.1 {sid}: the choices have no unique ids")
    for c in definition.get("choices", []):
        if not isinstance(c, dict) or not c.get("description"):
            out.append(f"xAPI 2.4.4.1 {sid}: a choice without a description")
            break
    for pattern in definition.get("correctResponsesPattern", []):
        if not isinstance(pattern, str) or any(p not in choices for p in pattern.split("[,]")):
            out.append(f"xAPI 2.4.4.1 {sid}: correct response {pattern!r} is not a choice")
    if result.get("response") not in choices:
        out.append(f"xAPI 2.4.4.1 {sid}: response {result.get('response')!r} is not a choice")
    return out


def problems(
    statements: Iterable[dict[str, Any]],
    publisher: Mapping[str, str],
    *,
    templates: Mapping[str, dict[str, Any]] | None = None,
    launch_modes: Mapping[str, str] | None = None,
) -> list[str]:
    """Every broken rule in the statements of one or more AUs. ``publisher``: each launched
    AU's activity id and its publisher id (the AU's id in the course structure);
    ``templates`` and ``launch_modes``: per session id, the context template and the launch
    mode of the LMS launch data (where there is one)."""
    statements = list(statements)
    out: list[str] = []
    sessions: dict[str, list[dict[str, Any]]] = {}
    for s in statements:
        session = str(s.get("context", {}).get("extensions", {}).get(SESSION, ""))
        template = (templates or {}).get(session)
        out += statement_problems(s, publisher, template)
        sessions.setdefault(session, []).append(s)
    for session, mine in sessions.items():
        out += session_problems(session, mine, (launch_modes or {}).get(session, "Normal"))
    out += registration_problems(statements)
    return out


def session_problems(session: str, mine: list[dict[str, Any]], launch_mode: str) -> list[str]:
    out: list[str] = []
    ordered = sorted(mine, key=lambda s: _when(s) or datetime.min)
    defined = [s for s in mine if _defined(s)]
    names = [_name(s) for s in defined]
    for verb in sorted(set(names)):
        if names.count(verb) > 1:
            out.append(f"§9.3 session {session}: '{verb}' {names.count(verb)} times")
    if "passed" in names and "failed" in names:
        out.append(f"§9.3 session {session}: both passed and failed")
    for first_or_last, verb, section in (
        (0, "initialized", "§7.1.1"),
        (-1, "terminated", "§7.1.2"),
    ):
        if verb not in names:
            out.append(f"{section} session {session}: no '{verb}'")
            continue
        edge = ordered[first_or_last]
        others = [s for s in ordered if s is not edge]
        tie = any(_when(s) == _when(edge) for s in others)
        if _name(edge) != verb or not _defined(edge) or tie:
            where = "first" if first_or_last == 0 else "last"
            out.append(f"{section} session {session}: '{verb}' is not strictly the {where}")
    if len({s.get("context", {}).get("registration") for s in mine}) > 1:
        out.append(f"§9.6.1 session {session}: more than one registration")
    if len({repr(s.get("actor")) for s in mine}) > 1:
        out.append(f"§9.6.1 session {session}: more than one actor")
    if len({str(s.get("object", {}).get("id")) for s in defined}) > 1:
        out.append(f"§9.4 session {session}: cmi5 defined statements about more than one AU")
    if launch_mode in ("Browse", "Review"):
        extra = [n for n in names if n not in ("initialized", "terminated")]
        if extra:
            out.append(f"§10.2.2 session {session}: {extra} in launch mode {launch_mode}")
    return out


def registration_problems(statements: list[dict[str, Any]]) -> list[str]:
    out: list[str] = []
    per: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for s in statements:
        if _defined(s):
            key = (str(s["context"].get("registration")), str(s.get("object", {}).get("id")))
            per.setdefault(key, []).append(s)
    for (registration, au), mine in per.items():
        ordered = sorted(mine, key=lambda s: _when(s) or datetime.min)
        names = [_name(s) for s in ordered]
        where = f"registration {registration}, AU {au}"
        if names.count("completed") > 1:
            out.append(f"§9.3.3 {where}: {names.count('completed')} times completed")
        if names.count("passed") > 1:
            out.append(f"§9.3.4 {where}: {names.count('passed')} times passed")
        if "passed" in names and "failed" in names[names.index("passed") :]:
            out.append(f"§9.3 {where}: failed after passed")
    return out
