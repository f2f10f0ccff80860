"""A save is all or nothing: kill -9 mid-save, full disks, read-only folders, symlinks, modes."""

from __future__ import annotations

import errno
import json
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from rehearse.core import fileio
from rehearse.core.fileio import Stamp
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile
from rehearse.core.recovery import RecoveryJournal
from rehearse.core.session import Buffer, Change, EditSession, Saved, SaveFailed
from tests.conftest import REPO, write_note

KAFKA = "## 카프카란?\r\n분산 로그입니다.\r\n"
NOTE = (
    "---\r\n회사: 예시\r\n---\r\n"
    "## 자기소개\r\n안녕하세요, 백엔드 개발자입니다.\r\n"
    "# 기술\r\n" + KAFKA + "## 레디스\r\n인메모리 저장소입니다.\r\n"
)
MINE = "## 카프카란?\n파티션으로 확장하는 분산 커밋 로그입니다.\n컨슈머 그룹으로 나눠 읽습니다.\n"
NEW_NOTE = NOTE.replace(KAFKA, MINE.replace("\n", "\r\n"))

READY_TIMEOUT = 20.0  # bound on waiting for the child's readiness marker


def temp_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(fileio.TEMP_SUFFIX))


def open_kafka(session: EditSession, path: Path) -> Buffer:
    note = session.note(path)
    assert note is not None
    found = [s for s in note.questions if s.title == "카프카란?"]
    assert len(found) == 1
    return session.open_section(note, found[0])


# --- kill -9 during a save ------------------------------------------------------------------

CHILD = r"""
import json, os, sys, time
from pathlib import Path

from rehearse.core.fileio import atomic_write

job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
note_path = Path(job["note"])
marker = Path(job["marker"])


def ready(text):
    part = marker.with_name(marker.name + ".part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, marker)


def block_before_replace(temp, target):
    ready(str(temp))
    time.sleep(60)  # the parent kills us here, between the fsync and the rename


def writer(path, data, *, mode=None, expect=None):
    hook = block_before_replace if job["when"] == "before-rename" else None
    atomic_write(path, data, before_replace=hook, expect=expect)


if job["how"] == "session":
    from rehearse.core.session import Saved
    from rehearse.core.notebook import open_notebook
    from rehearse.core.session import EditSession

    session = EditSession(open_notebook(note_path.parent), writer=writer)
    note = session.note(note_path)
    section = [s for s in note.questions if s.title == "카프카란?"][0]
    buffer = session.open_section(note, section)
    buffer.text = job["mine"]
    outcome = session.save(buffer)
    assert isinstance(outcome, Saved), outcome
else:
    writer(note_path, job["new"].encode("utf-8"))
ready("saved")
time.sleep(60)  # the parent kills us here, right after the rename
"""


def wait_for_marker(marker: Path, child: subprocess.Popen[bytes], errors: Path) -> None:
    """Poll for the child's readiness marker; fail at once if the child died instead."""
    deadline = time.monotonic() + READY_TIMEOUT
    while not marker.exists():
        if child.poll() is not None:
            pytest.fail(f"the child exited ({child.returncode}): {errors.read_text()}")
        if time.monotonic() > deadline:
            child.kill()
            child.wait()
            pytest.fail(f"no readiness marker within {READY_TIMEOUT} s: {errors.read_text()}")
        time.sleep(0.01)


