"""The zygote of ``regie serve`` and its launcher, through the real socket protocol.

A small zygote (``serve_at`` with a test ``Play`` instead of the app, so no Textual) runs in
a process of its own; the real launcher (``python -I -S launch.py``, as textual-serve runs
it) hands it its pipes. Checked: the child gets the launcher's stdin, stdout, stderr,
arguments and environment; the launcher ends with the child's exit code, passes SIGTERM on;
children get random seeds of their own and none of the zygote's sockets;
a zygote that is missing, refuses, or dies is noticed (the launcher runs the app itself, or
waits for the running child); the zygote ends with the server. One test runs the real
zygote with the real app.
"""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.serve import LAUNCHER, app_command
from simulator.serve.launch import descriptors, parse_request, request
from simulator.serve.zygote import ZygoteProcess, read_once, supported

pytestmark = pytest.mark.skipif(not supported(), reason="the zygote needs Linux")

ROOT = Path(__file__).resolve().parents[2]

# The Play of the test zygote: what the child does is named by its first argument.
TEST_ZYGOTE = r"""
import os, random, signal, sys
from pathlib import Path
from simulator.serve.zygote import serve_at

def play(argv):
    what = argv[0]
    if what == "echo":  # stdin to stdout and stderr; the arguments and one variable
        line = sys.stdin.readline().strip()
        print(f"uit:{line}|{argv[1:]}|{os.environ.get('REGIE_TEST')}", flush=True)
        print(f"fout:{line}", file=sys.stderr, flush=True)
        return 0
    if what == "exit":
        return int(argv[1])
    if what == "self":  # what a child holds: a seed, a process group, descriptors
        fds = sorted(int(fd) for fd in os.listdir("/proc/self/fd"))
        print(random.random(), os.getpgid(0), fds, flush=True)
        return 0
    if what == "wait":  # until SIGTERM, which it answers with exit code 3
        def stop(sig, frame):
            print("SIGTERM ontvangen", flush=True)
            os._exit(3)
        signal.signal(signal.SIGTERM, stop)
        print("klaar", flush=True)
        while True:
            signal.pause()
    raise RuntimeError(f"onbekend: {what}")

def load():
    if "--draad" in sys.argv:  # something left a thread running in the zygote
        import threading, time
        threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
    return play

sys.exit(serve_at(Path(sys.argv[1]), load))
"""


def env_with_root() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


