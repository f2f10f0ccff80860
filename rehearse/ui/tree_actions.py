"""The tree's keys that shape the notes: new question, rename, delete, move, new note, undo.

What each one does to the text is decided in core (tree_edits, shaping) and written
through the edit session like typing; this asks what it needs (a title, a yes),
runs it, and shows where the notes are now.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rehearse.core.config import question_rules
from rehearse.core.display import tilde
from rehearse.core.notes import NoteFile, Section
from rehearse.core.outcomes import Change, Saved
from rehearse.core.refs import SectionRef
from rehearse.core.session import EditSession
from rehearse.core.shaping import (
    Shaped,
    Undo,
    create_note,
    delete,
    delete_summary,
    move,
    new_question,
    new_question_place,
    quoted,
    rename,
    undo,
    unsaved_in_question,
)
from rehearse.core.tree_edits import (
    ShapeError,
    add_question,
    delete_question,
    new_note_path,
    rename_heading,
)
from rehearse.ui.prompts import ConfirmScreen, TextPrompt
from rehearse.ui.toasts import toast_path
from rehearse.ui.tree_nodes import FolderRef

if TYPE_CHECKING:
    from rehearse.ui.main_screen import MainScreen


def _problem(attempt: Callable[[], object]) -> str | None:
    try:
        attempt()
    except ShapeError as error:
        return str(error)
    return None


class TreeActions:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.last: Undo | None = None  # the tree edit Ctrl+Z takes back

    @property
    def _session(self) -> EditSession:
        return self.screen.model.session

    def _notify(self, message: str, *, error: bool = False, timeout: float = 6) -> None:
        severity = "error" if error else "information"
        self.screen.app.notify(message, severity=severity, timeout=timeout)

    def _highlighted(self) -> tuple[NoteFile, Section] | None:
        """The note (as the tree shows it) and section under the tree's cursor."""
        node = self.screen.tree.cursor_node
        data = node.data if node is not None else None
        if not isinstance(data, SectionRef):
            self._notify("Highlight a file or a question first.")
            return None
        note = self._session.note(data.path)
        if note is None:
            name = self.screen.model.notebook.relative(data.path)
            self._notify(f"{name} cannot be read, so rehearse never changes it.", error=True)
            return None
        self.screen.editor.sync()  # the open buffer's text as typed, for the merge
        return note, note.sections[data.section]

    def _name(self, note: NoteFile) -> str:
        return self.screen.model.notebook.relative(note.path)

    # -- the keys -------------------------------------------------------------------------------

    def new_question(self) -> None:
        target = self._highlighted()
        if target is None:
            return
        note, at = target
        rules = question_rules(self.screen.rehearse.config)
        place = new_question_place(note, at, self._name(note), rules)

        def done(title: str | None) -> None:
            if title is not None:
                self._done(new_question(self._session, note, at, title, rules), edit=True)

        def check(title: str) -> str | None:
            return _problem(lambda: add_question(note, at, title, rules))

        self.screen.app.push_screen(TextPrompt(f"New question, {place}:", check=check), done)

    def rename(self) -> None:
        target = self._highlighted()
        if target is None:
            return
        note, section = target
        if section.is_preamble:
            self._notify("r renames a heading; rename a file outside rehearse.")
            return

        def done(title: str | None) -> None:
            if title is not None and title.strip() != section.title:
                self._done(rename(self._session, note, section, title))

        def check(title: str) -> str | None:
            return _problem(lambda: rename_heading(note, section, title))

        prompt = TextPrompt(f"Rename {quoted(section)} to:", section.title, check=check)
        self.screen.app.push_screen(prompt, done)

    def delete(self) -> None:
        target = self._highlighted()
        if target is None:
            return
        note, section = target
        problem = (
            "Delete removes a question; delete a file outside rehearse."
            if section.is_preamble
            else _problem(lambda: delete_question(note, section))
        )
        unsaved = None if problem else unsaved_in_question(self._session, note, section)
        problem = f"Not deleted: {unsaved}." if unsaved else problem
        if problem:
            self._notify(problem)
            return

        def done(yes: bool | None) -> None:
            if not yes:
                return
            shaped = delete(self._session, note, section)
            if self._done(shaped):
                kept = shaped.kept
                copy = f" A copy is kept in:\n{toast_path(self.screen.app, kept)}" if kept else ""
                self._notify(f"Deleted {quoted(section)}. Ctrl+Z in the tree undoes it.{copy}",
                             timeout=12)  # fmt: skip

        question = (
            f"Delete {delete_summary(note, section)}?\n"
            "A copy goes to the recovery folder; Ctrl+Z in the tree undoes it."
        )
        self.screen.app.push_screen(ConfirmScreen(question, "Delete", danger=True), done)

    def move(self, step: int) -> None:
        target = self._highlighted()
        if target is None:
            return
        note, section = target
        try:
            shaped = move(self._session, note, section, step)
        except ShapeError as error:
            self._notify(f"Not moved: {error}.")
            return
        self._done(shaped)

    def undo(self) -> None:
        last = self.last
        if last is None:
            self._notify("Nothing to undo in the tree.")
            return
        self.screen.editor.sync()
        if self._done(undo(self._session, last)):
            self.last = None  # one step: an undo is not undone again
            self._notify(f"Undid {last.what}.")
        elif last.kept is not None:
            where = toast_path(self.screen.app, last.kept)
            self._notify(f"The deleted text stays in its copy:\n{where}", error=True, timeout=12)

    def new_note(self) -> None:
        folder = self._folder()
        if folder is None:
            return
        session = self._session

        def check(name: str) -> str | None:
            return _problem(lambda: new_note_path(folder, name))

        def done(name: str | None) -> None:
            if name is None:
                return
            try:
                ref = create_note(session, folder, name)
            except (ShapeError, OSError) as error:
                reason = error.strerror if isinstance(error, OSError) else str(error)
                self._notify(f"No note was made: {reason}.", error=True)
                return
            self.screen.jump_to(ref)
            self.screen.action_focus_editor()

        title = f"New note in {tilde(folder)}/ (.md is added):"
        self.screen.app.push_screen(TextPrompt(title, check=check), done)

    def _folder(self) -> Path | None:
        node = self.screen.tree.cursor_node
        data = node.data if node is not None else None
        notebook = self.screen.model.notebook
        if isinstance(data, FolderRef):
            folder = data.path
        elif data is not None and notebook.root_of(data.path.parent) is not None:
            folder = data.path.parent
        else:
            folder = notebook.root
        root = notebook.root_of(folder)
        if root is None or root.is_file:
            self._notify("N makes a note in a folder of notes; this one was opened as a file.")
            return None
        return folder

    # -- after an edit --------------------------------------------------------------------------

    def _done(self, shaped: Shaped, *, edit: bool = False) -> bool:
        """Show what the edit did; True when it was written."""
        editor = self.screen.editor
        editor.took_in(shaped.changes)
        outcome = shaped.outcome
        if not isinstance(outcome, Saved):
            self._notify(f"Not done: {outcome.reason}. Nothing was written.", error=True)
            return False
        self.last = shaped.undo
        self.screen.rehearsals.refresh_marks()  # a renamed question keeps its ✓ and ↻
        if any(change is Change.CONFLICT for _, change in shaped.changes):
            self._notify(
                "Your unsaved edit overlaps this change: it is kept, in conflict — choose below.",
                error=True,
                timeout=12,
            )
            self.screen.action_focus_editor()
            return True
        if shaped.select is not None:
            self.screen.jump_to(shaped.select)
            if edit:
                self.screen.action_focus_editor()
                editor.text_area.move_cursor((1, 0))  # the blank line under the new heading
        return True
