"""The zygote of ``regie serve``: one process that has loaded everything, forked per browser.

    python -m simulator.serve.zygote SOCKET

Started by the server (``ZygoteProcess``) with the environment textual-serve gives its app
processes, it binds a Unix socket in a folder only this user can open, imports Textual and
the served app, reads the bundled library once, and then waits. For every browser the
launcher (``simulator.serve.launch``) sends the browser's pipes, its arguments and its
environment; the zygote forks, and the child becomes the app process exactly as
``simulator.serve.app`` would be, without a second of imports and reading first.

At a fork there is no event loop and no other thread in the zygote; the child opens its own
store connection (``app.run``) and random seeds of its own (``random`` reseeds itself after
a fork; ``secrets`` and ``uuid`` read the system). It stays in the server's process group,
as the app processes always were: Ctrl+C in the server's terminal reaches it (and once more
through its launcher, which Textual takes as the same request to stop). The zygote reaps its children (SIGCHLD) and tells
each launcher its app's exit code. It ends when the server stops it (SIGTERM) or when the
server is gone (its end of the zygote's stdin closes), after its children have ended.

A request whose settings differ from the zygote's in what is read once, at import or at
interpreter start (``TEXTUAL_*``, ``ESCDELAY``, ``PYTHON*``, the locale), is refused: the
launcher then starts the app itself, so the child always sees what a fresh process would.

It runs where ``os.fork`` and Unix sockets with descriptor passing exist: Linux (tested
here) and macOS (by construction: a stream socket, no pidfds needed). Windows has neither;
there ``regie serve`` keeps a pool of ready app processes (``pool.py``). This module only
names Windows-less things inside functions, so importing it anywhere is safe.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from typing import NoReturn

from simulator.serve import app
from simulator.serve.launch import MAX_MESSAGE, parse_request

Play = Callable[[list[str]], int]  # run in the child with the launcher's arguments: exit code

SOCKET_NAME = "zygote.sock"
BACKLOG = 128  # a whole room may arrive while the zygote is still loading
REQUEST_TIMEOUT = 5.0  # seconds for a launcher to send its request after connecting
GRACE = 5.0  # seconds the children get to end when the zygote stops, before SIGTERM
STOP_SIGNALS: tuple[int, ...] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
PRELOAD = (
    "simulator.tui.served",  # the app, its screens and widgets
    "textual.drivers.web_driver",  # the driver textual-serve asks for
)


def supported() -> bool:
    """Fork, Unix sockets and descriptor passing: Linux and macOS, not Windows."""
    return hasattr(os, "fork") and hasattr(socket, "AF_UNIX") and hasattr(socket, "recv_fds")


def read_once(environ: Mapping[str, str]) -> dict[str, str]:
    """The variables read once per process (at import or at interpreter start): a child
    forked from the zygote keeps the zygote's values of these."""
    return {
        k: v
        for k, v in environ.items()
        if k.startswith(("TEXTUAL", "PYTHON", "LC_")) or k in ("ESCDELAY", "LANG")
    }


def served_app() -> Play:
    """Load everything a browser's app process loads before it shows anything; what each
    forked child then runs: the app, exactly as ``python -m simulator.serve.app`` would."""
    for name in PRELOAD:
        importlib.import_module(name)
    from simulator.language.library_cache import load_bundled

    lib = load_bundled()

    def play(argv: list[str]) -> int:
        return app.run(app.parse(argv), lib)

    return play


