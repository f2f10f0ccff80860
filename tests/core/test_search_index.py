"""The index kept up to date file by file, and one searcher per consumer."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.search_queries import QUERIES, keystrokes
from rehearse.core.search import Hit, SearchDoc, SearchIndex
from rehearse.core.search import index as index_module
from tests.core.test_search import DISTRACTORS, KO_FILE, make_docs, titles

PATHS = [Path(f"notes/{number:02d}.md") for number in range(6)]
TITLES = sorted({doc.title for doc in DISTRACTORS})
PROBES = [
    "ㅈㄱㅅㄱ",
    "자기",
    "스프링",
    "queue",
    "oop",
    "데이타",
    "kafka",
    "wkrlthro",
    "ㄱㅈㅅ ㅊㅇㅈ",
]


def outcome(hits: list[Hit]) -> list[tuple[object, ...]]:
    return [(hit.doc.key, hit.doc.title, hit.tier, hit.spans, hit.via, hit.snippet) for hit in hits]


def file_docs(path: Path, picks: list[int]) -> list[SearchDoc]:
    return make_docs([(TITLES[p], f"답변 {TITLES[p]} 결제") for p in picks], path)


updates = st.lists(
    st.tuples(st.sampled_from(PATHS), st.lists(st.integers(0, len(TITLES) - 1), max_size=7)),
    min_size=1,
    max_size=25,
)


@settings(max_examples=40)
@given(updates)
def test_an_updated_index_answers_as_one_built_afresh(
    monkeypatch: pytest.MonkeyPatch, changes: list[tuple[Path, list[int]]]
) -> None:
    monkeypatch.setattr(index_module, "TAIL_LIMIT", 4)  # seal and merge segments early
    current = {path: file_docs(path, [n, n + 1]) for n, path in enumerate(PATHS)}
    index = SearchIndex([doc for docs in current.values() for doc in docs])
    for path, picks in changes:
        current[path] = file_docs(path, picks)
        index.update_file(path, current[path])
        fresh = SearchIndex([doc for docs in current.values() for doc in docs])
        assert len(index) == len(fresh)
        assert [doc.key for doc in index.docs] == [doc.key for doc in fresh.docs]
        for probe in PROBES:
            assert outcome(index.search(probe)) == outcome(fresh.search(probe)), probe
    assert len(index._segments) <= 8, "segments are merged as they accumulate"


def test_update_file_keeps_the_other_files_and_replaces_its_own() -> None:
    index = SearchIndex(make_docs(["자기소개", "지원 동기"]) + make_docs(["Kafka"], PATHS[0]))
    index.update_file(KO_FILE, make_docs(["자기소개서 첨삭"]))
    index.update_file(KO_FILE, make_docs(["자기소개서 첨삭", "입사 후 포부"]))
    assert len(index) == 3
    assert titles(index.search("ㅈㄱㅅㄱ")) == ["자기소개서 첨삭"]
    assert titles(index.search("ㅇㅅㅎㅍㅂ")) == ["입사 후 포부"]
    assert titles(index.search("kafka")) == ["Kafka"]
    index.update_file(KO_FILE, [])
    assert [doc.title for doc in index.docs] == ["Kafka"]


def test_a_new_file_and_an_unknown_file_removed() -> None:
    index = SearchIndex()
    index.update_file(PATHS[1], make_docs(["카프카"], PATHS[1]))
    index.update_file(PATHS[2], [])
    assert titles(index.search("ㅋㅍㅋ")) == ["카프카"]


def test_search_answers_skips_the_questions_already_listed() -> None:
    docs = make_docs([("카프카 기초", "파티션으로 나눕니다"), ("레디스", "카프카와 달리")])
    index = SearchIndex(docs)
    index.update_file(KO_FILE, docs)  # the slots change; the keys do not
    assert index.search_answers("카프카", 10, exclude=[docs[1].key]) == []
    [hit] = index.search_answers("카프카", 10, exclude=[docs[0].key])
    assert hit.doc.title == "레디스" and hit.in_answer


# --- searchers -----------------------------------------------------------------------------

TYPED = [keystrokes(query) for query in QUERIES]


@pytest.mark.parametrize("states", TYPED, ids=[str(n) for n in range(len(TYPED))])
def test_a_searcher_typing_on_finds_what_a_fresh_search_finds(states: list[str]) -> None:
    index = SearchIndex(DISTRACTORS)
    searcher = index.searcher()
    for state in states:
        assert outcome(searcher.search(state)) == outcome(index.search(state)), state


def test_two_searchers_do_not_share_what_they_narrowed_to() -> None:
    index = SearchIndex(DISTRACTORS)
    overlay, palette = index.searcher(), index.searcher()
    overlay.search("자기")
    palette.search("스프링")
    assert outcome(overlay.search("자기소")) == outcome(index.search("자기소"))
    assert outcome(palette.search("스프링 빈")) == outcome(index.search("스프링 빈"))


def test_a_searcher_sees_a_file_changed_between_two_keystrokes() -> None:
    index = SearchIndex(make_docs(["자기소개", "지원 동기"]))
    searcher = index.searcher()
    assert titles(searcher.search("자기")) == ["자기소개"]
    index.update_file(PATHS[0], make_docs(["자기계발 방법"], PATHS[0]))
    assert titles(searcher.search("자기ㄱ"))[:1] == ["자기계발 방법"]


def test_slots_running_out_renumbers_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "MAX_SLOT", 40)
    index = SearchIndex(make_docs(["자기소개", "지원 동기"]) + make_docs(["카프카"], PATHS[0]))
    for round_ in range(30):
        index.update_file(PATHS[0], make_docs([f"카프카 {round_}", "레디스"], PATHS[0]))
        assert index._next_slot <= 40
    assert sorted(doc.title for doc in index.docs) == [
        "레디스",
        "자기소개",
        "지원 동기",
        "카프카 29",
    ]
    assert titles(index.search("ㅋㅍㅋ")) == ["카프카 29"]


# (path, picks, when): a file's new questions prepared on another thread, adopted once
# `when` more updates of other files have gone in meanwhile.
prepared_updates = st.lists(
    st.tuples(
        st.sampled_from(PATHS),
        st.lists(st.integers(0, len(TITLES) - 1), min_size=4, max_size=7),
        st.integers(0, 2),
    ),
    min_size=1,
    max_size=15,
)


@settings(max_examples=30)
@given(prepared_updates)
def test_a_segment_prepared_on_another_thread_answers_as_an_index_built_afresh(
    monkeypatch: pytest.MonkeyPatch, changes: list[tuple[Path, list[int], int]]
) -> None:
    monkeypatch.setattr(index_module, "TAIL_LIMIT", 4)  # every prepared file has its segment
    current = {path: file_docs(path, [n, n + 1]) for n, path in enumerate(PATHS)}
    index = SearchIndex([doc for docs in current.values() for doc in docs])
    waiting: list[tuple[int, list[SearchDoc], index_module.Prepared]] = []

    def adopt_current(docs: list[SearchDoc], prepared: index_module.Prepared) -> None:
        if current[prepared.path] is docs:  # else: a newer version is on its way (the model)
            index.adopt(prepared)

    for path, picks, when in changes:
        docs = file_docs(path, picks)
        with ThreadPoolExecutor(1) as pool:
            prepared = pool.submit(index.prepare, path, docs).result()
        assert prepared.segment is not None
        current[path] = docs
        waiting.append((when, docs, prepared))
        for _, ready_docs, ready in [item for item in waiting if item[0] == 0]:
            adopt_current(ready_docs, ready)
        waiting = [(w - 1, d, p) for w, d, p in waiting if w > 0]
    for _, docs, prepared in waiting:
        adopt_current(docs, prepared)
    fresh = SearchIndex([doc for docs in current.values() for doc in docs])
    assert [doc.key for doc in index.docs] == [doc.key for doc in fresh.docs]
    for probe in PROBES:
        assert outcome(index.search(probe)) == outcome(fresh.search(probe)), probe


def test_a_segment_prepared_before_a_renumbering_is_rebuilt_when_adopted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index_module, "TAIL_LIMIT", 2)
    index = SearchIndex(make_docs(["자기소개", "지원 동기"]) + make_docs(["카프카"], PATHS[0]))
    for _ in range(3):  # slots used up by updates: renumbering makes them dense again
        index.update_file(PATHS[0], make_docs(["카프카"], PATHS[0]))
    prepared = index.prepare(PATHS[1], make_docs(["레디스 캐시", "카프카 파티션"], PATHS[1]))
    assert prepared.segment is not None
    index._renumber()
    index.adopt(prepared)
    assert index._next_slot == len(index) == 5
    assert titles(index.search("ㅋㅍㅋ")) == ["카프카", "카프카 파티션"]
    assert titles(index.search("레디스")) == ["레디스 캐시"]
