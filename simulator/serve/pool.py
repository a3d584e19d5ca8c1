"""The pool of ``regie serve`` where the system cannot fork (Windows): app processes that
have loaded everything before their browser comes.

A browser's app process costs about a second of CPU before it shows anything (importing
Textual, reading the library). The zygote saves that by forking; without fork, the server
starts ``size`` processes of ``simulator.serve.ready`` when it starts and hands the oldest to
each browser that comes. A browser that finds the pool empty gets a process started for it
at once. At most ``loading`` processes load at the same time (the number of processor
cores), so when a room arrives at once the first browsers get their page first instead of
everyone waiting for everyone.

The pool is filled again one process at a time, and only once no browser has come for
``quiet`` seconds: while a class arrives and starts playing, loading new processes would
take the processor from the trainees who are playing.

The processes are started directly (no shell, so nothing of the data folder or the group
code is read by cmd.exe), with the environment textual-serve gives its app processes.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from asyncio.subprocess import PIPE, Process
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress

from simulator.serve.ready import READY

READY_MODULE = "simulator.serve.ready"
STARTS = 3  # a browser waits for at most this many processes that fail to start
QUIET = 10.0  # seconds without a new browser before the pool is filled again


class PoolError(Exception):
    """No app process could be started (in Dutch, for the server's log)."""


class Waiting:
    """One process of the pool: being started, loading, or ready."""

    def __init__(self) -> None:
        self.ready: asyncio.Future[Process] = asyncio.get_running_loop().create_future()
        self.task: asyncio.Task[None] | None = None


class AppPool:
    def __init__(
        self,
        argv: Sequence[str],
        environ: Mapping[str, str],
        size: int,
        loading: int | None = None,
        quiet: float = QUIET,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.argv = [sys.executable, "-m", READY_MODULE, *argv]
        self.environ = dict(environ)
        self.size = size
        self.slots = asyncio.Semaphore(loading or max(1, os.cpu_count() or 1))
        self.quiet = quiet
        self.clock = clock
        self.waiting: deque[Waiting] = deque()  # oldest first: the first to be ready
        self.handed: set[Waiting] = set()  # taken by a browser, still loading
        self.last_browser = -float("inf")
        self.came = asyncio.Event()  # a browser took a process
        self.filler: asyncio.Task[None] | None = None
        self.closed = False

    def fill(self) -> None:
        """Start ``size`` processes now (the server starts), and the filling from then on."""
        while len(self.waiting) < self.size:
            self.waiting.append(self._start())
        if self.filler is None:
            self.filler = asyncio.create_task(self._keep_filled())

    async def _keep_filled(self) -> None:
        """One process at a time, once browsers have stopped coming for ``quiet`` seconds."""
        while not self.closed:
            calm_at = self.last_browser + self.quiet
            if self.clock() < calm_at:
                self.came.clear()
                with suppress(TimeoutError):
                    await asyncio.wait_for(self.came.wait(), calm_at - self.clock())
                continue
            if len(self.waiting) >= self.size:
                self.came.clear()
                await self.came.wait()
                continue
            entry = self._start()
            self.waiting.append(entry)
            with suppress(Exception):
                await asyncio.shield(entry.ready)

    def _start(self) -> Waiting:
        entry = Waiting()
        entry.task = asyncio.create_task(self._load(entry))
        return entry

    async def _load(self, entry: Waiting) -> None:
        """Start one process and wait until it has loaded (it says ``klaar``)."""
        process: Process | None = None
        try:
            async with self.slots:
                process = await asyncio.create_subprocess_exec(
                    *self.argv, stdin=PIPE, stdout=PIPE, stderr=PIPE, env=self.environ
                )
                assert process.stdout is not None
                line = await process.stdout.readline()
            if line != READY:
                problem = await _why(process, line)
                entry.ready.set_exception(PoolError(problem))
                return
            entry.ready.set_result(process)
        except asyncio.CancelledError:
            if process is not None and process.returncode is None:
                await _end(process)
            entry.ready.cancel()
            raise
        except OSError as exc:
            entry.ready.set_exception(PoolError(f"kan geen appproces starten: {exc}"))

    async def take(self) -> Process:
        """A ready app process for a browser (waiting for one if none is ready yet)."""
        problem = ""
        for _ in range(STARTS):
            if self.closed:
                break
            entry = self.waiting.popleft() if self.waiting else self._start()
            self.last_browser = self.clock()
            self.came.set()
            self.handed.add(entry)
            try:
                process = await asyncio.shield(entry.ready)
            except asyncio.CancelledError:
                if not entry.ready.cancelled():  # the browser left: the next one gets it
                    self.waiting.appendleft(entry)
                raise
            except PoolError as exc:
                problem = str(exc)
                continue
            finally:
                self.handed.discard(entry)
            if process.returncode is None:
                return process
            problem = f"het appproces stopte voordat de browser kwam (code {process.returncode})"
        raise PoolError(problem or "de server stopt")

    async def close(self) -> None:
        """End every process still waiting (the server stops)."""
        self.closed = True
        if self.filler is not None:
            self.filler.cancel()
            with suppress(asyncio.CancelledError):
                await self.filler
        entries = [*self.waiting, *self.handed]
        self.waiting.clear()
        for entry in entries:
            if entry.ready.done() and not entry.ready.cancelled() and not entry.ready.exception():
                await _end(entry.ready.result())
            elif entry.task is not None:
                entry.task.cancel()
                with suppress(asyncio.CancelledError, Exception):
                    await entry.task


async def _end(process: Process, grace: float = 5.0) -> None:
    """A waiting process ends when its stdin closes; a stuck one is killed."""
    if process.stdin is not None:
        with suppress(Exception):
            process.stdin.close()
    try:
        await asyncio.wait_for(process.wait(), grace)
    except TimeoutError:
        with suppress(ProcessLookupError):
            process.kill()
        await process.wait()


async def _why(process: Process, line: bytes) -> str:
    """What a process that did not get ready said (its first line and its errors)."""
    errors = b""
    if process.stderr is not None:
        with suppress(Exception):
            errors = await asyncio.wait_for(process.stderr.read(4096), 5.0)
    await _end(process)
    said = (line + errors).decode("utf-8", "replace").strip()
    return f"het appproces kwam niet klaar: {said or 'geen uitleg'}"
