"""Bot trainees: archetypes that play a scenario, for trainers and for checking scenarios.

- ``protocol`` always takes the model answer;
- ``nietsdoener`` ignores, or lets the timer run out, whenever it can;
- ``inhoud-eerst`` goes on with the case whenever it can;
- ``toegever`` gives in to demands whenever it can;
- ``willekeurig`` chooses at random (from its own seed);
- ``langste`` always takes the longest choice text (the first of equals), without reading:
  if it does better than ``willekeurig``, the length of the options gives the answer away.
"""

from __future__ import annotations

import random

from simulator.engine.attempt import WAIT, Attempt, default_latency
from simulator.language.model import Catalogue, Choice, Fase, Scenario
from simulator.language.vocabulary import BOTS

MAX_BOT_STEPS = 200

Move = tuple[str, float | None]


class _Chooser:
    def __init__(self, name: str, catalogue: Catalogue, seed: int) -> None:
        if name not in BOTS:
            raise KeyError(name)
        self.name = name
        self.catalogue = catalogue
        self.rng = random.Random(f"bot:{name}:{seed}")

    def _first(self, fase: Fase, categories: set[str]) -> Choice | None:
        return next(
            (c for c in fase.choices if self.catalogue[c.intervention].category in categories), None
        )

    def move(self, fase: Fase) -> Move:
        latency = default_latency(fase)
        model = fase.model_choice
        if model is None:  # a fase without choices: only its timer goes on
            return (WAIT, None)
        pick: Choice | None
        if self.name == "willekeurig":
            options: list[Choice | None] = [*fase.choices, *([None] if fase.timer else [])]
            pick = self.rng.choice(options)
            return (WAIT, None) if pick is None else (pick.id, latency)
        if self.name == "langste":
            pick = max(fase.choices, key=lambda c: len(c.text))
            return (pick.id, latency)
        if self.name == "nietsdoener":
            pick = self._first(fase, {"negeren"})
            if pick is None and fase.timer is not None:
                return (WAIT, None)
            pick = pick or self._first(fase, {"inhoud", "hervatten"})
        elif self.name == "inhoud-eerst":
            pick = self._first(fase, {"inhoud", "hervatten"})
        elif self.name == "toegever":
            pick = self._first(fase, {"toegeven"})
        else:
            pick = None
        return ((pick or model).id, latency)


def play_bot(
    scenario: Scenario, catalogue: Catalogue, name: str, seed: int = 0
) -> tuple[Attempt, list[Move]]:
    """Let a bot play the scenario to an end (or give up after MAX_BOT_STEPS decisions)."""
    chooser = _Chooser(name, catalogue, seed)
    attempt = Attempt(scenario, seed)
    moves: list[Move] = []
    while not attempt.finished and len(moves) < MAX_BOT_STEPS:
        fase = attempt.fase
        assert fase is not None
        move = chooser.move(fase)
        moves.append(move)
        attempt.play([move])
    return attempt, moves
