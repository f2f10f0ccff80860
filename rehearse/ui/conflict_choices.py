"""The user's choice in a conflict, made from the editor: compare, keep mine, take theirs.

Keep mine writes only over the version of theirs the user was shown: the one the
comparison showed, or, from the banner (which shows no text), the one it came up for.
If their text changed since, nothing is written and the comparison opens on what it
is now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rehearse.core.buffer import Buffer, ConflictInfo
from rehearse.core.conflicts import keep_mine, take_theirs
from rehearse.core.outcomes import Conflict
from rehearse.ui.conflict import Choice, CompareScreen
from rehearse.ui.toasts import toast_path

if TYPE_CHECKING:
    from rehearse.ui.section_editor import SectionEditor


class ConflictChoices:
    def __init__(self, editor: SectionEditor) -> None:
        self.editor = editor
        self.announced: dict[int, ConflictInfo] = {}  # by buffer: the conflict as first shown

    def resolve(self, choice: Choice | None, shown: ConflictInfo | None = None) -> None:
        """`shown`: the conflict as the comparison showed it."""
        editor = self.editor
        buffer = editor.buffer
        if buffer is None or (conflict := buffer.conflict) is None or choice is None:
            return
        editor.sync()
        if choice == "compare":
            self.announced[id(buffer)] = conflict  # seen now, text and all
            screen = CompareScreen(
                editor.describe(buffer),
                buffer.text,
                conflict.theirs,
                "Theirs — on disk now, written by another program",
            )
            editor.app.push_screen(screen, lambda picked: self.resolve(picked, conflict))
        elif choice == "mine":
            seen = shown or self.announced.get(id(buffer), conflict)
            outcome = keep_mine(editor.model.session, buffer, seen)
            editor.report(buffer, outcome)
            if isinstance(outcome, Conflict) and buffer.conflict is not None:
                self.resolve("compare")  # theirs changed again: show it as it is now
            else:
                self.announced.pop(id(buffer), None)
        else:
            self._take_theirs(buffer)

    def _take_theirs(self, buffer: Buffer) -> None:
        editor, app = self.editor, self.editor.app
        kept = take_theirs(editor.model.session, buffer)
        if buffer.conflict is not None:
            app.notify(
                "Could not set your version aside (the data folder is not writable), so "
                "nothing changed. Keep mine, or copy your text out first.",
                severity="error",
                timeout=20,
            )
            return
        self.announced.pop(id(buffer), None)
        if buffer in list(editor.model.session):
            editor.show_text(buffer)
        else:
            editor.show_message(editor.describe(buffer), "Removed by another program.")
        where = f" Your version is kept in:\n{toast_path(app, kept)}" if kept else ""
        app.notify(f"Took the version on disk.{where}", timeout=20)
        editor.show_state()
