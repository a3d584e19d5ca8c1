"""Load test of ``regie serve``: one server, many browsers at once, each playing a scenario.

    python -m benchmarks.serve_load [--sessions 30] [--json]

Starts ``regie serve`` on a free loopback port with a fresh data folder, then opens the
sessions (websocket clients that speak textual-serve's protocol, as the browser page
does: JSON text frames ``["stdin", keys]`` and ``["resize", …]`` out, the terminal's bytes
in). Each signs in with a name and pincode, picks the first scenario of "vrij oefenen",
starts it, and presses 1 until the debrief, with a human pause between keys.

Figures (one line each, ``name value unit``; ``--json`` gives one JSON object):
- memory per session: RSS and PSS of each app process from /proc (its peak over the
  run), median and max;
- key to screen: from sending a choice key until the first terminal bytes that show its
  result (``RESPONSE``: the trainee's own line "U: …" or what follows it in the story, the
  debrief, or "geen keuze"), median and p95. The timer's own updates do not count as a response;
- time from opening the page to the welcome screen, median, p95 and max;
- the machine's load average over the run (lowest and highest, sampled each second).
``--stagger`` sets the seconds between two browsers: 0.5 is a burst (30 in 15 s), 2.0 a
class arriving over a minute. ``benchmarks.serve`` runs both and gives the targets.
"""

from __future__ import annotations

import argparse
import asyncio
import codecs
import contextlib
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import print_report

ROOT = Path(__file__).resolve().parent.parent
GROUP = "LOAD-01"
SIZE = {"width": 100, "height": 32}
ENTER, END, UP = "\r", "\x1b[F", "\x1b[A"
TARGET_MB, TARGET_P95_MS = 60.0, 150.0
THINK = (3.0, 6.0)  # seconds between two choices: a person reads a few lines first
# What shows that a choice key was handled: the trainee's own line, the feedback, a rule
# broken, the visitor's words, an ending, the debrief, or "geen keuze". The story shows its
# end after a key; when a step writes more than the panel holds, the own line is already
# out of view when it is first drawn, and what follows it shows the key's result.
RESPONSE = ("U: ", "→ ", "✗ ", "\u201c", "Einde:", "(slaaggrens", "geen keuze")


@dataclass
class Session:
    index: int
    out: str = ""  # everything decoded so far
    first_screen: float | None = None
    latencies: list[float] = field(default_factory=list)
    windows: list[tuple[float, float]] = field(default_factory=list)  # wall time: key, screen
    finished: bool = False
    problem: str | None = None


class Terminal:
    """One browser: the websocket, the bytes the app sends, and waiting for text in them."""

    def __init__(self, ws: Any, session: Session) -> None:
        self.ws = ws
        self.session = session
        self.decoder = codecs.getincrementaldecoder("utf-8")("ignore")
        self.changed = asyncio.Event()
        self.mark = 0  # where the next wait starts looking

    async def read(self) -> None:
        import aiohttp

        async for msg in self.ws:
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.session.out += self.decoder.decode(msg.data)
                if len(self.session.out) > 400_000:  # keep memory bounded
                    cut = len(self.session.out) - 200_000
                    self.session.out = self.session.out[cut:]
                    self.mark = max(0, self.mark - cut)
                self.changed.set()
            elif msg.type in (aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR):
                break

    async def send(self, keys: str) -> None:
        self.mark = len(self.session.out)
        await self.ws.send_str(json.dumps(["stdin", keys]))

    async def wait_for(self, *texts: str, timeout: float = 60.0) -> str:
        """The first of ``texts`` to show up after the last ``send``."""
        deadline = time.monotonic() + timeout
        while True:
            seen = self.session.out[max(0, self.mark - 4) :]
            for text in texts:
                if text in seen:
                    return text
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"niet verschenen: {texts}")
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)


async def play(url: str, session: Session, seed: int) -> None:
    import aiohttp

    rng = random.Random(seed)
    started = time.monotonic()
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(
            f"{url}/ws?width={SIZE['width']}&height={SIZE['height']}",
            origin=url,
            heartbeat=30,
            max_msg_size=0,
        ) as ws,
    ):
        term = Terminal(ws, session)
        reader = asyncio.create_task(term.read())
        try:
            await ws.send_str(json.dumps(["resize", SIZE]))
            await term.wait_for("Uw naam", timeout=180)
            session.first_screen = time.monotonic() - started
            await asyncio.sleep(0.5)
            # one field at a time, as a person types: Enter moves the focus to the next field
            for text in (f"Belaster {session.index:02d}", "1234", GROUP):
                await term.send(text)
                await term.wait_for("•" if text == "1234" else text[-4:])  # it was typed
                await term.send(ENTER)
                await asyncio.sleep(0.3)
            await term.send(END + UP + ENTER)  # "Vrij oefenen", one above "Trainer"
            await term.wait_for(": kies een scenario")
            await asyncio.sleep(rng.uniform(0.5, 1.5))
            await term.send(ENTER)  # the first scenario
            await term.wait_for("Leerdoelen")
            await asyncio.sleep(rng.uniform(0.5, 1.5))
            await term.send(ENTER)  # start
            await term.wait_for("Pauze")
            for _ in range(60):
                await asyncio.sleep(rng.uniform(*THINK))  # reading the new text, thinking
                if "(slaaggrens" in session.out[term.mark :]:  # the debrief came after the key
                    session.finished = True
                    break
                sent, sent_wall = time.perf_counter(), time.time()
                await term.send("1")
                got = await term.wait_for(*RESPONSE, timeout=30)
                session.latencies.append((time.perf_counter() - sent) * 1000)
                session.windows.append((sent_wall, time.time()))
                if got == "(slaaggrens" or "(slaaggrens" in session.out[term.mark :]:
                    session.finished = True
                    break
        except (TimeoutError, aiohttp.ClientError) as exc:
            session.problem = str(exc) or type(exc).__name__
        finally:
            reader.cancel()


