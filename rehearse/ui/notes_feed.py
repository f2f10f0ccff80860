"""What the rehearsal screens need to hear of the notes: the model, and its change signal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.dom import DOMNode
from textual.signal import Signal

from rehearse.core.notebook import Notebook
from rehearse.core.notes_model import NotesModel


class NotesFeed:
    def __init__(self, model: NotesModel, changed: Signal[frozenset[Path]]) -> None:
        self.model = model
        self.changed = changed
        model.listen(changed.publish)

    @property
    def notebook(self) -> Notebook:
        return self.model.notebook

    def subscribe(
        self, node: DOMNode, callback: Callable[[frozenset[Path]], Any], *, now: bool = False
    ) -> None:
        """Call `callback` with the paths of the notes that changed; with `now`, at once
        (the tree must be current before the next key), else after pending messages."""
        self.changed.subscribe(node, callback, immediate=now)
