"""The editor's text area: Markdown, with its own keys run in order with what is typed."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import TextArea

from rehearse.core.markdown import answer_start
from rehearse.ui.in_order import pass_on_if_focus_left, run_binding_in_order


class NoteTextArea(TextArea):
    """A TextArea whose own key bindings run in order with the characters typed around them.

    Textual runs a widget's bindings only after the key has bubbled up to the app,
    while printable keys are inserted at once, so a fast burst such as `Home x End y`
    could insert both letters before the cursor moved (Textualize/textual#6605).
    """

    _line_first: tuple[int, int] | None = None

    BINDINGS = [
        Binding("ctrl+home", "section_start", "Start", show=False, id="editor.start"),
        Binding("ctrl+end", "section_end", "End", show=False, id="editor.end"),
    ]

    def _start_the_answer(self, typing: bool) -> None:
        """Text typed (or pasted) where move_to_answer left the cursor at the end of a
        heading with no line under it goes on a new line, never into the title."""
        line_first, self._line_first = self._line_first, None
        here = line_first == self.cursor_location and self.selection.is_empty
        if typing and here and not self.read_only:
            self.insert("\n")

    def _on_paste(self, event: events.Paste) -> None:
        self._start_the_answer(bool(event.text))  # TextArea's own handler pastes, next

    async def _on_key(self, event: events.Key) -> None:
        if pass_on_if_focus_left(self, event):
            return
        self._start_the_answer(event.is_printable)
        own_keys = not event.is_printable and event.key not in ("enter", "tab")
        # The editor's own keys, and its pane's (Esc back to the tree), in order.
        if own_keys and await run_binding_in_order(self, event, pane=self.parent):
            return
        await super()._on_key(event)

    def action_section_start(self) -> None:
        """The start of the answer: the line under the heading, so typing never breaks it."""
        self.move_to_answer()

    def move_to_answer(self) -> None:
        start = answer_start(list(self.document.lines))
        self.move_cursor((start.row, start.column))
        # The text ends on its heading (or front matter): what is typed first starts a line.
        self._line_first = self.cursor_location if start.new_line else None

    def action_section_end(self) -> None:
        """The end of the open section's text: typing there stays in the section."""
        self.move_cursor(self.document.end)
