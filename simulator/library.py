"""Finding and loading YAML files: the bundled library, or files and folders given by path."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TypeVar

from simulator.load_catalogue import read_catalogue, read_profile
from simulator.load_scenario import read_scenario
from simulator.model import Catalogue, Profile, Scenario
from simulator.problems import LoadError, Problem, Problems
from simulator.reader import suggest
from simulator.yamlsource import Node, compose, read_text

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
    return "onbekend"


@dataclass
class Library:
    catalogue: Catalogue
    profiles: dict[str, Profile]
    scenarios: dict[str, Scenario] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: int = 0

    def scenario(self, sid: str) -> Scenario:
        try:
            return self.scenarios[sid]
        except KeyError:
            raise LookupError(f"onbekend scenario '{sid}'.{suggest(sid, self.scenarios)}") from None

    def profile_for(self, scenario: Scenario) -> Profile:
        return self.profiles[scenario.profile]


def _parse(path: Path) -> tuple[Node | None, Problems]:
    problems = Problems(_display(path))
    text = read_text(str(path), problems)
    if text is None:
        return None, problems
    return compose(text, problems), problems


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
        else:
            pr.add(
                root.mark,
                "",
                "onbekend soort bestand: een scenario heeft 'fasen:', de catalogus "
                "'interventies:' en een protocolprofiel 'bevoegdheden:'",
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
    for _path, _root, pr in parsed:
        problems.extend(pr.items)
    lib.problems = problems
    return lib


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
