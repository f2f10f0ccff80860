"""A label of at most a few lines: what does not fit ends in an ellipsis.

The editor's breadcrumb names a question that may be a 600-character heading; it
must never push the answer off the screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.widgets import Label

from rehearse.ui.tree_labels import fit


class ClampedLabel(Label):
    def __init__(self, *, lines: int = 2, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.max_lines = lines

    def render(self) -> RenderResult:
        shown = str(self.content)
        width = self.content_region.width
        if width <= 0:
            return shown
        wrapped = Text(shown).wrap(self.app.console, width)
        if len(wrapped) <= self.max_lines:
            return shown
        kept = [line.plain.rstrip() for line in wrapped[: self.max_lines - 1]]
        rest = " ".join(line.plain.strip() for line in wrapped[self.max_lines - 1 :])
        return Text("\n".join([*kept, fit(rest, width)]))
