"""Every kind of mistake in a scenario file gives one clear Dutch problem, at the right place.

The fixtures in ``tests/fixtures/broken/`` are copies of ``tests/fixtures/mini.yaml`` with
one thing broken each (and one, ``meerdere-fouten.yaml``, with several). The table below
says where the loader must point (line:col, 1-based as editors show it), the path to the
value and a distinctive piece of the Dutch message.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.language.library import load
from simulator.language.problems import Problem, Severity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
BROKEN = FIXTURES / "broken"
MINI = FIXTURES / "mini.yaml"
ERROR, WARNING = Severity.ERROR, Severity.WARNING


def problems_in(path: Path) -> list[Problem]:
    """The problems the loader reports for this one file (not for the bundled files)."""
    lib = load([path])
    return [p for p in lib.problems if Path(p.file).resolve() == path.resolve()]


# (fixture, line, col, path, fragment of the message, error or warning)
CASES = [
    pytest.param(
        "onbekende-sleutel.yaml",
        23,
        5,
        "fasen.boos.orde_verstord",
        "onbekende sleutel 'orde_verstord'. Bedoelde u 'orde_verstoord'?",
        ERROR,
        id="onbekende-sleutel",
    ),
    pytest.param(
        "dubbele-sleutel.yaml",
        23,
        5,
        "fasen.boos.zegt",
        "de sleutel 'zegt' staat hier twee keer (eerder op regel 21)",
        ERROR,
        id="dubbele-sleutel",
    ),
    pytest.param(
        "ontbrekende-titel.yaml",
        2,
        1,
        "titel",
        "de titel ontbreekt ('titel:')",
        ERROR,
        id="ontbrekende-titel",
    ),
    pytest.param(
        "verkeerd-type.yaml",
        7,
        17,
        "verwachte_duur",
        "verwacht de verwachte duur in minuten, maar hier staat 'tien'",
        ERROR,
        id="verkeerd-type",
    ),
    pytest.param(
        "geen-ja-of-nee.yaml",
        23,
        21,
        "fasen.boos.orde_verstoord",
        "verwacht ja of nee, maar hier staat 'misschien'",
        ERROR,
        id="geen-ja-of-nee",
    ),
    pytest.param(
        "niveau-buiten-bereik.yaml",
        22,
        13,
        "fasen.boos.niveau",
        "7 ligt buiten het bereik: verwacht van 0 tot en met 4",
        ERROR,
        id="niveau-buiten-bereik",
    ),
    pytest.param(
        "onbekend-agressietype.yaml",
        11,
        17,
        "bezoeker.agressietype",
        "'instrumenteeel' is geen geldige keuze voor het agressietype; kies uit: frustratie, "
        "instrumenteel. Bedoelde u 'instrumenteel'?",
        ERROR,
        id="onbekend-agressietype",
    ),
    pytest.param(
        "onbekende-fase.yaml",
        45,
        15,
        "fasen.stil.keuzes[1].naar",
        "onbekende fase of einde 'nahct'. Bedoelde u 'nacht'?",
        ERROR,
        id="onbekende-fase",
    ),
    pytest.param(
        "onbekende-interventie.yaml",
        47,
        22,
        "fasen.stil.keuzes[2].interventie",
        "onbekende interventie 'afrond'. Bedoelde u 'afronden'?",
        ERROR,
        id="onbekende-interventie",
    ),
    pytest.param(
        "interventie-verkeerde-rol.yaml",
        47,
        22,
        "fasen.stil.keuzes[2].interventie",
        "'gesprek-afbreken' is in de catalogus niet bedoeld voor de rol klantmanager",
        ERROR,
        id="interventie-verkeerde-rol",
    ),
    pytest.param(
        "onbekend-profiel.yaml",
        9,
        10,
        "profiel",
        "onbekend protocolprofiel 'divosa-2051'. Bedoelde u 'divosa-2015'?",
        ERROR,
        id="onbekend-profiel",
    ),
    pytest.param(
        "onbekende-variabele-als.yaml",
        36,
        18,
        "fasen.boos.keuzes[2].naar[1].als",
        "onbekende variabele 'spaning'; zet hem onder 'variabelen:'. Bedoelde u 'spanning'?",
        ERROR,
        id="onbekende-variabele-als",
    ),
    pytest.param(
        "onbekende-variabele-effect.yaml",
        34,
        18,
        "fasen.boos.keuzes[2].effect.geduld",
        "onbekende variabele 'geduld'; zet hem onder 'variabelen:'",
        ERROR,
        id="onbekende-variabele-effect",
    ),
    pytest.param(
        "foute-voorwaarde.yaml",
        36,
        18,
        "fasen.boos.keuzes[2].naar[1].als",
        "'spanning groot' is geen geldige voorwaarde",
        ERROR,
        id="foute-voorwaarde",
    ),
    pytest.param(
        "kans-buiten-bereik.yaml",
        15,
        11,
        "start[1].kans",
        "1,5 ligt buiten het bereik",
        ERROR,
        id="kans-buiten-bereik",
    ),
    pytest.param(
        "laatste-mogelijkheid-voorwaardelijk.yaml",
        17,
        5,
        "start[2]",
        "de laatste mogelijkheid moet zonder 'als' en zonder 'kans' zijn",
        ERROR,
        id="laatste-mogelijkheid-voorwaardelijk",
    ),
    pytest.param(
        "geen-modelantwoord.yaml",
        74,
        5,
        "fasen.terug.keuzes",
        "geen modelantwoord: zet bij één keuze 'model: ja'",
        ERROR,
        id="geen-modelantwoord",
    ),
    pytest.param(
        "twee-modelantwoorden.yaml",
        42,
        5,
        "fasen.stil.keuzes",
        "2 modelantwoorden; zet bij precies één keuze 'model: ja'",
        ERROR,
        id="twee-modelantwoorden",
    ),
    pytest.param(
        "fase-loopt-dood.yaml",
        65,
        3,
        "fasen.nacht",
        "de fase 'nacht' loopt dood",
        ERROR,
        id="fase-loopt-dood",
    ),
    pytest.param(
        "keuzes-en-verder.yaml",
        71,
        3,
        "fasen.terug",
        "een fase heeft keuzes óf 'verder', niet allebei",
        ERROR,
        id="keuzes-en-verder",
    ),
    pytest.param(
        "te-veel-keuzes.yaml",
        74,
        5,
        "fasen.terug.keuzes",
        "hoogstens 9 keuzes per fase (de toetsen 1-9); hier staan er 10",
        ERROR,
        id="te-veel-keuzes",
    ),
    pytest.param(
        "dubbele-interventie.yaml",
        47,
        9,
        "fasen.stil.keuzes[2]",
        "de keuze 'inhoud-hervatten' staat twee keer in deze fase; geef elke keuze een eigen 'id:'",
        ERROR,
        id="dubbele-interventie",
    ),
    pytest.param(
        "einde-heet-als-fase.yaml",
        92,
        3,
        "eindes.nacht",
        "'nacht' is al de naam van een fase; geef het einde een andere naam",
        ERROR,
        id="einde-heet-als-fase",
    ),
    pytest.param(
        "kringetje-verder.yaml",
        65,
        3,
        "fasen.nacht",
        "de fasen nacht → ochtend → nacht gaan vanzelf in een kringetje verder",
        ERROR,
        id="kringetje-verder",
    ),
    pytest.param(
        "geen-uitweg.yaml",
        53,
        3,
        "fasen.rondje_een",
        "geen enkel einde te bereiken: het verhaal blijft rondgaan (via rondje_een, rondje_twee)",
        ERROR,
        id="geen-uitweg",
    ),
    pytest.param(
        "timer-zonder-naar.yaml",
        25,
        7,
        "fasen.boos.timer.naar",
        "de timer zegt niet waar het verhaal heen gaat",
        ERROR,
        id="timer-zonder-naar",
    ),
    pytest.param(
        "yaml-dubbele-punt.yaml",
        40,
        28,
        "",
        "hier mag geen ':' staan; springt de regel te ver in, of staat er een ':' in tekst",
        ERROR,
        id="yaml-dubbele-punt",
    ),
    pytest.param(
        "yaml-inspringing.yaml",
        21,
        4,
        "",
        "dit is geen geldige YAML: de inspringing klopt niet",
        ERROR,
        id="yaml-inspringing",
    ),
    pytest.param(
        "tab-inspringing.yaml",
        67,
        1,
        "",
        "tabs zijn niet toegestaan",
        ERROR,
        id="tab-inspringing",
    ),
    pytest.param(
        "twee-documenten.yaml",
        92,
        1,
        "",
        "het bestand bevat meer dan één document ('---')",
        ERROR,
        id="twee-documenten",
    ),
    pytest.param(
        "geen-utf8.yaml",
        40,
        1,
        "",
        "het bestand is geen UTF-8-tekst (sla het op als UTF-8)",
        ERROR,
        id="geen-utf8",
    ),
    pytest.param(
        "start-leeg.yaml",
        14,
        1,
        "start",
        "er staat niet bij waar het scenario begint ('start:')",
        ERROR,
        id="start-leeg",
    ),
    # --- the shape of the story -----------------------------------------------------------
    pytest.param(
        "onbereikbare-fase.yaml",
        79,
        3,
        "fasen.vergeten",
        "de fase 'vergeten' is vanaf de start nooit te bereiken",
        WARNING,
        id="onbereikbare-fase",
    ),
    pytest.param(
        "onbereikbaar-einde.yaml",
        92,
        3,
        "eindes.vergeten",
        "het einde 'vergeten' is vanaf de start nooit te bereiken",
        WARNING,
        id="onbereikbaar-einde",
    ),
    pytest.param(
        "keuzes-leeg.yaml",
        65,
        3,
        "fasen.wachten",
        "de fase 'wachten' loopt dood: er is geen keuze, geen timer en geen 'verder'",
        ERROR,
        id="keuzes-leeg",
    ),
    # --- the model answer ---------------------------------------------------------------------
    pytest.param(
        "model-eindigt-slecht.yaml",
        48,
        15,
        "fasen.stil.keuzes[2].naar",
        "het modelantwoord eindigt in 'gestopt' (uitkomst matig), via start → stil → gestopt; "
        "het modelantwoord hoort goed af te lopen",
        ERROR,
        id="model-eindigt-slecht",
    ),
    pytest.param(
        "model-loopt-rond.yaml",
        77,
        15,
        "fasen.terug.keuzes[1].naar",
        "het modelantwoord loopt rond: nacht → terug → nacht; wie steeds het modelantwoord "
        "kiest, komt nooit bij een einde",
        ERROR,
        id="model-loopt-rond",
    ),
    # --- text that will not fit the screen at 80 x 24 ------------------------------------------
    pytest.param(
        "keuze-te-lang.yaml",
        33,
        16,
        "fasen.boos.keuzes[2].tekst",
        "de keuze is 496 tekens lang en beslaat in de keuzelijst 7 regels (74 tekens breed bij "
        "80 × 24); de lijst toont er 6, dus de trainee ziet deze keuze nooit helemaal: de laatste "
        "regel staat pas na scrollen in beeld",
        WARNING,
        id="keuze-te-lang",
    ),
    pytest.param(
        "gesprek-te-lang.yaml",
        21,
        11,
        "fasen.boos.zegt",
        "de tekst en wat er gezegd wordt beslaan samen 17 regels in het paneel 'Gesprek' (48 "
        "tekens breed bij 80 × 24); boven de 2 keuzes passen er 16. Zodra de fase begint, staat "
        "de laatste regel nog onder het paneel en leest de trainee het einde pas na PgDn",
        WARNING,
        id="gesprek-te-lang",
    ),
    pytest.param(
        "titel-te-lang.yaml",
        3,
        8,
        "titel",
        "de titel is 44 tekens lang; de kolom voor de titel in de lijst van scenario's is bij "
        "80 × 24 maar 34 tekens breed, dus de trainee leest 'Een testscenario met een veel te l'",
        WARNING,
        id="titel-te-lang",
    ),
    pytest.param(
        "naam-te-breed.yaml",
        10,
        9,
        "bezoeker.naam",
        "het woord 'Bezoeker-Oldenbarnevelt-Vermeulen' is 33 tekens lang; het paneel 'Situatie' "
        "is bij 80 × 24 maar 23 tekens breed, dus het woord wordt midden in het woord afgebroken",
        WARNING,
        id="naam-te-breed",
    ),
    pytest.param(
        "naam-te-lang.yaml",
        10,
        9,
        "bezoeker.naam",
        "de naam beslaat 9 regels in het paneel 'Situatie' (23 tekens breed bij 80 × 24); in de "
        "fase 'boos' past de zijkant dan niet meer boven de keuzes en valt de balk en de resterende "
        "tijd van het paneel 'Tijd' weg (3 regels te veel)",
        WARNING,
        id="naam-te-lang",
    ),
    pytest.param(
        "woord-te-breed.yaml",
        40,
        12,
        "fasen.stil.tekst",
        "het woord 'https://www.gemeente-voorbeeld.nl/wer…' is 64 tekens lang; het paneel "
        "'Gesprek' is bij 80 × 24 maar 48 tekens breed",
        WARNING,
        id="woord-te-breed",
    ),
]


@pytest.mark.parametrize(("name", "line", "col", "path", "fragment", "severity"), CASES)
def test_broken_file_gives_exactly_this_problem(
    name: str, line: int, col: int, path: str, fragment: str, severity: Severity
) -> None:
    problems = problems_in(BROKEN / name)
    assert [str(p) for p in problems] != [], f"{name}: geen enkel probleem gemeld"
    assert len(problems) == 1, "\n".join(str(p) for p in problems)
    (problem,) = problems
    assert problem.mark is not None, str(problem)
    assert (problem.mark.line, problem.mark.col) == (line, col), str(problem)
    assert problem.path == path, str(problem)
    assert fragment in problem.message, str(problem)
    assert problem.severity is severity, str(problem)


def test_every_fixture_is_in_the_table() -> None:
    in_table = {p.values[0] for p in CASES} | {"meerdere-fouten.yaml"}
    on_disk = {f.name for f in BROKEN.glob("*.yaml")}
    assert on_disk == in_table
    assert len(on_disk) >= 18


def test_every_fixture_has_its_own_id() -> None:
    ids = []
    for f in BROKEN.glob("*.yaml"):
        first = [ln for ln in f.read_bytes().splitlines() if ln.startswith(b"id: ")]
        ids.append(first[0])
    assert len(ids) == len(set(ids))


# --- the known bugs above, checked as far as they work today -------------------------------


def test_duplicate_key_is_reported_at_the_second_key() -> None:
    (problem,) = problems_in(BROKEN / "dubbele-sleutel.yaml")
    assert problem.mark is not None
    assert (problem.mark.line, problem.mark.col) == (23, 5)
    assert "de sleutel 'zegt' staat hier twee keer (eerder op regel 21); haal er één weg" in (
        problem.message
    )


def test_tab_is_reported_at_its_place() -> None:
    (problem,) = problems_in(BROKEN / "tab-inspringing.yaml")
    assert problem.mark is not None
    assert (problem.mark.line, problem.mark.col) == (67, 1)
    assert problem.message.startswith("dit is geen geldige YAML")


def test_chance_range_is_written_the_dutch_way() -> None:
    (problem,) = problems_in(BROKEN / "kans-buiten-bereik.yaml")
    assert "van 0 tot en met 1" in problem.message


# --- several problems at once -----------------------------------------------------------------


def test_all_problems_in_a_file_are_reported_together() -> None:
    problems = problems_in(BROKEN / "meerdere-fouten.yaml")
    found = {(p.mark.line, p.mark.col, p.path) if p.mark else None: p.message for p in problems}
    expected = {
        (7, 17, "verwachte_duur"): "maar hier staat 'tien'",
        (20, 5, "fasen.boos.niveau"): "het escalatieniveau (0-4) ontbreekt ('niveau:')",
        (22, 5, "fasen.boos.niveua"): "onbekende sleutel 'niveua'. Bedoelde u 'niveau'?",
        (45, 15, "fasen.stil.keuzes[1].naar"): "onbekende fase of einde 'nahct'",
        (47, 22, "fasen.stil.keuzes[2].interventie"): "onbekende interventie 'afrond'",
        (92, 3, "eindes.nacht"): "'nacht' is al de naam van een fase",
    }
    assert set(found) == set(expected), "\n".join(str(p) for p in problems)
    for where, fragment in expected.items():
        assert fragment in found[where]


# --- regie check ------------------------------------------------------------------------------


def test_check_fails_on_a_broken_file_and_says_where(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(BROKEN / "onbekende-fase.yaml")]) == 1
    out = capsys.readouterr().out
    assert "onbekende-fase.yaml:45:15: fasen.stil.keuzes[1].naar: onbekende fase of einde" in out


def test_check_prints_every_problem_of_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(BROKEN / "meerdere-fouten.yaml")]) == 1
    out = capsys.readouterr().out
    for where in ("7:17", "20:5", "22:5", "45:15", "47:22", "92:3"):
        assert f"meerdere-fouten.yaml:{where}: " in out
    assert out.count("meerdere-fouten.yaml:") == 6


def test_check_json_gives_line_and_col(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", str(BROKEN / "niveau-buiten-bereik.yaml")]) == 1
    report = json.loads(capsys.readouterr().out)
    ours = [p for p in report["problems"] if p["file"].endswith("niveau-buiten-bereik.yaml")]
    assert [(p["line"], p["col"], p["path"]) for p in ours] == [(22, 13, "fasen.boos.niveau")]
    assert ours[0]["severity"] == "fout"


@pytest.fixture
def file_checks_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Leave out the bot expectations and the form checks of ``regie check``: these tests are
    about the file.

    mini.yaml is a scenario for the engine tests, not a good training scenario; the bots
    that must fail (nietsdoener, inhoud-eerst) pass it, so with bots it is not 'in orde'.
    """
    import simulator.authoring.bot_checks
    import simulator.authoring.tells

    monkeypatch.setattr(
        simulator.authoring.bot_checks, "bot_expectations", lambda lib, scenario: []
    )
    # nor the form of the choices and the reading time (tests/authoring/test_tells.py)
    monkeypatch.setattr(simulator.authoring.bot_checks, "form_bot_problems", lambda lib, tally: [])
    monkeypatch.setattr(simulator.authoring.tells, "form_problems", lambda scenario: [])
    # checks patched here are another Regie than the one the checked-model cache knows
    monkeypatch.setenv("REGIE_GEEN_CACHE", "1")


