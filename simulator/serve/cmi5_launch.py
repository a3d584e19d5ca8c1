"""A cmi5 launch of ``regie serve`` by an LMS: ``GET /cmi5?scenario=…&endpoint=…&fetch=…
&actor=…&registration=…&activityId=…`` (cmi5 §8.1).

The server, not the browser, does the AU's part of the launch:

1. checks the parameters (sizes bounded, the actor an Agent with an account, the
   registration a UUID, the activity id an IRI, the scenario one of the library's), and
   that ``endpoint`` and ``fetch`` are on an LMS this server was started for (``regie
   serve --lms URL``): a launch URL from anywhere else is refused, so a web page cannot
   make this server send requests to addresses of its choosing;
2. fetches the authorization token: one ``POST`` to the fetch URL (§8.2), answered with
   ``{"auth-token": …}`` or an ``error-code`` (told in Dutch);
3. reads the LMS launch data: the ``LMS.LaunchData`` state document (§10) for the activity,
   actor and registration, with the token as HTTP Basic authorization; it must hold a
   ``contextTemplate`` with the session id and a ``launchMode``. The learner preferences
   (the agent profile ``cmi5LearnerPreferences``, §11) are asked for as the AU must; Regie
   only speaks Dutch, so what they say changes nothing;
4. signs the trainee in as the launching actor: a trainee named after the actor's account
   (``LMS <homePage host>: <name>``) with a random pincode nobody knows, so nobody can
   sign in with that name in the classroom; and keeps the launch in the store with a
   random key, which the page hands to its app process (``/ws/lms/<key>``).

A reload of the launch page (the same fetch URL) finds the launch again and does not fetch
a second token (the fetch URL is one-time, §8.2.3.1). Everything that goes wrong is a
Dutch page with what to do; nothing is half written.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import aiohttp

from simulator.store import Store, StoreError
from simulator.store.classroom import hash_pin
from simulator.store.xapi_log import LaunchRow, add_launch, launch_by_fetch

MAX_PARAMETER = 2048  # characters of one launch parameter
MAX_ANSWER = 64 * 1024  # bytes of an answer of the LMS that are read
TIMEOUT = 15.0  # seconds for one request to the LMS
KEY = re.compile(r"^[A-Za-z0-9_-]{43}$")
LAUNCH_MODES = ("Normal", "Browse", "Review")
SESSION_EXTENSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"


class LaunchRefused(Exception):
    """Why a launch cannot go on, in Dutch, with the HTTP status to answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class LaunchRequest:
    scenario: str
    endpoint: str
    fetch: str
    actor: dict[str, Any]
    registration: str
    activity_id: str


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def check_lms(url: str) -> str | None:
    """A Dutch problem with an ``--lms`` address, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"'{url}' is geen adres van een LMS; geef bijvoorbeeld https://leren.gemeente.nl"
    return None


def allowed(url: str, lms: Sequence[str]) -> bool:
    """Is ``url`` on one of the LMSs (same scheme, host and port; below its path)?"""
    parts = urlsplit(url)
    for known in lms:
        base = urlsplit(known)
        if origin(url) == origin(known) and parts.path.startswith(base.path.rstrip("/")):
            return True
    return False


def parse(query: Mapping[str, str], scenarios: Sequence[str], lms: Sequence[str]) -> LaunchRequest:
    """The launch parameters, checked (see the module). Raises ``LaunchRefused``."""
    if not lms:
        raise LaunchRefused(
            "Deze Regie-server is niet gestart voor een leeromgeving (LMS). De beheerder start "
            "hem met: regie serve --lms https://adres-van-de-leeromgeving",
            403,
        )
    names = ("scenario", "endpoint", "fetch", "actor", "registration", "activityId")
    missing = [n for n in names if not query.get(n)]
    if missing:
        raise LaunchRefused(
            "De leeromgeving gaf niet alles mee om de oefening te starten (ontbreekt: "
            f"{', '.join(missing)}). Start de oefening opnieuw vanuit de leeromgeving."
        )
    long = [n for n in names if len(query[n]) > MAX_PARAMETER]
    if long:
        raise LaunchRefused(f"Te lange startgegevens ({', '.join(long)}).")
    scenario = query["scenario"]
    if scenario not in scenarios:
        raise LaunchRefused(
            f"Het scenario '{scenario}' is hier niet bekend. Vraag de beheerder het cursuspakket "
            "opnieuw te maken met regie export --cmi5."
        )
    for name in ("endpoint", "fetch"):
        url = query[name]
        if urlsplit(url).scheme not in ("http", "https") or not allowed(url, lms):
            raise LaunchRefused(
                f"De start komt niet van een leeromgeving die deze server kent ({name}: "
                f"{origin(url) or url[:80]}). De beheerder voegt haar toe met regie serve --lms.",
                403,
            )
    try:
        actor = json.loads(query["actor"])
    except ValueError:
        actor = None
    account = actor.get("account") if isinstance(actor, dict) else None
    if not (
        isinstance(actor, dict)
        and actor.get("objectType", "Agent") == "Agent"
        and isinstance(account, dict)
        and isinstance(account.get("homePage"), str)
        and isinstance(account.get("name"), str)
        and account["name"]
        and urlsplit(account["homePage"]).scheme
    ):
        raise LaunchRefused(
            "De leeromgeving gaf geen geldige deelnemer mee (een Agent met een account, "
            "cmi5 §9.2). Vraag de beheerder van de leeromgeving dit na te kijken."
        )
    try:
        registration = str(uuid.UUID(query["registration"]))
    except ValueError:
        raise LaunchRefused("De registratie van de leeromgeving is geen UUID.") from None
    activity_id = query["activityId"]
    if not urlsplit(activity_id).scheme or any(c.isspace() for c in activity_id):
        raise LaunchRefused("Het activity-id van de leeromgeving is geen IRI.")
    return LaunchRequest(
        scenario=scenario,
        endpoint=query["endpoint"].rstrip("/") + "/",
        fetch=query["fetch"],
        actor=actor,
        registration=registration,
        activity_id=activity_id,
    )


def trainee_name(actor: dict[str, Any]) -> str:
    """The store's name for an LMS learner: the account, never a display name."""
    account = actor["account"]
    host = urlsplit(account["homePage"]).netloc or account["homePage"]
    name = " ".join(str(account["name"]).split())
    text = f"LMS {host}: {name}"
    if len(text) > 80:
        digest = hashlib.sha256(f"{account['homePage']}|{account['name']}".encode()).hexdigest()
        text = f"LMS {host[:40]}: {digest[:24]}"
    return text


