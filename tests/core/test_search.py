"""Question search: Korean (초성, half-typed syllables, typos, spacing, NFD) and English.

The fixture set is benchmarks/search_queries.py: interview questions in Korean and
English, near-miss decoys, and typed queries each with a known target.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from benchmarks.search_queries import (
    ANSWER_ONLY,
    EN_DECOYS,
    KO_DECOYS,
    NONSENSE,
    QUERIES,
    TARGETS,
    Query,
    initials_of,
    keystrokes,
    typing_states,
)
from rehearse.core import hangul
from rehearse.core.notebook import open_notebook
from rehearse.core.search import (
    Glossary,
    Hit,
    QuestionKey,
    SearchDoc,
    SearchIndex,
    Tier,
    docs_for_notebook,
)
from rehearse.core.search.model import rank_class
from tests.conftest import write_note

KO_FILE = Path("notes/면접.md")
EN_FILE = Path("notes/english.md")


def make_docs(
    entries: Sequence[str | tuple[str, str]], path: Path = KO_FILE, first_section: int = 1
) -> list[SearchDoc]:
    """SearchDocs for (title, answer) pairs (or bare titles), one per section of `path`."""
    docs = []
    for offset, entry in enumerate(entries):
        title, answer = (entry, "") if isinstance(entry, str) else entry
        section = first_section + offset
        docs.append(
            SearchDoc(
                key=QuestionKey(path, section),
                title=title,
                file=path.as_posix(),
                context=(),
                line=section * 3,
                answer=answer,
            )
        )
    return docs


def index_of(*titles: str) -> SearchIndex:
    return SearchIndex(make_docs(titles))


def fixture_docs() -> list[SearchDoc]:
    korean = [(t.title, t.answer) for t in TARGETS if hangul.has_hangul(t.title)]
    english = [(t.title, t.answer) for t in TARGETS if not hangul.has_hangul(t.title)]
    return make_docs([*korean, *KO_DECOYS]) + make_docs([*english, *EN_DECOYS], EN_FILE)


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(fixture_docs())


def titles(hits: Sequence[Hit]) -> list[str]:
    return [hit.doc.title for hit in hits]


def highlighted(hit: Hit) -> list[str]:
    return [hit.doc.title[start:end] for start, end in hit.spans]


# --- the query set: every kind of query finds its target --------------------------------------


def test_query_set_has_forty_typed_queries_of_every_kind() -> None:
    assert len(QUERIES) >= 40
    kinds = {query.kind for query in QUERIES}
    assert {"exact", "prefix", "initials", "mixed", "half-syllable", "typo", "spacing"} <= kinds
    assert {"case", "word-order", "acronym", "symbols"} <= kinds
    fixture_titles = {doc.title for doc in fixture_docs()}
    for query in QUERIES:
        assert query.target in fixture_titles, query
        assert keystrokes(query)[-1] == query.typed, "the keyboard can type it as written"


@pytest.mark.parametrize(
    "query",
    QUERIES,
    ids=[f"{q.kind}:{q.typed if q.typed.isascii() else n}" for n, q in enumerate(QUERIES)],
)
def test_every_typed_query_finds_its_target_in_the_top_3(index: SearchIndex, query: Query) -> None:
    found = titles(index.search(query.typed, 10))
    assert query.target in found[:3], f"{query.typed!r} -> {query.target!r}; got {found[:5]}"


# --- Korean ---------------------------------------------------------------------------------


def test_initial_consonants_find_jagisogae_first(index: SearchIndex) -> None:
    hits = index.search("ㅈㄱㅅㄱ")
    assert titles(hits)[0] == "자기소개"
    assert set(titles(hits)[1:3]) == {"1분 자기소개", "자기소개서 첨삭 포인트"}
    tiers = [hit.tier for hit in hits]
    assert tiers[:3] == [Tier.INITIALS] * 3
    assert tiers == sorted(tiers) and set(tiers) <= {Tier.INITIALS, Tier.SLIPPED}
    [one_minute] = [hit for hit in hits if hit.doc.title == "1분 자기소개"]
    assert highlighted(one_minute) == ["자기소개"]


@pytest.mark.parametrize("query", ["스ㅍ", "슾", "스프", "ㅅㅍㄹ"])
def test_mixed_and_half_composed_queries_find_spring(index: SearchIndex, query: str) -> None:
    spring = {"스프링 빈의 생명주기는?", "스프링 부트 자동 설정", "스프링 시큐리티 필터 체인"}
    assert set(titles(index.search(query))[:3]) == spring


def test_half_composed_kap_finds_kafka(index: SearchIndex) -> None:
    hits = index.search("캎")
    assert set(titles(hits)[:2]) == {"카프카 파티션과 컨슈머 그룹", "카프카 컨슈머 랙 모니터링"}
    assert all(highlighted(hit)[0] == "카프" for hit in hits[:2])


def test_go_on_the_way_to_gwa_finds_both() -> None:
    hits = index_of("고객 응대 경험", "과제 전형 회고", "구조 설계").search("고")
    assert set(titles(hits)[:2]) == {"고객 응대 경험", "과제 전형 회고"}
    assert "구조 설계" not in titles(hits)


def test_one_jamo_typo_finds_data(index: SearchIndex) -> None:
    hits = index.search("데이타")
    assert set(titles(hits)[:2]) == {"데이터베이스 인덱스 설계", "데이터 정합성 검증"}
    assert hits[0].tier == Tier.TYPO
    assert highlighted(hits[0]) == ["데이터"]


def test_two_jamo_typos_in_a_short_word_are_not_a_match() -> None:
    assert index_of("대이터 분석").search("데이타") == []


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("1분자기소개", "1분 자기소개"),
        ("1분 자기소개", "1분자기소개"),
        ("갈등 해결", "갈등해결 사례"),
    ],
)
def test_spacing_differences_both_ways(query: str, title: str) -> None:
    hits = index_of("자기소개", title, "갈등 상황에서의 역할").search(query)
    assert titles(hits)[0] == title
    assert hits[0].tier in (Tier.EXACT, Tier.PREFIX)


def test_spacing_query_highlights_around_the_space() -> None:
    [hit, *_] = index_of("1분 자기소개").search("1분자기소개")
    assert hit.spans == ((0, 2), (3, 7))
    assert highlighted(hit) == ["1분", "자기소개"]


@pytest.mark.parametrize(
    "query", ["자기소개", "1분 ㅈㄱㅅㄱ", "과제 젆", "데이타", "스프링 빈", "슾"]
)
def test_nfd_query_finds_what_nfc_finds(index: SearchIndex, query: str) -> None:
    nfd = unicodedata.normalize("NFD", query)
    assert nfd != query
    nfc_hits = index.search(query)
    assert nfc_hits
    assert [(h.doc.key, h.tier, h.spans) for h in index.search(nfd)] == [
        (h.doc.key, h.tier, h.spans) for h in nfc_hits
    ]


def test_nfd_titles_on_disk_are_found_by_nfc_and_nfd_queries(tmp_path: Path) -> None:
    text = "# 인성 면접\n\n## 1분 자기소개\n\n안녕하세요.\n\n## 지원 동기\n\n성장하고 싶습니다.\n"
    write_note(tmp_path, "mac.md", unicodedata.normalize("NFD", text))
    index = SearchIndex(docs_for_notebook(open_notebook(tmp_path)))
    for query in ("자기소개", unicodedata.normalize("NFD", "자기소개"), "ㅈㄱㅅㄱ"):
        [hit, *_] = index.search(query)
        assert hit.doc.title == "1분 자기소개"
        assert highlighted(hit) == ["자기소개"]


def test_spans_of_an_nfd_title_point_into_that_title() -> None:
    """A SearchDoc built with an NFD title (as macOS writes it) is found; its highlight must
    cover the characters of `hit.doc.title` that spell the query."""
    title = unicodedata.normalize("NFD", "자기소개 준비")
    [hit] = SearchIndex(make_docs([title])).search("자기소개")
    assert hit.doc.title == title
    marked = "".join(hit.doc.title[start:end] for start, end in hit.spans)
    assert unicodedata.normalize("NFC", marked) == "자기소개"


# --- Latin ----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["message queue", "MESSAGE QUEUE", "Message queue"])
def test_case_does_not_matter(index: SearchIndex, query: str) -> None:
    [hit, *_] = index.search(query)
    assert hit.doc.title == "Message Queue"
    assert hit.tier == Tier.EXACT


def test_words_in_any_order(index: SearchIndex) -> None:
    [hit, *_] = index.search("queue message")
    assert hit.doc.title == "Message Queue"
    assert hit.tier == Tier.ALL_WORDS
    assert highlighted(hit) == ["Message", "Queue"]


def test_acronym_highlights_the_word_starts() -> None:
    docs = make_docs(["Object Oriented Programming", "Message Queue"])
    [hit] = SearchIndex(docs, glossary=Glossary()).search("oop")  # not as 객체 지향's name
    assert hit.tier == Tier.SUBSEQUENCE
    assert highlighted(hit) == ["O", "O", "P"]


def test_acronym_ranks_above_a_match_buried_inside_a_word(index: SearchIndex) -> None:
    """`oop` typed for Object Oriented Programming: every letter starts a word there, while
    `Loop Invariants` only hides "oop" inside "Loop" (fzf --filter ranks OOP first too)."""
    found = titles(index.search("oop"))
    assert found[0] == "Object Oriented Programming", found[:4]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("c++", {"C++ Memory Management", "Memory Leaks in C++"}),
        ("i/o", {"I/O Multiplexing", "I/O Scheduling"}),
        ("ci/cd", {"CI/CD Pipeline"}),
    ],
)
def test_symbols_are_kept(index: SearchIndex, query: str, expected: set[str]) -> None:
    hits = index.search(query, answers=False)
    assert set(titles(hits)[: len(expected)]) == expected
    assert "C Memory Layout" not in titles(hits)
    for hit in hits[: len(expected)]:
        assert "".join(highlighted(hit)).lower() == query


# --- ranking --------------------------------------------------------------------------------


def test_exact_then_prefix_then_substring_then_typo() -> None:
    index = index_of(
        "메타데이터 관리", "대이터 분석", "빅 데이터 처리", "데이터베이스 인덱스", "데이터"
    )
    hits = index.search("데이터")
    assert titles(hits) == [
        "데이터",
        "데이터베이스 인덱스",
        "빅 데이터 처리",
        "메타데이터 관리",
        "대이터 분석",
    ]
    assert [hit.tier for hit in hits] == [
        Tier.EXACT, Tier.PREFIX, Tier.SUBSTRING, Tier.INSIDE, Tier.TYPO,
    ]  # fmt: skip
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)


def test_initials_before_typos() -> None:
    hits = index_of("대이터 분석", "메타데이터 관리", "데이터").search("데이ㅌ")
    assert titles(hits) == ["데이터", "메타데이터 관리", "대이터 분석"]
    assert [hit.tier for hit in hits] == [Tier.INITIALS, Tier.INITIALS, Tier.TYPO]


def test_word_start_before_inside_a_word_in_the_same_tier() -> None:
    hits = index_of("스케줄큐 구현", "메시지 큐를 쓰는 이유").search("큐")
    assert titles(hits) == ["메시지 큐를 쓰는 이유", "스케줄큐 구현"]
    assert hits[0].score > hits[1].score


def test_recency_breaks_a_tie_and_leaves_the_score_alone() -> None:
    docs = make_docs(["자기소개 A안", "자기소개 B안"])
    index = SearchIndex(docs)
    plain = index.search("자기소개")
    assert titles(plain) == ["자기소개 A안", "자기소개 B안"]
    recent = index.search("자기소개", recency={docs[1].key: 100.0, docs[0].key: 5.0})
    assert titles(recent) == ["자기소개 B안", "자기소개 A안"]
    assert [hit.score for hit in recent] == [hit.score for hit in plain]


def test_recency_never_lifts_a_worse_match() -> None:
    docs = make_docs(["1분 자기소개", "자기소개", "자기소개서 첨삭"])
    index = SearchIndex(docs)
    recency = {docs[0].key: 1e9, docs[2].key: 1e6}
    hits = index.search("자기소개", recency=recency)
    assert titles(hits) == ["자기소개", "자기소개서 첨삭", "1분 자기소개"]
    assert [hit.tier for hit in hits] == [Tier.EXACT, Tier.PREFIX, Tier.SUBSTRING]


def test_title_hits_come_before_answer_hits(index: SearchIndex) -> None:
    hits = index.search("결제")
    tiers = [hit.tier for hit in hits]
    assert tiers == sorted(tiers)
    assert titles(hits)[:2] == ["결제 취소 흐름", "결제 시스템 멱등성"]
    answer_titles = [hit.doc.title for hit in hits if hit.in_answer]
    assert {"자기소개", "1분 자기소개"} <= set(answer_titles)
    assert not set(answer_titles) & {"결제 취소 흐름", "결제 시스템 멱등성"}, "listed once"


# --- answers --------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "target"), list(ANSWER_ONLY.items()))
def test_answer_text_is_found_and_shown_as_such(
    index: SearchIndex, query: str, target: str
) -> None:
    hits = index.search(query)
    [hit] = [h for h in hits if h.doc.title == target]
    assert hit.in_answer and hit.tier == Tier.ANSWER
    assert query in hit.snippet
    assert [hit.snippet[start:end] for start, end in hit.spans] == query.split()
    assert target not in titles(index.search(query, answers=False))


def test_answer_needs_every_word(index: SearchIndex) -> None:
    assert titles(index.search("롤백 절차")) == ["장애 대응 경험"]
    assert index.search("롤백 카프카 절차") == []


def test_answer_word_is_not_buried_under_scattered_letter_matches() -> None:
    """`epoll` is written in one answer; titles that merely hold e..p..o..l..l scattered
    ("TypeScript: rollouts") must not push it off the CLI's default 20 rows."""
    from benchmarks.search_corpus import make_corpus

    index = SearchIndex(make_corpus("en", 1_000))
    hits = index.search("epoll", 20)
    assert "I/O Multiplexing" in [hit.doc.title for hit in hits if hit.in_answer], [
        (hit.doc.title, hit.tier.name) for hit in hits[:5]
    ]


