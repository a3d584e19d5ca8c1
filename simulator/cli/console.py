"""What the command line writes is UTF-8, whatever the console's encoding.

On Windows the output of a redirected command (``regie test > uitslag.txt``) has the
encoding of the system's code page (cp1252 in the Netherlands), and so does any Python run
with ``PYTHONIOENCODING=cp1252``: the marks Regie prints (✓ ✗ → █, and every ë) would end in
a ``UnicodeEncodeError``. Regie writes UTF-8 instead, which editors, Excel and browsers read.
Input is read as UTF-8 too; a byte that is not UTF-8 becomes a replacement mark, not a
traceback.
"""

from __future__ import annotations

import io
import sys
from contextlib import suppress


def _is_utf8(encoding: str | None) -> bool:
    return (encoding or "").lower().replace("_", "-") in ("utf-8", "utf8")


def _utf8(stream: object, errors: str | None = None) -> None:
    if not isinstance(stream, io.TextIOWrapper) or _is_utf8(stream.encoding):
        return  # a test's capture, or already UTF-8 (the Windows console itself is)
    with suppress(ValueError, io.UnsupportedOperation):  # already read from: leave it
        stream.reconfigure(encoding="utf-8", errors=errors or stream.errors)


def utf8_streams() -> None:
    """Standard output and standard error write UTF-8; standard input reads it."""
    _utf8(sys.stdout)
    _utf8(sys.stderr)
    _utf8(sys.stdin, errors="replace")
