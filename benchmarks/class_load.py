"""Load test of klassikaal: thirty trainees vote in one class session, the trainer leads.

    python -m benchmarks.class_load [--sessions 30] [--json]

Starts ``regie serve`` on a free loopback port with a fresh data folder. One websocket
client is the trainer: it signs in with the trainer code, opens a class session of
``SCENARIO`` on the control page and starts it. Thirty clients are trainees: each signs in
with a name and pincode and picks "Klassikaal". They speak textual-serve's protocol, as the
browser page does (see ``benchmarks.serve_load``).

Each round: every trainee waits until the fase is on his screen, reads for a moment and
votes (mostly for choice 1, so that one choice has the majority); the trainer waits until
all votes are counted on the control page, reveals the split, and presses ``v`` (on with
the majority; where chance plays a part, Enter leaves it to the seed; after a tie the
trainer picks choice 1). The figure is the time from the key that moves the group on to
the next fase on each trainee's screen ("Stap N", or the end of the story): thirty samples
a round. When the story ends before MIN_ROUNDS, the trainer rewinds to the first fase and
the group plays on.

Figures: continue to screen, median, p95 and max over all samples (target: p95 at most
300 ms on a machine with two cores, issue 22); the number of samples and rounds; and the
CPU time one app process spends on one "verder" (median over processes and rounds, from
/proc: in clock ticks of 10 ms), which does not depend on what else the machine is doing.
With ``--priority -5`` the server, its apps and this client run before other work on the
machine (a shared machine measured as a trainer's laptop that does nothing else).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import print_report
from benchmarks.serve_load import (
    Terminal,
    app_processes,
    launch_server,
    percentile,
    read_banner,
    stop_server,
)

GROUP = "KLAS-LOAD"
SCENARIO = "km-balie-afwijzing"
COURSE = "klantmanager-halve-dag"
SIZE = {"width": 100, "height": 32}
TRAINER_SIZE = {"width": 140, "height": 45}
ENTER, END, HOME, DOWN = "\r", "\x1b[F", "\x1b[H", "\x1b[B"
TARGET_P95_MS = 300.0
READ = (0.5, 3.0)  # seconds a trainee reads before voting
MIN_ROUNDS, MAX_ROUNDS = 8, 40  # the story is played again from the start until MIN_ROUNDS
ENDED = "Het verhaal is afgelopen"


@dataclass
class Trainee:
    index: int
    session: Any = None  # serve_load.Session: the bytes received
    term: Terminal | None = None
    latencies: list[float] = field(default_factory=list)
    problem: str | None = None


async def connect(http: Any, url: str, size: dict[str, int]) -> Any:
    return await http.ws_connect(
        f"{url}/ws?width={size['width']}&height={size['height']}",
        origin=url,
        heartbeat=30,
        max_msg_size=0,
    )


async def open_terminal(http: Any, url: str, size: dict[str, int], index: int) -> Terminal:
    from benchmarks.serve_load import Session

    ws = await connect(http, url, size)
    term = Terminal(ws, Session(index))
    term.reader = asyncio.create_task(term.read())  # type: ignore[attr-defined]
    await ws.send_str(json.dumps(["resize", size]))
    await term.wait_for("Uw naam", timeout=180)
    await asyncio.sleep(0.3)
    return term


async def sign_in_trainee(term: Terminal, index: int) -> None:
    for text in (f"Klasgenoot {index:02d}", "1234", GROUP):
        await term.send(text)
        await term.wait_for("•" if text == "1234" else text[-4:])
        await term.send(ENTER)
        await asyncio.sleep(0.3)
    await term.send(HOME + ENTER)  # "Klassikaal: met de groep meespelen", the first option
    await term.wait_for("De trainer begint zo", "Wachten op de trainer", timeout=180)


def scenario_downs(course: str = COURSE, scenario: str = SCENARIO) -> int:
    """How many times ↓ moves from the first scenario of the class setup list to
    ``scenario`` of ``course`` (course titles are headings the cursor skips)."""
    from simulator.language.library import load

    lib = load()
    order = [
        (cid, sid)
        for cid, course in lib.courses.items()
        if not course.exam
        for sid in course.scenarios
        if sid in lib.scenarios
    ]
    return order.index((course, scenario))


async def sign_in_trainer(term: Terminal, code: str) -> None:
    for _ in range(3):  # past name, pincode and group code
        await term.send(ENTER)
        await asyncio.sleep(0.3)
    await term.send(END + ENTER)  # "Trainer", the last option
    await term.wait_for("trainercode")
    await asyncio.sleep(0.5)  # the field has the focus once the box is drawn
    await term.send(code)
    await term.wait_for("•" * len(code))
    await term.send(ENTER)
    await term.wait_for(f"Groep {GROUP}")
    await asyncio.sleep(0.5)
    await term.send("k")
    await term.wait_for("kies een scenario")
    await asyncio.sleep(0.3)
    await term.send(DOWN * scenario_downs() + ENTER)
    await term.wait_for("wacht op de start")


DEBUG = bool(os.environ.get("REGIE_BENCH_DEBUG"))  # on trouble: every screen to stderr


def screen_of(out: str, width: int) -> str:
    """The terminal's text as it stood last (pyte reads the bytes), for a problem report."""
    try:
        import pyte
    except ImportError:
        return out[-2000:]
    screen = pyte.Screen(width, 45)
    pyte.Stream(screen).feed(out)
    return "\n".join(line.rstrip() for line in screen.display if line.strip())


