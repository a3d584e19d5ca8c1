from scoring.context import SERVICE, Context
from scoring.rules.citations import DOD, ORDE
from scoring.verdict import Rule, Verdict

ID = "orde-voor-inhoud"


def check(ctx: Context) -> Verdict:
    relevant = [d for d in ctx.decisions if d.facts.disturbed]
    if not relevant:
        return ctx.na(ID, "de orde was nergens verstoord")
    for d in relevant:
        if d.category in SERVICE:
            return ctx.violated(
                ID,
                d,
                f"{d.describe()} terwijl de orde verstoord was ({d.where()}).",
                "Eerst de orde, dan de inhoud: stop het gesprek over de zaak en spreek het gedrag aan "
                "of schakel de beveiliging in.",
            )
    return ctx.ok(
        ID,
        f"u ging in {len(relevant)} verstoorde situatie(s) niet door met de inhoud",
        relevant[-1],
    )


RULE = Rule(
    id=ID,
    title="Orde vóór inhoud",
    explanation="Is de orde verstoord, dan stopt het gesprek over de zaak tot de orde hersteld is.",
    severity="kritiek",
    competency=ORDE,
    citation=f"{DOD}, hoofdstuk 1 en 5",
    violated_when="u kiest een interventie van de categorie inhoud of hervatten in een fase met `orde_verstoord: ja`.",
    check=check,
)
