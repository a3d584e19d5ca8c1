"""The sixteen scoring rules, each judged on small hand-written attempts.

Every test builds a scenario with only the facts its rule reads (see docs/scenariotaal.md),
writes the attempt as a trace with explicit times (seconds since the start; UUR = 3600),
scores it against the bundled profile divosa-2015, and checks the verdict: its status, the
step and time it points at, and the Dutch evidence the trainee reads.

The builders are in tests/rulekit.py: ``fase(naam, *keuzes, **feiten)``, ``scenario(rol,
*fasen)``, and the trace events ``enter``, ``event``, ``choose``, ``timeout``, ``clock`` and
``end``. ``judge`` checks that the trace fits the scenario before it scores.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from rulekit import (
    UUR,
    catalogue,
    choose,
    clock,
    divosa,
    end,
    enter,
    event,
    expect,
    fase,
    judge,
    keuze,
    scenario,
    timeout,
)

import scoring
from scoring import Status
from scoring.registry import RULES
from simulator.language.library import bundled_dir, load

OK, VIOLATED, NA = "ok", "violated", "n/a"


# =============================================================================================
# orde-voor-inhoud: continuing the case while order is disturbed
# =============================================================================================
def km_schreeuwt():
    """Klantmanager at the counter; the visitor raises his voice (order disturbed)."""
    return scenario(
        "klantmanager",
        fase(
            "schreeuwt",
            keuze(
                "inhoud-doorgaan",
                "Zoals ik al zei: de aanvraag is afgewezen omdat u te veel spaargeld heeft.",
            ),
            keuze(
                "gedrag-benoemen",
                "Meneer, zo praten we hier niet met elkaar. Ik stop nu met uw aanvraag.",
                model=True,
            ),
            keuze("dienstverlening-hervatten", "Goed, ik maak toch een nieuwe afspraak voor u."),
            niveau=1,
            orde_verstoord=True,
        ),
        agressietype="instrumenteel",
    )


def test_orde_voor_inhoud_ok_when_the_behaviour_is_addressed_first():
    r = judge(
        km_schreeuwt(),
        [enter(0, "schreeuwt"), choose(8, 1, "schreeuwt", "gedrag-benoemen"), end(8)],
    )
    expect(
        r,
        "orde-voor-inhoud",
        OK,
        step=1,
        time=8,
        evidence="U ging niet door met de inhoud zolang de orde dat niet toeliet.",
    )


def test_orde_voor_inhoud_violated_when_the_case_goes_on():
    r = judge(
        km_schreeuwt(),
        [enter(0, "schreeuwt"), choose(12, 1, "schreeuwt", "inhoud-doorgaan"), end(12)],
    )
    v = expect(
        r,
        "orde-voor-inhoud",
        VIOLATED,
        step=1,
        time=12,
        evidence="U koos 'Doorgaan met het gesprek over de inhoud' (“Zoals ik al zei",
    )
    assert v.evidence.endswith("terwijl de orde verstoord was (stap 1, 0:12).")
    assert "Het modelantwoord was 'Het gedrag benoemen en de bezoeker aanspreken'" in (
        v.expected or ""
    )


def test_orde_voor_inhoud_violated_when_service_is_resumed_during_the_disturbance():
    r = judge(
        km_schreeuwt(),
        [enter(0, "schreeuwt"), choose(5, 1, "schreeuwt", "dienstverlening-hervatten"), end(5)],
    )
    expect(
        r,
        "orde-voor-inhoud",
        VIOLATED,
        step=1,
        time=5,
        evidence="'De dienstverlening laten hervatten'",
    )


def test_orde_voor_inhoud_reads_the_fase_content_in_a_calm_fase_is_fine():
    """The case in a calm fase is fine; the same in the next, disturbed fase is not."""
    sc = scenario(
        "klantmanager",
        fase("rustig", "besluit-uitleggen", niveau=0),
        fase("boos", "besluit-uitleggen", "gedrag-benoemen", niveau=1, orde_verstoord=True),
    )
    r = judge(
        sc,
        [
            enter(0, "rustig"),
            choose(20, 1, "rustig", "besluit-uitleggen"),
            enter(20, "boos"),
            choose(31, 2, "boos", "besluit-uitleggen"),
            end(31),
        ],
    )
    expect(r, "orde-voor-inhoud", VIOLATED, step=2, time=31, evidence="(stap 2, 0:31)")


def test_orde_voor_inhoud_na_when_order_was_never_disturbed():
    sc = scenario("klantmanager", fase("rustig", "inhoud-doorgaan", niveau=0))
    r = judge(sc, [enter(0, "rustig"), choose(10, 1, "rustig", "inhoud-doorgaan"), end(10)])
    expect(
        r,
        "orde-voor-inhoud",
        NA,
        step=None,
        time=None,
        evidence="De orde was nergens verstoord.",
    )


# =============================================================================================
# geen-dienstverlening-onder-druk: giving in to threat, blackmail or bribery (kritiek)
# =============================================================================================
def km_druk(druk: str):
    return scenario(
        "klantmanager",
        fase(
            "druk",
            keuze(
                "grens-stellen", "Zo werkt het hier niet. Als u zo doorgaat, stop ik het gesprek."
            ),
            keuze("eis-inwilligen", "Goed, ik zet de betaling vandaag nog door."),
            keuze("gift-aannemen", "Nou, dank u wel, dat is aardig van u."),
            keuze("toezegging-doen", "Ik ga kijken wat ik voor u kan doen, dat beloof ik."),
            niveau=2,
            druk=druk,
        ),
        fase("later", "toezegging-doen", "afronden", niveau=0),
        agressietype="instrumenteel",
    )


def test_geen_dienstverlening_onder_druk_ok_when_a_limit_is_set():
    r = judge(
        km_druk("dreiging"), [enter(0, "druk"), choose(7, 1, "druk", "grens-stellen"), end(7)]
    )
    expect(
        r,
        "geen-dienstverlening-onder-druk",
        OK,
        step=1,
        time=7,
        evidence="U gaf niet toe aan de bedreiging.",
    )


@pytest.mark.parametrize(
    ("druk", "keuze_id", "evidence"),
    [
        (
            "dreiging",
            "eis-inwilligen",
            "'Ingaan op de eis van de bezoeker' (“Goed, ik zet de betaling vandaag nog door.”) na bedreiging",
        ),
        (
            "chantage",
            "toezegging-doen",
            "(“Ik ga kijken wat ik voor u kan doen, dat beloof ik.”) na chantage",
        ),
        (
            "omkoping",
            "gift-aannemen",
            "'Het aanbod (geld, een cadeau, een gunst) aannemen' (“Nou, dank u wel, dat is aardig van u.”) na omkoping",
        ),
    ],
)
def test_geen_dienstverlening_onder_druk_violated_when_giving_in(druk, keuze_id, evidence):
    r = judge(km_druk(druk), [enter(0, "druk"), choose(9, 1, "druk", keuze_id), end(9)])
    v = expect(r, "geen-dienstverlening-onder-druk", VIOLATED, step=1, time=9, evidence=evidence)
    assert v.evidence.endswith("(stap 1, 0:09).")
    assert not r.passed, "kritiek: wie toegeeft onder druk, slaagt nooit"


def test_geen_dienstverlening_onder_druk_violated_by_a_promise_after_the_pressure():
    """The pressure was in step 1; the promise to quiet him down in step 2 still counts."""
    r = judge(
        km_druk("dreiging"),
        [
            enter(0, "druk"),
            choose(7, 1, "druk", "grens-stellen"),
            enter(7, "later"),
            choose(40, 2, "later", "toezegging-doen"),
            end(40),
        ],
    )
    expect(
        r,
        "geen-dienstverlening-onder-druk",
        VIOLATED,
        step=2,
        time=40,
        evidence="na bedreiging (stap 2, 0:40)",
    )


def test_geen_dienstverlening_onder_druk_na_without_pressure():
    """Granting a request when nobody pressed is not this rule's business."""
    sc = scenario("klantmanager", fase("vraag", "eis-inwilligen", "afronden", niveau=0))
    r = judge(sc, [enter(0, "vraag"), choose(15, 1, "vraag", "eis-inwilligen"), end(15)])
    expect(
        r,
        "geen-dienstverlening-onder-druk",
        NA,
        step=None,
        time=None,
        evidence="Er werd geen oneigenlijke druk uitgeoefend.",
    )


# =============================================================================================
# nietsdoen-geen-optie: ignoring misbehaviour, or letting the timer run out
# =============================================================================================
def km_nietsdoen():
    return scenario(
        "klantmanager",
        fase(
            "onrust",
            "gedrag-benoemen",
            "beveiliging-inschakelen",
            "negeren",
            niveau=1,
            orde_verstoord=True,
            timer=20,
        ),
        fase("chantage", "grens-stellen", "negeren", niveau=2, druk="chantage", timer=15),
        fase("rustig", "inhoud-doorgaan", niveau=0, timer=30),
        agressietype="instrumenteel",
    )


def test_nietsdoen_ok_when_the_trainee_calls_security():
    r = judge(
        km_nietsdoen(),
        [enter(0, "onrust"), choose(6, 1, "onrust", "beveiliging-inschakelen"), end(6)],
    )
    expect(
        r,
        "nietsdoen-geen-optie",
        OK,
        step=1,
        time=6,
        evidence="U reageerde steeds op het wangedrag.",
    )


def test_nietsdoen_violated_when_the_timer_runs_out_during_disturbance():
    r = judge(km_nietsdoen(), [enter(0, "onrust"), timeout(20, 1, "onrust"), end(20)])
    expect(
        r,
        "nietsdoen-geen-optie",
        VIOLATED,
        step=1,
        time=20,
        evidence="U deed niets en liet de tijd verlopen terwijl er ingegrepen moest worden (stap 1, 0:20).",
    )


