"""Question search, Korean-native: 초성, half-typed syllables, jamo typos, any word order.

Every query becomes one regular expression over the titles with their spaces
removed (so `1분 자기소개` finds `1분자기소개`): a lone consonant stands for
any syllable starting with it (초성), the last syllable for anything it may
still turn into while being typed. That regex runs once over all titles joined
into one string, so the common tiers cost a C-speed scan, not a Python loop.
Only when those find too little does rapidfuzz score jamo strings for typos.

Ranking is by tier first — exact, prefix, acronym (`oop`), substring, all
words in any order, 초성, typo, then answer text — then by where the match
starts (a word start before the inside of a word), then by the shorter title;
recency only breaks the ties that remain.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum
from itertools import accumulate, chain, repeat
from pathlib import Path

from rapidfuzz import fuzz, process

from rehearse.core import hangul
from rehearse.core.notebook import Notebook
from rehearse.core.notes import NoteFile

SEPARATOR = "\x00"
_Offer = Callable[[int, "_Found"], None]
_WORD = re.compile(r"\w+", re.UNICODE)


class Tier(IntEnum):
    EXACT = 0
    PREFIX = 1
    SUBSEQUENCE = 2  # an acronym: every letter starts a word (`oop`)
    SUBSTRING = 3
    ALL_WORDS = 4
    INITIALS = 5
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
    origin: Sequence[int]  # index in the title of each folded character
    word_start_mask: bytes  # 1 at each folded index that begins a word
    jamo: str
    jamo_origin: Sequence[int]
    acronym: str  # the first letter of each word
    acronym_origin: Sequence[int]  # compact arrays: there is one of these per question

    @property
    def word_starts(self) -> list[int]:
        return [index for index, flag in enumerate(self.word_start_mask) if flag]

    def is_word_start(self, index: int) -> bool:
        return index < len(self.word_start_mask) and self.word_start_mask[index] == 1

    @classmethod
    def of(cls, raw_title: str) -> _Folded:
        """Fold the NFC form of `raw_title`; origins point into `raw_title` itself."""
        title = normalize(raw_title)
        back = _nfc_starts(raw_title, title)
        chars: list[str] = []
        origin: list[int] = []
        starts: set[int] = set()
        previous_space = True
        for index, char in enumerate(title):
            if char.isspace():
                previous_space = True
                continue
            if previous_space or not (char.isalnum() and title[index - 1].isalnum()):
                starts.add(len(chars))
            previous_space = False
            for piece in char.lower():
                chars.append(piece)
                origin.append(back[index])
        text = "".join(chars)
        jamo_parts: list[str] = []
        jamo_origin: list[int] = []
        for char, source in zip(text, origin, strict=True):
            piece = hangul.jamo_of(char)
            jamo_parts.append(piece)
            jamo_origin.extend([source] * len(piece))
        words = [(back[m.start()], m.group()) for m in _WORD.finditer(title.lower())]
        return cls(
            text=text,
            origin=array("I", origin),
            word_start_mask=bytes(1 if i in starts else 0 for i in range(len(text))),
            jamo="".join(jamo_parts),
            jamo_origin=array("I", jamo_origin),
            acronym="".join(word[0] for _, word in words),
            acronym_origin=array("I", (start for start, _ in words)),
        )


_FIELD = 21  # bits for each of start, title length and document number in a packed place


def _pack(start: int, length: int, index: int) -> int:
    limit = (1 << _FIELD) - 1
    return (min(start, limit) << (2 * _FIELD)) | (min(length, limit) << _FIELD) | index


def _unpack(place: int) -> tuple[int, int, int]:
    mask = (1 << _FIELD) - 1
    return place >> (2 * _FIELD), (place >> _FIELD) & mask, place & mask


def _nfc_starts(raw: str, nfc: str) -> list[int]:
    """For each character of `nfc`, where it starts in `raw` (identity when raw is NFC)."""
    if raw == nfc:
        return list(range(len(raw) + 1))
    starts = [0] * (len(nfc) + 1)
    known = 0
    for end in range(1, len(raw) + 1):
        length = len(normalize(raw[:end]))
        while known < length - 1:  # a new NFC character began at raw[end - 1]
            known += 1
            starts[known] = end - 1
    starts[len(nfc)] = len(raw)
    return starts


def _merge(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


class _Joined:
    """Strings joined into one, so one regex scan covers them all.

    `ids` maps each part to its document (all documents, or the candidates left
    from the previous keystroke); `owners` maps every character to its part.
    """

    def __init__(
        self, parts: Sequence[str], ids: Sequence[int] | None = None, *, owners: bool = True
    ) -> None:
        self.text = SEPARATOR.join(parts)
        self.starts = list(accumulate((len(part) + 1 for part in parts), initial=0))[:-1]
        self.ids = ids if ids is not None else range(len(parts))
        # A part number per character makes owner() a lookup: worth it for titles, not for
        # megabytes of answers, where owner() bisects instead.
        self.owners = (
            array("i", chain.from_iterable(repeat(i, len(p) + 1) for i, p in enumerate(parts)))
            if owners
            else None
        )

    def owner(self, position: int) -> int:
        if self.owners is not None:
            return self.owners[position]
        return bisect_right(self.starts, position) - 1

    def next_start(self, index: int) -> int:
        return self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)

    def first_matches(self, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, int, str]]:
        """The first match in each part that has one: (document, start, end, text)."""
        owner, starts, ids = self.owner, self.starts, self.ids
        last = -1
        for match in pattern.finditer(self.text):
            part = owner(match.start())
            if part == last:
                continue
            last = part
            base = starts[part]
            yield ids[part], match.start() - base, match.end() - base, match.group()


@dataclass(frozen=True)
class _View:
    """The titles (folded) and acronyms a search scans: all of them, or a narrowed set."""

    titles: _Joined
    acronyms: _Joined

    @classmethod
    def of(cls, folded: Sequence[_Folded], ids: Sequence[int] | None = None) -> _View:
        chosen = folded if ids is None else [folded[i] for i in ids]
        return cls(
            _Joined([entry.text for entry in chosen], ids),
            _Joined([entry.acronym for entry in chosen], ids),
        )


@dataclass(frozen=True)
class _Query:
    typed: str  # the query as jamo, spaces kept: a longer one typed after it extends it
    compact: str
    words: tuple[str, ...]
    pattern: re.Pattern[str] | None  # the whole query, spaces removed
    word_patterns: tuple[tuple[re.Pattern[str], bool], ...]  # (pattern, uses 초성)
    uses_initials: bool
    jamo: str

    @classmethod
    def parse(cls, query: str) -> _Query:
        raw = normalize(query).replace(SEPARATOR, " ").strip().lower()
        words = tuple(raw.split())
        compact = "".join(words)
        pattern, uses_initials = _compile(compact) if compact else (None, False)
        word_patterns = tuple(_compile(word) for word in words) if len(words) > 1 else ()
        jamo = hangul.to_jamo(compact)
        return cls(hangul.to_jamo(raw), compact, words, pattern, word_patterns, uses_initials, jamo)

    @property
    def initials_only(self) -> bool:
        """A 초성 query such as ㅈㄱㅅㄱ: typo matching would only add noise."""
        return all(hangul.is_initial(char) for char in self.compact)

    @property
    def latin(self) -> bool:
        return self.compact.isascii()


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


# How a candidate matched, kept cheap until it makes the final list: the tier, a
# position for ordering, and the [start, end) runs in the folded title, the acronym
# or the jamo string (by `where`), turned into title spans only for the hits shown.
_Found = tuple[Tier, int, str, tuple[tuple[int, int], ...]]

TYPO_WHEN_FEWER_THAN = 10  # typo matching runs only when the exact tiers found few titles
HEAD_BUDGET = 1000  # word starts looked at before scanning every title instead
TYPO_CANDIDATES = 1000  # more titles than this share a piece of the query: no typo pass
ANSWER_CANDIDATES = 200  # answers holding the words, ranked before the best are shown


class SearchIndex:
    """Built once at load; `update_file` replaces one file's questions when it changes."""

    def __init__(self, docs: Iterable[SearchDoc] = ()) -> None:
        self._by_file: dict[Path, list[SearchDoc]] = {}
        self._folded: dict[tuple[QuestionKey, str], _Folded] = {}
        for doc in docs:
            self._by_file.setdefault(doc.key.path, []).append(doc)
        self._rebuild()

    @classmethod
    def from_notebook(cls, notebook: Notebook) -> SearchIndex:
        return cls(docs_for_notebook(notebook))

    def __len__(self) -> int:
        self._ensure_built()
        return len(self._docs)

    @property
    def docs(self) -> Sequence[SearchDoc]:
        self._ensure_built()
        return self._docs

    def update_file(self, path: Path, docs: Iterable[SearchDoc]) -> None:
        """Replace one file's questions; the joined strings are rebuilt at the next search."""
        fresh = list(docs)
        self._by_file.pop(path, None)
        if fresh:
            self._by_file[path] = fresh
        self._stale = True

    def _ensure_built(self) -> None:
        if self._stale:
            self._rebuild()

    def _rebuild(self) -> None:
        """Join everything again; each title and answer is folded only once (cached)."""
        self._stale = False
        docs = [doc for path in sorted(self._by_file) for doc in self._by_file[path]]
        self._docs = docs
        self._order = {doc.key: position for position, doc in enumerate(docs)}
        folded = [self._fold(doc) for doc in docs]
        self._folded = {
            (doc.key, doc.title): entry for doc, entry in zip(docs, folded, strict=True)
        }
        self._folded_list = folded
        self._everything = _View.of(folded)
        self._jamo = _Joined([entry.jamo for entry in folded], owners=False)
        self._narrowed: tuple[str, list[int]] | None = None  # see _view_for
        # Only the joined copy is kept: per-answer copies would double the largest part.
        self._answers = _Joined([normalize(doc.answer).lower() for doc in docs], owners=False)
        # Word starts by their first character, best first (earliest, then shortest title),
        # each packed into one sortable integer: tens of thousands of tuples cost megabytes.
        heads: dict[str, list[int]] = {}
        for index, entry in enumerate(folded):
            for start in entry.word_starts:
                place = _pack(start, len(docs[index].title), index)
                heads.setdefault(entry.text[start], []).append(place)
        self._heads = {head: array("Q", sorted(places)) for head, places in heads.items()}

    def _fold(self, doc: SearchDoc) -> _Folded:
        return self._folded.get((doc.key, doc.title)) or _Folded.of(doc.title)

    # -- searching --------------------------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int = 50,
        *,
        answers: bool = True,
        recency: Mapping[QuestionKey, float] | None = None,
    ) -> list[Hit]:
        self._ensure_built()
        parsed = _Query.parse(query)
        if not parsed.compact or not self._docs or limit < 1:
            return []
        found: dict[int, _Found] = {}

        def offer(index: int, candidate: _Found) -> None:
            current = found.get(index)
            if current is None or candidate[:2] < current[:2]:
                found[index] = candidate

        # Word starts first, by lookup: when they fill the list, nothing inside a word could
        # rank above them, and the scan of every title is skipped.
        complete = self._match_heads(parsed, offer, limit) < limit
        view = self._view_for(parsed) if complete else self._everything
        if complete:
            self._match_whole(parsed, view, offer)
        if parsed.latin and len(parsed.compact) > 1:
            self._match_acronyms(parsed, view, offer)
        if parsed.word_patterns:
            if len(found) < limit:  # a words-in-any-order hit ranks below all of the above
                self._match_words(parsed, view, offer)
            else:
                complete = False
        self._narrowed = (parsed.typed, sorted(found)) if complete else None
        if len(found) < TYPO_WHEN_FEWER_THAN and not parsed.initials_only:
            self._match_typos(parsed, offer, limit)

        def rank(item: tuple[int, _Found]) -> tuple[int, int, int, float, int]:
            index, (tier, position, _, _) = item
            doc = self._docs[index]
            recent = -recency.get(doc.key, 0.0) if recency else 0.0
            return (tier, position, len(doc.title), recent, index)

        best = heapq.nsmallest(limit, found.items(), key=rank)
        hits = [self._hit(index, candidate) for index, candidate in best]
        if answers and len(hits) < limit:
            hits.extend(self._match_answers(parsed, set(found), limit - len(hits), recency))
        return hits

    def search_answers(
        self,
        query: str,
        limit: int,
        *,
        exclude: Iterable[QuestionKey] = (),
        recency: Mapping[QuestionKey, float] | None = None,
    ) -> list[Hit]:
        """Only the answer-text hits of `search`, for a screen that shows titles first."""
        self._ensure_built()
        parsed = _Query.parse(query)
        if not parsed.words or limit < 1:
            return []
        skip = {self._order[key] for key in exclude if key in self._order}
        return self._match_answers(parsed, skip, limit, recency)

    def _view_for(self, parsed: _Query) -> _View:
        """Typing on only narrows: scan just what the previous query matched, if it led here."""
        if self._narrowed is not None:
            typed, ids = self._narrowed
            if typed and parsed.typed.startswith(typed) and len(ids) < len(self._docs) // 2:
                return _View.of(self._folded_list, ids)
        return self._everything

    def _hit(self, index: int, candidate: _Found) -> Hit:
        tier, position, where, runs = candidate
        folded = self._folded_list[index]
        origin = {
            "title": folded.origin,
            "acronym": folded.acronym_origin,
            "jamo": folded.jamo_origin,
        }[where]
        title = self._docs[index].title
        spans = _merge(
            (origin[i], _char_end(title, origin[i]))
            for start, end in runs
            for i in range(start, end)
        )
        return Hit(self._docs[index], tier, spans, position)

    def _title_tier(self, parsed: _Query, index: int, start: int, text: str) -> tuple[Tier, int]:
        folded = self._folded_list[index]
        if parsed.uses_initials:
            tier = Tier.INITIALS
        elif start == 0 and text == folded.text == parsed.compact:
            tier = Tier.EXACT
        elif start == 0:
            tier = Tier.PREFIX
        else:
            tier = Tier.SUBSTRING
        # Word starts rank ahead of matches inside a word within the same tier.
        return tier, start if folded.is_word_start(start) else start + 1000

    def _match_heads(self, parsed: _Query, offer: _Offer, limit: int) -> int:
        """Matches at word starts, best first, found through the first character.

        Stops once `limit` are found (keeping ties), or after HEAD_BUDGET places
        when the first character is common but the query is not.
        """
        assert parsed.pattern is not None
        pattern = parsed.pattern
        first, _ = _unit_pattern(parsed.compact[0], last=len(parsed.compact) == 1)
        first_char = re.compile(first)
        heads = [head for head in self._heads if first_char.fullmatch(head)]
        if len(parsed.compact) == 1 and hangul.is_syllable(parsed.compact):
            heads.append(hangul.open_head(parsed.compact))  # 슾 may be 스 + ㅍ...
        count = 0
        cutoff: tuple[int, int] | None = None
        places = heapq.merge(*(self._heads.get(head, ()) for head in heads))
        for walked, place in enumerate(places):
            start, length, index = _unpack(place)
            if (cutoff is not None and (start, length) > cutoff) or walked == HEAD_BUDGET:
                break  # the rest rank lower; ties with the last one kept are all offered
            match = pattern.match(self._folded_list[index].text, start)
            if match is None:
                continue
            tier, position = self._title_tier(parsed, index, start, match.group())
            offer(index, (tier, position, "title", ((start, match.end()),)))
            count += 1
            if count == limit:
                cutoff = (start, length)
        return count

    def _match_whole(self, parsed: _Query, view: _View, offer: _Offer) -> None:
        assert parsed.pattern is not None
        for index, start, end, text in view.titles.first_matches(parsed.pattern):
            tier, position = self._title_tier(parsed, index, start, text)
            offer(index, (tier, position, "title", ((start, end),)))

    def _match_words(self, parsed: _Query, view: _View, offer: _Offer) -> None:
        """Every word somewhere in the title, in any order (`queue message`)."""
        found: dict[int, list[tuple[int, int]]] | None = None
        uses_initials = False
        for pattern, initials in parsed.word_patterns:
            uses_initials = uses_initials or initials
            runs: dict[int, list[tuple[int, int]]] = {}
            for index, start, end, _ in view.titles.first_matches(pattern):
                if found is None or index in found:
                    runs[index] = [*(found or {}).get(index, []), (start, end)]
            found = runs
            if not found:
                return
        tier = Tier.INITIALS if uses_initials else Tier.ALL_WORDS
        for index, spans in (found or {}).items():
            offer(index, (tier, min(start for start, _ in spans), "title", tuple(spans)))

    def _match_acronyms(self, parsed: _Query, view: _View, offer: _Offer) -> None:
        """`oop` -> Object Oriented Programming: the query is the first letters of words."""
        pattern = re.compile(re.escape(parsed.compact))
        for index, start, end, _ in view.acronyms.first_matches(pattern):
            offer(index, (Tier.SUBSEQUENCE, start, "acronym", ((start, end),)))

    def _match_typos(self, parsed: _Query, offer: _Offer, limit: int) -> None:
        """One jamo wrong (two in long queries): `데이타` -> 데이터.

        By the pigeonhole principle a query cut into (typos + 1) pieces keeps one
        piece intact in its target, so a regex for the pieces picks the few
        candidates that rapidfuzz then scores.
        """
        query = parsed.jamo
        allowed = 1 if len(query) < 10 else 2
        size = len(query) // (allowed + 1)
        if size < 2:
            return  # pieces this short are in nearly every title: no typo matching
        pieces = {query[i * size : (i + 1) * size] for i in range(allowed + 1)}
        prefilter = re.compile("|".join(re.escape(piece) for piece in sorted(pieces)))
        shortest = len(query) - allowed
        candidates: list[int] = []
        for index, *_ in self._jamo.first_matches(prefilter):
            if len(self._folded_list[index].jamo) >= shortest:
                candidates.append(index)
                if len(candidates) > TYPO_CANDIDATES:
                    return  # the query is too common to tell a typo from a different word
        cutoff = 100.0 * (1 - allowed / len(query)) - 0.5
        choices = [self._folded_list[index].jamo for index in candidates]
        scored = process.extract(
            query,
            choices,
            scorer=fuzz.partial_ratio,
            processor=None,
            score_cutoff=cutoff,
            limit=limit,
        )
        for jamo, _, position in scored:
            index = candidates[position]
            alignment = fuzz.partial_ratio_alignment(query, jamo, score_cutoff=cutoff)
            if alignment is None or alignment.dest_end <= alignment.dest_start:
                continue
            runs = ((alignment.dest_start, alignment.dest_end),)
            offer(index, (Tier.TYPO, int(100 - alignment.score), "jamo", runs))

    def _match_answers(
        self,
        parsed: _Query,
        exclude: set[int],
        room: int,
        recency: Mapping[QuestionKey, float] | None,
    ) -> list[Hit]:
        """Questions whose answer holds every word of the query (plain substring).

        The longest word leads (likely the rarest); the others are looked for only in
        the answers that hold it, in place, without copying them.
        """
        first = max(parsed.words, key=len)
        others = [word for word in parsed.words if word is not first]
        answers = self._answers
        text = answers.text
        found: list[tuple[int, int]] = []  # (where in the answer, index)
        position = text.find(first)
        while position != -1 and len(found) < ANSWER_CANDIDATES:
            index = answers.owner(position)
            begin, end = answers.starts[index], answers.next_start(index)
            if index not in exclude and all(text.find(word, begin, end) != -1 for word in others):
                lead = text.find(parsed.words[0], begin, end)  # the snippet shows the first word
                found.append((lead - begin, index))
            position = text.find(first, end)

        def rank(item: tuple[int, int]) -> tuple[int, int, float, int]:
            where, index = item
            doc = self._docs[index]
            recent = -recency.get(doc.key, 0.0) if recency else 0.0
            return (where, len(doc.title), recent, index)

        return [
            self._answer_hit(index, where, parsed.words[0])
            for where, index in heapq.nsmallest(room, found, key=rank)
        ]

    def _answer_hit(self, index: int, where: int, word: str) -> Hit:
        answer = normalize(self._docs[index].answer)
        start = max(0, where - 20)
        snippet = " ".join(answer[start : where + 60].split())
        lead = snippet.lower().find(word)
        spans = ((lead, lead + len(word)),) if lead >= 0 else ()
        return Hit(self._docs[index], Tier.ANSWER, spans, where, snippet)


def _char_end(title: str, start: int) -> int:
    """Where the character at `start` ends: one code point, or a whole NFD syllable."""
    end = start + 1
    while end < len(title) and (
        unicodedata.combining(title[end]) or "\u1160" <= title[end] <= "\u11ff"  # NFD vowel, final
    ):
        end += 1
    return end


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
