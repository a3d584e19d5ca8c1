from scoring.context import CONSEQUENCES, SERVICE, Context, Decision, Visit
from scoring.rules.citations import DOD, OPVOLGING
from scoring.verdict import Rule, Verdict

ID = "garantie"


def check(ctx: Context) -> Verdict:
    held: Decision | None = None
    asked: Decision | None = None
    refused: Visit | None = None
    consequence: Decision | None = None
    answered = False
    for item in ctx.timeline:
        if isinstance(item, Visit):
            if item.facts.guarantee is not None and held is not None:
                answered = True  # he signed or refused: so he was asked
            if item.facts.guarantee == "geweigerd" and refused is None:
                refused, consequence = item, None
            continue
        if item.category == "ordegesprek" and held is None:
            held = item
        elif item.category == "garantie":
            asked = item
        elif refused is not None and consequence is None:
            if item.category in CONSEQUENCES or item.category == "toegangsverbod":
                # a toegangsverbod is a consequence, of the wrong kind: the toegangsbeperking
                # rule judges that, not this one
                consequence = item
            elif item.category in SERVICE:
                return ctx.violated(
                    ID,
                    item,
                    f"De bezoeker weigerde de garantie te tekenen; daarna {item.describe(inverted=True)} ({item.where()}).",
                    "Weigert de bezoeker te tekenen, dan volgen sancties, bijvoorbeeld een toegangsbeperking; "
                    "de dienstverlening blijft opgeschort.",
                )
    if held is None and refused is None and asked is None:
        return ctx.na(ID, "er was geen ordegesprek")
    if held is not None and not ctx.profile.may(ctx.role, "garantie") and refused is None:
        return ctx.na(ID, "de garantie vragen is hier de taak van de beveiliger")
    if held is not None and asked is None and not answered:
        if not ctx.final:
            return ctx.na(ID, "nog niet beslist")
        return ctx.violated(
            ID,
            None,
            "In het ordegesprek vroeg u de bezoeker niet om voor de veiligheid van de medewerkers te tekenen.",
            "Eén van de eisen in het ordegesprek: de bezoeker garandeert de veiligheid en het welzijn van de "
            "medewerkers, en tekent daarvoor.",
        )
    if refused is not None and consequence is None:
        if not ctx.final:
            return ctx.na(ID, "nog niet beslist")
        return ctx.violated(
            ID,
            None,
            "De bezoeker weigerde te tekenen, en dat had geen gevolg.",
            "Weigert de bezoeker te tekenen, dan volgen sancties, bijvoorbeeld een toegangsbeperking.",
        )
    if refused is not None:
        return ctx.ok(ID, "de weigering om te tekenen had een gevolg", consequence)
    return ctx.ok(ID, "de bezoeker werd gevraagd de garantie te tekenen", asked or held)


RULE = Rule(
    id=ID,
    title="De getekende garantie",
    explanation=(
        "In het ordegesprek garandeert de bezoeker de veiligheid en het welzijn van de medewerkers en tekent "
        "daarvoor. Weigert hij, dan volgen sancties."
    ),
    severity="zwaar",
    competency=OPVOLGING,
    citation=f"{DOD}, hoofdstuk 4.2",
    violated_when="na een ordegesprek vraagt u geen getekende garantie; of na een fase met `garantie: geweigerd` volgt geen gevolg (toegangsbeperking, opschorting, staking), of wordt de dienstverlening toch hervat.",
    check=check,
)
