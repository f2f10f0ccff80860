"""The section editor: one edit buffer shown in a Markdown TextArea, with its state and saves.

It holds no decisions of its own: what is dirty, what may be written and what a
change on disk did come from the edit session; this widget shows them, forwards
what the user types, and says what happened.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Label, TextArea

from rehearse.core.buffer import Buffer, ConflictInfo
from rehearse.core.notes_model import NotesModel
from rehearse.core.outcomes import Change, Conflict, Saved, SaveFailed, SaveOutcome, Unchanged
from rehearse.core.refs import SectionRef, breadcrumb
from rehearse.core.saving import SaveJob, begin_save, finish_save
from rehearse.ui.background import run_in_thread
from rehearse.ui.clamped_label import ClampedLabel
from rehearse.ui.conflict import Choice, ConflictBanner
from rehearse.ui.conflict_choices import ConflictChoices
from rehearse.ui.note_text_area import NoteTextArea
from rehearse.ui.toasts import toast_path

JOURNAL_INTERVAL = 0.5  # typed text reaches the recovery journal within about this long


class SectionEditor(Vertical):
    BINDINGS = [Binding("escape", "leave", "Tree", id="editor.leave")]

    class StateChanged(Message):
        """The buffers' unsaved or conflict marks may have changed."""

    class CursorInSection(Message):
        """In a whole-file buffer the cursor moved into another section."""

        def __init__(self, ref: SectionRef) -> None:
            super().__init__()
            self.ref = ref

    def __init__(self, model: NotesModel, autosave: float | None, *, id: str | None = None):
        super().__init__(id=id)
        self.model = model
        self.autosave_delay = autosave
        self.buffer: Buffer | None = None
        self.autosaves = 0  # how many autosaves have run: a readiness signal for tests
        self._autosave_timer: Timer | None = None
        self._errors: dict[int, str] = {}  # the last save failure of each buffer
        self.choices = ConflictChoices(self)

    def compose(self) -> ComposeResult:
        yield ClampedLabel(id="editor-title")
        yield Label("", id="editor-status", markup=False)
        yield ConflictBanner(id="conflict-banner")
        try:
            text_area = NoteTextArea(
                language="markdown", soft_wrap=True, tab_behavior="focus", id="editor-text"
            )
        except Exception:  # a build without tree-sitter: plain text still edits fine
            text_area = NoteTextArea(soft_wrap=True, tab_behavior="focus", id="editor-text")
        text_area.read_only = True
        text_area.cursor_blink = getattr(self.app, "cursor_blink", True)
        yield text_area

    def on_mount(self) -> None:
        self.set_interval(JOURNAL_INTERVAL, self._journal_tick)

    def _journal_tick(self) -> None:
        session = self.model.session
        was = session.journal_problem
        session.record_all()
        if session.journal_problem and not was:
            self.app.notify(
                f"Unsaved text cannot reach the recovery journal ({session.journal_problem}): "
                "a crash now would lose it. Save, or free some space.",
                title="Crash recovery is off",
                severity="error",
                timeout=20,
            )
            self.show_state()

    @property
    def text_area(self) -> NoteTextArea:
        return self.query_one("#editor-text", NoteTextArea)

    @property
    def banner(self) -> ConflictBanner:
        return self.query_one(ConflictBanner)

    def describe(self, buffer: Buffer) -> str:
        name = self.model.notebook.relative(buffer.path)
        return name if buffer.whole_file else breadcrumb(name, *buffer.heading_path)

    # -- showing ------------------------------------------------------------------------------

    def show(self, buffer: Buffer) -> None:
        self.buffer = buffer
        text_area = self.text_area
        with text_area.prevent(TextArea.Changed):
            text_area.load_text(buffer.text)
        text_area.move_to_answer()  # the first key typed goes into the answer, not the heading
        faithful = text_area.text == buffer.text
        text_area.read_only = not faithful
        self.set_title(self.describe(buffer))
        if faithful:
            self.show_state()
        else:
            self.set_status(
                "Read-only: this text holds line separators the editor would change.", "readonly"
            )

    def show_message(self, title: str, message: str) -> None:
        self.buffer = None
        text_area = self.text_area
        with text_area.prevent(TextArea.Changed):
            text_area.load_text("")
        text_area.read_only = True
        self.set_title(title)
        self.banner.hide()
        self.set_status(message, "error")

    def set_title(self, title: str) -> None:
        self.query_one("#editor-title", Label).update(title)

    def set_status(self, message: str, kind: str) -> None:
        status = self.query_one("#editor-status", Label)
        status.update(message)
        for name in ("saved", "unsaved", "error", "readonly"):
            status.set_class(name == kind, f"-{name}")

    def show_state(self, note: str = "") -> None:
        buffer = self.buffer
        if buffer is not None:
            error = self._errors.get(id(buffer))
            if not buffer.conflict:
                self.choices.announced.pop(id(buffer), None)
            if buffer.conflict:
                self.banner.show(buffer.conflict.reason)
                self.choices.announced.setdefault(id(buffer), buffer.conflict)
                self.set_status("⚡ conflict: choose below (or compare both versions)", "error")
            elif buffer.deleted:
                self.set_status(
                    "The file was deleted on disk. Your text is kept; ctrl+s recreates the file.",
                    "error",
                )
            elif error:
                self.set_status(f"Not saved: {error}. Your text is kept here.", "error")
            elif buffer.dirty and self.model.session.journal_problem:
                self.set_status(
                    f"● unsaved, and crash recovery is off ({self.model.session.journal_problem})"
                    " — ctrl+s saves",
                    "error",
                )
            elif buffer.dirty:
                autosave = " (autosaves)" if self.autosave_delay else ""
                self.set_status(f"● unsaved — ctrl+s saves{autosave}{note}", "unsaved")
            else:
                self.set_status(f"saved{note}", "saved")
            if not buffer.conflict:
                self.banner.hide()
        self.post_message(self.StateChanged())

    def show_text(self, buffer: Buffer) -> None:
        """Show the buffer's text (a merge took in their lines); cursor and scroll stay."""
        text_area = self.text_area
        if buffer is self.buffer and text_area.text != buffer.text:
            cursor = text_area.cursor_location
            scroll_x, scroll_y = text_area.scroll_offset
            with text_area.prevent(TextArea.Changed):
                text_area.replace(buffer.text, (0, 0), text_area.document.end)
            # Not undoable: Ctrl+Z meant for the user's own typing would otherwise take
            # back another program's lines, and autosave would write that over them.
            text_area.history.clear()
            row = min(cursor[0], text_area.document.line_count - 1)
            column = min(cursor[1], len(text_area.document.get_line(row)))
            text_area.move_cursor((row, column))
            text_area.scroll_to(scroll_x, scroll_y, animate=False, immediate=True)
        if buffer is self.buffer:
            self.set_title(self.describe(buffer))

    # -- typing ---------------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor-text")
    def _typed(self, event: TextArea.Changed) -> None:
        if self.buffer is None or event.text_area.read_only:
            return
        self.model.session.edit(self.buffer, event.text_area.text)
        self.show_state()
        self.schedule_autosave()

    @on(TextArea.SelectionChanged, "#editor-text")
    def _follow_cursor(self, event: TextArea.SelectionChanged) -> None:
        buffer = self.buffer
        if buffer is None or not buffer.whole_file or not event.text_area.has_focus:
            return
        section = buffer.section_at_line(event.selection.end[0])
        self.post_message(
            self.CursorInSection(SectionRef(buffer.path, section.index if section else 0))
        )

    def sync(self) -> None:
        """The editor's text as it is now: a key right after typing can beat TextArea.Changed."""
        try:
            text_area = self.text_area
        except NoMatches:  # a timer firing while the app shuts down
            return
        if self.buffer is not None and not text_area.read_only:
            self.model.session.edit(self.buffer, text_area.text)

    def action_leave(self) -> None:
        self.screen.set_focus(self.screen.query_one("#tree"))  # at once: the next key is the tree's

    # -- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        buffer = self.buffer
        if buffer is None:
            self.app.notify("Nothing is open to save.")
            return
        self.sync()
        if buffer.conflict is not None:
            self.app.notify(
                "This section conflicts with a change made on disk: keep mine, take theirs, "
                "or compare.",
                severity="warning",
            )
            self.show_state()
            return
        self.report(buffer, self.model.session.save(buffer))

    def schedule_autosave(self) -> None:
        if self.autosave_delay is None:
            return
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(self.autosave_delay, self.autosave)

    def autosave(self) -> None:
        """Save every edit that can be saved safely, never one in conflict; the reading,
        merging and writing run on a worker, so typing never waits for them."""
        self.sync()
        session = self.model.session
        jobs: list[SaveJob] = []
        for buffer in list(session):
            if not buffer.dirty or buffer.conflict is not None or buffer.deleted:
                continue
            if buffer.path in session.in_flight:
                continue  # its file is being written: the end of that save looks again
            started = begin_save(session, buffer)
            if isinstance(started, SaveJob):
                jobs.append(started)
            else:
                self.report(buffer, started, quiet=True)
        if jobs:
            run_in_thread(self, lambda: self._write(jobs), group="autosave", description="autosave")
        else:
            self.autosaves += 1

    def _write(self, jobs: list[SaveJob]) -> None:  # in a worker thread
        for job in jobs:
            job.run()
        self.app.call_from_thread(self._written, jobs)

    def _written(self, jobs: list[SaveJob]) -> None:
        self.sync()  # keys typed meanwhile are in the buffer before it moves
        session = self.model.session
        for job in jobs:
            outcome, reload = finish_save(session, job)
            if reload.buffers:
                self.apply(reload.buffers)
            if outcome is not None:
                self.report(job.buffer, outcome, quiet=True)
        self.autosaves += 1
        if any(b.dirty and b.conflict is None and not b.deleted for b in session):
            self.schedule_autosave()  # typed while it was written, or taken in first

    def report(self, buffer: Buffer, outcome: SaveOutcome, quiet: bool = False) -> None:
        name = self.model.notebook.relative(buffer.path)
        previous_error = self._errors.pop(id(buffer), None)
        notify = self.app.notify
        if isinstance(outcome, Saved):
            self.show_text(buffer)
            if outcome.kept is not None:
                notify(f"Kept mine. Theirs is kept in:\n{toast_path(self.app, outcome.kept)}",
                       timeout=20)  # fmt: skip
            elif not quiet:
                notify(f"Saved {name}", timeout=2)
        elif isinstance(outcome, Unchanged):
            if not quiet:
                notify("No changes to save.", timeout=2)
        elif isinstance(outcome, Conflict):
            notify(f"{name}: {outcome.reason}. Nothing was written; your text is still here.",
                   title="Not saved", severity="error", timeout=15)  # fmt: skip
        elif isinstance(outcome, SaveFailed):
            self._errors[id(buffer)] = outcome.reason
            session = self.model.session
            session.record(buffer, force=True)
            kept = "in the editor" if session.journal_problem else "in the editor and the journal"
            if not quiet or previous_error != outcome.reason:
                notify(
                    f"{name}: {outcome.reason}. The file is untouched; your text is kept {kept}.",
                    title="Save failed",
                    severity="error",
                    timeout=15,
                )
        self.show_state()

    # -- changes made on disk -------------------------------------------------------------------

    def apply(self, changes: list[tuple[Buffer, Change]]) -> None:
        """Show what re-reading the notes did to the open buffer."""
        note = ""
        for buffer, change in changes:
            if buffer is self.buffer:
                note = self._apply(buffer, change)
        self.show_state(note)
        session = self.model.session
        if any(b.dirty and b.conflict is None and not b.deleted for b in session):
            self.schedule_autosave()  # e.g. a deleted note came back: its edit can be saved

    def took_in(self, changes: list[tuple[Buffer, Change]]) -> None:
        """Show what the user's own tree edit did to the open buffer (no "another program")."""
        for buffer, change in changes:
            if buffer is not self.buffer:
                continue
            if change is Change.CLOSED:
                self.show_message(self.describe(buffer), "Deleted from the tree.")
            elif change in (Change.RELOADED, Change.MERGED, Change.CONFLICT):
                self.show_text(buffer)
        self.show_state()

    def _apply(self, buffer: Buffer, change: Change) -> str:
        name = self.model.notebook.relative(buffer.path)
        if change is Change.RELOADED:
            self.show_text(buffer)
            return " — reloaded: changed by another program"
        if change is Change.MERGED:
            self.show_text(buffer)
            return " — merged with another program's changes"
        if change is Change.RELINKED:
            self.set_title(self.describe(buffer))
            self.app.notify(f"The note was renamed; now editing {name}.", timeout=5)
        elif change is Change.CLOSED:
            self.show_message(self.describe(buffer), "Removed by another program.")
        elif change is Change.CONFLICT:
            self.app.notify(
                f"{name}: changed on disk in the text you are editing. Nothing was written.",
                title="Conflict",
                severity="warning",
                timeout=10,
            )
        return ""

    # -- resolving a conflict -----------------------------------------------------------------

    @on(ConflictBanner.Chosen)
    def _banner_choice(self, event: ConflictBanner.Chosen) -> None:
        self.resolve_conflict(event.choice)

    def resolve_conflict(self, choice: Choice | None, shown: ConflictInfo | None = None) -> None:
        self.choices.resolve(choice, shown)
