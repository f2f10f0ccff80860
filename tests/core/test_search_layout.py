"""The wrong keyboard layout (한/영): 두벌식 <-> QWERTY both ways, and search through it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehearse.core import hangul, keyboard
from rehearse.core.search import Glossary, SearchIndex, Tier, Via
from tests.core.test_search import make_docs, titles

syllables = st.integers(hangul.SYLLABLE_FIRST, hangul.SYLLABLE_LAST).map(chr)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("wkrlthro", "자기소개"),
        ("dkssud", "안녕"),
        ("dkssudgktpdy", "안녕하세요"),
        ("RㅏㄱEㅜrl", "깍뚜기"),  # Shift: ㄲ, ㄸ; jamo already typed are typed again
        ("Rkcl", "까치"),
        ("ahrWkr", "목짝"),
        ("dO", "얘"),  # Shift+o is ㅒ
        ("dP", "예"),  # Shift+p is ㅖ
        ("rhk", "과"),  # ㅗ + ㅏ
        ("ekfrdl", "닭이"),  # ㄹ + ㄱ make one final; ㅇ starts the next syllable
        ("1qkr2dlf", "1박2일"),  # numbers kept
        ("hello world", "ㅗ디ㅣㅐ 재깅"),  # spaces kept, vowels alone stay alone
        ("wkrlt", "자깃"),  # a syllable still being typed: 기 + ㅅ of 소
        ("Spring 부트", "네갸ㅜㅎ 부트"),
        ("c++", "ㅊ++"),
    ],
)
def test_latin_typed_with_the_korean_keyboard_in_mind(typed: str, meant: str) -> None:
    assert keyboard.to_hangul(typed) == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("ㅓㅍㅡ", "jvm"),
        ("ㅓ프", "jvm"),  # what the input method shows for j, v, m
        ("자기소개", "wkrlthro"),
        ("깍뚜기", "RkrEnrl"),
        ("1박2일", "1qkr2dlf"),
        ("과", "rhk"),
        ("닭", "ekfr"),
        ("ㄳ", "rt"),
        ("얘기", "dOrl"),
        ("Spring 부트", "Spring qnxm"),
    ],
)
def test_hangul_typed_with_the_latin_keyboard_in_mind(typed: str, meant: str) -> None:
    assert keyboard.to_latin(typed) == meant


@given(st.lists(syllables, min_size=1, max_size=8).map("".join))
def test_a_korean_word_survives_the_round_trip(word: str) -> None:
    assert keyboard.to_hangul(keyboard.to_latin(word)) == word


@given(st.lists(syllables, min_size=1, max_size=6).map("".join))
def test_every_typing_state_is_the_input_method_after_those_keys(word: str) -> None:
    keys = keyboard.keys_of(word)
    states = keyboard.typing_states(word)
    assert states == [keyboard.compose(keys[:end]) for end in range(1, len(keys) + 1)]
    assert states[-1] == word


@pytest.mark.parametrize(
    ("text", "plausible"),
    [
        ("자기소개", True),
        ("자깃", True),
        ("애찯ㄱ", True),  # the last consonant may be a syllable being typed
        ("1박2일", True),
        ("ㅏㅁ람", False),  # `Kafka`: a vowel alone
        ("ㅅ체", False),  # `tcp`: a consonant alone before a syllable
        ("ㄱㅈㅅㄱ", False),  # no syllable: 초성 typed in English mode is left to 초성 search
        ("", False),
    ],
)
def test_only_hangul_a_typist_could_have_meant_is_searched(text: str, plausible: bool) -> None:
    assert keyboard.is_plausible_hangul(text) is plausible


# --- search --------------------------------------------------------------------------------


def layout_index(*entries: str) -> SearchIndex:
    return SearchIndex(make_docs(entries), glossary=Glossary())


def test_wrong_layout_finds_the_korean_title_and_says_how() -> None:
    index = layout_index("자기소개", "지원 동기", "1분 자기소개")
    [first, second] = index.search("wkrlthro")
    assert (first.doc.title, first.tier, first.via) == ("자기소개", Tier.EXACT, Via.LAYOUT)
    assert first.searched_as == "자기소개"
    assert first.spans == ((0, 4),)
    assert second.doc.title == "1분 자기소개"
    assert [second.doc.title[a:b] for a, b in second.spans] == ["자기소개"]


def test_wrong_layout_while_the_syllable_is_still_being_typed() -> None:
    index = layout_index("자기소개", "자격증 취득")
    for typed in ("wkrl", "wkrlt", "wkrlth", "wkrlthr"):  # 자기, 자깃, 자기소, 자기속
        assert titles(index.search(typed))[:1] == ["자기소개"], typed


def test_korean_typed_for_a_latin_title() -> None:
    index = layout_index("JVM 메모리 구조", "자바 가상 머신")
    for typed in ("ㅓㅍㅡ", "ㅓ프"):
        [hit] = index.search(typed)
        assert (hit.doc.title, hit.via, hit.searched_as) == ("JVM 메모리 구조", Via.LAYOUT, "jvm")
        assert hit.spans == ((0, 3),)


def test_a_hit_on_what_was_typed_ranks_first() -> None:
    """`gksrmf` is 한글 on the other layout, and also the start of a title as typed: the
    title as typed wins, though the other reading matches a whole title exactly."""
    index = layout_index("한글", "gksrmf 입력기")
    hits = index.search("gksrmf")
    assert [(h.doc.title, h.tier, h.via) for h in hits] == [
        ("gksrmf 입력기", Tier.PREFIX, Via.TYPED),
        ("한글", Tier.EXACT, Via.LAYOUT),
    ]
    assert hits[0].score > hits[1].score
    assert hits[0].searched_as == ""


def test_the_other_layout_counts_at_word_starts_only() -> None:
    """`rk` is 가 on the other layout: 가상 메모리 starts with it, 요가 only ends with it."""
    index = layout_index("가상 메모리", "요가 수업")
    assert titles(index.search("rk")) == ["가상 메모리"]


def test_a_misspelling_typed_on_the_wrong_layout() -> None:
    """`eoemfkr` reads 대드락, a common misspelling of 데드락: one jamo off."""
    [hit] = layout_index("데드락", "트랜잭션").search("eoemfkr")
    assert (hit.doc.title, hit.tier, hit.via, hit.searched_as) == (
        "데드락",
        Tier.TYPO,
        Via.LAYOUT,
        "대드락",
    )


def test_an_english_acronym_typed_in_korean_mode() -> None:
    [hit] = layout_index("Object Oriented Programming", "Message Queue").search("ㅐㅐㅔ")
    assert (hit.doc.title, hit.tier, hit.searched_as) == (
        "Object Oriented Programming",
        Tier.SUBSEQUENCE,
        "oop",
    )


def test_mixed_layout_query_with_numbers() -> None:
    index = layout_index("1박2일 여행 계획", "2일 차 회고")
    [hit, *_] = index.search("1qkr2dlf")
    assert hit.doc.title == "1박2일 여행 계획" and hit.searched_as == "1박2일"
