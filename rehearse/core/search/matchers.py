"""The matchers: each finds, in every segment, the questions one reading matches one way.

They offer what they find to `Found`, which keeps each question's best match;
ranking.py turns the best into hits. Positions are offsets into a segment's
joined strings unless said otherwise; runs offered are offsets into one title.
"""

from __future__ import annotations

import heapq
import itertools
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache, partial

from rehearse.core import hangul
from rehearse.core.search import boundaries
from rehearse.core.search.model import SearchDoc, Tier
from rehearse.core.search.query import SEPARATOR, AnswerWord, Reading, WordPattern, unit_pattern
from rehearse.core.search.ranking import Found
from rehearse.core.search.segment import NARROW_LIMIT, Segment, first_matches, unpack
from rehearse.core.search.terms import Names

HEAD_BUDGET = 1000  # word starts looked at before scanning every title instead
WORD_START_SCAN_BUDGET = 3000  # matches looked at by a scan for word starts only
ANSWER_CANDIDATES = 200  # answers holding the words, ranked before the best are shown
ANSWERS_BEFORE_CHECKING = 200  # answers with the first word but not the others, then a check
RARE_JAMO = 3  # a word typed with this many jamo is likely rarer than a term's names
INSIDE_A_WORD = 1000  # added to the position of a 초성 match that starts inside a word
PAST_A_NAME = 1000  # added for a longer name that a name typed begins: the name typed first
KNOWN_BUDGET = 64  # places a word is looked at before it is taken as unknown to the notes

Among = dict[int, list[int]] | None  # candidates by segment base, from the previous keystroke
# Where in the answer, slot, reading, and [start, end) in the answer of each of its words.
AnswerMatch = tuple[int, int, int, tuple[tuple[int, int], ...]]


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
    return boundaries.ends_a_word(segment.titles.text, end, stop, segment.is_word_start)


def _ends_a_name(segment: Segment, end: int, stop: int, names: Names) -> bool:
    text, word_start = segment.titles.text, segment.is_word_start
    return boundaries.name_ends(text, end, stop, word_start, names.longer_keys)


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
    if reading.name_end is not None and not _ends_a_name(segment, end, stop, reading.name_end):
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
        # A name reached only as the start of a longer one (`thread` of thread pool) is
        # a prefix typed, however much of the title that name covers.
        exact = end >= tail and not reading.completion
        return (Tier.EXACT if exact else Tier.PREFIX), PAST_A_NAME * reading.past_a_name
    return (
        Tier.SUBSTRING if word_start else Tier.INSIDE
    ), offset + PAST_A_NAME * reading.past_a_name


def stands_in(segment: Segment, text: str, whole: bool) -> bool:
    """Whether folded `text` stands at a word start of a living title: as a whole word (a
    Latin one must end there), or as the start of one. Looks at a few places at most."""
    titles = segment.titles.text
    position = titles.find(text)
    for _ in range(KNOWN_BUDGET):
        if position == -1:
            return False
        end = position + len(text)
        if (
            segment.is_word_start(position)
            and segment.alive[segment.titles.owner(position)]
            and (not whole or _ends_a_word(segment, end, len(titles)))
        ):
            return True
        position = titles.find(text, position + 1)
    return False


@lru_cache(maxsize=256)
def _head_regex(head: str) -> re.Pattern[str]:
    return re.compile(head)


def _head_chars(segment: Segment, reading: Reading) -> list[str]:
    """The first characters of the word starts where `reading` may match."""
    first = reading.compact[0]
    if reading.heads is not None:  # led by a term's names
        return list(reading.heads)
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


def scan(
    segment: Segment,
    pattern: re.Pattern[str],
    on_initials: re.Pattern[str] | None,
    among: Sequence[int] | None,
    narrow_limit: int = NARROW_LIMIT,
) -> Iterator[tuple[int, int, int]]:
    """First matches in the titles, found through their 초성 when the pattern is all 초성."""
    if on_initials is not None:
        starts, alive = segment.titles.starts, segment.alive
        return first_matches(segment.initials, starts, on_initials, alive, among, narrow_limit)
    return segment.titles.first_matches(pattern, segment.alive, among, narrow_limit)


def match_whole(scope: Scope, reading: Reading, index: int, found: Found, among: Among) -> None:
    for segment in scope.segments:
        subset = None if among is None else among.get(segment.base, [])
        starts = segment.titles.starts
        for local, start, end in scan(segment, reading.pattern, reading.on_initials, subset):
            tier = title_tier(segment, local, start, end, reading)
            if tier is not None:
                begin = starts[local]
                found.offer(
                    segment.base + local, *tier, index, "title", ((start - begin, end - begin),)
                )


