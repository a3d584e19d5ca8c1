"""The time left to choose, as a bar with the seconds written out."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, ProgressBar

from simulator.tui.widgets.panel import panel_css

MIN_TEXT = len("Nog 999 s  (pauze)")  # the longest text, on one line


class TimerBar(Vertical):
    BORDER_TITLE = "Tijd"
    DEFAULT_CSS = (
        panel_css("TimerBar")
        + """
    TimerBar { height: 4; }
    TimerBar Label { width: 1fr; }
    TimerBar ProgressBar { width: 1fr; }
    TimerBar ProgressBar Bar { width: 1fr; }
    TimerBar.-urgent { border: round $error; }
    """
    )

    def compose(self) -> ComposeResult:
        yield Label("", id="timer-text")
        yield ProgressBar(total=100, show_eta=False, show_percentage=False, id="timer-progress")

    def show(self, left: float | None, total: float | None, *, paused: bool = False) -> None:
        text = self.query_one("#timer-text", Label)
        bar = self.query_one("#timer-progress", ProgressBar)
        if left is None or not total:
            if str(text.content) != "Geen tijdsdruk":
                text.update("Geen tijdsdruk", layout=False)
            bar.update(total=100, progress=0)
            self.remove_class("-urgent")
            return
        seconds = max(0, int(left + 0.999))
        suffix = "  (pauze)" if paused else ""
        shown = f"Nog {seconds} s{suffix}"
        if str(text.content) != shown:  # called every tick: the same text costs nothing
            # one line that always fits (MIN_TEXT, see tests/tui/test_screen_fit.py): a new
            # text needs drawing, not a new layout of the whole screen (once a second, in
            # every browser of a class)
            text.update(shown, layout=False)
        # whole seconds, like the text: the bar is drawn again once a second, not every tick
        # (with thirty browsers on one server, every redraw counts)
        bar.update(total=total, progress=min(float(total), float(seconds)))
        self.set_class(left <= min(5.0, total / 3), "-urgent")
