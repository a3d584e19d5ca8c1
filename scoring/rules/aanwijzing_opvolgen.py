from __future__ import annotations

from scoring.context import Context
from scoring.fold import Fold, State, V
from scoring.rules.citations import DOD, TAAKVERDELING
from scoring.verdict import Rule, Verdict
from simulator.language.model import Fase

ID = "aanwijzing-opvolgen"
FOLLOWS = frozenset({"opvolgen", "veiligheid"})


def check(ctx: Context) -> Verdict:
    relevant = [d for d in ctx.decisions if d.facts.instruction is not None]
    if not relevant:
        return ctx.na(ID, "de beveiliger gaf geen aanwijzing")
    for d in relevant:
        if d.timed_out and d.facts.wait_ok:
            continue  # the instruction was to wait: letting the time pass is following it
        if d.category not in FOLLOWS:
            return ctx.violated(
                ID,
                d,
                f"De beveiliger gaf de aanwijzing \u201c{d.facts.instruction}\u201d; {d.describe()} ({d.where()}).",
                "Een aanwijzing van de beveiliger moet worden opgevolgd, ook als u het anders zou doen.",
            )
    return ctx.ok(ID, "u volgde de aanwijzing van de beveiliger op", relevant[-1])


RULE = Rule(
    id=ID,
    title="Aanwijzingen van de beveiliger opvolgen",
    explanation="De beveiliger mag een gesprek onderbreken of afbreken en geeft aanwijzingen die opgevolgd móéten worden.",
    severity="zwaar",
    competency=TAAKVERDELING,
    citation=f"{DOD}, hoofdstuk 4.1",
    violated_when="in een fase met een `aanwijzing` kiest u iets anders dan opvolgen (of uw eigen veiligheid), of laat u de tijd verlopen (behalve in een fase met `afwachten: ja`: dan is wachten opvolgen).",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class AanwijzingOpvolgen(Fold):
    id = ID

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        f = fase.facts
        if s == V or f.instruction is None:
            return s
        if timed_out and f.wait_ok:
            return 1
        return 1 if category in FOLLOWS else V


FOLD = AanwijzingOpvolgen
