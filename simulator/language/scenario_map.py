"""The scenarios of a library by id, each read from the cache when it is first asked for.

``regie check`` of files it has checked before needs their problems, not their models; ``regie
run`` needs one scenario of the library. So a scenario the cache holds stays there until it
is used: a ``Scenarios`` mapping holds either the scenario or how to get it (``Kept``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from simulator.language.model import Scenario


@dataclass(slots=True)
class Kept:
    """A scenario not read yet: where it comes from (``source``, the file it is shown under)
    and how to get it."""

    source: str
    get: Callable[[], Scenario]


class Scenarios(Mapping[str, Scenario]):
    """A mapping of scenario id to scenario, in the order they were added; a ``Kept``
    scenario is read the first time it is looked up, and kept from then on."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Scenario] | None = None) -> None:
        self._items: dict[str, Scenario | Kept] = dict(items or {})

    def __getitem__(self, sid: str) -> Scenario:
        item = self._items[sid]
        if isinstance(item, Kept):
            item = self._items[sid] = item.get()
        return item

    def __setitem__(self, sid: str, scenario: Scenario | Kept) -> None:
        self._items[sid] = scenario

    def __contains__(self, sid: object) -> bool:
        return sid in self._items

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Scenarios({list(self._items)})"

    def source(self, sid: str) -> str:
        """The file a scenario is shown under, without reading a kept one."""
        return self._items[sid].source

    def read_all(self) -> None:
        """Read every kept scenario now (before a fork, or in a background thread)."""
        for sid in self._items:
            self[sid]