def test_comments_and_headings_are_not_answer_text(tmp_path: Path) -> None:
    write_note(
        tmp_path,
        "인성.md",
        "## 장애 대응 경험\n\n새벽에 롤백 절차를 밟았습니다. %% 비밀 메모 %%\n\n"
        "### 재발 방지\n\n알람 임계치를 조정했습니다.\n",
    )
    index = SearchIndex.from_notebook(open_notebook(tmp_path))
    assert titles(index.search("롤백")) == ["장애 대응 경험"]
    assert index.search("비밀 메모") == []
    [child] = index.search("임계치")
    assert child.doc.title == "재발 방지" and child.in_answer
    assert child.doc.context == ("장애 대응 경험",)


# --- nonsense -------------------------------------------------------------------------------


@pytest.mark.parametrize("query", NONSENSE)
def test_nonsense_finds_nothing_or_only_typos(index: SearchIndex, query: str) -> None:
    hits = index.search(query)
    assert all(hit.tier >= Tier.TYPO for hit in hits), [(h.doc.title, h.tier) for h in hits]


def test_nonsense_finds_nothing(index: SearchIndex) -> None:
    assert index.search("뷁뛟쀍") == []
    assert index.search("zxqvj") == []


def test_empty_query_and_empty_index() -> None:
    assert index_of("자기소개").search("") == []
    assert index_of("자기소개").search("   ") == []
    assert SearchIndex().search("자기소개") == []


