"""Examenuitslag: every scenario of the exam with its score; Enter opens its debrief."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from simulator.store.session import Session
from simulator.tui.screens.debrief import DebriefScreen
from simulator.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from simulator.tui.app import RegieApp


class ExamSummaryScreen(Screen[None]):
    DEFAULT_CSS = """
    ExamSummaryScreen Vertical { padding: 1 2; }
    ExamSummaryScreen #exam-result { height: auto; margin-bottom: 1; }
    """
    BINDINGS = [Binding("escape", "back", "Naar de lijst", id="exam-back")]

    def __init__(self, sessions: list[Session], pass_mark: int) -> None:
        super().__init__()
        self.sessions, self.pass_mark = sessions, pass_mark

    @property
    def regie(self) -> RegieApp:
        return cast("RegieApp", self.app)

    def compose(self) -> ComposeResult:
        scores = [s.row.score or 0 for s in self.sessions]
        all_passed = all(s.row.passed for s in self.sessions)
        mean = round(sum(scores) / len(scores)) if scores else 0
        passed = all_passed and mean >= self.pass_mark
        yield Header()
        with Vertical():
            yield Static(
                f"[b]{'GESLAAGD' if passed else 'NIET GESLAAGD'}[/b] voor het examen: gemiddeld {mean} "
                f"(slaaggrens {self.pass_mark}); {sum(1 for s in self.sessions if s.row.passed)} van de "
                f"{len(self.sessions)} scenario's gehaald. Kies een scenario voor de nabespreking.",
                id="exam-result",
            )
            table: DataTable[str] = DataTable(cursor_type="row")
            table.add_columns("scenario", "score", "uitslag")
            for i, s in enumerate(self.sessions):
                table.add_row(
                    s.attempt.scenario.title,
                    str(s.row.score if s.row.score is not None else "–"),
                    "geslaagd" if s.row.passed else "niet geslaagd",
                    key=str(i),
                )
            yield table
        yield KeyFooter()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.app.push_screen(
            DebriefScreen(self.sessions[int(event.row_key.value or 0)], over_summary=True)
        )

    def action_back(self) -> None:
        self.regie.back_to_list()
