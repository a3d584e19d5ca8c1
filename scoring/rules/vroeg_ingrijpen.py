from scoring.context import ACTIVE, Context
from scoring.rules.citations import CRISISMODEL, DEESCALATIE, DOD
from scoring.verdict import Rule, Verdict

ID = "vroeg-ingrijpen"
_EARLY = 2  # up to 'dreigend controleverlies'


def check(ctx: Context) -> Verdict:
    troubled = [d for d in ctx.decisions if d.facts.disturbed or d.facts.pressure != "geen"]
    early = [d for d in troubled if d.facts.level <= _EARLY]
    if not early:
        return ctx.na(ID, "er was geen moment om vroeg in te grijpen")
    first_active = next((d for d in troubled if d.category in ACTIVE), None)
    if first_active is not None and first_active.facts.level <= _EARLY:
        return ctx.ok(ID, f"u greep in bij niveau {first_active.facts.level}", first_active)
    if first_active is None:
        if not ctx.final:
            return ctx.na(ID, "nog niet beslist")
        return ctx.violated(
            ID,
            early[0],
            f"Er was al onrust bij {early[0].where()}, maar u greep niet in.",
            "Grijp vroeg in, bij onrust: dan is de-escaleren nog mogelijk.",
        )
    return ctx.violated(
        ID,
        first_active,
        f"U greep pas in bij niveau {first_active.facts.level} ({first_active.where()}); de onrust begon al "
        f"bij {early[0].where()}.",
        "Grijp vroeg in, bij onrust: dan is de-escaleren nog mogelijk.",
    )


RULE = Rule(
    id=ID,
    title="Vroeg ingrijpen",
    explanation="Grijp in bij de eerste onrust, niet pas als de bezoeker de controle verliest.",
    severity="licht",
    competency=DEESCALATIE,
    citation=f"{DOD}, hoofdstuk 4.2 ('vroeg ingrijpen'); {CRISISMODEL}",
    violated_when="de orde was al verstoord op niveau 0 tot 2, maar u greep pas in op niveau 3 of hoger, of helemaal niet.",
    check=check,
)
