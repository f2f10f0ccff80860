"""Queries as Korean developers type them: English words mixed into Korean typed in English
mode, half-typed glossary names, symbol terms in answer text, and short Latin words."""

from __future__ import annotations

import pytest

from rehearse.core.glossary import Glossary
from rehearse.core.search import SearchIndex, Tier, Via
from tests.core.test_search import highlighted, make_docs, titles

MIXED_TITLES = [
    "docker 파일 작성방법은?",
    "Spring 동작 원리",
    "TCP, UDP 차이를 설명해주세요",
    "Redis가 다운되면 생기는 일",
    "JPA의 open session in view",
    "카산드라DB 몽고디비 비교",
    "Webpack에서 Vite로의 전환과정",
    "n+1쿼리",
    "자기소개",
    "프로세스와 스레드",
]


@pytest.fixture(scope="module")
def mixed() -> SearchIndex:
    return SearchIndex(make_docs(MIXED_TITLES))


# --- the other layout, word by word ----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "title", "searched_as"),
    [
        ("docker vkdlf", "docker 파일 작성방법은?", "docker 파일"),
        ("spring ehdwkr", "Spring 동작 원리", "spring 동작"),
        ("tcp ckdl", "TCP, UDP 차이를 설명해주세요", "tcp 차이"),
        ("Redisrk ekdns", "Redis가 다운되면 생기는 일", "redis가 다운"),  # Redis가, in English mode
        ("JPAdml open", "JPA의 open session in view", "jpa의 open"),
        ("zktksemfkDB", "카산드라DB 몽고디비 비교", "카산드라db"),  # a known word ends it
        ("Webpackdptj Vitefhdml", "Webpack에서 Vite로의 전환과정", "webpack에서 vite로의"),
        ("n+1znjfl", "n+1쿼리", "n+1쿼리"),
    ],
)
def test_a_query_mixing_english_with_korean_typed_in_english_mode(
    mixed: SearchIndex, typed: str, title: str, searched_as: str
) -> None:
    [first, *_] = mixed.search(typed)
    assert (first.doc.title, first.via) == (title, Via.LAYOUT)
    assert first.searched_as == searched_as


def test_each_half_alone_still_works(mixed: SearchIndex) -> None:
    assert titles(mixed.search("docker"))[:1] == ["docker 파일 작성방법은?"]
    assert titles(mixed.search("vkdlf"))[:1] == ["docker 파일 작성방법은?"]


def test_a_korean_word_the_notes_hold_stays_beside_a_latin_one_typed_in_korean_mode() -> None:
    index = SearchIndex(make_docs(["JVM 메모리 구조", "메모리 누수"]), glossary=Glossary())
    [first, *_] = index.search("ㅓ프 메모리")
    assert (first.doc.title, first.via) == ("JVM 메모리 구조", Via.LAYOUT)
    assert first.searched_as == "jvm 메모리"


def test_a_word_neither_known_nor_convertible_leaves_no_word_by_word_reading() -> None:
    """초성 typed beside 초성 is no word typed in the wrong mode: `ㄱㅈㅅ ㅊㅇ` is not
    ㄱㅈㅅ plus the glossary's `cd`; a word the notes do not hold is not kept either."""
    index = SearchIndex(make_docs(["경쟁사와의 차별점", "CI/CD 파이프라인", "Message Queue"]))
    texts = {reading.text for reading in index.readings("ㄱㅈㅅ ㅊㅇ")}
    assert "ㄱㅈㅅ cd" not in texts
    texts = {reading.text for reading in index.readings("ㅡㄷㄴㄴㅁㅎㄷ ㅂ")}
    assert texts & {"message q", "message ㅂ"} == {"message q"}  # the whole query, read once


def test_a_two_letter_word_is_not_read_on_the_other_layout_when_it_matches_as_typed() -> None:
    """`go` is 해 on the other layout; with a title holding `go`, 해시 is noise."""
    index = SearchIndex(make_docs(["go 언어의 고루틴", "해시 테이블"]), glossary=Glossary())
    assert titles(index.search("go")) == ["go 언어의 고루틴"]
    alone = SearchIndex(make_docs(["해시 테이블"]), glossary=Glossary())
    assert titles(alone.search("go")) == ["해시 테이블"], "nothing as typed: the other reading"


