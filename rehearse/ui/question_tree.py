"""The question tree: folders, files, categories and questions, populated lazily.

It reads the notes from the notes model and listens to it: when notes change,
only their nodes change — added and removed files take their place in a stable
order (folders first, then files, by name), and what was expanded and selected
stays so.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from rehearse.core.notebook import Note
from rehearse.core.notes import NoteFile
from rehearse.core.notes_model import NotesModel
from rehearse.core.questions import (
    DEFAULT_RULES,
    Kind,
    QuestionRules,
    iter_questions,
    question_children,
    section_kind,
    top_questions,
)
from rehearse.core.refs import QuestionId, SectionRef
from rehearse.core.speech import SpeakingRates
from rehearse.ui.tree_labels import RowLabel, file_label, section_label


@dataclass(frozen=True, slots=True)
class FolderRef:
    path: Path


NodeData = SectionRef | FolderRef
QuestionNode = TreeNode[NodeData]


def _order(path: Path) -> tuple[str, str]:
    return path.name.casefold(), path.name


class QuestionTree(Tree[NodeData]):
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
        Binding("slash", "screen.search", "Search", show=False, id="tree.search"),
        Binding("right", "expand_or_child", "Expand", show=False, id="tree.expand"),
        Binding("left", "collapse_or_parent", "Collapse", show=False, id="tree.collapse"),
    ]
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
        super().__init__("notes", id=id)
        self._model = model
        self._rates = rates or SpeakingRates()
        self._rules = rules
        self._target_seconds = target_seconds
        self._last_rehearsed: dict[QuestionId, float] = {}
        self._due: frozenset[QuestionId] = frozenset()
        self._dirty: dict[Path, set[int]] = {}
        self._conflicts: dict[Path, set[int]] = {}
        self._file_nodes: dict[Path, QuestionNode] = {}
        self._folder_nodes: dict[Path, QuestionNode] = {}
        self.guide_depth = 2

    def on_mount(self) -> None:
        self._show_notes()
        listen = getattr(self.app, "notes", None)
        if listen is not None:
            listen.subscribe(self, self.notes_changed, now=True)

    def _note(self, path: Path) -> Note | None:
        return self._model.notebook.get(path)

    # -- building -------------------------------------------------------------------------------

    def _show_notes(self) -> None:
        notebook = self._model.notebook
        self.clear()
        self._file_nodes.clear()
        self._folder_nodes.clear()
        if notebook.single_file and notebook.notes:
            note = notebook.notes[0]
            self.show_root = True
            self.root.data = SectionRef(note.path)
            self._file_nodes[note.path] = self.root
            if isinstance(note, NoteFile):
                self._populate(self.root, note)
                self.root.expand()
            return
        self.show_root = False
        self._folder_nodes[notebook.root] = self.root
        for note in notebook.notes:
            self._add_file(note.path)
        if len(notebook.notes) == 1:
            self._expand_down_to(notebook.notes[0].path)

    def _folder(self, folder: Path) -> QuestionNode:
        """The node of `folder` (below the notes root), made on first use."""
        node = self._folder_nodes.get(folder)
        if node is None:
            parent = self._folder(folder.parent)
            node = self._insert(parent, folder.name, FolderRef(folder), folder=True)
            self._folder_nodes[folder] = node
        return node

    def _insert(
        self, parent: QuestionNode, name: str, data: NodeData, folder: bool
    ) -> QuestionNode:
        """Add a child in its place: folders first, then files, each by name."""
        key = (not folder, *_order(Path(name)))
        before = None
        for child in parent.children:
            child_folder = isinstance(child.data, FolderRef)
            child_name = child.data.path.name if child.data is not None else ""
            if (not child_folder, *_order(Path(child_name))) > key:
                before = child
                break
        return parent.add("", data, before=before, allow_expand=folder)

    def _add_file(self, path: Path) -> None:
        note = self._note(path)
        readable = isinstance(note, NoteFile) and bool(note.questions)
        node = self._insert(self._folder(path.parent), path.name, SectionRef(path), folder=False)
        node.allow_expand = readable
        self._file_nodes[path] = node

    def sync_files(self) -> None:
        """Add nodes for new files and drop those of removed ones; the rest stay as they are."""
        notebook = self._model.notebook
        if notebook.single_file:
            return
        present = {note.path for note in notebook.notes}
        for path in [p for p in self._file_nodes if p not in present]:
            self._remove(self._file_nodes.pop(path))
        for note in notebook.notes:
            if note.path not in self._file_nodes:
                self._add_file(note.path)

    def _remove(self, node: QuestionNode) -> None:
        """Remove a file's node, and the folders it leaves empty."""
        parent = node.parent
        node.remove()
        while parent is not None and not parent.is_root and not parent.children:
            data = parent.data
            if isinstance(data, FolderRef):
                self._folder_nodes.pop(data.path, None)
            grand = parent.parent
            parent.remove()
            parent = grand

    def notes_changed(self, paths: frozenset[Path]) -> None:
        self.sync_files()
        for path in sorted(paths):
            if path in self._file_nodes:
                self.update_note(path)
        self.refresh()

    def _populate(self, node: QuestionNode, note: NoteFile) -> None:
        """Add the children of a file or section node, once."""
        data = node.data
        if node.children or not isinstance(data, SectionRef):
            return
        owner = note.sections[data.section]
        children = (
            top_questions(note, self._rules)
            if owner.is_preamble
            else question_children(note, owner, self._rules)
        )
        for section in children:
            node.add("", SectionRef(note.path, section.index), allow_expand=bool(section.children))

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeData]) -> None:
        data = event.node.data
        note = self._note(data.path) if isinstance(data, SectionRef) else None
        if isinstance(note, NoteFile):
            self._populate(event.node, note)

    def _expand(self, node: QuestionNode) -> None:
        """Populate first, so keys that follow at once already see the children."""
        data = node.data
        note = self._note(data.path) if isinstance(data, SectionRef) else None
        if isinstance(note, NoteFile):
            self._populate(node, note)
        node.expand()

    def update_note(self, path: Path) -> None:
        """Rebuild only the subtree of `path`, keeping what was expanded and the cursor."""
        node = self._file_nodes.get(path)
        note = self._note(path)
        if node is None or note is None:
            return
        expanded = self._expanded_keys(node)
        cursor = self.cursor_node.data if self.cursor_node else None
        cursor_key = (
            self._key_of(cursor) if isinstance(cursor, SectionRef) and cursor.path == path else None
        )
        node.remove_children()
        node.allow_expand = (isinstance(note, NoteFile) and bool(note.questions)) or node.is_root
        if isinstance(note, NoteFile):
            self._populate(node, note)
            self._restore_expanded(node, note, expanded)
            if cursor_key:
                target = note.find_by_heading_path(cursor_key)
                if target is not None:
                    self.reveal(SectionRef(path, target.index), move_cursor=True)
        self._clear_line_cache()

    def _key_of(self, ref: SectionRef) -> tuple[str, ...]:
        note = self._note(ref.path)
        if not isinstance(note, NoteFile) or not 0 < ref.section < len(note.sections):
            return ()
        return note.heading_path(note.sections[ref.section])

    def _expanded_keys(self, node: QuestionNode) -> set[tuple[str, ...]]:
        keys: set[tuple[str, ...]] = set()
        stack = list(node.children)
        while stack:
            child = stack.pop()
            if child.is_expanded and isinstance(child.data, SectionRef):
                keys.add(self._key_of(child.data))
                stack.extend(child.children)
        return keys

    def _restore_expanded(
        self, node: QuestionNode, note: NoteFile, keys: set[tuple[str, ...]]
    ) -> None:
        for child in node.children:
            data = child.data
            if not isinstance(data, SectionRef) or not child.allow_expand:
                continue
            if note.heading_path(note.sections[data.section]) in keys:
                self._populate(child, note)
                child.expand()
                self._restore_expanded(child, note, keys)

    # -- moving ---------------------------------------------------------------------------------

    def action_expand_or_child(self) -> None:
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if node.is_expanded and node.children:
            self._move_to(node.children[0])
        else:
            self._expand(node)

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

    def _expand_down_to(self, path: Path) -> QuestionNode | None:
        """Expand the folders above a file, and the file; its node."""
        node = self._file_nodes.get(path)
        if node is None:
            return None
        ancestors = []
        parent = node.parent
        while parent is not None and not parent.is_root:
            ancestors.append(parent)
            parent = parent.parent
        for folder in reversed(ancestors):
            folder.expand()
        return node

    def reveal(self, ref: SectionRef, *, move_cursor: bool = True) -> QuestionNode | None:
        """Populate and expand down to `ref`, and put the cursor on it."""
        node = self._expand_down_to(ref.path)
        note = self._note(ref.path)
        if node is None or not isinstance(note, NoteFile):
            return None
        if ref.section:
            section = note.sections[ref.section]
            for step in [*note.ancestors(section), section]:
                self._expand(node)
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
        if isinstance(data, FolderRef):
            row.name(f"{data.path.name}/", "question-tree--folder")
            return row.build()
        self._marks(row, data)
        note = self._note(data.path)
        if not isinstance(note, NoteFile):
            reason = getattr(note, "reason", "missing")  # the editor shows all of it
            row.name(f"⚠ {data.path.name}  unreadable: {reason}", "question-tree--unreadable")
        elif data.section == 0:
            name = data.path.name if not node.is_root else self._model.notebook.relative(data.path)
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

    def _label_width(self, node: QuestionNode) -> int:
        depth = 0
        parent = node.parent
        while parent is not None:
            depth += 1
            parent = parent.parent
        levels = depth if self.show_root else max(0, depth - 1)
        return max(8, self.scrollable_content_region.width - levels * self.guide_depth - 1)
