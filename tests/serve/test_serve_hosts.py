"""Several ``regie serve`` hosts on one PostgreSQL database (issue 24): a region's set-up,
on one machine. Two real servers (each with its zygote and app processes) share one
throwaway PostgreSQL; browsers (headless Chromium, and websocket clients that speak the
page's protocol) move between them as a load balancer would send them.

- A trainee plays on host A in Chromium, the page is reloaded on host B, she signs in
  there and goes on with the same attempt; the trainer, on host A, sees her playing. (The
  same once more with a websocket client, and the trainer's view checked on host A.)
- Trainees play on both hosts at once: every move of every attempt is in the database.
- Host A is killed (SIGKILL, server and all its app processes) in the middle of an
  attempt: the trainee goes on at host B with every move made before the kill.
- Behind a reverse proxy (``--proxy``, ``--adres``): the browser's own address counts for
  the limits, and the page gives wss:// to a browser that came over https.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.serve_load import (
    END,
    ENTER,
    RESPONSE,
    SIZE,
    UP,
    Session,
    Terminal,
    launch_server,
    play,
    stop_server,
)
from simulator.store import Store

pytestmark = pytest.mark.slow
aiohttp = pytest.importorskip("aiohttp")

GROUP = "LOAD-01"  # benchmarks.serve_load.play signs in with this group code


class Host:
    """One ``regie serve`` on the shared database, on a free loopback port."""

    def __init__(self, data: Path, database: str, *extra: str) -> None:
        self.data = data
        # the limits per address lifted, as for the load benchmark (``extra`` may set them
        # again: the last one counts)
        self.proc = launch_server(data, GROUP, extra=extra, database=database)
        self.url = self.code = self.where = ""
        assert self.proc.stdout is not None
        deadline = time.monotonic() + 90
        lines = []
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            lines.append(line)
            if m := re.search(r"(http://127\.0\.0\.1:\d+)", line):
                self.url = m.group(1)
            if m := re.search(r"Trainercode:\s+(\d{3}) (\d{3})", line):
                self.code = m.group(1) + m.group(2)
            if m := re.search(r"Resultaten:\s+(\S+)", line):
                self.where = m.group(1)
            if "Stoppen" in line:
                break
        self.printed = "".join(lines)
        if not (self.url and self.code):
            self.kill()
            raise AssertionError("regie serve started no host:\n" + self.printed)

    def stop(self) -> None:
        stop_server(self.proc)

    def kill(self) -> None:
        """SIGKILL for the server and everything in its process group (zygote, apps)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=20)


@pytest.fixture
def hosts(pg_url: str, tmp_path: Path) -> Iterator[tuple[Host, Host]]:
    a = Host(tmp_path / "host-a", pg_url)
    try:
        b = Host(tmp_path / "host-b", pg_url)
    except BaseException:
        a.stop()
        raise
    try:
        yield a, b
    finally:
        for host in (a, b):
            if host.proc.poll() is None:
                host.stop()


