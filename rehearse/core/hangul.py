"""Hangul syllables taken apart: initial consonants (초성) and jamo, for search.

Compound vowels and finals are split (ㅘ -> ㅗㅏ, ㄳ -> ㄱㅅ) so that a syllable
still being typed is a prefix of the one it is on the way to: 고 -> 과, 닭 -> 달구.
"""

from __future__ import annotations

import re
from functools import lru_cache

SYLLABLE_FIRST = 0xAC00
SYLLABLE_LAST = 0xD7A3
_PER_INITIAL = 21 * 28

INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ("", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")

_SPLIT = {
    "ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ",
    "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
    "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ",
    "ㄽ": "ㄹㅅ", "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ",
}  # fmt: skip


def is_syllable(char: str) -> bool:
    return SYLLABLE_FIRST <= ord(char) <= SYLLABLE_LAST


def is_initial(char: str) -> bool:
    return len(char) == 1 and char in INITIALS


def parts(char: str) -> tuple[int, int, int]:
    """(initial, vowel, final) indices of a syllable."""
    code = ord(char) - SYLLABLE_FIRST
    return code // _PER_INITIAL, (code % _PER_INITIAL) // 28, code % 28


def compose(initial: int, vowel: int, final: int = 0) -> str:
    return chr(SYLLABLE_FIRST + (initial * 21 + vowel) * 28 + final)


def initial_of(char: str) -> str:
    """The 초성 of a syllable; any other character unchanged."""
    if is_syllable(char):
        return INITIALS[(ord(char) - SYLLABLE_FIRST) // _PER_INITIAL]
    return char


def split_jamo(jamo: str) -> str:
    return _SPLIT.get(jamo, jamo)


@lru_cache(maxsize=4096)
def jamo_of(char: str) -> str:
    """The jamo a syllable is typed with, compounds split; other characters unchanged."""
    if not is_syllable(char):
        return split_jamo(char)
    initial, vowel, final = parts(char)
    return INITIALS[initial] + split_jamo(VOWELS[vowel]) + split_jamo(FINALS[final])


def to_jamo(text: str) -> str:
    return "".join(jamo_of(char) for char in text)


def _range(first: str, last: str) -> str:
    return first if first == last else f"{first}-{last}"


def _extensions(table: tuple[str, ...] | str, index: int) -> list[int]:
    """Indices in `table` whose split form starts with that of `table[index]`."""
    prefix = split_jamo(table[index])
    return [i for i, jamo in enumerate(table) if jamo and split_jamo(jamo).startswith(prefix)]


def initial_class(initial: str) -> str:
    """A regex class for every syllable that starts with `initial`, and the bare jamo."""
    start = SYLLABLE_FIRST + INITIALS.index(initial) * _PER_INITIAL
    return f"[{_range(chr(start), chr(start + _PER_INITIAL - 1))}{initial}]"


@lru_cache(maxsize=1024)
def partial_syllable_pattern(char: str) -> str:
    """A regex for what the syllable `char`, still being typed, may turn into.

    가 -> 가..갛; 고 -> 고, 과, 괘, 괴 with any final; 갈 -> 갈, 갉..갏, or 가 + ㄹ...;
    닭 -> 닭, or 달 + ㄱ... (the last consonant may start the next syllable).
    """
    initial, vowel, final = parts(char)
    if final == 0:
        ranges = [
            _range(compose(initial, v), compose(initial, v, 27)) for v in _extensions(VOWELS, vowel)
        ]
        return f"[{''.join(ranges)}]"
    same_syllable = "".join(compose(initial, vowel, f) for f in _extensions(FINALS, final))
    head, carried = open_head(char), split_jamo(FINALS[final])[-1]
    if carried not in INITIALS:
        return f"[{same_syllable}]"
    return f"(?:[{same_syllable}]|{head}{initial_class(carried)})"


def open_head(char: str) -> str:
    """The syllable a half-typed `char` starts with if its last consonant opens the next one.

    슾 -> 스 (스 + 프...), 닭 -> 달 (달 + 구...); a syllable without a final is itself.
    """
    initial, vowel, final = parts(char)
    if final == 0:
        return char
    split = split_jamo(FINALS[final])
    if len(split) == 1:
        return compose(initial, vowel)
    return compose(initial, vowel, FINALS.index(split[0]))


_HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")


def has_hangul(text: str) -> bool:
    return _HANGUL.search(text) is not None
