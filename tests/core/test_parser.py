"""The line scanner behind `parse_note`: which lines are headings, and the sections they make."""

from __future__ import annotations

from pathlib import Path

import pytest

from rehearse.core.markdown import AnswerStart, answer_start
from rehearse.core.notes import NoteFile, Section, parse_note
from rehearse.core.text import to_lf

NOTE_PATH = Path("면접.md")


def parse(text: str | bytes) -> NoteFile:
    return parse_note(NOTE_PATH, text if isinstance(text, bytes) else text.encode("utf-8"))


def headings(note: NoteFile) -> list[tuple[int, str]]:
    """(level, title) of every heading, in document order."""
    return [(s.level, s.title) for s in note.questions]


def titles(note: NoteFile) -> list[str]:
    return [s.title for s in note.questions]


def by_title(note: NoteFile, title: str) -> Section:
    matches = [s for s in note.questions if s.title == title]
    assert len(matches) == 1, f"{title!r} found {len(matches)} times in {titles(note)}"
    return matches[0]


# --- ATX headings ---------------------------------------------------------------------------


@pytest.mark.parametrize("level", [1, 2, 3, 4, 5, 6])
def test_atx_heading_levels_one_to_six(level: int) -> None:
    note = parse(f"{'#' * level} 자기소개\n답변입니다.\n")
    assert headings(note) == [(level, "자기소개")]
    assert note.questions[0].line == 1


def test_seven_hashes_is_not_a_heading() -> None:
    note = parse("####### 일곱 개\n본문\n")
    assert headings(note) == []


def test_heading_with_tab_after_hashes_and_up_to_three_leading_spaces() -> None:
    note = parse("#\t탭 제목\n   ### 세 칸 들여쓰기\n")
    assert headings(note) == [(1, "탭 제목"), (3, "세 칸 들여쓰기")]


def test_tag_without_space_is_not_a_heading() -> None:
    note = parse("#태그 #면접\n## 진짜 질문\n")
    assert headings(note) == [(2, "진짜 질문")]


def test_four_space_indented_hash_is_not_a_heading() -> None:
    note = parse("## 질문\n    # 코드 블록 안의 주석\n\t# 탭 들여쓰기\n")
    assert headings(note) == [(2, "질문")]


def test_hash_inside_a_line_is_not_a_heading() -> None:
    note = parse("C# 언어와 F# 언어\n본문 # 중간\n")
    assert headings(note) == []


@pytest.mark.parametrize("line", ["##", "##   ", "## ##", "#"])
def test_empty_heading_has_an_empty_title(line: str) -> None:
    note = parse(f"{line}\n본문\n## 다음\n")
    assert [s.title for s in note.questions] == ["", "다음"]
    assert note.questions[0].line == 1


# --- titles ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("## 제목 ##", "제목"),
        ("## 제목 #", "제목"),
        ("### 제목 #####   ", "제목"),
        ("## C# 언어", "C# 언어"),
        ("## **높은 러닝 커브**", "높은 러닝 커브"),
        ("## *동시성 문제*를", "동시성 문제를"),
        ("## __밑줄 강조__ 질문", "밑줄 강조 질문"),
        ("## _기울임_ 질문", "기울임 질문"),
        ("## ***둘 다***", "둘 다"),
        ("## ~~취소~~ ==강조==", "취소 강조"),
        ("## `kafka` 설정", "kafka 설정"),
        ("## [카프카](https://kafka.apache.org) 소개", "카프카 소개"),
        ("## [[카프카 정리]] 요약", "카프카 정리 요약"),
        ("## [[카프카 정리|카프카]] 요약", "카프카 요약"),
        ("## 제목 %% 비밀 메모 %% 끝", "제목 끝"),
        ("## 제목 %% 비밀 메모 %%", "제목"),
        ("##    여러    칸   띄어쓰기   ", "여러 칸 띄어쓰기"),
        ("## **Why** Kafka?", "Why Kafka?"),
    ],
)
def test_title_is_cleaned(line: str, title: str) -> None:
    note = parse(f"{line}\n답변\n")
    assert titles(note) == [title]


def test_comment_opened_on_a_heading_line_is_not_part_of_the_title() -> None:
    # The comment starts on the heading line and closes two lines later: Obsidian shows
    # only "제목"; the private reminder must not reach the question tree.
    note = parse("# 제목 %% 메모 시작\n# 숨은 제목\n끝 %%\n# 다음\n")
    assert titles(note) == ["제목", "다음"]


