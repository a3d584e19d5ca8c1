"""Klassikaal: the trainer picks the scenario the group plays together.

The scenarios of the group's course come first (the courses its trainees played in), then
those of the other training courses. Enter opens the class session and its control page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.engine.class_session import ClassError
from simulator.store import StoreError
from simulator.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from simulator.tui.served import ServedRegieApp


def course_order(served: ServedRegieApp) -> list[str]:
    """The training courses, the group's own first (those its attempts were made in)."""
    lib = served.lib
    groep = served.served.groep
    try:
        played = [a.course for a in served.store.attempts(groep=groep) if a.course]
    except StoreError:
        played = []
    own = [c for c in dict.fromkeys(played) if c in lib.courses and not lib.courses[c].exam]
    rest = [cid for cid, c in lib.courses.items() if not c.exam and cid not in own]
    return own + rest


class ClassSetupScreen(Screen[None]):
    DEFAULT_CSS = """
    ClassSetupScreen Vertical { padding: 0 1; }
    ClassSetupScreen #class-intro { height: auto; margin: 1 0; }
    ClassSetupScreen OptionList { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "back", "Terug", id="class-setup-back"),
        Binding("f1", "app.help", "Hulp", id="class-setup-help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.picks: dict[str, tuple[str, str | None]] = {}  # option id -> (scenario, course)

    @property
    def regie(self) -> ServedRegieApp:
        return cast("ServedRegieApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static(
                "[b]Klassikaal spelen[/b]: de hele groep speelt één scenario, u leidt. Kies het "
                "scenario (↑ ↓ en Enter). Daarna zet u de beamer klaar (b in het "
                "groepsoverzicht, in een tweede venster of dit venster) en begint u met s.",
                id="class-intro",
            )
            options: list[Option] = []
            lib = self.regie.lib
            for cid in course_order(self.regie):
                course = lib.courses[cid]
                options.append(Option(f"[b]{escape(course.title)}[/b]", disabled=True))
                for sid in course.scenarios:
                    sc = lib.scenarios.get(sid)
                    if sc is None:
                        continue
                    key = f"{cid}/{sid}"
                    self.picks[key] = (sid, cid)
                    options.append(
                        Option(
                            f"  {escape(sc.title)} ({sc.role}, {sc.difficulty}, "
                            f"{sc.duration_minutes} min)",
                            id=key,
                        )
                    )
            yield OptionList(*options, id="class-scenarios")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = "Klassikaal: kies een scenario"
        options = self.query_one(OptionList)
        options.focus()
        options.highlighted = next(
            (i for i in range(options.option_count) if not options.get_option_at_index(i).disabled),
            None,
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        pick = self.picks.get(event.option.id or "")
        if pick is None:
            return
        sid, course = pick
        regie = self.regie
        try:
            session = regie.class_store.open(regie.served.groep, sid, course, regie.new_seed())
        except (ClassError, StoreError) as exc:
            self.notify(str(exc), severity="warning")
            return
        from simulator.tui.screens.class_lead import ClassLeadScreen

        self.app.switch_screen(ClassLeadScreen(session.state.id, projector=False))

    def action_back(self) -> None:
        self.app.pop_screen()
