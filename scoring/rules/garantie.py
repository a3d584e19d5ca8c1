from __future__ import annotations

from scoring.context import CONSEQUENCES, SERVICE, Context, Decision, Visit
from scoring.fold import NA, OK, VIOLATED, Fold, State, V, tuple6
from scoring.rules.citations import DOD, OPVOLGING
from scoring.verdict import Rule, Status, Verdict
from simulator.language.model import Fase

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


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class Garantie(Fold):
    """State: V, or (an ordegesprek waiting for its guarantee, an earlier one ended without it,
    any ordegesprek held, asked once, refused, consequence of the refusal)."""

    id = ID

    def start(self) -> State:
        return (False, False, False, False, False, False)

    def visit(self, s: State, fase: Fase) -> State:
        if s == V:
            return s
        open_talk, uncovered, held, asked, refused, consequence = tuple6(s)
        g = fase.facts.guarantee
        if g is not None and open_talk:
            open_talk = False
        if g == "geweigerd" and not refused:
            refused, consequence = True, False
        return (open_talk, uncovered, held, asked, refused, consequence)

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        open_talk, uncovered, held, asked, refused, consequence = tuple6(s)
        if category == "ordegesprek":
            uncovered = uncovered or open_talk
            open_talk, held = True, True
        elif category == "garantie":
            open_talk, asked = False, True
        elif refused and not consequence:
            if category in CONSEQUENCES or category == "toegangsverbod":
                consequence = True
            elif category in SERVICE:
                return V
        return (open_talk, uncovered, held, asked, refused, consequence)

    def status(self, s: State) -> Status:
        if s == V:
            return VIOLATED
        open_talk, uncovered, held, asked, refused, consequence = tuple6(s)
        if not held and not refused and not asked:
            return NA
        if held and not self.profile.may(self.role, "garantie") and not refused:
            return NA
        if uncovered or open_talk:
            return VIOLATED
        if refused and not consequence:
            return VIOLATED
        return OK


FOLD = Garantie
