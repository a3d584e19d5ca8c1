"""Load test of two ``regie serve`` hosts on one PostgreSQL, beside one host on SQLite.

    python -m benchmarks.serve_hosts [--sessions 40] [--over 60] [--rounds 1] [--json]

Two set-ups, measured in the same run one after the other (``--rounds 2``: alternately,
twice each), on this machine:

- ``sqlite``: one ``regie serve`` with its SQLite file (the classroom of docs/klas.md);
- ``postgresql``: two ``regie serve`` hosts and one throwaway PostgreSQL
  (``benchmarks.pgserver``), the browsers alternately on each host, as a balancer spreads
  them.

In each, ``--sessions`` browsers arrive evenly over ``--over`` seconds and play a scenario
to the debrief (``benchmarks.serve_load.play``: sign in, pick, keys with a person's pauses).

Figures, per set-up:
- key to screen, median and p95 (ms): from a key until the screen shows its result, as the
  browser sees it;
- the database's share of it: every app process notes how long it waited for its store
  (``REGIE_STORE_TIMING``: each write transaction from asking for the turn to the commit,
  each read). What started between a key and its screen counts for that key. The share is
  that time summed over all keys, over the summed key-to-screen time; beside it the store
  time per key, p95;
- ``hosts_key_to_screen_p95_ratio``: the p95 on PostgreSQL over the p95 on SQLite.

Both set-ups share one machine of two cores with everything else on it: the two hosts do
not add capacity here, they show what the shared database costs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.common import print_report
from benchmarks.serve_load import GROUP, Session, percentile, play, start_server, stop_server

TARGET_RATIO = 1.25  # the shared database may cost a quarter on top, at the p95


def _timings(folder: Path) -> dict[int, list[tuple[float, float]]]:
    """Trainee id: the store's (start, seconds) in the process that played for them."""
    found: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for path in folder.glob("store-*.jsonl"):
        trainee: int | None = None
        records: list[tuple[float, float]] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if isinstance(item, dict):
                trainee = int(item["trainee"])
            else:
                records.append((float(item[0]), float(item[1])))
        if trainee is not None:
            found[trainee] += records
    return found


def _db_per_key(session: Session, records: list[tuple[float, float]]) -> list[float]:
    """The store's time (ms) that started while each key was being handled."""
    out = []
    for sent, shown in session.windows:
        spent = sum(
            min(seconds, shown - start) for start, seconds in records if sent <= start < shown
        )
        out.append(spent * 1000)
    return out


async def _room(urls: list[str], sessions: int, over: float) -> list[Session]:
    everyone = [Session(i) for i in range(sessions)]
    tasks = []
    for s in everyone:
        tasks.append(asyncio.create_task(play(urls[s.index % len(urls)], s, s.index)))
        await asyncio.sleep(over / sessions)
    await asyncio.gather(*tasks)
    return everyone


def run_setup(kind: str, sessions: int, over: float) -> dict[str, Any]:
    from simulator.store import Store

    work = Path(tempfile.mkdtemp(prefix=f"regie-hosts-{kind}-"))
    timing = work / "tijden"
    timing.mkdir()
    os.environ["REGIE_STORE_TIMING"] = str(timing)
    server = None
    hosts: list[Any] = []
    try:
        database = None
        if kind == "postgresql":
            from benchmarks.pgserver import PgServer

            server = PgServer().start()
            database = server.create_database()
        for i in range(2 if database else 1):
            hosts.append(start_server(work / f"host-{i}", database=database))
        everyone = asyncio.run(_room([url for _, url in hosts], sessions, over))
        time.sleep(3.0)  # the app processes write their notes as their browsers leave
        with Store.open(work / "host-0", database=database) as store:
            names = {t.id: t.name for t in store.trainees()}
            stored = [a for a in store.attempts(groep=GROUP) if a.status == "afgerond"]
    finally:
        for proc, _ in hosts:
            stop_server(proc)
        os.environ.pop("REGIE_STORE_TIMING", None)
        if server is not None:
            server.stop()
    per_trainee = _timings(timing)
    by_name = {names.get(t, ""): records for t, records in per_trainee.items()}
    shutil.rmtree(work, ignore_errors=True)
    latencies = [ms for s in everyone for ms in s.latencies]
    db = [ms for s in everyone for ms in _db_per_key(s, by_name.get(f"Belaster {s.index:02d}", []))]
    return {
        "sessions": sessions,
        "finished": sum(1 for s in everyone if s.finished),
        "stored": len(stored),
        "keys": len(latencies),
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p95": percentile(latencies, 0.95) if latencies else 0.0,
        "db_p50": statistics.median(db) if db else 0.0,
        "db_p95": percentile(db, 0.95) if db else 0.0,
        "db_share": (sum(db) / sum(latencies)) if latencies else 0.0,
        "problems": [f"{kind} sessie {s.index}: {s.problem}" for s in everyone if s.problem],
    }


