"""Answer text as search indexes and previews it: plain, in lines, no images or stray `#`s."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile
from rehearse.core.search import SearchIndex, docs_for_notebook, plain_answer
from tests.conftest import write_note
from tests.core.test_search import make_docs

NOTE = (
    "# 네트워크\n\n"
    "## [TCP] 3 way handshake\n\n"
    "> 연결을 성립하고 해제하는 과정\n"
    "> ### 참고\n\n"
    "#####3 way handshake - 연결 성립\n"
    "####### 일곱 개는 제목이 아닙니다\n\n"
    "![흐름도캡처](/img/3wayHand.png)\n"
    "[![](https://camo.example/abc)](https://example.com/post)\n"
    "![[다이어그램.png]]\n"
    '<img src="a.png" alt="스크린샷">\n\n'
    "1. 클라이언트가 서버에게 **SYN** 패킷을 보냅니다. %% 메모 %%\n"
    "2. 서버가 SYN + ACK로 답합니다.\n\n"
    "```python\n"
    "print('a')\n"
    "```\n\n"
    "## UDP\n\n비연결형입니다.\n"
)


def load(tmp_path: Path, text: str = NOTE) -> NoteFile:
    write_note(tmp_path, "net.md", text)
    [note] = open_notebook(tmp_path).readable
    return note


def test_the_preview_is_the_answer_as_a_reader_sees_it(tmp_path: Path) -> None:
    note = load(tmp_path)
    text = plain_answer(note, note.questions[1])
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines == [
        "연결을 성립하고 해제하는 과정",
        "참고",
        "3 way handshake - 연결 성립",
        "일곱 개는 제목이 아닙니다",
        "클라이언트가 서버에게 SYN 패킷을 보냅니다.",
        "서버가 SYN + ACK로 답합니다.",
        "print('a')",
    ]
    assert "#" not in text and "흐름도캡처" not in text and "png" not in text
    assert "메모" not in text


def test_answers_without_images_or_hash_runs_are_the_notes_own(tmp_path: Path) -> None:
    note = load(tmp_path)
    udp = note.questions[2]
    assert plain_answer(note, udp) == note.answer_text(udp)


def test_docs_read_their_answer_from_the_note_when_asked(tmp_path: Path) -> None:
    load(tmp_path)
    notebook = open_notebook(tmp_path)
    [note] = notebook.readable
    docs = docs_for_notebook(notebook)
    assert [doc.title for doc in docs] == ["네트워크", "[TCP] 3 way handshake", "UDP"]
    assert docs[1].answer == plain_answer(note, note.questions[1])
    assert "클라이언트가 서버에게" in docs[1].answer


def test_alt_text_and_hash_runs_are_not_searched_either(tmp_path: Path) -> None:
    load(tmp_path)
    index = SearchIndex.from_notebook(open_notebook(tmp_path))
    assert index.search("흐름도캡처") == []
    assert index.search("#####") == []
    [hit] = index.search("SYN 패킷")
    assert hit.in_answer and hit.doc.title == "[TCP] 3 way handshake"
    assert hit.snippet[slice(*hit.spans[0])] == "SYN"


def test_a_nul_character_deep_in_a_note_is_not_a_problem(tmp_path: Path) -> None:
    padding = "가" * 9000
    note = load(tmp_path, f"## 질문\n\n{padding}\n\n## 이미지\n\n![그림](a.png)\x00 끝\n")
    section = note.questions[1]
    assert plain_answer(note, section) == note.answer_text(section)  # read as the note has it


_FILLER = st.lists(
    st.sampled_from(["메시지", "브로커", "로그", "분산", "처리량이", "높다"]),
    min_size=0,
    max_size=12,
)
_SPACE = st.sampled_from([" ", "  ", "\n", " \n\t ", "\u3000"])


@given(_FILLER, _FILLER, _SPACE, st.sampled_from(["Kafka", "카프카", "KAFKA"]))
def test_an_answer_hit_marks_the_word_found_in_its_snippet(
    before: list[str], after: list[str], space: str, written: str
) -> None:
    """However the answer is spaced, the snippet's span is the word found, and a hit through
    the glossary is searched as that word as the answer writes it."""
    answer = space.join([*before, f"{written}는", *after]) + "."
    index = SearchIndex(make_docs([("질문", answer)]))
    [hit] = index.search("kafka" if written == "카프카" else "카프카")
    assert hit.in_answer and [hit.snippet[a:b] for a, b in hit.spans] == [written]
    assert hit.searched_as == written


def test_every_word_of_the_query_is_marked_in_the_snippet() -> None:
    index = SearchIndex(make_docs([("장애", "먼저   롤백하고\n\n절차를 따른다. 롤백 후 보고.")]))
    [hit] = index.search("절차 롤백")
    assert hit.snippet == "먼저 롤백하고 절차를 따른다. 롤백 후 보고."
    assert [hit.snippet[a:b] for a, b in hit.spans] == ["롤백", "절차"]
    assert hit.searched_as == ""