# --- highlight offsets ----------------------------------------------------------------------


SPAN_CASES = [
    pytest.param("1분 자기소개", "ㅈㄱㅅㄱ", ["자기소개"], id="initials-inside"),
    pytest.param("🔥 장애 대응 경험", "장애대응", ["장애", "대응"], id="spacing-after-emoji"),
    pytest.param("🔥 장애 대응 경험", "대응 경험", ["대응", "경험"], id="words-after-emoji"),
    pytest.param("스프링 빈의 생명주기는?", "슾", ["스프"], id="half-syllable-seup"),
    pytest.param("스프링 빈의 생명주기는?", "생명죽", ["생명주기"], id="half-syllable-juk"),
    pytest.param("과제 전형 회고", "과제 젆", ["과제", "전형"], id="half-syllable-compound-final"),
    pytest.param(
        "카프카 파티션과 컨슈머 그룹",
        "ㅋㅍㅋ ㅍㅌㅅ",
        ["카프카", "파티션"],
        id="initials-two-words",
    ),
    pytest.param(
        "뮤텍스 테스트 전략",
        "ㅁㅌㅅ ㅌㅅㅌ ㅈㄹ",
        ["뮤텍스", "테스트", "전략"],
        id="initials-words-sharing-initials-1",
    ),
    pytest.param(
        "세마포어 운영 노하우",
        "ㅅㅁㅍㅇ ㅇㅇ ㄴㅎㅇ",
        ["세마포어", "운영", "노하우"],
        id="initials-words-sharing-initials-2",
    ),
    pytest.param("데이터베이스 인덱스 설계", "데이타베이스", ["데이터베이스"], id="typo"),
    pytest.param("메시지 큐를 쓰는 이유", "큐", ["큐"], id="one-syllable"),
    pytest.param("［면접］ 지원 동기", "지원동기", ["지원", "동기"], id="fullwidth-brackets"),
    pytest.param("C++ Memory Management", "memory c++", ["C++", "Memory"], id="latin-any-order"),
]