class Zygote:
    def __init__(self, listener: socket.socket, play: Play) -> None:
        self.listener = listener
        self.play = play
        self.settings = read_once(os.environ)
        self.children: dict[int, socket.socket] = {}  # pid -> its launcher's connection
        self.stopping = False
        self.wake_r, self.wake_w = socket.socketpair()
        for end in (self.wake_r, self.wake_w):
            end.setblocking(False)

    # --- the loop -------------------------------------------------------------------
    def serve(self) -> None:
        signal.set_wakeup_fd(self.wake_w.fileno(), warn_on_full_buffer=False)
        for sig in (signal.SIGCHLD, *STOP_SIGNALS):
            signal.signal(sig, _no_op)  # the wakeup descriptor says which one came
        try:
            while not self.stopping:
                ready, _, _ = select.select([self.listener, self.wake_r, sys.stdin], [], [])
                if self.wake_r in ready:
                    self.signals()
                if sys.stdin in ready and not os.read(sys.stdin.fileno(), 512):
                    self.stopping = True  # the server is gone
                if self.listener in ready and not self.stopping:
                    self.accept()
        finally:
            self.listener.close()
        self.let_children_end()

    def signals(self) -> None:
        with suppress(BlockingIOError):
            for sig in self.wake_r.recv(512):
                if sig in STOP_SIGNALS:
                    self.stopping = True
        self.reap()

    def reap(self) -> None:
        """Collect every child that has ended and tell its launcher how."""
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            conn = self.children.pop(pid, None)
            if conn is not None:
                with suppress(OSError):  # the launcher is gone: nobody to tell
                    conn.sendall(b"exit %d\n" % os.waitstatus_to_exitcode(status))
                conn.close()

    def let_children_end(self) -> None:
        """On stopping: the server has closed the browsers; wait for their processes, then
        end what is left as closing the tab would (SIGTERM)."""
        self.wait_for_children(GRACE)
        for pid in self.children:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        self.wait_for_children(GRACE)

    def wait_for_children(self, limit: float) -> None:
        deadline = time.monotonic() + limit
        while self.children and (left := deadline - time.monotonic()) > 0:
            select.select([self.wake_r], [], [], left)
            self.signals()

    # --- one browser ----------------------------------------------------------------
    def accept(self) -> None:
        try:
            conn, _ = self.listener.accept()
        except OSError:
            return
        conn.settimeout(REQUEST_TIMEOUT)
        fds: list[int] = []
        try:
            data, fds = receive(conn)
            argv, environ = parse_request(data)
        except (OSError, ValueError):
            self.refuse(conn, fds, "onleesbaar verzoek")
            return
        if read_once(environ) != self.settings:
            self.refuse(conn, fds, "andere instellingen dan de zygote")
            return
        self.fork(conn, fds, argv, environ)

    def refuse(self, conn: socket.socket, fds: list[int], reason: str) -> None:
        """No process: the launcher starts the app itself."""
        for fd in fds:
            os.close(fd)
        with suppress(OSError):
            conn.sendall(f"fallback {reason}\n".encode())
        conn.close()

    def fork(
        self, conn: socket.socket, fds: list[int], argv: list[str], environ: dict[str, str]
    ) -> None:
        if threading.active_count() > 1:  # a thread would be copied without its lock holders
            self.refuse(conn, fds, "de zygote heeft meer dan één draad")
            return
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # nothing of the zygote's may end up in a browser's pipe
        gc.freeze()  # the child's collector leaves all of this alone: shared pages stay shared
        try:
            pid = os.fork()
        except OSError:
            self.refuse(conn, fds, "fork mislukt")
            return
        if pid == 0:
            self.become_app(conn, fds, argv, environ)
        for fd in fds:
            os.close(fd)
        self.children[pid] = conn

    # --- in the child ---------------------------------------------------------------
    def become_app(
        self, conn: socket.socket, fds: list[int], argv: list[str], environ: dict[str, str]
    ) -> NoReturn:
        code = 1
        try:
            self.leave_zygote()
            conn.sendall(b"pid %d\n" % os.getpid())  # from the child: true if the zygote dies
            conn.close()
            take_over(fds)
            os.environ.clear()
            os.environ.update(environ)
            gc.enable()
            code = self.play(argv)
        except SystemExit as exc:  # argparse, for one
            code = _exit_code(exc)
        except BaseException:
            traceback.print_exc()
        finally:
            for stream in (sys.stdout, sys.stderr):
                with suppress(Exception):
                    stream.flush()
            os._exit(code)

    def leave_zygote(self) -> None:
        """What belongs to the zygote is not the child's: the sockets of the other launchers
        (they must see the zygote's end), the listener, the signal handling."""
        signal.set_wakeup_fd(-1)
        for sig in (signal.SIGCHLD, *STOP_SIGNALS):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for sock in (self.listener, self.wake_r, self.wake_w, *self.children.values()):
            sock.close()
        self.children.clear()


