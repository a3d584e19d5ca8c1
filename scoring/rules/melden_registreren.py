from __future__ import annotations

from scoring.context import Context
from scoring.rules.citations import OPVOLGING, VPT
from scoring.rules.obligations import AfterIncident, after_incident
from scoring.verdict import Rule, Verdict

ID = "melden-registreren"


def check(ctx: Context) -> Verdict:
    return after_incident(
        ctx,
        ID,
        "melden",
        "u meldde en registreerde het incident",
        "Het incident werd niet gemeld en geregistreerd.",
        "Meld en registreer elk incident: alleen wat geregistreerd is, kan worden aangepakt.",
    )


RULE = Rule(
    id=ID,
    title="Melden en registreren",
    explanation="Elk incident wordt gemeld en geregistreerd, ook als het 'wel meeviel'.",
    severity="licht",
    competency=OPVOLGING,
    citation=VPT,
    violated_when="na een incident kiest u tot het einde geen interventie van de categorie melden.",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class MeldenRegistreren(AfterIncident):
    id = ID
    category = "melden"


FOLD = MeldenRegistreren
