"""A real LRS for the tests: ralph-malph (``ralph-malph[lrs]``, in the test extra) with its
file-system backend, started on 127.0.0.1 on a free port and stopped afterwards.

``Ralph.start(folder)`` writes ralph's credentials file (one user with every scope, its
password hashed with bcrypt, as ralph wants it), starts ``uvicorn ralph.api:app`` in a
subprocess (``tests/ralph_app.py``: ralph's app, with one fix to its file-system backend)
with the backend ``fs`` writing under ``folder``, and waits until ``/whoami``
answers. ``statements()`` reads back what the LRS holds through its own statements API
(``GET /xAPI/statements``, following ``more``).
"""

from __future__ import annotations

import base64
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin

USER, PASSWORD = "regie-test", "geheim-wachtwoord-1"
HERE = Path(__file__).resolve().parent  # ralph_app.py: ralph's app, its FS backend appending
STARTUP = 90.0  # seconds ralph may take to start on a busy machine


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def basic(user: str = USER, password: str = PASSWORD) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@dataclass
class Ralph:
    process: subprocess.Popen[bytes]
    port: int
    folder: Path

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def xapi(self) -> str:
        """The xAPI endpoint (what ``--lrs`` gets)."""
        return f"http://127.0.0.1:{self.port}/xAPI/"

    @classmethod
    def start(cls, folder: Path) -> Ralph:
        import bcrypt

        folder.mkdir(parents=True, exist_ok=True)
        (folder / "data").mkdir(exist_ok=True)
        auth = folder / "auth.json"
        hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
        auth.write_text(
            json.dumps(
                [
                    {
                        "agent": {"mbox": "mailto:regie-test@example.org"},
                        "scopes": ["all"],
                        "username": USER,
                        "hash": hashed,
                    }
                ]
            )
        )
        port = free_port()
        environment = {
            **os.environ,
            "RALPH_APP_DIR": str(folder),
            "RALPH_AUTH_FILE": str(auth),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data"),
            "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "1000",
        }
        log = (folder / "ralph.log").open("wb")
        process = subprocess.Popen(
            [
                *(sys.executable, "-m", "uvicorn", "ralph_app:app", "--app-dir", str(HERE)),
                *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
            ],
            cwd=folder,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        ralph = cls(process, port, folder)
        deadline = time.monotonic() + STARTUP
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"ralph stopped: {(folder / 'ralph.log').read_text()[-2000:]}")
            try:
                ralph.get("whoami")
                return ralph
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        ralph.stop()
        raise RuntimeError(f"ralph did not start: {(folder / 'ralph.log').read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def get(self, path: str, query: dict[str, str] | None = None) -> Any:
        url = urljoin(self.root, path) + ("?" + urlencode(query) if query else "")
        request = urllib.request.Request(url)
        request.add_header("Authorization", basic())
        request.add_header("X-Experience-API-Version", "1.0.3")
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())

    def post(self, statements: list[dict[str, Any]], auth: str | None = None) -> Any:
        request = urllib.request.Request(
            self.xapi + "statements",
            data=json.dumps(statements).encode(),
            method="POST",
        )
        request.add_header("Authorization", auth or basic())
        request.add_header("X-Experience-API-Version", "1.0.3")
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read() or b"null")

    def statements(self, **query: str) -> list[dict[str, Any]]:
        """Everything the LRS holds (matching ``query``), through its statements API."""
        found: list[dict[str, Any]] = []
        page = self.get("xAPI/statements", {"limit": "500", **query})
        while True:
            found += page["statements"]
            more = page.get("more")
            if not more:
                return found
            page = self.get(more.lstrip("/"))
