"""Finding and loading YAML files: the bundled library, or files and folders given by path."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from simulator.language.cached_reads import (
    FileRead,
    ScenarioHead,
    read_file,
    read_scenario_head,
)
from simulator.language.cached_reads import kind_of as kind_of  # where it always was
from simulator.language.model import Catalogue, Course, Profile, Scenario
from simulator.language.problems import LoadError, Mark, Problem, Problems
from simulator.language.scenario_map import Scenarios

if TYPE_CHECKING:  # the loaders are imported when files are read: a cached file needs none
    from simulator.language.model_cache import ModelCache
    from simulator.language.plan import Plan


def bundled_dir() -> Path:
    """The folder with the bundled YAML (the ``scenarios`` package, on disk as Regie is
    installed; without importlib.resources, whose import costs more than a cached check)."""
    import scenarios

    return Path(scenarios.__file__).parent


@dataclass
class Library:
    catalogue: Catalogue
    profiles: dict[str, Profile]
    scenarios: Scenarios = field(default_factory=Scenarios)
    courses: dict[str, Course] = field(default_factory=dict)
    plans: list[Plan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0
    keys: dict[str, str] = field(default_factory=dict)  # scenario id -> its key in the cache

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


def file_kind(path: Path, cache: ModelCache | None = None) -> str | None:
    """What a YAML file holds ('scenario', 'cursus', … or 'onbekend'); None when it cannot
    be read or is no YAML at all (loading it says why). From ``cache`` when it knows the
    file's bytes."""
    return read_file(path, cache).kind


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.y*ml") if q.suffix in (".yaml", ".yml")))
        else:
            out.append(p)
    return out


def load(paths: Iterable[Path] | None = None, *, cache: ModelCache | None = None) -> Library:
    """Load the scenarios in ``paths`` (default: the bundled library), with their catalogue
    and profiles.

    Catalogue and profile files among the given paths take the place of the bundled ones;
    otherwise the bundled ones are used. Problems are collected, never raised. With a
    ``cache`` (``model_cache``), a file read and checked before, with the same bytes,
    catalogue, profiles and Regie, is taken from it instead of being read again.
    """
    from simulator.language.gc_pause import gc_paused

    with gc_paused():  # the trees and models hold no cycles: nothing for the collector
        lib = _load(paths, cache)
    if cache is not None:
        cache.prune()
    return lib


def _load(paths: Iterable[Path] | None, cache: ModelCache | None) -> Library:
    base = bundled_dir()
    given = yaml_files(paths) if paths is not None else yaml_files([base])
    reads = [read_file(path, cache) for path in given]
    problems: list[Problem] = []
    catalogue: Catalogue | None = None
    catalogue_key = "geen"
    profiles: dict[str, Profile] = {}
    profile_keys: list[str] = []
    scenario_reads: list[FileRead] = []
    course_reads: list[tuple[Course, dict[str, Mark], Problems]] = []
    plans: list[Plan] = []
    for read in reads:
        kind, value = read.kind, read.value
        if kind == "catalogus" and isinstance(value, Catalogue):
            catalogue, catalogue_key = value, read.key or ""
        elif kind == "profiel" and isinstance(value, Profile):
            profiles[value.id] = value
            profile_keys.append(read.key or "")
        elif kind == "scenario":
            scenario_reads.append(read)
        elif kind == "cursus" and value is not None:
            course, marks = cast("tuple[Course, dict[str, Mark]]", value)
            course_reads.append((course, marks, read.problems))
        elif kind == "testplan" and value is not None:
            plans.append(cast("Plan", value))
    given_set = {p.resolve() for p in given}
    if catalogue is None:
        bundled = _bundled(base / "interventies.yaml", "catalogus", problems, cache)
        if isinstance(bundled.value, Catalogue) and not bundled.problems.items:
            catalogue, catalogue_key = bundled.value, bundled.key or ""
        else:
            catalogue = Catalogue({})
    for prof_path in sorted((base / "profielen").glob("*.yaml")):
        if prof_path.resolve() in given_set:
            continue
        bundled = _bundled(prof_path, "profiel", problems, cache)
        value = bundled.value
        if isinstance(value, Profile) and not bundled.problems.items and value.id not in profiles:
            profiles[value.id] = value
            profile_keys.append(bundled.key or "")
    inputs = "\0".join([catalogue_key, *sorted(profile_keys)])
    lib = Library(catalogue, profiles, files=len(reads))
    seen: dict[str, str] = {}
    heads: list[tuple[ScenarioHead, Problems]] = []
    for read in scenario_reads:
        head, scenario, key = read_scenario_head(read, catalogue, profiles, cache, inputs)
        pr = read.problems
        pr.items.extend(head.problems)
        heads.append((head, pr))
        if head.id is None or scenario is None:
            continue
        if head.id in seen:
            pr.add(head.root_mark, "id", f"het id '{head.id}' is al gebruikt in {seen[head.id]}")
            continue
        seen[head.id] = pr.file
        lib.scenarios[head.id] = scenario
        if key is not None:
            lib.keys[head.id] = key
    _link_courses(lib, course_reads, heads)
    lib.plans = plans
    for read in reads:
        problems.extend(sorted(read.problems.items, key=_position))
    lib.problems = problems
    return lib


