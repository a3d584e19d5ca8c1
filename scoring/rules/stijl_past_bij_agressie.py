from scoring.context import TOWARDS_VISITOR, Context, Decision
from scoring.rules.citations import AGGRESSIETRAINING, DEESCALATIE
from scoring.verdict import Rule, Verdict

ID = "stijl-past-bij-agressie"


def _mismatch(d: Decision) -> str | None:
    f = d.facts
    if f.aggression == "instrumenteel" and d.style == "steunend":
        return "steunend gereageerd op instrumentele agressie"
    if f.aggression == "frustratie" and d.style == "sturend" and f.level <= 1:
        return "sturend gereageerd op frustratie, terwijl de bezoeker nog niet dreigde de controle te verliezen"
    return None


def check(ctx: Context) -> Verdict:
    relevant = [
        d
        for d in ctx.decisions
        if 1 <= d.facts.level <= 3 and d.style != "neutraal" and d.category in TOWARDS_VISITOR
    ]
    if not relevant:
        return ctx.na(ID, "er was geen agressie om de stijl op af te stemmen")
    for d in relevant:
        why = _mismatch(d)
        if why is not None:
            expected = (
                "Bij instrumentele agressie: sturend. Benoem het gedrag, stel een grens, noem de consequentie "
                "en geef nooit toe."
                if d.facts.aggression == "instrumenteel"
                else "Bij frustratie: steunend. Luister, vat samen en erken het gevoel; begrip voor de "
                "frustratie, niet voor de agressie."
            )
            return ctx.violated(ID, d, f"{d.describe()}: {why} ({d.where()}).", expected)
    return ctx.ok(ID, "uw stijl paste bij het soort agressie", relevant[-1])


RULE = Rule(
    id=ID,
    title="De stijl past bij de agressie",
    explanation=(
        "Frustratieagressie vraagt om een steunende reactie, instrumentele agressie om een sturende. Vanaf "
        "dreigend controleverlies is een grens stellen altijd goed."
    ),
    severity="licht",
    competency=DEESCALATIE,
    citation=AGGRESSIETRAINING,
    violated_when="vanaf niveau 1 kiest u een steunende interventie bij instrumentele agressie, of een sturende bij frustratie op niveau 0 of 1.",
    check=check,
)
