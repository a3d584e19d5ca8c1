"""What every benchmark group shares: a figure, its target, repeated measurement."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Figure:
    """One measured figure with its target: at most ``limit`` (or at least, if ``at_least``)."""

    name: str
    value: float
    unit: str
    limit: float | None = None
    at_least: bool = False
    note: str = ""

    @property
    def ok(self) -> bool | None:
        if self.limit is None:
            return None
        return self.value >= self.limit if self.at_least else self.value <= self.limit

    @property
    def target(self) -> str:
        if self.limit is None:
            return "-"
        return f"{'≥' if self.at_least else '≤'} {self.limit:g} {self.unit}".rstrip()

    def line(self) -> str:
        verdict = {True: "ok", False: "MISSED", None: ""}[self.ok]
        value = f"{self.value:,.1f}" if abs(self.value) >= 100 else f"{self.value:.3g}"
        text = f"{self.name:<32} {value:>12} {self.unit:<9} {self.target:<16} {verdict}"
        return f"{text}  ({self.note})" if self.note else text.rstrip()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "value": self.value,
            "unit": self.unit,
            "target": None
            if self.limit is None
            else {"min" if self.at_least else "max": self.limit},
            "ok": self.ok,
            "note": self.note,
        }


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    # A user's Python keeps the compiled modules (__pycache__) after the first start; a
    # shell that forbids writing them would make every start compile Regie from source.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(code: str, *args: str, timeout: float = 900) -> dict[str, Any]:
    """Run Python ``code`` in a fresh interpreter; it prints one JSON object last."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"meting mislukt (code {done.returncode}): {done.stderr.strip()[-800:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def wall(argv: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds from starting a process to its end."""
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, env=env or child_env(), cwd=ROOT, check=True)
    return time.perf_counter() - start