# --- fences ---------------------------------------------------------------------------------


def test_headings_inside_backtick_fence_are_ignored() -> None:
    note = parse("# 코드\n```bash\n# 주석입니다\n## 이것도\n```\n## 다음 질문\n")
    assert headings(note) == [(1, "코드"), (2, "다음 질문")]
    assert by_title(note, "다음 질문").line == 6


def test_headings_inside_tilde_fence_are_ignored() -> None:
    note = parse("# 코드\n~~~\n# 주석입니다\n~~~\n## 다음 질문\n")
    assert headings(note) == [(1, "코드"), (2, "다음 질문")]


def test_longer_fence_is_not_closed_by_shorter_run() -> None:
    note = parse("# 예시\n````markdown\n```\n# 안쪽 제목\n```\n````\n## 바깥 제목\n")
    assert headings(note) == [(1, "예시"), (2, "바깥 제목")]
    assert by_title(note, "바깥 제목").line == 7


def test_longer_closing_fence_closes() -> None:
    note = parse("```\n# 안\n`````\n# 밖\n")
    assert headings(note) == [(1, "밖")]


def test_unclosed_fence_runs_to_end_of_file() -> None:
    note = parse("# 앞\n```\n# 안 1\n## 안 2\n")
    assert headings(note) == [(1, "앞")]
    assert note.sections[-1].end == len(note.text)


def test_backtick_fence_is_not_closed_by_tildes() -> None:
    note = parse("```\n# 안 1\n~~~\n# 안 2\n```\n# 밖\n")
    assert headings(note) == [(1, "밖")]


def test_tilde_fence_is_not_closed_by_backticks() -> None:
    note = parse("~~~\n# 안 1\n```\n# 안 2\n~~~\n# 밖\n")
    assert headings(note) == [(1, "밖")]


def test_fence_line_with_text_after_it_does_not_close() -> None:
    note = parse("```\n# 안 1\n``` 아직 안 닫힘\n# 안 2\n```\n# 밖\n")
    assert headings(note) == [(1, "밖")]


def test_indented_fence_up_to_three_spaces_counts() -> None:
    note = parse("   ```\n# 안\n   ```\n# 밖\n")
    assert headings(note) == [(1, "밖")]


def test_inline_code_with_backticks_does_not_open_a_fence() -> None:
    note = parse("``` `코드` ```\n# 제목\n")
    assert headings(note) == [(1, "제목")]


# --- front matter ---------------------------------------------------------------------------


def test_headings_in_closed_front_matter_are_ignored() -> None:
    note = parse("---\n회사: 예시\n# 제목 아님\n---\n# 자기소개\n")
    assert headings(note) == [(1, "자기소개")]
    assert note.questions[0].line == 5
    assert note.front_matter_end == len("---\n회사: 예시\n# 제목 아님\n---\n")


def test_front_matter_closed_with_dots() -> None:
    note = parse("---\n# 제목 아님\n...\n# 자기소개\n")
    assert headings(note) == [(1, "자기소개")]


def test_unclosed_front_matter_is_not_front_matter() -> None:
    note = parse("---\n# 자기소개\n답변\n")
    assert headings(note) == [(1, "자기소개")]
    assert note.front_matter_end == 0


def test_dashes_not_on_the_first_line_are_not_front_matter() -> None:
    note = parse("서문\n---\n# 자기소개\n---\n")
    assert headings(note) == [(1, "자기소개")]
    assert note.front_matter_end == 0


def test_front_matter_after_a_bom() -> None:
    note = parse(b"\xef\xbb\xbf" + "---\n# 아님\n---\n# 자기소개\n".encode())
    assert note.decoded.has_bom
    assert headings(note) == [(1, "자기소개")]
    assert note.questions[0].line == 4


# --- comments -------------------------------------------------------------------------------


def test_headings_in_multi_line_comment_are_ignored() -> None:
    note = parse("# 앞\n%% 메모 시작\n# 숨은 제목\n## 숨은 소제목\n메모 끝 %%\n## 뒤\n")
    assert headings(note) == [(1, "앞"), (2, "뒤")]
    assert by_title(note, "뒤").line == 6


