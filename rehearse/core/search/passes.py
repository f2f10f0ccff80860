"""The passes of one search: the query as typed, and each other reading of it."""

from __future__ import annotations

from rehearse.core.search import matchers
from rehearse.core.search.matchers import Among, Scope
from rehearse.core.search.model import Via
from rehearse.core.search.query import Reading
from rehearse.core.search.ranking import Found

SCAN_FROM = 4  # another reading this long is rare enough to scan for; shorter ones, looked up


def typed_pass(scope: Scope, reading: Reading, found: Found, limit: int, among: Among) -> Among:
    """The query as typed: word starts first, by lookup; when they fill the list, nothing
    inside a word could rank above them, and the scan of every title is skipped."""
    heads, _ = matchers.match_heads(scope, reading, 0, found, limit)
    complete = heads < limit
    view = among if complete else None
    if complete:
        matchers.match_whole(scope, reading, 0, found, view)
    if reading.latin and len(reading.compact) > 1:
        matchers.match_acronyms(scope, reading, 0, found, view)
    if reading.word_patterns:
        if len(found) < limit:  # a words-in-any-order hit ranks below all of the above
            matchers.match_words(scope, reading, 0, found, view)
        else:
            complete = False
    if not complete:
        return None
    narrowed: dict[int, list[int]] = {}
    for slot in sorted(found.best):
        segment, local = scope.locate(slot)
        narrowed.setdefault(segment.base, []).append(local)
    return narrowed


def other_pass(scope: Scope, reading: Reading, number: int, found: Found, limit: int) -> None:
    """Another reading (a synonym, the other layout) counts at word starts only. A long one
    that starts with what was typed is rare: scanned for. Others are looked up through the
    word starts, and scanned for only when there were too many to look at."""
    rare = len(reading.compact) >= SCAN_FROM and reading.heads is None  # names lead: not rare
    if rare or matchers.match_heads(scope, reading, number, found, limit)[1]:
        matchers.match_word_starts(scope, reading, number, found)
    if reading.via == Via.LAYOUT and reading.latin and len(reading.compact) > 1:
        matchers.match_acronyms(scope, reading, number, found, None)  # ㅐㅐㅔ is `oop`
    if reading.word_patterns and len(found) < limit:
        matchers.match_words(scope, reading, number, found, None)


def may_be_a_typo(reading: Reading) -> bool:
    """The query as typed, or read as Hangul (대드락 for 데드락); not 초성, which a typo
    pass would only fill with noise, nor Latin read from a Korean query."""
    if reading.initials_only:
        return False
    return reading.via == Via.TYPED or (reading.via == Via.LAYOUT and not reading.latin)
