"""The 두벌식 (standard two-set Korean) keyboard: QWERTY keys to Hangul and back.

Typing with the input method in the wrong mode is the daily slip of Korean
typists: 자기소개 arrives as `wkrlthro`, `jvm` as `ㅓ프`. `to_hangul` reads Latin
letters as the jamo on the same keys and composes them the way the input method
does (Shift gives the tense consonants and ㅒ/ㅖ); `to_latin` goes the other way.
`compose` is that input method: it turns a sequence of jamo keys into text, the
last syllable possibly still being typed.
"""

from __future__ import annotations

from collections.abc import Iterable

from rehearse.core import hangul

# Key -> jamo; a Shift key that is not listed types the same jamo as its lower case.
_BASE = {
    "r": "ㄱ", "R": "ㄲ", "s": "ㄴ", "e": "ㄷ", "E": "ㄸ", "f": "ㄹ", "a": "ㅁ", "q": "ㅂ",
    "Q": "ㅃ", "t": "ㅅ", "T": "ㅆ", "d": "ㅇ", "w": "ㅈ", "W": "ㅉ", "c": "ㅊ", "z": "ㅋ",
    "x": "ㅌ", "v": "ㅍ", "g": "ㅎ",
    "k": "ㅏ", "o": "ㅐ", "O": "ㅒ", "i": "ㅑ", "j": "ㅓ", "p": "ㅔ", "P": "ㅖ", "u": "ㅕ",
    "h": "ㅗ", "y": "ㅛ", "n": "ㅜ", "b": "ㅠ", "m": "ㅡ", "l": "ㅣ",
}  # fmt: skip
_KEYS = {key.upper(): jamo for key, jamo in _BASE.items() if key.islower()} | _BASE
_LATIN = {jamo: key for key, jamo in _BASE.items()}

VOWEL_PAIRS = {
    ("ㅗ", "ㅏ"): "ㅘ", ("ㅗ", "ㅐ"): "ㅙ", ("ㅗ", "ㅣ"): "ㅚ", ("ㅜ", "ㅓ"): "ㅝ",
    ("ㅜ", "ㅔ"): "ㅞ", ("ㅜ", "ㅣ"): "ㅟ", ("ㅡ", "ㅣ"): "ㅢ",
}  # fmt: skip
FINAL_PAIRS = {
    ("ㄱ", "ㅅ"): "ㄳ", ("ㄴ", "ㅈ"): "ㄵ", ("ㄴ", "ㅎ"): "ㄶ", ("ㄹ", "ㄱ"): "ㄺ",
    ("ㄹ", "ㅁ"): "ㄻ", ("ㄹ", "ㅂ"): "ㄼ", ("ㄹ", "ㅅ"): "ㄽ", ("ㄹ", "ㅌ"): "ㄾ",
    ("ㄹ", "ㅍ"): "ㄿ", ("ㄹ", "ㅎ"): "ㅀ", ("ㅂ", "ㅅ"): "ㅄ",
}  # fmt: skip
_SPLIT_FINAL = {compound: pair for pair, compound in FINAL_PAIRS.items()}
_SINGLE_FINALS = frozenset(f for f in hangul.FINALS if f and f not in _SPLIT_FINAL)
CONSONANTS = frozenset(hangul.INITIALS) | _SINGLE_FINALS
VOWELS = frozenset(hangul.VOWELS)


def keys_of(text: str) -> list[str]:
    """The keys (as jamo) pressed to type `text`: compound vowels and finals are two keys."""
    keys: list[str] = []
    for char in text:
        if hangul.is_syllable(char):
            initial, vowel, final = hangul.parts(char)
            keys.append(hangul.INITIALS[initial])
            keys.extend(hangul.split_jamo(hangul.VOWELS[vowel]))
            keys.extend(hangul.split_jamo(hangul.FINALS[final]))
        elif _is_jamo(char):
            keys.extend(hangul.split_jamo(char))
        else:
            keys.append(char)
    return keys


