"""Tree edits as pure text operations: add, rename, delete, move, new note names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rehearse.core.notes import NoteFile, Section, parse_note
from rehearse.core.text import split_lines
from rehearse.core.tree_edits import (
    Reshaped,
    ShapeError,
    add_after,
    add_first_child,
    add_question,
    delete_question,
    move_question,
    new_note_path,
    rename_heading,
    siblings,
    subtree_end,
)

NOTE = (
    "---\n회사: 예시\n---\n"
    "# 인성\n"
    "## 자기소개\n안녕하세요.\n\n"
    "## 지원 동기\n성장입니다.\n"
    "### 꼬리 질문\n왜요?\n"
    "# 기술\n"
    "## 카프카\n분산 로그입니다.\n"
)


def note_of(text: str, bom: bool = False) -> NoteFile:
    raw = text.encode("utf-8")
    return parse_note(Path("면접.md"), (b"\xef\xbb\xbf" if bom else b"") + raw)


def by_title(note: NoteFile, title: str) -> Section:
    return next(s for s in note.questions if s.title == title)


def outline(text: str) -> list[tuple[int, str, int | None]]:
    note = note_of(text)
    return [(s.level, s.title, s.parent) for s in note.questions]


def test_a_new_question_goes_after_the_whole_subtree_at_the_same_level() -> None:
    note = note_of(NOTE)
    done = add_after(note, by_title(note, "지원 동기"), "입사 후 포부")
    assert done.text == NOTE.replace("왜요?\n", "왜요?\n## 입사 후 포부\n\n")
    new = note_of(done.text)
    assert new.sections[done.section].title == "입사 후 포부"
    assert new.heading_path(new.sections[done.section]) == ("인성", "입사 후 포부")


def test_a_new_question_in_a_category_or_file_comes_first() -> None:
    note = note_of(NOTE)
    done = add_question(note, by_title(note, "기술"), "레디스")  # a category
    assert done.text == NOTE.replace("# 기술\n", "# 기술\n## 레디스\n\n")
    assert note_of(done.text).sections[done.section].title == "레디스"
    done = add_question(note, note.sections[0], "첫 질문")  # the file: after the front matter
    assert done.text == NOTE.replace("---\n# 인성", "---\n# 첫 질문\n\n# 인성")
    assert done.section == 1
    done = add_question(note, by_title(note, "카프카"), "레디스")  # a question: after it
    assert done.text == NOTE + "## 레디스\n"


def test_a_new_sub_question_under_a_leaf_goes_one_level_down() -> None:
    note = note_of("## 카프카\n분산 로그\n")
    done = add_first_child(note, by_title(note, "카프카"), "파티션")
    assert done.text == "## 카프카\n분산 로그\n### 파티션\n"
    deepest = note_of("###### 깊은 질문\n")
    with pytest.raises(ShapeError, match="level-6"):
        add_first_child(deepest, deepest.questions[0], "더 깊이")


def test_a_file_without_a_final_newline_keeps_it_that_way() -> None:
    note = note_of("## 카프카\r\n분산 로그")
    done = add_after(note, note.questions[0], "레디스")
    assert done.text == "## 카프카\r\n분산 로그\r\n## 레디스"
    empty = note_of("")
    assert add_first_child(empty, empty.sections[0], "자기소개").text == "## 자기소개\n"


def test_new_headings_take_the_notes_line_ending_and_keep_the_bom() -> None:
    crlf = NOTE.replace("\n", "\r\n")
    note = note_of(crlf, bom=True)
    done = add_after(note, by_title(note, "자기소개"), "1분 자기소개")
    assert done.text == crlf.replace("\r\n\r\n## 지원", "\r\n\r\n## 1분 자기소개\r\n\r\n## 지원")
    assert note.decoded.encode(done.text).startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize("title", ["", "   ", "두 줄\n제목", "메모 %% 숨김", "탭\x07문자"])
def test_bad_titles_are_refused(title: str) -> None:
    note = note_of(NOTE)
    with pytest.raises(ShapeError):
        add_after(note, by_title(note, "카프카"), title)
    with pytest.raises(ShapeError):
        rename_heading(note, by_title(note, "카프카"), title)


def test_a_heading_cannot_be_added_inside_an_unclosed_code_block() -> None:
    note = note_of("## 코드\n```python\nprint(1)\n")
    with pytest.raises(ShapeError, match="code block"):
        add_after(note, note.questions[0], "다음 질문")


@pytest.mark.parametrize(
    ("line", "renamed"),
    [
        ("## 자기소개\n", "## 1분 자기소개\n"),
        ("### **높은 러닝 커브** ##\n", "### **1분 자기소개** ##\n"),
        ("## 자기소개 %% 60초 %%\n", "## 1분 자기소개 %% 60초 %%\n"),
        ("##   자기소개   \n", "##   1분 자기소개   \n"),
        ("## _자기소개_\r\n", "## _1분 자기소개_\r\n"),
        ("  ## 자기소개", "  ## 1분 자기소개"),
    ],
)
def test_rename_keeps_level_and_trailing_markup(line: str, renamed: str) -> None:
    note = note_of(f"# 인성\n{line}")
    done = rename_heading(note, note.questions[1], " 1분  자기소개 ")
    assert done.text == f"# 인성\n{renamed}"
    assert note_of(done.text).sections[done.section].title == "1분 자기소개"


def test_delete_takes_the_subtree_and_gives_it_back() -> None:
    note = note_of(NOTE)
    done = delete_question(note, by_title(note, "지원 동기"))
    assert done.removed == "## 지원 동기\n성장입니다.\n### 꼬리 질문\n왜요?\n"
    assert done.text == NOTE.replace(done.removed, "")
    assert note_of(done.text).sections[done.section].title == "자기소개"  # the one before


def test_delete_at_the_end_keeps_the_missing_final_newline() -> None:
    note = note_of("## 가\r\n답\r\n## 나\r\n답")
    done = delete_question(note, note.questions[1])
    assert (done.text, done.removed) == ("## 가\r\n답", "## 나\r\n답")
    first = delete_question(note, note.questions[0])
    assert (first.text, first.section) == ("## 나\r\n답", 0)


def test_move_swaps_whole_subtrees_byte_for_byte() -> None:
    note = note_of(NOTE)
    up = move_question(note, by_title(note, "지원 동기"), -1)
    assert up.text == NOTE.replace(
        "## 자기소개\n안녕하세요.\n\n## 지원 동기\n성장입니다.\n### 꼬리 질문\n왜요?\n",
        "## 지원 동기\n성장입니다.\n### 꼬리 질문\n왜요?\n## 자기소개\n안녕하세요.\n\n",
    )
    assert note_of(up.text).sections[up.section].title == "지원 동기"
    down = move_question(note_of(up.text), by_title(note_of(up.text), "지원 동기"), 1)
    assert down.text == NOTE
    assert note_of(down.text).sections[down.section].title == "지원 동기"
    top = move_question(note, by_title(note, "기술"), -1)
    assert top.text.index("# 기술") < top.text.index("# 인성")


def test_moving_the_last_subtree_of_a_file_without_final_newline() -> None:
    note = note_of("## 가\n답 가\n## 나\n답 나")
    done = move_question(note, note.questions[1], -1)
    assert done.text == "## 나\n답 나\n## 가\n답 가"


def test_a_question_moves_only_among_its_siblings() -> None:
    note = note_of(NOTE)
    with pytest.raises(ShapeError, match="already the first"):
        move_question(note, by_title(note, "자기소개"), -1)
    with pytest.raises(ShapeError, match="already the last"):
        move_question(note, by_title(note, "꼬리 질문"), 1)
    # A shallower heading moved above a deeper sibling would swallow it: refused.
    uneven = note_of("### 깊은 질문\n답\n# 얕은 질문\n답\n")
    with pytest.raises(ShapeError):
        move_question(uneven, by_title(uneven, "얕은 질문"), -1)


def test_new_note_names(tmp_path: Path) -> None:
    (tmp_path / "자기소개.md").write_text("", encoding="utf-8")
    assert new_note_path(tmp_path, " 기술 면접 ") == tmp_path / "기술 면접.md"
    assert new_note_path(tmp_path, "정리.markdown") == tmp_path / "정리.markdown"
    assert new_note_path(tmp_path, "v1.2") == tmp_path / "v1.2.md"
    for bad, reason in [
        ("", "needs a name"),
        ("자기소개", "already exists"),
        ("자기소개.MD", "already exists"),
        ("하위/노트", "cannot hold"),
        (".숨김", "hidden"),
        ("가" * 90, "too long"),
    ]:
        with pytest.raises(ShapeError, match=reason):
            new_note_path(tmp_path, bad)
    with pytest.raises(ShapeError, match="no such folder"):
        new_note_path(tmp_path / "없음", "노트")


# -- any sequence of edits leaves every other section byte for byte -----------------------------

_endings = st.sampled_from(["\n", "\r\n", "\r"])
_words = st.sampled_from(["답변", "카프카", "Redis", "# 아님", "  들여쓰기", "- 목록", "|표|"])


@st.composite
def notes(draw: st.DrawFn) -> tuple[str, bool]:
    sections = []
    for number in range(draw(st.integers(0, 8))):
        level = draw(st.integers(1, 4))
        ending = draw(_endings)
        body = "".join(
            f"{word} {number}{draw(_endings)}" for word in draw(st.lists(_words, max_size=3))
        )
        sections.append(f"{'#' * level} 질문 {number}{ending}{body}")
    preamble = draw(st.sampled_from(["", "---\n태그: 면접\n---\n", "머리말\r\n"]))
    text = preamble + "".join(sections)
    if draw(st.booleans()) and text.endswith(("\n", "\r")):
        text = text.rstrip("\r\n")  # no final newline
    return text, draw(st.booleans())


_ops = st.lists(
    st.tuples(
        st.sampled_from(["after", "child", "rename", "delete", "up", "down"]), st.integers(0, 20)
    ),
    max_size=8,
)


def _chunks(note: NoteFile) -> list[str]:
    return [note.section_text(s) for s in note.sections]


def _same_but_final_ending(a: str, b: str) -> bool:
    return a.rstrip("\r\n") == b.rstrip("\r\n")


def _body(chunk: str) -> str:
    return "".join(split_lines(chunk)[1:])


def _edit(note: NoteFile, op: str, target: Section, step: int) -> Reshaped:
    if op == "after":
        return add_after(note, target, f"새 질문 {step}")
    if op == "child":
        return add_first_child(note, target, f"새 질문 {step}")
    if op == "rename":
        return rename_heading(note, target, f"새 이름 {step}")
    if op == "delete":
        return delete_question(note, target)
    return move_question(note, target, -1 if op == "up" else 1)


def _check_insert(before: list[str], after: list[str], done: Reshaped, step: int) -> None:
    heading = after[done.section].rstrip("\r\n")
    assert heading.lstrip("#") == f" 새 질문 {step}" and "\n" not in heading and "\r" not in heading
    rest = after[: done.section] + after[done.section + 1 :]
    assert len(rest) == len(before)
    for index, (old, now) in enumerate(zip(before, rest, strict=True)):
        if old != now:  # only the section the new one follows may gain a line ending
            assert index == done.section - 1 and _same_but_final_ending(old, now)


def _check_delete(note: NoteFile, target: Section, after: list[str], done: Reshaped) -> None:
    before = _chunks(note)
    end = subtree_end(note, target)
    removed = [s.index for s in note.sections[1:] if target.start <= s.start < end]
    kept = [chunk for i, chunk in enumerate(before) if i not in removed]
    assert "".join(before[i] for i in removed) == done.removed
    assert len(kept) == len(after)
    for index, (old, now) in enumerate(zip(kept, after, strict=True)):
        if old != now:  # only the new last section may lose the ending the file never had
            assert index == len(kept) - 1 and end == len(note.text)
            assert _same_but_final_ending(old, now)


def _check_move(note: NoteFile, target: Section, op: str, new: NoteFile) -> None:
    around = siblings(note, target)
    other = note.sections[around[around.index(target.index) + (-1 if op == "up" else 1)]]
    first, second = sorted((target, other), key=lambda s: s.start)
    a, c = first.start, subtree_end(note, second)
    assert new.text[:a] == note.text[:a]
    assert new.text[len(new.text) - (len(note.text) - c) :] == note.text[c:]
    region = lambda book: [  # noqa: E731
        chunk.rstrip("\r\n")
        for s, chunk in zip(book.sections, _chunks(book), strict=True)
        if s.start >= a and s.start < len(book.text) - (len(note.text) - c)
    ]
    assert sorted(region(note)) == sorted(region(new))
    assert new.sections[done_index(new, target)].title == target.title


def done_index(new: NoteFile, target: Section) -> int:
    return next(s.index for s in new.sections if s.title == target.title)


@settings(max_examples=300)
@given(notes(), _ops)
def test_any_sequence_of_edits_leaves_untouched_sections_byte_exact(
    made: tuple[str, bool], ops: list[tuple[str, int]]
) -> None:
    text, bom = made
    note = note_of(text, bom)
    for step, (op, pick) in enumerate(ops):
        target = note.sections[pick % len(note.sections)]
        if target.is_preamble and op != "child":
            if len(note.sections) < 2:
                continue
            target = note.sections[1]
        try:
            done = _edit(note, op, target, step)
        except ShapeError:
            continue
        new = parse_note(note.path, note.decoded.encode(done.text))
        before, after = _chunks(note), _chunks(new)
        if op in ("after", "child"):
            _check_insert(before, after, done, step)
        elif op == "rename":
            assert len(after) == len(before)
            for index, (old, now) in enumerate(zip(before, after, strict=True)):
                assert old == now or (index == target.index and _body(old) == _body(now))
            assert new.sections[target.index].title == f"새 이름 {step}"
        elif op == "delete":
            _check_delete(note, target, after, done)
        else:
            _check_move(note, target, op, new)
        # The file's own facts never change: its BOM, and whether it ends with a newline.
        assert new.decoded.has_bom == bom
        if note.text and done.text:
            assert (done.text[-1] in "\r\n") == (note.text[-1] in "\r\n")
        note = new
