"""The framed panel every side of the screens is made of: a round border in a muted colour,
its title in the border (``BORDER_TITLE``), one cell of padding left and right.

``Panel`` is the base of the panels that show text (the visitor, the escalation meter, the
competencies, the escalation curve, the rule ranking); the timer bar (a column of widgets)
and the conversation (a log) are other kinds of widget and take the same frame with
``panel_css``.
"""

from __future__ import annotations

from textual.widgets import Static


def panel_css(selector: str) -> str:
    """The frame of a panel, for the widget type ``selector``."""
    return f"""
    {selector} {{
        padding: 0 1;
        border: round $primary-darken-1;
        border-title-color: $text-muted;
    }}
    """


class Panel(Static):
    """A panel of text, as high as its text, with its title in the frame."""

    DEFAULT_CSS = panel_css("Panel") + "Panel { height: auto; }"