class _Composer:
    """The input method's state: the syllable being typed, and the text committed so far."""

    def __init__(self) -> None:
        self.done: list[str] = []
        self.initial: str | None = None
        self.vowel: str | None = None
        self.final: str | None = None

    def block(self) -> str:
        if self.initial is not None and self.vowel is not None:
            i = hangul.INITIALS.index(self.initial)
            v = hangul.VOWELS.index(self.vowel)
            return hangul.compose(i, v, hangul.FINALS.index(self.final) if self.final else 0)
        return self.initial or self.vowel or ""

    def text(self) -> str:
        return "".join(self.done) + self.block()

    def commit(self) -> None:
        self.done.append(self.block())
        self.initial = self.vowel = self.final = None

    def consonant(self, key: str) -> None:
        open_syllable = self.initial is not None and self.vowel is not None
        if open_syllable and self.final is None and key in _SINGLE_FINALS:
            self.final = key
        elif open_syllable and self.final is not None and (self.final, key) in FINAL_PAIRS:
            self.final = FINAL_PAIRS[self.final, key]
        else:
            self.commit()
            self.initial = key

    def vowel_key(self, key: str) -> None:
        if self.initial is not None and self.vowel is None:
            self.vowel = key
        elif self.vowel is not None and self.final is None and (self.vowel, key) in VOWEL_PAIRS:
            self.vowel = VOWEL_PAIRS[self.vowel, key]
        elif self.final is not None:  # the final opens the next syllable: 각 + ㅏ -> 가가
            carried = self.final
            if self.final in _SPLIT_FINAL:
                self.final, carried = _SPLIT_FINAL[self.final]
            else:
                self.final = None
            self.commit()
            self.initial, self.vowel = carried, key
        else:
            self.commit()
            self.vowel = key

    def press(self, key: str) -> None:
        if key in CONSONANTS:
            self.consonant(key)
        elif key in VOWELS:
            self.vowel_key(key)
        else:
            self.commit()
            self.done.append(key)


def compose(keys: Iterable[str]) -> str:
    """What a 두벌식 input method shows after `keys` (jamo, or any other character)."""
    composer = _Composer()
    for key in keys:
        composer.press(key)
    return composer.text()


def typing_states(text: str) -> list[str]:
    """What the input holds after each key while `text` is typed on a 두벌식 keyboard."""
    composer = _Composer()
    states: list[str] = []
    for key in keys_of(text):
        composer.press(key)
        states.append(composer.text())
    return states


def to_hangul(text: str) -> str:
    """`text` as typed with the Korean input method on: `wkrlthro` -> 자기소개.

    Latin letters become the jamo on their keys; jamo and syllables already in
    `text` are typed again with them (`RㅏㄱEㅜrl` -> 깍뚜기); anything else is kept.
    """
    return compose(_KEYS.get(key, key) for key in keys_of(text))


def to_latin(text: str) -> str:
    """`text` as typed with the input method off: `ㅓ프` -> `jvm`, 깍 -> `Rkr`."""
    return "".join(_LATIN.get(key, key) for key in keys_of(text))


def has_latin_letters(text: str) -> bool:
    return any(char in _KEYS for char in text)


def _is_jamo(char: str) -> bool:
    return char in VOWELS or char in CONSONANTS or char in _SPLIT_FINAL


def has_hangul_keys(text: str) -> bool:
    return any(hangul.is_syllable(char) or _is_jamo(char) for char in text)


def is_plausible_hangul(text: str) -> bool:
    """Could a Korean typist have meant this? At least one syllable, no vowel standing
    alone, and no consonant standing alone but the last one (a syllable being typed)."""
    letters = [char for char in text if hangul.is_syllable(char) or _is_jamo(char)]
    if not any(hangul.is_syllable(char) for char in letters):
        return False
    last = len(letters) - 1
    return not any(
        char in VOWELS or (_is_jamo(char) and position != last)
        for position, char in enumerate(letters)
    )
