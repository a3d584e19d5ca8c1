"""Problems found while reading YAML: each with a file, a position and a path."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    ERROR = "fout"
    WARNING = "waarschuwing"


class Mark(NamedTuple):
    """A position in a file, 1-based as editors show it. (A named tuple: made in a fraction
    of a frozen dataclass's time, and a YAML node keeps its (line, column) as a plain one.)"""

    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    mark: Mark | None
    path: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.file
        if self.mark is not None:
            where = f"{where}:{self.mark.line}:{self.mark.col}"
        label = "" if self.severity is Severity.ERROR else "waarschuwing: "
        path = f"{self.path}: " if self.path else ""
        return f"{where}: {label}{path}{self.message}"

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.mark.line if self.mark else None,
            "col": self.mark.col if self.mark else None,
            "path": self.path,
            "message": self.message,
            "severity": self.severity.value,
        }


class Problems:
    """Collects every problem in a file, so all are reported at once."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []

    def add(
        self,
        mark: Mark | None,
        path: str,
        message: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        # one problem, one line: a value quoted in the message may hold a line break
        message = message.replace("\r\n", "\n").replace("\n", "⏎")
        path = path.replace("\n", "⏎")
        self.items.append(Problem(self.file, mark, path, message, severity))

    def warn(self, mark: Mark | None, path: str, message: str) -> None:
        self.add(mark, path, message, Severity.WARNING)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    def __bool__(self) -> bool:
        return bool(self.errors)


class LoadError(Exception):
    """Raised when a file cannot be used; carries every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
