"""A state machine of the user typing, autosave, other programs, crashes and conflicts.

Two invariants hold after every step:
1. every character the user typed is in a note on disk, in the recovery
   journal, in a kept copy (take theirs / discard) or in a live buffer;
2. no other program's write is ever overwritten unless the user chose to
   (keep mine, or restoring a recovered edit over it after a crash).
"""

from __future__ import annotations

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
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile
from rehearse.core.recovery import RecoveryEntry, RecoveryJournal
from rehearse.core.session import Buffer, EditSession
from rehearse.core.text import to_lf

# Two notes, one with LF and one with CRLF line endings, two questions each.
FILES = {"면접.md": "\n", "기술.md": "\r\n"}
TITLES = {"면접.md": ("자기소개", "지원 동기"), "기술.md": ("카프카란?", "레디스")}
NAMES = sorted(FILES)
WORDS = ["안녕하세요", "파티션", "컨슈머 그룹", "장애 대응", "협업", "캐시 무효화", "ㅋ", "됐"]


def template(name: str) -> str:
    ending = FILES[name]
    return "".join(f"## {title}{ending}처음 답변: {title}{ending}" for title in TITLES[name])


def rewrite_section(text: str, title: str, body: str, ending: str) -> str:
    """Another program replaces the body of the section `## title` (its first occurrence)."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    index = 0
    found = False
    while index < len(lines):
        line = lines[index]
        out.append(line)
        index += 1
        if not found and line.rstrip("\r\n") == f"## {title}":
            found = True
            while index < len(lines) and not lines[index].startswith("## "):
                index += 1
            out.append(body + ending)
    assert found, (title, text)
    return "".join(out)


def on_disk(note: NoteFile, entry: RecoveryEntry) -> str | None:
    if entry.whole_file:
        return to_lf(note.text)
    section = note.find_by_heading_path(entry.heading_path)
    return to_lf(note.section_text(section)) if section else None


class SessionMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.base = Path(tempfile.mkdtemp(prefix="rehearse-상태-"))
        self.root = self.base / "노트"
        self.root.mkdir()
        for name in NAMES:
            (self.root / name).write_bytes(template(name).encode())
        self.journal = RecoveryJournal(self.base / "복구")
        self.session = EditSession(open_notebook(self.root), journal=self.journal)
        self.typed: list[str] = []
        self.external: dict[tuple[str, str], str] = {}  # last other-program text per section
        self.counter = 0

    def teardown(self) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    def _next(self) -> int:
        self.counter += 1
        return self.counter

    # -- the user ------------------------------------------------------------------------

    @rule(pick=st.integers(0, 1000), word=st.sampled_from(WORDS))
    def type_text(self, pick: int, word: str) -> None:
        targets: list[Buffer | tuple[NoteFile, int]] = list(self.session)
        for note in self.session.notebook.readable:
            targets.extend((note, section.index) for section in note.questions)
        if not targets:
            return
        target = targets[pick % len(targets)]
        if isinstance(target, Buffer):
            buffer = target
        else:
            note, index = target
            buffer = self.session.open_section(note, note.sections[index])
        token = f"〔{word} {self._next()}번〕"
        self.typed.append(token)
        if buffer.text and not buffer.text.endswith("\n"):
            buffer.text += "\n"
        buffer.text += token + "\n"

    @rule()
    def autosave(self) -> None:
        self.session.save_all(autosave=True)

    @rule(file=st.sampled_from(NAMES))
    def reload(self, file: str) -> None:
        self.session.reload([self.root / file], rescan=True)

    @precondition(lambda self: any(b.conflict is not None for b in self.session))
    @rule(pick=st.integers(0, 100), mine=st.booleans())
    def resolve(self, pick: int, mine: bool) -> None:
        conflicted = [b for b in self.session if b.conflict is not None]
        buffer = conflicted[pick % len(conflicted)]
        key = (buffer.path.name, buffer.heading_path[-1])
        if mine:
            self.external.pop(key, None)  # the user chose to write over theirs
            self.session.keep_mine(buffer)
        else:
            self.session.take_theirs(buffer)

    # -- other programs ------------------------------------------------------------------

    @rule(file=st.sampled_from(NAMES), which=st.integers(0, 1), word=st.sampled_from(WORDS))
    def external_write(self, file: str, which: int, word: str) -> None:
        path = self.root / file
        title = TITLES[file][which]
        ending = FILES[file]
        body = f"〈외부 {self._next()}회 {word}〉"
        if path.exists():
            text = path.read_bytes().decode("utf-8")
        else:  # the other program brings the note back (git checkout, a sync)
            text = template(file)
            for other in TITLES[file]:
                self.external.pop((file, other), None)
        path.write_bytes(rewrite_section(text, title, body, ending).encode())
        self.external[(file, title)] = body
        self._forget_what_they_removed()

    @rule(file=st.sampled_from(NAMES))
    def external_delete(self, file: str) -> None:
        path = self.root / file
        if path.exists():
            path.unlink()
        for title in TITLES[file]:
            self.external.pop((file, title), None)
        self._forget_what_they_removed()

    def _forget_what_they_removed(self) -> None:
        """Saved text the other program itself overwrote or deleted is not ours to keep.

        The invariant held before its write, so what is missing now (not counting clean
        buffers, which are copies of what was saved) was in the note only.
        """
        lost = self._lost(only_unsaved_buffers=True)
        self.typed = [token for token in self.typed if token not in lost]

    # -- the process dies ----------------------------------------------------------------

    @rule()
    def crash_and_restart(self) -> None:
        self.session.record_all()  # the last journal tick before kill -9
        self.journal = RecoveryJournal(self.journal.folder)
        self.session = EditSession(open_notebook(self.root), journal=self.journal)
        for entry in self.journal.entries(under=self.root):
            note = self.session.note(entry.note)
            if note is not None and on_disk(note, entry) == entry.text:
                self.journal.discard(entry)  # it made it into the note after all
                continue
            buffer = (
                self.session.restore(note, entry.heading_path, entry.whole_file, entry.text)
                if note is not None
                else None
            )
            if buffer is None:
                self.journal.stash(entry.note, entry.text, "recovered")
                continue
            # Restoring is the user's choice of their recovered text over what is on disk.
            key = (entry.note.name, entry.heading_path[-1])
            theirs = self.external.get(key)
            if theirs is not None and theirs not in entry.text:
                del self.external[key]

    # -- invariants ----------------------------------------------------------------------

    def _notes_on_disk(self) -> dict[str, str]:
        return {
            path.name: path.read_bytes().decode("utf-8") for path in sorted(self.root.glob("*.md"))
        }

    @invariant()
    def every_typed_character_is_somewhere_safe(self) -> None:
        assert self._lost() == [], f"typed text lost: {self._lost()}"

    def _lost(self, only_unsaved_buffers: bool = False) -> list[str]:
        places = list(self._notes_on_disk().values())
        places += [entry.text for entry in self.journal.entries()]
        kept = self.journal.folder / "kept"
        if kept.is_dir():
            places += [path.read_text(encoding="utf-8") for path in kept.iterdir()]
        places += [
            buffer.text for buffer in self.session if buffer.needs_care or not only_unsaved_buffers
        ]
        return [token for token in self.typed if not any(token in place for place in places)]

    @invariant()
    def no_external_write_is_overwritten(self) -> None:
        notes = self._notes_on_disk()
        for (file, title), body in self.external.items():
            assert file in notes, f"{file} is gone, with the other program's {body} in {title}"
            assert body in notes[file], f"{body} in {file} › {title} was overwritten"

    @invariant()
    def no_temp_files_are_left(self) -> None:
        assert [p for p in self.root.iterdir() if p.name.endswith(fileio.TEMP_SUFFIX)] == []


def test_no_keystroke_and_no_external_write_is_lost() -> None:
    run_state_machine_as_test(
        SessionMachine,
        settings=settings(max_examples=150, stateful_step_count=40, deadline=None),
    )


def test_rewrite_section_helper_touches_only_that_body() -> None:
    text = template("기술.md")
    rewritten = rewrite_section(text, "카프카란?", "〈외부 1회 파티션〉", "\r\n")
    assert rewritten == "## 카프카란?\r\n〈외부 1회 파티션〉\r\n## 레디스\r\n처음 답변: 레디스\r\n"
