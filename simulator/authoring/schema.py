"""JSON Schema (draft 2020-12) for every kind of Regie YAML file, so that editors help authors.

``python -m simulator.authoring.schema`` writes ``simulator/authoring/schemas/*.schema.json``. Every bundled YAML
file names its schema on its first line::

    # yaml-language-server: $schema=../../simulator/authoring/schemas/scenario.schema.json

and editors with the YAML language server (VS Code's YAML extension by Red Hat, Neovim, Helix,
Zed, ...) then complete keys and values, show the Dutch description on hover and underline
mistakes while the author types. The loader stays the judge: the schema checks the form of a
file, ``regie check`` also its meaning (routes that lead somewhere, variables that exist, ...).

The schemas are built from the loaders' own sources (``simulator/language/vocabulary.py``, the word lists
of the reader, the course loader and the test plans, the bundled catalogue for examples), and
describe scalars as an editor's YAML 1.2 parser sees them: ``ja`` and ``0,5`` are text, ``true``
and ``0.5`` are not. Each place accepts every form the loader accepts there (``ja``/``nee`` and
their synonyms, a decimal comma, a quoted number), with the same ranges. tests/authoring/test_schema.py
keeps the schemas in step with the loaders and with these files.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from simulator.dutch import decimal
from simulator.language import fields
from simulator.language.course import MODES
from simulator.language.fields import Field
from simulator.language.plan import STATUS_WORDS
from simulator.language.reader import NO_WORDS, YES_WORDS
from simulator.language.vocabulary import (
    CATEGORIES,
    MAX_CHOICES,
    ROLES,
    RULE_IDS,
    SEVERITIES,
    STYLES,
)

Json = dict[str, Any]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
COMMAND = "python -m simulator.authoring.schema"
MODELINE = "# yaml-language-server: $schema="

FILES: dict[str, str] = {
    "scenario": "scenario.schema.json",
    "cursus": "cursus.schema.json",
    "profiel": "profiel.schema.json",
    "catalogus": "interventies.schema.json",
    "testplan": "testplan.schema.json",
}
"""The schema file for each kind of YAML file, by the kind names of ``library.kind_of``."""

VARIABLE_NAME = r"^[a-z_][a-z0-9_]*$"
_CLAUSE = r"[a-z_][a-z0-9_]*\s*(?:>=|<=|==|!=|>|<|=)\s*-?[0-9]+"
CONDITION = rf"^\s*{_CLAUSE}(?:\s+en\s+{_CLAUSE})*\s*$"
_SECONDS = r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
MOVE = rf"^\s*[^@\s][^@]*(?:@\s*(?:{_SECONDS})?\s*)?$"

_TEXT_TYPES = ("string", "number", "boolean")


def schema_path(kind: str) -> Path:
    """The schema file for a kind of YAML file ('scenario', 'testplan', ...)."""
    return SCHEMA_DIR / FILES[kind]


def modeline(kind: str, yaml_file: Path) -> str:
    """The first line that names the schema for ``yaml_file``, relative to its folder.

    The YAML language server reads the path up to the first space, so a path with a space in
    it (or on another drive) is written as a ``file:`` address instead.
    """
    target = schema_path(kind)
    try:
        ref = Path(os.path.relpath(target, yaml_file.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        ref = target.as_uri()
    if any(c.isspace() for c in ref):
        ref = target.as_uri()
    return MODELINE + ref


# --- scalars -------------------------------------------------------------------------------


def _text(description: str, *, examples: Sequence[str] = ()) -> Json:
    """A text: the loader reads any scalar as text, and an empty one as missing."""
    out: Json = {
        "description": description,
        "type": list(_TEXT_TYPES),
        "pattern": r"\S",
        "patternErrorMessage": "Deze tekst is leeg; vul hem in of haal de sleutel weg.",
    }
    if examples:
        out["examples"] = list(examples)
    return out


def _texts(description: str, item: str, *, unique: bool = False) -> Json:
    """A list of texts; the loader also accepts a single text as a list of one."""
    one = _text(item)
    many: Json = {"type": "array", "items": _text(item)}
    if unique:
        many["uniqueItems"] = True
    return {"description": description, "anyOf": [many, one]}


def _case_insensitive(words: Iterable[str]) -> str:
    def word(w: str) -> str:
        return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else c for c in w)

    return r"^\s*(?:" + "|".join(word(w) for w in sorted(words)) + r")\s*$"


def _boolean(description: str, *, default: str | None = "nee") -> Json:
    out: Json = {
        "description": description,
        "anyOf": [
            {"enum": ["ja", "nee"], "enumDescriptions": ["waar", "niet waar"]},
            {"type": "boolean"},
            {
                "type": "string",
                "pattern": _case_insensitive(YES_WORDS | NO_WORDS),
                "patternErrorMessage": "Schrijf ja of nee.",
            },
        ],
    }
    if default is not None:
        out["default"] = default
    return out


def _true() -> Json:
    """The values the loader reads as 'ja'."""
    return {
        "anyOf": [
            {"const": True},
            {"type": "string", "pattern": _case_insensitive(YES_WORDS)},
        ]
    }


def _digits(lo: int, hi: int) -> str:
    """A regular expression for the whole numbers lo..hi (lo >= 0) written without leading
    zeros; it is one unit (a group where it has alternatives), safe to put between others."""
    parts: list[str] = []
    for n in range(len(str(lo)), len(str(hi)) + 1):
        a = max(lo, 10 ** (n - 1) if n > 1 else 0)
        b = min(hi, 10**n - 1)
        if a <= b:
            parts.append(_same_length(str(a), str(b)))
    return _alternatives(parts)


def _same_length(a: str, b: str) -> str:
    """The numbers a..b, both written with the same number of digits (a <= b)."""
    if a == b:
        return a
    if a[0] == b[0]:
        return a[0] + _same_length(a[1:], b[1:])
    rest = len(a) - 1
    options: list[str] = []
    first, last = int(a[0]), int(b[0])
    if a[1:] != "0" * rest:  # a's own decade first: a..a[0]99
        options.append(a[0] + _same_length(a[1:], "9" * rest))
        first += 1
    tail = []
    if b[1:] != "9" * rest:  # and b's decade last: b[0]00..b
        tail.append(b[0] + _same_length("0" * rest, b[1:]))
        last -= 1
    if first <= last:
        head = str(first) if first == last else f"[{first}-{last}]"
        options.append(head + ("" if rest == 0 else "[0-9]" if rest == 1 else f"[0-9]{{{rest}}}"))
    return _alternatives(options + tail)


def _alternatives(options: list[str]) -> str:
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


def _span(low: float | None, high: float | None, *, exclusive_low: bool = False) -> str:
    if low is not None and high is not None and exclusive_low:
        return f"groter dan {decimal(low)} en hoogstens {decimal(high)}"
    if low is not None and high is not None:
        return f"van {decimal(low)} tot en met {decimal(high)}"
    if low is not None:
        return f"minstens {decimal(low)}"
    return "positief of negatief"


def _integer(
    description: str,
    low: int | None = None,
    high: int | None = None,
    *,
    default: int | None = None,
    examples: Sequence[int] = (),
) -> Json:
    """A whole number, as the loader reads it: also quoted, with the same range."""
    number: Json = {"type": "integer"}
    if low is not None:
        number["minimum"] = low
    if high is not None:
        number["maximum"] = high
    if low is None:
        assert high is None, "a whole number without a lower bound has no upper bound either"
        written = r"[-+]?[0-9]+"
    elif high is None:
        written = r"\+?[0-9]+" + ("|-0+" if low == 0 else "")
    else:
        assert 0 <= low <= high, "ranges start at 0 or higher"
        written = r"\+?0*" + _digits(low, high) + ("|-0+" if low == 0 else "")
    out: Json = {
        "description": description,
        "anyOf": [
            number,
            {
                "type": "string",
                "pattern": rf"^\s*(?:{written})\s*$",
                "patternErrorMessage": f"Verwacht een heel getal ({_span(low, high)}).",
            },
        ],
    }
    if default is not None:
        out["default"] = default
    if examples:
        out["examples"] = list(examples)
    return out


def _number(
    description: str,
    low: int,
    high: int,
    *,
    exclusive_low: bool = False,
    examples: Sequence[Any] = (),
) -> Json:
    """A number, as the loader reads it: with a decimal point or comma (``0,5``), in range."""
    number: Json = {"type": "number", "maximum": high}
    number["exclusiveMinimum" if exclusive_low else "minimum"] = low
    fraction = r"(?:[.,][0-9]*)?"
    options: list[str] = []  # the numbers in range, without a sign
    negative_zero = ""  # '-0' and '-0,0' are 0 to the loader
    if exclusive_low:
        assert low == 0, "only a lower bound of 0 can be exclusive"
        options.append(r"0*[.,][0-9]*[1-9][0-9]*")
        first = 1
    else:
        if low == 0:
            options.append(r"[.,][0-9]+")
            negative_zero = r"|-(?:0+(?:[.,]0*)?|[.,]0+)"
        first = low
    if first <= high - 1:
        options.append(r"0*" + _digits(first, high - 1) + fraction)
    options.append(rf"0*{high}(?:[.,]0*)?")
    out: Json = {
        "description": description,
        "anyOf": [
            number,
            {
                "type": "string",
                "pattern": r"^\s*(?:\+?(?:" + "|".join(options) + ")" + negative_zero + r")\s*$",
                "patternErrorMessage": (
                    f"Verwacht een getal ({_span(low, high, exclusive_low=exclusive_low)}); "
                    "een komma mag, bijvoorbeeld 0,5."
                ),
            },
        ],
    }
    if examples:
        out["examples"] = list(examples)
    return out


def _choice(
    description: str, words: Mapping[str, str] | Sequence[str], *, default: str | None = None
) -> Json:
    out: Json = {"description": description, "enum": list(words)}
    if isinstance(words, Mapping):
        out["enumDescriptions"] = list(words.values())
    if default is not None:
        out["default"] = default
    return out


def _rule_ids(description: str) -> Json:
    """A list of rule ids; the loader also accepts a single id as a list of one."""
    one = _choice("Het id van een regel (zie docs/regels.md).", RULE_IDS)
    return {"description": description, "anyOf": [{"type": "array", "items": one}, one]}


def _roles(description: str) -> Json:
    """One role, or a list of roles."""
    role = _choice("een rol", ROLES)
    return {
        "description": description,
        "anyOf": [{"type": "array", "items": role}, role],
    }


# --- structure -----------------------------------------------------------------------------


def _nullable(schema: Json) -> Json:
    """The loader reads an optional key without a value (``sleutel:``) as if it were absent."""
    out = dict(schema)
    if "type" in out:
        types = out["type"] if isinstance(out["type"], list) else [out["type"]]
        out["type"] = [*types, "null"]
    elif "anyOf" in out:
        out["anyOf"] = [*out["anyOf"], {"type": "null"}]
    else:
        inner = {k: v for k, v in out.items() if k not in ("description", "default", "examples")}
        out = {k: v for k, v in out.items() if k in ("description", "default", "examples")}
        out["anyOf"] = [inner, {"type": "null"}]
    return out


def _record(
    description: str,
    required: Mapping[str, Json],
    optional: Mapping[str, Json] | None = None,
    **extra: Any,
) -> Json:
    """A block with fixed keys (read by one MapReader): no other keys are allowed."""
    properties = dict(required)
    properties.update({k: _nullable(v) for k, v in (optional or {}).items()})
    out: Json = {
        "description": description,
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        out["required"] = sorted(required)
    out.update(extra)
    return out


def _map(description: str, values: Json, names: Json | None = None) -> Json:
    """A block whose keys the author chooses (fasen, variabelen, ...) or picks from a list."""
    out: Json = {"description": description, "type": "object", "additionalProperties": values}
    if names is not None:
        out["propertyNames"] = names
    return out


def _ref(name: str, description: str) -> Json:
    return {"$ref": f"#/$defs/{name}", "description": description}


def _document(kind: str, title: str, body: Json, defs: Json | None = None) -> Json:
    out: Json = {"$schema": DRAFT, "$comment": _comment(kind), "title": title, **body}
    if defs:
        out["$defs"] = defs
    return out


def _comment(kind: str) -> str:
    return (
        f"Gemaakt met '{COMMAND}' uit simulator/language/vocabulary.py en de laders; niet met de hand "
        f"bewerken. Zet in een {kind}: '{MODELINE}<pad naar dit bestand>' als eerste regel."
    )


# --- the five kinds --------------------------------------------------------------------------


def _effects(description: str) -> Json:
    return _map(
        description,
        _integer("Een heel getal, bijvoorbeeld 1 of -1."),
        {
            "pattern": VARIABLE_NAME,
            "patternErrorMessage": "Een variabele heet in kleine letters, cijfers en _.",
        },
    )


def _whole(x: float | None) -> Any:
    return int(x) if x is not None and float(x).is_integer() else x


def _field(f: Field, *, examples: Sequence[Any] = ()) -> Json:
    """The schema of one key of the language, from its ``Field`` (the loader reads the same)."""
    if f.kind == fields.TEXT:
        out = _text(f.description, examples=examples or f.examples)
        if f.default:
            out["default"] = f.default
        return out
    if f.kind == fields.TEXTS:
        return _texts(f.description, f.item)
    if f.kind == fields.FLAG:
        return _boolean(f.description, default=None if f.derived else "nee")
    if f.kind == fields.CHOICE:
        return _choice(f.description, f.words, default=f.default)
    if f.kind == fields.INTEGER:
        return _integer(
            f.description, _whole(f.low), _whole(f.high), default=f.default, examples=f.examples
        )
    assert f.kind == fields.NUMBER, f.kind
    return _number(
        f.description,
        _whole(f.low),
        _whole(f.high),
        exclusive_low=f.exclusive_low,
        examples=f.examples,
    )


def _fields(
    table: Mapping[str, Field], examples: Mapping[str, Sequence[Any]] | None = None
) -> tuple[Json, Json]:
    """The required and the optional keys of a block, from its field table."""
    described = {k: _field(f, examples=(examples or {}).get(k, ())) for k, f in table.items()}
    required = {k: s for k, s in described.items() if table[k].required}
    return required, {k: s for k, s in described.items() if not table[k].required}


def scenario_schema(intervention_ids: Sequence[str] = ()) -> Json:
    route = {
        "description": (
            "Waar het verhaal heen gaat: de naam van een fase of einde, of een opsomming van "
            "mogelijkheden die van boven naar beneden wordt bekeken; de eerste die past, wordt "
            "genomen. De laatste mogelijkheid heeft geen 'als' en geen 'kans'."
        ),
        "anyOf": [
            _text("De naam van een fase of einde."),
            {
                "type": "array",
                "minItems": 1,
                "items": {"$ref": "#/$defs/mogelijkheid"},
            },
        ],
    }
    way, way_optional = _fields(fields.WAY)
    possibility = _record(
        "Eén mogelijkheid van een route: 'naar' met eventueel een voorwaarde ('als') of een kans.",
        way,
        {
            **way_optional,
            "als": {
                "description": (
                    "Een voorwaarde op variabelen: 'spanning >= 2', met 'en' te combineren "
                    "('spanning >= 2 en geduld < 1'). Vergelijk met >=, <=, ==, !=, >, < of =."
                ),
                "type": "string",
                "pattern": CONDITION,
                "patternErrorMessage": (
                    "Schrijf een voorwaarde zoals 'spanning >= 2' of 'spanning >= 2 en geduld < 1'."
                ),
                "examples": ["spanning >= 2"],
            },
        },
    )
    choice_required, choice_optional = _fields(
        fields.CHOICE_FIELDS, {"interventie": intervention_ids}
    )
    choice = _record(
        "Een keuze van de trainee: wat hij concreet zegt of doet, en de interventie uit de "
        "catalogus die de keuze haar betekenis voor de regels geeft.",
        {
            **choice_required,
            "naar": _ref("route", "Waar het verhaal heen gaat na deze keuze."),
        },
        {
            **choice_optional,
            "effect": _ref("effecten", "Variabelen ophogen of verlagen: {spanning: 1}."),
            "zet": _ref("toewijzingen", "Variabelen een waarde geven: {spanning: 0}."),
            "breekt": _rule_ids(
                "Alleen bij 'oordeel: fout': de regels die deze keuze overtreedt. 'regie check' "
                "gaat na dat elk van die regels de keuze afkeurt, overal waar ze te kiezen is."
            ),
        },
        allOf=[
            {
                "if": {"required": ["model"], "properties": {"model": _true()}},
                "then": {
                    "properties": {
                        "oordeel": {
                            "enum": ["goed", None],
                            "errorMessage": "Een modelantwoord is altijd 'oordeel: goed'.",
                        }
                    }
                },
            },
            {
                "if": {
                    "required": ["breekt"],
                    "properties": {"breekt": {"not": {"type": "null"}}},
                },
                "then": {
                    "required": ["oordeel"],
                    "properties": {
                        "oordeel": {
                            "const": "fout",
                            "errorMessage": "'breekt' hoort bij 'oordeel: fout'.",
                        }
                    },
                },
            },
        ],
    )
    exactly_one_model = {
        "if": {"minItems": 1},
        "then": {
            "contains": {"required": ["model"], "properties": {"model": _true()}},
            "minContains": 1,
            "maxContains": 1,
            "errorMessage": "Zet bij precies één keuze 'model: ja' (het modelantwoord).",
        },
    }
    fase_required, fase_optional = _fields({**fields.FASE, **fields.FACTS})
    fase = _record(
        "Een fase: wat er gebeurt, en de feiten die de regels lezen (de regels lezen nooit de "
        "tekst). Een fase heeft 'keuzes' óf 'verder'.",
        fase_required,
        {
            **fase_optional,
            "effect": _ref("effecten", "Variabelen ophogen bij binnenkomst: {spanning: 1}."),
            "zet": _ref(
                "toewijzingen", "Variabelen een waarde geven bij binnenkomst: {spanning: 0}."
            ),
            "verstrijkt": _record(
                "Scenariotijd die verstrijkt bij binnenkomst, voor verhalen over meer bezoeken: "
                "{minuten: 10}, {uren: 18} of {dagen: 1}.",
                *_fields(fields.ELAPSE),
                minProperties=1,
            ),
            "timer": _record(
                "Waar het verhaal heen gaat als de trainee niets kiest: niets doen is ook een keuze.",
                {
                    **_fields(fields.TIMER)[0],
                    "naar": _ref("route", "Waar het verhaal heen gaat als de tijd om is."),
                },
            ),
            "keuzes": {
                "description": f"De keuzes van de trainee (hoogstens {MAX_CHOICES}, de toetsen "
                f"1-{MAX_CHOICES}), met bij precies één 'model: ja'.",
                "type": "array",
                "maxItems": MAX_CHOICES,
                "items": {"$ref": "#/$defs/keuze"},
                **exactly_one_model,
            },
            "verder": _ref(
                "route",
                "In plaats van keuzes: het verhaal gaat vanzelf verder (een gebeurtenis: de "
                "beveiliger komt binnen, 'de volgende dag').",
            ),
        },
        anyOf=[{"required": ["keuzes"]}, {"required": ["verder"]}],
        dependentSchemas={
            "verder": {
                "properties": {
                    "keuzes": False,
                    "timer": {
                        "type": "null",
                        "errorMessage": "Een fase die vanzelf verder gaat heeft geen timer nodig.",
                    },
                }
            }
        },
    )
    ending = _record(
        "Een einde van het verhaal. De uitkomst is het verhaal; of de trainee het protocol "
        "volgde, beslissen de regels.",
        *_fields(fields.ENDING),
    )
    top, top_optional = _fields(fields.SCENARIO)
    body = _record(
        "Een scenario: een bezoeker, de fasen van het gesprek, de keuzes van de trainee en de "
        "eindes.",
        {
            **top,
            "bezoeker": _record(
                "De bezoeker die de trainee tegenover zich heeft.", *_fields(fields.VISITOR)
            ),
            "start": _ref(
                "route",
                "Waar het scenario begint: de eerste fase, of een opsomming met 'kans' "
                "(dan kiest het zaad een variant).",
            ),
            "fasen": _map(
                "De fasen van het gesprek, elk onder een eigen naam (die routes met 'naar' "
                "gebruiken).",
                {"$ref": "#/$defs/fase"},
            ),
            "eindes": _map(
                "De eindes, elk onder een eigen naam (een andere dan die van de fasen).",
                {"$ref": "#/$defs/einde"},
            ),
        },
        {
            **top_optional,
            "tweede_bezoeker": _record(
                "Een tweede bezoeker in hetzelfde scenario (bijvoorbeeld uw eigen klant, terwijl "
                "de bezoeker van een collega de orde verstoort). Een fase noemt met 'bezoeker:' "
                "over wie haar feiten gaan.",
                *_fields(fields.SECOND_VISITOR),
            ),
            "kernregels": _rule_ids(
                "De regels die de kern van dit scenario zijn (uit de leerdoelen): wie er één "
                "overtreedt, is niet geslaagd, wat de score ook is."
            ),
            "variabelen": _map(
                "Variabelen voor routes met 'als', elk met een heel getal als beginwaarde.",
                _integer("De beginwaarde."),
                {
                    "pattern": VARIABLE_NAME,
                    "patternErrorMessage": "Een variabele heet in kleine letters, cijfers en _.",
                },
            ),
            "voorgeschiedenis": _record(
                "Wat er vóór dit scenario gebeurde.", *_fields(fields.HISTORY)
            ),
        },
    )
    defs = {
        "route": route,
        "mogelijkheid": possibility,
        "fase": fase,
        "keuze": choice,
        "einde": ending,
        "effecten": _effects("Variabelen ophogen of verlagen met een heel getal."),
        "toewijzingen": _effects("Variabelen een waarde geven."),
    }
    return _document("scenario", "Regie: scenario", body, defs)


def catalogue_schema() -> Json:
    intervention = _record(
        "Een interventie: een handeling waaruit de trainee kiest. De regels lezen alleen "
        "'categorie' en 'stijl', nooit de tekst.",
        {
            "label": _text("Korte omschrijving van de handeling."),
            "categorie": _choice("Wat de handeling voor de regels betekent.", CATEGORIES),
            "rollen": _roles(
                "Aan wie een scenario deze keuze mag voorleggen. Wie de maatregel ook echt mag "
                "nemen, staat in het protocolprofiel (bevoegdheden)."
            ),
        },
        {
            "stijl": _choice(
                "Steunend of sturend, voor de regel over de stijl.", STYLES, default="neutraal"
            )
        },
    )
    body = _record(
        "De interventiecatalogus: de handelingen waaruit een trainee kiest.",
        {
            "interventies": _map(
                "De interventies, elk onder een eigen id (waar scenario's met 'interventie:' "
                "naar verwijzen).",
                {"$ref": "#/$defs/interventie"},
            )
        },
    )
    return _document(
        "interventiecatalogus", "Regie: interventiecatalogus", body, {"interventie": intervention}
    )


def profile_schema() -> Json:
    from scoring.registry import BY_ID

    titles = {rid: f"{BY_ID[rid].title} (standaard: {BY_ID[rid].severity})" for rid in RULE_IDS}
    body = _record(
        "Een protocolprofiel: wat per organisatie verschilt. Een gemeente past het profiel aan, "
        "niet de code.",
        {
            "id": _text("Het id waarmee scenario's naar dit profiel verwijzen ('profiel:')."),
            "naam": _text("De naam van het profiel."),
            "ordegesprek": _record(
                "Het ordegesprek.",
                {
                    "termijn_uren": _number(
                        "Binnen hoeveel uur na het incident het ordegesprek gevoerd moet zijn.",
                        1,
                        24 * 365,
                        examples=[24],
                    )
                },
            ),
            "bevoegdheden": _map(
                "Wie welke maatregel mag nemen: per categorie uit de interventiecatalogus de "
                "rollen. Een categorie die hier niet staat, mag iedereen gebruiken.",
                _roles("De rollen die deze maatregel mogen nemen."),
                _choice("Een categorie uit de interventiecatalogus.", CATEGORIES),
            ),
            "slaaggrens": _integer(
                "De score (0-100) die minstens nodig is om te slagen. Een overtreden regel van "
                "ernst 'kritiek' betekent altijd: niet geslaagd.",
                0,
                100,
                examples=[70],
            ),
        },
        {
            "omschrijving": _text("Waar het profiel op gebaseerd is."),
            "staking": _record(
                "Staking van de dienstverlening. Zonder dit blok zijn 2 eerdere maatregelen nodig.",
                {
                    "minimaal_eerdere_maatregelen": _integer(
                        "Hoeveel eerdere ordegesprekken of andere maatregelen er minstens moeten "
                        "zijn voordat staking aan de orde is.",
                        0,
                        100,
                    )
                },
            ),
            "aftrek": _record(
                "Hoeveel punten een overtreden regel kost, naar ernst. De score begint op 100; "
                "elke overtreden regel telt één keer.",
                {},
                {
                    severity: _integer(
                        f"Aftrek voor een overtreden regel van ernst {severity}.",
                        0,
                        100,
                        default=points,
                    )
                    for severity, points in zip(SEVERITIES, (40, 20, 5), strict=True)
                },
            ),
            "regels": _map(
                "Een andere ernst voor een regel dan de standaard.",
                _record(
                    "De ernst van deze regel in dit profiel.",
                    {"ernst": _choice("De ernst van de regel.", SEVERITIES)},
                ),
                _choice("Het id van een regel (zie docs/regels.md).", titles),
            ),
        },
    )
    return _document("protocolprofiel", "Regie: protocolprofiel", body)


def course_schema() -> Json:
    body = _record(
        "Een cursus: een reeks scenario's voor een training of een examen.",
        {
            "id": _text("Het id waarmee scenario's naar deze cursus verwijzen ('trainingen:')."),
            "titel": _text("De titel van de cursus."),
            "omschrijving": _text("Voor wie de cursus is en wat de trainee leert."),
            "modus": _choice("Training of examen.", MODES),
            "scenarios": _texts(
                "De scenario's (id's) van de cursus, in volgorde; elk scenario noemt de cursus "
                "ook onder 'trainingen'.",
                "het id van een scenario",
                unique=True,
            ),
        },
        {
            "doelgroep": _choice("Voor welke rol de cursus is (weglaten: beide rollen).", ROLES),
            "examen": _record(
                "Het examen: alleen bij 'modus: examen', en dan verplicht.",
                {
                    "aantal": _integer(
                        "Hoeveel scenario's er per examen door het toeval gekozen worden.", 1, 100
                    )
                },
                {
                    "slaaggrens": _integer(
                        "De slaaggrens van het examen (weglaten: die van het protocolprofiel).",
                        0,
                        100,
                    )
                },
            ),
        },
        **{
            "if": {"required": ["modus"], "properties": {"modus": {"const": "examen"}}},
            "then": {"required": ["examen"], "properties": {"examen": {"type": "object"}}},
            "else": {
                "properties": {
                    "examen": {
                        "type": "null",
                        "errorMessage": "Een blok 'examen' hoort alleen bij 'modus: examen'.",
                    }
                }
            },
        },
    )
    return _document("cursus", "Regie: cursus", body)


def testplan_schema() -> Json:
    from scoring.registry import BY_ID

    titles = {rid: BY_ID[rid].title for rid in RULE_IDS}
    statuses = {word: _STATUS_TEXT[status] for word, status in STATUS_WORDS.items()}
    case = _record(
        "Eén testgeval: een route door het scenario met wat er moet uitkomen.",
        {
            "naam": _text("Waar dit geval over gaat."),
            "keuzes": {
                "description": (
                    "De keuzes op volgorde: een keuze-id, een interventie, een nummer (1-9) of "
                    "'wacht' (de timer laten aflopen); met '@seconden' de bedenktijd, "
                    "bijvoorbeeld grens-stellen@2.5."
                ),
                "anyOf": [
                    {"type": "array", "items": _move()},
                    _move(),
                ],
            },
        },
        {
            "zaad": _integer("Het zaad: welke variant de bezoeker speelt.", 0, default=0),
            "einde": _text("Het einde waar de poging moet uitkomen."),
            "geslaagd": _boolean("ja of nee: moet de poging slagen?", default=None),
            "score": _integer("De score die precies moet uitkomen.", 0, 100),
            "minimaal": _integer("De score die minstens moet uitkomen.", 0, 100),
            "regels": _map(
                "Het verwachte oordeel per regel.",
                _choice("Het verwachte oordeel.", statuses),
                _choice("Het id van een regel (zie docs/regels.md).", titles),
            ),
        },
    )
    body = _record(
        "Een testplan: vastgelegde routes door één scenario met het verwachte einde en de "
        "verwachte oordelen. 'regie test' speelt ze.",
        {
            "scenario": _text("Het id van het scenario dat getest wordt."),
            "gevallen": {
                "description": "De testgevallen.",
                "type": "array",
                "items": {"$ref": "#/$defs/geval"},
            },
        },
    )
    return _document("testplan", "Regie: testplan", body, {"geval": case})


_STATUS_TEXT = {
    "ok": "de regel is gehouden",
    "violated": "de regel is overtreden",
    "n/a": "niet van toepassing: de situatie deed zich niet voor",
}


def _move() -> Json:
    return {
        "type": ["string", "integer"],
        "minimum": 1,
        "maximum": MAX_CHOICES,
        "pattern": MOVE,
        "patternErrorMessage": (
            "Een keuze, eventueel met '@' en een aantal seconden erachter (grens-stellen@2.5)."
        ),
    }


# --- building and writing ------------------------------------------------------------------


def bundled_intervention_ids() -> list[str]:
    """The ids of the bundled catalogue, in its order (examples for 'interventie:')."""
    from simulator.language.catalogue import read_catalogue
    from simulator.language.library import bundled_dir
    from simulator.language.problems import Problems
    from simulator.language.yamlsource import compose, read_text

    path = bundled_dir() / "interventies.yaml"
    problems = Problems(str(path))
    text = read_text(str(path), problems)
    root = compose(text, problems) if text is not None else None
    if root is None:
        return []
    return list(read_catalogue(root, problems).interventions)


def build() -> dict[str, Json]:
    """Every schema, by file name."""
    schemas = {
        "scenario": scenario_schema(bundled_intervention_ids()),
        "cursus": course_schema(),
        "profiel": profile_schema(),
        "catalogus": catalogue_schema(),
        "testplan": testplan_schema(),
    }
    return {FILES[kind]: schema for kind, schema in schemas.items()}


def render(schema: Json) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write(folder: Path = SCHEMA_DIR) -> list[tuple[Path, bool]]:
    """Write every schema; return each file and whether it changed."""
    folder.mkdir(parents=True, exist_ok=True)
    out: list[tuple[Path, bool]] = []
    for name, schema in build().items():
        path = folder / name
        text = render(schema)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8", newline="\n")
        out.append((path, old != text))
    return out


def main() -> int:
    for path, changed in write():
        print(f"{'bijgewerkt' if changed else 'ongewijzigd'}: {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
