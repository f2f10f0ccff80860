"""A folder path from the watcher is a rescan of that folder, never a note; renames are
told once, on proof (the same bytes at one new path); a clean buffer of a deleted note
leaves no copy behind, an unsaved one does."""

from __future__ import annotations

from pathlib import Path

from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile
from rehearse.core.recovery import RecoveryJournal
from rehearse.core.rescan import notes_at, renamed_notes
from rehearse.core.session import Change, EditSession
from tests.conftest import write_note

PROCESS = "# 운영체제\n## 데드락이란?\n서로 기다리는 상태.\n"


def test_a_folder_made_or_renamed_is_a_rescan_of_it_never_an_unreadable_note(
    tmp_path: Path,
) -> None:
    old = write_note(tmp_path, "기술 면접/운영체제 심화/프로세스.md", PROCESS)
    write_note(tmp_path, "인성.md", "## 자기소개\n안녕하세요.\n")
    session = EditSession(open_notebook(tmp_path))
    told: list[frozenset[Path]] = []
    renames: list[dict[Path, Path]] = []
    session.on_change = lambda paths: (told.append(paths), renames.append(dict(session.renamed)))

    (tmp_path / "기술 면접" / "운영체제 심화").rename(tmp_path / "기술 면접" / "운영체제 고급")
    made = write_note(tmp_path, "새 폴더/하위 폴더/메모.md", "## 메모\n적어 둔 것.\n")
    new = tmp_path / "기술 면접" / "운영체제 고급" / "프로세스.md"
    folders = {old.parent, new.parent, tmp_path / "새 폴더"}
    assert notes_at(session.notebook, folders) == {old, new, made}

    session.reload(folders)  # what the watcher reports: folders, no rescan
    paths = [note.path for note in session.notebook.notes]
    assert sorted(paths) == sorted([new, made, tmp_path / "인성.md"])
    assert all(isinstance(note, NoteFile) for note in session.notebook.notes)
    assert told == [frozenset({old, new, made})]  # once, for the whole reload
    assert renames == [{old: new}] and session.renamed == {}


def test_a_rename_needs_one_note_with_the_same_bytes_each_way(tmp_path: Path) -> None:
    write_note(tmp_path, "a.md", PROCESS)
    write_note(tmp_path, "b.md", PROCESS)
    before = open_notebook(tmp_path)
    (tmp_path / "a.md").rename(tmp_path / "c.md")
    (tmp_path / "b.md").rename(tmp_path / "d.md")
    assert renamed_notes(before, open_notebook(tmp_path)) == {}  # two alike: no proof
    write_note(tmp_path, "e.md", "## 다른 질문\n다른 답.\n")
    mid = open_notebook(tmp_path)
    (tmp_path / "e.md").rename(tmp_path / "f.md")
    assert renamed_notes(mid, open_notebook(tmp_path)) == {tmp_path / "e.md": tmp_path / "f.md"}


def test_a_deleted_note_keeps_a_copy_only_of_unsaved_text(tmp_path: Path) -> None:
    path = write_note(tmp_path, "면접.md", PROCESS)
    journal = RecoveryJournal(tmp_path / "data")
    session = EditSession(open_notebook(tmp_path / "면접.md"), journal=journal)
    note = session.note(path)
    assert note is not None
    clean = session.open_section(note, note.questions[1])
    path.rename(tmp_path / "다른 이름.md")
    result = session.reload([path])
    assert (clean, Change.DELETED) in result.buffers
    kept = tmp_path / "data" / "kept"
    assert not kept.exists() or not any(kept.iterdir())

    session.edit(clean, clean.text + "덧붙인 문장.\n")
    (tmp_path / "다른 이름.md").rename(path)
    session.reload([path])
    assert not clean.deleted and clean.dirty
    path.unlink()
    session.reload([path])
    copies = list(kept.iterdir())
    assert len(copies) == 1 and "덧붙인 문장." in copies[0].read_text("utf-8")
