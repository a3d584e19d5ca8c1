"""``regie serve`` on every platform: what differs on Windows and macOS, tested here.

- Every module imports without the names Windows lacks (fork, SIGHUP, Unix sockets, fcntl …).
- The command textual-serve runs is quoted for the platform's shell (cmd.exe: double quotes).
- The pool (Windows): ready processes, handed out oldest first, replaced, ended with the
  server; a process that cannot start is told, not hung on.
- The zygote's stream protocol (macOS has no SOCK_SEQPACKET): a request in pieces arrives.
- LAN addresses without an ioctl.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from simulator.serve import app_command, shell_command
from simulator.serve.pool import AppPool, PoolError
from simulator.serve.ready import browser_environment, read_line

ROOT = Path(__file__).resolve().parents[2]

WINDOWS_LIKE = r"""
import os, signal, socket, sys, _signal
for module, name in (
    (os, "fork"), (os, "pidfd_open"), (os, "getpgid"), (signal, "SIGHUP"), (signal, "SIGCHLD"),
    (signal, "SIGKILL"), (_signal, "SIGHUP"), (_signal, "SIGCHLD"), (_signal, "SIGKILL"),
    (socket, "recv_fds"), (socket, "AF_UNIX"), (socket, "SOCK_SEQPACKET"),
    (socket, "if_nameindex"),
):
    if hasattr(module, name):
        delattr(module, name)
for name in ("fcntl", "termios", "pty", "tty", "resource", "grp", "pwd"):
    sys.modules[name] = None  # import fails, as on Windows
import importlib, pkgutil, simulator, scoring
bad = []
for package in (simulator, scoring):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(info.name)
        except Exception as exc:
            bad.append(f"{info.name}: {exc!r}")
from simulator.serve.zygote import supported
print("zygote" if supported() else "pool")
print("\n".join(bad))
"""


def test_every_module_imports_without_what_windows_lacks() -> None:
    done = subprocess.run(
        [sys.executable, "-c", WINDOWS_LIKE],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[0] == "pool"  # no fork: regie serve uses the pool
    assert done.stdout.strip() == "pool", done.stdout


def test_the_app_command_for_cmd_exe_has_double_quotes_only() -> None:
    parts = [
        r"C:\Program Files\Python312\python.exe",
        "-m",
        "simulator.serve.app",
        "--data",
        r"C:\Users\Jan & Piet\AppData\Local\regie",
        "--groep",
        "KM&1|2",
    ]
    line = shell_command(parts, "win32")
    assert "'" not in line
    assert line == (
        r'"C:\Program Files\Python312\python.exe" -m simulator.serve.app --data '
        r'"C:\Users\Jan & Piet\AppData\Local\regie" --groep "KM&1|2"'
    )
    # and the C runtime's rules give the parts back (what Python on Windows reads)
    assert line.startswith(subprocess.list2cmdline(parts[:4]))


def test_the_app_command_for_a_posix_shell_is_the_same_words(tmp_path: Path) -> None:
    import shlex

    data = tmp_path / "map met 'quote' & spatie"
    line = app_command(data, "KM-1", None, 5, platform="linux")
    words = shlex.split(line)
    assert words[1:] == [
        "-m",
        "simulator.serve.app",
        "--data",
        str(data),
        "--groep",
        "KM-1",
        "--nieuwe-namen",
        "5",
    ]
    windows = app_command(data, "KM-1", None, 5, platform="win32")
    assert f'--data "{data}" --groep KM-1' in windows  # quoted for cmd.exe, quotes and all


def test_the_server_runs_the_command_without_exec_on_windows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from simulator.serve.server import RegieServer

    def nothing(_: list[tuple[str, str]]) -> None:
        """The addresses are not printed here."""

    posix = RegieServer("regie-app", host="127.0.0.1", port=0, announce=nothing)
    assert posix.command == "exec regie-app"
    monkeypatch.setattr(sys, "platform", "win32")
    windows = RegieServer("regie-app", host="127.0.0.1", port=0, announce=nothing)
    assert windows.command == "regie-app"  # cmd.exe has no exec


# --- the pool -------------------------------------------------------------------------------

# a stand-in for simulator.serve.ready: "klaar", then the browser's line, then echo
READY_STAND_IN = r"""
import os, sys, time
if "--kapot" in sys.argv:
    print("kan de bibliotheek niet lezen", file=sys.stderr, flush=True)
    sys.exit(3)
time.sleep(float(sys.argv[1]))
os.write(1, b"klaar\n")
line = sys.stdin.buffer.readline()
if not line:
    sys.exit(0)
