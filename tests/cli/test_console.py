"""Output to a file is UTF-8 whatever the console's encoding (Windows: cp1252)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def regie_to_file(out: Path, *argv: str, data: Path) -> subprocess.CompletedProcess[bytes]:
    """``regie ARGV > out`` with the console encoding of a Dutch Windows machine."""
    env = dict(os.environ, PYTHONIOENCODING="cp1252", REGIE_DATA=str(data))
    with out.open("wb") as fh:
        return subprocess.run(
            [sys.executable, "-m", "simulator.cli", *argv],
            stdout=fh,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
            timeout=300,
        )


def test_regie_test_into_a_file_with_a_cp1252_console(tmp_path: Path) -> None:
    out = tmp_path / "x.txt"
    done = regie_to_file(out, "test", data=tmp_path)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    text = out.read_bytes().decode("utf-8")  # UTF-8, not cp1252
    assert "  ✓ " in text
    assert " mislukt." in text.splitlines()[-1]


def test_regie_report_into_a_file_with_a_cp1252_console(tmp_path: Path) -> None:
    saved = regie_to_file(
        tmp_path / "run.txt",
        "run",
        "km-spreekkamer-dreiging",
        "--bot",
        "inhoud-eerst",
        "--trainee",
        "Zoë Ünal",
        "--groep",
        "KM-UTR-03",
        data=tmp_path,
    )
    assert saved.returncode == 0, saved.stderr.decode("utf-8", "replace")
    assert "Zoë Ünal".encode() in saved.stderr  # stderr is UTF-8 too
    out = tmp_path / "g.md"
    done = regie_to_file(out, "report", "--groep", "KM-UTR-03", data=tmp_path)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in done.stderr
    text = out.read_bytes().decode("utf-8")
    assert "Zoë Ünal" in text
    assert not text.isascii()  # the marks of the report came through as UTF-8
