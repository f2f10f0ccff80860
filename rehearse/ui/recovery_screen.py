"""Offered at start when the recovery journal holds text that never reached its note."""

from __future__ import annotations

import time
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from rehearse.core.recovery import RecoveryEntry

RecoveryChoice = Literal["restore", "compare", "discard", "later"]
PREVIEW_LINES = 6  # of the text, each cut to one row; Compare shows it all


class RecoveryScreen(ModalScreen[RecoveryChoice]):
    BINDINGS = [
        Binding("r", "choose('restore')", "Restore", id="recovery.restore"),
        Binding("c", "choose('compare')", "Compare", id="recovery.compare"),
        Binding("d", "choose('discard')", "Discard", id="recovery.discard"),
        Binding("escape", "choose('later')", "Later", id="recovery.later"),
    ]

    def __init__(self, entry: RecoveryEntry, where: str) -> None:
        super().__init__()
        self._entry = entry
        self._where = where

    def compose(self) -> ComposeResult:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self._entry.saved_at))
        preview = self._entry.text.strip().splitlines()[:PREVIEW_LINES]
        with Vertical(id="recovery-dialog"):
            yield Label(
                f"Unsaved text from an earlier session (kept {when}):\n  {self._where}",
                id="recovery-question",
                markup=False,
            )
            # One row a line, cut short: a long paragraph pushed the buttons off the screen.
            yield Label(
                "\n".join(f"  │ {line}" for line in preview), id="recovery-preview", markup=False
            )
            with Horizontal(id="recovery-buttons"):
                yield Button("Restore (r)", id="restore", variant="primary")
                yield Button("Compare (c)", id="compare")
                yield Button("Discard (d)", id="discard", variant="error")
                yield Button("Later (esc)", id="later")

    def on_mount(self) -> None:
        self.query_one("#restore", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)  # type: ignore[arg-type]

    def action_choose(self, choice: RecoveryChoice) -> None:
        self.dismiss(choice)
