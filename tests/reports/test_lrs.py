"""``regie export --xapi --lrs URL`` against a real LRS (ralph, started by the tests on
127.0.0.1): statements in batches, read back through the LRS's own statements API; a rerun
sends nothing twice; server and network errors are tried again with back-off; a refusal
stops with a Dutch message naming the statement; forgotten trainees are voided."""

from __future__ import annotations

import http.server
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simulator.cli import main
from simulator.language.library import load
from simulator.reports import lrs, xapi
from simulator.store import Store
from simulator.store.xapi_log import sent_ids
from tests import cmi5_rules
from tests.ralph_lrs import PASSWORD, USER, Ralph, basic
from tests.reports.test_reports import KM, KM_MODEL, play, seed_store
from tests.xapi_kit import bot_store, publisher_map

LIB = load()
ENV = {lrs.USER_ENV: USER, lrs.PASSWORD_ENV: PASSWORD}


@pytest.fixture
def creds(monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(lrs, "BACKOFF", (0.01, 0.02, 0.04))


def same(ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    """Is the LRS's copy our statement? (An LRS adds stored, authority and version.)"""
    return all(theirs.get(k) == v for k, v in ours.items() if k != "timestamp") and (
        theirs["timestamp"].replace("+00:00", "Z") == ours["timestamp"]
    )


def of_actors(ralph: Ralph, statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the LRS holds for the actors of these statements (other tests share it)."""
    actors = {s["actor"]["account"]["name"] for s in statements}
    return [
        s
        for s in ralph.statements()
        if s.get("actor", {}).get("account", {}).get("name") in actors
        and s["actor"]["account"]["homePage"] == statements[0]["actor"]["account"]["homePage"]
    ]


def test_push_sends_everything_once_and_reads_back(
    ralph: Ralph, tmp_path: Path, creds: None, capsys: pytest.CaptureFixture[str]
) -> None:
    store = seed_store(tmp_path / "regie.sqlite")
    data = ["--data", str(tmp_path)]
    expected = xapi.export(store, LIB)
    store.close()
    assert main([*data, "export", "--xapi", "--lrs", ralph.xapi]) == 0
    err = capsys.readouterr().err
    assert f"{len(expected)} statements naar {ralph.xapi} gestuurd; 0 had de LRS al" in err
    held = {s["id"]: s for s in of_actors(ralph, expected)}
    assert set(held) == {s["id"] for s in expected}
    for statement in expected:
        assert same(statement, held[statement["id"]]), statement["id"]
    assert (
        cmi5_rules.problems(list(held.values()), publisher_map(expected, xapi.DEFAULT_BASE)) == []
    )
    # a rerun sends nothing twice
    assert main([*data, "export", "--xapi", "--lrs", ralph.xapi]) == 0
    assert f"0 statements naar {ralph.xapi} gestuurd; {len(expected)} had de LRS al" in (
        capsys.readouterr().err
    )
    # a new attempt: only its statements go
    with Store(tmp_path / "regie.sqlite") as again:
        bram = again.trainee("Bram Jansen")
        play(again, bram, KM, KM_MODEL, course="klantmanager-halve-dag")
        new = [s for s in xapi.export(again, LIB) if s["id"] not in held]
    assert new and main([*data, "export", "--xapi", "--lrs", ralph.xapi]) == 0
    assert f"{len(new)} statements naar" in capsys.readouterr().err
    assert len(of_actors(ralph, expected)) == len(expected) + len(new)


def test_every_bundled_scenario_reaches_the_lrs_as_valid_cmi5(
    ralph: Ralph, tmp_path: Path, creds: None
) -> None:
    store = bot_store(tmp_path / "regie.sqlite", LIB)
    try:
        store.set_setting(xapi.BASE_SETTING, "https://bots.regie.test")
        expected = xapi.export(store, LIB)
        pushed = lrs.push(store, LIB, lrs.Lrs(ralph.xapi, basic()))
    finally:
        store.close()
    assert pushed.sent == len(expected) > 1000
    held = of_actors(ralph, expected)
    assert {s["id"] for s in held} == {s["id"] for s in expected}
    assert cmi5_rules.problems(held, publisher_map(expected, "https://bots.regie.test")) == []


class Flaky(http.server.ThreadingHTTPServer):
    """A proxy in front of the LRS that fails as told: 'http 503', 'drop' (closes the
    connection without an answer), then passes requests on."""

    def __init__(self, target: str, failures: list[str]) -> None:
        self.target = target
        self.failures = failures
        self.seen: list[str] = []
        super().__init__(("127.0.0.1", 0), FlakyHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/xAPI/"


class FlakyHandler(http.server.BaseHTTPRequestHandler):
    server: Flaky

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        failure = self.server.failures.pop(0) if self.server.failures else "pass"
        self.server.seen.append(failure)
        if failure == "drop":
            self.close_connection = True
            self.connection.close()
            return
        if failure.startswith("http"):
            code = int(failure.split()[1])
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"detail": "tijdelijk niet beschikbaar"}')
            return
        request = urllib.request.Request(
            self.server.target + self.path.removeprefix("/xAPI/"), data=body, method="POST"
        )
        for header in ("Authorization", "Content-Type", "X-Experience-API-Version"):
            request.add_header(header, self.headers[header])
        with urllib.request.urlopen(request, timeout=30) as answer:
            payload = answer.read()
            self.send_response(answer.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)


@pytest.fixture
def flaky(ralph: Ralph) -> Iterator[Flaky]:
    server = Flaky(ralph.xapi, [])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_server_and_network_errors_are_tried_again_with_back_off(
    ralph: Ralph, flaky: Flaky, tmp_path: Path
) -> None:
    flaky.failures[:] = ["http 503", "drop", "http 502"]
    waited: list[float] = []
    with seed_store(tmp_path / "regie.sqlite") as store:
        client = lrs.Lrs(flaky.url, basic(), sleep=waited.append, backoff=(1, 2, 4, 8))
        pushed = lrs.push(store, LIB, client, batch=20)
        expected = xapi.export(store, LIB)
        assert sent_ids(store, lrs.endpoint(flaky.url)) == {s["id"] for s in expected}
    assert waited == [1, 2, 4], "one back-off per failed try, longer each time"
    assert flaky.seen[:4] == ["http 503", "drop", "http 502", "pass"]
    assert pushed.sent == len(expected)
    assert {s["id"] for s in of_actors(ralph, expected)} == {s["id"] for s in expected}


def test_when_the_lrs_stays_down_the_push_stops_and_remembers_what_went(
    ralph: Ralph, flaky: Flaky, tmp_path: Path, creds: None, capsys: pytest.CaptureFixture[str]
) -> None:
    store = seed_store(tmp_path / "regie.sqlite")
    total = len(xapi.export(store, LIB))
    store.close()
    # the first batch of 50 goes through, then the LRS answers 503 to every try
    flaky.failures[:] = ["pass", *["http 503"] * 10]
    code = main(["--data", str(tmp_path), "export", "--xapi", "--lrs", flaky.url])
    err = capsys.readouterr().err
    assert code == 1
    assert "de LRS antwoordde 503" in err and "na 4 pogingen" in err
    assert "50 statements zijn verstuurd en onthouden" in err and "Traceback" not in err
    flaky.failures[:] = []
    assert main(["--data", str(tmp_path), "export", "--xapi", "--lrs", flaky.url]) == 0
    assert f"{total - 50} statements naar" in capsys.readouterr().err


def test_a_refused_statement_is_named_and_the_push_stops(
    ralph: Ralph, tmp_path: Path, creds: None, capsys: pytest.CaptureFixture[str]
) -> None:
    store = seed_store(tmp_path / "regie.sqlite")
    store.set_setting(xapi.BASE_SETTING, "https://weigering.regie.test")
    expected = xapi.export(store, LIB)
    store.close()
    # the LRS already holds another statement with the id of the 8th: a conflict (409)
    other = {**expected[7], "verb": xapi.verb("scored")}
    ralph.post([other])
    code = main(["--data", str(tmp_path), "export", "--xapi", "--lrs", ralph.xapi])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"de LRS weigerde statement {expected[7]['id']}" in err
    assert "409" in err and "7 statements zijn verstuurd en onthouden" in err
    with Store(tmp_path / "regie.sqlite") as again:
        assert sent_ids(again, lrs.endpoint(ralph.xapi)) == {s["id"] for s in expected[:7]}


def test_wrong_credentials_are_a_refusal(
    ralph: Ralph,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    seed_store(tmp_path / "regie.sqlite").close()
    monkeypatch.setenv(lrs.USER_ENV, USER)
    monkeypatch.setenv(lrs.PASSWORD_ENV, "fout")
    code = main(["--data", str(tmp_path), "export", "--xapi", "--lrs", ralph.xapi])
    err = capsys.readouterr().err
    assert code == 1 and "de LRS weigerde statement" in err and "401" in err


def test_credentials_come_from_the_environment_or_a_prompt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv(lrs.USER_ENV, raising=False)
    monkeypatch.delenv(lrs.PASSWORD_ENV, raising=False)
    seed_store(tmp_path / "regie.sqlite").close()
    code = main(["--data", str(tmp_path), "export", "--xapi", "--lrs", "http://127.0.0.1:9/xAPI/"])
    err = capsys.readouterr().err
    assert code == 2 and lrs.USER_ENV in err and lrs.PASSWORD_ENV in err
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "sleutel")
    header = lrs.credentials(
        {}, ask=lambda prompt: asked.append(prompt) or "geheim", interactive=True
    )
    assert header == lrs.basic_auth("sleutel", "geheim") and len(asked) == 2
    code = main(["--data", str(tmp_path), "export", "--xapi", "--lrs", "http://u:p@127.0.0.1/x"])
    assert code == 2 and "REGIE_LRS_GEBRUIKER" in capsys.readouterr().err


def test_a_forgotten_trainee_is_voided_in_the_lrs(
    ralph: Ralph, tmp_path: Path, creds: None, capsys: pytest.CaptureFixture[str]
) -> None:
    store = seed_store(tmp_path / "regie.sqlite")
    store.set_setting(xapi.BASE_SETTING, "https://vergeten.regie.test")
    rows = {r.uuid for r in store.attempts(trainee="Anna de Vries") if r.counts}
    annas = [
        s["id"]
        for s in xapi.export(store, LIB)
        if s["context"]["extensions"][xapi.EXT_SESSION] in rows
    ]
    store.close()
    data = ["--data", str(tmp_path)]
    assert main([*data, "export", "--xapi", "--lrs", ralph.xapi]) == 0
    assert main([*data, "trainee", "forget", "Anna de Vries", "--ja"]) == 0
    capsys.readouterr()
    assert main([*data, "export", "--xapi", "--lrs", ralph.xapi]) == 0
    assert f"{len(annas)} ingetrokken (gewiste trainees)" in capsys.readouterr().err
    voided = [
        s["object"]["id"]
        for s in ralph.statements()
        if s["verb"]["id"] == xapi.VERBS["voided"][0]
        and s["actor"]["account"]["homePage"] == "https://vergeten.regie.test"
    ]
    assert sorted(voided) == sorted(annas)
    # and only once
    assert main([*data, "export", "--xapi", "--lrs", ralph.xapi]) == 0
    assert "ingetrokken" not in capsys.readouterr().err
