"""ralph's LRS app as the tests start it (``uvicorn ralph_app:app``), with one change.

ralph-malph 5.1's file-system LRS backend writes each POST with operation type ``create``,
which refuses a file that exists: the first POST makes ``fs_lrs.jsonl``, every later one
fails with a 500 ("… already exists and overwrite is not allowed with operation_type create
or index"). An LRS that takes one request in its life is no LRS, so here the backend
appends (``append`` is an operation type it has and documents); everything else is ralph's.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (after the change: the app makes its backend at import)

__all__ = ["app"]
