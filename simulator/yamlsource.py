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

from dataclasses import dataclass, field
from typing import Any

import yaml

from simulator.problems import Mark, Problems

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_NODES = 2_000_000
MAX_DEPTH = 64
MAX_ITEMS = 20_000  # in one list or mapping: refused before building more (a million keuzes)

try:
    _Parser: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML without libyaml
    _Parser = yaml.SafeLoader


@dataclass(slots=True)
class Node:
    """A YAML node: a mapping, a sequence or a scalar, with where it stood."""

    kind: str  # "map", "seq" or "scalar"
    mark: Mark
    text: str = ""  # a scalar's text as written
    plain: bool = True  # a scalar without quotes (so 'null' and '~' mean nothing)
    items: list[Node] = field(default_factory=list)  # a sequence's items
    pairs: list[tuple[Node, Node]] = field(default_factory=list)  # a mapping's pairs
    size: int = 1  # nodes in this subtree, aliases counted as expanded

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
    anchors: dict[str, Node] = {}
    budget = [0]
    stack: list[tuple[Node, str]] = []  # open collections and their paths
    pending_key: list[Node | None] = []  # per open mapping: the key waiting for a value
    seen_keys: list[dict[str, Mark]] = []
    root: Node | None = None
    documents = 0

    def path_of_next() -> str:
        """The path of the node about to be attached (for messages)."""
        if not stack:
            return ""
        parent, path = stack[-1]
        if parent.kind == "seq":
            return f"{path}[{len(parent.items) + 1}]"
        key = pending_key[-1]
        return f"{path}.{key.text}" if key is not None and path else (key.text if key else path)

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1][0]
        if len(parent.items) + len(parent.pairs) >= MAX_ITEMS:
            raise _TooBig(
                node.mark,
                f"hier staan meer dan {MAX_ITEMS:,} onderdelen in één opsomming of lijst; "
                "zo groot is een scenario nooit".replace(",", "."),
            )
        if parent.kind == "seq":
            parent.items.append(node)
            return
        key = pending_key[-1]
        if key is None:
            if node.kind != "scalar":
                raise _TooBig(node.mark, "een sleutel moet een woord zijn, geen lijst")
            if node.text in seen_keys[-1]:
                first = seen_keys[-1][node.text]
                parent_path = stack[-1][1]
                problems.add(
                    node.mark,
                    f"{parent_path}.{node.text}" if parent_path else node.text,
                    f"de sleutel '{node.text}' staat hier twee keer "
                    f"(eerder op regel {first.line}); haal er één weg",
                )
            else:
                seen_keys[-1][node.text] = node.mark
            pending_key[-1] = node
        else:
            parent.pairs.append((key, node))
            pending_key[-1] = None

    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problems.add(
                        _mark(event.start_mark),
                        "",
                        "het bestand bevat meer dan één document ('---'); zet elk scenario "
                        "in een eigen bestand",
                    )
                    return None
            elif isinstance(event, yaml.ScalarEvent):
                budget[0] += 1
                if budget[0] > MAX_NODES:
                    raise _TooBig(_mark(event.start_mark), "het bestand bevat te veel gegevens")
                node = Node(
                    "scalar",
                    _mark(event.start_mark),
                    event.value,
                    plain=not event.style,
                    items=_NO_ITEMS,  # a scalar has none: one shared empty list, not two each
                    pairs=_NO_PAIRS,
                )
                if event.anchor:
                    anchors[event.anchor] = node
                attach(node)
            elif isinstance(event, yaml.AliasEvent):
                target = anchors.get(event.anchor or "")
                mark = _mark(event.start_mark)
                if target is None:
                    raise _TooBig(mark, f"onbekende alias '*{event.anchor}'")
                if any(open_node is target for open_node, _ in stack):
                    raise _TooBig(mark, f"de alias '*{event.anchor}' verwijst naar zichzelf")
                # The tree is read-only, so an alias shares its anchor's node; the budget is
                # charged with the expanded size, so an alias bomb is refused at once.
                budget[0] += target.size
                if budget[0] > MAX_NODES:
                    raise _TooBig(mark, "te veel gegevens na het uitvouwen van aliassen (*naam)")
                attach(target)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                budget[0] += 1
                mark = _mark(event.start_mark)
                if len(stack) >= MAX_DEPTH:
                    raise _TooBig(mark, f"de gegevens zijn dieper dan {MAX_DEPTH} niveaus genest")
                kind = "seq" if isinstance(event, yaml.SequenceStartEvent) else "map"
                node = Node(kind, mark)
                path = path_of_next()
                attach(node)
                if event.anchor:
                    anchors[event.anchor] = node
                stack.append((node, path))
                pending_key.append(None)
                seen_keys.append({})
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                node, _path = stack.pop()
                pending_key.pop()
                seen_keys.pop()
                node.size = (
                    1
                    + sum(i.size for i in node.items)
                    + sum(k.size + v.size for k, v in node.pairs)
                )
    except _TooBig as exc:
        problems.add(exc.mark, "", exc.message)
        return None
    except yaml.MarkedYAMLError as exc:
        yaml_mark = exc.problem_mark or exc.context_mark
        where = _mark(yaml_mark) if yaml_mark is not None else None
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
    if root is None:
        problems.add(Mark(1, 1), "", "het bestand is leeg")
    return root


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
    import os

    try:
        size = os.path.getsize(path)
    except OSError as exc:
        problems.add(None, "", f"het bestand kan niet worden gelezen ({exc.strerror})")
        return None
    if size > MAX_FILE_BYTES:
        shown = f"{size / (1024 * 1024):.1f}".replace(".", ",")
        problems.add(
            Mark(1, 1),
            "",
            f"het bestand is {shown} MB; het mag hoogstens {MAX_FILE_BYTES // (1024 * 1024)} MB zijn",
        )
        return None
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        problems.add(None, "", f"het bestand kan niet worden gelezen ({exc.strerror})")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(Mark(line, 1), "", "het bestand is geen UTF-8-tekst (sla het op als UTF-8)")
        return None
    if "\x00" in text:
        at = text.index("\x00")
        line = text.count("\n", 0, at) + 1
        col = at - (text.rfind("\n", 0, at) + 1) + 1
        problems.add(Mark(line, col), "", "het bestand bevat binaire gegevens, geen tekst")
        return None
    return text.removeprefix("\ufeff")
