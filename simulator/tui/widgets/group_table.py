"""The group, one row per trainee: where they are now, what they finished and passed.

Made to be read from a projector: the columns share the width the table gets (at 1366 ×
768 in a browser nothing is cut), every cell is cut after a whole word when it must be, and
'waar' says what happens in the scenario (the level and the fase's first sentence), never
a fase's id.

Every cell is a ``Text``, never a string: DataTable reads a string as Rich markup, and a
name is whatever a trainee typed (``Piet [/x]`` would break the view, ``[b]…`` restyle it).
"""

from __future__ import annotations

from rich.text import Text
from textual.events import Resize
from textual.widgets import DataTable

from simulator.reports.live import TraineeLive
from simulator.reports.shorten import shorten

COLUMNS = ("naam", "nu", "scenario", "waar", "af", "gehaald", "laatste")
PADDING = 2  # DataTable's cell padding: one cell on each side
SCROLLBAR = 2
CAPS = {"naam": 32, "nu": 18, "af": 3, "gehaald": 7}  # as wide as their longest text, at most
FLEXIBLE = {"scenario": 1, "waar": 2, "laatste": 1}  # share what is left, by weight


MIN_FLEXIBLE = 10  # a flexible column narrower than this says too little to be worth it
DROPPED_FIRST = ("gehaald", "af")  # left out when the table is too narrow for all columns


def column_widths(width: int, texts: dict[str, list[str]]) -> dict[str, int]:
    """Widths of the columns' text for a table ``width`` cells wide, given every cell's
    text per column: the short columns as wide as their longest text (with the header); the
    others share the rest by weight ('waar' twice), none more than it needs, and what one
    does not need goes to the others. A table too narrow for every column leaves out
    'gehaald' (the summary above it counts them), then 'af'."""
    shown = list(COLUMNS)
    longest = {col: max([len(col), *(len(t) for t in texts.get(col, []))]) for col in COLUMNS}
    for dropped in (None, *DROPPED_FIRST):
        if dropped is not None:
            shown.remove(dropped)
        fixed = {col: min(CAPS[col], longest[col]) for col in shown if col in CAPS}
        room = width - PADDING * len(shown) - SCROLLBAR - sum(fixed.values())
        if room >= MIN_FLEXIBLE * len(FLEXIBLE) or dropped == DROPPED_FIRST[-1]:
            break
    widths = dict(fixed)
    left = dict(FLEXIBLE)
    while left:
        unit = max(0, room) / sum(left.values())
        small = [col for col, weight in left.items() if longest[col] <= unit * weight]
        if not small:
            for col, weight in left.items():
                widths[col] = max(min(len(col), MIN_FLEXIBLE), int(unit * weight))
            break
        for col in small:
            widths[col] = longest[col]
            room -= longest[col]
            del left[col]
    return {col: widths[col] for col in shown}


class GroupTable(DataTable[Text]):
    DEFAULT_CSS = """
    GroupTable { width: 100%; height: auto; max-height: 20; margin-bottom: 1; }
    """

    _trainees: tuple[TraineeLive, ...] = ()
    _widths: dict[str, int] = {}

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True

    def on_resize(self, event: Resize) -> None:
        self._draw()

    def show(self, trainees: tuple[TraineeLive, ...]) -> None:
        self._trainees = trainees
        self._draw()

    def _draw(self) -> None:
        width = self.size.width
        if not width:
            return
        rows = [
            {
                "naam": t.name,
                "nu": t.now,
                "scenario": t.scenario,
                "waar": t.fase,
                "af": str(t.finished),
                "gehaald": str(len(t.passed)),
                "laatste": t.last,
            }
            for t in self._trainees
        ]
        widths = column_widths(width, {col: [r[col] for r in rows] for col in COLUMNS})
        row = self.cursor_row
        if widths != self._widths:
            self._widths = widths
            self.clear(columns=True)
            for col in widths:
                self.add_column(col, width=widths[col], key=col)
        else:
            self.clear()
        for t, cells in zip(self._trainees, rows, strict=True):
            self.add_row(*(Text(shorten(cells[c], widths[c])) for c in widths), key=t.name)
        if self._trainees:
            self.move_cursor(row=min(max(row, 0), len(self._trainees) - 1))
