"""Regie in the browser for a whole group, from one computer (``regie serve``, whose command
line is ``simulator.cli.serve``).

The trainer starts one server; every trainee opens its address in a browser and gets an
app process of their own (textual-serve), all writing to the one store. That process is
forked from the zygote (``zygote.py``), which has loaded Textual and the library once; the
command textual-serve runs is the small launcher (``launch.py``) that hands it the browser.
The heavy imports (aiohttp, textual-serve) are in ``server.py`` and wait until it runs.
"""

from __future__ import annotations

import secrets
import shlex
import sys
from pathlib import Path

TRAINER_CODE_ENV = "REGIE_TRAINERCODE"  # how the app processes learn the trainer code
CLIENT_ENV = "REGIE_CLIENT"  # how an app process learns its browser's address
LAUNCH_ENV = "REGIE_LAUNCH"  # ... and the key of the cmi5 launch it plays (or "")
ROOT = Path(__file__).resolve().parent.parent.parent
LAUNCHER = Path(__file__).resolve().parent / "launch.py"


def trainer_code() -> str:
    """Six digits, printed as two groups of three: easy to read aloud, slow to guess."""
    return f"{secrets.randbelow(10**6):06d}"


def app_command(
    data: Path, groep: str | None, zygote: Path | None = None, new_names: int | None = None
) -> str:
    """The command line textual-serve runs for each browser (through a shell): the launcher,
    which hands the browser to the zygote listening at ``zygote``; without one, the app."""
    app_args = ["--data", str(data)] + (["--groep", groep] if groep else [])
    if new_names is not None:
        app_args += ["--nieuwe-namen", str(new_names)]
    if zygote is None:
        parts = [sys.executable, "-m", "simulator.serve.app", *app_args]
    else:
        parts = [sys.executable, "-I", "-S", str(LAUNCHER), str(zygote), *app_args]
    return " ".join(shlex.quote(p) for p in parts)
