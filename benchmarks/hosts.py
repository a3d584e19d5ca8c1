"""Two ``regie serve`` hosts on one PostgreSQL beside one host on SQLite: the figures of
``benchmarks.serve_hosts``.

Runs ``python -m benchmarks.serve_hosts --json`` in a subprocess (40 sessions over 60 s on
each set-up, twice each, alternately: the set-ups share the machine's ups and downs; once,
4 over 8 s, with ``--quick``) and turns its figures into lines here. Targets:
key to screen p95 on the shared database at most 150 ms (as for one host, issue 9), and at
most 1.25 times the p95 of one host on SQLite, measured in the same run.
"""

from __future__ import annotations

import importlib.util

from benchmarks.common import Figure, report_figures, run_module
from benchmarks.serve_hosts import TARGET_RATIO

TARGETS = {
    "hosts_postgresql_key_to_screen_p95": 150.0,
    "hosts_key_to_screen_p95_ratio": TARGET_RATIO,
}
SHOWN = (
    "hosts_sqlite_finished",
    "hosts_sqlite_key_to_screen_median",
    "hosts_sqlite_key_to_screen_p95",
    "hosts_sqlite_db_share",
    "hosts_postgresql_finished",
    "hosts_postgresql_key_to_screen_median",
    "hosts_postgresql_key_to_screen_p95",
    "hosts_postgresql_db_per_key_p95",
    "hosts_postgresql_db_share",
    "hosts_key_to_screen_p95_ratio",
)


def available() -> bool:
    """psycopg and the machine's own PostgreSQL programs are there."""
    if importlib.util.find_spec("psycopg") is None:
        return False
    from benchmarks.pgserver import NoPostgres, find_bin

    try:
        find_bin()
    except NoPostgres:
        return False
    return True


def run(quick: bool) -> list[Figure]:
    sessions, over, rounds = (4, 8, 1) if quick else (40, 60, 2)
    outcome = run_module(
        "serve_hosts",
        *("--sessions", str(sessions), "--over", str(over), "--rounds", str(rounds)),
        timeout=3600,
    )
    return report_figures(outcome, SHOWN, TARGETS, f"{sessions} sessies in {over:g} s")
