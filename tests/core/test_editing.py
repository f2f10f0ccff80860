"""Saving an edited section: atomic writes, conflicts, failures, and the editing session."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from rehearse.core import fileio
from rehearse.core.buffer import Buffer
from rehearse.core.fileio import Stamp
from rehearse.core.marks import marks
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile, Section, parse_note
from rehearse.core.session import (
    Conflict,
    EditSession,
    Saved,
    SaveFailed,
    SaveOutcome,
    Unchanged,
)
from rehearse.core.text import to_lf
from tests.conftest import write_note

NOTE = (
    "---\n회사: 예시\n---\n"
    "## 자기소개\n"
    "안녕하세요, 백엔드 개발자입니다.\n"
    "# 기술\n"
    "## 카프카란?\n"
    "분산 로그입니다.\n"
    "%% 꼬리 질문 대비 %%\n"
    "## 레디스\n"
    "인메모리 저장소입니다.\n"
)


def load(path: Path) -> NoteFile:
    return parse_note(path, path.read_bytes())


def section(note: NoteFile, title: str) -> Section:
    found = [s for s in note.questions if s.title == title]
    assert len(found) == 1, (title, [s.title for s in note.questions])
    return found[0]


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(fileio.TEMP_SUFFIX))


class RecordingWriter:
    """A writer that records its calls and otherwise writes atomically."""

    def __init__(self) -> None:
        self.calls: list[tuple[Path, bytes]] = []

    def __call__(
        self, path: Path, data: bytes, *, mode: int | None = None, expect: Stamp | None = None
    ) -> None:
        self.calls.append((path, data))
        fileio.atomic_write(path, data, mode=mode, expect=expect)


# --- saving one section -----------------------------------------------------------------


def save_section(
    path: Path, title: str, text: str, writer: object | None = None
) -> tuple[SaveOutcome, EditSession]:
    """Open the note at `path`, replace section `title` with `text` and save it."""
    session = (
        EditSession(open_notebook(path.parent))
        if writer is None
        else EditSession(open_notebook(path.parent), writer=writer)  # type: ignore[arg-type]
    )
    note = session.note(path)
    assert note is not None
    buffer = session.open_section(note, section(note, title))
    session.edit(buffer, text)
    return session.save(buffer), session


def open_then_change(
    path: Path, title: str, change: Callable[[], None]
) -> tuple[EditSession, Buffer]:
    session = EditSession(open_notebook(path.parent))
    note = session.note(path)
    assert note is not None
    buffer = session.open_section(note, section(note, title))
    change()
    return session, buffer


def test_save_writes_only_the_section_atomically(tmp_path: Path) -> None:
    path = write_note(tmp_path, "면접.md", NOTE)
    inode = path.stat().st_ino
    new_text = "## 카프카란?\n분산 커밋 로그이고, 파티션으로 확장합니다.\n"

    outcome, session = save_section(path, "카프카란?", new_text)

    assert isinstance(outcome, Saved)
    expected = NOTE.replace("## 카프카란?\n분산 로그입니다.\n%% 꼬리 질문 대비 %%\n", new_text)
    assert expected != NOTE
    assert path.read_bytes() == expected.encode()
    assert path.stat().st_ino != inode  # replaced by rename, not rewritten in place
    assert temp_files(tmp_path) == []
    assert outcome.note.raw == expected.encode()
    (buffer,) = session
    assert outcome.note.text[buffer.start : buffer.end] == new_text
    assert not buffer.dirty


def test_save_of_unchanged_text_does_not_touch_the_file(tmp_path: Path) -> None:
    path = write_note(tmp_path, "면접.md", NOTE.replace("\n", "\r\n"))
    before = path.read_bytes()
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    mtime = path.stat().st_mtime_ns
    writer = RecordingWriter()
    note = parse_note(path, before)

    outcome, _ = save_section(
        path, "카프카란?", to_lf(note.section_text(section(note, "카프카란?"))), writer
    )

    assert isinstance(outcome, Unchanged)
    assert writer.calls == []
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime


def test_conflict_when_file_changed_in_the_section_with_same_length_and_mtime(
    tmp_path: Path,
) -> None:
    path = write_note(tmp_path, "면접.md", NOTE)
    stat_before = path.stat()
    # Another program changes one syllable (same UTF-8 length) and the mtime is put back.
    changed = NOTE.replace("분산 로그", "분산 도그").encode()
    assert len(changed) == len(NOTE.encode())

    def change() -> None:
        path.write_bytes(changed)
        os.utime(path, ns=(stat_before.st_atime_ns, stat_before.st_mtime_ns))

    session, buffer = open_then_change(path, "카프카란?", change)
    session.edit(buffer, "## 카프카란?\n새 답변\n")

    outcome = session.save(buffer)

    assert isinstance(outcome, Conflict)
    assert "changed" in outcome.reason
    assert buffer.conflict is not None and buffer.conflict.theirs is not None
    assert "분산 도그" in buffer.conflict.theirs
    assert path.read_bytes() == changed


def test_save_after_the_file_was_deleted_writes_nothing(tmp_path: Path) -> None:
    path = write_note(tmp_path, "면접.md", NOTE)
    session, buffer = open_then_change(path, "카프카란?", path.unlink)
    session.edit(buffer, "## 카프카란?\n새 답변\n")

    outcome = session.save(buffer)

    assert isinstance(outcome, Conflict)
    assert "deleted" in outcome.reason
    assert buffer.deleted and buffer.dirty
    assert not path.exists()


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_save_failed_when_writer_raises(tmp_path: Path, code: int) -> None:
    path = write_note(tmp_path, "면접.md", NOTE)

    def failing_writer(
        target: Path, data: bytes, *, mode: int | None = None, expect: Stamp | None = None
    ) -> None:
        raise OSError(code, os.strerror(code), str(target))

    outcome, session = save_section(path, "카프카란?", "## 카프카란?\n새 답변\n", failing_writer)

    assert isinstance(outcome, SaveFailed)
    assert outcome.reason == os.strerror(code).lower()
    assert path.read_bytes() == NOTE.encode()
    (buffer,) = session
    assert buffer.dirty


def test_save_failed_inside_atomic_write_leaves_file_and_no_temp(tmp_path: Path) -> None:
    path = write_note(tmp_path, "면접.md", NOTE)

    def disk_full(temp: Path, target: Path) -> None:
        assert temp.exists() and temp.parent == target.parent
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def writer(
        target: Path, data: bytes, *, mode: int | None = None, expect: Stamp | None = None
    ) -> None:
        fileio.atomic_write(target, data, before_replace=disk_full, expect=expect)

    outcome, _ = save_section(path, "카프카란?", "## 카프카란?\n새 답변\n", writer)

    assert isinstance(outcome, SaveFailed)
    assert "no space" in outcome.reason
    assert path.read_bytes() == NOTE.encode()
    assert temp_files(tmp_path) == []


def test_save_keeps_bom_and_crlf(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + NOTE.replace("\n", "\r\n").encode()
    path = write_note(tmp_path, "면접.md", raw)

    outcome, _ = save_section(path, "레디스", "## 레디스\n캐시로 씁니다.\n")

    assert isinstance(outcome, Saved)
    on_disk = path.read_bytes()
    assert on_disk.startswith(b"\xef\xbb\xbf")
    assert on_disk.endswith("## 레디스\r\n캐시로 씁니다.\r\n".encode())
    old_tail = len("## 레디스\r\n인메모리 저장소입니다.\r\n".encode())
    assert on_disk[: len(raw) - old_tail] == raw[: len(raw) - old_tail]


# --- atomic_write ---------------------------------------------------------------------------


@pytest.mark.parametrize("relative", [False, True])
def test_atomic_write_through_symlink_keeps_the_link(tmp_path: Path, relative: bool) -> None:
    real_dir = tmp_path / "실제"
    link_dir = tmp_path / "링크"
    target = write_note(real_dir, "노트.md", "## 옛 내용\n")
    link_dir.mkdir()
    link = link_dir / "노트.md"
    pointer = "../실제/노트.md" if relative else str(target)
    link.symlink_to(pointer)

    fileio.atomic_write(link, "## 새 내용\n".encode())

    assert link.is_symlink()
    assert os.readlink(link) == pointer
    assert target.read_bytes() == "## 새 내용\n".encode()
    assert not target.is_symlink()
    assert temp_files(real_dir) == [] and temp_files(link_dir) == []


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o644])
def test_atomic_write_keeps_the_file_mode(tmp_path: Path, mode: int) -> None:
    path = write_note(tmp_path, "노트.md", "## 질문\n")
    os.chmod(path, mode)

    fileio.atomic_write(path, "## 질문\n답변\n".encode())

    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_bytes() == "## 질문\n답변\n".encode()
    assert temp_files(tmp_path) == []


def test_atomic_write_creates_a_new_file(tmp_path: Path) -> None:
    path = tmp_path / "새 노트.md"
    fileio.atomic_write(path, "# 새 파일\n".encode())
    assert path.read_bytes() == "# 새 파일\n".encode()
    assert temp_files(tmp_path) == []


def test_atomic_write_failure_before_replace_leaves_target_and_no_temp(tmp_path: Path) -> None:
    path = write_note(tmp_path, "노트.md", "## 원본\n")
    seen: list[Path] = []

    def crash(temp: Path, target: Path) -> None:
        seen.append(temp)
        assert temp.read_bytes() == "## 바뀐 내용\n".encode()
        raise RuntimeError("죽음")

    with pytest.raises(RuntimeError, match="죽음"):
        fileio.atomic_write(path, "## 바뀐 내용\n".encode(), before_replace=crash)

    assert len(seen) == 1 and seen[0].name.endswith(fileio.TEMP_SUFFIX)
    assert not seen[0].exists()
    assert path.read_bytes() == "## 원본\n".encode()
    assert temp_files(tmp_path) == []


# --- EditSession ----------------------------------------------------------------------------


def open_session(tmp_path: Path, text: str = NOTE) -> tuple[EditSession, Path, NoteFile]:
    path = write_note(tmp_path, "면접.md", text)
    session = EditSession(open_notebook(tmp_path))
    note = session.note(path)
    assert note is not None
    return session, path, note


def test_session_buffer_dirty_and_save(tmp_path: Path) -> None:
    session, path, note = open_session(tmp_path)
    kafka = section(note, "카프카란?")
    buffer = session.open_section(note, kafka)
    assert buffer.saved_text == note.section_text(kafka)
    assert not buffer.dirty
    assert marks(session)[0] == {}
    assert session.open_section(note, kafka) is buffer

    buffer.text = "## 카프카란?\n분산 커밋 로그입니다.\n"
    assert buffer.dirty
    assert marks(session)[0] == {path: {kafka.index}}

    outcome = session.save(buffer)

    assert isinstance(outcome, Saved)
    assert path.read_bytes() == outcome.note.raw
    assert session.note(path) is outcome.note
    assert "분산 커밋 로그입니다." in path.read_text(encoding="utf-8")
    assert not buffer.dirty
    assert buffer.base is outcome.note
    assert marks(session)[0] == {}


def test_session_whole_file_buffer_marks_zero(tmp_path: Path) -> None:
    session, path, note = open_session(tmp_path)
    buffer = session.open_file(note)
    buffer.text = buffer.text + "## 새 질문\n"
    assert marks(session)[0] == {path: {0}}


def test_session_rebases_other_dirty_buffers_of_the_same_file(tmp_path: Path) -> None:
    session, path, note = open_session(tmp_path)
    # The user edits one section, then moves to another (a clean buffer is not kept).
    intro = session.open_section(note, section(note, "자기소개"))
    intro.text = "## 자기소개\n안녕하세요.\n저는 5년차 백엔드 개발자이고,\n카프카를 운영했습니다.\n"
    redis = session.open_section(note, section(note, "레디스"))
    redis.text = "## 레디스\n싱글 스레드 인메모리 저장소입니다.\n"
    assert [id(b) for b in session] == [id(intro), id(redis)]
    assert marks(session)[0] == {path: {1, 4}}

    first = session.save(intro)
    assert isinstance(first, Saved)
    assert redis.base is first.note
    assert redis.conflict is None
    assert first.note.text[redis.start : redis.end] == "## 레디스\n인메모리 저장소입니다.\n"
    assert marks(session)[0] == {path: {4}}

    second = session.save(redis)

    assert isinstance(second, Saved)
    expected = NOTE.replace("## 자기소개\n안녕하세요, 백엔드 개발자입니다.\n", intro.text).replace(
        "## 레디스\n인메모리 저장소입니다.\n", redis.text
    )
    assert path.read_text(encoding="utf-8") == expected
    assert marks(session)[0] == {}


def test_session_rebases_an_earlier_buffer_after_a_later_save(tmp_path: Path) -> None:
    session, path, note = open_session(tmp_path)
    intro = session.open_section(note, section(note, "자기소개"))
    intro.text = "## 자기소개\n반갑습니다.\n"
    kafka = session.open_section(note, section(note, "카프카란?"))
    kafka.text = "## 카프카란?\n이벤트 스트리밍 플랫폼입니다.\n길게 설명합니다.\n"

    assert isinstance(session.save(kafka), Saved)
    assert isinstance(session.save(intro), Saved)

    text = path.read_text(encoding="utf-8")
    assert text == (
        "---\n회사: 예시\n---\n## 자기소개\n반갑습니다.\n# 기술\n"
        "## 카프카란?\n이벤트 스트리밍 플랫폼입니다.\n길게 설명합니다.\n"
        "## 레디스\n인메모리 저장소입니다.\n"
    )


def test_session_save_with_a_new_heading_updates_the_notebook(tmp_path: Path) -> None:
    session, path, note = open_session(tmp_path)
    redis = session.open_section(note, section(note, "레디스"))
    redis.text = "## 레디스\n캐시입니다.\n"
    kafka = session.open_section(note, section(note, "카프카란?"))
    kafka.text = "## 카프카란?\n분산 로그입니다.\n## 컨슈머 그룹이란?\n파티션을 나눠 읽습니다.\n"

    outcome = session.save(kafka)

    assert isinstance(outcome, Saved)
    current = session.note(path)
    assert current is not None and current is outcome.note
    assert [s.title for s in current.questions] == [
        "자기소개", "기술", "카프카란?", "컨슈머 그룹이란?", "레디스",
    ]  # fmt: skip
    new = section(current, "컨슈머 그룹이란?")
    assert current.heading_path(new) == ("기술", "컨슈머 그룹이란?")
    assert current.answer_chars(new) == len("파티션을나눠읽습니다.")
    # The other buffer moved onto the new snapshot and now sits in section 5.
    assert redis.base is current
    assert marks(session)[0] == {path: {5}}
    assert isinstance(session.save(redis), Saved)
    assert path.read_text(encoding="utf-8").endswith("## 레디스\n캐시입니다.\n")


def test_session_merges_an_unseen_change_to_another_section(tmp_path: Path) -> None:
    session, path, note = open_session(tmp_path)
    kafka = session.open_section(note, section(note, "카프카란?"))
    kafka.text = "## 카프카란?\n내 답변\n"
    path.write_bytes(NOTE.replace("인메모리", "옵시디언에서 고친").encode())

    outcome = session.save(kafka)

    assert isinstance(outcome, Saved)
    expected = NOTE.replace("인메모리", "옵시디언에서 고친").replace(
        "## 카프카란?\n분산 로그입니다.\n%% 꼬리 질문 대비 %%\n", "## 카프카란?\n내 답변\n"
    )
    assert path.read_text(encoding="utf-8") == expected


def test_session_conflict_keeps_disk_and_buffer(tmp_path: Path) -> None:
    session, path, note = open_session(tmp_path)
    kafka = session.open_section(note, section(note, "카프카란?"))
    kafka.text = "## 카프카란?\n내 답변\n"
    external = NOTE.replace("분산 로그", "옵시디언에서 고친 분산 로그").encode()
    path.write_bytes(external)

    outcome = session.save(kafka)

    assert isinstance(outcome, Conflict)
    assert kafka.conflict is not None and kafka.conflict.reason == outcome.reason
    assert kafka.conflict.theirs is not None and "옵시디언에서 고친" in kafka.conflict.theirs
    assert kafka.dirty
    assert path.read_bytes() == external
    assert marks(session)[0] == {path: {section(note, "카프카란?").index}}


@pytest.mark.parametrize("links", [1, 2])
def test_atomic_write_expecting_a_stamp_never_writes_over_a_newer_file(
    tmp_path: Path, links: int
) -> None:
    """Replaced, or written in place for a hard-linked note: only over what was read."""
    path = write_note(tmp_path, "면접.md", "## 질문\n처음 답.\n")
    if links == 2:
        os.link(path, tmp_path / "링크.md")
    _, _, stamp = fileio.read_note_stamped(path)
    path.write_bytes("## 질문\n다른 프로그램의 답, 더 길게.\n".encode())
    with pytest.raises(fileio.ChangedMeanwhile):
        fileio.atomic_write(path, "## 질문\n내 답.\n".encode(), expect=stamp)
    assert path.read_bytes().decode("utf-8") == "## 질문\n다른 프로그램의 답, 더 길게.\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(fileio.TEMP_SUFFIX)] == []


def test_atomic_write_expecting_no_file_never_writes_over_one_that_appeared(
    tmp_path: Path,
) -> None:
    path = tmp_path / "새 노트.md"
    path.write_bytes("## 누군가 먼저 만든 노트\n".encode())
    with pytest.raises(fileio.ChangedMeanwhile):
        fileio.atomic_write(path, "## 다시 만든 노트\n".encode(), expect=fileio.ABSENT)
    assert path.read_bytes() == "## 누군가 먼저 만든 노트\n".encode()
