"""A glossary name stands as a word of its own: a Korean one with its particles (카프카의),
never as the start of a longer word (자바스크립트, 카프카스트림즈, 리액트네이티브)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehearse.core.glossary import Glossary
from rehearse.core.search import SearchIndex, Via
from rehearse.core.search.boundaries import MAX_PARTICLES, PARTICLES, is_particles
from tests.core.test_search import make_docs, titles

SHIPPED = Glossary.shipped()
PARTICLE_LIST = sorted(PARTICLES)


def through(hits: list, name: str) -> list[str]:  # type: ignore[type-arg]
    """The titles found through the glossary name `name`."""
    return [hit.doc.title for hit in hits if hit.searched_as == name]


@pytest.mark.parametrize(
    ("query", "name", "found", "not_found"),
    [
        (
            "java",
            "자바",
            ["자바의 GC", "자바로 만든 서버", "자바 8 스트림"],
            ["자바스크립트 클로저"],
        ),
        ("kafka", "카프카", ["카프카는 왜 빠른가", "카프카에서는 무엇이"], ["카프카스트림즈 활용"]),
        ("react", "리액트", ["리액트 훅", "리액트의 상태"], ["리액트네이티브 경험"]),
        ("thread", "스레드", ["멀티 스레드인 이유", "스레드들에서는"], ["스레드풀스레드"]),
        ("cache", "캐시", ["캐시하는 방법", "캐시DB 설계"], ["캐시미어 스웨터"]),
    ],
)
def test_a_korean_name_matches_as_its_word_and_particles_only(
    query: str, name: str, found: list[str], not_found: list[str]
) -> None:
    index = SearchIndex(make_docs([*found, *not_found]))
    assert sorted(through(index.search(query), name)) == sorted(found)


def test_a_name_typed_whole_ranks_above_the_longer_names_it_begins() -> None:
    """`java` is 자바; JavaScript, which `java` also begins, comes after."""
    index = SearchIndex(make_docs(["자바스크립트 클로저", "자바스크립트", "자바 가비지 컬렉션"]))
    hits = index.search("java")
    assert titles(hits) == ["자바 가비지 컬렉션", "자바스크립트", "자바스크립트 클로저"]
    assert [hit.searched_as for hit in hits] == ["자바", "자바스크립트", "자바스크립트"]


def test_in_answer_text_too() -> None:
    docs = make_docs(
        [
            ("언어", "주로 자바스크립트를 씁니다."),
            ("서버", "서버는 자바로 만들었습니다."),
            ("큐", "아카프카는 없다. 카프카스트림즈를 쓴다."),
        ]
    )
    index = SearchIndex(docs, glossary=SHIPPED)
    hits = index.search("java")
    assert [(hit.doc.title, hit.snippet[slice(*hit.spans[0])]) for hit in hits] == [
        ("서버", "자바")
    ]
    assert index.search("kafka") == []


def test_a_word_that_is_another_name_is_not_taken_for_a_shorter_one() -> None:
    """With 자바로 a name of its own (a user's term), the word 자바로 is that term, not 자바."""
    glossary = SHIPPED.with_synonyms([["자바로", "javaro"]])
    docs = make_docs(
        [("자바로 만든 서버", "자바로 만들었다."), "자바의 GC", ("답", "자바로 쓴다.")]
    )
    index = SearchIndex(docs, glossary=glossary)
    assert through(index.search("java"), "자바") == ["자바의 GC"]
    assert not any(hit.in_answer for hit in index.search("java"))
    hits = index.search("javaro")
    assert [(hit.doc.title, hit.via, hit.searched_as) for hit in hits] == [
        ("자바로 만든 서버", Via.SYNONYM, "자바로"),
        ("답", Via.SYNONYM, "자바로"),
    ]


@given(st.lists(st.sampled_from(PARTICLE_LIST), min_size=1, max_size=MAX_PARTICLES))
def test_up_to_three_particles_in_a_row_are_taken(particles: list[str]) -> None:
    rest = "".join(particles)
    assert is_particles(rest)
    index = SearchIndex(make_docs([f"카프카{rest} 입문", f"카프카{rest}스트림"]))
    assert through(index.search("kafka"), "카프카") == [f"카프카{rest} 입문"]


@given(st.text(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=4))
def test_any_other_hangul_after_a_name_makes_a_longer_word(rest: str) -> None:
    index = SearchIndex(make_docs([f"카프카{rest}"]))
    assert (through(index.search("kafka"), "카프카") != []) == is_particles(rest)