class SmallZygote:
    def __init__(self, folder: Path, *extra: str) -> None:
        self.socket = folder / "zygote.sock"
        self.process = subprocess.Popen(
            [sys.executable, "-c", TEST_ZYGOTE, str(self.socket), *extra],
            stdin=subprocess.PIPE,
            env=env_with_root(),
        )
        deadline = time.monotonic() + 20
        while not self.socket.exists():
            assert self.process.poll() is None, "the test zygote ended at once"
            assert time.monotonic() < deadline, "the test zygote did not listen"
            time.sleep(0.02)

    def launch(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
        """The launcher as textual-serve starts it: pipes for stdin, stdout and stderr."""
        return subprocess.Popen(
            [sys.executable, "-I", "-S", str(LAUNCHER), str(self.socket), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env if env is not None else env_with_root(),
        )

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
        self.process.wait(timeout=20)
        assert self.process.stdin is not None
        self.process.stdin.close()


@pytest.fixture
def zygote(tmp_path: Path) -> Iterator[SmallZygote]:
    z = SmallZygote(tmp_path)
    try:
        yield z
    finally:
        if z.process.poll() is None:
            z.process.kill()
        z.stop()


def test_a_request_survives_the_trip_with_empty_arguments_and_odd_values() -> None:
    argv = ["--data", "", "map met spatie", "é=ü"]
    env = {"A": "1", "LEEG": "", "B": "x=y", "ÉÉN": "twee\nregels"}
    assert parse_request(request(argv, env)) == (argv, env)
    assert parse_request(request([], {})) == ([], {})
    for bad in (b"", b"x", b"5\0a", b"0\0geen-is-teken"):
        with pytest.raises(ValueError):
            parse_request(bad)
    assert descriptors(0, 1, 2) == b"".join(i.to_bytes(4, sys.byteorder) for i in (0, 1, 2))


def test_the_child_gets_the_launchers_pipes_arguments_and_environment(
    zygote: SmallZygote,
) -> None:
    env = env_with_root() | {"REGIE_TEST": "van de launcher", "COLUMNS": "133"}
    launcher = zygote.launch("echo", "--data", "", "a b", env=env)
    out, err = launcher.communicate("hallo\n", timeout=20)
    assert launcher.returncode == 0
    assert out == "uit:hallo|['--data', '', 'a b']|van de launcher\n"
    assert err == "fout:hallo\n"


@pytest.mark.parametrize("code", [0, 1, 7])
def test_the_launcher_ends_with_the_childs_exit_code(zygote: SmallZygote, code: int) -> None:
    launcher = zygote.launch("exit", str(code))
    launcher.communicate(timeout=20)
    assert launcher.returncode == code


def test_sigterm_to_the_launcher_reaches_the_child(zygote: SmallZygote) -> None:
    launcher = zygote.launch("wait")
    assert launcher.stdout is not None
    assert launcher.stdout.readline() == "klaar\n"
    launcher.send_signal(signal.SIGTERM)  # what closing the session does
    out, _ = launcher.communicate(timeout=20)
    assert out == "SIGTERM ontvangen\n"
    assert launcher.returncode == 3


def test_a_child_killed_by_a_signal_ends_its_launcher_the_same_way(
    zygote: SmallZygote,
) -> None:
    launcher = zygote.launch("wait")
    assert launcher.stdout is not None
    assert launcher.stdout.readline() == "klaar\n"
    launcher.send_signal(signal.SIGHUP)  # not handled by the child: it dies of it
    launcher.communicate(timeout=20)
    assert launcher.returncode == -signal.SIGHUP


def test_children_have_their_own_seed_and_none_of_the_zygotes_sockets(
    zygote: SmallZygote,
) -> None:
    seen = []
    for _ in range(2):
        launcher = zygote.launch("self")
        out, _ = launcher.communicate(timeout=20)
        seen.append(out.split(" ", 2))
    (seed_a, group_a, fds_a), (seed_b, group_b, fds_b) = seen
    assert seed_a != seed_b
    assert group_a == group_b == str(os.getpgid(zygote.process.pid))  # the server's group
    # 0, 1, 2 and the one listdir itself opens: not the listener, nor another launcher's socket
    assert len(eval(fds_a)) == len(eval(fds_b)) == 4


def test_without_a_zygote_the_launcher_runs_the_app_itself(tmp_path: Path) -> None:
    launcher = subprocess.run(
        [sys.executable, "-I", "-S", str(LAUNCHER), str(tmp_path / "nergens.sock")],
        capture_output=True,
        text=True,
        env=env_with_root(),
        timeout=60,
        check=False,
    )
    # the app itself answered: no --data is a usage error of simulator.serve.app
    assert launcher.returncode == 2
    assert "regie-klas" in launcher.stderr and "--data" in launcher.stderr


def test_a_request_with_other_textual_settings_is_refused_and_the_app_runs_itself(
    zygote: SmallZygote,
) -> None:
    env = env_with_root() | {"TEXTUAL_FPS": "5"}  # read once, when Textual is imported
    assert read_once(env) != read_once(env_with_root())
    launcher = zygote.launch(env=env)  # no arguments: the app's usage error shows who ran
    _, err = launcher.communicate(timeout=60)
    assert launcher.returncode == 2 and "regie-klas" in err


def test_a_zygote_with_a_thread_forks_nothing_and_the_app_runs_itself(tmp_path: Path) -> None:
    zygote = SmallZygote(tmp_path, "--draad")
    try:
        launcher = zygote.launch("exit", "0")  # forked, this would end with 0
        _, err = launcher.communicate(timeout=60)
        assert launcher.returncode == 2 and "regie-klas" in err  # the app's usage error
    finally:
        zygote.stop()


def test_when_the_zygote_dies_playing_goes_on_and_new_browsers_still_start(
    zygote: SmallZygote,
) -> None:
    playing = zygote.launch("wait")
    assert playing.stdout is not None
    assert playing.stdout.readline() == "klaar\n"
    zygote.process.kill()
    zygote.process.wait(timeout=20)
    time.sleep(0.2)
    assert playing.poll() is None, "the launcher stays while its child plays"
    playing.send_signal(signal.SIGTERM)  # still reaches the child
    out, _ = playing.communicate(timeout=20)
    assert out == "SIGTERM ontvangen\n"
    assert playing.returncode == 1  # the exit code died with the zygote

    newcomer = zygote.launch()  # the socket file is still there, nobody listens
    _, err = newcomer.communicate(timeout=60)
    assert newcomer.returncode == 2 and "regie-klas" in err


def test_the_zygote_ends_when_the_server_is_gone(zygote: SmallZygote) -> None:
    assert zygote.process.stdin is not None
    zygote.process.stdin.close()  # as when the server's process ends, however it ends
    assert zygote.process.wait(timeout=20) == 0
    assert not zygote.socket.exists()


def test_the_real_zygote_starts_the_served_app_and_stops_with_the_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.serve.server import app_environment

    monkeypatch.setenv("PYTHONPATH", env_with_root()["PYTHONPATH"])
    environment = app_environment() | {"COLUMNS": "100", "ROWS": "30"}
    zygote = ZygoteProcess.start(environment)
    try:
        assert (zygote.folder.stat().st_mode & 0o777) == 0o700  # only this user connects
        command = shlex.split(app_command(tmp_path, "KM-1", zygote.socket))
        assert command[1:4] == ["-I", "-S", str(LAUNCHER)]
        launcher = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=environment,
        )
        try:
            assert launcher.stdin is not None and launcher.stdout is not None
            assert launcher.stdout.readline() == b"__GANGLION__\n"  # Textual's web driver
            children = Path(f"/proc/{zygote.process.pid}/task/{zygote.process.pid}/children")
            assert children.read_text().split(), "the app runs in a child of the zygote"
            quit_app = b'{"type": "quit"}'  # what textual-serve sends when the tab closes
            launcher.stdin.write(b"M" + len(quit_app).to_bytes(4, "big") + quit_app)
            launcher.stdin.flush()
            launcher.stdout.read()
            assert launcher.wait(timeout=30) == 0
        finally:
            if launcher.poll() is None:
                launcher.send_signal(signal.SIGTERM)  # passed on to the app
                launcher.wait(timeout=30)
    finally:
        zygote.stop()
    assert zygote.process.returncode == 0
    assert not zygote.folder.exists()
    assert (tmp_path / "regie.sqlite").exists()  # the child opened the store