def match_word_starts(scope: Scope, reading: Reading, index: int, found: Found) -> None:
    """Every match at a word start, not only each title's first match: for the readings
    the user did not type, which count nowhere else."""
    budget = WORD_START_SCAN_BUDGET
    for segment, branch in itertools.product(scope.segments, reading.branches):
        find = branch.search
        text, starts = segment.titles.text, segment.titles.starts
        position = 0
        while budget and (match := find(text, position)) is not None:
            budget -= 1
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
    by_length = sorted(reading.word_patterns, key=_scan_order)
    for segment in scope.segments:
        runs: dict[int, list[tuple[int, int]]] | None = None
        subset = None if among is None else among.get(segment.base, [])
        starts = segment.titles.starts
        for word in by_length:
            matched: dict[int, list[tuple[int, int]]] = {}
            if runs is None:
                key = (segment.base, word.text, id(subset))
                look = partial(scan, segment, word.pattern, word.on_initials, subset)
                matches: Iterable[tuple[int, int, int]] = found.remember(key, look)
            else:  # only where the words before matched, one title at a time
                matches = scan(segment, word.pattern, word.on_initials, list(runs), len(runs))
            for local, start, end in matches:
                if reading.strict and not segment.is_word_start(start):
                    continue
                names, stop = word.name_end, starts[local + 1] - 1
                if names is not None and not _ends_a_name(segment, end, stop, names):
                    continue
                begin = starts[local]
                matched[local] = [*(runs or {}).get(local, []), (start - begin, end - begin)]
            runs = matched
            if not runs:
                break
        for local, spans in (runs or {}).items():
            position = min(start for start, _ in spans)
            found.offer(segment.base + local, tier, position, index, "title", tuple(spans))


def _scan_order(word: WordPattern) -> tuple[int, int]:
    """The word scanned for first, to leave the others few titles to look in: a long one
    typed (likely the rarest, and a quick scan), then a term's names (rare, slower to scan
    for), then what is too short to be rare."""
    size = len(hangul.to_jamo(word.text))
    kind = 1 if word.names else (0 if size >= RARE_JAMO else 2)
    return kind, -size


@lru_cache(maxsize=64)
def literal(text: str) -> re.Pattern[str]:
    return re.compile(re.escape(text))


def match_answers(
    scope: Scope, reading: Reading, index: int, exclude: set[int]
) -> list[AnswerMatch]:
    """Questions whose answer holds every word of the reading (plain substring; a glossary
    name by any of its spellings, as a word of its own): (where in the answer the first
    word is, slot, reading, where each word is).

    The word whose spellings are longest leads (likely the rarest); the others are looked
    for only in the answers that hold it, in place, without copying them.
    """
    words = reading.answer_words
    first = max(words, key=lambda word: (min(map(_rarity, word.spellings)), not word.whole))
    others = [word for word in words if word is not first]
    found: list[AnswerMatch] = []
    for segment in scope.segments:
        text, starts = segment.answers.text, segment.answers.starts
        for examined, position in enumerate(_answer_places(text, first), start=1):
            if len(found) >= ANSWER_CANDIDATES:
                break
            local = bisect_right(starts, position) - 1
            begin, end = starts[local], starts[local + 1] - 1
            slot = segment.base + local
            if (
                segment.alive[local]
                and slot not in exclude
                and all(_in_answer(text, word, begin, end) is not None for word in others)
            ):
                places = [_in_answer(text, word, begin, end) or (position, "") for word in words]
                runs = tuple((at - begin, at - begin + len(spelling)) for at, spelling in places)
                found.append((runs[0][0], slot, index, runs))
            # A common first word: make sure the others are anywhere at all.
            if (
                examined == ANSWERS_BEFORE_CHECKING
                and not found
                and any(_in_answer(text, word, 0, len(text)) is None for word in others)
            ):
                break
    return found


def _rarity(spelling: str) -> tuple[int, bool]:
    return len(hangul.to_jamo(spelling)), not spelling.isascii()


def _answer_places(text: str, word: AnswerWord) -> Iterator[int]:
    """Where `word` first stands in each answer of `text` (answers joined), in order."""
    upcoming = {spelling: _find(text, spelling, 0, word) for spelling in word.spellings}
    while True:
        places = [place for place in upcoming.values() if place != -1]
        if not places:
            return
        position = min(places)
        yield position
        end = text.find(SEPARATOR, position)
        end = len(text) if end == -1 else end
        for spelling, place in upcoming.items():
            if place != -1 and place < end:  # on to the next answer
                upcoming[spelling] = _find(text, spelling, end, word)


def _find(text: str, spelling: str, start: int, word: AnswerWord, end: int | None = None) -> int:
    """text.find; a spelling of a glossary name (`word.whole`) only as a word of its own."""
    stop = len(text) if end is None else end
    position = text.find(spelling, start, stop)
    while position != -1 and word.whole and not _stands_alone(text, position, spelling, word):
        position = text.find(spelling, position + 1, stop)
    return position


def _in_answer(text: str, word: AnswerWord, begin: int, end: int) -> tuple[int, str] | None:
    """The first place in text[begin:end] where `word` stands, and the spelling there."""
    best: tuple[int, str] | None = None
    for spelling in word.spellings:
        position = _find(text, spelling, begin, word, end)
        if position != -1 and (best is None or position < best[0]):
            best = (position, spelling)
    return best


def _stands_alone(text: str, start: int, spelling: str, word: AnswerWord) -> bool:
    """A name must not start or end inside a word (`js` in `json`, 자바 in 자바스크립트); a
    Korean one may take its particles (카프카의)."""
    end = start + len(spelling)
    return boundaries.starts_a_word(text, start) and boundaries.name_ends(
        text, end, len(text), _no_word_start, word.longer
    )


def _no_word_start(_: int) -> bool:
    return False  # answer text keeps its spaces: a word ends where its letters do
