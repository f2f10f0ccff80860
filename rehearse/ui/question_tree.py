"""The question tree: roots, folders, files, categories and questions, and its keys.

Which nodes exist is tree_nodes' job; this adds moving, the marks (unsaved,
conflict, rehearsed, due), the rows as they are painted, and the keys that
shape the notes (they run on the main screen, which owns the edit session).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message

from rehearse.core.display import tilde
from rehearse.core.marks import marks
from rehearse.core.notes import NoteFile
from rehearse.core.notes_model import NotesModel
from rehearse.core.questions import (
    DEFAULT_RULES,
    Kind,
    QuestionRules,
    iter_questions,
    section_kind,
)
from rehearse.core.refs import QuestionId, SectionRef
from rehearse.core.speech import SpeakingRates
from rehearse.ui.in_order import pass_on_if_focus_left, run_binding_in_order
from rehearse.ui.tree_labels import RowLabel, file_label, section_label
from rehearse.ui.tree_nodes import FolderRef, NodeData, NotesTree, QuestionNode

__all__ = ["FolderRef", "NodeData", "QuestionNode", "QuestionTree"]


class QuestionTree(NotesTree):
    class NotesRenamed(Message):
        """Notes (or their folder) were renamed on disk: their rehearsal marks follow."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "question-tree--count",
        "question-tree--empty",
        "question-tree--dirty",
        "question-tree--conflict",
        "question-tree--time",
        "question-tree--overtime",
        "question-tree--unreadable",
        "question-tree--file",
        "question-tree--folder",
        "question-tree--due",
    }
    BINDINGS = [
        Binding("enter", "screen.edit_highlighted", "Edit", show=False),
        Binding("slash", "screen.search", "Search", show=False, id="tree.search"),
        Binding("right", "expand_or_child", "Expand", show=False, id="tree.expand"),
        Binding("left", "collapse_or_parent", "Collapse", show=False, id="tree.collapse"),
        # Shaping the notes: the main screen does it, through the edit session.
        Binding("n", "screen.new_question", "New", id="tree.new_question"),
        Binding("r", "screen.rename", "Rename", id="tree.rename"),
        Binding("delete", "screen.delete", "Delete", show=False, id="tree.delete"),
        Binding("ctrl+up", "screen.move(-1)", "Move up", show=False, id="tree.move_up"),
        Binding("ctrl+down", "screen.move(1)", "Move down", show=False, id="tree.move_down"),
        Binding("N", "screen.new_note", "New note", show=False, id="tree.new_note"),
        Binding("ctrl+z", "screen.undo", "Undo", show=False, id="tree.undo"),
        Binding("e", "screen.external_editor", "$EDITOR", id="tree.external_editor"),
        Binding("less_than_sign", "screen.tree_width(-4)", "Narrower", show=False,
                id="tree.narrower"),
        Binding("greater_than_sign", "screen.tree_width(4)", "Wider", show=False,
                id="tree.wider"),
    ]  # fmt: skip
    ICON_NODE = "▸ "
    ICON_NODE_EXPANDED = "▾ "

    def __init__(
        self,
        model: NotesModel,
        *,
        rates: SpeakingRates | None = None,
        rules: QuestionRules = DEFAULT_RULES,
        target_seconds: float = 90.0,
        id: str | None = None,
    ) -> None:
        super().__init__(model, rules=rules, id=id)
        self._rates = rates or SpeakingRates()
        self._target_seconds = target_seconds
        self._last_rehearsed: dict[QuestionId, float] = {}
        self._due: frozenset[QuestionId] = frozenset()
        self._room: int | None = None  # the rows' width while the tree lays its lines out
        self._dirty: dict[Path, set[int]] = {}
        self._conflicts: dict[Path, set[int]] = {}
        self.guide_depth = 2

    async def _on_key(self, event: events.Key) -> None:
        """Each key in the order typed (see ui/in_order.py): `Down Enter` opens the row Down
        reached, and what is typed behind Enter goes into the editor it opened."""
        if pass_on_if_focus_left(self, event) or await run_binding_in_order(self, event):
            return
        await super()._on_key(event)

    def on_mount(self) -> None:
        self.show_notes()
        listen = getattr(self.app, "notes", None)
        if listen is not None:
            listen.subscribe(self, self.notes_changed, now=True)

    def notes_changed(self, paths: frozenset[Path]) -> None:
        renamed = self._model.session.renamed
        self.sync_files(renamed)
        if renamed:
            self.post_message(self.NotesRenamed())
        for path in sorted(paths):
            if path in self._file_nodes:
                self.update_note(path)
        # A save's marks go with its rows, in the same frame (the editor's message comes later).
        self.set_marks(*marks(self._model.session))
        self.refresh()

    def cursor_to(self, ref: SectionRef) -> None:
        self.reveal(ref, move_cursor=True)

    def cursor_to_node(self, node: QuestionNode) -> None:
        self._move_to(node)

    # -- moving ---------------------------------------------------------------------------------

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if node.is_expanded and node.children:
            self._move_to(node.children[0])
        else:
            self.expand_node(node)

    def action_collapse_or_parent(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.allow_expand:
            node.collapse()
        elif node.parent is not None and not (node.parent.is_root and not self.show_root):
            self._move_to(node.parent)

    def _move_to(self, node: QuestionNode) -> None:
        self._tree_lines  # noqa: B018 - lays out freshly expanded nodes so node._line is known
        self.move_cursor(node)

    def reveal(self, ref: SectionRef, *, move_cursor: bool = True) -> QuestionNode | None:
        """Populate and expand down to `ref`, and put the cursor on it."""
        node = self.expand_down_to(ref.path)
        note = self._note(ref.path)
        if node is None or not isinstance(note, NoteFile):
            return None
        if ref.section:
            section = note.sections[ref.section]
            for step in [*note.ancestors(section), section]:
                self.expand_node(node)
                match = next(
                    (
                        c
                        for c in node.children
                        if isinstance(c.data, SectionRef) and c.data.section == step.index
                    ),
                    None,
                )
                if match is None:
                    return None
                node = match
        if move_cursor:
            self._move_to(node)
            self.call_after_refresh(self.scroll_to_node, node, animate=False)
        return node

    def first_question(self) -> SectionRef | None:
        """The first answered question in tree order (else the first question at all)."""
        fallback: SectionRef | None = None
        for path in self._paths_in_order():
            note = self._note(path)
            if not isinstance(note, NoteFile):
                continue
            for section in iter_questions(note, self._rules):
                if section_kind(note, section, self._rules) is Kind.ANSWER:
                    return SectionRef(path, section.index)
                fallback = fallback or SectionRef(path, section.index)
        return fallback

    def _paths_in_order(self) -> list[Path]:
        found: list[Path] = []
        stack = [self.root]
        while stack:
            node = stack.pop()
            if isinstance(node.data, SectionRef) and node.data.section == 0:
                found.append(node.data.path)
            if isinstance(node.data, FolderRef) or node is self.root:
                stack.extend(reversed(node.children))
        return found

    # -- marks ----------------------------------------------------------------------------------

    def set_rehearsals(
        self, last: dict[QuestionId, float], due: frozenset[QuestionId] = frozenset()
    ) -> None:
        """When each question was last rehearsed (Unix times), and which are due for review."""
        if last != self._last_rehearsed or due != self._due:
            self._last_rehearsed, self._due = last, due
            self._clear_line_cache()
            self.refresh()

    def set_marks(self, dirty: dict[Path, set[int]], conflicts: dict[Path, set[int]]) -> None:
        """Mark sections (0: the file) holding unsaved edits, and those in conflict."""
        if dirty != self._dirty or conflicts != self._conflicts:
            self._dirty, self._conflicts = dirty, conflicts
            self._clear_line_cache()
            self.refresh()

    def notify_style_update(self) -> None:
        self._clear_line_cache()
        super().notify_style_update()

    # -- rows -----------------------------------------------------------------------------------

    def render_label(self, node: QuestionNode, base_style: Style, style: Style) -> Text:
        data = node.data
        if data is None:
            return Text()
        on_cursor = node.line == self.cursor_line and node.line != -1

        def styler(component: str) -> Style:
            return (
                style
                if on_cursor
                else style + self.get_component_rich_style(component, partial=True)
            )

        row = RowLabel(styler, style, self._label_width(node))
        if node.allow_expand:
            row.head(self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE)
        elif not node.is_root:
            row.head("  ")  # keeps leaves in line with siblings that have ▸
        top = self.is_root_node(data)  # one of several roots: named in full
        if isinstance(data, FolderRef):
            name = tilde(data.path) if top else data.path.name
            row.name(f"{name.rstrip('/')}/", "question-tree--folder")
            return row.build()
        self._marks(row, data)
        note = self._note(data.path)
        if not isinstance(note, NoteFile):
            reason = getattr(note, "reason", "missing")  # the editor shows all of it
            row.name(f"⚠ {data.path.name}  unreadable: {reason}", "question-tree--unreadable")
        elif data.section == 0:
            name = tilde(data.path) if top else data.path.name
            name = self._model.notebook.relative(data.path) if node.is_root else name
            file_label(row, name, note, self._rules)
        else:
            section = note.sections[data.section]
            question = QuestionId(
                self._model.notebook.relative(data.path), note.heading_path(section)
            )
            section_label(
                row,
                note,
                section,
                rules=self._rules,
                rates=self._rates,
                target_seconds=self._target_seconds,
                question=question,
                last_rehearsed=self._last_rehearsed.get(question),
                due=question in self._due,
            )
        return row.build()

    def _marks(self, row: RowLabel, ref: SectionRef) -> None:
        conflicts = self._conflicts.get(ref.path, set())
        dirty = self._dirty.get(ref.path, set())
        if ref.section in conflicts or (ref.section == 0 and conflicts):
            row.head("⚡ ", "question-tree--conflict")
        elif ref.section in dirty or (ref.section == 0 and dirty):
            row.head("● ", "question-tree--dirty")

    def get_label_width(self, node: QuestionNode) -> int:
        """The room a row's label is fitted to (rows never scroll sideways): Tree asks this of
        every expanded row, and rendering them all would measure every answer up front."""
        return self._label_width(node)

    def _build(self) -> None:
        self._room = self.scrollable_content_region.width  # once, not for each of 10k rows
        try:
            super()._build()
        finally:
            self._room = None

    def _label_width(self, node: QuestionNode) -> int:
        room = self.scrollable_content_region.width if self._room is None else self._room
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        levels = depth if self.show_root else max(0, depth - 1)
        return max(8, room - levels * self.guide_depth)
