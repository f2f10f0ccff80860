"""Near misses: one jamo wrong (a typo), one 초성 consonant wrong (a slip).

They run only when what was typed found few titles, and rank below every exact
match of their kind (see index.py and model.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process

from rehearse.core.search.folding import fold
from rehearse.core.search.matchers import Scope, literal
from rehearse.core.search.model import Tier
from rehearse.core.search.query import Reading
from rehearse.core.search.ranking import Found
from rehearse.core.search.segment import NARROW_LIMIT, Segment, first_matches

TYPO_CANDIDATES = 1000  # more titles than this share a piece of the query: no typo pass
SLIPPED_AT_LEAST = 4  # consonants in a 초성 query before one of them may be wrong
SLIPPED_WORD = 3  # consonants in the word that holds the wrong one
SLIPPED_AMONG = 1500  # titles holding the other words, looked at one by one at most
SLIPPED_LONGEST = 12  # consonants in the word that holds the slip, at most


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
    pieces = sorted({query[i * size : (i + 1) * size] for i in range(allowed + 1)})
    # Latin pieces are the same in the titles, which are shorter than their jamo.
    scanned = [segment.titles if query.isascii() else segment.jamo for segment in scope.segments]
    if sum(joined.text.count(piece) for joined in scanned for piece in pieces) > TYPO_CANDIDATES:
        return  # the query is too common to tell a typo from a different word
    shortest = len(query) - allowed
    slots: list[int] = []
    choices: list[str] = []
    for segment, joined in zip(scope.segments, scanned, strict=True):
        parts: set[int] = set()
        for piece in pieces:  # one literal at a time: far quicker to scan for than `a|b|c`
            parts.update(
                local for local, _, _ in joined.first_matches(literal(piece), segment.alive)
            )
        for local in sorted(parts):
            jamo = segment.jamo.part(local)
            if len(jamo) >= shortest:
                slots.append(segment.base + local)
                choices.append(jamo)
    cutoff = 100.0 * (1 - allowed / len(query)) - 0.5
    scored = process.extract(
        query, choices, scorer=fuzz.partial_ratio, processor=None, score_cutoff=cutoff, limit=limit
    )
    for jamo, _, position in scored:
        alignment = fuzz.partial_ratio_alignment(query, jamo, score_cutoff=cutoff)
        if alignment is None or alignment.dest_end <= alignment.dest_start:
            continue
        if query.isascii() and not _starts_a_word(scope, slots[position], alignment.dest_start):
            continue  # `redis` is no typo of the `reads` inside `threads`
        runs = ((alignment.dest_start, alignment.dest_end),)
        found.offer(slots[position], Tier.TYPO, int(100 - alignment.score), index, "jamo", runs)


def _starts_a_word(scope: Scope, slot: int, jamo_index: int) -> bool:
    """Whether the title's jamo at `jamo_index` begin a word (Latin words have clear ends;
    a Korean word may be part of a compound)."""
    title = scope.doc(slot).title
    index = fold(title).jamo_origin[jamo_index]
    if index == 0 or title[index - 1].isspace():
        return True
    return not (title[index].isalnum() and title[index - 1].isalnum())


@lru_cache(maxsize=64)
def _slipped(word: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """`word` (초성) with any one consonant in place of one of its own: as two patterns that
    each start with a literal, which is scanned for far faster than a character class. The
    first has the first consonant wrong and matches from the second on."""
    rest = "|".join(
        f"{re.escape(word[1:i])}[ㄱ-ㅎ]{re.escape(word[i + 1 :])}" for i in range(1, len(word))
    )
    return re.compile(f"(?<=[ㄱ-ㅎ]){re.escape(word[1:])}"), re.compile(
        f"{re.escape(word[0])}(?:{rest})"
    )


def _slips(segment: Segment, word: str, among: Sequence[int] | None) -> list[tuple[int, int, int]]:
    """Where `word` stands in the titles' 초성 with one consonant wrong: the first place in
    each title (as first_matches gives them)."""
    initials, starts, alive = segment.initials, segment.titles.starts, segment.alive
    first_wrong, other_wrong = _slipped(word)
    found: dict[int, tuple[int, int]] = {}
    limit = NARROW_LIMIT if among is None else len(among)  # few beside a full scan's matches
    for local, start, end in first_matches(initials, starts, first_wrong, alive, among, limit):
        found[local] = (start - 1, end)
    for local, start, end in first_matches(initials, starts, other_wrong, alive, among, limit):
        if local not in found or start < found[local][0]:
            found[local] = (start, end)
    return [
        (local, start, end)
        for local, (start, end) in sorted(found.items())
        if start >= starts[local] and initials[start:end] != word  # exact: 초성 already
    ]


def match_slipped(scope: Scope, reading: Reading, index: int, found: Found) -> None:
    """A 초성 query of four or more consonants with one of them wrong: `ㄱㅈㅅ ㅊㅇㅈ`
    finds 경쟁사와의 차별점 (차별점 is ㅊㅂㅈ). The other words must match exactly."""
    words = reading.words
    if not reading.initials_only or len(reading.compact) < SLIPPED_AT_LEAST:
        return
    for segment in scope.segments:
        for slipped, word in enumerate(words):
            rest = [other for number, other in enumerate(words) if number != slipped]
            for local, runs in _slipped_titles(segment, word, rest):
                position = min(start for start, _ in runs)
                slot = segment.base + local
                found.offer(slot, Tier.SLIPPED, position, index, "title", runs)


def _slipped_titles(
    segment: Segment, word: str, rest: Sequence[str]
) -> Iterator[tuple[int, tuple[tuple[int, int], ...]]]:
    """Titles where `word` stands with one consonant wrong and every word of `rest` as it
    is, with the runs of each in the title."""
    if not SLIPPED_WORD <= len(word) <= SLIPPED_LONGEST:
        return  # with one of two consonants wrong nearly every title would match; and a
        # pattern of n alternatives of n consonants each costs n² to build
    anchor = max(rest, key=len) if rest else ""
    if len(word) < SLIPPED_AT_LEAST and len(anchor) < 2:
        return  # three consonants, one wrong, and nothing else to hold on to
    initials, starts = segment.initials, segment.titles.starts
    among: list[int] | None = None
    if len(anchor) > 1:  # only where the longest other word is
        found_anchor = first_matches(initials, starts, literal(anchor), segment.alive)
        among = [local for local, _, _ in found_anchor]
        if not among or len(among) > SLIPPED_AMONG:
            return  # nowhere, or in too many titles to tell a slip from chance
    others = [literal(other) for other in rest]
    for local, start, end in _slips(segment, word, among):
        begin, stop = starts[local], starts[local + 1] - 1
        matches = [other.search(initials, begin, stop) for other in others]
        if all(matches):
            runs = [(start, end)] + [(m.start(), m.end()) for m in matches if m is not None]
            yield local, tuple((first - begin, last - begin) for first, last in runs)
