"""Schema-directed reading of a Node tree into typed values, collecting problems.

Scalars are typed by what the scenario language expects at that place, not by YAML 1.1's
guesses: ``ja``/``nee`` are booleans where a boolean is expected, and a name such as
``No`` stays text where text is expected.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from simulator.dutch import decimal
from simulator.language.problems import Mark, Problems
from simulator.language.yamlsource import Node

N = TypeVar("N", int, float)

_PLURAL_KEYS = {
    "eindes",
    "fasen",
    "leerdoelen",
    "rollen",
    "keuzes",
    "interventies",
    "gevallen",
    "scenarios",
    "bevoegdheden",
    "variabelen",
    "trainingen",
}
YES_WORDS = {"ja", "true", "waar", "yes", "on"}
NO_WORDS = {"nee", "false", "onwaar", "no", "off"}
_INT = re.compile(r"^[-+]?\d+$")
_NUMBER = re.compile(r"^[-+]?(\d+([.,]\d*)?|[.,]\d+)$")


def suggest(word: str, options: Iterable[str]) -> str:
    """' Bedoelde u 'x'?' for the closest option, or nothing."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" Bedoelde u '{close[0]}'?" if close else ""


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class MapReader:
    """Read one mapping: each accessor marks its key as known; ``finish`` reports the rest."""

    def __init__(self, node: Node | None, path: str, problems: Problems, what: str) -> None:
        self.path = path
        self.problems = problems
        self.known: dict[str, None] = {}  # the keys asked for, in order (a set that keeps it)
        self.ok = node is not None and node.kind == "map"
        self.node = node
        # each key's value, the first if a key is written twice (as Node.get finds it),
        # without the empty ones ('naar:' with nothing after it counts as missing)
        first = {k.text: v for k, v in reversed(node.pairs)} if node is not None and self.ok else {}
        self.values: dict[str, Node] = {k: v for k, v in first.items() if not v.is_null}
        if node is not None and node.kind != "map":
            problems.add(
                node.mark, path, f"verwacht {what} met sleutels, maar hier staat {node.describe()}"
            )

    def raw(self, key: str) -> Node | None:
        self.known[key] = None
        return self.values.get(key)

    def key_mark(self, key: str) -> Mark | None:
        """Where the key itself stands (for problems about the whole value)."""
        if self.node is not None:
            for k, _ in self.node.pairs:
                if k.text == key:
                    return k.mark
        return None

    def has(self, key: str) -> bool:
        """The key is there with a value (an empty ``naar:`` counts as missing, as in ``raw``)."""
        return key in self.values

    def _missing(self, key: str, what: str) -> None:
        if self.ok and self.node is not None:
            verb = "ontbreken" if key in _PLURAL_KEYS else "ontbreekt"
            self.problems.add(self.node.mark, join(self.path, key), f"{what} {verb} ('{key}:')")

    def _scalar(self, key: str, node: Node, what: str) -> bool:
        if node.kind != "scalar":
            self.problems.add(
                node.mark,
                join(self.path, key),
                f"verwacht {what}, maar hier staat {node.describe()}",
            )
            return False
        return True

    def text(self, key: str, *, required: bool = True, what: str = "een tekst") -> str | None:
        node = self.raw(key)
        if node is None:
            if required:
                self._missing(key, what)
            return None
        if not self._scalar(key, node, what):
            return None
        value = node.text.strip()
        if required and not value:
            self._missing(key, what)
            return None
        return value

    def integer(
        self,
        key: str,
        *,
        required: bool = True,
        default: int | None = None,
        low: int | None = None,
        high: int | None = None,
        what: str = "een heel getal",
    ) -> int | None:
        return self._numeric(key, read_int, required, default, low, high, what)

    def number(
        self,
        key: str,
        *,
        required: bool = True,
        default: float | None = None,
        low: float | None = None,
        high: float | None = None,
        what: str = "een getal",
    ) -> float | None:
        return self._numeric(key, read_number, required, default, low, high, what)

    def _numeric(
        self,
        key: str,
        convert: Callable[..., N | None],
        required: bool,
        default: N | None,
        low: N | None,
        high: N | None,
        what: str,
    ) -> N | None:
        node = self.raw(key)
        if node is None:
            if required:
                self._missing(key, what)
            return default
        if not self._scalar(key, node, what):
            return default
        return convert(
            node,
            join(self.path, key),
            self.problems,
            low=low,
            high=high,
            what=what,
            default=default,
        )

    def boolean(self, key: str, *, default: bool = False) -> bool:
        node = self.raw(key)
        if node is None:
            return default
        if not self._scalar(key, node, "ja of nee"):
            return default
        word = node.text.strip().lower()
        if word in YES_WORDS:
            return True
        if word in NO_WORDS:
            return False
        self.problems.add(
            node.mark, join(self.path, key), f"verwacht ja of nee, maar hier staat '{node.text}'"
        )
        return default

    def choice(
        self,
        key: str,
        options: Iterable[str],
        *,
        required: bool = True,
        default: str | None = None,
        what: str = "een waarde",
    ) -> str | None:
        opts = list(options)
        node = self.raw(key)
        if node is None:
            if required:
                self._missing(key, what)
            return default
        if not self._scalar(key, node, what):
            return default
        word = node.text.strip()
        if word in opts:
            return word
        self.problems.add(
            node.mark,
            join(self.path, key),
            f"'{word}' is geen geldige keuze voor {what}; kies uit: {', '.join(opts)}.{suggest(word, opts)}",
        )
        return default

    def texts(
        self, key: str, *, required: bool = True, what: str = "een opsomming van teksten"
    ) -> list[str]:
        out: list[str] = []
        for node, path in self.sequence(key, required=required, what=what):
            if node.kind != "scalar" or not node.text.strip():
                self.problems.add(
                    node.mark, path, f"verwacht een tekst, maar hier staat {node.describe()}"
                )
                continue
            out.append(node.text.strip())
        return out

    def sequence(
        self, key: str, *, required: bool = True, what: str = "een opsomming"
    ) -> Iterator[tuple[Node, str]]:
        node = self.raw(key)
        if node is None:
            if required:
                self._missing(key, what)
            return
        path = join(self.path, key)
        if node.kind == "scalar" and what.startswith("een opsomming van"):
            # A single value where a list is expected: accept it as a list of one.
            yield node, join(path, 1)
            return
        if node.kind != "seq":
            self.problems.add(
                node.mark,
                path,
                f"verwacht {what} (regels die beginnen met '-'), maar hier staat {node.describe()}",
            )
            return
        for i, item in enumerate(node.items, start=1):
            yield item, join(path, i)

    def mapping(
        self, key: str, *, required: bool = True, what: str = "een blok"
    ) -> Iterator[tuple[str, Node, Node, str]]:
        """The pairs of a nested mapping: (key text, key node, value node, path)."""
        node = self.raw(key)
        if node is None:
            if required:
                self._missing(key, what)
            return
        path = join(self.path, key)
        if node.kind != "map":
            self.problems.add(
                node.mark, path, f"verwacht {what} met sleutels, maar hier staat {node.describe()}"
            )
            return
        for k, v in node.pairs:
            yield k.text, k, v, join(path, k.text)

    def sub(self, key: str, what: str, *, required: bool = True) -> MapReader | None:
        node = self.raw(key)
        if node is None:
            if required:
                self._missing(key, what)
            return None
        return MapReader(node, join(self.path, key), self.problems, what)

    def finish(self) -> None:
        if not self.ok or self.node is None:
            return
        for k, _ in self.node.pairs:
            if k.text not in self.known:
                self.problems.add(
                    k.mark,
                    join(self.path, k.text),
                    f"onbekende sleutel '{k.text}'.{suggest(k.text, self.known)}",
                )


