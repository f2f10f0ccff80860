"""A segment of the index: some questions' folded titles and answers, joined by kind.

One regex scan of a joined string covers every title at C speed, which is what
keeps a keystroke cheap. A segment never changes once built, except that its
questions can be marked dead; the index replaces a changed file by killing its
old questions and building a small segment for the new ones (see index.py).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

from rehearse.core import hangul
from rehearse.core.search.folding import Folded, lower_keeping_length, normalize
from rehearse.core.search.model import SearchDoc
from rehearse.core.search.query import SEPARATOR

_FIELD = 20  # bits for the start and for the title length in a packed place; 24 for the slot
_SLOT_BITS = 24
MAX_SLOT = (1 << _SLOT_BITS) - 1
NARROW_LIMIT = 400  # more candidate parts than this: one scan of everything is cheaper


def pack(start: int, length: int, slot: int) -> int:
    limit = (1 << _FIELD) - 1
    return (min(start, limit) << (_FIELD + _SLOT_BITS)) | (min(length, limit) << _SLOT_BITS) | slot


def unpack(place: int) -> tuple[int, int, int]:
    return (
        place >> (_FIELD + _SLOT_BITS),
        (place >> _SLOT_BITS) & ((1 << _FIELD) - 1),
        place & MAX_SLOT,
    )


@dataclass(frozen=True, slots=True)
class Entry:
    """One question as a segment stores it."""

    doc: SearchDoc
    text: str  # the folded title
    mask: bytes  # word starts in `text`
    jamo: str
    acronym: str
    answer: str  # lowered, one line, offsets as in the answer text

    @classmethod
    def of(cls, doc: SearchDoc) -> Entry:
        folded = Folded.of(doc.title)
        return cls.with_answer(
            doc, folded.text, folded.word_start_mask, folded.jamo, folded.acronym
        )

    @classmethod
    def with_answer(cls, doc: SearchDoc, text: str, mask: bytes, jamo: str, acronym: str) -> Entry:
        answer = lower_keeping_length(normalize(doc.answer)).replace("\n", " ")
        return cls(doc, text, mask, jamo, acronym, answer.replace(SEPARATOR, " "))


class Joined:
    """Strings joined by NUL, so one scan covers them all; `starts` has one entry more."""

    __slots__ = ("starts", "text")

    def __init__(self, parts: Sequence[str]) -> None:
        self.text = SEPARATOR.join(parts)
        self.starts = array("I", accumulate((len(part) + 1 for part in parts), initial=0))

    def owner(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1

    def part(self, index: int) -> str:
        return self.text[self.starts[index] : self.starts[index + 1] - 1]

    def first_matches(
        self,
        pattern: re.Pattern[str],
        alive: bytearray,
        among: Sequence[int] | None = None,
        narrow_limit: int = NARROW_LIMIT,
    ) -> Iterator[tuple[int, int, int]]:
        return first_matches(self.text, self.starts, pattern, alive, among, narrow_limit)


def first_matches(
    text: str,
    starts: Sequence[int],
    pattern: re.Pattern[str],
    alive: bytearray,
    among: Sequence[int] | None = None,
    narrow_limit: int = NARROW_LIMIT,
) -> Iterator[tuple[int, int, int]]:
    """(part, start, end) of the first match of `pattern` in each living part of `text`
    (parts begin at `starts`), in every part or only in those `among`; offsets into `text`.
    Up to `narrow_limit` parts of `among` are searched one by one, more by one scan."""
    find = pattern.search
    if among is not None and len(among) <= narrow_limit:
        for index in among:
            match = find(text, starts[index], starts[index + 1] - 1)
            if match is not None and alive[index]:
                yield index, match.start(), match.end()
        return
    wanted = None if among is None else set(among)
    position = 0
    while True:
        match = find(text, position)
        if match is None:
            return
        index = bisect_right(starts, match.start()) - 1
        if alive[index] and (wanted is None or index in wanted):
            yield index, match.start(), match.end()
        position = starts[index + 1]


class Segment:
    """Questions numbered from global slot `base`; `alive[i]` is 0 once question i is dead."""

    def __init__(self, base: int, entries: Sequence[Entry]) -> None:
        self.base = base
        self.docs = [entry.doc for entry in entries]
        self.alive = bytearray(b"\x01" * len(entries))
        self.dead = 0
        self.titles = Joined([entry.text for entry in entries])
        self.masks = b"\x00".join(entry.mask for entry in entries)
        self.jamo = Joined([entry.jamo for entry in entries])
        self.acronyms = Joined([entry.acronym for entry in entries])
        self.answers = Joined([entry.answer for entry in entries])
        # The titles with each syllable replaced by its 초성: same offsets as `titles`.
        self.initials = self.titles.text.translate(_initials_table())
        # Word starts by their first character, best first (earliest, then shortest title),
        # each packed into one sortable integer: tens of thousands of tuples cost megabytes.
        heads: dict[str, list[int]] = {}
        starts, titles, masks = self.titles.starts, self.titles.text, self.masks
        for local, doc in enumerate(self.docs):
            begin, end = starts[local], starts[local + 1] - 1
            slot, length = base + local, len(doc.title)
            position = masks.find(1, begin, end)
            while position != -1:
                heads.setdefault(titles[position], []).append(pack(position - begin, length, slot))
                position = masks.find(1, position + 1, end)
        self.heads = {head: array("Q", sorted(places)) for head, places in heads.items()}
        by_initial: dict[str, list[str]] = {}
        for head in self.heads:
            if hangul.is_syllable(head):
                by_initial.setdefault(hangul.initial_of(head), []).append(head)
        self.heads_by_initial = by_initial

    def __len__(self) -> int:
        return len(self.docs)

    @property
    def live(self) -> int:
        return len(self.docs) - self.dead

    def kill(self, local: int) -> None:
        if self.alive[local]:
            self.alive[local] = 0
            self.dead += 1

    def entry(self, local: int) -> Entry:
        """Question `local` as it was stored: what a merged segment is built from."""
        begin, end = self.titles.starts[local], self.titles.starts[local + 1] - 1
        return Entry(
            self.docs[local],
            self.titles.text[begin:end],
            self.masks[begin:end],
            self.jamo.part(local),
            self.acronyms.part(local),
            self.answers.part(local),
        )

    def living(self) -> Iterator[Entry]:
        return (self.entry(local) for local in range(len(self.docs)) if self.alive[local])

    def title_bounds(self, local: int) -> tuple[int, int]:
        return self.titles.starts[local], self.titles.starts[local + 1] - 1

    def is_word_start(self, position: int) -> bool:
        return self.masks[position] == 1


@cache
def _initials_table() -> dict[int, str]:
    first, last = hangul.SYLLABLE_FIRST, hangul.SYLLABLE_LAST
    return {code: hangul.initial_of(chr(code)) for code in range(first, last + 1)}
