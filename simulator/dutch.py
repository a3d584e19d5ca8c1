"""Dutch counting words, written once: ``plural(3, "fout", "fouten")`` is '3 fouten'."""

from __future__ import annotations


def plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
