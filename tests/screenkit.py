"""Ways into a scenario for screen tests: its longest fase, and moves that reach a fase."""

from __future__ import annotations

from collections import deque

from simulator.engine.attempt import WAIT, Attempt
from simulator.language.model import Fase, Scenario
from simulator.language.screen_fit import SMALLEST, choice_lines, speech, wrapped_lines

Move = tuple[str, float | None]


def screen_lines(scenario: Scenario, fase: Fase) -> int:
    """How much a fase puts on the play screen at 80 × 24: its text and what is said in the
    story, and its choices in the choice list."""
    told = wrapped_lines(fase.text, SMALLEST.log_width)
    if fase.says:
        told += wrapped_lines(speech(scenario, fase), SMALLEST.log_speech_width)
    return told + sum(choice_lines(fase, SMALLEST))


def longest_fasen(scenario: Scenario) -> list[Fase]:
    """The fasen with choices, the one that puts the most on the screen first (the file's
    order between equals)."""
    with_choices = [f for f in scenario.fasen.values() if f.choices]
    return sorted(with_choices, key=lambda f: -screen_lines(scenario, f))


def route_to(scenario: Scenario, fase_id: str, seed: int, limit: int = 4000) -> list[Move] | None:
    """The fewest moves (choices in the file's order, then waiting) that reach ``fase_id``
    with this seed, found by playing the real engine; None if not within ``limit`` tries."""
    queue: deque[tuple[Move, ...]] = deque([()])
    seen: set[tuple[object, ...]] = set()
    while queue and limit:
        limit -= 1
        moves = queue.popleft()
        attempt = Attempt(scenario, seed)
        attempt.play(moves)
        if attempt.state == fase_id:
            return list(moves)
        if attempt.finished:
            continue
        key = (attempt.state, tuple(sorted(attempt.vars.items())), attempt.draws)
        if key in seen:
            continue
        seen.add(key)
        fase = attempt.fase
        assert fase is not None
        queue.extend((*moves, (c.id, None)) for c in fase.choices)
        if fase.timer is not None:
            queue.append((*moves, (WAIT, None)))
    return None


def way_in(scenario: Scenario) -> tuple[Fase, int, list[Move]]:
    """The longest fase that a seed of 0-9 reaches, that seed, and the moves."""
    for fase in longest_fasen(scenario):
        for seed in range(10):
            moves = route_to(scenario, fase.id, seed)
            if moves is not None:
                return fase, seed, moves
    raise AssertionError(f"{scenario.id}: no fase with choices is reached")
