from __future__ import annotations

from scoring.context import ACTING_EARLY, Context, unrest
from scoring.fold import NA, OK, VIOLATED, Fold, State, V
from scoring.rules.citations import CRISISMODEL, DEESCALATIE, DOD
from scoring.verdict import Rule, Status, Verdict
from simulator.language.model import Fase

ID = "vroeg-ingrijpen"

EXPECTED = (
    "Grijp vroeg in, bij de eerste onrust: spreek de bezoeker aan, toon begrip, stel een grens "
    "of waarschuw de beveiliging. Dan is de-escaleren nog mogelijk."
)


def check(ctx: Context) -> Verdict:
    """Acting at the first unrest, not once the visitor shouts (seed ch. 4.2: the beveiligers
    are trained in "de-escalerende interventietechnieken en vroeg ingrijpen"). The first
    decision at unrest decides: acting then is early, letting it pass is not."""
    first = next((d for d in ctx.decisions if unrest(d.facts)), None)
    if first is None:
        return ctx.na(ID, "er was geen moment om vroeg in te grijpen")
    if first.facts.level >= 3:
        return ctx.na(
            ID, "de onrust begon pas bij controleverlies: er was geen moment om vroeg in te grijpen"
        )
    if first.category in ACTING_EARLY or (first.timed_out and first.facts.wait_ok):
        return ctx.ok(ID, f"u greep meteen in, bij niveau {first.facts.level}", first)
    later = next(
        (
            d
            for d in ctx.decisions_after(first.index)
            if d.category in ACTING_EARLY and unrest(d.facts)
        ),
        None,
    )
    when = (
        f"; u greep pas in bij niveau {later.facts.level} ({later.where()})"
        if later is not None
        else ""
    )
    return ctx.violated(
        ID,
        first,
        f"Bij de eerste onrust (niveau {first.facts.level}) {first.describe(inverted=True)} "
        f"({first.where()}){when}.",
        EXPECTED,
    )


RULE = Rule(
    id=ID,
    title="Vroeg ingrijpen",
    explanation="Grijp in bij de eerste onrust, niet pas als de bezoeker dreigt de controle te verliezen.",
    severity="licht",
    competency=DEESCALATIE,
    citation=f"{DOD}, hoofdstuk 4.2 ('vroeg ingrijpen'); {CRISISMODEL}",
    violated_when="bij de eerste keuze op een moment van onrust (niveau 1 tot 3, `onrust: ja`, verstoorde orde of druk) grijpt u niet in: u gaat door met de inhoud, geeft toe, negeert het of laat de tijd verlopen. Ingrijpen is aanspreken, begrip tonen, een grens stellen, de beveiliging inschakelen of het melden. Begint de onrust pas bij controleverlies (niveau 3), dan is de regel niet van toepassing.",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class VroegIngrijpen(Fold):
    """The first decision at unrest decides: 0 none yet, 1 acted then (or it began at
    controleverlies: n.v.t.), V let it pass."""

    id = ID

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s != 0 or not unrest(fase.facts):
            return s
        if fase.facts.level >= 3:
            return 2
        acting = category in ACTING_EARLY or (timed_out and fase.facts.wait_ok)
        return 1 if acting else V

    def forgiven(self, before: State) -> State:
        return 2  # the first unrest has passed: no later step is 'not early' again

    def status(self, s: State) -> Status:
        return VIOLATED if s == V else OK if s == 1 else NA


FOLD = VroegIngrijpen
