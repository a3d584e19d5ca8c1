"""Scores on a fixed 0-100 scale: one bar per attempt with the pass mark through it, and a
row of small columns per competency. Never scaled to the lowest and highest value shown
(a 60 and a 100 were two identical full bars), always labelled with the scale.

Bars are solid blocks on a thin track; the pass mark is a '│' in the bar (a colour would be
lost on a projector and to a colour-blind eye).
"""

from __future__ import annotations

from collections.abc import Sequence

from simulator.language.screen_fit import METER_EMPTY, METER_FULL

PASS = "│"
EIGHTHS = " ▁▂▃▄▅▆▇█"  # a column's height in eighths: 0 is a blank cell


def score_bar(value: int | None, width: int, pass_mark: int | None = None) -> str:
    """A bar of ``width`` cells for a score of 0-100, with the pass mark drawn in it."""
    filled = 0 if value is None else round(width * max(0, min(100, value)) / 100)
    cells = [METER_FULL if i < filled else METER_EMPTY for i in range(width)]
    if pass_mark is not None:
        at = min(width - 1, round(width * pass_mark / 100))
        cells[at] = PASS
    return "".join(cells)


def axis(width: int, pass_mark: int | None) -> str:
    """The scale under (or above) ``score_bar``: '0', the pass mark where it is, '100'."""
    line = [" "] * (width + 3)
    line[0] = "0"
    line[width : width + 3] = list("100")
    if pass_mark is not None:
        at = min(width - 1, round(width * pass_mark / 100))
        label = str(pass_mark)
        start = max(2, min(at - len(label) // 2, width - len(label) - 1))
        line[start : start + len(label)] = list(label)
    return "".join(line).rstrip()


def column(value: float | None) -> str:
    """One cell for a value of 0-100: its height in eighths (a blank cell: no value)."""
    if value is None:
        return "·"
    return EIGHTHS[max(1, round(8 * max(0.0, min(100.0, value)) / 100))]


def columns(values: Sequence[float | None]) -> str:
    return "".join(column(v) for v in values)
