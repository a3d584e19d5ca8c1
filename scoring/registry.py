"""All rules, in the order of DESIGN.md section 3."""

from __future__ import annotations

from scoring.fold import Fold
from scoring.rules import (
    aangifte,
    aanwijzing_opvolgen,
    eigen_veiligheid,
    garantie,
    geen_dienstverlening_onder_druk,
    melden_registreren,
    nazorg,
    nietsdoen_geen_optie,
    opschorting,
    orde_voor_inhoud,
    ordegesprek,
    staking_laatste_stap,
    stijl_past_bij_agressie,
    taakverdeling,
    toegangsbeperking,
    vroeg_ingrijpen,
)
from scoring.verdict import Rule
from simulator.language.vocabulary import RULE_IDS

MODULES = (  # each rule's file: its RULE (the verdict, explained) and its FOLD (step by step)
    orde_voor_inhoud,
    geen_dienstverlening_onder_druk,
    nietsdoen_geen_optie,
    taakverdeling,
    aanwijzing_opvolgen,
    ordegesprek,
    garantie,
    opschorting,
    toegangsbeperking,
    staking_laatste_stap,
    aangifte,
    melden_registreren,
    stijl_past_bij_agressie,
    vroeg_ingrijpen,
    eigen_veiligheid,
    nazorg,
)
RULES: tuple[Rule, ...] = tuple(m.RULE for m in MODULES)
FOLDS: tuple[type[Fold], ...] = tuple(m.FOLD for m in MODULES)
BY_ID: dict[str, Rule] = {r.id: r for r in RULES}

assert tuple(BY_ID) == RULE_IDS, "the rules must match the fixed ids of DESIGN.md"
assert tuple(f.id for f in FOLDS) == RULE_IDS, "each rule's fold has the rule's id"
