"""What a change on disk stands for: the notes a folder path holds, and renamed notes.

A watcher reports paths; a path that is a folder (made, renamed in, or gone) is a
rescan of that folder, never a note of its own. A note that left one path and
appeared at another with exactly the same bytes was renamed (moved), and the
views keep their place on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rehearse.core.notebook import Notebook, find_note_paths
from rehearse.core.outcomes import Change, Reload

if TYPE_CHECKING:
    from rehearse.core.session import EditSession


def notes_at(notebook: Notebook, paths: Iterable[Path]) -> set[Path]:
    """`paths`, each folder among them standing for the notes below it: those on disk now
    (a folder made or renamed in) and those known below it (a folder gone or renamed away)."""
    known = [note.path for note in notebook.notes]
    found: set[Path] = set()
    for path in paths:
        below = {p for p in known if p != path and p.is_relative_to(path)}
        if path.is_dir():
            if not path.is_symlink():  # not followed when the notes are read either
                below.update(p for p in find_note_paths(path) if notebook.holds(p))
        elif not below:
            below.add(path)  # a note (or a path gone with nothing known below it)
        found |= below
    return found


def renamed_notes(before: Notebook, after: Notebook) -> dict[Path, Path]:
    """Old path -> new path of each note that is gone from `before`'s paths and whose exact
    bytes came at one new path: one note each way, or it is no proof."""
    gone: dict[str, list[Path]] = {}
    came: dict[str, list[Path]] = {}
    for note in before.readable:
        if after.get(note.path) is None:
            gone.setdefault(note.digest, []).append(note.path)
    for note in after.readable:
        if before.get(note.path) is None:
            came.setdefault(note.digest, []).append(note.path)
    return {
        old[0]: came[digest][0]
        for digest, old in gone.items()
        if len(old) == 1 and len(came.get(digest, ())) == 1
    }


def follow_renames(session: EditSession, before: set[Path], result: Reload) -> None:
    """A deleted note's buffer whose exact bytes appear under one new path (not there
    `before`) was renamed: it follows. An edit never moves into a note that already existed."""
    added = [note for note in session.notebook.readable if note.path not in before]
    for buffer in session:
        if not buffer.deleted:
            continue
        same = [note for note in added if note.digest == buffer.base.digest]
        if len(same) != 1:
            continue
        session.forget(buffer)  # journaled under the old name; recorded anew below
        buffer.place(same[0], buffer.start, buffer.end)
        buffer.deleted = False
        session.record(buffer, force=True)
        result.buffers.append((buffer, Change.RELINKED))
