"""The main screen: the question tree on the left, the section editor on the right."""

from __future__ import annotations

import time

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Footer, Header, TextArea, Tree

from rehearse.core.config import DEFAULT_THEME, Config
from rehearse.core.editing import Conflict, Saved, SaveFailed, SaveOutcome, Unchanged
from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile, parse_note
from rehearse.core.search import QuestionKey, SearchIndex, docs_for_note
from rehearse.core.session import Buffer, EditSession
from rehearse.ui.commands import QuestionProvider
from rehearse.ui.question_tree import NodeRef, QuestionTree
from rehearse.ui.quit_screen import QuitChoice, QuitScreen
from rehearse.ui.search_screen import SearchScreen
from rehearse.ui.section_editor import SectionEditor
from rehearse.ui.themes import load_themes


class RehearseApp(App[None]):
    CSS_PATH = "rehearse.tcss"
    TITLE = "rehearse"
    COMMANDS = App.COMMANDS | {QuestionProvider}
    BINDINGS = [
        Binding("ctrl+k", "search", "Search", id="app.search", priority=True),
        Binding("ctrl+s", "save", "Save", id="app.save", priority=True),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
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
    ) -> None:
        super().__init__()
        self.config = config or Config()
        self.session = session or EditSession(notebook)
        self._requested_theme = theme_name or self.config.theme
        self._buffer: Buffer | None = None
        self._search_index: SearchIndex | None = None
        self.recency: dict[QuestionKey, float] = {}
        self.sub_title = str(notebook.root if not notebook.single_file else notebook.notes[0].path)

    # -- set-up -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield QuestionTree(self.session.notebook, id="tree")
            yield SectionEditor(id="editor")
        yield Footer()

    def on_mount(self) -> None:
        self._apply_themes()
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
            self._search_index = SearchIndex.from_notebook(self.session.notebook)
        return self._search_index

    @work(thread=True, exclusive=True, group="index")
    def _index_in_background(self) -> None:
        index = SearchIndex.from_notebook(self.session.notebook)
        self.call_from_thread(self._adopt_index, index)

    def _adopt_index(self, index: SearchIndex) -> None:
        if self._search_index is None:
            self._search_index = index

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
        buffer = self.session.open_section(note, section)
        self._buffer = buffer
        crumbs = [name, *note.heading_path(section)] if ref.section else [name]
        if self.editor.show_buffer(buffer, " › ".join(crumbs)):
            self._show_state()
        else:
            self.editor.set_status(
                "Read-only: this text holds line separators the editor would change.", "readonly"
            )
        return True

    # -- editing ----------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor-text")
    def _typed(self, event: TextArea.Changed) -> None:
        buffer = self._buffer
        if buffer is None or event.text_area.read_only:
            return
        buffer.text = event.text_area.text
        self._show_state()

    @on(TextArea.SelectionChanged, "#editor-text")
    def _follow_cursor(self, event: TextArea.SelectionChanged) -> None:
        buffer = self._buffer
        if buffer is None or not buffer.whole_file or not event.text_area.has_focus:
            return
        line = event.selection.end[0]
        base = buffer.base
        if buffer.dirty:  # map through the edited text, then back by heading path
            edited = parse_note(base.path, base.decoded.encode(buffer.text))
            here = edited.section_at_line(line)
            section = base.find_by_heading_path(edited.heading_path(here)) if here.index else None
        else:
            section = base.section_at_line(line)
        self.question_tree.reveal(NodeRef(base.path, section.index if section else 0))

    def _show_state(self) -> None:
        buffer = self._buffer
        if buffer is not None:
            if buffer.conflict:
                self.editor.set_status(f"Not saved: {buffer.conflict}.", "error")
            elif buffer.dirty:
                self.editor.set_status("● unsaved — ctrl+s saves", "unsaved")
            else:
                self.editor.set_status("saved", "saved")
        self.question_tree.set_dirty_marks(self.session.dirty_marks())

    # -- saving -----------------------------------------------------------------------------

    def action_save(self) -> None:
        buffer = self._buffer
        if buffer is None:
            self.notify("Nothing is open to save.")
            return
        self._sync_editor()
        self._report(buffer, self.session.save(buffer))

    def _sync_editor(self) -> None:
        """The editor's text as it is now: a key right after typing can beat TextArea.Changed."""
        text_area = self.editor.text_area
        if self._buffer is not None and not text_area.read_only:
            self._buffer.text = text_area.text

    def _report(self, buffer: Buffer, outcome: SaveOutcome) -> None:
        name = self.session.notebook.relative(buffer.path)
        if isinstance(outcome, Saved):
            self.question_tree.update_note(self.session.notebook, buffer.path)
            if self._search_index is not None:
                self._search_index.update_file(outcome.note.path, docs_for_note(outcome.note, name))
            if buffer is self._buffer:
                self.editor.replace_text(buffer.text if buffer.dirty else buffer.original)
                buffer.text = self.editor.text_area.text
            self.notify(f"Saved {name}", timeout=2)
        elif isinstance(outcome, Unchanged):
            self.notify("No changes to save.", timeout=2)
        elif isinstance(outcome, Conflict):
            self.notify(
                f"{name}: {outcome.reason}. Nothing was written; your text is still here.",
                title="Not saved",
                severity="error",
                timeout=15,
            )
        elif isinstance(outcome, SaveFailed):
            self.notify(
                f"{name}: {outcome.reason}. The file is untouched; your text is still here.",
                title="Save failed",
                severity="error",
                timeout=15,
            )
        self._show_state()

    # -- quitting ---------------------------------------------------------------------------

    async def action_quit(self) -> None:
        self._sync_editor()
        unsaved = self.session.dirty_buffers
        if not unsaved:
            self.exit()
            return
        names = [self._describe(buffer) for buffer in unsaved]
        self.push_screen(QuitScreen(names), self._quit_chosen)

    def _describe(self, buffer: Buffer) -> str:
        name = self.session.notebook.relative(buffer.path)
        if buffer.whole_file:
            return name
        return f"{name} › {' › '.join(buffer.base.heading_path(buffer.section))}"

    def _quit_chosen(self, choice: QuitChoice | None) -> None:
        if choice == "discard":
            self.exit()
        elif choice == "save":
            results = self.session.save_all()
            for buffer, outcome in results:
                self._report(buffer, outcome)
            if not self.session.dirty_buffers:
                self.exit()
