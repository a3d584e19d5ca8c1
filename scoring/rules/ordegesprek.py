from __future__ import annotations

import math

from scoring.context import LETTING_GO, MISUSE, Context, Decision, Visit
from scoring.fold import NA, OK, VIOLATED, Fold, Horizon, State, V, tuple5
from scoring.rules.citations import DOD, OPVOLGING
from scoring.rules.obligations import offers
from scoring.verdict import Rule, Status, Verdict
from simulator.dutch import hours_or_days
from simulator.language.model import Catalogue, Fase, Profile, Scenario

ID = "ordegesprek"


def check(ctx: Context) -> Verdict:
    may_hold = ctx.profile.may(ctx.role, "ordegesprek")
    deadline = ctx.profile.ordegesprek_deadline_hours * 3600
    for d in ctx.decisions:
        if d.category in MISUSE:
            forced = (
                ": een afgedwongen excuus krijgt al gauw een strategisch karakter, 'ik zeg sorry, "
                "dan word ik weer geholpen'"
                if d.category == "excuses-eisen"
                else ""
            )
            return ctx.violated(
                ID,
                d,
                f"{d.describe()}{forced} ({d.where()}).",
                "Het ordegesprek is niet voor relatieherstel, waarheidsvinding of afgedwongen excuses: het "
                "gaat om de garantie dat de bezoeker zich voortaan aan de regels houdt.",
            )
        if d.category in ("ordegesprek", "ordegesprek-plannen") and not ctx.profile.may(
            ctx.role, d.category
        ):
            return ctx.violated(
                ID,
                d,
                f"{d.describe()}: als {ctx.role} nam u het ordegesprek zelf in handen ({d.where()}).",
                "Het ordegesprek voert de beveiliger; dat ondersteunt zijn gezag.",
            )
    prior = ctx.scenario.prior_incident_hours
    pending: float | None = None
    if prior is not None:
        # an incident from before the scenario: the trainee answers for the time from its
        # start on, not for a deadline that had already passed before they came in
        pending = -prior * 3600 if prior * 3600 <= deadline else 0.0
    planned = persistent = False
    last_ok: Decision | None = None
    any_incident = pending is not None
    for item in ctx.timeline:
        if isinstance(item, Visit):
            persistent = persistent or item.facts.persistent
            if item.facts.no_show and pending is not None and planned:
                # he did not come: the call lapsed, and a new one is due from now on
                pending, planned = item.t, False
            if item.facts.incident and (pending is None or planned):
                # a new incident; one whose ordegesprek was already planned in time starts
                # its own clock (the planned talk is then about both)
                pending, planned, any_incident = item.t, False, True
        elif pending is not None and item.category == "ordegesprek-uitstellen":
            return ctx.violated(
                ID,
                item,
                f"{item.describe()}: later dan {hours_or_days(deadline)} na het incident ({item.where()}).",
                f"Roep de bezoeker binnen {hours_or_days(deadline)} op: een snelle reactie maakt duidelijk dat het ernst is.",
            )
        elif (
            pending is not None
            and not planned
            and may_hold
            and item.category in LETTING_GO
            and (offers(ctx, item, "ordegesprek") or offers(ctx, item, "ordegesprek-plannen"))
        ):
            return ctx.violated(
                ID,
                item,
                f"{item.describe()}: na het incident voerde u geen ordegesprek en riep u de bezoeker er ook niet voor op ({item.where()}).",
                f"Na een incident volgt een ordegesprek: ad hoc, of de bezoeker wordt binnen {hours_or_days(deadline)} "
                "opgeroepen. Dat doet de beveiliger zelf.",
            )
        elif item.category == "ordegesprek-plannen" and pending is not None:
            if item.t - pending > deadline:
                return ctx.violated(
                    ID,
                    item,
                    f"U riep de bezoeker pas {hours_or_days(item.t - pending)} na het incident op voor een ordegesprek ({item.where()}).",
                    f"Roep de bezoeker binnen {hours_or_days(deadline)} op: een snelle reactie maakt duidelijk dat het ernst is.",
                )
            planned, last_ok = True, item
        elif item.category == "staking" and pending is not None and persistent:
            pending, last_ok = None, item  # staking is the step after the ordegesprekken
        elif item.category == "ordegesprek":
            # called in on time is enough (DOD 4.2: "binnen 24 uur opgeroepen"): a visitor who
            # does not come, or comes later, does not make the beveiliger late
            if pending is not None and not planned and item.t - pending > deadline:
                return ctx.violated(
                    ID,
                    item,
                    f"Het ordegesprek vond pas {hours_or_days(item.t - pending)} na het incident plaats ({item.where()}).",
                    f"Voer het ordegesprek binnen {hours_or_days(deadline)}: een snelle reactie maakt duidelijk dat het "
                    "ernst is.",
                )
            pending, last_ok = None, item
    if not any_incident and last_ok is None:
        return ctx.na(ID, "er was geen incident")
    if not may_hold and last_ok is None:
        return ctx.na(ID, "het ordegesprek is hier de taak van de beveiliger")
    if pending is not None and not planned:
        if not ctx.final:
            return ctx.na(ID, "nog niet beslist")
        return ctx.violated(
            ID,
            None,
            "Na het incident voerde u geen ordegesprek en riep u de bezoeker er ook niet voor op.",
            f"Na een incident volgt een ordegesprek: ad hoc, of de bezoeker wordt binnen {hours_or_days(deadline)} "
            "opgeroepen.",
        )
    return ctx.ok(ID, "het ordegesprek werd op tijd gevoerd of gepland", last_ok)


