"""The notes as rehearse knows them, and who needs to hear when they change.

One model owns the edit session (the notebook as last seen on disk, and the edit
buffers) and the search index. Whoever changes a note — a save, a reload, a
conflict choice — changes it through the session, and the session tells the
model, which keeps the index current and tells every listener which notes
changed. Views listen; nobody fans changes out by hand.

The index is built off the main thread from a snapshot of the notebook; notes
that change while it is being built are replayed into it when it is adopted.
With a `background` runner (the UI's worker threads), a changed note's entries
(and a big note's whole segment) are made off the main thread too (a 10k-question
note's answers take a second) and adopted on the main thread in one swap, unless
the note changed again meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile
from rehearse.core.session import EditSession

if TYPE_CHECKING:  # search's modules are imported when the index is first built
    from rehearse.core.search import SearchIndex
    from rehearse.core.search.index import Prepared

Listener = Callable[[frozenset[Path]], None]
# Runs the first callable on another thread, then hands its result to the second on this one.
Background: TypeAlias = "Callable[[Callable[[], Prepared], Callable[[Prepared], None]], None]"


def build_search_index(notebook: Notebook) -> SearchIndex:
    from rehearse.core.search import SearchIndex

    return SearchIndex.from_notebook(notebook)


class NotesModel:
    def __init__(
        self,
        session: EditSession,
        index_factory: Callable[[Notebook], SearchIndex] = build_search_index,
    ) -> None:
        self.session = session
        self.build_index = index_factory  # thread-safe: it reads an immutable snapshot
        session.on_change = self._changed
        self._listeners: list[Listener] = []
        self._index: SearchIndex | None = None
        self._replay: set[Path] | None = None  # changed while the index was being built
        self.background: Background | None = None

    @property
    def notebook(self) -> Notebook:
        return self.session.notebook

    def listen(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _changed(self, paths: frozenset[Path]) -> None:
        if self._index is not None:
            for path in paths:
                self._reindex(self._index, path)
        if self._replay is not None:
            self._replay |= paths
        for listener in list(self._listeners):
            listener(paths)

    # -- the search index ---------------------------------------------------------------------

    @property
    def index(self) -> SearchIndex:
        """The search index, built now if the background build has not landed yet."""
        if self._index is None:
            self._index = self.build_index(self.notebook)
            self._replay = None
        return self._index

    def index_snapshot(self) -> Notebook:
        """The notebook to build an index from in another thread; what changes from now on
        is replayed when that index is adopted."""
        self._replay = set()
        return self.notebook

    def adopt_index(self, index: SearchIndex) -> None:
        if self._index is None:
            for path in sorted(self._replay or ()):
                self._reindex(index, path)
            self._index = index
        self._replay = None

    def _reindex(self, index: SearchIndex, path: Path) -> None:
        from rehearse.core.search import docs_for_note

        note = self.notebook.get(path)
        if not isinstance(note, NoteFile):
            index.update_file(path, [])
            return
        file = self.notebook.relative(path)
        if self.background is None:
            index.update_file(path, docs_for_note(note, file))
            return

        def put(prepared: Prepared) -> None:
            if self.notebook.get(path) is note and self._index is index:  # else: newer news
                index.adopt(prepared)

        earlier = index.earlier(path)  # taken here, where the index changes; read there
        self.background(lambda: index.prepare(path, docs_for_note(note, file), earlier), put)
