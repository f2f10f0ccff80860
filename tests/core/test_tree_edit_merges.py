"""A tree edit and its undo are done on the note as it is now: another program's lines are
never lost or moved under another question (hostile findings 1 and 2), and a change that
meets the edited lines stops the edit with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile, parse_note
from rehearse.core.outcomes import Conflict, Saved
from rehearse.core.recovery import RecoveryJournal
from rehearse.core.session import EditSession
from rehearse.core.shaping import Shaped, delete, move, new_question, rename, undo
from rehearse.core.tree_edits import ShapeError
from rehearse.core.tree_ops import CHANGED_MEANWHILE
from tests.conftest import write_note

A = (
    "# 인성\n## 자기소개\n저는 개발자입니다.\n"
    "## 지원동기\n회사가 좋습니다.\n## 장단점\n꼼꼼합니다.\n"
)
SHELL = "셸이 쓴 소중한 문장.\n"


def session_of(tmp_path: Path, text: str = A) -> tuple[EditSession, Path]:
    path = write_note(tmp_path / "notes", "a.md", text.encode("utf-8"))
    journal = RecoveryJournal(tmp_path / "recovery")
    return EditSession(open_notebook(tmp_path / "notes"), journal=journal), path


def section(session: EditSession, path: Path, title: str) -> tuple[NoteFile, int]:
    note = session.note(path)
    assert note is not None
    return note, next(s.index for s in note.sections if s.title == title)


def add_after(path: Path, line: str, extra: str = SHELL) -> None:
    text = path.read_text(encoding="utf-8")
    assert line in text
    path.write_text(text.replace(line, line + extra, 1), encoding="utf-8")


def test_finding_1_a_delete_whose_lines_changed_meanwhile_is_refused(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    note, motive = section(session, path, "지원동기")  # the dialog is open on this
    add_after(path, "회사가 좋습니다.\n")
    external = path.read_bytes()
    shaped = delete(session, note, note.sections[motive])
    assert isinstance(shaped.outcome, Conflict)
    assert shaped.outcome.reason == CHANGED_MEANWHILE
    assert path.read_bytes() == external and shaped.undo is None and shaped.kept is None


def test_a_delete_confirmed_after_a_change_elsewhere_is_done_on_the_file_now(
    tmp_path: Path,
) -> None:
    session, path = session_of(tmp_path)
    note, motive = section(session, path, "지원동기")
    add_after(path, "저는 개발자입니다.\n")  # the end of 자기소개, just above the delete
    shaped = delete(session, note, note.sections[motive])
    assert isinstance(shaped.outcome, Saved)
    assert path.read_text(encoding="utf-8") == (
        "# 인성\n## 자기소개\n저는 개발자입니다.\n" + SHELL + "## 장단점\n꼼꼼합니다.\n"
    )
    assert shaped.kept is not None
    assert shaped.kept.read_text(encoding="utf-8") == "## 지원동기\n회사가 좋습니다.\n"


def test_finding_1_undo_of_a_delete_keeps_a_line_written_since(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    note, motive = section(session, path, "지원동기")
    shaped = delete(session, note, note.sections[motive])
    assert isinstance(shaped.outcome, Saved) and shaped.undo is not None
    add_after(path, "저는 개발자입니다.\n")  # where 지원동기 was, as the end of 자기소개
    back = undo(session, shaped.undo)
    assert isinstance(back.outcome, Saved)
    assert path.read_text(encoding="utf-8") == A.replace(
        "개발자입니다.\n", "개발자입니다.\n" + SHELL
    )
    written = back.outcome.note
    assert back.select is not None and written.sections[back.select.section].title == "지원동기"


def test_finding_2_undo_of_a_move_keeps_the_line_with_its_question(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    note, intro = section(session, path, "자기소개")
    shaped = move(session, note, note.sections[intro], 1)
    assert isinstance(shaped.outcome, Saved) and shaped.undo is not None
    add_after(path, "저는 개발자입니다.\n")  # inside the moved 자기소개
    back = undo(session, shaped.undo)
    assert isinstance(back.outcome, Saved)
    assert path.read_text(encoding="utf-8") == A.replace(
        "개발자입니다.\n", "개발자입니다.\n" + SHELL
    )


def test_an_undo_that_cannot_be_done_writes_nothing_and_the_copy_stays(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    note, motive = section(session, path, "지원동기")
    shaped = delete(session, note, note.sections[motive])
    assert shaped.undo is not None and shaped.kept is not None
    text = path.read_text(encoding="utf-8").replace("## 장단점", "## 강점과 약점")
    path.write_text(text, encoding="utf-8")  # the heading it goes back above is gone
    back = undo(session, shaped.undo)
    assert isinstance(back.outcome, Conflict) and "same lines" in back.outcome.reason
    assert path.read_text(encoding="utf-8") == text
    assert back.kept == shaped.kept and "회사가 좋습니다." in shaped.kept.read_text("utf-8")


def test_undo_of_a_new_question_with_an_answer_typed_since_is_refused(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    note, intro = section(session, path, "자기소개")
    shaped = new_question(session, note, note.sections[intro], "강점은?")
    assert isinstance(shaped.outcome, Saved) and shaped.undo is not None
    add_after(path, "## 강점은?\n", "끈기입니다.\n")
    back = undo(session, shaped.undo)
    assert isinstance(back.outcome, Conflict)
    assert "끈기입니다." in path.read_text(encoding="utf-8")


# -- any tree edit, any other program's lines, then undo -------------------------------------

SENTENCES = ["결제 시스템을 만들었습니다.", "성장하고 싶습니다.", "감사합니다.", "", "- 협업"]


@st.composite
def notes(draw: st.DrawFn) -> str:
    count = draw(st.integers(min_value=1, max_value=5))
    lines = ["머리말"] if draw(st.booleans()) else []
    for number in range(count):
        level = 2 if number == 0 else draw(st.sampled_from([2, 3]))
        lines.append("#" * level + f" 질문 {number}")
        lines += draw(st.lists(st.sampled_from(SENTENCES), max_size=3))
    text = "\n".join(lines)
    return text + "\n" if draw(st.booleans()) else text


def insert_lines(text: str, places: list[int], tag: str) -> tuple[str, list[str]]:
    """Other program's lines, each before one of the file's lines (never after the last)."""
    lines = text.splitlines(keepends=True)
    added = []
    for number, place in enumerate(places):
        line = f"외부 문장 {tag}{number}"
        lines.insert(place % max(1, len(lines)), line + "\n")
        added.append(line)
    return "".join(lines), added


def owners(text: str, added: list[str]) -> dict[str, str | None]:
    """Under which heading each added line stands (None: above every heading)."""
    note = parse_note(Path("x.md"), text.encode("utf-8"))
    found = {}
    for line in added:
        offset = (text + "\n").index(line + "\n")  # the last line may have no ending
        owner = note.section_at_offset(offset)
        found[line] = owner.title if not owner.is_preamble else None
    return found


def do(session: EditSession, note: NoteFile, edit: str, target: int) -> Shaped:
    chosen = note.sections[target]
    if edit == "rename":
        return rename(session, note, chosen, "새 이름")
    if edit == "move":
        return move(session, note, chosen, 1 if target % 2 else -1)
    if edit == "delete":
        return delete(session, note, chosen)
    return new_question(session, note, chosen, "새 질문")


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=notes(),
    edit=st.sampled_from(["rename", "move", "delete", "new"]),
    target=st.integers(min_value=0, max_value=5),
    before=st.lists(st.integers(min_value=0, max_value=30), max_size=2),
    between=st.lists(st.integers(min_value=0, max_value=30), max_size=2),
)
def test_no_line_of_another_program_is_lost_or_moved_by_an_edit_or_its_undo(
    tmp_path_factory: pytest.TempPathFactory,
    text: str,
    edit: str,
    target: int,
    before: list[int],
    between: list[int],
) -> None:
    session, path = session_of(tmp_path_factory.mktemp("merge"), text)
    note = session.note(path)
    assert note is not None
    target %= len(note.sections)
    external, added = insert_lines(text, before, "가")
    path.write_text(external, encoding="utf-8")
    owned = owners(external, added)
    try:
        shaped = do(session, note, edit, target)
    except ShapeError:
        assert path.read_text(encoding="utf-8") == external
        return
    written = path.read_text(encoding="utf-8")
    if not isinstance(shaped.outcome, Saved):
        assert written == external
        return
    old_title = note.sections[target].title
    renamed = {old_title: "새 이름"} if edit == "rename" else {}
    assert owners(written, added) == {k: renamed.get(v, v) if v else v for k, v in owned.items()}
    if edit == "delete":
        assert shaped.kept is not None
        assert shaped.kept.read_text("utf-8") in external and shaped.kept.read_text("utf-8")
    assert shaped.undo is not None
    later, more = insert_lines(written, between, "나")
    path.write_text(later, encoding="utf-8")
    owned_later = owners(later, added + more)
    back = undo(session, shaped.undo)
    final = path.read_text(encoding="utf-8")
    if not isinstance(back.outcome, Saved):
        assert final == later
        return
    unrenamed = {"새 이름": old_title} if edit == "rename" else {}
    expected = {k: unrenamed.get(v, v) if v else v for k, v in owned_later.items()}
    assert owners(final, added + more) == expected
    if not before and not between:
        assert final == text  # nothing else changed: the undo gives back the very bytes


B = (
    "# 인성\n## 자기소개\n저는 개발자입니다.\n"
    "## 지원동기\n회사가 좋습니다.\n### 꼬리 질문\n꼬리 답.\n## 장단점\n꼼꼼합니다.\n"
)


@pytest.mark.parametrize(
    ("typed_in", "deleted"), [("지원동기", "지원동기"), ("꼬리 질문", "지원동기")]
)
def test_a_delete_that_would_take_unsaved_text_is_refused(
    tmp_path: Path, typed_in: str, deleted: str
) -> None:
    """Unsaved typing in the question (or a sub-question) is never left without its
    question, to be saved later under the one above (final hostile round, 1)."""
    session, path = session_of(tmp_path, B)
    note, typed = section(session, path, typed_in)
    buffer = session.open_section(note, note.sections[typed])
    session.edit(buffer, buffer.text + "미저장 문장.\n")
    note, target = section(session, path, deleted)
    shaped = delete(session, note, note.sections[target])
    assert isinstance(shaped.outcome, Conflict)
    assert "unsaved text" in shaped.outcome.reason
    assert path.read_text(encoding="utf-8") == B and shaped.kept is None
    assert buffer.dirty and buffer.heading_path[-1] == typed_in
    assert isinstance(session.save(buffer), Saved)
    saved = path.read_text(encoding="utf-8")
    assert f"## {typed_in}\n" in saved
    assert saved.index("미저장 문장.") > saved.index(f"## {typed_in}\n")
    # Saved, the delete goes ahead and takes the text with it into its kept copy.
    note, target = section(session, path, deleted)
    shaped = delete(session, note, note.sections[target])
    assert isinstance(shaped.outcome, Saved) and shaped.kept is not None
    assert "미저장 문장." in shaped.kept.read_text(encoding="utf-8")


def test_unsaved_text_elsewhere_does_not_stop_a_delete(tmp_path: Path) -> None:
    session, path = session_of(tmp_path, B)
    note, intro = section(session, path, "자기소개")
    buffer = session.open_section(note, note.sections[intro])
    session.edit(buffer, buffer.text + "덧붙임.\n")
    note, last = section(session, path, "장단점")
    assert isinstance(delete(session, note, note.sections[last]).outcome, Saved)
    assert buffer.dirty and buffer.heading_path[-1] == "자기소개"


def test_undoing_a_new_question_with_unsaved_text_in_it_is_refused(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    note, motive = section(session, path, "지원동기")
    made = new_question(session, note, note.sections[motive], "새 질문")
    assert isinstance(made.outcome, Saved) and made.undo is not None
    note, new = section(session, path, "새 질문")
    buffer = session.open_section(note, note.sections[new])
    session.edit(buffer, buffer.text + "아직 저장 안 한 답.\n")
    before = path.read_bytes()
    back = undo(session, made.undo)
    assert isinstance(back.outcome, Conflict) and "unsaved text" in back.outcome.reason
    assert path.read_bytes() == before and buffer.dirty


def test_no_tree_edit_while_the_whole_note_is_open_with_unsaved_text(tmp_path: Path) -> None:
    """The file row's view holds every line: a delete, a move or an undo would redraw
    lines it is editing (final hostile check: the delete went ahead, a false conflict)."""
    session, path = session_of(tmp_path, B)
    note = session.note(path)
    assert note is not None
    whole = session.open_file(note)
    session.edit(whole, whole.text.replace("꼼꼼합니다.\n", "꼼꼼합니다. 전체 보기에서 씀\n"))
    note, last = section(session, path, "장단점")
    shaped = delete(session, note, note.sections[last])
    assert isinstance(shaped.outcome, Conflict) and "whole note" in shaped.outcome.reason
    note, intro = section(session, path, "자기소개")
    moved = move(session, note, note.sections[intro], 1)
    assert isinstance(moved.outcome, Conflict) and "whole note" in moved.outcome.reason
    assert path.read_text(encoding="utf-8") == B and whole.dirty
    assert isinstance(session.save(whole), Saved)
    note, last = section(session, path, "장단점")
    shaped = delete(session, note, note.sections[last])
    assert isinstance(shaped.outcome, Saved) and shaped.kept is not None
    assert "전체 보기에서 씀" in shaped.kept.read_text(encoding="utf-8")
