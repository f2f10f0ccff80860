"""A query and its readings: as typed, with a term's other names, on the other keyboard layout.

Every reading becomes regular expressions over the folded titles (spaces
removed, so `1분 자기소개` finds `1분자기소개`): a lone consonant stands for any
syllable starting with it (초성), the last syllable for anything it may still
turn into while being typed. A name taken from the glossary is matched as
written, and only as a word of its own (boundaries.py: `js` must not find JSON,
자바 not 자바스크립트, though 카프카 finds 카프카의).

Reading a query costs what the query's length costs, whatever it holds: a query
longer than READ_LIMIT (a paste, not something typed to find a question) is
searched as typed only, and the readings through the glossary are capped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rehearse.core import hangul
from rehearse.core.glossary import Glossary
from rehearse.core.search import terms
from rehearse.core.search.folding import fold_query, normalize
from rehearse.core.search.layout import Known, other_layouts
from rehearse.core.search.model import Via
from rehearse.core.search.terms import Names, Unit

SEPARATOR = "\x00"  # joins titles in the index; never part of a query
READ_LIMIT = 100  # characters: a longer query is searched as typed, and only as typed
MAX_SYNONYM_READINGS = 16  # sets of terms replaced, per reading of the query
SYNONYM_WORDS = 48  # words in all those readings: a query of many words gets fewer of them


@dataclass(frozen=True, slots=True)
class AnswerWord:
    """One word of a reading as answer text may hold it."""

    spellings: tuple[str, ...]  # lowered, spaces kept: a term by any of its names
    whole: bool  # holds a glossary name: a spelling must stand as a word (particles taken)
    longer: tuple[str, ...]  # other terms' names that a word ending in its last name may be


@dataclass(frozen=True, slots=True)
class WordPattern:
    text: str
    pattern: re.Pattern[str]
    initials: bool  # uses 초성
    name_end: Names | None  # the names that may end it: such a match must end a word
    on_initials: re.Pattern[str] | None  # all 초성: the same places, as a literal in 초성 text
    names: bool  # holds a term's names: slower to scan for than what was typed


@dataclass(frozen=True)
class Reading:
    text: str  # what this reading searches for, as shown: "자기소개"
    via: Via
    compact: str  # spaces removed
    words: tuple[str, ...]
    pattern: re.Pattern[str]  # the whole reading, spaces removed
    branches: tuple[re.Pattern[str], ...]  # the same, one pattern for each name that leads it
    on_initials: re.Pattern[str] | None  # all 초성: the same places, as a literal in 초성 text
    word_patterns: tuple[WordPattern, ...]  # one per word, when there are several
    uses_initials: bool
    name_end: Names | None  # the names that may end it: such a match must end a word
    heads: tuple[str, ...] | None  # the first characters it can start with, if names lead it
    completion: bool  # a glossary name for a term still being typed (`kube` -> 쿠버네티스)
    past_a_name: bool  # ... though what was typed names a term already (`java` of JavaScript)
    jamo: str  # the compact reading as jamo, for typos
    typed: str  # the reading as jamo, spaces kept: a longer query typed after it extends it
    answer_words: tuple[AnswerWord, ...]  # each word once, as answer text may hold it
    literal: bool = False  # the query was too long to be read any other way than as typed

    @property
    def initials_only(self) -> bool:
        """A 초성 query such as ㅈㄱㅅㄱ: typo matching would only add noise."""
        return all(hangul.is_initial(char) for char in self.compact)

    @property
    def latin(self) -> bool:
        return self.compact.isascii()

    @property
    def strict(self) -> bool:
        """Readings the user did not type count only at word starts."""
        return self.via != Via.TYPED


def clean(query: str) -> str:
    return normalize(query.replace(SEPARATOR, " ").strip())


def typed_key(query: str) -> str:
    """The query as jamo, spaces kept: a query typed on from this one extends it."""
    return hangul.to_jamo(" ".join(fold_query(clean(query)).split()))


def readings(query: str, glossary: Glossary, known: Known | None = None) -> list[Reading]:
    """The query as typed first, then the other names of its terms, then the other layout
    (as a whole, and word by word when `known` tells which words the notes hold)."""
    raw = clean(query)
    if len(raw) > READ_LIMIT:
        literal = _reading(_words_of(fold_query(raw)), Via.TYPED, literal=True)
        return [] if literal is None else [literal]
    typed = _reading(_words_of(fold_query(raw)), Via.TYPED)
    if typed is None:
        return []
    found = [typed, *_synonyms(fold_query(raw), glossary, Via.SYNONYM)]
    for other in other_layouts(raw, known):
        reading = _reading(_words_of(other), Via.LAYOUT)
        if reading is not None and reading.compact != typed.compact:
            found.append(reading)
            found.extend(_synonyms(other, glossary, Via.LAYOUT_SYNONYM))
    return found


def _words_of(text: str) -> list[list[Unit]]:
    return [[(char, None) for char in word] for word in text.split()]


def _reading(
    words: Sequence[Sequence[Unit]],
    via: Via,
    completion: bool = False,
    literal: bool = False,
    past_a_name: bool = False,
) -> Reading | None:
    """The reading of `words`; a `literal` one matches each character as itself only (no
    초성, no syllable being typed): a pattern of character classes costs more to build."""
    words = [word for word in words if word]
    units = [unit for word in words for unit in word]
    if not units:
        return None
    pattern, uses_initials = _compile(units, literal)
    leading = units[0][1]
    branches: tuple[re.Pattern[str], ...] = (pattern,)
    if leading is not None:  # a literal first is scanned for far faster than an alternation
        rest = _compile(units[1:])[0].pattern if len(units) > 1 else ""
        branches = tuple(re.compile(re.escape(name) + rest) for name in leading.keys)
    texts = tuple("".join(text for text, _ in word) for word in words)
    distinct = list({_identity(word): word for word in words}.values())  # `kafka kafka`: once
    keys = [tuple(word) for word in distinct]
    patterns = tuple(_word_pattern(key, literal) for key in keys) if len(words) > 1 else ()
    compact = "".join(texts)
    return Reading(
        text=" ".join(texts),
        via=via,
        compact=compact,
        words=texts,
        pattern=pattern,
        branches=branches,
        on_initials=None if literal else _on_initials(units),
        word_patterns=patterns,
        uses_initials=uses_initials,
        name_end=units[-1][1],
        heads=None if leading is None else tuple(sorted({name[0] for name in leading.keys})),
        completion=completion,
        past_a_name=past_a_name,
        jamo=hangul.to_jamo(compact),
        typed=hangul.to_jamo(" ".join(texts)),  # as typed_key() gives it
        answer_words=tuple(_answer_word(key) for key in keys),
        literal=literal,
    )


def _identity(word: Sequence[Unit]) -> tuple[object, ...]:
    return tuple((text, None if names is None else names.keys) for text, names in word)


@lru_cache(maxsize=1024)  # the readings of one query share most of their words
def _answer_word(word: tuple[Unit, ...]) -> AnswerWord:
    whole = any(names is not None for _, names in word)
    last = word[-1][1]
    longer = () if last is None else last.longer_written
    return AnswerWord(terms.answer_spellings(word), whole, longer)


@lru_cache(maxsize=1024)
def _word_pattern(word: tuple[Unit, ...], literal: bool) -> WordPattern:
    pattern, initials = _compile(word, literal)
    text = "".join(text for text, _ in word)
    names = any(unit_names is not None for _, unit_names in word)
    on_initials = None if literal else _on_initials(word)
    return WordPattern(text, pattern, initials, word[-1][1], on_initials, names)


def _on_initials(units: Sequence[Unit]) -> re.Pattern[str] | None:
    """For a word of 초성 only: the literal that finds it in the titles' 초성 (segment.py):
    a literal is scanned for far faster than a run of character classes."""
    if all(names is None and hangul.is_initial(char) for char, names in units):
        return re.compile(re.escape("".join(char for char, _ in units)))
    return None


def unit_pattern(char: str, last: bool) -> tuple[str, bool]:
    """The regex for one typed character, and whether it stands for a 초성."""
    if hangul.is_initial(char):
        return hangul.initial_class(char), True
    if last and hangul.is_syllable(char):
        return hangul.partial_syllable_pattern(char), False
    return re.escape(char), False


def _compile(units: Sequence[Unit], literal: bool = False) -> tuple[re.Pattern[str], bool]:
    if literal:
        return re.compile(re.escape("".join(text for text, _ in units))), False
    pieces: list[str] = []
    uses_initials = False
    for index, (char, names) in enumerate(units):
        if names is not None:  # the longest first: `kafka streams` before `kafka`
            longest_first = sorted(names.keys, key=len)[::-1]
            pieces.append(f"(?:{'|'.join(re.escape(name) for name in longest_first)})")
            continue
        piece, initial = unit_pattern(char, last=index == len(units) - 1)
        pieces.append(piece)
        uses_initials = uses_initials or initial
    return re.compile("".join(pieces)), uses_initials


def _synonyms(text: str, glossary: Glossary, via: Via) -> list[Reading]:
    """Readings with other names in place of the terms in `text`: one for each set of
    terms that do not overlap (the fewest first, a few at most: fewer for more words),
    each term matched by any of its names."""
    if not len(glossary):
        return []
    tokens = terms.tokens_of(text)
    cap = max(2, min(MAX_SYNONYM_READINGS, SYNONYM_WORDS // max(1, len(text.split()))))
    found: list[Reading] = []
    for chosen in terms.spread(terms.terms(tokens, glossary), cap):
        completion = any(term.completion for term in chosen)
        past = any(term.past_a_name for term in chosen)
        words = terms.substituted(tokens, chosen)
        reading = _reading(words, via, completion, past_a_name=past)
        if reading is not None:
            found.append(reading)
    return found
