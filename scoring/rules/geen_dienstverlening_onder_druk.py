from __future__ import annotations

from scoring.context import Context
from scoring.fold import Fold, State, V
from scoring.rules.citations import DOD, INTEGRITEIT, WERKWIJZER
from scoring.verdict import Rule, Verdict
from simulator.language.model import Fase

ID = "geen-dienstverlening-onder-druk"

_KINDS = {"dreiging": "bedreiging", "chantage": "chantage", "omkoping": "omkoping"}


def check(ctx: Context) -> Verdict:
    """Giving in under improper pressure: after a threat, blackmail or bribery, and also to a
    visitor whose behaviour disturbs the order (the Werkwijzer: misbehaviour "zet
    besluitvorming onder druk"; a promise made to a shouting visitor is giving in to it)."""
    first = next((v for v in ctx.visits if v.facts.pressure != "geen"), None)
    disturbed = next((d for d in ctx.decisions if d.facts.disturbed), None)
    if first is None and disturbed is None:
        return ctx.na(ID, "er werd geen oneigenlijke druk uitgeoefend")
    kind = _KINDS.get(first.facts.pressure, first.facts.pressure) if first else ""
    relevant = [
        d
        for d in ctx.decisions
        if (first is not None and d.index > first.index)
        or (disturbed is not None and d.index >= disturbed.index)
    ]
    for d in relevant:
        if d.category == "toegeven":
            if first is not None and d.index > first.index:
                under = f"na {kind}"
            elif d.facts.disturbed:
                under = "terwijl de bezoeker de orde verstoorde"
            else:
                under = "nadat de bezoeker de orde had verstoord: zo beloont u het wangedrag alsnog"
            return ctx.violated(
                ID,
                d,
                f"{d.describe()} {under} ({d.where()}).",
                "Dienstverlening gebeurt nooit onder druk: ga niet in op de eis, neem niets aan en zeg "
                "niets toe; benoem het gedrag en stel een grens.",
            )
    done = f"u gaf niet toe aan de {kind}" if kind else "u gaf niet toe aan het wangedrag"
    return ctx.ok(ID, done, relevant[-1] if relevant else None)


RULE = Rule(
    id=ID,
    title="Geen dienstverlening onder druk",
    explanation=(
        "Bedreiging, chantage en omkoping zijn hetzelfde: wie onder druk toegeeft, is niet meer "
        "integer. Ook wangedrag zet een besluit onder druk: wie een schreeuwende bezoeker iets "
        "toezegt, geeft toe."
    ),
    severity="kritiek",
    competency=INTEGRITEIT,
    citation=f"{DOD}, hoofdstuk 2, argument 1; {WERKWIJZER}",
    violated_when="u kiest een interventie van de categorie toegeven (eis inwilligen, gift aannemen, iets toezeggen) in of na een fase met `druk` (dreiging, chantage, omkoping), of in of na een keuze in een fase met `orde_verstoord: ja` (een belofte nadat het rustig werd, beloont het wangedrag alsnog).",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class GeenDienstverleningOnderDruk(Fold):
    """State: 0 nothing yet, 1 pressure seen, 2 a decision in a disturbed fase seen (giving in
    is wrong from then on, in both), V."""

    id = ID

    def visit(self, s: State, fase: Fase) -> State:
        return 1 if s in (0, 2) and fase.facts.pressure != "geen" else s

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        under = s in (1, 2) or fase.facts.disturbed
        if under and category == "toegeven":
            return V
        return 2 if s == 0 and fase.facts.disturbed else s


FOLD = GeenDienstverleningOnderDruk