@pytest.mark.parametrize(("title", "query", "marked"), SPAN_CASES)
def test_spans_point_at_the_matched_characters(title: str, query: str, marked: list[str]) -> None:
    [hit] = index_of(title).search(query)
    assert highlighted(hit) == marked
    assert all(0 <= start < end <= len(title) for start, end in hit.spans)


# --- update_file and notebooks --------------------------------------------------------------


def test_update_file_replaces_only_that_files_questions() -> None:
    korean = make_docs(["자기소개", "지원 동기"])
    english = make_docs(["Message Queue"], EN_FILE)
    index = SearchIndex(korean + english)
    index.update_file(KO_FILE, make_docs(["자기소개서 첨삭", "입사 후 포부"]))
    assert len(index) == 3
    assert titles(index.search("ㅈㅇㄷㄱ")) == []
    assert titles(index.search("ㅈㄱㅅㄱ")) == ["자기소개서 첨삭"]
    assert highlighted(index.search("첨삭")[0]) == ["첨삭"]
    assert titles(index.search("queue")) == ["Message Queue"]


def test_update_file_with_a_renamed_title_under_the_same_key() -> None:
    index = SearchIndex(make_docs(["자기소개", "지원 동기"]))
    index.update_file(KO_FILE, make_docs(["1분 자기소개", "지원 동기"]))
    [hit] = index.search("1분")
    assert hit.doc.title == "1분 자기소개"
    assert highlighted(index.search("ㅈㄱㅅㄱ")[0]) == ["자기소개"]


