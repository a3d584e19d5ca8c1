"""Regie in the browser for a whole group, from one computer (``regie serve``, whose command
line is ``simulator.cli.serve``).

The trainer starts one server; every trainee opens its address in a browser and gets an
app process of their own (textual-serve), all writing to the one store. Where the system
can fork (Linux, macOS) that process is forked from the zygote (``zygote.py``), which has
loaded Textual and the library once; the command textual-serve runs is the small launcher
(``launch.py``) that hands it the browser. Where it cannot (Windows), the server keeps a
pool of app processes that have loaded everything and wait for a browser (``pool.py``,
``ready.py``). The heavy imports (aiohttp, textual-serve) are in ``server.py`` and wait
until it runs.
"""

from __future__ import annotations

import secrets
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

TRAINER_CODE_ENV = "REGIE_TRAINERCODE"  # how the app processes learn the trainer code
CLIENT_ENV = "REGIE_CLIENT"  # how an app process learns its browser's address
LAUNCH_ENV = "REGIE_LAUNCH"  # ... and the key of the cmi5 launch it plays (or "")
ROOT = Path(__file__).resolve().parent.parent.parent
LAUNCHER = Path(__file__).resolve().parent / "launch.py"


def trainer_code() -> str:
    """Six digits, printed as two groups of three: easy to read aloud, slow to guess."""
    return f"{secrets.randbelow(10**6):06d}"


# what cmd.exe reads as its own outside double quotes
CMD_SPECIAL = frozenset(' \t&|<>^()%!,;="')


def app_arguments(
    data: Path,
    groep: str | None,
    new_names: int | None = None,
    extra_time: int | None = None,
) -> list[str]:
    """The arguments of one browser's app process (``simulator.serve.app``)."""
    args = ["--data", str(data)] + (["--groep", groep] if groep else [])
    if new_names is not None:
        args += ["--nieuwe-namen", str(new_names)]
    if extra_time:
        args += ["--extra-tijd", str(extra_time)]
    return args


def app_command(
    data: Path,
    groep: str | None,
    zygote: Path | None = None,
    new_names: int | None = None,
    *,
    extra_time: int | None = None,
    platform: str = sys.platform,
) -> str:
    """The command line textual-serve runs for each browser (through the platform's shell:
    ``sh`` on Linux and macOS, ``cmd.exe`` on Windows): the launcher, which hands the
    browser to the zygote listening at ``zygote``; without one, the app."""
    app_args = app_arguments(data, groep, new_names, extra_time)
    if zygote is None:
        parts = [sys.executable, "-m", "simulator.serve.app", *app_args]
    else:
        parts = [sys.executable, "-I", "-S", str(LAUNCHER), str(zygote), *app_args]
    return shell_command(parts, platform)


def shell_command(parts: Sequence[str], platform: str = sys.platform) -> str:
    """``parts`` as one command line for the platform's shell. POSIX shells take single
    quotes; cmd.exe does not, so on Windows each part is quoted as the C runtime reads it
    (``subprocess.list2cmdline``), and in double quotes wherever cmd.exe would otherwise
    read a character itself (``&``, ``|``, ``%`` …)."""
    if platform != "win32":
        return " ".join(shlex.quote(p) for p in parts)
    quoted = []
    for part in parts:
        text = subprocess.list2cmdline([part])
        if not text.startswith('"') and any(c in CMD_SPECIAL for c in part):
            text = f'"{text}"'
        quoted.append(text)
    return " ".join(quoted)
