"""Statements to a learning record store (LRS): ``regie export --xapi --lrs URL``.

``push`` sends the statements of every counted attempt played in Regie itself that this LRS
has not had yet, in batches (``BATCH`` a request), to ``<URL>/statements`` (xAPI 1.0.3,
``POST``, HTTP Basic authentication). What the LRS took is remembered in the store
(``xapi_sent``, per LRS), so a rerun sends only what is new; the statement ids are the
export's (the same on every export), so an LRS that got a statement twice keeps one.

- A server error (5xx), a 429 ("too many requests") or a network error is tried again after
  ``BACKOFF`` seconds (1, 2, 4, 8, 16; a ``Retry-After`` of the LRS is honoured up to a
  minute); after the last try ``push`` stops with a Dutch message. What was sent stays
  remembered.
- Any other refusal (4xx) stops at once. A refused batch is sent again one statement at a
  time, so the message names the statement the LRS refused (its id, verb, scenario and
  moment) with the LRS's own reason; the statements before it are sent and remembered.
- Statements of a trainee who was forgotten (``regie trainee forget``) that this LRS had
  are voided there first: one ``voided`` statement each (``xapi_voids``).

The credentials come from ``REGIE_LRS_GEBRUIKER`` and ``REGIE_LRS_WACHTWOORD`` (the LRS's
key and secret), or are asked at the terminal; never from the command line, which others
on the computer can read.
"""

from __future__ import annotations

import base64
import json
import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from simulator.language.library import Library
from simulator.reports import xapi
from simulator.store import AttemptRow, Store
from simulator.store.xapi_log import pending_voids, remember, sent_ids, voids_sent

BATCH = 50  # statements a request
BACKOFF: tuple[float, ...] = (1, 2, 4, 8, 16)  # seconds before each next try
MAX_RETRY_AFTER = 60.0
TIMEOUT = 30.0  # seconds for one request
MAX_ANSWER = 64 * 1024  # bytes of an answer that are read (an error message)
VERSION = "1.0.3"
USER_ENV, PASSWORD_ENV = "REGIE_LRS_GEBRUIKER", "REGIE_LRS_WACHTWOORD"


class LrsError(Exception):
    """Why statements did not reach the LRS, in Dutch, with what to do."""


class Refused(Exception):
    """The LRS refused a request (4xx other than 429)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"{status} {reason}")
        self.status = status
        self.reason = reason


class Unreachable(Exception):
    """A server error or a network error, after every try."""


def endpoint(url: str) -> str:
    """The LRS's xAPI endpoint, as it is remembered: with one slash at its end."""
    return url.strip().rstrip("/") + "/"


def check_endpoint(url: str) -> str | None:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"'{url}' is geen adres van een LRS; geef het xAPI-adres, bv. https://lrs.example.nl/xapi/"
    if parts.username or parts.password:
        return "zet geen gebruikersnaam of wachtwoord in het adres; gebruik REGIE_LRS_GEBRUIKER en REGIE_LRS_WACHTWOORD"
    return None


