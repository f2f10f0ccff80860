"""A buffer is a region of its note: the findings of the hostile trial, at the session level.

F3: filling an empty answer (typing on a section's last, empty line) left it "unsaved"
forever. F1: deleting the open note moved the edit into a look-alike note. F2: editing
a heading line relabelled the section, and "keep mine" then deleted another question.
"""

from __future__ import annotations

import os
import stat
from functools import partial
from pathlib import Path

import pytest

from rehearse.core.buffer import Buffer
from rehearse.core.conflicts import keep_mine
from rehearse.core.marks import marks, section_index
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile, Section
from rehearse.core.recovery import RecoveryJournal
from rehearse.core.restore import pending_recoveries, restore, set_aside_unsaved
from rehearse.core.session import Change, Conflict, EditSession, Saved, Unchanged
from tests.conftest import write_note


def section(note: NoteFile, *path: str) -> Section:
    found = note.find_by_heading_path(path)
    assert found is not None, path
    return found


def session_on(folder: Path, journal: bool = True) -> EditSession:
    return EditSession(
        open_notebook(folder), journal=RecoveryJournal(folder.parent / "복구") if journal else None
    )


def open_at(session: EditSession, path: Path, *titles: str) -> Buffer:
    note = session.note(path)
    assert note is not None
    return session.open_section(note, section(note, *titles))


# --- F3: saved means saved ------------------------------------------------------------------

EMPTY_A = "## 질문 A\n\n## 질문 B\n답 B\n"


@pytest.mark.parametrize(
    ("typed", "on_disk"),
    [
        ("## 질문 A\n\n답 A", "## 질문 A\n\n답 A\n## 질문 B\n답 B\n"),  # on the last, empty line
        ("## 질문 A\n", "## 질문 A\n## 질문 B\n답 B\n"),  # the final blank line deleted
        ("## 질문 A", "## 질문 A\n## 질문 B\n답 B\n"),  # ... and the heading's newline too
        ("붙여넣은 답", "붙여넣은 답\n## 질문 B\n답 B\n"),  # pasted over the whole answer
    ],
)
def test_a_saved_answer_is_clean_whatever_its_last_line(
    tmp_path: Path, typed: str, on_disk: str
) -> None:
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", EMPTY_A)
    session = session_on(folder)
    buffer = open_at(session, path, "질문 A")
    session.edit(buffer, typed)
    session.record_all()

    assert isinstance(session.save(buffer), Saved)

    assert path.read_text(encoding="utf-8") == on_disk
    assert not buffer.dirty and not buffer.needs_care
    assert session.unsafe_buffers == []  # quit would not ask
    assert marks(session) == ({}, {})  # the tree shows no ●
    assert isinstance(session.save(buffer), Unchanged)  # "No changes to save" is now true
    assert session.journal.entries() == []  # nothing offered again at the next start