def test_update_file_with_no_questions_removes_the_file() -> None:
    index = SearchIndex(make_docs(["자기소개"]) + make_docs(["Message Queue"], EN_FILE))
    index.update_file(KO_FILE, [])
    assert len(index) == 1
    assert index.search("자기소개") == []


def test_notebook_docs_carry_file_line_and_parents(tmp_path: Path) -> None:
    write_note(
        tmp_path,
        "01-인성.md",
        "# 인성 면접\n\n## 자기소개\n\n안녕하세요.\n\n### 1분 자기소개\n\n짧게.\n",
    )
    write_note(tmp_path, "sub/02-기술.md", "## 메시지 큐를 쓰는 이유\n\n결합도를 낮춥니다.\n")
    index = SearchIndex.from_notebook(open_notebook(tmp_path))
    [first, second, *_] = index.search("ㅈㄱㅅㄱ")
    assert (first.doc.title, first.doc.file, first.doc.line) == ("자기소개", "01-인성.md", 3)
    assert second.doc.context == ("인성 면접", "자기소개")
    assert second.doc.line == 7
    [queue] = index.search("메시지큐")
    assert (queue.doc.file, queue.doc.line) == ("sub/02-기술.md", 1)


def test_limit_is_respected(index: SearchIndex) -> None:
    assert len(index.search("ㅈ", 3)) == 3
    assert len(index.search("e", 5)) == 5


# --- properties -----------------------------------------------------------------------------

syllables = st.integers(hangul.SYLLABLE_FIRST, hangul.SYLLABLE_LAST).map(chr)
words = st.lists(syllables, min_size=1, max_size=5).map("".join)
hangul_titles = st.lists(words, min_size=1, max_size=3).map(" ".join)
DISTRACTORS = fixture_docs()


def with_distractors(title: str) -> tuple[SearchIndex, QuestionKey]:
    [doc] = make_docs([title], Path("notes/새 노트.md"))
    return SearchIndex([*DISTRACTORS, doc]), doc.key


@given(hangul_titles)
def test_every_state_of_typing_a_title_finds_it(title: str) -> None:
    """Each intermediate state on a 두벌식 keyboard (ㄱ, 고, 과, 괒, 과제 ...) finds the title."""
    index, key = with_distractors(title)
    for state in typing_states(title):
        if state.strip():
            found = [hit.doc.key for hit in index.search(state, len(DISTRACTORS) + 1)]
            assert key in found, (title, state)


def initials_hit(title: str) -> Hit:
    index, key = with_distractors(title)
    hits = index.search(initials_of(title), len(DISTRACTORS) + 1)
    [hit] = [hit for hit in hits if hit.doc.key == key]
    return hit


