"""The group, one row per trainee: where they are now, what they finished and passed.

Every cell is a ``Text``, never a string: DataTable reads a string as Rich markup, and a
name is whatever a trainee typed (``Piet [/x]`` would break the view, ``[b]…`` restyle it).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from simulator.reports.live import TraineeLive

COLUMNS = ("naam", "nu", "scenario", "fase", "af", "gehaald", "laatste poging")


def _short(text: str, width: int) -> Text:
    """The text as it is (no markup), cut to ``width`` with an ellipsis."""
    return Text(text if len(text) <= width else text[: width - 1] + "…")


class GroupTable(DataTable[Text]):
    DEFAULT_CSS = """
    GroupTable { height: auto; max-height: 20; margin-bottom: 1; }
    """

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_columns(*COLUMNS)

    def show(self, trainees: tuple[TraineeLive, ...]) -> None:
        row = self.cursor_row
        self.clear()
        for t in trainees:
            passed = str(len(t.passed)) + (f": {', '.join(t.passed)}" if t.passed else "")
            self.add_row(
                _short(t.name, 24),
                Text(t.now),
                _short(t.scenario, 28),
                _short(t.fase, 34),
                Text(str(t.finished)),
                _short(passed, 40),
                _short(t.last, 44),
                key=t.name,
            )
        if trainees:
            self.move_cursor(row=min(row, len(trainees) - 1))
