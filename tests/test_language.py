"""Dutch that a trainee reads is written out: no "situatie(s)", "uur/uren" or "(en)" forms.

Issue 17: "4 verstoorde situatie(s)". A count is written with ``plural`` (scoring.context),
which picks the word; a placeholder plural in any user-facing text is a slip. This checks
every string literal in the program and every text of the bundled library.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from tests.sourcekit import parsed

ROOT = Path(__file__).resolve().parent.parent
SLIP = re.compile(r"\w\((s|en|n|e)\)")  # situatie(s), keuze(n), medewerker(s)


def string_literals(path: Path) -> list[tuple[int, str]]:
    """The program's strings, without docstrings (written for developers, in English)."""
    tree = parsed(path)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_placeholder_plurals_in_the_program() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text.strip()[:70]}"
        for folder in ("simulator", "scoring")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for line, text in string_literals(path)
        if SLIP.search(text)
    ]
    assert found == []


def test_no_placeholder_plurals_in_the_library() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()[:70]}"
        for path in sorted((ROOT / "scenarios").rglob("*.yaml"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if not line.lstrip().startswith("#") and SLIP.search(line)
    ]
    assert found == []


def test_the_check_would_catch_the_slip_of_issue_17() -> None:
    assert SLIP.search("u ging in 4 verstoorde situatie(s) niet door")
    assert not SLIP.search("u ging in 4 verstoorde situaties niet door")
