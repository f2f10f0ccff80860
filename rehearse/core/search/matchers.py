"""The matchers: each finds, in every segment, the questions one reading matches one way.

They offer what they find to `Found`, which keeps each question's best match;
ranking.py turns the best into hits. Positions are offsets into a segment's
joined strings unless said otherwise; runs offered are offsets into one title.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from rehearse.core import hangul
from rehearse.core.search.model import SearchDoc, Tier
from rehearse.core.search.query import Reading, unit_pattern
from rehearse.core.search.ranking import Found
from rehearse.core.search.segment import Segment, first_matches, unpack

HEAD_BUDGET = 1000  # word starts looked at before scanning every title instead
TYPO_CANDIDATES = 1000  # more titles than this share a piece of the query: no typo pass
SLIPPED_AT_LEAST = 4  # consonants in a 초성 query before one of them may be wrong
SLIPPED_WORD = 3  # consonants in the word that holds the wrong one
ANSWER_CANDIDATES = 200  # answers holding the words, ranked before the best are shown
ANSWERS_BEFORE_CHECKING = 200  # answers with the first word but not the others, then a check
INSIDE_A_WORD = 1000  # added to the position of a 초성 match that starts inside a word

Among = dict[int, list[int]] | None  # candidates by segment base, from the previous keystroke


class Scope:
    """The segments one search looks at, and how a global slot finds its segment."""

    def __init__(self, segments: Sequence[Segment]) -> None:
        self.segments = sorted(segments, key=lambda segment: segment.base)
        self._bases = [segment.base for segment in self.segments]

    def locate(self, slot: int) -> tuple[Segment, int]:
        segment = self.segments[bisect_right(self._bases, slot) - 1]
        return segment, slot - segment.base

    def doc(self, slot: int) -> SearchDoc:
        segment, local = self.locate(slot)
        return segment.docs[local]


def _ends_a_word(segment: Segment, end: int, stop: int) -> bool:
    """Whether a match ending at `end` (the title ends at `stop`) ends a Latin word: what
    follows starts another word, or is no Latin letter or digit (Kafka란 ends at `a`)."""
    if end >= stop or segment.is_word_start(end):
        return True
    char = segment.titles.text[end]
    return not (char.isascii() and char.isalnum())


def title_tier(
    segment: Segment, local: int, start: int, end: int, reading: Reading
) -> tuple[Tier, int] | None:
    """The tier and position of a match [start, end) in title `local`; None if a reading
    that only counts at word starts (or a whole Latin name) matched elsewhere."""
    begin, stop = segment.title_bounds(local)
    text = segment.titles.text
    word_start = segment.is_word_start(start)
    if reading.strict and not word_start:
        return None
    if reading.ends_word and not _ends_a_word(segment, end, stop):
        return None
    offset = start - begin
    if reading.uses_initials:
        return Tier.INITIALS, offset if word_start else offset + INSIDE_A_WORD
    lead = begin  # the first word: brackets and emoji before it do not count (`[TCP] ...`)
    while lead < stop and not text[lead].isalnum():
        lead += 1
    if start <= lead:
        tail = stop
        while tail > lead and not text[tail - 1].isalnum():
            tail -= 1
        return (Tier.EXACT if end >= tail else Tier.PREFIX), 0
    return (Tier.SUBSTRING if word_start else Tier.INSIDE), offset


@lru_cache(maxsize=256)
def _head_regex(head: str) -> re.Pattern[str]:
    return re.compile(head)


def _head_chars(segment: Segment, reading: Reading) -> list[str]:
    """The first characters of the word starts where `reading` may match."""
    first = reading.compact[0]
    if reading.literal_first:
        return [first]
    if hangul.is_initial(first):
        return [*segment.heads_by_initial.get(first, ()), first]
    if len(reading.compact) == 1 and hangul.is_syllable(first):  # 슾 may be 스 + ㅍ...
        head, _ = unit_pattern(first, last=True)
        pattern = _head_regex(head)
        chars = segment.heads_by_initial.get(hangul.initial_of(first), ())
        found = [char for char in chars if pattern.fullmatch(char)]
        opened = hangul.open_head(first)
        return found if opened in found else [*found, opened]
    return [first]


def match_heads(
    scope: Scope, reading: Reading, index: int, found: Found, limit: int
) -> tuple[int, bool]:
    """Matches at word starts, best first, found through their first character.

    Stops once `limit` are found (keeping ties), or after HEAD_BUDGET places when
    the first character is common but the query is not. Returns how many matched
    and whether the budget ran out (so that a scan of every title must follow).
    """
    lists = [
        places
        for segment in scope.segments
        for char in _head_chars(segment, reading)
        if (places := segment.heads.get(char))
    ]
    match_at = reading.pattern.match
    count = 0
    cutoff: tuple[int, int] | None = None
    for walked, place in enumerate(heapq.merge(*lists)):
        start, length, slot = unpack(place)
        if cutoff is not None and (start, length) > cutoff:
            break  # the rest rank lower; ties with the last one kept are all offered
        if walked == HEAD_BUDGET:
            return count, True
        segment, local = scope.locate(slot)
        if not segment.alive[local]:
            continue
        position = segment.titles.starts[local] + start
        match = match_at(segment.titles.text, position)
        if match is None:
            continue
        tier = title_tier(segment, local, position, match.end(), reading)
        if tier is None:
            continue
        found.offer(slot, *tier, index, "title", ((start, start + match.end() - position),))
        count += 1
        if count == limit:
            cutoff = (start, length)
    return count, False


def match_whole(scope: Scope, reading: Reading, index: int, found: Found, among: Among) -> None:
    for segment in scope.segments:
        subset = None if among is None else among.get(segment.base, [])
        starts = segment.titles.starts
        for local, start, end in segment.titles.first_matches(
            reading.pattern, segment.alive, subset
        ):
            tier = title_tier(segment, local, start, end, reading)
            if tier is not None:
                begin = starts[local]
                found.offer(
                    segment.base + local, *tier, index, "title", ((start - begin, end - begin),)
                )


def match_word_starts(scope: Scope, reading: Reading, index: int, found: Found) -> None:
    """Every match at a word start, not only each title's first match: for the readings
    the user did not type, which count nowhere else."""
    find = reading.pattern.search
    for segment in scope.segments:
        text, starts = segment.titles.text, segment.titles.starts
        position = 0
        while (match := find(text, position)) is not None:
            start = match.start()
            local = bisect_right(starts, start) - 1
            tier = title_tier(segment, local, start, match.end(), reading)
            if tier is None or not segment.alive[local]:
                position = start + 1
                continue
            begin = starts[local]
            found.offer(
                segment.base + local, *tier, index, "title", ((start - begin, match.end() - begin),)
            )
            position = starts[local + 1]


def match_acronyms(scope: Scope, reading: Reading, index: int, found: Found, among: Among) -> None:
    """`oop` -> Object Oriented Programming: the query is the first letters of words."""
    pattern = re.compile(re.escape(reading.compact))
    for segment in scope.segments:
        subset = None if among is None else among.get(segment.base, [])
        starts = segment.acronyms.starts
        for local, start, end in segment.acronyms.first_matches(pattern, segment.alive, subset):
            offset = start - starts[local]
            # From the first word it beats a match elsewhere; from a later one it does not.
            tier, position = (Tier.SUBSEQUENCE, 0) if offset == 0 else (Tier.SUBSTRING, 500)
            found.offer(
                segment.base + local,
                tier,
                position + offset,
                index,
                "acronym",
                ((offset, offset + end - start),),
            )


def match_words(scope: Scope, reading: Reading, index: int, found: Found, among: Among) -> None:
    """Every word somewhere in the title, in any order (`queue message`)."""
    initials = any(word.initials for word in reading.word_patterns)
    tier = Tier.INITIALS if initials else Tier.ALL_WORDS
    # The longest word first: likely the rarest, it leaves the others few titles to look in.
    by_length = sorted(reading.word_patterns, key=lambda word: -len(hangul.to_jamo(word.text)))
    for segment in scope.segments:
        runs: dict[int, list[tuple[int, int]]] | None = None
        subset = None if among is None else among.get(segment.base, [])
        starts = segment.titles.starts
        for word in by_length:
            matched: dict[int, list[tuple[int, int]]] = {}
            if runs is None:
                matches = segment.titles.first_matches(word.pattern, segment.alive, subset)
            else:  # only where the words before matched, one title at a time
                matches = segment.titles.first_matches(
                    word.pattern, segment.alive, list(runs), narrow_limit=len(runs)
                )
            for local, start, end in matches:
                if reading.strict and not segment.is_word_start(start):
                    continue
                if word.ends_word and not _ends_a_word(segment, end, starts[local + 1] - 1):
                    continue
                begin = starts[local]
                matched[local] = [*(runs or {}).get(local, []), (start - begin, end - begin)]
            runs = matched
            if not runs:
                break
        for local, spans in (runs or {}).items():
            position = min(start for start, _ in spans)
            found.offer(segment.base + local, tier, position, index, "title", tuple(spans))


def match_typos(scope: Scope, reading: Reading, index: int, found: Found, limit: int) -> None:
    """One jamo wrong (two in long queries): `데이타` -> 데이터.

    By the pigeonhole principle a query cut into (typos + 1) pieces keeps one
    piece intact in its target, so a regex for the pieces picks the few
    candidates that rapidfuzz then scores.
    """
    query = reading.jamo
    allowed = 1 if len(query) < 10 else 2
    size = len(query) // (allowed + 1)
    if size < 2:
        return  # pieces this short are in nearly every title: no typo matching
    pieces = {query[i * size : (i + 1) * size] for i in range(allowed + 1)}
    prefilter = re.compile("|".join(re.escape(piece) for piece in sorted(pieces)))
    shortest = len(query) - allowed
    slots: list[int] = []
    choices: list[str] = []
    for segment in scope.segments:
        # Latin pieces are the same in the titles, which are shorter than their jamo.
        scanned = segment.titles if query.isascii() else segment.jamo
        for local, _, _ in scanned.first_matches(prefilter, segment.alive):
            jamo = segment.jamo.part(local)
            if len(jamo) >= shortest:
                slots.append(segment.base + local)
                choices.append(jamo)
                if len(slots) > TYPO_CANDIDATES:
                    return  # the query is too common to tell a typo from a different word
    cutoff = 100.0 * (1 - allowed / len(query)) - 0.5
    scored = process.extract(
        query, choices, scorer=fuzz.partial_ratio, processor=None, score_cutoff=cutoff, limit=limit
    )
    for jamo, _, position in scored:
        alignment = fuzz.partial_ratio_alignment(query, jamo, score_cutoff=cutoff)
        if alignment is None or alignment.dest_end <= alignment.dest_start:
            continue
        runs = ((alignment.dest_start, alignment.dest_end),)
        found.offer(slots[position], Tier.TYPO, int(100 - alignment.score), index, "jamo", runs)


@lru_cache(maxsize=64)
def _slipped(word: str) -> re.Pattern[str]:
    """`word` (초성) with any one consonant in place of each of its own, in turn."""
    return re.compile(
        "|".join(
            f"{re.escape(word[:i])}[ㄱ-ㅎ]{re.escape(word[i + 1 :])}" for i in range(len(word))
        )
    )


def match_slipped(scope: Scope, reading: Reading, index: int, found: Found) -> None:
    """A 초성 query of four or more consonants with one of them wrong: `ㄱㅈㅅ ㅊㅇㅈ`
    finds 경쟁사와의 차별점 (차별점 is ㅊㅂㅈ). The other words must match exactly."""
    words = reading.words
    if not reading.initials_only or len(reading.compact) < SLIPPED_AT_LEAST:
        return
    for segment in scope.segments:
        initials, starts, alive = segment.initials, segment.titles.starts, segment.alive
        for slipped, word in enumerate(words):
            if len(word) < SLIPPED_WORD:
                continue  # with one of two consonants wrong, nearly every title would match
            others = [_literal(other) for number, other in enumerate(words) if number != slipped]
            for local, start, end in first_matches(initials, starts, _slipped(word), alive):
                if initials[start:end] == word:
                    continue  # matched as 초성 already
                begin, stop = starts[local], starts[local + 1] - 1
                runs = [(start - begin, end - begin)]
                for other in others:
                    match = other.search(initials, begin, stop)
                    if match is None:
                        break
                    runs.append((match.start() - begin, match.end() - begin))
                else:
                    position = min(first for first, _ in runs)
                    slot = segment.base + local
                    found.offer(slot, Tier.SLIPPED, position, index, "title", tuple(runs))


@lru_cache(maxsize=64)
def _literal(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text))


def match_answers(
    scope: Scope, reading: Reading, index: int, exclude: set[int]
) -> list[tuple[int, int, int]]:
    """Questions whose answer holds every word of the reading (plain substring):
    (where in the answer the first word is, slot, reading).

    The longest word leads (likely the rarest); the others are looked for only in
    the answers that hold it, in place, without copying them.
    """
    words = reading.words
    first = max(words, key=lambda word: (len(hangul.to_jamo(word)), not word.isascii()))
    others = [word for word in words if word is not first]
    found: list[tuple[int, int, int]] = []
    for segment in scope.segments:
        text, starts = segment.answers.text, segment.answers.starts
        position = text.find(first)
        examined = 0
        while position != -1 and len(found) < ANSWER_CANDIDATES:
            local = bisect_right(starts, position) - 1
            begin, end = starts[local], starts[local + 1] - 1
            slot = segment.base + local
            if (
                segment.alive[local]
                and slot not in exclude
                and all(text.find(word, begin, end) != -1 for word in others)
            ):
                found.append((text.find(words[0], begin, end) - begin, slot, index))
            examined += 1
            # A common first word: make sure the others are anywhere at all.
            if (
                examined == ANSWERS_BEFORE_CHECKING
                and not found
                and any(text.find(word) == -1 for word in others)
            ):
                break
            position = text.find(first, end)
    return found
