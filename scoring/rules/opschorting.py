from __future__ import annotations

from scoring.context import SERVICE, Context, Decision, Visit
from scoring.fold import State, Suspension, V, tuple2
from scoring.rules.citations import DOD, INTEGRITEIT, WERKWIJZER
from scoring.verdict import Rule, Verdict
from simulator.language.model import Fase

ID = "opschorting"


def check(ctx: Context) -> Verdict:
    partner = ctx.scenario.conversation_with
    suspended = ctx.initially_suspended()
    arose = partner in suspended
    during: list[Decision] = []
    for item in ctx.timeline:
        if isinstance(item, Visit):
            suspended = ctx.suspension_after(suspended, item)
            arose = arose or partner in suspended
            continue
        if partner not in suspended:
            continue
        during.append(item)
        if item.category in SERVICE:
            return ctx.violated(
                ID,
                item,
                f"{item.describe()} terwijl de dienstverlening opgeschort was: na het incident was er nog "
                f"geen ordegesprek met een getekende garantie ({item.where()}).",
                "Tussen een incident en een ordegesprek dat naar genoegen is verlopen, blijft de dienstverlening "
                "opgeschort.",
            )
    if not arose:
        return ctx.na(ID, "de dienstverlening hoefde niet opgeschort te worden")
    return ctx.ok(
        ID,
        "u hervatte de dienstverlening niet voordat de garantie getekend was",
        during[-1] if during else None,
    )


RULE = Rule(
    id=ID,
    title="Opschorting van de dienstverlening",
    explanation=(
        "Na een incident, en zolang de veiligheid niet zeker is, wordt de dienstverlening opgeschort tot het "
        "ordegesprek naar genoegen heeft plaatsgevonden."
    ),
    severity="zwaar",
    competency=INTEGRITEIT,
    citation=f"{DOD}, hoofdstuk 4.2 en 4.4; {WERKWIJZER}",
    violated_when="u kiest inhoud of hervatten na een incident (of in een fase met `opgeschort: ja`, of na `voorgeschiedenis.incident_uren_geleden`) voordat een fase met `garantie: getekend` is bereikt.",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class Opschorting(Suspension):
    id = ID

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        suspended, _arose = tuple2(s)
        return V if self.partner in suspended and category in SERVICE else s


FOLD = Opschorting
