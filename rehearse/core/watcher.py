"""Watching the notes folder for changes made by other programs.

Folders are watched, never single files: an atomic save (Obsidian, vim, most
editors) replaces the file's inode and arrives as "added". Every event only
says "look at this path again"; whether anything changed is decided by content
hash, read and hashed on the watcher's thread (`digests`), so the echo of our own
writes costs the UI thread nothing.
If the folder disappears the watcher waits for it and watches it again; if
the OS watch limit is reached it falls back to polling and says so once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from watchfiles import Change, watch

from rehearse.core.fileio import TEMP_SUFFIX, read_whole
from rehearse.core.notebook import Notebook, find_note_paths, is_note_path
from rehearse.core.notes import NoteFile, content_digest

ChangeHandler = Callable[[set[Path], bool], None]  # (paths, rescan folders too)
NoticeHandler = Callable[[str], None]

DEBOUNCE_MS = 50
STEP_MS = 10
POLL_DELAY_MS = 100
RECHECK_MS = 500  # how often the loop wakes to see whether the folder is still there


def digests(paths: Iterable[Path], known: Notebook | None = None) -> dict[Path, str]:
    """The content digest of each of `paths` that reads as a note, as it is on disk now;
    one far shorter than the `known` note was is read once it stops changing."""
    found: dict[Path, str] = {}
    for path in paths:
        note = known.get(path) if known is not None else None
        size = note.size if isinstance(note, NoteFile) else 0
        try:
            found[path] = content_digest(read_whole(path, size)[0])
        except OSError:
            continue  # the session reads it again and says what is wrong
    return found


def _ignored(path: Path, root: Path) -> bool:
    if path.name.endswith(TEMP_SUFFIX):
        return True
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return True
    return any(part.startswith(".") for part in parts)


class NotesWatcher:
    """Calls `on_change(paths, rescan)` from its own thread until `stop` is set."""

    def __init__(
        self,
        root: Path,
        on_change: ChangeHandler,
        on_notice: NoticeHandler,
        *,
        only: Path | frozenset[Path] | None = None,
        force_polling: bool = False,
    ) -> None:
        self.root = root
        # A single-file notebook, or the targets of symlinked notes: report these only.
        self.only = frozenset([only]) if isinstance(only, Path) else only
        self._on_change = on_change
        self._on_notice = on_notice
        self.polling = force_polling

    def _filter(self, change: Change, raw: str) -> bool:
        path = Path(raw)
        if _ignored(path, self.root):
            return False
        if self.only is not None:
            return path in self.only
        return is_note_path(path) or change == Change.deleted or path.is_dir()

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            if not self.root.is_dir():
                self._wait_for_root(stop)
                continue
            try:
                if self.polling:
                    self._poll(stop)
                else:
                    self._watch(stop)
            except OSError as error:
                if self.polling or not _is_watch_limit(error):
                    self._on_notice(f"Watching {self.root} failed ({error}); retrying.")
                    stop.wait(1.0)
                    continue
                self.polling = True
                self._on_notice(
                    "The system's file-watch limit is reached: rehearse now polls the notes folder "
                    "for changes (a little slower). Raise fs.inotify.max_user_watches to fix it."
                )

    def _watch(self, stop: threading.Event) -> None:
        root_identity = _identity(self.root)
        for changes in watch(
            self.root,
            watch_filter=self._filter,
            debounce=DEBOUNCE_MS,
            step=STEP_MS,
            stop_event=stop,
            rust_timeout=RECHECK_MS,
            yield_on_timeout=True,
            recursive=self.only is None,
            raise_interrupt=False,
        ):
            if stop.is_set():
                return
            paths = {Path(raw) for _, raw in changes}
            if _identity(self.root) != root_identity or self.root in paths:
                # The folder was removed (and maybe made again): watch it anew, look at everything.
                self._on_change(set(), True)
                return
            if not changes:
                continue
            rescan = any(not is_note_path(path) for path in paths)  # a folder came or went
            self._on_change(paths, rescan)

    def _poll(self, stop: threading.Event) -> None:
        """Without OS events: compare each note's stat (ns mtime, size, inode), often.

        Our own loop rather than watchfiles' polling, which compares whole seconds and
        misses a second save within the same second.
        """
        seen = self._stat_all()
        while not stop.wait(POLL_DELAY_MS / 1000):
            if not self.root.is_dir():
                return
            now = self._stat_all()
            changed = {path for path in seen.keys() | now.keys() if seen.get(path) != now.get(path)}
            seen = now
            if changed:
                self._on_change(changed, any(path not in now for path in changed))

    def _stat_all(self) -> dict[Path, tuple[int, int, int]]:
        paths = sorted(self.only) if self.only is not None else find_note_paths(self.root)
        stats: dict[Path, tuple[int, int, int]] = {}
        for path in paths:
            try:
                info = path.stat()
            except OSError:
                continue
            stats[path] = (info.st_mtime_ns, info.st_size, info.st_ino)
        return stats

    def _wait_for_root(self, stop: threading.Event) -> None:
        while not stop.is_set() and not self.root.is_dir():
            stop.wait(RECHECK_MS / 1000)
        if not stop.is_set():
            self._on_change(set(), True)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _is_watch_limit(error: OSError) -> bool:
    text = str(error).lower()
    return "limit" in text or getattr(error, "errno", None) == 28  # ENOSPC from inotify_add_watch
