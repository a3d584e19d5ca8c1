"""Trainer: the group live (every few seconds), and at the end the group report.

Reached from the welcome screen with the trainer code. It only reads the store, except for
writing the group report (HTML, the same as ``regie report --groep``) into the data folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from simulator.reports.data import now_local
from simulator.reports.live import GroupLive, group_live
from simulator.store import StoreError
from simulator.store.files import GROUP_REPORTS, why_not_written, write_private
from simulator.tui.screens.confirm import ConfirmScreen
from simulator.tui.widgets.group_table import GroupTable
from simulator.tui.widgets.key_footer import KeyFooter
from simulator.tui.widgets.rule_ranking import RuleRanking

if TYPE_CHECKING:
    from simulator.tui.served import ServedRegieApp

REFRESH = 3.0  # seconds


def write_group_report(served: ServedRegieApp) -> Path:
    """The group report as one HTML file in the data folder; its path."""
    from simulator.reports import html
    from simulator.reports.build import build_report

    groep = served.served.groep
    report = build_report(served.store, served.lib, groep=groep)
    if isinstance(report, str):  # the group has no trainees yet: an empty report says so
        from simulator.reports.data import group_report

        report = group_report([], served.lib, groep=groep, members={})
    stamp = now_local()  # the zone of the report's other times
    path = served.served.data / (
        GROUP_REPORTS.replace("*", f"{groep or 'iedereen'}-{stamp.strftime('%Y%m%d-%H%M%S')}")
    )
    page = html.render(report, generated=stamp.strftime("%Y-%m-%d %H:%M"))
    write_private(path, page.encode("utf-8"))  # names and results: the trainer's only
    return path


class TrainerScreen(Screen[None]):
    DEFAULT_CSS = """
    TrainerScreen VerticalScroll { padding: 0 1; }
    TrainerScreen #summary { margin: 1 0; height: auto; }
    TrainerScreen #report { margin-top: 1; height: auto; }
    """
    BINDINGS = [
        Binding("g", "report", "Groepsverslag maken", id="trainer-report"),
        Binding("w", "reset_pin", "Pincode wissen", id="trainer-reset-pin"),
        Binding("escape", "back", "Afmelden", id="trainer-back"),
        Binding("f1", "app.help", "Hulp", id="trainer-help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.live: GroupLive | None = None

    @property
    def regie(self) -> ServedRegieApp:
        return cast("ServedRegieApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("", id="summary")
            yield GroupTable()
            yield RuleRanking()
            yield Static(
                "Het groepsverslag (g) komt als HTML-bestand in de map van de resultaten: "
                "printbaar, met wie waarvoor slaagde, de meest overtreden regels en wie nog "
                "wat moet doen.",
                id="report",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        groep = self.regie.served.groep
        self.sub_title = f"Trainer — groep {groep}" if groep else "Trainer"
        self.refresh_view()
        if self.regie.realtime:
            self.set_interval(REFRESH, self.refresh_view)

    def refresh_view(self) -> None:
        try:
            live = group_live(
                self.regie.store, self.regie.classroom, self.regie.lib, self.regie.served.groep
            )
        except StoreError as exc:
            self.query_one("#summary", Static).update(escape(str(exc)))
            return
        self.live = live
        self.query_one("#summary", Static).update(
            escape(live.summary()) + "\nDit overzicht ververst zich elke paar seconden."
        )
        self.query_one(GroupTable).show(live.trainees)
        self.query_one(RuleRanking).show(live.rules)

    def action_report(self) -> None:
        try:
            path = write_group_report(self.regie)
        except (OSError, StoreError) as exc:
            self.query_one("#report", Static).update(
                escape(
                    "Het groepsverslag kon niet worden geschreven: "
                    + (why_not_written(exc) if isinstance(exc, OSError) else str(exc))
                )
            )
            return
        self.query_one("#report", Static).update(
            f"[b]Groepsverslag geschreven:[/b]\n{escape(str(path))}\n"
            "Open het met een browser op de computer waarop 'regie serve' draait, of print het."
        )
        self.notify("Groepsverslag geschreven.")

    def action_reset_pin(self) -> None:
        """A trainee forgot their pincode: wipe it, they choose a new one at the next sign-in
        (their results stay)."""
        table = self.query_one(GroupTable)
        if self.live is None or not self.live.trainees or table.cursor_row < 0:
            return
        name = self.live.trainees[min(table.cursor_row, len(self.live.trainees) - 1)].name

        def answered(wipe: bool | None) -> None:
            if wipe and self.regie.classroom.reset_pin(name):
                self.notify(
                    f"De pincode van {escape(name)} is gewist; bij de volgende aanmelding kiest "
                    "die trainee een nieuwe."
                )

        self.app.push_screen(
            ConfirmScreen(
                f"De pincode van {escape(name)} wissen? De resultaten blijven bewaard; bij de volgende "
                "aanmelding kiest deze trainee een nieuwe pincode."
            ),
            answered,
        )

    def action_back(self) -> None:
        self.app.pop_screen()
