"""Who sits across from you, where, and whether order is disturbed."""

from __future__ import annotations

from textual.widgets import Static

from simulator.language.model import Facts, Scenario


class VisitorPanel(Static):
    DEFAULT_CSS = """
    VisitorPanel {
        height: auto;
        padding: 0 1;
        border: round $primary-darken-1;
        border-title-color: $text-muted;
    }
    """

    _shown: str | None = None

    def on_mount(self) -> None:
        self.border_title = "Situatie"

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
