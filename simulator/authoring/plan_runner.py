"""``regie test``: play the cases of a test plan and compare with what they expect.

The plans themselves are read with the library (``simulator.language.plan``); playing them
needs the engine and the scoring, so it is an authoring tool.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scoring import score
from simulator.engine.attempt import Attempt, EngineError
from simulator.language.library import Library
from simulator.language.plan import STATUS_WORDS, Case
from simulator.language.reader import suggest


@dataclass
class Outcome:
    case: Case
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def run_case(lib: Library, case: Case, scenario_id: str) -> Outcome:
    """Play one case and compare with what it expects."""
    out = Outcome(case)
    scenario = lib.scenarios.get(scenario_id)
    if scenario is None:
        out.failures.append(
            f"onbekend scenario '{scenario_id}'.{suggest(scenario_id, lib.scenarios)}"
        )
        return out
    attempt = Attempt(scenario, case.seed)
    for i, move in enumerate(case.moves, start=1):
        if attempt.finished:
            out.failures.append(
                f"keuze {i} ('{move[0]}'): het scenario was al afgelopen in '{attempt.state}'"
            )
            return out
        try:
            attempt.play([move])
        except EngineError as exc:
            out.failures.append(f"keuze {i} ('{move[0]}'): {exc}")
            return out
    if case.ending is not None and attempt.state != case.ending:
        where = "einde" if attempt.finished else "fase (nog niet afgelopen)"
        out.failures.append(
            f"verwacht einde '{case.ending}', maar de poging staat in {where} '{attempt.state}'"
        )
    result = score(
        scenario, attempt.trace, lib.profile_for(scenario), lib.catalogue, final=attempt.finished
    )
    if case.passed is not None and result.passed != case.passed:
        out.failures.append(
            f"verwacht {'geslaagd' if case.passed else 'niet geslaagd'}, maar het resultaat is "
            f"{'geslaagd' if result.passed else 'niet geslaagd'} (score {result.score})"
        )
    if case.score is not None and result.score != case.score:
        out.failures.append(f"verwacht score {case.score}, maar het is {result.score}")
    if case.minimum is not None and result.score < case.minimum:
        out.failures.append(f"verwacht minstens {case.minimum}, maar de score is {result.score}")
    words = {v: k for k, v in STATUS_WORDS.items()}
    for rid, expected in case.rules.items():
        got = result.verdict(rid)
        if got.status.value != expected:
            out.failures.append(
                f"regel {rid}: verwacht {words[expected]}, maar {words[got.status.value]} ({got.evidence})"
            )
    return out


__all__ = ["Outcome", "run_case"]
