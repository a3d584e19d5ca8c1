"""The store's one exception: a problem, in Dutch, with what to do about it."""

from __future__ import annotations


class StoreError(Exception):
    """A problem with the store, in Dutch, with what to do about it."""


class NoStore(StoreError):
    """There is no store of Regie here (yet): a database without Regie's tables, opened by a
    command that only reads. The message says so; nothing was created."""
