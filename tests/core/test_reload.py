"""EditSession.reload: another program changed a note while the user was editing it.

Notes here use CRLF line endings and Korean text; every comparison of what is
on disk is on bytes.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from rehearse.core.conflicts import keep_mine, take_theirs
from rehearse.core.fileio import Stamp, atomic_write
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile, Section, content_digest
from rehearse.core.recovery import RecoveryJournal
from rehearse.core.saving import SaveJob, begin_save, finish_save
from rehearse.core.session import Buffer, Change, Conflict, EditSession, Saved
from rehearse.core.watcher import NotesWatcher
from rehearse.core.watcher import digests as watcher_digests
from tests.conftest import write_note

INTRO = "## 자기소개\r\n안녕하세요, 백엔드 개발자입니다.\r\n"
KAFKA = "## 카프카란?\r\n분산 로그입니다.\r\n%% 꼬리 질문 대비 %%\r\n"
REDIS = "## 레디스\r\n인메모리 저장소입니다.\r\n"
NOTE = "---\r\n회사: 예시\r\n---\r\n" + INTRO + "# 기술\r\n" + KAFKA + REDIS

MINE = "## 카프카란?\n제가 고친 답변: 파티션으로 확장하는 분산 커밋 로그입니다.\n"
MINE_CRLF = MINE.replace("\n", "\r\n")


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def section(note: NoteFile, title: str) -> Section:
    found = [s for s in note.questions if s.title == title]
    assert len(found) == 1, (title, [s.title for s in note.questions])
    return found[0]


def start(tmp_path: Path, text: str = NOTE) -> tuple[EditSession, Path, RecoveryJournal]:
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", text)
    journal = RecoveryJournal(tmp_path / "복구")
    session = EditSession(open_notebook(folder), journal=journal)
    return session, path, journal


def open_buffer(session: EditSession, path: Path, title: str) -> Buffer:
    note = session.note(path)
    assert note is not None
    return session.open_section(note, section(note, title))


def edit_kafka(session: EditSession, path: Path) -> Buffer:
    buffer = open_buffer(session, path, "카프카란?")
    assert buffer.saved_text == KAFKA.replace("\r\n", "\n")
    buffer.text = MINE
    assert buffer.dirty
    return buffer


# --- merged: the other program changed other sections --------------------------------------


def test_change_elsewhere_merges_and_save_keeps_their_bytes(tmp_path: Path) -> None:
    session, path, journal = start(tmp_path)
    buffer = edit_kafka(session, path)
    # Obsidian adds lines to the first answer (the region moves) and rewrites the last one,
    # with one LF-only line among the CRLF ones: all of it must stay exactly as written.
    theirs_intro = "## 자기소개\r\n안녕하세요.\r\n옵시디언에서 덧붙인 둘째 줄입니다.\r\n"
    theirs_redis = "## 레디스\r\n싱글 스레드 인메모리 저장소입니다.\n캐시로 씁니다.\r\n"
    external = NOTE.replace(INTRO, theirs_intro).replace(REDIS, theirs_redis).encode()
    path.write_bytes(external)

    result = session.reload([path])

    assert result.changed_paths == {path}
    assert result.buffers == [(buffer, Change.MERGED)]
    assert buffer.conflict is None and not buffer.deleted
    assert buffer.text == MINE and buffer.dirty
    assert buffer.base.raw == external
    assert path.read_bytes() == external  # reloading never writes

    outcome = session.save(buffer)

    assert isinstance(outcome, Saved)
    expected = external.decode("utf-8").replace(KAFKA, MINE_CRLF).encode()
    assert path.read_bytes() == expected
    before, _, after = expected.partition(MINE_CRLF.encode())
    assert external.startswith(before)
    assert external.endswith(after)
    assert not buffer.dirty
    assert journal.entries() == []


def test_merge_with_two_dirty_buffers_keeps_both(tmp_path: Path) -> None:
    session, path, _ = start(tmp_path)
    kafka = edit_kafka(session, path)
    intro = open_buffer(session, path, "자기소개")
    intro.text = "## 자기소개\n반갑습니다. 5년차 개발자입니다.\n"
    theirs_redis = "## 레디스\r\n옵시디언에서 고친 답변입니다.\r\n"
    external = NOTE.replace(REDIS, theirs_redis).encode()
    path.write_bytes(external)

    result = session.reload([path])

    assert sorted(change.value for _, change in result.buffers) == ["merged", "merged"]
    assert {id(b) for b, _ in result.buffers} == {id(kafka), id(intro)}
    saved = session.save_all(autosave=True)
    assert [isinstance(outcome, Saved) for _, outcome in saved] == [True, True]
    expected = (
        external.decode("utf-8").replace(KAFKA, MINE_CRLF).replace(INTRO, crlf(intro.text)).encode()
    )
    assert path.read_bytes() == expected


# --- conflict: the same section ------------------------------------------------------------

THEIRS_KAFKA = "## 카프카란?\r\n옵시디언에서 고친 분산 로그 설명입니다.\r\n%% 꼬리 질문 대비 %%\r\n"


def make_conflict(tmp_path: Path) -> tuple[EditSession, Path, RecoveryJournal, Buffer, bytes]:
    session, path, journal = start(tmp_path)
    buffer = edit_kafka(session, path)
    external = NOTE.replace(KAFKA, THEIRS_KAFKA).replace(REDIS, "## 레디스\r\n캐시.\r\n").encode()
    path.write_bytes(external)
    result = session.reload([path])
    assert result.changed_paths == {path}
    assert result.buffers == [(buffer, Change.CONFLICT)]
    return session, path, journal, buffer, external


def test_change_to_the_same_section_is_a_conflict_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    session, path, journal, buffer, external = make_conflict(tmp_path)

    # Both versions are reachable: mine in the buffer, theirs in the conflict.
    assert buffer.text == MINE
    assert buffer.conflict is not None
    assert buffer.conflict.theirs == THEIRS_KAFKA.replace("\r\n", "\n")
    assert buffer.needs_care
    # ... and mine is already safe in the journal.
    assert [(e.note, e.heading_path, e.text) for e in journal.entries()] == [
        (path, ("기술", "카프카란?"), MINE)
    ]

    outcome = session.save(buffer)
    assert isinstance(outcome, Conflict)
    assert path.read_bytes() == external

    assert session.save_all(autosave=True) == []  # autosave skips it
    forced = session.save_all()
    assert [(b, type(o)) for b, o in forced] == [(buffer, Conflict)]
    assert path.read_bytes() == external
    assert buffer.text == MINE and buffer.conflict is not None


def test_keep_mine_writes_mine_over_theirs_only_in_that_section(tmp_path: Path) -> None:
    session, path, journal, buffer, external = make_conflict(tmp_path)

    outcome = keep_mine(session, buffer)

    assert isinstance(outcome, Saved)
    expected = external.decode("utf-8").replace(THEIRS_KAFKA, MINE_CRLF).encode()
    assert path.read_bytes() == expected
    assert buffer.conflict is None and not buffer.dirty
    assert journal.entries() == []
    assert session.reload([path]).changed_paths == set()


def test_keep_mine_never_writes_over_their_text_the_user_has_not_seen(tmp_path: Path) -> None:
    """Their second edit lands while an autosave of another section is in flight: keep
    mine settles the autosave (which takes the second edit in) and must not count that
    as seen (found by the state machine). The compare screen's copy counts the same way."""
    session, path, _journal, buffer, external = make_conflict(tmp_path)
    shown = buffer.conflict
    again = external.decode("utf-8").replace("옵시디언에서 고친", "옵시디언에서 또 고친").encode()
    path.write_bytes(again)  # the watcher has not told anyone yet
    redis = open_buffer(session, path, "레디스")
    redis.text += "캐시 무효화.\n"
    job = begin_save(session, redis)
    assert isinstance(job, SaveJob) and buffer.conflict is shown

    outcome = keep_mine(session, buffer)

    assert isinstance(outcome, Conflict) and "again" in outcome.reason
    assert path.read_bytes() == again
    assert buffer.conflict is not None and "또 고친" in (buffer.conflict.theirs or "")
    assert isinstance(keep_mine(session, buffer, shown), Conflict)  # what compare showed
    assert path.read_bytes() == again
    assert isinstance(keep_mine(session, buffer), Saved)  # seen now: mine is written
    assert "또 고친" not in path.read_text(encoding="utf-8")


