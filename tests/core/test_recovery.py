"""The recovery journal: unsaved Korean text kept on disk, read back after a crash."""

from __future__ import annotations

import os
from pathlib import Path

from rehearse.core import fileio
from rehearse.core.editing import Saved
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import content_digest
from rehearse.core.recovery import RecoveryEntry, RecoveryJournal
from rehearse.core.session import Buffer, EditSession
from tests.conftest import write_note

TEXT = "## 카프카란?\n파티션으로 확장하는 분산 커밋 로그입니다.\n%% 꼬리 질문: 오프셋 %%\n"
NOTE = "## 자기소개\n안녕하세요.\n# 기술\n## 카프카란?\n분산 로그입니다.\n"


def fields(entry: RecoveryEntry) -> tuple[Path, tuple[str, ...], bool, str, str]:
    return entry.note, entry.heading_path, entry.whole_file, entry.base_digest, entry.text


def test_record_entries_forget_round_trip(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "복구")
    note = tmp_path / "노트" / "면접.md"
    digest = content_digest(NOTE.encode())

    kept = journal.record(note, ("기술", "카프카란?"), False, digest, TEXT)

    assert kept.parent == journal.folder and kept.suffix == ".json"
    assert "카프카란?".encode() in kept.read_bytes()  # readable Korean, not \\u escapes
    [entry] = journal.entries()
    assert entry.file == kept
    assert fields(entry) == (note, ("기술", "카프카란?"), False, digest, TEXT)

    # Recording the same edit again replaces it; another edit gets its own entry.
    journal.record(note, ("기술", "카프카란?"), False, digest, TEXT + "한 줄 더.\n")
    journal.record(note, (), True, digest, NOTE + "## 새 질문\n")
    entries = journal.entries()
    assert [(e.heading_path, e.text) for e in entries] == [
        (("기술", "카프카란?"), TEXT + "한 줄 더.\n"),
        ((), NOTE + "## 새 질문\n"),
    ]
    assert entries[0].saved_at <= entries[1].saved_at

    journal.forget(note, ("기술", "카프카란?"), False)
    assert [e.whole_file for e in journal.entries()] == [True]
    journal.forget(note, (), True)
    assert journal.entries() == []
    assert [p for p in journal.folder.iterdir() if p.name.endswith(fileio.TEMP_SUFFIX)] == []


def test_a_torn_or_foreign_file_is_ignored_and_the_others_still_load(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "복구")
    note = tmp_path / "노트" / "면접.md"
    good = journal.record(note, ("자기소개",), False, "digest", "## 자기소개\n반갑습니다.\n")
    whole = journal.record(note, ("기술", "카프카란?"), False, "digest", TEXT)
    raw = whole.read_bytes()
    # A write cut off in the middle (here: inside a Korean syllable), a foreign JSON file,
    # and bytes that are not UTF-8 at all.
    torn = journal.folder / "0-torn.json"
    torn.write_bytes(raw[: raw.index("카프카".encode()) + 4])
    (journal.folder / "1-foreign.json").write_text('{"설정": true}', encoding="utf-8")
    (journal.folder / "2-binary.json").write_bytes(b"\xff\xfe\x00{")

    entries = journal.entries()

    assert sorted(e.file for e in entries) == sorted([good, whole])
    assert {e.text for e in entries} == {"## 자기소개\n반갑습니다.\n", TEXT}
    assert torn.exists()  # not ours to interpret, so not ours to delete


def test_entries_under_a_folder(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "복구")
    root = tmp_path / "노트"
    sibling = tmp_path / "노트2"  # shares a name prefix, is not below the root
    for note in (root / "면접.md", root / "기술" / "카프카.md", sibling / "다른.md"):
        journal.record(note, ("질문",), False, "digest", f"## 질문\n{note.stem} 답변\n")

    def notes(under: Path | None) -> set[Path]:
        return {e.note for e in journal.entries(under=under)}

    assert notes(root) == {root / "면접.md", root / "기술" / "카프카.md"}
    assert notes(root / "기술") == {root / "기술" / "카프카.md"}
    assert notes(sibling) == {sibling / "다른.md"}
    assert len(notes(None)) == 3


def test_discard_and_stash(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "복구")
    note = tmp_path / "노트" / "면접.md"
    journal.record(note, ("자기소개",), False, "digest", TEXT)
    [entry] = journal.entries()

    first = journal.stash(note, TEXT, "discarded")
    second = journal.stash(note, TEXT + "둘째\n", "discarded")
    journal.discard(entry)

    assert journal.entries() == []
    assert not entry.file.exists()
    assert first != second
    assert first.parent == second.parent == journal.folder / "kept"
    assert first.read_text(encoding="utf-8") == TEXT
    assert second.read_text(encoding="utf-8") == TEXT + "둘째\n"
    assert first.name.startswith("면접.") and first.suffix == ".md"


def test_default_folder_is_in_the_data_folder() -> None:
    journal = RecoveryJournal()
    assert journal.folder == Path(os.environ["REHEARSE_DATA"]) / "recovery"
    assert journal.entries() == []


def crash_and_restart(tmp_path: Path, text: str) -> tuple[EditSession, RecoveryJournal, Path]:
    """Edit a section, let the journal tick record it, lose the process, start again."""
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", NOTE)
    journal = RecoveryJournal(tmp_path / "복구")
    session = EditSession(open_notebook(folder), journal=journal)
    note = session.note(path)
    assert note is not None
    buffer = session.open_section(note, note.questions[-1])

    session.record_all()
    assert journal.entries() == []  # nothing unsaved, nothing kept

    buffer.text = text
    session.record_all()
    [entry] = journal.entries()
    assert (entry.note, entry.heading_path, entry.text) == (path, ("기술", "카프카란?"), text)
    assert entry.base_digest == note.digest
    del session, buffer  # kill -9

    journal = RecoveryJournal(journal.folder)
    return EditSession(open_notebook(folder), journal=journal), journal, path


def restore_all(session: EditSession, journal: RecoveryJournal, root: Path) -> list[Buffer]:
    """What the app does on start when the user answers "restore" to every entry."""
    restored = []
    for entry in journal.entries(under=root):
        note = session.note(entry.note)
        assert note is not None
        buffer = session.restore(note, entry.heading_path, entry.whole_file, entry.text)
        assert buffer is not None
        restored.append(buffer)
    return restored


def test_session_journal_restores_after_a_crash(tmp_path: Path) -> None:
    session, journal, path = crash_and_restart(tmp_path, TEXT)
    [restored] = restore_all(session, journal, path.parent)
    assert restored.dirty and restored.text == TEXT
    assert path.read_bytes() == NOTE.encode()
    session.record_all()  # the app's journal tick, about a second later

    assert isinstance(session.save(restored), Saved)

    assert path.read_text(encoding="utf-8") == NOTE.replace(
        "## 카프카란?\n분산 로그입니다.\n", TEXT
    )
    assert journal.entries() == []


def test_restored_text_saved_at_once_leaves_no_journal_entry(tmp_path: Path) -> None:
    """Restore, then save before the next journal tick: the text is in the note."""
    session, journal, path = crash_and_restart(tmp_path, TEXT)
    [restored] = restore_all(session, journal, path.parent)

    assert isinstance(session.save(restored), Saved)

    assert path.read_text(encoding="utf-8") == NOTE.replace(
        "## 카프카란?\n분산 로그입니다.\n", TEXT
    )
    assert [e.text for e in journal.entries()] == []