def test_mini_has_no_problems() -> None:
    lib = load([MINI])
    assert [str(p) for p in lib.problems] == []
    assert list(lib.scenarios) == ["test-mini"]


def test_check_passes_on_mini(capsys: pytest.CaptureFixture[str], file_checks_only: None) -> None:
    assert main(["check", str(MINI)]) == 0
    out = capsys.readouterr().out
    assert "mini.yaml:" not in out


@pytest.mark.parametrize("path", [*sorted(BROKEN.glob("*.yaml")), MINI], ids=lambda p: p.name)
def test_check_never_raises(
    path: Path, capsys: pytest.CaptureFixture[str], file_checks_only: None
) -> None:
    code = main(["check", "--strict", str(path)])  # strict: a warning fails too
    captured = capsys.readouterr()
    assert code == (0 if path == MINI else 1)
    assert "Traceback" not in captured.out + captured.err
    if code:
        assert f"{path.name}:" in captured.out


def test_check_a_whole_folder(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(BROKEN)]) == 1
    out = capsys.readouterr().out
    for f in BROKEN.glob("*.yaml"):
        assert f"{f.name}:" in out, f"{f.name} ontbreekt in de uitvoer"


def test_a_fase_and_an_ending_nobody_can_reach_are_warnings(tmp_path: Path) -> None:
    mini = MINI.read_text(encoding="utf-8")
    text = mini.replace(
        "eindes:\n",
        "  vergeten:\n    tekst: Niemand komt hier.\n    niveau: 0\n    verder: vergeten_einde\n"
        "eindes:\n  vergeten_einde:\n    titel: Vergeten\n    tekst: Niemand.\n    uitkomst: matig\n",
    )
    path = tmp_path / "onbereikbaar.yaml"
    path.write_text(text, encoding="utf-8")
    problems = problems_in(path)
    assert [p.severity.value for p in problems] == ["waarschuwing", "waarschuwing"]
    assert "de fase 'vergeten' is vanaf de start nooit te bereiken" in str(problems[0])
    assert "het einde 'vergeten_einde' is vanaf de start nooit te bereiken" in str(problems[1])
    lib = load([path])
    assert "test-mini" in lib.scenarios, "een waarschuwing houdt het scenario niet tegen"


