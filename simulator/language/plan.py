"""Test plans: scripted playthroughs with the expected ending and verdicts.

A plan is a YAML file next to the scenarios (``scenarios/testplannen/<id>.yaml``)::

    scenario: km-spreekkamer-dreiging
    gevallen:
      - naam: het modelantwoord
        zaad: 0
        keuzes: [inhoud-stoppen, grens-stellen@3, wacht, beveiliging-inschakelen]
        einde: orde_hersteld
        geslaagd: ja
        score: 100            # or minimaal: 90
        regels:
          orde-voor-inhoud: gehouden
          nietsdoen-geen-optie: overtreden
          aangifte: nvt
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.language.problems import Mark, Problems
from simulator.language.vocabulary import RULE_IDS

if TYPE_CHECKING:  # plans are kept with the library; reading and playing them import more
    from simulator.language.yamlsource import Node

STATUS_WORDS = {"gehouden": "ok", "overtreden": "violated", "nvt": "n/a"}


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    seed: int
    moves: tuple[tuple[str, float | None], ...]
    ending: str | None
    passed: bool | None
    score: int | None
    minimum: int | None
    rules: dict[str, str]  # rule id -> ok / violated / n/a
    mark: Mark


@dataclass(frozen=True, slots=True)
class Plan:
    scenario: str
    cases: tuple[Case, ...]
    source: str
    mark: Mark


def parse_move(text: str) -> tuple[str, float | None]:
    ref, _, at = text.strip().partition("@")
    if not at:
        return ref.strip(), None
    return ref.strip(), float(at)


def read_plan(root: Node, problems: Problems) -> Plan | None:
    from simulator.language.reader import MapReader, suggest

    r = MapReader(root, "", problems, "een testplan")
    scenario = r.text("scenario", what="het id van het scenario")
    cases: list[Case] = []
    for node, path in r.sequence("gevallen", what="een opsomming van gevallen"):
        c = MapReader(node, path, problems, "een testgeval")
        name = c.text("naam", what="de naam van het geval")
        seed = c.integer("zaad", required=False, default=0, low=0) or 0
        moves: list[tuple[str, float | None]] = []
        for mnode, mpath in c.sequence("keuzes", what="een opsomming van keuzes"):
            try:
                move = parse_move(mnode.text)
            except ValueError:
                problems.add(mnode.mark, mpath, f"'{mnode.text}': na '@' hoort een aantal seconden")
                continue
            moves.append(move)
        ending = c.text("einde", required=False)
        passed_node = c.raw("geslaagd")
        passed = c.boolean("geslaagd") if passed_node is not None else None
        exact = c.integer("score", required=False, low=0, high=100)
        minimum = c.integer("minimaal", required=False, low=0, high=100)
        rules: dict[str, str] = {}
        for rid, knode, value, rpath in c.mapping(
            "regels", required=False, what="de verwachte oordelen"
        ):
            if rid not in RULE_IDS:
                problems.add(knode.mark, rpath, f"onbekende regel '{rid}'.{suggest(rid, RULE_IDS)}")
                continue
            word = value.text.strip() if value.kind == "scalar" else ""
            if word not in STATUS_WORDS:
                problems.add(
                    value.mark,
                    rpath,
                    f"verwacht gehouden, overtreden of nvt, maar hier staat {value.describe()}",
                )
                continue
            rules[rid] = STATUS_WORDS[word]
        c.finish()
        if name:
            cases.append(
                Case(name, seed, tuple(moves), ending, passed, exact, minimum, rules, node.mark)
            )
    r.finish()
    if not scenario:
        return None
    return Plan(scenario, tuple(cases), problems.file, root.mark)


__all__ = ["Case", "Plan", "read_plan"]
