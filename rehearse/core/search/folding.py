"""Titles folded for matching: NFC, lower case, spaces removed, and where each character came from.

The index keeps only the folded strings, joined; the maps back into the title
(`origin`) are rebuilt for the few hits that are shown, so the highlight lands
on the characters of the title as written, NFD included.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rehearse.core import hangul

_WORD = re.compile(r"\w+", re.UNICODE)


def normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold_query(text: str) -> str:
    """A query as titles are folded (NFC, lower case); spaces are kept to split words."""
    return normalize(text).lower()


@dataclass(frozen=True, slots=True)
class Folded:
    """A title lowercased with spaces removed, its jamo and acronym, and their origins."""

    text: str
    origin: Sequence[int]  # index in the title of each folded character
    word_start_mask: bytes  # 1 at each folded index that begins a word
    jamo: str
    jamo_origin: Sequence[int]
    acronym: str  # the first letter of each word
    acronym_origin: Sequence[int]

    @classmethod
    def of(cls, raw_title: str) -> Folded:
        """Fold the NFC form of `raw_title`; origins point into `raw_title` itself."""
        title = normalize(raw_title)
        back = _nfc_starts(raw_title, title)
        chars: list[str] = []
        origin: list[int] = []
        starts: list[int] = []
        previous_space = True
        for index, char in enumerate(title):
            if char.isspace():
                previous_space = True
                continue
            # A word starts after a space and wherever letters meet other characters, so
            # `[TCP]` has words at `[`, `T` and `]`.
            if previous_space or not (char.isalnum() and title[index - 1].isalnum()):
                starts.append(len(chars))
            previous_space = False
            for piece in char.lower():
                chars.append(piece)
                origin.append(back[index])
        text = "".join(chars)
        mask = bytearray(len(text))
        for start in starts:
            mask[start] = 1
        jamo_parts: list[str] = []
        jamo_origin: list[int] = []
        for char, source in zip(text, origin, strict=True):
            piece = hangul.jamo_of(char)
            jamo_parts.append(piece)
            jamo_origin.extend([source] * len(piece))
        words = [(back[m.start()], m.group()) for m in _WORD.finditer(title.lower())]
        return cls(
            text=text,
            origin=array("I", origin),
            word_start_mask=bytes(mask),
            jamo="".join(jamo_parts),
            jamo_origin=array("I", jamo_origin),
            acronym="".join(word[0] for _, word in words),
            acronym_origin=array("I", (start for start, _ in words)),
        )

    def origins(self, where: str) -> Sequence[int]:
        if where == "title":
            return self.origin
        return self.acronym_origin if where == "acronym" else self.jamo_origin


fold = lru_cache(maxsize=2048)(Folded.of)  # for the hits shown; the index keeps no Folded


def _nfc_starts(raw: str, nfc: str) -> list[int]:
    """For each character of `nfc`, where it starts in `raw` (identity when raw is NFC)."""
    if raw == nfc:
        return list(range(len(raw) + 1))
    starts = [0] * (len(nfc) + 1)
    known = 0
    for end in range(1, len(raw) + 1):
        length = len(normalize(raw[:end]))
        while known < length - 1:  # a new NFC character began at raw[end - 1]
            known += 1
            starts[known] = end - 1
    starts[len(nfc)] = len(raw)
    return starts


def merge_spans(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def title_spans(
    title: str, where: str, runs: Iterable[tuple[int, int]]
) -> tuple[tuple[int, int], ...]:
    """Runs in the folded title, acronym or jamo (by `where`) as [start, end) in `title`."""
    origin = fold(title).origins(where)
    return merge_spans(
        (origin[i], char_end(title, origin[i])) for start, end in runs for i in range(start, end)
    )


def char_end(title: str, start: int) -> int:
    """Where the character at `start` ends: one code point, or a whole NFD syllable."""
    end = start + 1
    while end < len(title) and (
        unicodedata.combining(title[end]) or "\u1160" <= title[end] <= "\u11ff"  # NFD vowel, final
    ):
        end += 1
    return end


def lower_keeping_length(text: str) -> str:
    """`text.lower()`, except characters whose lower case is longer (İ) stay as they are,
    so that offsets into the result are offsets into `text`."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(low if len(low := char.lower()) == 1 else char for char in text)
