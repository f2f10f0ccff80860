"""End to end, on the installed binary: the two findings that hit users first.

F3: filling an empty answer on its last, empty line is saved, shown as saved, and
quitting does not ask. F1: deleting the open note from a shell keeps the edit and
never writes it into a look-alike note beside it.
"""

from __future__ import annotations

import os
import signal
import subprocess
from pathlib import Path

import pytest

from rehearse.core.recovery import RecoveryJournal
from tests.e2e.test_tmux import Terminal, crumb, open_question, walk_to

pytestmark = pytest.mark.e2e

EMPTY = "## 질문 A\n\n## 질문 B\n답 B\n"
COMPANY = "# 인성\n\n## 자기소개\n안녕하세요, 백엔드 개발자입니다.\n\n## 지원동기\n{}\n"


def start_on(terminal: Terminal, notes: Path, config: Path, first: str) -> None:
    config.write_text("autosave: 0.3\n", encoding="utf-8")
    terminal.start(notes, config)
    terminal.wait_for("the tree", lambda s: any(first in row for row in s.tree))


def start_with_note(terminal: Terminal, tmp_path: Path, config: Path, text: str) -> Path:
    """면접.md holding `text` (and another note beside it), autosave off: rehearse on it."""
    notes = tmp_path / "notes"
    notes.mkdir()
    note = notes / "면접.md"
    note.write_text(text, encoding="utf-8")
    (notes / "기타.md").write_text("## 다른 질문\n다른 답\n", encoding="utf-8")
    config.write_text("autosave: false\n", encoding="utf-8")
    terminal.start(notes, config)
    terminal.wait_for("the tree", lambda s: s.tree_has("면접.md"))
    return note


def test_filling_an_empty_answer_is_saved_and_quit_does_not_ask(
    terminal: Terminal, tmp_path: Path, empty_config: Path
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    note = notes / "면접.md"
    note.write_text(EMPTY, encoding="utf-8")
    (notes / "기타.md").write_text("## 다른 질문\n다른 답\n", encoding="utf-8")
    start_on(terminal, notes, empty_config, "면접.md")
    screen = open_question(terminal, ["면접.md", "질문 A"])
    left, top = screen.locate("## 질문 A")
    terminal.wait_for_cursor("the empty line", lambda x, y: (x, y) == (left, top + 1))
    terminal.keys("Down")
    terminal.wait_for_cursor("the last, empty line", lambda x, y: (x, y) == (left, top + 2))

    terminal.type("답 A")

    screen = terminal.wait_for(
        "the typed answer, autosaved",
        lambda s: "답 A" in s.editor and s.editor[1] == "saved" and "답 A" in note.read_text(),
    )
    assert note.read_text(encoding="utf-8") == "## 질문 A\n\n답 A\n## 질문 B\n답 B\n"
    assert not any("●" in row for row in screen.tree), screen.text
    assert any("질문 A" in row and "∅" not in row for row in screen.tree), screen.text
    terminal.keys("C-q")
    assert terminal.wait_for_exit() == 0  # no "unsaved" question: it is on disk


def test_deleting_the_open_note_never_writes_its_look_alike(
    terminal: Terminal, tmp_path: Path, empty_config: Path
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    mine = notes / "a-회사.md"
    other = notes / "b-다른회사.md"
    mine.write_text(COMPANY.format("A사의 결제 시스템"), encoding="utf-8")
    other.write_text(COMPANY.format("B사의 검색 품질"), encoding="utf-8")
    other_before = other.read_bytes()
    empty_config.write_text("autosave: false\n", encoding="utf-8")
    terminal.start(notes, empty_config)
    terminal.wait_for("the tree", lambda s: any("a-회사.md" in row for row in s.tree))
    screen = open_question(terminal, ["a-회사.md", "인성", "자기소개"])
    left, top = screen.locate("## 자기소개")
    terminal.wait_for_cursor("the answer line", lambda x, y: (x, y) == (left, top + 1))
    terminal.keys("End")
    terminal.wait_for_cursor("the end of the answer", lambda x, y: y == top + 1 and x > left)
    terminal.type(" 에이용 수정")
    terminal.wait_for("the typed text", lambda s: any("에이용 수정" in row for row in s.editor))

    mine.unlink()

    screen = terminal.wait_for(
        "the deleted mark", lambda s: len(s.editor) > 1 and "deleted" in s.editor[1]
    )
    assert screen.editor_title == crumb("a-회사.md", "인성", "자기소개"), screen.text
    assert "renamed" not in screen.text
    terminal.keys("C-s")  # the user's choice: write it back, to the note it came from
    terminal.wait_for("the note recreated", lambda s: mine.exists())
    text = mine.read_text(encoding="utf-8")
    assert "에이용 수정" in text and "A사의 결제 시스템" in text
    assert other.read_bytes() == other_before


def test_sigterm_puts_the_last_keystrokes_in_the_journal(
    terminal: Terminal, tmp_path: Path, empty_config: Path
) -> None:
    """`kill` (or a closed terminal) right after typing: the text is offered at the next start."""
    start_with_note(terminal, tmp_path, empty_config, "## 자기소개\n안녕하세요.\n")
    screen = open_question(terminal, ["면접.md", "자기소개"])
    terminal.type("종료 직전 문장")
    terminal.wait_for("the typed text", lambda s: any("종료 직전 문장" in r for r in s.editor))

    shell = terminal.tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}").strip()
    children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True, check=True)
    os.kill(int(children.stdout.split()[0]), signal.SIGTERM)

    assert terminal.wait_for_exit() == 128 + signal.SIGTERM
    journal = RecoveryJournal(terminal.workdir / "xdg" / "rehearse" / "recovery")
    assert any("종료 직전 문장" in entry.text for entry in journal.entries()), screen.text


