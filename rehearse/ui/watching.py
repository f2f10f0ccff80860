"""Watching the notes for other programs' writes: a watcher thread for each folder root,
one for the files given as roots in each folder, and one for each folder a symlinked
note's target lies in. What they report goes to the main screen's `files_changed`."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from rehearse.core.notebook import link_targets
from rehearse.core.watcher import ChangeHandler, NotesWatcher, digests
from rehearse.ui.background import run_in_thread

if TYPE_CHECKING:
    from rehearse.ui.main_screen import MainScreen


class Watching:
    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self.stopped = threading.Event()

    def start(self) -> None:
        notebook = self.screen.model.notebook
        files: dict[Path, set[Path]] = {}
        for root in notebook.roots:
            if root.is_file:
                files.setdefault(root.path.parent, set()).add(root.path)
            else:
                self._watch(root.path, self._reported, None)
        for folder, only in files.items():
            self._watch(folder, self._reported, frozenset(only))
        # A symlinked note whose target lies outside the notes folder: the target's folder
        # is watched too, and a change reported under the link's name.
        by_folder: dict[Path, dict[Path, Path]] = {}
        for root in notebook.roots:
            held = [note.path for note in notebook if root.holds(note.path)]
            for target, link in link_targets(root.folder, held).items():
                by_folder.setdefault(target.parent, {})[target] = link
        for folder, links in by_folder.items():
            self._watch(folder, self._as_links(links), frozenset(links))

    def stop(self) -> None:
        self.stopped.set()

    def _watch(self, folder: Path, report: ChangeHandler, only: frozenset[Path] | None) -> None:
        watcher = NotesWatcher(folder, report, self._notice, only=only)
        run_in_thread(
            self.screen,
            lambda: watcher.run(self.stopped),
            group="watch",
            description=f"watching {folder}",
        )

    def _as_links(self, links: dict[Path, Path]) -> ChangeHandler:
        def changed(paths: set[Path], rescan: bool) -> None:
            self._reported({links[path] for path in paths if path in links}, False)

        return changed

    def _reported(self, paths: set[Path], rescan: bool) -> None:
        """From a watcher's thread."""
        if (paths or rescan) and not self.stopped.is_set():
            seen = digests(paths, self.screen.model.notebook)  # immutable: read as it stands
            self.screen.app.call_from_thread(self.screen.files_changed, paths, rescan, seen)

    def _notice(self, message: str) -> None:
        if not self.stopped.is_set():
            app = self.screen.app
            app.call_from_thread(app.notify, message, severity="warning", timeout=15)
