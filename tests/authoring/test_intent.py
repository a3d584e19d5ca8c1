"""The author's intent in the language (oordeel, breekt, kernregels), and `regie check`
holding the judge to it in every context where a choice can be reached (issue 16, part 1)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from simulator.authoring import intent
from simulator.authoring import schema as regie_schema
from simulator.cli import main
from simulator.language.library import load
from simulator.language.problems import Problem, Severity

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
IN_ORDE = FIXTURES / "intent" / "in-orde.yaml"
ONEENS = FIXTURES / "intent" / "oneens.yaml"
MINI = FIXTURES / "mini.yaml"

SCENARIO = """\
id: test-taal
titel: De taal van het oordeel
omschrijving: Een fase met twee keuzes.
rol: klantmanager
moeilijkheid: makkelijk
verwachte_duur: 1
leerdoelen: [Testen.]
{kern}
bezoeker: {{naam: Test Bezoeker, agressietype: instrumenteel}}
start: balie
fasen:
  balie:
    tekst: De bezoeker slaat op de balie.
    niveau: 1
    orde_verstoord: ja
    keuzes:
      - interventie: gedrag-benoemen
        tekst: Zo praten we niet met elkaar.
        naar: klaar
        model: ja
{model}
      - interventie: inhoud-doorgaan
        tekst: De regels zijn de regels.
        naar: klaar
{other}
eindes:
  klaar: {{titel: Klaar, tekst: Afgelopen., uitkomst: goed}}
