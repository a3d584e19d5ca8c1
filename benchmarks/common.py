"""What every benchmark group shares: a figure, its target, repeated measurement.

Every timing is measured in interleaved pairs with its baseline (``pairs``): the figure,
then the thing it is judged against (the imports, bare Textual, a machine at rest…), then
the figure again, and so on; each side is the median of its own samples, and the machine's
load average (over the last minute, when the system tells it) is recorded beside them. On a
machine shared with other work a figure alone says little; beside its baseline, measured in
the same minutes, it says how Regie does.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
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
    baseline: float | None = None  # the baseline's median, in ``unit``, measured interleaved
    baseline_name: str = ""  # what the baseline is
    baseline_unit: str = ""  # when it is not ``unit``
    load: tuple[float, float] | None = None  # the load average while measured: lowest, highest

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
        text = (
            f"{self.name:<32} {_number(self.value):>12} {self.unit:<9} {self.target:<16} {verdict}"
        )
        notes = [self.note] if self.note else []
        if self.baseline is not None:
            unit = self.baseline_unit or self.unit
            notes.append(f"basis {self.baseline_name}: {_number(self.baseline)} {unit}")
        if self.load is not None:
            notes.append(f"belasting {load_text(self.load)}")
        return f"{text}  ({'; '.join(notes)})" if notes else text.rstrip()

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
            "baseline": None
            if self.baseline is None
            else {
                "name": self.baseline_name,
                "value": self.baseline,
                "unit": self.baseline_unit or self.unit,
            },
            "load": None if self.load is None else {"min": self.load[0], "max": self.load[1]},
        }


def _number(value: float) -> str:
    return f"{value:,.1f}" if abs(value) >= 100 else f"{value:.3g}"


def load_average() -> float | None:
    """The machine's load average over the last minute (None where the system has none)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows
        return None


def load_text(load: tuple[float, float]) -> str:
    low, high = (f"{x:.1f}".replace(".", ",") for x in load)
    return low if low == high else f"{low}–{high}"


@dataclass
class Loads:
    """The load average, sampled at each measurement."""

    seen: list[float] = field(default_factory=list)

    def sample(self) -> None:
        value = load_average()
        if value is not None:
            self.seen.append(value)

    @property
    def span(self) -> tuple[float, float] | None:
        return (min(self.seen), max(self.seen)) if self.seen else None


@dataclass
class Paired:
    """The samples of a figure and of its baseline, taken in turns."""

    figure: list[float]
    baseline: list[float]
    loads: Loads

    @property
    def medians(self) -> tuple[float, float]:
        return median(self.figure), median(self.baseline)


def pairs(
    figure: Callable[[], float | list[float]],
    baseline: Callable[[], float | list[float]],
    times: int,
    loads: Loads | None = None,
) -> Paired:
    """``times`` turns of: the figure, then its baseline (each may give one sample or a
    list), with the load average sampled before each turn."""
    loads = loads or Loads()
    got, base = [], []
    for _ in range(times):
        loads.sample()
        for side, out in ((figure, got), (baseline, base)):
            value = side()
            out.extend(value if isinstance(value, list) else [value])
    loads.sample()
    return Paired(got, base, loads)


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


def run_child(
    code: str, *args: str, timeout: float = 900, env: dict[str, str] | None = None
) -> dict[str, Any]:
    """Run Python ``code`` in a fresh interpreter; it prints one JSON object last."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env or child_env(),
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"meting mislukt (code {done.returncode}): {done.stderr.strip()[-800:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run_module(module: str, *args: str, timeout: float = 1800) -> dict[str, Any]:
    """Run ``python -m benchmarks.<module> ... --json``: its report ({"figures": {name:
    {"value", "unit"}}, "problems": [...]}), printed as one JSON object."""
    done = subprocess.run(
        [sys.executable, "-m", f"benchmarks.{module}", *args, "--json"],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )
    try:
        outcome: dict[str, Any] = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(
            f"{module} gaf geen JSON (code {done.returncode}): {done.stderr.strip()[-800:]}"
        ) from None
    return outcome


def print_report(
    outcome: dict[str, Any], targets: dict[str, dict[str, Any]], as_json: bool, digits: int = 1
) -> None:
    """What a load benchmark run as a module prints (``run_module`` reads it): with
    ``--json`` one object (its figures rounded to ``digits``, ``targets``, whatever else the
    outcome holds, its problems), else a line per figure; the problems go to stderr."""
    figures = outcome["figures"]
    if as_json:
        rounded = {k: {"value": round(v, digits), "unit": u} for k, (v, u) in figures.items()}
        rest = {k: v for k, v in outcome.items() if k not in ("figures", "problems")}
        report = {"figures": rounded, "targets": targets, **rest, "problems": outcome["problems"]}
        print(json.dumps(report, indent=2))
        return
    for name, (value, unit) in figures.items():
        print(f"{name} {value:.1f} {unit}" if unit != "count" else f"{name} {value:.0f} {unit}")
    for problem in outcome["problems"]:
        print(f"# {problem}", file=sys.stderr)


def report_figures(
    outcome: dict[str, Any], shown: tuple[str, ...], targets: dict[str, float], note: str
) -> list[Figure]:
    """The figures ``shown`` of a ``run_module`` report, each with its target and ``note``;
    the first also carries the report's problems."""
    figures = outcome["figures"]
    problems = "; ".join(outcome.get("problems", []))[:200]
    out = []
    for name in shown:
        value, unit = figures[name]["value"], figures[name]["unit"]
        text = note + (f"; {problems}" if problems and name == shown[0] else "")
        out.append(Figure(name, float(value), unit, targets.get(name), note=text))
    return out


def wall(argv: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds from starting a process to its end."""
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, env=env or child_env(), cwd=ROOT, check=True)
    return time.perf_counter() - start


def machine_reference() -> float:
    """A fixed piece of plain Python (tuples hashed into a dictionary and looked up, the
    kind of work the explorer and the engine do), in operations per second: the baseline of
    a figure that has no natural one, so a slow minute on a shared machine shows."""
    start = time.perf_counter()
    seen: dict[tuple[int, int], int] = {}
    for i in range(200_000):
        key = (i % 5003, i % 7)
        seen[key] = seen.get(key, 0) + 1
    return 200_000 / (time.perf_counter() - start)
