from __future__ import annotations

from scoring.context import Context
from scoring.fold import Fold, State, V
from scoring.rules.citations import DOD, TAAKVERDELING
from scoring.verdict import Rule, Verdict
from simulator.language.model import Catalogue, Fase, Profile, Scenario

ID = "taakverdeling"


def check(ctx: Context) -> Verdict:
    restricted = {cat for cat in ctx.profile.powers if not ctx.profile.may(ctx.role, cat)}
    arose = any(d.facts.disturbed for d in ctx.decisions) or bool(
        restricted & ctx.offered_categories()
    )
    for d in ctx.decisions:
        if d.intervention is None:
            continue
        at_stake = d.facts.disturbed or d.facts.pressure != "geen" or d.facts.danger
        if ctx.role == "beveiliger" and d.category == "overlaten" and at_stake:
            return ctx.violated(
                ID,
                d,
                f"{d.describe()}: de orde op het Werkplein liet u aan de medewerker ({d.where()}).",
                "De beveiliging is verantwoordelijk voor orde en veiligheid op het Werkplein: grijp zelf in.",
            )
        if d.category in restricted:
            holders = " of ".join(ctx.profile.powers.get(d.category, ()))
            if not holders:  # no trainee's role (a sanction on the benefit: DOD ch. 4.1)
                return ctx.violated(
                    ID,
                    d,
                    f"{d.describe()}: die maatregel is niet aan u ({d.where()}).",
                    "Deze maatregel neemt geen medewerker en geen beveiliger: een administratieve "
                    "sanctie op de uitkering stelt de veiligheidscoördinator voor. U dreigt er niet "
                    "mee en belooft er niets over.",
                )
            return ctx.violated(
                ID,
                d,
                f"{d.describe()}: die maatregel is voorbehouden aan de {holders} ({d.where()}).",
                "Een medewerker spreekt aan of schakelt de beveiliging in; maatregelen zoals wegsturen, "
                "een ordegesprek of een toegangsbeperking neemt de beveiliging.",
            )
    if not arose:
        return ctx.na(ID, "de taakverdeling kwam niet in het geding")
    return ctx.ok(ID, "u bleef binnen uw eigen taak", None)


RULE = Rule(
    id=ID,
    title="Heldere taakverdeling",
    explanation=(
        "De beveiliging gaat over orde en veiligheid op het Werkplein, de medewerker over de orde in het "
        "eigen gesprek. Aanspreken mag iedereen altijd; maatregelen neemt de beveiliging."
    ),
    severity="zwaar",
    competency=TAAKVERDELING,
    citation=f"{DOD}, hoofdstuk 1, 4.1 en 5",
    violated_when="u kiest als medewerker een maatregel die het profiel (`bevoegdheden`) aan de beveiliger voorbehoudt (ingrijpen, wegsturen, ordegesprek, garantie, toegangsbeperking, staking), of u laat als beveiliger de orde aan de medewerker over. Aanspreken is nooit een overtreding.",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class Taakverdeling(Fold):
    id = ID

    def __init__(self, scenario: Scenario, profile: Profile, catalogue: Catalogue) -> None:
        super().__init__(scenario, profile, catalogue)
        self.restricted = frozenset(c for c in profile.powers if not profile.may(self.role, c))

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        f = fase.facts
        arose = s == 1 or f.disturbed or bool(self.restricted & self.offered(fase))
        if not timed_out:
            at_stake = f.disturbed or f.pressure != "geen" or f.danger
            if self.role == "beveiliger" and category == "overlaten" and at_stake:
                return V
            if category in self.restricted:
                return V
        return 1 if arose else 0


FOLD = Taakverdeling
