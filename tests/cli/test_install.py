"""The route for a trainer without git: a wheel, installed with ``uv tool`` in a clean
environment, that writes and checks a new scenario without the network.

Slow (it builds the wheel and installs Regie and its dependencies): ``pytest -m slow``.
What is checked is what the README promises a trainer: ``regie --version``; ``regie new``
names a schema that is outside the installation (so it survives an upgrade) and that the
new file follows; ``regie check --streng`` and ``regie test`` pass while every attempt to
reach the network fails (and none is made); after removing and installing Regie again the
schema the file names is still there; ``regie play`` plays from the installed files.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]

# Loaded at the start of every Python of the installed Regie (PYTHONPATH): the network is gone.
NO_NETWORK = """
import os, socket

def _refuse(*args, **kwargs):
    with open(os.environ["REGIE_NETWERKLOG"], "a", encoding="utf-8") as log:
        log.write(repr(args[:2]) + "\\n")
    raise OSError("geen netwerk in deze test")

socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
"""

pytestmark = pytest.mark.slow


def uv() -> str:
    from uv import find_uv_bin  # the test extra installs uv (a binary in a wheel)

    return find_uv_bin()


def test_a_wheel_installed_with_uv_tool_checks_a_new_scenario_without_network(
    tmp_path: Path,
) -> None:
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    (wheel,) = dist.glob("regie-*-py3-none-any.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for needed in (
        "scenarios/interventies.yaml",
        "scenarios/bibliotheek/km-spreekkamer-dreiging.yaml",
        "simulator/authoring/schemas/scenario.schema.json",
        "simulator/serve/templates/app_index.html",
    ):
        assert needed in names, needed

    tools, bin_dir, home = tmp_path / "tools", tmp_path / "bin", tmp_path / "home"
    home.mkdir()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "REGIE", "XDG_", "UV_"))
    }
    env.update(UV_TOOL_DIR=str(tools), UV_TOOL_BIN_DIR=str(bin_dir), HOME=str(home))
    install = [
        uv(),
        "tool",
        "install",
        "--python",
        sys.executable,  # this Python, not one uv downloads: the machine has no internet
        "--constraints",
        str(ROOT / ".ci" / "constraints.txt"),  # the versions CI has proven
        str(wheel),
    ]
    done = subprocess.run(install, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    regie = bin_dir / ("regie.exe" if os.name == "nt" else "regie")
    assert regie.exists()

    blocker = tmp_path / "geen-netwerk"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    netlog = tmp_path / "netwerk.log"
    data = tmp_path / "gebruikersdata"
    offline = dict(
        env,
        PYTHONPATH=str(blocker),
        REGIE_NETWERKLOG=str(netlog),
        XDG_DATA_HOME=str(data),
        REGIE_DATA=str(tmp_path / "resultaten"),
    )
    work = tmp_path / "mijn scenario's"  # a space and a quote, as in real folder names
    work.mkdir()

    def run(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(regie), *argv],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=offline,
            cwd=work,
            input=stdin,
            timeout=300,
        )

    version = run("--version")
    assert version.returncode == 0 and version.stdout.strip() == "regie 0.1.0"
    made = run("new", "km-eigen-balie", "--rol", "klantmanager")
    assert made.returncode == 0, made.stderr

    scenario = work / "km-eigen-balie.yaml"
    first = scenario.read_text(encoding="utf-8").splitlines()[0]
    ref = first.split("$schema=", 1)[1]
    schema = (work / ref).resolve()
    assert schema == (data / "regie" / "schema" / "scenario.schema.json").resolve()
    assert tools.resolve() not in schema.parents  # not in the installation an upgrade replaces
    rules = json.loads(schema.read_text(encoding="utf-8"))
    text = scenario.read_text(encoding="utf-8")
    assert list(Draft202012Validator(rules).iter_errors(yaml.safe_load(text))) == []

    checked = run("check", "--streng", scenario.name)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "1 scenario in orde." in checked.stdout
    tested = run("test", ".")
    assert tested.returncode == 0, tested.stdout
    assert "3 gevallen: 3 geslaagd, 0 mislukt." in tested.stdout
    pad = run("schema", "--pad")
    assert Path(pad.stdout.strip()) == schema.parent

    # an upgrade: Regie removed and installed again; the schema the file names stays
    removed = subprocess.run(
        [uv(), "tool", "uninstall", "regie"], capture_output=True, text=True, env=env, timeout=300
    )
    assert removed.returncode == 0, removed.stderr
    assert not regie.exists() and schema.is_file()
    again = subprocess.run(install, capture_output=True, text=True, env=env, timeout=600)
    assert again.returncode == 0, again.stderr[-3000:]
    assert run("check", "--streng", scenario.name).returncode == 0

    played = run("play", "km-spreekkamer-dreiging", "--zaad", "0", stdin="\n1\n2\n1\n1\n")
    assert played.returncode == 0, played.stderr
    assert "Nabespreking." in played.stdout

    assert not netlog.exists(), netlog.read_text(encoding="utf-8")  # nothing reached for
