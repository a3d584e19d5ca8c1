"""The JSON Schemas that editors use agree with the files, with the loader, and with themselves.

- the files in ``simulator/authoring/schemas/`` are exactly what ``python -m simulator.authoring.schema`` makes;
- every bundled YAML file names the right schema on its first line and validates against it,
  read as an editor reads YAML (1.2, the default of the YAML language server) and as YAML 1.1;
- schema and loader agree at every place, both ways: the keys, which are required, what kind of
  value (text, whole number with its range, ja/nee, a word from a list), recorded from what the
  loader's MapReader is asked while it loads the bundled library and the fixtures;
- numbers, ja/nee and the words of the scenario language are accepted in exactly the forms the
  loader accepts (``0,5``, ``"3"``, ``Ja``), and rejected where the loader rejects them;
- the structural mistakes in ``tests/fixtures/broken/`` are also underlined by the schema, at
  the place the loader points to.
"""

from __future__ import annotations

import functools
import inspect
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from simulator.authoring import schema as regie_schema
from simulator.language.catalogue import read_profile
from simulator.language.course import read_course
from simulator.language.library import Library, bundled_dir, kind_of, load, yaml_files
from simulator.language.plan import read_plan
from simulator.language.problems import Mark, Problems, Severity
from simulator.language.reader import NO_WORDS, YES_WORDS, MapReader, read_int, read_number
from simulator.language.yamlsource import Node, compose, read_text

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BROKEN = FIXTURES / "broken"
SCHEMAS = regie_schema.build()
BUNDLED = yaml_files([bundled_dir()])


def parse(path: Path) -> Node:
    problems = Problems(str(path))
    text = read_text(str(path), problems)
    root = compose(text, problems) if text is not None else None
    assert root is not None, [str(p) for p in problems.items]
    return root


def schema_for(kind: str) -> dict[str, Any]:
    return SCHEMAS[regie_schema.FILES[kind]]


@functools.cache
def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schema_for(kind))


# --- YAML as an editor reads it ------------------------------------------------------------

_INT_12 = re.compile(r"^[-+]?[0-9]+$")
_FLOAT_12 = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


def yaml12(node: Node) -> Any:
    """The JSON value of a YAML node under the YAML 1.2 core schema (what VS Code validates)."""
    if node.kind == "map":
        return {k.text: yaml12(v) for k, v in node.pairs}
    if node.kind == "seq":
        return [yaml12(item) for item in node.items]
    text = node.text
    if not node.plain:  # quoted, or a block scalar ('>-', '|'): always text
        return text
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text.lower() == "true"
    if _INT_12.match(text):
        return int(text)
    if re.match(r"^0o[0-7]+$", text):
        return int(text[2:], 8)
    if re.match(r"^0x[0-9a-fA-F]+$", text):
        return int(text[2:], 16)
    if _FLOAT_12.match(text):
        return float(text)
    if re.match(r"^[-+]?\.(?:inf|Inf|INF)$", text):
        return -math.inf if text.startswith("-") else math.inf
    if text in (".nan", ".NaN", ".NAN"):
        return math.nan
    return text


def errors(kind: str, document: Any) -> list[str]:
    return [
        f"{'.'.join(str(p) for p in e.absolute_path) or '(bovenaan)'}: {e.message[:300]}"
        for e in validator(kind).iter_errors(document)
    ]


# --- the files in simulator/authoring/schemas ---------------------------------------------------------


def test_the_schema_files_are_what_the_generator_makes() -> None:
    folder = regie_schema.SCHEMA_DIR
    on_disk = {p.name for p in folder.glob("*.json")}
    assert on_disk == set(regie_schema.FILES.values()), (
        f"simulator/authoring/schemas/ bevat {sorted(on_disk)}; draai '{regie_schema.COMMAND}'"
    )
    for name, built in SCHEMAS.items():
        text = (folder / name).read_text(encoding="utf-8")
        assert text == regie_schema.render(built), (
            f"simulator/authoring/schemas/{name} is niet bijgewerkt na een wijziging in de woordenlijsten "
            f"of de laders: draai '{regie_schema.COMMAND}'"
        )


