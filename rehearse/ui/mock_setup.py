"""Before a mock interview: which questions (a category, a file, all notes; all, due or never
rehearsed), in which order, how many, and whether their follow-up questions come after them.
It opens with the last choice made."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Label, RadioButton, RadioSet

from rehearse.core.mock_plan import COUNTS, MockChoice, MockPlan, Pick, Scope, scope_for
from rehearse.core.schedule import Order

ORDER_LABELS = {
    Order.SCHEDULED: "Scheduled: due, weakest first",
    Order.SHUFFLED: "Shuffled",
    Order.NOTES: "Note order",
}
PICK_LABELS = {Pick.ALL: "Any", Pick.DUE: "Due for review", Pick.NEW: "Never rehearsed"}


def _count_label(count: int | None) -> str:
    return "All" if count is None else str(count)


class MockSetupScreen(ModalScreen[MockPlan | None]):
    """Enter starts with the choices shown."""

    CSS_PATH = "rehearsal.tcss"

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="mock_setup.cancel")]

    def __init__(self, scopes: Sequence[Scope], choice: MockChoice | None = None) -> None:
        super().__init__()
        self._scopes = list(scopes)
        self._choice = choice or MockChoice()

    def compose(self) -> ComposeResult:
        choice = self._choice
        scope = scope_for(self._scopes, choice.scope)
        with Vertical(id="mock-setup"):
            yield Label("Mock interview", id="mock-setup-title")
            with Horizontal(classes="mock-setup-row"):
                with RadioSet(id="mock-scope"):
                    for number, each in enumerate(self._scopes):
                        label = Text(f"{each.label} ({len(each.questions)})")
                        yield RadioButton(label, value=number == scope)
                with RadioSet(id="mock-order"):
                    for order, label in ORDER_LABELS.items():
                        yield RadioButton(label, value=order is choice.order)
            with Horizontal(classes="mock-setup-row"):
                with RadioSet(id="mock-count"):
                    for count in COUNTS:
                        yield RadioButton(_count_label(count), value=count == choice.count)
                with RadioSet(id="mock-pick"):
                    for pick, label in PICK_LABELS.items():
                        yield RadioButton(label, value=pick is choice.pick)
            yield Checkbox(
                "With follow-ups (꼬리 질문) right after each question",
                choice.follow_ups,
                id="mock-follow-ups",
            )
            yield Button("Start (enter)", variant="primary", id="mock-start")

    def on_mount(self) -> None:
        titles = {"scope": "Questions", "order": "Order", "count": "How many", "pick": "Which"}
        for name, title in titles.items():
            self.query_one(f"#mock-{name}", RadioSet).border_title = title
        self.query_one("#mock-start", Button).focus()

    def _pressed(self, name: str) -> int:
        return max(self.query_one(f"#{name}", RadioSet).pressed_index, 0)

    @on(Button.Pressed, "#mock-start")
    def start(self) -> None:
        scope = self._scopes[self._pressed("mock-scope")]
        choice = MockChoice(
            scope=scope.kind,
            order=list(ORDER_LABELS)[self._pressed("mock-order")],
            count=COUNTS[self._pressed("mock-count")],
            pick=list(PICK_LABELS)[self._pressed("mock-pick")],
            follow_ups=self.query_one("#mock-follow-ups", Checkbox).value,
        )
        self.dismiss(MockPlan(scope, choice))

    def action_cancel(self) -> None:
        self.dismiss(None)
