"""Small questions the tree asks: a name or title to type, and a yes-or-no before acting."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from rehearse.ui.in_order import InOrderInput

Check = Callable[[str], str | None]  # the typed text -> why it cannot be used, or None


class TextPrompt(ModalScreen[str | None]):
    """One line to type; Enter gives it (once `check` finds nothing wrong), Esc cancels."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="prompt.cancel")]

    def __init__(self, title: str, value: str = "", *, check: Check | None = None) -> None:
        super().__init__()
        self._title = title
        self._value = value
        self._check = check

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog"):
            yield Label(self._title, id="prompt-title", markup=False)
            yield InOrderInput(self._value, id="prompt-input", select_on_focus=False)
            yield Label("Enter: OK   Esc: cancel", id="prompt-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.is_current:  # a second Enter typed in the same burst: answered already
            return
        problem = self._check(event.value) if self._check is not None else None
        if problem is None:
            self.dismiss(event.value)
            return
        error = self.query_one("#prompt-error", Label)
        error.update(f"⚠ {problem}")
        error.add_class("-error")


class ConfirmScreen(ModalScreen[bool]):
    """A question with two answers: `yes` (y, or its button) and Cancel (Esc, n)."""

    BINDINGS = [
        Binding("y", "dismiss(True)", "Yes", id="confirm.yes"),
        Binding("escape,n", "dismiss(False)", "Cancel", id="confirm.cancel"),
    ]

    def __init__(self, question: str, yes: str, *, danger: bool = False) -> None:
        super().__init__()
        self._question = question
        self._yes = yes
        self._danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Label(self._question, id="confirm-question", markup=False)
            with Horizontal(id="confirm-buttons"):
                variant = "error" if self._danger else "primary"
                yield Button(f"{self._yes} (y)", id="confirm-yes", variant=variant)
                yield Button("Cancel (esc)", id="confirm-cancel")

    def on_mount(self) -> None:
        self.query_one("#confirm-cancel", Button).focus()  # Enter never deletes by accident

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")
