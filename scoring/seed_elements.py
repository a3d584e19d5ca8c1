"""The protocol steps of the two seeds, and how a scenario practises each.

``regie check --dekking`` lists, per element, the scenarios that practise it: a scenario
practises an element when the trainee meets the situation (the facts of a fase) and has the
choice that the step is about (the category of an intervention on offer). Like the rules, an
element reads facts and categories, never prose. ``docs/regels.md`` lists the elements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from scoring.rules.citations import DOD, VPT, WERKWIJZER
from simulator.language.model import Catalogue, Fase, Scenario


@dataclass(frozen=True, slots=True)
class SeedElement:
    id: str
    title: str  # Dutch, as a trainer names the step
    source: str  # where the seeds say it
    practised: Callable[[Scenario, Catalogue], bool]


def _offered(fase: Fase, catalogue: Catalogue) -> frozenset[str]:
    items = (catalogue.interventions.get(c.intervention) for c in fase.choices)
    return frozenset(i.category for i in items if i is not None)


def _fasen(scenario: Scenario, catalogue: Catalogue) -> Iterator[tuple[Fase, frozenset[str]]]:
    for fase in scenario.fasen.values():
        if fase.choices:
            yield fase, _offered(fase, catalogue)


def _offers(
    *categories: str, when: Callable[[Fase], bool] = lambda f: True
) -> Callable[[Scenario, Catalogue], bool]:
    """Practised where some fase (meeting ``when``) offers one of ``categories``."""
    wanted = frozenset(categories)

    def practised(scenario: Scenario, catalogue: Catalogue) -> bool:
        return any(when(f) and wanted & cats for f, cats in _fasen(scenario, catalogue))

    return practised


def _role(
    role: str, inner: Callable[[Scenario, Catalogue], bool]
) -> Callable[[Scenario, Catalogue], bool]:
    return lambda scenario, catalogue: scenario.role == role and inner(scenario, catalogue)


def _suspended_service(scenario: Scenario, catalogue: Catalogue) -> bool:
    if scenario.prior_incident_hours is not None and any(
        {"inhoud", "hervatten"} & cats for _, cats in _fasen(scenario, catalogue)
    ):
        return True
    return any(
        f.facts.suspended and {"inhoud", "hervatten", "toegeven"} & cats
        for f, cats in _fasen(scenario, catalogue)
    )


ELEMENTS: tuple[SeedElement, ...] = (
    SeedElement(
        "orde-voor-inhoud",
        "Orde vóór inhoud: de inhoud stopt zolang de orde verstoord is",
        f"{DOD}, hoofdstuk 1 en 5",
        _offers("inhoud", "hervatten", when=lambda f: f.facts.disturbed),
    ),
    SeedElement(
        "druk",
        "Geen dienstverlening onder druk: bedreiging, chantage en omkoping",
        f"{DOD}, hoofdstuk 2; {WERKWIJZER}",
        _offers("toegeven", when=lambda f: f.facts.pressure != "geen"),
    ),
    SeedElement(
        "aanspreken-of-inschakelen",
        "Aanspreken of de beveiliging inschakelen: nietsdoen is geen optie",
        f"{DOD}, hoofdstuk 5",
        _role("klantmanager", _offers("overdracht", when=lambda f: f.facts.disturbed)),
    ),
    SeedElement(
        "beveiliger-neemt-over",
        "De beveiliger gaat over de orde op het Werkplein en laat die niet aan de medewerker",
        f"{DOD}, hoofdstuk 4.1 en 5",
        _role("beveiliger", _offers("overlaten")),
    ),
    SeedElement(
        "onderbreken",
        "De beveiliger onderbreekt of beëindigt een gesprek en geeft aanwijzingen",
        f"{DOD}, hoofdstuk 4.1",
        _role("beveiliger", _offers("ingrijpen", "wegsturen")),
    ),
    SeedElement(
        "aanwijzing-opvolgen",
        "Aanwijzingen van de beveiliger worden opgevolgd",
        f"{DOD}, hoofdstuk 4.1",
        _offers("opvolgen", when=lambda f: f.facts.instruction is not None),
    ),
    SeedElement(
        "ordegesprek-ad-hoc",
        "Het ordegesprek ad hoc",
        f"{DOD}, hoofdstuk 4.2",
        _role("beveiliger", _offers("ordegesprek")),
    ),
    SeedElement(
        "ordegesprek-24-uur",
        "De bezoeker binnen 24 uur oproepen voor een ordegesprek",
        f"{DOD}, hoofdstuk 4.2",
        _role("beveiliger", _offers("ordegesprek-plannen")),
    ),
    SeedElement(
        "ordegesprek-zuiver",
        "Het ordegesprek is niet voor relatieherstel, waarheidsvinding of een afgedwongen excuus",
        f"{DOD}, hoofdstuk 4.2",
        _offers("ordegesprek-misbruik", "excuses-eisen"),
    ),
    SeedElement(
        "garantie",
        "De bezoeker tekent voor de veiligheid en het welzijn van de medewerkers",
        f"{DOD}, hoofdstuk 4.2",
        _offers("garantie"),
    ),
    SeedElement(
        "garantie-geweigerd",
        "Weigert hij te tekenen, dan volgen sancties, bijvoorbeeld een toegangsbeperking",
        f"{DOD}, hoofdstuk 4.2",
        lambda scenario, catalogue: any(
            f.facts.guarantee == "geweigerd" for f in scenario.fasen.values()
        ),
    ),
    SeedElement(
        "opschorting",
        "De dienstverlening blijft opgeschort tot het ordegesprek naar genoegen is verlopen",
        f"{DOD}, hoofdstuk 4.2 en 4.4",
        _suspended_service,
    ),
    SeedElement(
        "toegangsbeperking",
        "Een toegangsbeperking, geen toegangsverbod en geen dienstverlening elders",
        f"{DOD}, hoofdstuk 3.3 en 4.3",
        _offers("toegangsverbod", "alternatieve-dienstverlening"),
    ),
    SeedElement(
        "staking",
        "Staking van de dienstverlening als laatste stap, na meerdere maatregelen",
        f"{DOD}, hoofdstuk 4.5",
        _offers("staking"),
    ),
    SeedElement(
        "staking-geen-sanctie",
        "Staking is geen sanctie en stopt de uitkering niet",
        f"{DOD}, hoofdstuk 4.5",
        _offers("staking-als-sanctie"),
    ),
    SeedElement(
        "aangifte",
        "Aangifte bij strafbaar gedrag, samen met de veiligheidscoördinator",
        f"{DOD}, hoofdstuk 1 en 3.5",
        lambda scenario, catalogue: (
            any(f.facts.criminal for f in scenario.fasen.values())
            and _offers("aangifte", "aangifte-zelf")(scenario, catalogue)
        ),
    ),
    SeedElement(
        "administratieve-sanctie",
        "Een maatregel op de uitkering stelt de veiligheidscoördinator voor; de beveiliger dreigt "
        "er niet mee en belooft er niets over",
        f"{DOD}, hoofdstuk 4.1 (administratieve sancties); Participatiewet sinds 2015",
        _offers("korting-aankondigen"),
    ),
    SeedElement(
        "melden",
        "Elk incident melden en registreren",
        VPT,
        _offers("melden"),
    ),
    SeedElement(
        "nazorg",
        "Nazorg na een incident, ook als de medewerker zegt dat het wel gaat",
        f"{VPT}; de organisatienorm, niet de persoonlijke tolerantie",
        _offers("nazorg"),
    ),
    SeedElement(
        "vroeg-ingrijpen",
        "Vroeg ingrijpen bij de eerste onrust",
        f"{DOD}, hoofdstuk 4.2",
        lambda scenario, catalogue: any(
            (f.facts.level == 1 or f.facts.unrest) and f.choices for f in scenario.fasen.values()
        ),
    ),
    SeedElement(
        "eigen-veiligheid",
        "Eigen veiligheid eerst: afstand, alarm, geen fysiek contact",
        "Praktijk",
        lambda scenario, catalogue: any(f.facts.danger for f in scenario.fasen.values()),
    ),
)


def practised_by(scenario: Scenario, catalogue: Catalogue) -> tuple[str, ...]:
    return tuple(e.id for e in ELEMENTS if e.practised(scenario, catalogue))
