"""The rules as the seeds say them: each test names the passage it holds the judge to.

DOD: Divosa, "Dienstverlening onder druk" (shared/seeds/dienstverlening-onder-druk.txt).
Werkwijzer: Divosa, "Integere en veilige dienstverlening" (shared/seeds/werkwijzer-...).
Each case is one that the judge got wrong before (issue 16), written as the smallest
scenario with only the facts the rule reads.
"""

from __future__ import annotations

from rulekit import choose, end, enter, fase, judge, keuze, scenario, timeout

from scoring import Status

OK, VIOLATED, NA = Status.OK, Status.VIOLATED, Status.NA


# --- nietsdoen-geen-optie ------------------------------------------------------------------
def test_following_an_instruction_to_sit_and_say_nothing_is_acting() -> None:
    """DOD ch. 4.1: the beveiliger gives "aanwijzingen die opgevolgd MOETEN worden"; sitting
    still as told is following, not doing nothing (km-omkoping, fase beveiliger_komt)."""
    sc = scenario(
        "klantmanager",
        fase(
            "beveiliger_komt",
            "aanwijzing-opvolgen",
            "gedrag-benoemen",
            timer=15,
            niveau=2,
            orde_verstoord=True,
            aanwijzing="De klantmanager blijft zitten en zegt niets meer.",
            afwachten=True,
        ),
        agressietype="instrumenteel",
    )
    r = judge(sc, [enter(0, "beveiliger_komt"), timeout(15, 1, "beveiliger_komt"), end(15)])
    assert r.verdict("nietsdoen-geen-optie").status is OK
    assert r.verdict("aanwijzing-opvolgen").status is OK
    assert r.score == 100


def test_declining_an_escort_by_phone_is_not_doing_nothing_but_not_following() -> None:
    """DOD ch. 5 ("Nietsdoen is geen optie") is about misbehaviour; with the visitor gone and
    only the beveiliger's instruction on the phone, declining his escort breaks the
    instruction (ch. 4.1), not nietsdoen (km-telefoon-dreiging, fase beveiliger_belt)."""
    sc = scenario(
        "klantmanager",
        fase(
            "beveiliger_belt",
            "aanwijzing-opvolgen",
            "afronden",
            niveau=1,
            locatie="kantoor",
            aanwijzing="De klantmanager gaat vandaag niet alleen naar buiten.",
        ),
    )
    r = judge(
        sc, [enter(0, "beveiliger_belt"), choose(5, 1, "beveiliger_belt", "afronden"), end(5)]
    )
    assert r.verdict("nietsdoen-geen-optie").status is NA
    v = r.verdict("aanwijzing-opvolgen")
    assert v.status is VIOLATED
    assert "spreek de bezoeker aan" not in (v.expected or "")


# --- geen-dienstverlening-onder-druk -------------------------------------------------------
def test_promising_a_shouting_visitor_is_giving_in_under_pressure() -> None:
    """Werkwijzer: misbehaviour "zet besluitvorming onder druk"; DOD ch. 2: giving in under
    pressure is never done. No fase says `druk`, the order is disturbed (km-balie-afwijzing)."""
    sc = scenario(
        "klantmanager",
        fase("schreeuwt", "toezegging-doen", "gedrag-benoemen", niveau=2, orde_verstoord=True),
    )
    r = judge(sc, [enter(0, "schreeuwt"), choose(5, 1, "schreeuwt", "toezegging-doen"), end(5)])
    v = r.verdict("geen-dienstverlening-onder-druk")
    assert v.status is VIOLATED
    assert "terwijl de bezoeker de orde verstoorde" in v.evidence
    assert not r.passed


def test_a_promise_in_a_calm_conversation_is_not_giving_in() -> None:
    sc = scenario("klantmanager", fase("rustig", "toezegging-doen", niveau=0))
    r = judge(sc, [enter(0, "rustig"), choose(5, 1, "rustig", "toezegging-doen"), end(5)])
    assert r.verdict("geen-dienstverlening-onder-druk").status is NA


# --- vroeg-ingrijpen -----------------------------------------------------------------------
def _restless_then_shouting() -> object:
    return scenario(
        "klantmanager",
        fase("onrustig", "inhoud-doorgaan", "gedrag-benoemen", "incident-melden", niveau=1),
        fase("schreeuwt", "gedrag-benoemen", niveau=2, orde_verstoord=True),
        agressietype="instrumenteel",
    )