def app_processes(server_pid: int) -> list[int]:
    """The app processes under the server: forked by the zygote, or (without one) started by
    the shell textual-serve runs. ``-ww``: without it ``ps`` cuts each line at ``COLUMNS``
    (80 on CI), and the zygote's name falls off the end."""
    out = subprocess.run(
        ["ps", "-ww", "-eo", "pid=,ppid=,args="], capture_output=True, text=True, check=True
    ).stdout
    children: dict[int, list[tuple[int, str]]] = {}
    for line in out.splitlines():
        pid_text, ppid_text, command = line.split(None, 2)
        children.setdefault(int(ppid_text), []).append((int(pid_text), command))
    found: list[int] = []
    todo = [(server_pid, "")]
    while todo:
        parent, parent_args = todo.pop()
        for pid, args in children.get(parent, []):
            todo.append((pid, args))
            started = (
                "simulator.serve.app" in args or "simulator.serve.ready" in args
            ) and not args.startswith("/bin/sh")  # started by the shell, or from the pool
            forked = "simulator.serve.zygote" in parent_args  # by the zygote, for a browser
            if started or forked:
                found.append(pid)
    return found


def memory(pid: int) -> tuple[float, float] | None:
    """(RSS, PSS) in MB."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    values = {}
    for line in text.splitlines():
        m = re.match(r"(Rss|Pss):\s+(\d+) kB", line)
        if m:
            values[m.group(1)] = int(m.group(2)) / 1024
    return values.get("Rss", 0.0), values.get("Pss", 0.0)


async def sample_memory(
    server_pid: int, peaks: dict[int, tuple[float, float]], loads: list[float] | None = None
) -> None:
    while True:
        if loads is not None and hasattr(os, "getloadavg"):
            loads.append(os.getloadavg()[0])
        for pid in app_processes(server_pid):
            m = memory(pid)
            if m is not None:
                old = peaks.get(pid, (0.0, 0.0))
                peaks[pid] = (max(old[0], m[0]), max(old[1], m[1]))
        await asyncio.sleep(1.0)


# The server as on a system without fork (Windows): what the zygote needs is taken away
# before Regie is imported, so `regie serve` keeps a pool of ready app processes instead.
WITHOUT_FORK = (
    "import os, signal, socket, sys\n"
    "for module, name in ((os, 'fork'), (os, 'pidfd_open'), (signal, 'SIGHUP'), "
    "(socket, 'recv_fds')):\n"
    "    if hasattr(module, name):\n"
    "        delattr(module, name)\n"
    "from simulator.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def launch_server(
    data: Path,
    group: str = GROUP,
    *,
    forkless: bool = False,
    extra: Sequence[str] = (),
    database: str | None = None,
) -> subprocess.Popen[str]:
    """``regie serve`` on a free loopback port, in a process group of its own, with what it
    prints on a pipe (the address, the trainer code). Stop it with ``stop_server``.
    ``forkless``: as on Windows, without ``os.fork`` (nor descriptor passing): the pool serves.
    With ``database`` (postgresql://…) its store is that database, given as REGIE_DATABASE."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.pop("REGIE_DATABASE", None)
    if database:
        env["REGIE_DATABASE"] = database
    start = ["-c", WITHOUT_FORK] if forkless else ["-m", "simulator"]
    server = subprocess.Popen(
        [
            sys.executable,
            *start,
            "--data",
            str(data),
            "serve",
            "--poort",
            "0",
            "--groep",
            group,
            # every simulated laptop is this one machine: lift the limits per address
            "--max-per-adres",
            "60",
            "--nieuwe-namen",
            "100",
            *extra,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert server.stdout is not None
    return server


def read_banner(server: subprocess.Popen[str], seconds: float = 60) -> tuple[str, str]:
    """What ``regie serve`` prints when it is ready: its loopback address and the trainer
    code (without the space); empty where it printed none before it ended or ``seconds``."""
    assert server.stdout is not None
    url = code = ""
    deadline = time.monotonic() + seconds
    while not (url and code) and time.monotonic() < deadline:
        line = server.stdout.readline()
        if not line:
            break
        if m := re.search(r"(http://127\.0\.0\.1:\d+)", line):
            url = m.group(1)
        if m := re.search(r"Trainercode:\s+(\d{3}) (\d{3})", line):
            code = m.group(1) + m.group(2)
    return url, code


def start_server(
    data: Path, forkless: bool = False, extra: Sequence[str] = (), database: str | None = None
) -> tuple[subprocess.Popen[str], str]:
    server = launch_server(data, forkless=forkless, extra=extra, database=database)
    url, _ = read_banner(server)
    if not url:
        server.kill()
        raise RuntimeError("regie serve is niet gestart")
    return server, url


def stop_server(server: subprocess.Popen[str]) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


async def run(
    sessions: int,
    stagger: float,
    forkless: bool = False,
    pool: int | None = None,
    settle: float = 0,
) -> dict[str, Any]:
    data = Path(tempfile.mkdtemp(prefix="regie-load-"))
    extra = ("--voorraad", str(pool)) if pool is not None else ()
    server, url = start_server(data, forkless, extra)
    await asyncio.sleep(settle)  # a server started before the class arrives
    peaks: dict[int, tuple[float, float]] = {}
    loads: list[float] = []
    sampler = asyncio.create_task(sample_memory(server.pid, peaks, loads))
    try:
        all_sessions = [Session(i) for i in range(sessions)]
        tasks = []
        for s in all_sessions:
            tasks.append(asyncio.create_task(play(url, s, s.index)))
            await asyncio.sleep(stagger)  # a room arrives over some seconds, not all at once
        await asyncio.gather(*tasks)
    finally:
        sampler.cancel()
        stop_server(server)
    from simulator.store import Store

    with Store.open(data) as store:
        stored = [a for a in store.attempts(groep=GROUP) if a.status == "afgerond"]
    shutil.rmtree(data, ignore_errors=True)
    latencies = [ms for s in all_sessions for ms in s.latencies]
    rss = [p[0] for p in peaks.values()]
    pss = [p[1] for p in peaks.values()]
    firsts = [s.first_screen for s in all_sessions if s.first_screen is not None]
    figures: dict[str, tuple[float, str]] = {
        "serve_sessions": (sessions, "count"),
        "serve_sessions_finished": (sum(1 for s in all_sessions if s.finished), "count"),
        "serve_attempts_stored": (len(stored), "count"),
        "serve_session_rss_median": (statistics.median(rss) if rss else 0.0, "MB"),
        "serve_session_rss_max": (max(rss, default=0.0), "MB"),
        "serve_session_pss_median": (statistics.median(pss) if pss else 0.0, "MB"),
        "serve_session_pss_max": (max(pss, default=0.0), "MB"),
        "serve_key_to_screen_median": (statistics.median(latencies) if latencies else 0.0, "ms"),
        "serve_key_to_screen_p95": (percentile(latencies, 0.95) if latencies else 0.0, "ms"),
        "serve_keys_measured": (len(latencies), "count"),
        "serve_first_screen_median": (statistics.median(firsts) if firsts else 0.0, "s"),
        "serve_first_screen_p95": (percentile(firsts, 0.95) if firsts else 0.0, "s"),
        "serve_first_screen_max": (max(firsts, default=0.0), "s"),
        "serve_load_min": (min(loads, default=0.0), "load"),
        "serve_load_max": (max(loads, default=0.0), "load"),
    }
    problems = [f"sessie {s.index}: {s.problem}" for s in all_sessions if s.problem]
    return {"figures": figures, "problems": problems}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.serve_load", description=__doc__)
    p.add_argument("--sessions", type=int, default=30, help="browsers at once (default 30)")
    p.add_argument(
        "--stagger", type=float, default=0.5, help="seconds between two browsers arriving"
    )
    p.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    p.add_argument(
        "--without-fork",
        action="store_true",
        help="the server as on Windows: no fork, a pool of ready app processes",
    )
    p.add_argument("--pool", type=int, help="--voorraad of the server (without fork)")
    p.add_argument(
        "--settle", type=float, default=0.0, help="seconds between the start and the first browser"
    )
    args = p.parse_args(argv)
    outcome = asyncio.run(
        run(args.sessions, args.stagger, args.without_fork, args.pool, args.settle)
    )
    figures = outcome["figures"]
    targets = {
        "serve_session_pss_max": {"max": TARGET_MB, "unit": "MB"},
        "serve_key_to_screen_p95": {"max": TARGET_P95_MS, "unit": "ms"},
    }
    print_report(outcome, targets, args.json, digits=3)
    ok = not outcome["problems"] and figures["serve_sessions_finished"][0] == args.sessions
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
