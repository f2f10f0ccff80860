"""A changed note's questions made again from what the index holds: every entry reused
for a section that reads as before, and each one exactly what folding it afresh makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rehearse.core.notes import parse_note
from rehearse.core.search import SearchDoc, SearchIndex, docs_for_note
from rehearse.core.search.segment import Entry

PATH = Path("노트/면접.md")
TITLES = ["자기소개", "장점은?", "장점은?", "카프카란?", "Kafka 파티션", "**굵은** 제목"]
BODIES = [
    "",
    "답변입니다.",
    "분산 로그 **기반**.",
    "![그림](a.png) 설명",
    "%% 메모 %%\n남길 말",
    "`code` 줄",
]

sections = st.lists(
    st.tuples(st.sampled_from(TITLES), st.sampled_from(BODIES), st.sampled_from(["##", "###"])),
    max_size=12,
)


def render(parts: list[tuple[str, str, str]]) -> str:
    return "".join(f"{level} {title}\n{body}\n\n" for title, body, level in parts)


def folded(entry: Entry) -> tuple[object, ...]:
    return (entry.doc, entry.text, entry.mask, entry.jamo, entry.acronym, entry.answer)


def index_on(text: str) -> SearchIndex:
    index = SearchIndex()
    index.update_file(PATH, docs_for_note(parse_note(PATH, text.encode()), "면접.md"))
    return index


@settings(max_examples=300, deadline=None)
@given(before=sections, after=sections)
def test_entries_made_again_are_those_folded_afresh(
    before: list[tuple[str, str, str]], after: list[tuple[str, str, str]]
) -> None:
    index = index_on(render(before))
    docs = docs_for_note(parse_note(PATH, render(after).encode()), "면접.md")
    again = index.prepare(PATH, docs, index.earlier(PATH)).entries
    assert [folded(entry) for entry in again] == [folded(Entry.of(doc)) for doc in docs]


def test_a_save_of_one_answer_folds_that_answer_only() -> None:
    parts = [(f"질문 {number}", f"답 {number}", "##") for number in range(50)]
    index = index_on(render(parts))
    parts[20] = ("질문 20", "고친 답 20", "##")
    parts.insert(30, ("새 질문", "새 답", "##"))
    docs = docs_for_note(parse_note(PATH, render(parts).encode()), "면접.md")
    folded_afresh: list[str] = []
    original = Entry.of

    def counting(doc: SearchDoc) -> Entry:
        folded_afresh.append(doc.title)
        return original(doc)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Entry, "of", staticmethod(counting))
        index.update_file(PATH, docs)
    assert folded_afresh == ["질문 20", "새 질문"]
    assert [hit.doc.title for hit in index.search("고친 답", 5)] == ["질문 20"]
    assert index.search("답 20", 5)[0].doc.title == "질문 20"