def test_waiting_until_the_visitor_shouts_is_late() -> None:
    """DOD ch. 4.2: "vroeg ingrijpen". Restless at niveau 1, addressed only at niveau 2."""
    r = judge(
        _restless_then_shouting(),  # type: ignore[arg-type]
        [
            enter(0, "onrustig"),
            choose(5, 1, "onrustig", "inhoud-doorgaan"),
            enter(5, "schreeuwt"),
            choose(9, 2, "schreeuwt", "gedrag-benoemen"),
            end(9),
        ],
    )
    v = r.verdict("vroeg-ingrijpen")
    assert (v.status, v.step) == (VIOLATED, 1)
    assert "u greep pas in bij niveau 2" in v.evidence


def test_reporting_the_first_unrest_counts_as_acting() -> None:
    r = judge(
        _restless_then_shouting(),  # type: ignore[arg-type]
        [enter(0, "onrustig"), choose(5, 1, "onrustig", "incident-melden"), end(5)],
    )
    assert r.verdict("vroeg-ingrijpen").status is OK


def test_explicit_unrest_at_level_0_makes_early_count() -> None:
    sc = scenario(
        "klantmanager",
        fase("zucht", "inhoud-doorgaan", "luisteren-samenvatten", niveau=0, onrust=True),
    )
    r = judge(sc, [enter(0, "zucht"), choose(5, 1, "zucht", "inhoud-doorgaan"), end(5)])
    assert r.verdict("vroeg-ingrijpen").status is VIOLATED
    r = judge(sc, [enter(0, "zucht"), choose(5, 1, "zucht", "luisteren-samenvatten"), end(5)])
    assert r.verdict("vroeg-ingrijpen").status is OK


# --- stijl-past-bij-agressie ---------------------------------------------------------------
def test_support_after_the_limit_is_set_is_right() -> None:
    """ "Begrip voor de frustratie, niet voor de agressie" (aggression training): once the
    limit stands in this disturbance, acknowledging the feeling fits, also at niveau 2."""
    sc = scenario(
        "klantmanager",
        fase("schreeuwt", "grens-stellen", niveau=2, orde_verstoord=True),
        fase("nog_boos", "gevoel-erkennen", niveau=2, orde_verstoord=True),
    )
    r = judge(
        sc,
        [
            enter(0, "schreeuwt"),
            choose(5, 1, "schreeuwt", "grens-stellen"),
            enter(5, "nog_boos"),
            choose(9, 2, "nog_boos", "gevoel-erkennen"),
            end(9),
        ],
    )
    assert r.verdict("stijl-past-bij-agressie").status is OK


def test_support_without_a_limit_at_level_2_is_still_wrong() -> None:
    sc = scenario(
        "klantmanager", fase("schreeuwt", "gevoel-erkennen", niveau=2, orde_verstoord=True)
    )
    r = judge(sc, [enter(0, "schreeuwt"), choose(5, 1, "schreeuwt", "gevoel-erkennen"), end(5)])
    assert r.verdict("stijl-past-bij-agressie").status is VIOLATED


def test_protocol_measures_are_not_judged_as_style() -> None:
    """The ordegesprek and the garantie are DOD ch. 4.2's measures, judged by their own rules;
    they are not a supportive or directive tone towards an angry visitor."""
    sc = scenario(
        "beveiliger",
        fase(
            "ordegesprek",
            "ordegesprek-voeren",
            "garantie-vragen",
            niveau=1,
            agressietype="frustratie",
        ),
    )
    for what in ("ordegesprek-voeren", "garantie-vragen"):
        r = judge(sc, [enter(0, "ordegesprek"), choose(5, 1, "ordegesprek", what), end(5)])
        assert r.verdict("stijl-past-bij-agressie").status is NA, what


