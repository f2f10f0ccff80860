"""Which nodes the question tree holds: roots, folders, files and their headings.

Nodes are made lazily (a file's headings when it is first expanded) and kept in
a stable order — the roots as given, then in each folder its folders first,
then its files, by name. When notes change only their nodes change: added and
removed files take or leave their place, a changed file's headings are rebuilt
with what was expanded and selected kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from rehearse.core.notebook import Note, name_order
from rehearse.core.notes import NoteFile, Outline
from rehearse.core.notes_model import NotesModel
from rehearse.core.questions import (
    DEFAULT_RULES,
    QuestionRules,
    question_children,
    top_questions,
)
from rehearse.core.refs import SectionRef


@dataclass(frozen=True, slots=True)
class FolderRef:
    path: Path


NodeData = SectionRef | FolderRef
QuestionNode = TreeNode[NodeData]


@dataclass(slots=True)
class _Place:
    """Where the user was in renamed files, under their new names."""

    files: dict[Path, set[tuple[str, ...]]] = field(default_factory=dict)  # expanded headings
    folders: dict[Path, Path] = field(default_factory=dict)  # old folder -> new
    expanded: set[Path] = field(default_factory=set)  # new folders to open
    cursor: NodeData | None = None


class NotesTree(Tree[NodeData]):
    def __init__(
        self, model: NotesModel, *, rules: QuestionRules = DEFAULT_RULES, id: str | None = None
    ) -> None:
        super().__init__("notes", id=id)
        self._model = model
        self._rules = rules
        self._file_nodes: dict[Path, QuestionNode] = {}
        self._folder_nodes: dict[Path, QuestionNode] = {}
        self._root_nodes: dict[Path, int] = {}  # several roots: each root's path -> its place
        self._outlines: dict[Path, Outline] = {}  # the outline each populated file's nodes show

    def _note(self, path: Path) -> Note | None:
        return self._model.notebook.get(path)

    def is_root_node(self, data: NodeData) -> bool:
        """A top node standing for one of several roots."""
        return data.path in self._root_nodes and (isinstance(data, FolderRef) or data.section == 0)

    # -- building -------------------------------------------------------------------------------

    def show_notes(self) -> None:
        notebook = self._model.notebook
        self.clear()
        self._file_nodes.clear()
        self._folder_nodes.clear()
        self._root_nodes.clear()
        self._outlines.clear()
        if notebook.single_file and notebook.notes:
            note = notebook.notes[0]
            self.show_root = True
            self.root.data = SectionRef(note.path)
            self._file_nodes[note.path] = self.root
            if isinstance(note, NoteFile):
                self.populate(self.root, note)
                self.root.expand()
            return
        self.show_root = False
        if len(notebook.roots) == 1:
            self._folder_nodes[notebook.root] = self.root
        else:
            for place, root in enumerate(notebook.roots):
                self._root_nodes[root.path] = place
                if not root.is_file:
                    self._folder_nodes[root.path] = self.root.add("", FolderRef(root.path))
        for note in notebook.notes:
            self._add_file(note.path)
        if len(notebook.notes) == 1:
            self.expand_down_to(notebook.notes[0].path)

    def _folder(self, folder: Path) -> QuestionNode:
        """The node of `folder` (below a notes root), made on first use."""
        node = self._folder_nodes.get(folder)
        if node is None:
            parent = self._folder(folder.parent)
            node = self._insert(parent, FolderRef(folder), folder=True)
            self._folder_nodes[folder] = node
        return node

    def _key(self, data: NodeData | None, folder: bool) -> tuple[int, bool, str, str]:
        if data is None:
            return (0, False, "", "")
        place = self._root_nodes.get(data.path, -1) if self.is_root_node(data) else -1
        return (place, not folder, *name_order(data.path.name))

    def _insert(self, parent: QuestionNode, data: NodeData, folder: bool) -> QuestionNode:
        """Add a child in its place: folders first, then files, each by name."""
        key = self._key(data, folder)
        before = next(
            (
                child
                for child in parent.children
                if self._key(child.data, isinstance(child.data, FolderRef)) > key
            ),
            None,
        )
        return parent.add("", data, before=before, allow_expand=folder)

    def _add_file(self, path: Path) -> None:
        note = self._note(path)
        readable = isinstance(note, NoteFile) and bool(note.questions)
        parent = self.root if path in self._root_nodes else self._folder(path.parent)
        node = self._insert(parent, SectionRef(path), folder=False)
        node.allow_expand = readable
        self._file_nodes[path] = node

    def sync_files(self, renamed: Mapping[Path, Path] | None = None) -> None:
        """Add nodes for new files and drop those of removed ones; the rest stay as they are.
        A renamed file (`renamed`: old path -> new) keeps its place: the nodes expanded in it
        and above it (its folders renamed with it too), and the cursor."""
        notebook = self._model.notebook
        if notebook.single_file:
            return
        present = {note.path for note in notebook.notes}
        moves = {old: new for old, new in (renamed or {}).items() if old in self._file_nodes}
        place = self._place_of(moves)
        for path in [p for p in self._file_nodes if p not in present]:
            self._remove(self._file_nodes.pop(path))
            self._outlines.pop(path, None)
        for note in notebook.notes:
            if note.path not in self._file_nodes:
                self._add_file(note.path)
        if moves:
            self._restore(place)

    def _place_of(self, moves: Mapping[Path, Path]) -> _Place:
        """Before renamed files go: what was open in them and above them, under new names."""
        place = _Place()
        for old, new in moves.items():
            node = self._file_nodes[old]
            if node.is_expanded:
                place.files[new] = self._expanded_keys(node)
            old_folder, new_folder = old.parent, new.parent
            while old_folder != new_folder and old_folder in self._folder_nodes:
                place.folders[old_folder] = new_folder
                if self._folder_nodes[old_folder].is_expanded:
                    place.expanded.add(new_folder)
                old_folder, new_folder = old_folder.parent, new_folder.parent
        cursor = self.cursor_node.data if self.cursor_node is not None else None
        if isinstance(cursor, SectionRef) and cursor.path in moves:
            place.cursor = SectionRef(moves[cursor.path], cursor.section)
        elif isinstance(cursor, FolderRef) and cursor.path in place.folders:
            place.cursor = FolderRef(place.folders[cursor.path])
        return place

    def _restore(self, place: _Place) -> None:
        for folder in sorted(place.expanded):  # parents first
            node = self._folder_nodes.get(folder)
            if node is not None:
                node.expand()
        for path, keys in place.files.items():
            note = self._note(path)
            node = self._file_nodes.get(path)
            if isinstance(note, NoteFile) and node is not None:
                self.populate(node, note)
                node.expand()
                self._restore_expanded(node, note, keys)
        if isinstance(place.cursor, SectionRef):
            self.cursor_to(place.cursor)
        elif isinstance(place.cursor, FolderRef) and place.cursor.path in self._folder_nodes:
            self.cursor_to_node(self._folder_nodes[place.cursor.path])

    def _remove(self, node: QuestionNode) -> None:
        """Remove a file's node, and the folders it leaves empty (never a root's)."""
        parent = node.parent
        node.remove()
        while parent is not None and not parent.is_root and not parent.children:
            data = parent.data
            if data is None or self.is_root_node(data):
                break
            self._folder_nodes.pop(data.path, None)
            grand = parent.parent
            parent.remove()
            parent = grand

    def populate(self, node: QuestionNode, note: NoteFile) -> None:
        """Add the children of a file or section node, once."""
        data = node.data
        if node.children or not isinstance(data, SectionRef):
            return
        self._outlines[note.path] = note.outline
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
            self.populate(event.node, note)

    def action_toggle_node(self) -> None:
        """Space: as Tree's, but a node opened is populated first (expand_node)."""
        if self.cursor_node is not None:
            self.toggle(self.cursor_node)

    def toggle(self, node: QuestionNode) -> None:
        if not node.allow_expand:
            return
        if node.is_expanded:
            node.collapse()
        else:
            self.expand_node(node)

    def expand_node(self, node: QuestionNode) -> None:
        """Populate first, so keys that follow at once already see the children."""
        data = node.data
        note = self._note(data.path) if isinstance(data, SectionRef) else None
        if isinstance(note, NoteFile):
            self.populate(node, note)
        node.expand()

    def expand_down_to(self, path: Path) -> QuestionNode | None:
        """Expand the folders above a file; its node."""
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

    # -- a changed note -------------------------------------------------------------------------

    def update_note(self, path: Path) -> None:
        """Rebuild only the subtree of `path`, keeping what was expanded and the cursor."""
        node = self._file_nodes.get(path)
        note = self._note(path)
        if node is None or note is None:
            return
        if isinstance(note, NoteFile) and self._outlines.get(path) == note.outline:
            self._outlines[path] = note.outline  # the same nodes stand for the same sections
            self._clear_line_cache()
            return
        self._outlines.pop(path, None)
        expanded = self._expanded_keys(node)
        cursor = self.cursor_node.data if self.cursor_node else None
        cursor_key = (
            self._key_of(cursor) if isinstance(cursor, SectionRef) and cursor.path == path else None
        )
        node.remove_children()
        node.allow_expand = (isinstance(note, NoteFile) and bool(note.questions)) or node.is_root
        if isinstance(note, NoteFile):
            self.populate(node, note)
            self._restore_expanded(node, note, expanded)
            if cursor_key:
                target = note.find_by_heading_path(cursor_key)
                if target is not None:
                    self.cursor_to(SectionRef(path, target.index))
        self._clear_line_cache()

    def cursor_to(self, ref: SectionRef) -> None:
        """Put the cursor on `ref` (the question tree reveals it)."""

    def cursor_to_node(self, node: QuestionNode) -> None:
        """Put the cursor on `node` (the question tree lays it out first)."""

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
                self.populate(child, note)
                child.expand()
                self._restore_expanded(child, note, keys)
