"""One rule for what is a question and what is something to say aloud (Korean notes)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehearse.core.identity import answered_questions
from rehearse.core.markdown import count_answer_chars, has_text, plain_text
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile, Section, parse_note
from rehearse.core.questions import (
    DEFAULT_RULES,
    QUESTION_KINDS,
    Kind,
    QuestionRules,
    answer_section,
    is_ignored_title,
    is_links_only,
    note_shape,
    nothing_to_say,
    question_children,
    question_count,
    questions_of,
    section_kind,
)
from tests.conftest import write_note

NOTE = (
    "# 알고리즘\n"  # category
    "## 이분 탐색\n정렬된 배열을 반으로 나누어 찾습니다.\n"  # answer
    "### 구현\n```java\nint mid = (lo + hi) / 2;\n```\n"  # code only
    "### Code\n```java\nreturn mid;\n```\n"  # ignored (boilerplate)
    "### 참고 자료\n- [위키백과](https://ko.wikipedia.org)\n"  # ignored
    "#### 블로그\n좋은 글입니다.\n"  # under an ignored heading: ignored too
    "## 목차 정리\n- [이분 탐색](#이분-탐색)\n- [퀵 정렬](#퀵-정렬)\n"  # links only
    "## 퀵 정렬\n"  # empty
    "# 인성\n"
    "## 카카오에 지원한 이유\n%% same as below %%\n"  # another wording of the next
    "## 꼭 우리회사여야 하는 이유\n기술로 문제를 푸는 문화가 좋아서입니다.\n"
    "## 본질에 집중해본 경험\n%%Same  As Below%%\n"  # the next one has no answer
    "## 인생을 사는데 즐거움을 무엇으로 찾는지?\n"
)


def note_of(text: str) -> NoteFile:
    return parse_note(Path("면접.md"), text.encode("utf-8"))


def by_title(note: NoteFile, title: str) -> Section:
    return next(s for s in note.questions if s.title == title)


def kinds(note: NoteFile, rules: QuestionRules = DEFAULT_RULES) -> dict[str, Kind]:
    return {s.title: section_kind(note, s, rules) for s in note.questions}


def test_every_section_has_one_kind() -> None:
    assert kinds(note_of(NOTE)) == {
        "알고리즘": Kind.CATEGORY,
        "이분 탐색": Kind.ANSWER,
        "구현": Kind.CODE_ONLY,
        "Code": Kind.IGNORED,
        "참고 자료": Kind.IGNORED,
        "블로그": Kind.IGNORED,
        "목차 정리": Kind.LINKS_ONLY,
        "퀵 정렬": Kind.EMPTY,
        "인성": Kind.CATEGORY,
        "카카오에 지원한 이유": Kind.SAME_AS_BELOW,
        "꼭 우리회사여야 하는 이유": Kind.ANSWER,
        "본질에 집중해본 경험": Kind.SAME_AS_BELOW,
        "인생을 사는데 즐거움을 무엇으로 찾는지?": Kind.EMPTY,
    }


def test_what_the_teleprompter_reads_or_why_not() -> None:
    note = note_of(NOTE)
    assert answer_section(note, by_title(note, "이분 탐색")) == by_title(note, "이분 탐색")
    assert nothing_to_say(note, by_title(note, "이분 탐색")) is None
    assert nothing_to_say(note, by_title(note, "구현")) == "nothing to say aloud here (code only)"
    assert nothing_to_say(note, by_title(note, "목차 정리")) == (
        "nothing to say aloud here (only links)"
    )
    assert nothing_to_say(note, by_title(note, "퀵 정렬")) == "no answer yet"
    assert "ignored" in (nothing_to_say(note, by_title(note, "Code")) or "")
    # Another wording reads the answer below it; a marker over an unanswered question cannot.
    shared = answer_section(note, by_title(note, "카카오에 지원한 이유"))
    assert shared == by_title(note, "꼭 우리회사여야 하는 이유")
    assert nothing_to_say(note, by_title(note, "본질에 집중해본 경험")) == (
        "same as below, but the question below has no answer yet"
    )


def test_a_chain_of_wordings_shares_the_first_answer_below() -> None:
    note = note_of(
        "## 지원 동기\n%% same as below %%\n## 왜 우리 회사인가?\n%% same as below %%\n"
        "## 꼭 우리회사여야 하는 이유\n문화가 좋아서입니다.\n"
    )
    answer = by_title(note, "꼭 우리회사여야 하는 이유")
    assert answer_section(note, by_title(note, "지원 동기")) == answer
    assert answer_section(note, by_title(note, "왜 우리 회사인가?")) == answer


def test_the_marker_needs_to_be_the_only_content() -> None:
    note = note_of("## 질문\n%% same as below %%\n제 답입니다.\n## 다음\n답\n")
    assert section_kind(note, by_title(note, "질문")) is Kind.ANSWER


def test_the_marker_reaches_only_the_next_sibling() -> None:
    # The heading below is a sub-question of another parent, not a sibling.
    note = note_of("# 인성\n## 마지막 질문\n%% same as below %%\n# 기술\n## 카프카\n분산 로그\n")
    assert answer_section(note, by_title(note, "마지막 질문")) is None


def test_counts_and_children_leave_out_ignored_headings_and_categories() -> None:
    note = note_of(NOTE)
    assert question_count(note) == 8
    assert [s.title for s in questions_of(note)] == [
        "이분 탐색",
        "구현",
        "목차 정리",
        "퀵 정렬",
        "카카오에 지원한 이유",
        "꼭 우리회사여야 하는 이유",
        "본질에 집중해본 경험",
        "인생을 사는데 즐거움을 무엇으로 찾는지?",
    ]
    assert [s.title for s in question_children(note, by_title(note, "이분 탐색"))] == ["구현"]


def test_a_heading_whose_only_children_are_ignored_is_an_empty_question() -> None:
    note = note_of("## 퀵 정렬\n### 참고 자료\n- [글](https://example.com)\n")
    assert section_kind(note, by_title(note, "퀵 정렬")) is Kind.EMPTY


def test_a_contents_list_over_questions_is_a_category() -> None:
    note = note_of("# 네트워크\n- [TCP](#tcp)\n- [UDP](#udp)\n## TCP\n연결형\n## UDP\n비연결형\n")
    assert section_kind(note, by_title(note, "네트워크")) is Kind.CATEGORY


@pytest.mark.parametrize(
    "title",
    ["참고 자료", "[참고 자료]", "참고자료", "📚 참고 자료", "참고:", "3. References", "Reference",
     "references", "출처", "추가 자료", "LINKS", "목차", "Table of Contents", "table of contents",
     "TOC", "Code", "code", "**Code**"],
)  # fmt: skip
def test_boilerplate_titles_are_ignored(title: str) -> None:
    assert is_ignored_title(title)


@pytest.mark.parametrize(
    "title",
    ["참고할 만한 경험", "코드 리뷰 경험", "Codec", "Code Review", "TCP와 UDP", "출처 표기법"],
)
def test_real_questions_are_not_ignored(title: str) -> None:
    assert not is_ignored_title(title)


def test_the_ignore_list_is_the_users_choice() -> None:
    rules = QuestionRules(ignore=("장단점*", "면접 ?기"))
    assert is_ignored_title("장단점 정리", rules)
    assert is_ignored_title("면접 후기", rules)
    assert not is_ignored_title("참고 자료", rules)  # the list replaces the defaults
    note = note_of("## 참고 자료\n책 두 권을 읽었습니다.\n## 장단점\n성실함\n")
    assert kinds(note, rules) == {"참고 자료": Kind.ANSWER, "장단점": Kind.IGNORED}
    assert kinds(note, QuestionRules(ignore=()))["장단점"] is Kind.ANSWER


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- [TCP](#tcp)\n  - [3 way](#3-way)\n", True),
        ("1. [[네트워크]]\n2. [[운영체제|OS]]\n", True),
        ("https://ko.wikipedia.org/wiki/TCP\n<br>\n<https://example.com>\n", True),
        ("[TCP](#tcp) | [UDP](#udp)\n\n---\n[1]: https://example.com\n", True),
        ("* **[강의](https://example.com)**\n", True),
        ("자세한 내용은 [블로그](https://example.com) 참고\n", False),
        ("- [TCP](#tcp) 연결형 프로토콜\n", False),
        ("링크 없이 쓴 답변\n", False),
    ],
)
def test_links_only(text: str, expected: bool) -> None:
    assert is_links_only(text) is expected


def test_shapes_are_cached_per_snapshot_and_rules() -> None:
    note = note_of(NOTE)
    assert note_shape(note) is note_shape(note)
    other = QuestionRules(ignore=())
    assert note_shape(note, other).kinds[by_title(note, "Code").index] is Kind.CODE_ONLY
    assert section_kind(note, by_title(note, "Code")) is Kind.IGNORED


def test_answered_questions_follow_the_rule(tmp_path: Path) -> None:
    write_note(tmp_path, "면접.md", NOTE)
    questions = answered_questions(open_notebook(tmp_path))
    assert [(q.title, q.wordings) for q in questions] == [
        ("이분 탐색", ()),
        ("꼭 우리회사여야 하는 이유", ("카카오에 지원한 이유",)),
    ]


_titles = st.sampled_from(["참고 자료", "자기소개", "Code", "구현", "카프카", "목차", "장점"])
_bodies = st.sampled_from(
    ["", "답변입니다.\n", "```\ncode\n```\n", "- [a](#a)\n", "%% same as below %%\n"]
)


@given(st.lists(st.tuples(st.integers(1, 4), _titles, _bodies), max_size=12))
def test_kinds_are_consistent_on_any_outline(outline: list[tuple[int, str, str]]) -> None:
    note = note_of("".join(f"{'#' * level} {title}\n{body}" for level, title, body in outline))
    shape = note_shape(note)
    for section in note.questions:
        kind = shape.kinds[section.index]
        parent = section.parent
        if parent is not None and shape.kinds[parent] is Kind.IGNORED:
            assert kind is Kind.IGNORED  # everything under boilerplate is boilerplate
        if is_ignored_title(section.title):
            assert kind is Kind.IGNORED
        said = answer_section(note, section)
        assert (said is None) == (nothing_to_say(note, section) is not None)
        if said is not None:
            assert shape.kinds[said.index] is Kind.ANSWER and note.spoken_chars(said) > 0
        if kind is Kind.CATEGORY:
            assert question_children(note, section)


_pieces = st.sampled_from(
    [
        "답변입니다. ",
        "`코드`",
        "```\nx = 1\n```\n",
        "%% 메모 %%",
        "[링크](https://a.b) ",
        "\n",
        "``",
    ]
)


@given(st.lists(_pieces, max_size=10), st.lists(_pieces, max_size=6))
def test_spoken_chars_shortcut_agrees_with_the_spoken_text(
    first: list[str], second: list[str]
) -> None:
    note = note_of(f"## 가\n{''.join(first)}\n## 나\n{''.join(second)}\n")
    for section in note.sections:
        assert note.spoken_chars(section) == count_answer_chars(note.spoken_text(section))

    for section in note.sections:  # the line-by-line shortcuts say the same as the counts
        assert note.has_answer_text(section) == (count_answer_chars(note.answer_text(section)) > 0)
        assert note.has_spoken_text(section) == (note.spoken_chars(section) > 0)


_MARKUP_PIECES = [" ", "\t", "\n", "\r", "\u2028", "\x0b", "*", "_", "~", "=", "`", "[", "]"]
_MARKUP_PIECES += ["(", ")", "<", ">", "|", "-", ":", "^", "!", "+", "1.", "가", "a", "B", "[["]
_markup = st.lists(st.sampled_from([*_MARKUP_PIECES, "]]", "[ ] ", "<br>"]), max_size=40).map(
    "".join
)


@given(_markup)
def test_has_text_agrees_with_plain_text(text: str) -> None:
    assert has_text(text) == (count_answer_chars(plain_text(text)) > 0)


@given(st.lists(st.tuples(st.integers(1, 4), _titles, _bodies), max_size=12))
def test_counting_questions_agrees_with_their_kinds(outline: list[tuple[int, str, str]]) -> None:
    note = note_of("".join(f"{'#' * level} {title}\n{body}" for level, title, body in outline))
    counted = question_count(note)
    listed = questions_of(note)
    kinds = note_shape(note).kinds  # a fresh note: the count above read only what it needed
    assert listed == [s for s in note.questions if kinds[s.index] in QUESTION_KINDS]
    assert counted == len(listed)


def test_a_shaped_note_snapshot_is_freed_once_nothing_else_holds_it() -> None:
    """The kinds' cache must not keep every snapshot of a note (each save makes one) alive."""
    import gc
    import weakref

    from rehearse.core.targets import question_target

    note = parse_note(
        Path("면접.md"), "---\ntarget_seconds: 60\n---\n## 자기소개\n안녕하세요.\n".encode()
    )
    assert section_kind(note, note.sections[1]) is Kind.ANSWER
    assert question_target(note, note.sections[1], 90.0) == 60.0
    gone = weakref.ref(note)
    del note
    gc.collect()
    assert gone() is None