def test_take_theirs_stashes_mine_and_shows_theirs(tmp_path: Path) -> None:
    session, path, journal, buffer, external = make_conflict(tmp_path)

    kept = take_theirs(session, buffer)

    assert kept is not None
    assert kept.parent == journal.folder / "kept"
    assert kept.read_text(encoding="utf-8") == MINE
    assert buffer.text == THEIRS_KAFKA.replace("\r\n", "\n")
    assert buffer.conflict is None and not buffer.dirty and not buffer.needs_care
    assert path.read_bytes() == external
    assert journal.entries() == []  # the stash holds it now
    assert session.save_all(autosave=True) == []
    assert path.read_bytes() == external


# --- detection is by content hash ----------------------------------------------------------


def rewrite_keeping_stat(path: Path, data: bytes) -> None:
    """Write `data` and put the old mtime back: only the content says it changed."""
    before = path.stat()
    assert len(data) == before.st_size
    path.write_bytes(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_same_length_change_in_the_same_second_reloads_a_clean_buffer(tmp_path: Path) -> None:
    session, path, _ = start(tmp_path)
    buffer = open_buffer(session, path, "레디스")
    external = NOTE.replace("인메모리", "온메모리").encode()
    rewrite_keeping_stat(path, external)

    result = session.reload([path])

    assert result.changed_paths == {path}
    assert result.buffers == [(buffer, Change.RELOADED)]
    assert buffer.text == "## 레디스\n온메모리 저장소입니다.\n"
    assert not buffer.dirty


def test_same_length_change_in_the_same_second_to_my_section_conflicts(tmp_path: Path) -> None:
    session, path, _ = start(tmp_path)
    buffer = edit_kafka(session, path)
    external = NOTE.replace("분산 로그", "분할 로그").encode()
    rewrite_keeping_stat(path, external)

    result = session.reload([path])

    assert result.buffers == [(buffer, Change.CONFLICT)]
    assert buffer.conflict is not None and buffer.conflict.theirs is not None
    assert "분할 로그" in buffer.conflict.theirs
    assert isinstance(session.save(buffer), Conflict)
    assert path.read_bytes() == external


def test_clean_buffer_shows_the_new_text(tmp_path: Path) -> None:
    session, path, _ = start(tmp_path)
    buffer = open_buffer(session, path, "카프카란?")
    external = NOTE.replace(KAFKA, THEIRS_KAFKA + "추가 설명 한 줄.\r\n").encode()
    path.write_bytes(external)

    result = session.reload([path])

    assert result.changed_paths == {path}
    assert result.buffers == [(buffer, Change.RELOADED)]
    assert buffer.text == (THEIRS_KAFKA + "추가 설명 한 줄.\r\n").replace("\r\n", "\n")
    assert buffer.saved_text == buffer.text
    assert buffer.base.raw == external


def test_our_own_save_coming_back_is_not_a_change(tmp_path: Path) -> None:
    session, path, _ = start(tmp_path)
    kafka = edit_kafka(session, path)
    redis = open_buffer(session, path, "레디스")
    redis.text = "## 레디스\n아직 저장하지 않은 답변.\n"
    assert isinstance(session.save(kafka), Saved)
    on_disk = path.read_bytes()
    bases = (kafka.base, redis.base)
    texts = (kafka.text, redis.text)

    for rescan in (False, True):
        result = session.reload([path], rescan=rescan)
        assert result.changed_paths == set()
        assert result.buffers == []
    assert (kafka.base, redis.base) == bases
    assert (kafka.text, redis.text) == texts
    assert redis.dirty and not kafka.dirty
    assert path.read_bytes() == on_disk


# --- deleted and renamed -------------------------------------------------------------------


def test_external_delete_keeps_the_text_and_save_recreates_the_file(tmp_path: Path) -> None:
    session, path, journal = start(tmp_path)
    buffer = edit_kafka(session, path)
    path.unlink()

    result = session.reload([path])

    assert result.changed_paths == {path}
    assert result.buffers == [(buffer, Change.DELETED)]
    assert buffer.deleted and buffer.needs_care and buffer.text == MINE
    assert session.note(path) is None
    assert [(e.note, e.heading_path, e.text) for e in journal.entries()] == [
        (path, ("기술", "카프카란?"), MINE)
    ]

    outcome = session.save(buffer)

    assert isinstance(outcome, Saved)
    assert path.read_bytes() == NOTE.replace(KAFKA, MINE_CRLF).encode()
    assert not buffer.deleted and not buffer.dirty
    assert journal.entries() == []


def test_rename_is_followed(tmp_path: Path) -> None:
    session, path, journal = start(tmp_path)
    buffer = edit_kafka(session, path)
    renamed = path.with_name("면접 준비.md")
    os.rename(path, renamed)

    result = session.reload([], rescan=True)

    assert result.changed_paths == {path, renamed}
    assert result.buffers[-1] == (buffer, Change.RELINKED)
    assert buffer.path == renamed
    assert not buffer.deleted and buffer.text == MINE and buffer.dirty

    outcome = session.save(buffer)

    assert isinstance(outcome, Saved)
    assert renamed.read_bytes() == NOTE.replace(KAFKA, MINE_CRLF).encode()
    assert not path.exists()
    # The text is in the note: nothing is left in the journal to offer again on the next start.
    assert [(e.note, e.text) for e in journal.entries()] == []


# --- through the real watcher ---------------------------------------------------------------


Events = queue.Queue[tuple[set[Path], bool]]
Watched = tuple[EditSession, Path, Events]


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[Watched]:
    session, path, _ = start(tmp_path)
    events: Events = queue.Queue()
    notices: list[str] = []
    stop = threading.Event()
    watcher = NotesWatcher(
        session.notebook.root, lambda paths, rescan: events.put((paths, rescan)), notices.append
    )
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    # Armed once a probe write is reported.
    probe = session.notebook.root / "탐침.md"
    for attempt in range(50):
        probe.write_text(f"## 탐침\n{attempt}\n", encoding="utf-8")
        try:
            while probe not in events.get(timeout=0.2)[0]:
                pass
            break
        except queue.Empty:
            continue
    else:
        pytest.fail("the watcher never reported the probe")
    yield session, path, events
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert notices == []


def next_event_for(events: Events, path: Path) -> tuple[set[Path], bool]:
    while True:
        paths, rescan = events.get(timeout=10)
        if path in paths:
            return paths, rescan


def test_watcher_events_drive_reload(watched: Watched) -> None:
    session, path, events = watched
    session.reload([], rescan=True)  # the probe note
    buffer = edit_kafka(session, path)

    # Our own save comes back as an event: re-reading it changes nothing.
    assert isinstance(session.save(buffer), Saved)
    ours = path.read_bytes()
    paths, rescan = next_event_for(events, path)
    result = session.reload(paths, rescan)
    assert result.changed_paths == set() and result.buffers == []

    # Obsidian's atomic save of another section arrives the same way and is merged.
    buffer.text = MINE + "한 줄 더 고쳤습니다.\n"
    external = ours.decode("utf-8").replace(REDIS, "## 레디스\r\n옵시디언 답변.\r\n").encode()
    temp = path.with_name(".면접.md.tmp")
    temp.write_bytes(external)
    os.replace(temp, path)
    paths, rescan = next_event_for(events, path)
    result = session.reload(paths, rescan)
    assert (buffer, Change.MERGED) in result.buffers
    assert isinstance(session.save(buffer), Saved)
    assert (
        path.read_bytes()
        == external.decode("utf-8")
        .replace(MINE_CRLF, crlf(MINE + "한 줄 더 고쳤습니다.\n"))
        .encode()
    )


# --- found by the state machine -------------------------------------------------------------


def test_reopening_a_conflicted_section_after_the_file_shifted_keeps_my_text(
    tmp_path: Path,
) -> None:
    """Conflict in 카프카란?, then the other program lengthens 자기소개 (so 카프카란? moves).

    The user clicks 카프카란? in the tree again and types: the text typed before the
    conflict must still be kept somewhere that survives kill -9 (the journal).
    """
    session, path, journal, buffer, external = make_conflict(tmp_path)
    longer = external.decode("utf-8").replace(
        INTRO, "## 자기소개\r\n훨씬 길어진 자기소개입니다.\r\n"
    )
    path.write_bytes(longer.encode())
    session.reload([path])
    assert buffer.conflict is not None and buffer.text == MINE

    again = open_buffer(session, path, "카프카란?")
    again.text += "다시 열어서 덧붙인 줄.\n"
    session.record_all()  # the journal tick, then kill -9

    kept = [entry.text for entry in journal.entries()]
    assert any("제가 고친 답변" in text for text in kept), kept
    assert any("다시 열어서 덧붙인 줄." in text for text in kept), kept


def test_keep_mine_after_the_deleted_file_came_back_writes_mine(tmp_path: Path) -> None:
    session, path, _ = start(tmp_path)
    buffer = edit_kafka(session, path)
    path.unlink()
    assert session.reload([path]).buffers == [(buffer, Change.DELETED)]
    # The other program brings the note back (git checkout), with its own 카프카란?.
    back = NOTE.replace(KAFKA, THEIRS_KAFKA).encode()
    path.write_bytes(back)
    assert session.reload([path]).buffers == [(buffer, Change.CONFLICT)]

    outcome = keep_mine(session, buffer)

    assert isinstance(outcome, Saved), outcome
    assert path.read_bytes() == NOTE.replace(KAFKA, MINE_CRLF).encode()
    assert not buffer.deleted and buffer.conflict is None and not buffer.dirty


def test_take_theirs_changes_nothing_when_mine_cannot_be_set_aside(tmp_path: Path) -> None:
    session, path, journal, buffer, external = make_conflict(tmp_path)
    kept_folder = journal.folder / "kept"
    kept_folder.parent.mkdir(parents=True, exist_ok=True)
    kept_folder.write_text("a file where the folder should be", encoding="utf-8")

    assert take_theirs(session, buffer) is None

    assert buffer.conflict is not None  # still the user's choice to make
    assert buffer.text == MINE
    assert path.read_bytes() == external


# --- a write by another program between a save's read and its rename ------------------------

APPENDED = "## 추가된 질문\r\n다른 프로그램이 쓴 답.\r\n"


@pytest.mark.parametrize("how", ["autosave", "ctrl+s", "keep mine"])
def test_a_write_made_while_a_save_is_under_way_is_never_overwritten(
    tmp_path: Path, how: str
) -> None:
    """Another program appends to the note after the save read it and before its rename
    (a 20 MB note's save spends a third of a second in between): the rename never lands
    over it; their lines are taken in and the edit is written with them (hostile trial)."""
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", NOTE)
    raced: list[bool] = []

    def race(temp: Path, target: Path) -> None:  # the last moment before the rename
        if not raced:
            raced.append(True)
            with path.open("ab") as handle:
                handle.write(APPENDED.encode())

    def writer(
        target: Path, data: bytes, *, mode: int | None = None, expect: Stamp | None = None
    ) -> None:
        atomic_write(target, data, race, mode=mode, expect=expect)

    session = EditSession(open_notebook(folder), writer=writer)
    buffer = edit_kafka(session, path)
    if how == "keep mine":
        session.writer = atomic_write  # the conflict is made first, then keep mine races
        path.write_bytes(NOTE.replace(KAFKA, THEIRS_KAFKA).encode())
        session.reload([path])
        assert buffer.conflict is not None
        session.writer = writer
        assert isinstance(keep_mine(session, buffer), Conflict)  # nothing written: look again
        assert path.read_bytes().decode("utf-8").endswith(APPENDED)
        outcome = keep_mine(session, buffer)
    elif how == "autosave":
        job = begin_save(session, buffer)
        assert isinstance(job, SaveJob)
        outcome, _ = finish_save(session, job)
        assert outcome is None  # their append taken in: save again
        outcome = session.save(buffer)
    else:
        outcome = session.save(buffer)

    assert isinstance(outcome, Saved), outcome
    on_disk = path.read_bytes().decode("utf-8")
    assert on_disk.endswith(APPENDED) and MINE_CRLF in on_disk
    assert not buffer.dirty


def test_a_long_note_changed_near_its_top_and_at_its_end_merges_at_the_cost_of_the_changes(
    tmp_path: Path,
) -> None:
    """180,000 lines, a third of them blank: another program changes the answer above the
    open one and appends a question at the end, in one write. The region is followed
    through a diff that costs the changes, not the length (difflib took minutes here and
    held the UI: hostile trial D2); the merge keeps both sides."""
    questions = "".join(f"## 질문 {n}\n답변 {n}.\n\n" for n in range(60_000))
    folder = tmp_path / "노트"
    path = write_note(folder, "큰 노트.md", questions)
    session = EditSession(open_notebook(folder))
    buffer = open_buffer(session, path, "질문 3")
    session.edit(buffer, buffer.text.replace("답변 3.", "답변 3. 내가 덧붙인 말."))
    theirs = (
        questions.replace("답변 2.\n", "답변 2. 그들이 고친 말.\n") + "## 끝에 온 질문\n새 답.\n"
    )
    path.write_bytes(theirs.encode())

    assert session.reload([path]).buffers == [(buffer, Change.MERGED)]
    assert buffer.text == "## 질문 3\n답변 3. 내가 덧붙인 말.\n\n"
    assert isinstance(session.save(buffer), Saved)
    assert path.read_bytes() == theirs.replace("답변 3.\n", "답변 3. 내가 덧붙인 말.\n").encode()


@pytest.mark.parametrize("typed", [True, False])
def test_a_word_replaced_all_over_a_long_note_merges_into_the_open_section(
    tmp_path: Path, typed: bool
) -> None:
    """`sed -i 's/ the / THE /g'` on 60,000 answers while one is open: its region stays
    that one section (it became the whole note, and keep mine then wrote it over the
    note: hostile trial A1/A2); with typing, the edit and their change merge."""
    questions = "".join(f"## 질문 {n}\nAnswer {n}: the 답변.\n\n" for n in range(60_000))
    folder = tmp_path / "노트"
    path = write_note(folder, "큰 노트.md", questions)
    session = EditSession(open_notebook(folder))
    buffer = open_buffer(session, path, "질문 3")
    if typed:
        session.edit(buffer, buffer.text + "내가 덧붙인 줄.\n")
    theirs = questions.replace(" the ", " THE ")
    path.write_bytes(theirs.encode())

    session.reload([path])
    assert buffer.conflict is None
    expected = "## 질문 3\nAnswer 3: THE 답변.\n\n" + ("내가 덧붙인 줄.\n" if typed else "")
    assert buffer.text == expected
    assert buffer.end - buffer.start < 100
    if typed:
        assert isinstance(session.save(buffer), Saved)
        mine = theirs.replace(
            "THE 답변.\n\n## 질문 4", "THE 답변.\n\n내가 덧붙인 줄.\n## 질문 4", 1
        )
        assert path.read_bytes() == mine.encode()


def test_a_note_read_while_another_program_truncates_and_rewrites_it_is_read_whole(
    tmp_path: Path,
) -> None:
    """`cat new > note.md` and open(..., "w") empty the file before they write it: a read
    in between saw an empty note, and the open section was moved to its start (hostile
    trial A3). A read far shorter than the note was waits until the file is still."""
    folder = tmp_path / "노트"
    path = write_note(folder, "면접.md", NOTE)
    session = EditSession(open_notebook(folder))
    note = session.note(path)
    assert note is not None
    theirs = NOTE.replace("인메모리 저장소입니다.", "인메모리 저장소, 다시 쓴 답.").encode()
    path.write_bytes(b"")  # truncated; the rest comes a moment later
    writer = threading.Timer(0.1, path.write_bytes, [theirs])
    writer.start()
    try:
        assert watcher_digests([path], session.notebook) == {path: content_digest(theirs)}
    finally:
        writer.join()
    assert watcher_digests([path], session.notebook) == {path: content_digest(theirs)}
    path.write_bytes(b"")  # emptied for good: taken as it is once it stays so
    assert watcher_digests([path], session.notebook) == {path: content_digest(b"")}


def test_deleting_the_lines_the_user_is_editing_is_a_conflict_not_a_merge(
    tmp_path: Path,
) -> None:
    """Their deletion of a whole section the user typed in (the lines of a note emptied
    half-way through a rewrite, or a section cut in Obsidian) is theirs to choose, not a
    merge keeping only the typed line."""
    session, path, _ = start(tmp_path)
    buffer = open_buffer(session, path, "카프카란?")
    typed = buffer.text + "덧붙인 줄.\n"  # only added: merge3 alone would keep just this line
    session.edit(buffer, typed)
    path.write_bytes(NOTE.replace(KAFKA, "").encode())
    session.reload([path])
    assert buffer.conflict is not None and buffer.text == typed
    assert path.read_bytes() == NOTE.replace(KAFKA, "").encode()


@pytest.mark.parametrize(("typed", "share"), [("\n내 줄", 0.5), ("내 줄", 0.7), ("\n내 줄\n", 0.3)])
def test_a_note_read_half_written_never_moves_an_edit_onto_its_cut_off_end(
    tmp_path: Path, typed: str, share: float
) -> None:
    """A writer stalls with the note half written (cut in the middle of a line) while the
    user has unsaved text far below the cut: that is a conflict on the old snapshot, never
    a merge onto the cut-off last line, which keep mine then wrote over the rest of the note
    (hostile trial, round 3); once the whole note is there, the edit merges into it."""
    questions = "".join(
        f"## 질문 {n}\n\n답변 {n}은 이렇습니다.\n\n- 항목 {n}\n\n" for n in range(3000)
    )
    folder = tmp_path / "노트"
    path = write_note(folder, "큰 노트.md", questions)
    session = EditSession(open_notebook(folder))
    buffer = open_buffer(session, path, "질문 2500")
    mine = buffer.text + typed
    session.edit(buffer, mine)
    theirs = questions.replace("답변 10은", "답변 10은 정말")
    cut = theirs.encode()[: int(len(theirs.encode()) * share) + 11]
    path.write_bytes(cut.decode("utf-8", errors="ignore").encode())  # the middle of a line
    session.reload([path])
    assert buffer.conflict is not None and buffer.text == mine
    path.write_bytes(theirs.encode())  # the writer finishes
    session.reload([path])
    assert buffer.conflict is None and buffer.text == mine
    assert isinstance(session.save(buffer), Saved)
    written = path.read_bytes().decode("utf-8")
    assert written.startswith(theirs.split("## 질문 2500\n")[0]) and typed.strip() in written
    assert written.endswith(theirs.split("## 질문 2500\n")[1].split("## 질문 2501\n")[1])


def test_a_sed_over_a_note_of_many_same_titled_questions_keeps_the_open_one(
    tmp_path: Path,
) -> None:
    """39 sections shared the open one's title: after a sed of every answer the clean
    editor showed another of them, and typing went there (hostile trial, round 3)."""
    questions = "".join(f"## 같은 질문\nthe 답변 {n}.\n\n" for n in range(20_000))
    folder = tmp_path / "노트"
    path = write_note(folder, "큰 노트.md", questions)
    session = EditSession(open_notebook(folder))
    note = session.note(path)
    assert note is not None
    buffer = session.open_section(note, note.questions[12_345])
    path.write_bytes(questions.replace("the ", "THE ").encode())
    session.reload([path])
    assert buffer.text == "## 같은 질문\nTHE 답변 12345.\n\n"
