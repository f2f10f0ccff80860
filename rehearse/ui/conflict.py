"""Showing a conflict: the banner over the editor, and both versions side by side."""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea

Choice = Literal["mine", "theirs", "compare"]


class ConflictBanner(Vertical):
    """Hidden until the open section conflicts with what another program wrote."""

    class Chosen(Message):
        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice = choice

    def compose(self) -> ComposeResult:
        yield Label("", id="conflict-reason", markup=False)
        # Short labels, so all three fit beside each other at 80 columns; the line above
        # says what each one does.
        with Horizontal(id="conflict-buttons"):
            yield Button("Compare", id="conflict-compare", variant="primary", compact=True)
            yield Button("Keep mine", id="conflict-mine", variant="warning", compact=True)
            yield Button("Take theirs", id="conflict-theirs", compact=True)

    def show(self, reason: str) -> None:
        self.query_one("#conflict-reason", Label).update(
            f"⚡ {reason}. Nothing was written. Keep mine writes your text where both changed; "
            "take theirs keeps yours aside."
        )
        self.display = True

    def hide(self) -> None:
        self.display = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        choice = (event.button.id or "").removeprefix("conflict-")
        if choice in ("mine", "theirs", "compare"):
            self.post_message(self.Chosen(choice))  # type: ignore[arg-type]


class CompareScreen(ModalScreen[Choice | None]):
    """Both versions, labelled; the user keeps one of them (or goes back)."""

    BINDINGS = [
        Binding("escape", "dismiss(None)", "Back", id="compare.back"),
        Binding("m", "dismiss('mine')", "Keep mine", id="compare.mine"),
        Binding("t", "dismiss('theirs')", "Take theirs", id="compare.theirs"),
    ]

    def __init__(self, title: str, mine: str, theirs: str | None, theirs_label: str) -> None:
        super().__init__()
        self._title = title
        self._mine = mine
        self._theirs = theirs
        self._theirs_label = theirs_label

    def compose(self) -> ComposeResult:
        with Vertical(id="compare-dialog"):
            yield Label(self._title, id="compare-title", markup=False)
            with Horizontal(id="compare-sides"):
                with Vertical(classes="compare-side"):
                    yield Label("Mine — unsaved, in rehearse", classes="compare-label -mine")
                    yield TextArea(self._mine, read_only=True, soft_wrap=True, id="compare-mine")
                with Vertical(classes="compare-side"):
                    yield Label(self._theirs_label, classes="compare-label -theirs", markup=False)
                    yield TextArea(
                        self._theirs if self._theirs is not None else "(removed on disk)",
                        read_only=True,
                        soft_wrap=True,
                        id="compare-theirs",
                    )
            with Horizontal(id="compare-buttons"):
                yield Button("Keep mine (m)", id="mine", variant="warning")
                yield Button("Take theirs (t)", id="theirs")
                yield Button("Back (esc)", id="back")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        choice = event.button.id
        self.dismiss(choice if choice in ("mine", "theirs") else None)  # type: ignore[arg-type]
