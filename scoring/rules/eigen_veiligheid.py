from __future__ import annotations

from scoring.context import Context
from scoring.fold import Fold, State, V
from scoring.rules.citations import DEESCALATIE, DOD
from scoring.verdict import Rule, Verdict
from simulator.language.model import Fase

ID = "eigen-veiligheid"


def check(ctx: Context) -> Verdict:
    relevant = [d for d in ctx.decisions if d.facts.danger or d.category == "fysiek"]
    if not relevant:
        return ctx.na(ID, "er dreigde geen fysiek geweld")
    for d in relevant:
        if d.category == "fysiek":
            return ctx.violated(
                ID,
                d,
                f"{d.describe()} ({d.where()}).",
                "Geen fysiek contact: ook een beveiliger mag geen geweld gebruiken. Neem afstand en sla alarm.",
            )
        if d.category != "veiligheid":
            return ctx.violated(
                ID,
                d,
                f"Er dreigde fysiek geweld; {d.describe()} ({d.where()}).",
                "Dreigt geweld, zorg dan eerst voor uw eigen veiligheid: buiten bereik, de ruimte uit, alarm "
                "slaan, de politie bellen.",
            )
    return ctx.ok(ID, "u bracht uzelf in veiligheid toen geweld dreigde", relevant[-1])


RULE = Rule(
    id=ID,
    title="Eigen veiligheid eerst",
    explanation="Dreigt fysiek geweld: buiten bereik blijven, de ruimte verlaten, alarm slaan. Nooit fysiek ingrijpen.",
    severity="kritiek",
    competency=DEESCALATIE,
    citation=f"Praktijk; {DOD}, hoofdstuk 4.1 (de beveiliger mag geen geweld gebruiken)",
    violated_when="u kiest fysiek contact, of u kiest in een fase met `gevaar: ja` iets anders dan uw eigen veiligheid (afstand, de ruimte uit, alarm, politie).",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class EigenVeiligheid(Fold):
    id = ID

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V or not (fase.facts.danger or category == "fysiek"):
            return s
        return 1 if category == "veiligheid" else V


FOLD = EigenVeiligheid
