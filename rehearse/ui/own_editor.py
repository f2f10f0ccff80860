"""`e` in the tree: the user's own editor ($VISUAL, $EDITOR, vi) at the highlighted line.

Unsaved edits are saved first; when some cannot be (a conflict is open, a save
failed) the user is asked before the editor opens. The app is suspended while
the editor runs; what it wrote comes back as any other program's change, with
the tree's selection kept.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import SuspendNotSupported

from rehearse.core.external_editor import EditorError, editor_command, program_path
from rehearse.core.notes import NoteFile
from rehearse.core.refs import SectionRef
from rehearse.ui.prompts import ConfirmScreen

if TYPE_CHECKING:
    from rehearse.ui.main_screen import MainScreen

Launch = Callable[[list[str]], int]  # runs the editor's argv; its exit status


class OwnEditor:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.launch: Launch = self._suspended  # tests put a fake editor here
        self.runs = 0  # how many times an editor ran and returned: a readiness signal

    def open(self) -> None:
        screen = self.screen
        node = screen.tree.cursor_node
        ref = node.data if node is not None else None
        if not isinstance(ref, SectionRef):
            screen.app.notify("Highlight a file or a question to open it in your editor.")
            return
        screen.editor.sync()
        for buffer, outcome in screen.model.session.save_all(autosave=True):  # not conflicts
            screen.editor.report(buffer, outcome, quiet=True)
        unsafe = screen.model.session.unsafe_buffers
        if not unsafe:
            self._run(ref)
            return
        names = ", ".join(screen.editor.describe(buffer) for buffer in unsafe[:3])
        conflict = any(buffer.conflict is not None for buffer in unsafe)
        why = "is in conflict" if conflict else "could not be saved"
        question = (
            f"Unsaved text {why}: {names}.\nOpen your editor anyway? That text stays in "
            "rehearse (and its recovery journal), unsaved, and is merged with what you write."
        )
        screen.app.push_screen(
            ConfirmScreen(question, "Open anyway"), lambda yes: self._run(ref) if yes else None
        )

    def _run(self, ref: SectionRef) -> None:
        screen = self.screen
        note = screen.model.session.note(ref.path)
        line = note.sections[ref.section].line if isinstance(note, NoteFile) else 1
        try:
            argv = editor_command(ref.path, line)
        except EditorError as error:
            screen.app.notify(str(error), severity="error", timeout=10)
            return
        try:
            status = self.launch(argv)
        except SuspendNotSupported:
            screen.app.notify("This terminal cannot hand itself to another program.",
                              severity="error")  # fmt: skip
            return
        except OSError as error:
            screen.app.notify(
                f"Could not start {argv[0]}: {error.strerror or error}. Set $VISUAL or $EDITOR.",
                severity="error",
                timeout=10,
            )
            return
        if status != 0:
            screen.app.notify(f"{argv[0]} exited with status {status}.", severity="warning")
        # At once (the watcher reports it too, harmlessly); the tree finds its selection again.
        screen.files_changed({ref.path})
        self.runs += 1

    def _suspended(self, argv: list[str]) -> int:
        argv = [program_path(argv[0]), *argv[1:]]  # OSError now, with the terminal still ours
        failure: OSError | None = None
        # Textual's suspend() resumes only when its body ends normally: never raise in it.
        with self.screen.app.suspend():
            try:
                status = subprocess.run(argv, check=False).returncode
            except OSError as error:
                failure = error
        if failure is not None:
            raise failure
        return status
