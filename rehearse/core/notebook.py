"""Finding the notes under a path and loading them into snapshots."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rehearse.core.fileio import describe_os_error, read_note_file, remove_stale_temp_files
from rehearse.core.notes import NoteFile, UnreadableNote, parse_note
from rehearse.core.text import UndecodableNote

NOTE_SUFFIXES = (".md", ".markdown")

Note = NoteFile | UnreadableNote


class NotesPathError(Exception):
    """The path given to open cannot be used at all; the message is for the user."""


def is_note_path(path: Path) -> bool:
    return path.suffix.lower() in NOTE_SUFFIXES


def name_order(name: str) -> tuple[str, str]:
    """How names sort, in the tree and everywhere notes are listed: case aside."""
    return name.casefold(), name


def tree_order(folder: Path, path: Path) -> tuple[tuple[int, str, str], ...]:
    """Where `path` (below `folder`) comes in the tree: in each folder its folders first,
    then its files, each by name."""
    *folders, name = path.relative_to(folder).parts if path != folder else (path.name,)
    return (*((0, *name_order(part)) for part in folders), (1, *name_order(name)))


def find_note_paths(root: Path) -> list[Path]:
    """Every Markdown file below `root`, skipping dot-folders such as .obsidian, in the
    tree's order."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root, followlinks=False):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        found.extend(
            Path(folder, name)
            for name in files
            if not name.startswith(".") and is_note_path(Path(name))
        )
    found.sort(key=lambda path: tree_order(root, path))
    return _each_note_once(found)


def _each_note_once(found: list[Path]) -> list[Path]:
    """A symlink to a note that is found under its own name too (or through an earlier
    link) is that note: it is opened once, under the name that is not a link."""
    links = {path for path in found if path.is_symlink()}
    if not links:
        return found
    seen = {os.path.realpath(path) for path in found if path not in links}
    kept: list[Path] = []
    for path in found:
        if path in links:
            target = os.path.realpath(path)
            if target in seen:
                continue
            seen.add(target)
        kept.append(path)
    return kept


def snapshot(path: Path, raw: bytes, mode: int | None) -> Note:
    try:
        return parse_note(path, raw, mode)
    except UndecodableNote as error:
        return UnreadableNote(path, str(error))


def load_note(path: Path) -> Note:
    try:
        raw, mode = read_note_file(path)
        return parse_note(path, raw, mode)
    except UndecodableNote as error:
        return UnreadableNote(path, str(error))
    except IsADirectoryError:
        return UnreadableNote(path, "is a folder")
    except OSError as error:
        return UnreadableNote(path, describe_os_error(error))


@dataclass(frozen=True, slots=True)
class NotesRoot:
    """One path the notes were opened from: a folder (every note below it) or one note."""

    path: Path  # absolute
    is_file: bool = False

    @property
    def folder(self) -> Path:
        return self.path.parent if self.is_file else self.path

    def holds(self, path: Path) -> bool:
        return path == self.path if self.is_file else path.is_relative_to(self.path)

    def scan(self) -> set[Path]:
        """The notes this root holds on disk now."""
        if self.is_file:
            return {self.path} if os.path.lexists(self.path) else set()
        try:
            return set(find_note_paths(self.path)) if self.path.is_dir() else set()
        except OSError:
            return set()


