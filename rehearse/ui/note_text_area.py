"""The editor's text area: Markdown, with its own keys run in order with what is typed."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import TextArea

from rehearse.core.markdown import is_heading_line


class NoteTextArea(TextArea):
    """A TextArea whose own key bindings run in order with the characters typed around them.

    Textual runs a widget's bindings only after the key has bubbled up to the app,
    while printable keys are inserted at once, so a fast burst such as `Home x End y`
    could insert both letters before the cursor moved (Textualize/textual#6605).
    """

    BINDINGS = [
        Binding("ctrl+home", "section_start", "Start", show=False, id="editor.start"),
        Binding("ctrl+end", "section_end", "End", show=False, id="editor.end"),
    ]

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable and event.key not in ("enter", "tab"):
            bindings = self._bindings.key_to_bindings.get(event.key)
            if bindings:
                event.stop()
                event.prevent_default()
                await self.run_action(bindings[0].action)
                return
        await super()._on_key(event)

    def action_section_start(self) -> None:
        """The start of the answer: the line under the heading, so typing never breaks it."""
        self.move_to_answer()

    def move_to_answer(self) -> None:
        document = self.document
        if document.line_count > 1 and is_heading_line(document.get_line(0)):
            self.move_cursor((1, 0))
        elif document.line_count == 1 and is_heading_line(document.get_line(0)):
            self.move_cursor(document.end)  # only a heading: at its end, not before its #
        else:
            self.move_cursor((0, 0))

    def action_section_end(self) -> None:
        """The end of the open section's text: typing there stays in the section."""
        self.move_cursor(self.document.end)
