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
        read = [_word(word, known, last=n == len(words) - 1) for n, word in enumerate(words)]
        mixed = " ".join(word for word in read if word is not None)
        if None not in read and mixed != fold_query(" ".join(words)) and mixed not in found:
            found.append(mixed)
    return found


def _word(word: str, known: Known, last: bool) -> str | None:
    """One word of the query, folded: as typed when the notes or the glossary know it, else
    read on the other layout; None when it is neither (the word-by-word reading is then
    no reading). The last word may still be being typed: it is read on the other layout
    even when the notes do not hold it (yet: 동ㅈ on the way to 동작)."""
    folded = fold_query(word)
    if not keyboard.has_latin_letters(word):
        if not keyboard.has_hangul_keys(word) or known(folded, False):
            return folded  # digits and symbols stay, and so does Hangul the notes hold
        latin = fold_query(keyboard.to_latin(word))
        return latin if known(latin, True) else None
    if keyboard.has_hangul_keys(word) or known(folded, True):
        return folded  # both scripts typed on purpose, or a word the notes hold
    hangul = fold_query(keyboard.to_hangul(word))
    plausible = keyboard.is_plausible_hangul(hangul)
    if plausible and known(hangul, False):
        return hangul
    split = _split(word, known)
    return hangul if split is None and plausible and last else split


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
