"""Asked before quitting with unsaved edits."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.screen import ModalScreen
from textual.widgets import Button, Label

QuitChoice = Literal["save", "discard", "cancel"]


class QuitScreen(ModalScreen[QuitChoice]):
    BINDINGS = [
        Binding("escape", "choose('cancel')", "Cancel", id="quit.cancel"),
        Binding("s", "choose('save')", "Save and quit", id="quit.save"),
        Binding("d", "choose('discard')", "Quit without saving", id="quit.discard"),
    ]

    def __init__(self, unsaved: list[tuple[str, bool]]) -> None:
        """`unsaved`: each section's name, and whether it is in conflict."""
        super().__init__()
        self._unsaved = unsaved

    def compose(self) -> ComposeResult:
        shown = self._unsaved[:8]
        more = f"\n  … and {len(self._unsaved) - len(shown)} more" if len(self._unsaved) > 8 else ""
        listing = "\n".join(f"  {'⚡' if conflict else '●'} {name}" for name, conflict in shown)
        listing += more
        with Grid(id="quit-dialog"):
            yield Label(
                f"Unsaved edits in {len(self._unsaved)} section(s):\n{listing}",
                id="quit-question",
                markup=False,
            )
            yield Button("Save and quit (s)", variant="primary", id="save")
            yield Button("Quit without saving (d)", variant="error", id="discard")
            yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#save", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id
        if choice in ("save", "discard", "cancel"):
            self.dismiss(choice)  # type: ignore[arg-type]

    def action_choose(self, choice: QuitChoice) -> None:
        self.dismiss(choice)
