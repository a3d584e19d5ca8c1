from __future__ import annotations

from scoring.context import SERVICE, Context, Decision, Visit
from scoring.fold import State, Suspension, V, tuple2
from scoring.rules.citations import DOD, ORDE
from scoring.verdict import Rule, Verdict
from simulator.language.model import Fase

ID = "orde-voor-inhoud"


def check(ctx: Context) -> Verdict:
    """No content while the order of the trainee's own conversation is disturbed (DOD ch. 1
    and 5: "Orde en inhoud zijn van elkaar gescheiden"), nor while service to that visitor
    is suspended until a satisfactory ordegesprek (ch. 4.2): the order talk is about order,
    not about the benefit."""
    partner = ctx.scenario.conversation_with
    suspended = ctx.initially_suspended()
    relevant: list[Decision] = []
    for item in ctx.timeline:
        if isinstance(item, Visit):
            suspended = ctx.suspension_after(suspended, item)
            continue
        d = item
        own_disturbed = d.facts.disturbed and ctx.scenario.visitor_of(d.facts) == partner
        if not (own_disturbed or partner in suspended):
            continue
        relevant.append(d)
        if d.category in SERVICE:
            why = (
                "terwijl de orde verstoord was"
                if own_disturbed
                else "terwijl de dienstverlening na het incident opgeschort was: eerst het ordegesprek, dan pas weer de inhoud"
            )
            return ctx.violated(
                ID,
                d,
                f"{d.describe()} {why} ({d.where()}).",
                "Eerst de orde, dan de inhoud: stop het gesprek over de zaak en spreek het gedrag aan "
                "of schakel de beveiliging in. Na een incident gaat het pas weer over de zaak als "
                "het ordegesprek naar genoegen is verlopen.",
            )
    if not relevant:
        return ctx.na(ID, "de orde was nergens verstoord")
    return ctx.ok(
        ID, "u ging niet door met de inhoud zolang de orde dat niet toeliet", relevant[-1]
    )


RULE = Rule(
    id=ID,
    title="Orde vóór inhoud",
    explanation=(
        "Is de orde in uw gesprek verstoord, dan stopt het gesprek over de zaak tot de orde hersteld "
        "is; na een incident pas weer na een ordegesprek dat naar genoegen is verlopen."
    ),
    severity="kritiek",
    competency=ORDE,
    citation=f"{DOD}, hoofdstuk 1, 4.2 en 5",
    violated_when="u kiest een interventie van de categorie inhoud of hervatten in een fase met `orde_verstoord: ja` over de bezoeker met wie u het gesprek voert (`gesprek_met`), of terwijl de dienstverlening aan die bezoeker opgeschort is (na een incident, `opgeschort: ja` of `voorgeschiedenis.incident_uren_geleden`, tot een fase met `garantie: getekend`).",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class OrdeVoorInhoud(Suspension):
    id = ID
    arises_on_visit = False  # only at a decision where the order asks for it

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        suspended, _arose = tuple2(s)
        f = fase.facts
        own = f.disturbed and self.scenario.visitor_of(f) == self.partner
        if not (own or self.partner in suspended):
            return s
        return V if category in SERVICE else (suspended, True)


FOLD = OrdeVoorInhoud
