"""The library, read in a thread while the first screen is already on view.

Reading the kept copy of the bundled library takes a tenth of a second; the welcome
screen does not need it. ``BackgroundLibrary`` starts the reading when asked (the app asks
once its first screen is drawn) and hands out the library when it is first needed: at
once when the reading is done, else after waiting for it. Given a library instead of a
function, it simply holds it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.language.library import Library


class BackgroundLibrary:
    def __init__(self, source: Library | Callable[[], Library]) -> None:
        self._read: Callable[[], Library] | None = source if callable(source) else None
        self._future: Future[Library] = Future()
        if not callable(source):
            self._future.set_result(source)
        self._started = threading.Lock()

    def start(self, done: Callable[[Future[Library]], None] | None = None) -> None:
        """Start reading in a thread (once); ``done`` is called there when it is read (or
        failed: the future holds the library or the error)."""
        read = self._take()
        if read is None:
            return

        def work() -> None:
            self._run(read)
            if done is not None:
                done(self._future)

        # not a daemon: a first start that ends at once still writes the kept copy
        threading.Thread(target=work, name="regie-bibliotheek").start()

    def get(self) -> Library:
        """The library: reads it here and now if nobody started the reading yet."""
        read = self._take()
        if read is not None:
            self._run(read)
        return self._future.result()

    def _take(self) -> Callable[[], Library] | None:
        with self._started:
            read, self._read = self._read, None
        return read

    def _run(self, read: Callable[[], Library]) -> None:
        try:
            self._future.set_result(read())
        except BaseException as exc:  # handed on to whoever asks for the library
            self._future.set_exception(exc)
