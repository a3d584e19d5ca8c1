from __future__ import annotations

from scoring.context import MEASURES, Context, Decision, Visit
from scoring.fold import NA, OK, VIOLATED, Fold, State, V, tuple4
from scoring.rules.citations import DOD, ORDE
from scoring.verdict import Rule, Status, Verdict
from simulator.dutch import plural
from simulator.language.model import Catalogue, Fase, Profile, Scenario

ID = "staking-laatste-stap"


def check(ctx: Context) -> Verdict:
    needed = ctx.profile.staking_min_measures
    measures = ctx.scenario.prior_measures
    persistent: Visit | None = None
    staking: Decision | None = None
    talk_open = False  # an ordegesprek chosen, whose outcome (signed or refused) is still to come
    for item in ctx.timeline:
        if isinstance(item, Visit):
            if item.facts.persistent and persistent is None:
                persistent = item
            if item.facts.guarantee is not None:
                # he signed or refused: an ordegesprek took place, also when the trainee
                # held it badly (then it was not counted as chosen)
                measures += 0 if talk_open else 1
                talk_open = False
            continue
        if item.category == "ordegesprek":
            talk_open = True
        if item.category == "staking-als-sanctie":
            return ctx.violated(
                ID,
                item,
                f"{item.describe()} ({item.where()}).",
                "Staking van de dienstverlening is geen sanctie, maar een maatregel ter bescherming "
                "van de medewerkers. De uitkering stopt niet: de bezoeker houdt zijn recht op een "
                "voorziening, maar kan zich niet meer tot een medewerker wenden.",
            )
        if (
            item.category in ANOTHER_CHANCE
            and persistent is not None
            and measures >= needed
            and staking is None
        ):
            return ctx.violated(
                ID,
                item,
                f"{item.describe()}: nog één kans, {_after(measures)} en terwijl de bezoeker "
                f"volhardde in zijn wangedrag ({item.where()}).",
                "Volhardt de bezoeker na meerdere ordegesprekken of maatregelen, dan geeft u geen "
                "nieuwe kans meer: staking van de dienstverlening is dan de logische vervolgstap.",
            )
        if item.category in MEASURES:
            measures += 1
        elif item.category == "staking":
            if measures < needed:
                return ctx.violated(
                    ID,
                    item,
                    f"{item.describe()} {_after(measures)} ({item.where()}).",
                    f"Staking is de laatste stap: pas na meerdere ordegesprekken of andere maatregelen "
                    f"(hier minstens {needed}) en aanhoudend wangedrag.",
                )
            if persistent is None:
                return ctx.violated(
                    ID,
                    item,
                    f"{item.describe()}, terwijl de bezoeker nog niet volhardde in wangedrag na eerdere maatregelen ({item.where()}).",
                    "Staking is de laatste stap: pas als de bezoeker na meerdere ordegesprekken of maatregelen "
                    "blijft volharden in wangedrag.",
                )
            staking = item
    if persistent is None and staking is None:
        return ctx.na(ID, "staking van de dienstverlening kwam niet aan de orde")
    if staking is None and not ctx.profile.may(ctx.role, "staking"):
        return ctx.na(ID, "staking voorstellen is hier niet uw taak")
    if staking is None and measures < needed:
        return ctx.na(
            ID,
            f"voor staking waren er nog te weinig eerdere maatregelen ({measures} van de {needed})",
        )
    if persistent is not None and staking is None:
        if not ctx.final:
            return ctx.na(ID, "nog niet beslist")
        return ctx.violated(
            ID,
            None,
            f"De bezoeker bleef zich misdragen {_after(measures).replace('eerdere ', '')}, maar u stelde geen staking voor.",
            "Volhardt de bezoeker na meerdere ordegesprekken of maatregelen, dan is staking van de "
            "dienstverlening de logische vervolgstap, ter bescherming van de medewerkers.",
        )
    return ctx.ok(ID, f"staking kwam als laatste stap, {_after(measures)}", staking)


# another ordegesprek or another signature instead of the last step
ANOTHER_CHANCE = frozenset({"ordegesprek", "ordegesprek-plannen", "garantie"})


def _after(measures: int) -> str:
    if measures == 0:
        return "zonder eerdere maatregelen"
    return f"na {plural(measures, 'eerdere maatregel', 'eerdere maatregelen')}"


RULE = Rule(
    id=ID,
    title="Staking als laatste stap",
    explanation=(
        "Staking van de dienstverlening volgt pas na meerdere ordegesprekken of maatregelen en aanhoudend "
        "wangedrag. Het is geen sanctie maar bescherming van de medewerkers; de uitkering loopt door."
    ),
    severity="zwaar",
    competency=ORDE,
    citation=f"{DOD}, hoofdstuk 4.5 en 5",
    violated_when="u stelt staking voor voordat een fase met `volhardend: ja` is bereikt, of met minder eerdere maatregelen (ordegesprekken en toegangsbeperkingen, plus `voorgeschiedenis.eerdere_maatregelen`) dan het profiel vraagt; of na een fase met `volhardend: ja`, met genoeg eerdere maatregelen, volgt geen staking, of u geeft dan nog één kans (weer een ordegesprek of een handtekening). Ook overtreden: staking uitleggen als straf of als het stoppen van de uitkering (categorie staking-als-sanctie).",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class StakingLaatsteStap(Fold):
    """State: V, or (measures so far, capped at the number needed; persistent; staking; an
    ordegesprek chosen whose outcome is still to come)."""

    id = ID

    def __init__(self, scenario: Scenario, profile: Profile, catalogue: Catalogue) -> None:
        super().__init__(scenario, profile, catalogue)
        self.needed = profile.staking_min_measures

    def start(self) -> State:
        return (min(self.scenario.prior_measures, self.needed), False, False, False)

    def visit(self, s: State, fase: Fase) -> State:
        f = fase.facts
        if s == V or not (f.persistent or f.guarantee is not None):
            return s
        measures, persistent, staking, talk_open = tuple4(s)
        if f.guarantee is not None:
            if not talk_open:
                measures = min(measures + 1, self.needed)
            talk_open = False
        return (measures, persistent or f.persistent, staking, talk_open)

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        measures, persistent, staking, talk_open = tuple4(s)
        if category == "staking-als-sanctie":
            return V
        if category in ANOTHER_CHANCE and persistent and measures >= self.needed and not staking:
            return V
        if category in MEASURES:
            talk_open = talk_open or category == "ordegesprek"
            return (min(measures + 1, self.needed), persistent, staking, talk_open)
        if category == "staking":
            if measures < self.needed or not persistent:
                return V
            return (measures, persistent, True, talk_open)
        return s

    def status(self, s: State) -> Status:
        if s == V:
            return VIOLATED
        measures, persistent, staking, _talk_open = tuple4(s)
        if not persistent and not staking:
            return NA
        if not staking and not self.profile.may(self.role, "staking"):
            return NA
        if not staking and measures < self.needed:
            return NA
        if persistent and not staking:
            return VIOLATED
        return OK


FOLD = StakingLaatsteStap
