from scoring.context import CONSEQUENCES, SERVICE, Context, Decision, Visit
from scoring.rules.citations import DOD, OPVOLGING
from scoring.verdict import Rule, Verdict

ID = "garantie"


def check(ctx: Context) -> Verdict:
    """Every ordegesprek asks the signed guarantee (DOD ch. 4.2: "Eén van de eisen in het
    ordegesprek"), each one of a dossier, not the first only; a refusal has a consequence."""
    open_talk: Decision | None = None  # an ordegesprek whose guarantee was not asked yet
    uncovered: Decision | None = None  # an earlier ordegesprek that ended without it
    held = False
    asked: Decision | None = None
    refused: Visit | None = None
    consequence: Decision | None = None
    for item in ctx.timeline:
        if isinstance(item, Visit):
            if item.facts.guarantee is not None and open_talk is not None:
                open_talk = None  # he signed or refused: so he was asked
            if item.facts.guarantee == "geweigerd" and refused is None:
                refused, consequence = item, None
            continue
        if item.category == "ordegesprek":
            if open_talk is not None and uncovered is None:
                uncovered = open_talk
            open_talk, held = item, True
        elif item.category == "garantie":
            open_talk, asked = None, item
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
    if not held and refused is None and asked is None:
        return ctx.na(ID, "er was geen ordegesprek")
    if held and not ctx.profile.may(ctx.role, "garantie") and refused is None:
        return ctx.na(ID, "de garantie vragen is hier de taak van de beveiliger")
    missing = (
        "In het ordegesprek vroeg u de bezoeker niet om voor de veiligheid van de medewerkers te tekenen.",
        "Eén van de eisen in elk ordegesprek: de bezoeker garandeert de veiligheid en het welzijn van de "
        "medewerkers, en tekent daarvoor.",
    )
    if uncovered is not None:
        return ctx.violated(
            ID,
            None,
            f"In het ordegesprek van {uncovered.where()} vroeg u de bezoeker niet om te tekenen.",
            missing[1],
        )
    if open_talk is not None:
        if not ctx.final:
            return ctx.na(ID, "nog niet beslist")
        return ctx.violated(ID, None, *missing)
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
    return ctx.ok(ID, "de bezoeker werd gevraagd de garantie te tekenen", asked)


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
    violated_when="na een ordegesprek (elk ordegesprek, niet alleen het eerste) vraagt u geen getekende garantie voordat het volgende begint of het scenario eindigt, en de bezoeker tekent of weigert ook niet; of na een fase met `garantie: geweigerd` volgt geen gevolg (toegangsbeperking, opschorting, staking), of wordt de dienstverlening toch hervat.",
    check=check,
)
