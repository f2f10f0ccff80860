"""Opening a folder or file of notes; bad files are listed as unreadable, never a crash."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rehearse.core import notebook as notebook_module
from rehearse.core.fileio import MAX_NOTE_BYTES
from rehearse.core.notebook import NotesPathError, load_note, open_notebook
from rehearse.core.notes import NoteFile, UnreadableNote
from tests.conftest import REPO, write_note

ANSWER = "## 자기소개\n안녕하세요, 백엔드 개발자입니다.\n"


def relative_paths(tmp_path: Path, notes: tuple[Any, ...]) -> list[str]:
    return [note.path.relative_to(tmp_path).as_posix() for note in notes]


def unreadable(tmp_path: Path, name: str) -> UnreadableNote:
    book = open_notebook(tmp_path)
    found = [note for note in book.notes if note.path == tmp_path / name]
    assert len(found) == 1, [n.path for n in book.notes]
    note = found[0]
    assert isinstance(note, UnreadableNote)
    assert book.unreadable == [note]
    return note


def test_folder_with_nested_folders_sorted(tmp_path: Path) -> None:
    write_note(tmp_path, "자기소개.md", ANSWER)
    write_note(tmp_path, "기술/카프카.md", "# 카프카\n")
    write_note(tmp_path, "기술/레디스.markdown", "# 레디스\n")
    write_note(tmp_path, "기술/심화/파티션.MD", "# 파티션\n")
    write_note(tmp_path, "a.md", "# 가\n")
    write_note(tmp_path, "인성/협업.md", "# 협업\n")

    book = open_notebook(tmp_path)

    assert book.root == tmp_path
    assert not book.single_file
    assert relative_paths(tmp_path, book.notes) == [  # the tree's order: folders first
        "기술/심화/파티션.MD",
        "기술/레디스.markdown",
        "기술/카프카.md",
        "인성/협업.md",
        "a.md",
        "자기소개.md",
    ]
    assert all(isinstance(note, NoteFile) for note in book.notes)
    assert book.unreadable == []
    assert book.relative(tmp_path / "기술" / "카프카.md") == "기술/카프카.md"


def test_skips_dot_folders_dot_files_and_other_suffixes(tmp_path: Path) -> None:
    write_note(tmp_path, "질문.md", ANSWER)
    write_note(tmp_path, ".obsidian/workspace.md", "# 숨김\n")
    write_note(tmp_path, ".git/notes.md", "# 숨김\n")
    write_note(tmp_path, "기술/.trash/지운 노트.md", "# 숨김\n")
    write_note(tmp_path, ".숨은 노트.md", "# 숨김\n")
    write_note(tmp_path, "메모.txt", "# 텍스트\n")
    write_note(tmp_path, "그림.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write_note(tmp_path, "md", "# 확장자 아님\n")
    write_note(tmp_path, "기술/카프카.md", "# 카프카\n")

    book = open_notebook(tmp_path)

    assert relative_paths(tmp_path, book.notes) == ["기술/카프카.md", "질문.md"]


def test_single_file(tmp_path: Path) -> None:
    path = write_note(tmp_path, "자기소개.md", ANSWER)
    write_note(tmp_path, "다른 노트.md", "# 다른\n")

    book = open_notebook(path)

    assert book.single_file
    assert book.root == tmp_path
    assert [note.path for note in book.notes] == [path]
    note = book.notes[0]
    assert isinstance(note, NoteFile)
    assert [s.title for s in note.questions] == ["자기소개"]
    assert book.relative(path) == "자기소개.md"


def test_relative_single_file_path_is_made_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_note(tmp_path, "자기소개.md", ANSWER)
    monkeypatch.chdir(tmp_path)
    book = open_notebook(Path("자기소개.md"))
    assert book.root == tmp_path
    assert book.notes[0].path == tmp_path / "자기소개.md"


def test_missing_path_raises_clear_error(tmp_path: Path) -> None:
    missing = tmp_path / "없는 폴더"
    with pytest.raises(NotesPathError) as caught:
        open_notebook(missing)
    message = str(caught.value)
    assert "no such file or folder" in message
    assert str(missing) in message


def test_empty_folder_gives_empty_notebook(tmp_path: Path) -> None:
    book = open_notebook(tmp_path)
    assert book.notes == ()
    assert book.readable == [] and book.unreadable == []


def test_cp949_note_is_unreadable_with_reason(tmp_path: Path) -> None:
    write_note(tmp_path, "옛날 노트.md", "## 자기소개\n안녕하세요\n".encode("cp949"))
    write_note(tmp_path, "좋은 노트.md", ANSWER)

    note = unreadable(tmp_path, "옛날 노트.md")

    assert "not UTF-8" in note.reason
    assert "CP949/EUC-KR" in note.reason and "iconv -f CP949 -t UTF-8" in note.reason
    book = open_notebook(tmp_path)
    assert [n.path.name for n in book.readable] == ["좋은 노트.md"]


def test_binary_note_is_unreadable_with_reason(tmp_path: Path) -> None:
    write_note(tmp_path, "바이너리.md", b"## \xec\xa7\x88\xeb\xac\xb8\n\x00\x01\x02\x03")
    note = unreadable(tmp_path, "바이너리.md")
    assert "binary" in note.reason
    assert "NUL" in note.reason


def test_huge_note_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "거대한 노트.md"
    with path.open("wb") as handle:
        handle.write("## 큰 질문\n".encode())
        handle.truncate(25 * 1024 * 1024)  # sparse: fast to create
    assert path.stat().st_size > MAX_NOTE_BYTES

    note = unreadable(tmp_path, "거대한 노트.md")

    assert "too large" in note.reason
    assert "25.0 MB" in note.reason
    assert "20 MB" in note.reason


def test_note_at_exactly_the_limit_is_read(tmp_path: Path) -> None:
    head = "## 한계\n".encode()
    path = write_note(tmp_path, "한계.md", head + b"a" * (MAX_NOTE_BYTES - len(head)))
    assert path.stat().st_size == MAX_NOTE_BYTES
    note = load_note(path)
    assert isinstance(note, NoteFile)
    assert [s.title for s in note.questions] == ["한계"]


def test_directory_named_like_a_note(tmp_path: Path) -> None:
    folder = tmp_path / "x.md"
    folder.mkdir()
    write_note(folder, "안쪽.md", ANSWER)

    note = load_note(folder)
    assert isinstance(note, UnreadableNote)
    assert note.reason == "is a folder"

    book = open_notebook(tmp_path)  # a folder is walked into, never opened as a note
    assert relative_paths(tmp_path, book.notes) == ["x.md/안쪽.md"]
    assert book.unreadable == []


def test_unreadable_note_permission_denied(tmp_path: Path) -> None:
    locked = write_note(tmp_path, "잠긴 노트.md", ANSWER)
    write_note(tmp_path, "열린 노트.md", ANSWER)

    with pytest.MonkeyPatch.context() as patch:
        if os.geteuid() == 0:
            # root reads a chmod 000 file anyway: make opening that one file fail as it would.
            real_open = os.open

            def denying_open(target: Any, flags: int, *args: Any, **kwargs: Any) -> Any:
                if Path(target) == locked:
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(target))
                return real_open(target, flags, *args, **kwargs)

            patch.setattr(os, "open", denying_open)
        else:
            locked.chmod(0)
        try:
            with pytest.raises(PermissionError):  # the failure is real
                os.close(os.open(locked, os.O_RDONLY))
            note = unreadable(tmp_path, "잠긴 노트.md")
            book = open_notebook(tmp_path)
        finally:
            locked.chmod(0o644)

    assert note.reason == "permission denied"
    assert [n.path.name for n in book.readable] == ["열린 노트.md"]
    # Once readable again, it loads normally.
    assert [n.path.name for n in open_notebook(tmp_path).readable] == [
        "열린 노트.md",
        "잠긴 노트.md",
    ]


def test_load_note_reports_os_errors_from_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_note(tmp_path, "입출력.md", ANSWER)

    def failing_read(target: Path) -> tuple[bytes, int]:
        raise OSError(errno.EIO, os.strerror(errno.EIO), str(target))

    monkeypatch.setattr(notebook_module, "read_note_file", failing_read)
    note = load_note(path)
    assert isinstance(note, UnreadableNote)
    assert note.reason == os.strerror(errno.EIO).lower()


def test_notebook_replace_and_get(tmp_path: Path) -> None:
    first = write_note(tmp_path, "가.md", "# 가\n")
    write_note(tmp_path, "다.md", "# 다\n")
    book = open_notebook(tmp_path)
    added = load_note(write_note(tmp_path, "나.md", "# 나\n"))
    changed = load_note(write_note(tmp_path, "가.md", "# 가나다\n"))

    book2 = book.replace(added).replace(changed)

    assert [n.path.name for n in book2.notes] == ["가.md", "나.md", "다.md"]
    got = book2.get(first)
    assert isinstance(got, NoteFile)
    assert [s.title for s in got.questions] == ["가나다"]
    assert book2.get(tmp_path / "없음.md") is None
    assert len(book.notes) == 2  # the old snapshot is untouched


def test_broken_symlink_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "끊긴 링크.md").symlink_to(tmp_path / "지워진 노트.md")
    write_note(tmp_path, "좋은.md", ANSWER)
    note = unreadable(tmp_path, "끊긴 링크.md")
    assert note.reason == os.strerror(errno.ENOENT).lower()


LIST_REASONS = """
import json, sys
from pathlib import Path
from rehearse.core.notebook import open_notebook
book = open_notebook(Path(sys.argv[1]))
print(json.dumps({
    "readable": [n.path.name for n in book.readable],
    "unreadable": {n.path.name: n.reason for n in book.unreadable},
}, ensure_ascii=False))
"""


def test_fifo_named_like_a_note_is_unreadable_not_a_hang(tmp_path: Path) -> None:
    # Opening a FIFO for reading waits for a writer that never comes. Run in a child
    # process so a hang fails this test instead of stalling the suite.
    os.mkfifo(tmp_path / "파이프.md")
    write_note(tmp_path, "좋은.md", ANSWER)
    try:
        result = subprocess.run(
            [sys.executable, "-c", LIST_REASONS, str(tmp_path)],
            capture_output=True,
            check=False,
            cwd=REPO,
            timeout=5,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("open_notebook blocked forever on a FIFO named 파이프.md")
    assert result.returncode == 0, result.stderr.decode()
    found = json.loads(result.stdout.decode("utf-8"))
    assert found["readable"] == ["좋은.md"]
    assert list(found["unreadable"]) == ["파이프.md"]
    assert found["unreadable"]["파이프.md"]


def test_a_symlink_to_a_note_in_the_folder_is_that_note_once(tmp_path: Path) -> None:
    (tmp_path / "기술.md").write_text("## 데드락이란?\n교착 상태입니다.\n", encoding="utf-8")
    (tmp_path / "링크.md").symlink_to(tmp_path / "기술.md")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "또 링크.md").symlink_to(Path("..") / "기술.md")
    outside = tmp_path.parent / f"{tmp_path.name}-밖"
    outside.mkdir()
    (outside / "밖.md").write_text("## 자기소개\n안녕하세요\n", encoding="utf-8")
    (tmp_path / "밖 링크.md").symlink_to(outside / "밖.md")
    (tmp_path / "밖 링크 2.md").symlink_to(outside / "밖.md")
    notebook = open_notebook(tmp_path)
    assert [notebook.relative(note.path) for note in notebook] == ["기술.md", "밖 링크 2.md"]
    assert notebook.scan() == {note.path for note in notebook}