@dataclass(frozen=True)
class Notebook:
    """All notes opened from one or more roots, in the order the roots were given.

    A note is named by its path relative to the first root's folder (`root`), where the
    rehearsal log lives too; a note of another root by its relative path from there
    (`../cs/os.md`), so a name never changes with the roots opened beside it."""

    roots: tuple[NotesRoot, ...]
    notes: tuple[Note, ...]

    def __iter__(self) -> Iterator[Note]:
        return iter(self.notes)

    @property
    def root(self) -> Path:
        """The first root's folder (a single file's folder)."""
        return self.roots[0].folder

    @property
    def single_file(self) -> bool:
        return len(self.roots) == 1 and self.roots[0].is_file

    @property
    def readable(self) -> list[NoteFile]:
        return [note for note in self.notes if isinstance(note, NoteFile)]

    @property
    def unreadable(self) -> list[UnreadableNote]:
        return [note for note in self.notes if isinstance(note, UnreadableNote)]

    def relative(self, path: Path) -> str:
        """The note's name: its path from the first root's folder."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            pass
        try:
            return Path(os.path.relpath(path, self.root)).as_posix()
        except ValueError:  # another drive
            return str(path)

    def path_of(self, name: str) -> Path:
        """The path a note's name stands for (`relative` undone)."""
        return Path(os.path.normpath(self.root / name))

    def root_of(self, path: Path) -> NotesRoot | None:
        return next((root for root in self.roots if root.holds(path)), None)

    def holds(self, path: Path) -> bool:
        """Whether `path` is (or would be) one of these notes' paths."""
        return self.root_of(path) is not None

    def scan(self) -> set[Path]:
        """Every note the roots hold on disk now."""
        return set().union(*(root.scan() for root in self.roots))

    def get(self, path: Path) -> Note | None:
        return self._by_path.get(path)

    @cached_property
    def _by_path(self) -> dict[Path, Note]:
        """The tree asks for a note on every row it paints: a lookup, not a scan."""
        return {note.path: note for note in self.notes}

    def _order(self, path: Path) -> tuple[int, tuple[tuple[int, str, str], ...]]:
        root = self.root_of(path)
        if root is None:
            return len(self.roots), tree_order(path.parent, path)
        return self.roots.index(root), tree_order(root.folder, path)

    def replace(self, note: Note) -> Notebook:
        """This notebook with `note` in place of the note at the same path (or added)."""
        notes = list(self.notes)
        for position, existing in enumerate(notes):
            if existing.path == note.path:
                notes[position] = note
                break
        else:
            notes.append(note)
            notes.sort(key=lambda n: self._order(n.path))
        return Notebook(self.roots, tuple(notes))

    def remove(self, path: Path) -> Notebook:
        return Notebook(self.roots, tuple(n for n in self.notes if n.path != path))


def notes_root(path: Path) -> NotesRoot:
    """The root a path given on the command line stands for; NotesPathError if unusable."""
    path = path.expanduser()
    if not path.exists():
        raise NotesPathError(f"no such file or folder: {path}")
    path = Path(os.path.abspath(path))
    return NotesRoot(path, is_file=not path.is_dir())


def distinct_roots(roots: Iterable[NotesRoot]) -> tuple[list[NotesRoot], list[str]]:
    """The roots without those another one already holds (a folder inside a folder given,
    a file given twice), in the order given; and a line about each one left out."""
    given = list(dict.fromkeys(roots))
    kept: list[NotesRoot] = []
    dropped: list[str] = []
    for root in given:
        outer = next((o for o in given if o != root and not o.is_file and o.holds(root.path)), None)
        if outer is not None:
            dropped.append(f"{root.path} is inside {outer.path}: opened once, as part of it")
        else:
            kept.append(root)
    return kept, dropped


def open_notebook(path: Path, *more: Path) -> Notebook:
    """Load the notes of one or more paths (each a file or a folder); NotesPathError if a
    path is unusable. A path inside another one given is opened once, as part of it."""
    roots, _ = distinct_roots(notes_root(p) for p in (path, *more))
    return open_roots(roots)


def open_roots(roots: Sequence[NotesRoot]) -> Notebook:
    notes: list[Note] = []
    for root in roots:
        notes.extend(load_note(p) for p in _root_paths(root))
    return Notebook(tuple(roots), tuple(notes))


def _root_paths(root: NotesRoot) -> list[Path]:
    path = root.path
    if root.is_file:
        remove_stale_temp_files(path.parent, note_name=path.name)
        _clean_beside_link_targets(path.parent, [path])
        return [path]
    try:
        os.listdir(path)  # os.walk would hide an unreadable folder
        remove_stale_temp_files(path)
        paths = find_note_paths(path)
    except OSError as error:
        raise NotesPathError(f"cannot read folder {path}: {describe_os_error(error)}") from None
    _clean_beside_link_targets(path, paths)
    return paths


def added_or_removed(notebook: Notebook) -> set[Path]:
    """Notes that appeared in or vanished from the roots since they were read, and every
    note given as a file root (read again: it has no folder of its own to rescan)."""
    known = {note.path for note in notebook.notes}
    files = {root.path for root in notebook.roots if root.is_file}
    return (known ^ notebook.scan()) | (files & known)


def link_targets(root: Path, paths: Iterable[Path]) -> dict[Path, Path]:
    """Symlinked notes whose target lies outside `root`: target -> the link's path."""
    targets: dict[Path, Path] = {}
    real_root = Path(os.path.realpath(root))
    for path in paths:
        if path.is_symlink():
            target = Path(os.path.realpath(path))
            if not target.is_relative_to(real_root):
                targets[target] = path
    return targets


def _clean_beside_link_targets(root: Path, paths: Iterable[Path]) -> None:
    """A save through a symlink writes its temp file beside the target: clean those too."""
    for target in link_targets(root, paths):
        remove_stale_temp_files(target.parent, note_name=target.name)
