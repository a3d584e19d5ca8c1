from __future__ import annotations

from scoring.context import SERVICE, Context, Decision
from scoring.fold import Fold, State, V
from scoring.rules.citations import DOD, ORDE
from scoring.verdict import Rule, Verdict
from simulator.language.model import Facts, Fase

ID = "nietsdoen-geen-optie"


def _calls_for_action(d: Decision) -> bool:
    """Misbehaviour to respond to. An instruction of the beveiliger alone is not: whether it
    was followed is the rule aanwijzing-opvolgen's, and where the visitor is not there (a
    phone call afterwards), nobody can be addressed."""
    f = d.facts
    return f.disturbed or f.pressure != "geen" or f.danger


def passive(category: str, elsewhere: bool) -> bool:
    """Doing nothing about the misbehaviour: ignoring it, walking off, or (when it is another
    visitor's, not the one in one's own conversation) going on with one's own client's case
    as if nothing happened."""
    return category in ("negeren", "afronden") or (elsewhere and category in SERVICE)


def check(ctx: Context) -> Verdict:
    relevant = [d for d in ctx.decisions if _calls_for_action(d)]
    if not relevant:
        return ctx.na(ID, "er was geen wangedrag om op te reageren")
    for d in relevant:
        if d.timed_out and d.facts.wait_ok:
            continue  # waiting, or keeping quiet, was what the beveiliger asked: that is acting
        elsewhere = ctx.scenario.visitor_of(d.facts) != ctx.scenario.conversation_with
        if d.timed_out or passive(d.category, elsewhere):
            return ctx.violated(
                ID,
                d,
                f"{d.describe()} terwijl er ingegrepen moest worden ({d.where()}).",
                "Nietsdoen is geen optie: spreek de bezoeker aan, of schakel de beveiliging in als u dat "
                "niet wilt, kunt of durft.",
            )
    return ctx.ok(ID, "u reageerde steeds op het wangedrag", relevant[-1])


RULE = Rule(
    id=ID,
    title="Nietsdoen is geen optie",
    explanation="Wangedrag negeren of de tijd laten verlopen mag nooit: aanspreken of de beveiliging inschakelen.",
    severity="kritiek",
    competency=ORDE,
    citation=f"{DOD}, hoofdstuk 5",
    violated_when="u kiest een interventie van de categorie negeren of afronden (of gaat, terwijl een andere bezoeker dan die van uw eigen gesprek zich misdraagt, door met de zaak van uw eigen klant), of laat de timer aflopen, in een fase met verstoorde orde, druk of gevaar (behalve waar de beveiliger vraagt af te wachten of te zwijgen: `afwachten: ja`; dat is opvolgen, geen nietsdoen). Een aanwijzing alleen maakt de regel niet van toepassing: of die werd opgevolgd, beoordeelt aanwijzing-opvolgen.",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
def _facts_call_for_action(f: Facts) -> bool:
    return f.disturbed or f.pressure != "geen" or f.danger


class NietsdoenGeenOptie(Fold):
    id = ID

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        f = fase.facts
        if s == V or not _facts_call_for_action(f):
            return s
        if timed_out and f.wait_ok:
            return 1
        elsewhere = self.scenario.visitor_of(f) != self.scenario.conversation_with
        return V if timed_out or passive(category, elsewhere) else 1


FOLD = NietsdoenGeenOptie