class Client:
    """A browser that speaks the page's protocol over a websocket (as in the load test)."""

    def __init__(self, ws: Any, reader: asyncio.Task[None], term: Terminal) -> None:
        import pyte

        self.ws, self.reader, self.term = ws, reader, term
        self.screen = pyte.Screen(SIZE["width"], SIZE["height"])
        self.stream = pyte.Stream(self.screen)
        self.fed = 0

    def text(self) -> str:
        """The screen as the browser shows it now."""
        out = self.term.session.out
        self.fed = min(self.fed, len(out))
        self.stream.feed(out[self.fed :])
        self.fed = len(out)
        return "\n".join(self.screen.display)

    async def wait_screen(self, *texts: str, timeout: float = 30.0) -> str:
        """The first of ``texts`` on the screen (words the terminal may draw apart)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            flat = " ".join(self.text().split())
            for text in texts:
                if text in flat:
                    return text
            await asyncio.sleep(0.2)
        raise AssertionError(f"niet op het scherm: {texts}\n{self.text()}")

    @classmethod
    async def open(cls, http: Any, url: str) -> Client:
        ws = await http.ws_connect(
            f"{url}/ws?width={SIZE['width']}&height={SIZE['height']}",
            origin=url,
            max_msg_size=0,
        )
        term = Terminal(ws, Session(0))
        reader = asyncio.create_task(term.read())
        await ws.send_str(json.dumps(["resize", SIZE]))
        await term.wait_for("Uw naam", timeout=120)
        await asyncio.sleep(0.3)
        return cls(ws, reader, term)

    async def sign_in(self, name: str, pin: str, group: str = GROUP) -> None:
        for text in (name, pin, group):
            await self.term.send(text)
            await self.term.wait_for("•" if text == pin else text[-4:])
            await self.term.send(ENTER)
            await asyncio.sleep(0.3)

    async def start_first_scenario(self) -> None:
        await self.term.send(END + UP + ENTER)  # "Vrij oefenen", one above "Trainer"
        await self.term.wait_for(": kies een scenario")
        await self.term.send(ENTER)
        await self.term.wait_for("Leerdoelen")
        await self.term.send(ENTER)
        await self.term.wait_for("Pauze")

    async def choose(self, key: str = "1") -> str:
        await self.term.send(key)
        return await self.term.wait_for(*RESPONSE, timeout=30)

    async def close(self) -> None:
        self.reader.cancel()
        with contextlib.suppress(Exception):
            await self.ws.close()


def model_key(database: str, name: str) -> str:
    """The key (1-9) that shows the model answer in the trainee's current fase: her
    attempt replayed from the database gives the order the screen shows (the same seed,
    the same moves), so the attempt goes on and does not end early."""
    from simulator.engine.attempt import Attempt
    from simulator.language.library import load

    with Store.open(Path("/nonexistent-regie-data"), database=database) as store:
        (row,) = store.unfinished(name)
        attempt = Attempt(load().scenario(row.scenario), row.seed)
        attempt.play(store.moves(row.id))
    fase = attempt.fase
    assert fase is not None and fase.model_choice is not None
    return str([c.id for c in attempt.presented()].index(fase.model_choice.id) + 1)


def attempts_of(database: str, name: str) -> list[tuple[int, str, int]]:
    """(id, status, number of moves) of each attempt of this trainee."""
    with Store.open(Path("/nonexistent-regie-data"), database=database) as store:
        return [(a.id, a.status, len(store.moves(a.id))) for a in store.attempts(trainee=name)]


def test_both_hosts_share_the_trainer_code_and_name_the_database_without_its_password(
    hosts: tuple[Host, Host], pg_url: str
) -> None:
    a, b = hosts
    assert a.code == b.code  # one code for the group on every host
    password = pg_url.split(":")[2].split("@")[0]
    for host in (a, b):
        assert host.where.startswith("postgresql://regie@127.0.0.1:")
        assert password not in host.printed
        assert "dezelfde code op elke server" in host.printed
        assert not (host.data / "regie.sqlite").exists()


def test_a_trainee_moves_to_the_other_host_and_goes_on_the_trainer_sees_it_on_either(
    hosts: tuple[Host, Host], pg_url: str
) -> None:
    a, b = hosts
    name = "Kim Verhuisd"

    async def scene() -> None:
        async with aiohttp.ClientSession() as http:
            first = await Client.open(http, a.url)
            await first.sign_in(name, "2468")
            await first.start_first_scenario()
            for _ in range(2):
                await first.choose(model_key(pg_url, name))
                await asyncio.sleep(0.5)
            ((attempt_id, status, moves),) = attempts_of(pg_url, name)
            assert (status, moves) == ("bezig", 2)
            await first.close()  # the page is reloaded ...

            second = await Client.open(http, b.url)  # ... and the balancer picks host B
            await second.sign_in(name, "2468")
            await second.term.send(END + UP + ENTER)  # "Vrij oefenen": her attempt is there
            await second.wait_screen("Pauze")  # straight back on the play screen
            await second.choose(model_key(pg_url, name))
            await asyncio.sleep(0.5)
            assert attempts_of(pg_url, name) == [(attempt_id, "bezig", 3)]

            # the trainer, on host A, sees her playing on host B
            trainer = await Client.open(http, a.url)
            for _ in range(3):  # past name, pincode and group code, as a person does
                await trainer.term.send(ENTER)
                await asyncio.sleep(0.35)
            await trainer.term.send(END)
            await asyncio.sleep(0.35)
            await trainer.term.send(ENTER)  # "Trainer", the last of the list
            await trainer.term.wait_for("trainercode")
            await trainer.term.send(a.code + ENTER)
            await trainer.wait_screen(f"Groep {GROUP}")
            await trainer.wait_screen(name)
            await trainer.wait_screen("1 speelt nu")
            await trainer.close()
            await second.close()

    asyncio.run(scene())


def test_trainees_play_on_both_hosts_at_once_and_every_move_is_saved(
    hosts: tuple[Host, Host], pg_url: str
) -> None:
    a, b = hosts
    sessions = [Session(i) for i in range(6)]

    async def room() -> None:
        tasks = []
        for s in sessions:
            tasks.append(asyncio.create_task(play((a, b)[s.index % 2].url, s, s.index)))
            await asyncio.sleep(0.4)
        await asyncio.gather(*tasks)

    asyncio.run(room())
    assert [s.problem for s in sessions] == [None] * 6
    assert all(s.finished for s in sessions)
    with Store.open(Path("/nonexistent-regie-data"), database=pg_url) as store:
        for s in sessions:
            (row,) = store.attempts(trainee=f"Belaster {s.index:02d}")
            assert row.status == "afgerond" and row.groep == GROUP
            # a move for every key, and for every timer that ran out meanwhile
            assert len(store.moves(row.id)) >= len(s.latencies)
            assert [e.kind for e in store.events(row.id)][-1] == "end"
        assert len(store.trainees(GROUP)) == 6
        everything = store.db.execute(
            "SELECT attempt_id, COUNT(*), MIN(seq), MAX(seq) FROM moves GROUP BY attempt_id"
        ).fetchall()
        assert all(low == 0 and high == count - 1 for _, count, low, high in everything)


def test_a_killed_host_loses_no_move_and_the_trainee_goes_on_at_the_other(
    hosts: tuple[Host, Host], pg_url: str
) -> None:
    a, b = hosts
    name = "Sam Overleeft"

    async def scene() -> None:
        async with aiohttp.ClientSession() as http:
            first = await Client.open(http, a.url)
            await first.sign_in(name, "1357")
            await first.start_first_scenario()
            for _ in range(3):
                await first.choose(model_key(pg_url, name))
                await asyncio.sleep(0.3)
            a.kill()  # server, zygote and the app processes, without a word
            await first.close()
            ((attempt_id, status, moves),) = attempts_of(pg_url, name)
            assert (status, moves) == ("bezig", 3)

            second = await Client.open(http, b.url)
            await second.sign_in(name, "1357")
            await second.term.send(END + UP + ENTER)  # "Vrij oefenen": her attempt is there
            await second.wait_screen("Pauze")  # straight back on the play screen
            for _ in range(40):
                got = await second.choose()
                if got == "(slaaggrens" or "(slaaggrens" in second.term.session.out:
                    break
                await asyncio.sleep(0.3)
            await second.term.wait_for("(slaaggrens", timeout=30)
            await second.close()
            ((again, status, moves),) = attempts_of(pg_url, name)
            assert again == attempt_id and status == "afgerond" and moves > 3

    asyncio.run(scene())
    assert a.proc.returncode == -signal.SIGKILL


def test_behind_a_reverse_proxy_the_browsers_own_address_and_https_count(
    pg_url: str, tmp_path: Path
) -> None:
    """The proxy (127.0.0.1 here) passes the browser's address and scheme on. Regie gives
    the page wss://, answers to the proxy's public name, counts windows per browser address
    (two laptops behind one proxy are two addresses) and ignores the same headers from an
    address that is not the proxy's."""
    host = Host(
        tmp_path / "proxy",
        pg_url,
        *("--proxy", "127.0.0.1", "--adres", "https://regie.example.nl/", "--max-per-adres", "1"),
    )
    try:

        async def scene() -> None:
            headers = {
                "Host": "regie.example.nl",
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": "198.51.100.7, 10.9.8.7",
            }
            async with aiohttp.ClientSession() as http:
                async with http.get(f"{host.url}/", headers=headers) as r:
                    page = await r.text()
                    assert r.status == 200
                assert "wss://regie.example.nl/ws" in page
                async with http.get(f"{host.url}/", headers={"Host": "andere.example.nl"}) as r:
                    assert r.status == 421  # not a name of this Regie

                def ws(address: str) -> Any:
                    return http.ws_connect(
                        f"{host.url}/ws?width=100&height=32",
                        origin="https://regie.example.nl",
                        headers={
                            "Host": "regie.example.nl",
                            "X-Forwarded-Proto": "https",
                            "X-Forwarded-For": address,
                        },
                        max_msg_size=0,
                    )

                first = await ws("10.1.1.1")  # one window per address (--max-per-adres 1)
                second = await ws("10.1.1.2")  # another laptop behind the same proxy: fine
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await ws("10.1.1.1")  # the first laptop's second window: refused
                assert refused.value.status == 429
                for socket in (first, second):
                    await socket.close()

            # from an address that is not the proxy, the same headers count for nothing
            port = int(host.url.rsplit(":", 1)[1])
            connector = aiohttp.TCPConnector(local_addr=("127.0.0.2", 0))
            async with aiohttp.ClientSession(connector=connector) as http:
                url = f"http://127.0.0.1:{port}"

                def direct(address: str) -> Any:
                    return http.ws_connect(
                        f"{url}/ws?width=100&height=32",
                        origin=url,
                        headers={"X-Forwarded-For": address, "X-Forwarded-Proto": "https"},
                        max_msg_size=0,
                    )

                async with http.get(f"{url}/", headers={"X-Forwarded-Proto": "https"}) as r:
                    assert "ws://127.0.0.1" in await r.text()  # not wss: not from the proxy
                one = await direct("10.2.2.1")
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await direct("10.2.2.2")  # both are 127.0.0.2, whatever they claim
                assert refused.value.status == 429
                await one.close()

        asyncio.run(scene())
    finally:
        host.stop()