def test_nietsdoen_violated_when_blackmail_is_ignored():
    r = judge(
        km_nietsdoen(),
        [
            enter(0, "onrust"),
            choose(4, 1, "onrust", "gedrag-benoemen"),
            enter(4, "chantage"),
            choose(10, 2, "chantage", "negeren"),
            end(10),
        ],
    )
    expect(
        r,
        "nietsdoen-geen-optie",
        VIOLATED,
        step=2,
        time=10,
        evidence="U koos 'Het gedrag negeren'",
    )


def test_nietsdoen_na_when_the_timer_runs_out_in_a_calm_fase():
    r = judge(km_nietsdoen(), [enter(0, "rustig"), timeout(30, 1, "rustig"), end(30)])
    expect(
        r,
        "nietsdoen-geen-optie",
        NA,
        step=None,
        time=None,
        evidence="Er was geen wangedrag om op te reageren.",
    )


# =============================================================================================
# taakverdeling: staff taking security's measures, or security leaving order to staff
# =============================================================================================
def test_taakverdeling_ok_a_klantmanager_may_always_address_a_visitor_even_in_the_waiting_room():
    sc = scenario(
        "klantmanager",
        fase(
            "wachtruimte",
            keuze(
                "gedrag-benoemen", "Meneer, wilt u wat zachter praten? Er zitten hier meer mensen."
            ),
            "beveiliging-inschakelen",
            "wegsturen",
            niveau=1,
            orde_verstoord=True,
            locatie="wachtruimte",
        ),
        agressietype="instrumenteel",
    )
    r = judge(sc, [enter(0, "wachtruimte"), choose(5, 1, "wachtruimte", "gedrag-benoemen"), end(5)])
    expect(r, "taakverdeling", OK, step=1, time=5, evidence="U bleef binnen uw eigen taak.")


def test_taakverdeling_ok_when_the_beveiliger_intervenes_himself():
    sc = scenario(
        "beveiliger",
        fase(
            "spreekkamer",
            "gesprek-onderbreken",
            "aan-medewerker-overlaten",
            niveau=1,
            orde_verstoord=True,
        ),
    )
    r = judge(
        sc, [enter(0, "spreekkamer"), choose(9, 1, "spreekkamer", "gesprek-onderbreken"), end(9)]
    )
    expect(r, "taakverdeling", OK, step=1, time=9, evidence="U bleef binnen uw eigen taak.")


@pytest.mark.parametrize(
    ("interventie", "label"),
    [
        ("wegsturen", "De bezoeker van het Werkplein sturen"),
        ("toegangsbeperking-opleggen", "Een toegangsbeperking opleggen"),
        ("ordegesprek-voeren", "Een ordegesprek voeren"),
        ("ordegesprek-oproepen", "De bezoeker oproepen voor een ordegesprek"),
    ],
)
def test_taakverdeling_violated_when_a_klantmanager_takes_a_security_measure(interventie, label):
    sc = scenario(
        "klantmanager",
        fase(
            "balie",
            "beveiliging-inschakelen",
            interventie,
            niveau=2,
            orde_verstoord=True,
            locatie="balie",
        ),
    )
    r = judge(sc, [enter(0, "balie"), choose(9, 1, "balie", interventie), end(9)])
    v = expect(
        r,
        "taakverdeling",
        VIOLATED,
        step=1,
        time=9,
        evidence=f"U koos '{label}'",
    )
    assert "die maatregel is voorbehouden aan de beveiliger (stap 1, 0:09)." in v.evidence


def test_taakverdeling_violated_when_the_beveiliger_leaves_order_to_the_medewerker():
    sc = scenario(
        "beveiliger",
        fase(
            "spreekkamer",
            "gesprek-onderbreken",
            keuze("aan-medewerker-overlaten", "Esther kan dit zelf wel, ik loop door."),
            niveau=1,
            orde_verstoord=True,
        ),
    )
    r = judge(
        sc,
        [
            enter(0, "spreekkamer"),
            choose(11, 1, "spreekkamer", "aan-medewerker-overlaten"),
            end(11),
        ],
    )
    expect(
        r,
        "taakverdeling",
        VIOLATED,
        step=1,
        time=11,
        evidence="de orde op het Werkplein liet u aan de medewerker (stap 1, 0:11)",
    )


def test_taakverdeling_na_when_order_is_fine_and_no_measure_is_on_offer():
    sc = scenario("klantmanager", fase("rustig", "inhoud-doorgaan", "afronden", niveau=0))
    r = judge(sc, [enter(0, "rustig"), choose(10, 1, "rustig", "inhoud-doorgaan"), end(10)])
    expect(
        r,
        "taakverdeling",
        NA,
        step=None,
        time=None,
        evidence="De taakverdeling kwam niet in het geding.",
    )


# =============================================================================================
# aanwijzing-opvolgen: not following the beveiliger's instruction
# =============================================================================================
AANWIJZING = "Verlaat de spreekkamer en ga naar de teamruimte."


def km_aanwijzing():
    return scenario(
        "klantmanager",
        fase(
            "beveiliger_komt",
            "aanwijzing-opvolgen",
            "ruimte-verlaten",
            keuze("gedrag-benoemen", "Laat maar, ik handel dit zelf wel af."),
            niveau=2,
            orde_verstoord=True,
            aanwijzing=AANWIJZING,
            timer=15,
        ),
        fase("rustig", "inhoud-doorgaan", niveau=0),
        agressietype="instrumenteel",
    )


@pytest.mark.parametrize("keuze_id", ["aanwijzing-opvolgen", "ruimte-verlaten"])
def test_aanwijzing_opvolgen_ok_when_followed_or_when_the_trainee_goes_to_safety(keuze_id):
    r = judge(
        km_aanwijzing(),
        [enter(0, "beveiliger_komt"), choose(4, 1, "beveiliger_komt", keuze_id), end(4)],
    )
    expect(
        r,
        "aanwijzing-opvolgen",
        OK,
        step=1,
        time=4,
        evidence="U volgde de aanwijzing van de beveiliger op.",
    )


def test_aanwijzing_opvolgen_violated_when_the_klantmanager_handles_it_herself():
    r = judge(
        km_aanwijzing(),
        [enter(0, "beveiliger_komt"), choose(6, 1, "beveiliger_komt", "gedrag-benoemen"), end(6)],
    )
    expect(
        r,
        "aanwijzing-opvolgen",
        VIOLATED,
        step=1,
        time=6,
        evidence=f"De beveiliger gaf de aanwijzing “{AANWIJZING}”; u koos 'Het gedrag benoemen",
    )


def test_aanwijzing_opvolgen_violated_when_the_timer_runs_out():
    r = judge(km_aanwijzing(), [enter(0, "beveiliger_komt"), timeout(15, 1, "beveiliger_komt")])
    expect(
        r,
        "aanwijzing-opvolgen",
        VIOLATED,
        step=1,
        time=15,
        evidence="u deed niets en liet de tijd verlopen (stap 1, 0:15)",
    )
    assert r.verdict("nietsdoen-geen-optie").status is Status.VIOLATED


def test_aanwijzing_opvolgen_na_without_an_instruction():
    r = judge(km_aanwijzing(), [enter(0, "rustig"), choose(3, 1, "rustig", "inhoud-doorgaan")])
    expect(
        r,
        "aanwijzing-opvolgen",
        NA,
        step=None,
        time=None,
        evidence="De beveiliger gaf geen aanwijzing.",
    )


# =============================================================================================
# ordegesprek: none after an incident, too late, by the wrong person, or misused
# =============================================================================================
def bev_ordegesprek():
    """Beveiliger: a threat in the spreekkamer (an incident), then the next day."""
    return scenario(
        "beveiliger",
        fase(
            "dreigement",
            "gesprek-onderbreken",
            niveau=2,
            orde_verstoord=True,
            druk="dreiging",
        ),
        fase(
            "gang",
            keuze(
                "ordegesprek-voeren", "Meneer, we gaan nu even apart zitten. Zo gaat het hier niet."
            ),
            keuze("ordegesprek-oproepen", "Morgenochtend om negen uur meldt u zich bij mij."),
            "incident-melden",
            niveau=1,
        ),
        fase("volgende_ochtend", niveau=0),
        fase(
            "ordegesprek",
            keuze(
                "ordegesprek-voeren",
                "Goedemorgen. We hebben het over gisteren en over de afspraken.",
            ),
            keuze("excuus-eisen", "Eerst biedt u Esther uw excuses aan."),
            keuze("waarheid-uitzoeken", "Vertelt u eerst eens wat er volgens u gebeurd is."),
            keuze("relatie-herstellen", "Ik haal Esther erbij, dan kunnen jullie het bijleggen."),
            keuze(
                "dienstverlening-hervatten", "Het is al even geleden. Laten we het laten rusten."
            ),
            niveau=1,
            opgeschort=True,
        ),
        agressietype="instrumenteel",
    )


def incident_then_next_day(hours: float, keuze_id: str = "ordegesprek-voeren"):
    """Incident at 0:00, security steps in; ``hours`` later the visitor comes back."""
    t = hours * UUR
    return [
        enter(0, "dreigement"),
        choose(6, 1, "dreigement", "gesprek-onderbreken"),
        clock(t, t - 6, "volgende_ochtend"),
        event(t, "volgende_ochtend"),
        enter(t, "ordegesprek"),
        choose(t + 30, 2, "ordegesprek", keuze_id),
        end(t + 30),
    ]


def test_ordegesprek_ok_ad_hoc_right_after_the_incident():
    r = judge(
        bev_ordegesprek(),
        [
            enter(0, "dreigement"),
            choose(6, 1, "dreigement", "gesprek-onderbreken"),
            enter(6, "gang"),
            choose(40, 2, "gang", "ordegesprek-voeren"),
            end(40),
        ],
    )
    expect(
        r,
        "ordegesprek",
        OK,
        step=2,
        time=40,
        evidence="Het ordegesprek werd op tijd gevoerd of gepland.",
    )


