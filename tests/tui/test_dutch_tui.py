"""The screens in Dutch where Textual speaks English: the command palette (Ctrl+P) offers
only Regie's own commands, in Dutch, and the themes have Dutch names."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandInput, CommandList
from textual.content import Content

from simulator.tui.app import THEME_NAMES, THEMES, RegieApp
from simulator.tui.palette import NO_MATCHES, PLACEHOLDER, DutchPalette
from tests.tuikit import make_app


def notes(app: RegieApp) -> list[str]:
    return [
        Content.from_markup(n.message).plain if n.markup else n.message for n in app._notifications
    ]


def listed(app: RegieApp) -> list[str]:
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_the_palette_is_dutch_and_has_only_regies_commands(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, DutchPalette)
        assert app.screen.query_one(CommandInput).placeholder == PLACEHOLDER
        shown = " ".join(listed(app))
        for command in ("Hulp", "Thema wisselen", "Afsluiten"):
            assert command in shown
        for english in ("Quit", "Theme", "Keys", "Screenshot", "Maximize", "application"):
            assert english not in shown
        await pilot.press(*"xyzzy")
        await pilot.pause(1.0)
        assert NO_MATCHES in " ".join(listed(app))
        for _ in range(5):
            await pilot.press("backspace")
        await pilot.press(*"thema", "enter")
        await pilot.pause(0.3)
        assert not isinstance(app.screen, DutchPalette)
        assert app.theme == THEMES[1]
        assert "Thema: licht" in notes(app)


async def test_f2_names_each_theme_in_dutch(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in THEMES:
            await pilot.press("f2")
            await pilot.pause()
    said = notes(app)
    assert said[-3:] == ["Thema: licht", "Thema: hoog contrast", "Thema: donker"]
    assert not [n for n in said if "textual" in n or "regie-" in n]
    assert set(THEME_NAMES) == set(THEMES)