def fetch_hash(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


async def _json(response: aiohttp.ClientResponse) -> Any:
    raw = await response.content.read(MAX_ANSWER + 1)
    if len(raw) > MAX_ANSWER:
        raise LaunchRefused("De leeromgeving stuurde een te groot antwoord.", 502)
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None


async def fetch_token(session: aiohttp.ClientSession, fetch: str) -> str:
    """The auth token from the one-time fetch URL (cmi5 §8.2)."""
    try:
        async with session.post(fetch, allow_redirects=False) as response:
            data = await _json(response)
            status = response.status
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise LaunchRefused(
            f"De leeromgeving is niet bereikbaar ({exc}). Probeer het zo nog eens.", 502
        ) from None
    if isinstance(data, dict) and isinstance(data.get("auth-token"), str) and status == 200:
        return str(data["auth-token"])
    if isinstance(data, dict) and "error-code" in data:
        code = str(data.get("error-code"))
        meaning = {
            "1": "deze start is al gebruikt of verlopen",
            "2": "de leeromgeving weigerde de start (beveiliging)",
            "3": "de leeromgeving had een fout",
        }.get(code, "onbekende fout")
        raise LaunchRefused(
            f"De leeromgeving gaf geen toegang: {meaning} (foutcode {code}). Start de oefening "
            "opnieuw vanuit de leeromgeving.",
            403,
        )
    raise LaunchRefused(f"De leeromgeving gaf geen toegangssleutel (HTTP {status}).", 502)


def _xapi_headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}