RULE = Rule(
    id=ID,
    title="Het ordegesprek",
    explanation=(
        "Na een incident voert de beveiliger een ordegesprek, ad hoc of binnen 24 uur. Het is niet voor "
        "relatieherstel, waarheidsvinding of een afgedwongen excuus."
    ),
    severity="zwaar",
    competency=OPVOLGING,
    citation=f"{DOD}, hoofdstuk 4.2",
    violated_when="u gebruikt het ordegesprek voor excuses, waarheidsvinding of relatieherstel; u voert het als medewerker zelf; u roept de bezoeker later op dan de termijn van het profiel na het incident, of voert het zonder oproep pas na die termijn (komt hij na een tijdige oproep later of niet, dan blijft de dienstverlening opgeschort, maar was u niet te laat); u laat het erbij (afronden, aan een ander overlaten) waar het ordegesprek of de oproep voor het kiezen lag; of er volgt na een incident geen ordegesprek en geen oproep (alleen voor wie het ordegesprek mag voeren).",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class Ordegesprek(Fold):
    """State: V, or (age of the pending incident in seconds or None, planned, persistent,
    handled, any incident). The age is capped just past the deadline: beyond it, only
    'too late' matters, and the cap lets late histories share one state."""

    id = ID
    timed = True

    def __init__(self, scenario: Scenario, profile: Profile, catalogue: Catalogue) -> None:
        super().__init__(scenario, profile, catalogue)
        self.deadline = profile.ordegesprek_deadline_hours * 3600
        self.cap = self.deadline + 1.0
        self.may_hold = profile.may(self.role, "ordegesprek")
        self.misplaced = frozenset(
            c for c in ("ordegesprek", "ordegesprek-plannen") if not profile.may(self.role, c)
        )

    def start(self) -> State:
        prior = self.scenario.prior_incident_hours
        age: float | None = None
        if prior is not None:
            age = min(prior * 3600, self.cap) if prior * 3600 <= self.deadline else 0.0
        return (age, False, False, False, age is not None)

    def tick(self, s: State, dt: float) -> State:
        if s == V or not dt:
            return s
        age, planned, persistent, handled, anyinc = tuple5(s)
        if age is None or age >= self.cap:
            return s
        return (min(age + dt, self.cap), planned, persistent, handled, anyinc)

    def canonical(self, s: State, horizon: Horizon | None) -> State:
        """Two ages are the same when, for every way time can still pass, both stay under
        the deadline or both go over it; then the smallest such age stands for all."""
        if s == V or horizon is None:
            return s
        age, planned, persistent, handled, anyinc = tuple5(s)
        if age is None or age == 0.0:
            return s
        floor = 0.0
        for jump in horizon.jumps:
            threshold = self.deadline - jump
            if age > threshold:
                floor = max(floor, math.nextafter(threshold, math.inf))
            elif age + horizon.talk > threshold:
                return s  # this age may cross the deadline: keep it exact
        return s if floor == age else (floor, planned, persistent, handled, anyinc)

    # the only categories ``decide`` reads (``self.misplaced`` is a part of them)
    _READS = (
        frozenset({"ordegesprek", "ordegesprek-plannen", "staking", "ordegesprek-uitstellen"})
        | MISUSE
        | LETTING_GO
    )

    def leaves(self, fase: Fase, category: str | None) -> bool:
        if category is None:
            return not (fase.facts.persistent or fase.facts.incident or fase.facts.no_show)
        return category not in self._READS

    def visit(self, s: State, fase: Fase) -> State:
        if s == V or not (fase.facts.persistent or fase.facts.incident or fase.facts.no_show):
            return s
        age, planned, persistent, handled, anyinc = tuple5(s)
        persistent = persistent or fase.facts.persistent
        if fase.facts.no_show and age is not None and planned:
            age, planned = 0.0, False
        if fase.facts.incident and (age is None or planned):
            age, planned, anyinc = 0.0, False, True
        return (age, planned, persistent, handled, anyinc)

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        if category in MISUSE or category in self.misplaced:
            return V
        age, planned, persistent, _handled, anyinc = tuple5(s)
        if age is not None and category == "ordegesprek-uitstellen":
            return V
        if (
            age is not None
            and not planned
            and self.may_hold
            and category in LETTING_GO
            and {"ordegesprek", "ordegesprek-plannen"} & self.offered(fase)
        ):
            return V
        if category == "ordegesprek-plannen" and age is not None:
            if age > self.deadline:
                return V
            return (age, True, persistent, True, anyinc)
        if category == "staking" and age is not None and persistent:
            return (None, planned, persistent, True, anyinc)
        if category == "ordegesprek":
            if age is not None and age > self.deadline and not planned:
                return V
            return (None, planned, persistent, True, anyinc)
        return s

    def status(self, s: State) -> Status:
        if s == V:
            return VIOLATED
        age, planned, _persistent, handled, anyinc = tuple5(s)
        if not anyinc and not handled:
            return NA
        if not self.may_hold and not handled:
            return NA
        if age is not None and not planned:
            return VIOLATED
        return OK


FOLD = Ordegesprek