def test_ordegesprek_ok_when_the_visitor_is_called_in():
    r = judge(
        bev_ordegesprek(),
        [
            enter(0, "dreigement"),
            choose(6, 1, "dreigement", "gesprek-onderbreken"),
            enter(6, "gang"),
            choose(50, 2, "gang", "ordegesprek-oproepen"),
            end(50),
        ],
    )
    expect(r, "ordegesprek", OK, step=2, time=50, evidence="op tijd gevoerd of gepland")


def test_ordegesprek_ok_the_next_morning_within_24_hours():
    r = judge(bev_ordegesprek(), incident_then_next_day(18))
    expect(r, "ordegesprek", OK, step=2, time=18 * UUR + 30, evidence="op tijd gevoerd")


def test_ordegesprek_violated_when_held_30_hours_after_the_incident():
    r = judge(bev_ordegesprek(), incident_then_next_day(30))
    v = expect(
        r,
        "ordegesprek",
        VIOLATED,
        step=2,
        time=30 * UUR + 30,
        evidence="Het ordegesprek vond pas 30 uur na het incident plaats (stap 2, 1d 06:00:30).",
    )
    assert "Voer het ordegesprek binnen 24 uur" in (v.expected or "")


def test_ordegesprek_violated_late_counting_from_the_incident_in_the_voorgeschiedenis():
    """The incident was 20 hours before the scenario began; 5 hours in is 25 hours after it."""
    sc = scenario(
        "beveiliger",
        fase("wachten", niveau=0, opgeschort=True),
        fase("ordegesprek", "ordegesprek-voeren", niveau=1, opgeschort=True),
        incident_uren_geleden=20,
    )
    r = judge(
        sc,
        [
            event(0, "wachten"),
            clock(5 * UUR, 5 * UUR, "ordegesprek"),
            enter(5 * UUR, "ordegesprek"),
            choose(5 * UUR + 20, 1, "ordegesprek", "ordegesprek-voeren"),
            end(5 * UUR + 20),
        ],
    )
    expect(
        r,
        "ordegesprek",
        VIOLATED,
        step=1,
        time=5 * UUR + 20,
        evidence="pas 25 uur na het incident",
    )


def test_ordegesprek_violated_when_a_klantmanager_holds_it():
    sc = scenario(
        "klantmanager",
        fase("uitbarsting", "beveiliging-inschakelen", niveau=3, orde_verstoord=True),
        fase(
            "later",
            keuze("ordegesprek-voeren", "Meneer, ik wil het even met u hebben over net."),
            "incident-melden",
            niveau=1,
        ),
    )
    r = judge(
        sc,
        [
            enter(0, "uitbarsting"),
            choose(5, 1, "uitbarsting", "beveiliging-inschakelen"),
            enter(5, "later"),
            choose(60, 2, "later", "ordegesprek-voeren"),
            end(60),
        ],
    )
    v = expect(
        r,
        "ordegesprek",
        VIOLATED,
        step=2,
        time=60,
        evidence="als klantmanager nam u het ordegesprek zelf in handen (stap 2, 1:00)",
    )
    assert "Het ordegesprek voert de beveiliger" in (v.expected or "")
    assert r.verdict("taakverdeling").status is Status.VIOLATED


@pytest.mark.parametrize(
    ("keuze_id", "label"),
    [
        ("excuus-eisen", "Excuses eisen"),
        ("waarheid-uitzoeken", "Uitzoeken wat er precies is gebeurd"),
        ("relatie-herstellen", "De relatie met de medewerker herstellen"),
    ],
)
def test_ordegesprek_violated_when_misused_for_an_apology_the_truth_or_the_relationship(
    keuze_id, label
):
    r = judge(bev_ordegesprek(), incident_then_next_day(18, keuze_id))
    v = expect(
        r,
        "ordegesprek",
        VIOLATED,
        step=2,
        time=18 * UUR + 30,
        evidence=f"U koos '{label}'",
    )
    assert "(stap 2, 18:00:30)." in v.evidence
    assert "niet voor relatieherstel, waarheidsvinding of afgedwongen excuses" in (v.expected or "")


def test_ordegesprek_violated_when_none_follows_the_incident():
    r = judge(
        bev_ordegesprek(),
        [
            enter(0, "dreigement"),
            choose(6, 1, "dreigement", "gesprek-onderbreken"),
            enter(6, "gang"),
            choose(30, 2, "gang", "incident-melden"),
            end(31),
        ],
    )
    expect(
        r,
        "ordegesprek",
        VIOLATED,
        step=2,
        time=31,
        evidence="Na het incident voerde u geen ordegesprek en riep u de bezoeker er ook niet voor op.",
    )


def test_ordegesprek_na_without_an_incident():
    sc = scenario(
        "beveiliger",
        fase("onrust", "gesprek-onderbreken", niveau=1, orde_verstoord=True),
    )
    r = judge(sc, [enter(0, "onrust"), choose(8, 1, "onrust", "gesprek-onderbreken"), end(8)])
    expect(r, "ordegesprek", NA, step=None, time=None, evidence="Er was geen incident.")


def test_ordegesprek_na_for_a_klantmanager_it_is_the_beveiligers_task():
    sc = scenario(
        "klantmanager",
        fase("uitbarsting", "beveiliging-inschakelen", niveau=3, orde_verstoord=True),
    )
    r = judge(
        sc,
        [enter(0, "uitbarsting"), choose(5, 1, "uitbarsting", "beveiliging-inschakelen"), end(5)],
    )
    expect(
        r,
        "ordegesprek",
        NA,
        step=None,
        time=None,
        evidence="Het ordegesprek is hier de taak van de beveiliger.",
    )


def test_ordegesprek_calling_the_visitor_in_three_days_late_is_not_on_time():
    t = 72 * UUR
    r = judge(
        bev_ordegesprek(),
        [
            enter(0, "dreigement"),
            choose(6, 1, "dreigement", "gesprek-onderbreken"),
            clock(t, t - 6, "gang"),
            enter(t, "gang"),
            choose(t + 20, 2, "gang", "ordegesprek-oproepen"),
            end(t + 20),
        ],
    )
    expect(r, "ordegesprek", VIOLATED, step=2, time=t + 20, evidence="na het incident")


def test_ordegesprek_called_in_on_time_then_service_resumed_without_the_talk():
    """DOD 4.2: the visitor is "binnen 24 uur opgeroepen" (the beveiliger did that); the
    service stays suspended "totdat het ordegesprek naar genoegen heeft plaatsgevonden". A talk
    that never took place is the resumed service's fault, not a late call."""
    t = 14 * 24 * UUR
    r = judge(
        bev_ordegesprek(),
        [
            enter(0, "dreigement"),
            choose(6, 1, "dreigement", "gesprek-onderbreken"),
            enter(6, "gang"),
            choose(50, 2, "gang", "ordegesprek-oproepen"),
            clock(t, t - 50, "volgende_ochtend"),
            event(t, "volgende_ochtend"),
            enter(t, "ordegesprek"),
            choose(t + 30, 3, "ordegesprek", "dienstverlening-hervatten"),
            end(t + 30),
        ],
    )
    assert r.verdict("ordegesprek").status is Status.OK
    assert r.verdict("opschorting").status is Status.VIOLATED
    assert r.verdict("orde-voor-inhoud").status is Status.VIOLATED


# =============================================================================================
# garantie: never asked, refusal without consequence, service resumed after refusal
# =============================================================================================
def bev_garantie():
    """Beveiliger, the ordegesprek the day after an incident (18 hours ago)."""
    return scenario(
        "beveiliger",
        fase("ordegesprek", "ordegesprek-voeren", niveau=1, opgeschort=True),
        fase(
            "verklaring",
            keuze(
                "garantie-vragen",
                "U garandeert de veiligheid van onze medewerkers, en daar tekent u voor.",
                model=True,
            ),
            keuze(
                "dienstverlening-hervatten", "Excuses aanvaard. Maakt u maar een nieuwe afspraak."
            ),
            "afronden",
            niveau=1,
            opgeschort=True,
        ),
        fase("tekent", niveau=0, garantie="getekend"),
        fase("na_tekenen", "dienstverlening-hervatten", niveau=0),
        fase("weigert", niveau=1, garantie="geweigerd", opgeschort=True),
        fase(
            "na_weigering",
            keuze(
                "toegangsbeperking-opleggen", "U komt alleen nog binnen als u zich vooraf meldt."
            ),
            keuze("dienstverlening-hervatten", "Nou ja, maakt u maar een nieuwe afspraak."),
            "afronden",
            niveau=1,
            opgeschort=True,
        ),
        agressietype="instrumenteel",
        incident_uren_geleden=18,
    )


GESPREK_EN_VRAAG = [
    enter(0, "ordegesprek"),
    choose(20, 1, "ordegesprek", "ordegesprek-voeren"),
    enter(20, "verklaring"),
    choose(50, 2, "verklaring", "garantie-vragen"),
]
WEIGERT = [*GESPREK_EN_VRAAG, event(50, "weigert"), enter(50, "na_weigering")]


def test_garantie_ok_when_asked_and_signed():
    r = judge(bev_garantie(), [*GESPREK_EN_VRAAG, event(50, "tekent"), end(50)])
    expect(
        r,
        "garantie",
        OK,
        step=2,
        time=50,
        evidence="De bezoeker werd gevraagd de garantie te tekenen.",
    )


def test_garantie_ok_when_refusal_leads_to_a_toegangsbeperking():
    r = judge(
        bev_garantie(),
        [*WEIGERT, choose(70, 3, "na_weigering", "toegangsbeperking-opleggen"), end(70)],
    )
    expect(
        r,
        "garantie",
        OK,
        step=3,
        time=70,
        evidence="De weigering om te tekenen had een gevolg.",
    )