def test_unclosed_comment_runs_to_end_of_file() -> None:
    note = parse("# 앞\n%% 끝나지 않는 메모\n# 숨은 제목\n")
    assert headings(note) == [(1, "앞")]


def test_comment_marks_inside_a_fence_do_not_open_a_comment() -> None:
    note = parse("```\n%% 코드 안\n```\n# 보이는 제목\n")
    assert headings(note) == [(1, "보이는 제목")]


def test_two_comments_on_one_line_leave_the_next_heading_visible() -> None:
    note = parse("본문 %% 하나 %% 가운데 %% 둘 %%\n# 보이는 제목\n")
    assert headings(note) == [(1, "보이는 제목")]


# --- setext, no headings --------------------------------------------------------------------


def test_setext_headings_are_not_headings() -> None:
    note = parse("제목 하나\n===\n제목 둘\n---\n본문\n")
    assert headings(note) == []
    assert len(note.sections) == 1


def test_file_without_headings_has_only_the_preamble() -> None:
    text = "그냥 메모입니다.\n둘째 줄\n"
    note = parse(text)
    assert len(note.sections) == 1
    preamble = note.sections[0]
    assert preamble.is_preamble
    assert (preamble.index, preamble.level, preamble.title, preamble.line) == (0, 0, "", 1)
    assert (preamble.start, preamble.end) == (0, len(text))
    assert note.section_text(preamble) == text
    assert note.questions == ()


def test_empty_file() -> None:
    note = parse(b"")
    assert len(note.sections) == 1
    assert (note.sections[0].start, note.sections[0].end) == (0, 0)


# --- structure ------------------------------------------------------------------------------


def test_skipped_level_is_child_of_the_nearest_shallower_heading() -> None:
    note = parse("# 기술\n### 파티션\n## 카프카\n")
    tech, partition, kafka = note.questions
    assert partition.parent == tech.index
    assert kafka.parent == tech.index
    assert tech.children == (partition.index, kafka.index)


def test_file_starting_at_level_three_is_top_level() -> None:
    note = parse("### 첫 질문\n## 둘째 질문\n### 하위\n")
    first, second, sub = note.questions
    assert first.parent is None
    assert second.parent is None
    assert sub.parent == second.index
    assert note.top_level == (first, second)


def test_parents_children_and_heading_paths() -> None:
    text = (
        "---\n회사: 예시\n---\n"  # lines 1-3
        "## 자기소개\n"  # 4
        "안녕하세요.\n"  # 5
        "# 기술\n"  # 6
        "## 카프카란?\n"  # 7
        "### 파티션\n"  # 8
        "답변\n"  # 9
        "### 컨슈머 그룹\n"  # 10
        "## 레디스\n"  # 11
        "### 파티션\n"  # 12
        "# 인성\n"  # 13
    )
    note = parse(text)
    assert [(s.index, s.level, s.title, s.line, s.parent, s.children) for s in note.sections] == [
        (0, 0, "", 1, None, ()),
        (1, 2, "자기소개", 4, None, ()),
        (2, 1, "기술", 6, None, (3, 6)),
        (3, 2, "카프카란?", 7, 2, (4, 5)),
        (4, 3, "파티션", 8, 3, ()),
        (5, 3, "컨슈머 그룹", 10, 3, ()),
        (6, 2, "레디스", 11, 2, (7,)),
        (7, 3, "파티션", 12, 6, ()),
        (8, 1, "인성", 13, None, ()),
    ]
    assert note.heading_path(note.sections[4]) == ("기술", "카프카란?", "파티션")
    assert note.heading_path(note.sections[7]) == ("기술", "레디스", "파티션")
    assert note.heading_path(note.sections[1]) == ("자기소개",)
    assert [s.title for s in note.ancestors(note.sections[5])] == ["기술", "카프카란?"]

    found = note.find_by_heading_path(("기술", "레디스", "파티션"))
    assert found is not None and found.index == 7
    found = note.find_by_heading_path(("기술", "카프카란?", "파티션"))
    assert found is not None and found.index == 4
    assert note.find_by_heading_path(("인성",)) == note.sections[8]
    assert note.find_by_heading_path(("파티션",)) is None
    assert note.find_by_heading_path(("기술", "없는 질문")) is None


