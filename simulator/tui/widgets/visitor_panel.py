"""Who sits across from you, where, and whether order is disturbed."""

from __future__ import annotations

from simulator.language.model import Facts, Scenario
from simulator.tui.widgets.panel import Panel


class VisitorPanel(Panel):
    BORDER_TITLE = "Situatie"

    _shown: str | None = None

    def show(self, scenario: Scenario, facts: Facts | None) -> None:
        lines = [f"[b]{scenario.visitor.name}[/b]"]
        if facts is not None:
            lines.append(f"Plek: {facts.location}")
            lines.append("Orde: [b]verstoord ⚠[/b]" if facts.disturbed else "Orde: rustig")
            if facts.danger:
                lines.append("[b]⚠ Gevaar: geweld dreigt[/b]")
        text = "\n".join(lines)
        if text != self._shown:  # called every tick: an unchanged panel costs no layout
            self._shown = text
            self.update(text)
