"""Hangul taken apart for search: 초성, jamo with compounds split, half-typed syllables."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.search_queries import initials_of, keys_of, typing_states
from rehearse.core import hangul

ALL_SYLLABLES = [chr(code) for code in range(hangul.SYLLABLE_FIRST, hangul.SYLLABLE_LAST + 1)]
syllables = st.integers(hangul.SYLLABLE_FIRST, hangul.SYLLABLE_LAST).map(chr)
hangul_words = st.lists(syllables, min_size=1, max_size=6).map("".join)


# --- 초성 and jamo ---------------------------------------------------------------------------


def test_initials_of_korean_words() -> None:
    assert "".join(hangul.initial_of(c) for c in "자기소개") == "ㅈㄱㅅㄱ"
    assert "".join(hangul.initial_of(c) for c in "쿠버네티스") == "ㅋㅂㄴㅌㅅ"
    assert "".join(hangul.initial_of(c) for c in "까치 빵") == "ㄲㅊ ㅃ"


def test_initial_of_leaves_other_characters_alone() -> None:
    assert "".join(hangul.initial_of(c) for c in "C++ 1분 ㄱ") == "C++ 1ㅂ ㄱ"


@pytest.mark.parametrize(
    ("syllable", "jamo"),
    [
        ("가", "ㄱㅏ"),
        ("과", "ㄱㅗㅏ"),  # compound vowel split
        ("괜", "ㄱㅗㅐㄴ"),
        ("의", "ㅇㅡㅣ"),
        ("닭", "ㄷㅏㄹㄱ"),  # compound final split
        ("값", "ㄱㅏㅂㅅ"),
        ("앉", "ㅇㅏㄴㅈ"),
        ("뷁", "ㅂㅜㅔㄹㄱ"),
        ("꽃", "ㄲㅗㅊ"),  # double consonants are one key, not split
        ("있", "ㅇㅣㅆ"),
    ],
)
def test_jamo_of_splits_compound_vowels_and_finals(syllable: str, jamo: str) -> None:
    assert hangul.jamo_of(syllable) == jamo


def test_jamo_of_non_syllables() -> None:
    assert hangul.jamo_of("ㅘ") == "ㅗㅏ"
    assert hangul.jamo_of("ㄳ") == "ㄱㅅ"
    assert hangul.jamo_of("a") == "a"
    assert hangul.to_jamo("C++ 스프링") == "C++ ㅅㅡㅍㅡㄹㅣㅇ"


def test_compose_and_parts_round_trip_every_syllable() -> None:
    for syllable in ALL_SYLLABLES:
        assert hangul.compose(*hangul.parts(syllable)) == syllable


def test_has_hangul() -> None:
    assert hangul.has_hangul("Kafka란?")
    assert hangul.has_hangul("ㅈㄱㅅㄱ")
    assert not hangul.has_hangul("Message Queue")
    assert not hangul.has_hangul("")


# --- what a syllable still being typed may turn into ----------------------------------------


@pytest.mark.parametrize(
    ("typed", "turns_into"),
    [
        ("고", "과"),
        ("고", "괜"),
        ("고", "곡"),
        ("가", "갛"),
        ("갈", "갉"),
        ("갈", "가라"),  # the ㄹ starts the next syllable
        ("닭", "달고"),  # the ㄱ of ㄺ starts the next syllable
        ("슾", "스프"),
        ("캎", "카프"),
        ("젆", "전형"),
        ("작", "자기"),
        ("있", "이써"),
    ],
)
def test_partial_syllable_pattern_accepts_what_it_is_on_the_way_to(
    typed: str, turns_into: str
) -> None:
    assert re.fullmatch(hangul.partial_syllable_pattern(typed), turns_into)


@pytest.mark.parametrize(
    ("typed", "other"),
    [
        ("고", "구"),
        ("고", "거"),
        ("가", "거"),
        ("갈", "갈다"),
        ("닭", "닥"),
        ("슾", "스트"),
        ("과", "고"),
    ],
)
def test_partial_syllable_pattern_rejects_other_syllables(typed: str, other: str) -> None:
    assert not re.fullmatch(hangul.partial_syllable_pattern(typed), other)


@given(syllables)
def test_partial_syllable_pattern_matches_exactly_the_syllables_it_is_a_jamo_prefix_of(
    typed: str,
) -> None:
    pattern = re.compile(hangul.partial_syllable_pattern(typed))
    prefix = hangul.jamo_of(typed)
    for syllable in ALL_SYLLABLES:
        expected = hangul.jamo_of(syllable).startswith(prefix)
        assert bool(pattern.fullmatch(syllable)) == expected, (typed, syllable)


@given(hangul_words)
def test_partial_syllable_pattern_follows_every_typing_state(word: str) -> None:
    """Mid-typing, the last syllable's pattern matches the rest of the word at its place."""
    for state in typing_states(word):
        last = state[-1]
        if not hangul.is_syllable(last):
            continue
        rest = word[len(state) - 1 :]
        assert re.match(hangul.partial_syllable_pattern(last), rest), (word, state)


@pytest.mark.parametrize("initial", list(hangul.INITIALS))
def test_initial_class_covers_every_syllable_with_that_initial_and_the_bare_jamo(
    initial: str,
) -> None:
    pattern = re.compile(hangul.initial_class(initial))
    assert pattern.fullmatch(initial)
    matched = [s for s in ALL_SYLLABLES if pattern.fullmatch(s)]
    assert matched == [s for s in ALL_SYLLABLES if hangul.initial_of(s) == initial]
    assert len(matched) == 21 * 28


# --- the 두벌식 keyboard simulation the search tests and benchmark rely on ------------------


def test_typing_states_of_spring() -> None:
    assert typing_states("스프링") == ["ㅅ", "스", "슾", "스프", "스플", "스프리", "스프링"]


def test_typing_states_of_compound_vowel_and_final() -> None:
    assert typing_states("과제 전형") == [
        "ㄱ", "고", "과", "괒", "과제", "과제 ", "과제 ㅈ", "과제 저", "과제 전", "과제 젆",
        "과제 전혀", "과제 전형",
    ]  # fmt: skip
    assert typing_states("닭고기") == ["ㄷ", "다", "달", "닭", "닭ㄱ", "닭고", "닭곡", "닭고기"]
    assert typing_states("달고") == ["ㄷ", "다", "달", "닭", "달고"]


def test_keys_of_counts_compound_jamo_as_two_keys() -> None:
    assert keys_of("과") == ["ㄱ", "ㅗ", "ㅏ"]
    assert keys_of("닭") == ["ㄷ", "ㅏ", "ㄹ", "ㄱ"]
    assert keys_of("꽃 c++") == ["ㄲ", "ㅗ", "ㅊ", " ", "c", "+", "+"]


@given(st.lists(hangul_words, min_size=1, max_size=3).map(" ".join))
def test_typing_ends_with_the_text_and_every_state_is_a_jamo_prefix(text: str) -> None:
    states = typing_states(text)
    assert states[-1] == text
    assert len(states) == len(keys_of(text))
    target = hangul.to_jamo(text)
    for state in states:
        assert target.startswith(hangul.to_jamo(state)), (text, state)


def test_initials_of_keeps_spaces_and_latin() -> None:
    assert initials_of("1분 자기소개") == "1ㅂ ㅈㄱㅅㄱ"
    assert initials_of("Kafka란?") == "Kafkaㄹ?"
