"""Before a mock interview: which questions (a category, a file, all notes; all, due or never
rehearsed), in which order, how many, and whether their follow-up questions come after them.
It opens with the last choice that started an interview. Enter starts from every field (in a
list, with its highlighted option); Space chooses without starting."""

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


# Enter is each field's own binding, not a priority one on the screen: a priority binding
# would run ahead of the keys still queued for the field (Space, then Enter, typed at once).
START = Binding("enter", "screen.start", "Start", show=False)


class Choices(RadioSet):
    """A radio set whose Enter starts, with its highlighted option chosen."""

    BINDINGS = [START]

    @property
    def chosen(self) -> int:
        """The option the cursor is on while the set has the focus, else the pressed one."""
        highlighted = self._selected  # Textual keeps the cursor here, with no public name
        if self.has_focus and highlighted is not None:
            return highlighted
        return max(self.pressed_index, 0)


class FollowUps(Checkbox):
    """A checkbox that Space ticks and Enter starts."""

    BINDINGS = [START]


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
                with Choices(id="mock-scope"):
                    for number, each in enumerate(self._scopes):
                        label = Text(f"{each.label} ({len(each.questions)})")
                        yield RadioButton(label, value=number == scope)
                with Choices(id="mock-order"):
                    for order, label in ORDER_LABELS.items():
                        yield RadioButton(label, value=order is choice.order)
            with Horizontal(classes="mock-setup-row"):
                with Choices(id="mock-count"):
                    for count in COUNTS:
                        yield RadioButton(_count_label(count), value=count == choice.count)
                with Choices(id="mock-pick"):
                    for pick, label in PICK_LABELS.items():
                        yield RadioButton(label, value=pick is choice.pick)
            yield FollowUps(
                "With follow-ups (꼬리 질문) right after each question",
                choice.follow_ups,
                id="mock-follow-ups",
            )
            yield Button("Start (enter)", variant="primary", id="mock-start")

    def on_mount(self) -> None:
        titles = {"scope": "Questions", "order": "Order", "count": "How many", "pick": "Which"}
        for name, title in titles.items():
            self.query_one(f"#mock-{name}", Choices).border_title = title
        self.query_one("#mock-start", Button).focus()

    def _pressed(self, name: str) -> int:
        return self.query_one(f"#{name}", Choices).chosen

    @on(Button.Pressed, "#mock-start")
    def action_start(self) -> None:
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
