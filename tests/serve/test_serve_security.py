"""A hostile trainee against a real ``regie serve`` on 127.0.0.1 (issue 19).

One server for the module (a few for the limits), a bounded number of browsers, every wait
bounded. What is played: a page of another web site that points its own name at the server
(DNS rebinding), a message of a megabyte, a flood of keys and a giant terminal, more tabs
than one laptop may open, and twenty tabs sending a pincode at once.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.serve_load import (
    ENTER,
    Session,
    Terminal,
    app_processes,
    memory,
    read_banner,
    stop_server,
)

pytestmark = [
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
    pytest.mark.slow,
]
aiohttp = pytest.importorskip("aiohttp")

ROOT = Path(__file__).resolve().parents[2]
GROUP = "KM-SEC-1"
MB = 1024 * 1024


def start(data: Path, *extra: str) -> tuple[subprocess.Popen[str], str, str]:
    """``regie serve`` on a free loopback port: the process, its address, the trainer code."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "simulator", "--data", str(data), "serve", "--port", "0"]
    server = subprocess.Popen(
        [*command, "--groep", GROUP, *extra],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    url, code = read_banner(server)
    if not (url and code):
        os.killpg(server.pid, signal.SIGKILL)
        raise RuntimeError("regie serve is niet gestart")
    return server, url, code


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    server, url, _ = start(tmp_path_factory.mktemp("veilig"))
    try:
        yield url, server.pid
    finally:
        stop_server(server)


def get(url: str, host: str) -> tuple[int, str]:
    async def go() -> tuple[int, str]:
        async with aiohttp.ClientSession() as http, http.get(url, headers={"Host": host}) as r:
            return r.status, await r.text()

    return asyncio.run(go())


async def first_screen(
    http: Any, url: str, **query: int
) -> tuple[Any, Terminal, asyncio.Task[None]]:
    size = "&".join(f"{k}={v}" for k, v in (query or {"width": 100, "height": 32}).items())
    ws = await http.ws_connect(f"{url}/ws?{size}", origin=url, max_msg_size=0)
    term = Terminal(ws, Session(0))
    reader = asyncio.create_task(term.read())
    await term.wait_for("Uw naam", timeout=120)
    return ws, term, reader


def apps_of(server_pid: int) -> set[int]:
    return set(app_processes(server_pid))


async def new_apps(server_pid: int, before: set[int], seconds: float = 30) -> set[int]:
    """The app processes started since ``before``: on a busy machine ``ps`` may show the
    browser's app a moment after its first screen arrived."""
    deadline = time.monotonic() + seconds
    while True:
        mine = apps_of(server_pid) - before
        if mine:
            return mine
        if time.monotonic() > deadline:
            tree = subprocess.run(
                ["ps", "-ww", "-eo", "pid=,ppid=,args="], capture_output=True, text=True
            )
            raise AssertionError(
                f"geen nieuw app-proces onder {server_pid} (eerder: {sorted(before)}):\n{tree.stdout}"
            )
        await asyncio.sleep(0.2)


def wait_until_gone(pids: set[int], seconds: float) -> set[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        alive = {p for p in pids if Path(f"/proc/{p}").exists()}
        if not alive:
            return set()
        time.sleep(0.2)
    return alive


# --- item 5: DNS rebinding ----------------------------------------------------------------


def test_a_page_reached_by_a_foreign_name_is_refused(served: tuple[str, int]) -> None:
    url, _ = served
    port = url.rsplit(":", 1)[1]
    status, _ = get(url + "/", f"127.0.0.1:{port}")
    assert status == 200
    status, text = get(url + "/", f"aanvaller.example:{port}")
    assert status == 421 and "alleen op de adressen van deze computer" in text

    async def rebinding_socket() -> int:
        foreign = f"http://aanvaller.example:{port}"
        async with aiohttp.ClientSession() as http:
            try:
                ws = await http.ws_connect(
                    f"{url}/ws", origin=foreign, headers={"Host": f"aanvaller.example:{port}"}
                )
            except aiohttp.WSServerHandshakeError as exc:
                return int(exc.status)
            await ws.close()
            return 101

    assert asyncio.run(rebinding_socket()) == 403


# --- item 2: what one browser may send ------------------------------------------------------


def test_the_pages_own_messages_pass_the_limits(served: tuple[str, int]) -> None:
    """What textual-serve's page sends (focus and blur without data, pings, a resize, keys)
    keeps the connection and reaches the app."""

    async def browser() -> bool:
        async with aiohttp.ClientSession() as http:
            ws, term, reader = await first_screen(http, url)
            for message in (["focus"], ["blur"], ["focus"], ["ping", "17"]):
                await ws.send_str(json.dumps(message))
            await ws.send_str(json.dumps(["resize", {"width": 120, "height": 40}]))
            await term.send("Zoë")
            await term.wait_for("Zoë", timeout=30)
            alive = not ws.closed
            await ws.close()
            reader.cancel()
            return alive

    url, _ = served
    assert asyncio.run(browser())


def test_a_huge_message_ends_its_connection_and_its_app(served: tuple[str, int]) -> None:
    url, server_pid = served
    before = apps_of(server_pid)

    async def attack() -> tuple[set[int], bool]:
        async with aiohttp.ClientSession() as http:
            ws, _, reader = await first_screen(http, url)
            mine = await new_apps(server_pid, before)
            try:
                await ws.send_str(json.dumps(["stdin", "x" * (3 * MB)]))
            except (ConnectionError, aiohttp.ClientError):
                return mine, True  # cut off while it was still sending
            try:
                await asyncio.wait_for(reader, 20)
            except TimeoutError:
                return mine, False
            return mine, True

    mine, closed = asyncio.run(attack())
    assert len(mine) == 1
    assert closed, "the server kept the connection of a 3 MB message"
    assert wait_until_gone(mine, 15) == set(), "the app runs on after its browser has gone"


def test_a_flood_of_keys_and_a_giant_terminal_keep_an_app_small(served: tuple[str, int]) -> None:
    """Ten seconds of keys at the largest message allowed, and terminals of 10000 × 10000:
    the app process stays under 150 MB, and ends when the socket closes."""
    url, server_pid = served
    before = apps_of(server_pid)
    peak = 0.0

    async def attack() -> set[int]:
        nonlocal peak
        async with aiohttp.ClientSession() as http:
            ws, _, reader = await first_screen(http, url, width=10000, height=10000)
            mine = await new_apps(server_pid, before)
            keys = "a" * 15000
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                await ws.send_str(json.dumps(["stdin", keys]))
                await ws.send_str(json.dumps(["resize", {"width": 10000, "height": 10000}]))
                for pid in mine:
                    if (m := memory(pid)) is not None:
                        peak = max(peak, m[0])
                await asyncio.sleep(0.01)
            await ws.close()
            reader.cancel()
            return mine

    mine = asyncio.run(attack())
    assert len(mine) == 1
    print(f"piek RSS van het app-proces onder de aanval: {peak:.0f} MB")
    assert 0 < peak < 150
    assert wait_until_gone(mine, 15) == set()


def test_one_laptop_may_open_only_so_many_tabs(tmp_path: Path) -> None:
    server, url, _ = start(tmp_path, "--max-per-adres", "2")
    try:

        async def tabs() -> list[int]:
            statuses: list[int] = []
            async with aiohttp.ClientSession() as http:
                open_ = []
                for _ in range(3):
                    try:
                        open_.append(await http.ws_connect(f"{url}/ws", origin=url))
                        statuses.append(101)
                    except aiohttp.WSServerHandshakeError as exc:
                        statuses.append(exc.status)
                for ws in open_:
                    await ws.close()
            return statuses

        assert asyncio.run(tabs()) == [101, 101, 429]
    finally:
        stop_server(server)


# --- item 3: tabs that send a pincode at once -----------------------------------------------


def test_tabs_sending_a_pincode_at_once_get_one_check(tmp_path: Path) -> None:
    server, url, _ = start(tmp_path, "--max-per-adres", "6")
    tabs = 6
    try:

        async def sign_in(term: Terminal, name: str, pin: str) -> None:
            for text in (name, pin, GROUP):
                await term.send(text)
                await asyncio.sleep(0.3)
                await term.send(ENTER)
                await asyncio.sleep(0.3)

        async def attack() -> list[str]:
            async with aiohttp.ClientSession() as http:
                ws, term, reader = await first_screen(http, url)
                await sign_in(term, "Sanne de Wit", "1234")
                await term.send("\x1b[F\x1b[A" + ENTER)  # "Vrij oefenen"
                await term.wait_for(": kies een scenario", timeout=60)
                await ws.close()
                reader.cancel()
                opened = [await first_screen(http, url) for _ in range(tabs)]
                for i, (_, term, _) in enumerate(opened):
                    await sign_in(term, "Sanne de Wit", f"{9000 + i}")
                    await term.send("\x1b[F\x1b[A")  # to "Vrij oefenen", not yet chosen
                await asyncio.sleep(1.0)
                for _, term, _ in opened:
                    await term.send(ENTER)  # all at once
                answers = [
                    await term.wait_for("andere pincode", "Te veel pogingen", timeout=60)
                    for _, term, _ in opened
                ]
                for ws, _, reader in opened:
                    await ws.close()
                    reader.cancel()
                return answers

        answers = asyncio.run(attack())
        assert answers.count("andere pincode") == 1, answers
        assert answers.count("Te veel pogingen") == tabs - 1
    finally:
        stop_server(server)
