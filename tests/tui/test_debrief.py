"""The debrief teaches: verdict and main lessons first, then a short card per wrong step with
what you did, the rule and why (with its source), the model answer and how the visitor would
have reacted, in the scenario's own words; the rest folded away; no word cut off."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Collapsible, Static

from scoring import BY_ID, Result, score
from simulator.engine.attempt import Attempt
from simulator.engine.bots import play_bot
from simulator.language.speech import is_speech
from simulator.reports.debrief import NOTHING_DONE, build_debrief, road
from simulator.tui.screens.debrief import DebriefScreen
from tests.tuikit import LIB, make_app, play_directly, screen_text

SCENARIO = "km-spreekkamer-dreiging"


def played(bot: str, scenario: str = SCENARIO) -> tuple[Attempt, Result]:
    sc = LIB.scenarios[scenario]
    attempt, _ = play_bot(sc, LIB.catalogue, bot, 0)
    result = score(sc, attempt.trace, LIB.profile_for(sc), LIB.catalogue)
    return attempt, result


def test_the_main_lessons_are_the_kernregels_broken() -> None:
    sc = LIB.scenarios[SCENARIO]
    attempt, result = played("inhoud-eerst")
    d = build_debrief(sc, attempt.trace, result)
    assert not d.passed and d.verdict == "NIET GESLAAGD"
    assert [lesson.rule for lesson in d.lessons] == list(result.failed_kernregels)[:2]
    assert all(lesson.kernregel and lesson.explanation for lesson in d.lessons)


def test_every_wrong_step_is_a_card_with_the_rule_its_source_and_the_road_not_taken() -> None:
    sc = LIB.scenarios[SCENARIO]
    attempt, result = played("inhoud-eerst")
    d = build_debrief(sc, attempt.trace, result)
    wrong = [s.step for s in result.steps if s.broken]
    assert [card.step for card in d.cards] == wrong and wrong
    for card in d.cards:
        fase = sc.fasen[card.fase]
        assert card.rules and all(note.title == BY_ID[note.rule].title for note in card.rules)
        for note in card.rules:
            if note.first_step is None:
                assert note.citation == BY_ID[note.rule].citation
                assert "Het modelantwoord was" not in note.asks  # shown in full, below
            else:
                assert note.first_step < card.step
        assert card.situation  # what the trainee was answering
        if card.same_road_as is None and card.road is not None:
            model = fase.model_choice
            assert model is not None and card.road.choice == " ".join(model.text.split())
            target = model.route.branches[-1].target
            nxt = sc.fasen.get(target)
            if nxt is not None and nxt.says:  # how the visitor would have reacted
                assert " ".join(nxt.says.split()) in card.road.then


def test_a_road_is_told_once_per_fase() -> None:
    """A fase met twice gives one account of its model answer; the later card points to it
    (the old debrief told the same 'andere weg' four times)."""
    for sid, sc in LIB.scenarios.items():
        for bot in ("nietsdoener", "inhoud-eerst", "toegever"):
            attempt, result = played(bot, sid)
            d = build_debrief(sc, attempt.trace, result)
            told: dict[str, int] = {}
            for card in d.cards:
                if card.road is None:
                    continue
                if card.fase in told:
                    assert card.same_road_as == told[card.fase], (sid, bot, card.step)
                else:
                    assert card.same_road_as is None
                    told[card.fase] = card.step


def test_a_timer_that_ran_out_says_you_did_nothing() -> None:
    sc = LIB.scenarios[SCENARIO]
    attempt, result = played("nietsdoener")
    d = build_debrief(sc, attempt.trace, result)
    timeouts = {ev.step for ev in attempt.trace if ev.kind == "timeout"}
    cards = [card for card in d.cards if card.step in timeouts]
    assert cards and all(card.did == NOTHING_DONE for card in cards)
    judged = {v.step: v.evidence for v in result.violations}
    for card in cards:  # no feedback of an author: what the rules saw says why
        if card.step in judged:
            assert card.why == judged[card.step]


def test_the_road_of_a_model_answer_that_ends_the_story_names_the_ending() -> None:
    for sc in LIB.scenarios.values():
        for fase in sc.fasen.values():
            model = fase.model_choice
            if model is None:
                continue
            way = road(sc, fase)
            assert way is not None
            target = model.route.branches[-1].target
            assert way.ends == (target in sc.endings)
            if way.ends:
                assert sc.endings[target].title in way.then
            assert not way.then.endswith("…") or " " in way.then  # whole words only


def test_words_are_never_cut_in_evidence() -> None:
    """Evidence quotes a long choice up to a whole word ('niet in aa…' was cut)."""
    for sid in LIB.scenarios:
        _, result = played("inhoud-eerst", sid)
        for v in result.verdicts:
            for quoted in v.evidence.split("\u201c")[1:]:
                inside = quoted.split("\u201d")[0]
                if inside.endswith("…"):
                    head = inside[:-1]
                    choices = {
                        " ".join(c.text.split())
                        for f in LIB.scenarios[sid].fasen.values()
                        for c in f.choices
                    }
                    full = next(c for c in choices if c.startswith(head))
                    assert full[len(head)] == " ", (head, full)


async def test_the_debrief_at_80_by_24_opens_on_the_verdict_and_the_lessons(
    tmp_path: Path,
) -> None:
    app = make_app(tmp_path)
    sc = LIB.scenarios[SCENARIO]
    _, moves = play_bot(sc, LIB.catalogue, "inhoud-eerst", 0)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await play_directly(pilot, SCENARIO)
        for move, latency in moves:
            if move == "wacht":
                play.session.wait()
            else:
                play.session.choose(move, latency)
        play.render_new()
        await pilot.pause()
        await pilot.pause()
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen)
        first = screen_text(app)
        assert "NIET GESLAAGD — score" in first and "Wat u hieruit meeneemt" in first
        lesson = debrief.debrief.lessons[0].title
        assert lesson in first
        # every card shows what was done and the model answer in full, never cut
        shown = "\n".join(str(w.render()) for w in debrief.query(Static))
        flat = " ".join(shown.split())
        for card in debrief.debrief.cards:
            assert card.did in flat
            if card.road is not None and card.same_road_as is None:
                assert card.road.choice in flat
        # the rest is folded away until asked for
        folded = list(debrief.query(Collapsible))
        assert [c.id for c in folded] == ["competencies", "timeline", "kept", "not-applicable"]
        assert all(c.collapsed for c in folded)
        footer = first.splitlines()[-1]
        for key in ("r Opnieuw", "n Volgende", "esc Naar de lijst", "f1 Hulp", "f2 Thema"):
            assert key in footer


def test_a_choice_is_told_as_words_or_as_an_act() -> None:
    from simulator.reports.debrief import told

    for sc in LIB.scenarios.values():
        for fase in sc.fasen.values():
            for c in fase.choices:
                text = told(c.text)
                assert text.startswith("U zei: ") == is_speech(c.text)