@pytest.mark.parametrize("typed", ["가나다", "rnx"])
def test_text_typed_in_one_burst_with_enter_goes_into_the_answer(
    terminal: Terminal, tmp_path: Path, empty_config: Path, typed: str
) -> None:
    """Down, Enter and the first words reach the app together (a fast typist): the words
    went to the tree, lost, or run as its keys (`r` renames, `n` adds a question)."""
    text = "## 자기소개\n안녕하세요.\n\n## 지원 동기\n성장.\n"
    note = start_with_note(terminal, tmp_path, empty_config, text)
    walk_to(terminal, ["면접.md", "자기소개"])

    # One send-keys: written to the terminal together. Down must land before Enter acts.
    terminal.keys("Down", "Enter", typed)

    screen = terminal.wait_for(
        "the typed text, unsaved",
        lambda s: any(typed in r for r in s.editor) and "unsaved" in s.editor[1],
    )
    assert any(r.startswith(f"{typed}성장.") for r in screen.editor), screen.text  # the answer
    assert " to:" not in screen.text and "New question," not in screen.text, (
        screen.text
    )  # no prompt
    terminal.keys("C-s")
    terminal.wait_for("the save", lambda s: s.editor[1].startswith("saved"))
    saved = note.read_text(encoding="utf-8")
    assert saved == f"## 자기소개\n안녕하세요.\n\n## 지원 동기\n{typed}성장.\n"


def test_bytes_that_are_not_utf8_from_the_terminal_are_replaced_not_a_crash(
    terminal: Terminal, tmp_path: Path, empty_config: Path
) -> None:
    """A binary file pasted into the terminal: Textual's input thread died on the first
    byte that is not UTF-8, and the app ended with a traceback."""
    note = start_with_note(terminal, tmp_path, empty_config, "## 자기소개\n안녕하세요.\n")
    open_question(terminal, ["면접.md", "자기소개"])
    pasted = tmp_path / "pasted.bin"
    pasted.write_bytes("붙여".encode() + b"\xff\xfe" + "넣기".encode())

    terminal.tmux("load-buffer", "-b", "binary", str(pasted))
    terminal.tmux("paste-buffer", "-p", "-b", "binary", "-t", "e2e")

    terminal.wait_for("the paste", lambda s: any("넣기" in row for row in s.editor))
    assert terminal.exited() is None
    terminal.keys("C-s")
    terminal.wait_for("the save", lambda s: s.editor[1].startswith("saved"))
    assert note.read_text(encoding="utf-8") == "## 자기소개\n붙여\ufffd\ufffd넣기안녕하세요.\n"
