"""A cmi5 launch of Regie by an LMS, end to end: the small LMS of ``tests/lms_harness.py``
(token fetch, launch data, launch URL, its statements passed on to ralph, the real LRS),
``regie serve`` taking the launch, and a bot playing the AU without a browser. The LRS then
holds exactly the statements of that attempt, and they keep every cmi5 rule."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from simulator.language.library import load
from simulator.reports import xapi
from simulator.serve import cmi5_launch
from simulator.serve.launched import LaunchedRegieApp, LaunchHomeScreen
from simulator.serve.lms_sender import Reporter, drain
from simulator.store import Store, xapi_log
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.screens.play import PlayScreen
from simulator.tui.served import ServedMode
from tests import cmi5_rules
from tests.lms_harness import Launched, Lms
from tests.ralph_lrs import Ralph
from tests.tuikit import model_key

LIB = load()
KM = "km-spreekkamer-dreiging"
PUBLISHER = xapi.publisher_id(xapi.DEFAULT_BASE, KM)
ROOT = Path(__file__).resolve().parent.parent
ADL = "http://adlnet.gov/expapi/verbs/"


@pytest.fixture
def lms(ralph: Ralph) -> Iterator[Lms]:
    server = Lms(ralph)
    try:
        yield server
    finally:
        server.stop()


def query_of(launched: Launched) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(launched.url).query).items()}


def wait_until(check: Callable[[], bool], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError("het gebeurde niet binnen de tijd")


def held(ralph: Ralph, launched: Launched) -> list[dict[str, Any]]:
    return ralph.statements(registration=launched.registration)


def verbs(statements: list[dict[str, Any]]) -> list[str]:
    ordered = sorted(statements, key=lambda s: s["timestamp"].replace("+00:00", "Z"))
    return [str(s["verb"]["id"]).removeprefix(ADL) for s in ordered]


def launched_app(tmp_path: Path, key: str) -> tuple[Store, LaunchedRegieApp]:
    store = Store(tmp_path / "regie.sqlite")
    mode = ServedMode(groep=None, trainer_code="123456", data=tmp_path)
    return store, LaunchedRegieApp(LIB, store, mode, key, realtime=False, seed=lambda: 0)


def check_cmi5(statements: list[dict[str, Any]], launched: Launched) -> None:
    mine = [s for s in statements if not s["verb"]["id"].endswith("/launched")]
    assert (
        cmi5_rules.problems(
            mine,
            {launched.activity_id: launched.publisher_id},
            templates={launched.session_id: launched.template},
            launch_modes={launched.session_id: launched.launch_data["launchMode"]},
        )
        == []
    )


async def test_the_launch_fetches_the_token_once_and_reads_the_launch_data(
    lms: Lms, tmp_path: Path
) -> None:
    launched = lms.launch("http://127.0.0.1:9", KM, PUBLISHER)
    request = cmi5_launch.parse(query_of(launched), sorted(LIB.scenarios), [lms.url])
    launch = await cmi5_launch.prepare(tmp_path, request)
    assert len(lms.calls.fetch) == 1 and lms.calls.state == ["LMS.LaunchData"]
    assert lms.calls.profile == ["cmi5LearnerPreferences"], "cmi5 §11: asked at the start"
    assert launch.auth == launched.token and launch.registration == launched.registration
    assert launch.launch_data == launched.launch_data
    again = await cmi5_launch.prepare(tmp_path, request)  # a reload of the launch page
    assert again.key == launch.key and len(lms.calls.fetch) == 1, "the fetch URL is one-time"
    with Store(tmp_path / "regie.sqlite") as store:
        (trainee,) = store.trainees()
        assert trainee.name == f"LMS 127.0.0.1:{lms.server_address[1]}: 1625378"


@pytest.mark.parametrize(
    ("change", "said", "status"),
    [
        ({"endpoint": "http://127.0.0.1:1/xapi/"}, "niet van een leeromgeving", 403),
        ({"fetch": "http://evil.test/fetch/x"}, "niet van een leeromgeving", 403),
        ({"actor": '{"mbox": "mailto:a@b.nl"}'}, "geen geldige deelnemer", 400),
        ({"actor": "{"}, "geen geldige deelnemer", 400),
        ({"registration": "123"}, "geen UUID", 400),
        ({"scenario": "bestaat-niet"}, "niet bekend", 400),
        ({"activityId": ""}, "ontbreekt: activityId", 400),
        ({"actor": "x" * 5000}, "Te lange", 400),
    ],
)
def test_a_bad_launch_is_refused_in_dutch(
    lms: Lms, change: dict[str, str], said: str, status: int
) -> None:
    launched = lms.launch("http://127.0.0.1:9", KM, PUBLISHER)
    query = {**query_of(launched), **change}
    with pytest.raises(cmi5_launch.LaunchRefused) as refused:
        cmi5_launch.parse(query, sorted(LIB.scenarios), [lms.url])
    assert said in str(refused.value) and refused.value.status == status
    with pytest.raises(cmi5_launch.LaunchRefused, match="--lms"):
        cmi5_launch.parse(query_of(launched), sorted(LIB.scenarios), [])


async def test_a_used_fetch_url_is_told(lms: Lms, tmp_path: Path) -> None:
    launched = lms.launch("http://127.0.0.1:9", KM, PUBLISHER)
    query = query_of(launched)
    lms.fetches[query["fetch"].rsplit("/", 1)[-1]] = None  # someone used it already
    request = cmi5_launch.parse(query, sorted(LIB.scenarios), [lms.url])
    with pytest.raises(cmi5_launch.LaunchRefused, match="al gebruikt of verlopen"):
        await cmi5_launch.prepare(tmp_path, request)
    with Store(tmp_path / "regie.sqlite") as store:
        assert store.trainees() == [], "nothing half written"


async def play_to_the_end(pilot: Any, app: LaunchedRegieApp, after: Callable[[], None]) -> None:
    for _ in range(60):
        if not isinstance(app.screen, PlayScreen):
            return
        await pilot.press(model_key(pilot))
        await pilot.pause()
        app.report()
        after()


async def test_a_launched_attempt_reaches_the_lrs_as_it_goes(
    ralph: Ralph, lms: Lms, tmp_path: Path
) -> None:
    launched = lms.launch("http://127.0.0.1:9", KM, PUBLISHER, return_url="http://lms.test/terug")
    request = cmi5_launch.parse(query_of(launched), sorted(LIB.scenarios), [lms.url])
    launch = await cmi5_launch.prepare(tmp_path, request)
    store, app = launched_app(tmp_path, launch.key)
    seen_during: list[list[str]] = []
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, BriefingScreen), "no name or pincode to type"
        assert app.trainee is not None and app.trainee.name.startswith("LMS ")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        wait_until(lambda: verbs(held(ralph, launched)) == ["launched", "initialized"])
        for _ in range(2):  # a move's answered goes once its verdicts are final: the next move
            await pilot.press(model_key(pilot))
            await pilot.pause()
            app.report()
        wait_until(lambda: "answered" in verbs(held(ralph, launched)))
        seen_during.append(verbs(held(ralph, launched)))
        await play_to_the_end(pilot, app, lambda: None)
        assert isinstance(app.screen, DebriefScreen)
        wait_until(lambda: "terminated" in verbs(held(ralph, launched)))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LaunchHomeScreen)
        text = str(app.screen.query_one("#launch-text").render())
        assert "klaar" in text and "http://lms.test/terug" in text
        await pilot.press("enter")  # a second attempt in this session: not possible
        await pilot.pause()
        assert isinstance(app.screen, LaunchHomeScreen)
        assert app.launch is not None and app.launch.attempt_id is not None
        attempt = app.launch.attempt_id
    assert seen_during == [["launched", "initialized", "answered"]], "sent as it goes"
    statements = held(ralph, launched)
    expected = Reporter(store, LIB, launch).statements(attempt)
    assert verbs(statements) == ["launched", *verbs(expected)]
    assert verbs(expected)[-3:] == ["completed", "passed", "terminated"]
    by_id = {s["id"]: s for s in statements}
    for statement in expected:  # exactly the statements of the attempt, as Regie makes them
        theirs = by_id[statement["id"]]
        assert theirs["actor"] == launched.actor
        assert theirs["context"]["registration"] == launched.registration
        assert theirs.get("result") == statement.get("result"), statement["id"]
        assert theirs["context"] == statement["context"] and theirs["object"] == statement["object"]
        assert theirs["timestamp"].replace("+00:00", "Z") == statement["timestamp"]
    for s in statements:
        if s["verb"]["id"] != ADL + "answered" and not s["verb"]["id"].endswith("launched"):
            assert s["object"]["id"] == launched.activity_id
    check_cmi5(statements, launched)
    assert all(sent for _, sent in xapi_log.outbox(store, launch.id))
    assert xapi.export(store, LIB) == [], "an LMS's attempt is not in a file export"
    store.close()


async def test_statements_wait_in_the_store_while_the_lms_is_down(
    ralph: Ralph, lms: Lms, tmp_path: Path
) -> None:
    launched = lms.launch("http://127.0.0.1:9", KM, PUBLISHER, learner="down-1")
    request = cmi5_launch.parse(query_of(launched), sorted(LIB.scenarios), [lms.url])
    launch = await cmi5_launch.prepare(tmp_path, request)
    lms.down = True
    store, app = launched_app(tmp_path, launch.key)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await play_to_the_end(pilot, app, lambda: None)
        assert isinstance(app.screen, DebriefScreen)
        time.sleep(1.5)
        waiting = xapi_log.unsent(store, launch.id)
        assert [s["verb"]["id"].rsplit("/", 1)[-1] for s in waiting][-1] == "terminated"
        assert verbs(held(ralph, launched)) == ["launched"], "nothing got through"
        await pilot.press("escape")
        await pilot.pause()
        text = str(app.screen.query_one("#launch-text").render())
        assert "zodra die bereikbaar is" in text
    # the app has ended (the browser is gone); the statements wait in the store ...
    assert xapi_log.unsent(store, launch.id)
    lms.down = False
    # ... until the server's next round sends them (regie serve does this every 30 s)
    assert drain(tmp_path / "regie.sqlite") == len(waiting)
    assert "terminated" in verbs(held(ralph, launched))
    assert not xapi_log.unsent(store, launch.id)
    check_cmi5(held(ralph, launched), launched)
    store.close()


async def test_a_stopped_training_ends_its_session_and_a_second_launch_knows_the_pass(
    ralph: Ralph, lms: Lms, tmp_path: Path
) -> None:
    first = lms.launch("http://127.0.0.1:9", KM, PUBLISHER, learner="twee-keer")
    request = cmi5_launch.parse(query_of(first), sorted(LIB.scenarios), [lms.url])
    launch = await cmi5_launch.prepare(tmp_path, request)
    store, app = launched_app(tmp_path, launch.key)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await play_to_the_end(pilot, app, lambda: None)
        wait_until(lambda: "terminated" in verbs(held(ralph, first)))
    store.close()
    # the same enrolment, launched again: passed already, so neither passed nor failed
    second = lms.launch(
        "http://127.0.0.1:9", KM, PUBLISHER, learner="twee-keer", registration=first.registration
    )
    request = cmi5_launch.parse(query_of(second), sorted(LIB.scenarios), [lms.url])
    launch = await cmi5_launch.prepare(tmp_path, request)
    store, app = launched_app(tmp_path, launch.key)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(model_key(pilot))
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        app.stop_attempt(app.screen.session)  # stopped halfway: a training costs nothing
        await pilot.pause()
        wait_until(lambda: verbs(held(ralph, second)).count("terminated") == 2)
    store.close()
    both = held(ralph, second)
    second_session = [
        s for s in both if s["context"]["extensions"].get(xapi.EXT_SESSION) == second.session_id
    ]
    assert verbs(second_session) == ["launched", "initialized", "answered", "terminated"]
    mine = [s for s in both if not s["verb"]["id"].endswith("/launched")]
    assert (
        cmi5_rules.problems(
            mine,
            {first.activity_id: PUBLISHER},
            templates={first.session_id: first.template, second.session_id: second.template},
        )
        == []
    )


# --- the whole way: regie serve, a launch URL, a bot at the websocket ------------------------
def start_serve(data: Path, lms: str) -> tuple[subprocess.Popen[str], str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "simulator", "--data", str(data)),
            *("serve", "--port", "0", "--lms", lms),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert server.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        if not line:
            break
        if m := re.search(r"(http://127\.0\.0\.1:\d+)", line):
            return server, m.group(1)
    os.killpg(server.pid, signal.SIGKILL)
    raise RuntimeError("regie serve is niet gestart")


def stop_serve(server: subprocess.Popen[str]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.mark.slow
def test_a_bot_plays_a_launched_au_through_regie_serve(
    ralph: Ralph, lms: Lms, tmp_path: Path
) -> None:
    import aiohttp

    from benchmarks.serve_load import ENTER, Session, Terminal

    server, url = start_serve(tmp_path, lms.url)
    try:
        launched = lms.launch(url, KM, PUBLISHER, learner="bot-1")

        async def go() -> tuple[int, str, int, str, str]:
            async with aiohttp.ClientSession() as http:
                async with http.get(launched.url) as page:
                    status, text = page.status, await page.text()
                async with http.get(launched.url) as again:  # a reload: no second fetch
                    await again.text()
                bad = launched.url.replace("endpoint=http", "endpoint=https")
                async with http.get(bad) as refused:
                    refused_status, refused_text = refused.status, await refused.text()
                key = re.search(r"/ws/lms/([A-Za-z0-9_-]{43})", text)
                assert key is not None, text[:500]
                session = Session(0)
                async with http.ws_connect(
                    f"{url.replace('http', 'ws')}/ws/lms/{key.group(1)}?width=100&height=32",
                    origin=url,
                    max_msg_size=0,
                ) as ws:
                    term = Terminal(ws, session)
                    reader = asyncio.create_task(term.read())
                    try:
                        await ws.send_str(json.dumps(["resize", {"width": 100, "height": 32}]))
                        await term.wait_for("Leerdoelen", timeout=120)
                        await term.send(ENTER)
                        await term.wait_for("Pauze")
                        for _ in range(60):  # the bot: always the first choice
                            await asyncio.sleep(0.8)
                            if "(slaaggrens" in session.out:
                                break
                            await term.send("1")
                        await term.wait_for("(slaaggrens", timeout=60)
                    finally:
                        reader.cancel()
            return status, text, refused_status, refused_text, session.out

        status, _, refused_status, refused_text, _ = asyncio.run(go())
        assert status == 200
        assert refused_status == 403 and "niet van een leeromgeving" in refused_text
        assert len(lms.calls.fetch) == 1
        wait_until(lambda: "terminated" in verbs(held(ralph, launched)), 60)
    finally:
        stop_serve(server)
    statements = held(ralph, launched)
    found = verbs(statements)
    assert found[:2] == ["launched", "initialized"] and found[-1] == "terminated"
    assert found.count("passed") + found.count("failed") == 1
    check_cmi5(statements, launched)
    with Store(tmp_path / "regie.sqlite") as store:
        (launch,) = [
            xapi_log.launch_by_fetch(store, cmi5_launch.fetch_hash(query_of(launched)["fetch"]))
        ]
        assert launch is not None and launch.attempt_id is not None
        expected = Reporter(store, LIB, launch).statements(launch.attempt_id)
    assert {s["id"] for s in statements} - {s["id"] for s in expected} == {
        s["id"] for s in statements if s["verb"]["id"].endswith("/launched")
    }, "exactly the statements of that attempt"
    assert {s["id"] for s in expected} <= {s["id"] for s in statements}


@pytest.mark.parametrize(
    ("parameters", "mode", "played_as", "ending"),
    [
        ("modus=examen", "Normal", "examen", ["completed", "passed", "terminated"]),
        (None, "Browse", "training", ["answered", "terminated"]),  # cmi5 §10.2.2
        (None, "Review", "training", ["answered", "terminated"]),
    ],
)
async def test_launch_parameters_and_launch_modes(
    ralph: Ralph,
    lms: Lms,
    tmp_path: Path,
    parameters: str | None,
    mode: str,
    played_as: str,
    ending: list[str],
) -> None:
    launched = lms.launch(
        "http://127.0.0.1:9",
        KM,
        PUBLISHER,
        learner=f"modus-{mode}-{played_as}",
        launch_mode=mode,
        launch_parameters=parameters,
    )
    request = cmi5_launch.parse(query_of(launched), sorted(LIB.scenarios), [lms.url])
    launch = await cmi5_launch.prepare(tmp_path, request)
    store, app = launched_app(tmp_path, launch.key)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.session.row.mode == played_as
        await play_to_the_end(pilot, app, lambda: None)
        wait_until(lambda: "terminated" in verbs(held(ralph, launched)))
    store.close()
    statements = held(ralph, launched)
    assert verbs(statements)[-len(ending) :] == ending
    check_cmi5(statements, launched)
