"""Reading YAML safely, with positions.

We do not let PyYAML construct Python objects. Instead we walk its event stream (the C
parser when available) and build our own small tree of nodes, each with its position and
its raw text. That gives us, in one iterative pass:

- no recursion, so nesting 10,000 deep is a clean error, not a crash;
- duplicate keys as errors;
- aliases expanded under a budget, so an alias bomb ("billion laughs") is refused;
- scalars kept as written, so the reader types them from the scenario language itself
  (``orde_verstoord: nee`` is a boolean, ``naam: No`` stays a name).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml

from simulator.language.gc_pause import gc_paused
from simulator.language.problems import Mark, Problems
from simulator.language.text_files import MAX_FILE_BYTES

MAX_NODES = 2_000_000
MAX_DEPTH = 64
MAX_ITEMS = 20_000  # in one list or mapping: refused before building more (a million keuzes)
TOO_DEEP = f"de gegevens zijn dieper dan {MAX_DEPTH} niveaus genest"
# PyYAML 6.0.4's C parser stops at a nesting depth of its own (1000), and its scanner reads a
# flow collection ahead before any event reaches our own check: its words, to give ours.
_PARSER_TOO_DEEP = "maximum nesting depth"

try:
    _Parser: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Parser = yaml.SafeLoader


class Node:
    """A YAML node: a mapping, a sequence or a scalar, with where it stood.

    A scenario has hundreds of thousands of nodes, and only the few a message or the model
    points at need their place as a ``Mark``: a node keeps its line and column, and makes
    the ``Mark`` when asked."""

    __slots__ = ("col", "items", "kind", "line", "pairs", "plain", "size", "text")

    def __init__(
        self,
        kind: str,  # "map", "seq" or "scalar"
        mark: tuple[int, int],  # a Mark, or (line, column) as a Mark has them
        text: str = "",  # a scalar's text as written
        plain: bool = True,  # a scalar without quotes (so 'null' and '~' mean nothing)
        items: list[Node] | None = None,  # a sequence's items
        pairs: list[tuple[Node, Node]] | None = None,  # a mapping's pairs
        size: int = 1,  # nodes in this subtree, aliases counted as expanded
    ) -> None:
        self.kind = kind
        self.line, self.col = mark
        self.text = text
        self.plain = plain
        self.items: list[Node] = [] if items is None else items
        self.pairs: list[tuple[Node, Node]] = [] if pairs is None else pairs
        self.size = size

    @property
    def mark(self) -> Mark:
        return Mark(self.line, self.col)

    @property
    def is_null(self) -> bool:
        return (
            self.kind == "scalar" and self.plain and self.text in ("", "~", "null", "Null", "NULL")
        )

    def get(self, key: str) -> Node | None:
        for k, v in self.pairs:
            if k.text == key:
                return v
        return None

    def describe(self) -> str:
        if self.kind == "map":
            return "een lijst van sleutels en waarden"
        if self.kind == "seq":
            return "een opsomming"
        if self.is_null:
            return "niets"
        return f"'{self.text}'"


# Scalars (most nodes) share these: only collections get lists of their own, which compose
# fills; nothing ever appends to a scalar's.
_NO_ITEMS: list[Node] = []
_NO_PAIRS: list[tuple[Node, Node]] = []


def _mark(m: Any) -> Mark:
    return Mark(m.line + 1, m.column + 1)


class _TooBig(Exception):
    def __init__(self, mark: Mark, message: str) -> None:
        self.mark = mark
        self.message = message


class _Open:
    """Where the next node goes: the document, or a collection whose end has not come."""

    __slots__ = ("node", "path", "size")

    def __init__(self, node: Node | None, path: str) -> None:
        self.node = node  # the collection (None: the document, until its root comes)
        self.path = path  # for messages
        self.size = 1  # nodes so far, aliases counted as expanded

    def path_of_next(self) -> str:
        """The path of the node about to be added (for messages)."""
        return self.path

    def add(self, node: Node, size: int, problems: Problems) -> None:
        """Put ``node`` here, a subtree of ``size`` nodes (0 for a collection that has
        just begun: its size is added when it ends)."""
        self.node = node


class _OpenSeq(_Open):
    __slots__ = ("items",)

    def __init__(self, node: Node, path: str) -> None:
        super().__init__(node, path)
        self.items = node.items

    def path_of_next(self) -> str:
        return f"{self.path}[{len(self.items) + 1}]"

    def add(self, node: Node, size: int, problems: Problems) -> None:
        if len(self.items) >= MAX_ITEMS:
            raise _too_many(node.mark)
        self.size += size
        self.items.append(node)


class _OpenMap(_Open):
    __slots__ = ("key", "pairs", "seen")

    def __init__(self, node: Node, path: str) -> None:
        super().__init__(node, path)
        self.pairs = node.pairs
        self.key: Node | None = None  # the key waiting for its value
        self.seen: dict[str, int] = {}  # the keys so far, and the lines they stood on

    def path_of_next(self) -> str:
        key = self.key
        if key is None:
            return self.path
        return f"{self.path}.{key.text}" if self.path else key.text

    def add(self, node: Node, size: int, problems: Problems) -> None:
        if len(self.pairs) >= MAX_ITEMS:
            raise _too_many(node.mark)
        self.size += size
        key = self.key
        if key is not None:
            self.pairs.append((key, node))
            self.key = None
            return
        if node.kind != "scalar":
            raise _TooBig(node.mark, "een sleutel moet een woord zijn, geen lijst")
        first = self.seen.get(node.text)
        if first is not None:
            problems.add(
                node.mark,
                f"{self.path}.{node.text}" if self.path else node.text,
                f"de sleutel '{node.text}' staat hier twee keer "
                f"(eerder op regel {first}); haal er één weg",
            )
        else:
            self.seen[node.text] = node.line
        self.key = node


def compose(text: str, problems: Problems) -> Node | None:
    """Parse one YAML document into a Node tree; report problems instead of raising."""
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        problems.add(
            Mark(1, 1),
            "",
            f"het bestand is groter dan {MAX_FILE_BYTES // (1024 * 1024)} MB; "
            "een scenario is nooit zo groot",
        )
        return None
    try:
        with gc_paused():
            return _compose(text, problems)
    except _TooBig as exc:
        problems.add(exc.mark, "", exc.message)
        return None
    except yaml.MarkedYAMLError as exc:
        yaml_mark = exc.problem_mark or exc.context_mark
        where = _mark(yaml_mark) if yaml_mark is not None else None
        if _PARSER_TOO_DEEP in (exc.problem or ""):
            problems.add(where, "", TOO_DEEP)
        else:
            problems.add(where, "", f"dit is geen geldige YAML: {_dutch_yaml_error(exc)}")
        return None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        problems.add(
            Mark(line, col),
            "",
            f"het bestand bevat een onleesbaar teken (code {exc.character!r}); haal het weg",
        )
        return None
    except yaml.YAMLError as exc:
        problems.add(None, "", f"dit is geen geldige YAML: {exc}")
        return None


def _too_many(mark: Mark) -> _TooBig:
    return _TooBig(
        mark,
        f"hier staan meer dan {MAX_ITEMS:,} onderdelen in één opsomming of lijst; "
        "zo groot is een scenario nooit".replace(",", "."),
    )


def _compose(text: str, problems: Problems) -> Node | None:
    """The tree of the YAML in ``text``: the event loop of ``compose``, which raises what
    ``compose`` reports."""
    anchors: dict[str, Node] = {}
    budget = 0  # nodes so far, aliases counted as expanded
    document = _Open(None, "")
    stack: list[_Open] = [document]  # where nodes go: the document and the open collections
    top = document
    documents = 0
    events: Iterator[Any] = yaml.parse(text, Loader=_Parser)  # dispatched on their type
    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            budget += 1
            start = event.start_mark
            at = (start.line + 1, start.column + 1)
            if budget > MAX_NODES:
                raise _TooBig(Mark(*at), "het bestand bevat te veel gegevens")
            # a scalar has no items or pairs: one shared empty list each, not two of its own
            node = Node("scalar", at, event.value, not event.style, _NO_ITEMS, _NO_PAIRS)
            if event.anchor:
                anchors[event.anchor] = node
            top.add(node, 1, problems)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            budget += 1
            mark = _mark(event.start_mark)
            if len(stack) > MAX_DEPTH:
                raise _TooBig(mark, TOO_DEEP)
            is_seq = kind is yaml.SequenceStartEvent
            node = Node("seq" if is_seq else "map", mark)
            path = top.path_of_next()
            top.add(node, 0, problems)  # its size is added to its parent's when it ends
            if event.anchor:
                anchors[event.anchor] = node
            top = _OpenSeq(node, path) if is_seq else _OpenMap(node, path)
            stack.append(top)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            closed = stack.pop()
            assert closed.node is not None
            closed.node.size = closed.size
            top = stack[-1]
            top.size += closed.size
        elif kind is yaml.AliasEvent:
            target = anchors.get(event.anchor or "")
            mark = _mark(event.start_mark)
            if target is None:
                raise _TooBig(mark, f"onbekende alias '*{event.anchor}'")
            if any(open_node.node is target for open_node in stack):
                raise _TooBig(mark, f"de alias '*{event.anchor}' verwijst naar zichzelf")
            # The tree is read-only, so an alias shares its anchor's node; the budget is
            # charged with the expanded size, so an alias bomb is refused at once.
            budget += target.size
            if budget > MAX_NODES:
                raise _TooBig(mark, "te veel gegevens na het uitvouwen van aliassen (*naam)")
            top.add(target, target.size, problems)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                problems.add(
                    _mark(event.start_mark),
                    "",
                    "het bestand bevat meer dan één document ('---'); zet elk scenario "
                    "in een eigen bestand",
                )
                return None
    if document.node is None:
        problems.add(Mark(1, 1), "", "het bestand is leeg")
    return document.node


_YAML_PHRASES = {
    "mapping values are not allowed": "hier mag geen ':' staan; springt de regel te ver in, of staat er een ':' in tekst zonder aanhalingstekens?",
    "found a tab character": "tabs zijn niet toegestaan; gebruik spaties om in te springen",
    "found character that cannot start any token": "hier staat een teken waarmee geen waarde kan beginnen (een tab, @ of `); spring in met spaties en zet zulke tekst tussen aanhalingstekens",
    "could not find expected ':'": "er ontbreekt een ':' na een sleutel",
    "found character '\\t' that cannot start any token": "tabs zijn niet toegestaan; gebruik spaties om in te springen",
    "did not find expected key": "de inspringing klopt niet",
    "did not find expected '-' indicator": "de inspringing van de opsomming klopt niet",
    "found undefined alias": "onbekende alias",
    "found unexpected end of stream": "het bestand houdt onverwacht op",
    "while scanning a quoted scalar": "een aanhalingsteken wordt niet gesloten",
    "found unknown escape character": "onbekend teken na een backslash",
    "control characters are not allowed": "het bestand bevat onleesbare tekens",
    "did not find expected node content": "hier ontbreekt een waarde",
    "block sequence entries are not allowed": "hier mag geen opsomming ('- …') beginnen; klopt de inspringing?",
    "mapping keys are not allowed": "hier mag geen sleutel staan; klopt de inspringing?",
    "did not find expected <document start>": "hier mag niets meer staan; klopt de inspringing?",
    "did not find expected ',' or ']'": "een opsomming tussen [ ] wordt niet goed gesloten",
    "did not find expected ',' or '}'": "een lijst tussen { } wordt niet goed gesloten",
    "did not find expected alphabetic or numeric character": "een anker of alias (& of *) heeft een ongeldige naam",
    "did not find expected whitespace or line break": "hier hoort een spatie of een nieuwe regel",
    "found unexpected ':'": "hier mag geen ':' staan",
    "found unexpected document indicator": "een regel met alleen '---' of '...' hoort niet midden in een scenario",
    "incorrect leading UTF-8 octet": "het bestand bevat tekens die geen UTF-8 zijn",
}
_YAML_FALLBACK = (
    "de opmaak klopt hier niet; let op de inspringing, een ':' in tekst zonder "
    "aanhalingstekens, of een aanhalingsteken dat niet gesloten wordt"
)


def _dutch_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    context = exc.context or ""
    for phrase, dutch in _YAML_PHRASES.items():
        if phrase in problem or phrase in context:
            return dutch
    return _YAML_FALLBACK  # never PyYAML's English


def read_text(path: str, problems: Problems) -> str | None:
    """Read a file as UTF-8 text, refusing huge or binary files with a clear message."""
    from simulator.language.text_files import decode_text, read_bytes

    data = read_bytes(path, problems)
    return None if data is None else decode_text(data, problems)
