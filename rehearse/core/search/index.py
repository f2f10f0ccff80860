"""The search index, and a searcher per consumer.

The index is built once at load. `update_file` costs what the changed file
costs, not what the notebook does: the file's old questions are marked dead
where they are, and its new ones go into a small tail segment. A tail that
has grown big is sealed and merged with sealed segments of similar size (a
logarithmic merge), so a search always looks at a handful of segments.

`SearchIndex.search` keeps no state between calls. A `Searcher` (the overlay
has one, the palette another) remembers what its previous keystroke matched:
typing on only narrows, so the next scan looks at those questions alone.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rehearse.core.glossary import Glossary, term_key
from rehearse.core.notebook import Notebook
from rehearse.core.search import matchers, near
from rehearse.core.search.matchers import Among, AnswerMatch, Scope
from rehearse.core.search.model import Hit, QuestionKey, SearchDoc, Via
from rehearse.core.search.passes import may_be_a_typo, other_pass, typed_pass
from rehearse.core.search.query import Reading, readings, typed_key
from rehearse.core.search.ranking import Found, best_hits, rank_answers
from rehearse.core.search.reuse import Earlier
from rehearse.core.search.segment import MAX_SLOT, Entry, Segment
from rehearse.core.search.snippets import answer_hit, docs_for_notebook

TAIL_LIMIT = 512  # questions in the tail segment before it is sealed
TYPO_WHEN_FEWER_THAN = 10  # typo matching runs only when the other matchers found few titles
ANSWER_SYNONYMS = 1  # readings through the glossary also looked for in answer text (a scan each)
SHORT_QUERY = 2  # characters: so short a query reads the other layout only when nothing else hits
KNOWN_CACHE = 4096  # words remembered as known to the notes (or not), until the index changes


@dataclass(frozen=True, slots=True)
class Prepared:
    """One file's questions made ready off the main thread: a big file's segment is built
    there too, numbered from slots reserved for it, so taking it in costs no rebuild."""

    path: Path
    entries: list[Entry]
    segment: Segment | None
    numbering: int  # the index's numbering the slots were reserved in


@dataclass(frozen=True)
class Outcome:
    hits: list[Hit]
    narrowed: Among  # what the typed reading matched, when that is all it can match


class SearchIndex:
    """Questions by file, searched by title (and answer text) with every reading of a query."""

    def __init__(self, docs: Iterable[SearchDoc] = (), *, glossary: Glossary | None = None) -> None:
        self.glossary = Glossary.shipped() if glossary is None else glossary
        self.generation = 0  # changes with every update: a searcher's memory is then void
        self._known: dict[tuple[str, bool], bool] = {}
        self._known_generation = 0
        self._segments: list[Segment] = []
        self._where: dict[Path, list[int]] = {}  # the live slots of each file's questions
        self._next_slot = 0
        self._numbering = 0  # changes when every question is numbered again
        self._slots = threading.Lock()  # `prepare` reserves slots from another thread
        by_file: dict[Path, list[SearchDoc]] = {}
        for doc in docs:
            by_file.setdefault(doc.key.path, []).append(doc)
        ordered = [Entry.of(doc) for path in sorted(by_file) for doc in by_file[path]]
        if ordered:
            self._segments.append(self._segment(ordered))

    @classmethod
    def from_notebook(
        cls, notebook: Notebook, *, synonyms: Iterable[Sequence[str]] = ()
    ) -> SearchIndex:
        return cls(docs_for_notebook(notebook), glossary=Glossary.shipped().with_synonyms(synonyms))

    def __len__(self) -> int:
        return sum(segment.live for segment in self._segments)

    @property
    def docs(self) -> list[SearchDoc]:
        """Every question, in note order."""
        live = [
            doc
            for segment in self._segments
            for doc, alive in zip(segment.docs, segment.alive, strict=True)
            if alive
        ]
        return sorted(live, key=lambda doc: (doc.key.path, doc.key.section))

    def searcher(self) -> Searcher:
        return Searcher(self)

    # -- keeping up with the notes ----------------------------------------------------------

    @staticmethod
    def entries_for(docs: Iterable[SearchDoc]) -> list[Entry]:
        """One file's entries, made from nothing of the index: safe on any thread."""
        return [Entry.of(doc) for doc in docs]

    def earlier(self, path: Path) -> Earlier:
        """What the index holds for `path` now, for `prepare` to reuse on another thread."""
        return Earlier(self._segments, self._where.get(path, ()))

    def prepare(
        self, path: Path, docs: Iterable[SearchDoc], earlier: Earlier | None = None
    ) -> Prepared:
        """One file's questions made ready for `adopt`: safe on any thread. Sections that
        read as they did in `earlier` are not folded again."""
        entries = earlier.entries_for(docs) if earlier is not None else self.entries_for(docs)
        if len(entries) < TAIL_LIMIT:  # joins the small tail segment when adopted
            return Prepared(path, entries, None, self._numbering)
        with self._slots:
            base, numbering = self._next_slot, self._numbering
            if base + 2 * (len(self) + len(entries)) > MAX_SLOT:
                return Prepared(path, entries, None, numbering)  # adopt renumbers first
            self._next_slot += len(entries)
        return Prepared(path, entries, Segment(base, entries), numbering)

    def adopt(self, prepared: Prepared) -> None:
        """Replace one file's questions with what `prepare` made: a built segment goes in
        as it is."""
        segment, path = prepared.segment, prepared.path
        if segment is None or prepared.numbering != self._numbering:
            self._put(path, prepared.entries)
            return
        scope = Scope(self._segments)
        for slot in self._where.pop(path, []):
            old, local = scope.locate(slot)
            old.kill(local)
        self._seal()
        self._segments.append(segment)
        self._where[path] = list(range(segment.base, segment.base + len(segment)))
        self._segments = [segment for segment in self._segments if segment.live]
        self.generation += 1

    def update_file(self, path: Path, docs: Iterable[SearchDoc]) -> None:
        """Replace one file's questions (none: the file is gone)."""
        self._put(path, self.earlier(path).entries_for(docs))

    def _put(self, path: Path, fresh: Sequence[Entry]) -> None:
        if self._next_slot + 2 * (len(self) + len(fresh)) > MAX_SLOT:
            self._renumber()  # slots are never reused: room for this update and its merges
        scope = Scope(self._segments)
        for slot in self._where.pop(path, []):
            segment, local = scope.locate(slot)
            segment.kill(local)
        tail = self._segments[-1] if self._segments else None
        if fresh and tail is not None and len(tail) < TAIL_LIMIT:
            self._replace(len(self._segments) - 1, 1, [*tail.living(), *fresh])
        elif fresh:
            self._seal()
            self._segments.append(self._segment(fresh))
        self._segments = [segment for segment in self._segments if segment.live]
        self.generation += 1

    def _segment(self, entries: Sequence[Entry]) -> Segment:
        with self._slots:
            base = self._next_slot
            self._next_slot += len(entries)
        segment = Segment(base, entries)
        for local, entry in enumerate(entries):
            self._where.setdefault(entry.doc.key.path, []).append(segment.base + local)
        return segment

    def _replace(self, first: int, count: int, entries: Sequence[Entry]) -> None:
        """Segments [first, first + count) become one segment of `entries`."""
        for segment in self._segments[first : first + count]:
            low, high = segment.base, segment.base + len(segment)
            for path in {doc.key.path for doc in segment.docs}:
                slots = self._where.get(path)
                if slots is not None:
                    self._where[path] = [s for s in slots if not low <= s < high]
        replacement = [self._segment(entries)] if entries else []
        self._segments[first : first + count] = replacement

    def _seal(self) -> None:
        """Merge the last segments while the one before is no more than twice as big, and
        rebuild any segment that is mostly dead."""
        while len(self._segments) >= 2 and (self._segments[-2].live <= 2 * self._segments[-1].live):
            merged = [*self._segments[-2].living(), *self._segments[-1].living()]
            self._replace(len(self._segments) - 2, 2, merged)
        for number in reversed(range(len(self._segments))):
            segment = self._segments[number]
            if segment.dead > segment.live:
                self._replace(number, 1, list(segment.living()))

    def _renumber(self) -> None:
        """Slots ran out: number every question again from zero."""
        entries = [entry for segment in self._segments for entry in segment.living()]
        with self._slots:
            self._segments, self._where, self._next_slot = [], {}, 0
            self._numbering += 1
        if entries:
            self._segments.append(self._segment(entries))

    def slot_of(self, key: QuestionKey) -> int | None:
        scope = Scope(self._segments)
        for slot in self._where.get(key.path, []):
            if scope.doc(slot).key == key:
                return slot
        return None

    def known(self, text: str, whole: bool) -> bool:
        """Whether folded `text` is a glossary name or stands in a title at a word start (as
        a whole word, or as the start of one): what the other layout leaves as typed."""
        if self._known_generation != self.generation or len(self._known) > KNOWN_CACHE:
            self._known, self._known_generation = {}, self.generation
        key = (text, whole)
        if key not in self._known:
            in_glossary = whole and self.glossary.group_of(term_key(text)) is not None
            self._known[key] = in_glossary or any(
                matchers.stands_in(segment, text, whole) for segment in self._segments
            )
        return self._known[key]

    def readings(self, query: str) -> list[Reading]:
        return readings(query, self.glossary, self.known)

    # -- searching --------------------------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 50,
        *,
        answers: bool = True,
        recency: Mapping[QuestionKey, float] | None = None,
    ) -> list[Hit]:
        return self.run(query, limit, answers=answers, recency=recency).hits

    def search_answers(
        self,
        query: str,
        limit: int,
        *,
        exclude: Iterable[QuestionKey] = (),
        recency: Mapping[QuestionKey, float] | None = None,
    ) -> list[Hit]:
        """Only the answer-text hits of `search`, for a screen that shows titles first."""
        found = self.readings(query)
        if not found or limit < 1:
            return []
        skip = {slot for key in exclude if (slot := self.slot_of(key)) is not None}
        return self._answers(Scope(self._segments), found, skip, limit, recency)

    def run(
        self,
        query: str,
        limit: int,
        *,
        answers: bool = True,
        recency: Mapping[QuestionKey, float] | None = None,
        among: Among = None,
    ) -> Outcome:
        """Every reading of `query`, matched every way that applies; `among` (from the
        previous keystroke's outcome) narrows what the typed reading scans."""
        found_readings = self.readings(query) if self._segments else []
        if not found_readings or limit < 1:
            return Outcome([], None)
        scope = Scope(self._segments)
        found = Found(found_readings)
        as_typed = found_readings[0]
        narrowed = typed_pass(scope, as_typed, found, limit, among)
        typed = len(found)  # what the other readings add must not take anything away
        others = [
            (number, reading)
            for number, reading in enumerate(found_readings[1:], start=1)
            if not (typed and reading.via.other_layout and _short(as_typed, reading))
        ]
        for number, reading in others:
            other_pass(scope, reading, number, found, limit)
        if typed < TYPO_WHEN_FEWER_THAN and not as_typed.literal:  # near misses, when few hit
            near.match_slipped(scope, as_typed, 0, found)
            for number, reading in [(0, as_typed), *others]:
                if may_be_a_typo(reading):
                    near.match_typos(scope, reading, number, found, limit)
        hits = best_hits(found, scope.doc, limit, recency)
        if answers and len(hits) < limit:
            room = limit - len(hits)
            hits.extend(self._answers(scope, found_readings, set(found.best), room, recency))
        return Outcome(hits, narrowed)

    def _answers(
        self,
        scope: Scope,
        found_readings: Sequence[Reading],
        exclude: set[int],
        room: int,
        recency: Mapping[QuestionKey, float] | None,
    ) -> list[Hit]:
        found: list[AnswerMatch] = []
        # A name matches whole words only, in answers as in titles (`js` never finds json).
        synonyms = [n for n, reading in enumerate(found_readings) if reading.via == Via.SYNONYM]
        for number in [0, *synonyms[:ANSWER_SYNONYMS]]:
            reading = found_readings[number]
            if len(found) >= room:
                break
            more = matchers.match_answers(scope, reading, number, exclude)
            exclude = exclude | {slot for _, slot, _, _ in more}
            found.extend(more)
        best = rank_answers(found, scope.doc, found_readings, room, recency)
        return [
            answer_hit(scope.doc(slot), where, runs, found_readings[number].via)
            for where, slot, number, runs in best
        ]


