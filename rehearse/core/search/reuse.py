"""A file's questions made again from what the index holds for it: a section that reads
exactly as before keeps its folded title and answer, so a save of one answer in a note
of 10,000 questions folds one answer, not 10,000."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import islice

from rehearse.core.search.matchers import Scope
from rehearse.core.search.model import SearchDoc
from rehearse.core.search.segment import Entry, Segment
from rehearse.core.search.snippets import same_answer

LOOK_AHEAD = 2  # earlier questions of one title tried, in file order, for each new one

Place = tuple[Segment, int]


class Earlier:
    """One file's questions as the index held them when this was made (on the thread that
    owns the index). Segments only ever change by their dead marks, so this is read on
    any thread."""

    def __init__(self, segments: Sequence[Segment], slots: Sequence[int]) -> None:
        self._scope = Scope(segments)
        self._slots = list(slots)

    def entries_for(self, docs: Iterable[SearchDoc]) -> list[Entry]:
        by_title: dict[str, deque[Place]] = {}
        for slot in self._slots:
            segment, local = self._scope.locate(slot)
            by_title.setdefault(segment.docs[local].title, deque()).append((segment, local))
        return [_again(doc, by_title.get(doc.title)) for doc in docs]


def _again(doc: SearchDoc, earlier: deque[Place] | None) -> Entry:
    """The earlier entry of the same section, if it reads the same, else a new one. Edits
    keep the order of sections, so the next few of the same title are enough to look at
    (an earlier one passed over was deleted or changed)."""
    if earlier:
        for number, (segment, local) in enumerate(list(islice(earlier, LOOK_AHEAD))):
            if same_answer(segment.docs[local], doc):
                for _ in range(number + 1):
                    earlier.popleft()
                return replace(segment.entry(local), doc=doc)
    return Entry.of(doc)
