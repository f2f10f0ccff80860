"""The recovery journal: unsaved Korean text kept on disk, read back after a crash."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest

from rehearse.core import fileio
from rehearse.core.buffer import Buffer
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile, parse_note
from rehearse.core.recovery import BackgroundJournal, NullJournal, RecoveryEntry, RecoveryJournal
from rehearse.core.restore import pending_recoveries, restore
from rehearse.core.session import EditSession, Saved
from tests.conftest import write_note

TEXT = "## 카프카란?\n파티션으로 확장하는 분산 커밋 로그입니다.\n%% 꼬리 질문: 오프셋 %%\n"
NOTE = "## 자기소개\n안녕하세요.\n# 기술\n## 카프카란?\n분산 로그입니다.\n"


def snapshot(path: Path, text: str = NOTE) -> NoteFile:
    return parse_note(path, text.encode())


def kafka_buffer(path: Path, text: str) -> Buffer:
    note = snapshot(path)
    section = note.questions[-1]
    buffer = Buffer(note, section.start, section.end, whole_file=False)
    buffer.text = text
    return buffer


def fields(entry: RecoveryEntry) -> tuple[Path, tuple[str, ...], bool, str, str]:
    return entry.note, entry.heading_path, entry.whole_file, entry.base_digest, entry.text


def test_record_entries_forget_round_trip(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "복구")
    note = tmp_path / "노트" / "면접.md"
    buffer = kafka_buffer(note, TEXT)

    journal.record(buffer)

    [entry] = journal.entries()
    assert entry.file.parent == journal.folder and entry.file.suffix == ".json"
    assert "카프카란?".encode() in entry.file.read_bytes()  # readable Korean, not \\u escapes
    assert fields(entry) == (note, ("기술", "카프카란?"), False, buffer.base.digest, TEXT)
    assert (entry.start, entry.end) == (buffer.start, buffer.end)
    assert journal.base_of(entry) == NOTE.encode()  # what the edit started from

    # Recording the same buffer again replaces its entry; another buffer gets its own.
    buffer.text = TEXT + "한 줄 더.\n"
    journal.record(buffer)
    whole = Buffer(snapshot(note), 0, len(NOTE), whole_file=True)
    whole.text = NOTE + "## 새 질문\n"
    journal.record(whole)
    entries = journal.entries()
    assert [(e.heading_path, e.text) for e in entries] == [
        (("기술", "카프카란?"), TEXT + "한 줄 더.\n"),
        ((), NOTE + "## 새 질문\n"),
    ]
    assert entries[0].saved_at <= entries[1].saved_at

    journal.forget(buffer)
    assert [e.whole_file for e in journal.entries()] == [True]
    assert journal.base_of(journal.entries()[0]) == NOTE.encode()  # still needed by the other
    journal.forget(whole)
    assert journal.entries() == []
    assert list((journal.folder / "bases").iterdir()) == []  # no longer needed by anyone
    assert [p for p in journal.folder.iterdir() if p.name.endswith(fileio.TEMP_SUFFIX)] == []


@pytest.mark.parametrize(
    "on_disk", ["unchanged", "changed since", "same size, other bytes", "gone"]
)
def test_the_base_kept_is_the_version_the_edit_started_from_whatever_the_file_holds_now(
    tmp_path: Path, on_disk: str
) -> None:
    """The base is read back from the note while the note still holds it (no encoding of a
    big note under the GIL), and rebuilt from the snapshot when it no longer does."""
    note = tmp_path / "면접.md"
    original = NOTE.replace("\n", "\r\n").encode()
    note.write_bytes(original)
    buffer = Buffer(parse_note(note, original), 0, len(original), whole_file=True)
    buffer.text = NOTE + "## 새 질문\n"
    if on_disk == "changed since":
        note.write_bytes(original + "## 다른 프로그램\r\n".encode())
    elif on_disk == "same size, other bytes":
        note.write_bytes(original.replace("자기소개".encode(), "지원동기".encode()))
    elif on_disk == "gone":
        note.unlink()
    journal = RecoveryJournal(tmp_path / "복구")

    journal.record(buffer)

    [entry] = journal.entries()
    assert journal.base_of(entry) == original


def test_the_journal_is_private(tmp_path: Path) -> None:
    """Others must not even list the names of your notes (nor read what you typed)."""
    journal = RecoveryJournal(tmp_path / "복구")
    journal.record(kafka_buffer(tmp_path / "면접.md", TEXT))
    kept = journal.stash(tmp_path / "면접.md", TEXT, "mine")
    assert kept is not None

    for folder in (journal.folder, journal.folder / "bases", journal.folder / "kept"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for file in [*journal.folder.glob("*.json"), kept, *(journal.folder / "bases").iterdir()]:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_a_torn_or_foreign_file_is_ignored_and_the_others_still_load(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "복구")
    note = tmp_path / "노트" / "면접.md"
    intro = Buffer(snapshot(note), 0, NOTE.index("# 기술"), whole_file=False)
    intro.text = "## 자기소개\n반갑습니다.\n"
    journal.record(intro)
    journal.record(kafka_buffer(note, TEXT))
    entries_before = journal.entries()
    raw = entries_before[-1].file.read_bytes()
    # A write cut off in the middle (here: inside a Korean syllable), a foreign JSON file,
    # and bytes that are not UTF-8 at all.
    torn = journal.folder / "0-torn.json"
    torn.write_bytes(raw[: raw.index("카프카".encode()) + 4])
    (journal.folder / "1-foreign.json").write_text('{"설정": true}', encoding="utf-8")
    (journal.folder / "2-binary.json").write_bytes(b"\xff\xfe\x00{")

    entries = journal.entries()

    assert sorted(e.file for e in entries) == sorted(e.file for e in entries_before)
    assert {e.text for e in entries} == {"## 자기소개\n반갑습니다.\n", TEXT}
    assert torn.exists()  # not ours to interpret, so not ours to delete


def test_entries_under_a_folder(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "복구")
    root = tmp_path / "노트"
    sibling = tmp_path / "노트2"  # shares a name prefix, is not below the root
    for note in (root / "면접.md", root / "기술" / "카프카.md", sibling / "다른.md"):
        journal.record(kafka_buffer(note, f"## 질문\n{note.stem} 답변\n"))

    def notes(under: Path | None) -> set[Path]:
        return {e.note for e in journal.entries(under=under)}

    assert notes(root) == {root / "면접.md", root / "기술" / "카프카.md"}
    assert notes(root / "기술") == {root / "기술" / "카프카.md"}
    assert notes(sibling) == {sibling / "다른.md"}
    assert len(notes(None)) == 3


def test_discard_and_stash(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "복구")
    note = tmp_path / "노트" / "면접.md"
    journal.record(kafka_buffer(note, TEXT))
    [entry] = journal.entries()

    first = journal.stash(note, TEXT, "discarded")
    second = journal.stash(note, TEXT + "둘째\n", "discarded")
    journal.discard(entry)

    assert journal.entries() == []
    assert not entry.file.exists()
    assert first is not None and second is not None and first != second
    assert first.parent == second.parent == journal.folder / "kept"
    assert first.read_text(encoding="utf-8") == TEXT
    assert second.read_text(encoding="utf-8") == TEXT + "둘째\n"
    assert first.name.startswith("노트-면접.") and first.suffix == ".md"


def test_kept_copies_of_two_notes_with_one_name_are_told_apart(tmp_path: Path) -> None:
    journal = RecoveryJournal(tmp_path / "복구")
    one = journal.stash(tmp_path / "카카오" / "README.md", "카카오 답변\n", "mine")
    two = journal.stash(tmp_path / "네이버" / "README.md", "네이버 답변\n", "mine")
    assert one is not None and two is not None
    assert one.name.startswith("카카오-README.") and two.name.startswith("네이버-README.")


def test_default_folder_is_in_the_data_folder() -> None:
    journal = RecoveryJournal()
    assert journal.folder == Path(os.environ["REHEARSE_DATA"]) / "recovery"
    assert journal.entries() == []


def test_the_null_journal_keeps_nothing(tmp_path: Path) -> None:
    journal = NullJournal()
    journal.record(kafka_buffer(tmp_path / "면접.md", TEXT))
    assert journal.entries() == []
    assert journal.stash(tmp_path / "면접.md", TEXT, "mine") is None


# --- a crash, and the next start -------------------------------------------------------------


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

    session.edit(buffer, text)
    session.record_all()
    [entry] = journal.entries()
    assert (entry.note, entry.heading_path, entry.text) == (path, ("기술", "카프카란?"), text)
    assert entry.base_digest == note.digest
    del session, buffer  # kill -9

    journal = RecoveryJournal(journal.folder)
    return EditSession(open_notebook(folder), journal=journal), journal, path


def restore_all(session: EditSession, root: Path) -> list[Buffer]:
    """What the app does on start when the user answers "restore" to every entry."""
    restored = []
    for entry in pending_recoveries(session, root):
        buffer = restore(session, entry)
        assert buffer is not None
        restored.append(buffer)
    return restored


def test_session_journal_restores_after_a_crash(tmp_path: Path) -> None:
    session, journal, path = crash_and_restart(tmp_path, TEXT)
    [restored] = restore_all(session, path.parent)
    assert restored.dirty and restored.text == TEXT
    assert path.read_bytes() == NOTE.encode()
    session.record_all()  # the app's journal tick, about a second later
    assert len(journal.entries()) == 1  # still one entry: the restored buffer took it over

    assert isinstance(session.save(restored), Saved)

    assert path.read_text(encoding="utf-8") == NOTE.replace(
        "## 카프카란?\n분산 로그입니다.\n", TEXT
    )
    assert journal.entries() == []


def test_restored_text_saved_at_once_leaves_no_journal_entry(tmp_path: Path) -> None:
    """Restore, then save before the next journal tick: the text is in the note."""
    session, journal, path = crash_and_restart(tmp_path, TEXT)
    [restored] = restore_all(session, path.parent)

    assert isinstance(session.save(restored), Saved)

    assert path.read_text(encoding="utf-8") == NOTE.replace(
        "## 카프카란?\n분산 로그입니다.\n", TEXT
    )
    assert [e.text for e in journal.entries()] == []


def test_a_recovered_edit_is_merged_into_the_note_as_it_is_now(tmp_path: Path) -> None:
    """Another program changed another section while rehearse was down: both survive."""
    session, journal, path = crash_and_restart(tmp_path, TEXT)
    changed = NOTE.replace("안녕하세요.", "안녕하세요. 옵시디언에서 고쳤습니다.")
    path.write_text(changed, encoding="utf-8")
    session = EditSession(open_notebook(path.parent), journal=journal)

    [restored] = restore_all(session, path.parent)

    assert restored.conflict is None and restored.dirty and restored.text == TEXT
    assert isinstance(session.save(restored), Saved)
    assert path.read_text(encoding="utf-8") == changed.replace(
        "## 카프카란?\n분산 로그입니다.\n", TEXT
    )


def test_a_recovered_edit_of_text_changed_meanwhile_is_a_conflict(tmp_path: Path) -> None:
    session, journal, path = crash_and_restart(tmp_path, TEXT)
    theirs = NOTE.replace("분산 로그입니다.", "그쪽에서 고친 답입니다.")
    path.write_text(theirs, encoding="utf-8")
    session = EditSession(open_notebook(path.parent), journal=journal)

    [restored] = restore_all(session, path.parent)

    assert restored.conflict is not None
    assert restored.conflict.theirs == "## 카프카란?\n그쪽에서 고친 답입니다.\n"
    assert restored.text == TEXT
    assert path.read_text(encoding="utf-8") == theirs  # nothing written until the user chooses


def test_an_entry_whose_text_reached_the_note_is_not_offered(tmp_path: Path) -> None:
    session, journal, path = crash_and_restart(tmp_path, TEXT)
    path.write_text(NOTE.replace("## 카프카란?\n분산 로그입니다.\n", TEXT), encoding="utf-8")
    session = EditSession(open_notebook(path.parent), journal=journal)

    assert pending_recoveries(session, path.parent) == []
    assert journal.entries() == []


def test_an_entry_another_running_rehearse_is_writing_is_not_offered(tmp_path: Path) -> None:
    """Two rehearse on one notes folder: the second must not offer (or discard) the
    first one's live, unsaved text as if it were left by a crash."""
    session, journal, path = crash_and_restart(tmp_path, TEXT)
    [entry] = journal.entries()
    live = json.loads(entry.file.read_text(encoding="utf-8"))
    live["pid"] = os.getppid()  # a process that is running, and is not this one
    live["started"] = fileio.process_started(os.getppid())
    entry.file.write_text(json.dumps(live, ensure_ascii=False), encoding="utf-8")

    assert pending_recoveries(session, path.parent) == []
    assert len(journal.entries()) == 1  # untouched: it is the other rehearse's

    live["pid"] = 2**22 + 12345  # no such process: left by a crash
    entry.file.write_text(json.dumps(live, ensure_ascii=False), encoding="utf-8")
    assert [e.text for e in pending_recoveries(session, path.parent)] == [TEXT]


