"""Voortgang: every counted attempt as a bar on a fixed 0-100 scale with the pass mark, and
each competency over the attempts on that same scale.

The old screen drew a sparkline per competency scaled to its own lowest and highest value:
one attempt of 60 and one of 100 were two identical full bars, and a steady 100 an empty
baseline. Here every bar and column has the same scale, and the scale is written on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Header, Static

from scoring.rules.citations import COMPETENCIES
from simulator.dutch import plural
from simulator.reports.data import local_date
from simulator.reports.shorten import shorten
from simulator.store import AttemptRow
from simulator.tui.widgets.key_footer import KeyFooter
from simulator.tui.widgets.score_chart import axis, columns, score_bar

if TYPE_CHECKING:
    from simulator.tui.app import RegieApp

HISTORY = 24  # the latest attempts drawn per competency
DEFAULT_PASS_MARK = 70
FIXED = 6 + 9 + 4 + 14  # 'dd-mm ', 'training ', ' 100', ' niet geslaagd'


def pass_mark_of(row: AttemptRow) -> int:
    mark = row.result.pass_mark if row.result is not None else None
    return int(mark) if mark is not None else DEFAULT_PASS_MARK


def widths(width: int) -> tuple[int, int]:
    """The title column and the bar, for a chart ``width`` cells wide."""
    bar = max(20, min(40, (width - FIXED) // 2))
    return max(12, min(34, width - FIXED - bar - 1)), bar


def attempt_lines(rows: list[AttemptRow], titles: dict[str, str], width: int) -> list[str]:
    """A header, the scale, and a line per attempt (the newest first)."""
    title_width, bar_width = widths(width)
    marks = {pass_mark_of(a) for a in rows}
    shared = marks.pop() if len(marks) == 1 else None
    left = 6 + title_width + 1 + 9
    lines = [
        f"{'datum':<6}{'scenario':<{title_width}} {'modus':<9}{'score':<{bar_width + 5}}uitslag",
        " " * left + axis(bar_width, shared),
    ]
    for a in reversed(rows):
        day = local_date(a.started)
        date = f"{day[8:10]}-{day[5:7]}" if len(day) >= 10 else day[:5]
        title = shorten(titles.get(a.scenario, a.scenario), title_width)
        score = "–" if a.score is None else str(a.score)
        outcome = "geslaagd" if a.passed else "niet geslaagd"
        bar = score_bar(a.score, bar_width, pass_mark_of(a))
        lines.append(
            f"{date:<6}{escape(title):<{title_width}} {a.mode:<9}{bar} {score:>3} {outcome}"
        )
    lines.append("Elke balk loopt van 0 tot 100; │ is de slaaggrens.")
    return lines


def competency_lines(rows: list[AttemptRow]) -> list[str]:
    """Per competency: a column per attempt (the oldest left, 0-100 in eighths), the last
    value and over how many attempts."""
    lines = [f"{'':<21}{'0-100, oudste links':<{HISTORY + 2}}laatste"]
    for name in COMPETENCIES:
        values = [
            float(v) for a in rows if a.result and (v := a.result.competency(name)) is not None
        ]
        if not values:
            lines.append(f"{name:<21}{'nog geen gegevens'}")
            continue
        shown = columns(values[-HISTORY:])
        count = plural(len(values), "poging", "pogingen")
        lines.append(f"{name:<21}{shown:<{HISTORY + 2}}{values[-1]:>3.0f}  ({count})")
    return lines


class AttemptChart(Static):
    """The attempts' bars, drawn again for the width they get."""

    def __init__(self, rows: list[AttemptRow], titles: dict[str, str]) -> None:
        super().__init__(classes="chart", id="scores")
        self.rows, self.titles = rows, titles

    def on_resize(self, event: Resize) -> None:
        width = self.content_region.width
        if width:
            self.update("\n".join(attempt_lines(self.rows, self.titles, width)))


class ProgressScreen(Screen[None]):
    DEFAULT_CSS = """
    ProgressScreen VerticalScroll { padding: 0 1; }
    ProgressScreen .section { margin-top: 1; text-style: bold; }
    ProgressScreen .chart { height: auto; padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug", id="progress-back"),
        Binding("f1", "app.help", "Hulp", id="progress-help"),
    ]

    @property
    def regie(self) -> RegieApp:
        return cast("RegieApp", self.app)

    def compose(self) -> ComposeResult:
        rows = [a for a in self.regie.store.attempts(trainee=self.regie.trainee_name) if a.counts]
        lib = self.regie.lib
        titles = {sid: sc.title for sid, sc in lib.scenarios.items()}
        yield Header()
        with VerticalScroll():
            if not rows:
                yield Static(
                    "U hebt nog geen scenario afgerond. Uw voortgang verschijnt hier.",
                    classes="section",
                )
            else:
                n = plural(len(rows), "poging", "pogingen")
                yield Static(f"Uw {n}, de nieuwste bovenaan", classes="section")
                yield AttemptChart(rows, titles)
                yield Static("Per competentie", classes="section")
                yield Static("\n".join(competency_lines(rows)), classes="chart", id="competencies")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Voortgang van {self.regie.trainee_name}"
