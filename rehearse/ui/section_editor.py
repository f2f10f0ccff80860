"""The section editor: a title line and a Markdown TextArea showing one buffer."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, TextArea

from rehearse.core.session import Buffer
from rehearse.ui.conflict import ConflictBanner


class NoteTextArea(TextArea):
    """A TextArea whose own key bindings run in order with the characters typed around them.

    Textual runs a widget's bindings only after the key has bubbled up to the app,
    while printable keys are inserted at once, so a fast burst such as `Home x End y`
    could insert both letters before the cursor moved (Textualize/textual#6605).
    """

    async def _on_key(self, event: events.Key) -> None:
        if not event.is_printable and event.key not in ("enter", "tab"):
            bindings = self._bindings.key_to_bindings.get(event.key)
            if bindings:
                event.stop()
                event.prevent_default()
                await self.run_action(bindings[0].action)
                return
        await super()._on_key(event)


class SectionEditor(Vertical):
    BINDINGS = [Binding("escape", "leave", "Tree", id="editor.leave")]

    def compose(self) -> ComposeResult:
        yield Label("", id="editor-title", markup=False)
        yield Label("", id="editor-status", markup=False)
        yield ConflictBanner(id="conflict-banner")
        try:
            text_area = NoteTextArea(
                language="markdown", soft_wrap=True, tab_behavior="focus", id="editor-text"
            )
        except Exception:  # a build without tree-sitter: plain text still edits fine
            text_area = NoteTextArea(soft_wrap=True, tab_behavior="focus", id="editor-text")
        text_area.read_only = True
        yield text_area

    @property
    def text_area(self) -> TextArea:
        return self.query_one("#editor-text", TextArea)

    def show_buffer(self, buffer: Buffer, title: str) -> bool:
        """Load the buffer's text; False (and read-only) if the editor would change it."""
        text_area = self.text_area
        with text_area.prevent(TextArea.Changed):
            text_area.load_text(buffer.text)
        faithful = text_area.text == buffer.text
        text_area.read_only = not faithful
        self.set_title(title)
        return faithful

    def set_title(self, title: str) -> None:
        self.query_one("#editor-title", Label).update(title)

    def show_message(self, title: str, message: str) -> None:
        text_area = self.text_area
        with text_area.prevent(TextArea.Changed):
            text_area.load_text("")
        text_area.read_only = True
        self.set_title(title)
        self.banner.hide()
        self.set_status(message, "error")

    def set_status(self, message: str, kind: str) -> None:
        status = self.query_one("#editor-status", Label)
        status.update(message)
        for name in ("saved", "unsaved", "error", "readonly"):
            status.set_class(name == kind, f"-{name}")

    def replace_text(self, text: str) -> None:
        """Swap in `text` (after a save normalised it) keeping the cursor where it was."""
        text_area = self.text_area
        if text_area.text == text:
            return
        cursor = text_area.cursor_location
        with text_area.prevent(TextArea.Changed):
            text_area.load_text(text)
        text_area.move_cursor(cursor)

    def reload_text(self, text: str) -> None:
        """Show what another program wrote as an undoable edit; cursor and scroll stay."""
        text_area = self.text_area
        if text_area.text == text:
            return
        cursor = text_area.cursor_location
        scroll_x, scroll_y = text_area.scroll_offset
        with text_area.prevent(TextArea.Changed):
            text_area.replace(text, (0, 0), text_area.document.end)
        last_row = text_area.document.line_count - 1
        row = min(cursor[0], last_row)
        column = min(cursor[1], len(text_area.document.get_line(row)))
        text_area.move_cursor((row, column))
        text_area.scroll_to(scroll_x, scroll_y, animate=False, immediate=True)

    @property
    def banner(self) -> ConflictBanner:
        return self.query_one(ConflictBanner)

    def action_leave(self) -> None:
        self.app.query_one("#tree").focus()