def test_an_entry_whose_process_id_now_names_another_process_is_offered(tmp_path: Path) -> None:
    """After a crash the id of the rehearse that wrote an entry can be given to another
    process (a restarted container counts from 1 again), or name a child that has ended
    but was not waited for: the entry is the crash's, not a running rehearse's."""
    session, journal, path = crash_and_restart(tmp_path, TEXT)
    [entry] = journal.entries()
    data = json.loads(entry.file.read_text(encoding="utf-8"))
    assert data["started"] == fileio.process_started(os.getpid())

    def written_by(pid: int, started: int | None) -> list[str]:
        entry.file.write_text(
            json.dumps({**data, "pid": pid, "started": started}, ensure_ascii=False), "utf-8"
        )
        return [e.text for e in pending_recoveries(session, path.parent)]

    parent = os.getppid()
    assert written_by(parent, fileio.process_started(parent)) == []  # that rehearse runs
    assert written_by(parent, None) == []  # an entry from before start times were kept
    assert written_by(parent, (fileio.process_started(parent) or 0) + 1) == [TEXT]  # reused
    ended = subprocess.Popen(["true"])
    try:
        os.waitid(os.P_PID, ended.pid, os.WEXITED | os.WNOWAIT)  # ended, not waited for
        assert fileio.process_alive(ended.pid)  # still there for kill(0) ...
        assert written_by(ended.pid, 1) == [TEXT]  # ... but no longer running
    finally:
        ended.wait()


