"""A query and its readings: as typed, with a term's other names, on the other keyboard layout.

Every reading becomes regular expressions over the folded titles (spaces
removed, so `1분 자기소개` finds `1분자기소개`): a lone consonant stands for any
syllable starting with it (초성), the last syllable for anything it may still
turn into while being typed. A name taken from the glossary is matched as
written, and a Latin one only as a whole word (`js` must not find JSON).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rehearse.core import hangul, keyboard
from rehearse.core.glossary import Glossary, term_key
from rehearse.core.search.folding import fold_query, normalize
from rehearse.core.search.model import Via

SEPARATOR = "\x00"  # joins titles in the index; never part of a query
MAX_SYNONYM_READINGS = 4  # per reading of the query
MAX_COMPLETIONS = 2  # a name still being typed that could become more terms is left alone
_RUN = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]+|[^\uac00-\ud7a3\u3131-\u318e]+")

Unit = tuple[str, bool]  # a character, and whether it is taken literally (a glossary name)


@dataclass(frozen=True, slots=True)
class WordPattern:
    text: str
    pattern: re.Pattern[str]
    initials: bool  # uses 초성
    ends_word: bool  # a Latin glossary name ends it: the match must end a word


@dataclass(frozen=True)
class Reading:
    text: str  # what this reading searches for, as shown: "자기소개"
    via: Via
    compact: str  # spaces removed
    words: tuple[str, ...]
    pattern: re.Pattern[str]  # the whole reading, spaces removed
    word_patterns: tuple[WordPattern, ...]  # one per word, when there are several
    uses_initials: bool
    ends_word: bool
    literal_first: bool  # its first character comes from a glossary name
    completion: bool  # a glossary name for a term still being typed (`kube` -> 쿠버네티스)
    jamo: str  # the compact reading as jamo, for typos
    typed: str  # the reading as jamo, spaces kept: a longer query typed after it extends it

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


def readings(query: str, glossary: Glossary) -> list[Reading]:
    """The query as typed first, then the other names of its terms, then the other layout."""
    raw = clean(query)
    typed = _reading(_words_of(fold_query(raw)), Via.TYPED)
    if typed is None:
        return []
    found = [typed, *_synonyms(fold_query(raw), glossary, Via.SYNONYM)]
    for other in _other_layouts(raw):
        reading = _reading(_words_of(other), Via.LAYOUT)
        if reading is not None and reading.compact != typed.compact:
            found.append(reading)
            found.extend(_synonyms(other, glossary, Via.LAYOUT_SYNONYM))
    return found


def _other_layouts(raw: str) -> Iterator[str]:
    if keyboard.has_latin_letters(raw):
        as_hangul = keyboard.to_hangul(raw)
        if keyboard.is_plausible_hangul(as_hangul):
            yield fold_query(as_hangul)
    if keyboard.has_hangul_keys(raw):
        yield fold_query(keyboard.to_latin(raw))


def _words_of(text: str) -> list[list[Unit]]:
    return [[(char, False) for char in word] for word in text.split()]


def _reading(
    words: Sequence[Sequence[Unit]], via: Via, completion: bool = False, shown: str = ""
) -> Reading | None:
    words = [word for word in words if word]
    units = [unit for word in words for unit in word]
    if not units:
        return None
    pattern, uses_initials = _compile(units)
    patterns = tuple(_word_pattern(word) for word in words) if len(words) > 1 else ()
    texts = tuple("".join(char for char, _ in word) for word in words)
    compact = "".join(texts)
    return Reading(
        text=shown or " ".join(texts),
        via=via,
        compact=compact,
        words=texts,
        pattern=pattern,
        word_patterns=patterns,
        uses_initials=uses_initials,
        ends_word=_ends_word(units),
        literal_first=units[0][1],
        completion=completion,
        jamo=hangul.to_jamo(compact),
        typed=hangul.to_jamo(" ".join(texts)),  # as typed_key() gives it
    )


def _ends_word(units: Sequence[Unit]) -> bool:
    char, literal = units[-1]
    return literal and char.isascii() and char.isalnum()


def _word_pattern(word: Sequence[Unit]) -> WordPattern:
    pattern, initials = _compile(word)
    return WordPattern("".join(char for char, _ in word), pattern, initials, _ends_word(word))


def unit_pattern(char: str, last: bool) -> tuple[str, bool]:
    """The regex for one typed character, and whether it stands for a 초성."""
    if hangul.is_initial(char):
        return hangul.initial_class(char), True
    if last and hangul.is_syllable(char):
        return hangul.partial_syllable_pattern(char), False
    return re.escape(char), False


def _compile(units: Sequence[Unit]) -> tuple[re.Pattern[str], bool]:
    pieces: list[str] = []
    uses_initials = False
    for index, (char, literal) in enumerate(units):
        if literal:
            pieces.append(re.escape(char))
            continue
        piece, initial = unit_pattern(char, last=index == len(units) - 1)
        pieces.append(piece)
        uses_initials = uses_initials or initial
    return re.compile("".join(pieces)), uses_initials


# --- the glossary ----------------------------------------------------------------------------

Token = tuple[str, bool]  # a run of Hangul or of other characters, and whether a word starts


def _tokens(text: str) -> list[Token]:
    return [
        (match.group(), number == 0)
        for word in text.split()
        for number, match in enumerate(_RUN.finditer(word))
    ]


@dataclass(frozen=True, slots=True)
class _Term:
    first: int  # tokens [first, end) name it
    end: int
    names: tuple[str, ...]  # its other names
    completion: bool = False  # the tokens only begin a name


def _terms(tokens: Sequence[Token], glossary: Glossary) -> list[_Term]:
    """Runs of tokens that name a glossary term, longest first, left to right; the last
    tokens may be a name still being typed (`kube`, 쿠버네)."""
    terms: list[_Term] = []
    first = 0
    while first < len(tokens):
        for end in range(len(tokens), first, -1):
            key = "".join(text for text, _ in tokens[first:end])
            group = glossary.group_of(key)
            if group is not None:
                terms.append(_Term(first, end, tuple(glossary.others(group, key))))
                first = end
                break
        else:
            first += 1
    done = terms[-1].end if terms else 0
    for first in range(done, len(tokens)):
        key = "".join(text for text, _ in tokens[first:])
        jamo = hangul.to_jamo(key)
        groups = glossary.completions(jamo) if len(jamo) >= 4 else set()
        if 0 < len(groups) <= MAX_COMPLETIONS:
            names = tuple(
                name
                for group in sorted(groups)
                for name in glossary.others(group, key)
                if not hangul.to_jamo(term_key(name)).startswith(jamo)
            )
            terms.append(_Term(first, len(tokens), names, completion=True))
            break
    return [term for term in terms if term.names]


def _synonyms(text: str, glossary: Glossary, via: Via) -> list[Reading]:
    if not len(glossary):
        return []
    tokens = _tokens(text)
    terms = _terms(tokens, glossary)
    if not terms:
        return []
    # Each term's first name before its others, and every term replaced before only some:
    # `자바 가비지 컬렉션` is first read as `java garbage collection`.
    choices = [list(enumerate((None, *term.names))) for term in terms]
    picks = sorted(
        itertools.product(*choices),
        key=lambda pick: (sum(rank or 1 for rank, _ in pick), -sum(rank > 0 for rank, _ in pick)),
    )
    found: list[Reading] = []
    for ranked in picks:
        pick = [name for _, name in ranked]
        if not any(pick):
            continue
        if len(found) == MAX_SYNONYM_READINGS:
            break
        completion = any(name and term.completion for term, name in zip(terms, pick, strict=True))
        words, shown = _substituted(tokens, terms, pick)
        reading = _reading(words, via, completion, shown)
        if reading is not None:
            found.append(reading)
    return found


def _substituted(
    tokens: Sequence[Token], terms: Sequence[_Term], pick: Sequence[str | None]
) -> tuple[list[list[Unit]], str]:
    """The tokens as words, with each picked name in place of the term's tokens; and the
    same as text to show, the names as the glossary writes them."""
    replaced = {term.first: (term, name) for term, name in zip(terms, pick, strict=True) if name}
    words: list[list[Unit]] = []
    shown: list[str] = []
    index = 0
    while index < len(tokens):
        text, starts_word = tokens[index]
        if starts_word or not words:
            words.append([])
            shown.append("")
        if index in replaced:
            term, name = replaced[index]
            for number, part in enumerate(normalize(name).split()):
                if number:
                    words.append([])
                    shown.append("")
                words[-1].extend((char, True) for char in part.lower())
                shown[-1] += part
            index = term.end
            continue
        words[-1].extend((char, False) for char in text)
        shown[-1] += text
        index += 1
    return words, " ".join(shown)
