"""The visitor's escalation level 0-4, as a meter with its name (never colour alone).

The meter shows tension: rust is empty, controleverlies full, and ontspanning (4, the
tension draining away after the peak) one block, not a full meter.
"""

from __future__ import annotations

from textual.events import Resize
from textual.reactive import reactive

from simulator.language.screen_fit import escalation_rows, escalation_text
from simulator.tui.widgets.panel import Panel


class EscalationMeter(Panel):
    BORDER_TITLE = "Escalatie"
    DEFAULT_CSS = """
    EscalationMeter.-high { border: round $error; }
    """

    level: reactive[int] = reactive(0, layout=False)
    _fitted_width = 0

    def on_resize(self, event: Resize) -> None:
        """One height at every level (the longest text at this width): a new level is drawn
        again in place, and the timer below it stays where it is."""
        width = self.content_region.width
        if width and width != self._fitted_width:
            self._fitted_width = width
            self.styles.height = escalation_rows(width)

    def watch_level(self, level: int) -> None:
        self.update(escalation_text(level), layout=False)
        self.set_class(level in (2, 3), "-high")
