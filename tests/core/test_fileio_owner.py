"""A save keeps what the file was: owner, group, mode and hard links (F6 of the hostile trial).

The tests run as root here, so "root may do anything" must not make them pass by
accident: the owner is a real other user (nobody), and a failing chown is made to
fail for real.
"""

from __future__ import annotations

import errno
import os
import pwd
import stat
from pathlib import Path

import pytest

from rehearse.core import fileio
from rehearse.core.notebook import open_notebook
from rehearse.core.session import EditSession, Saved
from tests.conftest import write_note

NOTE = "## 자기소개\n안녕하세요.\n\n## 지원동기\n성장하고 싶습니다.\n"
EDITED = NOTE.replace("안녕하세요.", "안녕하세요, 반갑습니다.")


def other_owner() -> tuple[int, int]:
    """nobody:nogroup when we may give files away (root), else ourselves."""
    if os.geteuid() != 0:
        return os.getuid(), os.getgid()
    nobody = pwd.getpwnam("nobody")
    return nobody.pw_uid, nobody.pw_gid


def save_intro(folder: Path, path: Path) -> None:
    session = EditSession(open_notebook(folder))
    note = session.note(path)
    assert note is not None
    buffer = session.open_section(note, note.questions[0])
    session.edit(buffer, "## 자기소개\n안녕하세요, 반갑습니다.\n\n")
    assert isinstance(session.save(buffer), Saved)


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(fileio.TEMP_SUFFIX)]


def test_a_note_with_two_hard_links_is_written_in_place_and_keeps_its_owner(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", NOTE)
    other = tmp_path / "다른 이름.md"
    os.link(path, other)
    uid, gid = other_owner()
    os.chown(path, uid, gid)
    os.chmod(path, 0o664)
    inode = path.stat().st_ino

    save_intro(folder, path)

    info = path.stat()
    assert info.st_ino == inode and info.st_nlink == 2  # the same file, both names
    assert other.read_text(encoding="utf-8") == EDITED  # the other name sees the edit
    assert (info.st_uid, info.st_gid) == (uid, gid)
    assert stat.S_IMODE(info.st_mode) == 0o664
    assert leftovers(folder) == []
    backups = Path(os.environ["REHEARSE_DATA"]) / "backups"
    assert not backups.exists() or list(backups.iterdir()) == []  # removed once written


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_an_atomic_save_gives_the_new_file_the_old_owner(tmp_path: Path) -> None:
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", NOTE)
    uid, gid = other_owner()
    os.chown(path, uid, gid)
    os.chmod(path, 0o640)
    inode = path.stat().st_ino

    save_intro(folder, path)

    info = path.stat()
    assert info.st_ino != inode  # replaced by rename
    assert (info.st_uid, info.st_gid) == (uid, gid) != (0, 0)
    assert stat.S_IMODE(info.st_mode) == 0o640
    assert path.read_text(encoding="utf-8") == EDITED


def test_when_the_owner_cannot_be_given_back_the_note_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", NOTE)
    uid, gid = other_owner()
    os.chown(path, uid, gid)
    inode = path.stat().st_ino
    if (uid, gid) == (os.getuid(), os.getgid()):
        # Not root: pretend the note belongs to someone else, as it would on a shared disk.
        real_stat = Path.stat

        def foreign_stat(self: Path, **kwargs: object) -> os.stat_result:
            info = real_stat(self)
            if self.name == "면접.md":
                fields = list(info)
                fields[stat.ST_UID] = info.st_uid + 1
                return os.stat_result(fields)
            return info

        monkeypatch.setattr(Path, "stat", foreign_stat)
    calls: list[int] = []

    def refused_chown(target: object, user: int, group: int) -> None:
        calls.append(user)
        raise PermissionError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(os, "chown", refused_chown)

    save_intro(folder, path)

    assert calls, "the owner was never given back"
    assert os.lstat(path).st_ino == inode  # written in place: the owner could not change
    assert path.read_text(encoding="utf-8") == EDITED
    assert leftovers(folder) == []


def test_a_failed_in_place_write_puts_the_old_bytes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_note(tmp_path, "면접.md", NOTE)
    os.link(path, tmp_path / "링크.md")
    real = fileio._overwrite
    attempts: list[bytes] = []

    def disk_full_once(target: Path, data: bytes) -> None:
        attempts.append(data)
        if len(attempts) == 1:
            target.write_bytes(data[:5])  # half written, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(target, data)

    monkeypatch.setattr(fileio, "_overwrite", disk_full_once)

    with pytest.raises(OSError, match="No space"):
        fileio.atomic_write(path, EDITED.encode())

    assert path.read_text(encoding="utf-8") == NOTE
    assert attempts == [EDITED.encode(), NOTE.encode()]


def test_a_new_file_gets_the_usual_mode_not_0600(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        fileio.atomic_write(tmp_path / "새 노트.md", "# 새 노트\n".encode())
        fileio.atomic_write(tmp_path / "비밀.md", b"# x\n", mode=0o600)
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "새 노트.md").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "비밀.md").stat().st_mode) == 0o600
