"""``regie new``: a scenario to start from that passes every check, with a test plan that passes.

And clear refusals: a bad id, an unknown role, a missing folder, a file that is already there
(never overwritten).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from simulator.authoring import stable_schemas
from simulator.authoring.new_scenario import SCHEMAS, TEMPLATE_DIR, TEMPLATES, schema_ref
from simulator.cli import main
from simulator.language.library import load

ROLES = ["klantmanager", "beveiliger"]


@pytest.fixture(autouse=True)
def own_data_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """The user's data folder (where regie new keeps the schemas) is the test's own."""
    home = tmp_path_factory.mktemp("gebruikersdata")
    monkeypatch.setattr(stable_schemas, "folder", lambda: home / "regie" / "schema")
    return home / "regie" / "schema"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("role", ROLES)
def test_the_templates_themselves_pass_check_strict_and_their_plans(
    role: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The files 'regie new' copies are real scenarios: an author may open and check them."""
    template = TEMPLATES[role]
    scenario = TEMPLATE_DIR / f"{template}.yaml"
    first = scenario.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/scenario.schema.json"
    assert (scenario.parent / first.split("=", 1)[1]).resolve() == SCHEMAS / "scenario.schema.json"
    code, out, _ = run(capsys, "check", "--strict", str(scenario))
    assert code == 0, out
    assert "1 scenario in orde." in out and "waarschuwing" not in out
    assert load([scenario]).scenario(template).role == role
    plan = TEMPLATE_DIR / f"{template}.test.yaml"
    code, out, _ = run(capsys, "test", str(scenario), str(plan))
    assert code == 0, out
    assert "3 gevallen: 3 geslaagd, 0 mislukt." in out


@pytest.mark.parametrize("role", ROLES)
def test_the_new_scenario_passes_check_strict_and_its_plan(
    role: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sid = f"{role[:3]}-nieuw"
    code, out, err = run(capsys, "new", sid, "--rol", role, "--map", str(tmp_path))
    assert (code, err) == (0, "")
    scenario, plan = tmp_path / f"{sid}.yaml", tmp_path / f"{sid}.test.yaml"
    assert scenario.is_file() and plan.is_file()
    for step in ("regie check --streng", "--bot protocol", "regie graph", "regie test"):
        assert step in out

    # no error, no warning, and the bots score as the protocol says (model >= 90, others fail)
    code, out, _ = run(capsys, "check", "--strict", str(scenario))
    assert code == 0, out
    assert "1 scenario in orde." in out and "waarschuwing" not in out

    code, out, _ = run(capsys, "test", str(tmp_path))
    assert code == 0, out
    assert "3 gevallen: 3 geslaagd, 0 mislukt." in out

    lib = load([scenario])
    sc = lib.scenario(sid)
    assert sc.role == role
    assert all(
        role in lib.catalogue[c.intervention].roles for f in sc.fasen.values() for c in f.choices
    )
    assert "Vervang" in scenario.read_text(encoding="utf-8")

    code, out, _ = run(capsys, "run", str(scenario), "--bot", "protocol")
    assert code == 0 and "GESLAAGD" in out and "NIET GESLAAGD" not in out


@pytest.mark.parametrize("role", ROLES)
def test_both_files_name_their_schema_and_follow_it(
    role: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], own_data_folder: Path
) -> None:
    assert main(["new", "schema-proef", "--rol", role, "--map", str(tmp_path)]) == 0
    capsys.readouterr()
    for name, schema in (
        ("schema-proef.yaml", "scenario.schema.json"),
        ("schema-proef.test.yaml", "testplan.schema.json"),
    ):
        text = (tmp_path / name).read_text(encoding="utf-8")
        first = text.splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema=")
        ref = first.split("$schema=", 1)[1]
        # the copy in the user's data folder, not the installed one (an upgrade replaces that)
        named = (tmp_path / ref).resolve()  # absolute or relative
        assert named == (own_data_folder / schema).resolve()
        assert named.read_bytes() == (SCHEMAS / schema).read_bytes()
        rules = json.loads(named.read_text(encoding="utf-8"))
        errors = list(Draft202012Validator(rules).iter_errors(yaml.safe_load(text)))
        assert errors == [], [e.message for e in errors]