def mark(trainees: list[Trainee]) -> None:
    """What each trainee's screen shows from now on is what the next wait looks at."""
    for t in trainees:
        if t.term is not None:
            t.term.mark = len(t.term.session.out)


async def vote(trainee: Trainee, rng: random.Random) -> None:
    """Read a moment, then vote: the first two trainees and most others for choice 1."""
    assert trainee.term is not None
    await asyncio.sleep(rng.uniform(*READ))
    number = 1 if trainee.index < 2 or rng.random() < 0.7 else rng.randint(1, 3)
    await trainee.term.send(str(number))
    await trainee.term.wait_for("Uw stem: ", "gesloten", timeout=30)


async def arrival(trainee: Trainee, marker: str, sent: list[float]) -> None:
    """When the next fase (``marker``) reaches this trainee's screen after ``sent[0]`` (the
    moment of the key that moved the group on: a list, as a tie or chance asks one more)."""
    assert trainee.term is not None
    try:
        await trainee.term.wait_for(marker, ENDED, timeout=30)
    except TimeoutError:
        trainee.problem = f"{marker} kwam niet aan"
        return
    trainee.latencies.append((time.perf_counter() - sent[0]) * 1000)


def cpu_times(server_pid: int) -> dict[int, float]:
    """Seconds of CPU each app process under the server has used so far (Linux: /proc;
    elsewhere nothing, and the CPU figure stays 0)."""
    out: dict[int, float] = {}
    try:
        pids = app_processes(server_pid)
        tick = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, AttributeError, subprocess.SubprocessError):
        return out
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        out[pid] = (int(fields[11]) + int(fields[12])) / tick  # utime + stime
    return out


def give_priority(server_pid: int, niceness: int) -> bool:
    """Run this process and the server with all it started (the zygote: the app processes
    it forks later inherit this) at ``niceness``: a machine that does nothing else, on a
    machine shared with other work. Needs the right to raise priority; False without it."""
    pids = [os.getpid(), server_pid, *descendants(server_pid)]
    try:
        for pid in pids:
            os.setpriority(os.PRIO_PROCESS, pid, niceness)
    except (OSError, AttributeError):
        return False
    return True


