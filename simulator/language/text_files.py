"""Reading a file of the scenario language: its bytes, then its text.

Split from the YAML reader: the checked-model cache (``model_cache``) knows a file by its
bytes, and a file it knows is never decoded or parsed, so this module imports no YAML.
"""

from __future__ import annotations

import os
import stat

from simulator.language.problems import Mark, Problems

MAX_FILE_BYTES = 16 * 1024 * 1024


def read_bytes(path: str, problems: Problems) -> bytes | None:
    """The bytes of a regular file of at most ``MAX_FILE_BYTES``; None (and a problem) for
    anything else."""

    def too_large(size: int) -> None:
        shown = f"{size / (1024 * 1024):.1f}".replace(".", ",")
        problems.add(
            Mark(1, 1),
            "",
            f"het bestand is {shown} MB; het mag hoogstens {MAX_FILE_BYTES // (1024 * 1024)} MB zijn",
        )

    try:
        # never wait on a named pipe, and look at what was opened, not at the name (a
        # symlink to /dev/zero, or a file swapped for a pipe after a first look)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        problems.add(None, "", f"het bestand kan niet worden gelezen ({exc.strerror})")
        return None
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = (
                "een map"
                if stat.S_ISDIR(mode)
                else "een named pipe (FIFO)"
                if stat.S_ISFIFO(mode)
                else "een apparaat"
                if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "een socket"
                if stat.S_ISSOCK(mode)
                else "geen gewoon bestand"
            )
            problems.add(None, "", f"dit is {kind}, geen gewoon bestand; Regie leest het niet")
            return None
        size = os.fstat(fd).st_size
        if size > MAX_FILE_BYTES:
            too_large(size)
            return None
        try:
            data = fh.read(MAX_FILE_BYTES + 1)  # the file may have grown since
        except OSError as exc:
            problems.add(None, "", f"het bestand kan niet worden gelezen ({exc.strerror})")
            return None
    if len(data) > MAX_FILE_BYTES:
        too_large(len(data))
        return None
    return data


def decode_text(data: bytes, problems: Problems) -> str | None:
    """The bytes of a file as UTF-8 text without a byte order mark; None (and a problem)
    when they are not text."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(Mark(line, 1), "", "het bestand is geen UTF-8-tekst (sla het op als UTF-8)")
        return None
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        problems.add(Mark(line, col), "", "het bestand bevat binaire gegevens, geen tekst")
        return None
    return text.removeprefix("\ufeff")
