"""The question tree: files, categories and questions, populated lazily."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from rehearse.core.notebook import Note, Notebook
from rehearse.core.notes import NoteFile
from rehearse.core.speech import SpeakingRates, format_duration


@dataclass(frozen=True, slots=True)
class NodeRef:
    path: Path
    section: int = 0  # 0: the file itself


QuestionNode = TreeNode[NodeRef]


def rehearsed_ago(when: float, now: float | None = None) -> str:
    """`today`, `1d`, `12d`, `3mo`: how long since a rehearsal."""
    days = int(((now if now is not None else time.time()) - when) // 86400)
    if days <= 0:
        return "today"
    return f"{days}d" if days < 60 else f"{days // 30}mo"


class QuestionTree(Tree[NodeRef]):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "question-tree--count",
        "question-tree--empty",
        "question-tree--dirty",
        "question-tree--conflict",
        "question-tree--time",
        "question-tree--overtime",
        "question-tree--unreadable",
        "question-tree--file",
        "question-tree--due",
    }
    BINDINGS = [
        Binding("slash", "app.search", "Search", show=False, id="tree.search"),
        Binding("right", "expand_or_child", "Expand", show=False, id="tree.expand"),
        Binding("left", "collapse_or_parent", "Collapse", show=False, id="tree.collapse"),
    ]
    ICON_NODE = "▸ "
    ICON_NODE_EXPANDED = "▾ "

    def __init__(
        self,
        notebook: Notebook,
        *,
        rates: SpeakingRates | None = None,
        target_seconds: float = 90.0,
        id: str | None = None,
    ) -> None:
        super().__init__("notes", id=id)
        self._rates = rates or SpeakingRates()
        self._last_rehearsed: dict[tuple[str, tuple[str, ...]], float] = {}
        self._due: frozenset[tuple[str, tuple[str, ...]]] = frozenset()
        self._target_seconds = target_seconds
        self.guide_depth = 2
        self._notebook = notebook
        self._dirty: dict[Path, set[int]] = {}
        self._conflicts: dict[Path, set[int]] = {}
        self._file_nodes: dict[Path, QuestionNode] = {}

    def on_mount(self) -> None:
        self.show_notebook(self._notebook)

    # -- building ---------------------------------------------------------------------------

    def show_notebook(self, notebook: Notebook) -> None:
        self._notebook = notebook
        self.clear()
        self._file_nodes.clear()
        if notebook.single_file and notebook.notes:
            note = notebook.notes[0]
            self.show_root = True
            self.root.data = NodeRef(note.path)
            self._file_nodes[note.path] = self.root
            if isinstance(note, NoteFile):
                self._populate(self.root, note)
                self.root.expand()
        else:
            self.show_root = False
            for note in notebook.notes:
                self._add_file(note)
            if len(notebook.notes) == 1:
                self.root.children[0].expand()

    def _add_file(self, note: Note, before: QuestionNode | None = None) -> None:
        readable = isinstance(note, NoteFile) and bool(note.questions)
        node = self.root.add("", NodeRef(note.path), before=before, allow_expand=readable)
        self._file_nodes[note.path] = node

    def sync_files(self, notebook: Notebook) -> None:
        """Add nodes for new files and drop those of removed ones; the rest stay as they are."""
        if notebook.single_file:
            self._notebook = notebook
            if notebook.notes:
                self.update_note(notebook, notebook.notes[0].path)
            return
        present = {note.path for note in notebook.notes}
        for path in [p for p in self._file_nodes if p not in present]:
            self._file_nodes.pop(path).remove()
        self._notebook = notebook
        for note in notebook.notes:
            if note.path not in self._file_nodes:
                later = [p for p in self._file_nodes if p > note.path]
                self._add_file(note, before=self._file_nodes[min(later)] if later else None)

    def _note(self, path: Path) -> Note | None:
        return self._notebook.get(path)

    def _populate(self, node: QuestionNode, note: NoteFile) -> None:
        """Add the children of `node` (a file or a section), once."""
        assert node.data is not None
        if node.children:
            return
        owner = note.sections[node.data.section]
        children = (
            note.top_level if owner.is_preamble else [note.sections[i] for i in owner.children]
        )
        for section in children:
            node.add("", NodeRef(note.path, section.index), allow_expand=bool(section.children))

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[NodeRef]) -> None:
        ref = event.node.data
        note = self._note(ref.path) if ref else None
        if isinstance(note, NoteFile):
            self._populate(event.node, note)

    def _expand(self, node: QuestionNode) -> None:
        """Populate first, so keys that follow at once already see the children."""
        note = self._note(node.data.path) if node.data else None
        if isinstance(note, NoteFile):
            self._populate(node, note)
        node.expand()

    def update_note(self, notebook: Notebook, path: Path) -> None:
        """Rebuild only the subtree of `path`, keeping what was expanded and the cursor."""
        self._notebook = notebook
        node = self._file_nodes.get(path)
        note = notebook.get(path)
        if node is None or note is None:
            self.show_notebook(notebook)
            return
        expanded = self._expanded_keys(node)
        cursor = self.cursor_node.data if self.cursor_node else None
        cursor_key = self._key_of(cursor) if cursor and cursor.path == path else None
        node.remove_children()
        node.allow_expand = (isinstance(note, NoteFile) and bool(note.questions)) or node.is_root
        if isinstance(note, NoteFile):
            self._populate(node, note)
            self._restore_expanded(node, note, expanded)
            if cursor_key is not None:
                target = note.find_by_heading_path(cursor_key) if cursor_key else None
                if target is not None:
                    self.reveal(NodeRef(path, target.index), move_cursor=True)
        self.refresh()

    def _key_of(self, ref: NodeRef) -> tuple[str, ...]:
        note = self._note(ref.path)
        if not isinstance(note, NoteFile) or not 0 < ref.section < len(note.sections):
            return ()
        return note.heading_path(note.sections[ref.section])

    def _expanded_keys(self, node: QuestionNode) -> set[tuple[str, ...]]:
        keys: set[tuple[str, ...]] = set()
        stack = list(node.children)
        while stack:
            child = stack.pop()
            if child.is_expanded and child.data is not None:
                keys.add(self._key_of(child.data))
                stack.extend(child.children)
        return keys

    def _restore_expanded(
        self, node: QuestionNode, note: NoteFile, keys: set[tuple[str, ...]]
    ) -> None:
        for child in node.children:
            if child.data is None or not child.allow_expand:
                continue
            if note.heading_path(note.sections[child.data.section]) in keys:
                self._populate(child, note)
                child.expand()
                self._restore_expanded(child, note, keys)

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

    # -- finding ----------------------------------------------------------------------------

    def reveal(self, ref: NodeRef, *, move_cursor: bool = True) -> QuestionNode | None:
        """Populate and expand down to `ref`, and put the cursor on it."""
        node = self._file_nodes.get(ref.path)
        note = self._note(ref.path)
        if node is None or not isinstance(note, NoteFile):
            return None
        if ref.section:
            section = note.sections[ref.section]
            for step in [*note.ancestors(section), section]:
                self._populate(node, note)
                if not node.is_expanded:
                    node.expand()
                match = next(
                    (c for c in node.children if c.data and c.data.section == step.index), None
                )
                if match is None:
                    return None
                node = match
        if move_cursor:
            self._move_to(node)
            self.call_after_refresh(self.scroll_to_node, node, animate=False)
        return node

    # -- marks ------------------------------------------------------------------------------

    def set_rehearsals(
        self,
        last: dict[tuple[str, tuple[str, ...]], float],
        due: frozenset[tuple[str, tuple[str, ...]]] = frozenset(),
    ) -> None:
        """When each question (file, heading path) was last rehearsed, as Unix times, and
        which are due for review."""
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

    def render_label(self, node: QuestionNode, base_style: Style, style: Style) -> Text:
        ref = node.data
        label = Text()
        if ref is None:
            return label
        note = self._note(ref.path)
        if node.allow_expand:
            icon = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            label.append(icon, base_style)
        elif not node.is_root:
            label.append("  ", base_style)  # keeps leaves in line with siblings that have ▸
        conflicts = self._conflicts.get(ref.path, set())
        dirty_sections = self._dirty.get(ref.path, set())
        if ref.section in conflicts or (ref.section == 0 and conflicts):
            label.append(
                "⚡ ", self.get_component_rich_style("question-tree--conflict", partial=True)
            )
        elif ref.section in dirty_sections or (ref.section == 0 and dirty_sections):
            label.append("● ", self.get_component_rich_style("question-tree--dirty", partial=True))
        if ref.section == 0 or not isinstance(note, NoteFile):
            name = self._notebook.relative(ref.path)
            if note is None or not isinstance(note, NoteFile):
                unreadable = self.get_component_rich_style(
                    "question-tree--unreadable", partial=True
                )
                reason = getattr(note, "reason", "missing")
                label.append(f"⚠ {name}", style + unreadable)
                label.append(f"  unreadable: {reason}", unreadable)
                return label
            label.append(
                name, style + self.get_component_rich_style("question-tree--file", partial=True)
            )
            label.append(
                f"  {len(note.questions)}",
                self.get_component_rich_style("question-tree--count", partial=True),
            )
            return label
        section = note.sections[ref.section]
        chars = note.answer_chars(section)
        if chars:
            label.append(
                f"{chars:>5} ", self.get_component_rich_style("question-tree--count", partial=True)
            )
        elif not section.children:
            label.append(
                "    ∅ ", self.get_component_rich_style("question-tree--empty", partial=True)
            )
        label.append(section.title or "(untitled)", style)
        if chars:
            seconds = note.spoken_length(section).seconds(self._rates)
            over = seconds > self._target_seconds
            name = "question-tree--overtime" if over else "question-tree--time"
            label.append(
                f"  {format_duration(seconds)}", self.get_component_rich_style(name, partial=True)
            )
        question = (self._notebook.relative(ref.path), note.heading_path(section))
        when = self._last_rehearsed.get(question)
        if when is not None:
            age = self.get_component_rich_style("question-tree--time", partial=True)
            label.append(f"  ✓ {rehearsed_ago(when)}", age)
        if question in self._due:
            due = self.get_component_rich_style("question-tree--due", partial=True)
            label.append(" ↻ due", due)
        return label
