"""A query and its readings: as typed, with a term's other names, on the other keyboard layout.

Every reading becomes regular expressions over the folded titles (spaces
removed, so `1분 자기소개` finds `1분자기소개`): a lone consonant stands for any
syllable starting with it (초성), the last syllable for anything it may still
turn into while being typed. A name taken from the glossary is matched as
written, and a Latin one only as a whole word (`js` must not find JSON).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rehearse.core import hangul, keyboard
from rehearse.core.glossary import Glossary, term_key
from rehearse.core.search.folding import fold_query, normalize
from rehearse.core.search.model import Via

SEPARATOR = "\x00"  # joins titles in the index; never part of a query
MAX_SYNONYM_READINGS = 16  # sets of terms replaced, per reading of the query
COMPLETE_FROM = 4  # jamo typed before a name still being typed is completed
_RUN = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]+|[^\uac00-\ud7a3\u3131-\u318e]+")

# A character as typed (names None), or a term's other names, any of which may stand there:
# `text` is the first of them, as words are shown and looked for in answers.
Unit = tuple[str, tuple[str, ...] | None]


@dataclass(frozen=True, slots=True)
class WordPattern:
    text: str
    pattern: re.Pattern[str]
    initials: bool  # uses 초성
    ends_word: bool  # a Latin glossary name may end it: such a match must end a word
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
    ends_word: bool  # a Latin glossary name may end it: such a match must end a word
    heads: tuple[str, ...] | None  # the first characters it can start with, if names lead it
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
    return [[(char, None) for char in word] for word in text.split()]


def _reading(words: Sequence[Sequence[Unit]], via: Via, completion: bool = False) -> Reading | None:
    words = [word for word in words if word]
    units = [unit for word in words for unit in word]
    if not units:
        return None
    pattern, uses_initials = _compile(units)
    leading = units[0][1]
    branches: tuple[re.Pattern[str], ...] = (pattern,)
    if leading is not None:  # a literal first is scanned for far faster than an alternation
        rest = _compile(units[1:])[0].pattern if len(units) > 1 else ""
        branches = tuple(re.compile(re.escape(name) + rest) for name in leading)
    patterns = tuple(_word_pattern(word) for word in words) if len(words) > 1 else ()
    texts = tuple("".join(text for text, _ in word) for word in words)
    compact = "".join(texts)
    return Reading(
        text=" ".join(texts),
        via=via,
        compact=compact,
        words=texts,
        pattern=pattern,
        branches=branches,
        on_initials=_on_initials(units),
        word_patterns=patterns,
        uses_initials=uses_initials,
        ends_word=_ends_word(units),
        heads=None if leading is None else tuple(sorted({name[0] for name in leading})),
        completion=completion,
        jamo=hangul.to_jamo(compact),
        typed=hangul.to_jamo(" ".join(texts)),  # as typed_key() gives it
    )


def _ends_word(units: Sequence[Unit]) -> bool:
    names = units[-1][1]
    return names is not None and any(name[-1].isascii() and name[-1].isalnum() for name in names)


def _word_pattern(word: Sequence[Unit]) -> WordPattern:
    pattern, initials = _compile(word)
    text = "".join(text for text, _ in word)
    names = any(unit_names is not None for _, unit_names in word)
    return WordPattern(text, pattern, initials, _ends_word(word), _on_initials(word), names)


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


def _compile(units: Sequence[Unit]) -> tuple[re.Pattern[str], bool]:
    pieces: list[str] = []
    uses_initials = False
    for index, (char, names) in enumerate(units):
        if names is not None:  # the longest first: `kafka streams` before `kafka`
            pieces.append(f"(?:{'|'.join(re.escape(n) for n in sorted(names, key=len)[::-1])})")
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
    names: tuple[str, ...]  # its other names, folded (spaces removed)
    shown: str  # the first of them as the glossary writes it
    completion: bool = False  # the tokens only begin a name


def _term(first: int, end: int, names: Sequence[str], completion: bool = False) -> _Term:
    folded = tuple(dict.fromkeys(term_key(name) for name in names))
    return _Term(first, end, folded, normalize(names[0]).lower(), completion)


def _terms(tokens: Sequence[Token], glossary: Glossary) -> list[_Term]:
    """Every run of tokens that names a term, and from every token on, the names the last
    tokens may be on the way to (`kube` -> Kubernetes, 쿠버네 -> k8s). More entries in the
    glossary only ever add terms or names: a search never loses a reading to them."""
    terms: list[_Term] = []
    for first in range(len(tokens)):
        for end in range(first + 1, len(tokens) + 1):
            key = "".join(text for text, _ in tokens[first:end])
            group = glossary.group_of(key)
            if group is not None and (names := glossary.others(group, key)):
                terms.append(_term(first, end, names))
        key = "".join(text for text, _ in tokens[first:])
        jamo = hangul.to_jamo(key)
        if len(jamo) < COMPLETE_FROM:
            continue
        names = [
            name
            for group in sorted(glossary.completions(jamo))
            for name in glossary.groups[group]
            if not hangul.to_jamo(term_key(name)).startswith(jamo)
        ]
        if names:
            terms.append(_term(first, len(tokens), names, completion=True))
    return terms


def _spread(terms: Sequence[_Term]) -> list[list[_Term]]:
    """Every non-empty set of terms that do not overlap, fewest first, at most a few."""
    found: list[list[_Term]] = []

    def extend(chosen: list[_Term], start: int, after: int) -> None:
        for number in range(start, len(terms)):
            term = terms[number]
            if term.first >= after:
                found.append([*chosen, term])
                extend([*chosen, term], number + 1, term.end)

    extend([], 0, 0)
    return sorted(found, key=len)[:MAX_SYNONYM_READINGS]


def _synonyms(text: str, glossary: Glossary, via: Via) -> list[Reading]:
    """Readings with other names in place of the terms in `text`: one for each set of
    terms that do not overlap, each term matched by any of its names."""
    if not len(glossary):
        return []
    tokens = _tokens(text)
    found: list[Reading] = []
    for chosen in _spread(_terms(tokens, glossary)):
        completion = any(term.completion for term in chosen)
        reading = _reading(_substituted(tokens, chosen), via, completion)
        if reading is not None:
            found.append(reading)
    return found


def _substituted(tokens: Sequence[Token], terms: Sequence[_Term]) -> list[list[Unit]]:
    """The tokens as words of units, a term's names in place of its tokens."""
    replaced = {term.first: term for term in terms}
    words: list[list[Unit]] = []
    index = 0
    while index < len(tokens):
        text, starts_word = tokens[index]
        if starts_word or not words:
            words.append([])
        term = replaced.get(index)
        if term is not None:
            words[-1].append((term.shown, term.names))
            index = term.end
            continue
        words[-1].extend((char, None) for char in text)
        index += 1
    return words
