"""A state machine of the user typing, saving, other programs, crashes and conflicts.

The user types on the last line, deletes an answer's final newline, pastes over a
whole section, edits a heading line; saves, autosaves, resolves conflicts, quits
without saving. Other programs write the same section or another, delete a note,
rename it, and drop a look-alike copy of it (one answer changed) beside it. The
process dies and is restarted, restoring what the journal kept.

Invariants, checked after every step:
1. every character the user typed (and did not delete) is on disk, in the
   recovery journal or in a kept copy;
2. no other program's write is overwritten unless the user chose to (keep mine);
3. no note is written that the user did not edit;
4. a save with no change on disk in between leaves the buffer clean;
5. text typed while an autosave is in flight stays unsaved (and journaled) after it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from rehearse.core import fileio
from rehearse.core.buffer import Buffer
from rehearse.core.conflicts import keep_mine, take_theirs
from rehearse.core.fileio import Stamp
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile
from rehearse.core.recovery import RecoveryJournal
from rehearse.core.restore import pending_recoveries, restore, set_aside_unsaved
from rehearse.core.saving import SaveJob, begin_save, finish_save
from rehearse.core.session import EditSession, Saved

# Two notes, one with LF and one with CRLF line endings, two questions each.
START = {"면접.md": ("\n", ("자기소개", "지원 동기")), "기술.md": ("\r\n", ("카프카란?", "레디스"))}
WORDS = ["안녕하세요", "파티션", "컨슈머 그룹", "장애 대응", "협업", "캐시 무효화", "ㅋ", "됐"]
MAX_FILES = 5
TOKEN = re.compile(r"〔[^〕]*〕|〈[^〉]*〉")


def template(ending: str, titles: tuple[str, ...]) -> str:
    return "".join(f"## {title}{ending}처음 답변: {title}{ending}" for title in titles)


def rewrite_body(text: str, which: int, body: str, ending: str) -> str | None:
    """Another program replaces the body of the `which`-th `## ` section; None if none."""
    lines = text.splitlines(keepends=True)
    headings = [i for i, line in enumerate(lines) if line.startswith("## ")]
    if not headings:
        return None
    first = headings[which % len(headings)]
    last = next((i for i in headings if i > first), len(lines))
    return "".join([*lines[: first + 1], body + ending, *lines[last:]])


class SessionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.base = Path(tempfile.mkdtemp(prefix="rehearse-상태-"))
        self.root = self.base / "노트"
        self.root.mkdir()
        self.endings: dict[str, str] = {}
        for name, (ending, titles) in START.items():
            (self.root / name).write_bytes(template(ending, titles).encode())
            self.endings[name] = ending
        self.journal = RecoveryJournal(self.base / "복구")
        self.writes: list[Path] = []
        self.session = self._new_session()
        self.typed: list[str] = []  # tokens the user typed and still means to keep
        self.external: dict[str, str] = {}  # token an other program wrote -> its file's name
        self.edited: set[int] = set()  # ids of buffers the user typed into
        self.flights: list[SaveJob] = []  # autosaves begun, their write on a worker thread
        self.counter = 0

    def teardown(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    def _new_session(self) -> EditSession:
        def writer(
            path: Path, data: bytes, *, mode: int | None = None, expect: Stamp | None = None
        ) -> None:
            self.writes.append(path)
            fileio.atomic_write(path, data, mode=mode, expect=expect)

        return EditSession(open_notebook(self.root), writer=writer, journal=self.journal)

    def _token(self, word: str, outside: bool = False) -> str:
        self.counter += 1
        return f"〈외부 {self.counter}회 {word}〉" if outside else f"〔{word} {self.counter}번〕"

    def _files(self) -> list[str]:
        return sorted(self.endings)

    # -- the user ------------------------------------------------------------------------

    def _buffer(self, pick: int) -> Buffer | None:
        """A buffer the user is in: one open already, or a section opened from the tree."""
        targets: list[Buffer | tuple[NoteFile, int]] = list(self.session)
        for note in self.session.notebook.readable:
            targets.extend((note, section.index) for section in note.questions)
        if not targets:
            return None
        target = targets[pick % len(targets)]
        if isinstance(target, Buffer):
            return target
        note, index = target
        return self.session.open_section(note, note.sections[index])

    def _type(self, buffer: Buffer, text: str) -> None:
        """The editor now holds `text`; what the user deleted from it, they meant to delete."""
        before = set(TOKEN.findall(buffer.text))
        after = set(TOKEN.findall(text))
        for token in before - after:
            if token in self.typed:
                self.typed.remove(token)
            self.external.pop(token, None)
        self.session.edit(buffer, text)
        self.edited.add(id(buffer))
        self.session.record_all()  # the journal tick, at most half a second later

    @rule(pick=st.integers(0, 1000), word=st.sampled_from(WORDS))
    def type_a_new_line(self, pick: int, word: str) -> None:
        buffer = self._buffer(pick)
        if buffer is None:
            return
        token = self._token(word)
        self.typed.append(token)
        text = buffer.text if not buffer.text or buffer.text.endswith("\n") else buffer.text + "\n"
        self._type(buffer, text + token + "\n")

    @rule(pick=st.integers(0, 1000), word=st.sampled_from(WORDS))
    def type_on_the_last_line(self, pick: int, word: str) -> None:
        """No newline after it: on an empty last line, or at the end of the last one."""
        buffer = self._buffer(pick)
        if buffer is None:
            return
        token = self._token(word)
        self.typed.append(token)
        self._type(buffer, buffer.text + token)

    @rule(pick=st.integers(0, 1000))
    def delete_the_final_newline(self, pick: int) -> None:
        buffer = self._buffer(pick)
        if buffer is not None and buffer.text.endswith("\n"):
            self._type(buffer, buffer.text[:-1])

    @rule(pick=st.integers(0, 1000), word=st.sampled_from(WORDS), heading=st.booleans())
    def paste_over_the_whole_section(self, pick: int, word: str, heading: bool) -> None:
        buffer = self._buffer(pick)
        if buffer is None:
            return
        token = self._token(word)
        self.typed.append(token)
        self._type(buffer, (f"## 붙여넣은 {self.counter}\n" if heading else "") + token + "\n")

    @rule(pick=st.integers(0, 1000), enter=st.booleans())
    def edit_the_heading_line(self, pick: int, enter: bool) -> None:
        """Enter at the start of the heading line, or a new title typed over the old one."""
        buffer = self._buffer(pick)
        if buffer is None or not buffer.text.startswith("## "):
            return
        _first, _, rest = buffer.text.partition("\n")
        self.counter += 1
        self._type(buffer, "\n" + buffer.text if enter else f"## 새 제목 {self.counter}\n{rest}")

    @rule(pick=st.integers(0, 1000))
    def save(self, pick: int) -> None:
        buffers = [b for b in self.session if b.dirty]
        if not buffers:
            return
        buffer = buffers[pick % len(buffers)]
        unchanged_on_disk = (
            buffer.conflict is None
            and not buffer.deleted
            and buffer.path.exists()
            and buffer.path.read_bytes() == buffer.base.raw
        )
        outcome = self.session.save(buffer)
        if unchanged_on_disk:
            assert isinstance(outcome, Saved), outcome
            assert not buffer.dirty, "saved, yet still unsaved"

    @rule()
    def autosave(self) -> None:
        self.session.save_all(autosave=True)

    # -- an autosave in flight: begun on the UI thread, written on a worker, finished on the UI
    # thread; the user types, saves and other programs write in between ---------------------

    @rule(pick=st.integers(0, 1000))
    def an_autosave_begins(self, pick: int) -> None:
        buffers = [
            b
            for b in self.session
            if b.dirty and b.conflict is None and not b.deleted
            if b.path not in self.session.in_flight
        ]
        if buffers:
            started = begin_save(self.session, buffers[pick % len(buffers)])
            if isinstance(started, SaveJob):
                self.flights.append(started)

    @precondition(lambda self: bool(self.flights))
    @rule(pick=st.integers(0, 100))
    def the_save_worker_writes(self, pick: int) -> None:
        self.flights[pick % len(self.flights)].run()

    @precondition(lambda self: bool(self.flights))
    @rule(pick=st.integers(0, 100))
    def the_autosave_finishes(self, pick: int) -> None:
        job = self.flights.pop(pick % len(self.flights))
        settled = job.finished is not None  # a save or reload of the file finished it already
        outcome, _ = finish_save(self.session, job)
        if not settled and isinstance(outcome, Saved) and job.buffer.text != job.text:
            # Typed meanwhile: unsaved, unless the new text writes the same bytes (a deleted
            # final newline before the next heading comes back when written).
            same = job.buffer.rendered() == job.buffer.base.text[job.buffer.start : job.buffer.end]
            assert job.buffer.dirty or same, "typed while the save was in flight, yet saved"
        self.session.record_all()

    @rule(rescan=st.booleans())
    def the_watcher_reports(self, rescan: bool) -> None:
        self.session.reload([self.root / name for name in self._files()], rescan=rescan)
        self.session.record_all()

    @precondition(lambda self: any(b.conflict is not None for b in self.session))
    @rule(pick=st.integers(0, 100), mine=st.booleans())
    def resolve(self, pick: int, mine: bool) -> None:
        conflicted = [b for b in self.session if b.conflict is not None]
        buffer = conflicted[pick % len(conflicted)]
        assert buffer.conflict is not None
        if mine:
            # The user saw their version of this text and chose to write over it.
            theirs = buffer.conflict.theirs or ""
            keep_mine(self.session, buffer)
            on_disk = self._disk().get(buffer.path.name, "")
            for token in TOKEN.findall(theirs):
                if token not in on_disk:
                    self.external.pop(token, None)
                    if token in self.typed and token not in buffer.text:
                        self.typed.remove(token)
        else:
            take_theirs(self.session, buffer)

    @rule()
    def quit_without_saving(self) -> None:
        set_aside_unsaved(self.session)
        self.session = self._new_session()
        self.edited.clear()
        self.flights.clear()  # a write already made stays on disk; the others never happen

    # -- other programs ------------------------------------------------------------------

    @rule(pick=st.integers(0, 100), which=st.integers(0, 3), word=st.sampled_from(WORDS))
    def external_write(self, pick: int, which: int, word: str) -> None:
        name = self._files()[pick % len(self._files())]
        path, ending = self.root / name, self.endings[name]
        if path.exists():
            text = path.read_bytes().decode("utf-8")
        else:  # the other program brings the note back (git checkout, a sync)
            text = template(ending, ("다시 온 질문 하나", "다시 온 질문 둘"))
        token = self._token(word, outside=True)
        rewritten = rewrite_body(text, which, token, ending)
        if rewritten is None:
            return
        before = self._disk()
        path.write_bytes(rewritten.encode())
        self.external[token] = name
        self._forget_what_they_removed(before)

    @rule(pick=st.integers(0, 100))
    def external_delete(self, pick: int) -> None:
        name = self._files()[pick % len(self._files())]
        before = self._disk()
        (self.root / name).unlink(missing_ok=True)
        self._forget_what_they_removed(before)

    @precondition(lambda self: len(self.endings) < MAX_FILES)
    @rule(pick=st.integers(0, 100))
    def external_rename(self, pick: int) -> None:
        name = self._files()[pick % len(self._files())]
        path = self.root / name
        if not path.exists():
            return
        self.counter += 1
        new = f"{path.stem}-{self.counter}.md"
        path.rename(self.root / new)
        self.endings[new] = self.endings.pop(name)
        for token, owner in self.external.items():
            if owner == name:
                self.external[token] = new

    @precondition(lambda self: len(self.endings) < MAX_FILES)
    @rule(pick=st.integers(0, 100), which=st.integers(0, 3), word=st.sampled_from(WORDS))
    def external_lookalike_copy(self, pick: int, which: int, word: str) -> None:
        """A per-company copy: the same note with one answer changed, beside it."""
        name = self._files()[pick % len(self._files())]
        path = self.root / name
        if not path.exists():
            return
        self.counter += 1
        copy = f"{path.stem}-사본{self.counter}.md"
        token = self._token(word, outside=True)
        ending = self.endings[name]
        text = rewrite_body(path.read_bytes().decode("utf-8"), which, token, ending)
        if text is None:
            return
        (self.root / copy).write_bytes(text.encode())
        self.endings[copy] = ending
        self.external[token] = copy

    def _forget_what_they_removed(self, disk_before: dict[str, str]) -> None:
        """Saved text the other program itself overwrote or deleted is not ours to keep:
        a merge takes their deletion of lines the user had saved and not touched since."""
        before = "\n".join(disk_before.values())
        after = "\n".join(self._disk().values())
        self.typed = [t for t in self.typed if not (t in before and t not in after)]
        places = self._safe_places()
        self.typed = [token for token in self.typed if any(token in place for place in places)]
        disk = self._disk()
        self.external = {t: f for t, f in self.external.items() if t in disk.get(f, "")}

    # -- the process dies ----------------------------------------------------------------

    @rule()
    def crash_and_restart(self) -> None:
        self.session.record_all()  # the last journal tick before kill -9
        self.journal = RecoveryJournal(self.journal.folder)
        self.session = self._new_session()
        self.edited.clear()
        self.flights.clear()  # killed with its write made, or not yet made
        for entry in pending_recoveries(self.session, self.root):
            buffer = restore(self.session, entry)  # the user restores everything offered
            if buffer is not None:
                self.edited.add(id(buffer))

    # -- invariants ----------------------------------------------------------------------

    def _disk(self) -> dict[str, str]:
        return {
            path.name: path.read_bytes().decode("utf-8") for path in sorted(self.root.glob("*.md"))
        }

    def _safe_places(self) -> list[str]:
        places = list(self._disk().values())
        places += [entry.text for entry in self.journal.entries()]
        kept = self.journal.folder / "kept"
        if kept.is_dir():
            places += [path.read_text(encoding="utf-8") for path in kept.iterdir()]
        return places

    @invariant()
    def every_typed_character_is_somewhere_safe(self) -> None:
        places = self._safe_places()
        lost = [token for token in self.typed if not any(token in place for place in places)]
        assert lost == [], f"typed text lost: {lost}"

    @invariant()
    def no_external_write_is_overwritten(self) -> None:
        disk = self._disk()
        for token, name in self.external.items():
            assert name in disk, f"{name} is gone, with the other program's {token}"
            assert token in disk[name], f"{token} in {name} was overwritten"

    @invariant()
    def only_edited_notes_are_written(self) -> None:
        allowed = {b.path for b in self.session if id(b) in self.edited}
        written, self.writes = self.writes, []
        for path in written:
            assert path in allowed, f"{path.name} was written, but the user never edited it"

    @invariant()
    def no_temp_files_are_left(self) -> None:
        assert [p for p in self.root.iterdir() if p.name.endswith(fileio.TEMP_SUFFIX)] == []


def test_no_keystroke_and_no_external_write_is_lost() -> None:
    run_state_machine_as_test(
        SessionMachine,
        settings=settings(max_examples=600, stateful_step_count=50, deadline=None),
    )


def test_rewrite_body_helper_touches_only_that_body() -> None:
    text = template("\r\n", START["기술.md"][1])
    rewritten = rewrite_body(text, 0, "〈외부 1회 파티션〉", "\r\n")
    assert rewritten == "## 카프카란?\r\n〈외부 1회 파티션〉\r\n## 레디스\r\n처음 답변: 레디스\r\n"
