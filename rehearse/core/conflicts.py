"""The user's choices in a conflict: keep mine (theirs kept aside), or take theirs (mine
kept aside). Whichever side loses the overlapping lines is kept as a copy first."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rehearse.core.buffer import Buffer, ConflictInfo
from rehearse.core.fileio import describe_os_error, read_note_stamped
from rehearse.core.notes import NoteFile
from rehearse.core.outcomes import Conflict, Saved, SaveFailed, SaveOutcome
from rehearse.core.reconcile import Merged, Prefer, map_region, merge
from rehearse.core.recovery import NullJournal
from rehearse.core.session import UNREADABLE_NOW, EditSession, snapshot


def keep_mine(
    session: EditSession, buffer: Buffer, shown: ConflictInfo | None = None
) -> SaveOutcome:
    """Write the user's text where both changed; their other changes stay, and their
    version of the region is kept as a copy first (its path in `Saved.kept`).

    `shown` is the conflict as the user saw it (by default, as it stands before anything
    lands): if their text has changed since, nothing is written and they look again."""
    shown = shown if shown is not None else buffer.conflict
    session.settle(buffer.path)  # an autosave in flight lands first, then mine is merged
    if buffer.conflict is None:
        return session.save(buffer)
    try:
        raw, mode, stamp = read_note_stamped(buffer.path)
    except FileNotFoundError:
        buffer.conflict, buffer.deleted = None, True
        return session.recreate(buffer)
    except OSError as error:
        return SaveFailed(describe_os_error(error))
    theirs = snapshot(buffer.path, raw, mode)
    if not isinstance(theirs, NoteFile):
        return SaveFailed(f"{UNREADABLE_NOW}; nothing was written")
    seen = shown.theirs if shown is not None else None
    session.take_in(buffer.path, theirs)  # every buffer of the file sees it
    if buffer.conflict is None:  # it merges cleanly now
        return session.save(buffer)
    if shown is None or buffer.conflict.theirs != seen:
        # Their text changed again since the user looked: they must look again.
        return Conflict("another program changed this text again; compare once more")
    outcome = merge(
        buffer.base.text, buffer.start, buffer.end, buffer.rendered(), theirs.text,
        whole_file=buffer.whole_file, theirs_headings=theirs.heading_lines,
        prefer=Prefer.MINE,
    )  # fmt: skip
    assert isinstance(outcome, Merged)  # preferring a side never conflicts
    kept = session.journal.stash(buffer.path, seen, "theirs") if seen is not None else None
    if kept is None and seen is not None and not isinstance(session.journal, NullJournal):
        return SaveFailed("their version could not be kept aside (the data folder is not "
                          "writable); nothing was written")  # fmt: skip
    saved = session.commit(buffer, theirs, outcome.text, (outcome.start, outcome.end), stamp)
    return replace(saved, kept=kept) if isinstance(saved, Saved) else saved


def take_theirs(session: EditSession, buffer: Buffer) -> Path | None:
    """Show the other program's version; the user's text is stashed (its path returned).

    If the text cannot be set aside (the data folder is not writable), nothing
    changes and None comes back with the conflict still open.
    """
    kept = session.journal.stash(buffer.path, buffer.text, "mine")
    if kept is None and not isinstance(session.journal, NullJournal):
        return None
    session.reload([buffer.path])
    note = session.note(buffer.path)
    if note is None:
        session.discard(buffer)
        return kept
    if buffer.base is not note:
        region = (
            (0, len(note.text))
            if buffer.whole_file
            else map_region(buffer.base.text, buffer.start, buffer.end, note.text)
        )
        buffer.place(note, *region)
    buffer.text = buffer.saved_text
    buffer.conflict, buffer.deleted = None, False
    session.forget(buffer)
    return kept
