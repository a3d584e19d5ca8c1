"""Reading one file for the library, through the checked-model cache (``model_cache``).

Three kinds of entries, each known by what it was made from:

- ``FileEntry``, by the file's bytes (and the name it is shown under): its kind, what was
  read from it when that needs no other file (a catalogue, a profile, a course, a test
  plan), and its problems;
- ``ScenarioHead``, by the file's key, the catalogue's and the profiles': the problems of the
  scenario in it and the little that checks across files need (its id, role, courses);
- the ``Scenario`` itself, by the same key, read only when it is used (``scenario_map``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.language.model import Catalogue, Profile, Scenario
from simulator.language.problems import Mark, Problem, Problems
from simulator.language.scenario_map import Kept

if TYPE_CHECKING:
    from simulator.language.model_cache import ModelCache
    from simulator.language.yamlsource import Node

UNKNOWN_KIND = (
    "onbekend soort bestand: een scenario heeft 'fasen:', de catalogus "
    "'interventies:', een protocolprofiel 'bevoegdheden:', een cursus 'modus:' "
    "en een testplan 'gevallen:'"
)


def display(path: Path) -> str:
    """A file as problems name it: relative to the current folder."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def kind_of(root: Node) -> str:
    if root.kind != "map":
        return "onbekend"
    if root.get("fasen") is not None:
        return "scenario"
    if root.get("interventies") is not None:
        return "catalogus"
    if root.get("bevoegdheden") is not None:
        return "profiel"
    if root.get("modus") is not None:
        return "cursus"
    if root.get("gevallen") is not None:
        return "testplan"
    return "onbekend"


@dataclass(frozen=True, slots=True)
class FileEntry:
    """What one file gave: its kind (None when it could not be parsed), what was read from
    it (a catalogue, profile or plan; a course with the place of each scenario it names;
    nothing for a scenario) and its problems."""

    kind: str | None
    value: object
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class ScenarioHead:
    """A scenario file read against a catalogue and profiles: its problems, and what the
    checks across files need of it. ``id`` is None when the scenario has errors (then
    there is no model); ``root_id`` is the id written in the file, valid or not."""

    id: str | None
    source: str
    role: str
    trainings: tuple[str, ...]
    problems: tuple[Problem, ...]
    root_id: str | None
    root_mark: Mark
    trainings_mark: Mark | None


@dataclass
class FileRead:
    """One file as the loader sees it."""

    path: Path
    problems: Problems
    key: str | None = None  # its key in the cache (None: no cache, or not a readable file)
    kind: str | None = None
    value: object = None
    root: Node | None = None  # the tree, when it was parsed in this run
    data: bytes | None = None


def read_file(path: Path, cache: ModelCache | None, forced: str | None = None) -> FileRead:
    """Read one file (from the cache when it knows these bytes): its kind and, except for a
    scenario, what it holds. ``forced``: read it as this kind whatever it looks like."""
    from simulator.language.text_files import read_bytes

    read = FileRead(path, Problems(display(path)))
    if not path.exists():
        read.problems.add(None, "", "dit bestand of deze map bestaat niet")
        return read
    data = read_bytes(str(path), read.problems)
    if data is None:
        return read
    read.data = data
    if cache is not None and cache.enabled:
        read.key = cache.key("bestand", forced or "", read.problems.file, data)
        kept = cache.get(read.key, FileEntry)
        if kept is not None:
            read.kind, read.value = kept.kind, kept.value
            read.problems.items = list(kept.problems)
            return read
    _parse_and_read(read, forced)
    if read.key is not None and cache is not None:
        cache.put(read.key, FileEntry(read.kind, read.value, tuple(read.problems.items)))
    return read


def _parse(data: bytes, problems: Problems) -> Node | None:
    from simulator.language.text_files import decode_text
    from simulator.language.yamlsource import compose

    text = decode_text(data, problems)
    return compose(text, problems) if text is not None else None