def test_garantie_violated_when_never_asked():
    r = judge(
        bev_garantie(),
        [
            enter(0, "ordegesprek"),
            choose(20, 1, "ordegesprek", "ordegesprek-voeren"),
            enter(20, "verklaring"),
            choose(35, 2, "verklaring", "afronden"),
            end(35),
        ],
    )
    expect(
        r,
        "garantie",
        VIOLATED,
        step=2,
        time=35,
        evidence="In het ordegesprek vroeg u de bezoeker niet om voor de veiligheid van de medewerkers te tekenen.",
    )


def test_garantie_violated_when_refusal_has_no_consequence():
    r = judge(bev_garantie(), [*WEIGERT, choose(70, 3, "na_weigering", "afronden"), end(71)])
    expect(
        r,
        "garantie",
        VIOLATED,
        step=3,
        time=71,
        evidence="De bezoeker weigerde te tekenen, en dat had geen gevolg.",
    )


def test_garantie_violated_when_service_resumes_after_refusal():
    r = judge(
        bev_garantie(),
        [*WEIGERT, choose(64, 3, "na_weigering", "dienstverlening-hervatten"), end(64)],
    )
    v = expect(
        r,
        "garantie",
        VIOLATED,
        step=3,
        time=64,
        evidence="De bezoeker weigerde de garantie te tekenen; daarna",
    )
    assert "'De dienstverlening laten hervatten'" in v.evidence
    assert v.evidence.endswith("(stap 3, 1:04).")


def test_garantie_na_without_an_ordegesprek():
    sc = scenario(
        "beveiliger", fase("onrust", "gesprek-onderbreken", niveau=1, orde_verstoord=True)
    )
    r = judge(sc, [enter(0, "onrust"), choose(8, 1, "onrust", "gesprek-onderbreken"), end(8)])
    expect(r, "garantie", NA, step=None, time=None, evidence="Er was geen ordegesprek.")


# =============================================================================================
# opschorting: resuming service before the ordegesprek was satisfactory
# =============================================================================================
def bev_incident_naar_buiten():
    return scenario(
        "beveiliger",
        fase("dreigement", "gesprek-onderbreken", niveau=2, orde_verstoord=True, druk="dreiging"),
        fase(
            "naar_buiten",
            keuze(
                "dienstverlening-opschorten", "Tot na het ordegesprek wordt u hier niet geholpen."
            ),
            keuze(
                "dienstverlening-hervatten", "Gaat u maar weer naar binnen, Esther helpt u verder."
            ),
            niveau=1,
        ),
        agressietype="instrumenteel",
    )


def test_opschorting_ok_when_service_is_suspended_after_the_incident():
    r = judge(
        bev_incident_naar_buiten(),
        [
            enter(0, "dreigement"),
            choose(6, 1, "dreigement", "gesprek-onderbreken"),
            enter(6, "naar_buiten"),
            choose(30, 2, "naar_buiten", "dienstverlening-opschorten"),
            end(30),
        ],
    )
    expect(
        r,
        "opschorting",
        OK,
        step=2,
        time=30,
        evidence="U hervatte de dienstverlening niet voordat de garantie getekend was.",
    )


def test_opschorting_ok_when_service_resumes_after_the_signed_guarantee():
    r = judge(
        bev_garantie(),
        [
            *GESPREK_EN_VRAAG,
            event(50, "tekent"),
            enter(50, "na_tekenen"),
            choose(60, 3, "na_tekenen", "dienstverlening-hervatten"),
            end(60),
        ],
    )
    # The verdict points at the last decision while service was suspended: the request to sign.
    expect(r, "opschorting", OK, step=2, time=50, evidence="voordat de garantie getekend was")


def test_opschorting_violated_when_service_resumes_right_after_the_incident():
    r = judge(
        bev_incident_naar_buiten(),
        [
            enter(0, "dreigement"),
            choose(6, 1, "dreigement", "gesprek-onderbreken"),
            enter(6, "naar_buiten"),
            choose(25, 2, "naar_buiten", "dienstverlening-hervatten"),
            end(25),
        ],
    )
    v = expect(
        r,
        "opschorting",
        VIOLATED,
        step=2,
        time=25,
        evidence="terwijl de dienstverlening opgeschort was",
    )
    assert "nog geen ordegesprek met een getekende garantie (stap 2, 0:25)" in v.evidence


def test_opschorting_violated_when_an_apology_replaces_the_guarantee():
    r = judge(
        bev_garantie(),
        [
            enter(0, "ordegesprek"),
            choose(20, 1, "ordegesprek", "ordegesprek-voeren"),
            enter(20, "verklaring"),
            choose(45, 2, "verklaring", "dienstverlening-hervatten"),
            end(45),
        ],
    )
    expect(
        r, "opschorting", VIOLATED, step=2, time=45, evidence="'De dienstverlening laten hervatten'"
    )


@pytest.mark.parametrize(
    ("voorgeschiedenis", "opgeschort"),
    [({"incident_uren_geleden": 20}, False), ({}, True)],
    ids=["incident-in-de-voorgeschiedenis", "fase-opgeschort"],
)
def test_opschorting_violated_when_a_klantmanager_resumes_a_suspended_case(
    voorgeschiedenis, opgeschort
):
    sc = scenario(
        "klantmanager",
        fase(
            "terug_aan_de_balie",
            keuze("inhoud-hervatten", "Goed, waar waren we gebleven met uw aanvraag?"),
            "beveiliging-inschakelen",
            niveau=0,
            opgeschort=opgeschort,
        ),
        **voorgeschiedenis,
    )
    r = judge(
        sc,
        [
            enter(0, "terug_aan_de_balie"),
            choose(14, 1, "terug_aan_de_balie", "inhoud-hervatten"),
            end(14),
        ],
    )
    expect(
        r,
        "opschorting",
        VIOLATED,
        step=1,
        time=14,
        evidence="“Goed, waar waren we gebleven met uw aanvraag?”) terwijl de dienstverlening opgeschort was",
    )


def test_opschorting_na_without_incident_or_suspension():
    sc = scenario("klantmanager", fase("rustig", "inhoud-doorgaan", niveau=1))
    r = judge(sc, [enter(0, "rustig"), choose(10, 1, "rustig", "inhoud-doorgaan"), end(10)])
    expect(
        r,
        "opschorting",
        NA,
        step=None,
        time=None,
        evidence="De dienstverlening hoefde niet opgeschort te worden.",
    )


# =============================================================================================
# toegangsbeperking: not a toegangsverbod, not service elsewhere
# =============================================================================================
def bev_toegang():
    return scenario(
        "beveiliger",
        fase(
            "na_weigering",
            keuze(
                "toegangsbeperking-opleggen", "U meldt uw komst voortaan vooraf bij de beveiliging."
            ),
            keuze("toegangsverbod-opleggen", "U komt hier de komende drie maanden niet meer in."),
            keuze("elders-helpen", "Dan helpen we u voortaan op het politiebureau."),
            "afronden",
            niveau=1,
        ),
        fase("onrust", "gesprek-onderbreken", niveau=1, orde_verstoord=True),
        agressietype="instrumenteel",
    )


def test_toegangsbeperking_ok_when_access_is_restricted():
    r = judge(
        bev_toegang(),
        [
            enter(0, "na_weigering"),
            choose(12, 1, "na_weigering", "toegangsbeperking-opleggen"),
            end(12),
        ],
    )
    expect(
        r,
        "toegangsbeperking",
        OK,
        step=1,
        time=12,
        evidence="U koos voor een toegangsbeperking, niet voor een verbod of dienstverlening elders.",
    )


@pytest.mark.parametrize(
    ("keuze_id", "evidence"),
    [
        (
            "toegangsverbod-opleggen",
            "U koos 'Een toegangsverbod opleggen' (“U komt hier de komende drie maanden niet meer in.”)",
        ),
        ("elders-helpen", "(“Dan helpen we u voortaan op het politiebureau.”) (stap 1, 0:12)."),
    ],
    ids=["toegangsverbod", "politiebureau"],
)
def test_toegangsbeperking_violated_by_a_ban_or_service_elsewhere(keuze_id, evidence):
    r = judge(
        bev_toegang(), [enter(0, "na_weigering"), choose(12, 1, "na_weigering", keuze_id), end(12)]
    )
    v = expect(r, "toegangsbeperking", VIOLATED, step=1, time=12, evidence=evidence)
    assert "legitimeert het gedrag" in (v.expected or "")


def test_toegangsbeperking_na_when_no_access_measure_was_at_stake():
    r = judge(
        bev_toegang(), [enter(0, "onrust"), choose(8, 1, "onrust", "gesprek-onderbreken"), end(8)]
    )
    expect(
        r,
        "toegangsbeperking",
        NA,
        step=None,
        time=None,
        evidence="Er werd geen toegangsmaatregel opgelegd.",
    )


# =============================================================================================
# staking-laatste-stap: staking too early, or missing after persistent misbehaviour
# =============================================================================================
def bev_staking(eerdere_maatregelen: int):
    return scenario(
        "beveiliger",
        fase("ordegesprek", "ordegesprek-voeren", niveau=1),
        fase(
            "weer_dreigen",
            keuze("dienstverlening-staken", "Ik stel voor de dienstverlening aan u te staken."),
            "afronden",
            niveau=2,
            orde_verstoord=True,
            volhardend=True,
        ),
        fase(
            "eerste_keer",
            keuze("dienstverlening-staken", "Ik vertrouw het niet, ik stel staking voor."),
            "toegangsbeperking-opleggen",
            niveau=1,
        ),
        fase("onrust", "gesprek-onderbreken", niveau=1, orde_verstoord=True),
        agressietype="instrumenteel",
        eerdere_maatregelen=eerdere_maatregelen,
    )


