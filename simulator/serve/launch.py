"""The command textual-serve runs for each browser: hand the browser to the zygote.

    python -I -S .../simulator/serve/launch.py SOCKET [APP ARGUMENTS]

textual-serve starts one process per browser, with the browser's pipes as stdin, stdout and
stderr and the terminal's size and settings in the environment. Importing Textual and
reading the library in every one of them costs about a second of CPU, so a room arriving at
once fills the machine. This launcher imports next to nothing (it runs as a script, with
``-I -S``): it connects to the zygote (``simulator.serve.zygote``) on a Unix socket, sends
its three standard file descriptors (SCM_RIGHTS), its arguments and its environment, and the
zygote forks a ready app process for them. The launcher then waits until that process
ends, ends with its exit code, and passes SIGTERM, SIGHUP and SIGINT on to it.

If the zygote is not there (not started, stopped, crashed, or it refuses the request), the
launcher runs the app itself, as ``regie serve`` did before: slower, but the class goes on.

The protocol, on a stream socket (SOCK_STREAM: Linux and macOS both have it; macOS has no
SOCK_SEQPACKET for Unix sockets):
- launcher to zygote: ``frame(request(argv, environ))``, the length in four bytes and then
  the request, with the descriptors 0, 1 and 2 attached to its first byte;
- the forked app process to the launcher: ``pid N``; the zygote to the launcher, when that
  process has ended: ``exit N`` (as ``os.waitstatus_to_exitcode``: minus the signal number
  for a process killed by a signal); or, instead of a pid, ``fallback REASON``. Each reply
  is one line.

Only names every POSIX system has are used at import; this module is imported (not run) on
Windows too, where ``regie serve`` uses a pool of ready app processes instead (``pool.py``).
"""

from __future__ import annotations

# `socket`, `signal`, `typing` and `contextlib` would import enum, selectors and more: tens
# of milliseconds per browser. Their C modules are enough here.
import _signal  # type: ignore[import-not-found]  # no stub; `signal` is its typed wrapper
import _socket
import os
import sys

TYPE_CHECKING = False  # typing is not imported at run time (mypy reads this name as True)
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import NoReturn

APP_MODULE = "simulator.serve.app"
MAX_MESSAGE = 1 << 18  # a request is a few kB: the arguments and the environment
# what is passed on to the app (Windows has no SIGHUP: a name looked up, never assumed)
FORWARDED: tuple[int, ...] = tuple(
    getattr(_signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(_signal, name)
)
UNKNOWN_EXIT = 1  # the zygote died while the app ran: its exit code cannot be known


# --- the messages ---------------------------------------------------------------------------


def request(argv: Sequence[str], environ: Mapping[str, str]) -> bytes:
    """Arguments and environment as one message: NUL-separated, the count of arguments first
    (an argument may be empty; no argument or variable can hold a NUL)."""
    fields = [str(len(argv)), *argv, *(f"{k}={v}" for k, v in environ.items())]
    return b"\0".join(os.fsencode(f) for f in fields)


def parse_request(data: bytes) -> tuple[list[str], dict[str, str]]:
    """The inverse of ``request``. Raises ValueError for anything else."""
    fields = [os.fsdecode(f) for f in data.split(b"\0")]
    count = int(fields[0])
    if not 0 <= count <= len(fields) - 1:
        raise ValueError("te weinig velden in het verzoek")
    environ: dict[str, str] = {}
    for entry in fields[1 + count :]:
        key, sep, value = entry.partition("=")
        if not sep or not key:
            raise ValueError(f"geen variabele: {entry!r}")
        environ[key] = value
    return fields[1 : 1 + count], environ


def frame(message: bytes) -> bytes:
    """A message on the stream: its length in four bytes (big-endian), then the message."""
    return len(message).to_bytes(4, "big") + message


def descriptors(*fds: int) -> bytes:
    """File descriptors as the data of an SCM_RIGHTS message (C ints)."""
    return b"".join(fd.to_bytes(4, sys.byteorder, signed=True) for fd in fds)


# --- the launcher ---------------------------------------------------------------------------


class Forwarder:
    """Passes signals on to the app process; remembers them until its pid is known."""

    def __init__(self) -> None:
        self.pid: int | None = None
        self.pending: list[int] = []

    def install(self) -> None:
        for sig in FORWARDED:
            _signal.signal(sig, self.handle)

    def handle(self, sig: int, frame: object) -> None:
        if self.pid is None:
            self.pending.append(sig)
        else:
            self.send(sig)

    def started(self, pid: int) -> None:
        self.pid = pid
        for sig in self.pending:
            self.send(sig)
        self.pending.clear()

    def send(self, sig: int) -> None:
        if self.pid is not None:
            try:  # noqa: SIM105 - contextlib is not imported here
                os.kill(self.pid, sig)
            except ProcessLookupError:
                pass  # it has just ended: its exit code is on its way

    def restore(self) -> None:
        for sig in FORWARDED:
            _signal.signal(sig, _signal.SIG_DFL)


class Lines:
    """The zygote's replies, a line each, from the stream (two may come in one read)."""

    def __init__(self, conn: _socket.socket) -> None:
        self.conn = conn
        self.buffer = b""

    def next(self) -> bytes:
        """The next line without its newline; b"" when the other end has gone."""
        while b"\n" not in self.buffer:
            try:
                data = self.conn.recv(4096)
            except OSError:
                data = b""
            if not data or len(self.buffer) > MAX_MESSAGE:
                return b""
            self.buffer += data
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line


def connect(path: str) -> _socket.socket | None:
    family = getattr(_socket, "AF_UNIX", None)  # not on every platform
    if family is None:
        return None
    try:
        conn = _socket.socket(family, _socket.SOCK_STREAM)
    except OSError:
        return None
    try:
        conn.connect(path)
    except OSError:
        conn.close()
        return None
    return conn


def hand_over(conn: _socket.socket, replies: Lines, argv: Sequence[str]) -> int | None:
    """Send the request; the pid of the app process, or None if the zygote did not start one."""
    rights = [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, descriptors(0, 1, 2))]
    message = frame(request(argv, os.environ))
    try:
        sent = conn.sendmsg([message], rights)
        if sent < len(message):  # a stream may take it in parts; the descriptors went first
            conn.sendall(message[sent:])
    except OSError:
        return None
    reply = replies.next()
    if reply.startswith(b"pid "):
        return int(reply[4:])
    return None  # "fallback ..." or the end of the connection: no process was started