# --- one act, one deduction ----------------------------------------------------------------
def test_one_act_that_breaks_several_rules_is_deducted_once_at_its_heaviest() -> None:
    """Going on with the case under the beveiliger's instruction to stop breaks aanwijzing
    (zwaar), orde-voor-inhoud (kritiek) and vroeg-ingrijpen (licht): the debrief names all
    three, the score loses 40 once, not 65."""
    sc = scenario(
        "klantmanager",
        fase(
            "stop",
            keuze("inhoud-doorgaan"),
            keuze("aanwijzing-opvolgen", model=True),
            niveau=1,
            orde_verstoord=True,
            aanwijzing="Stop het gesprek.",
        ),
        agressietype="instrumenteel",
    )
    r = judge(sc, [enter(0, "stop"), choose(5, 1, "stop", "inhoud-doorgaan"), end(5)])
    assert {v.rule for v in r.violations} >= {
        "aanwijzing-opvolgen",
        "orde-voor-inhoud",
        "vroeg-ingrijpen",
    }
    assert r.score == 60
    assert not r.passed


# --- orde-voor-inhoud and opschorting: per visitor, also while suspended --------------------
def test_content_inside_the_ordegesprek_breaks_orde_voor_inhoud() -> None:
    """DOD ch. 4.2: service is suspended "totdat het ordegesprek naar genoegen heeft
    plaatsgevonden"; ch. 1 and 5: order and content are separated. Discussing the benefit in
    a calm ordegesprek is content before order, not only a breach of the suspension."""
    sc = scenario(
        "beveiliger",
        fase("incident", "grens-stellen", niveau=2, orde_verstoord=True, druk="dreiging"),
        fase("ordegesprek", "zaak-bespreken", "ordegesprek-voeren", niveau=0),
        agressietype="instrumenteel",
    )
    r = judge(
        sc,
        [
            enter(0, "incident"),
            choose(5, 1, "incident", "grens-stellen"),
            enter(5, "ordegesprek"),
            choose(9, 2, "ordegesprek", "zaak-bespreken"),
            end(9),
        ],
    )
    v = r.verdict("orde-voor-inhoud")
    assert (v.status, v.step) == (VIOLATED, 2)
    assert "opgeschort" in v.evidence
    assert r.verdict("opschorting").status is VIOLATED
    assert not r.passed


def _collega_in_nood() -> object:
    """km-collega-in-nood in small: Hofman shouts next door (the scenario's visitor), the
    trainee's own conversation is with Kowalczyk (tweede_bezoeker, gesprek_met)."""
    import dataclasses

    from simulator.language.model import Visitor

    sc = scenario(
        "klantmanager",
        fase("geluid", "beveiliging-inschakelen", "inhoud-doorgaan", niveau=2, orde_verstoord=True),
        fase("eigen_klant", "inhoud-doorgaan", "inhoud-stoppen", niveau=0),
        fase(
            "tweede_klap",
            "alarm-slaan",
            "inhoud-doorgaan",
            niveau=3,
            orde_verstoord=True,
            gevaar=True,
        ),
    )
    own = Visitor("Agnieszka Kowalczyk", "frustratie", "")
    klant = sc.fasen["eigen_klant"]
    fasen = {
        **sc.fasen,
        "eigen_klant": dataclasses.replace(
            klant, facts=dataclasses.replace(klant.facts, visitor=own.name)
        ),
    }
    return dataclasses.replace(sc, second_visitor=own, partner=own.name, fasen=fasen)


def test_after_calling_security_staff_may_go_on_with_their_own_client() -> None:
    """DOD ch. 5: staff "hoeven zich alleen nog te bekommeren om de orde in het eigen gesprek";
    the other visitor's incident does not suspend one's own client's service."""
    r = judge(
        _collega_in_nood(),  # type: ignore[arg-type]
        [
            enter(0, "geluid"),
            choose(5, 1, "geluid", "beveiliging-inschakelen"),
            enter(5, "eigen_klant"),
            choose(9, 2, "eigen_klant", "inhoud-doorgaan"),
            end(9),
        ],
    )
    assert r.verdict("orde-voor-inhoud").status is NA
    assert r.verdict("opschorting").status is NA
    assert r.verdict("nietsdoen-geen-optie").status is OK
    assert r.violations == []
    assert r.score == 100


def test_going_on_with_ones_own_client_while_the_colleague_is_in_danger_is_doing_nothing() -> None:
    """DOD ch. 5: "Nietsdoen is geen optie". Carrying on with one's own client while next
    door a colleague calls for help is looking away."""
    r = judge(
        _collega_in_nood(),  # type: ignore[arg-type]
        [
            enter(0, "geluid"),
            choose(5, 1, "geluid", "inhoud-doorgaan"),
            end(5),
        ],
    )
    assert r.verdict("nietsdoen-geen-optie").status is VIOLATED
    assert r.verdict("orde-voor-inhoud").status is NA
    assert not r.passed