def test_staking_ok_after_two_earlier_measures_and_persistent_misbehaviour():
    r = judge(
        bev_staking(2),
        [
            enter(0, "weer_dreigen"),
            choose(25, 1, "weer_dreigen", "dienstverlening-staken"),
            end(25),
        ],
    )
    expect(
        r,
        "staking-laatste-stap",
        OK,
        step=1,
        time=25,
        evidence="Staking kwam als laatste stap, na 2 eerdere maatregelen.",
    )


def test_staking_ok_counts_the_ordegesprek_held_in_this_attempt():
    r = judge(
        bev_staking(1),
        [
            enter(0, "ordegesprek"),
            choose(30, 1, "ordegesprek", "ordegesprek-voeren"),
            enter(30, "weer_dreigen"),
            choose(55, 2, "weer_dreigen", "dienstverlening-staken"),
            end(55),
        ],
    )
    expect(r, "staking-laatste-stap", OK, step=2, time=55, evidence="na 2 eerdere maatregelen")


def test_staking_violated_when_proposed_too_early():
    r = judge(
        bev_staking(0),
        [enter(0, "eerste_keer"), choose(12, 1, "eerste_keer", "dienstverlening-staken"), end(12)],
    )
    v = expect(
        r,
        "staking-laatste-stap",
        VIOLATED,
        step=1,
        time=12,
        evidence="(“Ik vertrouw het niet, ik stel staking voor.”) zonder eerdere maatregelen (stap 1, 0:12).",
    )
    assert "hier minstens 2" in (v.expected or "")


def test_staking_violated_when_missing_after_persistent_misbehaviour():
    r = judge(
        bev_staking(2),
        [enter(0, "weer_dreigen"), choose(25, 1, "weer_dreigen", "afronden"), end(26)],
    )
    expect(
        r,
        "staking-laatste-stap",
        VIOLATED,
        step=1,
        time=26,
        evidence="De bezoeker bleef zich misdragen na 2 maatregelen, maar u stelde geen staking voor.",
    )


def test_staking_na_when_it_was_not_at_stake():
    r = judge(
        bev_staking(0), [enter(0, "onrust"), choose(8, 1, "onrust", "gesprek-onderbreken"), end(8)]
    )
    expect(
        r,
        "staking-laatste-stap",
        NA,
        step=None,
        time=None,
        evidence="Staking van de dienstverlening kwam niet aan de orde.",
    )


def test_staking_is_not_a_klantmanagers_omission():
    sc = scenario(
        "klantmanager",
        fase(
            "weer_dreigen",
            "beveiliging-inschakelen",
            "gedrag-benoemen",
            niveau=2,
            orde_verstoord=True,
            volhardend=True,
        ),
        agressietype="instrumenteel",
        eerdere_maatregelen=2,
    )
    r = judge(
        sc,
        [enter(0, "weer_dreigen"), choose(5, 1, "weer_dreigen", "beveiliging-inschakelen"), end(5)],
    )
    assert r.verdict("staking-laatste-stap").status is not Status.VIOLATED


# =============================================================================================
# aangifte: none for criminal behaviour, alone, or for non-criminal behaviour
# =============================================================================================
def bev_aangifte(strafbaar: bool):
    return scenario(
        "beveiliger",
        fase(
            "dreigement",
            "gesprek-onderbreken",
            niveau=2,
            orde_verstoord=True,
            strafbaar=strafbaar,
        ),
        fase(
            "nasleep",
            keuze(
                "aangifte-met-vc",
                "U belt de veiligheidscoördinator: samen met Esther doet hij aangifte.",
            ),
            keuze(
                "aangifte-alleen", "U gaat zelf even langs het politiebureau om aangifte te doen."
            ),
            "afronden",
            niveau=0,
        ),
        agressietype="instrumenteel",
    )


def aangifte_trace(keuze_id: str, t: float = 40):
    return [
        enter(0, "dreigement"),
        choose(6, 1, "dreigement", "gesprek-onderbreken"),
        enter(6, "nasleep"),
        choose(t, 2, "nasleep", keuze_id),
        end(t),
    ]


def test_aangifte_ok_with_the_veiligheidscoordinator_for_criminal_behaviour():
    r = judge(bev_aangifte(strafbaar=True), aangifte_trace("aangifte-met-vc"))
    expect(
        r,
        "aangifte",
        OK,
        step=2,
        time=40,
        evidence="U deed aangifte van bedreiging samen met de veiligheidscoördinator.",
    )


def test_aangifte_violated_when_none_for_criminal_behaviour():
    r = judge(bev_aangifte(strafbaar=True), aangifte_trace("afronden"))
    expect(
        r,
        "aangifte",
        VIOLATED,
        step=2,
        time=40,
        # moving on while the aangifte was on offer is the act that broke the rule
        evidence="zonder aangifte van bedreiging (stap 2, 0:40)",
    )


def test_aangifte_violated_when_filed_without_the_veiligheidscoordinator():
    r = judge(bev_aangifte(strafbaar=True), aangifte_trace("aangifte-alleen", 52))
    v = expect(
        r,
        "aangifte",
        VIOLATED,
        step=2,
        time=52,
        evidence="U koos 'Zelf aangifte doen, zonder de veiligheidscoördinator' (“U gaat zelf",
    )
    assert "samen met de veiligheidscoördinator" in (v.expected or "")


def test_aangifte_violated_for_behaviour_that_was_not_criminal():
    r = judge(bev_aangifte(strafbaar=False), aangifte_trace("aangifte-met-vc"))
    expect(
        r,
        "aangifte",
        VIOLATED,
        step=2,
        time=40,
        evidence="maar het gedrag was niet strafbaar (stap 2, 0:40).",
    )


def test_aangifte_na_without_criminal_behaviour():
    r = judge(bev_aangifte(strafbaar=False), aangifte_trace("afronden"))
    expect(r, "aangifte", NA, step=None, time=None, evidence="Er was geen strafbaar gedrag.")


# =============================================================================================
# melden-registreren and nazorg: after an incident, by the end of the attempt
# =============================================================================================
def km_incident(niveau: int = 3):
    """Klantmanager: the visitor loses control (niveau 3 is an incident), then the aftermath."""
    return scenario(
        "klantmanager",
        fase("uitbarsting", "beveiliging-inschakelen", niveau=niveau, orde_verstoord=True),
        fase(
            "nasleep",
            "incident-melden",
            keuze(
                "nazorg-aannemen", "U gaat in op het aanbod om even met de teamleider te praten."
            ),
            keuze("afronden", "Het viel wel mee. U roept de volgende klant op."),
            niveau=0,
        ),
    )


def km_incident_trace(keuze_id: str, t: float = 30):
    return [
        enter(0, "uitbarsting"),
        choose(5, 1, "uitbarsting", "beveiliging-inschakelen"),
        enter(5, "nasleep"),
        choose(t, 2, "nasleep", keuze_id),
        end(t),
    ]


def test_melden_registreren_ok_when_the_incident_is_reported():
    r = judge(km_incident(), km_incident_trace("incident-melden"))
    expect(
        r,
        "melden-registreren",
        OK,
        step=2,
        time=30,
        evidence="U meldde en registreerde het incident.",
    )


def test_melden_registreren_violated_when_not_reported():
    r = judge(km_incident(), km_incident_trace("afronden"))
    v = expect(
        r,
        "melden-registreren",
        VIOLATED,
        step=2,
        time=30,
        evidence="Het incident werd niet gemeld en geregistreerd.",
    )
    assert "Meld en registreer elk incident" in (v.expected or "")


def test_melden_registreren_na_without_an_incident():
    r = judge(km_incident(niveau=1), km_incident_trace("afronden"))
    expect(r, "melden-registreren", NA, step=None, time=None, evidence="Er was geen incident.")


def test_nazorg_ok_when_the_klantmanager_accepts_aftercare():
    r = judge(km_incident(), km_incident_trace("nazorg-aannemen", 45))
    expect(r, "nazorg", OK, step=2, time=45, evidence="Er was nazorg na het incident.")


def test_nazorg_ok_when_the_beveiliger_offers_it():
    sc = scenario(
        "beveiliger",
        fase("uitbarsting", "alarm-slaan", niveau=3, orde_verstoord=True),
        fase("teamruimte", "nazorg-bieden", "afronden", niveau=0),
    )
    r = judge(
        sc,
        [
            enter(0, "uitbarsting"),
            choose(3, 1, "uitbarsting", "alarm-slaan"),
            enter(3, "teamruimte"),
            choose(90, 2, "teamruimte", "nazorg-bieden"),
            end(90),
        ],
    )
    expect(r, "nazorg", OK, step=2, time=90, evidence="Er was nazorg na het incident.")


def test_nazorg_violated_when_the_klantmanager_just_carries_on():
    r = judge(km_incident(), km_incident_trace("afronden", 33))
    v = expect(
        r,
        "nazorg",
        VIOLATED,
        step=2,
        time=33,
        evidence="Na het incident was er geen nazorg voor de medewerker.",
    )
    assert "De norm is die van de organisatie" in (v.expected or "")


def test_nazorg_na_without_an_incident():
    r = judge(km_incident(niveau=1), km_incident_trace("afronden"))
    expect(r, "nazorg", NA, step=None, time=None, evidence="Er was geen incident.")


# =============================================================================================
# stijl-past-bij-agressie: supportive for frustration, directive for instrumental aggression
# =============================================================================================
def stijl(agressietype: str, niveau: int, fase_type: str | None = None):
    return scenario(
        "klantmanager",
        fase(
            "boos",
            keuze("gevoel-erkennen", "Ik zie dat u hier erg van schrikt."),
            keuze("grens-stellen", "Als u zo doorgaat, stop ik dit gesprek."),
            keuze("inhoud-stoppen", "Ik leg uw aanvraag even opzij."),
            niveau=niveau,
            orde_verstoord=True,
            agressietype=fase_type,
        ),
        agressietype=agressietype,
    )


