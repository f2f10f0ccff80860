"""Question search, Korean-native: 초성, half-typed syllables, jamo typos, any word order.

Every query becomes one regular expression over the titles with their spaces
removed (so `1분 자기소개` finds `1분자기소개`): a lone consonant stands for
any syllable starting with it (초성), the last syllable for anything it may
still turn into while being typed. That regex runs once over all titles joined
into one string, so the common tiers cost a C-speed scan, not a Python loop.
Only when those find too little does rapidfuzz score jamo strings for typos.

Ranking is by tier first — exact, prefix, substring, all words in any order,
초성, acronym or subsequence, typo — then by where the match starts, then by
the shorter title; recency only breaks the ties that remain.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from rapidfuzz import fuzz, process

from rehearse.core import hangul
from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile

SEPARATOR = "\x00"
_Offer = Callable[[int, "Hit"], None]
_WORD = re.compile(r"\w+", re.UNICODE)


class Tier(IntEnum):
    EXACT = 0
    PREFIX = 1
    SUBSTRING = 2
    ALL_WORDS = 3
    INITIALS = 4
    SUBSEQUENCE = 5
    TYPO = 6
    ANSWER = 7


@dataclass(frozen=True, slots=True)
class QuestionKey:
    path: Path
    section: int


@dataclass(frozen=True)
class SearchDoc:
    """What the index knows of one question."""

    key: QuestionKey
    title: str
    file: str  # relative to the notebook root
    context: tuple[str, ...]  # the titles of its ancestors
    line: int
    answer: str  # the readable answer text


@dataclass(frozen=True, slots=True)
class Hit:
    doc: SearchDoc
    tier: Tier
    spans: tuple[tuple[int, int], ...]  # [start, end) in doc.title, or in snippet for answers
    position: int
    snippet: str = ""  # for answer hits: the answer text around the match

    @property
    def in_answer(self) -> bool:
        return self.tier == Tier.ANSWER

    @property
    def score(self) -> float:
        """Higher is better; for display and scripting."""
        return round(100.0 - self.tier * 10 - min(self.position, 90) / 10, 1)


def normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class _Folded:
    """A title lowercased with spaces removed, and where each character came from."""

    text: str
    origin: tuple[int, ...]  # index in the title of each folded character
    word_starts: frozenset[int]  # folded indices that begin a word
    jamo: str
    jamo_origin: tuple[int, ...]
    acronym: str
    acronym_origin: tuple[int, ...]

    @classmethod
    def of(cls, title: str) -> _Folded:
        chars: list[str] = []
        origin: list[int] = []
        starts: set[int] = set()
        previous_space = True
        for index, char in enumerate(title):
            if char.isspace():
                previous_space = True
                continue
            lowered = char.lower()
            if previous_space or not (char.isalnum() and title[index - 1].isalnum()):
                starts.add(len(chars))
            previous_space = False
            for piece in lowered:
                chars.append(piece)
                origin.append(index)
        text = "".join(chars)
        jamo_parts: list[str] = []
        jamo_origin: list[int] = []
        for char, source in zip(text, origin, strict=True):
            piece = hangul.jamo_of(char)
            jamo_parts.append(piece)
            jamo_origin.extend([source] * len(piece))
        words = [(m.start(), m.group()) for m in _WORD.finditer(title.lower())]
        return cls(
            text=text,
            origin=tuple(origin),
            word_starts=frozenset(starts),
            jamo="".join(jamo_parts),
            jamo_origin=tuple(jamo_origin),
            acronym="".join(word[0] for _, word in words),
            acronym_origin=tuple(start for start, _ in words),
        )


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


@dataclass
class _Joined:
    """All folded titles in one string, so one regex scan covers every title."""

    text: str
    starts: list[int]  # where each document's folded title begins

    def owner(self, position: int) -> int:
        return bisect_right(self.starts, position) - 1


@dataclass(frozen=True)
class _Query:
    raw: str
    compact: str
    words: tuple[str, ...]
    pattern: re.Pattern[str] | None  # the whole query, spaces removed
    word_patterns: tuple[re.Pattern[str], ...]
    uses_initials: bool
    jamo: str

    @property
    def initials_only(self) -> bool:
        """A 초성 query such as ㅈㄱㅅㄱ: typo matching would only add noise."""
        return all(hangul.is_initial(char) for char in self.compact)

    @classmethod
    def parse(cls, query: str) -> _Query:
        raw = normalize(query).strip().lower()
        words = tuple(raw.split())
        compact = "".join(words)
        pattern, uses_initials = _compile(compact) if compact else (None, False)
        word_patterns = tuple(_compile(word)[0] for word in words) if len(words) > 1 else ()
        return cls(
            raw, compact, words, pattern, word_patterns, uses_initials, hangul.to_jamo(compact)
        )


def _unit_pattern(char: str, last: bool) -> tuple[str, bool]:
    if hangul.is_initial(char):
        return hangul.initial_class(char), True
    if last and hangul.is_syllable(char):
        return hangul.partial_syllable_pattern(char), False
    return re.escape(char), False


def _compile(compact: str) -> tuple[re.Pattern[str], bool]:
    pieces: list[str] = []
    uses_initials = False
    for index, char in enumerate(compact):
        piece, initial = _unit_pattern(char, last=index == len(compact) - 1)
        pieces.append(piece)
        uses_initials = uses_initials or initial
    return re.compile("".join(pieces)), uses_initials


class SearchIndex:
    """Built once at load; `update_file` replaces one file's questions when it changes."""

    def __init__(self, docs: Iterable[SearchDoc] = ()) -> None:
        self._by_file: dict[Path, list[SearchDoc]] = {}
        self._folded: dict[QuestionKey, _Folded] = {}
        self._titles: dict[QuestionKey, str] = {}
        for doc in docs:
            self._by_file.setdefault(doc.key.path, []).append(doc)
        self._rebuild()

    @classmethod
    def from_notebook(cls, notebook: Notebook) -> SearchIndex:
        return cls(docs_for_notebook(notebook))

    def __len__(self) -> int:
        return len(self._docs)

    @property
    def docs(self) -> Sequence[SearchDoc]:
        return self._docs

    def update_file(self, path: Path, docs: Iterable[SearchDoc]) -> None:
        fresh = list(docs)
        old = self._by_file.pop(path, [])
        for doc in old:
            self._folded.pop(doc.key, None)
        if fresh:
            self._by_file[path] = fresh
        self._rebuild()

    def _rebuild(self) -> None:
        docs: list[SearchDoc] = []
        for path in sorted(self._by_file):
            docs.extend(self._by_file[path])
        self._docs = docs
        folded = []
        for doc in docs:
            entry = self._folded.get(doc.key)
            if entry is None or self._titles.get(doc.key) != doc.title:
                entry = _Folded.of(normalize(doc.title))
                self._folded[doc.key] = entry
            folded.append(entry)
        self._titles = {doc.key: doc.title for doc in docs}
        self._order = {doc.key: position for position, doc in enumerate(docs)}
        self._folded_list = folded
        starts: list[int] = []
        offset = 0
        for entry in folded:
            starts.append(offset)
            offset += len(entry.text) + 1
        self._joined = _Joined(SEPARATOR.join(entry.text for entry in folded), starts)
        self._jamo = [entry.jamo for entry in folded]
        self._answers = [normalize(doc.answer).lower() for doc in docs]
        self._answer_joined = SEPARATOR.join(self._answers)
        answer_starts: list[int] = []
        offset = 0
        for answer in self._answers:
            answer_starts.append(offset)
            offset += len(answer) + 1
        self._answer_starts = answer_starts

    # -- searching --------------------------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 50,
        *,
        answers: bool = True,
        recency: Mapping[QuestionKey, float] | None = None,
    ) -> list[Hit]:
        parsed = _Query.parse(query)
        if not parsed.compact or not self._docs:
            return []
        best: dict[int, Hit] = {}

        def offer(index: int, hit: Hit) -> None:
            current = best.get(index)
            if current is None or (hit.tier, hit.position) < (current.tier, current.position):
                best[index] = hit

        self._match_whole(parsed, offer)
        if parsed.word_patterns:
            self._match_words(parsed, offer)
        if len(best) < limit and 2 <= len(parsed.compact) <= 24:
            self._match_subsequence(parsed, offer, best)
        if len(best) < limit and len(parsed.jamo) >= 4 and not parsed.initials_only:
            self._match_typos(parsed, offer, best, limit)
        title_hits = sorted(best.values(), key=lambda hit: self._rank(hit, recency))
        hits = title_hits[:limit]
        if answers and len(hits) < limit:
            hits.extend(self._match_answers(parsed, set(best), limit - len(hits), recency))
        return hits

    def _rank(
        self, hit: Hit, recency: Mapping[QuestionKey, float] | None
    ) -> tuple[int, int, int, float, int]:
        recent = -(recency.get(hit.doc.key, 0.0)) if recency else 0.0
        return (hit.tier, hit.position, len(hit.doc.title), recent, self._order[hit.doc.key])

    def _title_spans(self, index: int, start: int, end: int) -> tuple[tuple[int, int], ...]:
        origin = self._folded_list[index].origin
        return _merge((origin[i], origin[i] + 1) for i in range(start, end))

    def _match_whole(self, parsed: _Query, offer: _Offer) -> None:
        assert parsed.pattern is not None
        joined = self._joined
        for match in parsed.pattern.finditer(joined.text):
            index = joined.owner(match.start())
            local = match.start() - joined.starts[index]
            folded = self._folded_list[index]
            if parsed.uses_initials:
                tier = Tier.INITIALS
            elif local == 0 and match.group() == folded.text == parsed.compact:
                tier = Tier.EXACT
            elif local == 0:
                tier = Tier.PREFIX
            else:
                tier = Tier.SUBSTRING
            # Word starts rank ahead of matches inside a word within the same tier.
            position = local if local in folded.word_starts else local + 1000
            end = match.end() - joined.starts[index]
            offer(
                index, Hit(self._docs[index], tier, self._title_spans(index, local, end), position)
            )

    def _match_words(self, parsed: _Query, offer: _Offer) -> None:
        joined = self._joined
        found: dict[int, list[tuple[int, int]]] | None = None
        for pattern in parsed.word_patterns:
            spans: dict[int, list[tuple[int, int]]] = {}
            for match in pattern.finditer(joined.text):
                index = joined.owner(match.start())
                if found is not None and index not in found:
                    continue
                base = joined.starts[index]
                spans.setdefault(index, []).append((match.start() - base, match.end() - base))
            if found is not None:
                spans = {i: found[i] + s for i, s in spans.items() if i in found}
            found = spans
            if not found:
                return
        for index, local_spans in (found or {}).items():
            title_spans = _merge(
                span for start, end in local_spans for span in self._title_spans(index, start, end)
            )
            first = min(start for start, _ in local_spans)
            offer(index, Hit(self._docs[index], Tier.ALL_WORDS, title_spans, first))

    def _match_subsequence(self, parsed: _Query, offer: _Offer, best: Mapping[int, Hit]) -> None:
        """Acronyms (`oop` -> Object Oriented Programming), then letters in order."""
        compact = parsed.compact
        for index, folded in enumerate(self._folded_list):
            if index in best:
                continue
            at = folded.acronym.find(compact)
            if at != -1 and len(compact) >= 2:
                starts = folded.acronym_origin[at : at + len(compact)]
                spans = tuple((s, s + 1) for s in starts)
                offer(index, Hit(self._docs[index], Tier.SUBSEQUENCE, spans, at))
        if hangul.has_hangul(compact):
            return
        gaps = f"[^{SEPARATOR}]*?"
        pattern = re.compile(gaps.join(f"({re.escape(char)})" for char in compact))
        joined = self._joined
        for match in pattern.finditer(joined.text):
            index = joined.owner(match.start())
            if index in best:
                continue
            base = joined.starts[index]
            spans = _merge(
                span
                for group in range(1, len(compact) + 1)
                for span in self._title_spans(
                    index, match.start(group) - base, match.end(group) - base
                )
            )
            spread = match.end() - match.start() - len(compact)
            offer(index, Hit(self._docs[index], Tier.SUBSEQUENCE, spans, 100 + spread))

    def _match_typos(
        self, parsed: _Query, offer: _Offer, best: Mapping[int, Hit], limit: int
    ) -> None:
        query = parsed.jamo
        allowed = 1 if len(query) < 10 else 2
        cutoff = 100.0 * (1 - allowed / len(query)) - 0.5
        results = process.extract(
            query,
            self._jamo,
            scorer=fuzz.partial_ratio,
            processor=None,
            score_cutoff=cutoff,
            limit=limit * 2,
        )
        for _, score, index in results:
            if index in best:
                continue
            folded = self._folded_list[index]
            alignment = fuzz.partial_ratio_alignment(query, folded.jamo)
            spans: tuple[tuple[int, int], ...] = ()
            if alignment is not None and alignment.dest_end > alignment.dest_start:
                origins = folded.jamo_origin[alignment.dest_start : alignment.dest_end]
                spans = _merge((o, o + 1) for o in origins)
            offer(index, Hit(self._docs[index], Tier.TYPO, spans, int(100 - score)))

    def _match_answers(
        self,
        parsed: _Query,
        exclude: set[int],
        room: int,
        recency: Mapping[QuestionKey, float] | None,
    ) -> list[Hit]:
        """Questions whose answer holds every word of the query (plain substring)."""
        text = self._answer_joined
        candidates: dict[int, int] | None = None
        for word in parsed.words:
            positions: dict[int, int] = {}
            at = text.find(word)
            while at != -1:
                index = bisect_right(self._answer_starts, at) - 1
                if index not in exclude and (candidates is None or index in candidates):
                    positions.setdefault(index, at - self._answer_starts[index])
                next_doc = index + 1
                if next_doc >= len(self._answer_starts):
                    break
                at = text.find(word, self._answer_starts[next_doc])
            candidates = (
                positions
                if candidates is None
                else {i: candidates[i] for i in positions if i in candidates}
            )
            if not candidates:
                return []
        hits: list[Hit] = []
        for index, where in (candidates or {}).items():
            answer = self._docs[index].answer
            start = max(0, where - 20)
            snippet = " ".join(answer[start : where + 60].split())
            lead = snippet.lower().find(parsed.words[0])
            spans = ((lead, lead + len(parsed.words[0])),) if lead >= 0 else ()
            hits.append(Hit(self._docs[index], Tier.ANSWER, spans, where, snippet))
        hits.sort(key=lambda hit: self._rank(hit, recency))
        return hits[:room]


def docs_for_note(note: NoteFile, file: str) -> list[SearchDoc]:
    return [
        SearchDoc(
            key=QuestionKey(note.path, section.index),
            title=normalize(section.title),
            file=file,
            context=tuple(normalize(a.title) for a in note.ancestors(section)),
            line=section.line,
            answer=normalize(" ".join(note.answer_text(section).split("\n"))),
        )
        for section in note.questions
    ]


def docs_for_notebook(notebook: Notebook) -> list[SearchDoc]:
    docs: list[SearchDoc] = []
    for note in notebook.readable:
        docs.extend(docs_for_note(note, notebook.relative(note.path)))
    return docs
