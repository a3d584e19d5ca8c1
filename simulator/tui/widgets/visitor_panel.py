"""Who sits across from you, where, and whether order is disturbed."""

from __future__ import annotations

from rich.markup import escape

from simulator.language.model import Facts, Scenario
from simulator.tui.widgets.panel import Panel


def order_text(facts: Facts) -> str:
    """The order in the conversation, as the rules read it: disturbed or not. Never
    'rustig' beside a visitor in onrust: not disturbed is not the same as calm."""
    return "Orde: [b]verstoord ⚠[/b]" if facts.disturbed else "Orde: niet verstoord"


class VisitorPanel(Panel):
    BORDER_TITLE = "Situatie"

    _shown: str | None = None

    def show(self, scenario: Scenario, facts: Facts | None) -> None:
        name = scenario.visitor_of(facts) if facts is not None else scenario.visitor.name
        lines = [f"[b]{escape(name)}[/b]"]
        if facts is not None:
            lines.append(f"Plek: {escape(facts.location)}")
            lines.append(order_text(facts))
            if facts.danger:
                lines.append("[b]⚠ Gevaar: geweld dreigt[/b]")
        text = "\n".join(lines)
        if text != self._shown:  # called every tick: an unchanged panel costs no layout
            self._shown = text
            self.update(text)
