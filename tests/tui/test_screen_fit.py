"""The limits of ``simulator.language.screen_fit`` are the app's, measured at 80 × 24.

Each test renders the real screen at the app's smallest size with a text exactly at a limit
and one just beyond it, reads what is on the screen, and checks that ``regie check`` warns
about the second and not the first. If the app's layout changes, these tests fail and the
constants in ``simulator/language/screen_fit.py`` must be measured again.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console
from textual.app import App
from textual.containers import VerticalScroll
from textual.content import Content

from simulator.language.library import load
from simulator.language.problems import Problem, Severity
from simulator.language.screen_fit import (
    BRIEFING_ITEM_WIDTH,
    BRIEFING_QUOTE_WIDTH,
    BRIEFING_WIDTH,
    CHOICE_LIST_MAX_ROWS,
    CHOICE_VISIBLE_LINES,
    CHOICE_WIDTH,
    CHOICE_WIDTH_SCROLLING,
    LIST_TITLE_WIDTH,
    LOG_FEEDBACK_WIDTH,
    LOG_SPEECH_WIDTH,
    LOG_WIDTH,
    SCREEN_COLUMNS,
    SCREEN_ROWS,
    SIDE_WIDTH,
    TIMER_ROWS,
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
from tests.tuikit import LIB, make_app, pick_scenario, sign_in, start_scenario

SIZE = (SCREEN_COLUMNS, SCREEN_ROWS)
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
            "        naar: klaar",
        ]
        if i == 1:
            lines.append("        model: ja")
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


def screen_text(app: App[None]) -> str:
    """The characters on the screen, as the trainee sees them."""
    console = Console(width=SCREEN_COLUMNS, record=True, file=io.StringIO())
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


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


async def play_screens(tmp_path: Path, *texts: str) -> list[str]:
    """The play screen at 80 × 24 as each scenario begins, in one run of the app."""
    app = app_with(tmp_path / "app", texts)
    shown: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        app.trainee = app.store.trainee("Sanne de Wit", None)
        for i in range(len(texts)):
            session = Session.start(app.store, app.lib, app.trainee, f"meten-{i}", 0)
            await app.push_screen(PlayScreen(session))
            await pilot.pause()
            shown.append(screen_text(app))
            app.pop_screen()
            await pilot.pause()
    return shown


# --- the app's minimum size and the widths of its panels --------------------------------------


def test_the_limits_are_taken_at_the_apps_minimum_size() -> None:
    assert (SCREEN_COLUMNS, SCREEN_ROWS) == (MIN_WIDTH, MIN_HEIGHT)


async def test_the_panel_sizes_are_those_of_the_play_screen(tmp_path: Path) -> None:
    eight_lines = tuple(f"Keuze {i}." for i in range(1, 9))  # the list must scroll
    text = scenario_yaml(text=words("Begin", 120), choices=eight_lines)
    path = tmp_path / "meten.yaml"
    path.write_text(text, encoding="utf-8")
    app = make_app(tmp_path, load([path]))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pick_scenario(pilot, "meten")
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        log = screen.query_one("StoryLog")
        assert log.scrollable_content_region.width == LOG_WIDTH
        assert LOG_WIDTH - INDENT["speech"] == LOG_SPEECH_WIDTH
        assert screen.query_one("VisitorPanel").content_region.width == SIDE_WIDTH
        assert screen.query_one("EscalationMeter").region.height == escalation_rows() == 4
        assert screen.query_one("TimerBar").region.height == TIMER_ROWS
        choices = screen.query_one("ChoiceList")
        assert choices.region.height == CHOICE_LIST_MAX_ROWS
        assert choices.scrollable_content_region.height == CHOICE_VISIBLE_LINES
        assert choices.scrollable_content_region.width == CHOICE_WIDTH_SCROLLING
        assert choices.content_region.width == CHOICE_WIDTH


def test_feedback_is_indented_four_more_than_the_story() -> None:
    assert LOG_WIDTH - INDENT["feedback"] == LOG_FEEDBACK_WIDTH


def test_lines_are_counted_as_textual_wraps_them() -> None:
    samples = [
        "https://www.gemeente-voorbeeld.nl/werkplein/een-heel-lang-adres-zonder-spaties-erin-x",
        "Een regel\nmet een harde\n\nregelovergang",
        "Ĳsselmonde — “citaat” café 日本語の文字は二つ分の幅",
        "  ingesprongen   met   meer   spaties  ",
    ]
    for sc in LIB.scenarios.values():  # every text of the bundled library
        samples += [sc.title, sc.visitor.name]
        for fase in sc.fasen.values():
            samples += [fase.text, fase.says or ""]
            samples += [choice_prompt(i, c.text) for i, c in enumerate(fase.choices, 1)]
    for text in dict.fromkeys(samples):
        for width in (SIDE_WIDTH, LOG_WIDTH, CHOICE_WIDTH_SCROLLING):
            assert wrapped_lines(text, width) == len(Content(text).wrap(width)), (width, text)


# --- a choice ---------------------------------------------------------------------------------


async def test_a_choice_of_six_lines_is_seen_whole_and_one_of_seven_is_not(
    tmp_path: Path,
) -> None:
    fits = grow("EERSTE", "LAATSTE", CHOICE_WIDTH, CHOICE_VISIBLE_LINES, prefix="1  ")
    too_long = grow("EERSTE", "LAATSTE", CHOICE_WIDTH_SCROLLING, 7, prefix="1  ")
    assert warnings_for(tmp_path, scenario_yaml(choices=(fits,))) == []
    (problem,) = warnings_for(tmp_path, scenario_yaml(choices=(too_long,)))
    assert problem.path == "fasen.boos.keuzes[1].tekst"
    assert "beslaat in de keuzelijst 7 regels" in problem.message
    assert "de lijst toont er 6" in problem.message

    whole, cut = await play_screens(
        tmp_path, scenario_yaml(choices=(fits,)), scenario_yaml(choices=(too_long,))
    )
    assert "1  EERSTE" in whole and "LAATSTE" in whole
    assert "1  EERSTE" in cut and "LAATSTE" not in cut


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
    assert "staat de eerste regel al buiten beeld" in problem.message

    # time that passes takes a line of its own, and a blank line after it
    fits_later = grow("BEGIN", "einde.", LOG_WIDTH, rows - says_lines - 2)
    assert warnings_for(tmp_path, scenario_yaml(text=fits_later, hours=4)) == []
    (problem,) = warnings_for(tmp_path, scenario_yaml(text=fits, hours=4))
    assert "staan de eerste 2 regels al buiten beeld" in problem.message

    whole, cut, later, later_cut = await play_screens(
        tmp_path,
        scenario_yaml(text=fits),
        scenario_yaml(text=too_long),
        scenario_yaml(text=fits_later, hours=4),
        scenario_yaml(text=fits, hours=4),
    )
    assert "BEGIN" in whole and "Dit pik ik niet!" in whole
    assert "BEGIN" not in cut and "Dit pik ik niet!" in cut
    assert "… 4 uur later" in later and "BEGIN" in later
    assert "… 4 uur later" not in later_cut and "BEGIN" in later_cut


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

    whole, cut = await play_screens(tmp_path, fits, too_long)
    assert "Nog 10 s" in whole and "━━━━━━━━━━" in whole
    assert "Nog 10 s" in cut and "━━━━━━━━━━" not in cut


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