def test_a_journal_that_cannot_be_written_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", NOTE)
    blocked = tmp_path / "복구"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    session = EditSession(open_notebook(folder), journal=RecoveryJournal(blocked))
    note = session.note(path)
    assert note is not None
    buffer = session.open_section(note, note.questions[-1])
    session.edit(buffer, TEXT)

    session.record_all()

    assert session.journal_problem is not None  # the editor says crash recovery is off
    assert buffer.journaled is None
    blocked.unlink()
    session.record_all()
    assert session.journal_problem is None and buffer.journaled == TEXT


def test_the_background_journal_writes_the_latest_state_off_the_calling_thread(
    tmp_path: Path,
) -> None:
    note = tmp_path / "면접.md"
    note.write_text("## 자기소개\n안녕하세요.\n", encoding="utf-8")
    session = EditSession(open_notebook(tmp_path))
    loaded = session.note(note)
    assert loaded is not None
    buffer = session.open_section(loaded, loaded.questions[0])
    journal = BackgroundJournal(RecoveryJournal(tmp_path / "복구"))
    for text in ("## 자기소개\n첫\n", "## 자기소개\n첫 둘\n"):
        buffer.text = text
        journal.record(buffer)
    journal.flush()
    (entry,) = journal.entries()
    assert entry.text == "## 자기소개\n첫 둘\n"
    assert journal.base_of(entry) == note.read_bytes()
    buffer.text = "## 자기소개\n셋\n"
    journal.record(buffer)
    journal.forget(buffer)  # saved right after: the state captured before is never written
    journal.flush()
    assert journal.entries() == []


