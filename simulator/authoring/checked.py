"""What ``regie check`` finds beyond reading a file, kept in the checked-model cache.

Per scenario: the bots' expectations, the author's oordelen against the judge, the tells of
form, and how often the form bots pass (``ScenarioChecks``), known by the scenario's key in
the cache (its bytes, catalogue, profiles and Regie's version) and ``--strict``. Over the
whole library: the tells of all scenarios together, known by the keys of all of them.
A scenario without a key (no cache) is checked as it always was. The checks themselves (and
the engine and the scoring they play with) are imported only when something is checked.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.language.library import Library
from simulator.language.model_cache import ModelCache
from simulator.language.problems import Problem


@dataclass(frozen=True, slots=True)
class ScenarioChecks:
    problems: tuple[Problem, ...]  # the bots', the intent's and the form's, in that order
    form_bots: tuple[tuple[str, int, int], ...]  # per form bot: passed, played


@dataclass(frozen=True, slots=True)
class LibraryChecks:
    problems: tuple[Problem, ...]


def scenario_checks(
    lib: Library, sid: str, *, strict: bool, cache: ModelCache | None
) -> ScenarioChecks:
    """The checks of one scenario of ``lib``: from the cache, or done now (and kept)."""
    key = lib.keys.get(sid)
    if key is not None and cache is not None:
        key = cache.key("controle", key, "strikt" if strict else "")
        kept = cache.get(key, ScenarioChecks)
        if kept is not None:
            return kept
    from simulator.authoring.bot_checks import bot_expectations, form_bot_tally
    from simulator.authoring.intent import intent_problems
    from simulator.authoring.tells import form_problems

    scenario = lib.scenarios[sid]
    problems = [
        *bot_expectations(lib, scenario),
        *intent_problems(lib, scenario, strict=strict),
        *form_problems(scenario),
    ]
    tally = form_bot_tally(lib, scenario)
    checks = ScenarioChecks(
        tuple(problems), tuple((bot, passed, played) for bot, (passed, played) in tally.items())
    )
    if key is not None and cache is not None:
        cache.put(key, checks)
    return checks


def library_checks(lib: Library, *, cache: ModelCache | None) -> LibraryChecks:
    """The tells of all scenarios of ``lib`` together: from the cache, or found now."""
    keys = [lib.keys.get(sid) for sid in lib.scenarios]
    key = None
    if cache is not None and all(k is not None for k in keys):
        key = cache.key("bibliotheek", *(k for k in keys if k is not None))
        kept = cache.get(key, LibraryChecks)
        if kept is not None:
            return kept
    from simulator.authoring.tells import library_tell_problems

    checks = LibraryChecks(tuple(library_tell_problems(list(lib.scenarios.values()))))
    if key is not None and cache is not None:
        cache.put(key, checks)
    return checks
