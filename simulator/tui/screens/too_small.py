"""Shown while the terminal is smaller than the app needs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import ModalScreen
from textual.widgets import Static

MIN_WIDTH, MIN_HEIGHT = 80, 24


class TooSmallScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    TooSmallScreen { align: center middle; background: $background; }
    TooSmallScreen Static { width: auto; max-width: 100%; padding: 0 1; text-align: center; }
    """

    def compose(self) -> ComposeResult:
        yield Static(
            f"Het venster is te klein voor Regie.\nMaak het minstens {MIN_WIDTH} × {MIN_HEIGHT} tekens groot."
        )