def read_int(
    node: Node,
    path: str,
    problems: Problems,
    *,
    low: int | None = None,
    high: int | None = None,
    what: str = "een heel getal",
    default: int | None = None,
) -> int | None:
    text = node.text.strip()
    if node.kind != "scalar" or not _INT.match(text):
        problems.add(node.mark, path, f"verwacht {what}, maar hier staat {node.describe()}")
        return default
    value = int(text)
    return _in_range(value, node, path, problems, low, high, default)


def read_number(
    node: Node,
    path: str,
    problems: Problems,
    *,
    low: float | None = None,
    high: float | None = None,
    what: str = "een getal",
    default: float | None = None,
) -> float | None:
    text = node.text.strip()
    if node.kind != "scalar" or not _NUMBER.match(text):
        problems.add(node.mark, path, f"verwacht {what}, maar hier staat {node.describe()}")
        return default
    value = float(text.replace(",", "."))
    return _in_range(value, node, path, problems, low, high, default)


def _in_range(
    value: N,
    node: Node,
    path: str,
    problems: Problems,
    low: N | None,
    high: N | None,
    default: N | None,
) -> N | None:
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            span = f"van {decimal(low)} tot en met {decimal(high)}"
        elif low is not None:
            span = f"minstens {decimal(low)}"
        else:
            span = f"hoogstens {decimal(high or 0)}"
        problems.add(node.mark, path, f"{decimal(value)} ligt buiten het bereik: verwacht {span}")
        return default
    return value