def test_strict_makes_warnings_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = MINI.read_text(encoding="utf-8").replace(
        "eindes:\n",
        "eindes:\n  vergeten_einde:\n    titel: Vergeten\n    tekst: Niemand.\n    uitkomst: matig\n",
    )
    path = tmp_path / "waarschuwing.yaml"
    path.write_text(text, encoding="utf-8")
    monkey = pytest.MonkeyPatch()
    monkey.setattr("simulator.authoring.bot_checks.bot_expectations", lambda lib, sc: [])
    try:
        assert main(["check", str(path)]) == 0
        assert main(["check", "--strict", str(path)]) == 1
    finally:
        monkey.undo()
    out = capsys.readouterr().out
    assert "waarschuwing: eindes.vergeten_einde" in out


def test_a_warning_fails_only_with_strict(
    capsys: pytest.CaptureFixture[str], file_checks_only: None
) -> None:
    path = BROKEN / "titel-te-lang.yaml"
    assert main(["check", str(path)]) == 0
    assert main(["check", "--strict", str(path)]) == 1
    out = capsys.readouterr().out
    assert "titel-te-lang.yaml:3:8: waarschuwing: titel: de titel is 44 tekens lang" in out
    assert "1 waarschuwing." in out


def test_the_bundled_library_has_no_errors_and_no_warnings() -> None:
    assert [str(p) for p in load().problems] == []