def test_an_outside_edit_after_filling_an_empty_answer_reloads_without_a_conflict(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", EMPTY_A)
    session = session_on(folder)
    buffer = open_at(session, path, "질문 A")
    session.edit(buffer, "## 질문 A\n\n답 A")
    assert isinstance(session.save(buffer), Saved)
    # sed -i on that section, as the trial did.
    path.write_text(path.read_text(encoding="utf-8").replace("답 A", "답 A (sed)"), "utf-8")

    result = session.reload([path])

    assert result.buffers == [(buffer, Change.RELOADED)]
    assert buffer.conflict is None and not buffer.dirty
    assert buffer.text == "## 질문 A\n\n답 A (sed)\n"


# --- F1: a deleted note is never replaced by a look-alike -----------------------------------

COMPANY = (
    "# 인성\n\n## 자기소개\n안녕하세요, 백엔드 개발자입니다.\n\n## 지원동기\n{reason}\n\n"
    "# 기술\n\n## 카프카\n분산 로그입니다.\n"
)


def lookalikes(tmp_path: Path) -> tuple[Path, Path, Path]:
    folder = tmp_path / "노트"
    a = write_note(folder, "a-회사.md", COMPANY.format(reason="A사의 결제 시스템"))
    b = write_note(folder, "b-다른회사.md", COMPANY.format(reason="B사의 검색 품질"))
    os.chmod(a, 0o640)
    return folder, a, b


def test_deleting_the_open_note_keeps_the_edit_and_never_writes_the_look_alike(
    tmp_path: Path,
) -> None:
    folder, a, b = lookalikes(tmp_path)
    b_before = b.read_bytes()
    session = session_on(folder)
    buffer = open_at(session, a, "인성", "자기소개")
    session.edit(buffer, buffer.text.replace("입니다.", "입니다. 에이용 수정"))
    a_before = a.read_bytes()
    a.unlink()

    result = session.reload([], rescan=True)

    assert result.buffers == [(buffer, Change.DELETED)]
    assert buffer.path == a and buffer.deleted and buffer.dirty
    assert session.save_all(autosave=True) == []  # autosave never recreates nor retargets
    assert b.read_bytes() == b_before
    [entry] = session.journal.entries()
    assert entry.note == a and "에이용 수정" in entry.text

    assert isinstance(session.save(buffer), Saved)  # Ctrl+S recreates the deleted note

    assert a.read_text(encoding="utf-8") == a_before.decode().replace(
        "입니다.\n", "입니다. 에이용 수정\n", 1
    )
    assert stat.S_IMODE(a.stat().st_mode) == 0o640  # with its old mode, not 0600
    assert b.read_bytes() == b_before


def test_a_rename_is_followed_only_to_a_new_file_with_the_same_bytes(tmp_path: Path) -> None:
    folder, a, b = lookalikes(tmp_path)
    session = session_on(folder)
    buffer = open_at(session, a, "인성", "자기소개")
    session.edit(buffer, buffer.text + "덧붙인 줄\n")
    renamed = folder / "a-회사-최종.md"
    a.rename(renamed)

    result = session.reload([], rescan=True)

    assert (buffer, Change.RELINKED) in result.buffers
    assert buffer.path == renamed and not buffer.deleted
    assert isinstance(session.save(buffer), Saved)
    assert "덧붙인 줄" in renamed.read_text(encoding="utf-8")
    assert "덧붙인 줄" not in b.read_text(encoding="utf-8")


def test_a_rename_that_also_changed_the_text_is_not_followed(tmp_path: Path) -> None:
    folder, a, _ = lookalikes(tmp_path)
    session = session_on(folder)
    buffer = open_at(session, a, "인성", "자기소개")
    session.edit(buffer, buffer.text + "덧붙인 줄\n")
    moved = folder / "a-회사-최종.md"
    moved.write_bytes(a.read_bytes().replace("결제".encode(), "정산".encode()))
    a.unlink()

    session.reload([], rescan=True)

    assert buffer.deleted and buffer.path == a
    assert session.save_all(autosave=True) == []
    assert "덧붙인 줄" not in moved.read_text(encoding="utf-8")


# --- F2: the heading line is part of the region ---------------------------------------------

TWO = "## 자기소개\n안녕하세요.\n\n## 지원동기\n성장하고 싶습니다.\n"


def test_enter_on_a_heading_line_keeps_the_section_it_edits(tmp_path: Path) -> None:
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", TWO)
    session = session_on(folder)
    buffer = open_at(session, path, "지원동기")
    session.edit(buffer, "\n" + buffer.text)  # Home, Enter on the heading line

    assert isinstance(session.save(buffer), Saved)

    assert path.read_text(encoding="utf-8") == TWO.replace("\n## 지원동기", "\n\n## 지원동기")
    assert buffer.heading_path == ("지원동기",)  # the title did not become 자기소개
    note = session.note(path)
    assert note is not None
    assert section_index(session, buffer) == section(note, "지원동기").index
    session.edit(buffer, buffer.text + "덧붙였습니다.\n")
    assert marks(session)[0] == {path: {section(note, "지원동기").index}}


def test_keep_mine_after_a_heading_edit_never_deletes_the_question_above(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", TWO)
    session = session_on(folder)
    buffer = open_at(session, path, "지원동기")
    session.edit(buffer, "\n" + buffer.text)
    assert isinstance(session.save(buffer), Saved)
    session.edit(buffer, buffer.text.replace("성장하고", "빨리 성장하고"))
    # Another program rewrites 지원동기's answer.
    theirs = path.read_text(encoding="utf-8").replace("성장하고 싶습니다.", "배우고 싶습니다.")
    path.write_text(theirs, encoding="utf-8")

    assert session.reload([path]).buffers == [(buffer, Change.CONFLICT)]
    assert buffer.conflict is not None and buffer.conflict.theirs is not None
    assert "배우고 싶습니다." in buffer.conflict.theirs  # their version of *this* section
    assert "자기소개" not in buffer.conflict.theirs
    assert isinstance(session.save(buffer), Conflict)

    assert isinstance(keep_mine(session, buffer), Saved)

    text = path.read_text(encoding="utf-8")
    assert text.startswith("## 자기소개\n안녕하세요.\n")  # the question above is untouched
    assert "빨리 성장하고 싶습니다." in text and "배우고" not in text


def test_keep_mine_keeps_their_lines_as_a_copy_when_both_wrote_at_one_place(
    tmp_path: Path,
) -> None:
    """Both added a line after the same one: keep mine writes mine there, and their line,
    which it overrides, is kept aside first (final hostile round, 2)."""
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", TWO)
    session = session_on(folder)
    buffer = open_at(session, path, "자기소개")
    session.edit(buffer, buffer.text.replace("안녕하세요.\n", "안녕하세요.\n내가 친 문장.\n"))
    path.write_text(TWO.replace("안녕하세요.\n", "안녕하세요.\n셸 추가 A.\n"), encoding="utf-8")
    assert session.reload([path]).buffers == [(buffer, Change.CONFLICT)]

    outcome = keep_mine(session, buffer)
    assert isinstance(outcome, Saved) and outcome.kept is not None
    assert "내가 친 문장." in path.read_text(encoding="utf-8")
    assert "셸 추가 A." in outcome.kept.read_text(encoding="utf-8")
    assert outcome.kept.parent.parent == tmp_path / "복구"


def test_opening_a_section_that_holds_another_buffers_unsaved_lines_opens_that_buffer(
    tmp_path: Path,
) -> None:
    """Two buffers never edit the same lines: the second would be told 'another program
    changed this section' by the first one's save (found by the state machine)."""
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", TWO)
    session = session_on(folder)
    motive = open_at(session, path, "지원동기")
    session.edit(motive, "성장하고 싶습니다. 더 배우고 싶습니다.\n")  # its heading line deleted
    assert isinstance(session.save(motive), Saved)
    session.edit(motive, motive.text + "아직 저장 안 한 줄.\n")
    note = session.note(path)
    assert note is not None and [s.title for s in note.questions] == ["자기소개"]
    assert session.open_section(note, section(note, "자기소개")) is motive
    assert isinstance(session.save(motive), Saved)
    assert path.read_text(encoding="utf-8").endswith("더 배우고 싶습니다.\n아직 저장 안 한 줄.\n")


@pytest.mark.parametrize("crash", [False, True])
def test_two_unsaved_neighbours_that_both_add_at_their_shared_edge_save_without_conflict(
    tmp_path: Path, crash: bool
) -> None:
    """One appends to its answer, the next adds a blank line above its heading: the same
    point in the file, but each in its own region (found by the state machine) — also
    when both come back from the journal after a crash, each restored on its own."""
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", TWO)
    session = session_on(folder)
    intro = open_at(session, path, "자기소개")
    session.edit(intro, intro.text + "덧붙인 줄.\n")
    motive = open_at(session, path, "지원동기")
    session.edit(motive, "\n" + motive.text)
    if crash:
        session.record_all()
        session = session_on(folder)
        pending = pending_recoveries(session, folder)
        intro, motive = sorted(
            (b for b in map(partial(restore, session), pending) if b is not None),
            key=lambda b: b.start,
        )
    assert isinstance(session.save(motive), Saved)
    assert intro.conflict is None and intro.dirty
    assert isinstance(session.save(intro), Saved)
    text = path.read_text(encoding="utf-8")
    assert text == "## 자기소개\n안녕하세요.\n\n덧붙인 줄.\n\n## 지원동기\n성장하고 싶습니다.\n"


def test_a_buffer_on_a_note_that_starts_with_a_heading_names_that_heading(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", TWO)
    session = session_on(folder)
    buffer = open_at(session, path, "자기소개")
    assert buffer.heading_path == ("자기소개",)  # not the empty preamble before it


def test_two_people_editing_adjacent_lines_of_one_answer_merge(tmp_path: Path) -> None:
    """The heading line edited here, the answer line below it there: no conflict."""
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", TWO)
    session = session_on(folder)
    buffer = open_at(session, path, "지원동기")
    session.edit(buffer, buffer.text.replace("## 지원동기", "## 지원 동기"))
    path.write_text(TWO.replace("성장하고 싶습니다.", "배우고 싶습니다."), encoding="utf-8")

    assert session.reload([path]).buffers == [(buffer, Change.MERGED)]
    assert buffer.text == "## 지원 동기\n배우고 싶습니다.\n"  # the editor shows both changes
    assert isinstance(session.save(buffer), Saved)
    assert path.read_text(encoding="utf-8") == TWO.replace("## 지원동기", "## 지원 동기").replace(
        "성장하고", "배우고"
    )


# --- quitting without saving ----------------------------------------------------------------


def test_quit_without_saving_keeps_a_copy_and_leaves_no_journal_entry(tmp_path: Path) -> None:
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", TWO)
    session = session_on(folder)
    buffer = open_at(session, path, "지원동기")
    session.edit(buffer, buffer.text + "저장하지 않을 문장\n")
    session.record_all()

    [kept] = set_aside_unsaved(session)

    assert "저장하지 않을 문장" in kept.read_text(encoding="utf-8")
    assert session.journal.entries() == []  # not offered again at the next start
    assert path.read_text(encoding="utf-8") == TWO
