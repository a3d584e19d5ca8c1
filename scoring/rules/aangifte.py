from __future__ import annotations

from scoring.context import Context, Decision, Visit
from scoring.fold import NA, OK, VIOLATED, Fold, State, V, tuple3
from scoring.rules.citations import DOD, OPVOLGING
from scoring.rules.obligations import UNREACHED, offers
from scoring.verdict import Rule, Status, Verdict
from simulator.language.model import Fase
from simulator.language.vocabulary import OFFENCES

ID = "aangifte"


def check(ctx: Context) -> Verdict:
    criminal = next((v for v in ctx.visits if v.facts.criminal), None)
    filed: Decision | None = None
    for d in ctx.decisions:
        if d.category == "aangifte-zelf":
            return ctx.violated(
                ID,
                d,
                f"{d.describe()}: aangifte zonder de veiligheidscoördinator ({d.where()}).",
                "Aangifte doet de medewerker samen met de veiligheidscoördinator.",
            )
        if (
            d.category == "afronden"
            and filed is None
            and criminal is not None
            and criminal.index < d.index
            and offers(ctx, d, "aangifte")
        ):
            return ctx.violated(
                ID,
                d,
                f"{d.describe()}, zonder aangifte van {_offence(criminal)} ({d.where()}).",
                "Bij strafbaar gedrag doet de medewerker aangifte, samen met de veiligheidscoördinator.",
            )
        if d.category == "aangifte":
            if criminal is None or criminal.index > d.index:
                return ctx.violated(
                    ID,
                    d,
                    f"{d.describe()}, maar het gedrag was niet strafbaar ({d.where()}).",
                    "Aangifte kan alleen bij strafbaar gedrag; voor ander wangedrag zijn er het ordegesprek en "
                    "de andere maatregelen.",
                )
            filed = d
    if criminal is None:
        return ctx.na(ID, "er was geen strafbaar gedrag")
    if filed is None:
        if not ctx.final:
            return ctx.na(ID, "nog niet beslist")
        offered = any(offers(ctx, d, "aangifte") for d in ctx.decisions_after(criminal.index))
        if not offered and ctx.ended:
            return ctx.na(ID, UNREACHED)
        return ctx.violated(
            ID,
            None,
            f"Er was strafbaar gedrag ({_offence(criminal)}), maar er werd geen aangifte gedaan.",
            "Bij strafbaar gedrag doet de medewerker aangifte, samen met de veiligheidscoördinator.",
        )
    return ctx.ok(
        ID, f"u deed aangifte van {_offence(criminal)} samen met de veiligheidscoördinator", filed
    )


def _offence(visit: Visit) -> str:
    """The offence by its catalogue name ('bedreiging'), or 'een strafbaar feit'."""
    offence = visit.facts.offence
    return offence if offence in OFFENCES and offence != "nee" else "een strafbaar feit"


RULE = Rule(
    id=ID,
    title="Aangifte met de veiligheidscoördinator",
    explanation="Bij strafbaar gedrag wordt aangifte gedaan, door de medewerker samen met de veiligheidscoördinator.",
    severity="zwaar",
    competency=OPVOLGING,
    citation=f"{DOD}, hoofdstuk 1 en 3.5",
    violated_when="na strafbaar gedrag volgt geen aangifte; u doet aangifte zonder de veiligheidscoördinator; of u doet aangifte van gedrag dat niet strafbaar was.",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class Aangifte(Fold):
    """State: V, or (criminal behaviour seen, aangifte filed, aangifte on offer since)."""

    id = ID

    def start(self) -> State:
        return (False, False, False)

    def visit(self, s: State, fase: Fase) -> State:
        if s == V or not fase.facts.criminal:
            return s
        _criminal, filed, offered = tuple3(s)
        return (True, filed, offered)

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        criminal, filed, offered = tuple3(s)
        if category == "aangifte-zelf":
            return V
        if category == "aangifte":
            return (True, True, offered) if criminal else V
        if criminal and not filed and "aangifte" in self.offered(fase):
            return V if category == "afronden" else (criminal, filed, True)
        return s

    def status(self, s: State) -> Status:
        if s == V:
            return VIOLATED
        criminal, filed, offered = tuple3(s)
        if not criminal:
            return NA
        return OK if filed else VIOLATED if offered else NA


FOLD = Aangifte
