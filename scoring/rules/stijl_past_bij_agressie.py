from scoring.context import TOWARDS_VISITOR, Context, Decision
from scoring.rules.citations import AGGRESSIETRAINING, DEESCALATIE
from scoring.verdict import Rule, Verdict

ID = "stijl-past-bij-agressie"


def _mismatch(d: Decision) -> str | None:
    f = d.facts
    if f.aggression == "instrumenteel" and d.style == "steunend":
        return "steunend gereageerd op instrumentele agressie"
    if d.style == "steunend" and f.level >= 2:
        return "alleen begrip getoond, terwijl de bezoeker dreigde de controle te verliezen: dan past een grens"
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
            if d.facts.aggression == "instrumenteel":
                expected = (
                    "Bij instrumentele agressie: sturend. Benoem het gedrag, stel een grens, noem de "
                    "consequentie en geef nooit toe."
                )
            elif d.facts.level >= 2:
                expected = (
                    "Vanaf dreigend controleverlies (niveau 2): stel een grens en noem de consequentie, "
                    "wat het soort agressie ook is."
                )
            else:
                expected = (
                    "Bij frustratie: steunend. Luister, vat samen en erken het gevoel; begrip voor de "
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
    violated_when="op niveau 1 tot 3 kiest u, in wat u tegen de bezoeker zegt of doet, een steunende interventie bij instrumentele agressie, een sturende bij frustratie op niveau 1, of vanaf niveau 2 alleen een steunende (dan past een grens, wat het soort agressie ook is).",
    check=check,
)
