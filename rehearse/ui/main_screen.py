"""The main screen: the question tree on the left, the section editor on the right.

It owns the main keys and connects the two panes: the tree's cursor opens a
section, the editor's state marks the tree. Changes on disk come in through the
watchers here and go to the edit session; every view hears of them from the
notes model's signal.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header, Tree
from textual.widgets.tree import TreeNode

from rehearse.core.config import parse_width, speaking_rates
from rehearse.core.marks import marks, section_index
from rehearse.core.memory import release_free_memory, settle_long_lived
from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile
from rehearse.core.notes_model import NotesModel
from rehearse.core.refs import SectionRef
from rehearse.core.ui_state import UiState, load_state, resized, save_state, starting_tree_width
from rehearse.ui.background import run_in_thread
from rehearse.ui.own_editor import OwnEditor
from rehearse.ui.question_tree import QuestionTree
from rehearse.ui.rehearsals import Rehearsals
from rehearse.ui.section_editor import SectionEditor
from rehearse.ui.tree_nodes import FolderRef, NodeData
from rehearse.ui.watching import Watching

if TYPE_CHECKING:
    from rehearse.core.search import SearchIndex
    from rehearse.core.search.index import Prepared
    from rehearse.ui.app import RehearseApp
    from rehearse.ui.recovery_offer import RecoveryOffer
    from rehearse.ui.tree_actions import TreeActions

QUIT = [Binding("ctrl+q", "app.quit", id="app.quit")]  # the app's, kept beside the screen's
WHOLE_FILE_LIMIT = 1_000_000  # characters: a bigger note's file row opens its first section
FOOTER_POLL = 0.05  # seconds between looks at the footer, until the first screen is whole
FOOTER_WAIT = 0.5  # seconds at most


class MainScreen(Screen[None]):
    BINDINGS = [
        Binding("ctrl+k", "search", "Search", id="app.search", priority=True),
        # Not priority bindings: they must run after the keys typed before them reach the editor.
        Binding("ctrl+s", "save", "Save", id="app.save"),
        # Priority, or the editor would take F6 and F7 as "select line" and "select all".
        # Short words for the footer, which must fit 80 columns; `?` shows the tooltips.
        Binding(
            "f5",
            "teleprompter",
            "Prompter",
            id="app.teleprompter",
            priority=True,
            tooltip="Teleprompter",
        ),
        Binding(
            "f6",
            "mock_interview",
            "Mock",
            id="app.mock_interview",
            priority=True,
            tooltip="Mock interview",
        ),
        Binding("f7", "progress", "Progress", id="app.progress", priority=True),
        # Not priority: in the editor `?` is typed.
        Binding("question_mark", "keys", "Keys", id="app.keys"),
        Binding("f2", "focus_tree", "Tree", id="app.focus_tree", show=False),
        Binding("f3", "focus_editor", "Editor", id="app.focus_editor", show=False),
    ]

    def __init__(self, *, watch: bool = True) -> None:
        super().__init__()
        self._watch_enabled = watch
        self.watching = Watching(self)
        self.recency: dict[SectionRef, float] = {}
        self.rehearsals = Rehearsals(self)
        self.own_editor = OwnEditor(self)

    # Loaded when first used, after the first frame: the tree's edits at the first one, the
    # crash recovery once the first screen is whole.

    @cached_property
    def shaping(self) -> TreeActions:
        from rehearse.ui.tree_actions import TreeActions

        return TreeActions(self)

    @cached_property
    def recovery(self) -> RecoveryOffer:
        from rehearse.ui.recovery_offer import RecoveryOffer

        return RecoveryOffer(self)

    @property
    def rehearse(self) -> RehearseApp:
        return cast("RehearseApp", self.app)

    @property
    def model(self) -> NotesModel:
        return self.rehearse.model

    def compose(self) -> ComposeResult:
        app = self.rehearse
        yield Header()
        with Horizontal(id="main"):
            yield QuestionTree(app.model, rates=speaking_rates(app.config), id="tree")
            yield SectionEditor(app.model, app.config.autosave, id="editor")
        yield Footer(compact=True)

    @property
    def tree(self) -> QuestionTree:
        return self.query_one(QuestionTree)

    @property
    def editor(self) -> SectionEditor:
        return self.query_one(SectionEditor)

    def on_mount(self) -> None:
        tree = self.tree
        tree.auto_expand = False
        self._set_tree_width(starting_tree_width(self.rehearse.config.tree_width, load_state()))
        tree.focus()
        self.editor.set_status(
            "Select a question (↑↓, Enter to edit, ctrl+k to search)", "readonly"
        )
        self._select_first()
        self.model.background = self._reindex_in_background
        if self._watch_enabled:
            self.watching.start()
        self._once_painted()

    def _select_first(self) -> None:
        """Something to read from the first frame on: the first question, shown."""
        tree = self.tree
        if self.editor.buffer is not None or tree.cursor_line > 0:
            return  # the user got there first
        ref = tree.first_question()
        if ref is not None and tree.reveal(ref) is not None:
            self.open_ref(ref)

    def on_unmount(self) -> None:
        self.watching.stop()

    # -- the two panes --------------------------------------------------------------------------

    # Focus set at once, not after the messages already queued (Widget.focus): the keys
    # that follow go where the focus went.

    def action_focus_tree(self) -> None:
        self.set_focus(self.tree)

    def action_focus_editor(self) -> None:
        self.set_focus(self.editor.text_area)

    @on(Tree.NodeHighlighted, "#tree")
    def _preview(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        data = event.node.data
        if self.tree.has_focus and isinstance(data, SectionRef):  # a folder has nothing to show
            self.open_ref(data)

    @on(Tree.NodeSelected, "#tree")
    def _clicked(self, event: Tree.NodeSelected[NodeData]) -> None:
        self._edit(event.node)

    def action_edit_highlighted(self) -> None:
        """Enter in the tree (run in order with the keys around it, ui/in_order.py): the
        focus moves at once, so the keys typed right behind it go into the editor."""
        node = self.tree.cursor_node
        if node is not None:
            self._edit(node)

    def _edit(self, node: TreeNode[NodeData]) -> None:
        data = node.data
        if isinstance(data, FolderRef):  # a folder opens or closes
            self.tree.toggle(node)
        elif data is not None and self.open_ref(data):
            self.action_focus_editor()

    @on(QuestionTree.NotesRenamed)
    def _marks_follow_renames(self) -> None:
        self.rehearsals.refresh_marks()

    @on(SectionEditor.StateChanged)
    def _mark(self) -> None:
        self.tree.set_marks(*marks(self.model.session))

    @on(SectionEditor.CursorInSection)
    def _follow(self, event: SectionEditor.CursorInSection) -> None:
        self.tree.reveal(event.ref)

    def open_ref(self, ref: SectionRef) -> bool:
        """Show the file or section `ref` in the editor; False if it cannot be edited."""
        notebook = self.model.notebook
        note = notebook.get(ref.path)
        if not isinstance(note, NoteFile):
            reason = note.reason if note is not None else "missing"
            self.editor.show_message(
                f"⚠ {notebook.relative(ref.path)}",
                f"Unreadable: {reason}. This file is never written.",
            )
            return False
        buffer = self.editor.buffer
        session = self.model.session
        if (
            buffer is not None
            and buffer.path == ref.path
            and section_index(session, buffer) == ref.section
        ):
            return True  # already open
        if ref.section:
            self.recency[ref] = self.rehearse.clock()
        section = note.sections[ref.section]
        if section.is_preamble and len(note.text) > WHOLE_FILE_LIMIT and note.questions:
            section = note.questions[0]  # megabytes never go into the editor at once
        self.editor.show(self.model.session.open_section(note, section))
        return True

    def current_ref(self) -> SectionRef | None:
        """The open section (or file), else the tree's highlighted row."""
        buffer = self.editor.buffer
        if buffer is not None:
            index = section_index(self.model.session, buffer)
            if index is not None:
                return SectionRef(buffer.path, index)
        node = self.tree.cursor_node
        return node.data if node is not None and isinstance(node.data, SectionRef) else None

    def jump_to(self, ref: SectionRef) -> None:
        """Select the question in the tree and show it in the editor."""
        if self.tree.reveal(ref) is not None:
            self.open_ref(ref)

    # -- keys -----------------------------------------------------------------------------------

    def action_save(self) -> None:
        self.editor.save()

    def action_search(self) -> None:
        from rehearse.ui.search_screen import SearchScreen  # not needed for the first frame

        self.app.push_screen(SearchScreen(self.model.index, self.recency), self._search_done)

    def _search_done(self, ref: SectionRef | None) -> None:
        if ref is not None:
            self.jump_to(ref)

    def action_teleprompter(self) -> None:
        self.rehearsals.teleprompter()

    def action_mock_interview(self) -> None:
        self.rehearsals.mock_interview()

    def action_progress(self) -> None:
        self.rehearsals.progress()

    def action_keys(self) -> None:
        from rehearse.ui.keys_help import KeysScreen

        tree, editor = self.tree, self.editor
        self.app.push_screen(KeysScreen([self, tree, editor, editor.text_area], "Main screen"))

    # The tree's keys (bound on the tree, run here: the screen holds the session).

    def action_new_question(self) -> None:
        self.shaping.new_question()

    def action_rename(self) -> None:
        self.shaping.rename()

    def action_delete(self) -> None:
        self.shaping.delete()

    def action_move(self, step: int) -> None:
        self.shaping.move(step)

    def action_new_note(self) -> None:
        self.shaping.new_note()

    def action_undo(self) -> None:
        self.shaping.undo()

    def action_external_editor(self) -> None:
        self.own_editor.open()

    def action_tree_width(self, step: int) -> None:
        width = resized(self.tree.outer_size.width, step, self.size.width)
        self._set_tree_width(str(width))
        self._keep_state(UiState(width, self.rehearse.config.tree_width))

    def _set_tree_width(self, width: str) -> None:
        parsed = parse_width(width)
        if parsed is not None:
            amount, share = parsed
            self.tree.styles.width = f"{amount}%" if share else amount

    @work(thread=True, exclusive=True, group="state", exit_on_error=False)
    def _keep_state(self, state: UiState) -> None:
        save_state(state)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """The footer's keys in one order wherever the focus is: the screen's own first, as
        declared, and quit, then those of the focused pane (Textual lists the focused widget's
        first): in 80 columns the pane's keys are the ones cut, and `?` lists them all."""
        bindings = super().active_bindings
        own = {binding.id: place for place, binding in enumerate([*self.BINDINGS, *QUIT])}
        return dict(
            sorted(bindings.items(), key=lambda item: own.get(item[1].binding.id, len(own)))
        )

    # -- the search index -------------------------------------------------------------------------

    def _once_painted(self, waited: float = 0.0) -> None:
        """What the first screen need not wait for (a crash's text to offer, the tree's
        rehearsal marks, the search index) starts once it is whole: the footer's keys come
        a few frames after the rest, and work beside those frames delays them (ctrl+k before
        then builds the index at once). Never later than FOOTER_WAIT: Textual draws no keys
        while the terminal window is not focused."""
        if self.query_one(Footer).children or waited >= FOOTER_WAIT:
            self.call_after_refresh(self._after_first_screen)
        else:
            self.set_timer(FOOTER_POLL, lambda: self._once_painted(waited + FOOTER_POLL))

    def _after_first_screen(self) -> None:
        self.recovery.offer()
        self.rehearsals.refresh_marks()
        self._index_in_background()

    def _index_in_background(self) -> None:
        snapshot = self.model.index_snapshot()
        run_in_thread(
            self,
            lambda: self._build_index(snapshot),
            group="index",
            description="search index",
            exclusive=True,
            exit_on_error=True,
        )

    def _build_index(self, snapshot: Notebook) -> None:
        """In a worker thread."""
        index = self.model.build_index(snapshot)
        self.app.call_from_thread(self._adopt, index)

    def _reindex_in_background(
        self, make: Callable[[], Prepared], put: Callable[[Prepared], None]
    ) -> None:
        def job() -> None:
            prepared = make()
            if not self.watching.stopped.is_set():
                self.app.call_from_thread(put, prepared)

        run_in_thread(self, job, group="reindex", description="reindex a note")

    def _adopt(self, index: SearchIndex) -> None:
        self.model.adopt_index(index)
        settle_long_lived()  # notes and index: no longer walked by the collector's passes
        release_free_memory()

    # -- changes made by other programs ---------------------------------------------------------

    def files_changed(
        self, paths: set[Path], rescan: bool = False, seen: dict[Path, str] | None = None
    ) -> None:
        """Another program changed these paths: show the new text, merge, or raise a conflict
        (`seen`: their digests, read on the watcher's thread)."""
        if self.watching.stopped.is_set():  # the app is closing
            return
        self.editor.sync()
        result = self.model.session.reload(paths, rescan, seen)
        if result.changed_paths or result.buffers:
            self.editor.apply(result.buffers)
