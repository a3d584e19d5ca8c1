"""The JSON Schemas at a place that survives an upgrade of Regie.

Installed from a wheel (``pipx``, ``uv tool``), Regie's own files live in a folder that the
next upgrade replaces; a scenario whose first line named the schema there would lose its
completion and its underlining in the editor. So ``regie new`` names a copy in the user's
data folder instead (Windows ``%LOCALAPPDATA%\\regie\\schema``, macOS ``~/Library/Application
Support/regie/schema``, Linux ``~/.local/share/regie/schema``), which ``regie schema`` prints.
Every ``regie new``, ``regie schema`` and ``regie check`` brings the copy up to date with the
installed Regie, so after an upgrade the editor knows the new keys too. Nothing here uses
the network: the editor reads a file, and ``regie check`` checks with its own reader.
"""

from __future__ import annotations

import os
import tempfile
from contextlib import suppress
from pathlib import Path

FOLDER_NAME = "schema"
# where simulator.authoring.schema writes them (not imported: it reads the whole language,
# and regie check asks for this folder every time)
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"


def folder() -> Path:
    """Where the copies are kept (the folder may not exist yet)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("regie", appauthor=False)) / FOLDER_NAME


def refresh(target: Path | None = None, *, create: bool = True) -> Path:
    """Bring the copies in ``target`` (default: ``folder()``) up to date and return the folder.
    ``create=False``: only where the folder is there already (``regie check``). Raises
    OSError when the folder cannot be written."""
    target = folder() if target is None else target
    if not create and not target.is_dir():
        return target
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(SCHEMA_DIR.glob("*.schema.json")):
        data = source.read_bytes()
        copy = target / source.name
        try:
            if copy.read_bytes() == data:
                continue
        except OSError:
            pass  # not there yet
        handle, draft = tempfile.mkstemp(dir=target, prefix=f".{source.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(draft, copy)  # an editor never reads half a schema
        except BaseException:
            Path(draft).unlink(missing_ok=True)
            raise
    return target


def refresh_quietly() -> None:
    """For ``regie check``: bring existing copies up to date; a problem is not the check's."""
    with suppress(OSError):
        refresh(create=False)
