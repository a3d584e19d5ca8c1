"""The answers of ``regie play``: lines from standard input, waited for with a time limit.

A thread reads the lines (from a keyboard, a screen reader's terminal or a pipe) into a
queue, so that the story can wait for an answer and for its timer at once, the same way on
Windows, macOS and Linux (``select`` cannot wait on a Windows console or pipe).
"""

from __future__ import annotations

import queue
import threading
from typing import Protocol, TextIO

MAX_LINE = 1000  # characters of one answer that are read; an answer is a number or a word


class EndOfInput(Exception):
    """Standard input has ended (Ctrl+D, Ctrl+Z, or the end of a pipe)."""


class Answers(Protocol):
    def get(self, timeout: float | None) -> str | None:
        """The next line, stripped; None when ``timeout`` seconds passed without one.
        Raises ``EndOfInput`` when there will be no more lines."""
        ...


class StreamAnswers:
    """Answers from a text stream, read in a thread of their own."""

    def __init__(self, stream: TextIO) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.ended = False
        thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        thread.start()

    def _read(self, stream: TextIO) -> None:
        try:
            while True:
                line = stream.readline(MAX_LINE + 1)
                if not line:
                    break
                if len(line) > MAX_LINE and not line.endswith("\n"):
                    rest = line
                    while rest and not rest.endswith("\n"):  # the rest is not an answer
                        rest = stream.readline(MAX_LINE)
                self.lines.put(line[:MAX_LINE])
        except (OSError, ValueError):  # the stream was closed under us
            pass
        finally:
            self.lines.put(None)

    def get(self, timeout: float | None) -> str | None:
        if self.ended:
            raise EndOfInput
        try:
            if timeout is not None and timeout <= 0:
                line = self.lines.get_nowait()
            else:
                line = self.lines.get(timeout=timeout)
        except queue.Empty:
            return None
        if line is None:
            self.ended = True
            raise EndOfInput
        return line.strip()
