"""A cmi5 course package for an LMS: ``regie export --cmi5 CURSUS -o pakket.zip``.

The zip holds one file at its root, ``cmi5.xml`` (cmi5 §14.1), the course structure of
cmi5 §13.1 valid against the specification's ``CourseStructure.xsd`` (a test checks it):

- the course: id ``<basis>/cursussen/<id>``, its title and description in Dutch;
- one AU per scenario of the course, in the course's order: id ``<basis>/scenarios/<id>``
  (the publisher id), title and description, ``moveOn="Passed"`` (the AU counts as done
  once the trainee passed it), ``masteryScore`` the scenario's pass mark / 100,
  ``launchMethod="OwnWindow"`` (Regie needs the whole window), and as ``url`` the address
  of ``regie serve`` with ``/cmi5?scenario=<id>``: fully qualified, since the AU is not in
  the zip (§14.1). An exam course adds ``<launchParameters>modus=examen</launchParameters>``:
  played without feedback per step.

The package is the same, byte for byte, for the same library, IRI base and address.
"""

from __future__ import annotations

import io
import zipfile
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree as ET

from simulator.language.library import Library
from simulator.reports.xapi import ACTIVITY_SIMULATION, LANG, course_id, publisher_id

NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
DEFAULT_ADDRESS = "http://127.0.0.1:8000/"
LAUNCH_PATH = "cmi5"
MOVE_ON = "Passed"
ZIP_TIME = (2026, 1, 1, 0, 0, 0)  # a fixed moment: the same package every time


def check_address(address: str) -> str | None:
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return (
            f"'{address}' is geen adres van regie serve; geef het adres dat de trainees "
            "openen, bv. https://regie.gemeente.nl/"
        )
    if parts.query or parts.fragment:
        return "het adres van regie serve mag geen ? of # bevatten"
    return None


def launch_url(address: str, scenario: str) -> str:
    return f"{address.rstrip('/')}/{LAUNCH_PATH}?{urlencode({'scenario': scenario})}"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    element = ET.SubElement(parent, tag)
    langstring = ET.SubElement(element, "langstring", lang=LANG)
    langstring.text = " ".join(text.split()) or "-"


def course_structure(lib: Library, course: str, base: str, address: str) -> bytes:
    """``cmi5.xml`` for one course (see the module)."""
    found = lib.course(course)
    root = ET.Element("courseStructure", xmlns=NAMESPACE)
    head = ET.SubElement(root, "course", id=course_id(base, course))
    _text(head, "title", found.title)
    _text(head, "description", found.description or found.title)
    for sid in found.scenarios:
        scenario = lib.scenario(sid)
        mastery = lib.profile_for(scenario).pass_mark / 100
        au = ET.SubElement(
            root,
            "au",
            id=publisher_id(base, sid),
            moveOn=MOVE_ON,
            masteryScore=f"{mastery:.4f}".rstrip("0").rstrip("."),
            launchMethod="OwnWindow",
            activityType=ACTIVITY_SIMULATION,
        )
        _text(au, "title", scenario.title)
        _text(au, "description", scenario.description or scenario.title)
        url = ET.SubElement(au, "url")
        url.text = launch_url(address, sid)
        if found.mode == "examen":
            parameters = ET.SubElement(au, "launchParameters")
            parameters.text = "modus=examen"
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"


def package(lib: Library, course: str, base: str, address: str) -> bytes:
    """The zip: ``cmi5.xml`` at its root."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("cmi5.xml", date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        archive.writestr(info, course_structure(lib, course, base, address))
    return buffer.getvalue()