def basic_auth(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def credentials(
    environ: dict[str, str] | None = None,
    ask: Callable[[str], str] | None = None,
    interactive: bool | None = None,
) -> str:
    """The Authorization header: from the environment, else asked at the terminal."""
    environ = dict(os.environ) if environ is None else environ
    user, password = environ.get(USER_ENV), environ.get(PASSWORD_ENV)
    if interactive is None:
        interactive = sys.stdin.isatty()
    if (not user or not password) and interactive:
        import getpass

        prompt = ask or getpass.getpass
        user = user or input("Gebruiker (key) van de LRS: ").strip()
        password = password or prompt("Wachtwoord (secret) van de LRS: ")
    if not user or not password:
        raise LrsError(
            f"geen inloggegevens voor de LRS: zet {USER_ENV} en {PASSWORD_ENV} in de omgeving "
            "(of start de opdracht in een terminal, dan vraagt Regie ze)"
        )
    return basic_auth(user, password)


@dataclass
class Lrs:
    """One LRS: where, how to sign in, and how patient to be."""

    url: str
    auth: str
    sleep: Callable[[float], None] = time.sleep
    backoff: Sequence[float] | None = None  # None: ``BACKOFF``
    timeout: float = TIMEOUT

    def request(self, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
        """One request with its retries; returns (status, answer) for 2xx, raises
        ``Refused`` for a 4xx other than 429 and ``Unreachable`` when the tries ran out."""
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        target = endpoint(self.url) + path
        problem = ""
        backoff = BACKOFF if self.backoff is None else self.backoff
        for attempt in range(len(backoff) + 1):
            wait = backoff[attempt - 1] if attempt else 0.0
            if wait:
                self.sleep(wait)
            request = urllib.request.Request(target, data=data, method=method)
            request.add_header("Authorization", self.auth)
            request.add_header("X-Experience-API-Version", VERSION)
            if data is not None:
                request.add_header("Content-Type", "application/json")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    return int(answer.status), answer.read(MAX_ANSWER)
            except urllib.error.HTTPError as error:
                text = _reason(error)
                if 400 <= error.code < 500 and error.code != 429:
                    raise Refused(error.code, text) from None
                problem = f"de LRS antwoordde {error.code} {text}".rstrip()
                retry_after = _retry_after(error)
                if retry_after and attempt < len(backoff):
                    self.sleep(min(retry_after, MAX_RETRY_AFTER))
            except (urllib.error.URLError, OSError) as error:
                reason = getattr(error, "reason", error)
                problem = f"de LRS is niet bereikbaar ({reason})"
        raise Unreachable(problem)

    def post(self, statements: Sequence[dict[str, Any]]) -> None:
        self.request("POST", "statements", list(statements))


def _reason(error: urllib.error.HTTPError) -> str:
    try:
        raw = error.read(MAX_ANSWER)
    except OSError:
        raw = b""
    text = raw.decode("utf-8", "replace").strip()
    try:
        data = json.loads(text)
        if isinstance(data, dict) and "detail" in data:
            text = json.dumps(data["detail"], ensure_ascii=False)
        elif isinstance(data, dict) and "message" in data:
            text = str(data["message"])
    except ValueError:
        pass
    text = " ".join(text.split())
    return (text[:300] + "…") if len(text) > 300 else (text or str(error.reason or ""))


def _retry_after(error: urllib.error.HTTPError) -> float | None:
    value = error.headers.get("Retry-After") if error.headers else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


# --- the push -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Pushed:
    sent: int  # statements the LRS took now
    known: int  # statements it had already (not sent again)
    voided: int  # voiding statements sent for forgotten trainees


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def describe(statement: dict[str, Any], row: AttemptRow | None) -> str:
    """A statement as a person can find it: id, verb, scenario and moment."""
    verb = str(statement.get("verb", {}).get("id", "")).rsplit("/", 1)[-1]
    what = f"statement {statement.get('id')} ('{verb}'"
    if row is not None:
        what += f" van poging {row.id}, {row.scenario}"
    return what + f", {statement.get('timestamp')})"


def push(
    store: Store,
    lib: Library,
    lrs: Lrs,
    *,
    batch: int = BATCH,
    progress: Callable[[int, int], None] | None = None,
) -> Pushed:
    """Send what this LRS has not had yet (see the module). Raises ``LrsError``."""
    key = endpoint(lrs.url)
    voided = _send_voids(store, lrs, key, batch)
    already = sent_ids(store, key)
    todo: list[tuple[AttemptRow, dict[str, Any]]] = []
    known = 0
    for row, statements in xapi.export_by_attempt(store, lib):
        for statement in statements:
            if statement["id"] in already:
                known += 1
            else:
                todo.append((row, statement))
    done = 0
    for chunk in _chunks(todo, batch):
        try:
            lrs.post([s for _, s in chunk])
            remember(store, key, [(row.id, s["id"]) for row, s in chunk])
            done += len(chunk)
        except Refused:
            for row, statement in chunk:  # which one? one at a time
                try:
                    lrs.post([statement])
                except Refused as refusal:
                    raise LrsError(
                        f"de LRS weigerde {describe(statement, row)}: {refusal.status} "
                        f"{refusal.reason}. {done} statements zijn verstuurd en onthouden; "
                        "de rest niet. Los het op en start de opdracht opnieuw."
                    ) from None
                except Unreachable as exc:
                    raise _unreachable(exc, done) from None
                remember(store, key, [(row.id, statement["id"])])
                done += 1
        except Unreachable as exc:
            raise _unreachable(exc, done) from None
        if progress is not None:
            progress(done, len(todo))
    return Pushed(sent=done, known=known, voided=voided)


def _unreachable(exc: Unreachable, done: int) -> LrsError:
    tries = len(BACKOFF) + 1
    return LrsError(
        f"{exc} (na {tries} pogingen). {done} statements zijn verstuurd en onthouden; start "
        "de opdracht later opnieuw, dan gaat alleen de rest."
    )


def _send_voids(store: Store, lrs: Lrs, key: str, batch: int) -> int:
    ids = pending_voids(store, key)
    base = xapi.iri_base(store)
    now = datetime.now(UTC)
    count = 0
    for chunk in _chunks(ids, batch):
        statements = [xapi.voiding(base, key, target, now) for target in chunk]
        try:
            lrs.post(statements)
        except Refused as refusal:
            raise LrsError(
                f"de LRS weigerde het intrekken van {describe(statements[0], None)} (de "
                f"gegevens van een gewiste trainee): {refusal.status} {refusal.reason}"
            ) from None
        except Unreachable as exc:
            raise _unreachable(exc, 0) from None
        voids_sent(store, key, chunk)
        count += len(chunk)
    return count
