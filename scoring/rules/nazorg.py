from __future__ import annotations

from scoring.context import Context
from scoring.rules.citations import OPVOLGING, VPT
from scoring.rules.obligations import AfterIncident, after_incident
from scoring.verdict import Rule, Verdict

ID = "nazorg"


def check(ctx: Context) -> Verdict:
    return after_incident(
        ctx,
        ID,
        "nazorg",
        "er was nazorg na het incident",
        "Na het incident was er geen nazorg voor de medewerker.",
        "Na een incident krijgt de medewerker nazorg. De norm is die van de organisatie, niet wat u "
        "persoonlijk 'wel kunt hebben'.",
    )


RULE = Rule(
    id=ID,
    title="Nazorg",
    explanation="Na een incident krijgt de betrokken medewerker nazorg aangeboden.",
    severity="licht",
    competency=OPVOLGING,
    citation=VPT,
    violated_when="na een incident kiest u tot het einde geen interventie van de categorie nazorg.",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class Nazorg(AfterIncident):
    id = ID
    category = "nazorg"


FOLD = Nazorg
