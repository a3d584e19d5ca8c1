"""Which rules each scenario exercises: where a rule can be kept and where it can be broken.

We play every scenario with the bot trainees over several seeds, plus many random
playthroughs, and record the verdicts each rule received. Sampling is deterministic.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from scoring.seed_elements import ELEMENTS, practised_by
from simulator.engine.bots import play_bot
from simulator.language.library import Library
from simulator.language.model import Scenario
from simulator.language.vocabulary import BOTS, RULE_IDS

SEEDS = range(8)
RANDOM_PLAYS = 150


@dataclass(frozen=True, slots=True)
class RuleCoverage:
    kept: bool
    violated: bool

    @property
    def symbol(self) -> str:
        return {(True, True): "±", (True, False): "✓", (False, True): "✗", (False, False): "·"}[
            (self.kept, self.violated)
        ]

    @property
    def exercised(self) -> bool:
        return self.kept and self.violated


def scenario_coverage(lib: Library, scenario: Scenario) -> dict[str, RuleCoverage]:
    from scoring import Status, score

    profile = lib.profile_for(scenario)
    seen: dict[str, set[Status]] = {rid: set() for rid in RULE_IDS}
    plays = [(bot, seed) for bot in BOTS if bot != "willekeurig" for seed in SEEDS]
    plays += [("willekeurig", seed) for seed in range(RANDOM_PLAYS)]
    scored: set[str] = set()  # many random plays walk the same path: judged once
    for bot, seed in plays:
        attempt, _ = play_bot(scenario, lib.catalogue, bot, seed)
        if not attempt.finished:
            continue
        path = repr(attempt.trace)
        if path in scored:
            continue
        scored.add(path)
        for v in score(scenario, attempt.trace, profile, lib.catalogue).verdicts:
            seen[v.rule].add(v.status)
    return {rid: RuleCoverage(Status.OK in s, Status.VIOLATED in s) for rid, s in seen.items()}


def coverage_table(lib: Library) -> tuple[str, dict[str, int]]:
    """The table as text, and per rule in how many scenarios it is both kept and broken."""
    ids = sorted(lib.scenarios, key=lambda s: (lib.scenarios[s].role, s))
    cov = {sid: scenario_coverage(lib, lib.scenarios[sid]) for sid in ids}
    counts = {rid: sum(1 for sid in ids if cov[sid][rid].exercised) for rid in RULE_IDS}
    width = max(len(r) for r in RULE_IDS)
    head = " ".join(f"{i + 1:>2}" for i in range(len(ids)))
    lines = [f"{'regel':<{width}}  {head}  geoefend"]
    for rid in RULE_IDS:
        cells = " ".join(f"{cov[sid][rid].symbol:>2}" for sid in ids)
        lines.append(f"{rid:<{width}}  {cells}  {counts[rid]:>4}")
    lines += [
        "",
        "± gehouden én overtreden gezien   ✓ alleen gehouden   ✗ alleen overtreden   · niet van toepassing",
        "'geoefend': in hoeveel scenario's de regel zowel gehouden als overtreden kan worden.",
        "",
    ]
    lines += [f"{i + 1:>2}  {sid} ({lib.scenarios[sid].role})" for i, sid in enumerate(ids)]
    return "\n".join(lines), counts


def seed_table(lib: Library) -> tuple[str, dict[str, int]]:
    """The protocol steps of the seeds (``scoring.seed_elements``) against the scenarios that
    practise each, and per step in how many scenarios."""
    practised = {sid: set(practised_by(sc, lib.catalogue)) for sid, sc in lib.scenarios.items()}
    counts = {e.id: sum(1 for got in practised.values() if e.id in got) for e in ELEMENTS}
    lines = ["Stappen uit de bronnen, en de scenario's die ze oefenen:"]
    for e in ELEMENTS:
        where = sorted(sid for sid, got in practised.items() if e.id in got)
        lines.append("")
        lines.append(f"{counts[e.id]:>3}  {e.title}")
        lines.append(f"     bron: {e.source}")
        lines += textwrap.wrap(
            ", ".join(where) or "nog geen enkel scenario",
            width=96,
            initial_indent="     ",
            subsequent_indent="     ",
            break_on_hyphens=False,
        )
    return "\n".join(lines), counts