os.write(1, b"kreeg " + line)
os.write(1, sys.stdin.buffer.readline())
"""


def stand_in_pool(
    size: int, delay: float = 0.0, *extra: str, loading: int = 2, quiet: float = 0.0
) -> AppPool:
    pool = AppPool([], dict(os.environ), size, loading=loading, quiet=quiet)
    pool.argv = [sys.executable, "-c", READY_STAND_IN, str(delay), *extra]
    return pool


async def talk(process: asyncio.subprocess.Process, line: bytes) -> bytes:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(line + b"\n")
    process.stdin.write(b"toets\n")
    await process.stdin.drain()
    said = await process.stdout.readline() + await process.stdout.readline()
    await process.wait()
    return said


async def until(done: Callable[[], bool], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "it did not happen"
        await asyncio.sleep(0.05)


async def test_the_pool_hands_out_ready_processes_and_starts_new_ones() -> None:
    pool = stand_in_pool(2)
    pool.fill()
    first = pool.waiting[0]
    process = await asyncio.wait_for(pool.take(), 30)
    assert process.returncode is None
    assert await first.ready is process  # the oldest first
    await until(lambda: len(pool.waiting) == 2)  # one started in its place
    said = await talk(process, b'{"COLUMNS": "100"}')
    assert said == b'kreeg {"COLUMNS": "100"}\ntoets\n'  # nothing of the line got lost
    others = [await asyncio.wait_for(w.ready, 30) for w in pool.waiting]
    await pool.close()
    assert all(p.returncode == 0 for p in others)  # ended by closing their stdin


async def test_a_room_arriving_at_once_gets_processes_in_order() -> None:
    pool = stand_in_pool(1, 0.3, loading=1)
    pool.fill()
    began = time.monotonic()
    takes = [asyncio.create_task(pool.take()) for _ in range(3)]
    done_at: list[float] = []
    for task in takes:
        await asyncio.wait_for(task, 30)
        done_at.append(time.monotonic() - began)
    assert done_at == sorted(done_at)
    assert done_at[-1] >= 0.8  # one at a time: three loads of 0.3 s
    for task in takes:
        process = task.result()
        assert process.stdin is not None
        process.stdin.close()
        await process.wait()
    await pool.close()


async def test_while_browsers_keep_coming_the_pool_is_not_filled_again() -> None:
    """Loading takes the processor from those who play: the pool waits for a quiet moment."""
    pool = stand_in_pool(2, quiet=1.5)
    pool.fill()
    taken = [await asyncio.wait_for(pool.take(), 30) for _ in range(2)]
    await asyncio.sleep(0.5)
    assert len(pool.waiting) == 0  # nothing loads while the room arrives
    began = time.monotonic()
    await until(lambda: len(pool.waiting) == 2)
    assert time.monotonic() - began >= 0.8  # only after the quiet time
    assert all(not w.ready.done() or w.ready.result() for w in pool.waiting)
    for process in taken:
        assert process.stdin is not None
        process.stdin.close()
        await process.wait()
    await pool.close()
    assert pool.filler is not None and pool.filler.done()


async def test_a_process_that_cannot_start_is_told_not_waited_for() -> None:
    pool = stand_in_pool(1, 0.0, "--kapot")
    with pytest.raises(PoolError, match="kan de bibliotheek niet lezen"):
        await asyncio.wait_for(pool.take(), 30)
    await pool.close()
    assert not pool.waiting


async def test_a_browser_that_leaves_while_waiting_leaves_its_process_for_the_next() -> None:
    pool = stand_in_pool(1, 1.0)
    pool.fill()
    waiting = asyncio.create_task(pool.take())
    await asyncio.sleep(0.2)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    assert len(pool.waiting) >= 1  # the started one is back, first in line
    process = await asyncio.wait_for(pool.take(), 30)
    assert (await talk(process, b"{}")).startswith(b"kreeg {}")
    await pool.close()


def test_the_ready_process_reads_only_its_line_and_only_what_a_browser_may_set() -> None:
    read, write = os.pipe()
    os.write(write, b'{"ROWS": "30"}\nde toetsen\n')
    assert read_line(read) == b'{"ROWS": "30"}'
    assert os.read(read, 100) == b"de toetsen\n"  # left for the app
    os.write(write, b"x" * 5000 + b"\n")
    assert read_line(read, limit=4096) is None  # too long: no browser sends that
    os.close(write)
    os.close(read)
    read, write = os.pipe()
    os.write(write, b'{"ROWS": "3')
    os.close(write)
    assert read_line(read) is None  # the server went away halfway
    os.close(read)
    assert browser_environment(b'{"COLUMNS": "90", "REGIE_CLIENT": "10.0.0.2"}') == {
        "COLUMNS": "90",
        "REGIE_CLIENT": "10.0.0.2",
    }
    for bad in (b'{"PATH": "/tmp"}', b'{"ROWS": 30}', b"[]", b"geen json"):
        with pytest.raises(ValueError):
            browser_environment(bad)


# --- the zygote's stream protocol, and the LAN addresses ----------------------------------


@pytest.mark.skipif(not hasattr(socket, "recv_fds"), reason="descriptor passing: POSIX")
def test_a_request_that_arrives_in_pieces_is_read_whole(tmp_path: Path) -> None:
    from simulator.serve.launch import descriptors, frame, request
    from simulator.serve.zygote import receive

    left, right = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    message = frame(request(["--data", "x" * 3000], {"A": "1"}))
    r, w = os.pipe()
    try:
        rights = [(socket.SOL_SOCKET, socket.SCM_RIGHTS, descriptors(r, w, r))]
        left.sendmsg([message[:10]], rights)
        left.sendall(message[10:2000])
        left.sendall(message[2000:])
        data, fds = receive(right)
        assert data == message[4:] and len(fds) == 3
        for fd in fds:
            os.close(fd)
        left.sendmsg([(10**7).to_bytes(4, "big") + b"x"], rights)  # larger than allowed
        with pytest.raises(ValueError):
            receive(right)
    finally:
        os.close(r)
        os.close(w)
        left.close()
        right.close()


def test_lan_addresses_without_ioctl(monkeypatch: pytest.MonkeyPatch) -> None:
    from simulator.serve import server

    assert "fcntl" not in Path(server.__file__).read_text(encoding="utf-8")
    found = server.lan_addresses()
    assert all(not a.startswith("127.") for a in found)
    for address in found:
        socket.inet_aton(address)  # IPv4, well formed

    class NoNetwork(socket.socket):
        def connect(self, address: object) -> None:
            raise OSError("Network is unreachable")

    def no_name() -> str:
        raise OSError("geen naam")

    monkeypatch.setattr(server.socket, "socket", NoNetwork)
    monkeypatch.setattr(server.socket, "gethostname", no_name)
    assert server.lan_addresses() == []  # no network at all: nothing, and no traceback