def test_section_spans_are_contiguous_and_cover_the_text() -> None:
    text = "서문\n# 하나\n본문 1\n\n## 둘\n### 셋\n본문 3\n# 넷"
    note = parse(text)
    assert note.sections[0].start == 0
    for before, after in zip(note.sections, note.sections[1:], strict=False):
        assert before.end == after.start
    assert note.sections[-1].end == len(text)
    assert "".join(note.section_text(s) for s in note.sections) == text
    assert [note.section_text(s) for s in note.sections] == [
        "서문\n",
        "# 하나\n본문 1\n\n",
        "## 둘\n",
        "### 셋\n본문 3\n",
        "# 넷",
    ]


def test_section_text_is_heading_line_plus_own_body() -> None:
    note = parse("# 부모\n부모 글\n## 자식\n자식 글\n")
    parent, child = note.questions
    assert note.section_text(parent) == "# 부모\n부모 글\n"
    assert note.text[parent.start : parent.body_start] == "# 부모\n"
    assert note.text[child.body_start : child.end] == "자식 글\n"


def test_section_at_line_uses_zero_based_lines() -> None:
    note = parse("서문\n# 하나\n본문\n## 둘\n마지막\n")
    assert note.section_at_line(0).index == 0
    assert note.section_at_line(1).title == "하나"
    assert note.section_at_line(2).title == "하나"
    assert note.section_at_line(3).title == "둘"
    assert note.section_at_line(4).title == "둘"
    assert note.section_at_line(99).title == "둘"  # clamped to the last line
    assert note.section_at_line(-5).index == 0


def test_section_at_offset() -> None:
    note = parse("서문\n# 하나\n본문\n")
    first = note.questions[0]
    assert note.section_at_offset(0).index == 0
    assert note.section_at_offset(first.start - 1).index == 0
    assert note.section_at_offset(first.start) == first
    assert note.section_at_offset(len(note.text)) == first


# --- answer_chars ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Korean prose with emphasis, a comment line and list bullets.
        (
            "## 자기소개\n안녕하세요, 저는 **백엔드** 개발자입니다.\n"
            "%% 면접관 이름 %%\n- 카프카 운영 경험\n",
            25,
        ),
        # An English answer with emphasis and a link whose target is not read aloud.
        ("## Intro\nHello *world*.\n[docs](https://example.com/very/long)\n", 15),
        # A table: pipes and the separator row are not counted.
        ("## 비교\n| 항목 | 값 |\n| --- | :-: |\n| 지연 | 5ms |\n", 8),
        # Fence delimiter lines (and their info string) are not counted; code is.
        ("## 코드\n```python\nprint(1)\n```\n", 8),
        # A comment spanning lines inside the body.
        ("## 메모\n보이는 글 %% 숨은\n여러 줄 %% 끝\n", 5),
        # Numbered, starred, task and quoted lines.
        ("## 목록\n1. 첫째\n* 둘째\n- [ ] 할 일\n- [x] 끝남\n> 인용문\n", 11),
        # A heading alone: nothing to say.
        ("## 빈 질문\n\n   \n", 0),
        # A thematic break is not text.
        ("## 구분\n가나\n---\n다라\n", 4),
        # Inline code and a plain wiki-link.
        ("## 링크\n`kafka` 와 [[카프카 정리]]\n", 11),
    ],
)
def test_answer_chars_exact(text: str, expected: int) -> None:
    note = parse(text)
    assert note.answer_chars(note.questions[0]) == expected


def test_answer_chars_wiki_link_alias_counts_only_the_alias() -> None:
    # "[[위키|링크]]" reads as "링크": the target "위키" is not spoken.
    note = parse("## 자기소개\n- [[위키|링크]] 참고\n")
    assert note.answer_text(note.questions[0]).splitlines() == ["링크 참고"]
    assert note.answer_chars(note.questions[0]) == 4


def test_answer_chars_counts_only_the_own_body() -> None:
    note = parse("# 부모\n부모 글\n## 자식\n자식 글자\n")
    parent, child = note.questions
    assert note.answer_chars(parent) == 3
    assert note.answer_chars(child) == 4


def test_answer_chars_of_preamble_skips_front_matter() -> None:
    note = parse("---\n제목: 값\n---\n서문입니다\n# 첫\n")
    assert note.answer_chars(note.sections[0]) == 5