def test_an_acronym_is_not_read_as_one_syllable_when_it_matches_as_typed() -> None:
    """`dns` is 운 on the other layout: beside DNS 동작, 운영체제 is noise."""
    index = SearchIndex(make_docs(["DNS 동작", "운영체제 기본"]), glossary=Glossary())
    assert titles(index.search("dns")) == ["DNS 동작"]
    alone = SearchIndex(make_docs(["운영체제 기본"]), glossary=Glossary())
    assert titles(alone.search("dns")) == ["운영체제 기본"], "nothing as typed: the other reading"
    longer = SearchIndex(make_docs(["dkssud 이란", "안녕하세요"]), glossary=Glossary())
    assert titles(longer.search("dkssud")) == ["dkssud 이란", "안녕하세요"]


# --- ranking: what was typed first, a half-typed name is a prefix ---------------------------


def test_a_name_reached_as_the_start_of_a_longer_one_is_a_prefix_not_an_exact_title() -> None:
    """`thread` begins `thread pool` (쓰레드 풀); the literal `thread safety` ranks first."""
    index = SearchIndex(make_docs(["쓰레드 풀", "thread safety"]))
    hits = index.search("thread")
    assert [(h.doc.title, h.tier, h.via) for h in hits] == [
        ("thread safety", Tier.PREFIX, Via.TYPED),
        ("쓰레드 풀", Tier.PREFIX, Via.SYNONYM),
    ]
    assert hits[0].score > hits[1].score


def test_a_half_typed_name_scores_as_a_prefix_like_the_same_prefix_in_hangul() -> None:
    index = SearchIndex(make_docs(["카프카", "카프"]))
    [kafka] = [hit for hit in index.search("kafk") if hit.doc.title == "카프카"]
    [hangul] = [hit for hit in index.search("카프") if hit.doc.title == "카프카"]
    assert kafka.tier == hangul.tier == Tier.PREFIX
    assert kafka.score < hangul.score  # the glossary's just below what was typed


def test_another_name_of_the_whole_term_is_an_exact_title_above_a_literal_prefix() -> None:
    """The rule, by kind: 교착 상태 *is* 데드락 (an exact title, through the glossary), which
    ranks above a title that only starts with what was typed, and below an exact one."""
    index = SearchIndex(make_docs(["교착 상태 회피", "데드락", "교착 상태"]))
    hits = index.search("교착 상태")
    assert [(h.doc.title, h.tier, h.via) for h in hits] == [
        ("교착 상태", Tier.EXACT, Via.TYPED),
        ("데드락", Tier.EXACT, Via.SYNONYM),
        ("교착 상태 회피", Tier.PREFIX, Via.TYPED),
    ]


# --- glossary names in answer text -------------------------------------------------------------

LANGUAGES = ("언어 질문", "저는 c++ 과 C# 을 씁니다. 프론트는 JavaScript 로 합니다.")


@pytest.mark.parametrize(
    ("typed", "found"),
    [("씨쁠쁠", "c++"), ("cpp", "c++"), ("씨샵", "C#"), ("csharp", "C#"), ("자바스", "JavaScript")],
)
def test_a_symbol_term_or_a_half_typed_name_finds_answer_text(typed: str, found: str) -> None:
    [hit] = SearchIndex(make_docs([LANGUAGES, "다른 질문"])).search(typed)
    assert hit.in_answer and hit.via == Via.SYNONYM
    assert hit.snippet[slice(*hit.spans[0])] == found


def test_a_short_latin_name_in_answers_matches_whole_words_only() -> None:
    docs = make_docs([("파싱", "JSON 을 파싱합니다."), ("클로저", "JS 클로저를 씁니다.")])
    hits = SearchIndex(docs).search("자바스크립트")
    assert [(hit.doc.title, hit.in_answer) for hit in hits] == [("클로저", True)]
    assert hits[0].snippet[slice(*hits[0].spans[0])] == "JS"


# --- typos -----------------------------------------------------------------------------------


def test_a_latin_typo_starts_a_word() -> None:
    """`redis` is not one letter off the `reads` inside `threads`."""
    index = SearchIndex(make_docs(["Redis 캐시", "thread safety"]))
    assert "thread safety" not in titles(index.search("redis"))
    [typo] = SearchIndex(make_docs(["Redus 설정", "thread safety"])).search("redis")
    assert typo.tier == Tier.TYPO and highlighted(typo)[0].startswith("R")