@pytest.fixture
def chromium(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Headless Chromium with the page's terminal bytes kept (``test_serve_browser``)."""
    from tests.serve import test_serve_browser as browser

    with browser.headless_chromium(tmp_path_factory.mktemp("chromium")) as driver:
        yield browser.Page(driver)


def test_a_reload_in_chromium_lands_on_the_other_host_and_the_attempt_goes_on(
    hosts: tuple[Host, Host], pg_url: str, chromium: Any
) -> None:
    from selenium.webdriver.common.keys import Keys

    a, b = hosts
    page = chromium
    name = "Browser Verhuisd"

    def sign_in_and_practise() -> None:
        page.wait_text("Uw naam")
        for typed, shown in ((name, name), ("8642", "••••"), (GROUP, GROUP)):
            page.keys(typed)
            page.wait_text(shown)
            page.keys(Keys.ENTER)
        page.keys(Keys.END, Keys.UP, Keys.ENTER)  # "Vrij oefenen", just above "Trainer"

    page.open(a.url)
    sign_in_and_practise()
    page.wait_text(": kies een scenario")
    page.keys(Keys.ENTER)  # the first scenario
    page.wait_text("Leerdoelen")
    page.keys(Keys.ENTER)
    page.wait_text("Pauze")
    for _ in range(2):
        page.keys(model_key(pg_url, name), pause=0.2)
        page.wait_text(*RESPONSE)
        time.sleep(0.5)
    ((attempt_id, status, moves),) = attempts_of(pg_url, name)
    assert (status, moves) == ("bezig", 2)

    page.open(b.url)  # the reload, sent to the other host
    sign_in_and_practise()
    page.wait_text("Pauze")  # straight back on the play screen (the attempt: below)
    page.keys(model_key(pg_url, name), pause=0.2)
    page.wait_text(*RESPONSE)
    time.sleep(0.5)
    assert attempts_of(pg_url, name) == [(attempt_id, "bezig", 3)]