async def launch_data(
    session: aiohttp.ClientSession, request: LaunchRequest, token: str
) -> dict[str, Any]:
    """The LMS.LaunchData state document (cmi5 §10), checked for what Regie needs."""
    query = urlencode(
        {
            "stateId": "LMS.LaunchData",
            "activityId": request.activity_id,
            "agent": json.dumps(request.actor),
            "registration": request.registration,
        }
    )
    url = f"{request.endpoint}activities/state?{query}"
    try:
        async with session.get(
            url, headers=_xapi_headers(token), allow_redirects=False
        ) as response:
            data = await _json(response)
            status = response.status
    except (aiohttp.ClientError, TimeoutError) as exc:
        raise LaunchRefused(f"De leeromgeving is niet bereikbaar ({exc}).", 502) from None
    if status != 200 or not isinstance(data, dict):
        raise LaunchRefused(
            f"De leeromgeving gaf de startgegevens (LMS.LaunchData) niet (HTTP {status}).", 502
        )
    template = data.get("contextTemplate")
    session_id = (
        template.get("extensions", {}).get(SESSION_EXTENSION)
        if isinstance(template, dict)
        else None
    )
    if not isinstance(session_id, str) or not session_id:
        raise LaunchRefused(
            "De startgegevens van de leeromgeving missen de sessie-id (cmi5 §10.2.1).", 502
        )
    if data.get("launchMode") not in LAUNCH_MODES:
        raise LaunchRefused(
            "De startgegevens van de leeromgeving missen een geldige launchMode.", 502
        )
    mastery = data.get("masteryScore")
    if mastery is not None and not (
        isinstance(mastery, int | float) and not isinstance(mastery, bool) and 0 <= mastery <= 1
    ):
        raise LaunchRefused("De masteryScore van de leeromgeving ligt niet tussen 0 en 1.", 502)
    return data


async def learner_preferences(
    session: aiohttp.ClientSession, request: LaunchRequest, token: str
) -> Any:
    """The learner preferences (cmi5 §11): asked for, as the AU must; not needed."""
    query = urlencode({"agent": json.dumps(request.actor), "profileId": "cmi5LearnerPreferences"})
    try:
        async with session.get(
            f"{request.endpoint}agents/profile?{query}", headers=_xapi_headers(token)
        ) as response:
            return await _json(response) if response.status == 200 else None
    except (aiohttp.ClientError, TimeoutError, LaunchRefused):
        return None


async def prepare(data: Path, request: LaunchRequest) -> LaunchRow:
    """The launch, kept in the store (see the module): found again on a reload."""
    hashed = fetch_hash(request.fetch)
    with Store.open(data) as store:
        found = launch_by_fetch(store, hashed)
    if found is not None:
        if found.ended is not None:
            raise LaunchRefused(
                "Deze oefening is al gespeeld en aan de leeromgeving doorgegeven. Start haar "
                "opnieuw vanuit de leeromgeving als u nog eens wilt.",
                410,
            )
        return found
    timeout = aiohttp.ClientTimeout(total=TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        token = await fetch_token(session, request.fetch)
        document = await launch_data(session, request, token)
        await learner_preferences(session, request, token)
    try:
        with Store.open(data) as store:
            found = launch_by_fetch(store, hashed)
            if found is not None:  # another tab of the same launch, just now
                return found
            trainee = store.trainee(trainee_name(request.actor))
            with store.transaction() as db:  # a pincode nobody knows: no classroom sign-in
                db.execute(
                    "UPDATE trainees SET pin = ? WHERE id = ? AND pin IS NULL",
                    (hash_pin(secrets.token_hex(16)), trainee.id),
                )
            return add_launch(
                store,
                key=secrets.token_urlsafe(32),
                fetch_hash=hashed,
                trainee_id=trainee.id,
                scenario=request.scenario,
                endpoint=request.endpoint,
                auth=token,
                actor=request.actor,
                registration=request.registration,
                activity_id=request.activity_id,
                launch_data=document,
            )
    except StoreError as exc:
        raise LaunchRefused(str(exc), 503) from None
