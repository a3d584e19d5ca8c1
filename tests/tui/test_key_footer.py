"""The footer shows the keys that work now, and is not rebuilt when nothing changed."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Button
from textual.widgets._footer import FooterKey

from simulator.tui.widgets.key_footer import KeyFooter


class Keys(App[None]):
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("p", "pause", "Pauze"),
        Binding("s", "stop", "Stoppen"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stoppable = True

    def compose(self) -> ComposeResult:
        yield Button("een", id="een")
        yield Button("twee", id="twee")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "stop" and not self.stoppable:
            return None  # shown, but greyed out
        return True

    def action_pause(self) -> None:
        pass

    def action_stop(self) -> None:
        pass


def shown(app: Keys) -> dict[str, bool]:
    return {
        k.description: not k.has_class("-disabled") for k in app.query(FooterKey) if k.description
    }


async def test_the_footer_follows_the_keys_and_skips_needless_rebuilds() -> None:
    app = Keys()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert shown(app) == {"Pauze": True, "Stoppen": True}
        first = app.query_one(KeyFooter).query(FooterKey).first()

        app.query_one("#twee", Button).focus()  # the same keys: the same footer widgets
        await pilot.pause()
        assert app.query_one(KeyFooter).query(FooterKey).first() is first

        app.stoppable = False  # a key that no longer works is shown as such
        app.refresh_bindings()
        await pilot.pause()
        assert shown(app) == {"Pauze": True, "Stoppen": False}
