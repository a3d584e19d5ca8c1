from __future__ import annotations

from scoring.context import LIMITS, TOWARDS_VISITOR, Context, Decision, Visit
from scoring.fold import NA, OK, VIOLATED, Fold, State, V, tuple2
from scoring.rules.citations import AGGRESSIETRAINING, DEESCALATIE
from scoring.verdict import Rule, Status, Verdict
from simulator.language.model import Fase

ID = "stijl-past-bij-agressie"


def mismatch(level: int, aggression: str, style: str, limit_set: bool) -> str | None:
    """Why this style does not fit, or None. ``limit_set``: a limit was already set in this
    disturbance ("begrip voor de frustratie, niet voor de agressie": once the limit stands,
    acknowledging a frustrated visitor's feeling is right; instrumental aggression never gets
    a supportive answer)."""
    if aggression == "instrumenteel" and style == "steunend":
        return "steunend gereageerd op instrumentele agressie"
    if style == "steunend" and level >= 2 and not limit_set:
        return "alleen begrip getoond, terwijl de bezoeker dreigde de controle te verliezen: dan past een grens"
    if aggression == "frustratie" and style == "sturend" and level <= 1:
        return "sturend gereageerd op frustratie, terwijl de bezoeker nog niet dreigde de controle te verliezen"
    return None


def judged(d: Decision) -> bool:
    return 1 <= d.facts.level <= 3 and d.style != "neutraal" and d.category in TOWARDS_VISITOR


def limit_after(limit: int | None, level: int, disturbed: bool) -> int | None:
    """The level at which a limit stands, after entering a fase: a calm fase ends the
    disturbance, and escalating past the limit asks for a new one."""
    if limit is None or not disturbed or level > limit:
        return None
    return limit


def limit_set_by(category: str, level: int) -> int:
    """The level up to which a limit stands: the level it was set at; handing the order to
    security holds whatever the level, until the disturbance ends."""
    return HANDED_OVER if category == "overdracht" else level


HANDED_OVER = 4  # above every level the style is judged at (1 to 3)


def check(ctx: Context) -> Verdict:
    limit: int | None = None  # the level at which a limit was set in this disturbance
    relevant: list[Decision] = []
    for item in ctx.timeline:
        if isinstance(item, Visit):
            limit = limit_after(limit, item.facts.level, item.facts.disturbed)
            continue
        d = item
        if judged(d):
            relevant.append(d)
            why = mismatch(d.facts.level, d.facts.aggression, d.style, limit is not None)
            if why is not None:
                return ctx.violated(ID, d, f"{d.describe()}: {why} ({d.where()}).", _expected(d))
        if d.category in LIMITS:
            limit = limit_set_by(d.category, d.facts.level)
    if not relevant:
        return ctx.na(ID, "er was geen agressie om de stijl op af te stemmen")
    return ctx.ok(ID, "uw stijl paste bij het soort agressie", relevant[-1])


def _expected(d: Decision) -> str:
    if d.facts.aggression == "instrumenteel":
        return (
            "Bij instrumentele agressie: sturend. Benoem het gedrag, stel een grens, noem de "
            "consequentie en geef nooit toe."
        )
    if d.facts.level >= 2:
        return (
            "Vanaf dreigend controleverlies (niveau 2): stel een grens en noem de consequentie, "
            "wat het soort agressie ook is. Staat de grens, dan mag u het gevoel erkennen."
        )
    return (
        "Bij frustratie: steunend. Luister, vat samen en erken het gevoel; begrip voor de "
        "frustratie, niet voor de agressie."
    )


RULE = Rule(
    id=ID,
    title="De stijl past bij de agressie",
    explanation=(
        "Frustratieagressie vraagt om een steunende reactie, instrumentele agressie om een sturende. Vanaf "
        "dreigend controleverlies is een grens stellen altijd goed; staat de grens eenmaal, dan mag u bij "
        "frustratie het gevoel erkennen."
    ),
    severity="licht",
    competency=DEESCALATIE,
    citation=AGGRESSIETRAINING,
    violated_when="op niveau 1 tot 3 kiest u, in wat u op dat moment tegen de bezoeker zegt of doet (niet de maatregelen van het protocol en niet een oproep aan een collega), een steunende interventie bij instrumentele agressie, een sturende bij frustratie op niveau 1, of vanaf niveau 2 alleen een steunende. Steun bij frustratie nadat u in dezelfde verstoring al een grens stelde of de beveiliging inschakelde, is goed, zolang het niet verder escaleert.",
    check=check,
)


# --- the rule as a fold (scoring.fold): the same verdict, one event at a time ---
class StijlPastBijAgressie(Fold):
    """State: V, or (judged at least once, the level at which a limit stands or None)."""

    id = ID

    def start(self) -> State:
        return (False, None)

    def visit(self, s: State, fase: Fase) -> State:
        if s == V:
            return s
        judged, limit = tuple2(s)
        return (judged, limit_after(limit, fase.facts.level, fase.facts.disturbed))

    def decide(self, s: State, fase: Fase, category: str, style: str, timed_out: bool) -> State:
        if s == V:
            return s
        f = fase.facts
        judged, limit = tuple2(s)
        if 1 <= f.level <= 3 and style != "neutraal" and category in TOWARDS_VISITOR:
            if mismatch(f.level, f.aggression, style, limit is not None) is not None:
                return V
            judged = True
        return (judged, limit_set_by(category, f.level) if category in LIMITS else limit)

    def status(self, s: State) -> Status:
        return VIOLATED if s == V else OK if tuple2(s)[0] else NA


FOLD = StijlPastBijAgressie
