"""Finding and loading YAML files: the bundled library, or files and folders given by path."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from simulator.load_catalogue import read_catalogue, read_profile
from simulator.load_scenario import read_scenario
from simulator.model import Catalogue, Profile, Scenario
from simulator.problems import LoadError, Problem, Problems
from simulator.reader import suggest
from simulator.yamlsource import Node, compose, read_text


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
    """Load the bundled catalogue and profiles, then every scenario in ``paths``.

    Without paths, the bundled library is loaded. Catalogue and profile files among the
    given paths take the place of the bundled ones. Problems are collected, not raised.
    """
    base = bundled_dir()
    given = yaml_files(paths) if paths is not None else yaml_files([base])
    parsed: list[tuple[Path, Node | None, Problems]] = []
    for path in given:
        if not path.exists():
            pr = Problems(_display(path))
            pr.add(None, "", "dit bestand of deze map bestaat niet")
            parsed.append((path, None, pr))
            continue
        root, pr = _parse(path)
        parsed.append((path, root, pr))
    catalogue: Catalogue | None = None
    profiles: dict[str, Profile] = {}
    all_problems: list[Problem] = []
    scenario_roots: list[tuple[Path, Node, Problems]] = []

    def take_profile(root: Node, pr: Problems) -> None:
        prof = read_profile(root, pr)
        if not pr and prof.id:
            profiles[prof.id] = prof

    for path, root, pr in parsed:
        if root is None:
            continue
        kind = kind_of(root)
        if kind == "catalogus":
            cat = read_catalogue(root, pr)
            if not pr:
                catalogue = cat
        elif kind == "profiel":
            take_profile(root, pr)
        elif kind == "scenario":
            scenario_roots.append((path, root, pr))
        else:
            pr.add(
                root.mark,
                "",
                "onbekend soort bestand: een scenario heeft 'fasen:', de catalogus "
                "'interventies:' en een protocolprofiel 'bevoegdheden:'",
            )
    if catalogue is None:
        root, pr = _parse(base / "interventies.yaml")
        if root is not None:
            catalogue = read_catalogue(root, pr)
        all_problems.extend(pr.items)
    for prof_path in sorted((base / "profielen").glob("*.yaml")):
        root, pr = _parse(prof_path)
        if root is not None:
            prof = read_profile(root, pr)
            if not pr and prof.id not in profiles:
                profiles[prof.id] = prof
        if paths is None or any(p == prof_path for p, _, _ in parsed):
            pass  # its problems are reported with the given files
        elif pr.items:
            all_problems.extend(pr.items)
    assert catalogue is not None
    lib = Library(catalogue, profiles, files=len(parsed))
    seen: dict[str, str] = {}
    for path, root, pr in scenario_roots:
        sc = read_scenario(root, pr, catalogue, profiles)
        if sc is None:
            continue
        if sc.id in seen:
            pr.add(None, "id", f"het id '{sc.id}' is al gebruikt in {seen[sc.id]}")
            continue
        seen[sc.id] = pr.file
        lib.scenarios[sc.id] = sc
    for _path, _root, pr in parsed:
        all_problems.extend(pr.items)
    lib.problems = all_problems
    return lib


def load_one(path: Path) -> Scenario:
    """Load a single scenario file; raise LoadError with every problem if it is not valid."""
    lib = load([path])
    if lib.problems or not lib.scenarios:
        raise LoadError(lib.problems)
    return next(iter(lib.scenarios.values()))