def test_the_fixed_file_names() -> None:
    """Other code points at these names (regie new writes them into new files)."""
    for kind in ("scenario", "testplan"):
        path = regie_schema.schema_path(kind)
        assert path.parts[-4:] == ("simulator", "authoring", "schemas", f"{kind}.schema.json")
        assert path.is_file()
    assert sorted(regie_schema.FILES.values()) == [
        "cursus.schema.json",
        "interventies.schema.json",
        "profiel.schema.json",
        "scenario.schema.json",
        "testplan.schema.json",
    ]


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_schema_is_a_valid_draft_2020_12_schema(name: str) -> None:
    Draft202012Validator.check_schema(SCHEMAS[name])
    assert SCHEMAS[name]["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def subschemas(node: Any, pointer: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield pointer, node
        for key, value in node.items():
            if key in ("enum", "const", "examples", "default", "enumDescriptions"):
                continue
            yield from subschemas(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from subschemas(value, f"{pointer}/{i}")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_property_has_a_dutch_description(name: str) -> None:
    conditions = ("dependentSchemas", "contains", "/if", "/then", "/else")
    missing = [
        f"{pointer}/properties/{key}"
        for pointer, node in subschemas(SCHEMAS[name])
        if not any(c in pointer for c in conditions)
        for key, prop in (node.get("properties") or {}).items()
        if not prop.get("description")
    ]
    assert not missing, missing
    english = re.compile(r"\b(the|and|should|must|value)\b")
    for pointer, node in subschemas(SCHEMAS[name]):
        for key in ("description", "patternErrorMessage", "errorMessage"):
            text = node.get(key)
            if isinstance(text, str):
                assert text.strip() and not english.search(text), (pointer, text)


# --- the bundled files: first line and validity -------------------------------------------


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(p.relative_to(bundled_dir())))
def test_bundled_file_names_its_schema_on_the_first_line(path: Path) -> None:
    kind = kind_of(parse(path))
    first = path.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == regie_schema.modeline(kind, path), (
        f"de eerste regel van {path.name} moet het schema voor een {kind} noemen"
    )
    named = (path.parent / first.removeprefix(regie_schema.MODELINE)).resolve()
    assert named == regie_schema.schema_path(kind).resolve()
    assert named.is_file()


def test_the_first_line_for_a_file_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """regie new writes it into new files: a relative path, or a file: address if a space
    would cut the path short (the language server reads it up to the first space)."""
    here = tmp_path / "mijn map" / "scenario.yaml"
    line = regie_schema.modeline("scenario", here)
    target = (here.parent / line.removeprefix(regie_schema.MODELINE)).resolve()
    assert target == regie_schema.schema_path("scenario").resolve()
    monkeypatch.setattr(regie_schema, "SCHEMA_DIR", tmp_path / "Program Files" / "schemas")
    line = regie_schema.modeline("scenario", here)
    assert line == regie_schema.MODELINE + regie_schema.schema_path("scenario").as_uri()
    assert " " not in line.removeprefix(regie_schema.MODELINE) and "Program%20Files" in line


YAML11 = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the same reading, in C where it can
ALL_VALID = [*BUNDLED, FIXTURES / "mini.yaml", FIXTURES / "mini.test.yaml"]


@pytest.mark.parametrize("path", ALL_VALID, ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_file_validates_against_its_schema(path: Path) -> None:
    root = parse(path)
    kind = kind_of(root)
    assert errors(kind, yaml12(root)) == [], "YAML 1.2 (VS Code)"
    text = path.read_text(encoding="utf-8")
    assert errors(kind, yaml.load(text, Loader=YAML11)) == [], "YAML 1.1"


def test_the_loader_accepts_the_valid_files(loaded: Loaded) -> None:
    """So the validation above compares the schema with files the loader really accepts."""
    assert fouten(loaded.library) == []
    assert fouten(load([FIXTURES / "mini.yaml", FIXTURES / "mini.test.yaml"])) == []


def fouten(lib: Library) -> list[str]:
    """The errors (warnings are about style and reach, not about the form)."""
    return [str(p) for p in lib.problems if p.severity is Severity.ERROR]


# --- in step with the loader ---------------------------------------------------------------

ACCESSORS = (
    "text",
    "integer",
    "number",
    "boolean",
    "choice",
    "texts",
    "sequence",
    "mapping",
    "sub",
)


@dataclass
class Recording:
    readers: list[MapReader] = field(default_factory=list)
    # (file, reader path, key) -> (accessor, its arguments)
    calls: dict[tuple[str, str, str], tuple[str, dict[str, Any]]] = field(default_factory=dict)


def recording(monkeypatch: pytest.MonkeyPatch) -> Recording:
    """Record every MapReader and what it is asked (only the outermost accessor per key)."""
    rec = Recording()
    depth = [0]
    original_init = MapReader.__init__

    def init(self: MapReader, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        rec.readers.append(self)

    monkeypatch.setattr(MapReader, "__init__", init)
    for name in ACCESSORS:
        original = getattr(MapReader, name)
        signature = inspect.signature(original)

        def wrapper(
            self: MapReader,
            *args: Any,
            _original: Callable[..., Any] = original,
            _name: str = name,
            _signature: inspect.Signature = signature,
            **kwargs: Any,
        ) -> Any:
            bound = _signature.bind(self, *args, **kwargs)
            bound.apply_defaults()
            where = (self.problems.file, self.path, bound.arguments["key"])
            if depth[0] == 0:
                rec.calls.setdefault(where, (_name, dict(bound.arguments)))
            depth[0] += 1
            try:
                return _original(self, *args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(MapReader, name, wrapper)
    return rec


EXTRA_PROFILE = """\
id: gemeente-test
naam: Een profiel met alle blokken
omschrijving: Voor de test van het schema.
ordegesprek: {termijn_uren: 48}
bevoegdheden: {staking: [beveiliger], garantie: beveiliger}
staking: {minimaal_eerdere_maatregelen: 3}
aftrek: {kritiek: 50, zwaar: 25, licht: 10}
slaaggrens: 60
regels:
  orde-voor-inhoud: {ernst: licht}
"""


@dataclass
class Loaded:
    recording: Recording
    kinds: dict[str, str]  # resolved file path -> kind of file
    library: Library  # the bundled library


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Loaded:
    """Load everything the loader knows how to read, recording what it asks for."""
    extra = tmp_path_factory.mktemp("schema") / "gemeente-test.yaml"
    extra.write_text(EXTRA_PROFILE, encoding="utf-8")
    files = [*BUNDLED, *sorted(FIXTURES.glob("*.yaml")), *sorted(BROKEN.glob("*.yaml")), extra]
    kinds: dict[str, str] = {}
    for path in files:
        problems = Problems(str(path))
        text = read_text(str(path), problems)
        root = compose(text, problems) if text is not None else None
        if root is not None:
            kinds[str(path.resolve())] = kind_of(root)
    with pytest.MonkeyPatch.context() as mp:
        rec = recording(mp)
        library = load([bundled_dir()])  # the files themselves, not the session's kept copy
        load([FIXTURES / "mini.yaml", FIXTURES / "mini.test.yaml", extra, *BROKEN.glob("*.yaml")])
    return Loaded(rec, kinds, library)


def resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        node = root["$defs"][name]
    return node


def branches(root: dict[str, Any], node: dict[str, Any]) -> list[dict[str, Any]]:
    """The node and, for a union, every alternative (the null alternative left out)."""
    node = resolve(root, node)
    out = [node]
    for alternative in node.get("anyOf", []):
        out += branches(root, alternative)
    return [n for n in out if n.get("type") != "null"]


def is_record(node: dict[str, Any]) -> bool:
    return "properties" in node and node.get("additionalProperties") is False


@functools.cache
def record_in(kind: str, path: str) -> dict[str, Any] | None:
    return record_at(schema_for(kind), path)


def record_at(root: dict[str, Any], path: str) -> dict[str, Any] | None:
    """The block with fixed keys that a MapReader at ``path`` reads, or None."""
    nodes = [root]
    for index, key in re.findall(r"\[(\d+)\]|([^.\[\]]+)", path):
        following: list[dict[str, Any]] = []
        for candidate in (b for n in nodes for b in branches(root, n)):
            if index and "items" in candidate:
                following.append(candidate["items"])
            elif key and key in candidate.get("properties", {}):
                following.append(candidate["properties"][key])
            elif key and isinstance(candidate.get("additionalProperties"), dict):
                following.append(candidate["additionalProperties"])
        nodes = following
    records = [b for n in nodes for b in branches(root, n) if is_record(b)]
    return records[0] if records else None


def records(schema: dict[str, Any]) -> dict[int, str]:
    return {id(node): pointer for pointer, node in subschemas(schema) if is_record(node)}


@functools.cache
def records_in(kind: str) -> dict[int, str]:
    return records(schema_for(kind))


# Keys the loader checks itself after ``raw()`` (with its own message), not through an accessor
# with ``required=True``: they are required all the same.
REQUIRED_BY_HAND = {
    ("scenario", "#"): {"start"},
    ("scenario", "#/$defs/keuze"): {"naar"},
    ("scenario", "#/$defs/fase/properties/timer"): {"naar"},
    ("catalogus", "#/$defs/interventie"): {"rollen"},
}
# Required only in some documents: 'examen' when 'modus: examen' (the schema says so with if/then).
REQUIRED_WHEN = {("cursus", "#"): {"examen"}}


def test_schema_and_loader_read_the_same_keys_at_every_place(loaded: Loaded) -> None:
    rec, kinds = loaded.recording, loaded.kinds
    known: dict[tuple[str, int], set[str]] = defaultdict(set)
    required: dict[tuple[str, int], set[str]] = defaultdict(set)
    problems: list[str] = []
    unknown_at: dict[tuple[str, str], tuple[set[str], str]] = {}
    files = {r.problems.file for r in rec.readers}
    kind_of_file = {file: kinds[str(Path(file).resolve())] for file in files}
    for reader in rec.readers:
        kind = kind_of_file[reader.problems.file]
        record = record_in(kind, reader.path)
        if record is None:
            problems.append(
                f"{kind} {reader.path!r}: de lader leest hier een blok, het schema niet"
            )
            continue
        unknown = set(reader.known) - set(record["properties"])
        if unknown:
            place = (kind, records_in(kind)[id(record)])
            unknown_at.setdefault(place, (set(), reader.path))[0].update(unknown)
        known[kind, id(record)] |= set(reader.known)
        for key in reader.known:
            call = rec.calls.get((reader.problems.file, reader.path, key))
            if call is not None and call[1].get("required") is True:
                required[kind, id(record)].add(key)
    for (kind, pointer), (keys, example) in unknown_at.items():
        problems.append(
            f"{kind} {pointer} (bijvoorbeeld {example!r}): de lader leest {sorted(keys)}, "
            "het schema kent die sleutels hier niet"
        )
    for kind in regie_schema.FILES:
        schema = schema_for(kind)
        for node_id, pointer in records_in(kind).items():
            node = next(n for p, n in subschemas(schema) if p == pointer)
            assert (kind, node_id) in known, (
                f"{kind} {pointer}: geen enkel bestand laat de lader dit blok lezen; voeg er een "
                "toe aan deze test"
            )
            extra = set(node["properties"]) - known[kind, node_id]
            if extra:
                problems.append(
                    f"{kind} {pointer}: het schema staat {sorted(extra)} toe, de lader leest ze niet"
                )
            loader_required = (
                required[kind, node_id] | REQUIRED_BY_HAND.get((kind, pointer), set())
            ) - REQUIRED_WHEN.get((kind, pointer), set())
            if set(node.get("required", [])) != loader_required:
                problems.append(
                    f"{kind} {pointer}: verplicht volgens het schema {sorted(node.get('required', []))}, "
                    f"volgens de lader {sorted(loader_required)}"
                )
    assert not problems, "\n".join(problems)


COURSE = """\
id: c
titel: Een cursus
omschrijving: Voor de test van het schema.
scenarios: [a, b]
"""


@pytest.mark.parametrize(
    ("rest", "valid"),
    [
        ("modus: training\n", True),
        ("modus: examen\nexamen: {aantal: 1}\n", True),
        ("modus: examen\n", False),
        ("modus: examen\nexamen:\n", False),
        ("modus: training\nexamen: {aantal: 1}\n", False),
        ("modus: training\nexamen:\n", True),
    ],
)
def test_the_course_requires_examen_exactly_for_modus_examen(rest: str, valid: bool) -> None:
    problems = Problems("cursus.yaml")
    root = compose(COURSE + rest, problems)
    assert root is not None
    read_course(root, problems)
    assert (not problems.items) == valid, [str(p) for p in problems.items]
    assert (not errors("cursus", yaml12(root))) == valid


def types_of(node: dict[str, Any]) -> list[str]:
    declared = node.get("type", [])
    return [t for t in (declared if isinstance(declared, list) else [declared]) if t != "null"]


def test_schema_and_loader_agree_on_the_kind_of_each_value(loaded: Loaded) -> None:
    """Text, ja/nee, a word from a list, a whole number or a number with the same range."""
    rec, kinds = loaded.recording, loaded.kinds
    problems: list[str] = []
    checked: set[tuple[str, str, str]] = set()
    files = {file for file, _, _ in rec.calls}
    kind_of_file = {file: kinds.get(str(Path(file).resolve())) for file in files}
    for (file, path, key), (accessor, arguments) in rec.calls.items():
        kind = kind_of_file[file]
        if kind is None:
            continue
        schema = schema_for(kind)
        record = record_in(kind, path)
        if record is None or key not in record["properties"]:
            continue  # reported by the test above
        pointer = records_in(kind)[id(record)]
        if (kind, pointer, key) in checked:
            continue
        checked.add((kind, pointer, key))
        alternatives = branches(schema, record["properties"][key])
        types = [types_of(b) for b in alternatives]
        text = ["string", "number", "boolean"]
        where = f"{kind} {pointer}/properties/{key} ({accessor})"
        if accessor == "text":
            if text not in types:
                problems.append(f"{where}: geen tekst in het schema ({types})")
        elif accessor == "boolean":
            if ["boolean"] not in types or not any(
                b.get("enum") == ["ja", "nee"] for b in alternatives
            ):
                problems.append(f"{where}: geen ja/nee in het schema")
        elif accessor == "choice":
            enums = [b["enum"] for b in alternatives if "enum" in b]
            if enums != [list(arguments["options"])]:
                problems.append(
                    f"{where}: {enums} in het schema, {list(arguments['options'])} in de lader"
                )
        elif accessor in ("integer", "number"):
            json_type = "integer" if accessor == "integer" else "number"
            numbers = [b for b in alternatives if types_of(b) == [json_type]]
            low = arguments["low"]
            bound = (
                numbers[0].get("minimum", numbers[0].get("exclusiveMinimum")) if numbers else None
            )
            if not numbers or bound != low or numbers[0].get("maximum") != arguments["high"]:
                problems.append(
                    f"{where}: bereik {numbers} in het schema, {low}..{arguments['high']} in de lader"
                )
            elif "exclusiveMinimum" in numbers[0] and key != "kans":
                problems.append(f"{where}: alleen 'kans' sluit de ondergrens uit")
        elif accessor == "texts":
            if not (["array"] in types and text in types):
                problems.append(f"{where}: geen opsomming van teksten (of één tekst) in het schema")
        elif accessor == "sequence":
            if ["array"] not in types:
                problems.append(f"{where}: geen opsomming in het schema")
        elif accessor == "mapping":
            if not any(isinstance(b.get("additionalProperties"), dict) for b in alternatives):
                problems.append(f"{where}: geen blok met eigen namen in het schema")
        elif accessor == "sub" and not any(is_record(b) for b in alternatives):
            problems.append(f"{where}: geen blok met vaste sleutels in het schema")
    assert not problems, "\n".join(problems)
    assert len(checked) > 60


# --- scalars: exactly the forms the loader accepts ------------------------------------------


def fragment_validator(fragment: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator({"$schema": regie_schema.DRAFT, **fragment})


def quoted(text: str) -> Node:
    return Node("scalar", Mark(1, 1), text, plain=False)


def loader_accepts(convert: Callable[..., Any], text: str, **bounds: Any) -> bool:
    problems = Problems("x.yaml")
    value = convert(quoted(text), "x", problems, **bounds)
    return not problems.items and value is not None


NUMBER_WORDS = [
    *(str(n) for n in range(-3, 13)),
    *("0,5", ",5", ".5", "0.25", "1,", "1.", "1,0", "1,00", "+1", "+0,3", "-0", "-0,0", "-,0"),
    *("00", "007", "0,0", "0,", ",", ".", "1,5", "1.5", "0,05", "2,5e1", "1e3", "abc", ""),
    *(" 3 ", "3 4", "1,2,3", "+-1", "--1", "0x10", "0o7"),
]


def numeric_places() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for kind in regie_schema.FILES:
        for pointer, node in subschemas(schema_for(kind)):
            for alternative in node.get("anyOf", []):
                if alternative.get("type") in ("integer", "number"):
                    yield kind, pointer, node
                    break


NUMERIC = list(numeric_places())


@pytest.mark.parametrize(
    ("kind", "pointer", "fragment"), NUMERIC, ids=[f"{k}{p[1:]}" for k, p, _ in NUMERIC]
)
def test_numbers_are_accepted_in_exactly_the_forms_the_loader_accepts(
    kind: str, pointer: str, fragment: dict[str, Any]
) -> None:
    number = next(b for b in fragment["anyOf"] if b.get("type") in ("integer", "number"))
    whole = number["type"] == "integer"
    low = number.get("minimum", number.get("exclusiveMinimum"))
    high = number.get("maximum")
    exclusive = "exclusiveMinimum" in number
    check = fragment_validator(fragment)
    words = [*NUMBER_WORDS]
    for edge in (low, high):
        if edge is not None:
            words += [str(edge + d) for d in (-1, 0, 1)]
            words += [f"{edge + d},5" for d in (-1, 0)] + [f"{edge},0", f"{edge}.01", f"0{edge}"]
    for word in words:
        accepts = loader_accepts(read_int if whole else read_number, word, low=low, high=high)
        if exclusive and accepts:
            accepts = float(word.strip().replace(",", ".")) > low
        assert check.is_valid(word) == accepts, f"{pointer}: '{word}' (tussen aanhalingstekens)"
        # Unquoted, an editor sees the number, the loader the text. They differ only where JSON
        # Schema cannot see how a number was written: 0x10, 0o7 and 1e3 (the loader wants plain
        # digits), and 1. or 1.0 for a whole number.
        plain = yaml12(Node("scalar", Mark(1, 1), word.strip()))
        written_differently = re.search(r"0x|0o|[eE]", word) or (whole and "." in word)
        if isinstance(plain, (int, float)) and not written_differently:
            assert check.is_valid(plain) == accepts, f"{pointer}: {word} (zonder aanhalingstekens)"


@given(st.integers(0, 20_000), st.integers(0, 20_000), st.integers(0, 40_000))
def test_the_whole_number_ranges_are_exact(a: int, b: int, n: int) -> None:
    lo, hi = min(a, b), max(a, b)
    pattern = re.compile(f"^(?:{regie_schema._digits(lo, hi)})$")
    assert bool(pattern.match(str(n))) == (lo <= n <= hi), (lo, hi, n, pattern.pattern)


DECIMAL_RANGES = [
    (
        low,
        high,
        exclusive,
        fragment_validator(regie_schema._number("x", low, high, exclusive_low=exclusive)),
    )
    for low, high, exclusive in (
        (0, 1, True),
        (1, 3600, False),
        (0, 10_000, False),
        (1, 8760, False),
    )
]


@given(st.from_regex(r"\A *[-+]?[0-9]{0,4}(?:[.,][0-9]{0,3})? *\Z"))
def test_decimal_numbers_with_a_comma_agree_with_the_loader(word: str) -> None:
    for low, high, exclusive, check in DECIMAL_RANGES:
        accepts = loader_accepts(read_number, word, low=low, high=high)
        if exclusive and accepts:
            accepts = float(word.strip().replace(",", ".")) > low
        assert check.is_valid(word) == accepts, (word, low, high)


def loader_reads_ja_nee(word: str) -> bool:
    node = Node("map", Mark(1, 1), pairs=[(quoted("k"), quoted(word))])
    problems = Problems("x.yaml")
    MapReader(node, "", problems, "x").boolean("k")
    return not problems.items


def test_ja_nee_in_every_form_the_loader_accepts() -> None:
    fragment = regie_schema._boolean("x")
    check = fragment_validator(fragment)
    for word in sorted(YES_WORDS | NO_WORDS):
        for form in (word, word.upper(), word.capitalize(), f" {word} "):
            assert loader_reads_ja_nee(form) and check.is_valid(form), form
    for value in (True, False):
        assert check.is_valid(value)
    for word in ("misschien", "j", "neee", "1", "0", "", "ja nee", "Nee ", "WAAR", "oN"):
        assert check.is_valid(word) == loader_reads_ja_nee(word), word
    assert not check.is_valid(1) and not check.is_valid(None)
    model = fragment_validator(regie_schema._true())
    assert all(
        model.is_valid(w) for w in ("ja", "Ja", "true", "waar", "yes", "on")
    ) and model.is_valid(True)
    assert not any(model.is_valid(w) for w in ("nee", "false", False, "misschien"))


def test_conditions_and_moves_follow_the_loader() -> None:
    from simulator.language.conditions import ConditionError, parse_condition
    from simulator.language.plan import parse_move

    condition = re.compile(regie_schema.CONDITION)
    for text in (
        "spanning >= 2",
        "spanning>=2",
        "  a_1 != -3 en b = 0 ",
        "en > 1 en x < 2",
        "spanning groot",
        "Spanning >= 2",
        "spanning >= 2 en",
        "spanning => 2",
        "a >= 2.5",
        "a >= 2 of b < 1",
        "",
    ):
        try:
            parse_condition(text)
            ok = True
        except ConditionError:
            ok = False
        assert bool(condition.match(text)) == ok, text
    move = re.compile(regie_schema.MOVE)
    for text in ("grens-stellen", "3", "wacht", "grens-stellen@2.5", "x@ 3", "x@", "x@1e2"):
        parse_move(text)
        assert move.match(text), text
    for text in ("x@2,5", "x@twee", "@3", ""):
        assert not move.match(text), text


# --- defaults ------------------------------------------------------------------------------


def test_the_defaults_in_the_schema_are_the_loaders() -> None:
    lib = load([FIXTURES / "mini.yaml"])
    mini = lib.scenarios["test-mini"]
    scenario = schema_for("scenario")
    top = scenario["properties"]
    assert parse(FIXTURES / "mini.yaml").get("profiel") is None
    assert parse(FIXTURES / "mini.yaml").get("locatie") is None
    assert top["profiel"]["default"] == mini.profile
    assert top["locatie"]["default"] == mini.location
    fase = scenario["$defs"]["fase"]["properties"]
    quiet = mini.fasen["stil"].facts
    assert fase["druk"]["default"] == quiet.pressure == "geen"
    for key, attribute in (
        ("gevaar", "danger"),
        ("afwachten", "wait_ok"),
        ("volhardend", "persistent"),
    ):
        assert fase[key]["default"] == "nee" and getattr(quiet, attribute) is False
    catalogue = schema_for("catalogus")["$defs"]["interventie"]["properties"]
    assert catalogue["stijl"]["default"] == "neutraal"
    problems = Problems("profiel.yaml")
    without_aftrek = compose(EXTRA_PROFILE.split("aftrek:")[0] + "slaaggrens: 60\n", problems)
    assert without_aftrek is not None
    profile = read_profile(without_aftrek, problems)
    assert not problems.items
    aftrek = schema_for("profiel")["properties"]["aftrek"]["properties"]
    assert {k: v["default"] for k, v in aftrek.items()} == profile.deductions
    plan_text = "scenario: test-mini\ngevallen:\n  - naam: zonder zaad\n    keuzes: [wacht]\n"
    plan_root = compose(plan_text, problems)
    assert plan_root is not None
    plan = read_plan(plan_root, problems)
    assert plan is not None and not problems.items
    case = schema_for("testplan")["$defs"]["geval"]["properties"]
    assert case["zaad"]["default"] == plan.cases[0].seed == 0


def test_the_catalogue_ids_are_offered_as_examples(loaded: Loaded) -> None:
    interventie = schema_for("scenario")["$defs"]["keuze"]["properties"]["interventie"]
    assert interventie["examples"] == list(loaded.library.catalogue.interventions)
    assert errors_at(interventie, "een-eigen-interventie") == [], (
        "een eigen catalogus blijft mogelijk"
    )


def errors_at(fragment: dict[str, Any], value: Any) -> list[str]:
    return [e.message for e in fragment_validator(fragment).iter_errors(value)]


# --- the broken fixtures ---------------------------------------------------------------------

# Mistakes in the form of a file: the schema underlines them too, at the loader's place.
SCHEMA_CATCHES = [
    "onbekende-sleutel.yaml",
    "ontbrekende-titel.yaml",
    "verkeerd-type.yaml",
    "geen-ja-of-nee.yaml",
    "niveau-buiten-bereik.yaml",
    "onbekend-agressietype.yaml",
    "foute-voorwaarde.yaml",
    "kans-buiten-bereik.yaml",
    "geen-modelantwoord.yaml",
    "twee-modelantwoorden.yaml",
    "te-veel-keuzes.yaml",
    "fase-loopt-dood.yaml",
    "keuzes-en-verder.yaml",
    "timer-zonder-naar.yaml",
    "meerdere-fouten.yaml",
]
# Mistakes in the meaning: only the loader sees them (the schema knows no other files, no
# names of fasen or variables, and cannot say 'the last item'); the schema accepts the form.
ONLY_THE_LOADER = {
    "dubbele-interventie.yaml": "twee keuzes met hetzelfde id",
    "einde-heet-als-fase.yaml": "een einde met de naam van een fase",
    "geen-uitweg.yaml": "een kringetje zonder einde",
    "interventie-verkeerde-rol.yaml": "de rol van een interventie staat in de catalogus",
    "kringetje-verder.yaml": "fasen die vanzelf in een kringetje gaan",
    "laatste-mogelijkheid-voorwaardelijk.yaml": "de laatste mogelijkheid van een route",
    "onbekend-profiel.yaml": "het profiel staat in een ander bestand",
    "onbekende-fase.yaml": "de namen van de fasen",
    "onbekende-interventie.yaml": "de catalogus kan door de trainer worden aangepast",
    "onbekende-variabele-als.yaml": "de namen van de variabelen",
    "onbekende-variabele-effect.yaml": "de namen van de variabelen",
    "dubbele-sleutel.yaml": "dubbele sleutels meldt de editor zelf (YAML), niet het schema",
}


def loader_places(path: Path) -> list[list[str]]:
    lib = load([path])
    return [
        to_schema_path(p.path)
        for p in lib.problems
        if Path(p.file).resolve() == path.resolve() and p.severity is Severity.ERROR
    ]


def to_schema_path(path: str) -> list[str]:
    """'fasen.boos.keuzes[2].naar' -> ['fasen', 'boos', 'keuzes', '1', 'naar'] (0-based)."""
    return [
        str(int(index) - 1) if index else key
        for index, key in re.findall(r"\[(\d+)\]|([^.\[\]]+)", path)
    ]


@pytest.mark.parametrize("name", SCHEMA_CATCHES)
def test_the_schema_underlines_the_structural_mistakes_where_the_loader_does(name: str) -> None:
    path = BROKEN / name
    found = list(validator("scenario").iter_errors(yaml12(parse(path))))
    assert found, f"{name}: het schema ziet de fout niet"
    places = loader_places(path)
    for error in found:
        where = [str(p) for p in error.absolute_path]
        assert any(place[: len(where)] == where for place in places), (
            f"{name}: het schema wijst {where} aan ({error.message[:120]}), de lader {places}"
        )


@pytest.mark.parametrize("name", sorted(ONLY_THE_LOADER))
def test_the_schema_accepts_the_form_of_a_file_with_a_mistake_in_its_meaning(name: str) -> None:
    path = BROKEN / name
    assert loader_places(path), f"{name}: de lader meldt niets"
    assert errors("scenario", yaml12(parse(path))) == []


def test_the_listed_fixtures_exist_and_parse() -> None:
    parseable = set()
    for path in BROKEN.glob("*.yaml"):
        problems = Problems(str(path))
        text = read_text(str(path), problems)
        if text is not None and compose(text, problems) is not None:
            parseable.add(path.name)
    listed = set(SCHEMA_CATCHES) | set(ONLY_THE_LOADER)
    assert listed <= parseable