# --- aftercare the trainee could not reach ---------------------------------------------------
def test_aftercare_after_an_early_end_is_not_held_against_the_trainee() -> None:
    """Melden, aangifte and nazorg are asked "after the incident"; when a wrong choice ends the
    scenario before they were ever on offer, they are n.v.t. with a note, not four more
    violations with the same 'andere weg'."""
    sc = scenario(
        "klantmanager",
        fase(
            "dreigt",
            "eis-inwilligen",
            "grens-stellen",
            niveau=2,
            orde_verstoord=True,
            druk="dreiging",
            strafbaar=True,
        ),
    )
    r = judge(sc, [enter(0, "dreigt"), choose(5, 1, "dreigt", "eis-inwilligen"), end(5)])
    for rule in ("melden-registreren", "nazorg", "aangifte"):
        v = r.verdict(rule)
        assert v.status is NA, rule
        assert "eindigde eerder" in v.evidence, rule
    assert r.verdict("geen-dienstverlening-onder-druk").status is VIOLATED


def test_aftercare_on_offer_and_not_taken_is_still_violated() -> None:
    sc = scenario(
        "klantmanager",
        fase("dreigt", "grens-stellen", niveau=2, orde_verstoord=True, druk="dreiging"),
        fase("daarna", "incident-melden", "afronden", niveau=0),
    )
    r = judge(
        sc,
        [
            enter(0, "dreigt"),
            choose(5, 1, "dreigt", "grens-stellen"),
            enter(5, "daarna"),
            choose(9, 2, "daarna", "afronden"),
            end(9),
        ],
    )
    assert r.verdict("melden-registreren").status is VIOLATED


def test_each_incident_asks_for_its_own_report() -> None:
    """Per incident, not the first only: reported once, then a second incident on another
    day that is not reported."""
    sc = scenario(
        "klantmanager",
        fase("eerste", "grens-stellen", niveau=2, orde_verstoord=True, druk="dreiging"),
        fase("melden1", "incident-melden", "afronden", niveau=0),
        fase("tweede", "grens-stellen", niveau=2, orde_verstoord=True, druk="dreiging"),
        fase("melden2", "incident-melden", "afronden", niveau=0),
    )
    r = judge(
        sc,
        [
            enter(0, "eerste"),
            choose(5, 1, "eerste", "grens-stellen"),
            enter(5, "melden1"),
            choose(9, 2, "melden1", "incident-melden"),
            enter(9, "tweede"),
            choose(14, 3, "tweede", "grens-stellen"),
            enter(14, "melden2"),
            choose(19, 4, "melden2", "afronden"),
            end(19),
        ],
    )
    assert r.verdict("melden-registreren").status is VIOLATED


# --- the measures of DOD 4.1-4.5 ---------------------------------------------------------------
def test_staking_explained_as_a_punishment_breaks_staking_laatste_stap() -> None:
    """DOD ch. 5: "Staking van dienstverlening is geen sanctie" and "daarmee wordt niet de
    uitkering gestopt". The same act as the model answer no longer hides it."""
    sc = scenario(
        "beveiliger",
        fase("uitleg", "staking-als-straf-uitleggen", "dienstverlening-staken", niveau=1),
    )
    r = judge(
        sc, [enter(0, "uitleg"), choose(5, 1, "uitleg", "staking-als-straf-uitleggen"), end(5)]
    )
    v = r.verdict("staking-laatste-stap")
    assert v.status is VIOLATED
    assert "geen sanctie" in (v.expected or "")


def test_an_apology_as_condition_for_service_is_a_forced_apology_for_staff_too() -> None:
    """DOD ch. 4.2: an apology "onder dwang" gets "een strategisch karakter"; the klantmanager
    who makes it a condition for helping again breaks the same line as a beveiliger."""
    sc = scenario(
        "klantmanager", fase("terug", "excuses-als-voorwaarde", "inhoud-doorgaan", niveau=0)
    )
    r = judge(sc, [enter(0, "terug"), choose(5, 1, "terug", "excuses-als-voorwaarde"), end(5)])
    v = r.verdict("ordegesprek")
    assert v.status is VIOLATED
    assert "strategisch" in v.evidence


