"""argparse in Dutch: its own words ("usage:", "error:", "invalid choice" …), the Dutch
option names with their old English names as hidden aliases, and ``--version``.

argparse looks its messages up through ``gettext`` (the module's ``_`` and ``ngettext``);
``install`` points those at the catalogue below. A message that is not in it (a newer Python
may add one) stays English rather than breaking; a test lists what ``regie`` can show.
"""

from __future__ import annotations

import argparse
import gettext
from typing import Any, Protocol

# argparse's own strings, as Python 3.11 to 3.14 spell them, and what Regie says instead
CATALOGUE: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",  # before Python 3.10
    "show this help message and exit": "deze hulp tonen en stoppen",
    "show program's version number and exit": "het versienummer van Regie tonen en stoppen",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "onbekende argumenten: %s (zie --help)",
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "one of the arguments %s is required": "geef een van deze: %s",
    "not allowed with argument %s": "kan niet samen met %s",
    "ignored explicit argument %r": "%r hoort hier niet bij",
    "expected one argument": "hier hoort één waarde bij",
    "expected at most one argument": "hier hoort hoogstens één waarde bij",
    "expected at least one argument": "hier hoort minstens één waarde bij",
    "ambiguous option: %(option)s could match %(matches)s": (
        "%(option)s is niet eenduidig: bedoelt u %(matches)s?"
    ),
    "unexpected option string: %s": "onverwachte optie: %s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde %(value)r: verwacht een %(type)s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "onbekende keuze %(value)r; kies uit: %(choices)s"
    ),
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (
        "onbekende keuze %(value)r; bedoelt u %(closest)r? Kies uit: %(choices)s"
    ),
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "onbekende opdracht %(parser_name)r; kies uit: %(choices)s"
    ),
    'argument "-" with mode %r': 'argument "-" met modus %r',
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
}
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("expected %s argument", "expected %s arguments"): (
        "hier hoort %s waarde bij",
        "hier horen %s waarden bij",
    ),
}

# the English names of options that have a Dutch one now: they still work, for a release,
# but the help no longer shows them
ENGLISH_ALIASES: dict[str, str] = {
    "--choices": "--keuzes",
    "--course": "--cursus",
    "--exam": "--examen",
    "--seed": "--zaad",
    "--strict": "--streng",
    "--coverage": "--dekking",
    "--format": "--formaat",
    "--output": "--uitvoer",
    "--port": "--poort",
    "--host": "--luister",
}


class Dutch(gettext.NullTranslations):
    """A catalogue in memory (no .mo file to ship or to find)."""

    def gettext(self, message: str) -> str:
        return CATALOGUE.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        one, many = PLURALS.get((msgid1, msgid2), (msgid1, msgid2))
        return one if n == 1 else many


def install() -> None:
    """argparse speaks Dutch from now on, in this process (``regie`` is one command)."""
    dutch = Dutch()
    argparse._ = dutch.gettext  # type: ignore[attr-defined]
    argparse.ngettext = dutch.ngettext  # type: ignore[attr-defined]


def whole_number(text: str) -> int:
    return int(text)


whole_number.__name__ = "geheel getal"  # argparse names the type in its message


class TakesArguments(Protocol):
    """A parser or a group of its arguments (argparse has no public name for the group)."""

    def add_argument(self, *names: str, **kwargs: Any) -> argparse.Action: ...


def option(parser: TakesArguments, *names: str, **kwargs: Any) -> argparse.Action:
    """An option under its Dutch names; its old English name (``ENGLISH_ALIASES``) works too
    but is not shown in the help."""
    action = parser.add_argument(*names, **kwargs)
    english = [old for old, new in ENGLISH_ALIASES.items() if new in names]
    if english:
        hidden = {**kwargs, "dest": action.dest, "help": argparse.SUPPRESS}
        parser.add_argument(*english, **hidden)
    return action


def version() -> str:
    """The installed version of Regie (from its package metadata)."""
    from importlib import metadata  # only for --version: its import costs every start 20 ms

    try:
        return metadata.version("regie")
    except metadata.PackageNotFoundError:  # run from a folder without installing
        return "onbekend (niet geïnstalleerd)"


class VersionAction(argparse.Action):
    """``--version``: argparse's own, but it asks for the version only when it is asked for
    (argparse's wants the text when the parser is built, for every command)."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        print(f"{parser.prog} {version()}")  # on stdout, as argparse's own
        parser.exit()
