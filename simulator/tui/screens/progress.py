"""Voortgang: past attempts and progress per competency."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Sparkline, Static

from scoring.rules.citations import COMPETENCIES
from simulator.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from simulator.tui.app import RegieApp


class ProgressScreen(Screen[None]):
    DEFAULT_CSS = """
    ProgressScreen VerticalScroll { padding: 0 1; }
    ProgressScreen DataTable { height: auto; max-height: 14; margin-bottom: 1; }
    ProgressScreen Sparkline { height: 2; width: 40; }
    ProgressScreen .competency { height: auto; margin-top: 1; }
    """
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Terug", id="progress-back"),
        Binding("f1", "app.help", "Hulp", id="progress-help"),
    ]

    @property
    def regie(self) -> RegieApp:
        return cast("RegieApp", self.app)

    def compose(self) -> ComposeResult:
        attempts = [
            a for a in self.regie.store.attempts(trainee=self.regie.trainee_name) if a.counts
        ]
        lib = self.regie.lib
        yield Header()
        with VerticalScroll():
            if not attempts:
                yield Static("U hebt nog geen scenario afgerond. Uw voortgang verschijnt hier.")
            table: DataTable[str] = DataTable(zebra_stripes=True)
            table.add_columns("datum", "scenario", "modus", "score", "uitslag")
            for a in reversed(attempts):
                title = (
                    lib.scenarios[a.scenario].title if a.scenario in lib.scenarios else a.scenario
                )
                outcome = "geslaagd" if a.passed else "niet geslaagd"
                table.add_row(
                    a.started[:10],
                    title,
                    a.mode,
                    str(a.score if a.score is not None else "–"),
                    outcome,
                )
            yield table
            for name in COMPETENCIES:
                values = [
                    float(v)
                    for a in attempts
                    if a.result and (v := a.result.competency(name)) is not None
                ]
                last = f"laatst {values[-1]:.0f}" if values else "nog geen gegevens"
                yield Label(f"{name}: {last} (over {len(values)} pogingen)", classes="competency")
                yield Sparkline(values or [0.0], summary_function=max)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Voortgang van {self.regie.trainee_name}"
