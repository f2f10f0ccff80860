"""A save in two halves (core/saving.py): the write on a worker, the buffer untouched till then."""

from __future__ import annotations

from pathlib import Path

from rehearse.core.buffer import Buffer
from rehearse.core.notebook import open_notebook
from rehearse.core.outcomes import Conflict, Saved
from rehearse.core.recovery import RecoveryJournal
from rehearse.core.saving import SaveJob, begin_save, finish_save
from rehearse.core.session import EditSession

NOTE = "## 자기소개\n안녕하세요.\n\n## 지원 동기\n성장하고 싶습니다.\n"


def session_on(tmp_path: Path) -> tuple[EditSession, Path]:
    folder = tmp_path / "노트"
    folder.mkdir()
    path = folder / "면접.md"
    path.write_text(NOTE, encoding="utf-8")
    journal = RecoveryJournal(tmp_path / "복구")
    return EditSession(open_notebook(folder), journal=journal), path


def open_intro(session: EditSession, path: Path) -> Buffer:
    note = session.note(path)
    assert note is not None
    return session.open_section(note, note.questions[0])


def test_the_buffer_is_untouched_until_the_save_finishes(tmp_path: Path) -> None:
    session, path = session_on(tmp_path)
    buffer = open_intro(session, path)
    session.edit(buffer, "## 자기소개\n안녕하세요. 백엔드 개발자입니다.\n\n")
    job = begin_save(session, buffer)
    assert isinstance(job, SaveJob)
    base = buffer.base
    job.run()  # the worker wrote it
    assert "백엔드 개발자입니다" in path.read_text(encoding="utf-8")
    assert buffer.base is base and buffer.dirty  # nothing moved yet
    outcome, _ = finish_save(session, job)
    assert isinstance(outcome, Saved)
    assert buffer.base is session.note(path) and not buffer.dirty


def test_text_typed_while_the_save_is_in_flight_stays_unsaved_and_journaled(
    tmp_path: Path,
) -> None:
    session, path = session_on(tmp_path)
    buffer = open_intro(session, path)
    session.edit(buffer, "## 자기소개\n안녕하세요. 첫 문장.\n\n")
    job = begin_save(session, buffer)
    assert isinstance(job, SaveJob)
    job.run()
    session.edit(buffer, "## 자기소개\n안녕하세요. 첫 문장. 둘째 문장.\n\n")  # typed meanwhile
    outcome, _ = finish_save(session, job)
    assert isinstance(outcome, Saved)
    on_disk = path.read_text(encoding="utf-8")
    assert "첫 문장." in on_disk and "둘째 문장" not in on_disk
    assert buffer.dirty and "둘째 문장" in buffer.text
    assert [e.text for e in session.journal.entries()] == [buffer.text]
    assert isinstance(session.save(buffer), Saved)
    assert "둘째 문장" in path.read_text(encoding="utf-8")
    assert session.journal.entries() == []


def test_another_programs_change_is_taken_in_not_written_over(tmp_path: Path) -> None:
    session, path = session_on(tmp_path)
    buffer = open_intro(session, path)
    session.edit(buffer, "## 자기소개\n안녕하세요. 제 이야기.\n\n")
    job = begin_save(session, buffer)
    assert isinstance(job, SaveJob)
    theirs = NOTE.replace("성장하고 싶습니다.", "다른 프로그램이 쓴 문장.")
    path.write_text(theirs, encoding="utf-8")  # before the worker read the file
    job.run()
    assert path.read_text(encoding="utf-8") == theirs  # nothing was written
    outcome, reload = finish_save(session, job)
    assert outcome is None  # taken in: save again
    assert path in reload.changed_paths and buffer.dirty and "제 이야기" in buffer.text
    assert isinstance(session.save(buffer), Saved)
    text = path.read_text(encoding="utf-8")
    assert "제 이야기" in text and "다른 프로그램이 쓴 문장." in text


def test_their_change_in_the_same_lines_is_a_conflict(tmp_path: Path) -> None:
    session, path = session_on(tmp_path)
    buffer = open_intro(session, path)
    session.edit(buffer, "## 자기소개\n내 문장.\n\n")
    job = begin_save(session, buffer)
    assert isinstance(job, SaveJob)
    path.write_text(NOTE.replace("안녕하세요.", "그들의 문장."), encoding="utf-8")
    outcome, _ = finish_save(session, job)  # no worker ran it: finishing runs it
    assert isinstance(outcome, Conflict) and buffer.conflict is not None
    assert "그들의 문장." in path.read_text(encoding="utf-8")


def test_a_reload_or_another_save_of_the_file_settles_the_flight_first(tmp_path: Path) -> None:
    session, path = session_on(tmp_path)
    intro = open_intro(session, path)
    session.edit(intro, "## 자기소개\n자기소개 수정.\n\n")
    job = begin_save(session, intro)
    assert isinstance(job, SaveJob)
    note = session.note(path)
    assert note is not None
    motive = session.open_section(note, note.questions[1])
    session.edit(motive, "## 지원 동기\n동기 수정.\n")
    assert isinstance(session.save(motive), Saved)  # the flight is written first, then this
    text = path.read_text(encoding="utf-8")
    assert "자기소개 수정." in text and "동기 수정." in text
    assert job.finished is not None and not session.in_flight
    assert finish_save(session, job) is job.finished  # the worker's late call changes nothing
