"""The glossary's terms in a query: which runs of it name a term, and the query with a term's
other names in their place.

Bounded work whatever the query: a run of the query is looked up only while it is
no longer than the glossary's longest name, a name still being typed only at the
end, and the sets of terms replaced are built fewest first, stopping at the cap,
never all of them (a query of n terms has 2^n).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rehearse.core import hangul
from rehearse.core.glossary import Glossary, term_key
from rehearse.core.search.boundaries import is_particles
from rehearse.core.search.folding import normalize

COMPLETE_FROM = 4  # jamo typed before a name still being typed is completed
MAX_NAMES_IN_ANSWERS = 16  # spellings of one word looked for in answer text
_RUN = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]+|[^\uac00-\ud7a3\u3131-\u318e]+")


@dataclass(frozen=True, slots=True)
class Names:
    """The names that may stand where a term was typed."""

    shown: str  # the first of them, as the glossary writes it (lowered)
    keys: tuple[str, ...]  # folded, spaces removed: as titles are matched
    written: tuple[str, ...]  # lowered, spaces kept: as answer text is matched
    # Other terms' names that are one of these plus particles (none in the shipped
    # glossary): a word that is one of them is that term, not this one.
    longer_keys: tuple[str, ...] = ()
    longer_written: tuple[str, ...] = ()


# A character as typed (names None), or a term's other names, any of which may stand there.
Unit = tuple[str, Names | None]
Token = tuple[str, bool]  # a run of Hangul or of other characters, and whether a word starts


@dataclass(frozen=True, slots=True)
class Term:
    first: int  # tokens [first, end) name it
    end: int
    names: Names
    completion: bool = False  # the tokens only begin a name
    past_a_name: bool = False  # ... though they are a name already (`java` of JavaScript)


def tokens_of(text: str) -> list[Token]:
    return [
        (match.group(), number == 0)
        for word in text.split()
        for number, match in enumerate(_RUN.finditer(word))
    ]


def _term(
    glossary: Glossary,
    first: int,
    end: int,
    names: Sequence[str],
    completion: bool = False,
    past_a_name: bool = False,
) -> Term:
    keys = tuple(dict.fromkeys(term_key(name) for name in names))
    written = tuple(dict.fromkeys(normalize(name).lower() for name in names))
    longer = _longer(glossary, keys)
    longer_written = tuple(normalize(name).lower() for name in longer)
    found = Names(written[0], keys, written, tuple(map(term_key, longer)), longer_written)
    return Term(first, end, found, completion, past_a_name)


def _longer(glossary: Glossary, keys: Sequence[str]) -> list[str]:
    """The glossary's names, other than `keys`, that are one of the Korean `keys` followed
    by particles (자바로 for 자바, were it a name)."""
    found: list[str] = []
    for key in keys:
        if not hangul.is_syllable(key[-1]):
            continue
        for group in sorted(glossary.completions(hangul.to_jamo(key))):
            for name in glossary.groups[group]:
                other = term_key(name)
                rest = other[len(key) :]
                if other.startswith(key) and other not in keys and is_particles(rest):
                    found.append(name)
    return found


def terms(tokens: Sequence[Token], glossary: Glossary) -> list[Term]:
    """Every run of tokens that names a term, and the names the last tokens may be on the
    way to (`kube` -> Kubernetes, 쿠버네 -> k8s), in token order. More entries in the
    glossary only ever add terms or names: a search never loses a reading to them."""
    longest = glossary.longest_key
    found: list[Term] = []
    for first in range(len(tokens)):
        key = ""
        for end in range(first + 1, len(tokens) + 1):
            key += tokens[end - 1][0]
            if len(key) > longest:
                break
            group = glossary.group_of(key)
            if group is not None and (names := glossary.others(group, key)):
                found.append(_term(glossary, first, end, names))
        completion = _completion(tokens, first, glossary)
        if completion is not None:
            found.append(completion)
    return found


def _completion(tokens: Sequence[Token], first: int, glossary: Glossary) -> Term | None:
    """The names that tokens[first:] (the end of the query) may be on the way to."""
    if sum(len(text) for text, _ in tokens[first:]) > glossary.longest_key:
        return None
    typed = "".join(text for text, _ in tokens[first:])
    jamo = hangul.to_jamo(typed)
    if len(jamo) < COMPLETE_FROM:
        return None
    names = [
        name
        for group in sorted(glossary.completions(jamo))
        for name in glossary.groups[group]
        if not hangul.to_jamo(term_key(name)).startswith(jamo)
    ]
    if not names:
        return None
    named = glossary.group_of(typed) is not None
    return _term(glossary, first, len(tokens), names, completion=True, past_a_name=named)


def spread(found: Sequence[Term], cap: int) -> list[list[Term]]:
    """Sets of terms that do not overlap, fewest first (in token order among equals), at
    most `cap` of them: built size by size, a term taken only when a set of the size
    sought can start with it, so the work is bounded by what is kept."""
    count = len(found)
    # after[i]: the first term that may follow found[i] (terms come in token order).
    firsts = [term.first for term in found]
    after = [bisect_left(firsts, term.end) for term in found]
    most = [0] * (count + 1)  # the largest set among found[i:]
    leading = [0] * count  # the largest set that starts with found[i]
    for i in reversed(range(count)):
        leading[i] = 1 + most[after[i]]
        most[i] = max(most[i + 1], leading[i])
    kept: list[list[Term]] = []
    for size in range(1, most[0] + 1):
        for chosen in _sets(found, after, most, leading, size, 0):
            kept.append(chosen)
            if len(kept) == cap:
                return kept
    return kept


def _sets(
    found: Sequence[Term],
    after: Sequence[int],
    most: Sequence[int],
    leading: Sequence[int],
    size: int,
    start: int,
) -> Iterator[list[Term]]:
    """Sets of `size` terms that do not overlap from found[start:], in token order."""
    for number in range(start, len(found)):
        if most[number] < size:
            return  # too few terms are left to fill the set
        if leading[number] < size:
            continue
        if size == 1:
            yield [found[number]]
            continue
        for rest in _sets(found, after, most, leading, size - 1, after[number]):
            yield [found[number], *rest]


def substituted(tokens: Sequence[Token], chosen: Sequence[Term]) -> list[list[Unit]]:
    """The tokens as words of units, a term's names in place of its tokens."""
    replaced = {term.first: term for term in chosen}
    words: list[list[Unit]] = []
    index = 0
    while index < len(tokens):
        text, starts_word = tokens[index]
        if starts_word or not words:
            words.append([])
        term = replaced.get(index)
        if term is not None:
            words[-1].append((term.names.shown, term.names))
            index = term.end
            continue
        words[-1].extend((char, None) for char in text)
        index += 1
    return words


def answer_spellings(word: Sequence[Unit]) -> tuple[str, ...]:
    """Every way `word` may be written in answer text: each of its terms by any name (at
    most a few spellings in all)."""
    spellings = [""]
    for char, names in word:
        options = (char,) if names is None else names.written
        spellings = [done + option for done in spellings for option in options]
        spellings = spellings[:MAX_NAMES_IN_ANSWERS]
    return tuple(dict.fromkeys(spellings))
