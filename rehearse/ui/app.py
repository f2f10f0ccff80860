"""The main screen: the question tree on the left, the section editor on the right."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, TextArea, Tree

from rehearse.core.clock import Clock
from rehearse.core.config import DEFAULT_THEME, Config, speaking_rates
from rehearse.core.editing import Conflict, Saved, SaveFailed, SaveOutcome, Unchanged
from rehearse.core.history import QuestionId, Rehearsal, RehearsalLog
from rehearse.core.identity import answered_questions
from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile, Section
from rehearse.core.recovery import RecoveryEntry, RecoveryJournal
from rehearse.core.schedule import Schedule, as_datetime
from rehearse.core.search import QuestionKey, SearchIndex, docs_for_note
from rehearse.core.session import Buffer, Change, EditSession
from rehearse.core.stats import progress
from rehearse.core.text import to_lf
from rehearse.core.watcher import NotesWatcher
from rehearse.ui.commands import QuestionProvider
from rehearse.ui.conflict import Choice, CompareScreen, ConflictBanner
from rehearse.ui.mock_interview import MockInterviewScreen, MockPlan, MockSetupScreen, Scope
from rehearse.ui.progress_screen import ProgressScreen
from rehearse.ui.question_tree import NodeRef, QuestionTree
from rehearse.ui.quit_screen import QuitChoice, QuitScreen
from rehearse.ui.recovery_screen import RecoveryChoice, RecoveryScreen
from rehearse.ui.search_screen import SearchScreen
from rehearse.ui.section_editor import SectionEditor
from rehearse.ui.teleprompter import Prompt, TeleprompterScreen, prompt_for
from rehearse.ui.themes import load_themes

MAIN_SCREEN_ACTIONS = frozenset({"search", "save", "teleprompter", "mock_interview", "progress"})
JOURNAL_INTERVAL = 0.5  # typed text reaches the recovery journal within about this long


class RehearseApp(App[None]):
    CSS_PATH = "rehearse.tcss"
    TITLE = "rehearse"
    COMMANDS = App.COMMANDS | {QuestionProvider}
    BINDINGS = [
        Binding("ctrl+k", "search", "Search", id="app.search", priority=True),
        # Not priority bindings: they must run after the keys typed before them reach the editor.
        Binding("ctrl+s", "save", "Save", id="app.save"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit"),
        # Priority, or the editor would take F6 and F7 as "select line" and "select all".
        Binding("f5", "teleprompter", "Teleprompter", id="app.teleprompter", priority=True),
        Binding("f6", "mock_interview", "Mock interview", id="app.mock_interview", priority=True),
        Binding("f7", "progress", "Progress", id="app.progress", priority=True),
        Binding("f2", "focus('tree')", "Tree", id="app.focus_tree", show=False),
        Binding("f3", "focus('editor-text')", "Editor", id="app.focus_editor", show=False),
    ]

    def __init__(
        self,
        notebook: Notebook,
        *,
        config: Config | None = None,
        theme_name: str | None = None,
        session: EditSession | None = None,
        journal: RecoveryJournal | None = None,
        watch: bool = True,
        clock: Clock = time.monotonic,
    ) -> None:
        super().__init__()
        self.clock = clock  # injected by tests that drive the teleprompter's countdown
        self.config = config or Config()
        self.session = session or EditSession(notebook, journal=journal or RecoveryJournal())
        self._watch_enabled = watch
        self._stop_watching = threading.Event()
        self._autosave_timer: Timer | None = None
        self._recovery_queue: list[RecoveryEntry] = []
        self._last_error: dict[int, str] = {}
        self._requested_theme = theme_name or self.config.theme
        self._buffer: Buffer | None = None
        self._search_index: SearchIndex | None = None
        self._log_problem_shown = False
        self.recency: dict[QuestionKey, float] = {}
        self.sub_title = str(notebook.root if not notebook.single_file else notebook.notes[0].path)

    # -- set-up -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield QuestionTree(self.session.notebook, rates=speaking_rates(self.config), id="tree")
            yield SectionEditor(id="editor")
        yield Footer()

    def on_mount(self) -> None:
        self._apply_themes()
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        for problem in self.config.problems:
            self.notify(str(problem), title="Config", severity="warning", timeout=10)
        notebook = self.session.notebook
        if not notebook.notes:
            self.notify(
                f"No Markdown notes (*.md) in {notebook.root}", severity="warning", timeout=10
            )
        for note in notebook.unreadable:
            self.notify(
                f"{notebook.relative(note.path)}: {note.reason}. Listed, never written.",
                title="Unreadable note",
                severity="warning",
                timeout=10,
            )
        tree = self.query_one(QuestionTree)
        tree.auto_expand = False
        tree.focus()
        self.editor.set_status(
            "Select a question (↑↓, Enter to edit, ctrl+k to search)", "readonly"
        )
        self.call_after_refresh(self._index_in_background)
        self.set_interval(JOURNAL_INTERVAL, self._journal_tick)
        if self._watch_enabled:
            self._watch_notes()
        self.call_after_refresh(self._offer_recovery)
        self.call_after_refresh(self._mark_rehearsals_in_background)

    def on_unmount(self) -> None:
        self._stop_watching.set()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Messages quote file names, titles and OS errors: never read as markup by default."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Search and the rehearsal screens open from the main screen, not over each other;
        saving belongs to the editor there."""
        if action in MAIN_SCREEN_ACTIONS:
            return self.screen is self.screen_stack[0]
        return True

    def _apply_themes(self) -> None:
        themes, problems = load_themes()
        for theme in themes:
            self.register_theme(theme)
        for problem in problems:
            self.notify(problem, title="Theme not loaded", severity="warning", timeout=10)
        wanted = self._requested_theme
        if wanted not in self.available_themes:
            self.notify(f"No theme named '{wanted}'; using {DEFAULT_THEME}.", severity="warning")
            wanted = DEFAULT_THEME if DEFAULT_THEME in self.available_themes else "textual-dark"
        self.theme = wanted

    @property
    def editor(self) -> SectionEditor:
        return self.query_one(SectionEditor)

    @property
    def question_tree(self) -> QuestionTree:
        return self.query_one(QuestionTree)

    # -- searching ------------------------------------------------------------------------

    @property
    def search_index(self) -> SearchIndex:
        if self._search_index is None:
            self._search_index = self._new_index()
        return self._search_index

    def _new_index(self) -> SearchIndex:
        return SearchIndex.from_notebook(self.session.notebook, synonyms=self.config.synonyms)

    @work(thread=True, exclusive=True, group="index")
    def _index_in_background(self) -> None:
        index = self._new_index()
        self.call_from_thread(self._adopt_index, index)

    def _adopt_index(self, index: SearchIndex) -> None:
        if self._search_index is None:
            self._search_index = index
        # Notes and index are long-lived: keep the collector from walking them on every
        # full collection, which otherwise lands as a pause in the middle of typing.
        gc.freeze()

    def action_search(self) -> None:
        if isinstance(self.screen, SearchScreen):
            return
        self.push_screen(SearchScreen(self.search_index, self.recency), self._search_done)

    def _search_done(self, key: QuestionKey | None) -> None:
        if key is not None:
            self.jump_to(key)

    def jump_to(self, key: QuestionKey) -> None:
        """Select the question in the tree and show it in the editor."""
        ref = NodeRef(key.path, key.section)
        if self.question_tree.reveal(ref) is not None:
            self.open_ref(ref)

    # -- opening ----------------------------------------------------------------------------

    @on(Tree.NodeHighlighted, "#tree")
    def _preview(self, event: Tree.NodeHighlighted[NodeRef]) -> None:
        if self.question_tree.has_focus and event.node.data is not None:
            self.open_ref(event.node.data)

    @on(Tree.NodeSelected, "#tree")
    def _edit(self, event: Tree.NodeSelected[NodeRef]) -> None:
        if event.node.data is not None and self.open_ref(event.node.data):
            self.editor.text_area.focus()

    def open_ref(self, ref: NodeRef) -> bool:
        """Show the file or section `ref` in the editor; False if it cannot be edited."""
        note = self.session.notebook.get(ref.path)
        name = self.session.notebook.relative(ref.path)
        if not isinstance(note, NoteFile):
            reason = note.reason if note is not None else "missing"
            self._buffer = None
            self.editor.show_message(
                f"⚠ {name}", f"Unreadable: {reason}. This file is never written."
            )
            return False
        if self._buffer is not None and self._buffer.path == ref.path:
            if self._buffer.whole_file and ref.section == 0:
                return True
            if not self._buffer.whole_file and self._buffer.section.index == ref.section:
                return True
        section = note.sections[ref.section]
        if ref.section:
            self.recency[QuestionKey(ref.path, ref.section)] = time.monotonic()
        self._show(self.session.open_section(note, section))
        return True

    def _show(self, buffer: Buffer) -> None:
        self._buffer = buffer
        if self.editor.show_buffer(buffer, self._describe(buffer)):
            self._show_state()
        else:
            self.editor.set_status(
                "Read-only: this text holds line separators the editor would change.", "readonly"
            )

    # -- editing ----------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor-text")
    def _typed(self, event: TextArea.Changed) -> None:
        buffer = self._buffer
        if buffer is None or event.text_area.read_only:
            return
        buffer.text = event.text_area.text
        self._show_state()
        self._schedule_autosave()

    @on(TextArea.SelectionChanged, "#editor-text")
    def _follow_cursor(self, event: TextArea.SelectionChanged) -> None:
        buffer = self._buffer
        if buffer is None or not buffer.whole_file or not event.text_area.has_focus:
            return
        section = buffer.section_at_line(event.selection.end[0])
        self.question_tree.reveal(NodeRef(buffer.path, section.index if section else 0))

    def _show_state(self, note: str = "") -> None:
        buffer = self._buffer
        if buffer is not None:
            error = self._last_error.get(id(buffer))
            if buffer.conflict:
                self.editor.banner.show(buffer.conflict.reason)
                self.editor.set_status(
                    "⚡ conflict: choose below (or compare both versions)", "error"
                )
            elif buffer.deleted:
                self.editor.set_status(
                    "The file was deleted on disk. Your text is kept; ctrl+s recreates the file.",
                    "error",
                )
            elif error:
                self.editor.set_status(f"Not saved: {error}. Your text is kept.", "error")
            elif buffer.dirty:
                autosave = " (autosaves)" if self.config.autosave else ""
                self.editor.set_status(f"● unsaved — ctrl+s saves{autosave}{note}", "unsaved")
            else:
                self.editor.set_status(f"saved{note}", "saved")
            if not buffer.conflict:
                self.editor.banner.hide()
        self.question_tree.set_marks(self.session.dirty_marks(), self.session.conflict_marks())

    # -- saving -----------------------------------------------------------------------------

    def action_save(self) -> None:
        buffer = self._buffer
        if buffer is None:
            self.notify("Nothing is open to save.")
            return
        self._sync_editor()
        if buffer.conflict is not None:
            self.notify(
                "This section conflicts with a change made on disk: keep mine, take theirs, "
                "or compare.",
                severity="warning",
            )
            self._show_state()
            return
        self._report(buffer, self.session.save(buffer))

    def _sync_editor(self) -> None:
        """The editor's text as it is now: a key right after typing can beat TextArea.Changed."""
        try:
            text_area = self.editor.text_area
        except NoMatches:  # a timer firing while the app shuts down
            return
        if self._buffer is not None and not text_area.read_only:
            self._buffer.text = text_area.text

    def _report(self, buffer: Buffer, outcome: SaveOutcome, quiet: bool = False) -> None:
        name = self.session.notebook.relative(buffer.path)
        previous_error = self._last_error.pop(id(buffer), None)
        if isinstance(outcome, Saved):
            self._note_changed(buffer.path)
            if buffer is self._buffer:
                self.editor.replace_text(buffer.text if buffer.dirty else buffer.original)
                buffer.text = self.editor.text_area.text
                self.editor.set_title(self._describe(buffer))
            if not quiet:
                self.notify(f"Saved {name}", timeout=2)
        elif isinstance(outcome, Unchanged):
            if not quiet:
                self.notify("No changes to save.", timeout=2)
        elif isinstance(outcome, Conflict):
            self.notify(
                f"{name}: {outcome.reason}. Nothing was written; your text is still here.",
                title="Not saved",
                severity="error",
                timeout=15,
            )
        elif isinstance(outcome, SaveFailed):
            self._last_error[id(buffer)] = outcome.reason
            self.session.record(buffer, force=True)
            if not quiet or previous_error != outcome.reason:
                self.notify(
                    f"{name}: {outcome.reason}. The file is untouched; your text is kept "
                    "in the editor and the recovery journal.",
                    title="Save failed",
                    severity="error",
                    timeout=15,
                )
        self._show_state()

    def _note_changed(self, path: Path) -> None:
        """The tree, the search index and the rehearsal screens follow a note's new content."""
        self.question_tree.update_note(self.session.notebook, path)
        self._refresh_teleprompter(path)
        if isinstance(self.screen, MockInterviewScreen):
            self.screen.notes_changed(answered_questions(self.session.notebook))
        note = self.session.note(path)
        if self._search_index is not None:
            docs = docs_for_note(note, self.session.notebook.relative(path)) if note else []
            self._search_index.update_file(path, docs)

    # -- autosave and the recovery journal --------------------------------------------------

    def _schedule_autosave(self) -> None:
        if self.config.autosave is None:
            return
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(self.config.autosave, self.autosave)

    def autosave(self) -> None:
        """Save every edit that can be saved safely; never one in conflict."""
        self._sync_editor()
        for buffer, outcome in self.session.save_all(autosave=True):
            self._report(buffer, outcome, quiet=True)

    def _journal_tick(self) -> None:
        # TextArea.Changed keeps buffer.text current; reading the whole editor here twice a
        # second would cost a join of every line even while nothing is typed.
        self.session.record_all()

    # -- changes made by other programs -----------------------------------------------------

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def _watch_notes(self) -> None:
        notebook = self.session.notebook
        only = notebook.notes[0].path if notebook.single_file and notebook.notes else None

        def changed(paths: set[Path], rescan: bool) -> None:
            if not self._stop_watching.is_set():
                self.call_from_thread(self.files_changed, paths, rescan)

        def notice(message: str) -> None:
            if not self._stop_watching.is_set():
                self.call_from_thread(self.notify, message, severity="warning", timeout=15)

        NotesWatcher(notebook.root, changed, notice, only=only).run(self._stop_watching)

    def files_changed(self, paths: set[Path], rescan: bool = False) -> None:
        """Another program changed these paths: show the new text, merge, or raise a conflict."""
        if self._stop_watching.is_set():  # the app is closing
            return
        self._sync_editor()
        result = self.session.reload(paths, rescan)
        if not result.changed_paths and not result.buffers:
            return
        tree = self.question_tree
        tree.sync_files(self.session.notebook)
        for path in result.changed_paths:
            self._note_changed(path)
        note = ""
        for buffer, change in result.buffers:
            if buffer is self._buffer:
                note = self._apply(buffer, change)
        self._show_state(note)

    def _apply(self, buffer: Buffer, change: Change) -> str:
        """Show what happened to the open buffer; returns a note for the status line."""
        name = self.session.notebook.relative(buffer.path)
        if change is Change.RELOADED:
            self.editor.reload_text(buffer.text)
            self.editor.set_title(self._describe(buffer))
            return " — reloaded: changed by another program (ctrl+z undoes)"
        if change is Change.MERGED:
            return " — merged another program's changes to other sections"
        if change is Change.RELINKED:
            self.editor.set_title(self._describe(buffer))
            self.notify(f"The note was renamed; now editing {name}.", timeout=5)
        elif change is Change.CLOSED:
            self._buffer = None
            self.editor.show_message(self._describe(buffer), "Removed by another program.")
        elif change is Change.CONFLICT:
            self.notify(
                f"{name}: changed on disk in the text you are editing. Nothing was written.",
                title="Conflict",
                severity="warning",
                timeout=10,
            )
        return ""

    # -- resolving a conflict ---------------------------------------------------------------

    @on(ConflictBanner.Chosen)
    def _banner_choice(self, event: ConflictBanner.Chosen) -> None:
        self.resolve_conflict(event.choice)

    def resolve_conflict(self, choice: Choice | None) -> None:
        buffer = self._buffer
        if buffer is None or buffer.conflict is None or choice is None:
            return
        self._sync_editor()
        if choice == "compare":
            screen = CompareScreen(
                self._describe(buffer),
                buffer.text,
                buffer.conflict.theirs,
                "Theirs — on disk now, written by another program",
            )
            self.push_screen(screen, self.resolve_conflict)
        elif choice == "mine":
            self._report(buffer, self.session.keep_mine(buffer))
        else:
            kept = self.session.take_theirs(buffer)
            if buffer.conflict is not None:
                self.notify(
                    "Could not set your version aside (the data folder is not writable), so "
                    "nothing changed. Keep mine, or copy your text out first.",
                    severity="error",
                    timeout=20,
                )
                return
            if buffer in list(self.session):
                self.editor.reload_text(buffer.text)
            else:
                self._buffer = None
                self.editor.show_message(self._describe(buffer), "Removed by another program.")
            where = f" Your version is kept in {kept}" if kept else ""
            self.notify(f"Took the version on disk.{where}", timeout=20)
            self._show_state()

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if screen is not self.screen_stack[0]:
            return  # the rehearsal screens open from the main screen only, as their keys do
        yield SystemCommand(
            "Teleprompter",
            "Read the selected answer against the clock (F5)",
            self.action_teleprompter,
        )
        yield SystemCommand(
            "Mock interview",
            "Questions with the answer hidden, timed, then graded (F6)",
            self.action_mock_interview,
        )
        yield SystemCommand(
            "Progress",
            "Rehearsals per day, due, weakest and never-rehearsed questions (F7)",
            self.action_progress,
        )
        if self._buffer is not None and self._buffer.conflict is not None:
            yield SystemCommand(
                "Conflict: keep mine",
                "Write my text over theirs",
                lambda: self.resolve_conflict("mine"),
            )
            yield SystemCommand(
                "Conflict: take theirs",
                "Use the version on disk; mine goes to the recovery folder",
                lambda: self.resolve_conflict("theirs"),
            )
            yield SystemCommand(
                "Conflict: compare",
                "Show both versions side by side",
                lambda: self.resolve_conflict("compare"),
            )

    # -- recovery after a crash -------------------------------------------------------------

    def _offer_recovery(self) -> None:
        journal = self.session.journal
        if journal is None:
            return
        notebook = self.session.notebook
        for entry in journal.entries(under=notebook.root):
            note = self.session.note(entry.note)
            if notebook.single_file and (note is None or entry.note != notebook.notes[0].path):
                continue
            if note is not None and self._on_disk(note, entry) == entry.text:
                journal.discard(entry)  # the text made it into the note after all
                continue
            self._recovery_queue.append(entry)
        self._next_recovery()

    def _on_disk(self, note: NoteFile, entry: RecoveryEntry) -> str | None:
        if entry.whole_file:
            return to_lf(note.text)
        section = note.find_by_heading_path(entry.heading_path)
        return to_lf(note.section_text(section)) if section else None

    def _next_recovery(self) -> None:
        if not self._recovery_queue:
            return
        entry = self._recovery_queue.pop(0)
        where = " › ".join([self.session.notebook.relative(entry.note), *entry.heading_path])
        self.push_screen(
            RecoveryScreen(entry, where), lambda choice: self._recovery_chosen(entry, choice)
        )

    def _recovery_chosen(self, entry: RecoveryEntry, choice: RecoveryChoice | None) -> None:
        journal = self.session.journal
        assert journal is not None
        note = self.session.note(entry.note)
        if choice == "compare":
            theirs = self._on_disk(note, entry) if note else None
            screen = CompareScreen(
                "Recovered text (left) and the note as it is now (right)",
                entry.text,
                theirs,
                "The note on disk now",
            )
            self.push_screen(
                screen,
                lambda picked: self._recovery_chosen(
                    entry,
                    "restore" if picked == "mine" else "discard" if picked == "theirs" else "later",
                ),
            )
            return
        if choice == "restore":
            buffer = (
                self.session.restore(note, entry.heading_path, entry.whole_file, entry.text)
                if note
                else None
            )
            if buffer is None:
                kept = journal.stash(entry.note, entry.text, "recovered")  # else it stays journaled
                self.notify(
                    f"The section is gone from the note; the text is kept in {kept or entry.file}",
                    timeout=20,
                )
            else:
                self._show(buffer)
                self.question_tree.reveal(
                    NodeRef(buffer.path, 0 if buffer.whole_file else buffer.section.index)
                )
                self.notify("Restored as unsaved text: review it, then save.", timeout=8)
        elif choice == "discard":
            kept = journal.stash(entry.note, entry.text, "discarded")
            journal.discard(entry)
            copy = f" A copy is kept in {kept}" if kept else ""
            self.notify(f"Discarded.{copy}", timeout=10)
        self._next_recovery()

    # -- rehearsing --------------------------------------------------------------------------

    def _questions(self) -> list[tuple[NoteFile, Section]]:
        return [
            (note, section) for note in self.session.notebook.readable for section in note.questions
        ]

    def action_teleprompter(self) -> None:
        """Read the open (or highlighted) question against the clock."""
        questions = self._questions()
        if not questions:
            self.notify("There are no questions to rehearse.", severity="warning")
            return
        ref = self._current_ref()
        index = 0
        for position, (note, section) in enumerate(questions):
            if ref is not None and note.path == ref.path and section.index >= ref.section:
                index = position
                break
        notebook = self.session.notebook

        def prompt_at(position: int) -> Prompt:
            note, section = questions[position]
            return prompt_for(note, section, notebook.relative(note.path))

        self._sync_editor()
        self.push_screen(
            TeleprompterScreen(
                prompt_at,
                len(questions),
                index,
                target=float(self.config.target_seconds),
                presets=self.config.target_presets,
                rates=speaking_rates(self.config),
                fit=self.config.pacing == "fit",
                log=self.rehearsal_log,
                clock=self.clock,
            ),
            lambda _: self._show_last_rehearsed(),
        )

    @property
    def rehearsal_log(self) -> RehearsalLog:
        return RehearsalLog.for_notes(self.session.notebook.root)

    def _history(self) -> list[Rehearsal]:
        try:
            return self.rehearsal_log.read()
        except OSError as error:
            self._log_unreadable(error)
            return []

    def _log_unreadable(self, error: OSError) -> None:
        if not self._log_problem_shown:  # once is enough: it is read at every rehearsal
            self._log_problem_shown = True
            self.notify(f"Could not read the rehearsal log: {error}", severity="warning")

    def _schedule(self, records: list[Rehearsal]) -> Schedule:
        """Each question's history and review schedule, rebuilt from these log records."""
        return Schedule(answered_questions(self.session.notebook), records)

    def _rehearsal_marks(
        self, records: list[Rehearsal]
    ) -> tuple[dict[QuestionId, float], frozenset[QuestionId]]:
        """When each question was last rehearsed, and which are due for review."""
        schedule = self._schedule(records)
        due = frozenset(state.question.id for state in schedule.due(as_datetime(time.time())))
        return schedule.last_rehearsed(), due

    def _show_last_rehearsed(self) -> None:
        self.question_tree.set_rehearsals(*self._rehearsal_marks(self._history()))

    @work(thread=True, exclusive=True, group="history")
    def _mark_rehearsals_in_background(self) -> None:
        """At start, off the main thread: a long log takes a moment to replay, and listing the
        answered questions reads every answer once (~0.5 s at 10k), which F6 and F7 reuse."""
        try:
            records = self.rehearsal_log.read()
        except OSError as error:
            self.call_from_thread(self._log_unreadable, error)
            return
        marks = self._rehearsal_marks(records)
        self.call_from_thread(self.question_tree.set_rehearsals, *marks)

    def _mock_scopes(self) -> list[Scope]:
        """The selected question's category, its file, and all notes: the narrowest first."""
        questions = answered_questions(self.session.notebook)
        scopes: list[Scope] = []
        ref = self._current_ref()
        note = self.session.notebook.get(ref.path) if ref is not None else None
        if ref is not None and isinstance(note, NoteFile):
            file = self.session.notebook.relative(note.path)
            in_file = tuple(q for q in questions if q.file == file)
            if ref.section > 0:
                top = note.heading_path(note.sections[ref.section])[0]
                under = tuple(q for q in in_file if q.heading_path[0] == top)
                if len(under) > 1:
                    scopes.append(Scope(f"Category: {top}", under))
            if in_file and len(in_file) < len(questions):
                scopes.append(Scope(f"File: {file}", in_file))
        scopes.append(Scope("All notes", tuple(questions)))
        return scopes

    def action_mock_interview(self) -> None:
        """Ask the questions of a category, a file or all notes with the answer hidden."""
        scopes = self._mock_scopes()
        if not scopes[-1].questions:
            self.notify("There are no answered questions to ask.", severity="warning")
            return
        self._sync_editor()
        self.push_screen(MockSetupScreen(scopes), self._start_mock_interview)

    def _start_mock_interview(self, plan: MockPlan | None) -> None:
        if plan is None:
            return
        schedule = self._schedule(self._history())
        ordered = schedule.order(plan.scope.questions, plan.order, as_datetime(time.time()))
        aliases = {q.id: schedule.state(q).aliases for q in ordered if schedule.state(q).aliases}
        self.push_screen(
            MockInterviewScreen(
                ordered,
                target=float(self.config.target_seconds),
                thinking=float(self.config.thinking_seconds),
                log=self.rehearsal_log,
                aliases=aliases,
                voice=self.config.speak_questions,
                clock=self.clock,
            ),
            lambda _: self._show_last_rehearsed(),
        )

    def action_progress(self) -> None:
        questions = answered_questions(self.session.notebook)
        now = time.time()
        figures = progress(questions, self._history(), now)
        self.push_screen(ProgressScreen(figures, now), self._open_question)

    def _open_question(self, question: QuestionId | None) -> None:
        if question is None:
            return
        file, heading_path = question
        note = self.session.note(self.session.notebook.root / file)
        section = note.find_by_heading_path(heading_path) if note is not None else None
        if note is not None and section is not None:
            self.jump_to(QuestionKey(note.path, section.index))

    def _current_ref(self) -> NodeRef | None:
        if self._buffer is not None and not self._buffer.whole_file:
            return NodeRef(self._buffer.path, self._buffer.section.index)
        node = self.question_tree.cursor_node
        return node.data if node is not None else None

    def _refresh_teleprompter(self, path: Path) -> None:
        """An answer saved while it is being read shows up in the teleprompter at once."""
        screen = self.screen
        note = self.session.note(path)
        if not isinstance(screen, TeleprompterScreen) or note is None:
            return
        file = self.session.notebook.relative(path)
        if screen.prompt.file != file:
            return
        section = note.find_by_heading_path(screen.prompt.heading_path)
        if section is not None:
            screen.replace_prompt(prompt_for(note, section, file))

    # -- quitting ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        self._sync_editor()
        unsaved = self.session.unsafe_buffers
        if not unsaved:
            self.exit()
            return
        names = [self._describe(buffer) for buffer in unsaved]
        self.push_screen(QuitScreen(names), self._quit_chosen)

    def _describe(self, buffer: Buffer) -> str:
        name = self.session.notebook.relative(buffer.path)
        if buffer.whole_file:
            return name
        return " › ".join([name, *buffer.base.heading_path(buffer.section)])

    def _quit_chosen(self, choice: QuitChoice | None) -> None:
        if choice == "discard":
            self.exit()
        elif choice == "save":
            results = self.session.save_all()
            for buffer, outcome in results:
                self._report(buffer, outcome)
            if not self.session.unsafe_buffers:
                self.exit()
