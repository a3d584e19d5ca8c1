from scoring.context import Context
from scoring.rules.citations import DOD, INTEGRITEIT
from scoring.verdict import Rule, Verdict

ID = "geen-dienstverlening-onder-druk"
_KINDS = {"dreiging": "bedreiging", "chantage": "chantage", "omkoping": "omkoping"}


def check(ctx: Context) -> Verdict:
    first = next((v for v in ctx.visits if v.facts.pressure != "geen"), None)
    if first is None:
        return ctx.na(ID, "er werd geen oneigenlijke druk uitgeoefend")
    kind = _KINDS.get(first.facts.pressure, first.facts.pressure)
    after = [d for d in ctx.decisions if d.index > first.index]
    for d in after:
        if d.category == "toegeven":
            return ctx.violated(
                ID,
                d,
                f"{d.describe()} na {kind} ({d.where()}).",
                "Dienstverlening gebeurt nooit onder druk: ga niet in op de eis, neem niets aan en zeg "
                "niets toe; benoem de druk en stel een grens.",
            )
    return ctx.ok(ID, f"u gaf niet toe aan de {kind}", after[-1] if after else None)


RULE = Rule(
    id=ID,
    title="Geen dienstverlening onder druk",
    explanation="Bedreiging, chantage en omkoping zijn hetzelfde: wie onder druk toegeeft, is niet meer integer.",
    severity="kritiek",
    competency=INTEGRITEIT,
    citation=f"{DOD}, hoofdstuk 2, argument 1",
    violated_when="u kiest een interventie van de categorie toegeven (eis inwilligen, gift aannemen, iets toezeggen) in of na een fase met `druk` (dreiging, chantage, omkoping).",
    check=check,
)
