"""How long an answer takes to say aloud.

Korean is counted in syllables (default 270 a minute, free speech), Latin text
in words (default 150 a minute). A number is read as words too: one word per
two digits, so `2026` counts as two and `60%` as one plus the sign. Symbols
people say (`%`, `&`, `+`, `=`, `@`, `#`, `/` between words) count as a word;
punctuation counts nothing. Comments, markup, link targets and code never
reach this: it is given `NoteFile.spoken_text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_SYLLABLES_PER_MINUTE = 270.0
DEFAULT_WORDS_PER_MINUTE = 150.0

_HANGUL_SYLLABLE = re.compile(r"[\uac00-\ud7a3]")
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’\-][A-Za-z\u00c0-\u024f]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SPOKEN_SYMBOL = re.compile(r"[%&+=@#/]")


@dataclass(frozen=True, slots=True)
class SpeakingRates:
    syllables_per_minute: float = DEFAULT_SYLLABLES_PER_MINUTE
    words_per_minute: float = DEFAULT_WORDS_PER_MINUTE


@dataclass(frozen=True, slots=True)
class SpokenLength:
    syllables: int  # Hangul syllables
    words: float  # Latin words, numbers and spoken symbols

    def seconds(self, rates: SpeakingRates) -> float:
        return (
            self.syllables * 60.0 / rates.syllables_per_minute
            + self.words * 60.0 / rates.words_per_minute
        )


def spoken_length(text: str) -> SpokenLength:
    syllables = len(_HANGUL_SYLLABLE.findall(text))
    words = float(len(_LATIN_WORD.findall(text)))
    for number in _NUMBER.findall(text):
        digits = sum(char.isdigit() for char in number)
        words += (digits + 1) // 2
    words += len(_SPOKEN_SYMBOL.findall(text))
    return SpokenLength(syllables, words)


def estimate_seconds(text: str, rates: SpeakingRates | None = None) -> float:
    """Seconds to say `text` (already spoken text: no markup or comments) at `rates`."""
    return spoken_length(text).seconds(rates or SpeakingRates())


def format_duration(seconds: float) -> str:
    """`72` -> `1:12`; negative durations (overtime) as `+0:07`."""
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds) + 0.5)
    return f"{sign}{whole // 60}:{whole % 60:02d}"
