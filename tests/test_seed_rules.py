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
