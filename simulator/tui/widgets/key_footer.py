"""The keys at the bottom of every screen: Textual's Footer, built again only when they change.

Textual's Footer builds all its keys anew whenever the screen's bindings may have changed
(focus moves, a screen comes or goes) — on the play screen a dozen times before it is first
drawn, each time restyling every key. This one remembers which keys it shows and skips the
rebuild when they are the same: the same footer, a fraction of the work (one browser's
play screen, and thirty in a class). It leaves out the command palette's key, so that every
screen's own keys fit 80 columns.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.widgets import Footer


class KeyFooter(Footer):
    _shown: Hashable = None

    def __init__(self, *, show_command_palette: bool = False) -> None:
        """Without the command palette's key: at 80 columns it pushed the screen's own keys
        off the footer ('^q Afslui▏^p palette'). The palette still opens with its key."""
        super().__init__(show_command_palette=show_command_palette)

    def _keys(self) -> Hashable:
        """What ``Footer.compose`` shows: the keys with their labels and whether they work."""
        active = self.screen.active_bindings
        keys = tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in active.values()
            if binding.show
        )
        palette = active.get(self.app.COMMAND_PALETTE_BINDING)
        shown_palette = self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE
        return (keys, (palette[1].key, palette[2]) if palette and shown_palette else None)

    async def recompose(self) -> None:
        if not self._bindings_ready or not self.is_attached:
            await super().recompose()
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await super().recompose()
