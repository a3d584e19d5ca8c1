"""Files with personal data: only their owner may read them, and they are written whole.

The store (with the pincode hashes), its ``-wal``, ``-shm`` and ``.bak`` files, and every
report hold names and results. On POSIX systems they are created readable by their owner
only (0600), in a folder Regie creates for its owner only (0700); a folder that already
existed keeps its permissions, the files in it do not. On Windows the user's profile
folder already keeps others out, and ``chmod`` cannot express this: nothing is changed.

A report is written to a temporary file next to its target and then moved over it, so a
full disk leaves the old file (or none), never half a file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def posix_permissions() -> bool:
    """Can file permissions keep other users out here (not on Windows)?"""
    return os.name != "nt"


def private_dir(path: Path) -> None:
    """Make the folder (and its missing parents); a folder made here is its owner's only."""
    missing: list[Path] = []
    at = path
    while not at.exists() and at != at.parent:
        missing.append(at)
        at = at.parent
    path.mkdir(parents=True, exist_ok=True)
    if posix_permissions():
        for made in missing:
            with contextlib.suppress(OSError):  # made by someone else in the meantime
                os.chmod(made, PRIVATE_DIR)


def private_file(path: Path) -> None:
    """Create the file empty if it is not there, and take away what others may do with it
    (a file its owner made read-only stays read-only)."""
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), PRIVATE_FILE)
        os.close(fd)
    tighten(path)


def tighten(path: Path) -> None:
    """Take away what others may do with the file, if it is there (and never add a right)."""
    if not posix_permissions():
        return
    try:
        now = stat.S_IMODE(os.stat(path).st_mode)
        if stat.S_ISREG(os.stat(path).st_mode) and now & 0o077:
            os.chmod(path, now & 0o700)
    except FileNotFoundError:  # gone in the meantime (SQLite removes its -wal and -shm)
        return


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all, readable by its owner only."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if posix_permissions():
            os.chmod(temporary, PRIVATE_FILE)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def why_not_written(exc: OSError) -> str:
    """Why a file could not be written, in Dutch."""
    if isinstance(exc, FileNotFoundError):
        return "de map bestaat niet"
    if isinstance(exc, PermissionError):
        return "u mag daar niet schrijven"
    if isinstance(exc, IsADirectoryError):
        return "dat is een map, geen bestand"
    if exc.errno == errno.ENOSPC:
        return "de schijf is vol; maak ruimte vrij of kies een andere schijf"
    if exc.errno == errno.EROFS:
        return "de schijf is alleen-lezen"
    if exc.errno == getattr(errno, "EDQUOT", None):
        return "uw schijfquotum is op"
    return f"het besturingssysteem meldt fout {exc.errno}" if exc.errno else "onbekende fout"


GROUP_REPORTS = "groepsverslag-*.html"  # what the trainer view writes into the data folder


def remove_reports_naming(folder: Path, name: str) -> list[Path]:
    """The group reports in ``folder`` that name this person, removed (after ``forget``:
    a report written earlier must not keep a person who has been erased)."""
    from html import escape

    needles = {name.encode("utf-8"), escape(name, quote=True).encode("utf-8")}
    removed: list[Path] = []
    for report in sorted(folder.glob(GROUP_REPORTS)):
        try:
            if any(needle in report.read_bytes() for needle in needles):
                report.unlink()
                removed.append(report)
        except OSError:
            continue
    return removed
