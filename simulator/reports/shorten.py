"""Text made shorter without cutting a word: for a column, a card title, a table cell."""

from __future__ import annotations

import re

ELLIPSIS = "…"
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-Z'‘“\"(])")


def shorten(text: str, limit: int) -> str:
    """The text on one line, at most ``limit`` characters: whole words, and '…' when cut
    (a single word longer than the limit is the only thing ever cut inside)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)]
    if " " in cut and not text[len(cut)].isspace():
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:—-.") + ELLIPSIS


def first_sentence(text: str) -> str:
    """The first sentence of a text (the whole text when it is one sentence)."""
    text = " ".join(text.split())
    parts = _SENTENCE_END.split(text, maxsplit=1)
    return parts[0]


def sentences_within(text: str, limit: int) -> str:
    """As many whole sentences from the start as fit in ``limit`` characters; a first
    sentence that says little ('Maandagmiddag.') takes the next one along, shortened after
    a whole word if need be, and so does a first sentence longer than the limit."""
    text = " ".join(text.split())
    parts = _SENTENCE_END.split(text)
    out, rest = parts[0], parts[1:]
    while rest and len(out) + 1 + len(rest[0]) <= limit:
        out += " " + rest.pop(0)
    if rest and len(out) < limit // 3:
        out += " " + rest[0]
    return shorten(out, limit)
