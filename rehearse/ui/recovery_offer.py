"""At start: text an earlier session typed and never saved (a crash, kill -9), offered back.

Which entries to offer, and what restoring one means, is decided in core (restore);
this asks the user, one entry at a time.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rehearse.core.marks import section_index
from rehearse.core.recovery import RecoveryEntry
from rehearse.core.refs import SectionRef, breadcrumb
from rehearse.core.restore import pending_recoveries, recovered_buffer, restore
from rehearse.ui.conflict import Choice, CompareScreen
from rehearse.ui.recovery_screen import RecoveryChoice, RecoveryScreen
from rehearse.ui.toasts import toast_path

if TYPE_CHECKING:
    from rehearse.ui.main_screen import MainScreen


class RecoveryOffer:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._queue: list[RecoveryEntry] = []
        self.checked = False  # the offer, if any, is on the stack: tests wait for this

    def offer(self) -> None:
        model = self.screen.model
        self._queue = pending_recoveries(model.session)
        self._next()
        self.checked = True

    def _next(self) -> None:
        if self._queue:
            self._ask(self._queue.pop(0))

    def _ask(self, entry: RecoveryEntry) -> None:
        notebook = self.screen.model.notebook
        where = breadcrumb(notebook.relative(entry.note), *entry.heading_path)
        self.screen.app.push_screen(
            RecoveryScreen(entry, where), lambda choice: self._chosen(entry, choice)
        )

    def _chosen(self, entry: RecoveryEntry, choice: RecoveryChoice | None) -> None:
        if choice == "compare":
            self._compare(entry)
            return
        if choice == "restore":
            self._restore(entry)
        elif choice == "discard":
            self._discard(entry)
        self._next()

    def _discard(self, entry: RecoveryEntry) -> None:
        journal = self.screen.model.session.journal
        kept = journal.stash(entry.note, entry.text, "discarded")
        if kept is None:  # no copy, no discard: the text would be gone for good
            self.screen.app.notify(
                "Could not keep a copy (the data folder cannot be written), so nothing was "
                "discarded; it is offered again next time.",
                severity="error",
                timeout=20,
            )
            return
        journal.discard(entry)
        self.screen.app.notify(f"Discarded. A copy is kept in:\n{self._path(kept)}", timeout=10)

    def _compare(self, entry: RecoveryEntry) -> None:
        recovered = recovered_buffer(self.screen.model.session, entry)
        theirs = None
        if recovered is not None:
            conflict = recovered.conflict
            theirs = conflict.theirs if conflict is not None else recovered.saved_text

        def picked(choice: Choice | None) -> None:
            if choice is None:  # Esc: back to the offer, which asks again
                self._ask(entry)
                return
            outcome = {"mine": "restore", "theirs": "discard"}.get(choice, "later")
            self._chosen(entry, outcome)  # type: ignore[arg-type]

        screen = CompareScreen(
            "Recovered text (left) and the note as it is now (right)",
            entry.text,
            theirs,
            "The note on disk now",
        )
        self.screen.app.push_screen(screen, picked)

    def _restore(self, entry: RecoveryEntry) -> None:
        session, app = self.screen.model.session, self.screen.app
        buffer = restore(session, entry)
        if buffer is None:
            kept = session.journal.stash(entry.note, entry.text, "recovered")
            if kept is not None:  # else it stays journaled, offered again next time
                session.journal.discard(entry)
            where = self._path(kept or entry.file)
            app.notify(f"The note is gone; the text is kept in:\n{where}", timeout=20)
            return
        self.screen.editor.show(buffer)
        self.screen.tree.reveal(SectionRef(buffer.path, section_index(session, buffer) or 0))
        self.screen.action_focus_editor()  # what the user types next goes into the text
        app.notify("Restored as unsaved text: review it, then save.", timeout=8)

    def _path(self, path: Path) -> str:
        return toast_path(self.screen.app, path)