def stijl_trace(keuze_id: str):
    return [enter(0, "boos"), choose(7, 1, "boos", keuze_id), end(7)]


@pytest.mark.parametrize(
    ("agressietype", "niveau", "keuze_id"),
    [
        ("frustratie", 1, "gevoel-erkennen"),
        ("instrumenteel", 1, "grens-stellen"),
        ("frustratie", 2, "grens-stellen"),  # from niveau 2 a limit is right whatever the type
    ],
)
def test_stijl_ok_when_the_style_fits(agressietype, niveau, keuze_id):
    r = judge(stijl(agressietype, niveau), stijl_trace(keuze_id))
    expect(
        r,
        "stijl-past-bij-agressie",
        OK,
        step=1,
        time=7,
        evidence="Uw stijl paste bij het soort agressie.",
    )


def test_stijl_violated_directive_response_to_early_frustration():
    r = judge(stijl("frustratie", 1), stijl_trace("grens-stellen"))
    v = expect(
        r,
        "stijl-past-bij-agressie",
        VIOLATED,
        step=1,
        time=7,
        evidence="sturend gereageerd op frustratie, terwijl de bezoeker nog niet dreigde de controle te verliezen (stap 1, 0:07).",
    )
    assert "begrip voor de frustratie, niet voor de agressie" in (v.expected or "")


def test_stijl_violated_supportive_response_to_instrumental_aggression():
    r = judge(stijl("instrumenteel", 2), stijl_trace("gevoel-erkennen"))
    v = expect(
        r,
        "stijl-past-bij-agressie",
        VIOLATED,
        step=1,
        time=7,
        evidence="steunend gereageerd op instrumentele agressie",
    )
    assert "Bij instrumentele agressie: sturend" in (v.expected or "")


def test_stijl_reads_the_aggression_type_of_the_fase_over_the_visitors():
    r = judge(stijl("frustratie", 1, fase_type="instrumenteel"), stijl_trace("gevoel-erkennen"))
    expect(
        r,
        "stijl-past-bij-agressie",
        VIOLATED,
        step=1,
        time=7,
        evidence="steunend gereageerd op instrumentele agressie",
    )


@pytest.mark.parametrize(
    ("niveau", "keuze_id"),
    [(1, "inhoud-stoppen"), (0, "grens-stellen")],
    ids=["neutrale-keuze", "niveau-0"],
)
def test_stijl_na_with_a_neutral_choice_or_without_aggression(niveau, keuze_id):
    r = judge(stijl("frustratie", niveau), stijl_trace(keuze_id))
    expect(
        r,
        "stijl-past-bij-agressie",
        NA,
        step=None,
        time=None,
        evidence="Er was geen agressie om de stijl op af te stemmen.",
    )


def test_stijl_aftercare_for_a_colleague_in_the_ontspanning_fase_is_no_style_mismatch():
    sc = scenario(
        "beveiliger",
        fase(
            "ontspanning",
            keuze("nazorg-bieden", "U loopt met Esther naar de teamruimte: 'Hoe gaat het met je?'"),
            "afronden",
            niveau=4,
        ),
        agressietype="instrumenteel",
    )
    r = judge(sc, [enter(0, "ontspanning"), choose(20, 1, "ontspanning", "nazorg-bieden"), end(20)])
    assert r.verdict("stijl-past-bij-agressie").status is not Status.VIOLATED


# =============================================================================================
# vroeg-ingrijpen: the first intervention only at a high escalation level
# =============================================================================================
def km_escalatie():
    return scenario(
        "klantmanager",
        fase("onrust", "inhoud-doorgaan", "gedrag-benoemen", niveau=1, orde_verstoord=True),
        fase("controleverlies", "beveiliging-inschakelen", niveau=3, orde_verstoord=True),
        agressietype="instrumenteel",
    )


def test_vroeg_ingrijpen_ok_at_the_first_unrest():
    r = judge(
        km_escalatie(), [enter(0, "onrust"), choose(10, 1, "onrust", "gedrag-benoemen"), end(10)]
    )
    expect(r, "vroeg-ingrijpen", OK, step=1, time=10, evidence="U greep meteen in, bij niveau 1.")


def test_vroeg_ingrijpen_violated_when_the_first_intervention_comes_at_loss_of_control():
    r = judge(
        km_escalatie(),
        [
            enter(0, "onrust"),
            choose(10, 1, "onrust", "inhoud-doorgaan"),
            enter(10, "controleverlies"),
            choose(25, 2, "controleverlies", "beveiliging-inschakelen"),
            end(25),
        ],
    )
    expect(
        r,
        "vroeg-ingrijpen",
        VIOLATED,
        step=1,
        time=10,
        evidence="Bij de eerste onrust (niveau 1) koos u 'Doorgaan met het gesprek over de inhoud' (\u201cDoorgaan met het gesprek over de inhoud\u201d) (stap 1, 0:10); u greep pas in bij niveau 3 (stap 2, 0:25).",
    )


def test_vroeg_ingrijpen_violated_when_never_intervening():
    r = judge(
        km_escalatie(), [enter(0, "onrust"), choose(10, 1, "onrust", "inhoud-doorgaan"), end(10)]
    )
    expect(
        r,
        "vroeg-ingrijpen",
        VIOLATED,
        step=1,
        time=10,
        evidence="Bij de eerste onrust (niveau 1) koos u 'Doorgaan met het gesprek over de inhoud' (\u201cDoorgaan met het gesprek over de inhoud\u201d) (stap 1, 0:10).",
    )


def test_vroeg_ingrijpen_na_when_trouble_starts_at_loss_of_control():
    r = judge(
        km_escalatie(),
        [
            enter(0, "controleverlies"),
            choose(4, 1, "controleverlies", "beveiliging-inschakelen"),
            end(4),
        ],
    )
    expect(
        r,
        "vroeg-ingrijpen",
        NA,
        step=None,
        time=None,
        evidence="De onrust begon pas bij controleverlies: er was geen moment om vroeg in te grijpen.",
    )


# =============================================================================================
# eigen-veiligheid: physical contact, or staying in reach of imminent violence
# =============================================================================================
def bev_gevaar():
    return scenario(
        "beveiliger",
        fase(
            "dreigt_te_slaan",
            keuze("afstand-nemen", "U stapt achteruit, buiten zijn bereik."),
            keuze("alarm-slaan", "U drukt op de alarmknop."),
            keuze("grens-stellen", "U blijft voor hem staan: 'Stop. Nu.'"),
            keuze("fysiek-ingrijpen", "U pakt hem bij zijn arm."),
            niveau=3,
            orde_verstoord=True,
            gevaar=True,
            timer=10,
        ),
        fase(
            "duwt",
            keuze("fysiek-ingrijpen", "U duwt hem terug op zijn stoel."),
            "gesprek-onderbreken",
            niveau=2,
            orde_verstoord=True,
        ),
        agressietype="instrumenteel",
    )


@pytest.mark.parametrize("keuze_id", ["alarm-slaan", "afstand-nemen"])
def test_eigen_veiligheid_ok_when_the_trainee_gets_to_safety(keuze_id):
    r = judge(
        bev_gevaar(),
        [enter(0, "dreigt_te_slaan"), choose(3, 1, "dreigt_te_slaan", keuze_id), end(3)],
    )
    expect(
        r,
        "eigen-veiligheid",
        OK,
        step=1,
        time=3,
        evidence="U bracht uzelf in veiligheid toen geweld dreigde.",
    )


@pytest.mark.parametrize("where", ["dreigt_te_slaan", "duwt"], ids=["bij-gevaar", "zonder-gevaar"])
def test_eigen_veiligheid_violated_by_physical_contact(where):
    r = judge(bev_gevaar(), [enter(0, where), choose(4, 1, where, "fysiek-ingrijpen"), end(4)])
    v = expect(
        r,
        "eigen-veiligheid",
        VIOLATED,
        step=1,
        time=4,
        evidence="U koos 'De bezoeker vastpakken of wegduwen'",
    )
    assert v.evidence.endswith("(stap 1, 0:04).")
    assert "Geen fysiek contact" in (v.expected or "")
    assert not r.passed


def test_eigen_veiligheid_violated_when_staying_in_reach():
    r = judge(
        bev_gevaar(),
        [enter(0, "dreigt_te_slaan"), choose(2, 1, "dreigt_te_slaan", "grens-stellen"), end(2)],
    )
    expect(
        r,
        "eigen-veiligheid",
        VIOLATED,
        step=1,
        time=2,
        evidence="Er dreigde fysiek geweld; u koos 'Een grens stellen en de consequentie noemen'",
    )


def test_eigen_veiligheid_violated_when_freezing_until_the_timer_runs_out():
    r = judge(
        bev_gevaar(), [enter(0, "dreigt_te_slaan"), timeout(10, 1, "dreigt_te_slaan"), end(10)]
    )
    expect(
        r,
        "eigen-veiligheid",
        VIOLATED,
        step=1,
        time=10,
        evidence="Er dreigde fysiek geweld; u deed niets en liet de tijd verlopen (stap 1, 0:10).",
    )


def test_eigen_veiligheid_na_without_danger_or_contact():
    r = judge(bev_gevaar(), [enter(0, "duwt"), choose(5, 1, "duwt", "gesprek-onderbreken"), end(5)])
    expect(
        r,
        "eigen-veiligheid",
        NA,
        step=None,
        time=None,
        evidence="Er dreigde geen fysiek geweld.",
    )