def test_another_chance_instead_of_staking_is_caught_at_the_act() -> None:
    """DOD ch. 4.5: after "meerdere ordegesprekken of andere maatregelen" and persistent
    misbehaviour, staking is the next step; asking once more to sign gives him the lead."""
    sc = scenario(
        "beveiliger",
        fase(
            "weer", "garantie-vragen", "wegsturen", niveau=2, orde_verstoord=True, volhardend=True
        ),
        eerdere_maatregelen=2,
        agressietype="instrumenteel",
    )
    r = judge(sc, [enter(0, "weer"), choose(5, 1, "weer", "garantie-vragen"), end(5)])
    v = r.verdict("staking-laatste-stap")
    assert (v.status, v.step) == (VIOLATED, 1)
    assert "nog één kans" in v.evidence


def test_a_klantmanager_imposing_a_toegangsverbod_also_breaks_taakverdeling() -> None:
    """DOD 4.1 and 4.3: the beveiliger decides who may still come in; the profile reserves the
    toegangsverbod, alternative service and opschorting to security."""
    sc = scenario(
        "klantmanager",
        fase("balie", "toegangsverbod-opleggen", "grens-stellen", niveau=2, orde_verstoord=True),
    )
    r = judge(sc, [enter(0, "balie"), choose(5, 1, "balie", "toegangsverbod-opleggen"), end(5)])
    assert r.verdict("taakverdeling").status is VIOLATED
    assert r.verdict("toegangsbeperking").status is VIOLATED


def test_a_toegangsbeperking_only_offered_is_not_praised() -> None:
    sc = scenario(
        "beveiliger",
        fase(
            "weigert",
            "toegangsbeperking-opleggen",
            "dienstverlening-hervatten",
            niveau=0,
            garantie="geweigerd",
        ),
    )
    r = judge(
        sc, [enter(0, "weigert"), choose(5, 1, "weigert", "dienstverlening-hervatten"), end(5)]
    )
    v = r.verdict("toegangsbeperking")
    assert v.status is NA
    assert "koos voor een toegangsbeperking" not in v.evidence
    assert r.verdict("garantie").status is VIOLATED


def test_a_later_incident_starts_its_own_ordegesprek_clock() -> None:
    """DOD ch. 4.2: the visitor is called in "binnen 24 uur" after the incident: the incident of
    this visit, not the first one of the dossier (no "29 dagen na het incident")."""
    from rulekit import DAG, clock

    sc = scenario(
        "beveiliger",
        fase("eerste", "ordegesprek-oproepen", niveau=2, orde_verstoord=True, incident=True),
        fase("maand_later", "ordegesprek-voeren", niveau=2, orde_verstoord=True, incident=True),
    )
    r = judge(
        sc,
        [
            enter(0, "eerste"),
            choose(5, 1, "eerste", "ordegesprek-oproepen"),
            clock(5 + 29 * DAG, 29 * DAG),
            enter(5 + 29 * DAG, "maand_later"),
            choose(10 + 29 * DAG, 2, "maand_later", "ordegesprek-voeren"),
            end(10 + 29 * DAG),
        ],
    )
    v = r.verdict("ordegesprek")
    assert v.status is OK, v.evidence
    assert "dagen" not in v.evidence


# --- strafbaar: one catalogue of offences ------------------------------------------------------
def test_refusing_to_leave_is_the_same_offence_in_every_bundled_scenario() -> None:
    """Refusing to leave after a vordering is lokaalvredebreuk (art. 139 Sr) in
    bev-weigert-te-vertrekken and in bev-staking-laatste-stap alike, so aangifte is asked in both."""
    from simulator.language.library import load

    lib = load()
    weigert = lib.scenarios["bev-weigert-te-vertrekken"].fasen["blijft_zitten"].facts
    staking = lib.scenarios["bev-staking-laatste-stap"].fasen["weigert"].facts
    assert weigert.offence == staking.offence == "lokaalvredebreuk"
    assert weigert.criminal and staking.criminal