def wait_for_exit(replies: Lines, pid: int) -> int:
    """The app's exit code, as the zygote reports it when the process has ended."""
    while True:
        reply = replies.next()
        if reply.startswith(b"exit "):
            return int(reply[5:])
        if not reply:
            wait_for_gone(pid)  # the zygote died: the app may still be playing
            return UNKNOWN_EXIT


def wait_for_gone(pid: int) -> None:
    import select

    pidfd_open = getattr(os, "pidfd_open", None)  # Linux 5.3 and later; not macOS
    try:
        if pidfd_open is None:
            raise OSError("geen pidfd")
        fd = pidfd_open(pid)
    except ProcessLookupError:
        return
    except OSError:  # no pidfds: look twice a second
        import time

        while _alive(pid):
            time.sleep(0.5)
        return
    try:
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        poller.poll()  # readable once the process has ended
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def end_like(code: int, forwarder: Forwarder) -> int:
    """The launcher's own exit: the same code, or death by the same signal."""
    if code >= 0:
        return code
    forwarder.restore()
    os.kill(os.getpid(), -code)
    return 128 - code  # if the signal did not end us


def run_here(argv: Sequence[str], forwarder: Forwarder) -> NoReturn:
    """No zygote: become the app process, as before the zygote existed."""
    forwarder.restore()
    for sig in forwarder.pending:  # the session was ended before it started
        os.kill(os.getpid(), sig)
    os.execv(sys.executable, [sys.executable, "-m", APP_MODULE, *argv])


def main(argv: Sequence[str]) -> int:
    if not argv:
        print("gebruik: launch.py SOCKET [ARGUMENTEN VAN DE APP]", file=sys.stderr)
        return 2
    path, app_argv = argv[0], argv[1:]
    forwarder = Forwarder()
    forwarder.install()
    conn = connect(path)
    replies = Lines(conn) if conn is not None else None
    pid = hand_over(conn, replies, app_argv) if conn is not None and replies else None
    if conn is None or replies is None or pid is None:
        if conn is not None:
            conn.close()
        run_here(app_argv, forwarder)
    forwarder.started(pid)
    code = wait_for_exit(replies, pid)
    conn.close()
    return end_like(code, forwarder)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
