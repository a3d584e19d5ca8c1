"""The numbered choices of a class session, wrapped with a hanging indent: the number stands
in front, and a choice that wraps stays under its own text (easy to read on a projector).

Plain lines, wrapped here rather than by a table: thirty trainees' pages draw them at the
same moment, and a Rich table costs several times more to measure and draw.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from rich.markup import escape

from simulator.language.model import Choice

OWN = "(uw\u00a0stem)"  # a space that does not break: the note stays whole


def choice_lines(choices: Sequence[Choice], width: int, mine: str | None = None) -> str:
    """Markup: a choice per paragraph, '1 text' (with '▶' before the reader's own vote when
    ``mine`` is given), wrapped to ``width`` cells with the text indented under itself."""
    mark = 2 if mine is not None else 0
    number = len(str(len(choices)))
    indent = mark + number + 1
    room = max(10, width - indent)
    lines: list[str] = []
    for n, choice in enumerate(choices, start=1):
        own = choice.id == mine
        text = choice.text + (f"  {OWN}" if own else "")
        wrapped = textwrap.wrap(text, room, break_long_words=True) or [""]
        lead = ("▶ " if own else "  ") if mine is not None else ""
        for i, line in enumerate(wrapped):
            body = escape(line)
            if own and i == len(wrapped) - 1 and line.endswith(OWN):
                body = escape(line[: -len(OWN)]) + f"[b]{OWN}[/b]"
            if i == 0:
                lines.append(f"{lead}[b]{n:>{number}}[/b] {body}")
            else:
                lines.append(" " * indent + body)
    return "\n".join(lines)