def _short(typed: Reading, other: Reading) -> bool:
    """`go` is a word, and `dns` (운 on the other layout) an acronym: so short a query, or a
    reading of one character, is read on the other layout only when nothing holds it as
    typed (two syllables, 안녕 for `dkssud`, are a word)."""
    return len(typed.compact) <= SHORT_QUERY or len(other.compact) == 1


class Searcher:
    """One consumer's searches over an index: typing on scans only what the last keystroke
    matched (while the index has not changed since)."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._last: tuple[int, str, dict[int, list[int]]] | None = None

    def search(
        self,
        query: str,
        limit: int = 50,
        *,
        answers: bool = True,
        recency: Mapping[QuestionKey, float] | None = None,
    ) -> list[Hit]:
        typed = typed_key(query)
        among: Among = None
        if self._last is not None:
            generation, before, narrowed = self._last
            if generation == self.index.generation and before and typed.startswith(before):
                among = narrowed
        outcome = self.index.run(query, limit, answers=answers, recency=recency, among=among)
        self._last = (
            None if outcome.narrowed is None else (self.index.generation, typed, outcome.narrowed)
        )
        return outcome.hits

    def search_answers(
        self,
        query: str,
        limit: int,
        *,
        exclude: Iterable[QuestionKey] = (),
        recency: Mapping[QuestionKey, float] | None = None,
    ) -> list[Hit]:
        return self.index.search_answers(query, limit, exclude=exclude, recency=recency)