def test_a_forget_never_waits_for_a_write_nor_removes_a_state_recorded_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    note = tmp_path / "면접.md"
    note.write_text("## 자기소개\n안녕하세요.\n", encoding="utf-8")
    session = EditSession(open_notebook(tmp_path))
    loaded = session.note(note)
    assert loaded is not None
    buffer = session.open_section(loaded, loaded.questions[0])
    inner = RecoveryJournal(tmp_path / "복구")
    journal = BackgroundJournal(inner)
    writing, release = threading.Event(), threading.Event()
    write_base = inner.write_base

    def slow_base(captured: Any) -> None:  # a 20 MB base being written
        writing.set()
        release.wait()
        write_base(captured)

    dropped_on: list[threading.Thread] = []
    drop = inner._drop_unused_bases

    def drop_bases() -> None:  # what a forget does on disk: reads every entry, unlinks
        dropped_on.append(threading.current_thread())
        drop()

    monkeypatch.setattr(inner, "write_base", slow_base)
    monkeypatch.setattr(inner, "_drop_unused_bases", drop_bases)
    buffer.text = "## 자기소개\n첫\n"
    journal.record(buffer)
    assert writing.wait(10)
    journal.forget(buffer)  # saved: returns while the journal's thread is still writing
    buffer.text = "## 자기소개\n저장 뒤에 친 글\n"
    journal.record(buffer)  # typed after the save
    release.set()
    journal.flush()
    (entry,) = journal.entries()
    assert entry.text == "## 자기소개\n저장 뒤에 친 글\n"
    journal.forget(buffer)
    journal.flush()
    assert journal.entries() == []
    assert not any((tmp_path / "복구" / "bases").iterdir())
    assert dropped_on and threading.current_thread() not in dropped_on


def test_a_restored_edit_takes_the_place_of_a_clean_buffer_on_its_lines(tmp_path: Path) -> None:
    """The app opens a question before the offer is answered: the section restored there
    (or beside it) is the one the tree opens afterwards, never that clean buffer, which
    showed the note as saved while the restored text sat unseen (hostile trial D3)."""
    session, _journal, path = crash_and_restart(tmp_path, TEXT)
    note = session.note(path)
    assert note is not None
    kafka = note.find_by_heading_path(("기술", "카프카란?"))
    assert kafka is not None
    clean = session.open_section(note, kafka)
    [restored] = restore_all(session, path.parent)
    assert restored is not clean and restored.dirty
    assert session.open_section(note, kafka) is restored
    assert list(session) == [restored]
