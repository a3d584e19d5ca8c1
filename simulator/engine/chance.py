"""Seeded chance that is cheap to save: draw n of seed s is a pure function of (s, n).

A snapshot therefore needs only the number of draws so far, not a generator's state, and
a replay draws exactly the same numbers on every machine and Python version.
"""

from __future__ import annotations

import hashlib


def draw(seed: int, n: int) -> float:
    """The n-th draw for ``seed``: a number in [0, 1)."""
    digest = hashlib.blake2b(f"{seed}:{n}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def order(seed: int, key: str, n: int) -> list[int]:
    """A shuffled order of ``range(n)``, the same for the same (seed, key) everywhere."""

    def rank(i: int) -> bytes:
        return hashlib.blake2b(f"{seed}:{key}:{i}".encode(), digest_size=8).digest()

    return sorted(range(n), key=rank)
