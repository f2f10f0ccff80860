"""One line that always fits its width: what matters is kept whole and the tail after it
(a file name) is cut with an ellipsis, or left out, when there is no room for it."""

from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Label

from rehearse.ui.tree_labels import fit

SEPARATOR = " · "
MIN_TAIL = 6  # cells: a shorter piece of a file name says nothing, so it is left out


class FittedLine(Label):
    """`main · tail` in one line of the widget's width; `main` is cut only when it alone
    is wider than the line."""

    DEFAULT_CSS = "FittedLine { width: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._main = ""
        self._tail = ""

    def show(self, main: str, tail: str = "") -> None:
        self._main, self._tail = main, tail
        self.refresh(layout=True)

    @property
    def text(self) -> str:
        """The line as shown at the widget's width now."""
        return fitted(self._main, self._tail, self.content_size.width)

    def render(self) -> str:
        return self.text


def fitted(main: str, tail: str, width: int) -> str:
    whole = f"{main}{SEPARATOR}{tail}" if tail else main
    if width <= 0 or cell_len(whole) <= width:
        return whole
    room = width - cell_len(main) - cell_len(SEPARATOR)
    if tail and room >= MIN_TAIL:
        return f"{main}{SEPARATOR}{fit(tail, room)}"
    return fit(main, width)
