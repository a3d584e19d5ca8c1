"""Checks that go beyond the file: do the bot trainees score as a trainer would expect?"""

from __future__ import annotations

from simulator.language.gc_pause import gc_paused
from simulator.language.library import Library
from simulator.language.model import Scenario
from simulator.language.problems import Mark, Problem, Severity

CHECK_SEEDS = range(12)
PROTOCOL_MINIMUM = 90


def _problem(scenario: Scenario, message: str) -> Problem:
    return Problem(scenario.source, Mark(1, 1), "", message, Severity.ERROR)


def bot_expectations(lib: Library, scenario: Scenario) -> list[Problem]:
    with gc_paused():
        return _bot_expectations(lib, scenario)


def _bot_expectations(lib: Library, scenario: Scenario) -> list[Problem]:
    from scoring import Result, Status, score
    from simulator.engine.bots import play_bot

    profile = lib.profile_for(scenario)
    disturbed = any(f.facts.disturbed for f in scenario.fasen.values())
    pressured = any(f.facts.pressure != "geen" for f in scenario.fasen.values())
    problems: list[Problem] = []
    scored: dict[tuple[tuple[object, ...], ...], Result] = {}  # seeds often play the same path
    for bot in ("protocol", "nietsdoener", "inhoud-eerst", "toegever"):
        if (bot == "inhoud-eerst" and not disturbed) or (bot == "toegever" and not pressured):
            continue
        for seed in CHECK_SEEDS:
            attempt, _ = play_bot(scenario, lib.catalogue, bot, seed)
            if not attempt.finished:
                problems.append(
                    _problem(
                        scenario,
                        f"de bot '{bot}' (zaad {seed}) komt nooit bij een einde; hij blijft hangen in '{attempt.state}'",
                    )
                )
                break
            key = tuple((e.kind, e.t, e.fase, e.choice) for e in attempt.trace)
            result = scored.get(key) or score(scenario, attempt.trace, profile, lib.catalogue)
            scored[key] = result
            if bot == "protocol" and (not result.passed or result.score < PROTOCOL_MINIMUM):
                broken = "; ".join(
                    f"{v.rule}: {v.evidence}"
                    for v in result.verdicts
                    if v.status is Status.VIOLATED
                )
                problems.append(
                    _problem(
                        scenario,
                        f"het modelantwoord haalt het niet: de bot 'protocol' scoort {result.score} met zaad {seed} "
                        f"(nodig: geslaagd en minstens {PROTOCOL_MINIMUM}). Overtreden: {broken or 'geen'}",
                    )
                )
                break
            if bot != "protocol" and result.passed:
                why = {
                    "nietsdoener": "wie niets doet, mag nooit slagen",
                    "inhoud-eerst": "de orde is ergens verstoord, dus wie doorgaat met de inhoud mag niet slagen",
                    "toegever": "er wordt ergens druk uitgeoefend, dus wie toegeeft mag niet slagen",
                }[bot]
                problems.append(
                    _problem(
                        scenario,
                        f"de bot '{bot}' slaagt met zaad {seed} (score {result.score}): {why}",
                    )
                )
                break
            if attempt.draws == 0:
                break  # no chance on the way: these bots play the same path with any seed
    return problems


FORM_BOTS = ("langste", "willekeurig")
FORM_BOT_SEEDS = range(3)


def form_bot_passes(lib: Library) -> dict[str, tuple[int, int]]:
    """Per bot in ``FORM_BOTS``: (attempts passed, attempts played) over the library, three
    seeds per scenario."""
    tallies = [form_bot_tally(lib, scenario) for scenario in lib.scenarios.values()]
    return add_tallies(tallies)


def add_tallies(tallies: list[dict[str, tuple[int, int]]]) -> dict[str, tuple[int, int]]:
    """The tallies of several scenarios (``form_bot_tally``) added up, per bot."""
    total = dict.fromkeys(FORM_BOTS, (0, 0))
    for tally in tallies:
        for bot, (passed, played) in tally.items():
            p, n = total[bot]
            total[bot] = (p + passed, n + played)
    return total


def form_bot_tally(lib: Library, scenario: Scenario) -> dict[str, tuple[int, int]]:
    """Per bot in ``FORM_BOTS``: (attempts passed, attempts played) in one scenario."""
    with gc_paused():
        from scoring import score
        from simulator.engine.bots import play_bot

        profile = lib.profile_for(scenario)
        tally: dict[str, tuple[int, int]] = {}
        for bot in FORM_BOTS:
            passed = played = 0
            for seed in FORM_BOT_SEEDS:
                attempt, _ = play_bot(scenario, lib.catalogue, bot, seed)
                played += 1
                if attempt.finished:
                    result = score(scenario, attempt.trace, profile, lib.catalogue)
                    passed += result.passed
            tally[bot] = (passed, played)
        return tally


def form_bot_line(tally: dict[str, tuple[int, int]]) -> str:
    """``bot 'langste' haalt 40 van 51 pogingen, 'willekeurig' 5 van 51``."""
    (first, (p, n)), *rest = tally.items()
    line = f"bot '{first}' haalt {p} van {n} pogingen"
    for bot, (q, m) in rest:
        line += f", '{bot}' {q} van {m}"
    return line


def form_bot_problems(lib: Library, tally: dict[str, tuple[int, int]]) -> list[Problem]:
    """A warning when picking the longest option passes more often than picking at random,
    over a library of two or more scenarios (three seeds of one scenario are too few to
    compare; its tells are measured on their own)."""
    longest, _ = tally["langste"]
    random_, played = tally["willekeurig"]
    if len(lib.scenarios) < 2 or longest <= random_:  # one scenario: its tells say more
        return []
    from simulator.authoring.tells import folder_of

    return [
        Problem(
            folder_of([lib.scenarios.source(sid) for sid in lib.scenarios]),
            None,
            "",
            f"de bot 'langste' kiest altijd de langste keuze, zonder te lezen, en haalt {longest} "
            f"van {played} pogingen; de bot 'willekeurig' haalt er {random_}. Wie op lengte "
            "kiest, hoort niet beter te doen dan wie gokt",
            Severity.WARNING,
        )
    ]
