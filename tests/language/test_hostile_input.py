"""Hostile or odd input: the loader answers with a clean Dutch problem and a place, never a crash.

The inputs are chosen so that a correct loader refuses them quickly (limits on size, depth
and alias expansion), so the whole file runs in a few seconds.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

import simulator.language.library
import simulator.language.yamlsource
from simulator.language.library import load
from simulator.language.problems import Problem
from simulator.language.yamlsource import MAX_DEPTH, MAX_FILE_BYTES, MAX_ITEMS

MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini.yaml"

# Words that give away an untranslated PyYAML/libyaml message.
ENGLISH = re.compile(
    r"\b(found|expected|while|character|characters|allowed|cannot|stream|position|unicode)\b",
    re.IGNORECASE,
)


def problems_for(path: Path) -> list[Problem]:
    lib = load([path])
    return [p for p in lib.problems if Path(p.file).resolve() == path.resolve()]


def write(tmp_path: Path, text: str | bytes, name: str = "vijandig.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def the_problem(path: Path) -> Problem:
    """The file gives exactly one problem, in clean Dutch on one line, with a place."""
    problems = problems_for(path)
    assert len(problems) == 1, "\n".join(str(p) for p in problems)
    (problem,) = problems
    assert problem.mark is not None, str(problem)
    assert problem.mark.line >= 1 and problem.mark.col >= 1
    assert "\n" not in problem.message, str(problem)
    assert not ENGLISH.search(problem.message), str(problem)
    return problem


def mini_with(*edits: tuple[str, str]) -> str:
    text = MINI.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


# --- aliases ----------------------------------------------------------------------------------


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    lines = ['lol0: &lol0 "lol"']
    for i in range(1, 10):
        refs = ", ".join([f"*lol{i - 1}"] * 10)
        lines.append(f"lol{i}: &lol{i} [{refs}]")
    lines.append("fasen: *lol9")
    path = write(tmp_path, "\n".join(lines) + "\n")
    problem = the_problem(path)
    assert "aliassen" in problem.message
    assert problem.path == ""


@pytest.mark.parametrize(
    ("text", "col"),
    [("a: &a [*a]\n", 8), ("a: &a {b: *a}\n", 11)],
    ids=["opsomming", "blok"],
)
def test_self_referencing_alias_is_refused(tmp_path: Path, text: str, col: int) -> None:
    problem = the_problem(write(tmp_path, text))
    assert "alias '*a'" in problem.message
    assert problem.mark is not None
    assert (problem.mark.line, problem.mark.col) == (1, col)


def test_unknown_alias(tmp_path: Path) -> None:
    problem = the_problem(write(tmp_path, "a: 1\nb: *c\n"))
    assert "onbekende alias" in problem.message
    assert problem.mark is not None
    assert problem.mark.line == 2


# --- depth and size ---------------------------------------------------------------------------


_PARSERS = [pytest.param(yaml.SafeLoader, id="python")]
if hasattr(yaml, "CSafeLoader"):  # PyYAML built with libyaml
    _PARSERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.mark.parametrize("parser", _PARSERS)
@pytest.mark.parametrize(
    "text",
    [
        "[" * 10_000,
        "[" * 10_000 + "]" * 10_000,
        "".join(" " * i + "-\n" for i in range(200)),
        "".join(" " * i + "-\n" for i in range(1_200)),  # past libyaml's own limit (1000)
    ],
    ids=["open", "gesloten", "blokken", "blokken-1200"],
)
def test_deep_nesting_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parser: type, text: str
) -> None:
    """Too deep is told as too deep, with its place, whichever parser stops first: Regie's
    own check (64 levels) or the parser's (PyYAML 6.0.4's libyaml stops at 1000, in its
    scanner, before Regie sees a single event)."""
    monkeypatch.setattr(simulator.language.yamlsource, "_Parser", parser)
    problem = the_problem(write(tmp_path, text))
    assert problem.message == f"de gegevens zijn dieper dan {MAX_DEPTH} niveaus genest"
    assert "geen geldige YAML" not in problem.message


def test_huge_file_is_refused_by_size_without_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "groot.yaml"
    with path.open("wb") as fh:  # sparse: nothing is really written
        fh.truncate(MAX_FILE_BYTES + 1024 * 1024)
    parsed: list[int] = []
    real_compose = simulator.language.yamlsource.compose

    def spy(text: str, problems: object) -> object:
        parsed.append(len(text))
        return real_compose(text, problems)  # type: ignore[arg-type]

    # the library may import compose when it reads a file, or once at the top
    monkeypatch.setattr(simulator.language.yamlsource, "compose", spy)
    monkeypatch.setattr(simulator.language.library, "compose", spy, raising=False)
    problem = the_problem(path)
    assert "het mag hoogstens 16 MB zijn" in problem.message
    assert problem.mark is not None
    assert (problem.mark.line, problem.mark.col) == (1, 1)
    assert all(n < MAX_FILE_BYTES for n in parsed), "het grote bestand is toch gelezen"


def test_size_message_just_over_the_limit_is_not_contradictory(tmp_path: Path) -> None:
    path = tmp_path / "net-te-groot.yaml"
    with path.open("wb") as fh:
        fh.truncate(MAX_FILE_BYTES + 1)
    (problem,) = problems_for(path)
    assert "het bestand is 16 MB" not in problem.message


def test_twenty_choices_in_one_fase(tmp_path: Path) -> None:
    extra = "".join(
        f"      - interventie: inhoud-hervatten\n        id: keuze-{i}\n"
        f'        tekst: "Keuze {i}."\n        naar: goed\n'
        for i in range(2, 21)
    )
    text = mini_with(
        ("id: test-mini", "id: twintig-keuzes"),
        (
            "        naar: goed\n        model: ja\n",
            "        naar: goed\n        model: ja\n" + extra,
        ),
    )
    problem = the_problem(write(tmp_path, text))
    assert problem.path == "fasen.terug.keuzes"
    assert "hoogstens 9 keuzes per fase" in problem.message
    assert "hier staan er 20" in problem.message


# --- bytes that are not text ------------------------------------------------------------------


def test_binary_bytes(tmp_path: Path) -> None:
    problem = the_problem(write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"))
    assert "geen UTF-8-tekst" in problem.message


def test_nul_bytes(tmp_path: Path) -> None:
    problem = the_problem(write(tmp_path, b"id: a\x00b\nfasen: {}\n"))
    assert "binaire gegevens" in problem.message
    assert problem.mark is not None
    assert (problem.mark.line, problem.mark.col) == (1, 6)


def test_control_character(tmp_path: Path) -> None:
    problem = the_problem(write(tmp_path, b"fasen:\n  a: b\x07c\n"))
    assert problem.mark is not None
    assert (problem.mark.line, problem.mark.col) == (2, 7)
    assert "onleesbaar teken" in problem.message


# --- files that are not a scenario ------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "\n\n", "# alleen commentaar\n"], ids=["leeg", "regels", "commentaar"]
)
def test_empty_file(tmp_path: Path, text: str) -> None:
    problem = the_problem(write(tmp_path, text))
    assert "het bestand is leeg" in problem.message


@pytest.mark.parametrize("text", ["- a\n", "hallo\n", "42\n"], ids=["opsomming", "tekst", "getal"])
def test_top_level_not_a_mapping(tmp_path: Path, text: str) -> None:
    problem = the_problem(write(tmp_path, text))
    assert "onbekend soort bestand" in problem.message
    assert "'fasen:'" in problem.message


@pytest.mark.parametrize(
    ("text", "col"),
    [("? [a]\n: b\n", 3), ("fasen:\n  ? {a: 1}\n  : b\n", 5)],
    ids=["lijst", "blok"],
)
def test_key_that_is_not_a_word(tmp_path: Path, text: str, col: int) -> None:
    problem = the_problem(write(tmp_path, text))
    assert "een sleutel moet een woord zijn" in problem.message
    assert problem.mark is not None
    assert problem.mark.col == col


# --- YAML 1.1 booleans and names --------------------------------------------------------------


def test_no_is_false_where_a_boolean_is_expected_and_text_where_a_name_is(tmp_path: Path) -> None:
    text = mini_with(
        ("id: test-mini", "id: meneer-no"),
        ("naam: Test Bezoeker", "naam: No"),
        ("    niveau: 1\n    orde_verstoord: ja", "    niveau: 1\n    orde_verstoord: no"),
    )
    lib = load([write(tmp_path, text)])
    assert [str(p) for p in lib.problems] == []
    scenario = lib.scenarios["meneer-no"]
    assert scenario.visitor.name == "No"
    assert scenario.fasen["boos"].facts.disturbed is False
    assert scenario.fasen["schreeuwt"].facts.disturbed is True


@pytest.mark.parametrize("word", ["Yes", "On", "Off", "null", "~", "0x1F"])
def test_yaml_words_stay_text_where_text_is_expected(tmp_path: Path, word: str) -> None:
    text = mini_with(("id: test-mini", "id: woorden"), ("naam: Test Bezoeker", f"naam: {word}"))
    lib = load([write(tmp_path, text)])
    if word in ("null", "~"):  # nothing written: the name is missing
        (problem,) = lib.problems
        assert problem.path == "bezoeker.naam"
        assert "ontbreekt" in problem.message
    else:
        assert [str(p) for p in lib.problems] == []
        assert lib.scenarios["woorden"].visitor.name == word


# --- issue 9: a 50 MB file, a million keuzes, unknown names on the command line -------------


def test_a_50_mb_file_is_refused_by_its_size(tmp_path: Path) -> None:
    path = tmp_path / "vijftig.yaml"
    with path.open("wb") as fh:  # sparse: nothing is really written
        fh.truncate(50 * 1024 * 1024)
    problem = the_problem(path)
    assert "het bestand is 50,0 MB; het mag hoogstens 16 MB zijn" in problem.message


_TERUG_KEUZES = (
    "    keuzes:\n"
    "      - interventie: inhoud-hervatten\n"
    '        tekst: "Goedemorgen."\n'
    "        naar: goed\n"
    "        model: ja\n"
)


@pytest.mark.parametrize(
    "keuzes",
    [
        "    keuzes:\n" + "      - {}\n" * 1_000_000,
        "    keuzes: [&k {interventie: afronden, tekst: Klaar., naar: goed}"
        + ", *k" * 1_000_000
        + "]\n",
    ],
    ids=["blok", "aliassen"],
)
def test_a_million_keuzes_is_refused_before_they_are_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keuzes: str
) -> None:
    built = [0]
    real_init = simulator.language.yamlsource.Node.__init__

    def counting(self: simulator.language.yamlsource.Node, *args: object, **kwargs: object) -> None:
        built[0] += 1
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(simulator.language.yamlsource.Node, "__init__", counting)
    path = write(tmp_path, mini_with(("id: test-mini", "id: miljoen"), (_TERUG_KEUZES, keuzes)))
    problem = the_problem(path)
    assert f"meer dan {MAX_ITEMS:,} onderdelen".replace(",", ".") in problem.message
    assert problem.path == ""
    assert built[0] < 2 * MAX_ITEMS + 1000, f"{built[0]} knopen gebouwd voor de weigering"


def test_the_largest_list_that_is_still_allowed_loads(tmp_path: Path) -> None:
    items = "".join(f"  - regel {i}\n" for i in range(MAX_ITEMS))
    path = write(tmp_path, "leerdoelen:\n" + items)
    problems = problems_for(path)
    assert not any("onderdelen" in p.message for p in problems), [str(p) for p in problems]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["run", "km-spreekkamer-dreiginx"], "Bedoelde u 'km-spreekkamer-dreiging'?"),
        (["graph", "km-spreekkamer-dreiginx"], "Bedoelde u 'km-spreekkamer-dreiging'?"),
        (["explore", "km-spreekkamer-dreiginx"], "Bedoelde u 'km-spreekkamer-dreiging'?"),
        (["report", "--course", "klantmanager-halve-dax"], "Bedoelde u 'klantmanager-halve-dag'?"),
        (["run", "km-spreekkamer-dreiging", "--bot", "protocl"], "Bedoelde u 'protocol'?"),
    ],
    ids=["run", "graph", "explore", "report-cursus", "bot"],
)
def test_an_unknown_name_on_the_command_line_gets_a_suggestion(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    from simulator.cli import main

    assert main(["--data", str(tmp_path), *argv]) == 2
    _, err = capsys.readouterr()
    assert expected in err and "Traceback" not in err
    assert err.startswith(f"regie {argv[0]}: ")


# --- the cycle collector, paused while a file is read ------------------------------------------


@pytest.mark.parametrize("enabled", [True, False], ids=["aan", "uit"])
@pytest.mark.parametrize(
    "text",
    ["id: x\nfasen: {a: 1}\n", "a: [1, 2\n", "- " * (MAX_DEPTH + 5) + "x\n"],
    ids=["goed", "kapot", "te-diep"],
)
def test_reading_leaves_the_cycle_collector_as_it_was(
    tmp_path: Path, enabled: bool, text: str
) -> None:
    """Reading pauses Python's cycle collector, and must switch it back on afterwards (or
    leave it off: regie serve switches it off on purpose), also when the file is refused."""
    import gc

    was = gc.isenabled()
    try:
        if enabled:
            gc.enable()
        else:
            gc.disable()
        load([write(tmp_path, text)])
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()
