"""Finding and loading YAML files: the bundled library, or files and folders given by path."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from simulator.language.model import Catalogue, Course, Profile, Scenario
from simulator.language.problems import LoadError, Problem, Problems

if TYPE_CHECKING:  # the loaders are imported when files are read: the app reads a kept copy
    from simulator.language.plan import Plan
    from simulator.language.yamlsource import Node

T = TypeVar("T")


def bundled_dir() -> Path:
    """The folder with the bundled YAML (the ``scenarios`` package)."""
    return Path(str(resources.files("scenarios")))


def _display(path: Path) -> str:
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


@dataclass
class Library:
    catalogue: Catalogue
    profiles: dict[str, Profile]
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    courses: dict[str, Course] = field(default_factory=dict)
    plans: list[Plan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    def scenario(self, sid: str) -> Scenario:
        try:
            return self.scenarios[sid]
        except KeyError:
            from simulator.language.reader import suggest

            raise LookupError(f"onbekend scenario '{sid}'.{suggest(sid, self.scenarios)}") from None

    def profile_for(self, scenario: Scenario) -> Profile:
        return self.profiles[scenario.profile]

    def course(self, cid: str) -> Course:
        try:
            return self.courses[cid]
        except KeyError:
            from simulator.language.reader import suggest

            raise LookupError(f"onbekende cursus '{cid}'.{suggest(cid, self.courses)}") from None


def _parse(path: Path) -> tuple[Node | None, Problems]:
    from simulator.language.yamlsource import compose, read_text

    problems = Problems(_display(path))
    text = read_text(str(path), problems)
    if text is None:
        return None, problems
    return compose(text, problems), problems


def file_kind(path: Path) -> str | None:
    """What a YAML file holds ('scenario', 'cursus', … or 'onbekend'); None when it cannot
    be read or is no YAML at all (loading it says why)."""
    root, _ = _parse(path)
    return None if root is None else kind_of(root)


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.y*ml") if q.suffix in (".yaml", ".yml")))
        else:
            out.append(p)
    return out


def load(paths: Iterable[Path] | None = None) -> Library:
    """Load the scenarios in ``paths`` (default: the bundled library), with their catalogue
    and profiles.

    Catalogue and profile files among the given paths take the place of the bundled ones;
    otherwise the bundled ones are used. Problems are collected, never raised.
    """
    from simulator.language.gc_pause import gc_paused

    with gc_paused():  # the trees and models hold no cycles: nothing for the collector
        return _load(paths)


def _load(paths: Iterable[Path] | None) -> Library:
    from simulator.language.catalogue import read_catalogue, read_profile
    from simulator.language.course import read_course
    from simulator.language.plan import read_plan
    from simulator.language.scenario import read_scenario

    base = bundled_dir()
    given = yaml_files(paths) if paths is not None else yaml_files([base])
    parsed: list[tuple[Path, Node | None, Problems]] = []
    for path in given:
        if path.exists():
            parsed.append((path, *_parse(path)))
        else:
            missing = Problems(_display(path))
            missing.add(None, "", "dit bestand of deze map bestaat niet")
            parsed.append((path, None, missing))
    problems: list[Problem] = []
    catalogue: Catalogue | None = None
    profiles: dict[str, Profile] = {}
    scenario_roots: list[tuple[Node, Problems]] = []
    course_reads: list[tuple[Course, dict[str, Node], Problems]] = []
    plans: list[Plan] = []
    for _path, root, pr in parsed:
        problems_before = len(pr.items)
        if root is None:
            continue
        kind = kind_of(root)
        if kind == "catalogus":
            cat = read_catalogue(root, pr)
            if len(pr.items) == problems_before:
                catalogue = cat
        elif kind == "profiel":
            prof = read_profile(root, pr)
            if len(pr.items) == problems_before:
                profiles[prof.id] = prof
        elif kind == "scenario":
            scenario_roots.append((root, pr))
        elif kind == "cursus":
            read = read_course(root, pr)
            if read is not None:
                course_reads.append((*read, pr))
        elif kind == "testplan":
            plan = read_plan(root, pr)
            if plan is not None:
                plans.append(plan)
        else:
            pr.add(
                root.mark,
                "",
                "onbekend soort bestand: een scenario heeft 'fasen:', de catalogus "
                "'interventies:', een protocolprofiel 'bevoegdheden:', een cursus 'modus:' "
                "en een testplan 'gevallen:'",
            )
    given_set = {p.resolve() for p in given}
    if catalogue is None:
        catalogue = _bundled(base / "interventies.yaml", read_catalogue, problems) or Catalogue({})
    for prof_path in sorted((base / "profielen").glob("*.yaml")):
        if prof_path.resolve() in given_set:
            continue
        bundled_profile = _bundled(prof_path, read_profile, problems)
        if bundled_profile is not None and bundled_profile.id not in profiles:
            profiles[bundled_profile.id] = bundled_profile
    lib = Library(catalogue, profiles, files=len(parsed))
    seen: dict[str, str] = {}
    for root, pr in scenario_roots:
        sc = read_scenario(root, pr, catalogue, profiles)
        if sc is None:
            continue
        if sc.id in seen:
            pr.add(root.mark, "id", f"het id '{sc.id}' is al gebruikt in {seen[sc.id]}")
            continue
        seen[sc.id] = pr.file
        lib.scenarios[sc.id] = sc
    _link_courses(lib, course_reads, scenario_roots)
    lib.plans = plans
    for _path, _root, pr in parsed:
        problems.extend(sorted(pr.items, key=_position))
    lib.problems = problems
    return lib


def _link_courses(
    lib: Library,
    course_reads: list[tuple[Course, dict[str, Node], Problems]],
    scenario_roots: list[tuple[Node, Problems]],
) -> None:
    from simulator.language.reader import suggest

    """Check that courses name real scenarios, and that both sides agree on membership."""
    for course, refs, pr in course_reads:
        if course.id in lib.courses:
            pr.add(
                None,
                "id",
                f"het id '{course.id}' is al gebruikt in {lib.courses[course.id].source}",
            )
            continue
        lib.courses[course.id] = course
        for sid, node in refs.items():
            sc = lib.scenarios.get(sid)
            if sc is None:
                if not any(_root_id(root) == sid for root, _ in scenario_roots):
                    pr.add(
                        node.mark,
                        "scenarios",
                        f"onbekend scenario '{sid}'.{suggest(sid, lib.scenarios)}",
                    )
                continue
            if course.role is not None and sc.role != course.role:
                pr.add(
                    node.mark,
                    "scenarios",
                    f"het scenario '{sid}' is voor de rol {sc.role}, de cursus voor {course.role}",
                )
            if course.id not in sc.trainings:
                pr.add(
                    node.mark,
                    "scenarios",
                    f"het scenario '{sid}' noemt deze cursus niet onder 'trainingen'",
                )
    if not lib.courses:
        return
    for root, pr in scenario_roots:
        found = lib.scenarios.get(_root_id(root) or "")
        if found is None:
            continue
        where = root.get("trainingen")
        mark = where.mark if where is not None else None
        for cid in found.trainings:
            named = lib.courses.get(cid)
            if named is None:
                pr.add(mark, "trainingen", f"onbekende cursus '{cid}'.{suggest(cid, lib.courses)}")
            elif found.id not in named.scenarios:
                pr.add(mark, "trainingen", f"de cursus '{cid}' noemt dit scenario niet")


def _position(problem: Problem) -> tuple[int, int]:
    return (problem.mark.line, problem.mark.col) if problem.mark else (0, 0)


def _root_id(root: Node) -> str | None:
    node = root.get("id")
    return node.text if node is not None and node.kind == "scalar" else None


def _bundled(
    path: Path, reader: Callable[[Node, Problems], T], problems: list[Problem]
) -> T | None:
    """Read a bundled file that was not among the given paths; its problems are reported too."""
    root, pr = _parse(path)
    value = reader(root, pr) if root is not None else None
    problems.extend(pr.items)
    return value if not pr.items else None


def load_one(path: Path) -> Scenario:
    """Load a single scenario file; raise LoadError with every problem if it is not valid."""
    lib = load([path])
    if lib.problems or not lib.scenarios:
        raise LoadError(lib.problems)
    return next(iter(lib.scenarios.values()))