def measure(sessions: int, over: float, rounds: int) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {"sqlite": [], "postgresql": []}
    for i in range(rounds):
        order = ("sqlite", "postgresql") if i % 2 == 0 else ("postgresql", "sqlite")
        for kind in order:
            runs[kind].append(run_setup(kind, sessions, over))
    figures: dict[str, tuple[float, str]] = {}
    problems: list[str] = []
    for kind, results in runs.items():
        name = "hosts_sqlite" if kind == "sqlite" else "hosts_postgresql"
        for key, unit in (
            ("finished", "count"),
            ("stored", "count"),
            ("keys", "count"),
            ("p50", "ms"),
            ("p95", "ms"),
            ("db_p50", "ms"),
            ("db_p95", "ms"),
            ("db_share", "%"),
        ):
            values = [r[key] for r in results]
            value = statistics.median(values) * (100 if unit == "%" else 1)
            label = {
                "p50": "key_to_screen_median",
                "p95": "key_to_screen_p95",
                "db_p50": "db_per_key_median",
                "db_p95": "db_per_key_p95",
                "db_share": "db_share",
            }.get(key, key)
            figures[f"{name}_{label}"] = (value, unit)
        problems += [p for r in results for p in r["problems"]]
    sqlite_p95 = figures["hosts_sqlite_key_to_screen_p95"][0]
    pg_p95 = figures["hosts_postgresql_key_to_screen_p95"][0]
    figures["hosts_key_to_screen_p95_ratio"] = (pg_p95 / sqlite_p95 if sqlite_p95 else 0.0, "x")
    # every round's p95 and share, in the order measured: how far one run is from the next
    each = {
        kind: [
            {k: round(r[k] * (100 if k == "db_share" else 1), 1) for k in ("p95", "db_share")}
            for r in results
        ]
        for kind, results in runs.items()
    }
    return {
        "figures": figures,
        "problems": problems,
        "sessions": sessions,
        "over": over,
        "rounds": each,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.serve_hosts", description=__doc__)
    p.add_argument("--sessions", type=int, default=40, help="browsers in all (default 40)")
    p.add_argument("--over", type=float, default=60.0, help="seconds they arrive over")
    p.add_argument("--rounds", type=int, default=1, help="times each set-up is measured")
    p.add_argument("--json", action="store_true", help="one JSON object instead of lines")
    args = p.parse_args(argv)
    outcome = measure(args.sessions, args.over, args.rounds)
    figures = outcome["figures"]
    targets = {"hosts_key_to_screen_p95_ratio": {"max": TARGET_RATIO}}
    print_report(outcome, targets, args.json, digits=3)
    if not args.json:
        for kind, rounds in outcome["rounds"].items():
            print(f"# {kind}, per ronde: {rounds}")
    finished = [v for k, (v, _) in figures.items() if k.endswith("_finished")]
    ok = not outcome["problems"] and all(f == args.sessions for f in finished)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