def _link_courses(
    lib: Library,
    course_reads: list[tuple[Course, dict[str, Mark], Problems]],
    heads: list[tuple[ScenarioHead, Problems]],
) -> None:
    """Check that courses name real scenarios, and that both sides agree on membership.
    (From the heads of the scenarios: a scenario kept in the cache is not read for this.)"""
    found = {h.id: h for h, _ in heads if h.id is not None and h.id in lib.scenarios}
    for course, refs, pr in course_reads:
        if course.id in lib.courses:
            pr.add(
                None,
                "id",
                f"het id '{course.id}' is al gebruikt in {lib.courses[course.id].source}",
            )
            continue
        lib.courses[course.id] = course
        for sid, mark in refs.items():
            head = found.get(sid)
            if head is None:
                if not any(h.root_id == sid for h, _ in heads):
                    pr.add(
                        mark,
                        "scenarios",
                        f"onbekend scenario '{sid}'.{suggest(sid, lib.scenarios)}",
                    )
                continue
            if course.role is not None and head.role != course.role:
                pr.add(
                    mark,
                    "scenarios",
                    f"het scenario '{sid}' is voor de rol {head.role}, de cursus voor {course.role}",
                )
            if course.id not in head.trainings:
                pr.add(
                    mark,
                    "scenarios",
                    f"het scenario '{sid}' noemt deze cursus niet onder 'trainingen'",
                )
    if not lib.courses:
        return
    for head, pr in heads:
        mine = found.get(head.root_id or "")
        if mine is None:
            continue
        where = head.trainings_mark
        for cid in mine.trainings:
            named = lib.courses.get(cid)
            if named is None:
                pr.add(where, "trainingen", f"onbekende cursus '{cid}'.{suggest(cid, lib.courses)}")
            elif mine.id not in named.scenarios:
                pr.add(where, "trainingen", f"de cursus '{cid}' noemt dit scenario niet")


def suggest(word: str, known: Iterable[str]) -> str:
    """``reader.suggest``, imported when there is something to suggest."""
    from simulator.language.reader import suggest as closest

    return closest(word, known)


def _position(problem: Problem) -> tuple[int, int]:
    return (problem.mark.line, problem.mark.col) if problem.mark else (0, 0)


def _bundled(path: Path, kind: str, problems: list[Problem], cache: ModelCache | None) -> FileRead:
    """Read a bundled file that was not among the given paths; its problems are reported too."""
    read = read_file(path, cache, forced=kind)
    problems.extend(read.problems.items)
    return read


def load_one(path: Path) -> Scenario:
    """Load a single scenario file; raise LoadError with every problem if it is not valid."""
    lib = load([path])
    if lib.problems or not lib.scenarios:
        raise LoadError(lib.problems)
    return next(iter(lib.scenarios.values()))
