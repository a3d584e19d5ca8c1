"""The limits of ``simulator.language.screen_fit`` are the app's, at 80 × 24 and 100 × 32.

Each test renders the real screen with a text exactly at a limit and one just beyond it,
reads what is on the screen, and checks that ``regie check`` warns about the second and not
the first. The layout's sizes are checked against the app at both sizes (and one more); if
the app's layout changes, these tests fail and ``simulator/language/screen_fit.py`` must be
brought in line again.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich._wrap import divide_line
from rich.cells import cell_len
from textual.containers import VerticalScroll
from textual.content import Content

from simulator.language.library import load
from simulator.language.problems import Problem, Severity
from simulator.language.screen_fit import (
    _NARROW,
    BRIEFING_ITEM_WIDTH,
    BRIEFING_QUOTE_WIDTH,
    BRIEFING_WIDTH,
    LIST_TITLE_WIDTH,
    SIZES,
    SMALLEST,
    TIMER_ROWS,
    Layout,
    cell_width,
    choice_box_rows,
    choice_prompt,
    escalation_rows,
    log_rows,
    wrapped_lines,
)
from simulator.language.vocabulary import LEVELS
from simulator.store.session import Session
from simulator.tui.app import RegieApp
from simulator.tui.screens.briefing import BriefingScreen
from simulator.tui.screens.play import PlayScreen
from simulator.tui.screens.too_small import MIN_HEIGHT, MIN_WIDTH
from simulator.tui.widgets.escalation_meter import EscalationMeter
from simulator.tui.widgets.story_log import INDENT
from tests.tuikit import LIB, make_app, pick_scenario, screen_text, sign_in, start_scenario

SIZE = (SMALLEST.columns, SMALLEST.rows)
SIDE_WIDTH = SMALLEST.side_width
LOG_WIDTH = SMALLEST.log_width
LOG_SPEECH_WIDTH = SMALLEST.log_speech_width
CHOICE_WIDTH = SMALLEST.choice_width
CHOICE_VISIBLE_LINES = SMALLEST.choice_visible_lines
SHORT = "Ik hoor u."


def scenario_yaml(
    *,
    title: str = "Meten",
    name: str = "Test Bezoeker",
    text: str = "De bezoeker staat op.",
    says: str = "Dit pik ik niet!",
    choices: tuple[str, ...] = (SHORT,),
    danger: bool = False,
    hours: int = 0,
    feedback: str | None = None,
    breaks: tuple[str, ...] = (),
    then: bool = False,
) -> str:
    """A scenario of one fase, so the play screen opens on exactly these texts."""
    lines = [
        "id: meten",
        f"titel: {json.dumps(title, ensure_ascii=False)}",
        "omschrijving: Meten wat er op het scherm past.",
        "rol: klantmanager",
        "moeilijkheid: makkelijk",
        "verwachte_duur: 2",
        "leerdoelen: [Meten.]",
        "inhoudswaarschuwing: Een waarschuwing.",
        "bezoeker:",
        f"  naam: {json.dumps(name, ensure_ascii=False)}",
        "  agressietype: frustratie",
        "start: boos",
        "fasen:",
        "  boos:",
        f"    tekst: {json.dumps(text, ensure_ascii=False)}",
        f"    zegt: {json.dumps(says, ensure_ascii=False)}",
        "    niveau: 2",
        "    orde_verstoord: ja",
        f"    gevaar: {'ja' if danger else 'nee'}",
        *([f"    verstrijkt: {{uren: {hours}}}"] if hours else []),
        "    timer:",
        "      seconden: 10",
        "      naar: klaar",
        "    keuzes:",
    ]
    for i, choice in enumerate(choices, start=1):
        lines += [
            "      - interventie: gevoel-erkennen",
            f"        id: keuze-{i}",
            f"        tekst: {json.dumps(choice, ensure_ascii=False)}",
            f"        naar: {'daarna' if then else 'klaar'}",
        ]
        if i == 1 and feedback is None:
            lines.append("        model: ja")
        if i == 1 and feedback is not None:
            lines.append(f"        feedback: {json.dumps(feedback, ensure_ascii=False)}")
            if breaks:
                lines += ["        oordeel: fout", f"        breekt: [{', '.join(breaks)}]"]
        if i == 2 and feedback is not None:
            lines.append("        model: ja")
    if then:  # a second fase, so that a choice leads on and the play screen stays
        lines += [
            "  daarna:",
            "    tekst: Daarna.",
            "    niveau: 1",
            "    keuzes:",
            "      - interventie: afronden",
            "        tekst: Klaar.",
            "        naar: klaar",
            "        model: ja",
        ]
    lines += [
        "eindes:",
        "  klaar:",
        "    titel: Klaar",
        "    tekst: Het is klaar.",
        "    uitkomst: goed",
    ]
    return "\n".join(lines) + "\n"


def warnings_for(tmp_path: Path, text: str) -> list[Problem]:
    path = tmp_path / "meten.yaml"
    path.write_text(text, encoding="utf-8")
    lib = load([path])
    ours = [p for p in lib.problems if Path(p.file).resolve() == path.resolve()]
    assert all(p.severity is Severity.WARNING for p in ours), "\n".join(map(str, ours))
    return ours


def words(first: str, n: int) -> str:
    """A sentence of ``n`` numbered words starting with ``first``, for lines of known length."""
    return " ".join([first, *(f"woord{i:02d}" for i in range(1, n))])


def grow(first: str, last: str, width: int, lines: int, prefix: str = "") -> str:
    """The shortest text from ``first`` to ``last`` that takes ``lines`` lines at ``width``."""
    n = 2
    while True:
        text = f"{words(first, n)} {last}"
        got = wrapped_lines(prefix + text, width)
        if got == lines:
            return text
        assert got < lines, f"{lines} regels zijn niet precies te halen"
        n += 1


def app_with(folder: Path, texts: tuple[str, ...]) -> RegieApp:
    """An app with these scenarios, numbered meten-0, meten-1, … in the order given."""
    folder.mkdir()
    paths = []
    for i, text in enumerate(texts):
        paths.append(folder / f"meten-{i}.yaml")
        paths[-1].write_text(text.replace("id: meten", f"id: meten-{i}", 1), encoding="utf-8")
    return make_app(folder, load(paths))


async def play_screens(
    tmp_path: Path, *texts: str, size: tuple[int, int] = SIZE, choose: str | None = None
) -> list[str]:
    """The play screen as each scenario begins (or after the key ``choose``), in one run."""
    app = app_with(tmp_path / f"app-{size[0]}", texts)
    shown: list[str] = []
    async with app.run_test(size=size) as pilot:
        app.trainee = app.store.trainee("Sanne de Wit", None)
        for i in range(len(texts)):
            session = Session.start(app.store, app.lib, app.trainee, f"meten-{i}", 0)
            await app.push_screen(PlayScreen(session))
            await pilot.pause()
            if choose is not None:
                shown_choices = [c.id for c in session.attempt.presented()]
                await pilot.press(str(shown_choices.index(choose) + 1))
                await pilot.pause()
            shown.append(screen_text(app))
            app.pop_screen()
            await pilot.pause()
    return shown


# --- the sizes, and the widths and heights of the panels --------------------------------------


def test_the_smallest_size_is_the_apps_minimum() -> None:
    assert (SMALLEST.columns, SMALLEST.rows) == (MIN_WIDTH, MIN_HEIGHT)
    assert [layout.name for layout in SIZES] == ["80 × 24", "100 × 32"]


@pytest.mark.parametrize("size", [(80, 24), (100, 32), (130, 40)])
async def test_the_layout_is_that_of_the_play_screen(tmp_path: Path, size: tuple[int, int]) -> None:
    """Every number of ``Layout``, read off the real play screen (130 × 40 too: there the
    side panel is at its widest)."""
    layout = Layout(*size)
    long = tuple(words(f"Keuze{i}", 30) for i in range(1, 10))  # the list is at its tallest
    text = scenario_yaml(text=words("Begin", 120), choices=long)
    path = tmp_path / "meten.yaml"
    path.write_text(text, encoding="utf-8")
    lib = load([path])
    app = make_app(tmp_path, lib)
    async with app.run_test(size=size) as pilot:
        await sign_in(pilot)
        await pick_scenario(pilot, "meten")
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        log = screen.query_one("StoryLog")
        assert log.scrollable_content_region.width == layout.log_width
        assert layout.log_width - INDENT["speech"] == layout.log_speech_width
        assert layout.log_width - INDENT["feedback"] == layout.log_feedback_width
        assert screen.query_one("VisitorPanel").content_region.width == layout.side_width
        assert screen.query_one("EscalationMeter").region.height == escalation_rows(
            layout.side_width
        )
        assert screen.query_one("TimerBar").region.height == TIMER_ROWS
        choices = screen.query_one("ChoiceList")
        box = choice_box_rows(lib.scenarios["meten"], layout)
        assert choices.region.height == layout.choice_max_rows == box
        assert choices.scrollable_content_region.height == layout.choice_visible_lines
        assert choices.scrollable_content_region.width == layout.choice_width
        assert log.scrollable_content_region.height == layout.log_rows(box)
        assert screen.query_one("#stage").region.height == layout.stage_rows(box)


def test_a_larger_size_has_every_panel_at_least_as_large() -> None:
    """Why a text that fits 80 × 24 fits 100 × 32 too, and the check looks at the larger
    size only for a text that does not fit the smallest: every panel is as wide and as tall
    or more at the larger size, and the next test shows wider never means more lines."""
    small, large = SIZES
    for name in ("choice_visible_lines", "choice_width", "side_width", "log_width"):
        assert getattr(large, name) >= getattr(small, name), name
    for box in range(2, small.choice_max_rows + 1):  # the choices take fewer lines when wider
        assert large.log_rows(min(box + 4, large.choice_max_rows)) >= small.log_rows(box)
        assert large.stage_rows(min(box + 4, large.choice_max_rows)) >= small.stage_rows(box)


def library_texts() -> list[str]:
    samples = [
        "https://www.gemeente-voorbeeld.nl/werkplein/een-heel-lang-adres-zonder-spaties-erin-x",
        "Een regel\nmet een harde\n\nregelovergang",
        "Ĳsselmonde — “citaat” café 日本語の文字は二つ分の幅",
        "  ingesprongen   met   meer   spaties  ",
        "⚠️ Let op 👮‍♀️ de beveiliger 👍🏽 duim omhoog → feedback",
    ]
    for sc in LIB.scenarios.values():  # every text of the bundled library
        samples += [sc.title, sc.visitor.name]
        for fase in sc.fasen.values():
            samples += [fase.text, fase.says or ""]
            for i, c in enumerate(fase.choices, 1):
                samples += [choice_prompt(i, c.text), f"→ {c.feedback or ''}"]
    return list(dict.fromkeys(samples))


def test_lines_are_counted_as_textual_wraps_them_and_wider_is_never_more() -> None:
    widths = sorted(
        {w for layout in SIZES for w in (layout.side_width, layout.log_width, layout.choice_width)}
    )
    for text in library_texts():
        counts = [wrapped_lines(text, width) for width in widths]
        for width, count in zip(widths, counts, strict=True):
            assert count == len(Content(text).wrap(width)), (width, text)
        assert counts == sorted(counts, reverse=True), text


def test_cells_are_measured_as_rich_measures_them() -> None:
    """Textual draws with Rich's cell widths: the check uses the same, for emoji and joined
    sequences too (our own count said 1 for ⚠️, 3 for 👮‍♀️ and 4 for 👍🏽)."""
    for text, cells in (("⚠️", 2), ("👮‍♀️", 2), ("👍🏽", 2), ("日本", 4), ("café", 4)):
        assert cell_width(text) == cell_len(text) == cells, text
    narrow = [chr(c) for c in range(0x20, 0x2200) if _NARROW.fullmatch(chr(c))]
    assert all(cell_len(ch) == 1 for ch in narrow)


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from(list("ab cdé—…“”→⚠️👮‍♀👍🏽日本\u200d\ufe0f")), min_size=0, max_size=80),
    st.integers(min_value=2, max_value=40),
)
def test_wrapping_matches_rich_for_any_text(text: str, width: int) -> None:
    expected = sum(len(divide_line(line, width)) + 1 for line in text.split("\n"))
    assert wrapped_lines(text, width) == expected


def test_every_broken_rule_takes_one_line_under_a_choice() -> None:
    """The check counts one line per broken rule ('✗ Titel'): each fits. (A rule broken
    again says '(opnieuw)' after it, which can take a second line: that line comes last,
    under the feedback, which stays in view.)"""
    from scoring import RULES

    for rule in RULES:
        assert wrapped_lines(f"✗ {rule.title}", SMALLEST.log_feedback_width) == 1


# --- a choice ---------------------------------------------------------------------------------


async def test_a_choice_that_fills_the_list_is_seen_whole_and_one_line_more_is_not(
    tmp_path: Path,
) -> None:
    visible = CHOICE_VISIBLE_LINES
    fits = grow("EERSTE", "LAATSTE", CHOICE_WIDTH, visible, prefix="1  ")
    too_long = grow("EERSTE", "LAATSTE", CHOICE_WIDTH, visible + 1, prefix="1  ")
    assert warnings_for(tmp_path, scenario_yaml(choices=(fits,))) == []
    (problem,) = warnings_for(tmp_path, scenario_yaml(choices=(too_long,)))
    assert problem.path == "fasen.boos.keuzes[1].tekst"
    assert f"beslaat in de keuzelijst {visible + 1} regels" in problem.message
    assert f"de lijst toont er {visible}" in problem.message
    assert "Bij 100 × 32 past het wel." in problem.message

    whole, cut = await play_screens(
        tmp_path, scenario_yaml(choices=(fits,)), scenario_yaml(choices=(too_long,))
    )
    assert "1  EERSTE" in whole and "LAATSTE" in whole
    assert "1  EERSTE" in cut and "LAATSTE" not in cut


async def test_a_choice_that_wraps_keeps_all_its_lines_when_the_list_scrolls(
    tmp_path: Path,
) -> None:
    """Choices that just fit a line without the scrollbar and wrap with it: the list keeps
    the scrollbar's room from the start, so no last line is left out (the issue's
    '…krijgt de' without 'rekening.')."""
    width = CHOICE_WIDTH
    just = "EERSTE " + "x " * 30 + "staart"  # '1  ' and this: exactly 76 cells
    assert len(choice_prompt(1, just)) == width + 2
    assert wrapped_lines(choice_prompt(1, just), width) == 2
    (screen,) = await play_screens(tmp_path, scenario_yaml(choices=(just,) * 5))
    assert screen.count("staart") == 3 and "meer ↓ 4-5" in screen  # 3 choices, 2 lines each


async def test_choices_below_the_view_are_named_on_the_border(tmp_path: Path) -> None:
    two_lines = tuple(grow(f"KEUZE{i}", "einde.", CHOICE_WIDTH, 2, prefix="1  ") for i in range(5))
    app = app_with(tmp_path / "app", (scenario_yaml(choices=two_lines),))
    async with app.run_test(size=SIZE) as pilot:
        app.trainee = app.store.trainee("Sanne de Wit", None)
        session = Session.start(app.store, app.lib, app.trainee, "meten-0", 0)
        await app.push_screen(PlayScreen(session))
        await pilot.pause()
        shown = screen_text(app)
        assert "meer ↓ 4-5" in shown  # three of five in view, two below
        for _ in range(4):
            await pilot.press("down")
        await pilot.pause()
        shown = screen_text(app)
        assert "↑ 1-2" in shown and "meer ↓" not in shown
        for choice in session.attempt.presented()[3:]:
            assert choice.text.split()[0] in shown


# --- the story above the choices --------------------------------------------------------------


async def test_text_and_speech_that_fill_the_log_are_seen_whole_and_one_line_more_is_not(
    tmp_path: Path,
) -> None:
    base = scenario_yaml()
    path = tmp_path / "meten.yaml"
    path.write_text(base, encoding="utf-8")
    rows = log_rows(load([path]).scenarios["meten"])
    says = "Dit pik ik niet!"
    says_lines = wrapped_lines(f"Test Bezoeker: \u201c{says}\u201d", LOG_SPEECH_WIDTH)

    fits = grow("BEGIN", "einde.", LOG_WIDTH, rows - says_lines)
    too_long = grow("BEGIN", "einde.", LOG_WIDTH, rows - says_lines + 1)
    assert warnings_for(tmp_path, scenario_yaml(text=fits)) == []
    (problem,) = warnings_for(tmp_path, scenario_yaml(text=too_long))
    assert problem.path == "fasen.boos.tekst"
    assert f"boven de keuze passen er {rows}" in problem.message
    assert "staat de laatste regel nog onder het paneel" in problem.message
    assert "na PgDn" in problem.message and "Bij 100 × 32 past het wel." in problem.message

    # time that passes takes a line of its own, and a blank line after it
    fits_later = grow("BEGIN", "einde.", LOG_WIDTH, rows - says_lines - 2)
    assert warnings_for(tmp_path, scenario_yaml(text=fits_later, hours=4)) == []
    (problem,) = warnings_for(tmp_path, scenario_yaml(text=fits, hours=4))
    assert "staan de laatste 2 regels nog onder het paneel" in problem.message

    whole, cut, later, later_cut = await play_screens(
        tmp_path,
        scenario_yaml(text=fits),
        scenario_yaml(text=too_long),
        scenario_yaml(text=fits_later, hours=4),
        scenario_yaml(text=fits, hours=4),
    )
    assert "BEGIN" in whole and "Dit pik ik niet!" in whole and "meer ↓" not in whole
    # the fase's start stays in view: the end waits for PgDn, and the border says so
    assert "BEGIN" in cut and "Dit pik ik niet!" not in cut and "meer ↓ PgDn" in cut
    assert "… 4 uur later" in later and "Dit pik ik niet!" in later
    assert "… 4 uur later" in later_cut and "Dit pik ik niet!" not in later_cut


# --- the feedback on a choice -----------------------------------------------------------------


async def test_feedback_that_fills_the_log_is_seen_whole_and_one_line_more_is_not(
    tmp_path: Path,
) -> None:
    """After a choice in training the story shows the feedback and the rules you broke, all
    in view until the next key: the check warns when they cannot be."""
    choices = ("Ik hoor u.", "Ik stop dit gesprek.")
    base = scenario_yaml(choices=choices)
    path = tmp_path / "meten.yaml"
    path.write_text(base, encoding="utf-8")
    rows = log_rows(load([path]).scenarios["meten"])
    feedback_width = SMALLEST.log_feedback_width
    fits = grow("BEGIN", "EINDE.", feedback_width, rows, prefix="→ ")
    too_long = grow("BEGIN", "EINDE.", feedback_width, rows + 1, prefix="→ ")
    ok = scenario_yaml(choices=choices, feedback=fits, then=True)
    over = scenario_yaml(choices=choices, feedback=too_long, then=True)
    assert warnings_for(tmp_path, ok) == []
    (problem,) = warnings_for(tmp_path, over)
    assert problem.path == "fasen.boos.keuzes[1].feedback"
    assert f"het paneel toont er {rows}" in problem.message
    assert "Bij 100 × 32 past het wel." in problem.message
    # a rule the choice breaks adds its line ('✗ Nietsdoen is geen optie') below
    with_rule = scenario_yaml(
        choices=choices, feedback=fits, breaks=("nietsdoen-geen-optie",), then=True
    )
    (problem,) = warnings_for(tmp_path, with_rule)
    assert "de feedback en 1 regel met een overtreden regel" in problem.message

    whole, cut = await play_screens(tmp_path, ok, over, choose="keuze-1")
    assert "→ BEGIN" in whole and "EINDE." in whole
    assert "→ BEGIN" in cut and "EINDE." not in cut  # never scrolled past its start


# --- the side panels --------------------------------------------------------------------------


async def test_a_name_that_pushes_the_timer_bar_away_is_warned_about(tmp_path: Path) -> None:
    list_full = tuple(f"Keuze {i}." for i in range(1, 8))  # 7 lines: the list is at its tallest
    two = "Aaaaaaaaaaaaaaaaaaaa Bbbbbbbbbbbbbbbbbbbb"
    three = two + " Cccccccccccccccccccc"
    assert (wrapped_lines(two, SIDE_WIDTH), wrapped_lines(three, SIDE_WIDTH)) == (2, 3)

    # two lines: only the timer's bottom border goes; the bar and the seconds are there
    fits = scenario_yaml(name=two, choices=list_full, danger=True)
    assert warnings_for(tmp_path, fits) == []
    # three lines: the bar is gone
    too_long = scenario_yaml(name=three, choices=list_full, danger=True)
    (problem,) = warnings_for(tmp_path, too_long)
    assert problem.path == "bezoeker.naam"
    assert "de naam beslaat 3 regels in het paneel 'Situatie'" in problem.message
    assert "valt de balk van het paneel 'Tijd' weg" in problem.message
    assert "Bij 100 × 32 past het wel." in problem.message

    whole, cut = await play_screens(tmp_path, fits, too_long)
    assert "Nog 10 s" in whole and "━━━━━━━━━━" in whole
    assert "Nog 10 s" in cut and "━━━━━━━━━━" not in cut
    (large,) = await play_screens(tmp_path, too_long, size=(100, 32))
    assert "Nog 10 s" in large and "━━━━━━━━━━" in large


# --- the briefing -----------------------------------------------------------------------------

# Where a text stands in the briefing: its line in scenario_yaml, that line with a test word
# ({}) as the text, the word's letter, and the width the briefing gives the text.
BRIEFING_TEXTS = {
    "omschrijving": (
        "omschrijving: Meten wat er op het scherm past.",
        "omschrijving: {}",
        "O",
        BRIEFING_WIDTH,
    ),
    "inhoudswaarschuwing": (
        "inhoudswaarschuwing: Een waarschuwing.",
        "inhoudswaarschuwing: {}",
        "W",
        BRIEFING_QUOTE_WIDTH,
    ),
    "leerdoelen[1]": ("leerdoelen: [Meten.]", "leerdoelen: [{}]", "L", BRIEFING_ITEM_WIDTH),
}


def with_word(path: str, size: int) -> str:
    """The scenario with one word of ``size`` letters as the text at ``path``."""
    line, template, letter, _ = BRIEFING_TEXTS[path]
    return scenario_yaml().replace(line, template.format(letter * size))


async def briefings(tmp_path: Path, *texts: str) -> list[str]:
    """The whole briefing at 80 × 24 (its top, then scrolled to the end) for each scenario."""
    app = app_with(tmp_path / "briefing", texts)
    shown: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        for i in range(len(texts)):
            await app.push_screen(
                BriefingScreen(f"meten-{i}", course=None, mode="training", seed=0)
            )
            await pilot.pause()
            top = screen_text(app)
            app.screen.query_one(VerticalScroll).scroll_end(animate=False)
            await pilot.pause()
            shown.append(top + screen_text(app))
            app.pop_screen()
            await pilot.pause()
    return shown


async def test_a_word_as_wide_as_its_place_in_the_briefing_is_seen_whole(tmp_path: Path) -> None:
    widths = {path: width for path, (*_, width) in BRIEFING_TEXTS.items()}
    fits = [with_word(path, width) for path, width in widths.items()]
    too_wide = [with_word(path, width + 1) for path, width in widths.items()]
    for path, text in zip(widths, fits, strict=True):
        assert warnings_for(tmp_path, text) == [], path
    for path, text in zip(widths, too_wide, strict=True):
        (problem,) = warnings_for(tmp_path, text)
        assert problem.path == path
        assert "midden in het woord afgebroken" in problem.message

    shown = await briefings(tmp_path, *fits, *too_wide)
    n = len(BRIEFING_TEXTS)
    for (path, (*_, letter, width)), whole, broken in zip(
        BRIEFING_TEXTS.items(), shown[:n], shown[n:], strict=True
    ):
        assert letter * width in whole, path
        assert letter * width in broken and letter * (width + 1) not in broken, path


# --- the scenario list ------------------------------------------------------------------------


async def test_a_title_longer_than_the_list_column_is_cut_off(tmp_path: Path) -> None:
    fits = "Een titel van precies vierendertig"
    too_long = fits + " tekens en meer"
    assert len(fits) == LIST_TITLE_WIDTH
    assert warnings_for(tmp_path, scenario_yaml(title=fits)) == []
    (problem,) = warnings_for(tmp_path, scenario_yaml(title=too_long))
    assert problem.path == "titel"
    assert f"de trainee leest '{fits}'" in problem.message

    folder = tmp_path / "lijst"
    folder.mkdir()
    paths = [folder / "past.yaml", folder / "te-lang.yaml"]
    paths[0].write_text(scenario_yaml(title=fits).replace("id: meten", "id: past"), "utf-8")
    paths[1].write_text(scenario_yaml(title=too_long).replace("id: meten", "id: te-lang"), "utf-8")
    app = make_app(folder, load(paths))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        shown = screen_text(app)
    assert shown.count(f"{fits} ") == 2, "the first 34 characters are always there"
    assert "tekens en meer" not in shown, "and not one more"


def test_the_timer_text_always_fits_on_one_line_of_the_side_panel() -> None:
    """The timer's text is written without laying out the screen again (once a second, in
    every browser of a class): that is only right while it never needs a second line."""
    from simulator.tui.widgets.timer_bar import MIN_TEXT

    assert MIN_TEXT <= SIDE_WIDTH


async def test_the_timer_stays_in_place_when_the_escalation_level_changes(tmp_path: Path) -> None:
    """At 80 columns 'dreigend controleverlies' takes two lines of the meter and 'rust' one:
    the meter keeps the larger height at every level, so the timer below never jumps."""
    text = scenario_yaml(text="Begin.", choices=("Keuze 1.", "Keuze 2."))
    path = tmp_path / "meten.yaml"
    path.write_text(text, encoding="utf-8")
    app = make_app(tmp_path, load([path]))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_scenario(pilot, "meten")
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        meter = screen.query_one(EscalationMeter)
        timer = screen.query_one("TimerBar")
        places = set()
        for level in (0, 2, 1, 3, 4):
            meter.level = level
            await pilot.pause()
            assert str(meter.content).endswith(f"{level}: {LEVELS[level]}")
            places.add((meter.region.height, timer.region.y))
        assert places == {(escalation_rows(), timer.region.y)}


def test_the_meter_shows_tension_rust_empty_and_ontspanning_low() -> None:
    """Level 0 is an empty meter, controleverlies a full one, and ontspanning (4, the
    tension draining away after the peak) one block: never a full meter for calming down."""
    from simulator.language.screen_fit import METER_FULL, escalation_text

    filled = {level: escalation_text(level).count(METER_FULL) for level in LEVELS}
    assert filled == {0: 0, 4: 1, 1: 2, 2: 3, 3: 4}
    assert "░" not in "".join(escalation_text(level) for level in LEVELS)  # no shading
