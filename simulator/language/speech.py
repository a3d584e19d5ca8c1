"""What a choice text is: words the trainee says, or an act the trainee does.

A choice is written in one of three forms:

- *citaat*: spoken words in quotation marks, and nothing else: ``'Ik onderbreek dit gesprek.'``
- *handeling*: an act, told in the second person, perhaps with spoken words in it:
  ``U kijkt haar aan en zegt rustig: 'Ik blijf bij u.'`` or ``'Goed.' U loopt door.``
- *kale spraak*: spoken words without quotation marks: ``Ik snap dat u boos bent.``

The screen and the transcript show a citaat or kale spraak as speech (``U: …``) and a
handeling as what happens (``U kijkt haar aan …``), so an act is never shown as speech.
"""

from __future__ import annotations

import re
from enum import StrEnum


class Form(StrEnum):
    QUOTED = "citaat"
    ACT = "handeling"
    BARE = "kale spraak"


# Quotation marks in pairs: (opening, closing). A single quote is also an apostrophe
# ("zo'n", "auto's", "'s middags"): it opens a quotation only after a space, a colon or the
# start of the text, and closes one only before a space, punctuation or the end.
_PAIRS = {"'": "'", "‘": "’", '"': '"', "“": "”", "„": "”"}
_QUOTE = re.compile(
    r"""(?:^|(?<=[\s(:]))(['‘"“„])(?!(?:s|t|n)\s)(\S(?:.*?\S)?)(['’"”])(?=$|[\s.,;:!?)…])""",
    re.DOTALL,
)
_STYLE = {"'": "'…'", "‘": "‘…’", '"': '"…"', "“": "“…”", "„": "„…”"}
_SENTENCE_START = re.compile(r"(?:^|(?<=[.!?…:])\s+)U\s+\w")
_FIRST_PERSON = re.compile(r"\b(?:ik|me|mij|mijn|we|wij|ons|onze)\b", re.IGNORECASE)
_VOCATIVE = re.compile(r"^(?:meneer|mevrouw)\b", re.IGNORECASE)


def quotations(text: str) -> list[tuple[str, int, int]]:
    """The quotations in ``text``: (the opening mark, start, end) of each, in order."""
    found: list[tuple[str, int, int]] = []
    for m in _QUOTE.finditer(text):
        opening, closing = m.group(1), m.group(3)
        if _PAIRS[opening] == closing:
            found.append((opening, m.start(), m.end()))
    return found


def quote_style(opening: str) -> str:
    """How a quotation looks, for messages: ``'…'``, ``"…"``, ``“…”``."""
    return _STYLE[opening]


def outside_quotes(text: str) -> str:
    """The text with its quotations left out."""
    out, at = [], 0
    for _, start, end in quotations(text):
        out.append(text[at:start])
        at = end
    out.append(text[at:])
    return " ".join(" ".join(out).split())


def form_of(text: str) -> Form:
    """Whether a choice text is a citaat, a handeling or kale spraak (see the module)."""
    text = text.strip()
    quotes = quotations(text)
    rest = outside_quotes(text)
    if quotes and quotes[0][1] == 0:
        # words after the quotation ("'Goed.' U loopt door.") tell an act
        return Form.ACT if re.search(r"\w", rest) else Form.QUOTED
    if rest.startswith("U "):
        return Form.ACT
    if (
        _SENTENCE_START.search(rest)
        and not _FIRST_PERSON.search(rest)
        and not _VOCATIVE.search(rest)
    ):
        return Form.ACT
    return Form.BARE


def is_speech(text: str) -> bool:
    """Whether the text is only what the trainee says (shown as ``U: …``)."""
    return form_of(text) is not Form.ACT


def own_line(text: str) -> str:
    """How the trainee's choice is told afterwards: ``U: 'Ga zitten.'`` for speech, the act
    itself (``U kijkt haar aan en zegt: '…'``) for an act."""
    return f"U: {text}" if is_speech(text) else text