# =============================================================================================
# Every rule has tests for ok, violated and n/a (a guard for whoever adds a seventeenth rule)
# =============================================================================================
def test_every_rule_has_an_ok_a_violated_and_an_na_test():
    source = Path(__file__).read_text(encoding="utf-8")
    tested = set(re.findall(r'expect\(\s*\w+,\s*"([a-z-]+)",\s*(OK|VIOLATED|NA),', source))
    missing = [
        (r.id, s) for r in RULES for s in ("OK", "VIOLATED", "NA") if (r.id, s) not in tested
    ]
    assert not missing


# =============================================================================================
# The profile drives verdicts, without code
# =============================================================================================
@pytest.mark.parametrize(
    ("termijn_uren", "status"), [(24, VIOLATED), (48, OK)], ids=["divosa-24-uur", "gemeente-48-uur"]
)
def test_profile_deadline_of_the_ordegesprek(termijn_uren, status):
    profile = dataclasses.replace(divosa(), ordegesprek_deadline_hours=termijn_uren)
    r = judge(bev_ordegesprek(), incident_then_next_day(30), profile)
    assert r.verdict("ordegesprek").status.value == status
    assert r.verdict("ordegesprek").time == 30 * UUR + 30


def km_good_attempt(eerst: str = "gedrag-benoemen"):
    """A klantmanager handles a threat well; ``eerst`` is the first choice."""
    sc = scenario(
        "klantmanager",
        fase(
            "balie",
            keuze("gedrag-benoemen", "Meneer, zo praten we hier niet met elkaar.", model=True),
            keuze("inhoud-doorgaan", "Het staat allemaal in de brief, meneer."),
            niveau=1,
            orde_verstoord=True,
        ),
        fase(
            "dreigt",
            keuze(
                "beveiliging-inschakelen", "U drukt op de knop en roept Sandra erbij.", model=True
            ),
            niveau=2,
            orde_verstoord=True,
            druk="dreiging",
        ),
        fase(
            "sandra",
            keuze(
                "aanwijzing-opvolgen", "U pakt uw spullen en gaat naar de teamruimte.", model=True
            ),
            niveau=2,
            aanwijzing="Loop even mee naar achteren.",
        ),
        fase(
            "teamruimte",
            keuze("incident-melden", "U vult het meldformulier in.", model=True),
            niveau=0,
        ),
        fase(
            "nazorg",
            keuze("nazorg-aannemen", "U praat even met de teamleider.", model=True),
            niveau=0,
        ),
        agressietype="instrumenteel",
    )
    trace = [
        enter(0, "balie"),
        choose(6, 1, "balie", eerst),
        enter(6, "dreigt"),
        choose(11, 2, "dreigt", "beveiliging-inschakelen"),
        enter(11, "sandra"),
        choose(15, 3, "sandra", "aanwijzing-opvolgen"),
        enter(15, "teamruimte"),
        choose(120, 4, "teamruimte", "incident-melden"),
        enter(120, "nazorg"),
        choose(300, 5, "nazorg", "nazorg-aannemen"),
        end(300),
    ]
    return sc, trace


def test_profile_severity_override_changes_passed():
    """One kritiek violation fails; made 'licht' by the profile, the same attempt passes."""
    sc, trace = km_good_attempt(eerst="inhoud-doorgaan")
    strict = judge(sc, trace)
    assert strict.verdict("orde-voor-inhoud").status is Status.VIOLATED
    assert not strict.passed
    mild = dataclasses.replace(divosa(), severity_overrides={"orde-voor-inhoud": "licht"})
    lenient = judge(sc, trace, mild)
    # the same act (going on with the case at the first unrest) also breaks vroeg-ingrijpen
    assert [v.rule for v in lenient.violations] == ["orde-voor-inhoud", "vroeg-ingrijpen"]
    assert lenient.severities["orde-voor-inhoud"] == "licht"
    assert lenient.passed
    assert (strict.score, lenient.score) == (60, 95)


def test_profile_severity_override_from_yaml(tmp_path):
    """The same, with the override written as a municipality would: 'regels:' in the YAML."""
    text = (bundled_dir() / "profielen" / "divosa-2015.yaml").read_text(encoding="utf-8")
    text = text.replace("id: divosa-2015", "id: gemeente-mild")
    text += "\nregels:\n  orde-voor-inhoud:\n    ernst: licht\n"
    path = tmp_path / "gemeente-mild.yaml"
    path.write_text(text, encoding="utf-8")
    lib = load([path])
    assert not lib.problems, lib.problems
    profile = lib.profiles["gemeente-mild"]
    assert profile.severity_overrides == {"orde-voor-inhoud": "licht"}
    sc, trace = km_good_attempt(eerst="inhoud-doorgaan")
    assert not judge(sc, trace).passed
    assert judge(sc, trace, profile).passed


def test_profile_bevoegdheden_can_grant_the_ordegesprek_to_the_klantmanager():
    sc = scenario(
        "klantmanager",
        fase("uitbarsting", "beveiliging-inschakelen", niveau=3, orde_verstoord=True),
        fase("later", "ordegesprek-voeren", niveau=1),
    )
    trace = [
        enter(0, "uitbarsting"),
        choose(5, 1, "uitbarsting", "beveiliging-inschakelen"),
        enter(5, "later"),
        choose(60, 2, "later", "ordegesprek-voeren"),
        end(60),
    ]
    bundled = judge(sc, trace)
    assert bundled.verdict("taakverdeling").status is Status.VIOLATED
    assert bundled.verdict("ordegesprek").status is Status.VIOLATED
    powers = {**divosa().powers, "ordegesprek": ("beveiliger", "klantmanager")}
    granted = judge(sc, trace, dataclasses.replace(divosa(), powers=powers))
    expect(granted, "taakverdeling", OK, step=2, time=60, evidence="binnen uw eigen taak")
    expect(granted, "ordegesprek", OK, step=2, time=60, evidence="op tijd gevoerd")


def test_profile_staking_threshold():
    """staking: minimaal_eerdere_maatregelen decides when staking is no longer too early."""
    trace = [
        enter(0, "weer_dreigen"),
        choose(12, 1, "weer_dreigen", "dienstverlening-staken"),
        end(12),
    ]
    assert judge(bev_staking(1), trace).verdict("staking-laatste-stap").status is Status.VIOLATED
    one = dataclasses.replace(divosa(), staking_min_measures=1)
    assert judge(bev_staking(1), trace, one).verdict("staking-laatste-stap").status is Status.OK


# =============================================================================================
# The result: score, pass, competencies, JSON
# =============================================================================================
def test_result_score_100_when_every_applicable_rule_is_kept():
    sc, trace = km_good_attempt()
    r = judge(sc, trace)
    assert r.violations == []
    assert r.score == 100
    assert r.passed
    applicable = {v.rule for v in r.verdicts if v.status is not Status.NA}
    assert applicable == {
        "orde-voor-inhoud",
        "geen-dienstverlening-onder-druk",
        "nietsdoen-geen-optie",
        "taakverdeling",
        "aanwijzing-opvolgen",
        "opschorting",
        "melden-registreren",
        "stijl-past-bij-agressie",
        "vroeg-ingrijpen",
        "nazorg",
    }


def test_result_a_kritiek_violation_fails_even_above_the_pass_mark():
    sc, trace = km_good_attempt(eerst="inhoud-doorgaan")
    # Bundled aftrek: a violated kritiek rule costs 40 points, so 60 is below the pass mark anyway.
    assert judge(sc, trace).score == 60
    # A municipality that lets a kritiek rule cost only 10 points: 90, above the mark of 70.
    cheap = dataclasses.replace(divosa(), deductions={**divosa().deductions, "kritiek": 10})
    r = judge(sc, trace, cheap)
    assert r.score == 90
    assert r.score >= r.pass_mark == 70
    assert [v.rule for v in r.critical] == ["orde-voor-inhoud"]
    assert not r.passed


def test_result_each_violated_rule_costs_its_deduction_once():
    """Score 100 minus the aftrek of each violated rule, once per rule however often it broke."""
    sc = scenario(
        "klantmanager",
        fase("boos", "besluit-uitleggen", "gedrag-benoemen", niveau=1, orde_verstoord=True),
        fase("bozer", "besluit-uitleggen", "gedrag-benoemen", niveau=2, orde_verstoord=True),
        agressietype="instrumenteel",
    )
    r = judge(
        sc,
        [
            enter(0, "boos"),
            choose(5, 1, "boos", "besluit-uitleggen"),
            enter(5, "bozer"),
            choose(9, 2, "bozer", "besluit-uitleggen"),
            end(9),
        ],
    )
    # orde-voor-inhoud (kritiek, twice: 40 once) and vroeg-ingrijpen (licht), both broken
    # by the first act: one act costs once, at its heaviest
    assert sorted(v.rule for v in r.violations) == ["orde-voor-inhoud", "vroeg-ingrijpen"]
    assert r.score == 100 - 40


def test_result_competencies_are_none_when_none_of_their_rules_applied():
    sc = scenario(
        "klantmanager",
        fase("onrust", "gedrag-benoemen", niveau=1, orde_verstoord=True),
        agressietype="instrumenteel",
    )
    r = judge(sc, [enter(0, "onrust"), choose(5, 1, "onrust", "gedrag-benoemen"), end(5)])
    assert r.competencies == {
        "Orde en regie": 100,
        # disturbed order: not giving in to it is integrity (Werkwijzer: misbehaviour "zet
        # besluitvorming onder druk"); no incident, so opschorting does not apply
        "Integriteit": 100,
        "De-escalatie": 100,
        "Taakverdeling": 100,
        "Opvolging en nazorg": None,  # no incident: nothing to report, no aftercare
    }


def test_result_competency_scores_count_their_own_rules():
    sc, trace = km_good_attempt(eerst="inhoud-doorgaan")
    r = judge(sc, trace)
    # Orde en regie: orde-voor-inhoud (kritiek, -40) broken, nietsdoen kept.
    assert r.competencies["Orde en regie"] == 60
    assert r.competencies["Integriteit"] == 100


