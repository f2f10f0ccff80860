"""Tree edits written through the edit session (EditSession.reshape, core/shaping): merged
three ways like typing, never through a conflict, open buffers kept, deletes copied and
undone."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile
from rehearse.core.outcomes import Change, Conflict, Saved, SaveFailed
from rehearse.core.recovery import RecoveryJournal
from rehearse.core.refs import SectionRef
from rehearse.core.session import EditSession
from rehearse.core.shaping import (
    create_note,
    delete,
    delete_summary,
    move,
    new_question,
    new_question_place,
    rename,
    undo,
)
from rehearse.core.tree_edits import ShapeError
from tests.conftest import write_note

NOTE = (
    "# 인성\r\n"
    "\r\n"
    "## 자기소개\r\n"
    "안녕하세요, 백엔드 개발자입니다.\r\n"
    "\r\n"
    "### 1분 자기소개\r\n"
    "결제 시스템을 만들었습니다.\r\n"
    "\r\n"
    "## 지원 동기\r\n"
    "성장하고 싶습니다.\r\n"
    "\r\n"
    "## 마지막 한마디\r\n"
    "감사합니다.\r\n"
)


def session_of(tmp_path: Path, text: str = NOTE) -> tuple[EditSession, Path]:
    path = write_note(tmp_path / "notes", "인성.md", text.encode("utf-8"))
    journal = RecoveryJournal(tmp_path / "recovery")
    return EditSession(open_notebook(tmp_path / "notes"), journal=journal), path


def shown(session: EditSession, path: Path, *titles: str) -> tuple[NoteFile, int]:
    note = session.note(path)
    assert note is not None
    section = note.find_by_heading_path(titles) if titles else note.sections[0]
    assert section is not None
    return note, section.index


def test_a_rename_is_written_byte_exact_and_the_session_moves_onto_it(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    note, index = shown(session, path, "인성", "지원 동기")
    shaped = rename(session, note, note.sections[index], "지원한 이유")
    assert isinstance(shaped.outcome, Saved)
    assert path.read_bytes() == NOTE.replace("## 지원 동기", "## 지원한 이유").encode()
    assert session.note(path) is shaped.outcome.note
    assert shaped.select == SectionRef(path, index)


def test_a_change_on_disk_elsewhere_is_merged_into_a_tree_edit(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    note, index = shown(session, path, "인성", "자기소개")
    theirs = NOTE.replace("감사합니다.", "고맙습니다.").replace("# 인성\r\n", "# 인성 면접\r\n")
    path.write_bytes(theirs.encode())  # the session has not heard of it yet
    shaped = new_question(session, note, note.sections[index], "강점은?")
    assert isinstance(shaped.outcome, Saved)
    assert (
        path.read_bytes()
        == theirs.replace("## 지원 동기", "## 강점은?\r\n\r\n## 지원 동기").encode()
    )
    written = shaped.outcome.note
    assert shaped.select is not None
    assert written.heading_path(written.sections[shaped.select.section]) == ("인성 면접", "강점은?")


def test_a_change_on_disk_in_the_same_lines_writes_nothing(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    note, index = shown(session, path, "인성", "지원 동기")
    theirs = NOTE.replace("## 지원 동기", "## 지원 이유").encode()
    path.write_bytes(theirs)
    shaped = rename(session, note, note.sections[index], "지원한 까닭")
    assert isinstance(shaped.outcome, Conflict)
    assert "same lines" in shaped.outcome.reason
    assert path.read_bytes() == theirs
    assert session.note(path) is not None and session.note(path).raw == theirs  # taken in


def test_an_open_buffers_unsaved_text_is_merged_and_stays_unsaved(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    note, intro = shown(session, path, "인성", "자기소개")
    buffer = session.open_section(note, note.sections[intro])
    session.edit(buffer, buffer.text.replace("개발자입니다.", "개발자입니다. 오 년 차입니다."))
    _, last = shown(session, path, "인성", "마지막 한마디")
    shaped = move(session, note, note.sections[last], -1)
    assert isinstance(shaped.outcome, Saved)
    assert [change for b, change in shaped.changes if b is buffer] == [Change.MERGED]
    assert buffer.dirty and "오 년 차입니다." in buffer.text
    assert "오 년 차" not in path.read_text(encoding="utf-8")  # not saved by the tree edit
    assert isinstance(session.save(buffer), Saved)
    text = path.read_bytes().decode()
    assert "개발자입니다. 오 년 차입니다.\r\n" in text
    assert text.index("## 마지막 한마디") < text.index("## 지원 동기")


def test_an_open_conflict_in_the_note_stops_a_tree_edit(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    note, intro = shown(session, path, "인성", "자기소개")
    buffer = session.open_section(note, note.sections[intro])
    session.edit(buffer, buffer.text.replace("백엔드", "프론트엔드"))
    theirs = NOTE.replace("백엔드", "데이터").encode()
    path.write_bytes(theirs)
    session.reload([path])
    assert buffer.conflict is not None
    now, last = shown(session, path, "인성", "마지막 한마디")
    shaped = rename(session, now, now.sections[last], "끝으로")
    assert isinstance(shaped.outcome, Conflict) and "conflict is open" in shaped.outcome.reason
    assert path.read_bytes() == theirs


def test_deleting_the_section_being_typed_is_refused_and_the_text_stays(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    before = path.read_bytes()
    note, motive = shown(session, path, "인성", "지원 동기")
    buffer = session.open_section(note, note.sections[motive])
    session.edit(buffer, buffer.text.replace("성장하고", "함께 성장하고"))
    shaped = delete(session, note, note.sections[motive])
    assert isinstance(shaped.outcome, Conflict) and "unsaved text" in shaped.outcome.reason
    assert path.read_bytes() == before and shaped.kept is None
    assert "함께 성장하고" in buffer.text and buffer in session.unsafe_buffers
    assert buffer.heading_path[-1] == "지원 동기"


def test_delete_keeps_a_copy_and_undo_brings_it_back_merged(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    note, intro = shown(session, path, "인성", "자기소개")
    assert delete_summary(note, note.sections[intro]) == (
        "‘자기소개’ and 1 sub-question: 6 lines, 57 characters"
    )
    shaped = delete(session, note, note.sections[intro])
    assert isinstance(shaped.outcome, Saved) and shaped.kept is not None
    assert shaped.kept.read_bytes().startswith("## 자기소개\r\n".encode())
    assert "자기소개" not in path.read_text(encoding="utf-8")
    assert shaped.undo is not None and shaped.select == SectionRef(path, 1)  # # 인성
    # Another program edits meanwhile; the undo merges with it.
    after = path.read_bytes().replace("감사합니다.".encode(), "고맙습니다.".encode())
    path.write_bytes(after)
    back = undo(session, shaped.undo)
    assert isinstance(back.outcome, Saved)
    assert path.read_bytes() == NOTE.replace("감사합니다.", "고맙습니다.").encode()
    assert back.select == SectionRef(path, intro)


def test_nothing_is_deleted_when_no_copy_can_be_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session, path = session_of(tmp_path)
    note, intro = shown(session, path, "인성", "자기소개")
    monkeypatch.setattr(session.journal, "stash", lambda *args: None)
    shaped = delete(session, note, note.sections[intro])
    assert isinstance(shaped.outcome, SaveFailed) and "nothing was deleted" in shaped.outcome.reason
    assert path.read_bytes() == NOTE.encode()


def test_where_a_new_question_goes_in_words(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    note = session.note(path)
    assert note is not None
    places = [new_question_place(note, s, "인성.md") for s in note.sections[:4]]
    assert places == [
        "first in 인성.md",
        "first under ‘인성’",
        "after ‘자기소개’ and its sub-questions",
        "after ‘1분 자기소개’",
    ]


def test_create_note_makes_an_empty_note_and_never_replaces_one(tmp_path: Path) -> None:
    session, path = session_of(tmp_path)
    ref = create_note(session, path.parent, "새 노트")
    assert ref == SectionRef(path.parent / "새 노트.md")
    assert ref.path.read_bytes() == b"" and session.note(ref.path) is not None
    with pytest.raises(ShapeError, match="already exists"):
        create_note(session, path.parent, "새 노트.md")
    with pytest.raises(ShapeError, match="folder of notes"):
        create_note(session, tmp_path, "밖")


EDITS = st.sampled_from(["rename", "move", "delete", "new"])
THEIRS = st.sampled_from(
    [
        ("안녕하세요, 백엔드 개발자입니다.", "안녕하세요, 데이터 엔지니어입니다."),
        ("## 지원 동기", "## 지원 이유"),
        ("감사합니다.", "고맙습니다."),
        ("# 인성", "# 인성 면접"),
        ("", ""),
    ]
)


@given(edit=EDITS, target=st.integers(min_value=1, max_value=4), theirs=THEIRS)
def test_another_programs_change_is_never_lost(
    tmp_path_factory: pytest.TempPathFactory, edit: str, target: int, theirs: tuple[str, str]
) -> None:
    """Whatever the tree does over whatever another program did: their change is in the
    file afterwards, or nothing was written at all."""
    session, path = session_of(tmp_path_factory.mktemp("shape"))
    note = session.note(path)
    assert note is not None
    section = note.sections[target]
    old, new = theirs
    external = NOTE.replace(old, new, 1).encode() if old else NOTE.encode()
    path.write_bytes(external)
    try:
        if edit == "rename":
            shaped = rename(session, note, section, "바꾼 제목")
        elif edit == "move":
            shaped = move(session, note, section, -1)
        elif edit == "delete":
            shaped = delete(session, note, section)
        else:
            shaped = new_question(session, note, section, "새 질문")
    except ShapeError:
        assert path.read_bytes() == external
        return
    written = path.read_bytes().decode()
    if isinstance(shaped.outcome, Saved):
        assert not new or new in written
        assert written.count("\r\n") == written.count("\n")  # still CRLF throughout
    else:
        assert path.read_bytes() == external
