"""A small LMS for the launch tests: what an LMS does around a cmi5 launch, on 127.0.0.1.

``Lms.launch`` does the LMS's part (cmi5 §8, §10, §9.3.1): it makes the session id and the
AU's activity id (not the publisher id, and the same for the same AU), writes the
``LMS.LaunchData`` state document, records ``launched`` in the LRS (with the launch mode,
launch URL, moveOn and mastery score extensions), makes a one-time fetch URL with an auth
token, and returns the launch URL with the five parameters.

As the AU's ``endpoint`` it serves: ``POST /fetch/<key>`` (the token once, then error code
1), ``GET /xapi/activities/state`` (the launch data, for the right token, activity, agent
and registration), ``GET /xapi/agents/profile`` (404: no learner preferences), and
``POST /xapi/statements``, which it passes on to the real LRS (ralph) with its own
credentials, for a valid token only. ``down = True`` makes the statements endpoint answer
503, as an LMS whose LRS is gone.
"""

from __future__ import annotations

import hashlib
import http.server
import json
import secrets
import threading
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from tests.ralph_lrs import Ralph, basic

SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
EXT = "https://w3id.org/xapi/cmi5/context/extensions/"


@dataclass
class Launched:
    url: str  # the launch URL the learner's browser opens
    session_id: str
    activity_id: str
    publisher_id: str
    registration: str
    actor: dict[str, Any]
    template: dict[str, Any]
    launch_data: dict[str, Any]
    token: str


@dataclass
class Calls:
    fetch: list[str] = field(default_factory=list)
    state: list[str] = field(default_factory=list)
    profile: list[str] = field(default_factory=list)
    statements: list[int] = field(default_factory=list)  # statements a POST held


class Lms(http.server.ThreadingHTTPServer):
    def __init__(self, ralph: Ralph) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.ralph = ralph
        self.fetches: dict[str, str | None] = {}  # key: token until it was fetched
        self.tokens: dict[str, Launched] = {}
        self.calls = Calls()
        self.down = False
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    def launch(
        self,
        regie: str,
        scenario: str,
        publisher_id: str,
        *,
        learner: str = "1625378",
        registration: str | None = None,
        mastery: float | None = 0.7,
        launch_mode: str = "Normal",
        launch_parameters: str | None = None,
        return_url: str | None = None,
    ) -> Launched:
        actor = {"objectType": "Agent", "account": {"homePage": self.url, "name": learner}}
        registration = registration or str(uuid.uuid4())
        session_id = str(uuid.uuid4())
        digest = hashlib.sha256(publisher_id.encode()).hexdigest()[:16]
        activity_id = f"{self.url}activiteiten/{digest}"
        template = {
            "contextActivities": {"grouping": [{"objectType": "Activity", "id": publisher_id}]},
            "extensions": {SESSION: session_id},
        }
        data: dict[str, Any] = {
            "contextTemplate": template,
            "launchMode": launch_mode,
            "moveOn": "Passed",
        }
        if mastery is not None:
            data["masteryScore"] = mastery
        if launch_parameters:
            data["launchParameters"] = launch_parameters
        if return_url:
            data["returnURL"] = return_url
        token = secrets.token_urlsafe(24)
        key = secrets.token_urlsafe(12)
        self.fetches[key] = token
        au_url = f"{regie.rstrip('/')}/cmi5?{urlencode({'scenario': scenario})}"
        launched = Launched(
            url=au_url
            + "&"
            + urlencode(
                {
                    "endpoint": self.url + "xapi/",
                    "fetch": f"{self.url}fetch/{key}",
                    "actor": json.dumps(actor),
                    "registration": registration,
                    "activityId": activity_id,
                }
            ),
            session_id=session_id,
            activity_id=activity_id,
            publisher_id=publisher_id,
            registration=registration,
            actor=actor,
            template=template,
            launch_data=data,
            token=token,
        )
        self.tokens[token] = launched
        extensions = {
            **template["extensions"],
            EXT + "launchmode": launch_mode,
            EXT + "launchurl": au_url,
            EXT + "moveon": "Passed",
        }
        if mastery is not None:
            extensions[EXT + "masteryscore"] = mastery
        self.ralph.post(
            [
                {
                    "id": str(uuid.uuid4()),
                    "actor": actor,
                    "verb": {"id": "http://adlnet.gov/expapi/verbs/launched"},
                    "object": {"objectType": "Activity", "id": activity_id},
                    "context": {
                        "registration": registration,
                        "contextActivities": {
                            **template["contextActivities"],
                            "category": [{"id": CMI5}],
                        },
                        "extensions": extensions,
                    },
                    "timestamp": datetime.now(UTC).isoformat(timespec="milliseconds"),
                }
            ]
        )
        return launched


class Handler(http.server.BaseHTTPRequestHandler):
    server: Lms

    def log_message(self, *args: object) -> None:
        pass

    def answer(self, status: int, data: Any) -> None:
        body = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def launched(self) -> Launched | None:
        header = self.headers.get("Authorization", "")
        return self.server.tokens.get(header.removeprefix("Basic "))

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if path.startswith("/fetch/"):
            key = path.removeprefix("/fetch/")
            self.server.calls.fetch.append(key)
            token = self.server.fetches.get(key)
            if token is None:
                self.answer(200, {"error-code": "1", "error-text": "al gebruikt"})
                return
            self.server.fetches[key] = None  # one time only (cmi5 §8.2.3.1)
            self.answer(200, {"auth-token": token})
            return
        if path == "/xapi/statements":
            if self.launched() is None:
                self.answer(401, {"detail": "geen geldige sleutel"})
                return
            if self.server.down:
                self.answer(503, {"detail": "de LRS is er even niet"})
                return
            self.server.calls.statements.append(len(json.loads(body)))
            try:
                self.answer(200, self.server.ralph.post(json.loads(body), basic()))
            except urllib.error.HTTPError as error:
                self.answer(error.code, {"detail": error.read().decode()})
            return
        self.answer(404, {})

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        launched = self.launched()
        if parts.path == "/xapi/activities/state":
            self.server.calls.state.append(query.get("stateId", ""))
            if (
                launched is None
                or query.get("stateId") != "LMS.LaunchData"
                or query.get("activityId") != launched.activity_id
                or query.get("registration") != launched.registration
                or json.loads(query.get("agent", "null")) != launched.actor
            ):
                self.answer(404, {})
                return
            self.answer(200, launched.launch_data)
            return
        if parts.path == "/xapi/agents/profile":
            self.server.calls.profile.append(query.get("profileId", ""))
            self.answer(404, {})
            return
        self.answer(404, {})