# --- the model path: where the model answer leads ------------------------------------------


def _scenario_with_model_route(tmp_path: Path, effect: str, route: str) -> list[Problem]:
    """mini, with the model answer in 'stil' changing 'spanning' and going where ``route`` says."""
    text = MINI.read_text(encoding="utf-8").replace(
        """        tekst: "Zullen we verder gaan?"
        naar: nacht
        model: ja
""",
        f"""        tekst: "Zullen we verder gaan?"
        effect: {{spanning: {effect}}}
        naar:
{route}        model: ja
""",
    )
    path = tmp_path / "modelpad.yaml"
    path.write_text(text, encoding="utf-8")
    return problems_in(path)


def test_the_model_path_reads_conditions_with_the_values_on_that_path(tmp_path: Path) -> None:
    route = """          - als: spanning >= 2
            naar: escalatie
          - naar: nacht
"""
    assert _scenario_with_model_route(tmp_path, "1", route) == []
    (problem,) = _scenario_with_model_route(tmp_path, "2", route)
    assert problem.path == "fasen.stil.keuzes[1].naar[1]"
    assert "het modelantwoord eindigt in 'escalatie' (uitkomst slecht)" in problem.message
    assert problem.severity is ERROR


def test_the_model_path_follows_every_chance_branch(tmp_path: Path) -> None:
    route = """          - kans: 0,1
            naar: gestopt
          - naar: nacht
"""
    (problem,) = _scenario_with_model_route(tmp_path, "0", route)
    assert problem.path == "fasen.stil.keuzes[1].naar[1]"
    assert "het modelantwoord kan eindigen (als het toeval het zo wil) in 'gestopt'" in (
        problem.message
    )


def test_the_model_path_waits_for_the_timer_where_there_is_nothing_to_choose(
    tmp_path: Path,
) -> None:
    text = (BROKEN / "keuzes-leeg.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    keuzes: []\n", "    keuzes: []\n    timer:\n      seconden: 30\n      naar: gestopt\n"
    )
    text = text.replace("        naar: wachten\n", "        naar: wachten\n        model: ja\n")
    text = text.replace(
        """        tekst: "Zullen we verder gaan?"
        naar: nacht
        model: ja
""",
        """        tekst: "Zullen we verder gaan?"
        naar: nacht
""",
    )
    path = tmp_path / "wachten.yaml"
    path.write_text(text, encoding="utf-8")
    (problem,) = problems_in(path)
    assert problem.path == "fasen.wachten.timer.naar"
    assert "het modelantwoord eindigt in 'gestopt'" in problem.message
    assert "via start → stil → wachten → gestopt" in problem.message
