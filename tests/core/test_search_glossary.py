"""Two names, one term: the shipped glossary, the user's `synonyms:`, and search through them."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from benchmarks.search_queries import QUERIES, keystrokes
from rehearse.cli import main
from rehearse.core import hangul
from rehearse.core.config import load_config
from rehearse.core.glossary import GLOSSARY_FILE, Glossary, load_groups, term_key
from rehearse.core.notebook import open_notebook
from rehearse.core.search import SearchIndex, Tier, Via
from rehearse.core.search.boundaries import is_particles
from tests.conftest import write_note
from tests.core.test_search import DISTRACTORS, highlighted, make_docs, titles

SHIPPED = Glossary.shipped()


def group_names(name: str) -> set[str]:
    index = SHIPPED.group_of(term_key(name))
    assert index is not None, name
    return {term_key(other) for other in SHIPPED.groups[index]}


# --- the data ------------------------------------------------------------------------------


def test_the_glossary_has_a_few_hundred_terms_each_named_once() -> None:
    source = resources.files("rehearse.core").joinpath(GLOSSARY_FILE).read_text("utf-8")
    groups = load_groups(source)
    assert len(groups) >= 300
    keys = [term_key(name) for group in groups for name in group]
    assert len(keys) == len(set(keys)), "a name stands in two places"
    assert all(keys)
    for group in groups:
        assert any(hangul.has_hangul(name) for name in group), group
        assert any(not hangul.has_hangul(name) for name in group), group
    assert len(SHIPPED) == len(groups)


@pytest.mark.parametrize(
    "names",
    [
        ["카프카", "Kafka"],
        ["레디스", "Redis"],
        ["도커", "Docker"],
        ["쿠버네티스", "Kubernetes", "k8s"],
        ["스프링", "Spring"],
        ["데드락", "교착 상태", "deadlock"],
        ["트랜잭션", "transaction"],
        ["가상 메모리", "virtual memory"],
        ["프로세스", "process"],
        ["스레드", "쓰레드", "thread"],
        ["자바스크립트", "JavaScript", "JS"],
        ["객체 지향", "OOP"],
    ],
)
def test_the_terms_the_issue_names_are_one_term_each(names: list[str]) -> None:
    assert {term_key(name) for name in names} <= group_names(names[0])


def test_a_broken_glossary_file_is_refused_with_the_reason() -> None:
    with pytest.raises(ValueError, match="two or more names"):
        load_groups("languages:\n  - [자바]\n")
    with pytest.raises(ValueError, match="mapping"):
        load_groups("- [자바, Java]\n")


def test_user_groups_join_the_shipped_term_they_share_a_name_with() -> None:
    glossary = SHIPPED.with_synonyms([["회고", "KPT"], ["사내 해커톤", "hackathon"]])
    assert {"kpt", "회고", "retrospective", "retro"} <= set(
        term_key(n) for n in glossary.groups[glossary.group_of("kpt") or 0]
    )
    assert glossary.group_of("hackathon") == glossary.group_of("사내해커톤") is not None
    assert SHIPPED.group_of("kpt") is None, "the shipped glossary is left as it was"


def test_a_group_with_names_of_two_terms_is_left_out_not_a_bridge() -> None:
    """[Redis, 카프카] would make kafka find Redis: the group is refused, by its place."""
    glossary = SHIPPED.with_synonyms([["회고", "KPT"], ["Redis", "카프카"], ["thread", "프로세스"]])
    assert glossary.refused == ((1, ("Redis", "카프카")), (2, ("thread", "프로세스")))
    assert glossary.group_of("redis") != glossary.group_of("kafka")
    assert glossary.group_of("process") != glossary.group_of("쓰레드")
    assert glossary.group_of("kpt") == glossary.group_of("회고") is not None
    own = Glossary([["a1", "가일"], ["b2", "나이"], ["가일", "나이"], ["나이", "c3"]])
    assert own.groups == (("a1", "가일"), ("b2", "나이", "c3"))
    assert own.refused == ((2, ("가일", "나이")),)
    assert SHIPPED.refused == ()


@settings(max_examples=100)
@given(
    st.lists(
        st.lists(
            st.sampled_from(
                ["카프카", "Kafka", "레디스", "Redis", "캎카", "스레드", "thread", "쓰레드풀", "x1"]
            ),
            min_size=2,
            max_size=3,
        ),
        max_size=4,
    )
)
def test_user_groups_never_make_two_shipped_terms_one(groups: list[list[str]]) -> None:
    glossary = SHIPPED.with_synonyms(groups)
    assert len({glossary.group_of(key) for key in ("kafka", "redis", "thread")}) == 3


# --- search --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "title", "marked"),
    [
        ("kafka", "카프카 파티션", ["카프카"]),
        ("카프카", "Kafka란 무엇인가요?", ["Kafka"]),
        ("thread", "스레드와 프로세스의 차이", ["스레드"]),
        ("쓰레드", "Thread 모델", ["Thread"]),
        ("스레드", "멀티 쓰레드 환경", ["쓰레드"]),
        ("virtual memory", "가상 메모리와 페이징", ["가상", "메모리"]),
        ("가상메모리", "Virtual Memory", ["Virtual", "Memory"]),
        ("k8s", "쿠버네티스 파드", ["쿠버네티스"]),
        ("교착 상태", "Deadlock 회피", ["Deadlock"]),
        ("redis 캐시", "레디스 캐시 전략", ["레디스", "캐시"]),
    ],
)
def test_a_name_finds_the_other_names_and_highlights_them(
    query: str, title: str, marked: list[str]
) -> None:
    index = SearchIndex(make_docs([title, "메시지 큐를 쓰는 이유", "Message Queue"]))
    [hit] = [hit for hit in index.search(query) if hit.doc.title == title]
    assert hit.via == Via.SYNONYM
    assert highlighted(hit) == marked
    assert hit.searched_as


def test_a_glossary_hit_ranks_just_below_the_direct_hit_of_its_kind() -> None:
    index = SearchIndex(
        make_docs(["아파치 Kafka 운영", "카프카 입문", "Kafka 입문", "카프카", "Kafka"])
    )
    hits = index.search("kafka")
    assert [(h.doc.title, h.tier, h.via) for h in hits] == [
        ("Kafka", Tier.EXACT, Via.TYPED),
        ("카프카", Tier.EXACT, Via.SYNONYM),
        ("Kafka 입문", Tier.PREFIX, Via.TYPED),
        ("카프카 입문", Tier.PREFIX, Via.SYNONYM),
        ("아파치 Kafka 운영", Tier.SUBSTRING, Via.TYPED),
    ]
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores)


def test_a_short_latin_name_matches_whole_words_only() -> None:
    index = SearchIndex(make_docs(["JSON 파싱", "JS 클로저", "JSP 기초"]))
    assert titles(index.search("자바스크립트")) == ["JS 클로저"]


def test_a_korean_name_takes_its_particles() -> None:
    index = SearchIndex(make_docs(["Kafka란 무엇인가요?", "Redis의 자료구조"]))
    assert titles(index.search("카프카")) == ["Kafka란 무엇인가요?"]
    assert titles(index.search("레디스")) == ["Redis의 자료구조"]


def test_a_name_still_being_typed_finds_the_term() -> None:
    index = SearchIndex(make_docs(["쿠버네티스 파드", "쿠키와 세션"]))
    for typed in ("kube", "kuber", "kubernet"):
        assert titles(index.search(typed)) == ["쿠버네티스 파드"], typed
    assert titles(index.search("kub")) == [], "three letters could be many things"


def test_glossary_matches_count_at_word_starts_only() -> None:
    """`process` is 프로세스, but not the 프로세스 inside 마이크로프로세스."""
    index = SearchIndex(make_docs(["마이크로프로세스 설계", "프로세스 스케줄링"]))
    assert titles(index.search("process")) == ["프로세스 스케줄링"]


def test_answer_text_is_searched_through_the_glossary_too() -> None:
    docs = make_docs([("메시지 브로커 비교", "카프카와 RabbitMQ를 비교했습니다."), "결제 흐름"])
    [hit] = SearchIndex(docs).search("kafka")
    assert hit.in_answer and hit.via == Via.SYNONYM
    assert hit.snippet[slice(*hit.spans[0])] == "카프카"


def test_without_the_glossary_nothing_is_found_for_the_other_name() -> None:
    assert SearchIndex(make_docs(["카프카"]), glossary=Glossary()).search("kafka") == []


KEYSTROKES = sorted({state for query in QUERIES for state in keystrokes(query)})
words_of_titles = sorted({word for doc in DISTRACTORS for word in doc.title.split()})


@settings(max_examples=100)
@given(
    st.sampled_from(KEYSTROKES),
    st.lists(
        st.sampled_from(words_of_titles) | st.text(min_size=1, max_size=6), min_size=2, max_size=3
    ),
)
def test_a_glossary_entry_never_takes_a_result_away(query: str, names: list[str]) -> None:
    """The one exception, by design: a name that is another term's Korean name and its
    particles (큐를 beside 큐) makes that word its own term (test_search_boundaries.py)."""
    assume(not any(_name_and_particles(name) for name in names))
    limit = len(DISTRACTORS) + 1
    without = SearchIndex(DISTRACTORS).search(query, limit)
    with_entry = SearchIndex(DISTRACTORS, glossary=SHIPPED.with_synonyms([names])).search(
        query, limit
    )
    assert {hit.doc.key for hit in without} <= {hit.doc.key for hit in with_entry}


def _name_and_particles(name: str) -> bool:
    key = term_key(name)
    return any(
        SHIPPED.group_of(key[:size]) is not None and is_particles(key[size:])
        for size in range(1, len(key))
        if hangul.is_syllable(key[size - 1])
    )


# --- the user's synonyms ----------------------------------------------------------------------


def test_synonyms_from_the_config(isolated_config: Path, tmp_path: Path) -> None:
    isolated_config.write_text("synonyms:\n  - [회고, KPT]\n  - [온콜, on-call]\n", "utf-8")
    config = load_config()
    assert config.synonyms == (("회고", "KPT"), ("온콜", "on-call"))
    write_note(tmp_path, "n.md", "## 분기 회고\n\n잘한 점.\n\n## On-call 경험\n\n새벽 장애.\n")
    index = SearchIndex.from_notebook(open_notebook(tmp_path), synonyms=config.synonyms)
    assert titles(index.search("kpt")) == ["분기 회고"]
    assert titles(index.search("온콜")) == ["On-call 경험"]


@pytest.mark.parametrize(
    "value", ["[회고, KPT]", "[[회고]]", "[[회고, 3]]", "retro", "[['', KPT]]"]
)
def test_bad_synonyms_are_reported_by_line(isolated_config: Path, value: str) -> None:
    isolated_config.write_text(f"theme: rehearse-light\nsynonyms: {value}\n", "utf-8")
    config = load_config()
    assert config.synonyms == ()
    [problem] = config.problems
    assert problem.line == 2 and "synonyms" in problem.message


def test_one_bad_synonym_group_costs_only_itself(isolated_config: Path) -> None:
    """Each bad group is reported by its own line, with the limits; the good ones are used,
    and numbers are names too (written as text)."""
    isolated_config.write_text(
        "theme: rehearse-light\n"
        "synonyms:\n"
        "  - [회고, KPT]\n"
        "  - [온콜]\n"
        "  - [HTTP 404, 404, 낫파운드]\n"
        "  - [셋, 3]\n"
        "  - [큐, queue]\n"
        "  - [yes, 네]\n",
        "utf-8",
    )
    config = load_config()
    assert config.synonyms == (
        ("회고", "KPT"),
        ("HTTP 404", "404", "낫파운드"),
        ("큐", "queue"),
    )
    assert [problem.line for problem in config.problems] == [4, 6, 8]
    for problem in config.problems:
        assert (
            "synonyms" in problem.message
            and "2-50 names of at most 200 characters" in problem.message
        )
    assert "two or more names" in config.problems[0].message
    assert "'3' is too short" in config.problems[1].message
    assert "quotes" in config.problems[2].message


def test_a_synonyms_group_of_two_terms_is_reported_by_its_line(
    isolated_config: Path, tmp_path: Path
) -> None:
    isolated_config.write_text(
        "synonyms:\n  - [회고, KPT]\n  - [Redis, 카프카]\n  - [KPT, retro]\n"
        "  - [온콜, on-call]\n  - [retro, 온콜]\n",
        "utf-8",
    )
    config = load_config()
    assert config.synonyms == (("회고", "KPT"), ("KPT", "retro"), ("온콜", "on-call"))
    assert [problem.line for problem in config.problems] == [3, 6]
    assert "Redis and 카프카 belong to 2 different terms" in config.problems[0].message
    assert "'synonyms' group 5: retro and 온콜" in config.problems[1].message
    write_note(tmp_path, "n.md", "## Redis 캐시\n\n캐시.\n\n## 카프카 파티션\n\n파티션.\n")
    index = SearchIndex.from_notebook(open_notebook(tmp_path), synonyms=config.synonyms)
    assert titles(index.search("kafka")) == ["카프카 파티션"]
    assert titles(index.search("레디스")) == ["Redis 캐시"]


def test_rehearse_search_uses_the_configs_synonyms(
    isolated_config: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    isolated_config.write_text("synonyms:\n  - [회고, KPT]\n", "utf-8")
    write_note(tmp_path, "n.md", "## 분기 회고\n\n잘한 점.\n")
    assert main(["search", "kpt", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "분기 회고" in out and "(searched as 회고)" in out
