"""Each key of a scenario is described once, in ``simulator/language/fields.py``: the loader
reads it from there and the JSON Schema describes it from there."""

from __future__ import annotations

import ast
from pathlib import Path

from simulator.authoring.schema import scenario_schema
from simulator.language import fields

ROOT = Path(__file__).resolve().parents[2]
SCALARS = {"text", "texts", "boolean", "choice", "integer", "number"}


def test_the_scenario_loader_reads_no_scalar_key_by_hand() -> None:
    """Every text, ja/nee, word and number of a scenario is read through its Field."""
    tree = ast.parse((ROOT / "simulator" / "language" / "scenario.py").read_text("utf-8"))
    by_hand = [
        f"regel {node.lineno}: .{node.func.attr}({ast.unparse(node.args[0])})"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in SCALARS
        and node.args
        and isinstance(node.args[0], ast.Constant)  # a key: r.text("tekst", ...)
    ]
    assert by_hand == []


def test_the_schema_describes_each_field_as_the_table_says() -> None:
    schema = scenario_schema()
    defs = schema["$defs"]
    places = {
        "scenario": (fields.SCENARIO, schema),
        "fase": ({**fields.FASE, **fields.FACTS}, defs["fase"]),
        "keuze": (fields.CHOICE_FIELDS, defs["keuze"]),
        "mogelijkheid": (fields.WAY, defs["mogelijkheid"]),
        "einde": (fields.ENDING, defs["einde"]),
        "bezoeker": (fields.VISITOR, schema["properties"]["bezoeker"]),
        "tweede_bezoeker": (fields.SECOND_VISITOR, schema["properties"]["tweede_bezoeker"]),
        "voorgeschiedenis": (fields.HISTORY, schema["properties"]["voorgeschiedenis"]),
    }
    for where, (table, record) in places.items():
        for key, field in table.items():
            described = record["properties"][key]
            assert described["description"] == field.description, (where, key)
            assert (key in record.get("required", [])) == field.required, (where, key)
            if field.kind == fields.CHOICE:
                words = described.get("enum") or described["anyOf"][0]["enum"]
                assert words == list(field.words), (where, key)
