"""Finding the notes under a path and loading them into snapshots."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
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


def find_note_paths(root: Path) -> list[Path]:
    """Every Markdown file below `root`, sorted, skipping dot-folders such as .obsidian."""
    found: list[Path] = []
    for folder, subfolders, files in os.walk(root, followlinks=False):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and is_note_path(Path(name)):
                found.append(Path(folder, name))
    return found


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


@dataclass(frozen=True)
class Notebook:
    """All notes opened from one path. `root` is a folder; a single file's root is its folder."""

    root: Path
    notes: tuple[Note, ...]
    single_file: bool = False

    def __iter__(self) -> Iterator[Note]:
        return iter(self.notes)

    @property
    def readable(self) -> list[NoteFile]:
        return [note for note in self.notes if isinstance(note, NoteFile)]

    @property
    def unreadable(self) -> list[UnreadableNote]:
        return [note for note in self.notes if isinstance(note, UnreadableNote)]

    def relative(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def get(self, path: Path) -> Note | None:
        return self._by_path.get(path)

    @cached_property
    def _by_path(self) -> dict[Path, Note]:
        """The tree asks for a note on every row it paints: a lookup, not a scan."""
        return {note.path: note for note in self.notes}

    def replace(self, note: Note) -> Notebook:
        """This notebook with `note` in place of the note at the same path (or added)."""
        notes = list(self.notes)
        for position, existing in enumerate(notes):
            if existing.path == note.path:
                notes[position] = note
                break
        else:
            notes.append(note)
            notes.sort(key=lambda n: n.path)
        return Notebook(self.root, tuple(notes), self.single_file)

    def remove(self, path: Path) -> Notebook:
        return Notebook(self.root, tuple(n for n in self.notes if n.path != path), self.single_file)


def open_notebook(path: Path) -> Notebook:
    """Load a file or every note below a folder; NotesPathError if the path is unusable."""
    path = path.expanduser()
    if not path.exists():
        raise NotesPathError(f"no such file or folder: {path}")
    path = Path(os.path.abspath(path))
    if path.is_dir():
        try:
            os.listdir(path)  # os.walk would hide an unreadable folder
            remove_stale_temp_files(path)
            paths = find_note_paths(path)
        except OSError as error:
            raise NotesPathError(f"cannot read folder {path}: {describe_os_error(error)}") from None
        _clean_beside_link_targets(path, paths)
        return Notebook(path, tuple(load_note(p) for p in paths))
    remove_stale_temp_files(path.parent, note_name=path.name)
    _clean_beside_link_targets(path.parent, [path])
    return Notebook(path.parent, (load_note(path),), single_file=True)


def added_or_removed(notebook: Notebook) -> set[Path]:
    """The notes that appeared in or vanished from the notebook's folder since it was read."""
    known = {note.path for note in notebook.notes}
    if notebook.single_file:
        return known
    try:
        present = set(find_note_paths(notebook.root)) if notebook.root.is_dir() else set()
    except OSError:
        present = set()
    return known ^ present


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