def test_result_to_json():
    sc, trace = km_good_attempt(eerst="inhoud-doorgaan")
    data = judge(sc, trace).to_json()
    assert data["score"] == 60
    assert data["passed"] is False
    assert set(data["competencies"]) == {
        "Orde en regie",
        "Integriteit",
        "De-escalatie",
        "Taakverdeling",
        "Opvolging en nazorg",
    }
    assert [v["rule"] for v in data["verdicts"]] == [r.id for r in RULES]
    for v in data["verdicts"]:
        assert {"rule", "status", "step", "time", "evidence", "citation"} <= set(v)
        assert v["status"] in (OK, VIOLATED, NA)
        assert v["citation"]
    ovi = next(v for v in data["verdicts"] if v["rule"] == "orde-voor-inhoud")
    assert ovi["status"] == VIOLATED
    assert (ovi["step"], ovi["time"]) == (1, 6)
    assert "terwijl de orde verstoord was" in ovi["evidence"]
    assert ovi["citation"] == "Divosa, Dienstverlening onder druk (2011), hoofdstuk 1, 4.2 en 5"
    assert ovi["severity"] == "kritiek"


# =============================================================================================
# Training mode (final=False): obligations 'by the end' are not judged yet
# =============================================================================================
def bev_half_way():
    """A criminal threat; security stepped in. The attempt is still under way: no 'end'."""
    sc = scenario(
        "beveiliger",
        fase(
            "dreigement",
            "gesprek-onderbreken",
            niveau=2,
            orde_verstoord=True,
            druk="dreiging",
            strafbaar=True,
        ),
        fase("nasleep", "incident-melden", "nazorg-bieden", "aangifte-met-vc", niveau=0),
    )
    trace = [enter(0, "dreigement"), choose(6, 1, "dreigement", "gesprek-onderbreken")]
    return sc, trace


@pytest.mark.parametrize("rule", ["melden-registreren", "nazorg", "aangifte", "ordegesprek"])
def test_training_mode_does_not_judge_obligations_by_the_end_yet(rule):
    sc, trace = bev_half_way()
    during = judge(sc, trace, final=False)
    expect(during, rule, NA, step=None, time=None, evidence="Nog niet beslist.")
    after = judge(sc, trace, final=True)  # stopped halfway (no ending): what was due is missed
    assert after.verdict(rule).status is Status.VIOLATED
    assert (after.verdict(rule).step, after.verdict(rule).time) == (1, 6)


def test_training_mode_does_not_judge_the_guarantee_before_the_ordegesprek_is_over():
    trace = [enter(0, "ordegesprek"), choose(20, 1, "ordegesprek", "ordegesprek-voeren")]
    during = judge(bev_garantie(), trace, final=False)
    expect(during, "garantie", NA, step=None, time=None, evidence="Nog niet beslist.")
    assert judge(bev_garantie(), trace).verdict("garantie").status is Status.VIOLATED


def test_training_mode_still_judges_what_already_went_wrong():
    sc, trace = km_good_attempt(eerst="inhoud-doorgaan")
    r = judge(sc, trace[:2], final=False)
    expect(
        r, "orde-voor-inhoud", VIOLATED, step=1, time=6, evidence="terwijl de orde verstoord was"
    )


# =============================================================================================
# feedback_after: what the trainee sees right after a step
# =============================================================================================
def test_feedback_after_the_last_step():
    sc = scenario(
        "klantmanager",
        fase(
            "balie",
            keuze("gedrag-benoemen", "Meneer, zo praten we hier niet met elkaar.", model=True),
            niveau=1,
            orde_verstoord=True,
        ),
        fase(
            "dreigt",
            keuze(
                "inhoud-doorgaan",
                "Het staat allemaal in de brief, meneer.",
                feedback="U gaat door over de inhoud terwijl de orde verstoord is.",
            ),
            keuze(
                "beveiliging-inschakelen",
                "Ik roep mijn collega van de beveiliging erbij.",
                model=True,
            ),
            niveau=2,
            orde_verstoord=True,
            druk="dreiging",
        ),
        agressietype="frustratie",
    )
    trace = [
        enter(0, "balie"),
        choose(6, 1, "balie", "gedrag-benoemen"),
        enter(6, "dreigt"),
        choose(13, 2, "dreigt", "inhoud-doorgaan"),
    ]
    fb = scoring.feedback_after(sc, trace, divosa(), catalogue())
    assert fb is not None
    assert (fb.step, fb.time, fb.fase) == (2, 13, "dreigt")
    assert (
        fb.chosen
        == "Doorgaan met het gesprek over de inhoud: “Het staat allemaal in de brief, meneer.”"
    )
    assert (
        fb.model
        == "'De beveiliging inschakelen' (“Ik roep mijn collega van de beveiliging erbij.”)"
    )
    assert fb.was_model is False
    assert fb.feedback == "U gaat door over de inhoud terwijl de orde verstoord is."
    decided = {v.rule: v.status.value for v in fb.verdicts}
    assert decided["orde-voor-inhoud"] == VIOLATED
    assert decided["opschorting"] == VIOLATED  # the threat was an incident
    assert all(v.step == 2 for v in fb.verdicts)
    # Decided at step 1, not here: the directive answer to early frustration, and the early
    # intervention. Not decided yet at all: reporting and aftercare.
    assert "stijl-past-bij-agressie" not in decided
    assert "vroeg-ingrijpen" not in decided
    assert "melden-registreren" not in decided
    assert "nazorg" not in decided


def test_feedback_after_a_timeout_and_before_any_step():
    sc = scenario(
        "klantmanager", fase("onrust", "gedrag-benoemen", niveau=1, orde_verstoord=True, timer=20)
    )
    assert scoring.feedback_after(sc, [enter(0, "onrust")], divosa(), catalogue()) is None
    fb = scoring.feedback_after(
        sc, [enter(0, "onrust"), timeout(20, 1, "onrust")], divosa(), catalogue()
    )
    assert fb is not None
    assert fb.chosen == "Niets: de tijd liep af."
    assert fb.model is None  # this fase has no model answer
    assert {v.rule: v.status.value for v in fb.verdicts}["nietsdoen-geen-optie"] == VIOLATED


def test_staking_violated_without_persistent_misbehaviour_even_after_enough_measures():
    """Seed ch. 4.5: staking follows when the client *persists* after several measures."""
    r = judge(
        bev_staking(2),
        [enter(0, "eerste_keer"), choose(12, 1, "eerste_keer", "dienstverlening-staken"), end(12)],
    )
    expect(
        r,
        "staking-laatste-stap",
        VIOLATED,
        step=1,
        time=12,
        evidence="terwijl de bezoeker nog niet volhardde in wangedrag na eerdere maatregelen (stap 1, 0:12).",
    )


def test_stijl_violated_sympathy_alone_at_level_2_even_for_frustration():
    """From 'dreigend controleverlies' a limit is due, whatever the type (crisis development model)."""
    sc = scenario(
        "klantmanager",
        fase("dreigend", "gevoel-erkennen", "grens-stellen", niveau=2, orde_verstoord=True),
        agressietype="frustratie",
    )
    r = judge(sc, [enter(0, "dreigend"), choose(6, 1, "dreigend", "gevoel-erkennen"), end(6)])
    v = expect(
        r, "stijl-past-bij-agressie", VIOLATED, step=1, time=6, evidence="dan past een grens"
    )
    assert "wat het soort agressie ook is" in (v.expected or "")
    r = judge(sc, [enter(0, "dreigend"), choose(6, 1, "dreigend", "grens-stellen"), end(6)])
    expect(
        r, "stijl-past-bij-agressie", OK, step=1, time=6, evidence="paste bij het soort agressie"
    )


def test_ordegesprek_an_old_incident_past_its_deadline_starts_the_trainees_clock_at_the_start():
    """An incident ten days before the scenario: the trainee answers for the time from the start."""
    sc = dataclasses.replace(
        scenario(
            "beveiliger", fase("terug", "ordegesprek-oproepen", niveau=1, orde_verstoord=True)
        ),
        prior_incident_hours=240,
    )
    r = judge(sc, [enter(0, "terug"), choose(3600, 1, "terug", "ordegesprek-oproepen"), end(3600)])
    expect(r, "ordegesprek", OK, step=1, time=3600, evidence="op tijd gevoerd of gepland")
    r = judge(
        sc,
        [enter(0, "terug"), choose(30 * 3600, 1, "terug", "ordegesprek-oproepen"), end(30 * 3600)],
    )
    expect(
        r, "ordegesprek", VIOLATED, step=1, time=30 * 3600, evidence="pas 30 uur na het incident"
    )


def test_aanwijzing_waiting_is_following_when_the_instruction_is_to_wait():
    """'Blijf zitten en zeg niets': letting the time pass is obeying, not doing nothing."""
    sc = scenario(
        "klantmanager",
        fase(
            "blijf_zitten",
            "aanwijzing-opvolgen",
            "gedrag-benoemen",
            niveau=2,
            orde_verstoord=True,
            aanwijzing="Blijf zitten en zeg niets meer.",
            afwachten=True,
            timer=15,
        ),
    )
    r = judge(sc, [enter(0, "blijf_zitten"), timeout(15, 1, "blijf_zitten"), end(15)])
    assert r.verdict("aanwijzing-opvolgen").status is not Status.VIOLATED
    assert r.verdict("nietsdoen-geen-optie").status is not Status.VIOLATED
    r = judge(
        sc, [enter(0, "blijf_zitten"), choose(5, 1, "blijf_zitten", "gedrag-benoemen"), end(5)]
    )
    expect(
        r,
        "aanwijzing-opvolgen",
        VIOLATED,
        step=1,
        time=5,
        evidence="Blijf zitten en zeg niets meer.",
    )
