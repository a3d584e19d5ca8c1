"""Regie's own source files, each read and parsed once per test session (several tests
look through all of them: private names, placeholder plurals)."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path


@cache
def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))
