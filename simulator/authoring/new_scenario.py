"""``regie new ID --rol klantmanager|beveiliger [--map MAP]``: a working scenario to start from.

The templates are real files, one scenario and its test plan per role, in ``templates/``:
``nieuw-klantmanager.yaml`` with ``nieuw-klantmanager.test.yaml``, and the same for the
beveiliger. They pass ``regie check --streng`` and ``regie test`` as they are (a test holds
them to it), and an author can open them in an editor with the JSON Schema. ``regie new``
copies one pair, with the new id in place of the template's and the schema line pointing at
the schema from where the new files are written.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEMAS = Path(__file__).resolve().parent / "schemas"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
SCHEMA_LINE = "# yaml-language-server: $schema="

# role -> the id of its template (also the name of its files)
TEMPLATES = {"klantmanager": "nieuw-klantmanager", "beveiliger": "nieuw-beveiliger"}


def schema_ref(written: Path, schema: Path) -> str:
    """The schema's path as the editor finds it from ``written``: relative where the two share
    a folder below the root of the file system, otherwise absolute."""
    target, here = schema.resolve(), written.resolve().parent
    try:
        shared = Path(os.path.commonpath([target, here]))
    except ValueError:  # another drive on Windows
        return target.as_posix()
    if shared == Path(shared.anchor):
        return target.as_posix()
    return Path(os.path.relpath(target, here)).as_posix()


def _fill(role: str, suffix: str, sid: str, written: Path, schema: Path) -> str:
    """The template file of ``role`` ending in ``suffix``, with ``sid`` for the template's
    id and its first line pointing at ``schema`` as seen from ``written``."""
    template = TEMPLATES[role]
    text = (TEMPLATE_DIR / f"{template}{suffix}").read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    assert first.startswith(SCHEMA_LINE), f"{template}{suffix}: the first line names the schema"
    return f"{SCHEMA_LINE}{schema_ref(written, schema)}\n" + rest.replace(template, sid)


def scenario_text(sid: str, role: str, written: Path, schemas: Path = SCHEMAS) -> str:
    """The scenario's text; its first line names ``schemas``/scenario.schema.json (``regie
    new`` gives the copy that survives upgrades, ``stable_schemas``)."""
    return _fill(role, ".yaml", sid, written, schemas / "scenario.schema.json")


def plan_text(sid: str, role: str, written: Path, schemas: Path = SCHEMAS) -> str:
    return _fill(role, ".test.yaml", sid, written, schemas / "testplan.schema.json")