def _parse_and_read(read: FileRead, forced: str | None) -> None:
    from simulator.language.catalogue import read_catalogue, read_profile
    from simulator.language.course import read_course
    from simulator.language.plan import read_plan

    assert read.data is not None
    pr = read.problems
    root = read.root = _parse(read.data, pr)
    if root is None:
        return
    read.kind = kind = forced or kind_of(root)
    before = len(pr.items)
    if kind == "catalogus":
        catalogue = read_catalogue(root, pr)
        read.value = catalogue if len(pr.items) == before else None
    elif kind == "profiel":
        profile = read_profile(root, pr)
        read.value = profile if len(pr.items) == before else None
    elif kind == "cursus":
        course = read_course(root, pr)
        if course is not None:
            read.value = (course[0], {sid: node.mark for sid, node in course[1].items()})
    elif kind == "testplan":
        read.value = read_plan(root, pr)
    elif kind != "scenario":
        pr.add(root.mark, "", UNKNOWN_KIND)


def read_scenario_head(
    read: FileRead,
    catalogue: Catalogue,
    profiles: dict[str, Profile],
    cache: ModelCache | None,
    inputs: str,
) -> tuple[ScenarioHead, Scenario | Kept | None, str | None]:
    """The scenario in a file, checked against ``catalogue`` and ``profiles`` (whose keys
    are ``inputs``): its head, the scenario (or, when the cache has it, how to read it when
    it is needed) and its key in the cache."""
    key = None
    if read.key is not None and cache is not None:
        key = cache.key("scenario", read.key, inputs)
        head = cache.get(key, ScenarioHead)
        if head is not None:
            if head.id is None:
                return head, None, key
            return head, Kept(head.source, _later(read, catalogue, profiles, cache, key)), key
    head, scenario = _read_scenario(read, catalogue, profiles)
    if key is not None and cache is not None:
        if scenario is not None:
            cache.put(_model_key(cache, key), scenario)
        cache.put(key, head)
    return head, scenario, key


def _model_key(cache: ModelCache, key: str) -> str:
    return cache.key("model", key)


def _read_scenario(
    read: FileRead, catalogue: Catalogue, profiles: dict[str, Profile]
) -> tuple[ScenarioHead, Scenario | None]:
    from simulator.language.scenario import read_scenario

    root = read.root
    if root is None:  # the file came from the cache, its scenario did not: parse it again
        assert read.data is not None
        root = _parse(read.data, Problems(read.problems.file))  # its problems are known
        assert root is not None, "a file that parsed before parses again"
    pr = Problems(read.problems.file)
    pr.items = list(read.problems.items)  # the reader gives no model when the file has errors
    known = len(pr.items)
    scenario = read_scenario(root, pr, catalogue, profiles)
    del pr.items[:known]
    where = root.get("trainingen")
    ident = root.get("id")
    head = ScenarioHead(
        scenario.id if scenario is not None else None,
        read.problems.file,
        scenario.role if scenario is not None else "",
        scenario.trainings if scenario is not None else (),
        tuple(pr.items),
        ident.text if ident is not None and ident.kind == "scalar" else None,
        root.mark,
        where.mark if where is not None else None,
    )
    return head, scenario


def _later(
    read: FileRead,
    catalogue: Catalogue,
    profiles: dict[str, Profile],
    cache: ModelCache,
    key: str,
) -> Callable[[], Scenario]:
    """How to get the scenario of a head from the cache: its model entry, or (if that is
    gone or damaged) reading the same bytes again, which keeps it once more."""
    data = read.data
    file_problems = tuple(read.problems.items)  # the file's own, before the scenario's

    def get() -> Scenario:
        model = cache.get(_model_key(cache, key), Scenario)
        if model is not None:
            return model
        again = FileRead(read.path, Problems(read.problems.file), data=data)
        again.problems.items = list(file_problems)
        _, scenario = _read_scenario(again, catalogue, profiles)
        assert scenario is not None, "a scenario that read without errors reads again"
        cache.put(_model_key(cache, key), scenario)
        return scenario

    return get