def start_child(tmp_path: Path, how: str, when: str) -> tuple[subprocess.Popen[bytes], Path, Path]:
    folder = tmp_path / "노트"
    note = write_note(folder, "면접.md", NOTE)
    marker = tmp_path / "준비됨"
    job = tmp_path / "작업.json"
    job.write_text(
        json.dumps(
            {
                "note": str(note),
                "marker": str(marker),
                "how": how,
                "when": when,
                "mine": MINE,
                "new": NEW_NOTE,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    errors = tmp_path / "child-stderr.txt"
    with errors.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, str(script), str(job)],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    wait_for_marker(marker, child, errors)
    return child, note, marker


def kill(child: subprocess.Popen[bytes]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait(timeout=10) == -signal.SIGKILL


@pytest.mark.parametrize("how", ["session", "atomic_write"])
def test_kill_before_the_rename_leaves_the_old_note_whole(tmp_path: Path, how: str) -> None:
    child, note, marker = start_child(tmp_path, how, "before-rename")
    folder = note.parent
    temp = Path(marker.read_text(encoding="utf-8"))
    assert temp.parent == folder
    assert temp.name.startswith(f".면접.md.{child.pid}.")

    # While the writer is alive, the next start must not take its temp file away.
    open_notebook(folder)
    assert temp.exists()

    kill(child)

    assert note.read_bytes() == NOTE.encode()
    assert temp_files(folder) == [temp]
    assert temp.read_bytes() == NEW_NOTE.encode()  # complete, but never renamed

    book = open_notebook(folder)  # the next start

    assert temp_files(folder) == []
    assert [n.path for n in book.notes] == [note]
    loaded = book.notes[0]
    assert isinstance(loaded, NoteFile) and loaded.raw == NOTE.encode()


@pytest.mark.parametrize("how", ["session", "atomic_write"])
def test_kill_after_the_rename_leaves_the_new_note_whole(tmp_path: Path, how: str) -> None:
    child, note, marker = start_child(tmp_path, how, "after-rename")
    assert marker.read_text(encoding="utf-8") == "saved"

    kill(child)

    assert note.read_bytes() == NEW_NOTE.encode()
    assert temp_files(note.parent) == []
    book = open_notebook(note.parent)
    loaded = book.notes[0]
    assert isinstance(loaded, NoteFile) and loaded.raw == NEW_NOTE.encode()


# --- writing fails --------------------------------------------------------------------------

CODES = [errno.ENOSPC, errno.EROFS, errno.EACCES]


class FailingWriter:
    """Raises OSError(code) while `code` is set; writes atomically once it is cleared."""

    def __init__(self, code: int | None) -> None:
        self.code = code

    def __call__(
        self, path: Path, data: bytes, *, mode: int | None = None, expect: Stamp | None = None
    ) -> None:
        if self.code is not None:
            raise OSError(self.code, os.strerror(self.code), str(path))
        fileio.atomic_write(path, data, expect=expect)


def start(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "노트"
    return folder, write_note(folder, "면접.md", NOTE)


def assert_untouched_and_recoverable(
    session: EditSession, buffer: Buffer, note: Path, inode: int, journal: RecoveryJournal
) -> None:
    assert note.read_bytes() == NOTE.encode()
    assert note.stat().st_ino == inode
    assert temp_files(note.parent) == []
    assert buffer.dirty and buffer.text == MINE
    assert journal.entries() == []
    session.record(buffer, force=True)
    entries = journal.entries()
    assert [(e.note, e.heading_path, e.text) for e in entries] == [
        (note, ("기술", "카프카란?"), MINE)
    ]
    assert entries[0].base_digest == buffer.base.digest


@pytest.mark.parametrize("code", CODES)
def test_injected_write_error_is_save_failed_and_nothing_is_lost(tmp_path: Path, code: int) -> None:
    folder, note = start(tmp_path)
    inode = note.stat().st_ino
    journal = RecoveryJournal(tmp_path / "복구")
    writer = FailingWriter(code)
    session = EditSession(open_notebook(folder), writer=writer, journal=journal)
    buffer = open_kafka(session, note)
    buffer.text = MINE

    outcome = session.save(buffer)

    assert isinstance(outcome, SaveFailed)
    assert outcome.reason == os.strerror(code).lower()
    assert_untouched_and_recoverable(session, buffer, note, inode, journal)
    # Autosave keeps failing the same way without losing anything...
    [(again, failed)] = session.save_all(autosave=True)
    assert again is buffer and isinstance(failed, SaveFailed)
    assert note.read_bytes() == NOTE.encode() and buffer.text == MINE
    # ... and once the disk is writable again the text reaches the note, and leaves the journal.
    writer.code = None
    assert isinstance(session.save(buffer), Saved)
    assert note.read_bytes() == NEW_NOTE.encode()
    assert journal.entries() == []


@pytest.mark.parametrize("code", CODES)
def test_real_atomic_write_failing_at_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    folder, note = start(tmp_path)
    inode = note.stat().st_ino
    journal = RecoveryJournal(tmp_path / "복구")
    session = EditSession(open_notebook(folder), journal=journal)
    buffer = open_kafka(session, note)
    buffer.text = MINE
    renames: list[tuple[str, str]] = []

    def failing_replace(source: str, target: str) -> None:
        renames.append((str(source), str(target)))
        assert Path(source).read_bytes() == NEW_NOTE.encode()
        raise OSError(code, os.strerror(code))

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", failing_replace)  # what atomic_write renames with
        outcome = session.save(buffer)

    assert len(renames) == 1 and Path(renames[0][1]) == note
    assert isinstance(outcome, SaveFailed)
    assert outcome.reason == os.strerror(code).lower()
    assert_untouched_and_recoverable(session, buffer, note, inode, journal)


# --- a real permission error, as a user who may not write the folder ------------------------

PERMISSION_CHILD = r"""
import json, os, sys
from pathlib import Path

from rehearse.core.notebook import open_notebook
from rehearse.core.recovery import RecoveryJournal
from rehearse.core.session import EditSession

job = json.loads(sys.stdin.read())
if job["uid"] is not None:  # we are root: become another user for real
    os.setgroups([])
    os.setgid(job["gid"])
    os.setuid(job["uid"])
folder = Path(job["folder"])
journal = RecoveryJournal(Path(job["journal"]))
session = EditSession(open_notebook(folder), journal=journal)
note = session.note(folder / "면접.md")
section = [s for s in note.questions if s.title == "카프카란?"][0]
buffer = session.open_section(note, section)
buffer.text = job["mine"]
outcome = session.save(buffer)
session.record(buffer, force=True)
print(json.dumps({
    "euid": os.geteuid(),
    "outcome": type(outcome).__name__,
    "reason": getattr(outcome, "reason", None),
    "dirty": buffer.dirty,
    "journal": [entry.text for entry in journal.entries()],
}, ensure_ascii=False))
"""


@pytest.fixture
def shared_folders() -> Iterator[tuple[Path, Path]]:
    """Folders outside pytest's private (0700) temp root, so another user can reach them."""
    made = [Path(tempfile.mkdtemp(prefix="rehearse-권한-")) for _ in range(2)]
    try:
        yield made[0], made[1]
    finally:
        for folder in made:
            os.chmod(folder, 0o700)
            shutil.rmtree(folder, ignore_errors=True)


def test_save_into_a_folder_the_user_may_not_write(shared_folders: tuple[Path, Path]) -> None:
    folder, journal_folder = shared_folders
    note = write_note(folder, "면접.md", NOTE)
    os.chmod(note, 0o644)
    uid: int | None = None
    gid: int | None = None
    if os.geteuid() == 0:
        # Root may write anywhere, so run the editing process as `nobody` for real.
        nobody = pwd.getpwnam("nobody")
        uid, gid = nobody.pw_uid, nobody.pw_gid
        os.chmod(folder, 0o755)  # owned by root: readable, not writable, for nobody
        os.chown(journal_folder, uid, gid)
        os.chmod(journal_folder, 0o700)
    else:
        os.chmod(folder, 0o555)
    job = {
        "uid": uid,
        "gid": gid,
        "folder": str(folder),
        "journal": str(journal_folder),
        "mine": MINE,
    }

    result = subprocess.run(
        [sys.executable, "-c", PERMISSION_CHILD],
        input=json.dumps(job, ensure_ascii=False).encode("utf-8"),
        capture_output=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=30,
        check=False,
    )

    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    report = json.loads(result.stdout.decode("utf-8"))
    assert report["euid"] != 0  # the permission check really applied
    assert report["outcome"] == "SaveFailed"
    assert report["reason"] == os.strerror(errno.EACCES).lower()
    assert report["dirty"] is True
    assert report["journal"] == [MINE]
    assert note.read_bytes() == NOTE.encode()
    assert temp_files(folder) == []


# --- symlinks and modes ---------------------------------------------------------------------


@pytest.mark.parametrize("relative", [True, False])
def test_symlinked_note_stays_a_symlink_after_a_session_save(
    tmp_path: Path, relative: bool
) -> None:
    real = write_note(tmp_path / "실제 폴더", "면접.md", NOTE)
    os.chmod(real, 0o640)
    folder = tmp_path / "노트"
    folder.mkdir()
    link = folder / "링크된 면접.md"
    pointer = "../실제 폴더/면접.md" if relative else str(real)
    link.symlink_to(pointer)
    session = EditSession(open_notebook(folder))
    buffer = open_kafka(session, link)
    buffer.text = MINE

    outcome = session.save(buffer)

    assert isinstance(outcome, Saved)
    assert link.is_symlink() and os.readlink(link) == pointer
    assert not real.is_symlink()
    assert real.read_bytes() == NEW_NOTE.encode()
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert temp_files(real.parent) == [] and temp_files(folder) == []
    # Our own write read back through the link is not a change ...
    assert session.reload([link]).changed_paths == set()
    # ... while another program writing the real file is.
    real.write_bytes(NOTE.replace("인메모리", "디스크 기반").encode())
    result = session.reload([link])
    assert result.changed_paths == {link}
    assert result.buffers == [(buffer, Change.RELOADED)]


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664])
def test_session_save_keeps_the_mode(tmp_path: Path, mode: int) -> None:
    folder, note = start(tmp_path)
    os.chmod(note, mode)
    session = EditSession(open_notebook(folder))
    buffer = open_kafka(session, note)
    buffer.text = MINE

    assert isinstance(session.save(buffer), Saved)

    assert note.read_bytes() == NEW_NOTE.encode()
    assert stat.S_IMODE(note.stat().st_mode) == mode
