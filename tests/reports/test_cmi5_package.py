"""``regie export --cmi5 CURSUS -o pakket.zip``: a course package an LMS can import, its
``cmi5.xml`` valid against the specification's XSD (tests/fixtures/cmi5, with its source)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree as ET

import pytest
import xmlschema

from simulator.cli import main
from simulator.language.library import load
from simulator.reports import cmi5_package, xapi
from simulator.store import Store

LIB = load()
XSD = Path(__file__).resolve().parent.parent / "fixtures" / "cmi5" / "CourseStructure.xsd"
NS = {"c": cmi5_package.NAMESPACE}


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD))


@pytest.mark.parametrize("course", sorted(LIB.courses))
def test_every_course_is_a_valid_course_structure(course: str, schema: xmlschema.XMLSchema) -> None:
    xml = cmi5_package.course_structure(
        LIB, course, xapi.DEFAULT_BASE, "https://regie.gemeente.nl/"
    )
    schema.validate(xml.decode("utf-8"))  # raises with the place of any problem
    root = ET.fromstring(xml)
    head = root.find("c:course", NS)
    assert head is not None
    assert head.get("id") == f"https://regie.example/cursussen/{course}"
    aus = root.findall("c:au", NS)
    assert [au.get("id") for au in aus] == [
        f"https://regie.example/scenarios/{sid}" for sid in LIB.courses[course].scenarios
    ]
    ids = [au.get("id") for au in aus]
    assert len(ids) == len(set(ids)), "cmi5 §13.1.4: an AU's id is unique in the course"
    for au, sid in zip(aus, LIB.courses[course].scenarios, strict=True):
        scenario = LIB.scenarios[sid]
        assert au.get("moveOn") == "Passed"
        assert float(au.get("masteryScore") or "") == LIB.profile_for(scenario).pass_mark / 100
        assert au.findtext("c:title/c:langstring", namespaces=NS) == scenario.title
        url = urlsplit(au.findtext("c:url", namespaces=NS) or "")
        assert (url.scheme, url.netloc, url.path) == ("https", "regie.gemeente.nl", "/cmi5")
        assert parse_qs(url.query) == {"scenario": [sid]}
        exam = LIB.courses[course].mode == "examen"
        assert (au.findtext("c:launchParameters", namespaces=NS) == "modus=examen") is exam


def test_the_command_writes_a_zip_with_cmi5_xml_at_its_root(
    tmp_path: Path, schema: xmlschema.XMLSchema, capsys: pytest.CaptureFixture[str]
) -> None:
    course = "klantmanager-halve-dag"
    target = tmp_path / "pakket.zip"
    data = ["--data", str(tmp_path / "data")]
    code = main(
        [*data, "export", "--cmi5", course, "--adres", "http://10.0.0.5:8000", "-o", str(target)]
    )
    assert code == 0
    assert "Cursuspakket met" in capsys.readouterr().err
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["cmi5.xml"]
        xml = archive.read("cmi5.xml")
    schema.validate(xml.decode("utf-8"))
    assert b"http://10.0.0.5:8000/cmi5?scenario=" in xml
    again = tmp_path / "again.zip"
    assert (
        main(
            [*data, "export", "--cmi5", course, "--adres", "http://10.0.0.5:8000", "-o", str(again)]
        )
        == 0
    )
    assert again.read_bytes() == target.read_bytes(), "the same package every time"
    # the organisation's IRI base, once set, is in the package
    assert main([*data, "export", "--iri-basis", "https://leren.utrecht.nl/regie"]) == 0
    assert main([*data, "export", "--cmi5", course, "-o", str(again)]) == 0
    with zipfile.ZipFile(again) as archive:
        root = ET.fromstring(archive.read("cmi5.xml"))
    head = root.find("c:course", NS)
    assert (
        head is not None and head.get("id") == f"https://leren.utrecht.nl/regie/cursussen/{course}"
    )
    with Store(tmp_path / "data" / "regie.sqlite") as store:
        assert xapi.iri_base(store) == "https://leren.utrecht.nl/regie"


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--cmi5", "geen-cursus", "-o", "x.zip"], "onbekende cursus 'geen-cursus'"),
        (["--cmi5", "klantmanager-halve-dag"], "-o pakket.zip"),
        (["--cmi5", "klantmanager-halve-dag", "--adres", "ftp://x", "-o", "x.zip"], "geen adres"),
        (["--iri-basis", "regie"], "IRI-basisadres"),
        (["--xapi", "--cmi5", "klantmanager-halve-dag"], "niet allebei"),
        (["--lrs", "http://127.0.0.1:1/xapi/"], "--lrs hoort bij --xapi"),
        ([], "kies wat u exporteert"),
    ],
)
def test_mistakes_are_told_in_dutch(
    tmp_path: Path, args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data", str(tmp_path), "export", *args])
    err = capsys.readouterr().err
    assert code == 2 and said in err and "Traceback" not in err


def test_an_invalid_structure_is_refused_by_the_schema(schema: xmlschema.XMLSchema) -> None:
    """The schema check can fail: an AU without its url, or a moveOn cmi5 does not know."""
    xml = cmi5_package.course_structure(
        LIB, "klantmanager-halve-dag", xapi.DEFAULT_BASE, "http://h/"
    )
    text = xml.decode("utf-8")
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        schema.validate(text.replace('moveOn="Passed"', 'moveOn="Geslaagd"', 1))
    start = text.index("<url>")
    end = text.index("</url>") + len("</url>")
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        schema.validate(text[:start] + text[end:])
    assert io.BytesIO(xml).read(5) == b"<?xml"
