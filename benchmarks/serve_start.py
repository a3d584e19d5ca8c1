"""The first page of ``regie serve`` without fork (the pool, Windows) against with fork (the
zygote, Linux and macOS), measured side by side.

    python -m benchmarks.serve_start [--rounds 5] [--group 4] [--json]

Two servers run at once on loopback ports: one as usual (the zygote), one with ``os.fork``
taken away before Regie is imported (``benchmarks.serve_load.WITHOUT_FORK``), so it keeps a
pool of ready app processes. In each round, in an order that alternates, one browser opens
each server (a websocket client as in ``serve_load``) and the time from opening to the
welcome screen ("Uw naam") is taken; then ``--group`` browsers open each server at once (a
room arriving together, no larger than the pool). Between measurements the servers get
time to fill their pool again (after a quiet moment, one process at a time).

Figures: the median first page of one browser for each, and their ratio (pool / zygote);
the slowest first page of the group arriving at once for each, and their ratio. Target:
the pool gives the same first page (ratio at most 1.25, both for one and for the group).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import Figure
from benchmarks.serve_load import SIZE, Session, Terminal, launch_server, read_banner, stop_server

TARGET_RATIO = 1.25
# seconds for the pool to load new processes between two measurements: it waits for a quiet
# moment (simulator.serve.pool.QUIET) and then loads one process at a time
SETTLE = 20.0


async def first_page(url: str) -> float:
    """Seconds from opening a websocket to the welcome screen."""
    import aiohttp

    started = time.monotonic()
    session = Session(0)
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(
            f"{url}/ws?width={SIZE['width']}&height={SIZE['height']}", origin=url
        ) as ws,
    ):
        term = Terminal(ws, session)
        reader = asyncio.create_task(term.read())
        try:
            await ws.send_str(json.dumps(["resize", SIZE]))
            await term.wait_for("Uw naam", timeout=120)
            return time.monotonic() - started
        finally:
            reader.cancel()


def started(data: Path, forkless: bool, pool: int) -> tuple[Any, str]:
    server = launch_server(data, forkless=forkless, extra=("--voorraad", str(pool)))
    url, _ = read_banner(server)
    if not url:
        raise RuntimeError("regie serve is niet gestart")
    return server, url


async def measure(rounds: int, group: int) -> dict[str, list[float]]:
    folder = Path(tempfile.mkdtemp(prefix="regie-start-"))
    servers = {
        "zygote": started(folder / "zygote", forkless=False, pool=group),
        "pool": started(folder / "pool", forkless=True, pool=group),
    }
    found: dict[str, list[float]] = {"zygote": [], "pool": [], "zygote_group": [], "pool_group": []}
    try:
        await asyncio.sleep(SETTLE)  # both ready: the zygote loaded, the pool filled
        for r in range(rounds):
            order = ["zygote", "pool"] if r % 2 == 0 else ["pool", "zygote"]
            for name in order:
                found[name].append(await first_page(servers[name][1]))
                await asyncio.sleep(SETTLE)
            for name in order:
                url = servers[name][1]
                times = await asyncio.gather(*(first_page(url) for _ in range(group)))
                found[f"{name}_group"].append(max(times))
                await asyncio.sleep(SETTLE)
    finally:
        for server, _ in servers.values():
            stop_server(server)
        shutil.rmtree(folder, ignore_errors=True)
    return found


def figures(found: dict[str, list[float]], group: int) -> list[Figure]:
    one = {k: statistics.median(found[k]) for k in ("zygote", "pool")}
    room = {k: statistics.median(found[f"{k}_group"]) for k in ("zygote", "pool")}
    note = f"{len(found['pool'])} rondes, afwisselend"
    return [
        Figure("serve_first_page_zygote", one["zygote"] * 1000, "ms", note=note),
        Figure("serve_first_page_pool", one["pool"] * 1000, "ms", note=note),
        Figure("serve_first_page_ratio", one["pool"] / one["zygote"], "x", TARGET_RATIO),
        Figure(f"serve_first_page_{group}_zygote", room["zygote"] * 1000, "ms", note="traagste"),
        Figure(f"serve_first_page_{group}_pool", room["pool"] * 1000, "ms", note="traagste"),
        Figure(
            f"serve_first_page_{group}_ratio",
            room["pool"] / room["zygote"],
            "x",
            TARGET_RATIO,
            note=f"{group} browsers tegelijk",
        ),
    ]


def run(quick: bool) -> list[Figure]:
    rounds, group = (1, 2) if quick else (5, 4)
    return figures(asyncio.run(measure(rounds, group)), group)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.serve_start", description=__doc__)
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--group", type=int, default=4)
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    found = asyncio.run(measure(args.rounds, args.group))
    result = figures(found, args.group)
    if args.json:
        print(json.dumps({"figures": [f.to_json() for f in result], "raw": found}, indent=2))
    else:
        for figure in result:
            print(figure.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
