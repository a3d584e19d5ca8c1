"""The command line speaks Dutch: argparse's own words, the option names, --version."""

from __future__ import annotations

import argparse
import inspect
import re
from importlib import metadata

import pytest

from simulator.cli import PARSERS, main, parser
from simulator.cli.dutch_argparse import CATALOGUE, ENGLISH_ALIASES, PLURALS

ENGLISH = (
    "usage:",
    "positional arguments",
    "options:",
    "optional arguments",
    "show this help",
    "error:",
    "invalid choice",
    "the following arguments",
    "expected one argument",
    "unrecognized arguments",
    "invalid int value",
)

# argparse strings only a programmer sees (a mistake in building the parser, not in using it)
FOR_PROGRAMMERS = {
    ".__call__() not defined",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    "cannot merge actions - two groups are named %r",
    "'required' is an invalid argument for positionals",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "mutually exclusive arguments must be optional",
    "cannot have multiple subparser arguments",
    "%r is not callable",
    "invalid conversion specifier",
    "deprecated",
}


def out_and_err(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def all_helps() -> list[str]:
    texts = [parser().format_help()]
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name, p in sub.choices.items():
        texts.append(p.format_help())
        for action in p._actions:
            if isinstance(action, argparse._SubParsersAction):
                texts += [q.format_help() for q in action.choices.values()]
        assert name
    return texts


def test_every_help_is_dutch_and_shows_no_english_option_name() -> None:
    helps = all_helps()
    assert len(helps) > len(PARSERS)
    for text in helps:
        assert text.startswith("gebruik: regie")
        for word in ENGLISH:
            assert word not in text, (word, text[:200])
        for old in ENGLISH_ALIASES:
            assert re.search(rf"{old}\b(?!-)", text) is None, (old, text[:200])


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, text = out_and_err(capsys, "--version")
    assert code == 0
    assert text.strip() == f"regie {metadata.version('regie')}"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["bestaat-niet"],
            "regie: fout: OPDRACHT: onbekende keuze 'bestaat-niet'; kies uit: 'play', 'list'",
        ),
        (["run"], "regie run: fout: dit ontbreekt nog: SCENARIO"),
        (
            ["run", "x", "--zaad", "drie"],
            "--zaad: ongeldige waarde 'drie': verwacht een geheel getal",
        ),
        (["report", "--formaat", "pdf"], "--formaat: onbekende keuze 'pdf'; kies uit: 'md'"),
        (["list", "--onzin"], "regie: fout: onbekende argumenten: --onzin (zie --help)"),
        (["run", "x", "--keuzes"], "--keuzes: hier hoort één waarde bij"),
        (["report", "--trainee", "a", "--groep", "b"], "--groep: kan niet samen met --trainee"),
    ],
)
def test_usage_errors_are_dutch(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    code, text = out_and_err(capsys, *argv)
    assert code == 2
    assert text.startswith("gebruik: regie")
    assert expected in text
    for word in ENGLISH:
        assert word not in text


def test_the_english_option_names_still_work(capsys: pytest.CaptureFixture[str]) -> None:
    sid = "km-spreekkamer-dreiging"
    dutch = out_and_err(capsys, "run", sid, "--keuzes", "1,2", "--zaad", "3", "--examen", "--json")
    english = out_and_err(capsys, "run", sid, "--choices", "1,2", "--seed", "3", "--exam", "--json")
    assert dutch == english
    assert dutch[0] == 0
    assert '"seed": 3' in dutch[1]


def test_each_english_name_is_an_alias_of_its_dutch_one() -> None:
    """Every old name parses to the same place as its new name, in every command that has it."""
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    seen = set()
    for p in sub.choices.values():
        by_name = {s: a for a in p._actions for s in a.option_strings}
        for old, new in ENGLISH_ALIASES.items():
            if old in by_name:
                assert new in by_name
                assert by_name[old].dest == by_name[new].dest
                assert by_name[old].help == argparse.SUPPRESS
                seen.add(old)
    assert seen == set(ENGLISH_ALIASES)


def test_the_catalogue_covers_what_a_user_of_this_python_can_see() -> None:
    source = inspect.getsource(argparse)
    used = {m.group(2) for m in re.finditer(r"_\((['\"])(.*?)\1\)", source)}
    plurals = set(re.findall(r"ngettext\('([^']*)',\s*'([^']*)'", source))
    missing = {s.replace("\\n", "\n") for s in used} - set(CATALOGUE) - FOR_PROGRAMMERS
    assert not missing
    assert {p for p in plurals if "expected" in p[0]} <= set(PLURALS)