def test_strafbaar_ja_asks_for_the_offence(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`strafbaar: ja` is refused with the list of offences, at its place."""
    from pathlib import Path

    from simulator.language.library import load

    mini = (Path(__file__).resolve().parents[1] / "fixtures" / "mini.yaml").read_text(
        encoding="utf-8"
    )
    assert "    niveau: 1\n" in mini
    path = tmp_path / "ja.yaml"
    path.write_text(
        mini.replace("    niveau: 1\n", "    niveau: 1\n    strafbaar: ja\n", 1), encoding="utf-8"
    )
    problems = [p for p in load([path]).problems if Path(p.file).name == "ja.yaml"]
    assert len(problems) == 1, problems
    assert "'ja' is geen geldige keuze voor het strafbare feit" in problems[0].message
    assert "lokaalvredebreuk" in problems[0].message
    assert problems[0].mark is not None


def test_every_ordegesprek_asks_for_the_signed_guarantee() -> None:
    """DOD ch. 4.2: "Eén van de eisen in het ordegesprek is dat de bezoeker de veiligheid en
    het welzijn van de Werkpleinmedewerkers garandeert." Per ordegesprek, not the first only."""
    sc = scenario(
        "beveiliger",
        fase("eerste", "ordegesprek-voeren", niveau=0),
        fase("garantie1", "garantie-vragen", niveau=0),
        fase("tweede", "ordegesprek-voeren", niveau=0),
        fase("daarna", "afronden", niveau=0),
    )
    r = judge(
        sc,
        [
            enter(0, "eerste"),
            choose(5, 1, "eerste", "ordegesprek-voeren"),
            enter(5, "garantie1"),
            choose(9, 2, "garantie1", "garantie-vragen"),
            enter(9, "tweede"),
            choose(14, 3, "tweede", "ordegesprek-voeren"),
            enter(14, "daarna"),
            choose(19, 4, "daarna", "afronden"),
            end(19),
        ],
    )
    assert r.verdict("garantie").status is VIOLATED


# --- the ordegesprek: called in on time is enough; a no-show needs a new call --------------
def _called_in_then(after: str, *, no_show: bool) -> object:
    return scenario(
        "beveiliger",
        fase("incident", "ordegesprek-oproepen", niveau=2, orde_verstoord=True, incident=True),
        fase(
            "dinsdag",
            after,
            "ordegesprek-oproepen",
            "aan-medewerker-overlaten",
            niveau=0,
            opgeschort=True,
            niet_verschenen=no_show,
        ),
    )


def test_a_visitor_who_comes_late_does_not_make_the_beveiliger_late() -> None:
    """DOD 4.2: "In andere gevallen wordt hij binnen 24 uur opgeroepen": the call is the
    beveiliger's part. Held two days later after a call in time is not too late."""
    from rulekit import DAG, clock

    sc = _called_in_then("ordegesprek-voeren", no_show=False)
    r = judge(
        sc,  # type: ignore[arg-type]
        [
            enter(0, "incident"),
            choose(5, 1, "incident", "ordegesprek-oproepen"),
            clock(5 + 2 * DAG, 2 * DAG),
            enter(5 + 2 * DAG, "dinsdag"),
            choose(10 + 2 * DAG, 2, "dinsdag", "ordegesprek-voeren"),
            end(10 + 2 * DAG),
        ],
    )
    assert r.verdict("ordegesprek").status is OK


def test_after_a_no_show_leaving_it_to_the_klantmanager_breaks_the_ordegesprek() -> None:
    """He did not come (`niet_verschenen`): the call lapsed, the service stays suspended and
    the beveiliger calls him in again himself; "Sanne, bel jij hem maar" lets it go."""
    from rulekit import UUR, clock

    sc = _called_in_then("ordegesprek-voeren", no_show=True)
    trace = [
        enter(0, "incident"),
        choose(5, 1, "incident", "ordegesprek-oproepen"),
        clock(5 + 17 * UUR, 17 * UUR),
        enter(5 + 17 * UUR, "dinsdag"),
    ]
    letting_go = judge(
        sc,  # type: ignore[arg-type]
        [
            *trace,
            choose(10 + 17 * UUR, 2, "dinsdag", "aan-medewerker-overlaten"),
            end(10 + 17 * UUR),
        ],
    )
    v = letting_go.verdict("ordegesprek")
    assert (v.status, v.step) == (VIOLATED, 2)
    calling_again = judge(
        sc,  # type: ignore[arg-type]
        [*trace, choose(10 + 17 * UUR, 2, "dinsdag", "ordegesprek-oproepen"), end(10 + 17 * UUR)],
    )
    assert calling_again.verdict("ordegesprek").status is OK