@given(hangul_titles)
def test_initials_of_a_title_find_it(title: str) -> None:
    hit = initials_hit(title)
    assert hit.tier in (Tier.INITIALS, Tier.ALL_WORDS)


@given(hangul_titles)
def test_initials_of_a_title_highlight_every_syllable(title: str) -> None:
    assert "".join(highlighted(initials_hit(title))) == title.replace(" ", "")


@given(hangul_titles, st.data())
def test_a_piece_of_the_title_highlights_that_piece(title: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(title) - 1))
    end = data.draw(st.integers(start + 1, len(title)))
    query = title[start:end]
    assume(query.strip())
    index, key = with_distractors(title)
    [hit] = [hit for hit in index.search(query, len(DISTRACTORS) + 1) if hit.doc.key == key]
    assert hit.tier <= Tier.INSIDE
    marked = "".join(highlighted(hit))
    assert hangul.to_jamo(marked).startswith(hangul.to_jamo(query.replace(" ", "")))


@given(hangul_titles)
def test_nfd_typing_states_find_what_nfc_finds(title: str) -> None:
    index, _ = with_distractors(title)
    for state in typing_states(title)[-3:]:
        if state.strip():
            nfc = [(h.doc.key, h.tier) for h in index.search(state)]
            nfd = [(h.doc.key, h.tier) for h in index.search(unicodedata.normalize("NFD", state))]
            assert nfd == nfc


KEYSTROKES = sorted({state for query in QUERIES for state in keystrokes(query)})


@given(st.sampled_from(KEYSTROKES))
def test_hits_are_ordered_by_tier_and_score(state: str) -> None:
    hits = SearchIndex(DISTRACTORS).search(state)
    kinds = [rank_class(hit.tier, hit.via) for hit in hits]
    assert kinds == sorted(kinds)
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert len({hit.doc.key for hit in hits}) == len(hits), "each question once"


def assert_well_formed(hits: Sequence[Hit]) -> None:
    for hit in hits:
        bound = len(hit.snippet) if hit.in_answer else len(hit.doc.title)
        assert all(0 <= start < end <= bound for start, end in hit.spans), hit


@given(st.text(st.characters(blacklist_characters="\x00"), max_size=12))
def test_any_query_returns_well_formed_hits(query: str) -> None:
    assert_well_formed(SearchIndex(DISTRACTORS).search(query))


def test_a_nul_character_in_a_query_does_not_crash() -> None:
    """A pasted control character must not raise: the index joins titles with NUL."""
    index = SearchIndex(DISTRACTORS)
    for query in ("\x00", "자기\x00소개", "ㄱ\x00"):
        assert_well_formed(index.search(query))


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("부하 테스트를 설계", id="load-test-design"),
        pytest.param("백엔드 개발자로서의 강점", id="backend-strengths"),
        pytest.param("기술 면접 준비", id="tech-interview-prep"),
    ],
)
def test_a_long_query_is_not_a_typo_of_a_short_title_inside_it(query: str) -> None:
    """Category headings such as `# 설계` are questions too; a query that merely contains the
    word is no one-jamo typo of it, and must not crowd out real matches (50 of them in
    benchmarks/corpus.py's notes hide every answer hit for 부하 테스트를 설계)."""
    answer = ("성능 개선 경험", "처음부터 부하 테스트를 설계에 포함했습니다.")
    index = SearchIndex(make_docs(["설계", "기술", "백엔드", answer]))
    typos = [hit.doc.title for hit in index.search(query) if hit.tier == Tier.TYPO]
    assert typos == []


def test_search_answers_gives_the_answer_hits_of_search_and_skips_the_excluded() -> None:
    docs = make_docs(
        [("카프카 기초", "파티션으로 나눕니다"), ("레디스", "카프카와 달리 메모리에 둡니다")]
    )
    index = SearchIndex(docs)
    combined = index.search("카프카")
    assert [(h.doc.title, h.in_answer) for h in combined] == [
        ("카프카 기초", False),
        ("레디스", True),
    ]
    answers = index.search_answers("카프카", 10, exclude=[combined[0].doc.key])
    assert [(h.doc.title, h.snippet, h.spans) for h in answers] == [
        (combined[1].doc.title, combined[1].snippet, combined[1].spans)
    ]
    assert index.search_answers("카프카", 10, exclude=[docs[1].key]) == []