"""


def write(tmp_path: Path, *, kern: str = "", model: str = "", other: str = "") -> Path:
    path = tmp_path / "taal.yaml"
    path.write_text(SCENARIO.format(kern=kern, model=model, other=other), encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if fragment in line)


def messages(path: Path) -> list[str]:
    """The errors, each as 'line:col: path: message' (the file is told as the library shows
    it, relative to the working directory)."""
    out = []
    for p in load([path]).problems:
        assert p.file.endswith(path.name) and p.severity is Severity.ERROR
        assert p.mark is not None
        out.append(f"{p.mark.line}:{p.mark.col}: {p.path}: {p.message}")
    return out


# --- the language ---------------------------------------------------------------------------


def test_oordeel_breekt_and_kernregels_are_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        kern="kernregels: [orde-voor-inhoud, nietsdoen-geen-optie]",
        other="        oordeel: fout\n        breekt: [orde-voor-inhoud, vroeg-ingrijpen]",
    )
    lib = load([path])
    assert [str(p) for p in lib.problems] == []
    sc = lib.scenario("test-taal")
    assert sc.kernregels == ("orde-voor-inhoud", "nietsdoen-geen-optie")
    model, other = sc.fasen["balie"].choices
    assert (model.judgement, model.intent, model.breaks) == (None, "goed", ())
    assert (other.judgement, other.intent) == ("fout", "fout")
    assert other.breaks == ("orde-voor-inhoud", "vroeg-ingrijpen")
    assert other.mark is not None and other.mark.line == line_of(path, "inhoud-doorgaan")
    assert sc.annotated


def test_one_rule_alone_is_a_list_of_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        kern="kernregels: orde-voor-inhoud",
        other="        oordeel: fout\n        breekt: orde-voor-inhoud",
    )
    sc = load([path]).scenario("test-taal")
    assert sc.kernregels == ("orde-voor-inhoud",)
    assert sc.fasen["balie"].choices[1].breaks == ("orde-voor-inhoud",)


def test_without_oordeel_nothing_is_annotated(tmp_path: Path) -> None:
    sc = load([write(tmp_path)]).scenario("test-taal")
    assert not sc.annotated and sc.kernregels == ()
    assert [c.intent for c in sc.fasen["balie"].choices] == ["goed", None]


def test_an_unknown_rule_in_breekt_is_told_with_its_place(tmp_path: Path) -> None:
    path = write(tmp_path, other="        oordeel: fout\n        breekt: [orde-voor-inhuod]")
    line = line_of(path, "breekt:")
    col = path.read_text(encoding="utf-8").splitlines()[line - 1].index("orde-voor-inhuod") + 1
    assert messages(path) == [
        f"{line}:{col}: fasen.balie.keuzes[2].breekt[1]: onbekende regel "
        "'orde-voor-inhuod'; zie docs/regels.md voor de id's. Bedoelde u 'orde-voor-inhoud'?"
    ]


def test_an_unknown_kernregel_is_told_with_its_place(tmp_path: Path) -> None:
    path = write(tmp_path, kern="kernregels:\n  - ordegesprek\n  - inhoud")
    line = line_of(path, "  - inhoud")
    assert messages(path) == [
        f"{line}:5: kernregels[2]: onbekende regel 'inhoud'; zie docs/regels.md voor de id's."
    ]


def test_breekt_needs_oordeel_fout(tmp_path: Path) -> None:
    path = write(tmp_path, other="        oordeel: kan\n        breekt: [orde-voor-inhoud]")
    line = line_of(path, "breekt:")
    assert messages(path) == [
        f"{line}:9: fasen.balie.keuzes[2].breekt: 'breekt' noemt de regels die een foute "
        "keuze overtreedt; zet er 'oordeel: fout' bij, of haal 'breekt' weg"
    ]
    assert len(messages(write(tmp_path, other="        breekt: [orde-voor-inhoud]"))) == 1


def test_a_model_answer_is_goed(tmp_path: Path) -> None:
    path = write(tmp_path, model="        oordeel: kan")
    line = line_of(path, "oordeel: kan")
    assert messages(path) == [
        f"{line}:9: fasen.balie.keuzes[1].oordeel: het modelantwoord is altijd goed, maar "
        "hier staat 'oordeel: kan'; zet 'oordeel: goed' of haal 'model: ja' weg"
    ]
    assert messages(write(tmp_path, model="        oordeel: goed")) == []


def test_an_unknown_oordeel_is_one_problem(tmp_path: Path) -> None:
    path = write(tmp_path, other="        oordeel: slecht\n        breekt: orde-voor-inhoud")
    (message,) = messages(path)
    assert "'slecht' is geen geldige keuze voor het oordeel; kies uit: goed, kan, fout" in message


def test_the_schema_knows_the_new_keys() -> None:
    validator = Draft202012Validator(regie_schema.build()["scenario.schema.json"])
    document = yaml.safe_load(IN_ORDE.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(document)) == []
    choices = document["fasen"]["balie"]["keuzes"]
    choices[0]["oordeel"] = "kan"  # a model answer is goed
    assert list(validator.iter_errors(document))
    choices[0]["oordeel"] = "goed"
    choices[1]["oordeel"] = "kan"  # breekt only with fout
    assert list(validator.iter_errors(document))
    choices[1]["oordeel"] = "fout"
    choices[1]["breekt"] = ["geen-regel"]
    assert list(validator.iter_errors(document))
    document["kernregels"] = ["nazorg"]
    choices[1]["breekt"] = "orde-voor-inhoud"
    assert list(validator.iter_errors(document)) == []


# --- regie check ----------------------------------------------------------------------------


def intent_of(path: Path, *, strict: bool = False) -> list[Problem]:
    lib = load([path])
    assert [str(p) for p in lib.problems] == []
    return [
        p for sc in lib.scenarios.values() for p in intent.intent_problems(lib, sc, strict=strict)
    ]


def test_each_kind_of_disagreement_is_reported_with_the_line_of_the_choice() -> None:
    got = intent_of(ONEENS)
    text = ONEENS.read_text(encoding="utf-8").splitlines()

    def line(after: str, fragment: str) -> int:
        start = next(n for n, t in enumerate(text) if after in t)
        return next(n for n, t in enumerate(text[start:], start=start + 1) if fragment in t)

    goed = line("fasen:", "interventie: inhoud-doorgaan")
    fout = line("fasen:", "interventie: besluit-uitleggen")
    zwijgt = line("rustig:", "interventie: afronden")
    where: dict[tuple[int, str], list[str]] = {}
    for p in got:
        where.setdefault((p.mark.line if p.mark else 0, p.path), []).append(p.message)
    assert all(p.severity is Severity.ERROR and p.file.endswith("oneens.yaml") for p in got)
    assert (
        "keuze 2 in fase 'balie' is 'goed' volgens de auteur, maar de regel 'orde-voor-inhoud' "
        "keurt haar af (na: begin)"
    ) in where[(goed, "fasen.balie.keuzes[2]")]
    assert where[(fout, "fasen.balie.keuzes[3]")] == [
        "keuze 3 in fase 'balie' breekt volgens de auteur de regel 'aanwijzing-opvolgen', maar "
        "die regel keurt haar hier niet af (na: begin)"
    ]
    assert where[(zwijgt, "fasen.rustig.keuzes[2]")] == [
        "keuze 2 in fase 'rustig' is 'fout' volgens de auteur, maar geen regel keurt haar af "
        "(na: begin → balie keuze 1)"
    ]
    # orde-voor-inhoud does catch keuze 3: only the rule that stays silent is reported
    assert not any("keuze 3" in p.message and "orde-voor-inhoud" in p.message for p in got)


def test_regie_check_fails_on_a_disagreement_and_prints_file_and_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", str(ONEENS)]) != 0
    out = capsys.readouterr().out
    assert re.search(r"intent/oneens\.yaml:\d+:9: fasen\.rustig\.keuzes\[2\]: keuze 2", out)
    assert main(["check", "--json", str(ONEENS)]) != 0
    assert '"line":' in capsys.readouterr().out


def test_an_annotated_scenario_without_disagreement_passes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert intent_of(IN_ORDE, strict=True) == []
    assert main(["check", "--strict", str(IN_ORDE)]) == 0
    assert "1 scenario in orde." in capsys.readouterr().out


def test_a_repeated_violation_is_no_disagreement(monkeypatch: pytest.MonkeyPatch) -> None:
    """In 'gang' after the wrong choice in 'balie', orde-voor-inhoud is already violated: the
    same wrong choice cannot violate it anew. It counts as caught, because it would be from a
    state of the rule met in the scenario; without that, it would be reported."""
    assert intent_of(IN_ORDE) == []
    monkeypatch.setattr(intent._Checker, "could_break", lambda *args: False)
    monkeypatch.setattr(intent._Checker, "broken_elsewhere", lambda *args: set())
    # (then also "no rule catches it": vroeg-ingrijpen looks only at the first unrest)
    (problem,) = [p for p in intent_of(IN_ORDE) if "breekt volgens de auteur" in p.message]
    assert problem.path == "fasen.gang.keuzes[2]"
    assert problem.message == (
        "keuze 2 in fase 'gang' breekt volgens de auteur de regel 'orde-voor-inhoud', maar die "
        "regel keurt haar hier niet af (na: begin → balie keuze 2)"
    )


def test_without_oordeel_only_strict_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(tmp_path)  # one choice besides the model answer, without an oordeel
    assert intent_of(path) == []
    (warning,) = intent_of(path, strict=True)
    assert warning.severity is Severity.WARNING
    assert warning.message == (
        "het scenario 'test-taal' heeft geen oordeel bij 1 keuze: niets om de beoordeling "
        "aan te houden"
    )
    main(["check", str(path)])  # (the bots may find fault with this small scenario)
    assert "oordeel" not in capsys.readouterr().out
    assert main(["check", "--strict", str(path)]) != 0
    assert "heeft geen oordeel bij 1 keuze:" in capsys.readouterr().out


def test_the_small_test_scenario_is_annotated_and_agrees() -> None:
    assert load([MINI]).scenario("test-mini").annotated
    assert intent_of(MINI, strict=True) == []


def test_a_space_too_large_is_said(monkeypatch: pytest.MonkeyPatch) -> None:
    lib = load([IN_ORDE])
    sc = lib.scenario("test-oordeel-in-orde")
    (warning,) = intent.intent_problems(lib, sc, max_states=1)
    assert warning.severity is Severity.WARNING
    assert "meer dan 1 toestanden" in warning.message