def test_the_copies_follow_the_installed_schemas_and_regie_schema_names_them(
    own_data_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--pad"]) == 0
    assert capsys.readouterr().out.strip() == str(own_data_folder)
    copy = own_data_folder / "scenario.schema.json"
    copy.write_text("{}", encoding="utf-8")  # as an older Regie left it
    assert (
        main(
            [
                "check",
                str(
                    SCHEMAS.parent.parent.parent / "scenarios" / "bibliotheek" / "km-omkoping.yaml"
                ),
            ]
        )
        == 0
    )
    assert (
        copy.read_bytes() == (SCHEMAS / "scenario.schema.json").read_bytes()
    )  # brought up to date
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert f"$schema={copy.as_posix()}" in out


def test_where_the_data_folder_cannot_be_written_the_installed_schema_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "bestand"
    blocked.write_text("geen map", encoding="utf-8")
    monkeypatch.setattr(stable_schemas, "folder", lambda: blocked / "schema")
    work = tmp_path / "werk"
    work.mkdir()
    code, _, err = run(capsys, "new", "km-proef", "--rol", "klantmanager", "--map", str(work))
    assert code == 0 and "de schema's konden niet naar" in err
    first = (work / "km-proef.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert (work / first.split("$schema=", 1)[1]).resolve() == (
        SCHEMAS / "scenario.schema.json"
    ).resolve()


def test_the_schema_path_is_relative_where_the_files_share_a_folder(tmp_path: Path) -> None:
    schema = tmp_path / "pakket" / "schemas" / "scenario.schema.json"
    written = tmp_path / "scenarios" / "eigen" / "nieuw.yaml"
    assert schema_ref(written, schema) == "../../pakket/schemas/scenario.schema.json"
    assert schema_ref(Path("/nieuw.yaml"), schema) == schema.resolve().as_posix()


# --- refusals: a Dutch message, exit code 2, nothing written ----------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Km_Balie", "--rol", "klantmanager"], "'Km_Balie' is geen geldig id: gebruik kleine"),
        (["km balie", "--rol", "klantmanager"], "'km balie' is geen geldig id"),
        (["km-", "--rol", "klantmanager"], "'km-' is geen geldig id"),
        (["km-balie"], "geef de rol van de trainee: --rol klantmanager of --rol beveiliger"),
        (
            ["km-balie", "--rol", "beveilger"],
            "onbekende rol 'beveilger'; kies uit: klantmanager, beveiliger. Bedoelde u 'beveiliger'?",
        ),
        (
            ["km-spreekkamer-dreiging", "--rol", "klantmanager"],
            "'km-spreekkamer-dreiging' is al een meegeleverd scenario; kies een ander id",
        ),
    ],
    ids=["hoofdletters", "spatie", "streepje-achteraan", "geen-rol", "rol-verkeerd", "meegeleverd"],
)
def test_new_refuses_bad_input(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "new", *args, "--map", str(tmp_path))
    assert code == 2
    assert message in err and err.startswith("regie new: ")
    assert "Traceback" not in out + err
    assert list(tmp_path.iterdir()) == []


def test_new_refuses_a_missing_folder_or_a_file_as_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "bestaat-niet"
    code, _, err = run(capsys, "new", "km-x", "--rol", "klantmanager", "--map", str(missing))
    assert code == 2 and f"de map '{missing}' bestaat niet; maak hem eerst aan" in err
    assert not missing.exists()
    a_file = tmp_path / "bestand.txt"
    a_file.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "new", "km-x", "--rol", "klantmanager", "--map", str(a_file))
    assert code == 2 and "is geen map" in err


@pytest.mark.parametrize("existing", ["km-x.yaml", "km-x.test.yaml"])
def test_new_never_overwrites(
    existing: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / existing).write_text("# mijn eigen werk\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "km-x", "--rol", "klantmanager", "--map", str(tmp_path))
    assert code == 2
    assert f"{existing} bestaat al; Regie overschrijft niets" in err
    assert (tmp_path / existing).read_text(encoding="utf-8") == "# mijn eigen werk\n"
    assert [p.name for p in tmp_path.iterdir()] == [existing], "the other file is not written"
