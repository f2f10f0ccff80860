"""Ranking on titles as real notes write them, and 초성 with one consonant slipped."""

from __future__ import annotations

import pytest

from rehearse.core.search import SearchIndex, Tier
from tests.core.test_search import highlighted, index_of, make_docs, titles

# Headings from public Korean interview-question repositories (the kind issue 11 tried).
REAL_TITLES = [
    "[TCP] 3 way handshake & 4 way handshake",
    "만약 Travis CI에서 push 후에도 아무런 반응이 없다면?",
    "Creating closures in loops: A common mistake",
    "객체 지향 프로그래밍",
    "[Spring Boot] Test Code",
    "🔥 OSI 7계층",
    "TCP/IP 4계층",
]


def test_a_word_after_a_bracket_starts_the_title() -> None:
    """`TCP` is the first word of `[TCP] 3 way handshake`; Travis CI에서 push only spells it
    with the first letters of three words in the middle of a question."""
    hits = index_of(*REAL_TITLES).search("TCP")
    assert titles(hits)[:2] == ["TCP/IP 4계층", "[TCP] 3 way handshake & 4 way handshake"]
    assert [hit.tier for hit in hits[:2]] == [Tier.PREFIX, Tier.PREFIX]
    travis = titles(hits).index("만약 Travis CI에서 push 후에도 아무런 반응이 없다면?")
    assert travis > 1


def test_oop_is_not_a_word_inside_loops() -> None:
    hits = index_of(*REAL_TITLES).search("oop")
    assert titles(hits)[0] == "객체 지향 프로그래밍"
    assert titles(hits)[-1] == "Creating closures in loops: A common mistake"
    assert hits[-1].tier == Tier.INSIDE


@pytest.mark.parametrize(
    ("query", "title", "tier"),
    [
        ("osi", "🔥 OSI 7계층", Tier.PREFIX),  # an emoji before the first word
        ("spring boot", "[Spring Boot] Test Code", Tier.PREFIX),  # the bracket aside
        ("test code", "[Spring Boot] Test Code", Tier.SUBSTRING),
    ],
)
def test_punctuation_around_words_does_not_hide_them(query: str, title: str, tier: Tier) -> None:
    [hit, *_] = index_of(*REAL_TITLES).search(query)
    assert (hit.doc.title, hit.tier) == (title, tier)


def test_exact_ignores_punctuation_at_either_end() -> None:
    [hit] = index_of("자기소개?", "자기소개서 첨삭").search("자기소개", 1)
    assert (hit.doc.title, hit.tier) == ("자기소개?", Tier.EXACT)


# --- slipped 초성 ----------------------------------------------------------------------------


def test_one_slipped_consonant_still_finds_the_question() -> None:
    """ㄱㅈㅅ ㅊㅇㅈ for 경쟁사와의 차별점, where 차별점 is ㅊㅂㅈ."""
    index = index_of("경쟁사와의 차별점", "지원 동기", "자기소개")
    [hit] = index.search("ㄱㅈㅅ ㅊㅇㅈ")
    assert (hit.doc.title, hit.tier) == ("경쟁사와의 차별점", Tier.SLIPPED)
    assert highlighted(hit) == ["경쟁사", "차별점"]


def test_slipped_ranks_below_exact_initials() -> None:
    index = index_of("경쟁사와의 차별점", "경쟁사 차이점 분석")
    hits = index.search("ㄱㅈㅅ ㅊㅇㅈ")
    assert [(h.doc.title, h.tier) for h in hits] == [
        ("경쟁사 차이점 분석", Tier.INITIALS),
        ("경쟁사와의 차별점", Tier.SLIPPED),
    ]
    assert hits[0].score > hits[1].score


def test_slipped_within_one_word() -> None:
    [hit] = index_of("쿠버네티스 배포 전략", "데이터 정합성").search("ㅋㅂㄴㅌㅈ")
    assert (hit.doc.title, hit.tier) == ("쿠버네티스 배포 전략", Tier.SLIPPED)
    assert highlighted(hit) == ["쿠버네티스"]


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("ㅈㄱㅈ", id="three-consonants"),  # too short to allow a slip
        pytest.param("ㅈㄱ ㅅㅈ", id="slip-in-a-two-consonant-word"),
        pytest.param("ㅈㅈㅅㅈ", id="two-slips"),
    ],
)
def test_short_or_twice_slipped_initials_find_nothing(query: str) -> None:
    assert index_of("자기소개", "지원 동기").search(query) == []


def test_slipped_initials_need_the_other_words_exactly() -> None:
    assert index_of("경쟁사와의 차별점").search("ㄱㅈㅅ ㅊㅇㄱ") == []  # 차별점 slipped twice


def test_initials_of_latin_letters_do_not_count_as_a_slip() -> None:
    """Only a syllable can stand for a wrong consonant, not the C of `C언어`."""
    assert index_of("C언어 포인터").search("ㄱㅇㅇ ㅍㅇㅌ") == []


# --- readings and ranking together ------------------------------------------------------------


def test_every_title_hit_ranks_above_every_answer_hit() -> None:
    docs = make_docs([("결제 흐름", "카프카로 이벤트를 보냅니다"), "카프카 파티션", "Kafka 입문"])
    hits = SearchIndex(docs).search("kafka")
    assert [hit.in_answer for hit in hits] == [False, False, True]
    assert titles(hits)[:2] == ["Kafka 입문", "카프카 파티션"]
