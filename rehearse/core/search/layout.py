"""The query as typed on the other keyboard layout (한/영): as a whole, and word by word.

A whole query typed in the wrong mode (`wkrlthro`) is read on the other layout as a
whole. Korean notes mix English words into Korean sentences, so a query mixes them
too: `docker vkdlf` is docker 파일, `Redisrk` (typed wholly in English mode) is
Redis가. Word by word, a word that the notes or the glossary know stays as typed,
and the others are read on the other layout; a Latin word the notes know may lead
a word or end it (Redis가, 카산드라DB).
"""

from __future__ import annotations

from collections.abc import Callable

from rehearse.core import keyboard
from rehearse.core.search.folding import fold_query

# Whether folded text stands in the notes' titles at a word start: as a whole word
# (True), or as the start of one (False), or is a glossary name.
Known = Callable[[str, bool], bool]
SPLIT_FROM = 2  # characters of a known Latin part before a word is split around it


def other_layouts(raw: str, known: Known | None) -> list[str]:
    """The folded readings of `raw` on the other layout: the whole query converted, then,
    when `known` is given and it differs, the query read word by word."""
    found: list[str] = []
    if keyboard.has_latin_letters(raw):
        as_hangul = keyboard.to_hangul(raw)
        if keyboard.is_plausible_hangul(as_hangul):
            found.append(fold_query(as_hangul))
    if keyboard.has_hangul_keys(raw):
        found.append(fold_query(keyboard.to_latin(raw)))
    if known is not None:
        words = raw.split()
        mixed = " ".join(_word(word, known) for word in words)
        if mixed != fold_query(" ".join(words)) and mixed not in found:
            found.append(mixed)
    return found


def _word(word: str, known: Known) -> str:
    """One word of the query, folded: as typed, or read on the other layout."""
    folded = fold_query(word)
    if keyboard.has_hangul_keys(word):
        if keyboard.has_latin_letters(word):
            return folded  # both scripts typed on purpose
        latin = fold_query(keyboard.to_latin(word))
        return latin if not known(folded, False) and known(latin, True) else folded
    if not keyboard.has_latin_letters(word) or known(folded, True):
        return folded
    whole = keyboard.to_hangul(word)
    plausible = keyboard.is_plausible_hangul(whole)
    if plausible and known(fold_query(whole), False):
        return fold_query(whole)
    split = _split(word, known)
    if split is not None:
        return split
    return fold_query(whole) if plausible else folded


def _split(word: str, known: Known) -> str | None:
    """A known Latin part and Hangul typed in English mode around it: `Redisrk` is
    redis가, `zktksemfkDB` 카산드라db. The longest known part wins."""
    for size in range(len(word) - 1, SPLIT_FROM - 1, -1):
        head, rest = word[:size], word[size:]
        rest_hangul = keyboard.to_hangul(rest)
        if keyboard.is_plausible_hangul(rest_hangul) and known(fold_query(head), True):
            return fold_query(head) + fold_query(rest_hangul)
        start, tail = word[:-size], word[-size:]
        start_hangul = keyboard.to_hangul(start)
        if keyboard.is_plausible_hangul(start_hangul) and known(fold_query(tail), True):
            return fold_query(start_hangul) + fold_query(tail)
    return None
