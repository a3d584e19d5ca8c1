from scoring.context import Context
from scoring.rules.citations import DOD, ORDE
from scoring.verdict import Rule, Verdict

ID = "toegangsbeperking"
_WRONG = frozenset({"toegangsverbod", "alternatieve-dienstverlening"})


def check(ctx: Context) -> Verdict:
    for d in ctx.decisions:
        if d.category in _WRONG:
            return ctx.violated(
                ID,
                d,
                f"{d.describe()} ({d.where()}).",
                "Geen toegangsverbod en geen dienstverlening elders (politiebureau, apart loket): dat legitimeert "
                "het gedrag. De beveiliging legt een toegangsbeperking op: komst aankondigen, op een tijdstip "
                "dat de beveiliging kiest.",
            )
    chosen = [d for d in ctx.decisions if d.category == "toegangsbeperking"]
    if not chosen and not (_WRONG | {"toegangsbeperking"}) & ctx.offered_categories():
        return ctx.na(ID, "een toegangsmaatregel kwam niet aan de orde")
    return ctx.ok(
        ID,
        "u koos voor een toegangsbeperking, niet voor een verbod of dienstverlening elders",
        chosen[-1] if chosen else None,
    )


RULE = Rule(
    id=ID,
    title="Toegangsbeperking, geen toegangsverbod",
    explanation=(
        "Een toegangsverbod of dienstverlening op het politiebureau of aan een apart loket legitimeert het "
        "gedrag. De beveiliging beperkt de toegang: regie is het sleutelwoord."
    ),
    severity="zwaar",
    competency=ORDE,
    citation=f"{DOD}, hoofdstuk 3.3 en 4.3",
    violated_when="u kiest een toegangsverbod of dienstverlening elders (politiebureau, apart loket).",
    check=check,
)
