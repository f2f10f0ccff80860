"""Keeping the collector off long-lived objects must not keep replaced snapshots alive:
they go by reference counting, with no collector pass at all."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from rehearse.core.memory import FULL_PASS_EVERY, settle_long_lived
from rehearse.core.notebook import open_notebook
from rehearse.core.notes import NoteFile
from rehearse.core.outcomes import Saved
from rehearse.core.recovery import RecoveryJournal
from rehearse.core.saving import SaveJob, begin_save, finish_save
from rehearse.core.session import EditSession

NOTE = "".join(f"## 질문 {n}\n답변 {n}: 안녕하세요.\r\n\n" for n in range(40))


@pytest.fixture
def settled() -> Iterator[None]:
    thresholds = gc.get_threshold()
    gc.disable()  # a collector pass would hide a snapshot kept alive only by a cycle
    yield
    gc.enable()
    gc.unfreeze()
    gc.set_threshold(*thresholds)


def test_saved_versions_of_a_note_are_freed_after_settling(settled: None, tmp_path: Path) -> None:
    folder = tmp_path / "노트"
    folder.mkdir()
    path = folder / "면접.md"
    path.write_bytes(NOTE.encode())
    session = EditSession(open_notebook(folder), journal=RecoveryJournal(tmp_path / "복구"))
    settle_long_lived()  # as the app does once the index is adopted: the first snapshot frozen
    assert gc.get_threshold()[2] == FULL_PASS_EVERY
    note = session.note(path)
    assert isinstance(note, NoteFile)
    buffer = session.open_section(note, note.questions[5])
    replaced: list[weakref.ref[NoteFile]] = []
    for word in ("하나", "둘", "셋"):
        replaced.append(weakref.ref(buffer.base))
        session.edit(buffer, buffer.text.replace(".\n", f" {word}.\n", 1))
        job = begin_save(session, buffer)
        assert isinstance(job, SaveJob)
        assert isinstance(finish_save(session, job)[0], Saved)
    del note, job
    assert [ref() is None for ref in replaced] == [True, True, True]
    expected = NOTE.replace("답변 5: 안녕하세요.", "답변 5: 안녕하세요 하나 둘 셋.")
    assert path.read_bytes() == expected.encode()  # CRLF kept, only that answer changed