def receive(conn: socket.socket) -> tuple[bytes, list[int]]:
    """One framed request and the three descriptors sent with its first byte. Raises
    ValueError for anything else (OSError when the launcher is too slow or gone)."""
    data, fds, flags, _ = socket.recv_fds(conn, MAX_MESSAGE + 4, 3)
    if flags & socket.MSG_CTRUNC or len(fds) != 3:
        for fd in fds:
            os.close(fd)
        raise ValueError("onvolledig verzoek")
    try:
        while len(data) < 4 or len(data) < 4 + int.from_bytes(data[:4], "big"):
            if len(data) >= 4 and int.from_bytes(data[:4], "big") > MAX_MESSAGE:
                raise ValueError("te groot verzoek")
            more = conn.recv(MAX_MESSAGE + 4 - len(data))
            if not more:
                raise ValueError("onvolledig verzoek")
            data += more
        length = int.from_bytes(data[:4], "big")
        if len(data) != 4 + length:
            raise ValueError("meer dan één verzoek")
    except (OSError, ValueError):
        for fd in fds:
            os.close(fd)
        raise
    return data[4:], fds


def take_over(fds: Sequence[int]) -> None:
    """The browser's pipes become this process's stdin, stdout and stderr."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    for fd in fds:
        if fd > 2:
            os.close(fd)


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


def _no_op(sig: int, frame: object) -> None:
    """A Python-level handler, so that the signal is not ignored or fatal."""


def listen(path: Path) -> socket.socket:
    """Bound and listening before the name exists: a launcher that finds the name connects."""
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    draft = path.with_name(path.name + ".nieuw")
    listener.bind(str(draft))
    listener.listen(BACKLOG)
    draft.rename(path)
    return listener


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="regie-zygote", description="De snelstart van regie serve.")
    p.add_argument("socket", type=Path)
    return serve_at(p.parse_args(argv).socket, served_app)


def serve_at(path: Path, load: Callable[[], Play]) -> int:
    """Listen at ``path``, load, and fork a ``Play`` for every launcher until stopped."""
    gc.disable()  # no holes in the pages the children share (enabled again in each child)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which stops us
    listener = listen(path)  # first: a browser arriving now waits, it is not refused
    try:
        Zygote(listener, load()).serve()
    except Exception as exc:
        listener.close()  # the waiting launchers start the app themselves
        print(
            f"regie serve: de snelstart is gestopt ({exc}); elke browser start nu een eigen "
            "proces.",
            file=sys.stderr,
        )
        return 1
    finally:
        with suppress(OSError):
            path.unlink()
    return 0


class ZygoteProcess:
    """The zygote as the server sees it: started before the first browser, stopped last."""

    def __init__(self, process: subprocess.Popen[bytes], folder: Path) -> None:
        self.process = process
        self.folder = folder

    @property
    def socket(self) -> Path:
        return self.folder / SOCKET_NAME

    @classmethod
    def start(cls, environ: Mapping[str, str], wait: float = 10.0) -> ZygoteProcess:
        """Start it and wait until it listens (a fraction of a second: it loads afterwards,
        while the first launchers wait for it)."""
        folder = Path(tempfile.mkdtemp(prefix="regie-serve-"))  # mode 0700: only this user
        process = subprocess.Popen(
            [sys.executable, "-m", "simulator.serve.zygote", str(folder / SOCKET_NAME)],
            stdin=subprocess.PIPE,  # closes when the server ends, however it ends
            stdout=subprocess.DEVNULL,
            env=dict(environ),
        )
        zygote = cls(process, folder)
        deadline = time.monotonic() + wait
        while not zygote.socket.exists() and process.poll() is None:
            if time.monotonic() > deadline:
                break  # the launchers start the app themselves until it is there
            time.sleep(0.01)
        return zygote

    def stop(self, timeout: float = 3 * GRACE) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdin is not None:
            self.process.stdin.close()
        shutil.rmtree(self.folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
