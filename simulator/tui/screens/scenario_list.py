"""Scenario's: the scenarios of the chosen course, with what you have done.

A scenario is picked with ↑↓ and Enter, or by its number: '2' opens the second at once,
'1' waits a moment for a second digit when there are ten or more ('17'), or for Enter.
Below 100 columns the table leaves out the duration (it is in the briefing), so that every
other column is in view at 80.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from simulator.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from simulator.tui.app import RegieApp

EXAM_ROW = "__examen__"
DIGIT_PAUSE = 1.5  # seconds within which a second digit makes one number with the first


class ScenarioListScreen(Screen[None]):
    DEFAULT_CSS = """
    ScenarioListScreen Vertical { padding: 0 1; }
    ScenarioListScreen #course-intro { height: auto; margin: 1 0; }
    ScenarioListScreen DataTable { height: 1fr; }
    """
    BINDINGS = [
        *(Binding(str(d), f"number({d})", show=False, id=f"list-number-{d}") for d in range(10)),
        Binding("escape", "back", "Terug", id="list-back"),
        Binding("v", "progress", "Voortgang", id="list-progress"),
        Binding("f1", "app.help", "Hulp", id="list-help"),
    ]

    def __init__(self, course: str | None) -> None:
        super().__init__()
        self.course = course
        self.numbers: dict[int, str] = {}  # the 'nr' column: number -> scenario id
        self.typed = ""
        self.typed_at = 0.0

    @property
    def regie(self) -> RegieApp:
        return cast("RegieApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static("", id="course-intro")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="scenarios")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_rows()
        self.query_one(DataTable).focus()

    def on_screen_resume(self) -> None:
        self.refresh_rows()

    def refresh_rows(self) -> None:
        lib = self.regie.lib
        course = lib.courses.get(self.course) if self.course else None
        intro = self.query_one("#course-intro", Static)
        if course is None:
            intro.update(
                "[b]Vrij oefenen[/b]: kies een scenario met zijn nummer, of met ↑↓ en Enter. "
                "Feedback na elke keuze. Beste: uw hoogste score, ✓ als u slaagde."
            )
        elif course.exam:
            intro.update(
                f"[b]{course.title}[/b]\n{course.description}\n"
                "Examen: geen feedback tot het einde, de tijd loopt door (geen pauze). "
                "Kies 'Examen starten', of oefen eerst een scenario."
            )
        else:
            intro.update(
                f"[b]{course.title}[/b]\n{course.description}\n"
                "Kies een scenario met zijn nummer, of met ↑↓ en Enter. Beste: uw hoogste "
                "score, ✓ als u slaagde."
            )
        ids = (
            list(course.scenarios)
            if course
            else sorted(lib.scenarios, key=lambda s: (lib.scenarios[s].role, s))
        )
        best: dict[str, int] = {}
        passed: set[str] = set()
        for a in self.regie.store.attempts(trainee=self.regie.trainee_name):
            if a.score is not None:
                best[a.scenario] = max(best.get(a.scenario, 0), a.score)
            if a.passed:
                passed.add(a.scenario)
        roles = {lib.scenarios[sid].role for sid in ids}
        show_role = len(roles) > 1  # a course for one role needs no role column
        narrow = self.app.size.width < 100  # at 80 columns every column stays in view
        rows: list[tuple[str, tuple[str, ...]]] = []
        if course is not None and course.exam:
            label = f"Examen starten ({course.exam_draw} scenario's)"
            blank = [""] if show_role else []
            rows.append((EXAM_ROW, ("", label, *blank, "", *([] if narrow else [""]), "")))
        self.numbers = {}
        for i, sid in enumerate(ids, start=1):
            sc = lib.scenarios[sid]
            done = ("✓ " if sid in passed else "") + (str(best[sid]) if sid in best else "–")
            self.numbers[i] = sid
            rows.append(
                (
                    sid,
                    (
                        str(i),
                        sc.title,
                        *([sc.role] if show_role else []),
                        sc.difficulty,
                        *([] if narrow else [f"{sc.duration_minutes} min"]),
                        done,
                    ),
                )
            )
        headers = (
            "nr",
            "scenario",
            *(["rol"] if show_role else []),
            "niveau",
            *([] if narrow else ["duur"]),
            "beste",
        )
        title_cap = 34 if narrow else 60
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for col, header in enumerate(headers):
            width = max([len(header), *(len(cells[col]) for _, cells in rows)])
            table.add_column(header, width=min(width, title_cap) if header == "scenario" else width)
        for key, cells in rows:
            table.add_row(*cells, key=key)

    def action_number(self, digit: int) -> None:
        """A digit picks the scenario with that number in the 'nr' column (see the module)."""
        now = time.monotonic()
        typed = f"{self.typed}{digit}" if now - self.typed_at < DIGIT_PAUSE else str(digit)
        self.typed, self.typed_at = typed, now
        longer = [n for n in self.numbers if str(n).startswith(typed) and str(n) != typed]
        number = int(typed)
        if number not in self.numbers:
            self.typed = ""
            if not longer:
                self.notify(f"Er is geen scenario met nummer {typed}.", severity="warning")
            return
        table = self.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(self.numbers[number]))
        if not longer:  # no other number begins so: this is the one
            self.typed = ""
            self.regie.show_briefing(self.numbers[number], course=self.course)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        key = event.row_key.value
        if key == EXAM_ROW:
            self.regie.start_exam(self.course or "")
        elif key:
            self.regie.show_briefing(key, course=self.course)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_progress(self) -> None:
        self.regie.show_progress()
