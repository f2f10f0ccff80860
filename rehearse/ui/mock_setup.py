"""Before a mock interview: which questions (a category, a file, all notes), in which order."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, RadioButton, RadioSet

from rehearse.core.practice import MockPlan, Scope
from rehearse.core.schedule import Order

ORDER_LABELS = {
    Order.SCHEDULED: "Scheduled: due first, weakest first",
    Order.SHUFFLED: "Shuffled",
    Order.NOTES: "Note order",
}


class MockSetupScreen(ModalScreen[MockPlan | None]):
    """Which questions, in which order; Enter starts with the choices shown."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="mock_setup.cancel")]

    def __init__(self, scopes: Sequence[Scope]) -> None:
        super().__init__()
        self._scopes = list(scopes)

    def compose(self) -> ComposeResult:
        with Vertical(id="mock-setup"):
            yield Label("Mock interview", id="mock-setup-title")
            with Horizontal(id="mock-setup-choices"):
                with RadioSet(id="mock-scope"):
                    for number, scope in enumerate(self._scopes):
                        count = len(scope.questions)
                        yield RadioButton(Text(f"{scope.label} ({count})"), value=number == 0)
                with RadioSet(id="mock-order"):
                    for number, order_label in enumerate(ORDER_LABELS.values()):
                        yield RadioButton(order_label, value=number == 0)
            yield Button("Start (enter)", variant="primary", id="mock-start")

    def on_mount(self) -> None:
        self.query_one("#mock-start", Button).focus()

    @on(Button.Pressed, "#mock-start")
    def start(self) -> None:
        scope = self.query_one("#mock-scope", RadioSet).pressed_index
        order = self.query_one("#mock-order", RadioSet).pressed_index
        self.dismiss(MockPlan(self._scopes[max(scope, 0)], list(ORDER_LABELS)[max(order, 0)]))

    def action_cancel(self) -> None:
        self.dismiss(None)