def test_answer_chars_with_crlf_matches_lf() -> None:
    text = (
        "## 자기소개\n안녕하세요, **저는**\n%% 메모\n여러 줄 %%\n"
        "```\n코드\n```\n| 가 | 나 |\n|---|---|\n"
    )
    lf = parse(text)
    crlf = parse(text.replace("\n", "\r\n"))
    cr = parse(text.replace("\n", "\r"))
    assert lf.answer_chars(lf.questions[0]) == 12
    assert crlf.answer_chars(crlf.questions[0]) == 12
    assert cr.answer_chars(cr.questions[0]) == 12


# --- line endings ---------------------------------------------------------------------------

LF_NOTE = (
    "---\n태그: 면접\n---\n"
    "서문\n"
    "# 기술\n"
    "```\n# 코드 주석\n```\n"
    "## 카프카란?\n"
    "%% 메모\n# 숨김\n%%\n"
    "답변입니다.\n"
    "### 파티션\n"
    "\n"
    "## 레디스 ##\n"
    "끝"
)


def _mixed(text: str) -> str:
    """CRLF, CR and LF in turn; a CR before an empty LF line would read as one CRLF."""
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines[:-1]):
        ending = ("\r\n", "\r", "\n")[i % 3]
        if ending == "\r" and lines[i + 1] == "":
            ending = "\r\n"
        out.append(line + ending)
    return "".join(out) + lines[-1]


@pytest.mark.parametrize("convert", ["crlf", "cr", "mixed"])
def test_line_endings_give_same_headings_and_lines(convert: str) -> None:
    if convert == "crlf":
        text = LF_NOTE.replace("\n", "\r\n")
    elif convert == "cr":
        text = LF_NOTE.replace("\n", "\r")
    else:
        text = _mixed(LF_NOTE)
        singles = text.replace("\r\n", "")
        assert "\r\n" in text and "\r" in singles and "\n" in singles
    expected = parse(LF_NOTE)
    note = parse(text)
    assert [(s.level, s.title, s.line, s.parent) for s in note.sections] == [
        (s.level, s.title, s.line, s.parent) for s in expected.sections
    ]
    assert [(s.level, s.title, s.line) for s in expected.questions] == [
        (1, "기술", 5),
        (2, "카프카란?", 9),
        (3, "파티션", 14),
        (2, "레디스", 16),
    ]
    assert [to_lf(note.section_text(s)) for s in note.sections] == [
        expected.section_text(s) for s in expected.sections
    ]
    assert [note.answer_chars(s) for s in note.sections] == [
        expected.answer_chars(s) for s in expected.sections
    ]


def test_cr_only_file_line_numbers() -> None:
    note = parse("서문\r\r# 하나\r본문\r## 둘\r")
    assert [(s.title, s.line) for s in note.questions] == [("하나", 3), ("둘", 5)]
    assert note.section_text(note.questions[0]) == "# 하나\r본문\r"


def test_a_note_is_described_without_its_text() -> None:
    """Textual names a worker by repr() of its arguments: a 20 MB note must not be one."""
    text = "## 질문\n" + "답변입니다. " * 100_000
    note = parse_note(Path("/notes/큰 노트.md"), text.encode("utf-8"))
    assert "큰 노트.md" in repr(note)
    assert len(repr(note)) < 300


@pytest.mark.parametrize(
    ("lines", "row", "column", "new_line"),
    [
        (["## 자기소개", "안녕하세요."], 1, 0, False),  # under the heading
        (["## 빈 답", ""], 1, 0, False),  # an empty answer: its empty line
        (["## 유일한 헤딩"], 0, 9, True),  # the file ends on it: a line is started first
        (["# 폴더 카테고리", "## 폴더 질문", "폴더 답."], 0, 9, True),  # a heading right under it
        (["# 범주", "", "## 질문"], 1, 0, False),
        (["---", "company: 예시", "---", "# 인성", "## 자기소개"], 3, 4, True),
        (["---", "company: 예시", "---", "본문입니다."], 3, 0, False),  # past the front matter
        (["---", "company: 예시", "---"], 2, 3, True),  # nothing after it
        (["---", "닫히지 않은 머리말"], 0, 0, False),  # unclosed: not front matter
        (["머리말 없는 글"], 0, 0, False),
        ([], 0, 0, False),
    ],
)
def test_the_answer_starts_past_the_front_matter_and_under_the_heading(
    lines: list[str], row: int, column: int, new_line: bool
) -> None:
    assert answer_start(lines) == AnswerStart(row, column, new_line)
