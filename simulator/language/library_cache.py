"""The bundled library, read once and kept: the app starts without checking 39 files again.

``load_bundled()`` gives the same ``Library`` as ``library.load()``. The first time it
reads and checks the YAML as usual and keeps the result in the user's cache folder; next
time, when no file of the library and no file of Regie's own code has changed (sizes and
modification times, and Regie's version), it reads that instead. Anything wrong with the
kept copy (missing, unreadable, from another version) means: read the YAML again. Only
the app uses it; ``regie check`` always reads the files themselves.

The kept copy is a pickle in the user's own cache folder, written by this program for
this user; it is never read from anywhere else.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the reading itself: the app reads in the background
    from simulator.language.library import Library

_FORMAT = 1


def cache_dir() -> Path:
    explicit = os.environ.get("REGIE_CACHE")
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("regie", appauthor=False))


def fingerprint() -> str:
    """Changes when a YAML file of the library or a source file of Regie changes."""
    code = Path(__file__).resolve().parents[1]
    from simulator.language.library import bundled_dir, yaml_files

    files = yaml_files([bundled_dir()])
    files += sorted(code.rglob("*.py")) + sorted((code.parent / "scoring").rglob("*.py"))
    h = hashlib.blake2b(f"{_FORMAT}".encode(), digest_size=16)
    for path in files:
        try:
            st = path.stat()
        except OSError:
            continue
        h.update(f"{path}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return h.hexdigest()


def load_bundled() -> Library:
    """The bundled library, from the kept copy when it is still true to the files."""
    from simulator.language.library import Library, load

    try:
        key = fingerprint()
        kept = cache_dir() / f"bibliotheek-{key}.pickle"
    except OSError:  # pragma: no cover - no home folder, say
        return load()
    try:
        with kept.open("rb") as f:
            lib = pickle.load(f)
        if isinstance(lib, Library):
            return lib
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    lib = load()
    _keep(lib, kept)
    return lib


def _keep(lib: Library, kept: Path) -> None:
    """Write the copy next to its place and move it there: never a half-written file."""
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        for old in kept.parent.glob("bibliotheek-*.pickle"):
            if old != kept:
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=kept.parent, prefix=".bibliotheek-", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(lib, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, kept)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # no cache then: the app still starts, a little slower