def descendants(pid: int) -> list[int]:
    try:
        out = subprocess.run(
            ["ps", "-eo", "pid=,ppid="], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    children: dict[int, list[int]] = {}
    for line in out.splitlines():
        child, parent = (int(x) for x in line.split())
        children.setdefault(parent, []).append(child)
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


async def run(sessions: int, stagger: float, priority: int | None = None) -> dict[str, Any]:
    import aiohttp

    data = Path(tempfile.mkdtemp(prefix="regie-klas-"))
    server = launch_server(data, GROUP)
    url, code = read_banner(server)
    if not (url and code):
        stop_server(server)
        raise RuntimeError("regie serve is niet gestart")
    prioritised = priority is not None and give_priority(server.pid, priority)
    trainees = [Trainee(i) for i in range(sessions)]
    terminals: list[Terminal] = []  # the trainer's, for a problem report
    rounds = 0
    cpu: list[float] = []  # ms of CPU each app process spent on one "verder"
    problems: list[str] = []
    rng = random.Random(22)
    try:
        async with aiohttp.ClientSession() as http:
            trainer = await open_terminal(http, url, TRAINER_SIZE, 99)
            terminals.append(trainer)
            await sign_in_trainer(trainer, code)

            async def join(t: Trainee) -> None:
                t.term = await open_terminal(http, url, SIZE, t.index)
                await sign_in_trainee(t.term, t.index)

            joining = []
            for t in trainees:  # a room arrives over some seconds, not all at once
                joining.append(asyncio.create_task(join(t)))
                await asyncio.sleep(stagger)
            await asyncio.gather(*joining)
            await asyncio.sleep(1.0)
            mark(trainees)
            await trainer.send("s")
            step = 1
            while rounds < MAX_ROUNDS:
                await asyncio.gather(
                    *(t.term.wait_for(f"Stap {step}", timeout=60) for t in trainees if t.term)
                )
                await asyncio.gather(*(vote(t, rng) for t in trainees))
                await trainer.wait_for(f"{sessions} van {sessions} gestemd", timeout=60)
                await trainer.send("o")
                await trainer.wait_for("De stemming:", timeout=30)
                await asyncio.sleep(1.0)  # the group looks at the split
                mark(trainees)
                before = cpu_times(server.pid)
                # each trainee's screen is watched from before the key: the time is taken
                # when his bytes come in, not when the trainer's have been looked at
                clock = [time.perf_counter()]
                watchers = [
                    asyncio.create_task(arrival(t, f"Stap {step + 1}", clock)) for t in trainees
                ]
                await trainer.send("v")
                got = await trainer.wait_for(
                    "toeval", "stemmen (trainer)", "nabespreking", "staken", timeout=30
                )
                if got == "staken":  # a tie: the trainer picks the first choice
                    await trainer.send("k")
                    await trainer.wait_for("Met welke keuze")
                    clock[0] = time.perf_counter()
                    await trainer.send(ENTER)
                    got = await trainer.wait_for(
                        "toeval", "stemmen (trainer)", "nabespreking", timeout=30
                    )
                if got == "toeval":
                    clock[0] = time.perf_counter()
                    await trainer.send(ENTER)  # leave it to the seed
                    got = await trainer.wait_for("stemmen (trainer)", "nabespreking", timeout=30)
                own = (time.perf_counter() - clock[0]) * 1000  # the trainer's own screen
                await asyncio.gather(*watchers)
                after = cpu_times(server.pid)
                spent = [(after[p] - before[p]) * 1000 for p in after if p in before]
                cpu += spent
                if DEBUG:
                    late = sorted(round(ms) for t in trainees for ms in t.latencies[-1:])
                    print(
                        f"# ronde {rounds + 1}: trainer {own:.0f} ms; "
                        f"trainees {late[0]}..{late[-1]} ms "
                        f"(mediaan {late[len(late) // 2]}); CPU {sum(spent):.0f} ms in "
                        f"{len(spent)} processen, hoogstens {max(spent, default=0):.0f}",
                        file=sys.stderr,
                    )
                rounds += 1
                step += 1
                first = trainees[0].term
                assert first is not None
                if ENDED in first.session.out[first.mark :]:
                    if rounds >= MIN_ROUNDS:
                        break
                    # the story ended: back to the first fase, for more rounds
                    await trainer.send("t")
                    await trainer.wait_for("Terug naar welke stap")
                    mark(trainees)
                    await trainer.send(ENTER)
                    await trainer.wait_for("pauze (trainer)")
                    await trainer.send("p")
                    step = 1
            await trainer.send("e")
            await trainer.wait_for("afsluiten?")
            await trainer.send("j")
            await asyncio.sleep(1.0)
    except (TimeoutError, RuntimeError, aiohttp.ClientError) as exc:
        problems.append(f"{type(exc).__name__}: {exc}")
        for t in trainees:
            if t.term is None:
                problems.append(f"trainee {t.index}: nog niet aangemeld")
        if DEBUG:
            shown = [("trainer", term.session.out) for term in terminals]
            shown += [(f"trainee {t.index}", t.term.session.out) for t in trainees if t.term]
            for name, out in shown:
                print(f"--- {name}\n{screen_of(out, 140)}", file=sys.stderr)
    finally:
        stop_server(server)
        shutil.rmtree(data, ignore_errors=True)
    problems += [f"trainee {t.index}: {t.problem}" for t in trainees if t.problem]
    samples = [ms for t in trainees for ms in t.latencies]
    figures: dict[str, tuple[float, str]] = {
        "class_sessions": (sessions, "count"),
        "class_rounds": (rounds, "count"),
        "class_samples": (len(samples), "count"),
        "class_continue_median": (statistics.median(samples) if samples else 0.0, "ms"),
        "class_continue_p95": (percentile(samples, 0.95) if samples else 0.0, "ms"),
        "class_continue_max": (max(samples, default=0.0), "ms"),
        "class_continue_cpu_median": (statistics.median(cpu) if cpu else 0.0, "ms"),
        "class_priority": (
            float(priority) if prioritised and priority is not None else 0.0,
            "nice",
        ),
    }
    return {"figures": figures, "problems": problems}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.class_load", description=__doc__)
    p.add_argument("--sessions", type=int, default=30, help="trainees at once (default 30)")
    p.add_argument(
        "--stagger", type=float, default=0.5, help="seconds between two trainees arriving"
    )
    p.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    p.add_argument(
        "--priority",
        type=int,
        metavar="NICE",
        help="run the server, its apps and this client at this niceness (for instance -5: "
        "as if the machine did nothing else; needs the right to raise priority)",
    )
    args = p.parse_args(argv)
    outcome = asyncio.run(run(args.sessions, args.stagger, args.priority))
    figures = outcome["figures"]
    targets = {"class_continue_p95": {"max": TARGET_P95_MS, "unit": "ms"}}
    print_report(outcome, targets, args.json)
    return 0 if not outcome["problems"] and figures["class_rounds"][0] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
