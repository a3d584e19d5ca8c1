from __future__ import annotations

from scoring.context import Context
from scoring.fold import Fold, State, V
from scoring.rules.citations import DOD, ORDE
from scoring.verdict import Rule, Verdict
from simulator.language.model import Fase

ID = "toegangsbeperking"
WRONG_ACCESS = frozenset({"toegangsverbod", "alternatieve-dienstverlening"})


def check(ctx: Context) -> Verdict:
    for d in ctx.decisions:
        if d.category in WRONG_ACCESS:
            return ctx.violated(
                ID,
                d,
                f"{d.describe()} ({d.where()}).",
                "Geen toegangsverbod en geen dienstverlening elders (politiebureau, apart loket): dat legitimeert "
                "het gedrag. De beveiliging legt een toegangsbeperking op: komst aankondigen, op een tijdstip "
                "dat de beveiliging kiest.",
            )
    chosen = [d for d in ctx.decisions if d.category == "toegangsbeperking"]
    if not chosen:
        return ctx.na(ID, "er werd geen toegangsmaatregel opgelegd")
    return ctx.ok(
        ID,
        "u koos voor een toegangsbeperking, niet voor een verbod of dienstverlening elders",
        chosen[-1],
    )


RULE = Rule(
    id=ID,
    title="Toegangsbeperking, geen toegangsverbod",
    explanation=(
        "Een toegangsverbod of dienstverlening op het politiebureau of aan een apart loket legitimeert het "
        "gedrag. De beveiliging beperkt de toegang: regie is het sleutelwoord."
    ),
    severity="zwaar",
    competency=ORDE,
    citation=f"{DOD}, hoofdstuk 3.3 en 4.3",
    violated_when="u kiest een toegangsverbod of dienstverlening elders (politiebureau, apart loket).",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class Toegangsbeperking(Fold):
    id = ID

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        if category in WRONG_ACCESS:
            return V
        return 1 if category == "toegangsbeperking" else s


FOLD = Toegangsbeperking
